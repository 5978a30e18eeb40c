// Public surface of the organizations module: other modules and routes import only this file.
import type { DbOrTx } from '../../db/client.ts';
import * as q from './queries.ts';

export { listOrganizations, getOrganization, createOrganization, updateOrganization } from './service.ts';
export { ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS, type OrganizationInput } from './inputs.ts';
export { mayEditOrganization } from './permissions.ts';
export { organizationsModule } from './module.ts';

/** Public directory of a municipality's organizations (portal, county overview). */
export function listPublicOrganizations(db: DbOrTx, municipalityId: string) {
	return q.listOrganizations(db, municipalityId, true);
}

export async function organizationIdsExist(db: DbOrTx, municipalityId: string, ids: readonly string[]) {
	return (await q.countExisting(db, municipalityId, ids)) === new Set(ids).size;
}
