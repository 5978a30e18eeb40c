import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { indicator, indicatorStatement, keyFigure } from './schema.ts';

/*
 * Qualitative indicators and targets (Ratingen Integrationskonzept, ch. 3.4 and 4): what a count
 * cannot show is recorded as dated statements with the evidence they rest on; a key figure may carry
 * the value the concept aims for and the date it should be reached by.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

const indicatorInput = z.object({
	name: z.string().trim().min(3, 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.').max(200),
	description: z.string().trim().max(2000).default(''),
	topic: z.string().trim().max(100).default('')
});

export async function createIndicator(ctx: ServiceContext, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const input = parseInput(indicatorInput, raw);
	return inTransaction(ctx, async (tx) => {
		const [clash] = await tx
			.select({ id: indicator.id })
			.from(indicator)
			.where(and(eq(indicator.municipalityId, ctx.municipality.id), eq(indicator.name, input.name)));
		if (clash) throw new ValidationError('Einen Indikator mit diesem Namen gibt es schon.', { name: 'Einen Indikator mit diesem Namen gibt es schon.' });
		const now = ctx.clock.now();
		const [created] = await tx
			.insert(indicator)
			.values({ ...input, municipalityId: ctx.municipality.id, createdAt: now, updatedAt: now })
			.returning();
		await recordAudit(tx, ctx, { action: 'monitoring.indicator.create', entityType: 'monitoring_indicator', entityId: created!.id, after: input });
		return created!;
	});
}

const statementInput = z.object({
	statedOn: z.string().trim().refine(validDate, 'Bitte geben Sie ein Datum an, z. B. 2026-06-30.'),
	statement: z.string().trim().min(10, 'Bitte beschreiben Sie den Stand in mindestens einem Satz.').max(4000),
	evidence: z.string().trim().min(3, 'Bitte nennen Sie den Beleg, z. B. ein Protokoll oder einen Bericht.').max(1000)
});

export async function addIndicatorStatement(ctx: ServiceContext, indicatorId: string, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const target = await findIndicator(ctx, indicatorId);
	const input = parseInput(statementInput, raw);
	if (input.statedOn > ctx.clock.now().toISOString().slice(0, 10)) throw new ValidationError('Bitte prüfen Sie das Datum.', { statedOn: 'Ein Stand kann nicht in der Zukunft liegen.' });
	return inTransaction(ctx, async (tx) => {
		const [created] = await tx
			.insert(indicatorStatement)
			.values({ ...input, municipalityId: ctx.municipality.id, indicatorId: target.id, userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null, createdAt: ctx.clock.now() })
			.returning();
		await recordAudit(tx, ctx, { action: 'monitoring.indicator.statement', entityType: 'monitoring_indicator', entityId: target.id, after: input });
		return created!;
	});
}

async function findIndicator(ctx: ServiceContext, id: string) {
	if (!isUuid(id)) throw new NotFoundError('Diesen Indikator gibt es nicht.');
	const [row] = await ctx.db
		.select()
		.from(indicator)
		.where(and(eq(indicator.municipalityId, ctx.municipality.id), eq(indicator.id, id)));
	if (!row) throw new NotFoundError('Diesen Indikator gibt es nicht.');
	return row;
}

/** Every indicator with its statements, newest first. */
export async function listIndicators(ctx: ServiceContext) {
	authorize(ctx, 'monitoring.read');
	const indicators = await ctx.db.select().from(indicator).where(eq(indicator.municipalityId, ctx.municipality.id)).orderBy(asc(indicator.topic), asc(indicator.name));
	const statements = await ctx.db
		.select()
		.from(indicatorStatement)
		.where(eq(indicatorStatement.municipalityId, ctx.municipality.id))
		.orderBy(desc(indicatorStatement.statedOn), desc(indicatorStatement.createdAt));
	return indicators.map((i) => ({ ...i, statements: statements.filter((s) => s.indicatorId === i.id) }));
}

const targetInput = z.object({
	targetValue: z
		.string()
		.trim()
		.transform((v) => v.replace(',', '.'))
		.refine((v) => v === '' || (/^-?\d{1,4}(\.\d{1,2})?$/.test(v) && Math.abs(Number(v)) <= 1000), 'Bitte geben Sie den Zielwert als Zahl an, z. B. 40 oder 37,5.'),
	targetDate: z
		.string()
		.trim()
		.refine((v) => v === '' || validDate(v), 'Bitte geben Sie ein Datum an, z. B. 2030-12-31.')
});

/** The value a key figure should reach, and by when; both empty removes the target. */
export async function setKeyFigureTarget(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	if (!isUuid(id)) throw new NotFoundError('Diese Kennzahl gibt es nicht.');
	const [row] = await ctx.db
		.select()
		.from(keyFigure)
		.where(and(eq(keyFigure.municipalityId, ctx.municipality.id), eq(keyFigure.id, id)));
	if (!row) throw new NotFoundError('Diese Kennzahl gibt es nicht.');
	const input = parseInput(targetInput, { targetValue: String(raw.targetValue ?? ''), targetDate: String(raw.targetDate ?? '') });
	if ((input.targetValue === '') !== (input.targetDate === ''))
		throw new ValidationError('Ein Ziel braucht Wert und Datum.', input.targetValue === '' ? { targetValue: 'Bitte geben Sie auch den Zielwert an.' } : { targetDate: 'Bitte geben Sie auch das Datum an, bis wann das Ziel erreicht sein soll.' });
	const after = { targetValue: input.targetValue === '' ? null : Number(input.targetValue), targetDate: input.targetDate || null };
	await inTransaction(ctx, async (tx) => {
		await tx
			.update(keyFigure)
			.set({ ...after, updatedAt: ctx.clock.now() })
			.where(eq(keyFigure.id, row.id));
		await recordAudit(tx, ctx, { action: 'monitoring.key_figure.target', entityType: 'monitoring_key_figure', entityId: row.id, before: { targetValue: row.targetValue, targetDate: row.targetDate }, after });
	});
	return after;
}
