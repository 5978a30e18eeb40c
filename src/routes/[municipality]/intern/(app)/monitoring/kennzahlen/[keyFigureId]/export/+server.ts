import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { contextOf } from '#lib/server/http.ts';
import { AppError } from '#lib/server/core/errors.ts';
import { getKeyFigure, keyFigureExport, publishedKeyFigureData } from '#lib/server/modules/monitoring/figures.ts';
import { tableDownload } from '#lib/server/modules/monitoring/download.ts';

export const GET: RequestHandler = async (event) => {
	const ctx = contextOf(event);
	if (ctx.actor.kind !== 'user') redirect(303, `/${ctx.municipality.slug}/intern/anmelden?weiter=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	try {
		const row = await getKeyFigure(ctx, event.params.keyFigureId);
		const data = await publishedKeyFigureData(ctx.db, ctx.municipality, row);
		return tableDownload(keyFigureExport(data), event.url.searchParams.get('format'), `kennzahl-${ctx.municipality.slug}`, row.name);
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
};
