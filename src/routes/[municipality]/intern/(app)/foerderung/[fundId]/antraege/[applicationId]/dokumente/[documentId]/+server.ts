import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { documentFile } from '#lib/server/modules/grants/index.ts';

/** An uploaded file for the office; always a download, never rendered inside the back office. */
export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	// Endpoints do not pass the back-office layout, which sends visitors to the sign-in page.
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const d = await loadOrError(() => documentFile(ctx, { applicationId: event.params.applicationId }, event.params.documentId));
	return new Response(d.content as BodyInit, {
		headers: {
			'content-type': d.mediaType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
