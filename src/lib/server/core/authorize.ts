import type { ServiceContext } from './context.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { hasPermission, type Permission } from './roles.ts';

/** Every service calls this before it reads or writes anything that is not public. */
export function authorize(ctx: Pick<ServiceContext, 'actor' | 'municipality'>, permission: Permission): void {
	if (ctx.actor.kind === 'anonymous') throw new UnauthenticatedError();
	if (!hasPermission(ctx.actor, ctx.municipality.id, permission)) throw new ForbiddenError();
}

export function can(ctx: Pick<ServiceContext, 'actor' | 'municipality'>, permission: Permission): boolean {
	return hasPermission(ctx.actor, ctx.municipality.id, permission);
}
