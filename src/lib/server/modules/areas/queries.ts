import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isUuid } from '../../core/ids.ts';
import { area } from './schema.ts';
import type { AreaLevel } from './rules.ts';

/** Without geometry: lists stay small. */
export const areaSummaryColumns = {
	id: area.id,
	level: area.level,
	code: area.code,
	name: area.name,
	parentId: area.parentId,
	updatedAt: area.updatedAt
};

export async function listAreas(db: DbOrTx, municipalityId: string) {
	return db.select(areaSummaryColumns).from(area).where(eq(area.municipalityId, municipalityId));
}

export async function listAreasWithGeometry(db: DbOrTx, municipalityId: string, level?: AreaLevel) {
	const where = level ? and(eq(area.municipalityId, municipalityId), eq(area.level, level)) : eq(area.municipalityId, municipalityId);
	return db.select({ ...areaSummaryColumns, geometry: area.geometry }).from(area).where(where);
}

export async function findArea(db: DbOrTx, municipalityId: string, id: string) {
	if (!isUuid(id)) return null;
	const [row] = await db.select().from(area).where(and(eq(area.municipalityId, municipalityId), eq(area.id, id))).limit(1);
	return row ?? null;
}

export async function areasOfLevel(db: DbOrTx, municipalityId: string, level: AreaLevel) {
	return db.select(areaSummaryColumns).from(area).where(and(eq(area.municipalityId, municipalityId), eq(area.level, level)));
}
