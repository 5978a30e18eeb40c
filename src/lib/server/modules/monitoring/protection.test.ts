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
