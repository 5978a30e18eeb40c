import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { negotiateLanguage } from '#lib/i18n/languages.ts';

/** /{municipality} → the portal in the visitor's preferred language, if the municipality offers it. */
export const load: PageServerLoad = ({ locals, request }) => {
	const municipality = locals.municipality;
	if (!municipality) error(404, 'Diese Kommune gibt es nicht.');
	redirect(303, `/${municipality.slug}/${negotiateLanguage(request.headers.get('accept-language'), municipality.enabledLanguages)}`);
};
