import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { permissionsIn } from '#lib/server/core/roles.ts';
import { changeLabel, getKeyFigure, keyFigureView, setKeyFigurePublic, unitLabel, valueText } from '#lib/server/modules/monitoring/figures.ts';
import { keyFigurePageRows } from '#lib/server/modules/monitoring/key-figure-page.ts';
import { loadMonitoringSettings } from '#lib/server/modules/monitoring/settings.ts';
import { setKeyFigureTarget } from '#lib/server/modules/monitoring/indicators.ts';
import { formToObject } from '#lib/server/http.ts';
import { keyFigureAtlas } from '#lib/server/modules/monitoring/atlas-view.ts';
import { keyFigureCharts } from '#lib/server/modules/monitoring/chart-view.ts';

const LEVELS: Record<string, string> = { district: 'Stadtbezirke', quarter: 'Stadtteile', social_space: 'Sozialräume' };

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const q = event.url.searchParams;
	return loadOrError(async () => {
		const row = await getKeyFigure(ctx, event.params.keyFigureId);
		const view = await keyFigureView(ctx.db, ctx.municipality, row, { date: q.get('stichtag') ?? undefined, compareWith: q.get('vergleich') ?? undefined, level: q.get('ebene') ?? undefined, category: q.get('merkmal') ?? undefined, area: q.get('gebiet') ?? undefined }, 'de');
		const year = (d: string | null) => (d ? d.slice(0, 4) : '');
		// "Anteil in %", "je 1.000 Einwohner", "Verhältnis", "Anzahl": in legends, axes and column headings.
		const unit = unitLabel(view.unit, view.per, view.perLabel);
		const legendTitle = view.unit === 'percent' ? 'Anteil in Prozent' : unit;
		const atlas = keyFigureAtlas(view, 'de', {
			title: `${row.name}${view.categories.length > 1 ? ` (${view.category})` : ''}, ${view.level ? LEVELS[view.level] : ''} ${year(view.date)}`,
			description: `Karte der ${view.level ? LEVELS[view.level] : 'Gebiete'}, eingefärbt nach dem Wert am Stichtag; dieselben Werte stehen in der Tabelle darunter.`,
			legendTitle,
			noData: 'keine Angabe',
			suppressed: 'geheim (.)',
			notReliable: 'nicht sicher genug (/)',
			upTo: (n) => `bis ${n}`
		});
		const charts = keyFigureCharts(view, 'de', {
			lineTitle: `${row.name}: Verlauf`,
			barTitle: `${row.name}: ${view.focus?.name ?? ''} nach Merkmalen`,
			description: 'Dieselben Werte stehen in den Tabellen auf dieser Seite.',
			yLabel: unit
		});
		return {
			charts: { line: charts.line?.svg ?? null, bars: charts.bars?.svg ?? null },
			keyFigure: { id: row.id, name: row.name, description: row.description, isPublic: row.isPublic, targetValue: row.targetValue, targetDate: row.targetDate },
			canManage: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.manage'),
			minDenominator: (await loadMonitoringSettings(ctx.db, ctx.municipality.id)).disclosure.minDenominator,
			...keyFigurePageRows(view, 'de'),
			levels: view.levels.map((l) => ({ value: l, label: LEVELS[l] })),
			atlas,
			unitLabel: unit,
			legendTitle,
			changeLabel: changeLabel(view.unit, view.per, view.perLabel),
			isShare: view.unit === 'percent',
			targetText: row.targetValue !== null ? valueText({ value: row.targetValue, status: 'ok' }, view.unit, 'de') : null
		};
	});
};

export const actions: Actions = {
	target: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await setKeyFigureTarget(contextOf(event), event.params.keyFigureId, values);
		} catch (e) {
			return failForm(e, { ...values, form: 'target' });
		}
		return { targetSaved: true };
	},
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
