import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { user } from '../../core/schema.ts';
import { offerReport, service } from './schema.ts';

/*
 * Visitors' reports of wrong information (public.ts stores and mails them). The editors work through them
 * here. The sender's e-mail address is kept only while the report is open – it is there to answer them –
 * and erased when the report is closed.
 */

export async function listOfferReports(ctx: ServiceContext, options: { open: boolean; serviceId?: string }) {
	authorize(ctx, 'offers.review');
	const conditions = [eq(offerReport.municipalityId, ctx.municipality.id), options.open ? isNull(offerReport.resolvedAt) : isNotNull(offerReport.resolvedAt)];
	if (options.serviceId) {
		if (!isUuid(options.serviceId)) return [];
		conditions.push(eq(offerReport.serviceId, options.serviceId));
	}
	return ctx.db
		.select({
			id: offerReport.id,
			serviceId: offerReport.serviceId,
			offerName: sql<string>`coalesce(${service.published}->>'name', ${service.draft}->>'name')`,
			message: offerReport.message,
			email: offerReport.email,
			language: offerReport.language,
			createdAt: offerReport.createdAt,
			resolvedAt: offerReport.resolvedAt,
			resolution: offerReport.resolution,
			resolvedBy: user.name
		})
		.from(offerReport)
		.innerJoin(service, eq(service.id, offerReport.serviceId))
		.leftJoin(user, eq(user.id, offerReport.resolvedByUserId))
		.where(and(...conditions))
		.orderBy(options.open ? asc(offerReport.createdAt) : desc(offerReport.resolvedAt))
		.limit(options.open ? 500 : 100);
}

export async function countOpenOfferReports(ctx: ServiceContext): Promise<number> {
	authorize(ctx, 'offers.review');
	const [row] = await ctx.db
		.select({ n: sql<number>`count(*)::int` })
		.from(offerReport)
		.where(and(eq(offerReport.municipalityId, ctx.municipality.id), isNull(offerReport.resolvedAt)));
	return row?.n ?? 0;
}

const resolveInput = z.object({
	resolution: z.string().trim().min(3, 'Bitte notieren Sie kurz, was Sie getan haben (z. B. „Telefonnummer korrigiert“).').max(2000, 'Höchstens 2000 Zeichen.')
});

export async function resolveOfferReport(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'offers.review');
	const { resolution } = parseInput(resolveInput, raw);
	if (!isUuid(id)) throw new NotFoundError('Diesen Hinweis gibt es nicht.');
	return inTransaction(ctx, async (tx) => {
		const [before] = await tx
			.select()
			.from(offerReport)
			.where(and(eq(offerReport.municipalityId, ctx.municipality.id), eq(offerReport.id, id)))
			.for('update');
		if (!before) throw new NotFoundError('Diesen Hinweis gibt es nicht.');
		if (before.resolvedAt) throw new ConflictError('Dieser Hinweis ist bereits erledigt.');
		const now = ctx.clock.now();
		await tx
			.update(offerReport)
			.set({ resolvedAt: now, resolvedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null, resolution, email: '' })
			.where(eq(offerReport.id, id));
		await recordAudit(tx, ctx, {
			action: 'offer_report.resolve',
			entityType: 'offer',
			entityId: before.serviceId,
			before: { reportId: id, resolvedAt: null },
			after: { reportId: id, resolvedAt: now, resolution, emailErased: before.email !== '' }
		});
	});
}
