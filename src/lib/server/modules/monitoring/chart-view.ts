import { renderBarChart, renderLineChart, type ChartResult } from './charts.ts';
import { shareText, type KeyFigureView } from './figures.ts';

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
	marked: string;
}

const percent = (lang: string) => {
	const format = new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { maximumFractionDigits: 0 });
	return (n: number) => `${format.format(n)}\u00a0%`;
};

export function keyFigureCharts(view: KeyFigureView, lang: string, labels: ChartLabels, id = 'chart'): { line: ChartResult | null; bars: ChartResult | null } {
	const year = (d: string) => d.slice(0, 4);
	const line =
		view.dates.length > 1 && view.timeline.length
			? renderLineChart(
					view.timeline.map((t) => ({ id: `s${view.timeline.indexOf(t)}`, label: t.name, points: t.points.map((p) => ({ x: year(p.date), value: { ...p.value, text: shareText(p.value, lang) } })) })),
					{ id: `${id}-line`, title: labels.lineTitle, description: labels.description, lang, yLabel: labels.yLabel, formatTick: percent(lang), highlight: view.timeline.length > 1 ? 's1' : undefined }
				)
			: null;
	const rows = view.categoryRows.filter((r) => !r.isTotal);
	let bars: ChartResult | null = null;
	if (rows.length && view.date) {
		const series = [
			...(view.compareWith ? [{ id: 'earlier', label: year(view.compareWith) }] : []),
			{ id: 'later', label: year(view.date) }
		];
		const marked = new Set(rows.filter((r) => r.marks.some((m) => m.ruleId === 'share_over_50')).map((r) => `${r.category}|later`));
		bars = renderBarChart(
			rows.map((r) => ({
				label: r.category,
				bars: [
					...(view.compareWith && r.earlier ? [{ seriesId: 'earlier', value: { ...r.earlier, text: shareText(r.earlier, lang) } }] : []),
					{ seriesId: 'later', value: { ...r.value, text: shareText(r.value, lang) } }
				]
			})),
			series,
			{ id: `${id}-bars`, title: labels.barTitle, description: labels.description, lang, yLabel: labels.yLabel, formatTick: percent(lang), yMax: 100, markedValues: marked, labels: { marked: labels.marked } }
		);
	}
	return { line, bars };
}
