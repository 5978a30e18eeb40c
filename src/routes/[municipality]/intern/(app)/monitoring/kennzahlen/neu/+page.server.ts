import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { createShareKeyFigure, listBaseFigures, figureCategories } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'monitoring.manage');
		const figures = (await listBaseFigures(ctx)).filter((f) => f.unit === 'count');
		return { figures: await Promise.all(figures.map(async (f) => ({ id: f.id, name: f.name, categories: await figureCategories(ctx, f.id) }))) };
	});
};

export const actions: Actions = {
	default: async (event) => {
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
			return failForm(e, values);
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/kennzahlen/${id}`);
	}
};
