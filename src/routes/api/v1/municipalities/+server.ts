import type { RequestHandler } from './$types';
import { apiResponse } from '#lib/server/http.ts';
import { listMunicipalities } from '#lib/server/core/tenancy.ts';
import { publicMunicipality } from '#lib/server/core/public.ts';

export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const all = await listMunicipalities(locals.platform.database.db);
		return { data: all.map((m) => publicMunicipality(m, all, url.origin)) };
	});
