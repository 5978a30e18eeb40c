import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { createPercentKeyFigure, createShareKeyFigure, figureCategories, listBaseFigures } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'monitoring.manage');
		const all = await listBaseFigures(ctx);
		const counts = all.filter((f) => f.unit === 'count');
		return {
			figures: await Promise.all(counts.map(async (f) => ({ id: f.id, name: f.name, categories: await figureCategories(ctx, f.id) }))),
			percentFigures: all.filter((f) => f.unit === 'percent').map((f) => ({ id: f.id, name: f.name }))
		};
	});
};

export const actions: Actions = {
	share: async (event) => {
		const ctx = contextOf(event);
		const values = formToObject(await event.request.formData());
		// Each option names a figure and one of its categories: "figure-id|category".
		for (const side of ['numerator', 'denominator'] as const) {
			const [figure = '', ...category] = String(values[side] ?? '').split('|');
			values[`${side}Figure`] = figure;
			values[`${side}Category`] = category.join('|');
		}
		let id: string;
		try {
			id = (await createShareKeyFigure(ctx, values)).id;
		} catch (e) {
			return failForm(e, { ...values, kind: 'share' });
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/kennzahlen/${id}`);
	},
	percent: async (event) => {
		const ctx = contextOf(event);
		const values = formToObject(await event.request.formData());
		let id: string;
		try {
			id = (await createPercentKeyFigure(ctx, values)).id;
		} catch (e) {
			return failForm(e, { ...values, kind: 'percent' });
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/kennzahlen/${id}`);
	}
};
