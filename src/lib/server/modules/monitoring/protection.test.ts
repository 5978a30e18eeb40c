import { describe, expect, it } from 'vitest';
import { isSuppressed } from './disclosure.ts';
import { protectFigures, type AreaNode, type ValueRow } from './protection.ts';

/*
 * The disclosure control over all figures of one reference date. The attack these tests close: two
 * figures deliver the same count (foreigners per quarter, once as a figure of its own and once as a
 * category of "residents by migration background"). Protected one by one, each chooses its own
 * complements, and a complement hidden in one figure is printed in the other.
 */

const DATE = '2024-12-31';
const area = (id: string, parentId: string | null): AreaNode => ({ id, code: id, name: id, level: parentId ? 'quarter' : 'district', parentId, geometry: null });
// One district P with four quarters.
const AREAS = [area('P', null), area('X', 'P'), area('Y', 'P'), area('W', 'P'), area('Z', 'P')];

const rows = (table: Record<string, Record<string, number>>): ValueRow[] =>
	Object.entries(table).flatMap(([areaId, cells]) => Object.entries(cells).map(([category, value]) => ({ areaId, category, referenceDate: DATE, value, sourceStatus: value === 0 ? 'zero' : 'ok' }) as ValueRow));

// Foreigners per quarter: X has 2 (a small count).
const FOREIGNERS = rows({ P: { '': 33 }, X: { '': 2 }, Y: { '': 5 }, W: { '': 6 }, Z: { '': 20 } });
// The same foreigners as one category of a breakdown; W has a single German with a migration background.
const BY_BACKGROUND = rows({
	P: { Ausländer: 33, 'Deutsche mit MH': 53, 'ohne MH': 280 },
	X: { Ausländer: 2, 'Deutsche mit MH': 10, 'ohne MH': 50 },
	Y: { Ausländer: 5, 'Deutsche mit MH': 12, 'ohne MH': 60 },
	W: { Ausländer: 6, 'Deutsche mit MH': 1, 'ohne MH': 70 },
	Z: { Ausländer: 20, 'Deutsche mit MH': 30, 'ohne MH': 100 }
});

const hiddenIn = (cells: Map<string, Map<string, { status: string }>> | undefined, category: string) =>
	['P', 'X', 'Y', 'W', 'Z'].filter((label) => isSuppressed((cells?.get(label)?.get(category)?.status ?? 'ok') as never));

