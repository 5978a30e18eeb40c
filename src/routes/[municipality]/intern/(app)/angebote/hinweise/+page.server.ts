import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { listOfferReports, resolveOfferReport } from '#lib/server/modules/offers/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const done = event.url.searchParams.get('zeige') === 'erledigt';
	return { done, reports: await loadOrError(() => listOfferReports(ctx, { open: !done })) };
};

export const actions: Actions = {
	resolve: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await resolveOfferReport(contextOf(event), String(values.id ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { resolved: true };
	}
};
