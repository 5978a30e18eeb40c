import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';

import type { Municipality } from '../../core/tenancy.ts';
import { baseFigure, figureValue, keyFigure } from './schema.ts';
import { differenceInPoints, isPublished, rate, ratio, renderCell, share, symbolFor, type CellStatus, type ProtectedValue } from './disclosure.ts';
import { areaTree, categoryOrder, protectedFigure, TOTAL, valuesOf, type AreaNode } from './protection.ts';
import { applyHighlightRules, type HighlightCell, type HighlightRule } from './highlights.ts';
import { loadMonitoringSettings, ruleLabel } from './settings.ts';
import { makeStatement, parseAgeBand, type Statement, type StatementLanguage } from './statements.ts';
import { roundForDisplay, type FigureFormula, type Formula, type KeyFigureUnit } from './key-figures.ts';
import { ensureDefaultCatalogue } from './defaults.ts';

/*
 * Reading the monitoring: the catalogue of base figures, tables by area, and key figures (shares) with
 * their comparison over time, highlights and plain-language statements. Every number passes the
 * disclosure control (disclosure.ts) before it leaves this file, in tables, maps and statements alike.
 */

/* ---------- catalogue ---------- */

export async function listBaseFigures(ctx: ServiceContext) {
	authorize(ctx, 'monitoring.read');
	await ensureDefaultCatalogue(ctx.db, ctx.municipality.id, ctx.clock.now());
	const figures = await ctx.db.select().from(baseFigure).where(eq(baseFigure.municipalityId, ctx.municipality.id)).orderBy(asc(baseFigure.topic), asc(baseFigure.name));
	const stats = await ctx.db
		.select({
			id: figureValue.baseFigureId,
			values: sql<number>`count(*)::int`,
			dates: sql<string[]>`array_agg(distinct ${figureValue.referenceDate}::text order by ${figureValue.referenceDate}::text)`,
			categories: sql<number>`count(distinct ${figureValue.category})::int`
		})
		.from(figureValue)
		.where(and(eq(figureValue.municipalityId, ctx.municipality.id), isNull(figureValue.supersededAt)))
		.groupBy(figureValue.baseFigureId);
	const byId = new Map(stats.map((s) => [s.id, s]));
	return figures.map((f) => ({ ...f, values: byId.get(f.id)?.values ?? 0, referenceDates: byId.get(f.id)?.dates ?? [], categories: byId.get(f.id)?.categories ?? 0 }));
}

async function findFigure(db: DbOrTx, municipalityId: string, id: string) {
	if (!isUuid(id)) throw new NotFoundError('Diese Grundzahl gibt es nicht.');
	const [row] = await db
		.select()
		.from(baseFigure)
		.where(and(eq(baseFigure.municipalityId, municipalityId), eq(baseFigure.id, id)));
	if (!row) throw new NotFoundError('Diese Grundzahl gibt es nicht.');
	return row;
}

const LEVELS = ['district', 'quarter', 'social_space'] as const;
export type Level = (typeof LEVELS)[number];

function levelsPresent(areas: AreaNode[]): Level[] {
	return LEVELS.filter((l) => areas.some((a) => a.level === l));
}

export async function figureTable(ctx: ServiceContext, id: string, query: { date?: string; level?: string }) {
	authorize(ctx, 'monitoring.read');
	const figure = await findFigure(ctx.db, ctx.municipality.id, id);
	const all = await valuesOf(ctx.db, ctx.municipality.id, figure.id);
	const dates = [...new Set(all.map((r) => r.referenceDate))].sort();
	const date = dates.includes(query.date ?? '') ? query.date! : (dates.at(-1) ?? null);
	const categories = [...new Set(all.map((r) => r.category))].sort((a, b) => categoryOrder(a, b));
	const areas = await areaTree(ctx.db, ctx.municipality.id);
	const levels = levelsPresent(areas).filter((l) => all.some((r) => areas.find((a) => a.id === r.areaId)?.level === l));
	const level = (levels as string[]).includes(query.level ?? '') ? (query.level as Level) : (levels[0] ?? null);
	const protectedCells = date ? await protectedFigure(ctx.db, ctx.municipality.id, figure.id, date, areas) : new Map<string, Map<string, ProtectedValue>>();
	const shown = [
		...(protectedCells.has(TOTAL) ? [{ id: TOTAL, code: '', name: ctx.municipality.name, isTotal: true }] : []),
		...areas.filter((a) => a.level === level && protectedCells.has(a.id)).map((a) => ({ id: a.id, code: a.code, name: a.name, isTotal: false }))
	];
	return {
		figure,
		dates,
		date,
		levels,
		level,
		categories,
		rows: shown.map((a) => ({ ...a, cells: categories.map((c) => display(protectedCells.get(a.id)?.get(c) ?? { value: null, status: 'not_available' })) }))
	};
}

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const germanShare = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function display(cell: ProtectedValue, format: (n: number) => string = (n) => germanNumber.format(n)) {
	return { text: renderCell(cell, format), status: cell.status, value: cell.value, symbol: symbolFor(cell.status) };
}

/* ---------- key figures ---------- */

const keyFigureFields = {
	name: z.string({ error: 'Bitte geben Sie einen Namen an.' }).trim().min(3, 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
	description: z.string().trim().max(2000, 'Die Beschreibung darf höchstens 2.000 Zeichen lang sein.').default(''),
	isPublic: z.preprocess((v) => v === 'on' || v === true, z.boolean())
};
const quotientFields = {
	numeratorFigure: z.string({ error: 'Bitte wählen Sie die Grundzahl für den Zähler.' }).uuid('Bitte wählen Sie die Grundzahl für den Zähler.'),
	numeratorCategory: z.string().max(300).default(''),
	denominatorFigure: z.string({ error: 'Bitte wählen Sie die Grundzahl für den Nenner.' }).uuid('Bitte wählen Sie die Grundzahl für den Nenner.'),
	denominatorCategory: z.string().max(300).default('')
};
const shareInput = z.object({ ...keyFigureFields, ...quotientFields, statements: z.enum(['none', 'migration_background']).default('none') });

export async function createShareKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(shareInput, raw);
	const numerator = await findFigure(ctx.db, ctx.municipality.id, input.numeratorFigure);
	const denominator = await findFigure(ctx.db, ctx.municipality.id, input.denominatorFigure);
	if (numerator.unit !== 'count' || denominator.unit !== 'count')
		throw new ValidationError('Ein Anteil braucht Anzahlen in Zähler und Nenner.', { numeratorFigure: 'Zähler und Nenner müssen Anzahlen sein (keine Prozentwerte).' });
	const formula: Formula = { kind: 'share', numerator: figurePart(numerator.code, input.numeratorCategory), denominator: figurePart(denominator.code, input.denominatorCategory) };
	return insertKeyFigure(ctx, { ...input, formula });
}