describe('protectFigures', () => {
	it('protected alone, the two figures would hide different complements (the attack this closes)', () => {
		const alone = protectFigures(new Map([['foreigners', FOREIGNERS]]), AREAS);
		const other = protectFigures(new Map([['background', BY_BACKGROUND]]), AREAS);
		// Alone, foreigners hide X and its smallest neighbour Y; the breakdown hides X and W (W's row needs a
		// complement for its single German with a migration background) and prints Y = 5. Then P − W − Z − Y = X.
		expect(hiddenIn(alone.get('foreigners'), '')).toEqual(['X', 'Y']);
		expect(hiddenIn(other.get('background'), 'Ausländer')).toEqual(['X', 'W']);
	});

	it('protected together, a count delivered twice is hidden in both figures or in neither', () => {
		const both = protectFigures(
			new Map([
				['foreigners', FOREIGNERS],
				['background', BY_BACKGROUND]
			]),
			AREAS
		);
		const a = hiddenIn(both.get('foreigners'), '');
		const b = hiddenIn(both.get('background'), 'Ausländer');
		expect(a).toEqual(b);
		expect(a).toContain('X');
		// Whatever is printed in either figure, X cannot be recomputed: at least one other quarter of P is hidden too.
		expect(a.filter((label) => label !== 'P' && label !== 'X').length).toBeGreaterThanOrEqual(1);
		// Nothing is withheld that either figure showed with its own protection except what the link requires.
		expect(both.get('foreigners')!.get('Z')!.get('')).toEqual({ value: 20, status: 'ok' });
	});

	it('links a second delivery of the same count for fewer areas (only the quarters, no district)', () => {
		const quartersOnly = FOREIGNERS.filter((r) => r.areaId !== 'P').map((r) => ({ ...r, category: 'Ausländer' }));
		const both = protectFigures(
			new Map([
				['foreigners', FOREIGNERS],
				['quarters', quartersOnly]
			]),
			AREAS
		);
		// Alone, the quarters-only table has no sum to protect and would hide only X, printing Y beside the
		// district's total in the other figure. Linked, it hides what the first one hides.
		expect(hiddenIn(both.get('quarters'), 'Ausländer')).toEqual(hiddenIn(both.get('foreigners'), '').filter((label) => label !== 'P'));
		expect(hiddenIn(both.get('quarters'), 'Ausländer')).toEqual(['X', 'Y']);
		const alone = protectFigures(new Map([['quarters', quartersOnly]]), AREAS);
		expect(hiddenIn(alone.get('quarters'), 'Ausländer')).toEqual(['X']);
	});

	it('links a figure to the sum of another figure’s categories (residents and residents by sex)', () => {
		const residents = rows({ P: { '': 100 }, X: { '': 22 }, Y: { '': 25 }, W: { '': 26 }, Z: { '': 27 } });
		const bySex = rows({
			P: { m: 48, w: 52 },
			X: { m: 2, w: 20 },
			Y: { m: 12, w: 13 },
			W: { m: 14, w: 12 },
			Z: { m: 20, w: 7 }
		});
		const both = protectFigures(
			new Map([
				['residents', residents],
				['sex', bySex]
			]),
			AREAS
		);
		// The residents are published; with them as the row sums, X's women would reveal X's men, so both hide.
		expect(hiddenIn(both.get('sex'), 'm')).toContain('X');
		expect(hiddenIn(both.get('sex'), 'w')).toContain('X');
		expect(both.get('residents')!.get('X')!.get('')).toEqual({ value: 22, status: 'ok' });
	});

	it('does not link columns that are equal by accident of being empty', () => {
		const zeros = rows({ P: { '': 0 }, X: { '': 0 }, Y: { '': 0 }, W: { '': 0 }, Z: { '': 0 } });
		const out = protectFigures(
			new Map([
				['a', zeros],
				['b', zeros.map((r) => ({ ...r }))],
				['foreigners', FOREIGNERS]
			]),
			AREAS
		);
		expect(out.get('a')!.get('X')!.get('')).toEqual({ value: 0, status: 'zero' });
		expect(hiddenIn(out.get('foreigners'), '')).toEqual(['X', 'Y']);
	});

	it('protects the rest of a total that its categories do not fill (98 of 100 leaves 2 without)', () => {
		const residents = rows({
			P: { '': 400, 'mit MH': 248 },
			X: { '': 100, 'mit MH': 98 },
			Y: { '': 100, 'mit MH': 50 },
			W: { '': 100, 'mit MH': 60 },
			Z: { '': 100, 'mit MH': 40 }
		});
		const out = protectFigures(new Map([['residents', residents]]), AREAS);
		const x = out.get('residents')!.get('X')!;
		// The total and "mit MH" of X would together print the 2 residents of X without a migration background.
		expect([x.get('')!.status, x.get('mit MH')!.status].some((status) => isSuppressed(status))).toBe(true);
		// Nothing else of the figure is called a category: the rest is protected, never listed.
		expect([...x.keys()].sort()).toEqual(['', 'mit MH']);
	});

	it('applies the municipality’s threshold', () => {
		const out = protectFigures(new Map([['foreigners', FOREIGNERS]]), AREAS, { threshold: 6 });
		// 2 and 5 are below 6; 6 is not. Two hidden quarters protect each other, and P − W − Z = X + Y is no secret.
		expect(hiddenIn(out.get('foreigners'), '')).toEqual(['X', 'Y']);
		expect(out.get('foreigners')!.get('X')!.get('')!.status).toBe('suppressed_primary');
		const stricter = protectFigures(new Map([['foreigners', FOREIGNERS]]), AREAS, { threshold: 7 });
		expect(hiddenIn(stricter.get('foreigners'), '')).toEqual(['X', 'Y', 'W']);
	});

	it('keeps what the source withheld, and protects the rest around it', () => {
		const withSecret = FOREIGNERS.map((r) => (r.areaId === 'Z' ? { ...r, value: null, sourceStatus: 'secret' } : r));
		const out = protectFigures(new Map([['foreigners', withSecret]]), AREAS);
		expect(out.get('foreigners')!.get('Z')!.get('')).toEqual({ value: null, status: 'suppressed_primary' });
		expect(out.get('foreigners')!.get('X')!.get('')!.status).toBe('suppressed_primary');
	});
});

