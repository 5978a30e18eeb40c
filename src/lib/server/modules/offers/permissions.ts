import { hasPermission, type Actor } from '../../core/roles.ts';

/** Organizations whose offers and venues the actor may write in this municipality; 'all' for editors. */
export function writableOrganizations(actor: Actor, municipalityId: string): 'all' | readonly string[] {
	if (hasPermission(actor, municipalityId, 'offers.review')) return 'all';
	if (!hasPermission(actor, municipalityId, 'offers.editOwn') || actor.kind !== 'user') return [];
	return actor.organizations[municipalityId] ?? [];
}

/** Editors write every offer of their municipality; providers only those of the organizations they act for. */
export function mayWriteForOrganization(actor: Actor, municipalityId: string, organizationId: string): boolean {
	const writable = writableOrganizations(actor, municipalityId);
	return writable === 'all' || writable.includes(organizationId);
}
