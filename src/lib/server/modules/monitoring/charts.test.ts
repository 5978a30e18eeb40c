import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { contrastRatio } from './atlas.ts';
import {
	BAR_FILLS,
	CHART_BACKGROUND,
	CHART_INK,
	CHART_PALETTE,
	LINE_DASHES,
	LINE_MARKERS,
	niceTicks,
	renderBarChart,
	renderLineChart,
	type BarChartOptions,
	type BarGroup,
	type ChartValue,
	type LineChartOptions,
	type LineSeries
} from './charts.ts';
import type { CellStatus } from './disclosure.ts';

// ---------------------------------------------------------------------------------------------------
// Helpers

const de = (n: number) => `${n.toFixed(1).replace('.', ',')} %`;
const tick = (n: number) => `${String(n).replace('.', ',')} %`;
const ok = (value: number): ChartValue => ({ value, status: 'ok', text: de(value) });
/** A value that is not published; `value` and `text` simulate a caller that left the hidden number in. */
const withheld = (status: CellStatus, value: number | null = null): ChartValue => ({ value, status, text: value === null ? '' : de(value) });
const yTicks = (svg: string) => elements(/<g class="chart-y-ticks"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'text').map((t) => t.content);

const EVIL = 'Bad <&> "Quote"';
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every element of a kind with its attributes and, if it has one, the text of its <title> or its content. */
function elements(svg: string, tag: string): { attrs: Record<string, string>; title?: string; content?: string }[] {
	const out: { attrs: Record<string, string>; title?: string; content?: string }[] = [];
	for (const m of svg.matchAll(new RegExp(`<${tag}((?:\\s[\\w:-]+="[^"]*")*)\\s*(/>|>(.*?)</${tag}>)`, 'g'))) {
		const attrs: Record<string, string> = {};
		for (const a of m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
		const inner = m[3];
		const title = inner === undefined ? undefined : /<title>(.*?)<\/title>/.exec(inner)?.[1];
		const item: { attrs: Record<string, string>; title?: string; content?: string } = { attrs };
		if (title !== undefined) item.title = unescape(title);
		else if (inner !== undefined) item.content = unescape(inner);
		out.push(item);
	}
	return out;
}

/** The subpaths of a line's path data ("M x y L x y …") as lists of points. */
function subpaths(d: string): [number, number][][] {
	return d
		.split('M')
		.filter(Boolean)
		.map((part) => part.split('L').map((p) => p.trim().split(/\s+/).map(Number) as [number, number]));
}

/** A small deterministic random generator (as in atlas.test.ts), so the property tests are reproducible. */
function lcg(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

// ---------------------------------------------------------------------------------------------------
// Colours

describe('palette', () => {
	it.each(CHART_PALETTE.map((c, i) => [i, c, [5.19, 3.87, 3.42, 3.06, 21][i]!] as const))('series %i (%s) keeps 3:1 against white: %s', (_i, colour, ratio) => {
		expect(contrastRatio(colour, CHART_BACKGROUND)).toBeGreaterThanOrEqual(3);
		expect(contrastRatio(colour, CHART_BACKGROUND)).toBeCloseTo(ratio, 2);
	});

	it('has a dash, a marker and a bar fill of its own for every colour', () => {
		for (const list of [LINE_DASHES, LINE_MARKERS, BAR_FILLS]) {
			expect(list.length).toBeGreaterThanOrEqual(CHART_PALETTE.length);
			expect(new Set(list).size).toBe(list.length);
		}
		expect(new Set(CHART_PALETTE).size).toBe(CHART_PALETTE.length);
		expect(contrastRatio(CHART_INK, CHART_BACKGROUND)).toBeGreaterThan(15);
	});
});

// ---------------------------------------------------------------------------------------------------
// niceTicks

describe('niceTicks', () => {
	it.each<[string, number, number, number | undefined, number[]]>([
		['0 … 100', 0, 100, undefined, [0, 20, 40, 60, 80, 100]],
		['0 … 7.3', 0, 7.3, undefined, [0, 2, 4, 6, 8]],
		['12 … 47', 12, 47, undefined, [10, 20, 30, 40, 50]],
		['shares 0 … 76.3 (Bottrop 0–3)', 0, 76.3, undefined, [0, 20, 40, 60, 80]],
		['years 2005 … 2012', 2005, 2012, undefined, [2004, 2006, 2008, 2010, 2012]],
		['reversed bounds', 100, 0, undefined, [0, 20, 40, 60, 80, 100]],
		['negative and positive (changes in points)', -9.2, 10.1, undefined, [-10, -5, 0, 5, 10, 15]],
		['negative only', -8.4, -2.1, undefined, [-10, -8, -6, -4, -2]],
		['around zero', -5, 5, undefined, [-6, -4, -2, 0, 2, 4, 6]],
		['exact decimals, no 0.30000000000000004', 0, 0.3, undefined, [0, 0.1, 0.2, 0.3]],
		['zero is 0, not -0', -0.5, 0, undefined, [-0.5, -0.4, -0.3, -0.2, -0.1, 0]],
		['more ticks on request', 0, 1, 10, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]],
		['one interval', 0, 7.3, 1, [0, 10]],
		['equal min and max', 5, 5, undefined, [4, 4.5, 5, 5.5, 6]],
		['equal min and max, negative', -50, -50, undefined, [-60, -55, -50, -45, -40]],
		['both zero', 0, 0, undefined, [0, 0.2, 0.4, 0.6, 0.8, 1]],
		['large counts', 0, 1_234_567, undefined, [0, 500_000, 1_000_000, 1_500_000]]
	])('%s', (_name, min, max, count, expected) => {
		const ticks = count === undefined ? niceTicks(min, max) : niceTicks(min, max, count);
		expect(ticks).toEqual(expected);
		for (const t of ticks) expect(Object.is(t, -0)).toBe(false);
	});

	it('covers any range with equal, round, ascending steps and at most count + 1 intervals', () => {
		const random = lcg(7);
		for (let i = 0; i < 2000; i++) {
			const scale = 10 ** Math.floor(random() * 24 - 12);
			const a = (random() * 2 - 1) * scale;
			const b = random() < 0.1 ? a : (random() * 2 - 1) * scale;
			const count = 1 + Math.floor(random() * 10);
			const ticks = niceTicks(a, b, count);
			expect(ticks.length).toBeGreaterThanOrEqual(2);
			expect(ticks.length - 1).toBeLessThanOrEqual(count + 1);
			const step = ticks[1]! - ticks[0]!;
			expect(step).toBeGreaterThan(0);
			expect(ticks[0]!).toBeLessThanOrEqual(Math.min(a, b) + step * 1e-6);
			expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(Math.max(a, b) - step * 1e-6);
			for (let k = 1; k < ticks.length; k++) expect((ticks[k]! - ticks[k - 1]!) / step).toBeCloseTo(1, 6);
			// The step is 1, 2 or 5 times a power of ten.
			const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
			expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
		}
	});

	it.each<[string, number, number, number]>([
		['NaN', Number.NaN, 1, 5],
		['Infinity', 0, Number.POSITIVE_INFINITY, 5],
		['count 0', 0, 1, 0],
		['count 2.5', 0, 1, 2.5],
		['beyond the supported magnitude', -1e305, 1e305, 5]
	])('refuses %s', (_name, min, max, count) => {
		expect(() => niceTicks(min, max, count)).toThrow(RangeError);
	});
});

// ---------------------------------------------------------------------------------------------------
// Lines

const YEARS = ['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012'];
const seriesOf = (id: string, label: string, values: (number | ChartValue | undefined)[]): LineSeries => ({
	id,
	label,
	points: YEARS.flatMap((x, i) => {
		const v = values[i];
		if (v === undefined) return [];
		return [{ x, value: typeof v === 'number' ? ok(v) : v }];
	})
});

const lineOptions = (overrides: Partial<LineChartOptions> = {}): LineChartOptions => ({
	id: 'l',
	title: 'Anteil der Einwohner mit Migrationshintergrund 2005–2012',
	description: 'Drei Linien; die Tabelle darunter enthält dieselben Zahlen.',
	lang: 'de',
	yLabel: 'Anteil in %',
	formatTick: tick,
	...overrides
});

describe('renderLineChart: three series over 8 years', () => {
	const series: LineSeries[] = [
		// 2008 suppressed; the caller even left the number in: it must not be drawn or used.
		seriesOf('altstadt', '11-Altstadt', [30, 31, 32, withheld('suppressed_secondary', 99), 35, 36, 38, 40]),
		// 2009 and 2010 withheld as not reliable.
		seriesOf('ebel', '61-Ebel/Welheimer Mark', [20, 22, 21, 23, withheld('not_reliable'), withheld('not_reliable'), 27, 28]),
		seriesOf('bottrop', 'Bottrop', [15, 16, 17, 17.5, 18, 19, 20, 21])
	];
	const { svg, legend } = renderLineChart(series, lineOptions({ highlight: 'bottrop' }));
	const lines = elements(svg, 'path').filter((p) => p.attrs.class === 'chart-line');
	const lineOf = (id: string) => lines.find((l) => l.attrs['data-series'] === id)!;
	const xsOfBottrop = subpaths(lineOf('bottrop').attrs.d!)[0]!.map((p) => p[0]);

	it('is well-formed XML and an image named by its title and description', () => {
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*role="img" aria-labelledby="l-title l-desc"/);
		expect(svg).toContain('<title id="l-title">Anteil der Einwohner mit Migrationshintergrund 2005–2012</title>');
		expect(svg).toContain('<desc id="l-desc">Drei Linien; die Tabelle darunter enthält dieselben Zahlen.</desc>');
		expect(svg).not.toMatch(/<script|<a |tabindex|<style/);
		expect(svg).toContain(`<rect class="chart-background" width="640" height="`);
	});

	it('places the years left to right at equal steps', () => {
		expect(xsOfBottrop).toHaveLength(8);
		const step = xsOfBottrop[1]! - xsOfBottrop[0]!;
		expect(step).toBeGreaterThan(0);
		for (let i = 1; i < 8; i++) expect(xsOfBottrop[i]! - xsOfBottrop[i - 1]!).toBeCloseTo(step, 0);
	});

	it.each([
		['altstadt', [[0, 1, 2], [4, 5, 6, 7]]],
		['ebel', [[0, 1, 2, 3], [6, 7]]],
		['bottrop', [[0, 1, 2, 3, 4, 5, 6, 7]]]
	])('%s: the line is split where a value is withheld, never bridged', (id, expected) => {
		const parts = subpaths(lineOf(id).attrs.d!);
		expect(parts.map((part) => part.map(([x]) => xsOfBottrop.findIndex((bx) => Math.abs(bx - x) < 0.05)))).toEqual(expected);
	});

	it('draws higher values higher up, on one scale for all series', () => {
		const [before, after] = subpaths(lineOf('altstadt').attrs.d!);
		const bottrop = subpaths(lineOf('bottrop').attrs.d!)[0]!;
		expect(before![0]![1]).toBeLessThan(bottrop[0]![1]); // 30 above 15
		expect(after![3]![1]).toBeLessThan(before![0]![1]); // 40 above 30
		// Linear: 15 → 30 is as far as 30 → 45 would be; 0 is at the x axis.
		const y15 = bottrop[0]![1];
		const y30 = before![0]![1];
		const y40 = after![3]![1];
		expect((y15 - y30) / 15).toBeCloseTo((y30 - y40) / 10, 1);
	});

	it('never draws or uses the withheld value: no 99, and the axis ends at 40 %', () => {
		expect(svg).not.toContain('99');
		expect(yTicks(svg)).toEqual(['0 %', '10 %', '20 %', '30 %', '40 %']);
	});

	it.each([
		['altstadt', 7, 'circle', '', '2'],
		['ebel', 6, 'square', '8 4', '2'],
		['bottrop', 8, 'triangle', '2 3', '3.5']
	])('%s: %i markers, dash "%s"', (id, markers, _shape, dash, width) => {
		const group = new RegExp(`<g class="chart-markers" data-series="${id}"[^>]*>(.*?)</g>`).exec(svg)![1]!;
		expect(elements(group, 'path')).toHaveLength(markers);
		const line = lineOf(id);
		expect(line.attrs['stroke-dasharray'] ?? '').toBe(dash);
		expect(line.attrs['stroke-width']).toBe(width);
	});

	it('gives each point a tooltip with its series, year and formatted value', () => {
		const titles = elements(svg, 'path').flatMap((p) => (p.title ? [p.title] : []));
		expect(titles).toContain('11-Altstadt, 2005: 30,0 %');
		expect(titles).toContain('Bottrop, 2008: 17,5 %');
		expect(titles.some((t) => t.startsWith('11-Altstadt, 2008'))).toBe(false);
		expect(titles.some((t) => t.startsWith('61-Ebel/Welheimer Mark, 2009'))).toBe(false);
	});

	it('uses differently shaped markers per series', () => {
		const shapeOf = (id: string) => new RegExp(`<g class="chart-markers" data-series="${id}"[^>]*><path d="([^"]*)"`).exec(svg)![1]!.replace(/[-\d. ]/g, '');
		expect(shapeOf('altstadt')).toBe('Maaz'); // circle: two arcs
		expect(shapeOf('ebel')).toBe('Mhvhz'); // square
		expect(shapeOf('bottrop')).toBe('MLHz'); // triangle
	});

	it('draws the emphasised series last, on top of the others', () => {
		expect(lines.map((l) => l.attrs['data-series'])).toEqual(['altstadt', 'ebel', 'bottrop']);
		const other = renderLineChart(series, lineOptions({ highlight: 'altstadt' })).svg;
		expect(elements(other, 'path').filter((p) => p.attrs.class === 'chart-line').map((l) => l.attrs['data-series'])).toEqual(['ebel', 'bottrop', 'altstadt']);
	});

	it('returns the legend as data: series with colour, dash and marker, then the gaps', () => {
		expect(legend).toEqual([
			{ kind: 'series', id: 'altstadt', label: '11-Altstadt', colour: CHART_PALETTE[0], dash: '', marker: 'circle' },
			{ kind: 'series', id: 'ebel', label: '61-Ebel/Welheimer Mark', colour: CHART_PALETTE[1], dash: '8 4', marker: 'square' },
			{ kind: 'series', id: 'bottrop', label: 'Bottrop', colour: CHART_PALETTE[2], dash: '2 3', marker: 'triangle', emphasised: true },
			{
				kind: 'status',
				id: 'status-suppressed',
				label: 'Lücke in der Linie: Zahlenwert geheim zu halten (zum Schutz kleiner Fallzahlen gesperrt)',
				colour: CHART_INK,
				dash: '',
				marker: 'none',
				symbol: '.'
			},
			{ kind: 'status', id: 'status-not-reliable', label: 'Lücke in der Linie: keine Angabe, da Zahlenwert nicht sicher genug', colour: CHART_INK, dash: '', marker: 'none', symbol: '/' }
		]);
	});

	it('draws the legend in the SVG too, below the plot on the left', () => {
		const group = /<g class="chart-legend"[^>]*>(.*)<\/g>/.exec(svg)![1]!;
		const texts = elements(group, 'text').filter((t) => t.content && t.content.length > 1);
		expect(texts.map((t) => t.content)).toEqual(legend.map((l) => l.label));
		for (const t of texts) {
			expect(Number(t.attrs.x)).toBe(16 + 34 + 8);
			expect(Number(t.attrs.y)).toBeGreaterThan(360);
			expect(t.attrs['text-anchor']).toBe('start');
		}
		expect(group).toContain(`stroke="${CHART_PALETTE[1]}" stroke-width="2" fill="none" stroke-dasharray="8 4"`);
	});

	it('lets the caller name the statuses in the legend', () => {
		const { legend: own } = renderLineChart(series, lineOptions({ labels: { statuses: { '.': 'geheim', '/': 'unsicher' } } }));
		expect(own.filter((l) => l.kind === 'status').map((l) => l.label)).toEqual(['geheim', 'unsicher']);
	});
});

