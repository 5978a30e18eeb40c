/** A fund, its guideline versions, its rounds, its jury and its letter templates. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { roleAssignment, user } from '../../core/schema.ts';
import { fund, guideline, juryMember, letterTemplate, round, LETTER_KINDS, type LetterKind } from './schema.ts';
import { ensureCurrentRound, guidelineAt, loadFund, type Fund } from './common.ts';
import { berlinDate, councilConfirmationDue, isBeforeDeadline, isIsoDate, parseEuro } from './rules.ts';
import { DEFAULT_TEMPLATES, unknownPlaceholders } from './letters.ts';
import { startOfBerlinDay } from '../../core/clock.ts';

/** The goals of § 1 of the Bottrop guideline, as keys the platform reports by. */
export const DEFAULT_GOALS = [
	{ key: 'image', label: 'Imageverbesserung für das Quartier bzw. den Stadtteil' },
	{ key: 'activation', label: 'Aktivierung von Bewohnerinnen und Bewohnern' },
	{ key: 'self_help', label: 'Eigenverantwortung, Selbsthilfe und Prävention' },
	{ key: 'neighbourhood', label: 'Nachbarschaftliche Kontakte und Zusammenleben' },
	{ key: 'identity', label: 'Identitätsstiftende Orte im Quartier' },
	{ key: 'integration', label: 'Integration unterschiedlicher Gruppen im Quartier' },
	{ key: 'culture', label: 'Belebung des Stadtteils und der Stadtteilkultur' },
	{ key: 'volunteering', label: 'Ehrenamtliche Strukturen im Quartier' }
];