/* Rates, ratios and counts of categories: the other formula kinds of key-figures.ts, offered in the form. */

/** The bases a rate may have: per 100, 1,000, 10,000 or 100,000 of the denominator. */
export const RATE_BASES = [100, 1000, 10_000, 100_000] as const;

/** "1.000" or "1000" → 1000; empty → undefined; anything else → NaN, which the schema refuses. */
const wholeNumber = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d{1,3}(\.\d{3})*$|^\d+$/.test(v.trim()) ? Number(v.trim().replace(/\./g, '')) : Number.NaN) : v);

const rateInput = z.object({
	...keyFigureFields,
	...quotientFields,
	per: z.preprocess(
		(v) => wholeNumber(v) ?? 1000,
		z.number({ error: 'Bitte wählen Sie je 100, je 1.000, je 10.000 oder je 100.000.' }).refine((n) => (RATE_BASES as readonly number[]).includes(n), 'Bitte wählen Sie je 100, je 1.000, je 10.000 oder je 100.000.')
	)
});
const ratioInput = z.object({ ...keyFigureFields, ...quotientFields });
const countAtLeastInput = z.object({
	...keyFigureFields,
	figure: z.string({ error: 'Bitte wählen Sie die Grundzahl, deren Merkmale gezählt werden.' }).uuid('Bitte wählen Sie die Grundzahl, deren Merkmale gezählt werden.'),
	threshold: z.preprocess(
		wholeNumber,
		z
			.number({ error: 'Bitte geben Sie eine ganze Zahl ab 1 an, zum Beispiel 10.' })
			.int('Bitte geben Sie eine ganze Zahl ab 1 an, zum Beispiel 10.')
			.min(1, 'Bitte geben Sie eine ganze Zahl ab 1 an, zum Beispiel 10.')
			.max(1_000_000_000, 'Diese Schwelle ist zu groß.')
	)
});

/** A base figure with a category, as an operand of a formula ('' = the figure's own total). */
const figurePart = (code: string, category: string): FigureFormula => ({ kind: 'figure', baseFigure: code, ...(category ? { breakdown: { category } } : {}) });

/** The categories a figure currently has values for ('' = its own total). */
async function currentCategories(db: DbOrTx, municipalityId: string, figureId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ category: figureValue.category })
		.from(figureValue)
		.where(and(eq(figureValue.municipalityId, municipalityId), eq(figureValue.baseFigureId, figureId), isNull(figureValue.supersededAt)));
	return rows.map((r) => r.category).sort(categoryOrder);
}

type FigureRow = typeof baseFigure.$inferSelect;

/**
 * A count of this municipality with one of its categories, or the reason why not (as a field message):
 * unknown here (or another municipality's), not a count, or a category it has no values for.
 */
async function countOperand(ctx: ServiceContext, figureId: string, category: string | null, role: string): Promise<FigureRow | string> {
	const [figure] = await ctx.db
		.select()
		.from(baseFigure)
		.where(and(eq(baseFigure.municipalityId, ctx.municipality.id), eq(baseFigure.id, figureId)));
	if (!figure) return 'Diese Grundzahl gibt es in Ihrer Kommune nicht.';
	if (figure.unit !== 'count') return `„${figure.name}“ ist keine Anzahl. ${role} braucht eine Anzahl, keinen Prozentwert.`;
	const categories = await currentCategories(ctx.db, ctx.municipality.id, figure.id);
	if (!categories.length) return `Zu „${figure.name}“ gibt es noch keine Werte. Importieren Sie zuerst eine Tabelle.`;
	if (category !== null && !categories.includes(category))
		return category ? `Das Merkmal „${category}“ gibt es bei „${figure.name}“ nicht.` : `„${figure.name}“ hat keinen Wert „insgesamt“. Bitte wählen Sie ein Merkmal.`;
	return figure;
}

/** Numerator and denominator of a rate or a ratio: both counts of this municipality, and not the same number. */
async function quotientOperands(ctx: ServiceContext, input: z.infer<typeof ratioInput>, what: string): Promise<[FigureRow, FigureRow]> {
	const numerator = await countOperand(ctx, input.numeratorFigure, input.numeratorCategory, 'Der Zähler');
	const denominator = await countOperand(ctx, input.denominatorFigure, input.denominatorCategory, 'Der Nenner');
	const errors: Record<string, string> = {};
	if (typeof numerator === 'string') errors.numeratorFigure = numerator;
	if (typeof denominator === 'string') errors.denominatorFigure = denominator;
	else if (input.numeratorFigure === input.denominatorFigure && input.numeratorCategory === input.denominatorCategory)
		errors.denominatorFigure = 'Zähler und Nenner sind dieselbe Zahl. Bitte wählen Sie für den Nenner eine andere Grundzahl oder ein anderes Merkmal.';
	if (Object.keys(errors).length) throw new ValidationError(`${what} lässt sich so nicht berechnen. Bitte prüfen Sie die markierten Felder.`, errors);
	return [numerator as FigureRow, denominator as FigureRow];
}

/** A rate: numerator per `per` (default 1,000) of the denominator, e.g. naturalisations per 1,000 foreign residents. */
export async function createRateKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(rateInput, raw);
	const [numerator, denominator] = await quotientOperands(ctx, input, 'Die Rate');
	const formula: Formula = { kind: 'rate', numerator: figurePart(numerator.code, input.numeratorCategory), denominator: figurePart(denominator.code, input.denominatorCategory), per: input.per };
	return insertKeyFigure(ctx, { ...input, formula, statements: 'none' });
}

