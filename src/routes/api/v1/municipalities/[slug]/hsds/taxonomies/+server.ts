import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsTaxonomies } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: paged taxonomies (?search, page, per_page). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsTaxonomies(locals.platform.database.db, m, url.searchParams, locals.platform.clock.now());
	}, { headers: { 'cache-control': 'public, max-age=60' } });
