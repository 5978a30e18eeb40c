export * from './funds.ts';
export * from './applications.ts';
export * from './sessions.ts';
export * from './ledger.ts';
export * from './letter-service.ts';
export { readApplicationForm, submissionErrors, totalCostCents, COST_ROWS, MAX_COST_ROWS, ORGANIZATION_KINDS } from './application-form.ts';
export { LETTER_LABELS, PLACEHOLDERS } from './letters.ts';
export { PRECHECK_CRITERIA, EXPENSE_FINDING_TEXT, formatEuro, germanDate, berlinDate, decisionDueDate, deadlineState, capFor } from './rules.ts';
export { APPLICATION_STATUSES, LETTER_KINDS, type ApplicationStatus, type LetterKind } from './schema.ts';
export { DOCUMENT_KINDS } from './schema.ts';
/** What an applicant may upload: attachments with the application, the rest with the settlement. */
export const DOCUMENT_KINDS_PUBLIC = ['attachment', 'receipt', 'quote', 'fee_contract'] as const;
