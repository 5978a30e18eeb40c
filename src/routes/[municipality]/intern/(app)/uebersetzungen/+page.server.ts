import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { translationDashboard } from '#lib/server/modules/offers/index.ts';
import { LANGUAGE_NAMES, isPublicLanguage } from '#lib/i18n/languages.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const rows = await loadOrError(() => translationDashboard(ctx));
	return { languages: rows.map((r) => ({ ...r, name: isPublicLanguage(r.language) ? LANGUAGE_NAMES[r.language] : r.language })) };
};
