import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsServiceAtLocations } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: paged service_at_locations, one per offer and venue (filters as /services, plus postcode). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsServiceAtLocations(locals.platform.database.db, m, url.searchParams);
	}, { headers: { 'cache-control': 'public, max-age=60' } });
