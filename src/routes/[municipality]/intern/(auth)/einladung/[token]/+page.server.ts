import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { acceptInvitation, findOpenInvitation } from '#lib/server/modules/users/index.ts';
import { ROLE_LABELS } from '#lib/server/core/roles.ts';

export const load: PageServerLoad = async (event) => {
	const invitation = await findOpenInvitation(contextOf(event), event.params.token);
	return { invitation: invitation && { name: invitation.name, email: invitation.email, hasAccount: invitation.hasAccount, roles: invitation.roles.map((r) => ROLE_LABELS[r]) } };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await acceptInvitation(contextOf(event), event.params.token, values, event.request.headers);
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/intern`);
	}
};
