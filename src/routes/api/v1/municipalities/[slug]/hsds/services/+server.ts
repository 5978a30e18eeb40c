import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsServices } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: paged services (?search, taxonomy_term_id, taxonomy_id, organization_id, modified_after, full, page, per_page, lang). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsServices(locals.platform.database.db, m, url.searchParams);
	}, { headers: { 'cache-control': 'public, max-age=60' } });