/** A ratio of two counts, e.g. unemployed foreigners to unemployed Germans. */
export async function createRatioKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(ratioInput, raw);
	const [numerator, denominator] = await quotientOperands(ctx, input, 'Das Verhältnis');
	const formula: Formula = { kind: 'ratio', numerator: figurePart(numerator.code, input.numeratorCategory), denominator: figurePart(denominator.code, input.denominatorCategory) };
	return insertKeyFigure(ctx, { ...input, formula, statements: 'none' });
}

/**
 * How many categories of a count reach a threshold in each area, e.g. the (former) nationalities with
 * at least 10 residents (Bottrop). The figure's total category is never counted.
 */
export async function createCountAtLeastKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(countAtLeastInput, raw);
	const figure = await countOperand(ctx, input.figure, null, 'Die Zählung');
	if (typeof figure === 'string') throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { figure });
	const categories = await currentCategories(ctx.db, ctx.municipality.id, figure.id);
	const totals = categories.filter(isTotalCategory);
	if (categories.length === totals.length)
		throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { figure: `„${figure.name}“ hat keine Merkmale, die sich zählen ließen (nur eine Gesamtzahl).` });
	const formula: Formula = { kind: 'countAtLeast', of: figurePart(figure.code, ''), dimension: 'category', threshold: input.threshold, ...(totals.length ? { exclude: totals } : {}) };
	return insertKeyFigure(ctx, { ...input, formula, statements: 'none' });
}

/** Every kind of key figure: a unique name per municipality, stored with its formula and audited. */
async function insertKeyFigure(ctx: ServiceContext, input: { name: string; description: string; formula: Formula; isPublic: boolean; statements: 'none' | 'migration_background' }) {
	return inTransaction(ctx, async (tx) => {
		const [clash] = await tx
			.select({ id: keyFigure.id })
			.from(keyFigure)
			.where(and(eq(keyFigure.municipalityId, ctx.municipality.id), eq(keyFigure.name, input.name)));
		if (clash) throw new ValidationError('Eine Kennzahl mit diesem Namen gibt es schon.', { name: 'Eine Kennzahl mit diesem Namen gibt es schon.' });
		const now = ctx.clock.now();
		const [created] = await tx
			.insert(keyFigure)
			.values({ municipalityId: ctx.municipality.id, name: input.name, description: input.description, formula: input.formula, isPublic: input.isPublic, statements: input.statements, createdAt: now, updatedAt: now })
			.returning();
		await recordAudit(tx, ctx, { action: 'monitoring.key_figure.create', entityType: 'monitoring_key_figure', entityId: created!.id, after: { name: input.name, formula: input.formula, isPublic: input.isPublic } });
		return created!;
	});
}

export async function setKeyFigurePublic(ctx: ServiceContext, id: string, isPublic: boolean) {
	authorize(ctx, 'monitoring.manage');
	const row = await findKeyFigure(ctx.db, ctx.municipality.id, id);
	if (row.isPublic === isPublic) throw new ConflictError(isPublic ? 'Die Kennzahl ist schon veröffentlicht.' : 'Die Kennzahl ist nicht veröffentlicht.');
	await inTransaction(ctx, async (tx) => {
		await tx.update(keyFigure).set({ isPublic, updatedAt: ctx.clock.now() }).where(eq(keyFigure.id, row.id));
		await recordAudit(tx, ctx, { action: isPublic ? 'monitoring.key_figure.publish' : 'monitoring.key_figure.unpublish', entityType: 'monitoring_key_figure', entityId: row.id, before: { isPublic: row.isPublic }, after: { isPublic } });
	});
}

async function findKeyFigure(db: DbOrTx, municipalityId: string, id: string) {
	if (!isUuid(id)) throw new NotFoundError('Diese Kennzahl gibt es nicht.');
	const [row] = await db
		.select()
		.from(keyFigure)
		.where(and(eq(keyFigure.municipalityId, municipalityId), eq(keyFigure.id, id)));
	if (!row) throw new NotFoundError('Diese Kennzahl gibt es nicht.');
	return row;
}

export async function listKeyFigures(ctx: ServiceContext) {
	authorize(ctx, 'monitoring.read');
	return ctx.db.select().from(keyFigure).where(eq(keyFigure.municipalityId, ctx.municipality.id)).orderBy(asc(keyFigure.position), asc(keyFigure.name));
}

interface SharePart {
	figureId: string;
	category: string;
	/** What the part counts: its category, or the base figure's name for its total ("je 1.000 Einwohner"). */
	label: string;
}

/** The two counts of a share, rate or ratio: base figures of this municipality and their categories. */
async function quotientPartsOf(db: DbOrTx, municipalityId: string, formula: Formula): Promise<{ numerator: SharePart; denominator: SharePart } | null> {
	if (formula.kind !== 'share' && formula.kind !== 'rate' && formula.kind !== 'ratio') return null;
	const { numerator, denominator } = formula;
	if (numerator.kind !== 'figure' || denominator.kind !== 'figure') return null;
	const rows = await db
		.select({ id: baseFigure.id, code: baseFigure.code, name: baseFigure.name })
		.from(baseFigure)
		.where(and(eq(baseFigure.municipalityId, municipalityId), inArray(baseFigure.code, [numerator.baseFigure, denominator.baseFigure])));
	const part = (f: FigureFormula): SharePart | null => {
		const row = rows.find((r) => r.code === f.baseFigure);
		const category = f.breakdown?.category ?? '';
		return row ? { figureId: row.id, category, label: category && !isTotalCategory(category) ? category : row.name } : null;
	};
	const n = part(numerator);
	const d = part(denominator);
	return n && d ? { numerator: n, denominator: d } : null;
}

export interface KeyFigureArea {
	id: string;
	code: string;
	name: string;
	isTotal: boolean;
	/** The value per breakdown category and reference date, protected. A share has the one category ''. */
	cells: Map<string, Map<string, ProtectedValue>>;
}