/* ---------- attacks found in review, and a random search for more ---------- */

const area2 = (id: string, parentId: string | null): AreaNode => ({ id, code: id, name: id, level: parentId ? 'quarter' : 'district', parentId, geometry: null });
const cell = (areaId: string | null, category: string, value: number | null, sourceStatus = 'ok'): ValueRow => ({ areaId, category, referenceDate: DATE, value, sourceStatus }) as ValueRow;
const statusOf = (out: Map<string, Map<string, Map<string, { status: string }>>>, figure: string, label: string, category: string) => out.get(figure)?.get(label)?.get(category)?.status;

describe('protectFigures against the review’s attacks', () => {
	const hierarchy = [area2('D1', null), area2('D2', null), area2('Q1', 'D1'), area2('Q2', 'D1'), area2('Q3', 'D2')];

	it('keeps the relation of a district whose quarters add up when another district’s do not', () => {
		// D2 ≠ Q3 (a quarter missing or rounded); D1 = Q1 + Q2 still holds, so Q1 = 52 − 50 must not be readable.
		const out = protectFigures(new Map([['F', [cell(null, '', 200), cell('D1', '', 52), cell('D2', '', 148), cell('Q1', '', 2), cell('Q2', '', 50), cell('Q3', '', 140)]]]), hierarchy);
		expect(statusOf(out, 'F', 'Q1', '')).toBe('suppressed_primary');
		expect(statusOf(out, 'F', 'Q2', '')).toBe('suppressed_secondary');
	});

	it('relates quarters to the whole town when the districts are not delivered', () => {
		const out = protectFigures(new Map([['F', [cell(null, '', 200), cell('Q1', '', 2), cell('Q2', '', 50), cell('Q3', '', 148)]]]), hierarchy);
		expect(['Q2', 'Q3'].some((q) => statusOf(out, 'F', q, '') === 'suppressed_secondary')).toBe(true);
	});

	it('links a figure to the sum of some categories of another (the under-18s and the age groups up to 17)', () => {
		const districts = [area2('D1', null), area2('D2', null), area2('D3', null)];
		const byAge = { D1: [2, 48, 30, 25], D2: [18, 52, 370, 100], D3: [20, 50, 300, 100] };
		const ages = ['0-5', '6-17', '18-64', '65+'];
		const F = Object.entries(byAge).flatMap(([d, v]) => v.map((n, i) => cell(d, ages[i]!, n)));
		ages.forEach((a, i) => F.push(cell(null, a, Object.values(byAge).reduce((s, v) => s + v[i]!, 0))));
		const G = [cell(null, '', 190), ...Object.entries(byAge).map(([d, v]) => cell(d, '', v[0]! + v[1]!))];
		const out = protectFigures(
			new Map([
				['F', F],
				['G', G]
			]),
			districts
		);
		// G publishes D1's under-18s (50); then D1's 6-17 (48) would give back the 2 children under 6.
		if (statusOf(out, 'G', 'D1', '') === 'ok') expect(statusOf(out, 'F', 'D1', '6-17')).toBe('suppressed_secondary');
		// And no more than needed: the adults stay.
		expect(statusOf(out, 'F', 'D1', '18-64')).toBe('ok');
	});

	it('links a figure delivered per district to another delivered per quarter (the sums across tables)', () => {
		const areas = [area2('D1', null), area2('D2', null), area2('Q1', 'D1'), area2('Q2', 'D1'), area2('Q3', 'D2'), area2('Q4', 'D2')];
		const districts = [cell('D1', '', 52), cell('D2', '', 150)];
		const quarters = [cell('Q1', '', 2), cell('Q2', '', 50), cell('Q3', '', 70), cell('Q4', '', 80)];
		const alone = protectFigures(new Map([['quarters', quarters]]), areas);
		// Alone, the quarters have no sum to protect: only the 2 is hidden, and 52 − 50 gives it back.
		expect(statusOf(alone, 'quarters', 'Q2', '')).toBe('ok');
		const both = protectFigures(
			new Map([
				['districts', districts],
				['quarters', quarters]
			]),
			areas
		);
		expect(statusOf(both, 'quarters', 'Q1', '')).toBe('suppressed_primary');
		expect([statusOf(both, 'quarters', 'Q2', ''), statusOf(both, 'districts', 'D1', '')]).toContain('suppressed_secondary');
		expect(statusOf(both, 'quarters', 'Q3', '')).toBe('ok');
	});

	it('links the rest of a partly filled total to a figure that delivers it (residents without a migration background)', () => {
		const districts = [area2('D1', null), area2('D2', null), area2('D3', null)];
		const F = [cell(null, '', 300), cell(null, 'mit MH', 160), cell('D1', '', 42), cell('D1', 'mit MH', 2), cell('D2', '', 130), cell('D2', 'mit MH', 78), cell('D3', '', 128), cell('D3', 'mit MH', 80)];
		const G = [cell(null, '', 140), cell('D1', '', 40), cell('D2', '', 52), cell('D3', '', 48)];
		const out = protectFigures(
			new Map([
				['F', F],
				['G', G]
			]),
			districts
		);
		expect(statusOf(out, 'F', 'D1', 'mit MH')).toBe('suppressed_primary');
		// 42 − 40 = 2: the total and the residents without may not both be shown.
		expect([statusOf(out, 'F', 'D1', ''), statusOf(out, 'G', 'D1', '')]).toContain('suppressed_secondary');
	});

	it('does not fail on a town-wide figure whose rest equals the sum of two categories', () => {
		const out = protectFigures(new Map([['F', [cell(null, '', 100), cell(null, 'a', 20), cell(null, 'b', 30), cell(null, 'c', 10)]]]), []);
		expect(out.get('F')!.get('total')!.get('a')).toEqual({ value: 20, status: 'ok' });
	});

	it('shows a figure that is not a count as delivered (a percentage of 2 is not a small number)', () => {
		const out = protectFigures(new Map([['P', [cell(null, '', 2), cell('D1', '', 2.5)]]]), [area2('D1', null)], {}, new Set());
		expect(out.get('P')!.get('total')!.get('')).toEqual({ value: 2, status: 'ok' });
	});

	it('leaves no hidden cell determined by the true relations of three figures (random cases, independent audit)', () => {
		let seed = 20261202;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
		for (let trial = 0; trial < 150; trial++) {
			const districts = ['D0', 'D1', 'D2'].slice(0, 2 + Math.floor(random() * 2));
			const quarters = Object.fromEntries(districts.map((d) => [d, [0, 1, 2].slice(0, 2 + Math.floor(random() * 2)).map((q) => `${d}Q${q}`)]));
			const areas = [...districts.map((d) => area2(d, null)), ...districts.flatMap((d) => quarters[d]!.map((q) => area2(q, d)))];
			const categories = ['a', 'b', 'c'].slice(0, 2 + Math.floor(random() * 2));
			const value = new Map<string, number>();
			for (const d of districts) for (const q of quarters[d]!) for (const c of categories) value.set(`${q}|${c}`, pick([0, 1, 2, 3, 5, 8, 20]));
			const sum = (ids: string[], c: string) => ids.reduce((s, id) => s + value.get(`${id}|${c}`)!, 0);
			for (const d of districts) for (const c of categories) value.set(`${d}|${c}`, sum(quarters[d]!, c));
			for (const c of categories) value.set(`total|${c}`, sum(districts, c));
			const labels = ['total', ...districts, ...districts.flatMap((d) => quarters[d]!)];
			const rowSum = (l: string) => categories.reduce((s, c) => s + value.get(`${l}|${c}`)!, 0);
			const at = (l: string) => (l === 'total' ? null : l);
			// F: by category; E: all residents (the sum of F's categories); G: category "a" again as a figure of its own.
			const figures = new Map([
				['F', labels.flatMap((l) => categories.map((c) => cell(at(l), c, value.get(`${l}|${c}`)!, value.get(`${l}|${c}`) === 0 ? 'zero' : 'ok')))],
				['E', labels.map((l) => cell(at(l), '', rowSum(l), rowSum(l) === 0 ? 'zero' : 'ok'))],
				['G', labels.map((l) => cell(at(l), '', value.get(`${l}|a`)!, value.get(`${l}|a`) === 0 ? 'zero' : 'ok'))]
			]);
			const out = protectFigures(figures, areas);
			// The attacker's view: every published number, and every relation that truly holds between them.
			const published = (f: string, l: string, c: string) => ['ok', 'zero'].includes(statusOf(out, f, l, c) ?? '');
			const unknowns = new Map<string, number>();
			const equations: number[][] = [];
			const equation = (terms: [string, string, string, number][]) => {
				const row = new Map<number, number>();
				for (const [f, l, c, coefficient] of terms) {
					if (published(f, l, c)) continue;
					const key = `${f}|${l}|${c}`;
					if (!unknowns.has(key)) unknowns.set(key, unknowns.size);
					row.set(unknowns.get(key)!, (row.get(unknowns.get(key)!) ?? 0) + coefficient);
				}
				equations.push([...row].flatMap(([k, v]) => [k, v]));
			};
			const children = (l: string) => (l === 'total' ? districts : (quarters[l] ?? []));
			for (const l of labels) {
				equation([['E', l, '', -1], ...categories.map((c): [string, string, string, number] => ['F', l, c, 1])]);
				equation([
					['G', l, '', -1],
					['F', l, 'a', 1]
				]);
				if (children(l).length) {
					for (const c of categories) equation([['F', l, c, -1], ...children(l).map((k): [string, string, string, number] => ['F', k, c, 1])]);
					equation([['E', l, '', -1], ...children(l).map((k): [string, string, string, number] => ['E', k, '', 1])]);
				}
			}
			const matrix = equations.map((pairs) => {
				const row = new Array<number>(unknowns.size).fill(0);
				for (let i = 0; i < pairs.length; i += 2) row[pairs[i]!] = pairs[i + 1]!;
				return row;
			});
			// Reduced row echelon form; a hidden cell is determined iff its pivot row has no other entry.
			let r = 0;
			const pivots: number[] = [];
			for (let k = 0; k < unknowns.size && r < matrix.length; k++) {
				let best = r;
				for (let i = r + 1; i < matrix.length; i++) if (Math.abs(matrix[i]![k]!) > Math.abs(matrix[best]![k]!)) best = i;
				if (Math.abs(matrix[best]![k]!) < 1e-9) continue;
				[matrix[r], matrix[best]] = [matrix[best]!, matrix[r]!];
				const p = matrix[r]![k]!;
				matrix[r] = matrix[r]!.map((x) => x / p);
				for (let i = 0; i < matrix.length; i++) if (i !== r && Math.abs(matrix[i]![k]!) > 1e-9) matrix[i] = matrix[i]!.map((x, j) => x - matrix[i]![k]! * matrix[r]![j]!);
				pivots.push(k);
				r++;
			}
			const names = [...unknowns.keys()];
			const determined = pivots.filter((k, row) => matrix[row]!.every((a, j) => j === k || Math.abs(a) < 1e-9)).map((k) => names[k]!);
			expect(determined, `trial ${trial}`).toEqual([]);
		}
	});
});
