import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { signOut } from '#lib/server/modules/users/index.ts';

export const load: PageServerLoad = ({ params }) => redirect(303, `/${params.municipality}/intern`);

export const actions: Actions = {
	default: async (event) => {
		await signOut(contextOf(event), event.request.headers);
		redirect(303, `/${event.params.municipality}/intern/anmelden?abgemeldet=1`);
	}
};
