import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, createUser, anonymous, caught, type TestWorld } from '../../test/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../core/errors.ts';
import { auditEvent } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import { createOrganization, updateOrganization, getOrganization, listOrganizations } from './service.ts';
import { listPublicOrganizations, organizationIdsExist } from './index.ts';

let world: TestWorld;
let editorA: ServiceContext;
let editorB: ServiceContext;
beforeAll(async () => {
	world = await createTestWorld();
	editorA = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
	editorB = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
});
afterAll(() => world?.close());

let n = 0;
const valid = (overrides: Record<string, unknown> = {}) => ({ name: `Verein Nummer ${++n}`, type: 'club', ...overrides });

describe('editors', () => {
	it('create an organization, normalising its input, with an audit event', async () => {
		const created = await createOrganization(editorA, valid({ name: '  Elterncafé Nord ', email: 'Info@Elterncafe.Example', postalCode: '46236', website: 'https://elterncafe.example' }));
		expect(created).toMatchObject({ municipalityId: world.a.id, name: 'Elterncafé Nord', email: 'info@elterncafe.example', visibility: 'public', description: '' });
		expect((await getOrganization(editorA, created.id)).organization.name).toBe('Elterncafé Nord');
		const [event] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, created.id), eq(auditEvent.action, 'organization.create')));
		expect(event).toMatchObject({ municipalityId: world.a.id, entityType: 'organization', before: null });
		expect(event!.after).toMatchObject({ id: created.id, name: 'Elterncafé Nord' });
	});

	it('update an organization; the audit event holds before and after', async () => {
		const created = await createOrganization(editorA, valid({ name: 'Sprachcafé', city: 'Altstadt' }));
		world.clock.advance(1000);
		const updated = await updateOrganization(editorA, created.id, valid({ name: 'Sprachcafé Mitte', city: 'Mitte', visibility: 'internal' }));
		expect(updated).toMatchObject({ id: created.id, name: 'Sprachcafé Mitte', city: 'Mitte', visibility: 'internal' });
		expect(updated.updatedAt).toEqual(world.clock.now());
		const [event] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, created.id), eq(auditEvent.action, 'organization.update')));
		expect(event!.before).toMatchObject({ name: 'Sprachcafé', city: 'Altstadt', visibility: 'public' });
		expect(event!.after).toMatchObject({ name: 'Sprachcafé Mitte', city: 'Mitte', visibility: 'internal' });
		expect(event!.actorLabel).toBe(`${(editorA.actor as { name: string }).name} <${(editorA.actor as { email: string }).email}>`);
	});

	it('a duplicate name is a conflict on the name field, on create and on update', async () => {
		await createOrganization(editorA, valid({ name: 'Tafel' }));
		const onCreate = await caught(() => createOrganization(editorA, valid({ name: 'Tafel' })));
		expect(onCreate).toBeInstanceOf(ConflictError);
		expect((onCreate as ConflictError).fieldErrors).toEqual({ name: 'Dieser Name ist schon vergeben.' });

		const other = await createOrganization(editorA, valid({ name: 'Kleiderkammer' }));
		const onUpdate = await caught(() => updateOrganization(editorA, other.id, valid({ name: 'Tafel' })));
		expect(onUpdate).toBeInstanceOf(ConflictError);
		expect((await getOrganization(editorA, other.id)).organization.name).toBe('Kleiderkammer');
	});

	it('the same name may exist in another municipality', async () => {
		await createOrganization(editorA, valid({ name: 'Stadtteilbüro' }));
		await expect(createOrganization(editorB, valid({ name: 'Stadtteilbüro' }))).resolves.toMatchObject({ municipalityId: world.b.id });
	});

	it.each([
		{ field: 'website', value: 'elterncafe.example', message: /https:\/\// },
		{ field: 'website', value: 'ftp://elterncafe.example', message: /https:\/\// },
		{ field: 'email', value: 'info@', message: /E-Mail/ },
		{ field: 'phone', value: 'ruf mich an', message: /Telefonnummer/ },
		{ field: 'postalCode', value: '4623', message: /fünf Ziffern/ },
		{ field: 'postalCode', value: 'D-46236', message: /fünf Ziffern/ },
		{ field: 'name', value: 'X', message: /Namen/ },
		{ field: 'type', value: 'party', message: /Art/ }
	])('invalid $field "$value" → field error', async ({ field, value, message }) => {
		const error = await caught(() => createOrganization(editorA, valid({ [field]: value })));
		expect(error).toBeInstanceOf(ValidationError);
		expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
		expect((error as ValidationError).fieldErrors[field]).toMatch(message);
	});

	it('invalid input stores nothing', async () => {
		const before = (await listOrganizations(editorA)).length;
		await caught(() => createOrganization(editorA, valid({ email: 'kaputt' })));
		expect(await listOrganizations(editorA)).toHaveLength(before);
	});
});

