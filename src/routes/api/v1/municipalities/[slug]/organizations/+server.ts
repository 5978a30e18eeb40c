import type { RequestHandler } from './$types';
import { apiResponse, NotFoundError } from '#lib/server/http.ts';
import { listPublicOrganizations } from '#lib/server/modules/organizations/index.ts';

/** The organizations a municipality publishes. Internal ones and members are never part of it. */
export const GET: RequestHandler = ({ locals }) =>
	apiResponse(async () => {
		const m = locals.municipality;
		if (!m) throw new NotFoundError('Diese Kommune gibt es nicht.');
		const rows = await listPublicOrganizations(locals.platform.database.db, m.id);
		return {
			data: rows.map((o) => ({ id: o.id, name: o.name, type: o.type, description: o.description, address: { street: o.street, postalCode: o.postalCode, city: o.city }, email: o.email, phone: o.phone, website: o.website, updatedAt: o.updatedAt }))
		};
	});
