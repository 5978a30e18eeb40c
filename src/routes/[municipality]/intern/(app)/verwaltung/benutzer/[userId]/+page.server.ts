import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getUser, updateUserRoles, removeUserAccess } from '#lib/server/modules/users/index.ts';
import { listOrganizations } from '#lib/server/modules/organizations/index.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { ROLES, ROLE_LABELS } from '#lib/server/core/roles.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'users.manage');
		const [person, organizations] = await Promise.all([getUser(ctx, event.params.userId), listOrganizations(ctx)]);
		return {
			person,
			organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
			roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))
		};
	});
};

export const actions: Actions = {
	roles: async (event) => {
		const values = formToObject(await event.request.formData(), ['roles', 'organizationIds']);
		try {
			await updateUserRoles(contextOf(event), event.params.userId, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	},
	remove: async (event) => {
		try {
			await removeUserAccess(contextOf(event), event.params.userId);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${event.params.municipality}/intern/verwaltung/benutzer`);
	}
};
