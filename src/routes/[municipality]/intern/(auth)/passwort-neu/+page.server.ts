import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { resetPassword } from '#lib/server/modules/users/index.ts';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await resetPassword(contextOf(event), String(values.token ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/intern/anmelden?passwort-geaendert=1`);
	}
};
