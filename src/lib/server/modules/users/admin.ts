import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { rolesInput } from '../../core/inputs.ts';
import { organizationIdsExist } from '../organizations/index.ts';
import * as q from './queries.ts';

/* Administration of the users of a municipality by its integration office. */

export async function listUsers(ctx: ServiceContext) {
	authorize(ctx, 'users.read');
	const [users, invitations] = await Promise.all([
		q.usersOfMunicipality(ctx.db, ctx.municipality.id),
		q.openInvitations(ctx.db, ctx.municipality.id, ctx.clock.now())
	]);
	const withOrgs = await Promise.all(
		users.map(async (u) => ({
			...u,
			organizationIds: (await q.organizationsOfUser(ctx.db, u.id)).filter((o) => o.municipalityId === ctx.municipality.id).map((o) => o.organizationId)
		}))
	);
	return { users: withOrgs, invitations };
}

export async function getUser(ctx: ServiceContext, userId: string) {
	authorize(ctx, 'users.read');
	const { users } = await listUsers(ctx);
	const found = users.find((u) => u.id === userId);
	if (!found) throw new NotFoundError('Diese Person hat in Ihrer Kommune kein Konto.');
	return found;
}

export async function updateUserRoles(ctx: ServiceContext, userId: string, raw: unknown) {
	authorize(ctx, 'users.manage');
	const input = parseInput(rolesInput, raw);
	const before = await getUser(ctx, userId);
	if (!(await organizationIdsExist(ctx.db, ctx.municipality.id, input.organizationIds)))
		throw new ValidationError('Bitte wählen Sie nur Organisationen Ihrer Kommune.', { organizationIds: 'Unbekannte Organisation.' });
	if (ctx.actor.kind === 'user' && ctx.actor.userId === userId && !input.roles.includes('integration_office'))
		throw new ValidationError('Sie können sich die Administrationsrolle nicht selbst entziehen.', { roles: 'Die eigene Administrationsrolle bleibt.' });
	if (input.roles.length === 0) throw new ValidationError('Bitte wählen Sie mindestens eine Rolle oder entfernen Sie den Zugang.', { roles: 'Mindestens eine Rolle.' });
	await inTransaction(ctx, async (tx) => {
		await q.replaceRoles(tx, ctx.municipality.id, userId, input.roles);
		await q.replaceMemberships(tx, ctx.municipality.id, userId, input.organizationIds);
		await recordAudit(tx, ctx, {
			action: 'user.roles_changed',
			entityType: 'user',
			entityId: userId,
			before: { roles: before.roles, organizationIds: before.organizationIds },
			after: { roles: input.roles, organizationIds: input.organizationIds }
		});
	});
}

/** Takes away every role in this municipality; the account itself may still serve other municipalities. */
export async function removeUserAccess(ctx: ServiceContext, userId: string) {
	authorize(ctx, 'users.manage');
	const before = await getUser(ctx, userId);
	if (ctx.actor.kind === 'user' && ctx.actor.userId === userId) throw new ValidationError('Sie können Ihren eigenen Zugang nicht entfernen.');
	await inTransaction(ctx, async (tx) => {
		await q.replaceRoles(tx, ctx.municipality.id, userId, []);
		await q.replaceMemberships(tx, ctx.municipality.id, userId, []);
		await recordAudit(tx, ctx, { action: 'user.access_removed', entityType: 'user', entityId: userId, before: { email: before.email, roles: before.roles } });
	});
}
