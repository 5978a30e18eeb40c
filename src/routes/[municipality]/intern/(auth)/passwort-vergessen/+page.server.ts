import type { Actions } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { requestPasswordReset } from '#lib/server/modules/users/index.ts';

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await requestPasswordReset(contextOf(event), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { requested: true };
	}
};
