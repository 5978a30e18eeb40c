// The public portal's start page: what a municipality publishes, gathered from the modules.
import type { DbOrTx } from '../../db/client.ts';
import { listMemberTowns, type Municipality } from '../../core/tenancy.ts';
import { listPublicOrganizations, ORGANIZATION_TYPE_LABELS } from '../organizations/index.ts';
import { countAreasByLevel } from '../areas/index.ts';

export async function loadPortalHome(db: DbOrTx, municipality: Municipality) {
	const [organizations, towns, areaCounts] = await Promise.all([
		listPublicOrganizations(db, municipality.id),
		municipality.kind === 'county' ? listMemberTowns(db, municipality.id) : Promise.resolve([]),
		countAreasByLevel(db as never, municipality.id)
	]);
	return {
		organizations: organizations.map((o) => ({ id: o.id, name: o.name, type: o.type, typeLabel: ORGANIZATION_TYPE_LABELS[o.type], description: o.description, website: o.website, city: o.city })),
		towns: towns.map((t) => ({ slug: t.slug, name: t.name })),
		areaCounts: { districts: areaCounts.district ?? 0, quarters: areaCounts.quarter ?? 0 }
	};
}
