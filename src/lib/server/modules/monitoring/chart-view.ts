import { renderBarChart, renderLineChart, type ChartResult } from './charts.ts';
import { UNIT_DIGITS, valueText, type KeyFigureView } from './figures.ts';
import type { KeyFigureUnit } from './key-figures.ts';

/*
 * The charts of a key-figure page, from the same protected values as its tables: a line over all
 * reference dates (the whole municipality and the chosen area) and, with a breakdown, bars for the
 * categories of the chosen area at the earlier and the later date.
 */

export interface ChartLabels {
	lineTitle: string;
	barTitle: string;
	description: string;
	yLabel: string;
}

/** Axis ticks in the key figure's unit: "40 %" for shares, plain numbers (up to the unit's decimals) otherwise. */
export const tickFormat = (lang: string, unit: KeyFigureUnit) => {
	const format = new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { maximumFractionDigits: unit === 'percent' ? 0 : UNIT_DIGITS[unit] });
	return unit === 'percent' ? (n: number) => `${format.format(n)}\u00a0%` : (n: number) => format.format(n);
};

export function keyFigureCharts(view: KeyFigureView, lang: string, labels: ChartLabels, id = 'chart'): { line: ChartResult | null; bars: ChartResult | null } {
	const year = (d: string) => d.slice(0, 4);
	const text = (v: Parameters<typeof valueText>[0]) => valueText(v, view.unit, lang);
	const formatTick = tickFormat(lang, view.unit);
	const line =
		view.dates.length > 1 && view.timeline.length
			? renderLineChart(
					view.timeline.map((t) => ({ id: `s${view.timeline.indexOf(t)}`, label: t.name, points: t.points.map((p) => ({ x: year(p.date), value: { ...p.value, text: text(p.value) } })) })),
					{ id: `${id}-line`, title: labels.lineTitle, description: labels.description, lang, yLabel: labels.yLabel, formatTick, highlight: view.timeline.length > 1 ? 's1' : undefined }
				)
			: null;
	const rows = view.categoryRows.filter((r) => !r.isTotal);
	let bars: ChartResult | null = null;
	if (rows.length && view.date) {
		const series = [
			...(view.compareWith ? [{ id: 'earlier', label: year(view.compareWith) }] : []),
			{ id: 'later', label: year(view.date) }
		];
		// Bars carry the marks on the value (a share over 50 % by default); their legend names the rules that marked them.
		const valueMarks = rows.flatMap((r) => r.marks.filter((m) => m.measure === 'value'));
		const marked = new Set(rows.filter((r) => r.marks.some((m) => m.measure === 'value')).map((r) => `${r.category}|later`));
		const markedLabel = [...new Set(valueMarks.map((m) => m.reason))].join('; ');
		bars = renderBarChart(
			rows.map((r) => ({
				label: r.category,
				bars: [
					...(view.compareWith && r.earlier ? [{ seriesId: 'earlier', value: { ...r.earlier, text: text(r.earlier) } }] : []),
					{ seriesId: 'later', value: { ...r.value, text: text(r.value) } }
				]
			})),
			series,
			{ id: `${id}-bars`, title: labels.barTitle, description: labels.description, lang, yLabel: labels.yLabel, formatTick, ...(view.unit === 'percent' ? { yMax: 100 } : {}), markedValues: marked, labels: { marked: markedLabel } }
		);
	}
	return { line, bars };
}