describe('renderLineChart: edge cases', () => {
	it('leaves a point between two gaps as a marker without a line', () => {
		const { svg } = renderLineChart([seriesOf('a', 'A', [10, withheld('suppressed_primary'), 12, withheld('not_available'), 14, 15, 16, 17])], lineOptions());
		const d = elements(svg, 'path').find((p) => p.attrs.class === 'chart-line')!.attrs.d!;
		expect(subpaths(d).map((p) => p.length)).toEqual([1, 1, 4]);
		expect(elements(/<g class="chart-markers"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'path')).toHaveLength(6);
	});

	it('treats a date missing from a series as a gap (…), but not the dates before its first point', () => {
		const late = seriesOf('late', 'Neu', [undefined, undefined, 5, 6, undefined, 8, 9, 10]);
		const { svg, legend } = renderLineChart([seriesOf('all', 'Alle', [1, 2, 3, 4, 5, 6, 7, 8]), late], lineOptions());
		const d = elements(svg, 'path').find((p) => p.attrs['data-series'] === 'late')!.attrs.d!;
		expect(subpaths(d).map((p) => p.length)).toEqual([2, 3]);
		expect(legend.filter((l) => l.kind === 'status').map((l) => l.symbol)).toEqual(['…']);
		const early = renderLineChart([seriesOf('all', 'Alle', [1, 2, 3, 4, 5, 6, 7, 8]), seriesOf('late', 'Neu', [undefined, undefined, 5, 6, 7, 8, 9, 10])], lineOptions());
		expect(early.legend.filter((l) => l.kind === 'status')).toEqual([]);
	});

	it('draws zero (status zero, "-") at the x axis', () => {
		const { svg } = renderLineChart([seriesOf('a', 'A', [{ value: null, status: 'zero', text: '-' }, 10, 20, 30, 40, 50, 60, 70])], lineOptions());
		const d = elements(svg, 'path').find((p) => p.attrs.class === 'chart-line')!.attrs.d!;
		const axis = elements(svg, 'path').find((p) => p.attrs.class === 'chart-axes')!.attrs.d!;
		const bottom = Number(/V([\d.]+)H/.exec(axis)![1]);
		expect(subpaths(d)[0]![0]![1]).toBe(bottom);
	});

	it('draws nothing of a series without any published value, and keeps a default axis', () => {
		const { svg, legend } = renderLineChart([seriesOf('a', 'A', YEARS.map(() => withheld('suppressed_primary', 5)))], lineOptions());
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(elements(svg, 'path').filter((p) => p.attrs.class === 'chart-line')).toEqual([]);
		expect(yTicks(svg)).toEqual(['0 %', '0,2 %', '0,4 %', '0,6 %', '0,8 %', '1 %']);
		expect(legend.map((l) => l.id)).toEqual(['a', 'status-suppressed']);
	});

	it('honours yMin and yMax, and extends rather than cuts the axis for a value outside', () => {
		const texts = (o: Partial<LineChartOptions>, values: number[]) => yTicks(renderLineChart([seriesOf('a', 'A', values)], lineOptions(o)).svg);
		const values = [30, 31, 32, 33, 34, 35, 36, 37];
		expect(texts({ yMax: 100 }, values)).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
		expect(texts({ yMin: 30 }, values)).toEqual(['30 %', '32 %', '34 %', '36 %', '38 %']);
		expect(texts({ yMax: 20 }, values)).toEqual(['0 %', '10 %', '20 %', '30 %', '40 %']);
	});

	it('places years by their value: a missing survey year leaves a wider step', () => {
		const s: LineSeries = { id: 'a', label: 'A', points: ['2005', '2006', '2010'].map((x, i) => ({ x, value: ok(i) })) };
		const [points] = subpaths(elements(renderLineChart([s], lineOptions()).svg, 'path').find((p) => p.attrs.class === 'chart-line')!.attrs.d!);
		const [a, b, c] = points!.map((p) => p[0]);
		expect((c! - b!) / (b! - a!)).toBeCloseTo(4, 1);
	});

	it('sorts numeric years ascending even when given out of order', () => {
		const s: LineSeries = { id: 'a', label: 'A', points: ['2012', '2005', '2008'].map((x) => ({ x, value: ok(Number(x) - 2000) })) };
		const { svg } = renderLineChart([s], lineOptions());
		const labels = elements(/<g class="chart-x-labels"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'text');
		expect(labels.map((l) => l.content)).toEqual(['2005', '2008', '2012']);
		expect(Number(labels[0]!.attrs.x)).toBeLessThan(Number(labels[2]!.attrs.x));
	});

	it.each<[string, () => unknown]>([
		['more series than styles', () => renderLineChart(Array.from({ length: 6 }, (_, i) => seriesOf(`s${i}`, `S${i}`, [1])), lineOptions())],
		['a duplicate series id', () => renderLineChart([seriesOf('a', 'A', [1]), seriesOf('a', 'B', [2])], lineOptions())],
		['a highlight that names no series', () => renderLineChart([seriesOf('a', 'A', [1])], lineOptions({ highlight: 'b' }))],
		['two points at one date', () => renderLineChart([{ id: 'a', label: 'A', points: [{ x: '2005', value: ok(1) }, { x: '2005', value: ok(2) }] }], lineOptions())],
		['an id that is no plain name', () => renderLineChart([], lineOptions({ id: 'a"><script>' }))],
		['a palette colour below 3:1 (Okabe–Ito orange)', () => renderLineChart([], lineOptions({ palette: ['#0072B2', '#E69F00'] }))],
		['yMin above yMax', () => renderLineChart([], lineOptions({ yMin: 10, yMax: 5 }))],
		['a non-finite yMax', () => renderLineChart([], lineOptions({ yMax: Number.NaN }))],
		['a width too small for a plot', () => renderLineChart([], lineOptions({ width: 100 }))]
	])('refuses %s', (_name, render) => {
		expect(render).toThrow(RangeError);
	});
});

