import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { findMunicipalitiesByIds } from '#lib/server/core/tenancy.ts';
import { publicMunicipality } from '#lib/server/core/public.ts';

export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const related = await findMunicipalitiesByIds(locals.platform.database.db, m.parentId ? [m.parentId] : []);
		return publicMunicipality(m, [m, ...related], url.origin);
	});
