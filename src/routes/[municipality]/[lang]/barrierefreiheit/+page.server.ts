import type { Actions } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { submitBarrierReport } from '#lib/server/modules/accessibility/index.ts';

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await submitBarrierReport(contextOf(event), values, event.params.lang);
		} catch (e) {
			return failForm(e, values);
		}
		return { sent: true };
	}
};