// ---------------------------------------------------------------------------------------------------
// Bars: the Bottrop report, 11-Altstadt, shares with migration background by age group (seed 003)

const ALTSTADT: [string, number, number][] = [
	['0–3', 52.7, 76.3],
	['4–5', 49.4, 71.8],
	['6–9', 49.7, 73.8],
	['10–15', 47.2, 68.0],
	['16–18', 42.9, 59.4],
	['19–29', 35.4, 51.3],
	['30–49', 31.3, 45.1],
	['50–64', 21.3, 27.1],
	['65+', 9.8, 13.0]
];
const YEARS_2 = [
	{ id: '2008', label: '2008' },
	{ id: '2018', label: '2018' }
];
const barGroups = (rows: [string, number, number][]): BarGroup[] =>
	rows.map(([label, a, b]) => ({
		label,
		bars: [
			{ seriesId: '2008', value: ok(a) },
			{ seriesId: '2018', value: ok(b) }
		]
	}));
/** The Bottrop highlight: shares over 50 %. */
const over50 = (rows: [string, number, number][]) =>
	new Set(rows.flatMap(([label, a, b]) => [...(a > 50 ? [`${label}|2008`] : []), ...(b > 50 ? [`${label}|2018`] : [])]));

const barOptions = (overrides: Partial<BarChartOptions> = {}): BarChartOptions => ({
	id: 'b',
	title: 'Anteile von Migrant/innen in Altersstufen, 11-Altstadt, 2008 und 2018',
	description: 'Balken je Altersstufe für 2008 und 2018; die Tabelle darunter enthält dieselben Zahlen.',
	lang: 'de',
	yLabel: 'Anteil in %',
	formatTick: tick,
	markedValues: over50(ALTSTADT),
	labels: { marked: 'Anteil über 50 %' },
	...overrides
});

