import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsServiceAtLocation } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: one fully nested service_at_location. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsServiceAtLocation(locals.platform.database.db, m, params.id, url.searchParams);
	}, { headers: { 'cache-control': 'public, max-age=60' } });
