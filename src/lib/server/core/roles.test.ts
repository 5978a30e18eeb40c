import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, hasPermission, permissionsIn, rolesIn, isRole, actorLabel, type Actor, type Permission, type Role } from './roles.ts';

const A = 'municipality-a';
const B = 'municipality-b';

const userWith = (roles: Record<string, Role[]>, organizations: Record<string, string[]> = {}): Actor => ({
	kind: 'user',
	userId: 'u1',
	name: 'Uta Test',
	email: 'uta@example.test',
	roles,
	organizations
});

const everyone: Permission[] = ['backoffice.enter', 'organizations.read', 'areas.read'];

/** Written out by hand on purpose: a change to roles.ts must show up here as a failing case. */
const EXPECTED: Record<Role, Permission[]> = {
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

describe('role permissions', () => {
	it('covers every role', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
	});

	const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, granted: EXPECTED[role].includes(permission) })));

	it.each(cases)('$role → $permission: $granted', ({ role, permission, granted }) => {
		expect(hasPermission(userWith({ [A]: [role] }), A, permission)).toBe(granted);
	});

	it.each([...ROLES])('%s: permissionsIn lists exactly the expected set', (role) => {
		expect([...permissionsIn(userWith({ [A]: [role] }), A)].sort()).toEqual([...new Set(EXPECTED[role])].sort());
	});

	it('roles add up: editor + statistics_office may manage organizations and areas', () => {
		const actor = userWith({ [A]: ['editor', 'statistics_office'] });
		expect(hasPermission(actor, A, 'organizations.manage')).toBe(true);
		expect(hasPermission(actor, A, 'areas.manage')).toBe(true);
		expect(hasPermission(actor, A, 'users.manage')).toBe(false);
	});
});

describe('tenancy', () => {
	it.each([...ROLES])('%s in municipality A grants nothing in B', (role) => {
		const actor = userWith({ [A]: [role] });
		for (const permission of PERMISSIONS) expect(hasPermission(actor, B, permission)).toBe(false);
		expect(permissionsIn(actor, B).size).toBe(0);
		expect(rolesIn(actor, B)).toEqual([]);
	});

	it('all roles in A still grant nothing in B', () => {
		const actor = userWith({ [A]: [...ROLES] });
		expect(PERMISSIONS.filter((p) => hasPermission(actor, B, p))).toEqual([]);
		expect(PERMISSIONS.filter((p) => hasPermission(actor, A, p))).toEqual([...PERMISSIONS]);
	});

	it('different roles in different municipalities stay apart', () => {
		const actor = userWith({ [A]: ['provider'], [B]: ['integration_office'] });
		expect(hasPermission(actor, A, 'users.manage')).toBe(false);
		expect(hasPermission(actor, B, 'users.manage')).toBe(true);
		expect(hasPermission(actor, B, 'organizations.editOwn')).toBe(false);
	});
});

describe('special actors', () => {
	it('anonymous has no permission anywhere', () => {
		const anonymous: Actor = { kind: 'anonymous' };
		expect(PERMISSIONS.filter((p) => hasPermission(anonymous, A, p))).toEqual([]);
		expect(permissionsIn(anonymous, A).size).toBe(0);
		expect(actorLabel(anonymous)).toBe('anonym');
	});

	it('system has every permission in every municipality', () => {
		const system: Actor = { kind: 'system', label: 'Demo-Daten' };
		for (const m of [A, B]) expect(PERMISSIONS.filter((p) => hasPermission(system, m, p))).toEqual([...PERMISSIONS]);
		expect(actorLabel(system)).toBe('Demo-Daten');
	});

	it('labels a user by name and address', () => {
		expect(actorLabel(userWith({}))).toBe('Uta Test <uta@example.test>');
	});

	it.each([
		['editor', true],
		['council_member', true],
		['admin', false],
		['', false]
	])('isRole(%j) = %s', (value, expected) => {
		expect(isRole(value)).toBe(expected);
	});
});
