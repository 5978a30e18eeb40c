import type { ServiceContext } from '../../core/context.ts';
import { recordAudit } from '../../core/audit.ts';
import { ValidationError, parseInput } from '../../core/errors.ts';
import { signInInput } from '../../core/inputs.ts';
import { loadActor } from './actor.ts';
import { checkCredentials } from './credentials.ts';

/**
 * Sign in to one municipality's back office. The password and the role there are checked before
 * Better Auth creates a session, so a refused sign-in never replaces a session the browser already has.
 */
export async function signIn(ctx: ServiceContext, raw: unknown, headers: Headers) {
	const input = parseInput(signInInput, raw);
	const { user, earlierFailures } = await checkCredentials(ctx, input.email, input.password);
	const actor = await loadActor(ctx.db, user);
	if (!(actor.kind === 'user' && actor.roles[ctx.municipality.id]?.length)) {
		await recordAudit(ctx.db, { ...ctx, actor }, { action: 'user.sign_in_refused', entityType: 'user', entityId: user.id, after: { reason: 'no_role_here' } });
		throw new ValidationError(`Ihr Konto hat für ${ctx.municipality.name} keinen Zugang. Bitte wenden Sie sich an das Integrationsbüro.`);
	}
	const result = await ctx.auth.api.signInEmail({ body: { email: input.email, password: input.password, rememberMe: false }, headers });
	await recordAudit(ctx.db, { ...ctx, actor }, { action: 'user.sign_in', entityType: 'user', entityId: user.id, after: earlierFailures ? { earlierFailures } : null });
	return { user: result.user, token: result.token };
}

export async function signOut(ctx: ServiceContext, headers: Headers) {
	await ctx.auth.api.signOut({ headers });
	if (ctx.actor.kind === 'user') await recordAudit(ctx.db, ctx, { action: 'user.sign_out', entityType: 'user', entityId: ctx.actor.userId });
}