export async function listFunds(ctx: ServiceContext) {
	if (!can(ctx, 'grants.read') && !can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
	return ctx.db.select().from(fund).where(eq(fund.municipalityId, ctx.municipality.id)).orderBy(asc(fund.name));
}

export interface NewFund {
	slug: string;
	name: string;
	managingOffice: string;
	address: string;
	email: string;
	referencePrefix: string;
	court: string;
	districts: string[];
	guideline: {
		title: string;
		effectiveAt: Date;
		annualBudgetCents: number;
		capCents: number;
		cooperationCapCents: number;
		quoteThresholdCents: number;
		quotesRequired: number;
		settlementMonths: number;
		decisionWeeks: number;
		deadlines: { month: number; day: number }[];
		majority: 'present' | 'votes_cast';
		goals: { key: string; label: string }[];
		excludedDistricts: string[];
	};
}

/** Sets up a fund with its first guideline (used by setup scripts and the demo). */
export async function createFund(ctx: ServiceContext, input: NewFund): Promise<Fund> {
	authorize(ctx, 'grants.manage');
	return inTransaction(ctx, async (tx) => {
		const [row] = await tx
			.insert(fund)
			.values({
				municipalityId: ctx.municipality.id,
				slug: input.slug,
				name: input.name,
				managingOffice: input.managingOffice,
				address: input.address,
				email: input.email,
				referencePrefix: input.referencePrefix,
				court: input.court,
				districts: input.districts
			})
			.returning();
		await tx.insert(guideline).values({ municipalityId: ctx.municipality.id, fundId: row!.id, version: 1, ...input.guideline });
		await recordAudit(tx, ctx, { action: 'grants.fund.create', entityType: 'grants_fund', entityId: row!.id, after: { name: input.name, guideline: input.guideline } });
		return row!;
	});
}

export async function fundOverview(ctx: ServiceContext, fundId: string) {
	if (!can(ctx, 'grants.read') && !can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
	const f = await loadFund(ctx.db, ctx, fundId);
	const current = await inTransaction(ctx, (tx) => ensureCurrentRound(tx, ctx, f));
	const [g, rounds, versions] = await Promise.all([
		guidelineAt(ctx.db, f.id, ctx.clock.now()),
		ctx.db.select().from(round).where(eq(round.fundId, f.id)).orderBy(desc(round.deadline)),
		ctx.db.select().from(guideline).where(eq(guideline.fundId, f.id)).orderBy(desc(guideline.version))
	]);
	return { fund: f, guideline: g, currentRound: current, rounds, versions };
}

const euro = (label: string) =>
	z.string().transform((v, c) => {
		const cents = parseEuro(v);
		if (cents === null || cents <= 0) {
			c.addIssue({ code: 'custom', message: `${label}: bitte einen Betrag in Euro angeben, z. B. 1.500,00.` });
			return z.NEVER;
		}
		return cents;
	});
const isoDate = (label: string) => z.string().refine(isIsoDate, `${label}: bitte ein gültiges Datum angeben.`);
const lines = z.string().transform((v) =>
	v
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
);

const guidelineInput = z.object({
	effectiveOn: isoDate('Gültig ab'),
	juryDecidedOn: isoDate('Beschluss des Gremiums'),
	changeNote: z.string().trim().min(3, 'Bitte beschreiben Sie die Änderung.').max(2000),
	annualBudget: euro('Jahresbudget'),
	cap: euro('Höchstförderung'),
	cooperationCap: euro('Höchstförderung für Kooperationsprojekte'),
	quoteThreshold: euro('Drei Angebote ab'),
	quotesRequired: z.coerce.number().int('Ganze Zahl').min(1, 'Mindestens 1').max(10, 'Höchstens 10'),
	settlementMonths: z.coerce.number().int('Ganze Zahl').min(1, 'Mindestens 1').max(24, 'Höchstens 24'),
	decisionWeeks: z.coerce.number().int('Ganze Zahl').min(1, 'Mindestens 1').max(26, 'Höchstens 26'),
	deadlines: z.string().transform((v, c) => {
		const out: { month: number; day: number }[] = [];
		for (const part of v.split(/[\s,;]+/).filter(Boolean)) {
			const m = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(part);
			if (!m || !isIsoDate(`2024-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`)) {
				c.addIssue({ code: 'custom', message: `Fristen: „${part}“ ist kein Tag wie 01.04.` });
				return z.NEVER;
			}
			out.push({ day: Number(m[1]), month: Number(m[2]) });
		}
		if (!out.length) c.addIssue({ code: 'custom', message: 'Fristen: mindestens eine Frist angeben.' });
		return out;
	}),
	majority: z.enum(['present', 'votes_cast'], { message: 'Bitte eine Mehrheitsregel wählen.' }),
	goals: lines,
	excludedDistricts: lines,
	rejectionWithReasons: z.string().optional()
});

/**
 * A new guideline version decided by the jury. It applies to rounds opened from its effective date on;
 * rounds already open keep theirs. The council must confirm it within 3 months.
 */
export async function addGuidelineVersion(ctx: ServiceContext, fundId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(guidelineInput, raw);
	if (input.cooperationCap < input.cap) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { cooperationCap: 'Kooperationsprojekte dürfen nicht weniger erhalten als Einzelprojekte.' });
	if (!input.goals.length) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { goals: 'Mindestens ein Ziel angeben.' });
	const today = berlinDate(ctx.clock.now());
	if (input.effectiveOn < today) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { effectiveOn: 'Eine Änderung kann nicht rückwirkend gelten.' });
	if (input.juryDecidedOn > today) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { juryDecidedOn: 'Der Beschluss kann nicht in der Zukunft liegen.' });
	return inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		const [latest] = await tx.select().from(guideline).where(eq(guideline.fundId, f.id)).orderBy(desc(guideline.version)).limit(1).for('update');
		const previousGoals = new Map((latest?.goals ?? []).map((g) => [g.label, g.key]));
		const goals = input.goals.map((label, i) => ({ key: previousGoals.get(label) ?? `goal_${(latest?.version ?? 0) + 1}_${i + 1}`, label }));
		const [row] = await tx
			.insert(guideline)
			.values({
				municipalityId: ctx.municipality.id,
				fundId: f.id,
				version: (latest?.version ?? 0) + 1,
				title: latest?.title ?? f.name,
				effectiveAt: startOfBerlinDay(input.effectiveOn)!,
				juryDecidedOn: input.juryDecidedOn,
				changeNote: input.changeNote,
				annualBudgetCents: input.annualBudget,
				capCents: input.cap,
				cooperationCapCents: input.cooperationCap,
				quoteThresholdCents: input.quoteThreshold,
				quotesRequired: input.quotesRequired,
				settlementMonths: input.settlementMonths,
				decisionWeeks: input.decisionWeeks,
				deadlines: input.deadlines,
				majority: input.majority,
				goals,
				excludedDistricts: input.excludedDistricts,
				rejectionWithReasons: input.rejectionWithReasons !== 'no'
			})
			.returning();
		await recordAudit(tx, ctx, { action: 'grants.guideline.version', entityType: 'grants_guideline', entityId: row!.id, before: latest ?? null, after: row });
		return row!;
	});
}

