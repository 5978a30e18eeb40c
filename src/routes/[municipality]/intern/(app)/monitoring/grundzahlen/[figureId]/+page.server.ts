import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { permissionsIn } from '#lib/server/core/roles.ts';
import { figureTable, updateBaseFigure } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const q = event.url.searchParams;
	return {
		table: await loadOrError(() => figureTable(ctx, event.params.figureId, { date: q.get('stichtag') ?? undefined, level: q.get('ebene') ?? undefined })),
		canManage: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.manage')
	};
};

export const actions: Actions = {
	update: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateBaseFigure(contextOf(event), event.params.figureId, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { updated: true };
	}
};
