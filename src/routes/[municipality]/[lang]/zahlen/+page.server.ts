import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { listMemberTowns } from '#lib/server/core/tenancy.ts';
import { changeText, publicKeyFigures, valueText } from '#lib/server/modules/monitoring/figures.ts';
import { countyCharts, countyComparison } from '#lib/server/modules/monitoring/county.ts';
import { portalUnitLabel } from '#lib/server/modules/monitoring/key-figure-page.ts';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	const locale = { locale: lang as never };
	const mun = ctx.municipality;
	// A Kreis: its member towns side by side over the years, for every key figure a town publishes.
	const towns = mun.kind === 'county' ? await listMemberTowns(ctx.db, mun.id) : [];
	const comparison = towns.length ? await countyComparison(ctx.db, towns) : null;
	const yearFormat = new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang, { useGrouping: false });
	const yearText = (year: string) => yearFormat.format(Number(year));
	// A town's page in the visitor's language where the town offers it, else in German.
	const languageOf = (townId: string) => (towns.find((t) => t.id === townId)?.enabledLanguages.includes(lang) ? lang : 'de');
	const statuses = {
		'.': m.monitoring_county_gap_suppressed({}, locale),
		'/': m.monitoring_county_gap_not_reliable({}, locale),
		'…': m.monitoring_county_gap_not_available({}, locale),
		x: m.monitoring_county_gap_not_applicable({}, locale)
	};
	return {
		keyFigures: (await publicKeyFigures(ctx.db, mun.id)).map((k) => ({ id: k.id, name: k.name, description: k.description })),
		county: comparison?.figures.length
			? comparison.figures.map((f, i) => ({
					id: `county-figure-${i + 1}`,
					name: f.name,
					years: f.years.map((y) => ({ year: y, text: yearText(y) })),
					// Percentage points for shares; other units change in their own unit.
					change: f.span ? (f.unit === 'percent' ? m.monitoring_county_change : m.monitoring_county_change_plain)({ from: yearText(f.span.from), to: yearText(f.span.to) }, locale) : null,
					rows: f.rows.map((r) => ({
						id: r.town.id,
						name: r.town.name,
						href: `/${r.town.slug}/${languageOf(r.town.id)}/zahlen/${r.keyFigureId}`,
						cells: r.cells.map((c) => valueText(c.value, f.unit, lang)),
						change: r.change ? changeText(r.change, f.unit, lang) : null
					})),
					charts: countyCharts(
						f,
						lang,
						{
							title: `${f.name}: ${m.figure_trend({}, locale)}`,
							description: m.monitoring_county_chart_description({}, locale),
							yLabel: portalUnitLabel(f.unit, f.per, lang),
							statuses
						},
						`county-chart-${i + 1}`
					).map((c) => c.svg)
				}))
			: null
	};
};
