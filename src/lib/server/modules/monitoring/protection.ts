import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { area } from '../areas/schema.ts';
import { figureValue } from './schema.ts';
import { isConsistent, protectTables, type CellRef, type CellStatus, type CountTable, type DisclosureConfig, type ProtectedValue } from './disclosure.ts';
import { loadMonitoringSettings } from './settings.ts';
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

export async function protectedFigure(db: DbOrTx, municipalityId: string, figureId: string, date: string, areas: AreaNode[]): Promise<FigureCells> {
	const { disclosure } = await loadMonitoringSettings(db, municipalityId);
	const current = and(eq(figureValue.municipalityId, municipalityId), eq(figureValue.referenceDate, date), isNull(figureValue.supersededAt));
	const [stamp] = await db
		.select({ n: sql<number>`count(*)::int`, last: sql<string>`max(${figureValue.createdAt})::text` })
		.from(figureValue)
		.where(current);
	const key = `${stamp?.n ?? 0}:${stamp?.last ?? ''}:${areas.length}:${disclosure.threshold}:${disclosure.minDenominator}`;
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
		entry = { stamp: key, byFigure: protectFigures(byFigure, areas, disclosure) };
		protections.delete(cacheKey);
		protections.set(cacheKey, entry);
		if (protections.size > 200) protections.delete(protections.keys().next().value!);
	}
	return entry.byFigure.get(figureId) ?? new Map();
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
	columns: string[];
	additive: boolean;
	tables: PlannedTable[];
	/** Per column (and the row sum), the values per area: equal columns of two figures are the same count. */
	vectors: { category: string; values: Map<string, number> }[];
	byArea: Map<string, Map<string, ValueRow>>;
}

const cellKey = (figureId: string, label: string, category: string) => `${figureId}\u0000${label}\u0000${category}`;

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
	// Only areas that have values take part; a child's parent must be in the table too, or the relation is dropped.
	const labels = [...(present.has(TOTAL) ? [TOTAL] : []), ...areas.filter((a) => present.has(a.id)).map((a) => a.id)];
	const areaById = new Map(areas.map((a) => [a.id, a]));
	const parentOf = (id: string): string | undefined => {
		if (id === TOTAL) return undefined;
		const a = areaById.get(id);
		if (a?.parentId && present.has(a.parentId)) return a.parentId;
		return !a?.parentId && present.has(TOTAL) ? TOTAL : undefined;
	};
	const cellOf = (label: string, category: string): number | null => {
		const r = byArea.get(label)?.get(category);
		return r && (r.sourceStatus === 'ok' || r.sourceStatus === 'zero') && r.value !== null && Number.isInteger(r.value) && r.value >= 0 ? r.value : null;
	};
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
	// Categories that are part of the total without filling it (the residents with a migration background
	// beside all residents): the rest (total − parts) is as good as published, so it is a cell of the row,
	// protected like any other. Without it, "mit MH" = 98 of 100 would print the 2 people without.
	const partial =
		!additive &&
		categories.includes('') &&
		parts.length > 0 &&
		labels.every((label) => {
			const total = cellOf(label, '');
			const values = parts.map((c) => cellOf(label, c));
			return total !== null && values.every((v) => v !== null) && values.reduce((a, b) => a! + b!, 0)! <= total;
		});
	const rest = (label: string): number | null => cellOf(label, '')! - parts.reduce((sum, c) => sum + cellOf(label, c)!, 0);
	const columns = additive ? parts : partial ? [...parts, REST] : categories;
	const cellValue = (label: string, category: string): number | null => (category === REST ? rest(label) : cellOf(label, category));
	// Without its own total, the sum of a row's categories may still be known from elsewhere (Köln
	// delivers residents by age group and the residents in another table). The control assumes it is:
	// with the sum as the row total, a hidden category is never the only hidden cell of its row. Where
	// the categories overlap this hides more than needed, never less. The sum itself is not published;
	// when another figure delivers it, the two are linked (see `protectFigures`).
	const impliedTotal = (label: string): number | null => {
		if (columns.length < 2) return null;
		const values = columns.map((c) => cellOf(label, c));
		return values.every((v) => v !== null) ? values.reduce((a, b) => a! + b!, 0)! : null;
	};
	// All rows or none: a sum known for some rows only would not add up along the area hierarchy.
	const useImplied = !additive && !partial && columns.length > 1 && labels.every((label) => impliedTotal(label) !== null);
	const totalCategory = additive || partial ? '' : useImplied ? ROW_SUM : null;

	/** A table over all labels, with the parent relations when its sums hold along the hierarchy. */
	const hierarchical = (members: string[], total: string | null, totalOf: (label: string) => number | null): PlannedTable => {
		const build = (withParent: boolean): CountTable => ({
			columns: members,
			rows: labels.map((label) => ({ label, cells: members.map((c) => cellValue(label, c)), ...(total !== null ? { total: totalOf(label) } : {}), ...(withParent ? { parent: parentOf(label) } : {}) }))
		});
		// The delivered parts may not add up to their totals (a source that rounds, or areas missing from
		// a level): then each level is protected on its own, so nothing is published that the control has not seen.
		const withParents = build(true);
		const table = isConsistent(withParents) ? withParents : build(false);
		return { table, keyOf: (row, column) => cellKey(figureId, labels[row]!, column === 'total' ? total! : members[column]!) };
	};
	const tables = [hierarchical(columns, totalCategory, (label) => (additive || partial ? cellOf(label, '') : impliedTotal(label)))];
	// A category that is the exact sum of some others in every area ("Ausländer" = the seven origin
	// groups in Köln's table) is a second sum relation, linked to the first through the shared cells.
	for (const { total, parts: members } of subTotals(labels, columns, cellValue)) tables.push(hierarchical(members, total, (label) => cellOf(label, total)));

	// Each column over the areas that deliver it, to find the same count in another figure.
	const vectors: { category: string; values: Map<string, number> }[] = [];
	for (const category of [...categories, ...(totalCategory === ROW_SUM ? [ROW_SUM] : [])]) {
		const values = new Map<string, number>();
		for (const label of labels) {
			const v = category === ROW_SUM ? impliedTotal(label) : cellOf(label, category);
			if (v !== null) values.set(label, v);
		}
		vectors.push({ category, values });
	}
	return { figureId, labels, columns, additive: additive || partial, tables, vectors, byArea };
}

