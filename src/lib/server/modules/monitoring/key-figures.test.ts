import { describe, expect, it } from 'vitest';
import {
	checkFormula,
	createDataset,
	evaluateKeyFigure,
	exactDifference,
	hasValue,
	roundForDisplay,
	type EvaluationContext,
	type Formula,
	type KeyFigureResult,
	type Observation
} from './key-figures.ts';

/**
 * Seed 003 (Bottrop Integrationsbericht), "Anteile von Migrant/innen in Altersstufen, Zeitverlauf":
 * shares with migration background in % for 2008 and 2018 and the printed "Veränderung" in percentage
 * points. The report prints no counts, so the shares themselves are the base data.
 */
const BOTTROP: readonly (readonly [area: string, ageGroup: string, y2008: number, y2018: number, change: string])[] = [
	['11-Altstadt', '0-3', 52.7, 76.3, '23.6'],
	['11-Altstadt', '4-5', 49.4, 71.8, '22.4'],
	['11-Altstadt', '6-9', 49.7, 73.8, '24.1'],
	['11-Altstadt', '10-15', 47.2, 68.0, '20.8'],
	['11-Altstadt', '16-18', 42.9, 59.4, '16.5'],
	['11-Altstadt', '19-29', 35.4, 51.3, '15.9'],
	['11-Altstadt', '30-49', 31.3, 45.1, '13.8'],
	['11-Altstadt', '50-64', 21.3, 27.1, '5.8'],
	['11-Altstadt', '>64', 9.8, 13.0, '3.2'],
	['11-Altstadt', 'gesamt', 27.7, 40.1, '12.4'],
	['61-Ebel/Welheimer Mark', '0-3', 44.2, 37.9, '-6.3'],
	['61-Ebel/Welheimer Mark', '4-5', 53.4, 56.4, '3.0'],
	['61-Ebel/Welheimer Mark', '6-9', 45.3, 47.2, '1.9'],
	['61-Ebel/Welheimer Mark', '10-15', 42.4, 43.4, '1.0'],
	['61-Ebel/Welheimer Mark', '16-18', 36.6, 46.7, '10.1'],
	['61-Ebel/Welheimer Mark', '19-29', 38.7, 29.5, '-9.2'],
	['61-Ebel/Welheimer Mark', '30-49', 29.6, 32.2, '2.6'],
	['61-Ebel/Welheimer Mark', '50-64', 16.7, 20.9, '4.2'],
	['61-Ebel/Welheimer Mark', '>64', 10.1, 16.6, '6.5'],
	['61-Ebel/Welheimer Mark', 'gesamt', 28.2, 29.3, '1.1'],
	['Bottrop', '0-3', 35.1, 43.5, '8.4'],
	['Bottrop', '4-5', 35.0, 42.8, '7.8'],
	['Bottrop', '6-9', 30.2, 44.0, '13.8'],
	['Bottrop', '10-15', 28.2, 39.7, '11.5'],
	['Bottrop', '16-18', 24.5, 34.8, '10.3'],
	['Bottrop', '19-29', 24.8, 27.9, '3.1'],
	['Bottrop', '30-49', 19.0, 26.4, '7.4'],
	['Bottrop', '50-64', 12.1, 13.0, '0.9'],
	['Bottrop', '>64', 6.1, 9.1, '3.0'],
	['Bottrop', 'gesamt', 17.5, 21.8, '4.3']
];

const bottropDataset = () =>
	createDataset(
		[{ code: 'share_migration_background', unit: 'percent' }],
		BOTTROP.flatMap(([area, ageGroup, y2008, y2018]) => [
			{ baseFigure: 'share_migration_background', area, referenceDate: '2008', breakdown: { ageGroup }, value: y2008 },
			{ baseFigure: 'share_migration_background', area, referenceDate: '2018', breakdown: { ageGroup }, value: y2018 }
		])
	);

const CHANGE_2008_2018: Formula = {
	kind: 'change',
	of: { kind: 'figure', baseFigure: 'share_migration_background' },
	from: '2008',
	to: '2018'
};

const valueOf = (r: KeyFigureResult): number => {
	if (!hasValue(r)) throw new Error(`${r.status}: ${r.detail}`);
	return r.value;
};
const shown = (r: KeyFigureResult, digits = 1): string => {
	if (!hasValue(r)) throw new Error(`${r.status}: ${r.detail}`);
	return roundForDisplay(r.exact, digits).text;
};

