import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '#lib/server/http.ts';
import { AppError } from '#lib/server/core/errors.ts';
import { exportXliff } from '#lib/server/modules/offers/translation-exchange.ts';

export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	// Endpoints do not pass the back-office layout, which sends visitors to the sign-in page.
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	try {
		const file = await exportXliff(ctx, event.params.lang, event.url.searchParams.get('umfang') === 'alle' ? 'all' : 'open');
		return new Response(file.xml, {
			headers: { 'content-type': 'application/xliff+xml; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
		});
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
};
