import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '#lib/server/http.ts';
import { AppError } from '#lib/server/core/errors.ts';
import { exportDirectory } from '#lib/server/modules/offers/directory-export.ts';
import { writeCsv, writeXlsx } from '#lib/server/core/spreadsheet.ts';

export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	// Endpoints do not pass the back-office layout, which sends visitors to the sign-in page.
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const format = event.url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	let table: Awaited<ReturnType<typeof exportDirectory>>;
	try {
		table = await exportDirectory(ctx);
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
	const day = ctx.clock.now().toISOString().slice(0, 10);
	const body = format === 'csv' ? writeCsv(table.headers, table.rows) : writeXlsx('Angebote', table.headers, table.rows);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="wegweiser-${ctx.municipality.slug}-${day}.${format}"`,
			'cache-control': 'no-store'
		}
	});
};
