import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { municipality } from './schema.ts';
import type { ServiceContext } from './context.ts';
import { authorize } from './authorize.ts';
import { inTransaction } from './context.ts';
import { recordAudit } from './audit.ts';
import { hasPermission, type Actor } from './roles.ts';
import { NotFoundError } from './errors.ts';
import { municipalitySettingsInput, newMunicipalityInput, type MunicipalitySettingsInput } from './inputs.ts';
import { ConflictError } from './errors.ts';
import type { Db } from '../db/client.ts';
import { ValidationError, parseInput } from './errors.ts';

export type Municipality = typeof municipality.$inferSelect;

export const MUNICIPALITY_KIND_LABELS: Record<Municipality['kind'], string> = {
	county: 'Kreis',
	independent_city: 'Kreisfreie Stadt',
	county_municipality: 'Kreisangehörige Stadt/Gemeinde'
};

export async function findMunicipalityBySlug(db: DbOrTx, slug: string): Promise<Municipality | null> {
	const [row] = await db.select().from(municipality).where(eq(municipality.slug, slug)).limit(1);
	return row ?? null;
}

export async function listMunicipalities(db: DbOrTx): Promise<Municipality[]> {
	return db.select().from(municipality).orderBy(asc(municipality.name));
}

export async function listMemberTowns(db: DbOrTx, countyId: string): Promise<Municipality[]> {
	return db.select().from(municipality).where(eq(municipality.parentId, countyId)).orderBy(asc(municipality.name));
}

export async function findMunicipalitiesByIds(db: DbOrTx, ids: string[]): Promise<Municipality[]> {
	if (!ids.length) return [];
	return db.select().from(municipality).where(inArray(municipality.id, ids));
}

/**
 * Published content of `target` may be read in the back office of `viewer`'s municipality when it is the
 * same municipality, or when `target` is a member town of the county and the actor may read member towns there.
 */
export function mayReadPublishedOf(actor: Actor, viewer: Municipality, target: Municipality): boolean {
	if (viewer.id === target.id) return hasPermission(actor, viewer.id, 'organizations.read');
	return target.parentId === viewer.id && hasPermission(actor, viewer.id, 'memberTowns.readPublished');
}

/** A county's staff: the member town, if they may read it; otherwise not found (its existence is not revealed). */
export async function getMemberTown(ctx: ServiceContext, slug: string): Promise<Municipality> {
	authorize(ctx, 'memberTowns.readPublished');
	const town = await findMunicipalityBySlug(ctx.db, slug);
	if (!town || town.parentId !== ctx.municipality.id || !mayReadPublishedOf(ctx.actor, ctx.municipality, town)) throw new NotFoundError('Diese Gemeinde gehört nicht zu Ihrem Kreis.');
	return town;
}

export async function updateMunicipalitySettings(ctx: ServiceContext, raw: unknown): Promise<Municipality> {
	authorize(ctx, 'municipality.settings');
	const input: MunicipalitySettingsInput = parseInput(municipalitySettingsInput, raw);
	return inTransaction(ctx, async (tx) => {
		const before = ctx.municipality;
		const [after] = await tx
			.update(municipality)
			.set({ ...input, website: input.website || null, updatedAt: ctx.clock.now() })
			.where(eq(municipality.id, before.id))
			.returning();
		await recordAudit(tx, ctx, { action: 'municipality.update', entityType: 'municipality', entityId: before.id, before, after });
		return after!;
	});
}

/**
 * Creates a tenant. Only the operator does this (command line, system actor): there is no
 * platform-wide administrator role in the web interface on purpose.
 */
export async function createMunicipality(db: Db, now: Date, raw: unknown): Promise<Municipality> {
	const { parentSlug, ...input } = parseInput(newMunicipalityInput, raw, 'Die Angaben sind unvollständig.');
	let parentId: string | null = null;
	if (parentSlug) {
		const parent = await findMunicipalityBySlug(db, parentSlug);
		if (!parent || parent.kind !== 'county') throw new ValidationError(`Einen Kreis mit dem Kurznamen „${parentSlug}“ gibt es nicht.`, { parentSlug: 'Unbekannter Kreis.' });
		if (input.kind !== 'county_municipality') throw new ValidationError('Nur kreisangehörige Städte und Gemeinden gehören zu einem Kreis.', { kind: 'Passt nicht zum Kreis.' });
		parentId = parent.id;
	}
	if (await findMunicipalityBySlug(db, input.slug)) throw new ConflictError(`Der Kurzname „${input.slug}“ ist schon vergeben.`, { slug: 'Schon vergeben.' });
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(municipality)
			.values({ ...input, website: input.website || null, parentId, isDemo: false, createdAt: now, updatedAt: now })
			.returning();
		const ctx = { actor: { kind: 'system' as const, label: 'Kommandozeile' }, municipality: row!, clock: { now: () => now } } as ServiceContext;
		await recordAudit(tx, ctx, { action: 'municipality.create', entityType: 'municipality', entityId: row!.id, after: row });
		return row!;
	});
}
