import type { DbOrTx } from '../../db/client.ts';
import type { Actor, Role } from '../../core/roles.ts';
import * as q from './queries.ts';

/** The actor of a signed-in user: their roles and organizations in every municipality. */
export async function loadActor(db: DbOrTx, u: { id: string; name: string; email: string }): Promise<Actor> {
	const [roles, orgs] = await Promise.all([q.rolesOfUser(db, u.id), q.organizationsOfUser(db, u.id)]);
	const byMunicipality: Record<string, Role[]> = {};
	for (const r of roles) (byMunicipality[r.municipalityId] ??= []).push(r.role);
	const organizations: Record<string, string[]> = {};
	for (const o of orgs) (organizations[o.municipalityId] ??= []).push(o.organizationId);
	return { kind: 'user', userId: u.id, name: u.name, email: u.email, roles: byMunicipality, organizations };
}
