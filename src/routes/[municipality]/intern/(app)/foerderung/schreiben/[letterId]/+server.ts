import type { RequestHandler } from './$types';
import { redirect } from '@sveltejs/kit';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { officeLetter, letterFileName, letterPdf, LETTER_LABELS } from '#lib/server/modules/grants/index.ts';

/** An issued letter: as PDF (made by Chromium), or with ?ansicht=druck as the frozen HTML for the browser's print. */
export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	// Endpoints do not pass the back-office layout, which sends visitors to the sign-in page.
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const letter = await loadOrError(() => officeLetter(ctx, event.params.letterId));
	if (event.url.searchParams.get('ansicht') === 'druck')
		return new Response(letter.html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } });
	const pdf = await loadOrError(() => letterPdf(contextOf(event), letter));
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${letterFileName(letter, LETTER_LABELS[letter.kind])}"`,
			'cache-control': 'private, no-store'
		}
	});
};
