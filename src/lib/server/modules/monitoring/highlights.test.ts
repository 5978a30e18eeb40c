import { describe, expect, it } from 'vitest';
import { applyHighlightRules, DEFAULT_HIGHLIGHT_RULES, markedCells, RISE_OF_10_POINTS, SHARE_OVER_50, type HighlightCell, type HighlightRule } from './highlights.ts';
import { createDataset, evaluateKeyFigure, hasValue, type Formula } from './key-figures.ts';

/** Seed 003, "Anteile von Migrant/innen in Altersstufen, Zeitverlauf": shares in % for 2008 and 2018. */
const BOTTROP: Record<string, Record<string, readonly [number, number]>> = {
	'11-Altstadt': {
		'0-3': [52.7, 76.3], '4-5': [49.4, 71.8], '6-9': [49.7, 73.8], '10-15': [47.2, 68.0], '16-18': [42.9, 59.4],
		'19-29': [35.4, 51.3], '30-49': [31.3, 45.1], '50-64': [21.3, 27.1], '>64': [9.8, 13.0], gesamt: [27.7, 40.1]
	},
	'61-Ebel/Welheimer Mark': {
		'0-3': [44.2, 37.9], '4-5': [53.4, 56.4], '6-9': [45.3, 47.2], '10-15': [42.4, 43.4], '16-18': [36.6, 46.7],
		'19-29': [38.7, 29.5], '30-49': [29.6, 32.2], '50-64': [16.7, 20.9], '>64': [10.1, 16.6], gesamt: [28.2, 29.3]
	},
	Bottrop: {
		'0-3': [35.1, 43.5], '4-5': [35.0, 42.8], '6-9': [30.2, 44.0], '10-15': [28.2, 39.7], '16-18': [24.5, 34.8],
		'19-29': [24.8, 27.9], '30-49': [19.0, 26.4], '50-64': [12.1, 13.0], '>64': [6.1, 9.1], gesamt: [17.5, 21.8]
	}
};

/** The cells of the comparison table, computed the way the platform does: through key figures. */
function bottropCells(): HighlightCell[] {
	const data = createDataset(
		[{ code: 'share_mh', unit: 'percent' }],
		Object.entries(BOTTROP).flatMap(([area, groups]) =>
			Object.entries(groups).flatMap(([ageGroup, [a, b]]) => [
				{ baseFigure: 'share_mh', area, referenceDate: '2008', breakdown: { ageGroup }, value: a },
				{ baseFigure: 'share_mh', area, referenceDate: '2018', breakdown: { ageGroup }, value: b }
			])
		)
	);
	const level: Formula = { kind: 'figure', baseFigure: 'share_mh' };
	const change: Formula = { kind: 'change', of: level, from: '2008', to: '2018' };
	return Object.entries(BOTTROP).flatMap(([area, groups]) =>
		Object.keys(groups).map((ageGroup) => {
			const at = { area, referenceDate: '2018', breakdown: { ageGroup } };
			const v = evaluateKeyFigure(level, data, at);
			const c = evaluateKeyFigure(change, data, at);
			return {
				row: area,
				column: ageGroup,
				isTotal: ageGroup === 'gesamt',
				value: hasValue(v) ? { value: v.value, status: v.status, exact: v.exact } : { value: null, status: v.status },
				change: hasValue(c) ? { value: c.value, status: c.status, exact: c.exact } : { value: null, status: c.status }
			};
		})
	);
}

const columnsMarked = (rule: HighlightRule, cells: HighlightCell[], row: string): string[] =>
	(applyHighlightRules(cells, [rule])[0]?.marks ?? []).filter((m) => m.row === row).map((m) => m.column);