export interface KeyFigureSeries {
	areas: AreaNode[];
	dates: string[];
	categories: string[];
	rows: KeyFigureArea[];
	levels: Level[];
	/** What the values are: `percent` (shares, delivered percentages), `rate`, `ratio` or `count`. */
	unit: KeyFigureUnit;
	/** The base of a rate: 1,000 for "je 1.000". */
	per?: number;
	/** What a rate is per: the denominator's category, or its base figure's name ("Einwohner"). */
	perLabel?: string;
}

/** The unit a key figure's values are in, read from its formula without computing anything. */
export function formulaUnit(formula: Formula): { unit: KeyFigureUnit; per?: number } {
	switch (formula.kind) {
		case 'rate':
			return { unit: 'rate', per: formula.per ?? 1000 };
		case 'ratio':
			return { unit: 'ratio' };
		case 'countAtLeast':
			return { unit: 'count' };
		case 'change': {
			const of = formulaUnit(formula.of);
			return of.unit === 'percent' ? { unit: 'percentage_points' } : of;
		}
		default:
			// Shares, and base figures delivered in percent (the only base figures a key figure shows as they are).
			return { unit: 'percent' };
	}
}

const WITHHELD_BY_SOURCE: Partial<Record<string, CellStatus>> = { secret: 'suppressed_primary', not_reliable: 'not_reliable', not_applicable: 'not_applicable', not_available: 'not_available' };

/**
 * The values of a key figure per area, category and reference date.
 * - share, rate, ratio: computed from the protected counts of numerator and denominator (protection.ts),
 *   so a value never reveals a withheld count; shares and rates also follow the small-denominator rule.
 * - countAtLeast: see `categoriesAtLeast`.
 * - figure over a base figure in percent (sources such as the Bottrop report print only shares):
 *   taken as delivered, per category, with the source's own symbols. Without the counts behind them
 *   such shares cannot be protected further; the source is responsible for them.
 */
export async function computeSeries(db: DbOrTx, m: Pick<Municipality, 'id' | 'name'>, formula: Formula): Promise<KeyFigureSeries> {
	const areas = await areaTree(db, m.id);
	const rows = new Map<string, KeyFigureArea>();
	const entry = (id: string): KeyFigureArea => {
		let row = rows.get(id);
		if (!row) {
			const a = areas.find((x) => x.id === id);
			row = { id, code: a?.code ?? '', name: a?.name ?? m.name, isTotal: id === TOTAL, cells: new Map() };
			rows.set(id, row);
		}
		return row;
	};
	const put = (label: string, category: string, date: string, cell: ProtectedValue) => {
		const byCategory = entry(label).cells;
		if (!byCategory.has(category)) byCategory.set(category, new Map());
		byCategory.get(category)!.set(date, cell);
	};
	let dates: string[] = [];
	let categories: string[] = [];
	const { unit, per } = formulaUnit(formula);
	// The municipality's disclosure rules (settings.ts): minimum denominator and threshold.
	const { disclosure } = await loadMonitoringSettings(db, m.id);
	let perLabel: string | undefined;
	const parts = await quotientPartsOf(db, m.id, formula);
	if (parts) {
		const datesOf = async (figureId: string, category: string) =>
			(
				await db
					.selectDistinct({ date: figureValue.referenceDate })
					.from(figureValue)
					.where(and(eq(figureValue.baseFigureId, figureId), eq(figureValue.category, category), isNull(figureValue.supersededAt)))
			).map((r) => r.date);
		const denominatorDates = new Set(await datesOf(parts.denominator.figureId, parts.denominator.category));
		dates = (await datesOf(parts.numerator.figureId, parts.numerator.category)).filter((d) => denominatorDates.has(d)).sort();
		categories = [''];
		if (unit === 'rate') perLabel = parts.denominator.label;
		const quotient = (n: ProtectedValue, d: ProtectedValue): ProtectedValue =>
			safely(() => (unit === 'rate' ? rate(n, d, per ?? 1000, disclosure) : unit === 'ratio' ? ratio(n, d) : share(n, d, disclosure)));
		for (const date of dates) {
			const n = await protectedFigure(db, m.id, parts.numerator.figureId, date, areas, disclosure);
			const d = await protectedFigure(db, m.id, parts.denominator.figureId, date, areas, disclosure);
			for (const [label, cells] of n) {
				const numerator = cells.get(parts.numerator.category);
				const denominator = d.get(label)?.get(parts.denominator.category);
				if (numerator && denominator) put(label, '', date, quotient(numerator, denominator));
			}
		}
	} else if (formula.kind === 'countAtLeast') {
		const [figure] = await db
			.select({ id: baseFigure.id, unit: baseFigure.unit })
			.from(baseFigure)
			.where(and(eq(baseFigure.municipalityId, m.id), eq(baseFigure.code, formula.of.baseFigure)));
		if (figure?.unit === 'count') {
			dates = (
				await db
					.selectDistinct({ date: figureValue.referenceDate })
					.from(figureValue)
					.where(and(eq(figureValue.baseFigureId, figure.id), isNull(figureValue.supersededAt)))
			)
				.map((r) => r.date)
				.sort();
			categories = [''];
			const exclude = new Set(formula.exclude ?? []);
			const raw = await valuesOf(db, m.id, figure.id);
			// Cells the source withheld look like small counts once protected, but may be any size.
			const withheldBySource = new Set(raw.filter((r) => r.sourceStatus === 'secret' || r.sourceStatus === 'not_reliable').map((r) => `${r.areaId ?? TOTAL}|${r.referenceDate}|${r.category}`));
			// Rows whose categories add up to their total: only there the total bounds the hidden cells.
			const sums = new Map<string, { total: number | null; parts: number }>();
			for (const r of raw) {
				const key = `${r.areaId ?? TOTAL}|${r.referenceDate}`;
				const entry = sums.get(key) ?? { total: null, parts: 0 };
				if (isTotalCategory(r.category)) entry.total = r.value;
				else entry.parts += r.value ?? Number.NaN;
				sums.set(key, entry);
			}
			const additive = (label: string, date: string) => {
				const entry = sums.get(`${label}|${date}`);
				return entry !== undefined && entry.total !== null && entry.parts === entry.total && (formula.exclude ?? []).every(isTotalCategory);
			};
			for (const date of dates) {
				const cells = await protectedFigure(db, m.id, figure.id, date, areas, disclosure);
				for (const [label, byCategory] of cells) {
					const unknown = [...byCategory.keys()].some((category) => withheldBySource.has(`${label}|${date}|${category}`) && !isTotalCategory(category) && !exclude.has(category));
					const cell = unknown ? { value: null, status: 'suppressed_secondary' as const } : categoriesAtLeast(byCategory, formula.threshold, exclude, disclosure.threshold, additive(label, date));
					if (cell) put(label, '', date, cell);
				}
			}
		}
	} else if (formula.kind === 'figure') {
		const [figure] = await db
			.select({ id: baseFigure.id, unit: baseFigure.unit })
			.from(baseFigure)
			.where(and(eq(baseFigure.municipalityId, m.id), eq(baseFigure.code, formula.baseFigure)));
		if (figure?.unit === 'percent') {
			const values = await valuesOf(db, m.id, figure.id);
			dates = [...new Set(values.map((r) => r.referenceDate))].sort();
			categories = [...new Set(values.map((r) => r.category))].sort(categoryOrder);
			for (const r of values) {
				const withheld = WITHHELD_BY_SOURCE[r.sourceStatus];
				put(r.areaId ?? TOTAL, r.category, r.referenceDate, withheld ? { value: null, status: withheld } : r.sourceStatus === 'zero' ? { value: 0, status: 'zero' } : { value: r.value, status: r.value === null ? 'not_available' : 'ok' });
			}
		}
	}
	const levels = levelsPresent(areas).filter((l) => [...rows.keys()].some((id) => areas.find((a) => a.id === id)?.level === l));
	return { areas, dates, categories, rows: [...rows.values()], levels, unit, ...(per !== undefined ? { per } : {}), ...(perLabel !== undefined ? { perLabel } : {}) };
}

