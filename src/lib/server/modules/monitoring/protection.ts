import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { area } from '../areas/schema.ts';
import { baseFigure, figureValue } from './schema.ts';
import { isConsistent, protectTables, type CellRef, type CellStatus, type CountTable, type DisclosureConfig, type ProtectedValue } from './disclosure.ts';
import { loadMonitoringSettings } from './settings.ts';
import { log } from '../../core/log.ts';
import { parseAgeBand } from './statements.ts';

/*
 * The protected counts of base figures: every number the monitoring shows is read through
 * `protectedFigure`, which runs the disclosure control (disclosure.ts) over a whole figure at one
 * reference date and keeps the result until the figure's values or the municipality's rules change.
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

/** Current values of one figure, for some reference dates and categories. */
export async function valuesOf(db: DbOrTx, municipalityId: string, figureId: string, options: { dates?: string[]; categories?: string[] } = {}) {
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

export type ValueRow = Awaited<ReturnType<typeof valuesOf>>[number];

/** The protected cells of one figure: area id ('total' for the whole municipality) → category → value. */
export type FigureCells = Map<string, Map<string, ProtectedValue>>;

/**
 * One protection per municipality and reference date, over every figure, category and area at once,
 * whatever page asks: two pages protecting different slices of the same counts could each look safe
 * and together reveal a hidden cell, and so could two figures that share counts. Computed once and
 * kept until a current value of that date or the municipality's disclosure rules change.
 */
const protections = new Map<string, { stamp: string; byFigure: Map<string, FigureCells> }>();

export async function protectedFigure(db: DbOrTx, municipalityId: string, figureId: string, date: string, areas: AreaNode[], config?: DisclosureConfig): Promise<FigureCells> {
	// The caller may pass the municipality's rules it has already read (a key figure over many dates).
	const disclosure = config ?? (await loadMonitoringSettings(db, municipalityId)).disclosure;
	const current = and(eq(figureValue.municipalityId, municipalityId), eq(figureValue.referenceDate, date), isNull(figureValue.supersededAt));
	const [stamp] = await db
		.select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${figureValue.createdAt})::text` })
		.from(figureValue)
		.where(current);
	// The hierarchy takes part too: areas imported again with other parents give other sum relations.
	const key = `${stamp?.n ?? 0}:${stamp?.last ?? ''}:${hierarchyHash(areas)}:${disclosure.threshold}`;
	const cacheKey = `${municipalityId}:${date}`;
	let entry = protections.get(cacheKey);
	if (!entry || entry.stamp !== key) {
		const rows = await db
			.select({ figureId: figureValue.baseFigureId, areaId: figureValue.areaId, category: figureValue.category, referenceDate: figureValue.referenceDate, value: figureValue.value, sourceStatus: figureValue.sourceStatus })
			.from(figureValue)
			.where(current);
		const byFigure = new Map<string, ValueRow[]>();
		for (const { figureId: id, ...row } of rows) {
			if (!byFigure.has(id)) byFigure.set(id, []);
			byFigure.get(id)!.push(row);
		}
		const counts = await db
			.select({ id: baseFigure.id })
			.from(baseFigure)
			.where(and(eq(baseFigure.municipalityId, municipalityId), eq(baseFigure.unit, 'count')));
		entry = { stamp: key, byFigure: protectOrWithhold(byFigure, areas, disclosure, new Set(counts.map((c) => c.id))) };
		protections.delete(cacheKey);
		protections.set(cacheKey, entry);
		if (protections.size > 200) protections.delete(protections.keys().next().value!);
	}
	return entry.byFigure.get(figureId) ?? new Map();
}

/** A short fingerprint of the areas and their parents. */
function hierarchyHash(areas: readonly AreaNode[]): string {
	let h = 5381;
	for (const a of areas) for (const ch of `${a.id}>${a.parentId ?? ''};`) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
	return `${areas.length}.${h.toString(36)}`;
}

/**
 * `protectFigures`, and if it fails (data the control cannot model), every count of the date withheld
 * rather than a page that fails or a number published that the control has not seen.
 */
function protectOrWithhold(figures: ReadonlyMap<string, ValueRow[]>, areas: AreaNode[], config: DisclosureConfig, countFigures: ReadonlySet<string>): Map<string, FigureCells> {
	try {
		return protectFigures(figures, areas, config, countFigures);
	} catch (e) {
		log.error('monitoring: disclosure control failed, the counts of this date are withheld', { error: String(e) });
		const withheld = { value: null, status: 'suppressed_secondary' } as const;
		return new Map([...figures].map(([id, rows]) => [id, countFigures.has(id) ? cellsOf(rows, () => withheld) : asDelivered(rows)]));
	}
}

export const TOTAL = 'total';
/** The category key of a row's sum when a figure has no total of its own (never a delivered category). */
const ROW_SUM = '\u0001sum';
/** The category key of the rest of a total that its categories do not fill. */
const REST = '\u0001rest';

/** One table of a figure's protection, and which count each of its cells is ("figure|area|category"). */
interface PlannedTable {
	table: CountTable;
	keyOf: (row: number, column: number | 'total') => string;
}

interface FigurePlan {
	figureId: string;
	labels: string[];
	/** The columns of the first table, in order: the categories (and the rest of the total, never shown). */
	columns: string[];
	/** Whether the row total of the first table is the figure's own total ('' category). */
	ownTotal: boolean;
	tables: PlannedTable[];
	/** Per column (and the total, the row sum, the rest), the values per area, to find the same counts in other figures. */
	vectors: { category: string; values: Map<string, number> }[];
	/** The count of a cell as the protection sees it (null: unknown), including the rest and the row sum. */
	valueOf: (label: string, category: string) => number | null;
	parentOf: (label: string) => string | undefined;
	byArea: Map<string, Map<string, ValueRow>>;
}

const cellKey = (figureId: string, label: string, category: string) => `${figureId}\u0000${label}\u0000${category}`;

/**
 * A table over some labels (areas) with the relation "parent = sum of its children" in every column,
 * except for parents whose children do not add up to them (a source that rounds, an area not
 * delivered): those lose the relation to their children, the others keep it.
 */
function hierarchicalTable(
	labels: readonly string[],
	members: readonly string[],
	valueOf: (label: string, category: string) => number | null,
	total: { of: (label: string) => number | null } | null,
	parentOf: (label: string) => string | undefined
): CountTable {
	const inTable = new Set(labels);
	const parents = new Map<string, string>();
	for (const label of labels) {
		const p = parentOf(label);
		if (p !== undefined && inTable.has(p)) parents.set(label, p);
	}
	const children = new Map<string, string[]>();
	for (const [child, p] of parents) children.set(p, [...(children.get(p) ?? []), child]);
	const adds = (whole: number | null, parts: (number | null)[]) => whole === null || parts.some((v) => v === null) || parts.reduce((a, b) => a! + b!, 0) === whole;
	const broken = new Set<string>();
	for (const [p, kids] of children) {
		const columnsAdd = members.every((c) => adds(valueOf(p, c), kids.map((k) => valueOf(k, c))));
		if (!columnsAdd || (total && !adds(total.of(p), kids.map((k) => total.of(k))))) broken.add(p);
	}
	const build = (withParent: boolean): CountTable => ({
		columns: [...members],
		rows: labels.map((label) => {
			const p = parents.get(label);
			return { label, cells: members.map((c) => valueOf(label, c)), ...(total ? { total: total.of(label) } : {}), ...(withParent && p !== undefined && !broken.has(p) ? { parent: p } : {}) };
		})
	});
	const table = build(true);
	// Every relation left adds up by construction; protect without the hierarchy rather than fail if one does not.
	return isConsistent(table) ? table : build(false);
}

/**
 * The tables of one figure at one reference date: every category over the whole area hierarchy
 * (municipality → districts → quarters), so that a suppressed quarter cannot be recomputed from its
 * district, and each category that is the sum of others as a table of its own.
 */
function planFigure(figureId: string, rows: ValueRow[], areas: AreaNode[]): FigurePlan {
	const categories = [...new Set(rows.map((r) => r.category))].sort(categoryOrder);
	const byArea = new Map<string, Map<string, ValueRow>>();
	for (const r of rows) {
		const key = r.areaId ?? TOTAL;
		if (!byArea.has(key)) byArea.set(key, new Map());
		byArea.get(key)!.set(r.category, r);
	}
	const present = new Set(byArea.keys());
	// Only areas that have values take part.
	const labels = [...(present.has(TOTAL) ? [TOTAL] : []), ...areas.filter((a) => present.has(a.id)).map((a) => a.id)];
	const areaById = new Map(areas.map((a) => [a.id, a]));
	// The nearest area above that has values (a figure delivered for the town and its quarters, without
	// the districts, still has the town as the sum of its quarters), or the whole municipality.
	const parentOf = (id: string): string | undefined => {
		if (id === TOTAL) return undefined;
		for (let p = areaById.get(id)?.parentId ?? null; p; p = areaById.get(p)?.parentId ?? null) if (present.has(p)) return p;
		return present.has(TOTAL) ? TOTAL : undefined;
	};
	const cellOf = (label: string, category: string): number | null => {
		const r = byArea.get(label)?.get(category);
		return r && (r.sourceStatus === 'ok' || r.sourceStatus === 'zero') && r.value !== null && Number.isInteger(r.value) && r.value >= 0 ? r.value : null;
	};
	const parts = categories.filter((c) => c !== '');
	const partSum = (label: string): number | null => {
		const values = parts.map((c) => cellOf(label, c));
		return values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0)! : null;
	};
	// With its own total ("insgesamt"), the categories are parts of it, and the rest (total − parts) is as
	// good as published: it is a cell of the row, protected like any other. Without it, "mit MH" = 98 of
	// 100 would print the 2 without. Row by row: a row with an unknown part has an unknown rest.
	// Categories that overlap (their sum exceeds the total somewhere) are no parts of it.
	const hasTotal = categories.includes('') && parts.length > 0;
	const overlapping = hasTotal && labels.some((label) => {
		const total = cellOf(label, '');
		const sum = partSum(label);
		return total !== null && sum !== null && sum > total;
	});
	const ownTotal = hasTotal && !overlapping;
	const rest = (label: string): number | null => {
		const total = cellOf(label, '');
		const sum = partSum(label);
		return total !== null && sum !== null ? total - sum : null;
	};
	const columns = ownTotal ? (labels.every((label) => rest(label) === 0) ? parts : [...parts, REST]) : categories;
	// Without its own total, the sum of a row's categories may still be known from elsewhere (Köln
	// delivers residents by age group and the residents in another table). The control assumes it is:
	// with the sum as the row total, a hidden category is never the only hidden cell of its row. Where
	// the categories overlap this hides more than needed, never less. When another figure delivers the
	// sum, the two are linked (see `protectFigures`).
	const impliedTotal = (label: string): number | null => {
		if (columns.length < 2) return null;
		const values = columns.map((c) => cellOf(label, c));
		return values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0)! : null;
	};
	const valueOf = (label: string, category: string): number | null =>
		category === REST ? rest(label) : category === ROW_SUM ? impliedTotal(label) : cellOf(label, category);
	const totalCategory = ownTotal ? '' : columns.length > 1 ? ROW_SUM : null;

	const planned = (members: string[], total: string | null): PlannedTable => ({
		table: hierarchicalTable(labels, members, valueOf, total === null ? null : { of: (label) => valueOf(label, total) }, parentOf),
		keyOf: (row, column) => cellKey(figureId, labels[row]!, column === 'total' ? total! : members[column]!)
	});
	const tables = [planned(columns, totalCategory)];
	// A category that is the exact sum of some others in every area ("Ausländer" = the seven origin
	// groups in Köln's table) is a second sum relation, linked to the first through the shared cells.
	for (const { total, parts: members } of subTotals(labels, columns, valueOf)) tables.push(planned(members, total));

	const vectors: { category: string; values: Map<string, number> }[] = [];
	for (const category of [...new Set([...columns, ...(totalCategory !== null ? [totalCategory] : [])])]) {
		const values = new Map<string, number>();
		for (const label of labels) {
			const v = valueOf(label, category);
			if (v !== null) values.set(label, v);
		}
		vectors.push({ category, values });
	}
	return { figureId, labels, columns, ownTotal, tables, vectors, valueOf, parentOf, byArea };
}

/** The cells of a figure's rows, by area and category, each as `cell` makes it. */
function cellsOf(rows: readonly ValueRow[], cell: (r: ValueRow) => ProtectedValue): FigureCells {
	const cells: FigureCells = new Map();
	for (const r of rows) {
		const label = r.areaId ?? TOTAL;
		if (!cells.has(label)) cells.set(label, new Map());
		cells.get(label)!.set(r.category, cell(r));
	}
	return cells;
}

/** A figure that is not a count (percentages, rates delivered as such): shown as the source gave it. */
const asDelivered = (rows: readonly ValueRow[]): FigureCells => cellsOf(rows, (r) => sourceWithheld(r) ?? (r.value === 0 ? { value: 0, status: 'zero' } : { value: r.value, status: 'ok' }));

/**
 * The disclosure control of all figures of one reference date. Two kinds of identity between the
 * numbers of different figures are found and protected: a column of one figure equal to a column of
 * another (the same count delivered twice, or the residents and the sum of another figure's age
 * groups), and a column of one figure equal to the sum of some columns of another (the under-18s and
 * the age groups up to 17), and a column of one figure equal, area by area, to the sum of another's
 * over the subareas (the residents per district in one table, per quarter in another). Any such identity holds between published numbers, whatever they mean, so
 * a reader could use it; protected together, a cell hidden in one figure is hidden in the other, and
 * the linear audit sees both. Figures without such an identity are protected on their own. Figures
 * that are not counts (`countFigures` names the others) are shown as delivered. Cells the source
 * already withheld stay withheld.
 */
export function protectFigures(figures: ReadonlyMap<string, ValueRow[]>, areas: AreaNode[], config: Partial<DisclosureConfig> = {}, countFigures?: ReadonlySet<string>): Map<string, FigureCells> {
	const out = new Map<string, FigureCells>();
	const plans: FigurePlan[] = [];
	for (const [id, rows] of figures) {
		if (countFigures && !countFigures.has(id)) out.set(id, asDelivered(rows));
		else plans.push(planFigure(id, rows, areas));
	}
	const parent = new Map<string, string>();
	const find = (key: string): string => {
		let r = key;
		while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
		if (key !== r) parent.set(key, r);
		return r;
	};
	const union = (a: string, b: string) => {
		const x = find(a);
		const y = find(b);
		if (x !== y) parent.set(y, x);
	};
	const joinFigures = (a: FigurePlan, b: FigurePlan) => union(`figure\u0000${a.figureId}`, `figure\u0000${b.figureId}`);
	const columns = plans.flatMap((plan) => plan.vectors.filter((v) => v.values.size >= 2 && [...v.values.values()].some((n) => n > 0)).map((v) => ({ plan, ...v })));

	// (1) Equal columns: the same value in every area both deliver, at least two such areas, not all
	// zero. Their cells are joined (union-find over cell keys), and so are the figures.
	const byValue = new Map<string, number[]>();
	columns.forEach((column, index) => {
		for (const [label, value] of column.values) {
			if (value === 0) continue; // two equal columns share a non-zero value somewhere; zeros would make every column a candidate
			const key = `${label}=${value}`;
			if (!byValue.has(key)) byValue.set(key, []);
			byValue.get(key)!.push(index);
		}
	});
	for (let i = 0; i < columns.length; i++) {
		const a = columns[i]!;
		const candidates = new Set<number>();
		for (const [label, value] of a.values) for (const j of byValue.get(`${label}=${value}`) ?? []) if (j > i && columns[j]!.plan !== a.plan) candidates.add(j);
		for (const j of candidates) {
			const b = columns[j]!;
			const shared = [...a.values.keys()].filter((label) => b.values.has(label));
			if (shared.length < 2 || shared.some((label) => a.values.get(label) !== b.values.get(label)) || shared.every((label) => a.values.get(label) === 0)) continue;
			for (const label of shared) union(cellKey(a.plan.figureId, label, a.category), cellKey(b.plan.figureId, label, b.category));
			joinFigures(a.plan, b.plan);
		}
	}

	// (2) A column equal to the sum of two or more columns of another figure (up to 16 columns, as in
	// `subTotals`): one more table with that relation over the areas both deliver, linked to both figures.
	for (const g of columns)
		for (const f of plans) {
			if (f === g.plan || f.columns.length < 3 || f.columns.length > 16) continue;
			const shared = f.labels.filter((label) => g.values.has(label) && f.columns.every((c) => f.valueOf(label, c) !== null));
			if (shared.length < 2 || shared.every((label) => g.values.get(label) === 0)) continue;
			const matrix = shared.map((label) => f.columns.map((c) => f.valueOf(label, c)!));
			const found = firstSubsetSum(
				matrix,
				f.columns.map((_, c) => c),
				shared.map((label) => g.values.get(label)!)
			);
			// All of f's columns together are its row total, already linked by case (1).
			if (!found || found.length === f.columns.length) continue;
			const members = found.map((c) => f.columns[c]!);
			f.tables.push({
				table: hierarchicalTable(shared, members, f.valueOf, { of: (label) => g.values.get(label) ?? null }, f.parentOf),
				keyOf: (row, column) => (column === 'total' ? cellKey(g.plan.figureId, shared[row]!, g.category) : cellKey(f.figureId, shared[row]!, members[column]!))
			});
			joinFigures(f, g.plan);
		}

	// (3) A column delivered for an area that is the sum of another figure's column over its subareas
	// (the residents per district in one table, per quarter in another): one relation per such area.
	const childAreas = new Map<string, string[]>();
	for (const a of areas) if (a.parentId) childAreas.set(a.parentId, [...(childAreas.get(a.parentId) ?? []), a.id]);
	const topAreas = areas.filter((a) => !a.parentId).map((a) => a.id);
	for (const a of columns)
		for (const b of columns) {
			if (a.plan === b.plan) continue;
			const matches: { label: string; parts: string[] }[] = [];
			// The areas of b that make up `label` exactly: its subareas, or theirs where b skips a level.
			const partition = (label: string): string[] | null => {
				const below = label === TOTAL ? topAreas : (childAreas.get(label) ?? []);
				if (!below.length) return null;
				const out: string[] = [];
				for (const child of below) {
					const inner = b.values.has(child) ? [child] : partition(child);
					if (!inner) return null;
					out.push(...inner);
				}
				return out;
			};
			for (const [label, value] of a.values) {
				if (b.values.has(label)) continue; // delivered by both: case (1) and b's own hierarchy
				const parts = partition(label);
				if (!parts || parts.length < 2) continue;
				if (parts.reduce((sum, child) => sum + b.values.get(child)!, 0) !== value) {
					matches.length = 0;
					break; // not the same count after all
				}
				matches.push({ label, parts });
			}
			if (matches.length < 2 || matches.every((m) => a.values.get(m.label) === 0)) continue;
			for (const { label, parts } of matches)
				b.plan.tables.push({
					table: { columns: parts, rows: [{ label, cells: parts.map((child) => b.values.get(child)!), total: a.values.get(label)! }] },
					keyOf: (_row, column) => (column === 'total' ? cellKey(a.plan.figureId, label, a.category) : cellKey(b.plan.figureId, parts[column]!, b.category))
				});
			joinFigures(a.plan, b.plan);
		}

	const groups = new Map<string, FigurePlan[]>();
	for (const plan of plans) {
		const r = find(`figure\u0000${plan.figureId}`);
		if (!groups.has(r)) groups.set(r, []);
		groups.get(r)!.push(plan);
	}
	for (const group of groups.values()) {
		const tables: CountTable[] = [];
		const owners: { plan: FigurePlan; index: number }[] = [];
		const seen = new Map<string, CellRef>();
		const links: [CellRef, CellRef][] = [];
		for (const plan of group)
			plan.tables.forEach((planned, index) => {
				const t = tables.length;
				tables.push(planned.table);
				owners.push({ plan, index });
				planned.table.rows.forEach((row, r) => {
					const refs: CellRef[] = row.cells.map((_, c) => ({ table: t, row: r, column: c }));
					if (row.total !== undefined) refs.push({ table: t, row: r, column: 'total' });
					for (const ref of refs) {
						const key = find(planned.keyOf(ref.row, ref.column));
						const first = seen.get(key);
						if (first) links.push([first, ref]);
						else seen.set(key, ref);
					}
				});
			});
		const results = protectTables(tables, links, config);
		results.forEach((result, t) => {
			const { plan, index } = owners[t]!;
			if (index !== 0) return; // the first table of a figure holds every one of its cells; linked cells share their status
			const cells: FigureCells = new Map();
			result.rows.forEach((row) => {
				const byCategory = new Map<string, ProtectedValue>();
				const source = plan.byArea.get(row.label);
				row.cells.forEach((cell, i) => {
					const category = plan.columns[i]!;
					if (category !== REST) byCategory.set(category, sourceWithheld(source?.get(category)) ?? cell);
				});
				if (plan.ownTotal) byCategory.set('', sourceWithheld(source?.get('')) ?? row.total!);
				cells.set(row.label, byCategory);
			});
			out.set(plan.figureId, cells);
		});
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
		const members = firstSubsetSum(
			matrix as number[][],
			columns.map((_, i) => i).filter((i) => i !== t),
			matrix.map((row) => row[t]!)
		);
		if (members) found.push({ total: columns[t]!, parts: members.map((i) => columns[i]!) });
	}
	return found;
}

/**
 * The first set of at least two of the `candidates` (column indexes of `matrix`) whose sum equals
 * `target` in every row, trying the subsets in order; null if there is none. A single column equal to
 * the target is no sum relation (equal columns are linked on their own).
 */
function firstSubsetSum(matrix: readonly (readonly number[])[], candidates: readonly number[], target: readonly number[]): number[] | null {
	for (let mask = 1; mask < 1 << candidates.length; mask++) {
		if ((mask & (mask - 1)) === 0) continue;
		const members = candidates.filter((_, bit) => mask & (1 << bit));
		if (matrix.every((row, r) => members.reduce((sum, i) => sum + row[i]!, 0) === target[r])) return members;
	}
	return null;
}

export function sourceWithheld(r: ValueRow | undefined): ProtectedValue | null {
	if (!r) return { value: null, status: 'not_available' };
	const status: Partial<Record<string, CellStatus>> = { secret: 'suppressed_primary', not_reliable: 'not_reliable', not_applicable: 'not_applicable', not_available: 'not_available' };
	const s = status[r.sourceStatus];
	if (s) return { value: null, status: s };
	// A non-integer or negative number (a rate delivered as a base figure) is published as the source gave it.
	if (r.value !== null && (!Number.isInteger(r.value) || r.value < 0)) return { value: r.value, status: 'ok' };
	return null;
}

/** The order people expect: totals first, age bands by age, the rest alphabetically. */
export function categoryOrder(a: string, b: string): number {
	if (a === '' || b === '') return a === '' ? (b === '' ? 0 : -1) : 1;
	const age = (s: string) => parseAgeBand(s.replace(/\s*-\s*<\s*(\d+)/, (_, n) => `-${Number(n) - 1}`).replace(/^0(\d)/, '$1'))?.from ?? (/^(\d+)/.exec(s) ? Number(/^(\d+)/.exec(s)![1]) : null);
	const x = age(a);
	const y = age(b);
	if (x !== null && y !== null && x !== y) return x - y;
	return a.localeCompare(b, 'de');
}

