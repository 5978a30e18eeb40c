/** Loaders and steps every part of the fund procedure shares: tenancy-checked lookups, steps, letters. */
import crypto from 'node:crypto';
import { and, asc, desc, eq, lte } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { actorLabel } from '../../core/roles.ts';
import { application, applicationStep, fund, guideline, jurySession, letter, letterTemplate, round, sessionItem, type LetterKind } from './schema.ts';
import { DEFAULT_TEMPLATES, bodyHtml, fillLine, letterDocument } from './letters.ts';
import { berlinDate, formatEuro, germanDate, regularDeadlines, type GuidelineRules } from './rules.ts';

export type Fund = typeof fund.$inferSelect;
export type Guideline = typeof guideline.$inferSelect;
export type Round = typeof round.$inferSelect;
export type Application = typeof application.$inferSelect;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The applicant's secret link: 32 random bytes in base64url. Anything else matches nothing. */
export function isAccessToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{30,60}$/.test(token);
}

/** The jury's latest decided agenda item for an application (from a closed session), if any. */
export async function latestJuryItem(db: DbOrTx, applicationId: string) {
	const [row] = await db
		.select({ item: sessionItem })
		.from(sessionItem)
		.innerJoin(jurySession, eq(jurySession.id, sessionItem.sessionId))
		.where(and(eq(sessionItem.applicationId, applicationId), eq(jurySession.status, 'closed')))
		.orderBy(desc(jurySession.startsAt))
		.limit(1);
	return row?.item ?? null;
}

export function rulesOf(g: Guideline): GuidelineRules {
	return {
		annualBudgetCents: g.annualBudgetCents,
		capCents: g.capCents,
		cooperationCapCents: g.cooperationCapCents,
		quoteThresholdCents: g.quoteThresholdCents,
		quotesRequired: g.quotesRequired,
		settlementMonths: g.settlementMonths,
		decisionWeeks: g.decisionWeeks,
		deadlines: g.deadlines,
		majority: g.majority
	};
}

export async function loadFund(db: DbOrTx, ctx: ServiceContext, idOrSlug: string): Promise<Fund> {
	const where = isUuid(idOrSlug) ? eq(fund.id, idOrSlug) : eq(fund.slug, idOrSlug);
	const [row] = await db
		.select()
		.from(fund)
		.where(and(eq(fund.municipalityId, ctx.municipality.id), where));
	if (!row) throw new NotFoundError('Diesen Fonds gibt es nicht.');
	return row;
}

export async function loadApplication(db: DbOrTx, ctx: ServiceContext, id: string, forUpdate = false): Promise<Application> {
	if (!isUuid(id)) throw new NotFoundError('Diesen Antrag gibt es nicht.');
	const query = db
		.select()
		.from(application)
		.where(and(eq(application.municipalityId, ctx.municipality.id), eq(application.id, id)));
	const [row] = forUpdate ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('Diesen Antrag gibt es nicht.');
	return row;
}

/** The guideline version in force at an instant (the newest one already effective). */
export async function guidelineAt(db: DbOrTx, fundId: string, at: Date): Promise<Guideline> {
	const [row] = await db
		.select()
		.from(guideline)
		.where(and(eq(guideline.fundId, fundId), lte(guideline.effectiveAt, at)))
		.orderBy(desc(guideline.version))
		.limit(1);
	if (row) return row;
	// A fund always has a first version; before it takes effect, that one applies.
	const [first] = await db.select().from(guideline).where(eq(guideline.fundId, fundId)).orderBy(asc(guideline.version)).limit(1);
	if (!first) throw new NotFoundError('Dieser Fonds hat noch keine Richtlinie.');
	return first;
}

/**
 * Opens the regular round whose deadline comes next, if it is not open yet. Rounds open lazily (when the
 * fund is first looked at or applied to after the previous deadline) and keep the guideline in force at
 * that moment: a later change applies only to rounds opened after it.
 */