describe('Bottrop (seed 003): the "Veränderung" column from the 2008 and 2018 shares', () => {
	const data = bottropDataset();
	it.each(BOTTROP)('%s, %s: %d → %d is %s percentage points', (area, ageGroup, _a, _b, change) => {
		const result = evaluateKeyFigure(CHANGE_2008_2018, data, { area, referenceDate: '2018', breakdown: { ageGroup } });
		expect(result.status).toBe('ok');
		expect(hasValue(result) && result.unit).toBe('percentage_points');
		expect(shown(result)).toBe(change);
		// Exact, not merely rounded: 76.3 − 52.7 is 23.6, not 23.599999999999994.
		expect(valueOf(result)).toBe(Number(change));
	});

	it('takes the earlier date from the context when the formula has none', () => {
		const formula: Formula = { kind: 'change', of: { kind: 'figure', baseFigure: 'share_migration_background' } };
		const at: EvaluationContext = { area: '11-Altstadt', referenceDate: '2018', compareWith: '2008', breakdown: { ageGroup: '0-3' } };
		expect(shown(evaluateKeyFigure(formula, data, at))).toBe('23.6');
		expect(evaluateKeyFigure(formula, data, { ...at, compareWith: undefined }).status).toBe('invalid_formula');
	});
});

describe('roundForDisplay rounds half away from zero, exactly', () => {
	it.each([
		[1.45, 1, '1.5'], // the double 1.45 is 1.4499999999999999556; Math.round(14.5) style code gives 1.4
		[2.25, 1, '2.3'],
		[-2.25, 1, '-2.3'], // away from zero, not towards +∞ like Math.round
		[0.05, 1, '0.1'],
		[-0.05, 1, '-0.1'],
		[-0.04, 1, '0.0'], // no "-0,0"
		[12.5, 0, '13'],
		[-12.5, 0, '-13'],
		[1.005, 2, '1.01'],
		[23.649, 1, '23.6'],
		[68, 1, '68.0'],
		[68, 0, '68'],
		[1e-7, 1, '0.0'],
		[1.5e21, 0, '1500000000000000000000']
	])('%d to %d places is %s', (value, digits, expected) => {
		expect(roundForDisplay(value, digits).text).toBe(expected);
	});

	it.each([
		[0.3, 0.25, '0.1'], // 0.3 − 0.25 is 0.04999999999999999 in floating point
		[40.1, 27.7, '12.4'],
		[37.9, 44.2, '-6.3'],
		[10.15, 10.1, '0.1']
	])('the change %d − %d shown to one place is %s', (to, from, expected) => {
		const difference = exactDifference(to, from);
		expect(difference && roundForDisplay(difference, 1).text).toBe(expected);
	});
});

