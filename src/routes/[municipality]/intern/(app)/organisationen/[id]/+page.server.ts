import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getOrganization, updateOrganization, ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS } from '#lib/server/modules/organizations/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const result = await loadOrError(() => getOrganization(ctx, event.params.id));
	return {
		...result,
		typeLabel: ORGANIZATION_TYPE_LABELS[result.organization.type],
		types: ORGANIZATION_TYPES.map((t) => ({ value: t, label: ORGANIZATION_TYPE_LABELS[t] })),
		created: event.url.searchParams.has('angelegt')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateOrganization(contextOf(event), event.params.id, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
