import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { keyFigureExport, publicKeyFigure, publishedKeyFigureData } from '#lib/server/modules/monitoring/figures.ts';
import { tableDownload } from '#lib/server/modules/monitoring/download.ts';

/**
 * One published key figure: every area and reference date, after disclosure control, with its unit
 * (`percent`, `rate` with `per` and `perLabel`, `ratio`, `count`). Withheld values are null with their
 * status and DIN 55301 symbol. `?format=csv` or `?format=xlsx` for a spreadsheet (the unit in the headings).
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const format = url.searchParams.get('format');
	if (format === 'csv' || format === 'xlsx') {
		const m = locals.municipality;
		if (!m) return new Response('Diese Kommune gibt es nicht.', { status: 404 });
		try {
			const row = await publicKeyFigure(locals.platform.database.db, m.id, params.id);
			return tableDownload(keyFigureExport(await publishedKeyFigureData(locals.platform.database.db, m, row)), format, `kennzahl-${m.slug}`, row.name);
		} catch (e) {
			if (e instanceof NotFoundError) return new Response(e.message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
			throw e;
		}
	}
	return apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const row = await publicKeyFigure(locals.platform.database.db, m.id, params.id);
		return { data: await publishedKeyFigureData(locals.platform.database.db, m, row) };
	});
};