/**
 * How many categories of one area at one reference date reach `threshold` (the key figure "count of
 * categories with at least N", e.g. nationalities with at least 10 residents), from the protected
 * cells; the figure's total category and the categories in `exclude` are not counted. null when the
 * area has no categories.
 *
 * Hidden cells may lie on either side of N, and saying which would bound them: two hidden cells that
 * add up to 11 with N = 10 are 10 and 1 if the count says one of them reaches 10. So the count is
 * published only where the published numbers alone show that no hidden cell can reach N: when the
 * categories add up to the area's published total (`additive`), each hidden cell is at most the rest
 * (total − published categories) minus 1 for every other hidden cell; if that is below N, the hidden
 * cells are counted as below. Otherwise the area gets no count ("."). Below the disclosure threshold N
 * would single out small counts (N = 2: is the one Greek resident one or two?), so the count is then
 * withheld everywhere. A category not delivered yet ("…") makes the count "not available"; "x" (cannot
 * exist) is not counted. Cells the source withheld are checked by the caller: once protected they look
 * like small counts, but may be of any size.
 */
function categoriesAtLeast(cells: ReadonlyMap<string, ProtectedValue>, threshold: number, exclude: ReadonlySet<string>, disclosureThreshold: number, additive: boolean): ProtectedValue | null {
	const candidates = [...cells].filter(([category]) => !isTotalCategory(category) && !exclude.has(category)).map(([, cell]) => cell);
	if (!candidates.length) return null;
	if (threshold < disclosureThreshold) return { value: null, status: 'suppressed_secondary' };
	let count = 0;
	let hidden = 0;
	let published = 0;
	for (const cell of candidates) {
		if (cell.status === 'not_applicable') continue;
		if (cell.status === 'not_available') return { value: null, status: 'not_available' };
		if (isPublished(cell.status) && cell.value !== null) {
			published += cell.value;
			if (cell.value >= threshold) count += 1;
		} else hidden += 1;
	}
	if (hidden > 0) {
		const total = [...cells].find(([category]) => isTotalCategory(category))?.[1];
		const largestHidden = additive && total && isPublished(total.status) && total.value !== null ? total.value - published - (hidden - 1) : Number.POSITIVE_INFINITY;
		if (largestHidden >= threshold) return { value: null, status: 'suppressed_secondary' };
	}
	return count === 0 ? { value: 0, status: 'zero' } : { value: count, status: 'ok' };
}

/**
 * A share, rate or ratio of protected counts (disclosure.ts: hidden inputs hide it, small denominators
 * give "/"). Inputs the rules refuse (a part larger than its whole, a negative count) mean the data
 * contradict each other, so nothing is published.
 */
function safely(compute: () => ProtectedValue): ProtectedValue {
	try {
		return compute();
	} catch {
		return { value: null, status: 'not_available' };
	}
}

export const shareText = (cell: ProtectedValue, lang = 'de') =>
	renderCell(cell, (n) => `${new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(roundHalfAway(n))}\u00a0%`);
export const pointsText = (cell: ProtectedValue, lang = 'de') =>
	renderCell(cell, (n) => new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(roundHalfAway(n)));

/** Official statistics round half away from zero (Intl rounds half to even in some engines' modes). */
function roundHalfAway(n: number): number {
	return Math.sign(n) * Math.round(Math.abs(n) * 10 + 1e-9) / 10;
}

/** Decimal places per unit: shares, points and rates to one (as the reports print them), ratios to two, counts none. */
export const UNIT_DIGITS: Record<KeyFigureUnit, number> = { percent: 1, percentage_points: 1, rate: 1, ratio: 2, count: 0, number: 1 };

const numberFormat = (lang: string, digits: number, signed = false) =>
	new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) });

/**
 * A key-figure value as every page, chart, map and export prints it, in the reader's language:
 * "34,5 %" for a share, "17,6" for a rate (its base is in the heading: "je 1.000 Einwohner"), "0,50" for
 * a ratio, "4" for a count; DIN 55301 symbols for withheld values. Rounded half away from zero.
 */