describe('providers', () => {
	it('may update only the organization they act for', async () => {
		const own = await createOrganization(editorA, valid({ name: 'Kulturverein' }));
		const foreign = await createOrganization(editorA, valid({ name: 'Sportverein' }));
		const provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [own.id] }]), world.a);

		await expect(updateOrganization(provider, own.id, valid({ name: 'Kulturverein e. V.' }))).resolves.toMatchObject({ name: 'Kulturverein e. V.' });
		expect((await getOrganization(provider, own.id)).mayEdit).toBe(true);
		expect((await getOrganization(provider, foreign.id)).mayEdit).toBe(false);
		await expect(updateOrganization(provider, foreign.id, valid({ name: 'Übernommen' }))).rejects.toBeInstanceOf(ForbiddenError);
		expect((await getOrganization(editorA, foreign.id)).organization.name).toBe('Sportverein');
	});

	it('may not create organizations', async () => {
		const provider = contextFor(world, await userWith(world, world.a, 'provider'), world.a);
		await expect(createOrganization(provider, valid())).rejects.toBeInstanceOf(ForbiddenError);
	});

	it.each(['jury_member', 'case_manager', 'council_member', 'statistics_office'] as const)('%s may read but not edit', async (role) => {
		const org = await createOrganization(editorA, valid());
		const ctx = contextFor(world, await userWith(world, world.a, role), world.a);
		expect((await listOrganizations(ctx)).some((o) => o.id === org.id)).toBe(true);
		await expect(updateOrganization(ctx, org.id, valid())).rejects.toBeInstanceOf(ForbiddenError);
	});
});

describe('tenancy', () => {
	it('an organization of B is not found from A, even by its exact id', async () => {
		const inB = await createOrganization(editorB, valid({ name: 'Nur in B' }));
		await expect(getOrganization(editorA, inB.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateOrganization(editorA, inB.id, valid({ name: 'Gekapert' }))).rejects.toBeInstanceOf(NotFoundError);
		await expect(getOrganization(editorA, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
		expect((await getOrganization(editorB, inB.id)).organization.name).toBe('Nur in B');
	});

	it('a provider of B who acts for an organization of B cannot edit it in A', async () => {
		const inB = await createOrganization(editorB, valid());
		const provider = await createUser(world, [{ in: world.b, roles: ['provider'], organizationIds: [inB.id] }]);
		await expect(updateOrganization(contextFor(world, provider, world.a), inB.id, valid())).rejects.toBeInstanceOf(ForbiddenError);
	});

	it("lists only the own municipality's organizations; an editor of A has no access to B's list", async () => {
		const listA = await listOrganizations(editorA);
		expect(listA.length).toBeGreaterThan(0);
		expect(listA.every((o) => o.municipalityId === world.a.id)).toBe(true);
		const listB = await listOrganizations(editorB);
		expect(listB.every((o) => o.municipalityId === world.b.id)).toBe(true);
		expect(listB.some((o) => o.name === 'Nur in B')).toBe(true);
		await expect(listOrganizations(contextFor(world, editorA.actor, world.b))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listOrganizations(contextFor(world, anonymous, world.a))).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it('organization ids of another municipality do not count as existing', async () => {
		const inA = await createOrganization(editorA, valid());
		const inB = await createOrganization(editorB, valid());
		expect(await organizationIdsExist(world.db, world.a.id, [inA.id])).toBe(true);
		expect(await organizationIdsExist(world.db, world.a.id, [inA.id, inB.id])).toBe(false);
	});

	it('the public directory shows only public organizations of the municipality', async () => {
		const hidden = await createOrganization(editorA, valid({ visibility: 'internal' }));
		const shown = await createOrganization(editorA, valid());
		const ids = (await listPublicOrganizations(world.db, world.a.id)).map((o) => o.id);
		expect(ids).toContain(shown.id);
		expect(ids).not.toContain(hidden.id);
	});
});