export async function ensureCurrentRound(tx: DbOrTx, ctx: ServiceContext, f: Fund): Promise<Round | null> {
	const now = ctx.clock.now();
	const today = berlinDate(now);
	const g = await guidelineAt(tx, f.id, now);
	const year = Number(today.slice(0, 4));
	const next = [...regularDeadlines(g, year), ...regularDeadlines(g, year + 1)].find((d) => d >= today);
	if (!next) return null;
	await tx
		.insert(round)
		.values({ municipalityId: ctx.municipality.id, fundId: f.id, guidelineId: g.id, year: Number(next.slice(0, 4)), deadline: next, kind: 'regular', openedAt: now })
		.onConflictDoNothing();
	const [row] = await tx
		.select()
		.from(round)
		.where(and(eq(round.fundId, f.id), eq(round.deadline, next)));
	return row ?? null;
}

export async function addStep(tx: Tx, ctx: ServiceContext, applicationId: string, kind: string, message = '', internalNote = '') {
	await tx.insert(applicationStep).values({ municipalityId: ctx.municipality.id, applicationId, kind, message, internalNote, actorLabel: actorLabel(ctx.actor), at: ctx.clock.now() });
}

/** Values every letter about one application can use. */
export function applicationValues(ctx: ServiceContext, f: Fund, a: Application, r: Round | null, g: Guideline | null, court: string): Record<string, string> {
	return {
		anrede: a.contactName ? `Guten Tag ${a.contactName},` : 'Sehr geehrte Damen und Herren,',
		antragsteller: a.organizationName,
		aktenzeichen: a.reference ?? '',
		projekt: a.title,
		stadtteil: a.district,
		fonds: f.name,
		geschaeftsfuehrung: f.managingOffice,
		eingang: a.submittedAt ? germanDate(berlinDate(a.submittedAt)) : '',
		frist: r ? germanDate(r.deadline) : '',
		beantragt: formatEuro(a.requestedCents),
		betrag: formatEuro(a.grantedCents),
		zeitraum: a.startDate && a.endDate ? `${germanDate(a.startDate)} bis ${germanDate(a.endDate)}` : '',
		abrechnungsfrist: a.settlementDueOn ? germanDate(a.settlementDueOn) : '',
		schwelle: g ? formatEuro(g.quoteThresholdCents) : '',
		gruende: a.decisionReasons,
		auflagen: a.conditions,
		gericht: court || 'zuständigen Verwaltungsgericht',
		statuslink: ''
	};
}

export interface IssueLetterInput {
	fund: Fund;
	kind: LetterKind;
	values: Record<string, string>;
	table?: string;
	recipient: string[];
	reference: string;
	applicationId?: string;
	sessionId?: string;
	toApplicant: boolean;
}

/** Renders a letter from the municipality's template (or the default) and freezes it. */
export async function issueLetter(tx: Tx, ctx: ServiceContext, input: IssueLetterInput) {
	const [custom] = await tx
		.select()
		.from(letterTemplate)
		.where(and(eq(letterTemplate.fundId, input.fund.id), eq(letterTemplate.kind, input.kind)));
	const template = custom ?? DEFAULT_TEMPLATES[input.kind];
	const subject = fillLine(template.subject, input.values).slice(0, 300);
	const html = letterDocument({
		municipalityName: ctx.municipality.name,
		managingOffice: input.fund.managingOffice,
		officeAddress: input.fund.address,
		officeEmail: input.fund.email,
		recipient: input.recipient,
		date: germanDate(berlinDate(ctx.clock.now())),
		reference: input.reference,
		subject,
		bodyHtml: bodyHtml(template.body, input.values, input.table),
		signature: ctx.actor.kind === 'user' ? ctx.actor.name : input.fund.managingOffice,
		demo: ctx.municipality.isDemo
	});
	const [row] = await tx
		.insert(letter)
		.values({
			municipalityId: ctx.municipality.id,
			fundId: input.fund.id,
			applicationId: input.applicationId ?? null,
			sessionId: input.sessionId ?? null,
			kind: input.kind,
			subject,
			html,
			toApplicant: input.toApplicant,
			createdBy: actorLabel(ctx.actor),
			createdAt: ctx.clock.now()
		})
		.returning();
	return row!;
}

export function recipientOf(a: Application): string[] {
	return [a.organizationName, a.contactName ? `z. Hd. ${a.contactName}` : '', ...a.postalAddress.split('\n')].map((l) => l.trim()).filter(Boolean);
}
