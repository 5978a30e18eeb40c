import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, anonymous, caught, outbox, TEST_ORIGIN, TEST_PASSWORD, type TestWorld } from '../../test/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../../core/errors.ts';
import { auditEvent, invitation, session, verification } from '../../core/schema.ts';
import { createOrganization } from '../organizations/service.ts';
import type { Actor } from '../../core/roles.ts';
import { signIn, requestPasswordReset, resetPassword, inviteUser, acceptInvitation, findOpenInvitation, updateUserRoles, listUsers, loadActor, INVITATION_TTL_MS } from './index.ts';

type UserActor = Extract<Actor, { kind: 'user' }>;
let world: TestWorld;
beforeAll(async () => {
	world = await createTestWorld();
});
afterAll(() => world?.close());

let addressCounter = 0;
/** Each test signs in from its own address, so the per-address counts do not mix. */
const visitorAt = (m = world.a) => contextFor(world, anonymous, m, { address: `198.51.100.${++addressCounter}` });
const attempt = (ctx: ReturnType<typeof visitorAt>, email: string, password: string) => signIn(ctx, { email, password }, new Headers());
const sessionsOf = (userId: string) => world.db.select().from(session).where(eq(session.userId, userId));
const newPassword = (password: string) => ({ password, passwordRepeat: password });

describe('signIn', () => {
	it('with the right password: a session row, and an audit event', async () => {
		const u = await userWith(world, world.a, 'editor');
		const result = await attempt(visitorAt(), u.email.toUpperCase(), TEST_PASSWORD);
		expect(result.user.id).toBe(u.userId);
		const sessions = await sessionsOf(u.userId);
		expect(sessions.map((s) => s.token)).toEqual([result.token]);
		const events = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, u.userId), eq(auditEvent.action, 'user.sign_in')));
		expect(events).toHaveLength(1);
	});

	it('with a wrong password: ValidationError and no session', async () => {
		const u = await userWith(world, world.a, 'editor');
		const error = await caught(() => attempt(visitorAt(), u.email, 'Falsches-Passwort-1'));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors.password).toMatch(/nicht richtig/);
		expect(await sessionsOf(u.userId)).toEqual([]);
	});

	it('after 5 wrong passwords for one account the 6th attempt is refused, even with the right password', async () => {
		const u = await userWith(world, world.a, 'editor');
		for (let i = 0; i < 5; i++) await expect(attempt(visitorAt(), u.email, `Falsch-${i}-xxxxxxx`)).rejects.toBeInstanceOf(ValidationError);
		const error = await caught(() => attempt(visitorAt(), u.email, TEST_PASSWORD));
		expect(error).toBeInstanceOf(TooManyRequestsError);
		expect((error as TooManyRequestsError).retryAfterSeconds).toBe(15 * 60);
		expect((error as TooManyRequestsError).message).toMatch(/15 Minuten/);
		expect(await sessionsOf(u.userId)).toEqual([]);
	});

	it('4 wrong passwords, then the right one: signed in, and the account count starts again', async () => {
		const u = await userWith(world, world.a, 'editor');
		const ctx = visitorAt();
		for (let i = 0; i < 4; i++) await expect(attempt(ctx, u.email, 'Falsch-xxxxxxxx')).rejects.toBeInstanceOf(ValidationError);
		await attempt(ctx, u.email, TEST_PASSWORD);
		for (let i = 0; i < 4; i++) await expect(attempt(visitorAt(), u.email, 'Falsch-xxxxxxxx')).rejects.toBeInstanceOf(ValidationError);
		await expect(attempt(visitorAt(), u.email, TEST_PASSWORD)).resolves.toMatchObject({ user: { id: u.userId } });
	});

	it('20 failures from one address across different accounts block that address, not others', async () => {
		const ctx = visitorAt();
		const others = await Promise.all([1, 2, 3].map(() => userWith(world, world.a, 'jury_member')));
		const emails = [...others.map((o) => o.email), ...Array.from({ length: 17 }, (_, i) => `unbekannt-${i}@example.test`)];
		for (const email of emails) await expect(attempt(ctx, email, 'Falsch-xxxxxxxx')).rejects.toBeInstanceOf(ValidationError);
		const u = await userWith(world, world.a, 'editor');
		const error = await caught(() => attempt(ctx, u.email, TEST_PASSWORD));
		expect(error).toBeInstanceOf(TooManyRequestsError);
		await expect(attempt(visitorAt(), u.email, TEST_PASSWORD)).resolves.toMatchObject({ user: { id: u.userId } });
	});

	it('failures older than the window no longer count', async () => {
		const u = await userWith(world, world.a, 'editor');
		for (let i = 0; i < 5; i++) await expect(attempt(visitorAt(), u.email, 'Falsch-xxxxxxxx')).rejects.toBeInstanceOf(ValidationError);
		world.clock.advance(14 * 60_000);
		const still = await caught(() => attempt(visitorAt(), u.email, TEST_PASSWORD));
		expect(still).toBeInstanceOf(TooManyRequestsError);
		expect((still as TooManyRequestsError).retryAfterSeconds).toBe(60);
		world.clock.advance(60_000);
		await expect(attempt(visitorAt(), u.email, TEST_PASSWORD)).resolves.toMatchObject({ user: { id: u.userId } });
	});

	it('a user without a role in this municipality is refused and keeps no session', async () => {
		const u = await userWith(world, world.b, 'integration_office');
		const ctx = contextFor(world, anonymous, world.a, { address: '203.0.113.9' });
		const error = await caught(() => signIn(ctx, { email: u.email, password: TEST_PASSWORD }, new Headers()));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).message).toContain('Musterstadt');
		// no session was created at all, so none the browser already had can be replaced
		expect(await sessionsOf(u.userId)).toEqual([]);
		const refused = await world.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'user.sign_in_refused'), eq(auditEvent.entityId, u.userId)));
		expect(refused.map((r) => r.municipalityId)).toEqual([world.a.id]);
		await expect(attempt(visitorAt(world.b), u.email, TEST_PASSWORD)).resolves.toMatchObject({ user: { id: u.userId } });
	});

	it('20 wrong passwords fired at once for one account: at most 5 are checked, the rest refused', async () => {
		const u = await userWith(world, world.a, 'editor');
		const ctx = visitorAt();
		const results = await Promise.allSettled(Array.from({ length: 20 }, () => attempt(ctx, u.email, 'falsch-geraten')));
		const checked = results.filter((r) => r.status === 'rejected' && r.reason instanceof ValidationError).length;
		const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof TooManyRequestsError).length;
		expect(checked + refused).toBe(20);
		expect(checked).toBeLessThanOrEqual(5);
	});

	it('invalid input is a field error', async () => {
		const error = await caught(() => attempt(visitorAt(), 'keine-adresse', ''));
		expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(['email', 'password']);
	});
});

