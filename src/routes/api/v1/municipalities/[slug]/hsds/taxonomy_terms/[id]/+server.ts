import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsTaxonomyTerm } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: one taxonomy term (?lang). */
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsTaxonomyTerm(locals.platform.database.db, m, params.id, url.searchParams, locals.platform.clock.now());
	}, { headers: { 'cache-control': 'public, max-age=60' } });
