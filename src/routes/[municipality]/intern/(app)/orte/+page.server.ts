import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { createLocation, listLocations, organizationsForOffers, WHEELCHAIR_LABELS } from '#lib/server/modules/offers/index.ts';
import { listAreas } from '#lib/server/modules/areas/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const [locations, organizations, areas] = await Promise.all([
			listLocations(ctx),
			organizationsForOffers(ctx),
			listAreas(ctx)
		]);
		return {
			locations: locations.map((l) => ({ ...l.location, organizationName: l.organizationName, areaName: l.areaName, access: WHEELCHAIR_LABELS[l.location.wheelchairAccess] })),
			organizations: organizations.map((o) => ({ value: o.id, label: o.name })),
			areas: areas.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }))
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		let id: string;
		try {
			id = (await createLocation(contextOf(event), values)).id;
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/intern/orte/${id}?angelegt=1`);
	}
};
