/**
 * The application form: what the applicant typed → the stored application, and what is still missing before it
 * may be submitted. Field errors are codes; the portal shows them in the visitor's language.
 */
import { capFor, isIsoDate, parseEuro, type GuidelineRules } from './rules.ts';
import type { CostItem } from './schema.ts';

/** Rows of a new cost plan; every save offers three more empty rows, up to the maximum (the form has no JavaScript). */
export const COST_ROWS = 8;
export const MAX_COST_ROWS = 20;
export const ORGANIZATION_KINDS = ['group', 'association', 'institution'] as const;

export interface ApplicationFields {
	organizationName: string;
	organizationKind: (typeof ORGANIZATION_KINDS)[number];
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	postalAddress: string;
	title: string;
	description: string;
	district: string;
	goals: string[];
	isCooperation: boolean;
	cooperationPartners: string;
	startDate: string | null;
	endDate: string | null;
	costItems: CostItem[];
	ownFundsCents: number;
	sponsorFundsCents: number;
	sponsorNote: string;
	requestedCents: number;
	advanceRequested: boolean;
	advanceReason: string;
	publishConsent: boolean;
}

export type FieldErrors = Record<string, string>;

const LIMITS: Record<string, number> = {
	organizationName: 200,
	contactName: 200,
	contactEmail: 200,
	contactPhone: 60,
	postalAddress: 400,
	title: 200,
	description: 6000,
	cooperationPartners: 1000,
	sponsorNote: 500,
	advanceReason: 1000
};

const str = (raw: Record<string, unknown>, key: string) => String(raw[key] ?? '').trim();
const flag = (raw: Record<string, unknown>, key: string) => ['on', 'true', '1', 'yes'].includes(str(raw, key));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads the form. Only malformed values are errors here: a draft may be incomplete. */
export function readApplicationForm(raw: Record<string, unknown>, goalKeys: readonly string[]): { fields: ApplicationFields; errors: FieldErrors } {
	const errors: FieldErrors = {};
	for (const [key, max] of Object.entries(LIMITS)) if (str(raw, key).length > max) errors[key] = 'too_long';
	const email = str(raw, 'contactEmail');
	if (email && !EMAIL.test(email)) errors.contactEmail = 'email_invalid';
	const date = (key: string) => {
		const v = str(raw, key);
		if (!v) return null;
		if (!isIsoDate(v)) {
			errors[key] = 'date_invalid';
			return null;
		}
		return v;
	};
	const money = (key: string) => {
		const v = str(raw, key);
		if (!v) return 0;
		const cents = parseEuro(v);
		if (cents === null) {
			errors[key] = 'amount_invalid';
			return 0;
		}
		return cents;
	};
	const costItems: CostItem[] = [];
	for (let i = 0; i < MAX_COST_ROWS; i++) {
		const label = str(raw, `costLabel${i}`);
		const amountText = str(raw, `costAmount${i}`);
		if (!label && !amountText) continue;
		const amountCents = parseEuro(amountText);
		if (!label) errors[`costLabel${i}`] = 'required';
		else if (label.length > 200) errors[`costLabel${i}`] = 'too_long';
		if (amountCents === null || amountCents === 0) errors[`costAmount${i}`] = 'amount_invalid';
		costItems.push({ label, amountCents: amountCents ?? 0, isFreelance: flag(raw, `costFreelance${i}`) });
	}
	const goalsRaw = raw.goals;
	const goals = (Array.isArray(goalsRaw) ? goalsRaw : goalsRaw ? [goalsRaw] : []).map(String).filter((g) => goalKeys.includes(g));
	const kind = str(raw, 'organizationKind');
	const fields: ApplicationFields = {
		organizationName: str(raw, 'organizationName'),
		organizationKind: (ORGANIZATION_KINDS as readonly string[]).includes(kind) ? (kind as ApplicationFields['organizationKind']) : 'group',
		contactName: str(raw, 'contactName'),
		contactEmail: email,
		contactPhone: str(raw, 'contactPhone'),
		postalAddress: str(raw, 'postalAddress'),
		title: str(raw, 'title'),
		description: str(raw, 'description'),
		district: str(raw, 'district'),
		goals: [...new Set(goals)],
		isCooperation: flag(raw, 'isCooperation'),
		cooperationPartners: str(raw, 'cooperationPartners'),
		startDate: date('startDate'),
		endDate: date('endDate'),
		costItems,
		ownFundsCents: money('ownFunds'),
		sponsorFundsCents: money('sponsorFunds'),
		sponsorNote: str(raw, 'sponsorNote'),
		requestedCents: money('requested'),
		advanceRequested: flag(raw, 'advanceRequested'),
		advanceReason: str(raw, 'advanceReason'),
		publishConsent: flag(raw, 'publishConsent')
	};
	// Only the fields of the form, cut to their limits, are ever stored.
	for (const [key, max] of Object.entries(LIMITS)) (fields as unknown as Record<string, string>)[key] = (fields as unknown as Record<string, string>)[key]!.slice(0, max);
	return { fields, errors };
}

export function totalCostCents(items: readonly CostItem[]): number {
	return items.reduce((s, i) => s + i.amountCents, 0);
}

/** What must be in place before submission; codes per field. `today` is the Berlin date of submission. */
export function submissionErrors(a: ApplicationFields, rules: Pick<GuidelineRules, 'capCents' | 'cooperationCapCents'>, districts: readonly string[], today: string): FieldErrors {
	const errors: FieldErrors = {};
	for (const key of ['organizationName', 'contactName', 'contactEmail', 'postalAddress', 'title', 'description'] as const) if (!a[key]) errors[key] = 'required';
	if (a.contactEmail && !EMAIL.test(a.contactEmail)) errors.contactEmail = 'email_invalid';
	if (!a.district) errors.district = 'required';
	else if (districts.length && !districts.includes(a.district)) errors.district = 'district_unknown';
	if (a.goals.length === 0) errors.goals = 'goals_required';
	if (a.isCooperation && !a.cooperationPartners) errors.cooperationPartners = 'required';
	if (!a.startDate) errors.startDate = 'required';
	else if (a.startDate < today) errors.startDate = 'start_in_past';
	if (!a.endDate) errors.endDate = 'required';
	else if (a.startDate && a.endDate < a.startDate) errors.endDate = 'end_before_start';
	if (a.costItems.length === 0) errors.costLabel0 = 'costs_required';
	if (a.requestedCents <= 0) errors.requested = 'required';
	else if (a.requestedCents > capFor(rules, a.isCooperation)) errors.requested = a.isCooperation ? 'over_cooperation_cap' : 'over_cap';
	else if (a.costItems.length && a.requestedCents > totalCostCents(a.costItems) - a.ownFundsCents - a.sponsorFundsCents) errors.requested = 'over_gap';
	if (a.advanceRequested && !a.advanceReason) errors.advanceReason = 'required';
	return errors;
}
