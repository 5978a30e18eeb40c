import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsOrganizations } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: paged organizations (?search, full, full_service, page, per_page). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsOrganizations(locals.platform.database.db, m, url.searchParams);
	}, { headers: { 'cache-control': 'public, max-age=60' } });
