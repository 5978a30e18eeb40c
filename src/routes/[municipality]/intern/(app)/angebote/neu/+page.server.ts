import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { createOffer, offerFormOptions, organizationsForOffers, schedulesFromForm } from '#lib/server/modules/offers/index.ts';
import { OFFER_FORM_ARRAYS } from '#lib/components/offers/form-values.ts';
import { ForbiddenError } from '#lib/server/core/errors.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const organizations = await organizationsForOffers(ctx);
		if (!organizations.length) throw new ForbiddenError('Sie sind für keine Organisation eingetragen, für die Sie Angebote anlegen dürfen.');
		const wanted = event.url.searchParams.get('organisation');
		const organizationId = organizations.length === 1 ? organizations[0]!.id : organizations.find((o) => o.id === wanted)?.id;
		return {
			organizations: organizations.map((o) => ({ value: o.id, label: o.name })),
			organizationId: organizationId ?? '',
			options: await offerFormOptions(ctx, organizationId)
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData(), OFFER_FORM_ARRAYS);
		let id: string;
		try {
			id = (await createOffer(contextOf(event), { ...values, schedules: schedulesFromForm(values) })).id;
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/intern/angebote/${id}?angelegt=1`);
	}
};