export function valueText(cell: ProtectedValue, unit: KeyFigureUnit, lang = 'de'): string {
	if (unit === 'percent') return shareText(cell, lang);
	const digits = UNIT_DIGITS[unit];
	return renderCell(cell, (n) => numberFormat(lang, digits).format(roundForDisplay(n, digits).value));
}

/** The change between two reference dates: in percentage points for shares, in the unit itself otherwise; signed. */
export function changeText(cell: ProtectedValue, unit: KeyFigureUnit, lang = 'de'): string {
	if (unit === 'percent') return pointsText(cell, lang);
	const digits = UNIT_DIGITS[unit];
	return renderCell(cell, (n) => numberFormat(lang, digits, true).format(roundForDisplay(n, digits).value));
}

/** What the values are, in German (back office, exports): "Anteil in %", "je 1.000 Einwohner", "Verhältnis", "Anzahl". */
export function unitLabel(unit: KeyFigureUnit, per?: number, perLabel?: string): string {
	switch (unit) {
		case 'percent':
			return 'Anteil in %';
		case 'rate':
			return `je ${numberFormat('de', 0).format(per ?? 1000)}${perLabel ? ` ${perLabel}` : ''}`;
		case 'ratio':
			return 'Verhältnis';
		case 'count':
			return 'Anzahl';
		case 'percentage_points':
			return 'Prozentpunkte';
		default:
			return 'Wert';
	}
}

/** The heading of the comparison column, in German: "Veränderung in Prozentpunkten" for shares. */
export function changeLabel(unit: KeyFigureUnit, per?: number, perLabel?: string): string {
	return unit === 'percent' ? 'Veränderung in Prozentpunkten' : `Veränderung (${unitLabel(unit, per, perLabel)})`;
}

type ViewRow = {
	id: string;
	code: string;
	name: string;
	isTotal: boolean;
	value: ProtectedValue;
	earlier: ProtectedValue | null;
	change: ProtectedValue | null;
	/** The highlight rules that mark this row: on the value or on the change, with the rule's legend text in the page's language. */
	marks: { ruleId: string; measure: 'value' | 'change'; reason: string }[];
};

export interface KeyFigureView {
	keyFigure: typeof keyFigure.$inferSelect;
	dates: string[];
	date: string | null;
	compareWith: string | null;
	levels: Level[];
	level: Level | null;
	/** Breakdown categories (age groups …); [''] for a share without breakdown. */
	categories: string[];
	category: string;
	/** The areas of the level (and the whole municipality) for the chosen category. */
	rows: ViewRow[];
	/** The area whose categories are listed in `categoryRows` ('total' for the whole municipality). */
	focus: { id: string; name: string } | null;
	focusChoices: { id: string; name: string }[];
	/** The chosen area by category, as in the Bottrop table (empty without breakdown). */
	categoryRows: (ViewRow & { category: string })[];
	/** Every value of every date shown on the map, for class breaks that stay the same across years. */
	allValues: number[];
	/** The whole municipality and the chosen area over all reference dates, for the chosen category. */
	timeline: { id: string; name: string; points: { date: string; value: ProtectedValue }[] }[];
	statements: Statement[];
	areas: AreaNode[];
	/** What the values are (`KeyFigureSeries.unit`); the change is in percentage points for `percent` only. */
	unit: KeyFigureUnit;
	per?: number;
	perLabel?: string;
}

const year = (date: string) => Number(date.slice(0, 4));
const TOTAL_CATEGORIES = new Set(['', 'gesamt', 'insgesamt', 'total', 'summe']);
export const isTotalCategory = (c: string) => TOTAL_CATEGORIES.has(c.trim().toLocaleLowerCase('de'));

function withMarks<T extends ViewRow>(rows: T[], key: (r: T) => string, rules: readonly HighlightRule[], lang: string): T[] {
	const cells: HighlightCell[] = rows.map((r) => ({
		row: key(r),
		column: 'value',
		isTotal: r.isTotal,
		value: { value: r.value.value, status: r.value.status === 'ok' ? 'ok' : r.value.status },
		change: r.change ? { value: r.change.value, status: r.change.status === 'ok' ? 'ok' : r.change.status } : undefined
	}));
	for (const outcome of applyHighlightRules(cells, rules))
		for (const mark of outcome.marks) rows.find((r) => key(r) === mark.row)?.marks.push({ ruleId: mark.ruleId, measure: mark.measure, reason: ruleLabel(outcome.rule, lang) });
	return rows;
}