const counts = createDataset(
	[
		{ code: 'population', unit: 'count' },
		{ code: 'population_mh', unit: 'count' },
		{ code: 'naturalisations', unit: 'count' },
		{ code: 'residents_by_nationality', unit: 'count' },
		{ code: 'share_printed', unit: 'percent' }
	],
	[
		{ baseFigure: 'population', area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' }, value: 1000 },
		{ baseFigure: 'population_mh', area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' }, value: 763 },
		{ baseFigure: 'population', area: '11', referenceDate: '2008', breakdown: { ageGroup: '0-3' }, value: 1100 },
		{ baseFigure: 'population_mh', area: '11', referenceDate: '2008', breakdown: { ageGroup: '0-3' }, value: 580 },
		{ baseFigure: 'population', area: '11', referenceDate: '2018', value: 8000 },
		{ baseFigure: 'population_mh', area: '11', referenceDate: '2018', value: 3208 },
		{ baseFigure: 'population', area: '12', referenceDate: '2018', value: 0 },
		{ baseFigure: 'population_mh', area: '12', referenceDate: '2018', value: 0 },
		{ baseFigure: 'population', area: '13', referenceDate: '2018', value: 200 },
		{ baseFigure: 'population_mh', area: '13', referenceDate: '2018', value: null, status: 'suppressed' },
		{ baseFigure: 'population', area: '14', referenceDate: '2018', value: 8 },
		{ baseFigure: 'population_mh', area: '14', referenceDate: '2018', value: 5, status: 'unreliable' },
		{ baseFigure: 'population', area: '15', referenceDate: '2018', value: 10.5 },
		{ baseFigure: 'population_mh', area: '15', referenceDate: '2018', value: 3 },
		{ baseFigure: 'population', area: '16', referenceDate: '2018', value: 400 },
		{ baseFigure: 'population', area: '16', referenceDate: '2018', value: 401 },
		{ baseFigure: 'population_mh', area: '16', referenceDate: '2018', value: 40 },
		{ baseFigure: 'naturalisations', area: '11', referenceDate: '2018', value: 37 },
		{ baseFigure: 'share_printed', area: '11', referenceDate: '2018', value: 40.1 },
		...(
			[
				['TR', 412],
				['PL', 10],
				['SY', 9],
				['RU', 57],
				['IT', 10],
				['GR', 3],
				['total', 2000]
			] as const
		).map(
			([nationality, value]): Observation => ({
				baseFigure: 'residents_by_nationality',
				area: '11',
				referenceDate: '2018',
				breakdown: { nationality },
				value
			})
		),
		// A finer cell (by sex) is not a category of its own.
		{ baseFigure: 'residents_by_nationality', area: '11', referenceDate: '2018', breakdown: { nationality: 'SY', sex: 'f' }, value: 50 },
		{ baseFigure: 'residents_by_nationality', area: '13', referenceDate: '2018', breakdown: { nationality: 'TR' }, value: 40 },
		{ baseFigure: 'residents_by_nationality', area: '13', referenceDate: '2018', breakdown: { nationality: 'SY' }, value: null, status: 'suppressed' }
	]
);

const share: Formula = {
	kind: 'share',
	numerator: { kind: 'figure', baseFigure: 'population_mh' },
	denominator: { kind: 'figure', baseFigure: 'population' }
};

describe('formulas over counts', () => {
	it.each<[string, Formula, EvaluationContext, string, number, string]>([
		['share of the 0–3-year-olds', share, { area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } }, 'percent', 1, '76.3'],
		['share of all residents', share, { area: '11', referenceDate: '2018' }, 'percent', 1, '40.1'],
		['share with two decimals', share, { area: '11', referenceDate: '2008', breakdown: { ageGroup: '0-3' } }, 'percent', 2, '52.73'],
		[
			'change of the share in percentage points',
			{ kind: 'change', of: share, from: '2008', to: '2018' },
			{ area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } },
			'percentage_points',
			1,
			'23.6' // 76.3 − 52.7272… = 23.5727… → 23.6
		],
		[
			'change of a count',
			{ kind: 'change', of: { kind: 'figure', baseFigure: 'population_mh' }, from: '2008', to: '2018' },
			{ area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } },
			'count',
			0,
			'183'
		],
		[
			'fall of a count',
			{ kind: 'change', of: { kind: 'figure', baseFigure: 'population' }, from: '2008', to: '2018' },
			{ area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } },
			'count',
			0,
			'-100'
		],
		[
			'naturalisations per 1,000 residents',
			{ kind: 'rate', numerator: { kind: 'figure', baseFigure: 'naturalisations' }, denominator: { kind: 'figure', baseFigure: 'population' } },
			{ area: '11', referenceDate: '2018' },
			'rate',
			2,
			'4.63' // 37 / 8000 × 1000 = 4.625 → half away from zero
		],
		[
			'per 100,000',
			{ kind: 'rate', per: 100000, numerator: { kind: 'figure', baseFigure: 'naturalisations' }, denominator: { kind: 'figure', baseFigure: 'population' } },
			{ area: '11', referenceDate: '2018' },
			'rate',
			1,
			'462.5'
		],
		[
			'ratio of residents without to with migration background',
			{ kind: 'ratio', numerator: { kind: 'figure', baseFigure: 'population' }, denominator: { kind: 'figure', baseFigure: 'population_mh' } },
			{ area: '11', referenceDate: '2018' },
			'ratio',
			3,
			'2.494'
		],
		[
			'share of the 0–3-year-olds among all residents (breakdown removed with null)',
			{
				kind: 'share',
				numerator: { kind: 'figure', baseFigure: 'population' },
				denominator: { kind: 'figure', baseFigure: 'population', breakdown: { ageGroup: null } }
			},
			{ area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } },
			'percent',
			1,
			'12.5'
		],
		[
			'nationalities with at least 10 residents',
			{ kind: 'countAtLeast', of: { kind: 'figure', baseFigure: 'residents_by_nationality' }, dimension: 'nationality', threshold: 10, exclude: ['total'] },
			{ area: '11', referenceDate: '2018' },
			'count',
			0,
			'4' // TR, PL, RU, IT; exactly 10 counts, SY (9) and GR (3) do not, nor the total or the cell by sex
		],
		[
			'categories with at least 100',
			{ kind: 'countAtLeast', of: { kind: 'figure', baseFigure: 'residents_by_nationality' }, dimension: 'nationality', threshold: 100, exclude: ['total'] },
			{ area: '11', referenceDate: '2018' },
			'count',
			0,
			'1'
		],
		[
			'a printed share taken as it is',
			{ kind: 'figure', baseFigure: 'share_printed' },
			{ area: '11', referenceDate: '2018' },
			'percent',
			1,
			'40.1'
		]
	])('%s', (_name, formula, at, unit, digits, expected) => {
		const result = evaluateKeyFigure(formula, counts, at);
		expect(result.status).toBe('ok');
		expect(hasValue(result) && result.unit).toBe(unit);
		expect(shown(result, digits)).toBe(expected);
	});

	it('keeps counts as integers and the rate base in the result', () => {
		const count = evaluateKeyFigure({ kind: 'figure', baseFigure: 'population' }, counts, { area: '11', referenceDate: '2018' });
		expect(hasValue(count) && Number.isInteger(count.value) && count.value).toBe(8000);
		const rate = evaluateKeyFigure(
			{ kind: 'rate', numerator: { kind: 'figure', baseFigure: 'naturalisations' }, denominator: { kind: 'figure', baseFigure: 'population' } },
			counts,
			{ area: '11', referenceDate: '2018' }
		);
		expect(hasValue(rate) && rate.per).toBe(1000);
		expect(valueOf(rate)).toBe(4.625);
	});

	it('survives a round trip through JSON, as the catalogue stores it', () => {
		const stored = JSON.parse(JSON.stringify({ kind: 'change', of: share, from: '2008', to: '2018' })) as unknown;
		expect(checkFormula(stored).ok).toBe(true);
		expect(shown(evaluateKeyFigure(stored, counts, { area: '11', referenceDate: '2018', breakdown: { ageGroup: '0-3' } }))).toBe('23.6');
	});
});

