import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, createUser, userWith, anonymous, system, type TestWorld } from '../test/factories.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { auditEvent } from './schema.ts';
import { listAuditEvents, recordAudit, AUDIT_PAGE_SIZE, type AuditEntry } from './audit.ts';
import type { ServiceContext } from './context.ts';

let world: TestWorld;
let adminA: ServiceContext;
let editorA: ServiceContext;
let adminB: ServiceContext;
const t0 = new Date('2026-03-02T09:00:00.000Z');

const record = (ctx: ServiceContext, entry: AuditEntry) => recordAudit(world.db, ctx, entry);

beforeAll(async () => {
	world = await createTestWorld();
	adminA = contextFor(world, await createUser(world, [{ in: world.a, roles: ['integration_office'] }], { name: 'Anna Admin', email: 'anna@musterstadt.test' }), world.a);
	editorA = contextFor(world, await createUser(world, [{ in: world.a, roles: ['editor'] }], { name: 'Emil Editor', email: 'emil@musterstadt.test' }), world.a);
	adminB = contextFor(world, await createUser(world, [{ in: world.b, roles: ['integration_office'] }], { name: 'Berta Admin', email: 'berta@beispielstadt.test' }), world.b);

	world.clock.set(t0);
	await record(adminA, { action: 'organization.create', entityType: 'organization', entityId: 'org-1', after: { name: 'Tafel' } });
	world.clock.advance(60_000);
	await record(editorA, { action: 'organization.update', entityType: 'organization', entityId: 'org-1', before: { name: 'Tafel' }, after: { name: 'Tafel e. V.' } });
	world.clock.advance(60_000);
	await record(editorA, { action: 'area.create', entityType: 'area', entityId: 'area-1' });
	world.clock.advance(60_000);
	await record(contextFor(world, system, world.a), { action: 'area.import_geojson', entityType: 'area', entityId: 'district' });
	await record(adminB, { action: 'organization.create', entityType: 'organization', entityId: 'org-b', after: { name: 'Nur B' } });
	await record(adminB, { action: 'user.roles_changed', entityType: 'user', entityId: 'u-b' });
});
afterAll(() => world?.close());

const ids = async (ctx: ServiceContext, filter: Parameters<typeof listAuditEvents>[1]) => (await listAuditEvents(ctx, filter)).rows.map((r) => `${r.action}:${r.entityId}`);

describe('listAuditEvents filters', () => {
	it('without a filter: all events of the municipality, newest first', async () => {
		const result = await listAuditEvents(adminA, {});
		expect(result.rows.map((r) => r.action)).toEqual(['area.import_geojson', 'area.create', 'organization.update', 'organization.create']);
		expect(result).toMatchObject({ total: 4, page: 1, pageCount: 1 });
		expect(result.entityTypes).toEqual(['area', 'organization']);
		expect(result.actions).toEqual(['area.create', 'area.import_geojson', 'organization.create', 'organization.update']);
	});

	it.each([
		{ name: 'entity type', filter: { entityType: 'area' }, expected: ['area.import_geojson:district', 'area.create:area-1'] },
		{ name: 'entity type of another tenant only', filter: { entityType: 'user' }, expected: [] },
		{ name: 'action', filter: { action: 'organization.update' }, expected: ['organization.update:org-1'] },
		{ name: 'actor by name, any case', filter: { actor: 'emil' }, expected: ['area.create:area-1', 'organization.update:org-1'] },
		{ name: 'actor by e-mail', filter: { actor: 'anna@musterstadt' }, expected: ['organization.create:org-1'] },
		{ name: 'actor: the system label', filter: { actor: 'testlauf' }, expected: ['area.import_geojson:district'] },
		{ name: 'actor text also finds an entity id', filter: { actor: 'org-1' }, expected: ['organization.update:org-1', 'organization.create:org-1'] },
		{ name: 'actor: % is a literal, not a wildcard', filter: { actor: '%' }, expected: [] },
		{ name: 'actor: _ is a literal, not a wildcard', filter: { actor: 'Emil_Editor' }, expected: [] },
		{ name: 'actor of another tenant', filter: { actor: 'Berta' }, expected: [] },
		{ name: 'combined', filter: { entityType: 'organization', actor: 'Emil' }, expected: ['organization.update:org-1'] },
		{ name: 'from', filter: { from: new Date(t0.getTime() + 120_000) }, expected: ['area.import_geojson:district', 'area.create:area-1'] },
		{ name: 'to', filter: { to: new Date(t0.getTime() + 60_000) }, expected: ['organization.update:org-1', 'organization.create:org-1'] }
	])('$name', async ({ filter, expected }) => {
		expect(await ids(adminA, filter)).toEqual(expected);
	});
});