describe('password reset', () => {
	it('sends a token that works once', async () => {
		const u = await userWith(world, world.a, 'editor');
		await attempt(visitorAt(), u.email, TEST_PASSWORD);
		const before = world.resetTokens.length;
		await requestPasswordReset(visitorAt(), { email: u.email });
		expect(world.resetTokens).toHaveLength(before + 1);
		const reset = world.resetTokens.at(-1)!;
		expect(reset).toMatchObject({ email: u.email, callbackURL: '/musterstadt/intern/passwort-neu' });

		await resetPassword(visitorAt(), reset.token, newPassword('Neues-Passwort-2026'));
		expect(await sessionsOf(u.userId)).toEqual([]); // sessions revoked on reset
		await expect(attempt(visitorAt(), u.email, TEST_PASSWORD)).rejects.toBeInstanceOf(ValidationError);
		await expect(attempt(visitorAt(), u.email, 'Neues-Passwort-2026')).resolves.toMatchObject({ user: { id: u.userId } });

		const second = await caught(() => resetPassword(visitorAt(), reset.token, newPassword('Noch-ein-Passwort-2026')));
		expect(second).toBeInstanceOf(ValidationError);
		expect((second as ValidationError).message).toMatch(/ungültig, schon benutzt oder abgelaufen/);
		await expect(attempt(visitorAt(), u.email, 'Neues-Passwort-2026')).resolves.toBeTruthy();
	});

	it('an expired token fails', async () => {
		const u = await userWith(world, world.a, 'editor');
		await requestPasswordReset(visitorAt(), { email: u.email });
		const reset = world.resetTokens.at(-1)!;
		expect(reset.email).toBe(u.email);
		const expired = await world.db
			.update(verification)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(verification.value, u.userId))
			.returning();
		expect(expired).toHaveLength(1);
		await expect(resetPassword(visitorAt(), reset.token, newPassword('Neues-Passwort-2026'))).rejects.toBeInstanceOf(ValidationError);
		await expect(attempt(visitorAt(), u.email, TEST_PASSWORD)).resolves.toBeTruthy();
	});

	it('a request in one municipality never produces a link for staff of another', async () => {
		const u = await userWith(world, world.b, 'integration_office');
		const before = world.resetTokens.length;
		await expect(requestPasswordReset(visitorAt(world.a), { email: u.email })).resolves.toBeUndefined();
		expect(world.resetTokens).toHaveLength(before);
		await requestPasswordReset(visitorAt(world.b), { email: u.email });
		expect(world.resetTokens).toHaveLength(before + 1);
	});

	it('the completed reset is in the audit trail', async () => {
		const u = await userWith(world, world.a, 'editor');
		await requestPasswordReset(visitorAt(), { email: u.email });
		await resetPassword(visitorAt(), world.resetTokens.at(-1)!.token, newPassword('Geaendert-2026-xx'));
		const rows = await world.db.select().from(auditEvent).where(eq(auditEvent.entityId, u.userId));
		expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.password_reset_requested', 'user.password_reset']));
	});

	it('more than 5 requests an hour from one address are refused', async () => {
		const ctx = visitorAt();
		for (let i = 0; i < 5; i++) await requestPasswordReset(ctx, { email: `flut${i}@example.test` });
		await expect(requestPasswordReset(ctx, { email: 'flut9@example.test' })).rejects.toBeInstanceOf(TooManyRequestsError);
	});

	it('an unknown address gets the same answer and no token', async () => {
		const before = world.resetTokens.length;
		await expect(requestPasswordReset(visitorAt(), { email: 'niemand@example.test' })).resolves.toBeUndefined();
		expect(world.resetTokens).toHaveLength(before);
	});

	it.each([
		{ input: { password: 'kurz', passwordRepeat: 'kurz' }, field: 'password' },
		{ input: { password: 'Lang-genug-2026', passwordRepeat: 'Lang-genug-2027' }, field: 'passwordRepeat' }
	])('a bad new password is a field error on $field', async ({ input, field }) => {
		const error = await caught(() => resetPassword(visitorAt(), 'irrelevant', input));
		expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
	});
});

