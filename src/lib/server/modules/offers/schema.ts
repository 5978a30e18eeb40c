import { sql } from 'drizzle-orm';
import {
	pgTable,
	text,
	uuid,
	jsonb,
	timestamp,
	integer,
	boolean,
	doublePrecision,
	uniqueIndex,
	index,
	primaryKey,
	customType,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { municipality, user } from '../../core/schema.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import type { OfferContent, TranslatedTexts } from './content.ts';

/**
 * The Integrationswegweiser, modelled on Open Referral HSDS 3.0 (service, location, taxonomy,
 * taxonomy_term …) plus what HSDS lacks: editorial review and translations with source versions.
 *
 * An offer (HSDS `service`) keeps two copies of its content: the working copy that providers edit
 * and that the editors review (`draft`), and the copy the public sees (`published`). A change under
 * review therefore never takes the published offer off the portal.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The four vocabularies of the directory; terms are editable per municipality. */
export const TAXONOMY_KINDS = ['category', 'target_group', 'immigrant_group', 'offer_type'] as const;
export type TaxonomyKind = (typeof TAXONOMY_KINDS)[number];

export const taxonomy = pgTable(
	'offers_taxonomy',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		kind: text('kind', { enum: TAXONOMY_KINDS }).notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('offers_taxonomy_kind_uq').on(t.municipalityId, t.kind)]
);

export const taxonomyTerm = pgTable(
	'offers_taxonomy_term',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		taxonomyId: uuid('taxonomy_id')
			.notNull()
			.references(() => taxonomy.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		/** German name, the source. */
		name: text('name').notNull(),
		/** The name in the other portal languages, by language code. */
		labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
		description: text('description').notNull().default(''),
		parentId: uuid('parent_id').references((): AnyPgColumn => taxonomyTerm.id),
		position: integer('position').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('offers_taxonomy_term_code_uq').on(t.taxonomyId, t.code), index('offers_taxonomy_term_muni_idx').on(t.municipalityId)]
);

/** Where offers take place (HSDS `location` with its `address` and `accessibility`). */
export const location = pgTable(
	'offers_location',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organization.id),
		name: text('name').notNull(),
		street: text('street').notNull(),
		postalCode: text('postal_code').notNull(),
		city: text('city').notNull(),
		areaId: uuid('area_id').references(() => area.id),
		latitude: doublePrecision('latitude'),
		longitude: doublePrecision('longitude'),
		/** Step-free access: yes, partly, no, or not known. */
		wheelchairAccess: text('wheelchair_access', { enum: ['yes', 'partial', 'no', 'unknown'] }).notNull().default('unknown'),
		accessibleToilet: boolean('accessible_toilet').notNull().default(false),
		accessibilityNotes: text('accessibility_notes').notNull().default(''),
		transitNotes: text('transit_notes').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('offers_location_org_idx').on(t.municipalityId, t.organizationId)]
);

export const REVIEW_STATES = ['draft', 'submitted', 'returned', 'published'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** An offer (HSDS `service`). */
export const service = pgTable(
	'offers_service',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organization.id),
		/**
		 * State of the working copy: `draft` (being written), `submitted` (waiting for the editors),
		 * `returned` (editors asked for changes), `published` (working copy = published copy).
		 */
		reviewState: text('review_state', { enum: REVIEW_STATES }).notNull().default('draft'),
		draft: jsonb('draft').$type<OfferContent>().notNull(),
		/** The author declared the pending change minor: translations stay current when it is published. */
		draftMinor: boolean('draft_minor').notNull().default(false),
		reviewComment: text('review_comment').notNull().default(''),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		published: jsonb('published').$type<OfferContent>(),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
		/** Version of the published source text; a translation made from an older one is outdated. */
		textVersion: integer('text_version').notNull().default(1),
		sourceLanguage: text('source_language').notNull().default('de'),
		/** The provider last confirmed that the offer is still current (publishing counts as confirming). */
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
		/** When the next yearly confirmation is due (confirmation.ts); null while never published. */
		confirmationDueAt: timestamp('confirmation_due_at', { withTimezone: true }),
		/** Reminders sent for the current due date: 0 none, 1 in advance, 2 overdue (editors told too). */
		reminderStage: integer('reminder_stage').notNull().default(0),
		/** Set when the grace period after the due date ran out: the offer is off the portal until confirmed. */
		hiddenAt: timestamp('hidden_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('offers_service_org_idx').on(t.municipalityId, t.organizationId),
		index('offers_service_state_idx').on(t.municipalityId, t.reviewState),
		index('offers_service_published_at_idx').on(t.municipalityId, t.publishedAt)
	]
);

