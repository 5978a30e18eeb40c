import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { NotFoundError, parseInput } from '../../core/errors.ts';
import { barrierReport } from './schema.ts';
import { isUuid } from '../../core/ids.ts';
import { consumeRateLimit, BARRIER_REPORTS_PER_ADDRESS } from '../../core/rate-limit.ts';
import { barrierReportInput, BARRIER_STATUSES } from './inputs.ts';

/**
 * A visitor reports a barrier. The report is stored and mailed to the municipality's contact for
 * accessibility; a reply address is optional and only used to answer.
 */
export async function submitBarrierReport(ctx: ServiceContext, raw: unknown, language: string) {
	if (!ctx.municipality.enabledLanguages.includes(language)) throw new NotFoundError();
	const input = parseInput(barrierReportInput, raw, 'invalid');
	await consumeRateLimit(ctx.db, BARRIER_REPORTS_PER_ADDRESS, ctx.address ?? 'unknown', ctx.clock.now(), 'rate_limited');
	const row = await inTransaction(ctx, async (tx) => {
		const [created] = await tx
			.insert(barrierReport)
			.values({
				municipalityId: ctx.municipality.id,
				pageUrl: input.pageUrl,
				description: input.description,
				contactName: input.contactName,
				contactEmail: input.contactEmail,
				language,
				createdAt: ctx.clock.now()
			})
			.returning();
		await recordAudit(tx, ctx, { action: 'barrier_report.create', entityType: 'barrier_report', entityId: created!.id, after: { pageUrl: created!.pageUrl, language } });
		return created!;
	});
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: ctx.municipality.accessibilityEmail,
		subject: `Gemeldete Barriere: ${input.pageUrl}`.slice(0, 200),
		text: [
			'Über das Portal wurde eine Barriere gemeldet.',
			'',
			`Seite: ${input.pageUrl}`,
			`Sprache der Meldung: ${language}`,
			'',
			input.description,
			'',
			input.contactEmail ? `Antwort erbeten an: ${input.contactName || 'ohne Namen'} <${input.contactEmail}>` : 'Keine Kontaktangabe.',
			'',
			`Meldung im Backoffice: ${ctx.origin}/${ctx.municipality.slug}/intern/barrieren`,
			'Nach BITV NRW ist die Meldung innerhalb eines Monats zu beantworten.'
		].join('\n')
	});
	return row;
}

export async function listBarrierReports(ctx: ServiceContext) {
	authorize(ctx, 'barrierReports.read');
	return ctx.db.select().from(barrierReport).where(eq(barrierReport.municipalityId, ctx.municipality.id)).orderBy(desc(barrierReport.createdAt));
}

const statusInput = z.object({ status: z.enum(BARRIER_STATUSES, { message: 'Unbekannter Status.' }) });

export async function setBarrierReportStatus(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'barrierReports.manage');
	const { status } = parseInput(statusInput, raw, 'Unbekannter Status.');
	await inTransaction(ctx, async (tx) => {
		const [before] = !isUuid(id) ? [] : await tx.select().from(barrierReport).where(and(eq(barrierReport.municipalityId, ctx.municipality.id), eq(barrierReport.id, id)));
		if (!before) throw new NotFoundError('Diese Meldung gibt es nicht.');
		await tx.update(barrierReport).set({ status: status }).where(eq(barrierReport.id, id));
		await recordAudit(tx, ctx, { action: 'barrier_report.status', entityType: 'barrier_report', entityId: id, before: { status: before.status }, after: { status: status } });
	});
}