const barsOf = (svg: string) => elements(svg, 'rect').filter((r) => r.attrs.class?.startsWith('chart-bar'));
const barByTitle = (svg: string, title: string) => {
	const found = barsOf(svg).find((b) => b.title === title);
	if (!found) throw new Error(`no bar ${title}`);
	return found;
};
const valueLabels = (svg: string) => elements(svg, 'text').filter((t) => t.attrs.class === 'chart-value');

describe('renderBarChart: Bottrop, 11-Altstadt, 2008 and 2018', () => {
	const { svg, legend } = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions());

	it('is well-formed XML and an image named by its title and description', () => {
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*role="img" aria-labelledby="b-title b-desc"/);
		expect(svg).toContain('<title id="b-title">Anteile von Migrant/innen in Altersstufen, 11-Altstadt, 2008 und 2018</title>');
		expect(barsOf(svg)).toHaveLength(18);
	});

	it('scales the axis to nice ticks up to 80 %, bars from 0 and in proportion to their values', () => {
		expect(yTicks(svg)).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %']);
		const a = barByTitle(svg, '0–3, 2008: 52,7 %');
		const b = barByTitle(svg, '0–3, 2018: 76,3 %');
		expect(Number(a.attrs.y) + Number(a.attrs.height)).toBeCloseTo(Number(b.attrs.y) + Number(b.attrs.height), 1);
		expect(Number(b.attrs.height) / Number(a.attrs.height)).toBeCloseTo(76.3 / 52.7, 2);
		// The 2008 bar left of the 2018 bar, groups in the order given.
		expect(Number(a.attrs.x)).toBeLessThan(Number(b.attrs.x));
		expect(Number(b.attrs.x)).toBeLessThan(Number(barByTitle(svg, '4–5, 2008: 49,4 %').attrs.x));
	});

	it.each([
		['0–3, 2008: 52,7 %', true],
		['0–3, 2018: 76,3 %', true],
		['4–5, 2008: 49,4 %', false],
		['4–5, 2018: 71,8 %', true],
		['19–29, 2018: 51,3 %', true],
		['30–49, 2018: 45,1 %', false],
		['65+, 2018: 13,0 %', false]
	])('%s: marked as over 50 % = %s', (title, marked) => {
		const bar = barByTitle(svg, title);
		expect(bar.attrs.class === 'chart-bar chart-bar-marked').toBe(marked);
		expect(bar.attrs.stroke).toBe(marked ? CHART_INK : bar.attrs['data-series'] === '2008' ? CHART_PALETTE[0] : CHART_PALETTE[1]);
		expect(bar.attrs['stroke-width']).toBe(marked ? '2.5' : '1.5');
		const label = valueLabels(svg).find((t) => t.content === title.split(': ')[1]);
		expect(label?.attrs['font-weight']).toBe(marked ? 'bold' : undefined);
	});

	it('marks exactly the seven shares over 50 %', () => {
		expect(barsOf(svg).filter((b) => b.attrs.class === 'chart-bar chart-bar-marked')).toHaveLength(7);
	});

	it('tells the series apart without colour: 2008 solid, 2018 hatched with an outline', () => {
		expect(barByTitle(svg, '6–9, 2008: 49,7 %').attrs.fill).toBe(CHART_PALETTE[0]);
		expect(barByTitle(svg, '6–9, 2018: 73,8 %').attrs.fill).toBe('url(#b-fill1)');
		expect(svg).toMatch(/<defs><pattern id="b-fill1" [^>]*patternTransform="rotate\(45\)"><rect [^>]*fill="#ffffff"\/><path d="M3 0V6" stroke="#D55E00"/);
	});

	it('labels every bar with its formatted value; at 640 px the longer ones run upwards, with room above the tallest', () => {
		const labels = valueLabels(svg);
		expect(labels.map((l) => l.content)).toEqual(ALTSTADT.flatMap(([, a, b]) => [de(a), de(b)]));
		const turned = labels.filter((l) => l.attrs.transform !== undefined);
		// "9,8 %" fits the bar's width; the six-character labels do not.
		expect(labels.filter((l) => l.attrs.transform === undefined).map((l) => l.content)).toEqual(['9,8 %']);
		for (const l of turned) {
			expect(l.attrs.transform).toBe(`rotate(-90 ${l.attrs.x} ${l.attrs.y})`);
			expect(l.attrs['text-anchor']).toBe('start');
			// A turned label of six characters is at least 30 px long and must stay below the y label.
			expect(Number(l.attrs.y) - 30).toBeGreaterThanOrEqual(26);
		}
	});

	it('writes the labels horizontally where the bars are wide enough', () => {
		const wide = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions({ width: 1200 })).svg;
		const labels = valueLabels(wide);
		expect(labels).toHaveLength(18);
		for (const l of labels) {
			expect(l.attrs.transform).toBeUndefined();
			expect(l.attrs['text-anchor']).toBe('middle');
		}
		const bar = barByTitle(wide, '0–3, 2018: 76,3 %');
		const label = labels.find((l) => l.content === '76,3 %')!;
		expect(Number(label.attrs.x)).toBeCloseTo(Number(bar.attrs.x) + Number(bar.attrs.width) / 2, 0);
		expect(Number(label.attrs.y)).toBeLessThan(Number(bar.attrs.y));
	});

	it('leaves the labels out where they fit neither way; the tooltips remain', () => {
		const narrow = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions({ width: 240 })).svg;
		expect(valueLabels(narrow)).toEqual([]);
		expect(barsOf(narrow).every((b) => b.title !== undefined)).toBe(true);
	});

	it('honours yMax (shares up to 100 %)', () => {
		const full = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions({ yMax: 100 })).svg;
		expect(yTicks(full)).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %', '100 %']);
	});

	it('returns the legend as data: the series with their fills, then the mark', () => {
		expect(legend).toEqual([
			{ kind: 'series', id: '2008', label: '2008', colour: CHART_PALETTE[0], dash: '', marker: 'none', fill: 'solid' },
			{ kind: 'series', id: '2018', label: '2018', colour: CHART_PALETTE[1], dash: '', marker: 'none', fill: 'diagonal', pattern: 'b-fill1' },
			{ kind: 'mark', id: 'marked', label: 'Anteil über 50 %', colour: CHART_INK, dash: '', marker: 'none' }
		]);
		const group = /<g class="chart-legend"[^>]*>(.*)<\/g>/.exec(svg)![1]!;
		expect(elements(group, 'text').map((t) => t.content)).toEqual(['2008', '2018', 'Anteil über 50 %']);
	});

	it('draws negative values (changes in points, 61-Ebel/Welheimer Mark) down from the zero line', () => {
		const changes: BarGroup[] = [
			['0–3', -6.3],
			['4–5', 3.0],
			['19–29', -9.2]
		].map(([label, v]) => ({ label: label as string, bars: [{ seriesId: 'd', value: ok(v as number) }] }));
		const out = renderBarChart(changes, [{ id: 'd', label: 'Veränderung 2008–2018' }], barOptions({ markedValues: new Set(), yLabel: 'Prozentpunkte' })).svg;
		expect(XMLValidator.validate(out)).toBe(true);
		const up = barByTitle(out, '4–5, Veränderung 2008–2018: 3,0 %');
		const down = barByTitle(out, '19–29, Veränderung 2008–2018: -9,2 %');
		// Both touch the zero line, one from above, one from below.
		expect(Number(up.attrs.y) + Number(up.attrs.height)).toBeCloseTo(Number(down.attrs.y), 1);
		expect(Number(down.attrs.height) / Number(up.attrs.height)).toBeCloseTo(9.2 / 3, 1);
		expect(out).toMatch(/<path d="M[\d.]+ [\d.]+H[\d.]+" stroke="#1a1a1a"\/>/);
	});
});

