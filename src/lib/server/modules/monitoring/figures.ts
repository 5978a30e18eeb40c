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
import { area } from '../areas/schema.ts';
import { baseFigure, figureValue, keyFigure } from './schema.ts';
import { differenceInPoints, isSuppressed, protectTable, renderCell, share, symbolFor, type CellStatus, type ProtectedValue } from './disclosure.ts';
import { applyHighlightRules, DEFAULT_HIGHLIGHT_RULES, type HighlightCell } from './highlights.ts';
import { makeStatement, parseAgeBand, type Statement, type StatementLanguage } from './statements.ts';
import type { Formula } from './key-figures.ts';
import { ensureDefaultCatalogue } from './defaults.ts';

/*
 * Reading the monitoring: the catalogue of base figures, tables by area, and key figures (shares) with
 * their comparison over time, highlights and plain-language statements. Every number passes the
 * disclosure control (disclosure.ts) before it leaves this file, in tables, maps and statements alike.
 */

export interface AreaNode {
	id: string;
	code: string;
	name: string;
	level: 'district' | 'quarter' | 'social_space';
	parentId: string | null;
	geometry: unknown;
}

export async function areaTree(db: DbOrTx, municipalityId: string): Promise<AreaNode[]> {
	return (await db
		.select({ id: area.id, code: area.code, name: area.name, level: area.level, parentId: area.parentId, geometry: area.geometry })
		.from(area)
		.where(eq(area.municipalityId, municipalityId))
		.orderBy(asc(area.code))) as AreaNode[];
}

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

/** Current values of one figure, for some reference dates and categories. */
async function valuesOf(db: DbOrTx, municipalityId: string, figureId: string, options: { dates?: string[]; categories?: string[] } = {}) {
	return db
		.select({ areaId: figureValue.areaId, category: figureValue.category, referenceDate: figureValue.referenceDate, value: figureValue.value, sourceStatus: figureValue.sourceStatus })
		.from(figureValue)
		.where(
			and(
				eq(figureValue.municipalityId, municipalityId),
				eq(figureValue.baseFigureId, figureId),
				isNull(figureValue.supersededAt),
				options.dates ? inArray(figureValue.referenceDate, options.dates) : undefined,
				options.categories ? inArray(figureValue.category, options.categories) : undefined
			)
		);
}

type ValueRow = Awaited<ReturnType<typeof valuesOf>>[number];

/**
 * One protection per figure and reference date, over all its categories and areas, whatever page asks:
 * two pages protecting different slices of the same counts could each look safe and together reveal a
 * hidden cell. Computed once and kept until the figure's current values change.
 */
const protections = new Map<string, { stamp: string; byDate: Map<string, Map<string, Map<string, ProtectedValue>>> }>();

