import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { hsdsIndex } from '#lib/server/modules/offers/index.ts';

/** Open Referral HSDS 3.0 API of the Integrationswegweiser: which version it implements. */
export const GET: RequestHandler = ({ locals }) =>
	apiResponse(async () => {
		if (!locals.municipality) throw new NotFoundError('Diese Kommune gibt es nicht.');
		return hsdsIndex();
	}, { headers: { 'cache-control': 'public, max-age=60' } });
