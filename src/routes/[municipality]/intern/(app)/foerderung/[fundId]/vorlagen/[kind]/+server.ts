import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { previewTemplate } from '#lib/server/modules/grants/index.ts';

/** A sample letter from the current template, for the template editor (no data of any applicant). */
export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	if (ctx.actor.kind !== 'user') redirect(303, `/${event.params.municipality}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname)}`);
	const html = await loadOrError(() => previewTemplate(ctx, event.params.fundId, event.params.kind));
	return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } });
};