describe('the Bottrop marks of seed 003 come out of the Bottrop data', () => {
	const cells = bottropCells();
	// "über 50 % in Altersstufen, Berichtsjahr" and "Veränderungen … nach oben ab 10 Prozentpunkte", star by star.
	it.each([
		[SHARE_OVER_50, '11-Altstadt', ['0-3', '4-5', '6-9', '10-15', '16-18', '19-29']],
		[SHARE_OVER_50, '61-Ebel/Welheimer Mark', ['4-5']],
		[SHARE_OVER_50, 'Bottrop', []],
		[RISE_OF_10_POINTS, '11-Altstadt', ['0-3', '4-5', '6-9', '10-15', '16-18', '19-29', '30-49']],
		[RISE_OF_10_POINTS, '61-Ebel/Welheimer Mark', ['16-18']],
		[RISE_OF_10_POINTS, 'Bottrop', ['6-9', '10-15', '16-18']]
	])('case %#: the stars of the seed for one rule and area', (rule, row, expected) => {
		expect(columnsMarked(rule, cells, row)).toEqual(expected);
	});

	it('defaults to exactly these two rules', () => {
		expect(DEFAULT_HIGHLIGHT_RULES.map((r) => [r.measure, r.comparison, r.threshold])).toEqual([
			['value', 'gt', 50],
			['change', 'gte', 10]
		]);
	});

	it('says why a cell is marked', () => {
		const [over, rise] = applyHighlightRules(cells);
		expect(over?.marks[0]).toMatchObject({ row: '11-Altstadt', column: '0-3', ruleId: 'share_over_50', compared: 76.3, reason: 'Anteil 76,3 % > 50 %' });
		expect(rise?.marks.find((m) => m.row === '61-Ebel/Welheimer Mark')).toMatchObject({
			column: '16-18',
			compared: 10.1,
			reason: 'Veränderung +10,1 Prozentpunkte ≥ +10 Prozentpunkte'
		});
	});

	it('marks totals only when asked: the 11-Altstadt total rose by 12.4 points and has no star in the seed', () => {
		expect(columnsMarked(RISE_OF_10_POINTS, cells, '11-Altstadt')).not.toContain('gesamt');
		expect(columnsMarked({ ...RISE_OF_10_POINTS, includeTotals: true }, cells, '11-Altstadt')).toContain('gesamt');
	});

	it('gives a yes/no lookup for table renderers', () => {
		const marked = markedCells(applyHighlightRules(cells));
		expect(marked.get('share_over_50')?.has('61-Ebel/Welheimer Mark|4-5')).toBe(true);
		expect(marked.get('rise_of_10_points')?.has('Bottrop|19-29')).toBe(false);
	});
});

const cell = (value: number | null, change: number | null, status = 'ok'): HighlightCell => ({
	row: 'A',
	column: 'x',
	value: { value, status },
	change: { value: change, status }
});

describe('edges of the rules', () => {
	it.each<[string, HighlightRule, HighlightCell, boolean]>([
		['exactly 50 % is not "over 50 %"', SHARE_OVER_50, cell(50, 0), false],
		['50.04 % is shown as 50.0 % and not marked', SHARE_OVER_50, cell(50.04, 0), false],
		['50.05 % is shown as 50.1 % and marked', SHARE_OVER_50, cell(50.05, 0), true],
		['50.04 % compared exactly is marked', { ...SHARE_OVER_50, basis: 'exact' }, cell(50.04, 0), true],
		['a rise of exactly 10 points is marked', RISE_OF_10_POINTS, cell(60, 10), true],
		['a rise of 9.95 points is shown as 10.0 and marked', RISE_OF_10_POINTS, cell(60, 9.95), true],
		['a rise of 9.94 points is not', RISE_OF_10_POINTS, cell(60, 9.94), false],
		['a fall of 10 points is no rise', RISE_OF_10_POINTS, cell(60, -10), false],
		[
			'a configured fall rule marks falls of 5 points or more',
			{ id: 'fall_5', measure: 'change', comparison: 'lte', threshold: -5, label: 'Rückgang ab 5 Prozentpunkten' },
			cell(30, -6.3),
			true
		],
		[
			'a configured low-share rule',
			{ id: 'under_10', measure: 'value', comparison: 'lt', threshold: 10, label: 'Anteil unter 10 %' },
			cell(9.8, 0),
			true
		],
		['a suppressed cell is never marked', SHARE_OVER_50, cell(80, 20, 'suppressed'), false],
		['an unreliable cell is never marked', RISE_OF_10_POINTS, cell(80, 20, 'unreliable'), false],
		['a cell without value is never marked', SHARE_OVER_50, cell(null, null), false]
	])('%s', (_name, rule, c, marked) => {
		expect(applyHighlightRules([c], [rule])[0]?.marks.length).toBe(marked ? 1 : 0);
	});

	it('a broken rule marks nothing and says why', () => {
		const broken = { ...SHARE_OVER_50, comparison: 'approx' } as unknown as HighlightRule;
		const [outcome] = applyHighlightRules([cell(80, 20)], [broken]);
		expect(outcome).toMatchObject({ problem: 'unknown comparison approx', marks: [] });
	});
});
