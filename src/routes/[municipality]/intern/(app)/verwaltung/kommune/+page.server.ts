import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { updateMunicipalitySettings } from '#lib/server/core/tenancy.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { PUBLIC_LANGUAGES, LANGUAGE_NAMES } from '#lib/i18n/languages.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'municipality.settings');
		const { id: _id, parentId: _p, createdAt: _c, updatedAt: _u, ...settings } = ctx.municipality;
		return { settings, languages: PUBLIC_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] })) };
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData(), ['enabledLanguages']);
		try {
			await updateMunicipalitySettings(contextOf(event), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