/**
 * The disclosure control of all figures of one reference date. Figures that deliver the same count
 * (equal values in every area: the residents of one figure and the sum of another's age groups; a
 * category repeated in two tables) are protected together with their shared cells linked, so a cell
 * hidden in one is hidden in the other and no combination of the two reveals it. Other figures are
 * protected on their own. Cells the source already withheld stay withheld.
 */
export function protectFigures(figures: ReadonlyMap<string, ValueRow[]>, areas: AreaNode[], config: Partial<DisclosureConfig> = {}): Map<string, FigureCells> {
	const plans = [...figures].map(([id, rows]) => planFigure(id, rows, areas));
	// Equal columns of different figures are one count: their cells are joined (union-find over cell
	// keys), and so are the figures. Equal means: the same value in every area both deliver, at least
	// two such areas, not all zero. A figure delivered for fewer areas (only the quarters) still matches.
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
	const columns = plans.flatMap((plan) => plan.vectors.filter((v) => v.values.size >= 2 && [...v.values.values()].some((n) => n > 0)).map((v) => ({ plan, ...v })));
	// Candidates by the value in one area they share: avoids comparing every column with every other.
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
			union(`figure\u0000${a.plan.figureId}`, `figure\u0000${b.plan.figureId}`);
		}
	}
	const canonical = find;
	const root = (figureId: string) => find(`figure\u0000${figureId}`);

	const out = new Map<string, FigureCells>();
	const groups = new Map<string, FigurePlan[]>();
	for (const plan of plans) {
		const r = root(plan.figureId);
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
						const key = canonical(planned.keyOf(ref.row, ref.column));
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
				if (plan.additive) byCategory.set('', sourceWithheld(source?.get('')) ?? row.total!);
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

