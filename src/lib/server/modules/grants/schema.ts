import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, jsonb, timestamp, date, boolean, integer, uniqueIndex, index, customType, check } from 'drizzle-orm/pg-core';
import { municipality, user } from '../../core/schema.ts';
import type { Precheck, VoteChoice } from './rules.ts';

/**
 * Verfügungsfonds: a fund, its versioned guideline, rounds with deadlines, applications with cost plans,
 * the jury and its sessions, letters and the ledger of each fund year. Amounts are integer cents.
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const fund = pgTable(
	'grants_fund',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		/** The Geschäftsführung that runs the procedure, as printed on letters. */
		managingOffice: text('managing_office').notNull(),
		address: text('address').notNull().default(''),
		email: text('email').notNull(),
		/** Reference prefix of applications, e.g. "SF" → SF-2026-007. */
		referencePrefix: text('reference_prefix').notNull().default('VF'),
		/** Court named in the notice of legal remedies. */
		court: text('court').notNull().default(''),
		/** Districts (Stadtteile) an application can name. */
		districts: jsonb('districts').$type<string[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('grants_fund_slug_uq').on(t.municipalityId, t.slug)]
);

export interface GuidelineGoal {
	key: string;
	label: string;
}

export const guideline = pgTable(
	'grants_guideline',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		version: integer('version').notNull(),
		title: text('title').notNull(),
		/** Rounds opened from this instant on follow this version. */
		effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
		/** Date of the jury's decision to change it (null for the version the council enacted itself). */
		juryDecidedOn: date('jury_decided_on', { mode: 'string' }),
		/** The council's confirmation, due within 3 months of the jury decision. */
		councilConfirmedOn: date('council_confirmed_on', { mode: 'string' }),
		changeNote: text('change_note').notNull().default(''),
		annualBudgetCents: integer('annual_budget_cents').notNull(),
		capCents: integer('cap_cents').notNull(),
		cooperationCapCents: integer('cooperation_cap_cents').notNull(),
		quoteThresholdCents: integer('quote_threshold_cents').notNull(),
		quotesRequired: integer('quotes_required').notNull(),
		settlementMonths: integer('settlement_months').notNull(),
		decisionWeeks: integer('decision_weeks').notNull(),
		deadlines: jsonb('deadlines').$type<{ month: number; day: number }[]>().notNull(),
		majority: text('majority', { enum: ['present', 'votes_cast'] }).notNull(),
		goals: jsonb('goals').$type<GuidelineGoal[]>().notNull(),
		/** Areas with their own urban-development fund of similar content (§ 5). */
		excludedDistricts: jsonb('excluded_districts').$type<string[]>().notNull().default([]),
		/** Rejections give reasons and a notice of legal remedies (lawful default), or follow the guideline's "ohne Angabe von Gründen". */
		rejectionWithReasons: boolean('rejection_with_reasons').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('grants_guideline_version_uq').on(t.fundId, t.version)]
);

/** A round of applications ending at a deadline (Antragsfrist); the guideline is fixed when it opens. */
export const round = pgTable(
	'grants_round',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		guidelineId: uuid('guideline_id')
			.notNull()
			.references(() => guideline.id),
		/** Fund year (calendar year) whose budget the grants of this round use. */
		year: integer('year').notNull(),
		deadline: date('deadline', { mode: 'string' }).notNull(),
		kind: text('kind', { enum: ['regular', 'additional'] }).notNull(),
		status: text('status', { enum: ['open', 'closed'] })
			.notNull()
			.default('open'),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('grants_round_deadline_uq').on(t.fundId, t.deadline)]
);

/** Budget and committed money of a fund year: the row that approvals lock so that no two overspend it. */
export const fundYear = pgTable(
	'grants_fund_year',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		year: integer('year').notNull(),
		budgetCents: integer('budget_cents').notNull(),
		committedCents: integer('committed_cents').notNull().default(0)
	},
	(t) => [uniqueIndex('grants_fund_year_uq').on(t.fundId, t.year), check('grants_fund_year_within_budget', sql`${t.committedCents} >= 0 AND ${t.committedCents} <= ${t.budgetCents}`)]
);

export interface CostItem {
	label: string;
	amountCents: number;
	isFreelance: boolean;
}

