import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from '../../core/errors.ts';
import { organization } from './schema.ts';
import { organizationInput, type OrganizationInput } from './inputs.ts';
import { mayEditOrganization } from './permissions.ts';
import * as q from './queries.ts';
import { and, eq } from 'drizzle-orm';


function isUniqueViolation(e: unknown): boolean {
	const code = (e as { code?: string; cause?: { code?: string } })?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
	return code === '23505';
}
const duplicateName = () => new ConflictError('Eine Organisation mit diesem Namen gibt es schon.', { name: 'Dieser Name ist schon vergeben.' });

export async function listOrganizations(ctx: ServiceContext) {
	authorize(ctx, 'organizations.read');
	return q.listOrganizations(ctx.db, ctx.municipality.id);
}

export async function getOrganization(ctx: ServiceContext, id: string) {
	authorize(ctx, 'organizations.read');
	const row = await q.findOrganization(ctx.db, ctx.municipality.id, id);
	if (!row) throw new NotFoundError('Diese Organisation gibt es in Ihrer Kommune nicht.');
	return {
		organization: row,
		// Who acts for an organization is visible to staff; their e-mail addresses only to user administrators.
		members: (await q.membersOf(ctx.db, ctx.municipality.id, id)).map((m) => (can(ctx, 'users.read') ? m : { ...m, email: '' })),
		mayEdit: mayEditOrganization(ctx.actor, ctx.municipality.id, id)
	};
}

export async function createOrganization(ctx: ServiceContext, raw: unknown) {
	authorize(ctx, 'organizations.manage');
	const input: OrganizationInput = parseInput(organizationInput, raw);
	try {
		return await inTransaction(ctx, async (tx) => {
			const now = ctx.clock.now();
			const [row] = await tx
				.insert(organization)
				.values({ ...input, municipalityId: ctx.municipality.id, createdAt: now, updatedAt: now })
				.returning();
			await recordAudit(tx, ctx, { action: 'organization.create', entityType: 'organization', entityId: row!.id, after: row });
			return row!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw duplicateName();
		throw e;
	}
}

export async function updateOrganization(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'organizations.read');
	const before = await q.findOrganization(ctx.db, ctx.municipality.id, id);
	if (!before) throw new NotFoundError('Diese Organisation gibt es in Ihrer Kommune nicht.');
	if (!mayEditOrganization(ctx.actor, ctx.municipality.id, id)) throw new ForbiddenError('Sie dürfen nur die Organisationen bearbeiten, für die Sie tätig sind.');
	const input: OrganizationInput = parseInput(organizationInput, raw);
	try {
		return await inTransaction(ctx, async (tx) => {
			const [after] = await tx
				.update(organization)
				.set({ ...input, updatedAt: ctx.clock.now() })
				.where(and(eq(organization.municipalityId, ctx.municipality.id), eq(organization.id, id)))
				.returning();
			await recordAudit(tx, ctx, { action: 'organization.update', entityType: 'organization', entityId: id, before, after });
			return after!;
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw duplicateName();
		throw e;
	}
}
