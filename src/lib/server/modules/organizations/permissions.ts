import { hasPermission, type Actor } from '../../core/roles.ts';

/** Editors manage every organization of their municipality; providers only those they act for. */
export function mayEditOrganization(actor: Actor, municipalityId: string, organizationId: string): boolean {
	if (hasPermission(actor, municipalityId, 'organizations.manage')) return true;
	if (!hasPermission(actor, municipalityId, 'organizations.editOwn')) return false;
	return actor.kind === 'user' && (actor.organizations[municipalityId] ?? []).includes(organizationId);
}
