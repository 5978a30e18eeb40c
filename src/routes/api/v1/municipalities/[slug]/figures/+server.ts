import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { formulaUnit, publicKeyFigures } from '#lib/server/modules/monitoring/figures.ts';

/**
 * The key figures a municipality publishes on its portal (Integrationsmonitoring), each with its unit:
 * `percent`, `rate` (with `per`, e.g. 1000), `ratio` or `count`.
 */
export const GET: RequestHandler = ({ locals, url }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const rows = await publicKeyFigures(locals.platform.database.db, m.id);
		return { data: rows.map((k) => ({ id: k.id, name: k.name, description: k.description, ...formulaUnit(k.formula), href: `${url.pathname}/${k.id}` })) };
	});