export async function confirmGuideline(ctx: ServiceContext, guidelineId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { confirmedOn } = parseInput(z.object({ confirmedOn: isoDate('Ratsbeschluss vom') }), raw);
	if (!isUuid(guidelineId)) throw new NotFoundError();
	await inTransaction(ctx, async (tx) => {
		const [g] = await tx
			.select()
			.from(guideline)
			.where(and(eq(guideline.municipalityId, ctx.municipality.id), eq(guideline.id, guidelineId)));
		if (!g) throw new NotFoundError('Diese Fassung gibt es nicht.');
		if (g.juryDecidedOn && confirmedOn < g.juryDecidedOn) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { confirmedOn: 'Der Rat kann erst nach dem Gremium beschließen.' });
		await tx.update(guideline).set({ councilConfirmedOn: confirmedOn }).where(eq(guideline.id, g.id));
		await recordAudit(tx, ctx, { action: 'grants.guideline.confirm', entityType: 'grants_guideline', entityId: g.id, after: { confirmedOn } });
	});
}

/** Versions whose council confirmation is missing, with the day it is due. */
export function confirmationState(g: { juryDecidedOn: string | null; councilConfirmedOn: string | null }, at: Date) {
	if (!g.juryDecidedOn || g.councilConfirmedOn) return null;
	const due = councilConfirmationDue(g.juryDecidedOn);
	return { due, overdue: !isBeforeDeadline(due, at) };
}

/** The jury may set further deadlines when money is left (§ 4). */
export async function openAdditionalRound(ctx: ServiceContext, fundId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { deadline } = parseInput(z.object({ deadline: isoDate('Zusätzliche Frist') }), raw);
	if (deadline <= berlinDate(ctx.clock.now())) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { deadline: 'Die Frist muss in der Zukunft liegen.' });
	return inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		const g = await guidelineAt(tx, f.id, ctx.clock.now());
		const [row] = await tx
			.insert(round)
			.values({ municipalityId: ctx.municipality.id, fundId: f.id, guidelineId: g.id, year: Number(deadline.slice(0, 4)), deadline, kind: 'additional', openedAt: ctx.clock.now() })
			.onConflictDoNothing()
			.returning();
		if (!row) throw new ConflictError('Zu diesem Tag gibt es schon eine Frist.', { deadline: 'Schon vorhanden.' });
		await recordAudit(tx, ctx, { action: 'grants.round.open', entityType: 'grants_round', entityId: row.id, after: row });
		return row;
	});
}

// ---------------------------------------------------------------- jury

export async function listJury(ctx: ServiceContext, fundId: string) {
	if (!can(ctx, 'grants.read') && !can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
	const f = await loadFund(ctx.db, ctx, fundId);
	return ctx.db.select().from(juryMember).where(eq(juryMember.fundId, f.id)).orderBy(asc(juryMember.seat), asc(juryMember.name));
}

const memberInput = z.object({
	name: z.string().trim().min(2, 'Bitte den Namen angeben.').max(200),
	seat: z.string().trim().min(2, 'Bitte den Sitz angeben, z. B. „Sozialamt“.').max(200),
	email: z.union([z.literal(''), z.email('Bitte eine gültige E-Mail-Adresse angeben.')]),
	deputyOf: z.string().optional()
});

/** Adds a member or deputy. An account with the same e-mail address in this municipality may then vote online. */
export async function addJuryMember(ctx: ServiceContext, fundId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(memberInput, raw);
	return inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		let deputyOf: string | null = null;
		if (input.deputyOf) {
			const [principal] = isUuid(input.deputyOf) ? await tx.select().from(juryMember).where(and(eq(juryMember.fundId, f.id), eq(juryMember.id, input.deputyOf))) : [];
			if (!principal || principal.deputyOf) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { deputyOf: 'Bitte ein ordentliches Mitglied wählen.' });
			deputyOf = principal.id;
		}
		// Only an account that holds the jury role in this municipality may vote for the seat online.
		const [account] = input.email
			? await tx
					.select({ id: user.id })
					.from(user)
					.innerJoin(roleAssignment, and(eq(roleAssignment.userId, user.id), eq(roleAssignment.municipalityId, ctx.municipality.id), eq(roleAssignment.role, 'jury_member')))
					.where(eq(user.email, input.email.toLowerCase()))
					.limit(1)
			: [];
		const [row] = await tx
			.insert(juryMember)
			.values({ municipalityId: ctx.municipality.id, fundId: f.id, name: input.name, seat: input.seat, email: input.email.toLowerCase(), deputyOf, userId: account?.id ?? null })
			.returning();
		await recordAudit(tx, ctx, { action: 'grants.jury.add', entityType: 'grants_jury_member', entityId: row!.id, after: row });
		return row!;
	});
}

