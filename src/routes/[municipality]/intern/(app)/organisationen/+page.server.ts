import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listOrganizations, ORGANIZATION_TYPE_LABELS } from '#lib/server/modules/organizations/index.ts';
import { can } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const rows = await loadOrError(() => listOrganizations(ctx));
	return {
		organizations: rows.map((o) => ({ id: o.id, name: o.name, typeLabel: ORGANIZATION_TYPE_LABELS[o.type], city: o.city, visibility: o.visibility, memberCount: o.memberCount })),
		mayCreate: can(ctx, 'organizations.manage')
	};
};