describe('problems are statuses, not exceptions', () => {
	it.each<[string, unknown, EvaluationContext, string]>([
		['denominator zero', share, { area: '12', referenceDate: '2018' }, 'zero_denominator'],
		['unknown base figure', { ...share, numerator: { kind: 'figure', baseFigure: 'nope' } }, { area: '11', referenceDate: '2018' }, 'unknown_base_figure'],
		['no value for the area', share, { area: '99', referenceDate: '2018' }, 'missing'],
		['no value for the date', share, { area: '11', referenceDate: '2030' }, 'missing'],
		['suppressed numerator', share, { area: '13', referenceDate: '2018' }, 'suppressed'],
		['a count with decimals', share, { area: '15', referenceDate: '2018' }, 'invalid_value'],
		['two values for one cell', share, { area: '16', referenceDate: '2018' }, 'duplicate_value'],
		[
			'a share of shares',
			{ kind: 'share', numerator: { kind: 'figure', baseFigure: 'share_printed' }, denominator: { kind: 'figure', baseFigure: 'population' } },
			{ area: '11', referenceDate: '2018' },
			'invalid_formula'
		],
		['unknown kind', { kind: 'median', of: share }, { area: '11', referenceDate: '2018' }, 'invalid_formula'],
		['not an object', 'share(a, b)', { area: '11', referenceDate: '2018' }, 'invalid_formula'],
		['null', null, { area: '11', referenceDate: '2018' }, 'invalid_formula'],
		['rate per 0', { kind: 'rate', per: 0, numerator: share.numerator, denominator: share.denominator }, { area: '11', referenceDate: '2018' }, 'invalid_formula'],
		[
			'negative threshold',
			{ kind: 'countAtLeast', of: { kind: 'figure', baseFigure: 'residents_by_nationality' }, dimension: 'nationality', threshold: -1 },
			{ area: '11', referenceDate: '2018' },
			'invalid_formula'
		],
		[
			'count over a suppressed category',
			{ kind: 'countAtLeast', of: { kind: 'figure', baseFigure: 'residents_by_nationality' }, dimension: 'nationality', threshold: 10 },
			{ area: '13', referenceDate: '2018' },
			'suppressed'
		],
		[
			'count without any category',
			{ kind: 'countAtLeast', of: { kind: 'figure', baseFigure: 'residents_by_nationality' }, dimension: 'nationality', threshold: 10 },
			{ area: '14', referenceDate: '2018' },
			'missing'
		]
	])('%s → %s', (_name, formula, at, status) => {
		let result: KeyFigureResult | undefined;
		expect(() => (result = evaluateKeyFigure(formula, counts, at))).not.toThrow();
		expect(result?.status).toBe(status);
	});

	it('a formula nested without end is refused', () => {
		let formula: Formula = { kind: 'figure', baseFigure: 'population' };
		for (let i = 0; i < 20; i++) formula = { kind: 'ratio', numerator: formula, denominator: formula };
		expect(checkFormula(formula)).toMatchObject({ ok: false, status: 'invalid_formula' });
	});

	it('an unreliable input gives an unreliable value, still computed', () => {
		const result = evaluateKeyFigure(share, counts, { area: '14', referenceDate: '2018' });
		expect(result.status).toBe('unreliable');
		expect(shown(result)).toBe('62.5');
	});

	it('a broken definition is reported before missing data', () => {
		const formula: Formula = { kind: 'share', numerator: { kind: 'figure', baseFigure: 'population_mh' }, denominator: { kind: 'figure', baseFigure: 'nope' } };
		expect(evaluateKeyFigure(formula, counts, { area: '99', referenceDate: '2018' }).status).toBe('unknown_base_figure');
	});
});