export async function keyFigureView(
	db: DbOrTx,
	m: Pick<Municipality, 'id' | 'name'>,
	row: typeof keyFigure.$inferSelect,
	query: { date?: string; compareWith?: string; level?: string; category?: string; area?: string },
	lang: StatementLanguage = 'de'
): Promise<KeyFigureView> {
	const series = await computeSeries(db, m, row.formula);
	const { dates, categories } = series;
	const date = dates.includes(query.date ?? '') ? query.date! : (dates.at(-1) ?? null);
	const earlierDates = dates.filter((d) => !date || d < date);
	const compareWith = query.compareWith === '' ? null : earlierDates.includes(query.compareWith ?? '') ? query.compareWith! : (earlierDates[0] ?? null);
	const level = (series.levels as string[]).includes(query.level ?? '') ? (query.level as Level) : (series.levels[0] ?? null);
	const category = categories.includes(query.category ?? '\u0000') ? query.category! : (categories.find(isTotalCategory) ?? categories[0] ?? '');
	const missing: ProtectedValue = { value: null, status: 'not_available' };
	const cellOf = (r: KeyFigureArea, c: string, d: string | null) => (d ? (r.cells.get(c)?.get(d) ?? missing) : missing);
	const viewRow = (r: KeyFigureArea, c: string): ViewRow => {
		const value = cellOf(r, c, date);
		const earlier = compareWith ? cellOf(r, c, compareWith) : null;
		return { id: r.id, code: r.code, name: r.name, isTotal: r.isTotal, value, earlier, change: earlier ? differenceInPoints(earlier, value) : null, marks: [] };
	};
	const byCode = (a: KeyFigureArea, b: KeyFigureArea) => (a.isTotal ? -1 : b.isTotal ? 1 : a.code.localeCompare(b.code, 'de', { numeric: true }));
	const ofLevel = (r: KeyFigureArea) => series.areas.find((a) => a.id === r.id)?.level === level;
	const shown = series.rows.filter((r) => r.isTotal || ofLevel(r)).sort(byCode);
	// The highlight rules (share over 50 %, rise of 10 points) are about shares; other units are not marked.
	const marksApply = series.unit === 'percent';
	// The municipality's highlight rules (settings.ts), the Bottrop ones unless it set its own.
	const { highlightRules } = await loadMonitoringSettings(db, m.id);
	const areaRows = shown.map((r) => viewRow(r, category));
	const rows = marksApply ? withMarks(areaRows, (r) => r.id, highlightRules, lang) : areaRows;

	// The Bottrop table: one area, its categories, earlier and later value and the change.
	const focusChoices = shown.map((r) => ({ id: r.id, name: r.isTotal ? r.name : `${r.code} ${r.name}` }));
	const chosen = shown.find((r) => r.id === query.area) ?? shown[0];
	const focusRow = categories.length > 1 ? chosen : undefined;
	const byCategory = focusRow ? categories.map((c) => ({ ...viewRow(focusRow, c), isTotal: isTotalCategory(c), category: c })) : [];
	const categoryRows = marksApply ? withMarks(byCategory, (r) => r.category, highlightRules, lang) : byCategory;

	const statements: Statement[] = [];
	// Statements speak of shares ("der Anteil … stieg um … Prozentpunkte"): for shares only.
	if (row.statements === 'migration_background' && date && series.unit === 'percent') {
		// "in Köln", not "in Stadt Köln": the sentence names the place, not the legal entity.
		const place = m.name.replace(/\s*\(Demo\)\s*$/, '').replace(/^(Stadt|Gemeinde|Hansestadt)\s+/, '');
		const areaName = (r: { isTotal: boolean; code: string; name: string }) => (r.isTotal ? place : `${r.code}-${r.name}`);
		const say = (r: ViewRow, where: string, ageLabel: string | null) => {
			const ageBand = ageLabel === null || isTotalCategory(ageLabel) ? null : parseAgeBand(ageLabel);
			if (ageLabel !== null && !isTotalCategory(ageLabel) && !ageBand) return;
			const ok = r.value.status === 'ok' && r.value.value !== null;
			const result =
				compareWith && r.earlier && r.earlier.status === 'ok' && r.earlier.value !== null && ok
					? makeStatement({ kind: 'change', area: where, ageBand, fromYear: year(compareWith), toYear: year(date), fromValue: r.earlier.value, toValue: r.value.value! }, lang, 'ok')
					: makeStatement({ kind: 'share', area: where, ageBand, year: year(date), value: r.value.value ?? 0 }, lang, ok ? 'ok' : r.value.status);
			if (result.status === 'ok') statements.push(result.statement);
		};
		if (focusRow) {
			const where = areaName(focusRow);
			const marked = categoryRows.filter((r) => !r.isTotal && r.marks.some((mk) => mk.measure === 'change'));
			for (const r of [...categoryRows.filter((x) => x.isTotal), ...marked].slice(0, 4)) say(r, where, r.category);
		} else {
			const total = rows.find((r) => r.isTotal);
			const marked = rows.filter((r) => !r.isTotal && r.marks.some((mk) => mk.measure === 'change'));
			for (const r of [...(total ? [total] : []), ...marked].slice(0, 4)) say(r, areaName(r), null);
		}
	}
	const allValues = series.rows
		.filter((r) => !r.isTotal && ofLevel(r))
		.flatMap((r) => [...(r.cells.get(category)?.values() ?? [])])
		.filter((v) => v.status === 'ok' && v.value !== null)
		.map((v) => v.value!);
	const timelineRows = [...new Map([...shown.filter((r) => r.isTotal), ...(chosen ? [chosen] : [])].map((r) => [r.id, r])).values()];
	const timeline = timelineRows.map((r) => ({
		id: r.id,
		name: r.isTotal ? r.name : `${r.code} ${r.name}`,
		points: dates.map((d) => ({ date: d, value: cellOf(r, category, d) }))
	}));
	return {
		keyFigure: row,
		dates,
		date,
		compareWith,
		timeline,
		levels: series.levels,
		level,
		categories,
		category,
		rows,
		focus: chosen ? { id: chosen.id, name: chosen.isTotal ? chosen.name : `${chosen.code} ${chosen.name}` } : null,
		focusChoices,
		categoryRows,
		allValues,
		statements,
		areas: series.areas,
		unit: series.unit,
		...(series.per !== undefined ? { per: series.per } : {}),
		...(series.perLabel !== undefined ? { perLabel: series.perLabel } : {})
	};
}

export async function getKeyFigure(ctx: ServiceContext, id: string) {
	authorize(ctx, 'monitoring.read');
	return findKeyFigure(ctx.db, ctx.municipality.id, id);
}

/** Published key figures of a municipality for the portal (anyone may read them). */
export async function publicKeyFigures(db: DbOrTx, municipalityId: string) {
	return db
		.select()
		.from(keyFigure)
		.where(and(eq(keyFigure.municipalityId, municipalityId), eq(keyFigure.isPublic, true)))
		.orderBy(asc(keyFigure.position), asc(keyFigure.name));
}

export async function publicKeyFigure(db: DbOrTx, municipalityId: string, id: string) {
	const row = await findKeyFigure(db, municipalityId, id);
	if (!row.isPublic) throw new NotFoundError('Diese Kennzahl gibt es nicht.');
	return row;
}

export { germanShare };

/** The categories a figure has values for, in reading order. */
export async function figureCategories(ctx: ServiceContext, id: string): Promise<string[]> {
	authorize(ctx, 'monitoring.read');
	const figure = await findFigure(ctx.db, ctx.municipality.id, id);
	return currentCategories(ctx.db, ctx.municipality.id, figure.id);
}

/* ---------- exports ---------- */