describe('invitations', () => {
	const tokenFrom = (text: string) => new RegExp(`${TEST_ORIGIN}/musterstadt/intern/einladung/([A-Za-z0-9_-]+)`).exec(text)?.[1];

	it('integration office invites; the link creates the account with the roles, once', async () => {
		const admin = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
		const org = await createOrganization(admin, { name: 'Eingeladener Verein', type: 'club' });
		const result = await inviteUser(admin, { name: 'Nina Neu', email: 'Nina.Neu@Example.test', roles: ['editor', 'provider'], organizationIds: [org.id] });
		expect(result.link).toMatch(/\/musterstadt\/intern\/einladung\//);

		const mail = (await outbox(world.db)).find((m) => m.recipient === 'nina.neu@example.test')!;
		expect(mail).toMatchObject({ municipalityId: world.a.id, subject: 'Einladung: Teilhabe Musterstadt' });
		const token = tokenFrom(mail.textBody)!;
		expect(token).toBeTruthy();
		const [stored] = await world.db.select().from(invitation).where(eq(invitation.email, 'nina.neu@example.test'));
		expect(stored!.tokenHash).not.toContain(token);
		const audit = await world.db.select().from(auditEvent).where(eq(auditEvent.action, 'invitation.create'));
		expect(JSON.stringify(audit)).not.toContain(token);

		expect(await findOpenInvitation(visitorAt(world.b), token)).toBeNull(); // another municipality's link
		expect(await findOpenInvitation(visitorAt(), token)).toMatchObject({ email: 'nina.neu@example.test', roles: ['editor', 'provider'] });
		const user = await acceptInvitation(visitorAt(), token, newPassword('Ninas-Passwort-2026'), new Headers());
		const actor = (await loadActor(world.db, user)) as UserActor;
		expect([...actor.roles[world.a.id]!].sort()).toEqual(['editor', 'provider']);
		expect(actor.organizations[world.a.id]).toEqual([org.id]);
		await expect(attempt(visitorAt(), 'nina.neu@example.test', 'Ninas-Passwort-2026')).resolves.toMatchObject({ user: { id: user.id } });

		const again = await caught(() => acceptInvitation(visitorAt(), token, newPassword('Anderes-Passwort-2026'), new Headers()));
		expect(again).toBeInstanceOf(NotFoundError);
		await expect(attempt(visitorAt(), 'nina.neu@example.test', 'Ninas-Passwort-2026')).resolves.toBeTruthy();
	});

	it('an invitation expires after 7 days', async () => {
		const admin = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
		await inviteUser(admin, { name: 'Spät Dran', email: 'spaet@example.test', roles: ['editor'] });
		const token = tokenFrom((await outbox(world.db)).find((m) => m.recipient === 'spaet@example.test')!.textBody)!;
		world.clock.advance(INVITATION_TTL_MS + 1000);
		await expect(acceptInvitation(visitorAt(), token, newPassword('Spaetes-Passwort-2026'), new Headers())).rejects.toBeInstanceOf(NotFoundError);
	});

	it('an editor cannot invite, and no mail goes out', async () => {
		const editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		await expect(inviteUser(editor, { name: 'X Y', email: 'nicht-eingeladen@example.test', roles: ['editor'] })).rejects.toBeInstanceOf(ForbiddenError);
		expect((await outbox(world.db)).some((m) => m.recipient === 'nicht-eingeladen@example.test')).toBe(false);
	});

	it('someone of another municipality must accept with their own password; nobody is added without consent', async () => {
		const admin = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
		const fromB = await userWith(world, world.b, 'editor');
		const result = await inviteUser(admin, { name: fromB.name, email: fromB.email, roles: ['jury_member'] });
		const before = (await loadActor(world.db, { id: fromB.userId, name: fromB.name, email: fromB.email })) as UserActor;
		expect(before.roles[world.a.id]).toBeUndefined();
		const token = result.link.split('/').pop()!;
		expect(await findOpenInvitation(visitorAt(), token)).toMatchObject({ hasAccount: true });
		expect(await caught(() => acceptInvitation(visitorAt(), token, { password: 'falsch' }, new Headers()))).toBeInstanceOf(ValidationError);
		await acceptInvitation(visitorAt(), token, { password: TEST_PASSWORD }, new Headers());
		const actor = (await loadActor(world.db, { id: fromB.userId, name: fromB.name, email: fromB.email })) as UserActor;
		expect(actor.roles).toEqual({ [world.b.id]: ['editor'], [world.a.id]: ['jury_member'] });
		await expect(inviteUser(admin, { name: fromB.name, email: fromB.email, roles: ['editor'] })).rejects.toBeInstanceOf(ConflictError);
	});

	it('the same link submitted three times at once creates one account, and no error is a 500', async () => {
		const admin = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
		const { link } = await inviteUser(admin, { name: 'Drei Mal', email: 'dreimal@example.test', roles: ['editor'] });
		const token = link.split('/').pop()!;
		const results = await Promise.allSettled([1, 2, 3].map(() => acceptInvitation(visitorAt(), token, newPassword('Dreimal-Passwort-2026'), new Headers())));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect([ConflictError, NotFoundError, ValidationError].some((t) => r.reason instanceof t)).toBe(true);
		await expect(attempt(visitorAt(), 'dreimal@example.test', 'Dreimal-Passwort-2026')).resolves.toBeTruthy();
	});
});

describe('updateUserRoles', () => {
	it('changes roles and records before and after', async () => {
		const adminActor = await userWith(world, world.a, 'integration_office');
		const admin = contextFor(world, adminActor, world.a);
		const target = await userWith(world, world.a, 'editor');
		await updateUserRoles(admin, target.userId, { roles: ['editor', 'statistics_office'] });
		const listed = (await listUsers(admin)).users.find((u) => u.id === target.userId)!;
		expect([...listed.roles].sort()).toEqual(['editor', 'statistics_office']);
		const [event] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'user.roles_changed'), eq(auditEvent.entityId, target.userId)));
		expect(event).toMatchObject({
			municipalityId: world.a.id,
			actorUserId: adminActor.userId,
			before: { roles: ['editor'], organizationIds: [] },
			after: { roles: ['editor', 'statistics_office'], organizationIds: [] }
		});
	});

	it('an admin cannot remove their own admin role', async () => {
		const adminActor = await userWith(world, world.a, 'integration_office');
		const error = await caught(() => updateUserRoles(contextFor(world, adminActor, world.a), adminActor.userId, { roles: ['editor'] }));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toHaveProperty('roles');
		const actor = (await loadActor(world.db, { id: adminActor.userId, name: adminActor.name, email: adminActor.email })) as UserActor;
		expect(actor.roles[world.a.id]).toEqual(['integration_office']);
	});

	it("an admin of A cannot change the roles of B's users", async () => {
		const admin = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
		const inB = await userWith(world, world.b, 'editor');
		await expect(updateUserRoles(admin, inB.userId, { roles: ['integration_office'] })).rejects.toBeInstanceOf(NotFoundError);
		const actor = (await loadActor(world.db, { id: inB.userId, name: inB.name, email: inB.email })) as UserActor;
		expect(actor.roles).toEqual({ [world.b.id]: ['editor'] });
	});

	it('an editor cannot change roles', async () => {
		const editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		const target = await userWith(world, world.a, 'jury_member');
		await expect(updateUserRoles(editor, target.userId, { roles: ['integration_office'] })).rejects.toBeInstanceOf(ForbiddenError);
	});
});
