import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, jsonb, timestamp, date, doublePrecision, boolean, integer, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { municipality, user } from '../../core/schema.ts';
import { area } from '../areas/schema.ts';
import type { Formula } from './key-figures.ts';
import type { TableMapping } from './table-import.ts';
import type { HighlightRule } from './highlights.ts';
import type { AgeBand } from './migrapro.ts';

/**
 * Integrationsmonitoring. Base figures (Grundzahlen) are numbers as a source publishes them, per area,
 * reference date (Stichtag) and breakdown category; key figures (Kennzahlen) are formulas over them and
 * are never stored as numbers. Only aggregates live here: microdata never reaches the database.
 */

/** A Grundzahl of the catalogue: what is counted, in which unit, from which source. */
export const baseFigure = pgTable(
	'monitoring_base_figure',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		/** Stable code that key-figure formulas refer to, e.g. "einwohner_nach_alter". */
		code: text('code').notNull(),
		name: text('name').notNull(),
		definition: text('definition').notNull().default(''),
		/** count, percent (sources that print only shares) or number. */
		unit: text('unit', { enum: ['count', 'percent', 'number'] })
			.notNull()
			.default('count'),
		source: text('source').notNull().default(''),
		/** What the categories are, e.g. "Altersgruppe" or "Herkunft"; empty when the figure has none. */
		breakdownLabel: text('breakdown_label').notNull().default(''),
		/** Field of the Integrationsmonitoring der Länder the figure belongs to, e.g. "Arbeitsmarkt". */
		topic: text('topic').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('monitoring_base_figure_code_uq').on(t.municipalityId, t.code), uniqueIndex('monitoring_base_figure_name_uq').on(t.municipalityId, t.name)]
);

/**
 * One number of a base figure. A re-import of a reference date supersedes the rows it replaces
 * (`superseded_at`) instead of deleting them, so earlier deliveries stay traceable.
 */
export const figureValue = pgTable(
	'monitoring_value',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		baseFigureId: uuid('base_figure_id')
			.notNull()
			.references(() => baseFigure.id, { onDelete: 'cascade' }),
		/** null: the whole municipality. */
		areaId: uuid('area_id').references(() => area.id),
		/** The area's code as delivered ('' for the whole municipality), so the unique key needs no nulls. */
		areaCode: text('area_code').notNull(),
		/** Breakdown category ('' for the total of the figure). */
		category: text('category').notNull().default(''),
		referenceDate: date('reference_date', { mode: 'string' }).notNull(),
		/** null when the source withheld the number (DIN 55301 ".", "/", "x", "…"). */
		value: doublePrecision('value'),
		/** As the source delivered it: ok, zero, secret, not_reliable, not_applicable, not_available. */
		sourceStatus: text('source_status').notNull().default('ok'),
		importId: uuid('import_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		supersededAt: timestamp('superseded_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('monitoring_value_current_uq')
			.on(t.baseFigureId, t.referenceDate, t.areaCode, t.category)
			.where(sql`${t.supersededAt} is null`),
		index('monitoring_value_figure_idx').on(t.municipalityId, t.baseFigureId, t.referenceDate),
		// The disclosure control reads all current values of one reference date at once.
		index('monitoring_value_date_idx')
			.on(t.municipalityId, t.referenceDate)
			.where(sql`${t.supersededAt} is null`)
	]
);

/** A table from the statistics office on its way in: the sheet as read, the mapping, then the result. */
export const tableImport = pgTable(
	'monitoring_import',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		filename: text('filename').notNull(),
		/** Headers and rows as read (core/spreadsheet.ts); emptied once imported or discarded. */
		sheet: jsonb('sheet').$type<{ headers: string[]; rows: { line: number; cells: string[] }[]; format: string; encoding?: string; delimiter?: string }>().notNull(),
		mapping: jsonb('mapping').$type<TableMapping>().notNull(),
		source: text('source').notNull().default(''),
		status: text('status', { enum: ['open', 'imported', 'discarded'] })
			.notNull()
			.default('open'),
		result: jsonb('result').$type<{ figures: number; newFigures: number; values: number; superseded: number; referenceDates: string[] }>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		importedAt: timestamp('imported_at', { withTimezone: true })
	},
	(t) => [index('monitoring_import_muni_idx').on(t.municipalityId, t.createdAt)]
);

/** A Kennzahl: a formula over base figures, computed on demand; optionally published on the portal. */
export const keyFigure = pgTable(
	'monitoring_key_figure',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		formula: jsonb('formula').$type<Formula>().notNull(),
		/** Shown on the public portal (after disclosure control); otherwise internal. */
		isPublic: boolean('is_public').notNull().default(false),
		/** Which plain-language sentences fit: 'migration_background' for shares of residents with a migration background. */
		statements: text('statements', { enum: ['none', 'migration_background'] })
			.notNull()
			.default('none'),
		/** Target value and date where the concept sets one. */
		targetValue: doublePrecision('target_value'),
		targetDate: date('target_date', { mode: 'string' }),
		position: integer('position').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('monitoring_key_figure_name_uq').on(t.municipalityId, t.name)]
);

/**
 * A qualitative or impact indicator (Ratingen concept, ch. 3.4): evidence that a goal is being reached
 * that no count shows, recorded as dated statements with their evidence.
 */
export const indicator = pgTable(
	'monitoring_indicator',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		topic: text('topic').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('monitoring_indicator_name_uq').on(t.municipalityId, t.name)]
);

export const indicatorStatement = pgTable(
	'monitoring_indicator_statement',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		indicatorId: uuid('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		/** The day the statement describes (not when it was typed). */
		statedOn: date('stated_on', { mode: 'string' }).notNull(),
		statement: text('statement').notNull(),
		/** Where it can be checked: a protocol, a report, a survey. */
		evidence: text('evidence').notNull(),
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('monitoring_indicator_statement_idx').on(t.municipalityId, t.indicatorId, t.statedOn)]
);

/**
 * The monitoring rules a municipality sets for itself (one row, absent = the defaults in settings.ts):
 * the disclosure threshold and minimum denominator its statistics office applies, the highlight rules
 * of its tables, and the age bands of its register runs.
 */
export const monitoringSettings = pgTable('monitoring_settings', {
	municipalityId: uuid('municipality_id')
		.primaryKey()
		.references(() => municipality.id),
	/** Counts 1 … threshold−1 are withheld. */
	suppressionThreshold: integer('suppression_threshold').notNull().default(3),
	/** Shares and rates over fewer than this many people are marked not reliable. */
	minDenominator: integer('min_denominator').notNull().default(30),
	highlightRules: jsonb('highlight_rules').$type<HighlightRule[]>().notNull(),
	ageBands: jsonb('age_bands').$type<AgeBand[]>().notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	updatedBy: text('updated_by').references(() => user.id, { onDelete: 'set null' })
});
