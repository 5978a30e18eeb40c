import type { ServiceContext } from '../../core/context.ts';
import { TooManyRequestsError, ValidationError } from '../../core/errors.ts';
import { decideThrottle, DEFAULT_THROTTLE } from '../../core/login-throttle.ts';
import { hashPassword, verifyPassword } from '../../core/auth.ts';
import * as q from './queries.ts';

let dummyHash: Promise<string> | null = null;
/** Unknown addresses cost the same argon2 time as known ones, so timing does not reveal accounts. */
const hashForUnknownUser = () => (dummyHash ??= hashPassword('kein-konto-' + Math.random()));

export const WRONG_CREDENTIALS = 'E-Mail-Adresse oder Passwort sind nicht richtig.';

/**
 * Checks e-mail and password under the throttle, without creating a session. The attempt is recorded
 * before the password is checked, so concurrent guesses cannot all slip under the limit; a successful
 * check removes the account's recorded failures and says how many there were (for the audit trail).
 */
export async function checkCredentials(ctx: ServiceContext, email: string, password: string) {
	const now = ctx.clock.now();
	const address = ctx.address ?? 'unknown';
	const attempt = await q.recordLoginFailure(ctx.db, email, address, now);
	const since = new Date(now.getTime() - DEFAULT_THROTTLE.windowMs);
	// The attempt just recorded is not a failure yet: the limit applies to the ones before it
	// (including concurrent attempts that are still being checked).
	const [accountFailures, addressFailures] = await Promise.all([
		q.recentLoginFailures(ctx.db, 'account', email, since, attempt),
		q.recentLoginFailures(ctx.db, 'address', address, since, attempt)
	]);
	const decision = decideThrottle(now, accountFailures, addressFailures);
	if (!decision.allowed) {
		await q.deleteLoginFailures(ctx.db, attempt);
		const minutes = Math.ceil(decision.retryAfterSeconds / 60);
		throw new TooManyRequestsError(
			`Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in ${minutes} ${minutes === 1 ? 'Minute' : 'Minuten'} erneut.`,
			decision.retryAfterSeconds
		);
	}
	const user = await q.findUserByEmail(ctx.db, email);
	const hash = user ? await q.credentialHash(ctx.db, user.id) : null;
	const ok = await verifyPassword({ hash: hash ?? (await hashForUnknownUser()), password });
	if (!user || !hash || !ok) throw new ValidationError(WRONG_CREDENTIALS, { email: ' ', password: WRONG_CREDENTIALS });
	await q.deleteLoginFailures(ctx.db, attempt);
	const earlierFailures = accountFailures.length;
	await q.clearAccountFailures(ctx.db, email);
	return { user, earlierFailures };
}
