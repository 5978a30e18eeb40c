import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { signIn } from '#lib/server/modules/users/index.ts';
import { TooManyRequestsError } from '#lib/server/core/errors.ts';

/** Only paths inside this municipality's back office are followed after sign-in; anything else goes to its start. */
function safeTarget(slug: string, target: string | null): string {
	const fallback = `/${slug}/intern`;
	if (!target) return fallback;
	try {
		const base = 'http://teilhabe.invalid';
		const url = new URL(target, base);
		const path = url.pathname + url.search;
		return url.origin === base && (url.pathname === fallback || url.pathname.startsWith(fallback + '/')) && /^[\x21-\x7e]*$/.test(path) ? path : fallback;
	} catch {
		return fallback;
	}
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	if (locals.actor.kind === 'user' && locals.municipality && locals.actor.roles[locals.municipality.id]?.length)
		redirect(303, safeTarget(params.municipality, url.searchParams.get('weiter')));
	return { signedOut: url.searchParams.has('abgemeldet'), reset: url.searchParams.has('passwort-geaendert') };
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await signIn(contextOf(event), values, event.request.headers);
		} catch (e) {
			if (e instanceof TooManyRequestsError) event.setHeaders({ 'retry-after': String(e.retryAfterSeconds) });
			return failForm(e, values);
		}
		redirect(303, safeTarget(event.params.municipality, event.url.searchParams.get('weiter')));
	}
};