async function protectedFigure(db: DbOrTx, municipalityId: string, figureId: string, date: string, areas: AreaNode[]): Promise<Map<string, Map<string, ProtectedValue>>> {
	const [stamp] = await db
		.select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${figureValue.createdAt})::text` })
		.from(figureValue)
		.where(and(eq(figureValue.baseFigureId, figureId), isNull(figureValue.supersededAt)));
	const key = `${stamp?.n ?? 0}:${stamp?.last ?? ''}:${areas.length}`;
	let entry = protections.get(figureId);
	if (!entry || entry.stamp !== key) {
		entry = { stamp: key, byDate: new Map() };
		protections.set(figureId, entry);
		if (protections.size > 500) protections.delete(protections.keys().next().value!);
	}
	let result = entry.byDate.get(date);
	if (!result) {
		const rows = await valuesOf(db, municipalityId, figureId, { dates: [date] });
		result = protectFigure(rows, areas, [...new Set(rows.map((r) => r.category))].sort(categoryOrder));
		entry.byDate.set(date, result);
	}
	return result;
}

const TOTAL = 'total';

/**
 * The disclosure control of one figure at one reference date: every category over the whole area
 * hierarchy at once (municipality → districts → quarters), so that a suppressed quarter cannot be
 * recomputed from its district. Cells the source already withheld stay withheld.
 */
export function protectFigure(rows: ValueRow[], areas: AreaNode[], categories: string[]): Map<string, Map<string, ProtectedValue>> {
	const byArea = new Map<string, Map<string, ValueRow>>();
	for (const r of rows) {
		const key = r.areaId ?? TOTAL;
		if (!byArea.has(key)) byArea.set(key, new Map());
		byArea.get(key)!.set(r.category, r);
	}
	const present = new Set(byArea.keys());
	// Only areas that have values take part; a child's parent must be in the table too, or the relation is dropped.
	const labels = [...(present.has(TOTAL) ? [TOTAL] : []), ...areas.filter((a) => present.has(a.id)).map((a) => a.id)];
	const parentOf = (id: string): string | undefined => {
		if (id === TOTAL) return undefined;
		const a = areas.find((x) => x.id === id);
		if (a?.parentId && present.has(a.parentId)) return a.parentId;
		return !a?.parentId && present.has(TOTAL) ? TOTAL : undefined;
	};
	const cellOf = (label: string, category: string): number | null => {
		const r = byArea.get(label)?.get(category);
		return r && (r.sourceStatus === 'ok' || r.sourceStatus === 'zero') && r.value !== null && Number.isInteger(r.value) && r.value >= 0 ? r.value : null;
	};
	const out = new Map<string, Map<string, ProtectedValue>>();
	// When the categories add up to the figure's own total ('') in every area, the total is the row total:
	// then a hidden category cannot be recomputed as the total minus the other categories either.
	const parts = categories.filter((c) => c !== '');
	const additive =
		categories.includes('') &&
		parts.length > 1 &&
		labels.every((label) => {
			const total = cellOf(label, '');
			const values = parts.map((c) => cellOf(label, c));
			return total !== null && values.every((v) => v !== null) && values.reduce((a, b) => a! + b!, 0) === total;
		});
	const columns = additive ? parts : categories;
	// Without its own total, the sum of a row's categories may still be known from elsewhere (Köln
	// delivers residents by age group and the residents in another table). The control assumes it is:
	// with the sum as the row total, a hidden category is never the only hidden cell of its row. Where
	// the categories overlap this hides more than needed, never less. The sum itself is not published.
	const impliedTotal = (label: string): number | null => {
		if (columns.length < 2) return null;
		const values = columns.map((c) => cellOf(label, c));
		return values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0)! : null;
	};
	// All rows or none: a sum known for some rows only would not add up along the area hierarchy.
	const useImplied = !additive && columns.length > 1 && labels.every((label) => impliedTotal(label) !== null);
	const rowOf = (label: string, withParent: boolean) => ({
		label,
		cells: columns.map((c) => cellOf(label, c)),
		...(additive ? { total: cellOf(label, '') } : useImplied ? { total: impliedTotal(label) } : {}),
		...(withParent ? { parent: parentOf(label) } : {})
	});
	let table;
	try {
		table = protectTable({ columns, rows: labels.map((label) => rowOf(label, true)) });
	} catch {
		// The delivered parts do not add up to their totals (a source that rounds, or areas missing from a
		// level): protect each level on its own, so nothing is published that the control has not seen.
		table = protectTable({ columns, rows: labels.map((label) => rowOf(label, false)) });
	}
	for (const row of table.rows) {
		const cells = new Map<string, ProtectedValue>();
		row.cells.forEach((cell, i) => cells.set(columns[i]!, sourceWithheld(byArea.get(row.label)?.get(columns[i]!)) ?? cell));
		if (additive) cells.set('', sourceWithheld(byArea.get(row.label)?.get('')) ?? row.total!);
		out.set(row.label, cells);
	}
	// A category that is the exact sum of some others in every area ("Ausländer" = the seven origin
	// groups in Köln's table) is a second sum relation: protect it as a table of its own and hide a cell
	// when either protection hides it. More hidden cells never weaken the other relation.
	for (const { total, parts: members } of subTotals(labels, columns, cellOf)) {
		let sub;
		const subRow = (label: string, withParent: boolean) => ({ label, cells: members.map((c) => cellOf(label, c)), total: cellOf(label, total), ...(withParent ? { parent: parentOf(label) } : {}) });
		try {
			sub = protectTable({ columns: members, rows: labels.map((label) => subRow(label, true)) });
		} catch {
			sub = protectTable({ columns: members, rows: labels.map((label) => subRow(label, false)) });
		}
		for (const row of sub.rows) {
			const cells = out.get(row.label)!;
			const hideIf = (category: string, cell: ProtectedValue | undefined) => {
				if (cell && isSuppressed(cell.status) && !isSuppressed(cells.get(category)?.status ?? 'ok')) cells.set(category, { value: null, status: cell.status });
			};
			row.cells.forEach((cell, i) => hideIf(members[i]!, cell));
			hideIf(total, row.total);
		}
	}
	return out;
}

/**
 * Categories that equal the sum of a subset of the other categories in every row, found by trying
 * the subsets (for up to 16 categories; larger breakdowns, such as nationalities, are not searched).
 */
export function subTotals(labels: readonly string[], columns: readonly string[], cellOf: (label: string, category: string) => number | null): { total: string; parts: string[] }[] {
	if (columns.length < 3 || columns.length > 16 || !labels.length) return [];
	const matrix = labels.map((label) => columns.map((c) => cellOf(label, c)));
	if (matrix.some((row) => row.some((v) => v === null))) return [];
	const found: { total: string; parts: string[] }[] = [];
	for (let t = 0; t < columns.length; t++) {
		const others = columns.map((_, i) => i).filter((i) => i !== t);
		// Subsets of at least two categories whose sum equals column t in every row; the first found per total.
		for (let mask = 1; mask < 1 << others.length; mask++) {
			if ((mask & (mask - 1)) === 0) continue; // a single category equal to another is no sum relation
			const members = others.filter((_, bit) => mask & (1 << bit));
			if (matrix.every((row) => members.reduce((sum, i) => sum + row[i]!, 0) === row[t])) {
				found.push({ total: columns[t]!, parts: members.map((i) => columns[i]!) });
				break;
			}
		}
	}
	return found;
}

function sourceWithheld(r: ValueRow | undefined): ProtectedValue | null {
	if (!r) return { value: null, status: 'not_available' };
	const status: Partial<Record<string, CellStatus>> = { secret: 'suppressed_primary', not_reliable: 'not_reliable', not_applicable: 'not_applicable', not_available: 'not_available' };
	const s = status[r.sourceStatus];
	if (s) return { value: null, status: s };
	// A non-integer or negative number (a rate delivered as a base figure) is published as the source gave it.
	if (r.value !== null && (!Number.isInteger(r.value) || r.value < 0)) return { value: r.value, status: 'ok' };
	return null;
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

/** The order people expect: totals first, age bands by age, the rest alphabetically. */
function categoryOrder(a: string, b: string): number {
	if (a === '' || b === '') return a === '' ? (b === '' ? 0 : -1) : 1;
	const age = (s: string) => parseAgeBand(s.replace(/\s*-\s*<\s*(\d+)/, (_, n) => `-${Number(n) - 1}`).replace(/^0(\d)/, '$1'))?.from ?? (/^(\d+)/.exec(s) ? Number(/^(\d+)/.exec(s)![1]) : null);
	const x = age(a);
	const y = age(b);
	if (x !== null && y !== null && x !== y) return x - y;
	return a.localeCompare(b, 'de');
}

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const germanShare = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function display(cell: ProtectedValue, format: (n: number) => string = (n) => germanNumber.format(n)) {
	return { text: renderCell(cell, format), status: cell.status, value: cell.value, symbol: symbolFor(cell.status) };
}

/* ---------- key figures ---------- */

const shareInput = z.object({
	name: z.string().trim().min(3, 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.').max(200),
	description: z.string().trim().max(2000).default(''),
	numeratorFigure: z.string().uuid('Bitte wählen Sie die Grundzahl für den Zähler.'),
	numeratorCategory: z.string().max(300).default(''),
	denominatorFigure: z.string().uuid('Bitte wählen Sie die Grundzahl für den Nenner.'),
	denominatorCategory: z.string().max(300).default(''),
	isPublic: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
	statements: z.enum(['none', 'migration_background']).default('none')
});

export async function createShareKeyFigure(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(shareInput, raw);
	const numerator = await findFigure(ctx.db, ctx.municipality.id, input.numeratorFigure);
	const denominator = await findFigure(ctx.db, ctx.municipality.id, input.denominatorFigure);
	if (numerator.unit !== 'count' || denominator.unit !== 'count')
		throw new ValidationError('Ein Anteil braucht Anzahlen in Zähler und Nenner.', { numeratorFigure: 'Zähler und Nenner müssen Anzahlen sein (keine Prozentwerte).' });
	const part = (code: string, category: string): Formula => ({ kind: 'figure', baseFigure: code, ...(category ? { breakdown: { category } } : {}) });
	const formula: Formula = { kind: 'share', numerator: part(numerator.code, input.numeratorCategory), denominator: part(denominator.code, input.denominatorCategory) };
	return insertKeyFigure(ctx, { ...input, formula });
}

/** Both kinds of key figure: a unique name per municipality, stored with its formula and audited. */
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
}

async function sharePartsOf(db: DbOrTx, municipalityId: string, formula: Formula): Promise<{ numerator: SharePart; denominator: SharePart } | null> {
	if (formula.kind !== 'share' || formula.numerator.kind !== 'figure' || formula.denominator.kind !== 'figure') return null;
	const codes = [formula.numerator.baseFigure, formula.denominator.baseFigure];
	const rows = await db
		.select({ id: baseFigure.id, code: baseFigure.code })
		.from(baseFigure)
		.where(and(eq(baseFigure.municipalityId, municipalityId), inArray(baseFigure.code, codes)));
	const idOf = (code: string) => rows.find((r) => r.code === code)?.id;
	const n = idOf(formula.numerator.baseFigure);
	const d = idOf(formula.denominator.baseFigure);
	if (!n || !d) return null;
	return { numerator: { figureId: n, category: formula.numerator.breakdown?.category ?? '' }, denominator: { figureId: d, category: formula.denominator.breakdown?.category ?? '' } };
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
}

const WITHHELD_BY_SOURCE: Partial<Record<string, CellStatus>> = { secret: 'suppressed_primary', not_reliable: 'not_reliable', not_applicable: 'not_applicable', not_available: 'not_available' };

/**
 * The values of a key figure per area, category and reference date.
 * - share: computed from protected counts; the share rules (small denominators) on top.
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
	const parts = await sharePartsOf(db, m.id, formula);
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
		for (const date of dates) {
			const n = await protectedFigure(db, m.id, parts.numerator.figureId, date, areas);
			const d = await protectedFigure(db, m.id, parts.denominator.figureId, date, areas);
			for (const [label, cells] of n) {
				const numerator = cells.get(parts.numerator.category);
				const denominator = d.get(label)?.get(parts.denominator.category);
				if (numerator && denominator) put(label, '', date, safeShare(numerator, denominator));
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
	return { areas, dates, categories, rows: [...rows.values()], levels };
}

function safeShare(numerator: ProtectedValue, denominator: ProtectedValue): ProtectedValue {
	try {
		return share(numerator, denominator);
	} catch {
		// A part larger than its whole: the data contradict each other, so nothing is published.
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

type ViewRow = {
	id: string;
	code: string;
	name: string;
	isTotal: boolean;
	value: ProtectedValue;
	earlier: ProtectedValue | null;
	change: ProtectedValue | null;
	marks: { ruleId: string; reason: string }[];
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
}

const year = (date: string) => Number(date.slice(0, 4));
const TOTAL_CATEGORIES = new Set(['', 'gesamt', 'insgesamt', 'total', 'summe']);
const isTotalCategory = (c: string) => TOTAL_CATEGORIES.has(c.trim().toLocaleLowerCase('de'));

function withMarks<T extends ViewRow>(rows: T[], key: (r: T) => string): T[] {
	const cells: HighlightCell[] = rows.map((r) => ({
		row: key(r),
		column: 'value',
		isTotal: r.isTotal,
		value: { value: r.value.value, status: r.value.status === 'ok' ? 'ok' : r.value.status },
		change: r.change ? { value: r.change.value, status: r.change.status === 'ok' ? 'ok' : r.change.status } : undefined
	}));
	for (const outcome of applyHighlightRules(cells, DEFAULT_HIGHLIGHT_RULES))
		for (const mark of outcome.marks) rows.find((r) => key(r) === mark.row)?.marks.push({ ruleId: mark.ruleId, reason: mark.reason });
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
	const rows = withMarks(
		shown.map((r) => viewRow(r, category)),
		(r) => r.id
	);

	// The Bottrop table: one area, its categories, earlier and later value and the change.
	const focusChoices = shown.map((r) => ({ id: r.id, name: r.isTotal ? r.name : `${r.code} ${r.name}` }));
	const chosen = shown.find((r) => r.id === query.area) ?? shown[0];
	const focusRow = categories.length > 1 ? chosen : undefined;
	const categoryRows = focusRow
		? withMarks(
				categories.map((c) => ({ ...viewRow(focusRow, c), isTotal: isTotalCategory(c), category: c })),
				(r) => r.category
			)
		: [];

	const statements: Statement[] = [];
	if (row.statements === 'migration_background' && date) {
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
			const marked = categoryRows.filter((r) => !r.isTotal && r.marks.some((mk) => mk.ruleId === 'rise_of_10_points'));
			for (const r of [...categoryRows.filter((x) => x.isTotal), ...marked].slice(0, 4)) say(r, where, r.category);
		} else {
			const total = rows.find((r) => r.isTotal);
			const marked = rows.filter((r) => !r.isTotal && r.marks.some((mk) => mk.ruleId === 'rise_of_10_points'));
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
		areas: series.areas
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
	const rows = await ctx.db
		.selectDistinct({ category: figureValue.category })
		.from(figureValue)
		.where(and(eq(figureValue.baseFigureId, figure.id), isNull(figureValue.supersededAt)));
	return rows.map((r) => r.category).sort(categoryOrder);
}

/* ---------- exports ---------- */

/** A base figure table as rows for CSV/XLSX: one row per area, one column per category. */
export function figureTableExport(table: Awaited<ReturnType<typeof figureTable>>): { headers: string[]; rows: string[][] } {
	const headers = ['Gebietsschlüssel', 'Gebiet', 'Stichtag', ...table.categories.map((c) => c || 'insgesamt')];
	const rows = table.rows.map((r) => [r.code, r.name, table.date ?? '', ...r.cells.map((c) => c.text)]);
	return { headers, rows };
}

const LEVEL_NAMES: Record<string, string> = { municipality: 'Gesamt', district: 'Stadtbezirk', quarter: 'Stadtteil', social_space: 'Sozialraum' };

/** A key figure over all reference dates, one row per area; values as the tables print them (DIN symbols included). */
export function keyFigureExport(data: PublishedKeyFigureData): { headers: string[]; rows: string[][] } {
	const byCategory = data.categories.length > 1;
	const headers = ['Gebietsschlüssel', 'Gebiet', 'Ebene', ...(byCategory ? ['Merkmal'] : []), ...data.referenceDates.map((d) => `Anteil in % am ${d}`)];
	const rows = data.areas.map((a) => [a.code, a.name, LEVEL_NAMES[a.level] ?? a.level, ...(byCategory ? [a.category] : []), ...a.values.map((v) => v.symbol ?? germanShare.format(v.value!))]);
	return { headers, rows };
}

export interface PublishedKeyFigureData {
	id: string;
	name: string;
	description: string;
	unit: 'percent';
	referenceDates: string[];
	categories: string[];
	areas: { code: string; name: string; level: string; category: string; values: { referenceDate: string; value: number | null; status: CellStatus; symbol: string | null }[] }[];
}

/** Everything a published key figure shows, for the open-data API: every level, category and date, protected. */
export async function publishedKeyFigureData(db: DbOrTx, m: Pick<Municipality, 'id' | 'name'>, row: typeof keyFigure.$inferSelect): Promise<PublishedKeyFigureData> {
	const series = await computeSeries(db, m, row.formula);
	const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
	const levelOf = (r: KeyFigureArea) => (r.isTotal ? 'municipality' : (series.areas.find((a) => a.id === r.id)?.level ?? ''));
	const sorted = [...series.rows].sort((a, b) => (a.isTotal ? -1 : b.isTotal ? 1 : a.code.localeCompare(b.code, 'de', { numeric: true })));
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		unit: 'percent',
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
	name: z.string().trim().min(3, 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.').max(200),
	description: z.string().trim().max(2000).default(''),
	figure: z.string().uuid('Bitte wählen Sie die Grundzahl.'),
	isPublic: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
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

/* ---------- a Kreis and its towns ---------- */

export interface CountyComparison {
	towns: { id: string; slug: string; name: string }[];
	/** One row per key figure name published by at least one town (or the Kreis itself). */
	rows: { name: string; cells: ({ keyFigureId: string; value: ProtectedValue; date: string } | null)[] }[];
}

/**
 * A Kreis sees its towns side by side where they publish key figures of the same name: the value for
 * the whole town at its latest reference date, protected as on the town's own page.
 */
export async function countyComparison(db: DbOrTx, towns: readonly Pick<Municipality, 'id' | 'slug' | 'name'>[]): Promise<CountyComparison> {
	const byName = new Map<string, Map<string, { keyFigureId: string; value: ProtectedValue; date: string }>>();
	for (const town of towns) {
		for (const kf of await publicKeyFigures(db, town.id)) {
			const series = await computeSeries(db, town, kf.formula);
			const total = series.rows.find((r) => r.isTotal);
			const category = series.categories.find(isTotalCategory) ?? series.categories[0] ?? '';
			const date = series.dates.at(-1);
			if (!total || !date) continue;
			if (!byName.has(kf.name)) byName.set(kf.name, new Map());
			byName.get(kf.name)!.set(town.id, { keyFigureId: kf.id, value: total.cells.get(category)?.get(date) ?? { value: null, status: 'not_available' }, date });
		}
	}
	return {
		towns: towns.map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
		rows: [...byName]
			.sort(([a], [b]) => a.localeCompare(b, 'de'))
			.map(([name, cells]) => ({ name, cells: towns.map((t) => cells.get(t.id) ?? null) }))
	};
}