/** A base figure table as rows for CSV/XLSX: one row per area, one column per category. */
export function figureTableExport(table: Awaited<ReturnType<typeof figureTable>>): { headers: string[]; rows: string[][] } {
	const headers = ['Gebietsschlüssel', 'Gebiet', 'Stichtag', ...table.categories.map((c) => c || 'insgesamt')];
	const rows = table.rows.map((r) => [r.code, r.name, table.date ?? '', ...r.cells.map((c) => c.text)]);
	return { headers, rows };
}

const LEVEL_NAMES: Record<string, string> = { municipality: 'Gesamt', district: 'Stadtbezirk', quarter: 'Stadtteil', social_space: 'Sozialraum' };

/**
 * A key figure over all reference dates, one row per area; values as the tables print them (DIN symbols
 * included), the unit in every date's heading: "Anteil in % am …", "je 1.000 Einwohner am …",
 * "Verhältnis am …", "Anzahl am …".
 */
export function keyFigureExport(data: PublishedKeyFigureData): { headers: string[]; rows: string[][] } {
	const byCategory = data.categories.length > 1;
	const unit = unitLabel(data.unit, data.per, data.perLabel);
	const format = numberFormat('de', UNIT_DIGITS[data.unit]);
	const headers = ['Gebietsschlüssel', 'Gebiet', 'Ebene', ...(byCategory ? ['Merkmal'] : []), ...data.referenceDates.map((d) => `${unit} am ${d}`)];
	const rows = data.areas.map((a) => [a.code, a.name, LEVEL_NAMES[a.level] ?? a.level, ...(byCategory ? [a.category] : []), ...a.values.map((v) => v.symbol ?? format.format(v.value!))]);
	return { headers, rows };
}

export interface PublishedKeyFigureData {
	id: string;
	name: string;
	description: string;
	/** `percent` (shares), `rate` (per `per` of `perLabel`), `ratio` or `count`. */
	unit: KeyFigureUnit;
	per?: number;
	perLabel?: string;
	referenceDates: string[];
	categories: string[];
	areas: { code: string; name: string; level: string; category: string; values: { referenceDate: string; value: number | null; status: CellStatus; symbol: string | null }[] }[];
}

/** Everything a published key figure shows, for the open-data API: every level, category and date, protected. */
export async function publishedKeyFigureData(db: DbOrTx, m: Pick<Municipality, 'id' | 'name'>, row: typeof keyFigure.$inferSelect): Promise<PublishedKeyFigureData> {
	const series = await computeSeries(db, m, row.formula);
	const round = (v: number | null) => (v === null ? null : roundForDisplay(v, UNIT_DIGITS[series.unit]).value);
	const levelOf = (r: KeyFigureArea) => (r.isTotal ? 'municipality' : (series.areas.find((a) => a.id === r.id)?.level ?? ''));
	const sorted = [...series.rows].sort((a, b) => (a.isTotal ? -1 : b.isTotal ? 1 : a.code.localeCompare(b.code, 'de', { numeric: true })));
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		unit: series.unit,
		...(series.per !== undefined ? { per: series.per } : {}),
		...(series.perLabel !== undefined ? { perLabel: series.perLabel } : {}),
		referenceDates: series.dates,
		categories: series.categories,
		areas: sorted.flatMap((r) =>
			series.categories.map((category) => ({
				code: r.code,
				name: r.name,
				level: levelOf(r),
				category,
				values: series.dates.map((d) => {
					const cell = r.cells.get(category)?.get(d) ?? { value: null, status: 'not_available' as const };
					return { referenceDate: d, value: round(cell.status === 'ok' || cell.status === 'zero' ? cell.value : null), status: cell.status, symbol: symbolFor(cell.status) };
				})
			}))
		)
	};
}

/* ---------- editing the catalogue ---------- */

const baseFigureInput = z.object({
	name: z.string().trim().min(3, 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.').max(200),
	definition: z.string().trim().max(2000).default(''),
	unit: z.enum(['count', 'percent', 'number'], { message: 'Bitte wählen Sie die Einheit.' }),
	source: z.string().trim().max(300).default(''),
	breakdownLabel: z.string().trim().max(100).default(''),
	topic: z.string().trim().max(100).default('')
});

/** Name, definition, unit and source of a base figure; its code stays, so formulas keep working. */
export async function updateBaseFigure(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const before = await findFigure(ctx.db, ctx.municipality.id, id);
	const input = parseInput(baseFigureInput, raw);
	return inTransaction(ctx, async (tx) => {
		const [clash] = await tx
			.select({ id: baseFigure.id })
			.from(baseFigure)
			.where(and(eq(baseFigure.municipalityId, ctx.municipality.id), eq(baseFigure.name, input.name)));
		if (clash && clash.id !== before.id) throw new ValidationError('Eine Grundzahl mit diesem Namen gibt es schon.', { name: 'Eine Grundzahl mit diesem Namen gibt es schon.' });
		const [after] = await tx
			.update(baseFigure)
			.set({ ...input, updatedAt: ctx.clock.now() })
			.where(eq(baseFigure.id, before.id))
			.returning();
		await recordAudit(tx, ctx, {
			action: 'monitoring.base_figure.update',
			entityType: 'monitoring_base_figure',
			entityId: before.id,
			before: { name: before.name, definition: before.definition, unit: before.unit, source: before.source, breakdownLabel: before.breakdownLabel, topic: before.topic },
			after: input
		});
		return after!;
	});
}

const percentInput = z.object({
	...keyFigureFields,
	figure: z.string({ error: 'Bitte wählen Sie die Grundzahl.' }).uuid('Bitte wählen Sie die Grundzahl.'),
	statements: z.enum(['none', 'migration_background']).default('none')
});

/** A key figure that shows a base figure delivered in percent as it is, with all its categories. */
export async function createPercentKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(percentInput, raw);
	const figure = await findFigure(ctx.db, ctx.municipality.id, input.figure);
	if (figure.unit !== 'percent') throw new ValidationError('Diese Grundzahl ist kein Prozentwert.', { figure: 'Wählen Sie eine Grundzahl mit der Einheit Prozent, oder legen Sie einen Anteil aus zwei Anzahlen an.' });
	const formula: Formula = { kind: 'figure', baseFigure: figure.code };
	return insertKeyFigure(ctx, { ...input, formula });
}
