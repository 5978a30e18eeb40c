import { and, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { area } from './schema.ts';
import { areaInput, geoJsonImportInput } from './inputs.ts';
import { parseAreasGeoJson, compareAreaCodes, type AreaLevel, type ImportProblem } from './rules.ts';
import * as q from './queries.ts';

const PARENT_LEVEL: Record<AreaLevel, AreaLevel | null> = { district: null, quarter: 'district', social_space: 'quarter' };

export async function listAreas(ctx: ServiceContext) {
	authorize(ctx, 'areas.read');
	const rows = await q.listAreas(ctx.db, ctx.municipality.id);
	return rows.sort((a, b) => a.level.localeCompare(b.level) || compareAreaCodes(a.code, b.code));
}

export async function getArea(ctx: ServiceContext, id: string) {
	authorize(ctx, 'areas.read');
	const row = await q.findArea(ctx.db, ctx.municipality.id, id);
	if (!row) throw new NotFoundError('Dieses Gebiet gibt es in Ihrer Kommune nicht.');
	return row;
}

export async function createArea(ctx: ServiceContext, raw: unknown) {
	authorize(ctx, 'areas.manage');
	const input = parseInput(areaInput, raw);
	return inTransaction(ctx, async (tx) => {
		if (input.parentId) {
			const parent = await q.findArea(tx, ctx.municipality.id, input.parentId);
			if (!parent || parent.level !== PARENT_LEVEL[input.level])
				throw new ValidationError('Das übergeordnete Gebiet passt nicht zur Ebene.', { parentId: 'Bitte wählen Sie ein Gebiet der nächsthöheren Ebene.' });
		}
		const [existing] = await tx
			.select({ id: area.id })
			.from(area)
			.where(and(eq(area.municipalityId, ctx.municipality.id), eq(area.level, input.level), eq(area.code, input.code)));
		if (existing) throw new ConflictError('Ein Gebiet mit diesem Schlüssel gibt es auf dieser Ebene schon.', { code: 'Schlüssel schon vergeben.' });
		const now = ctx.clock.now();
		const [row] = await tx
			.insert(area)
			.values({ municipalityId: ctx.municipality.id, level: input.level, code: input.code, name: input.name, parentId: input.parentId || null, createdAt: now, updatedAt: now })
			.returning(q.areaSummaryColumns);
		await recordAudit(tx, ctx, { action: 'area.create', entityType: 'area', entityId: row!.id, after: row });
		return row!;
	});
}

export type GeoJsonImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: ImportProblem[] };

/**
 * Imports boundaries from a GeoJSON file: all or nothing. Areas are matched by level and code;
 * existing ones get the new name and boundary, new ones are created. Parents are found by derived code.
 */
export async function importAreasFromGeoJson(ctx: ServiceContext, fileText: string, rawOptions: unknown): Promise<GeoJsonImportResult> {
	authorize(ctx, 'areas.manage');
	const options = parseInput(geoJsonImportInput, rawOptions, 'Bitte prüfen Sie die Einstellungen des Imports.');
	const { areas, problems } = parseAreasGeoJson(fileText, {
		codeProperty: options.codeProperty || undefined,
		nameProperty: options.nameProperty || undefined,
		parentCodeDropDigits: options.parentCodeDropDigits
	});
	if (problems.length) return { ok: false, problems };

	const parentLevel = PARENT_LEVEL[options.level];
	const parents = new Map<string, string>();
	if (options.parentCodeDropDigits > 0) {
		if (!parentLevel) return { ok: false, problems: [{ feature: 0, field: 'Ebene', message: 'Stadtbezirke haben kein übergeordnetes Gebiet.' }] };
		for (const p of await q.areasOfLevel(ctx.db, ctx.municipality.id, parentLevel)) parents.set(p.code, p.id);
		const missing: ImportProblem[] = [];
		areas.forEach((a, i) => {
			if (a.parentCode && !parents.has(a.parentCode))
				missing.push({ feature: i + 1, field: 'Schlüssel', message: `Zum Schlüssel „${a.code}“ fehlt das übergeordnete Gebiet „${a.parentCode}“. Bitte importieren Sie zuerst die höhere Ebene.` });
		});
		if (missing.length) return { ok: false, problems: missing };
	}

	return inTransaction(ctx, async (tx) => {
		const existing = new Map((await q.areasOfLevel(tx, ctx.municipality.id, options.level)).map((a) => [a.code, a.id]));
		const now = ctx.clock.now();
		let created = 0;
		let updated = 0;
		for (const a of areas) {
			const values = { name: a.name, geometry: a.geometry, parentId: a.parentCode ? (parents.get(a.parentCode) ?? null) : null, updatedAt: now };
			const id = existing.get(a.code);
			if (id) {
				await tx.update(area).set(values).where(eq(area.id, id));
				updated++;
			} else {
				await tx.insert(area).values({ ...values, municipalityId: ctx.municipality.id, level: options.level, code: a.code, createdAt: now });
				created++;
			}
		}
		await recordAudit(tx, ctx, {
			action: 'area.import_geojson',
			entityType: 'area',
			entityId: options.level,
			after: { level: options.level, created, updated, codes: areas.map((a) => a.code) }
		});
		return { ok: true as const, created, updated };
	});
}

/** Public: boundaries as a GeoJSON FeatureCollection (for maps and the open-data API). */
export async function areasAsGeoJson(db: ServiceContext['db'], municipalityId: string, level?: AreaLevel) {
	const rows = await q.listAreasWithGeometry(db, municipalityId, level);
	rows.sort((a, b) => compareAreaCodes(a.code, b.code));
	return {
		type: 'FeatureCollection' as const,
		features: rows
			.filter((r) => r.geometry)
			.map((r) => ({ type: 'Feature' as const, id: r.id, properties: { code: r.code, name: r.name, level: r.level, parentId: r.parentId }, geometry: r.geometry }))
	};
}

export async function countAreasByLevel(db: ServiceContext['db'], municipalityId: string) {
	const rows = await db
		.select({ level: area.level, n: sql<number>`count(*)::int` })
		.from(area)
		.where(eq(area.municipalityId, municipalityId))
		.groupBy(area.level);
	return Object.fromEntries(rows.map((r) => [r.level, r.n])) as Partial<Record<AreaLevel, number>>;
}
