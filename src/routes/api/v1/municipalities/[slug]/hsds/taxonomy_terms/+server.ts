import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsTaxonomyTerms } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: paged taxonomy terms (?taxonomy_id, parent_id, top_only, search, page, per_page, lang). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsTaxonomyTerms(locals.platform.database.db, m, url.searchParams, locals.platform.clock.now());
	}, { headers: { 'cache-control': 'public, max-age=60' } });
