import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ForbiddenError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, service } from './schema.ts';
import { mayWriteForOrganization, writableOrganizations } from './permissions.ts';
import { rebuildSearchDocuments } from './search-index.ts';

export type Location = typeof location.$inferSelect;

export const WHEELCHAIR_LABELS: Record<Location['wheelchairAccess'], string> = {
	yes: 'Stufenlos erreichbar',
	partial: 'Teilweise stufenlos erreichbar',
	no: 'Nicht stufenlos erreichbar',
	unknown: 'Nicht bekannt'
};

/** Decimal degrees, written with a point or a German decimal comma; empty means "not known". */
const coordinate = (label: string, min: number, max: number, example: string) =>
	z
		.string()
		.default('')
		.transform((v) => v.trim().replace(',', '.'))
		.refine((v) => v === '' || /^-?\d{1,3}(\.\d{1,8})?$/.test(v), `${label}: Bitte als Dezimalgrad angeben, z. B. ${example}.`)
		.transform((v) => (v === '' ? null : Number(v)))
		.refine((v) => v === null || (v >= min && v <= max), `${label}: Der Wert liegt nicht in Deutschland (erlaubt ${min} bis ${max}).`);

export const locationInput = z
	.object({
		organizationId: z.uuid('Bitte wählen Sie den Träger.'),
		name: z.string().trim().min(2, 'Bitte geben Sie den Namen des Ortes an, z. B. „Stadtteilbüro Batenbrock“.').max(200, 'Höchstens 200 Zeichen.'),
		street: z.string().trim().min(3, 'Bitte geben Sie Straße und Hausnummer an.').max(200, 'Höchstens 200 Zeichen.'),
		postalCode: z.string().trim().regex(/^\d{5}$/, 'Die Postleitzahl hat fünf Ziffern.'),
		city: z.string().trim().min(2, 'Bitte geben Sie den Ort an.').max(100, 'Höchstens 100 Zeichen.'),
		areaId: z
			.union([z.literal(''), z.uuid('Unbekannter Stadtteil.')])
			.default('')
			.transform((v) => v || null),
		latitude: coordinate('Breitengrad', 47, 55.5, '51.5237'),
		longitude: coordinate('Längengrad', 5.5, 15.5, '6.9285'),
		wheelchairAccess: z.enum(['yes', 'partial', 'no', 'unknown'], { message: 'Bitte wählen Sie eine Angabe zur Barrierefreiheit.' }).default('unknown'),
		accessibleToilet: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
		accessibilityNotes: z.string().trim().max(1000, 'Höchstens 1000 Zeichen.').default(''),
		transitNotes: z.string().trim().max(500, 'Höchstens 500 Zeichen.').default('')
	})
	.superRefine((v, ctx) => {
		if ((v.latitude === null) !== (v.longitude === null))
			ctx.addIssue({ code: 'custom', path: [v.latitude === null ? 'latitude' : 'longitude'], message: 'Bitte geben Sie Breiten- und Längengrad zusammen an (oder keinen von beiden).' });
	});

export async function listLocations(ctx: ServiceContext, organizationId?: string) {
	authorize(ctx, 'backoffice.enter');
	const writable = writableOrganizations(ctx.actor, ctx.municipality.id);
	const readAll = can(ctx, 'offers.read');
	if (!readAll && writable !== 'all' && !writable.length) return [];
	const conditions = [eq(location.municipalityId, ctx.municipality.id)];
	if (!readAll && writable !== 'all') conditions.push(inArray(location.organizationId, [...writable]));
	if (organizationId && isUuid(organizationId)) conditions.push(eq(location.organizationId, organizationId));
	return ctx.db
		.select({ location, organizationName: organization.name, areaName: area.name })
		.from(location)
		.innerJoin(organization, eq(organization.id, location.organizationId))
		.leftJoin(area, eq(area.id, location.areaId))
		.where(and(...conditions))
		.orderBy(asc(organization.name), asc(location.name));
}

async function checkArea(ctx: ServiceContext, areaId: string | null) {
	if (!areaId) return;
	const [row] = await ctx.db.select({ id: area.id }).from(area).where(and(eq(area.municipalityId, ctx.municipality.id), eq(area.id, areaId)));
	if (!row) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { areaId: 'Diesen Stadtteil gibt es nicht.' });
}

export async function getLocation(ctx: ServiceContext, id: string) {
	authorize(ctx, 'backoffice.enter');
	const [row] = isUuid(id) ? await ctx.db.select().from(location).where(and(eq(location.municipalityId, ctx.municipality.id), eq(location.id, id))) : [];
	if (!row || !(can(ctx, 'offers.read') || mayWriteForOrganization(ctx.actor, ctx.municipality.id, row.organizationId))) throw new NotFoundError('Diesen Ort gibt es nicht.');
	return { location: row, mayWrite: mayWriteForOrganization(ctx.actor, ctx.municipality.id, row.organizationId) };
}

export async function createLocation(ctx: ServiceContext, raw: unknown) {
	authorize(ctx, 'backoffice.enter');
	const input = parseInput(locationInput, raw);
	if (!mayWriteForOrganization(ctx.actor, ctx.municipality.id, input.organizationId))
		throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { organizationId: 'Für diesen Träger dürfen Sie keine Orte anlegen.' });
	await checkArea(ctx, input.areaId);
	return inTransaction(ctx, async (tx) => {
		const [org] = await tx.select({ id: organization.id }).from(organization).where(and(eq(organization.municipalityId, ctx.municipality.id), eq(organization.id, input.organizationId)));
		if (!org) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { organizationId: 'Diesen Träger gibt es nicht.' });
		const now = ctx.clock.now();
		const [row] = await tx
			.insert(location)
			.values({ ...input, municipalityId: ctx.municipality.id, createdAt: now, updatedAt: now })
			.returning();
		await recordAudit(tx, ctx, { action: 'location.create', entityType: 'location', entityId: row!.id, after: row });
		return row!;
	});
}

/** Venues are not reviewed: an address or access change applies at once to every offer held there. */
export async function updateLocation(ctx: ServiceContext, id: string, raw: unknown) {
	const { location: before, mayWrite } = await getLocation(ctx, id);
	if (!mayWrite) throw new ForbiddenError('Sie dürfen nur die Orte Ihrer eigenen Organisation bearbeiten.');
	const input = parseInput(locationInput, { ...(raw as object), organizationId: before.organizationId });
	await checkArea(ctx, input.areaId);
	return inTransaction(ctx, async (tx) => {
		const [after] = await tx
			.update(location)
			.set({ ...input, organizationId: before.organizationId, updatedAt: ctx.clock.now() })
			.where(eq(location.id, before.id))
			.returning();
		await recordAudit(tx, ctx, { action: 'location.update', entityType: 'location', entityId: before.id, before, after });
		const users = await tx
			.select({ id: service.id })
			.from(service)
			.where(and(eq(service.municipalityId, ctx.municipality.id), eq(service.organizationId, before.organizationId)));
		for (const s of users) await rebuildSearchDocuments(tx, s.id);
		return after!;
	});
}
