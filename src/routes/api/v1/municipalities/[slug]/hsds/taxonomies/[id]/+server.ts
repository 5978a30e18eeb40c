import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsTaxonomy } from '#lib/server/modules/offers/index.ts';

/** HSDS 3.0: one taxonomy. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsTaxonomy(locals.platform.database.db, m, params.id, locals.platform.clock.now());
	}, { headers: { 'cache-control': 'public, max-age=60' } });
