import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { ValidationError } from '#lib/server/core/errors.ts';
import { translationDashboard } from '#lib/server/modules/offers/index.ts';
import { importXliff } from '#lib/server/modules/offers/translation-exchange.ts';
import { LANGUAGE_NAMES, isPublicLanguage } from '#lib/i18n/languages.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const rows = await loadOrError(() => translationDashboard(ctx));
	return { languages: rows.map((r) => ({ ...r, name: isPublicLanguage(r.language) ? LANGUAGE_NAMES[r.language] : r.language })) };
};

export const actions: Actions = {
	importXliff: async (event) => {
		const data = await event.request.formData();
		const language = String(data.get('language') ?? '');
		const values = { language, translator: String(data.get('translator') ?? ''), machineMade: data.get('machineMade') === 'on' ? 'on' : '' };
		const file = data.get('file');
		try {
			if (file instanceof File && file.size > 5 * 1024 * 1024) throw new ValidationError('Die Datei ist größer als 5 MB.', { file: 'Die Datei ist größer als 5 MB.' });
			const xml = file instanceof File ? await file.text() : '';
			const result = await importXliff(contextOf(event), language, xml, values);
			return { imported: { language, ...result } };
		} catch (e) {
			return failForm(e, values);
		}
	}
};