/** A translation of an offer's texts into one portal language. */
export const translation = pgTable(
	'offers_translation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		texts: jsonb('texts').$type<TranslatedTexts>().notNull(),
		/** The `text_version` of the offer this translation was made from. */
		sourceVersion: integer('source_version').notNull(),
		machineMade: boolean('machine_made').notNull().default(false),
		/** Who translated: a person, an agency or a provider name. */
		translator: text('translator').notNull().default(''),
		updatedByUserId: text('updated_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('offers_translation_uq').on(t.serviceId, t.language), index('offers_translation_lang_idx').on(t.municipalityId, t.language)]
);

/**
 * One row per published offer and portal language: what the public search reads. Rebuilt whenever
 * the published copy, a translation or a term label changes. The filter columns copy the published
 * content so that a search is a single indexed scan.
 */
export const searchDocument = pgTable(
	'offers_search_document',
	{
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		language: text('language').notNull(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		organizationId: uuid('organization_id').notNull(),
		name: text('name').notNull(),
		document: tsvector('document').notNull(),
		termIds: uuid('term_ids').array().notNull(),
		areaIds: uuid('area_ids').array().notNull(),
		offerLanguages: text('offer_languages').array().notNull(),
		free: boolean('free').notNull(),
		minimumAge: integer('minimum_age'),
		maximumAge: integer('maximum_age'),
		status: text('status').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.serviceId, t.language] }),
		index('offers_search_document_fts_idx').using('gin', t.document),
		index('offers_search_document_terms_idx').using('gin', t.termIds),
		// The id breaks ties between equal names, so the whole order comes from the index.
		index('offers_search_document_scope_idx').on(t.municipalityId, t.language, t.name, t.serviceId)
	]
);

/**
 * A counter per municipality that rises with every change to its search rows. Cached search results
 * carry the counter they were computed under, so a cache (one per server process) never serves a
 * result from before a publication, even when another process made it.
 */
export const searchState = pgTable('offers_search_state', {
	municipalityId: uuid('municipality_id')
		.primaryKey()
		.references(() => municipality.id),
	generation: integer('generation').notNull().default(0),
	changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
});

/** Words that occur in published offers, per language: the vocabulary that typing errors are corrected against. */
export const searchWord = pgTable(
	'offers_search_word',
	{
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		language: text('language').notNull(),
		word: text('word').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.municipalityId, t.language, t.word] }),
		index('offers_search_word_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)
	]
);

/** "Report wrong information" from the public offer page. */
export const offerReport = pgTable(
	'offers_report',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		message: text('message').notNull(),
		email: text('email').notNull().default(''),
		language: text('language').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		resolvedByUserId: text('resolved_by_user_id').references(() => user.id, { onDelete: 'set null' }),
		/** What the editors did about it (internal note). */
		resolution: text('resolution').notNull().default('')
	},
	(t) => [index('offers_report_open_idx').on(t.municipalityId, t.resolvedAt)]
);

/** Per-municipality rules of the yearly confirmation ("Aktualitätsprüfung"). Missing row = defaults. */
export const offerSettings = pgTable('offers_settings', {
	municipalityId: uuid('municipality_id')
		.primaryKey()
		.references(() => municipality.id),
	confirmationIntervalMonths: integer('confirmation_interval_months').notNull().default(12),
	reminderLeadDays: integer('reminder_lead_days').notNull().default(28),
	graceDays: integer('grace_days').notNull().default(42),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const CONFIRMATION_KINDS = ['publish', 'confirm'] as const;

/**
 * Every publication and confirmation of an offer, kept for the annual report: which organizations took
 * part in a year and which categories they served then (the offer's categories at that moment).
 */
export const offerConfirmation = pgTable(
	'offers_confirmation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		serviceId: uuid('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organization.id),
		kind: text('kind', { enum: CONFIRMATION_KINDS }).notNull(),
		confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		categoryIds: uuid('category_ids').array().notNull()
	},
	(t) => [index('offers_confirmation_year_idx').on(t.municipalityId, t.confirmedAt)]
);

/**
 * A spreadsheet on its way into the directory: the parsed table, the column mapping the editor chose, and
 * after the import what it created. The table is deleted with the row after the import (or after a day).
 */
export const offerImport = pgTable(
	'offers_import',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		filename: text('filename').notNull(),
		/** Headers and rows as read (core/spreadsheet.ts); emptied once imported. */
		sheet: jsonb('sheet').$type<{ headers: string[]; rows: { line: number; cells: string[] }[]; format: string; encoding?: string; delimiter?: string }>().notNull(),
		mapping: jsonb('mapping').$type<Record<string, number | null>>().notNull(),
		publish: boolean('publish').notNull().default(false),
		createOrganizations: boolean('create_organizations').notNull().default(false),
		status: text('status', { enum: ['open', 'imported'] }).notNull().default('open'),
		result: jsonb('result').$type<{ offers: number; organizations: number; locations: number }>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		importedAt: timestamp('imported_at', { withTimezone: true })
	},
	(t) => [index('offers_import_muni_idx').on(t.municipalityId, t.createdAt)]
);
