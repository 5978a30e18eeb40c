import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { loadMonitoringSettings } from '#lib/server/modules/monitoring/settings.ts';
import {
	createCountAtLeastKeyFigure,
	createPercentKeyFigure,
	createRateKeyFigure,
	createRatioKeyFigure,
	createShareKeyFigure,
	figureCategories,
	listBaseFigures,
	RATE_BASES
} from '#lib/server/modules/monitoring/figures.ts';

/**
 * The kinds of key figure the form offers, by their address (`?art=…`), so that choosing one works
 * without JavaScript. A change between two reference dates is no kind of its own: every key figure's
 * page compares two dates (in percentage points for shares, in the unit itself otherwise).
 */
const KINDS: Record<string, 'share' | 'rate' | 'ratio' | 'countAtLeast' | 'percent'> = { anteil: 'share', rate: 'rate', verhaeltnis: 'ratio', anzahl: 'countAtLeast', prozent: 'percent' };

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'monitoring.manage');
		const all = await listBaseFigures(ctx);
		const counts = all.filter((f) => f.unit === 'count');
		const withCategories = await Promise.all(counts.map(async (f) => ({ id: f.id, name: f.name, categories: await figureCategories(ctx, f.id) })));
		return {
			kind: KINDS[event.url.searchParams.get('art') ?? ''] ?? 'share',
			// Only figures with values: a definition waiting for its first import has nothing to compute with.
			figures: withCategories.filter((f) => f.categories.length),
			percentFigures: all.filter((f) => f.unit === 'percent').map((f) => ({ id: f.id, name: f.name })),
			rateBases: [...RATE_BASES],
			// The municipality's threshold (a count of categories below it stays withheld) and minimum denominator.
			...(await loadMonitoringSettings(ctx.db, ctx.municipality.id)).disclosure
		};
	});
};

/** Each option of a numerator or denominator names a figure and one of its categories: "figure-id|category". */
function splitSides(values: Record<string, unknown>) {
	for (const side of ['numerator', 'denominator'] as const) {
		const [figure = '', ...category] = String(values[side] ?? '').split('|');
		values[`${side}Figure`] = figure;
		values[`${side}Category`] = category.join('|');
	}
	return values;
}

async function create(event: RequestEvent, kind: string, service: (ctx: ReturnType<typeof contextOf>, values: Record<string, unknown>) => Promise<{ id: string }>, sides = false) {
	const ctx = contextOf(event);
	const values = formToObject(await event.request.formData());
	let id: string;
	try {
		id = (await service(ctx, sides ? splitSides({ ...values }) : values)).id;
	} catch (e) {
		return failForm(e, { ...values, kind });
	}
	redirect(303, `/${ctx.municipality.slug}/intern/monitoring/kennzahlen/${id}`);
}

export const actions: Actions = {
	share: (event) => create(event, 'share', createShareKeyFigure, true),
	rate: (event) => create(event, 'rate', createRateKeyFigure, true),
	ratio: (event) => create(event, 'ratio', createRatioKeyFigure, true),
	countAtLeast: (event) => create(event, 'countAtLeast', createCountAtLeastKeyFigure),
	percent: (event) => create(event, 'percent', createPercentKeyFigure)
};