describe('tenancy and permission', () => {
	it("each municipality sees only its own events, and B's facets stay in B", async () => {
		const result = await listAuditEvents(adminB, {});
		expect(result.rows.map((r) => `${r.action}:${r.entityId}`).sort()).toEqual(['organization.create:org-b', 'user.roles_changed:u-b']);
		expect(result.entityTypes).toEqual(['organization', 'user']);
		expect(result.rows.every((r) => r.municipalityId === world.b.id)).toBe(true);
	});

	it("A's admin cannot read B's trail", async () => {
		await expect(listAuditEvents(contextFor(world, adminA.actor, world.b), {})).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('editors may not read the trail, anonymous visitors must sign in', async () => {
		await expect(listAuditEvents(editorA, {})).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listAuditEvents(contextFor(world, anonymous, world.a), {})).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it('records who did it', async () => {
		const [row] = (await listAuditEvents(adminA, { action: 'organization.create' })).rows;
		expect(row).toMatchObject({ actorLabel: 'Anna Admin <anna@musterstadt.test>', actorUserId: (adminA.actor as { userId: string }).userId, createdAt: t0 });
		const [sys] = (await listAuditEvents(adminA, { action: 'area.import_geojson' })).rows;
		expect(sys).toMatchObject({ actorLabel: 'Testlauf (System)', actorUserId: null });
	});
});

describe('secrets never reach the trail', () => {
	it('password, token, tokenHash and secret are redacted at any depth', async () => {
		const ctx = contextFor(world, await userWith(world, world.town, 'integration_office'), world.town);
		await record(ctx, {
			action: 'test.secrets',
			entityType: 'test',
			entityId: 'x',
			before: { password: 'geheim-1', name: 'bleibt', nested: { token: 'geheim-2', tokenHash: 'geheim-3' } },
			after: { list: [{ secret: 'geheim-4', ok: 1 }], when: new Date('2026-01-01T00:00:00Z'), missing: undefined }
		});
		const [row] = (await listAuditEvents(ctx, { action: 'test.secrets' })).rows;
		expect(row!.before).toEqual({ password: '[entfernt]', name: 'bleibt', nested: { token: '[entfernt]', tokenHash: '[entfernt]' } });
		expect(row!.after).toEqual({ list: [{ secret: '[entfernt]', ok: 1 }], when: '2026-01-01T00:00:00.000Z', missing: null });
		const raw = await world.db.select({ text: sql<string>`${auditEvent.before}::text || ${auditEvent.after}::text` }).from(auditEvent).where(eq(auditEvent.action, 'test.secrets'));
		expect(raw[0]!.text).not.toMatch(/geheim/);
	});
});

describe('paging', () => {
	it(`shows ${AUDIT_PAGE_SIZE} events per page`, async () => {
		const ctx = contextFor(world, await userWith(world, world.county, 'integration_office'), world.county);
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
			world.clock.advance(1000);
			await record(ctx, { action: 'test.page', entityType: 'test', entityId: String(i) });
		}
		const first = await listAuditEvents(ctx, {});
		expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, pageCount: 2 });
		expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
		expect(first.rows[0]!.entityId).toBe(String(AUDIT_PAGE_SIZE + 4));
		const second = await listAuditEvents(ctx, { page: 2 });
		expect(second.rows.map((r) => r.entityId)).toEqual(['4', '3', '2', '1', '0']);
		expect((await listAuditEvents(ctx, { page: 0 })).page).toBe(1);
	});
});
