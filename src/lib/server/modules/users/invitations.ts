import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { newPasswordInput, inviteInput } from '../../core/inputs.ts';
import { ROLE_LABELS, type Role } from '../../core/roles.ts';
import { invitation } from '../../core/schema.ts';
import { isUuid } from '../../core/ids.ts';
import { organizationIdsExist } from '../organizations/index.ts';
import { loadActor } from './actor.ts';
import { checkCredentials } from './credentials.ts';
import * as q from './queries.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

function inviteMail(ctx: ServiceContext, to: string, name: string, roles: Role[], link: string) {
	const roleList = roles.map((r) => ROLE_LABELS[r]).join(', ');
	return {
		to,
		subject: `Einladung: Teilhabe ${ctx.municipality.name}`,
		municipalityId: ctx.municipality.id,
		containsSecret: true,
		text: `Guten Tag ${name},\n\nSie wurden eingeladen, im Integrationsportal „Teilhabe“ für ${ctx.municipality.name} mitzuarbeiten (Rollen: ${roleList}).\n\nBitte nehmen Sie die Einladung innerhalb von 7 Tagen an:\n${link}\n\nWenn Sie schon ein Konto bei Teilhabe haben, bestätigen Sie dort mit Ihrem bisherigen Passwort. Wenn Sie diese Einladung nicht erwartet haben, können Sie diese Nachricht ignorieren.\n\n${ctx.municipality.officeName}`
	};
}

/**
 * Invites a person by e-mail. Every invitation must be accepted by the person, also when they already
 * have an account elsewhere: no municipality can add someone without their consent, and the answer does
 * not reveal whether an address has an account.
 */
export async function inviteUser(ctx: ServiceContext, raw: unknown) {
	authorize(ctx, 'users.manage');
	const input = parseInput(inviteInput, raw);
	if (!(await organizationIdsExist(ctx.db, ctx.municipality.id, input.organizationIds)))
		throw new ValidationError('Bitte wählen Sie nur Organisationen Ihrer Kommune.', { organizationIds: 'Unbekannte Organisation.' });
	const existing = await q.findUserByEmail(ctx.db, input.email);
	if (existing && (await q.hasRoleIn(ctx.db, existing.id, ctx.municipality.id)))
		throw new ConflictError('Diese Person hat bereits Zugang zu Ihrer Kommune. Ändern Sie dort ihre Rollen.', { email: 'Hat bereits Zugang.' });
	const token = crypto.randomBytes(32).toString('base64url');
	const link = `${ctx.origin}/${ctx.municipality.slug}/intern/einladung/${token}`;
	const created = await inTransaction(ctx, async (tx) => {
		const [row] = await tx
			.insert(invitation)
			.values({
				municipalityId: ctx.municipality.id,
				email: input.email,
				name: input.name,
				roles: input.roles,
				organizationIds: input.organizationIds,
				tokenHash: sha256(token),
				expiresAt: new Date(ctx.clock.now().getTime() + INVITATION_TTL_MS),
				invitedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
				createdAt: ctx.clock.now()
			})
			.returning();
		await recordAudit(tx, ctx, { action: 'invitation.create', entityType: 'invitation', entityId: row!.id, after: { ...row, tokenHash: undefined } });
		return row!;
	});
	await ctx.mail.send(inviteMail(ctx, input.email, input.name, input.roles, link));
	// The link goes back to the caller only for the command line, which hands it to the first administrator.
	return { invitationId: created.id, link };
}

export async function revokeInvitation(ctx: ServiceContext, invitationId: string) {
	authorize(ctx, 'users.manage');
	await inTransaction(ctx, async (tx) => {
		const [row] = isUuid(invitationId) ? await tx.select().from(invitation).where(eq(invitation.id, invitationId)).limit(1) : [];
		if (!row || row.municipalityId !== ctx.municipality.id) throw new NotFoundError('Diese Einladung gibt es nicht.');
		await tx.update(invitation).set({ revokedAt: ctx.clock.now() }).where(eq(invitation.id, invitationId));
		await recordAudit(tx, ctx, { action: 'invitation.revoke', entityType: 'invitation', entityId: invitationId, before: { email: row.email } });
	});
}

/** The invitation behind a link, if it is still usable in this municipality. */
export async function findOpenInvitation(ctx: ServiceContext, token: string) {
	const row = await q.findInvitationByTokenHash(ctx.db, sha256(token));
	if (!row || row.municipalityId !== ctx.municipality.id || row.acceptedAt || row.revokedAt || row.expiresAt < ctx.clock.now()) return null;
	const hasAccount = !!(await q.findUserByEmail(ctx.db, row.email));
	return { id: row.id, email: row.email, name: row.name, roles: row.roles as Role[], organizationIds: row.organizationIds, hasAccount };
}

const existingAccountInput = z.object({ password: z.string().min(1, 'Bitte geben Sie das Passwort Ihres bestehenden Kontos ein.') });

async function grantInvitedAccess(
	ctx: ServiceContext,
	open: NonNullable<Awaited<ReturnType<typeof findOpenInvitation>>>,
	userRow: { id: string; name: string; email: string },
	alreadyClaimed = false
) {
	await inTransaction(ctx, async (tx) => {
		if (!alreadyClaimed && !(await q.claimInvitation(tx, open.id, ctx.clock.now()))) throw new ConflictError('Diese Einladung wurde gerade schon angenommen.');
		await q.replaceRoles(tx, ctx.municipality.id, userRow.id, open.roles);
		await q.replaceMemberships(tx, ctx.municipality.id, userRow.id, open.organizationIds);
		const actor = await loadActor(tx, userRow);
		await recordAudit(tx, { ...ctx, actor }, { action: 'invitation.accept', entityType: 'user', entityId: userRow.id, after: { email: open.email, roles: open.roles } });
	});
}

/**
 * The invited person accepts. Without an account they choose a password and the account is created;
 * with one (from another municipality) they confirm with its password. Either way they are signed in.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string, raw: unknown, headers: Headers) {
	const open = await findOpenInvitation(ctx, token);
	if (!open) throw new NotFoundError('Diese Einladung ist ungültig, abgelaufen oder wurde schon angenommen.');

	if (open.hasAccount) {
		const { password } = parseInput(existingAccountInput, raw);
		const { user } = await checkCredentials(ctx, open.email, password);
		await grantInvitedAccess(ctx, open, user);
		await ctx.auth.api.signInEmail({ body: { email: open.email, password, rememberMe: false }, headers });
		return user;
	}

	const { password } = parseInput(newPasswordInput, raw);
	// Claim first, so that a double submit cannot create the account twice; give it back if creation fails.
	if (!(await q.claimInvitation(ctx.db, open.id, ctx.clock.now()))) throw new ConflictError('Diese Einladung wurde gerade schon angenommen.');
	let created;
	try {
		created = await ctx.auth.api.signUpEmail({ body: { email: open.email, password, name: open.name }, headers });
	} catch (e) {
		await q.unclaimInvitation(ctx.db, open.id);
		if (e instanceof APIError) throw new ConflictError('Das Konto konnte nicht angelegt werden. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.');
		throw e;
	}
	try {
		await grantInvitedAccess(ctx, open, created.user, true);
	} catch (e) {
		// Nothing half-done stays behind: without its roles the new account is removed again.
		await q.deleteUser(ctx.db, created.user.id);
		await q.unclaimInvitation(ctx.db, open.id);
		throw e;
	}
	return created.user;
}
