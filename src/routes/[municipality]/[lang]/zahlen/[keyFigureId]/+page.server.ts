import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { NotFoundError } from '#lib/server/core/errors.ts';
import { keyFigureView, publicKeyFigure, valueText } from '#lib/server/modules/monitoring/figures.ts';
import { keyFigurePageRows, portalUnitLabel } from '#lib/server/modules/monitoring/key-figure-page.ts';
import { keyFigureAtlas } from '#lib/server/modules/monitoring/atlas-view.ts';
import { keyFigureCharts } from '#lib/server/modules/monitoring/chart-view.ts';
import type { StatementLanguage } from '#lib/server/modules/monitoring/statements.ts';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	const locale = { locale: lang as never };
	let row;
	try {
		row = await publicKeyFigure(ctx.db, ctx.municipality.id, event.params.keyFigureId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, 'Nicht gefunden.');
		throw e;
	}
	const q = event.url.searchParams;
	const view = await keyFigureView(ctx.db, ctx.municipality, row, { date: q.get('jahr') ?? undefined, compareWith: q.get('vergleich') ?? undefined, level: q.get('gebiete') ?? undefined, category: q.get('merkmal') ?? undefined, area: q.get('gebiet') ?? undefined }, lang as StatementLanguage);
	const unit = portalUnitLabel(view.unit, view.per, lang);
	const isShare = view.unit === 'percent';
	const levelName = (l: string) => (l === 'district' ? m.figure_level_district({}, locale) : l === 'quarter' ? m.figure_level_quarter({}, locale) : m.figure_level_social_space({}, locale));
	const atlas = keyFigureAtlas(
		view,
		lang,
		{
			title: `${row.name}${view.categories.length > 1 ? ` (${view.category})` : ''} ${view.date?.slice(0, 4) ?? ''}`,
			description: (isShare ? m.figure_map_description : m.monitoring_unit_map_description)({ level: view.level ? levelName(view.level) : '' }, locale),
			legendTitle: unit,
			noData: m.figure_no_data({}, locale),
			suppressed: m.figure_suppressed({}, locale),
			notReliable: m.figure_not_reliable({}, locale),
			upTo: (value) => m.figure_up_to({ value }, locale)
		},
		'public-atlas'
	);
	const charts = keyFigureCharts(
		view,
		lang,
		{
			lineTitle: `${row.name}: ${m.figure_trend({}, locale)}`,
			barTitle: `${row.name}: ${m.figure_by_category({ area: view.focus?.name ?? '' }, locale)}`,
			description: m.figure_chart_description({}, locale),
			yLabel: unit
		},
		'public-chart'
	);
	return {
		charts: { line: charts.line?.svg ?? null, bars: charts.bars?.svg ?? null },
		keyFigure: { id: row.id, name: row.name, description: row.description },
		target:
			row.targetValue !== null && row.targetDate
				? m.figure_target(
						{
							value: `${valueText({ value: row.targetValue, status: 'ok' }, view.unit, lang)}${isShare ? '' : ` (${unit})`}`,
							date: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${row.targetDate}T00:00:00Z`))
						},
						locale
					)
				: null,
		...keyFigurePageRows(view, lang),
		levels: view.levels.map((l) => ({ value: l, label: levelName(l) })),
		atlas,
		unitLabel: unit,
		changeLabel: isShare ? m.figure_change({}, locale) : m.monitoring_unit_change({ unit }, locale)
	};
};
