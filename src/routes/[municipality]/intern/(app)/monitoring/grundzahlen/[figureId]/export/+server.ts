import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '#lib/server/http.ts';
import { AppError } from '#lib/server/core/errors.ts';
import { figureTable, figureTableExport } from '#lib/server/modules/monitoring/figures.ts';
import { tableDownload } from '#lib/server/modules/monitoring/download.ts';

export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	// Endpoints do not pass the back-office layout, which sends visitors to the sign-in page.
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const q = event.url.searchParams;
	try {
		const table = await figureTable(ctx, event.params.figureId, { date: q.get('stichtag') ?? undefined, level: q.get('ebene') ?? undefined });
		return tableDownload(figureTableExport(table), q.get('format'), `${table.figure.code}-${table.date ?? ''}-${table.level ?? ''}`, table.figure.name);
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
};
