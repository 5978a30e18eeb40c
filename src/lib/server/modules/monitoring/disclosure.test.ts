import { describe, expect, it } from 'vitest';
import {
	CELL_STATUSES,
	DIN_SYMBOLS,
	differenceInPoints,
	explainSymbol,
	legendFor,
	primaryStatus,
	protectTable,
	rate,
	renderCell,
	share,
	symbolFor,
	type CellStatus,
	type CountTable,
	type ProtectedTable,
	type ProtectedValue
} from './disclosure.ts';

/** Suppressed cells of a protected table as "row/column" → p (primary) or s (secondary); margins are named "total". */
function hiddenMap(result: ProtectedTable): Record<string, 'p' | 's'> {
	const map: Record<string, 'p' | 's'> = {};
	const note = (name: string, cell: ProtectedValue | undefined) => {
		if (cell?.status === 'suppressed_primary') map[name] = 'p';
		if (cell?.status === 'suppressed_secondary') map[name] = 's';
	};
	for (const row of result.rows) {
		row.cells.forEach((cell, c) => note(`${row.label}/${result.columns[c]}`, cell));
		note(`${row.label}/total`, row.total);
	}
	result.columnTotals?.forEach((cell, c) => note(`total/${result.columns[c]}`, cell));
	note('total/total', result.grandTotal);
	return map;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A full table with row totals, column totals and grand total computed from the body. */
function withMargins(columns: string[], body: Record<string, number[]>): CountTable {
	const rows = Object.entries(body).map(([label, cells]) => ({ label, cells, total: sum(cells) }));
	const columnTotals = columns.map((_, c) => sum(rows.map((row) => row.cells[c]!)));
	return { columns, rows, columnTotals, grandTotal: sum(columnTotals) };
}

/** A one-dimensional list of parts (age bands) with its published total, as a table of one row. */
const parts = (cells: number[]): CountTable => ({
	columns: cells.map((_, i) => `p${i}`),
	rows: [{ label: 'A', cells, total: sum(cells) }]
});

const deepFreeze = <T>(value: T): T => {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
};

describe('symbols and legend', () => {
	it.each([
		{ status: 'ok', symbol: null },
		{ status: 'zero', symbol: '-' },
		{ status: 'suppressed_primary', symbol: '.' },
		{ status: 'suppressed_secondary', symbol: '.' },
		{ status: 'not_reliable', symbol: '/' },
		{ status: 'not_available', symbol: '…' },
		{ status: 'not_applicable', symbol: 'x' }
	] satisfies { status: CellStatus; symbol: string | null }[])('$status → $symbol', ({ status, symbol }) => {
		expect(symbolFor(status)).toBe(symbol);
	});

	it('covers every status', () => {
		expect(CELL_STATUSES).toHaveLength(7);
	});

	it.each([
		{ cell: { value: 1234.5, status: 'ok' }, text: '1.234,5' },
		{ cell: { value: 0, status: 'zero' }, text: '-' },
		{ cell: { value: null, status: 'suppressed_primary' }, text: '.' },
		{ cell: { value: null, status: 'not_reliable' }, text: '/' },
		{ cell: { value: null, status: 'not_applicable' }, text: 'x' },
		{ cell: { value: null, status: 'not_available' }, text: '…' }
	] satisfies { cell: ProtectedValue; text: string }[])('renders $cell.status as "$text"', ({ cell, text }) => {
		expect(renderCell(cell)).toBe(text);
	});

	it('renders with a given number format', () => {
		expect(renderCell({ value: 52.66, status: 'ok' }, (v) => v.toFixed(1))).toBe('52.7');
	});

	it('explains every symbol in German and English', () => {
		for (const symbol of DIN_SYMBOLS) {
			const { de, en } = explainSymbol(symbol);
			expect(de.length).toBeGreaterThan(5);
			expect(en.length).toBeGreaterThan(5);
		}
		expect(explainSymbol('-').de).toMatch(/nichts vorhanden/);
		expect(explainSymbol('.').en).toMatch(/secret/);
	});

	it('builds a legend of the symbols that occur, in DIN order, each once', () => {
		const legend = legendFor(['ok', 'not_reliable', 'suppressed_secondary', 'zero', 'suppressed_primary']);
		expect(legend.map((entry) => entry.symbol)).toEqual(['-', '.', '/']);
		expect(legendFor(['ok', 'ok'])).toEqual([]);
	});
});

describe('primary suppression', () => {
	it.each([
		{ threshold: 3, value: 0, status: 'zero' },
		{ threshold: 3, value: 1, status: 'suppressed_primary' },
		{ threshold: 3, value: 2, status: 'suppressed_primary' },
		{ threshold: 3, value: 3, status: 'ok' },
		{ threshold: 3, value: 4, status: 'ok' },
		{ threshold: 5, value: 0, status: 'zero' },
		{ threshold: 5, value: 1, status: 'suppressed_primary' },
		{ threshold: 5, value: 2, status: 'suppressed_primary' },
		{ threshold: 5, value: 3, status: 'suppressed_primary' },
		{ threshold: 5, value: 4, status: 'suppressed_primary' },
		{ threshold: 5, value: 5, status: 'ok' },
		{ threshold: 1, value: 1, status: 'ok' }
	] satisfies { threshold: number; value: number; status: CellStatus }[])('threshold $threshold: $value → $status', ({ threshold, value, status }) => {
		expect(primaryStatus(value, { threshold })).toBe(status);
		// The same rule inside a table, where no relation forces anything else (no totals published).
		const cell = protectTable({ columns: ['n'], rows: [{ label: 'A', cells: [value] }] }, { threshold }).rows[0]!.cells[0]!;
		expect(cell.status).toBe(status);
		expect(cell.value).toBe(status === 'suppressed_primary' ? null : value);
	});

	it('defaults to threshold 3', () => {
		expect([0, 1, 2, 3].map((v) => primaryStatus(v))).toEqual(['zero', 'suppressed_primary', 'suppressed_primary', 'ok']);
		expect(primaryStatus(null)).toBe('not_available');
	});

	it.each([{ threshold: 0 }, { threshold: 2.5 }, { minDenominator: 0 }, { threshold: Number.NaN }])('rejects config %o', (config) => {
		expect(() => primaryStatus(1, config)).toThrow(RangeError);
	});

	it.each([-1, 1.5, Number.NaN])('rejects the count %s', (value) => {
		expect(() => primaryStatus(value)).toThrow(RangeError);
	});
});

describe('one-dimensional parts with a published total', () => {
	it.each([
		{ name: 'one small part: the smallest other part joins it', cells: [2, 7, 4, 10], hidden: { 'A/p0': 'p', 'A/p2': 's' } },
		{ name: 'a zero is never the complement', cells: [5, 1, 0, 3, 8], hidden: { 'A/p1': 'p', 'A/p3': 's' } },
		{ name: 'ties go to the earlier part', cells: [9, 2, 6, 6], hidden: { 'A/p1': 'p', 'A/p2': 's' } },
		{ name: 'two small parts protect each other', cells: [2, 2, 30], hidden: { 'A/p0': 'p', 'A/p1': 'p' } },
		{ name: 'two ones would each be 1: a third part is hidden', cells: [1, 1, 9, 12], hidden: { 'A/p0': 'p', 'A/p1': 'p', 'A/p2': 's' } },
		{ name: 'nothing small, nothing hidden', cells: [3, 0, 4], hidden: {} },
		{ name: 'nothing small beside zeros', cells: [0, 4, 0], hidden: {} },
		{ name: 'a small total is itself hidden', cells: [2, 0, 0], hidden: { 'A/p0': 'p', 'A/total': 'p' } },
		{ name: 'three ones and nothing else: the total is hidden', cells: [1, 1, 1], hidden: { 'A/p0': 'p', 'A/p1': 'p', 'A/p2': 'p', 'A/total': 's' } }
	])('$name', ({ cells, hidden }) => {
		expect(hiddenMap(protectTable(parts(cells)))).toEqual(hidden);
	});

	it('follows the threshold', () => {
		expect(hiddenMap(protectTable(parts([2, 0, 3]), { threshold: 3 }))).toEqual({ 'A/p0': 'p', 'A/p2': 's' });
		expect(hiddenMap(protectTable(parts([2, 0, 3, 9]), { threshold: 5 }))).toEqual({ 'A/p0': 'p', 'A/p2': 'p' });
		expect(hiddenMap(protectTable(parts([4, 7, 5, 9]), { threshold: 5 }))).toEqual({ 'A/p0': 'p', 'A/p2': 's' });
	});

	it('leaves parts without a published total to primary suppression', () => {
		const table: CountTable = { columns: ['a', 'b', 'c'], rows: [{ label: 'A', cells: [2, 7, 4] }] };
		expect(hiddenMap(protectTable(table))).toEqual({ 'A/a': 'p' });
	});

	it('works as a single column with a column total', () => {
		const table: CountTable = {
			columns: ['Einwohner'],
			rows: [
				{ label: '0–3', cells: [12] },
				{ label: '4–5', cells: [1] },
				{ label: '6–9', cells: [8] },
				{ label: '10–15', cells: [20] }
			],
			columnTotals: [41]
		};
		expect(hiddenMap(protectTable(table))).toEqual({ '4–5/Einwohner': 'p', '6–9/Einwohner': 's' });
	});
});

describe('two-dimensional tables with margins', () => {
	const columns = ['a', 'b', 'c'];

	it('a single hidden cell would be recomputable; the protection hides a 2×2 block', () => {
		const table = withMargins(columns, { r1: [2, 5, 8], r2: [6, 4, 9], r3: [7, 10, 11] });
		// The attack on a naive single suppression: row total minus the other cells of the row.
		const r1 = table.rows[0]!;
		expect(r1.total! - r1.cells[1]! - r1.cells[2]!).toBe(2);
		// Row r1 takes its smallest other cell b=5; column a its smallest other cell r2=6; column b,
		// now with r1/b hidden, its smallest other cell r2=4; row r2 then has two and all is settled.
		expect(hiddenMap(protectTable(table))).toEqual({ 'r1/a': 'p', 'r1/b': 's', 'r2/a': 's', 'r2/b': 's' });
	});

	it('a complement can require further complements until a cycle closes', () => {
		const table = withMargins(columns, { r1: [2, 9, 30], r2: [30, 5, 7], r3: [4, 30, 6] });
		// r1/a → r1/b (row) and r3/a (column a); r1/b → r2/b (column b); then r2/b → r2/c and r3/a → r3/c
		// (rows), which close the cycle r1 → a → r3 → c → r2 → b → r1 in column c.
		expect(hiddenMap(protectTable(table))).toEqual({
			'r1/a': 'p',
			'r1/b': 's',
			'r3/a': 's',
			'r2/b': 's',
			'r2/c': 's',
			'r3/c': 's'
		});
	});

	it('a small row total is hidden and protected among the row totals', () => {
		const table = withMargins(['a', 'b'], { r1: [2, 0], r2: [5, 6], r3: [7, 9] });
		// r1/a and its total 2 are primary; column a takes r2/a; the row totals (which add up to the grand
		// total) take the smallest other row total, r2 (11).
		expect(hiddenMap(protectTable(table))).toEqual({ 'r1/a': 'p', 'r1/total': 'p', 'r2/a': 's', 'r2/total': 's' });
	});

	it('two blocks joined by one cell: every row and column has two hidden cells, yet the joining cell was determined', () => {
		const table = withMargins(['c1', 'c2', 'c3', 'c4', 'c5'], {
			r1: [2, 2, 10, 11, 12],
			r2: [2, 2, 1, 13, 14],
			r3: [15, 16, 2, 2, 17],
			r4: [18, 19, 2, 2, 20]
		});
		// With only the primary cells hidden, rows r1 and r2 minus columns c1 and c2 give r2/c3 exactly.
		const published = (r: number, c: number) => (table.rows[r]!.cells[c]! >= 3 ? table.rows[r]!.cells[c]! : 0);
		const hiddenRest = (r: number) => table.rows[r]!.total! - sum([0, 1, 2, 3, 4].map((c) => published(r, c)));
		const hiddenCol = (c: number) => table.columnTotals![c]! - sum([0, 1, 2, 3].map((r) => published(r, c)));
		expect(hiddenRest(0) + hiddenRest(1) - hiddenCol(0) - hiddenCol(1)).toBe(1);
		// The audit adds the smallest visible cell of r2/c3's row and column: r1/c3 = 10.
		expect(hiddenMap(protectTable(table))).toEqual({
			'r1/c1': 'p',
			'r1/c2': 'p',
			'r2/c1': 'p',
			'r2/c2': 'p',
			'r2/c3': 'p',
			'r3/c3': 'p',
			'r3/c4': 'p',
			'r4/c3': 'p',
			'r4/c4': 'p',
			'r1/c3': 's'
		});
	});

	it('a table of ones is hidden entirely and the iteration ends', () => {
		const table = withMargins(columns, { r1: [1, 1, 1], r2: [1, 1, 1] });
		const result = protectTable(table);
		expect(Object.keys(hiddenMap(result))).toHaveLength(6 + 2 + 3 + 1);
	});

	it('publishes the other cells with their values and does not touch the input', () => {
		const table = deepFreeze(withMargins(columns, { r1: [2, 5, 8], r2: [6, 4, 9], r3: [7, 0, 11] }));
		const copy = structuredClone(table);
		const result = protectTable(table);
		expect(table).toEqual(copy);
		expect(result.rows[2]!.cells).toEqual([
			{ value: 7, status: 'ok' },
			{ value: 0, status: 'zero' },
			{ value: 11, status: 'ok' }
		]);
		expect(result.rows[0]!.cells[0]).toEqual({ value: null, status: 'suppressed_primary' });
		expect(result.rows[0]!.total).toEqual({ value: 15, status: 'ok' });
		expect(result.columnTotals).toHaveLength(3);
		expect(result.grandTotal).toEqual({ value: sum(copy.columnTotals as number[]), status: 'ok' });
	});

	it('treats a not-available cell as unknown and never as a complement', () => {
		const table: CountTable = { columns: ['a', 'b', 'c'], rows: [{ label: 'A', cells: [2, null, 5], total: 10 }] };
		const result = protectTable(table);
		expect(result.rows[0]!.cells.map((cell) => cell.status)).toEqual(['suppressed_primary', 'not_available', 'suppressed_secondary']);
	});

	it.each([
		{ name: 'a row total that does not add up', table: { columns: ['a', 'b'], rows: [{ label: 'A', cells: [3, 4], total: 8 }] } },
		{ name: 'a column total that does not add up', table: { columns: ['a'], rows: [{ label: 'A', cells: [3] }], columnTotals: [4] } },
		{ name: 'a ragged row', table: { columns: ['a', 'b'], rows: [{ label: 'A', cells: [3] }] } },
		{ name: 'a duplicate label', table: { columns: ['a'], rows: [{ label: 'A', cells: [3] }, { label: 'A', cells: [4] }] } },
		{ name: 'an unknown parent', table: { columns: ['a'], rows: [{ label: 'A', cells: [3], parent: 'B' }] } },
		{
			name: 'a cycle of parents',
			table: { columns: ['a'], rows: [{ label: 'A', cells: [3], parent: 'B' }, { label: 'B', cells: [3], parent: 'A' }] }
		},
		{ name: 'a negative count', table: { columns: ['a'], rows: [{ label: 'A', cells: [-3] }] } },
		{ name: 'a fractional count', table: { columns: ['a'], rows: [{ label: 'A', cells: [2.5] }] } },
		{ name: 'no columns', table: { columns: [], rows: [] } }
	] satisfies { name: string; table: CountTable }[])('refuses $name', ({ table }) => {
		expect(() => protectTable(table)).toThrow(RangeError);
	});
});

describe('hierarchical areas', () => {
	it('protects a Stadtteil against its Stadtbezirk minus the other Stadtteile', () => {
		const table: CountTable = {
			columns: ['Einwohner'],
			rows: [
				{ label: '1 Bezirk', cells: [67] },
				{ label: '11', cells: [2], parent: '1 Bezirk' },
				{ label: '12', cells: [40], parent: '1 Bezirk' },
				{ label: '13', cells: [25], parent: '1 Bezirk' },
				{ label: '2 Bezirk', cells: [80] },
				{ label: '21', cells: [30], parent: '2 Bezirk' },
				{ label: '22', cells: [50], parent: '2 Bezirk' }
			],
			columnTotals: [147]
		};
		expect(hiddenMap(protectTable(table))).toEqual({ '11/Einwohner': 'p', '13/Einwohner': 's' });
	});

	it('combines children, columns and row totals', () => {
		const table: CountTable = {
			columns: ['a', 'b'],
			rows: [
				{ label: 'D', cells: [15, 20], total: 35 },
				{ label: 'Q1', cells: [2, 9], total: 11, parent: 'D' },
				{ label: 'Q2', cells: [6, 3], total: 9, parent: 'D' },
				{ label: 'Q3', cells: [7, 8], total: 15, parent: 'D' }
			]
		};
		// Row Q1 takes Q1/b; the children of D in column a take Q2/a (6 < 7), in column b Q2/b (3 < 8).
		expect(hiddenMap(protectTable(table))).toEqual({ 'Q1/a': 'p', 'Q1/b': 's', 'Q2/a': 's', 'Q2/b': 's' });
	});

	it('refuses a parent that is not the sum of its children', () => {
		const table: CountTable = {
			columns: ['n'],
			rows: [
				{ label: 'D', cells: [10] },
				{ label: 'Q', cells: [9], parent: 'D' }
			]
		};
		expect(() => protectTable(table)).toThrow(/children of "D"/);
	});
});

describe('shares and rates', () => {
	const ok = (value: number): ProtectedValue => ({ value, status: value === 0 ? 'zero' : 'ok' });
	const hidden = (status: CellStatus): ProtectedValue => ({ value: null, status });

	it.each([
		{ name: 'a plain share', numerator: ok(12), denominator: ok(40), expected: { value: 30, status: 'ok' } },
		{ name: 'denominator at the minimum', numerator: ok(3), denominator: ok(30), expected: { value: 10, status: 'ok' } },
		{ name: 'denominator just below the minimum', numerator: ok(12), denominator: ok(29), expected: { value: null, status: 'not_reliable' } },
		{ name: 'a share of exactly zero', numerator: ok(0), denominator: ok(40), expected: { value: 0, status: 'zero' } },
		{ name: 'zero of a small denominator', numerator: ok(0), denominator: ok(10), expected: { value: null, status: 'not_reliable' } },
		{ name: '0 of 0', numerator: ok(0), denominator: ok(0), expected: { value: null, status: 'not_applicable' } },
		{ name: 'a hidden numerator', numerator: hidden('suppressed_primary'), denominator: ok(400), expected: { value: null, status: 'suppressed_primary' } },
		{ name: 'a secondary hidden numerator', numerator: hidden('suppressed_secondary'), denominator: ok(400), expected: { value: null, status: 'suppressed_secondary' } },
		{ name: 'a hidden denominator', numerator: ok(0), denominator: hidden('suppressed_primary'), expected: { value: null, status: 'suppressed_primary' } },
		{ name: 'hidden beats not reliable', numerator: hidden('suppressed_secondary'), denominator: ok(5), expected: { value: null, status: 'suppressed_secondary' } },
		{ name: 'a missing numerator', numerator: hidden('not_available'), denominator: ok(50), expected: { value: null, status: 'not_available' } },
		{ name: 'a custom minimum of 50', numerator: ok(12), denominator: ok(40), config: { minDenominator: 50 }, expected: { value: null, status: 'not_reliable' } }
	] satisfies { name: string; numerator: ProtectedValue; denominator: ProtectedValue; config?: { minDenominator: number }; expected: ProtectedValue }[])(
		'$name',
		({ numerator, denominator, config, expected }) => {
			expect(share(numerator, denominator, config)).toEqual(expected);
		}
	);

	it('refuses a part larger than its whole, even when the denominator is small', () => {
		expect(() => share(ok(41), ok(40))).toThrow(RangeError);
		expect(() => share(ok(12), ok(10))).toThrow(RangeError);
	});

	it('computes rates per 1,000 and per 100,000 with the same rules', () => {
		expect(rate(ok(15), ok(600))).toEqual({ value: 25, status: 'ok' });
		expect(rate(ok(3), ok(200_000), 100_000)).toEqual({ value: 1.5, status: 'ok' });
		expect(rate(ok(5), ok(20))).toEqual({ value: null, status: 'not_reliable' });
		expect(rate(hidden('suppressed_primary'), ok(600))).toEqual({ value: null, status: 'suppressed_primary' });
	});

	it('takes shares from a protected table: the share of a hidden cell is hidden', () => {
		const result = protectTable(parts([2, 40, 25]));
		const [first, second, third] = result.rows[0]!.cells as [ProtectedValue, ProtectedValue, ProtectedValue];
		const total = result.rows[0]!.total!;
		expect(share(first, total).status).toBe('suppressed_primary');
		expect(share(third, total).status).toBe('suppressed_secondary');
		expect(share(second, total)).toEqual({ value: (40 / 67) * 100, status: 'ok' });
	});
});

describe('differences in percentage points', () => {
	const pct = (value: number): ProtectedValue => ({ value, status: 'ok' });
	const mark = (status: CellStatus): ProtectedValue => ({ value: null, status });

	it.each([
		{ name: 'a rise (11-Altstadt, 0–3 years)', earlier: pct(52.7), later: pct(76.3), value: 23.6, status: 'ok' },
		{ name: 'a fall', earlier: pct(40), later: pct(35.5), value: -4.5, status: 'ok' },
		{ name: 'no change', earlier: pct(20), later: pct(20), value: 0, status: 'ok' },
		{ name: 'from zero', earlier: { value: 0, status: 'zero' }, later: pct(12.5), value: 12.5, status: 'ok' },
		{ name: 'earlier hidden', earlier: mark('suppressed_primary'), later: pct(30), value: null, status: 'suppressed_primary' },
		{ name: 'later hidden', earlier: pct(30), later: mark('suppressed_secondary'), value: null, status: 'suppressed_secondary' },
		{ name: 'earlier not reliable', earlier: mark('not_reliable'), later: pct(30), value: null, status: 'not_reliable' },
		{ name: 'later not reliable, earlier hidden', earlier: mark('suppressed_secondary'), later: mark('not_reliable'), value: null, status: 'suppressed_secondary' },
		{ name: 'later not yet available', earlier: pct(30), later: mark('not_available'), value: null, status: 'not_available' },
		{ name: 'a share of nothing', earlier: mark('not_applicable'), later: pct(30), value: null, status: 'not_applicable' }
	] satisfies { name: string; earlier: ProtectedValue; later: ProtectedValue; value: number | null; status: CellStatus }[])(
		'$name',
		({ earlier, later, value, status }) => {
			const result = differenceInPoints(earlier, later);
			expect(result.status).toBe(status);
			if (value === null) expect(result.value).toBeNull();
			else expect(result.value).toBeCloseTo(value, 10);
		}
	);
});

describe('no hidden cell can be recomputed (random tables)', () => {
	/** mulberry32: a small deterministic PRNG, so a failure can be reproduced from its seed. */
	function prng(seed: number): () => number {
		let a = seed >>> 0;
		return () => {
			a = (a + 0x6d2b79f5) >>> 0;
			let t = a;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	/**
	 * The table with its margins as an (R+1) × (C+1) grid; every line of the grid (a row with its total,
	 * a column with its total, the margins with the grand total) is one published relation.
	 */
	function grid(table: CountTable, result: ProtectedTable) {
		const raw = [...table.rows.map((row) => [...(row.cells as number[]), row.total as number]), [...(table.columnTotals as number[]), table.grandTotal as number]];
		const out = [...result.rows.map((row) => [...row.cells, row.total!]), [...result.columnTotals!, result.grandTotal!]];
		return { raw, out, rows: raw.length, cols: raw[0]!.length };
	}

	/**
	 * Independent of the implementation's linear algebra: in a table with all margins the relations are
	 * the node equations of the complete bipartite graph rows × columns, with one edge per cell. A hidden
	 * cell can be recomputed exactly iff its edge lies on no cycle of hidden edges, i.e. it is a bridge.
	 */
	function recomputable(hidden: boolean[][]): [number, number][] {
		const rows = hidden.length;
		const cols = hidden[0]!.length;
		const found: [number, number][] = [];
		for (let r = 0; r < rows; r++) {
			for (let c = 0; c < cols; c++) {
				if (!hidden[r]![c]) continue;
				// Is column c reachable from row r without the edge (r, c)?
				const seen = new Set<string>([`r${r}`]);
				const queue: string[] = [`r${r}`];
				let reached = false;
				while (queue.length > 0 && !reached) {
					const node = queue.shift()!;
					const i = Number(node.slice(1));
					const neighbours =
						node[0] === 'r'
							? Array.from({ length: cols }, (_, j) => j).filter((j) => hidden[i]![j] && !(i === r && j === c)).map((j) => `c${j}`)
							: Array.from({ length: rows }, (_, k) => k).filter((k) => hidden[k]![i] && !(k === r && i === c)).map((k) => `r${k}`);
					for (const next of neighbours) {
						if (next === `c${c}`) reached = true;
						if (!seen.has(next)) {
							seen.add(next);
							queue.push(next);
						}
					}
				}
				if (!reached) found.push([r, c]);
			}
		}
		return found;
	}

	const cases = Array.from({ length: 300 }, (_, seed) => seed + 1);

	it.each(cases)('seed %i', (seed) => {
		const random = prng(seed);
		const threshold = random() < 0.7 ? 3 : 5;
		const rowCount = 2 + Math.floor(random() * 4);
		const colCount = 2 + Math.floor(random() * 4);
		const value = () => {
			const u = random();
			if (u < 0.2) return 0;
			if (u < 0.5) return 1 + Math.floor(random() * (threshold - 1));
			return threshold + Math.floor(random() * 30);
		};
		const body: Record<string, number[]> = {};
		for (let r = 0; r < rowCount; r++) body[`r${r}`] = Array.from({ length: colCount }, value);
		const table = withMargins(
			Array.from({ length: colCount }, (_, c) => `c${c}`),
			body
		);
		const result = protectTable(table, { threshold });
		const { raw, out, rows, cols } = grid(table, result);
		const hidden = out.map((line) => line.map((cell) => cell.status === 'suppressed_primary' || cell.status === 'suppressed_secondary'));

		for (let r = 0; r < rows; r++) {
			for (let c = 0; c < cols; c++) {
				const v = raw[r]![c]!;
				const cell = out[r]![c]!;
				// Primary rule and zeros.
				if (v >= 1 && v < threshold) expect(cell.status).toBe('suppressed_primary');
				if (v === 0) expect(cell).toEqual({ value: 0, status: 'zero' });
				// Published numbers are the input; hidden ones carry no value.
				if (hidden[r]![c]) expect(cell.value).toBeNull();
				else expect(cell.value).toBe(v);
			}
		}
		// The least value a reader can infer for a hidden cell: 1 for a body cell (zeros are shown), the
		// published and least hidden values of its line for a margin, for the grand total the larger of both.
		const lastRow = rows - 1;
		const lastCol = cols - 1;
		const leastOfLine = (cells: (readonly [number, number])[]) => sum(cells.map(([r, c]) => (hidden[r]![c] ? 1 : raw[r]![c]!)));
		const least = (r: number, c: number): number => {
			if (r < lastRow && c < lastCol) return 1;
			if (r === lastRow && c === lastCol) {
				const viaColumns = sum(Array.from({ length: lastCol }, (_, j) => (hidden[lastRow]![j] ? least(lastRow, j) : raw[lastRow]![j]!)));
				const viaRows = sum(Array.from({ length: lastRow }, (_, i) => (hidden[i]![lastCol] ? least(i, lastCol) : raw[i]![lastCol]!)));
				return Math.max(1, viaColumns, viaRows);
			}
			if (c === lastCol) return Math.max(1, leastOfLine(Array.from({ length: lastCol }, (_, j) => [r, j] as const)));
			return Math.max(1, leastOfLine(Array.from({ length: lastRow }, (_, i) => [i, c] as const)));
		};
		// Every line with a hidden cell has at least two (the margin counts as a member of its line).
		const lines = [
			...Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => [r, c] as const)),
			...Array.from({ length: cols }, (_, c) => Array.from({ length: rows }, (_, r) => [r, c] as const))
		];
		for (const line of lines) {
			const count = line.filter(([r, c]) => hidden[r]![c]).length;
			expect(count === 0 || count >= 2, `line ${JSON.stringify(line)} has ${count} hidden cell(s)`).toBe(true);
			// With a published margin, the hidden parts must not all sit at the least value a reader can infer.
			const [mr, mc] = line[line.length - 1]!;
			if (count > 0 && !hidden[mr]![mc]) {
				const hiddenParts = line.slice(0, -1).filter(([r, c]) => hidden[r]![c]);
				const hiddenSum = sum(hiddenParts.map(([r, c]) => raw[r]![c]!));
				expect(hiddenSum).toBeGreaterThan(sum(hiddenParts.map(([r, c]) => least(r, c))));
			}
		}
		// No hidden cell is pinned down by any combination of lines.
		expect(recomputable(hidden)).toEqual([]);
	});
});
