import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getPublicOffer, reportWrongInformation } from '#lib/server/modules/offers/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	const offer = await loadOrError(() => getPublicOffer(ctx.db, ctx.municipality, event.params.id, lang));
	return { offer, printView: event.url.searchParams.has('druck') };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await reportWrongInformation(contextOf(event), event.params.id, values, event.params.lang);
		} catch (e) {
			return failForm(e, values);
		}
		return { sent: true };
	}
};
