import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { openDataJson } from '#lib/server/modules/offers/index.ts';

/** Open data: all published offers as JSON (German texts). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return openDataJson(locals.platform.database.db, m, { origin: url.origin, now: locals.platform.clock.now() });
	}, { headers: { 'cache-control': 'public, max-age=60' } });
