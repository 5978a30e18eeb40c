/**
 * Roles per municipality and the permissions they carry: the one table in code that says who may do what.
 * Pure: no I/O. Services call `authorize` (core/authorize.ts), which consults this table.
 */
export const ROLES = [
	'integration_office',
	'editor',
	'statistics_office',
	'provider',
	'jury_member',
	'case_manager',
	'council_member'
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	integration_office: 'Integrationsbüro (Administration)',
	editor: 'Redaktion',
	statistics_office: 'Statistikstelle',
	provider: 'Anbieter / Träger',
	jury_member: 'Jurymitglied',
	case_manager: 'Fallmanagement',
	council_member: 'Mitglied eines Gremiums (nur lesen)'
};

export const PERMISSIONS = [
	'backoffice.enter',
	'users.read',
	'users.manage',
	'audit.read',
	'municipality.settings',
	'areas.read',
	'areas.manage',
	'organizations.read',
	'organizations.manage',
	/** Edit the organizations one is a member of (providers). */
	'organizations.editOwn',
	'barrierReports.read',
	'barrierReports.manage',
	'mail.outbox.read',
	/** See every offer of the directory in the back office, drafts included. */
	'offers.read',
	/** Editorial review: publish, return, edit any offer, translations, reports of wrong information. */
	'offers.review',
	/** Write the offers and venues of the organizations one acts for (providers). */
	'offers.editOwn',
	/** Edit the categories, target groups, immigrant groups and offer types. */
	'offers.taxonomies.manage',
	/** Integrationsmonitoring: see all base figures and key figures, internal ones included. */
	'monitoring.read',
	/** Import tables from the statistics office, edit the catalogue and the key figures, choose what is published. */
	'monitoring.manage',
	/** Run anonymised register microdata through MigraPro; only aggregates are kept. The statistics office alone. */
	'monitoring.microdata',
	/** Set the disclosure threshold, the minimum group size for shares and the age bands of register runs. The statistics office alone. */
	'monitoring.disclosure',
	/** Verfügungsfonds: see applications, sessions, letters, the ledger and the yearly report. */
	'grants.read',
	/** Geschäftsführung of a fund: pre-check, jury sessions, grants, letters, settlement, payments, guideline. */
	'grants.manage',
	/** Jury member: see the sessions one sits in, declare conflicts of interest, vote. */
	'grants.vote',
	/** A Kreis: read what its member towns publish. */
	'memberTowns.readPublished'
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = ['backoffice.enter', 'organizations.read', 'areas.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
	integration_office: [
		...everyone,
		'users.read',
		'users.manage',
		'audit.read',
		'municipality.settings',
		'areas.manage',
		'organizations.manage',
		'barrierReports.read',
		'barrierReports.manage',
		'mail.outbox.read',
		'offers.read',
		'offers.review',
		'offers.taxonomies.manage',
		'monitoring.read',
		'monitoring.manage',
		'grants.read',
		'grants.manage',
		'memberTowns.readPublished'
	],
	editor: [
		...everyone,
		'organizations.manage',
		'barrierReports.read',
		'barrierReports.manage',
		'offers.read',
		'offers.review',
		'offers.taxonomies.manage',
		'memberTowns.readPublished'
	],
	statistics_office: [...everyone, 'areas.manage', 'monitoring.read', 'monitoring.manage', 'monitoring.microdata', 'monitoring.disclosure', 'memberTowns.readPublished'],
	provider: [...everyone, 'organizations.editOwn', 'offers.editOwn'],
	jury_member: [...everyone, 'grants.vote'],
	case_manager: [...everyone],
	council_member: [...everyone, 'monitoring.read', 'grants.read', 'memberTowns.readPublished']
};

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** The actor on whose behalf a service runs. */
export type Actor =
	| { kind: 'anonymous' }
	| { kind: 'system'; label: string }
	| {
			kind: 'user';
			userId: string;
			name: string;
			email: string;
			/** Roles by municipality id. */
			roles: Readonly<Record<string, readonly Role[]>>;
			/** Organization ids the user acts for, by municipality id. */
			organizations: Readonly<Record<string, readonly string[]>>;
	  };

export function rolesIn(actor: Actor, municipalityId: string): readonly Role[] {
	return actor.kind === 'user' ? (actor.roles[municipalityId] ?? []) : [];
}

/** Tenancy first: a permission only ever holds inside the municipality where the role was given. */
export function hasPermission(actor: Actor, municipalityId: string, permission: Permission): boolean {
	if (actor.kind === 'system') return true;
	return rolesIn(actor, municipalityId).some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function permissionsIn(actor: Actor, municipalityId: string): Set<Permission> {
	const out = new Set<Permission>();
	for (const role of rolesIn(actor, municipalityId)) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
	return out;
}

export function actorLabel(actor: Actor): string {
	if (actor.kind === 'user') return `${actor.name} <${actor.email}>`;
	if (actor.kind === 'system') return actor.label;
	return 'anonym';
}
