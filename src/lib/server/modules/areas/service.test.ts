import fs from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, anonymous, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../core/errors.ts';
import { auditEvent } from '../../core/schema.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { area } from './schema.ts';
import { importAreasFromGeoJson, listAreas, countAreasByLevel, areasAsGeoJson } from './service.ts';

const districtsFile = fs.readFileSync('/work/shared/data/koeln/geo/stadtbezirke.geojson', 'utf8');
const quartersFile = fs.readFileSync('/work/shared/data/koeln/geo/stadtteile.geojson', 'utf8');

let world: TestWorld;
beforeAll(async () => {
	world = await createTestWorld();
});
afterAll(() => world?.close());

const areasOf = (m: Municipality) => world.db.select().from(area).where(eq(area.municipalityId, m.id));

describe('importing the Köln boundaries', () => {
	it('creates 9 districts and 86 quarters with their parents, and re-import updates', async () => {
		const ctx = contextFor(world, await userWith(world, world.a, 'statistics_office'), world.a);

		expect(await importAreasFromGeoJson(ctx, districtsFile, { level: 'district' })).toEqual({ ok: true, created: 9, updated: 0 });
		expect(await importAreasFromGeoJson(ctx, quartersFile, { level: 'quarter', parentCodeDropDigits: '2' })).toEqual({ ok: true, created: 86, updated: 0 });
		expect(await countAreasByLevel(world.db, world.a.id)).toEqual({ district: 9, quarter: 86 });

		const rows = await areasOf(world.a);
		const districts = new Map(rows.filter((r) => r.level === 'district').map((r) => [r.id, r]));
		const quarters = rows.filter((r) => r.level === 'quarter');
		expect(quarters.every((q) => q.parentId && districts.has(q.parentId))).toBe(true);
		const flittard = quarters.find((q) => q.code === '909')!;
		expect(flittard.name).toBe('Flittard');
		expect(districts.get(flittard.parentId!)!.code).toBe('9');
		expect(rows.every((r) => (r.geometry as { type: string }).type === 'Polygon' || (r.geometry as { type: string }).type === 'MultiPolygon')).toBe(true);

		// Again: the same areas are updated, none duplicated.
		world.clock.advance(60_000);
		expect(await importAreasFromGeoJson(ctx, quartersFile, { level: 'quarter', parentCodeDropDigits: 2 })).toEqual({ ok: true, created: 0, updated: 86 });
		expect(await importAreasFromGeoJson(ctx, districtsFile, { level: 'district' })).toEqual({ ok: true, created: 0, updated: 9 });
		const after = await areasOf(world.a);
		expect(after).toHaveLength(95);
		expect(after.find((r) => r.code === '909' && r.level === 'quarter')!.updatedAt).toEqual(world.clock.now());

		const listed = await listAreas(ctx);
		expect(listed.filter((r) => r.level === 'district').map((r) => r.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		const geo = await areasAsGeoJson(world.db, world.a.id, 'district');
		expect(geo.features).toHaveLength(9);
	});

	it('writes an audit event per import', async () => {
		const events = await world.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.municipalityId, world.a.id), eq(auditEvent.action, 'area.import_geojson')));
		expect(events).toHaveLength(4);
		const first = events.find((e) => e.entityId === 'quarter' && (e.after as { created: number }).created === 86)!;
		expect(first.after).toMatchObject({ level: 'quarter', created: 86, updated: 0 });
		expect((first.after as { codes: string[] }).codes).toHaveLength(86);
		expect(first.actorLabel).toMatch(/<person-.*@example\.test>$/);
	});

	it('the areas of one municipality are not those of another', async () => {
		const ctxB = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect(await listAreas(ctxB)).toEqual([]);
	});
});

describe('all or nothing', () => {
	it('a file with one broken feature imports nothing', async () => {
		const ctx = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
		expect((await importAreasFromGeoJson(ctx, districtsFile, { level: 'district' })).ok).toBe(true);
		const broken = JSON.parse(quartersFile) as { features: { geometry: { type: string; coordinates: number[][][] } }[] };
		const f50 = broken.features[49]!;
		f50.geometry = { type: 'Polygon', coordinates: [f50.geometry.type === 'Polygon' ? f50.geometry.coordinates[0]!.slice(0, -1) : [[0, 0]]] };

		const result = await importAreasFromGeoJson(ctx, JSON.stringify(broken), { level: 'quarter', parentCodeDropDigits: 2 });
		expect(result.ok).toBe(false);
		expect(result.ok === false && result.problems.map((p) => p.feature)).toEqual([50]);
		expect(await countAreasByLevel(world.db, world.b.id)).toEqual({ district: 9 });
	});

	it('quarters whose district is missing are refused as a whole', async () => {
		const ctx = contextFor(world, await userWith(world, world.town, 'statistics_office'), world.town);
		const result = await importAreasFromGeoJson(ctx, quartersFile, { level: 'quarter', parentCodeDropDigits: 2 });
		expect(result.ok).toBe(false);
		expect(result.ok === false && result.problems).toHaveLength(86);
		expect(result.ok === false && result.problems[0]!.message).toMatch(/zuerst die höhere Ebene/);
		expect(await areasOf(world.town)).toEqual([]);
	});

	it('districts cannot have a parent', async () => {
		const ctx = contextFor(world, await userWith(world, world.town, 'statistics_office'), world.town);
		const result = await importAreasFromGeoJson(ctx, quartersFile, { level: 'district', parentCodeDropDigits: 2 });
		expect(result).toMatchObject({ ok: false, problems: [{ field: 'Ebene' }] });
		expect(await areasOf(world.town)).toEqual([]);
	});

	it('invalid import options are a validation error', async () => {
		const ctx = contextFor(world, await userWith(world, world.town, 'statistics_office'), world.town);
		const error = await caught(() => importAreasFromGeoJson(ctx, districtsFile, { level: 'kontinent' }));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toHaveProperty('level');
	});
});

describe('who may import', () => {
	it.each(['provider', 'editor', 'jury_member', 'case_manager', 'council_member'] as const)('%s may not (ForbiddenError)', async (role) => {
		const ctx = contextFor(world, await userWith(world, world.county, role), world.county);
		await expect(importAreasFromGeoJson(ctx, districtsFile, { level: 'district' })).rejects.toBeInstanceOf(ForbiddenError);
		expect(await areasOf(world.county)).toEqual([]);
	});

	it('a statistics office of another municipality may not', async () => {
		const ctx = contextFor(world, await userWith(world, world.a, 'statistics_office'), world.county);
		await expect(importAreasFromGeoJson(ctx, districtsFile, { level: 'district' })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('anonymous visitors must sign in', async () => {
		await expect(importAreasFromGeoJson(contextFor(world, anonymous, world.county), districtsFile, { level: 'district' })).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it.each(['statistics_office', 'integration_office'] as const)('%s may', async (role) => {
		const ctx = contextFor(world, await userWith(world, world.county, role), world.county);
		const result = await importAreasFromGeoJson(ctx, districtsFile, { level: 'district' });
		expect(result.ok).toBe(true);
		const rows = await world.db.select().from(area).where(and(eq(area.municipalityId, world.county.id), isNull(area.parentId)));
		expect(rows).toHaveLength(9);
	});
});
