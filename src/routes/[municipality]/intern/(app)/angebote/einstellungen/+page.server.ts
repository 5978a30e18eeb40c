import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getOfferSettings, updateOfferSettings } from '#lib/server/modules/offers/index.ts';
import { authorize } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'offers.review');
		return { settings: await getOfferSettings(ctx.db, ctx.municipality.id) };
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateOfferSettings(contextOf(event), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