describe('renderBarChart: withheld bars', () => {
	const groups: BarGroup[] = [
		{ label: '0–3', bars: [{ seriesId: '2008', value: ok(52.7) }, { seriesId: '2018', value: withheld('suppressed_primary', 99.9) }] },
		{ label: '4–5', bars: [{ seriesId: '2008', value: withheld('not_reliable') }, { seriesId: '2018', value: ok(71.8) }] },
		{ label: '6–9', bars: [{ seriesId: '2008', value: { value: null, status: 'zero', text: '-' } }] }
	];
	// The caller marks the hidden 2018 share of 0–3 as "over 50 %": that mark must not appear.
	const marks = new Set(['0–3|2018', '4–5|2008']);
	const { svg, legend } = renderBarChart(groups, YEARS_2, barOptions({ markedValues: marks }));
	const withheldBars = barsOf(svg).filter((b) => b.attrs.class === 'chart-bar chart-bar-withheld');
	const symbols = elements(svg, 'text').filter((t) => t.attrs.class === 'chart-symbol');

	it('is well-formed XML', () => {
		expect(XMLValidator.validate(svg)).toBe(true);
	});

	it('draws suppressed, not reliable and missing bars as empty dashed outlines of one fixed height', () => {
		// The tooltip gives the symbol and its meaning, never the caller's text of a hidden value.
		expect(withheldBars.map((b) => b.title)).toEqual([
			'0–3, 2018: . (Zahlenwert geheim zu halten (zum Schutz kleiner Fallzahlen gesperrt))',
			'4–5, 2008: / (keine Angabe, da Zahlenwert nicht sicher genug)',
			'6–9, 2018: … (Angabe fällt später an)'
		]);
		for (const b of withheldBars) {
			expect(b.attrs.fill).toBe('#ffffff');
			expect(b.attrs['stroke-dasharray']).toBe('3 2');
			expect(b.attrs.height).toBe('14');
		}
	});

	it('puts the DIN symbol above each of them', () => {
		expect(symbols.map((s) => s.content)).toEqual(['.', '/', '…']);
		withheldBars.forEach((b, i) => {
			expect(Number(symbols[i]!.attrs.x)).toBeCloseTo(Number(b.attrs.x) + Number(b.attrs.width) / 2, 0);
			expect(Number(symbols[i]!.attrs.y)).toBeLessThan(Number(b.attrs.y));
		});
	});

	it('never shows or uses the hidden number: no 99,9, and the axis stops at 80 %', () => {
		expect(svg).not.toContain('99');
		expect(yTicks(svg)).toEqual(['0 %', '20 %', '40 %', '60 %', '80 %']);
	});

	it('does not mark a withheld bar, even when asked to', () => {
		expect(barsOf(svg).filter((b) => b.attrs.class?.includes('marked'))).toEqual([]);
		expect(legend.some((l) => l.kind === 'mark')).toBe(false);
	});

	it('draws zero as no bar but with its label', () => {
		const zero = barByTitle(svg, '6–9, 2008: -');
		expect(zero.attrs.height).toBe('0');
		expect(valueLabels(svg).map((l) => l.content)).toContain('-');
	});

	it('explains the symbols in the legend, in DIN order', () => {
		expect(legend.filter((l) => l.kind === 'status').map((l) => [l.id, l.symbol, l.label])).toEqual([
			['status-suppressed', '.', 'Zahlenwert geheim zu halten (zum Schutz kleiner Fallzahlen gesperrt)'],
			['status-not-reliable', '/', 'keine Angabe, da Zahlenwert nicht sicher genug'],
			['status-not-available', '…', 'Angabe fällt später an']
		]);
		const english = renderBarChart(groups, YEARS_2, barOptions({ lang: 'en' })).legend;
		expect(english.find((l) => l.symbol === '.')!.label).toBe('value kept secret (withheld to protect small numbers)');
	});

	it.each<[string, () => unknown]>([
		['a bar of an unknown series', () => renderBarChart([{ label: 'a', bars: [{ seriesId: 'x', value: ok(1) }] }], YEARS_2, barOptions())],
		['two bars of one series in a group', () => renderBarChart([{ label: 'a', bars: [{ seriesId: '2008', value: ok(1) }, { seriesId: '2008', value: ok(2) }] }], YEARS_2, barOptions())],
		['six series', () => renderBarChart([], Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, label: `S${i}` })), barOptions())]
	])('refuses %s', (_name, render) => {
		expect(render).toThrow(RangeError);
	});
});