export async function setJuryMemberActive(ctx: ServiceContext, memberId: string, active: boolean) {
	authorize(ctx, 'grants.manage');
	if (!isUuid(memberId)) throw new NotFoundError();
	await inTransaction(ctx, async (tx) => {
		const [row] = await tx
			.update(juryMember)
			.set({ active })
			.where(and(eq(juryMember.municipalityId, ctx.municipality.id), eq(juryMember.id, memberId)))
			.returning();
		if (!row) throw new NotFoundError('Dieses Mitglied gibt es nicht.');
		await recordAudit(tx, ctx, { action: 'grants.jury.active', entityType: 'grants_jury_member', entityId: memberId, after: { active } });
	});
}

/** The jury seats the signed-in user holds in this municipality's funds. */
export async function ownJurySeats(ctx: ServiceContext): Promise<string[]> {
	if (ctx.actor.kind !== 'user' || !can(ctx, 'grants.vote')) return [];
	const rows = await ctx.db
		.select({ id: juryMember.id })
		.from(juryMember)
		.where(and(eq(juryMember.municipalityId, ctx.municipality.id), eq(juryMember.userId, ctx.actor.userId), eq(juryMember.active, true)));
	return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- templates

export async function listTemplates(ctx: ServiceContext, fundId: string) {
	authorize(ctx, 'grants.manage');
	const f = await loadFund(ctx.db, ctx, fundId);
	const custom = await ctx.db.select().from(letterTemplate).where(eq(letterTemplate.fundId, f.id));
	return LETTER_KINDS.map((kind) => {
		const own = custom.find((c) => c.kind === kind);
		return { kind, subject: own?.subject ?? DEFAULT_TEMPLATES[kind].subject, body: own?.body ?? DEFAULT_TEMPLATES[kind].body, custom: !!own, updatedAt: own?.updatedAt ?? null };
	});
}

const templateInput = z.object({
	subject: z.string().trim().min(3, 'Bitte einen Betreff angeben.').max(300),
	body: z.string().trim().min(10, 'Bitte einen Text angeben.').max(20_000)
});

export async function saveTemplate(ctx: ServiceContext, fundId: string, kind: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	if (!(LETTER_KINDS as readonly string[]).includes(kind)) throw new NotFoundError('Diese Vorlage gibt es nicht.');
	const input = parseInput(templateInput, raw);
	const unknown = unknownPlaceholders(input.subject + input.body);
	if (unknown.length) throw new ValidationError('Die Vorlage enthält unbekannte Platzhalter.', { body: `Unbekannt: ${unknown.map((u) => `{{${u}}}`).join(', ')}` });
	await inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		await tx
			.insert(letterTemplate)
			.values({ municipalityId: ctx.municipality.id, fundId: f.id, kind: kind as LetterKind, subject: input.subject, body: input.body, updatedAt: ctx.clock.now() })
			.onConflictDoUpdate({ target: [letterTemplate.fundId, letterTemplate.kind], set: { subject: input.subject, body: input.body, updatedAt: ctx.clock.now() } });
		await recordAudit(tx, ctx, { action: 'grants.template.save', entityType: 'grants_letter_template', entityId: `${f.id}:${kind}`, after: input });
	});
}

export async function resetTemplate(ctx: ServiceContext, fundId: string, kind: string) {
	authorize(ctx, 'grants.manage');
	await inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		await tx.delete(letterTemplate).where(and(eq(letterTemplate.fundId, f.id), inArray(letterTemplate.kind, [kind as LetterKind])));
		await recordAudit(tx, ctx, { action: 'grants.template.reset', entityType: 'grants_letter_template', entityId: `${f.id}:${kind}` });
	});
}

