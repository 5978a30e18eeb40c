import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { ValidationError } from '#lib/server/core/errors.ts';
import { areasAsGeoJson, AREA_LEVELS, type AreaLevel } from '#lib/server/modules/areas/index.ts';

/** Area boundaries as GeoJSON (WGS84). ?level=district|quarter|social_space */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const level = url.searchParams.get('level');
		if (level !== null && !(AREA_LEVELS as readonly string[]).includes(level))
			throw new ValidationError(`Unbekannte Ebene „${level}“. Erlaubt: ${AREA_LEVELS.join(', ')}.`, { level: 'unknown' });
		return areasAsGeoJson(locals.platform.database.db, m.id, (level as AreaLevel | null) ?? undefined);
	}, { headers: { 'content-type': 'application/geo+json' } });
