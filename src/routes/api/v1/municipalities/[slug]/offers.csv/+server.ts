import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { openDataCsv } from '#lib/server/modules/offers/index.ts';

/** Open data: all published offers as CSV (UTF-8 with BOM, `;`, one row per offer, German texts). */
export const GET: RequestHandler = async ({ locals, url }) => {
	const m = locals.municipality;
	try {
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const body = await openDataCsv(locals.platform.database.db, m, { origin: url.origin, now: locals.platform.clock.now() });
		return new Response(body, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="angebote-${m.slug}.csv"`,
				'cache-control': 'public, max-age=60'
			}
		});
	} catch (e) {
		// Errors as the JSON body every API route returns.
		return apiResponse(() => Promise.reject(e));
	}
};
