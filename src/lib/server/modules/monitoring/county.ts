import type { DbOrTx } from '../../db/client.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { differenceInPoints, type DinSymbol, type ProtectedValue } from './disclosure.ts';
import { computeSeries, isTotalCategory, publicKeyFigures, valueText } from './figures.ts';
import { tickFormat } from './chart-view.ts';
import type { KeyFigureUnit } from './key-figures.ts';
import { CHART_PALETTE, renderLineChart, type ChartResult } from './charts.ts';

/*
 * A Kreis and its towns: for every key figure that at least one member town publishes, the towns
 * side by side over the years. Every value is the town's own value for the whole town, protected
 * exactly as on the town's own page (computeSeries): nothing is computed across towns, so nothing
 * is published here that a town's page does not publish itself.
 */

export interface CountyTown {
	id: string;
	slug: string;
	name: string;
}

export interface CountyCell {
	/** "2024": the column. */
	year: string;
	/** The town's reference date in that year (its latest, if it has several); null when it has none. */
	date: string | null;
	value: ProtectedValue;
}

export interface CountyRow {
	town: CountyTown;
	/** The town's own key figure of this name, for the link to its page. */
	keyFigureId: string;
	/** One cell per year of the figure, in the order of `years`. */
	cells: CountyCell[];
	/** From `span.from` to `span.to` in percentage points; null when there is no span. */
	change: ProtectedValue | null;
}

export interface CountyFigure {
	/** The key figure's name, as the towns publish it (German). */
	name: string;
	/** What the values are; towns whose figure of this name has another unit are compared separately. */
	unit: KeyFigureUnit;
	per?: number;
	/** Every year in which at least one of the towns has the figure, ascending. */
	years: string[];
	/** The first and the last year that all towns having the figure share; null when they share fewer than two. */
	span: { from: string; to: string } | null;
	/** Only the towns that publish a figure of this name, in the order they were given. */
	rows: CountyRow[];
}

export interface CountyComparison {
	towns: CountyTown[];
	/** One entry per key figure name published by at least one town, by name. */
	figures: CountyFigure[];
}

const notAvailable = (): ProtectedValue => ({ value: null, status: 'not_available' });

/**
 * The towns × years matrix of every key figure name the given towns publish. Internal key figures of a
 * town never appear; a town whose figure has no value for the whole town (no total row, or a breakdown
 * without a total category) is left out of that figure.
 */
export async function countyComparison(db: DbOrTx, towns: readonly Pick<Municipality, 'id' | 'slug' | 'name'>[]): Promise<CountyComparison> {
	const byName = new Map<string, { name: string; unit: KeyFigureUnit; per?: number; entries: { town: CountyTown; keyFigureId: string; byYear: Map<string, { date: string; value: ProtectedValue }> }[] }>();
	for (const town of towns) {
		for (const kf of await publicKeyFigures(db, town.id)) {
			const series = await computeSeries(db, town, kf.formula);
			const total = series.rows.find((r) => r.isTotal);
			// The value for the whole town: the total category, or the only one there is.
			const category = series.categories.find(isTotalCategory) ?? (series.categories.length === 1 ? series.categories[0] : undefined);
			if (!total || category === undefined || !series.dates.length) continue;
			const byYear = new Map<string, { date: string; value: ProtectedValue }>();
			// Dates ascend, so the latest date of a year is the one that stays.
			for (const date of [...series.dates].sort()) byYear.set(date.slice(0, 4), { date, value: total.cells.get(category)?.get(date) ?? notAvailable() });
			// A share and a rate of the same name are not comparable: same name and unit only.
			const key = JSON.stringify([kf.name, series.unit, series.per ?? null]);
			if (!byName.has(key)) byName.set(key, { name: kf.name, unit: series.unit, ...(series.per !== undefined ? { per: series.per } : {}), entries: [] });
			byName.get(key)!.entries.push({ town: { id: town.id, slug: town.slug, name: town.name }, keyFigureId: kf.id, byYear });
		}
	}
	const figures = [...byName.values()]
		.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.unit.localeCompare(b.unit))
		.map(({ name, unit, per, entries }): CountyFigure => {
			const years = [...new Set(entries.flatMap((e) => [...e.byYear.keys()]))].sort();
			const shared = years.filter((y) => entries.every((e) => e.byYear.has(y)));
			const span = shared.length >= 2 ? { from: shared[0]!, to: shared.at(-1)! } : null;
			return {
				name,
				unit,
				...(per !== undefined ? { per } : {}),
				years,
				span,
				rows: entries.map((e) => ({
					town: e.town,
					keyFigureId: e.keyFigureId,
					cells: years.map((year) => ({ year, date: e.byYear.get(year)?.date ?? null, value: e.byYear.get(year)?.value ?? notAvailable() })),
					// Withheld inputs give a withheld change (disclosure.ts): a difference would reveal them.
					change: span ? differenceInPoints(e.byYear.get(span.from)!.value, e.byYear.get(span.to)!.value) : null
				}))
			};
		});
	return { towns: towns.map((t) => ({ id: t.id, slug: t.slug, name: t.name })), figures };
}

export interface CountyChartLabels {
	title: string;
	description: string;
	yLabel: string;
	/** Legend texts for the gaps in a line, in the page's language. */
	statuses?: Partial<Record<DinSymbol, string>>;
}

/**
 * One line per town over the years, from the same protected values as the table. A chart tells at most
 * as many lines apart as it has styles; more towns are drawn in several charts of that many each.
 * No chart for a single year: a line needs two.
 */
export function countyCharts(figure: CountyFigure, lang: string, labels: CountyChartLabels, id: string): ChartResult[] {
	if (figure.years.length < 2 || !figure.rows.length) return [];
	const perChart = CHART_PALETTE.length;
	const parts: CountyRow[][] = [];
	for (let i = 0; i < figure.rows.length; i += perChart) parts.push(figure.rows.slice(i, i + perChart));
	return parts.map((rows, k) =>
		renderLineChart(
			rows.map((r, i) => ({ id: `t${i}`, label: r.town.name, points: r.cells.map((c) => ({ x: c.year, value: { ...c.value, text: valueText(c.value, figure.unit, lang) } })) })),
			{
				id: parts.length > 1 ? `${id}-${k + 1}` : id,
				title: parts.length > 1 ? `${labels.title} (${k + 1}/${parts.length})` : labels.title,
				description: labels.description,
				lang,
				yLabel: labels.yLabel,
				formatTick: tickFormat(lang, figure.unit),
				...(labels.statuses ? { labels: { statuses: labels.statuses } } : {})
			}
		)
	);
}