// ---------------------------------------------------------------------------------------------------
// Escaping, ids, right to left, determinism

describe('escaping', () => {
	it('escapes every text of a line chart', () => {
		const { svg } = renderLineChart([{ id: EVIL, label: EVIL, points: [{ x: EVIL, value: { value: 1, status: 'ok', text: EVIL } }] }], {
			...lineOptions({ title: EVIL, description: EVIL, yLabel: EVIL, formatTick: () => EVIL })
		});
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).not.toContain('<&>');
		expect(svg).not.toContain('"Quote"');
		expect(svg).toContain('<title id="l-title">Bad &lt;&amp;&gt; &quot;Quote&quot;</title>');
		expect(svg).toContain('data-series="Bad &lt;&amp;&gt; &quot;Quote&quot;"');
		expect(svg).toContain('<title>Bad &lt;&amp;&gt; &quot;Quote&quot;, Bad &lt;&amp;&gt; &quot;Quote&quot;: Bad &lt;&amp;&gt; &quot;Quote&quot;</title>');
		// The axis label, the tick texts, the x label and the legend text.
		expect(elements(svg, 'text').filter((t) => t.content === EVIL).length).toBeGreaterThanOrEqual(4);
	});

	it('escapes every text of a bar chart and drops characters XML forbids', () => {
		const { svg } = renderBarChart([{ label: `${EVIL}\u0001`, bars: [{ seriesId: 's', value: { value: 1, status: 'ok', text: EVIL } }] }], [{ id: 's', label: EVIL }], {
			...barOptions({ title: '</title><script>x</script>', yLabel: EVIL, markedValues: new Set([`${EVIL}\u0001|s`]), labels: { marked: EVIL }, width: 1000 })
		});
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).not.toContain('<script>');
		expect(svg).not.toContain('\u0001');
		expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
		expect(elements(svg, 'text').filter((t) => t.content === EVIL).length).toBeGreaterThanOrEqual(4);
	});
});

