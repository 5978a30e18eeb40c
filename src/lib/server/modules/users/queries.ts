import { and, asc, eq, gte, inArray, isNull, desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { user, roleAssignment, invitation, loginFailure, account, verification } from '../../core/schema.ts';
import { organizationMember } from '../organizations/schema.ts';
import type { Role } from '../../core/roles.ts';

export async function rolesOfUser(db: DbOrTx, userId: string) {
	return db.select({ municipalityId: roleAssignment.municipalityId, role: roleAssignment.role }).from(roleAssignment).where(eq(roleAssignment.userId, userId));
}

export async function organizationsOfUser(db: DbOrTx, userId: string) {
	return db
		.select({ municipalityId: organizationMember.municipalityId, organizationId: organizationMember.organizationId })
		.from(organizationMember)
		.where(eq(organizationMember.userId, userId));
}

export async function findUserByEmail(db: DbOrTx, email: string) {
	const [row] = await db.select().from(user).where(eq(user.email, email)).limit(1);
	return row ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
	const [row] = await db.select().from(user).where(eq(user.id, id)).limit(1);
	return row ?? null;
}

/** Users who hold at least one role in the municipality, with their roles there. */
export async function usersOfMunicipality(db: DbOrTx, municipalityId: string) {
	const rows = await db
		.select({ id: user.id, name: user.name, email: user.email, createdAt: user.createdAt, role: roleAssignment.role })
		.from(roleAssignment)
		.innerJoin(user, eq(user.id, roleAssignment.userId))
		.where(eq(roleAssignment.municipalityId, municipalityId))
		.orderBy(asc(user.name));
	const byId = new Map<string, { id: string; name: string; email: string; createdAt: Date; roles: Role[] }>();
	for (const r of rows) {
		const entry = byId.get(r.id) ?? { id: r.id, name: r.name, email: r.email, createdAt: r.createdAt, roles: [] };
		entry.roles.push(r.role);
		byId.set(r.id, entry);
	}
	return [...byId.values()];
}

export async function replaceRoles(db: DbOrTx, municipalityId: string, userId: string, roles: readonly Role[]) {
	await db.delete(roleAssignment).where(and(eq(roleAssignment.municipalityId, municipalityId), eq(roleAssignment.userId, userId)));
	if (roles.length) await db.insert(roleAssignment).values(roles.map((role) => ({ municipalityId, userId, role })));
}

export async function replaceMemberships(db: DbOrTx, municipalityId: string, userId: string, organizationIds: readonly string[]) {
	await db.delete(organizationMember).where(and(eq(organizationMember.municipalityId, municipalityId), eq(organizationMember.userId, userId)));
	if (organizationIds.length)
		await db.insert(organizationMember).values(organizationIds.map((organizationId) => ({ municipalityId, userId, organizationId })));
}

export async function openInvitations(db: DbOrTx, municipalityId: string, now: Date) {
	return db
		.select()
		.from(invitation)
		.where(and(eq(invitation.municipalityId, municipalityId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gte(invitation.expiresAt, now)))
		.orderBy(desc(invitation.createdAt));
}

export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string) {
	const [row] = await db.select().from(invitation).where(eq(invitation.tokenHash, tokenHash)).limit(1);
	return row ?? null;
}

export async function recentLoginFailures(db: DbOrTx, scope: 'account' | 'address', key: string, since: Date, excludeIds: number[] = []) {
	const rows = await db
		.select({ id: loginFailure.id, failedAt: loginFailure.failedAt })
		.from(loginFailure)
		.where(and(eq(loginFailure.scope, scope), eq(loginFailure.key, key), gte(loginFailure.failedAt, since)));
	return rows.filter((r) => !excludeIds.includes(r.id)).map((r) => r.failedAt);
}

/** Records an attempt as failed (per account and per address); returns the row ids. */
export async function recordLoginFailure(db: DbOrTx, email: string, address: string, at: Date): Promise<number[]> {
	const rows = await db
		.insert(loginFailure)
		.values([
			{ scope: 'account', key: email, failedAt: at },
			{ scope: 'address', key: address, failedAt: at }
		])
		.returning({ id: loginFailure.id });
	return rows.map((r) => r.id);
}

export async function deleteLoginFailures(db: DbOrTx, ids: number[]) {
	if (ids.length) await db.delete(loginFailure).where(inArray(loginFailure.id, ids));
}

/** The stored argon2 hash of a user's password (Better Auth's credential account). */
export async function credentialHash(db: DbOrTx, userId: string): Promise<string | null> {
	const [row] = await db
		.select({ password: account.password })
		.from(account)
		.where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
		.limit(1);
	return row?.password ?? null;
}

export async function hasRoleIn(db: DbOrTx, userId: string, municipalityId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: roleAssignment.id })
		.from(roleAssignment)
		.where(and(eq(roleAssignment.userId, userId), eq(roleAssignment.municipalityId, municipalityId)))
		.limit(1);
	return !!row;
}

/** Better Auth keeps a reset token as verification "reset-password:<token>" whose value is the user id. */
export async function userIdOfResetToken(db: DbOrTx, token: string): Promise<string | null> {
	const [row] = await db.select({ value: verification.value }).from(verification).where(eq(verification.identifier, `reset-password:${token}`)).limit(1);
	return row?.value ?? null;
}

/**
 * Marks an invitation accepted, if it still is open: the one statement that decides who wins when the
 * same link is submitted twice at once. Returns the invitation, or null when it was not open.
 */
export async function claimInvitation(db: DbOrTx, id: string, now: Date) {
	const [row] = await db
		.update(invitation)
		.set({ acceptedAt: now })
		.where(and(eq(invitation.id, id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt), gte(invitation.expiresAt, now)))
		.returning();
	return row ?? null;
}

export async function unclaimInvitation(db: DbOrTx, id: string) {
	await db.update(invitation).set({ acceptedAt: null }).where(eq(invitation.id, id));
}

export async function deleteUser(db: DbOrTx, userId: string) {
	await db.delete(user).where(eq(user.id, userId));
}

export async function clearAccountFailures(db: DbOrTx, email: string) {
	await db.delete(loginFailure).where(and(eq(loginFailure.scope, 'account'), eq(loginFailure.key, email)));
}

