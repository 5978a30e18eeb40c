import { APIError } from 'better-auth/api';
import type { ServiceContext } from '../../core/context.ts';
import { recordAudit } from '../../core/audit.ts';
import { ValidationError, parseInput } from '../../core/errors.ts';
import { signInInput, newPasswordInput } from '../../core/inputs.ts';
import { consumeRateLimit, PASSWORD_RESETS_PER_ADDRESS } from '../../core/rate-limit.ts';
import * as q from './queries.ts';

/**
 * Sends a reset link, but only to someone who works for this municipality: a request made in one
 * municipality can never produce a link for another's staff. The answer is the same either way.
 */
export async function requestPasswordReset(ctx: ServiceContext, raw: unknown) {
	const { email } = parseInput(signInInput.pick({ email: true }), raw);
	await consumeRateLimit(ctx.db, PASSWORD_RESETS_PER_ADDRESS, ctx.address ?? 'unknown', ctx.clock.now(), 'Zu viele Anfragen von diesem Anschluss. Bitte versuchen Sie es in einer Stunde erneut.');
	const user = await q.findUserByEmail(ctx.db, email);
	if (!user || !(await q.hasRoleIn(ctx.db, user.id, ctx.municipality.id))) return;
	await ctx.auth.api.requestPasswordReset({ body: { email, redirectTo: `/${ctx.municipality.slug}/intern/passwort-neu` } });
	await recordAudit(ctx.db, ctx, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id });
}

export async function resetPassword(ctx: ServiceContext, token: string, raw: unknown) {
	const { password } = parseInput(newPasswordInput, raw);
	const userId = await q.userIdOfResetToken(ctx.db, token);
	try {
		await ctx.auth.api.resetPassword({ body: { newPassword: password, token } });
	} catch (e) {
		if (e instanceof APIError)
			throw new ValidationError('Der Link zum Zurücksetzen ist ungültig, schon benutzt oder abgelaufen. Bitte fordern Sie einen neuen an.');
		throw e;
	}
	if (userId) await recordAudit(ctx.db, ctx, { action: 'user.password_reset', entityType: 'user', entityId: userId, after: { sessionsRevoked: true } });
}
