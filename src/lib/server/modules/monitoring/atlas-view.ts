import type { Geometry } from '../areas/rules.ts';
import { buildAtlasBase, classBreaks, renderAtlas, type AtlasBase, type AtlasLegendItem, type AtlasValue } from './atlas.ts';
import { UNIT_DIGITS, valueText, type KeyFigureView } from './figures.ts';

/*
 * The choropleth of a key figure: its areas at the chosen level, coloured by classes whose breaks are
 * computed over every reference date, so one colour means the same value in 2005 and in 2012. Labels
 * are in the key figure's unit ("bis 34,5 %" for a share, "bis 17,6" for a rate, "bis 4" for a count).
 */

const bases = new Map<string, { key: string; base: AtlasBase | null }>();

/** Projection and simplified outlines are the expensive part; kept per set of areas until one changes. */
function baseFor(view: KeyFigureView, level: string): AtlasBase | null {
	const areas = view.areas.filter((a) => a.level === level && a.geometry);
	const key = areas.map((a) => a.id).join(',');
	const cacheKey = `${view.keyFigure.municipalityId}:${level}`;
	const hit = bases.get(cacheKey);
	if (hit && hit.key === key) return hit.base;
	const base = areas.length ? buildAtlasBase(areas.map((a) => ({ id: a.id, code: a.code, name: a.name, geometry: a.geometry as Geometry }))) : null;
	bases.set(cacheKey, { key, base });
	return base;
}

export interface AtlasLabels {
	title: string;
	description: string;
	legendTitle: string;
	noData: string;
	suppressed: string;
	notReliable: string;
	upTo: (n: string) => string;
}

export function keyFigureAtlas(view: KeyFigureView, lang: string, labels: AtlasLabels, id = 'atlas'): { svg: string; legend: AtlasLegendItem[] } | null {
	if (!view.level || !view.date) return null;
	const base = baseFor(view, view.level);
	if (!base) return null;
	const breaks = classBreaks(view.allValues, { classes: 5, method: 'quantile' });
	// No published value in any year (all withheld or zero): the table says it all, a map would be empty.
	if (!breaks.length) return null;
	const values = new Map<string, AtlasValue>(view.rows.filter((r) => !r.isTotal).map((r) => [r.id, { value: r.value.value, status: r.value.status, text: valueText(r.value, view.unit, lang) }]));
	const digits = UNIT_DIGITS[view.unit];
	const format = new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
	const suffix = view.unit === 'percent' ? '\u00a0%' : '';
	return renderAtlas(base, values, {
		id,
		title: labels.title,
		description: labels.description,
		breaks,
		formatBreak: (n) => `${format.format(n)}${suffix}`,
		lang,
		legendTitle: labels.legendTitle,
		labels: { noData: labels.noData, suppressed: labels.suppressed, notReliable: labels.notReliable, upTo: labels.upTo }
	});
}