describe('ids', () => {
	it.each(['line', 'bar'])('%s: every id and reference carries the chart id', (kind) => {
		const svg =
			kind === 'line'
				? renderLineChart([seriesOf('a', 'A', [1, 2, withheld('suppressed_primary'), 4])], lineOptions({ id: 'chart-7' })).svg
				: renderBarChart(barGroups(ALTSTADT), [...YEARS_2], barOptions({ id: 'chart-7' })).svg;
		const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
		const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
		const labelled = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(' ');
		expect(ids.length).toBeGreaterThanOrEqual(3);
		for (const id of [...ids, ...refs, ...labelled]) expect(id.startsWith('chart-7-')).toBe(true);
		for (const ref of [...refs, ...labelled]) expect(ids).toContain(ref);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('right-to-left languages', () => {
	const arabic = { title: 'نسبة السكان من أصول مهاجرة', description: 'أعمدة لكل فئة عمرية', yLabel: 'النسبة المئوية', marked: 'أكثر من 50 %' };
	const legendGroup = (svg: string) => /<g class="chart-legend"[^>]*>(.*)<\/g>/.exec(svg)![1]!;

	it.each(['ar', 'fa', 'ar-SY'])('%s: text runs right to left, the age groups and years keep their order, the legend moves right', (lang) => {
		const series = [
			{ id: '2008', label: 'عام 2008' },
			{ id: '2018', label: 'عام 2018' }
		];
		const { svg } = renderBarChart(barGroups(ALTSTADT), series, barOptions({ lang, title: arabic.title, description: arabic.description, yLabel: arabic.yLabel, labels: { marked: arabic.marked } }));
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toMatch(new RegExp(`^<svg [^>]*lang="${lang}" direction="rtl"`));
		// Not mirrored: "0–3" is still the leftmost group, 2008 left of 2018.
		const groupLabels = elements(/<g class="chart-x-labels"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'text');
		expect(groupLabels.map((t) => t.content)).toEqual(ALTSTADT.map(([g]) => g));
		for (let i = 1; i < groupLabels.length; i++) expect(Number(groupLabels[i]!.attrs.x)).toBeGreaterThan(Number(groupLabels[i - 1]!.attrs.x));
		// Numbers and ranges without letters are laid out left to right ("0–3", not "3–0").
		for (const t of groupLabels) expect(t.attrs.direction).toBe('ltr');
		expect(Number(barByTitle(svg, '0–3, عام 2008: 52,7 %').attrs.x)).toBeLessThan(Number(barByTitle(svg, '0–3, عام 2018: 76,3 %').attrs.x));
		// The legend: swatches at the right edge, the Arabic texts right-aligned against them.
		const group = legendGroup(svg);
		for (const r of elements(group, 'rect')) expect(Number(r.attrs.x)).toBe(640 - 16 - 34 + 6);
		for (const t of elements(group, 'text')) {
			expect(Number(t.attrs.x)).toBe(640 - 16 - 34 - 8);
			expect(t.attrs['text-anchor']).toBe('start');
			expect(t.attrs.direction).toBeUndefined();
		}
	});

	it('keeps a German district name left to right inside an Arabic chart, still right-aligned', () => {
		const { svg } = renderLineChart([seriesOf('a', '11-Altstadt', [1, 2, 3])], lineOptions({ lang: 'ar', yLabel: arabic.yLabel }));
		const text = elements(legendGroup(svg), 'text').find((t) => t.content === '11-Altstadt')!;
		expect(text.attrs.direction).toBe('ltr');
		// Right-aligned: for a left-to-right text that is its end.
		expect(text.attrs['text-anchor']).toBe('end');
		expect(Number(text.attrs.x)).toBe(640 - 16 - 34 - 8);
		const yLabel = elements(svg, 'text').find((t) => t.attrs.class === 'chart-y-label')!;
		expect(yLabel.attrs.direction).toBeUndefined();
		// Its left end at the left edge, above the axis, which stays on the left.
		expect(yLabel.attrs['text-anchor']).toBe('end');
		expect(yLabel.attrs.x).toBe('8');
	});

	it('keeps the years chronological from left to right', () => {
		const { svg } = renderLineChart([seriesOf('a', 'أ', [1, 2, 3, 4, 5, 6, 7, 8])], lineOptions({ lang: 'fa' }));
		const labels = elements(/<g class="chart-x-labels"[^>]*>(.*?)<\/g>/.exec(svg)![1]!, 'text');
		expect(labels.map((t) => t.content)).toEqual(YEARS);
		for (let i = 1; i < labels.length; i++) expect(Number(labels[i]!.attrs.x)).toBeGreaterThan(Number(labels[i - 1]!.attrs.x));
		const [points] = subpaths(elements(svg, 'path').find((p) => p.attrs.class === 'chart-line')!.attrs.d!);
		// Rising values rise to the right.
		expect(points![7]![0]).toBeGreaterThan(points![0]![0]);
		expect(points![7]![1]).toBeLessThan(points![0]![1]);
	});

	it('de: no direction attributes beyond the root, the legend on the left', () => {
		const { svg } = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions());
		expect(svg).toMatch(/^<svg [^>]*direction="ltr"/);
		expect(svg.replace(/^<svg [^>]*>/, '')).not.toMatch(/direction="rtl"/);
		for (const r of elements(legendGroup(svg), 'rect')) expect(Number(r.attrs.x)).toBe(16 + 6);
	});
});

describe('determinism and robustness', () => {
	it('gives the same SVG for the same input', () => {
		const a = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions());
		const b = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions());
		expect(b.svg).toBe(a.svg);
		expect(b.legend).toEqual(a.legend);
		const series = [seriesOf('a', 'A', [1, 2, withheld('not_reliable'), 4, 5, 6, 7, 8]), seriesOf('b', 'B', [8, 7, 6, 5, 4, 3, 2, 1])];
		expect(renderLineChart(series, lineOptions({ highlight: 'b' })).svg).toBe(renderLineChart(series, lineOptions({ highlight: 'b' })).svg);
	});

	it('writes coordinates with at most one decimal', () => {
		const { svg } = renderBarChart(barGroups(ALTSTADT), YEARS_2, barOptions({ width: 777, height: 333 }));
		for (const m of svg.matchAll(/ (?:x|y|width|height)="([^"]+)"/g)) expect(m[1]).toMatch(/^-?\d+(\.\d)?$/);
		for (const m of svg.matchAll(/ d="([^"]+)"/g)) for (const n of m[1]!.match(/-?[\d.]+/g) ?? []) expect(n).toMatch(/^-?\d*(\.\d)?$/);
	});

	it('never writes NaN, Infinity or undefined, whatever the values (seeded random charts)', () => {
		const random = lcg(20240531);
		const statuses: CellStatus[] = ['ok', 'ok', 'ok', 'ok', 'zero', 'suppressed_primary', 'suppressed_secondary', 'not_reliable', 'not_available', 'not_applicable'];
		const scales = [1, 100, 1e-7, 1e6, 1e12];
		const value = (): ChartValue => {
			const status = statuses[Math.floor(random() * statuses.length)]!;
			const scale = scales[Math.floor(random() * scales.length)]!;
			const r = random();
			// Also what a careless caller might pass: null, NaN and Infinity with status ok, numbers with hidden statuses.
			const v = r < 0.05 ? null : r < 0.08 ? Number.NaN : r < 0.1 ? Number.POSITIVE_INFINITY : (random() * 2 - (random() < 0.3 ? 1 : 0)) * scale;
			return { value: v, status, text: random() < 0.5 || v === null || !Number.isFinite(v) ? '' : v.toPrecision(3) };
		};
		const format = (n: number) => n.toPrecision(3);
		for (let run = 0; run < 150; run++) {
			const seriesCount = 1 + Math.floor(random() * 5);
			const xCount = Math.floor(random() * 15);
			const width = 240 + Math.floor(random() * 1000);
			const height = 160 + Math.floor(random() * 500);
			const lang = ['de', 'en', 'ar', 'fa'][Math.floor(random() * 4)]!;
			const yMax = random() < 0.2 ? random() * 200 : undefined;
			const series: LineSeries[] = Array.from({ length: seriesCount }, (_, s) => ({
				id: `s${s}`,
				label: `Serie ${s}`,
				points: Array.from({ length: xCount }, (_, k) => ({ x: String(2000 + k * (1 + Math.floor(random() * 3))), value: value() })).filter(
					(p, k, all) => random() < 0.9 && all.findIndex((q) => q.x === p.x) === k
				)
			}));
			const line = renderLineChart(series, { ...lineOptions({ lang, width, height, formatTick: format }), ...(yMax === undefined ? {} : { yMax }), ...(random() < 0.2 ? { yMin: -random() * 50 } : {}), highlight: random() < 0.5 ? 's0' : undefined });
			const groups: BarGroup[] = Array.from({ length: xCount }, (_, g) => ({
				label: `G${g}`,
				bars: series.filter(() => random() < 0.9).map((s) => ({ seriesId: s.id, value: value() }))
			}));
			const marked = new Set(groups.flatMap((g) => g.bars.filter(() => random() < 0.3).map((b) => `${g.label}|${b.seriesId}`)));
			const bar = renderBarChart(
				groups,
				series.map((s) => ({ id: s.id, label: s.label })),
				{ ...barOptions({ lang, width, height, formatTick: format, markedValues: marked }), ...(yMax === undefined ? {} : { yMax }) }
			);
			for (const svg of [line.svg, bar.svg]) {
				expect(svg).not.toMatch(/NaN|Infinity|undefined/);
				expect(XMLValidator.validate(svg)).toBe(true);
				for (const m of svg.matchAll(/ (?:x|y|width|height)="([^"]+)"/g)) expect(Number.isFinite(Number(m[1]))).toBe(true);
			}
		}
	});
});
