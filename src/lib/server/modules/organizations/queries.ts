import { and, asc, eq, inArray, sql, getTableColumns } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isUuid } from '../../core/ids.ts';
import { organization, organizationMember } from './schema.ts';
import { user } from '../../core/schema.ts';

export async function listOrganizations(db: DbOrTx, municipalityId: string, onlyPublic = false) {
	const where = onlyPublic
		? and(eq(organization.municipalityId, municipalityId), eq(organization.visibility, 'public'))
		: eq(organization.municipalityId, municipalityId);
	return db
		.select({
			...getTableColumns(organization),
			memberCount: sql<number>`(select count(*)::int from ${organizationMember} m where m.organization_id = ${organization.id})`
		})
		.from(organization)
		.where(where)
		.orderBy(asc(organization.name));
}

export async function findOrganization(db: DbOrTx, municipalityId: string, id: string) {
	if (!isUuid(id)) return null;
	const [row] = await db
		.select()
		.from(organization)
		.where(and(eq(organization.municipalityId, municipalityId), eq(organization.id, id)))
		.limit(1);
	return row ?? null;
}

export async function membersOf(db: DbOrTx, municipalityId: string, organizationId: string) {
	return db
		.select({ userId: user.id, name: user.name, email: user.email })
		.from(organizationMember)
		.innerJoin(user, eq(user.id, organizationMember.userId))
		.where(and(eq(organizationMember.municipalityId, municipalityId), eq(organizationMember.organizationId, organizationId)))
		.orderBy(asc(user.name));
}

export async function countExisting(db: DbOrTx, municipalityId: string, ids: readonly string[]) {
	if (!ids.length) return 0;
	if (!ids.every(isUuid)) return -1;
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(organization)
		.where(and(eq(organization.municipalityId, municipalityId), inArray(organization.id, [...ids])));
	return row?.n ?? 0;
}
