import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { permissionsIn } from '#lib/server/core/roles.ts';
import { addIndicatorStatement, createIndicator, listIndicators } from '#lib/server/modules/monitoring/indicators.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => ({
		indicators: await listIndicators(ctx),
		canManage: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.manage'),
		today: ctx.clock.now().toISOString().slice(0, 10)
	}));
};

export const actions: Actions = {
	create: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await createIndicator(contextOf(event), values);
		} catch (e) {
			return failForm(e, { ...values, form: 'create' });
		}
		return { created: true };
	},
	statement: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await addIndicatorStatement(contextOf(event), String(values.indicatorId ?? ''), values);
		} catch (e) {
			return failForm(e, { ...values, form: `statement:${String(values.indicatorId ?? '')}` });
		}
		return { stated: String(values.indicatorId ?? '') };
	}
};