export const APPLICATION_STATUSES = [
	'draft',
	'submitted',
	'revision_requested',
	'ineligible',
	'eligible',
	'approved',
	'rejected',
	'withdrawn',
	'settlement_submitted',
	'refund_demanded',
	'closed'
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Waiting for a decision: the amount applied for is "reserved" in the ledger. */
export const PENDING_STATUSES: readonly ApplicationStatus[] = ['submitted', 'revision_requested', 'eligible'];
/** After a positive decision: the money is granted. */
export const GRANTED_STATUSES: readonly ApplicationStatus[] = ['approved', 'settlement_submitted', 'refund_demanded', 'closed'];

export const application = pgTable(
	'grants_application',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		roundId: uuid('round_id').references(() => round.id),
		/** Aktenzeichen, given on submission. */
		reference: text('reference'),
		/** SHA-256 of the applicant's secret link; the link itself is only mailed and shown once. */
		accessTokenHash: text('access_token_hash').notNull(),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
		organizationName: text('organization_name').notNull().default(''),
		organizationKind: text('organization_kind', { enum: ['group', 'association', 'institution'] })
			.notNull()
			.default('group'),
		contactName: text('contact_name').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		postalAddress: text('postal_address').notNull().default(''),
		title: text('title').notNull().default(''),
		description: text('description').notNull().default(''),
		district: text('district').notNull().default(''),
		goals: jsonb('goals').$type<string[]>().notNull().default([]),
		isCooperation: boolean('is_cooperation').notNull().default(false),
		cooperationPartners: text('cooperation_partners').notNull().default(''),
		startDate: date('start_date', { mode: 'string' }),
		endDate: date('end_date', { mode: 'string' }),
		costItems: jsonb('cost_items').$type<CostItem[]>().notNull().default([]),
		ownFundsCents: integer('own_funds_cents').notNull().default(0),
		sponsorFundsCents: integer('sponsor_funds_cents').notNull().default(0),
		sponsorNote: text('sponsor_note').notNull().default(''),
		requestedCents: integer('requested_cents').notNull().default(0),
		advanceRequested: boolean('advance_requested').notNull().default(false),
		advanceReason: text('advance_reason').notNull().default(''),
		/** The applicant agrees to be named in the public list of funded projects. */
		publishConsent: boolean('publish_consent').notNull().default(false),
		precheck: jsonb('precheck').$type<Precheck>().notNull().default({}),
		/** Reasons of the decision (pre-check rejection or jury), always stored. */
		decisionReasons: text('decision_reasons').notNull().default(''),
		grantedCents: integer('granted_cents').notNull().default(0),
		conditions: text('conditions').notNull().default(''),
		settlementReport: text('settlement_report').notNull().default(''),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		settlementDueOn: date('settlement_due_on', { mode: 'string' }),
		settlementSubmittedAt: timestamp('settlement_submitted_at', { withTimezone: true }),
		/** Reminder mails already sent, so a job run more or less changes nothing. */
		remindersSent: jsonb('reminders_sent').$type<string[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [
		uniqueIndex('grants_application_token_uq').on(t.accessTokenHash),
		uniqueIndex('grants_application_reference_uq').on(t.municipalityId, t.reference),
		index('grants_application_worklist_idx').on(t.fundId, t.status, t.submittedAt)
	]
);

/** Every step of an application, in order: the applicant's status page and the record of amendments. */
export const applicationStep = pgTable(
	'grants_application_step',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => application.id),
		kind: text('kind').notNull(),
		/** Text the applicant sees (requests, answers); internal notes stay in `internalNote`. */
		message: text('message').notNull().default(''),
		internalNote: text('internal_note').notNull().default(''),
		actorLabel: text('actor_label').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('grants_application_step_idx').on(t.applicationId, t.at)]
);

export const DOCUMENT_KINDS = ['attachment', 'receipt', 'quote', 'fee_contract'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A file of an application: attachment, receipt (Beleg), quote (Angebot) or fee contract. */
export const applicationDocument = pgTable(
	'grants_document',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => application.id),
		kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
		fileName: text('file_name').notNull(),
		mediaType: text('media_type').notNull(),
		size: integer('size').notNull(),
		content: bytea('content').notNull(),
		/** Receipts and quotes: which cost item (index in the cost plan) and what amount. */
		costItemIndex: integer('cost_item_index'),
		amountCents: integer('amount_cents'),
		supplier: text('supplier').notNull().default(''),
		/** Quotes: the one chosen; receipts: accepted (true), refused (false) or not checked (null). */
		chosen: boolean('chosen').notNull().default(false),
		accepted: boolean('accepted'),
		note: text('note').notNull().default(''),
		uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull()
	},
	(t) => [index('grants_document_application_idx').on(t.applicationId)]
);

