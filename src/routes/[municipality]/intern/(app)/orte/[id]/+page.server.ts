import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getLocation, updateLocation, WHEELCHAIR_LABELS } from '#lib/server/modules/offers/index.ts';
import { listAreas } from '#lib/server/modules/areas/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const { location, mayWrite } = await getLocation(ctx, event.params.id);
		const areas = await listAreas(ctx);
		return {
			location: { ...location, latitude: location.latitude ?? '', longitude: location.longitude ?? '', access: WHEELCHAIR_LABELS[location.wheelchairAccess] },
			mayWrite,
			areas: areas.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
			created: event.url.searchParams.has('angelegt')
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateLocation(contextOf(event), event.params.id, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
