import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { permissionsIn } from '#lib/server/core/roles.ts';
import { getKeyFigure, keyFigureView, pointsText, setKeyFigurePublic, shareText } from '#lib/server/modules/monitoring/figures.ts';
import { keyFigureAtlas } from '#lib/server/modules/monitoring/atlas-view.ts';

const LEVELS: Record<string, string> = { district: 'Stadtbezirke', quarter: 'Stadtteile', social_space: 'Sozialräume' };

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const q = event.url.searchParams;
	return loadOrError(async () => {
		const row = await getKeyFigure(ctx, event.params.keyFigureId);
		const view = await keyFigureView(ctx.db, ctx.municipality, row, { date: q.get('stichtag') ?? undefined, compareWith: q.get('vergleich') ?? undefined, level: q.get('ebene') ?? undefined }, 'de');
		const year = (d: string | null) => (d ? d.slice(0, 4) : '');
		const atlas = keyFigureAtlas(view, 'de', {
			title: `${row.name}, ${view.level ? LEVELS[view.level] : ''} ${year(view.date)}`,
			description: `Karte der ${view.level ? LEVELS[view.level] : 'Gebiete'}, eingefärbt nach dem Wert am Stichtag; dieselben Werte stehen in der Tabelle darunter.`,
			legendTitle: 'Anteil in Prozent',
			noData: 'keine Angabe',
			suppressed: 'geheim (.)',
			notReliable: 'nicht sicher genug (/)',
			upTo: (n) => `bis ${n}`
		});
		return {
			keyFigure: { id: row.id, name: row.name, description: row.description, isPublic: row.isPublic },
			canManage: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.manage'),
			dates: view.dates,
			date: view.date,
			compareWith: view.compareWith,
			levels: view.levels.map((l) => ({ value: l, label: LEVELS[l] })),
			level: view.level,
			rows: view.rows.map((r) => ({
				id: r.id,
				name: r.isTotal ? r.name : `${r.code} ${r.name}`,
				isTotal: r.isTotal,
				value: shareText(r.value),
				earlier: r.earlier ? shareText(r.earlier) : null,
				change: r.change ? pointsText(r.change) : null,
				marks: r.marks
			})),
			statements: view.statements.map((s) => s.text),
			atlas
		};
	});
};

export const actions: Actions = {
	publish: async (event) => {
		try {
			await setKeyFigurePublic(contextOf(event), event.params.keyFigureId, true);
		} catch (e) {
			return failForm(e, {});
		}
		return { published: true };
	},
	unpublish: async (event) => {
		try {
			await setKeyFigurePublic(contextOf(event), event.params.keyFigureId, false);
		} catch (e) {
			return failForm(e, {});
		}
		return { unpublished: true };
	}
};