export const juryMember = pgTable(
	'grants_jury_member',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		name: text('name').notNull(),
		/** Seat, e.g. "Bezirksbürgermeister Mitte" or "Sozialamt". */
		seat: text('seat').notNull(),
		deputyOf: uuid('deputy_of'),
		/** Account that may vote online for this member (optional: the office can record votes). */
		userId: text('user_id').references(() => user.id),
		email: text('email').notNull().default(''),
		active: boolean('active').notNull().default(true)
	},
	(t) => [index('grants_jury_member_fund_idx').on(t.fundId)]
);

export const jurySession = pgTable('grants_session', {
	id: uuid('id').primaryKey().defaultRandom(),
	municipalityId: uuid('municipality_id')
		.notNull()
		.references(() => municipality.id),
	fundId: uuid('fund_id')
		.notNull()
		.references(() => fund.id),
	startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
	location: text('location').notNull(),
	status: text('status', { enum: ['planned', 'closed'] })
		.notNull()
		.default('planned'),
	/** Member ids present. */
	present: jsonb('present').$type<string[]>().notNull().default([]),
	minutesNote: text('minutes_note').notNull().default(''),
	closedAt: timestamp('closed_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull()
});

/** An application on a session's agenda, with the jury's result once the session is closed. */
export const sessionItem = pgTable(
	'grants_session_item',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => jurySession.id),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => application.id),
		position: integer('position').notNull(),
		/** The amount put to the vote (the full request or a reduced one). */
		proposedCents: integer('proposed_cents').notNull(),
		recused: jsonb('recused').$type<string[]>().notNull().default([]),
		/** A written opinion of another office (§ Präambel), if the jury asked for one. */
		opinion: text('opinion').notNull().default(''),
		result: text('result', { enum: ['approved', 'rejected'] }),
		tally: jsonb('tally').$type<{ yes: number; no: number; abstain: number; entitled: number }>()
	},
	(t) => [uniqueIndex('grants_session_item_uq').on(t.sessionId, t.applicationId)]
);

export const vote = pgTable(
	'grants_vote',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		sessionItemId: uuid('session_item_id')
			.notNull()
			.references(() => sessionItem.id),
		memberId: uuid('member_id')
			.notNull()
			.references(() => juryMember.id),
		choice: text('choice', { enum: ['yes', 'no', 'abstain'] })
			.$type<VoteChoice>()
			.notNull(),
		recordedBy: text('recorded_by').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('grants_vote_uq').on(t.sessionItemId, t.memberId)]
);

export const ledgerEntry = pgTable(
	'grants_ledger_entry',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundYearId: uuid('fund_year_id')
			.notNull()
			.references(() => fundYear.id),
		applicationId: uuid('application_id')
			.notNull()
			.references(() => application.id),
		kind: text('kind', { enum: ['commitment', 'release', 'payment', 'refund'] }).notNull(),
		amountCents: integer('amount_cents').notNull(),
		note: text('note').notNull().default(''),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('grants_ledger_year_idx').on(t.fundYearId)]
);

export const LETTER_KINDS = [
	'receipt_confirmation',
	'revision_request',
	'precheck_rejection',
	'invitation',
	'minutes',
	'approval',
	'rejection',
	'rejection_without_reasons',
	'payment_order',
	'settlement_record',
	'refund_demand'
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** A letter as it was issued: its HTML is frozen, so the PDF shows what was sent even if a template changes. */
export const letter = pgTable(
	'grants_letter',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		applicationId: uuid('application_id').references(() => application.id),
		sessionId: uuid('session_id').references(() => jurySession.id),
		kind: text('kind', { enum: LETTER_KINDS }).notNull(),
		subject: text('subject').notNull(),
		html: text('html').notNull(),
		/** The PDF, rendered from `html` on the first download and kept: the letter never changes, and rendering costs half a second. */
		pdf: bytea('pdf'),
		/** Letters to the applicant are shown on their status page. */
		toApplicant: boolean('to_applicant').notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('grants_letter_application_idx').on(t.applicationId), index('grants_letter_session_idx').on(t.sessionId)]
);

/** A municipality's own wording of a letter; without a row the platform's default text applies. */
export const letterTemplate = pgTable(
	'grants_letter_template',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		fundId: uuid('fund_id')
			.notNull()
			.references(() => fund.id),
		kind: text('kind', { enum: LETTER_KINDS }).notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull()
	},
	(t) => [uniqueIndex('grants_letter_template_uq').on(t.fundId, t.kind)]
);
