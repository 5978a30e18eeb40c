import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { NotFoundError } from '#lib/server/core/errors.ts';
import { keyFigureView, pointsText, publicKeyFigure, shareText } from '#lib/server/modules/monitoring/figures.ts';
import { keyFigureAtlas } from '#lib/server/modules/monitoring/atlas-view.ts';
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
	const view = await keyFigureView(ctx.db, ctx.municipality, row, { date: q.get('jahr') ?? undefined, compareWith: q.get('vergleich') ?? undefined, level: q.get('gebiete') ?? undefined }, lang as StatementLanguage);
	const levelName = (l: string) => (l === 'district' ? m.figure_level_district({}, locale) : l === 'quarter' ? m.figure_level_quarter({}, locale) : m.figure_level_social_space({}, locale));
	const atlas = keyFigureAtlas(
		view,
		lang,
		{
			title: `${row.name} ${view.date?.slice(0, 4) ?? ''}`,
			description: m.figure_map_description({ level: view.level ? levelName(view.level) : '' }, locale),
			legendTitle: m.figure_legend_title({}, locale),
			noData: m.figure_no_data({}, locale),
			suppressed: m.figure_suppressed({}, locale),
			notReliable: m.figure_not_reliable({}, locale),
			upTo: (value) => m.figure_up_to({ value }, locale)
		},
		'public-atlas'
	);
	return {
		keyFigure: { id: row.id, name: row.name, description: row.description },
		dates: view.dates,
		date: view.date,
		compareWith: view.compareWith,
		levels: view.levels.map((l) => ({ value: l, label: levelName(l) })),
		level: view.level,
		rows: view.rows.map((r) => ({
			id: r.id,
			name: r.isTotal ? r.name : `${r.code} ${r.name}`,
			isTotal: r.isTotal,
			value: shareText(r.value, lang),
			earlier: r.earlier ? shareText(r.earlier, lang) : null,
			change: r.change ? pointsText(r.change, lang) : null,
			marks: r.marks
		})),
		statements: view.statements.map((s) => ({ text: s.text, dir: s.dir, reviewed: s.reviewed })),
		atlas
	};
};
