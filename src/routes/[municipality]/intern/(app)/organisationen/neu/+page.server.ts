import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { createOrganization, ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS } from '#lib/server/modules/organizations/index.ts';
import { authorize } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	await loadOrError(async () => authorize(contextOf(event), 'organizations.manage'));
	return { types: ORGANIZATION_TYPES.map((t) => ({ value: t, label: ORGANIZATION_TYPE_LABELS[t] })) };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		let id: string;
		try {
			id = (await createOrganization(contextOf(event), values)).id;
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/intern/organisationen/${id}?angelegt=1`);
	}
};
