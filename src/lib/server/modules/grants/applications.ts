/** Applications: the applicant's path (secret link, no account needed) and the Geschäftsführung's steps. */
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { consumeRateLimit, type RateLimit } from '../../core/rate-limit.ts';
import { application, applicationDocument, applicationStep, fund, fundYear, guideline, ledgerEntry, letter, round, sessionItem, jurySession, type ApplicationStatus, type DocumentKind } from './schema.ts';
import { addStep, applicationValues, ensureCurrentRound, guidelineAt, issueLetter, loadApplication, loadFund, recipientOf, rulesOf, sha256, isAccessToken, latestJuryItem, type Application, type Fund } from './common.ts';
import { readApplicationForm, submissionErrors, totalCostCents } from './application-form.ts';
import {
	berlinDate,
	capFor,
	checkExpense,
	formatEuro,
	germanDate,
	grantAmountError,
	grantLimit,
	parseEuro,
	precheckOutcome,
	PRECHECK_CRITERIA,
	roundFor,
	settlementDueDate,
	settlementOutcome,
	startsBeforeApproval,
	type GuidelineRules,
	type Precheck,
	type PrecheckMark
} from './rules.ts';
import { tableHtml } from './letters.ts';

export const APPLICATIONS_PER_ADDRESS: RateLimit = { action: 'grants_application', max: 10, windowMs: 60 * 60 * 1000 };
export const LINK_RESENDS_PER_ADDRESS: RateLimit = { action: 'grants_link_resend', max: 5, windowMs: 60 * 60 * 1000 };
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS = 40;
const MEDIA_TYPES: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
	draft: 'Entwurf',
	submitted: 'Eingegangen',
	revision_requested: 'Nachbesserung angefordert',
	ineligible: 'Nicht förderfähig',
	eligible: 'Förderfähig, liegt der Jury vor',
	approved: 'Bewilligt',
	rejected: 'Abgelehnt',
	withdrawn: 'Zurückgezogen',
	settlement_submitted: 'Abrechnung eingereicht',
	refund_demanded: 'Rückforderung offen',
	closed: 'Abgeschlossen'
};


// ---------------------------------------------------------------- applicant

async function byToken(tx: Tx | ServiceContext['db'], ctx: ServiceContext, token: string, forUpdate = false): Promise<Application> {
	if (!isAccessToken(token)) throw new NotFoundError('Diesen Antrag gibt es nicht.');
	const query = tx
		.select()
		.from(application)
		.where(and(eq(application.municipalityId, ctx.municipality.id), eq(application.accessTokenHash, sha256(token))));
	const [row] = forUpdate ? await query.for('update') : await query;
	if (!row) throw new NotFoundError('Diesen Antrag gibt es nicht.');
	return row;
}

/** The applicant starts an application. The secret link is the key to it; it is mailed when an address is given. */
export async function startApplication(ctx: ServiceContext, fundSlug: string, raw: Record<string, unknown>, language = 'de') {
	const f = await loadFund(ctx.db, ctx, fundSlug);
	const g = await guidelineAt(ctx.db, f.id, ctx.clock.now());
	const { fields, errors } = readApplicationForm(raw, g.goals.map((x) => x.key));
	if (String(raw.website ?? '')) throw new ValidationError('rejected', { _form: 'rejected' });
	if (Object.keys(errors).length) throw new ValidationError('invalid', errors);
	await consumeRateLimit(ctx.db, APPLICATIONS_PER_ADDRESS, ctx.address ?? 'unknown', ctx.clock.now(), 'rate_limited');
	const token = crypto.randomBytes(32).toString('base64url');
	const now = ctx.clock.now();
	const row = await inTransaction(ctx, async (tx) => {
		const [created] = await tx
			.insert(application)
			.values({ municipalityId: ctx.municipality.id, fundId: f.id, accessTokenHash: sha256(token), ...fields, createdAt: now, updatedAt: now })
			.returning();
		await addStep(tx, ctx, created!.id, 'created');
		await recordAudit(tx, ctx, { action: 'grants.application.create', entityType: 'grants_application', entityId: created!.id, after: { fund: f.slug, title: fields.title } });
		return created!;
	});
	if (fields.contactEmail) await mailLink(ctx, f, row, token, language, 'Ihr Antragsentwurf');
	return { token, id: row.id };
}

async function mailLink(ctx: ServiceContext, f: Fund, a: Application, token: string, language: string, what: string) {
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: a.contactEmail,
		containsSecret: true,
		subject: `${what}: ${a.title || f.name}`.slice(0, 200),
		text: `Guten Tag${a.contactName ? ' ' + a.contactName : ''},\n\nüber diesen Link können Sie Ihren Antrag beim ${f.name} jederzeit öffnen, weiter bearbeiten und seinen Stand verfolgen:\n${ctx.origin}/${ctx.municipality.slug}/${language}/foerderung/antrag/${token}\n\nBitte bewahren Sie den Link auf und geben Sie ihn nur an Personen weiter, die den Antrag mit Ihnen bearbeiten.\n\n${f.managingOffice}\n${f.email}`
	});
}

/** A lost link: a new one is mailed to the contact address; the old one stops working. The answer never reveals whether the pair matched. */
export async function resendLink(ctx: ServiceContext, raw: Record<string, unknown>, language = 'de') {
	const reference = String(raw.reference ?? '').trim().toUpperCase();
	const email = String(raw.email ?? '').trim().toLowerCase();
	if (!reference || !email) throw new ValidationError('invalid', { ...(reference ? {} : { reference: 'required' }), ...(email ? {} : { email: 'required' }) });
	await consumeRateLimit(ctx.db, LINK_RESENDS_PER_ADDRESS, ctx.address ?? 'unknown', ctx.clock.now(), 'rate_limited');
	const [a] = await ctx.db
		.select()
		.from(application)
		.where(and(eq(application.municipalityId, ctx.municipality.id), eq(application.reference, reference), sql`lower(${application.contactEmail}) = ${email}`));
	if (!a) return;
	const token = crypto.randomBytes(32).toString('base64url');
	await inTransaction(ctx, async (tx) => {
		await tx.update(application).set({ accessTokenHash: sha256(token) }).where(eq(application.id, a.id));
		await recordAudit(tx, ctx, { action: 'grants.application.link', entityType: 'grants_application', entityId: a.id });
	});
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, a.fundId));
	await mailLink(ctx, f!, a, token, language, 'Neuer Link zu Ihrem Antrag');
}

/** Everything the applicant's status page shows. Internal notes and the jury's votes are not part of it. */
export async function applicantView(ctx: ServiceContext, token: string) {
	const a = await byToken(ctx.db, ctx, token);
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, a.fundId));
	const r = a.roundId ? (await ctx.db.select().from(round).where(eq(round.id, a.roundId)))[0] : await inTransaction(ctx, (tx) => ensureCurrentRound(tx, ctx, f!));
	const g = r ? (await ctx.db.select().from(guideline).where(eq(guideline.id, r.guidelineId)))[0]! : await guidelineAt(ctx.db, f!.id, ctx.clock.now());
	const [steps, documents, letters] = await Promise.all([
		ctx.db
			.select({ kind: applicationStep.kind, message: applicationStep.message, at: applicationStep.at })
			.from(applicationStep)
			.where(eq(applicationStep.applicationId, a.id))
			.orderBy(asc(applicationStep.at)),
		documentsOf(ctx, a.id),
		ctx.db
			.select({ id: letter.id, kind: letter.kind, subject: letter.subject, createdAt: letter.createdAt })
			.from(letter)
			.where(and(eq(letter.applicationId, a.id), eq(letter.toApplicant, true)))
			.orderBy(asc(letter.createdAt))
	]);
	const { accessTokenHash: _hash, precheck: _precheck, remindersSent: _reminders, ...visible } = a;
	return { application: visible, fund: f!, round: r ?? null, guideline: g, steps, documents, letters, editable: a.status === 'draft' || a.status === 'revision_requested', settlementOpen: a.status === 'approved' };
}

function documentsOf(ctx: ServiceContext, applicationId: string) {
	return ctx.db
		.select({
			id: applicationDocument.id,
			kind: applicationDocument.kind,
			fileName: applicationDocument.fileName,
			size: applicationDocument.size,
			costItemIndex: applicationDocument.costItemIndex,
			amountCents: applicationDocument.amountCents,
			supplier: applicationDocument.supplier,
			chosen: applicationDocument.chosen,
			accepted: applicationDocument.accepted,
			note: applicationDocument.note,
			uploadedAt: applicationDocument.uploadedAt
		})
		.from(applicationDocument)
		.where(eq(applicationDocument.applicationId, applicationId))
		.orderBy(asc(applicationDocument.uploadedAt));
}

/** Saves what the applicant typed; allowed while a draft or after a request for improvement. */
export async function saveApplication(ctx: ServiceContext, token: string, raw: Record<string, unknown>) {
	return inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		if (a.status !== 'draft' && a.status !== 'revision_requested') throw new ConflictError('locked');
		const g = await guidelineAt(tx, a.fundId, ctx.clock.now());
		const { fields, errors } = readApplicationForm(raw, g.goals.map((x) => x.key));
		if (Object.keys(errors).length) throw new ValidationError('invalid', errors);
		await tx.update(application).set({ ...fields, updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await recordAudit(tx, ctx, { action: 'grants.application.save', entityType: 'grants_application', entityId: a.id, before: pick(a, fields), after: fields });
	});
}

function pick(a: Application, fields: object) {
	return Object.fromEntries(Object.keys(fields).map((k) => [k, (a as Record<string, unknown>)[k]]));
}

export interface UploadInput {
	kind: DocumentKind;
	file: { name: string; type: string; bytes: Uint8Array };
	costItemIndex?: number | null;
	amount?: string;
	supplier?: string;
	chosen?: boolean;
	note?: string;
}

/** Attachments while the application can be edited; receipts, quotes and fee contracts once it is approved. */
export async function uploadDocument(ctx: ServiceContext, token: string, input: UploadInput) {
	if (!input.file.bytes.length) throw new ValidationError('invalid', { file: 'file_missing' });
	if (input.file.bytes.length > MAX_DOCUMENT_BYTES) throw new ValidationError('invalid', { file: 'file_too_large' });
	const type = sniffType(input.file.bytes);
	if (!type) throw new ValidationError('invalid', { file: 'file_type' });
	return inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		const editable = a.status === 'draft' || a.status === 'revision_requested';
		if (input.kind === 'attachment' ? !editable : a.status !== 'approved') throw new ConflictError('locked');
		const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(applicationDocument).where(eq(applicationDocument.applicationId, a.id))) as [{ n: number }];
		if (n >= MAX_DOCUMENTS) throw new ValidationError('invalid', { file: 'too_many_files' });
		let amountCents: number | null = null;
		let costItemIndex: number | null = null;
		if (input.kind !== 'attachment') {
			costItemIndex = input.costItemIndex ?? null;
			if (costItemIndex === null || costItemIndex < 0 || costItemIndex >= a.costItems.length) throw new ValidationError('invalid', { costItemIndex: 'required' });
			if (input.kind !== 'fee_contract') {
				amountCents = parseEuro(input.amount ?? '');
				if (!amountCents) throw new ValidationError('invalid', { amount: 'amount_invalid' });
			}
		}
		const safeName =
			input.file.name
				.replace(/[^\p{L}\p{N}._ -]/gu, '_')
				.slice(0, 120)
				.trim() || `dokument.${MEDIA_TYPES[type]}`;
		const [row] = await tx
			.insert(applicationDocument)
			.values({
				municipalityId: ctx.municipality.id,
				applicationId: a.id,
				kind: input.kind,
				fileName: safeName,
				mediaType: type,
				size: input.file.bytes.length,
				content: input.file.bytes,
				costItemIndex,
				amountCents,
				supplier: (input.supplier ?? '').trim().slice(0, 200),
				chosen: input.kind === 'quote' && !!input.chosen,
				note: (input.note ?? '').trim().slice(0, 1000),
				uploadedAt: ctx.clock.now()
			})
			.returning({ id: applicationDocument.id });
		await recordAudit(tx, ctx, { action: 'grants.document.upload', entityType: 'grants_application', entityId: a.id, after: { kind: input.kind, fileName: safeName, size: input.file.bytes.length, amountCents } });
		return row!;
	});
}

/** Only PDF, JPEG and PNG, recognised by their first bytes rather than by the name the browser sends. */
function sniffType(b: Uint8Array): string | null {
	if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'application/pdf';
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
	return null;
}

export async function deleteDocument(ctx: ServiceContext, token: string, documentId: string) {
	if (!isUuid(documentId)) throw new NotFoundError();
	await inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		const [d] = await tx
			.select()
			.from(applicationDocument)
			.where(and(eq(applicationDocument.applicationId, a.id), eq(applicationDocument.id, documentId)));
		if (!d) throw new NotFoundError();
		const editable = a.status === 'draft' || a.status === 'revision_requested';
		if (d.kind === 'attachment' ? !editable : a.status !== 'approved') throw new ConflictError('locked');
		await tx.delete(applicationDocument).where(eq(applicationDocument.id, d.id));
		await recordAudit(tx, ctx, { action: 'grants.document.delete', entityType: 'grants_application', entityId: a.id, before: { kind: d.kind, fileName: d.fileName } });
	});
}

/** A file for download: by the applicant's link or, with `grants.read`, by the office. */
export async function documentFile(ctx: ServiceContext, ref: { token?: string; applicationId?: string }, documentId: string) {
	if (!isUuid(documentId)) throw new NotFoundError();
	const a = ref.token ? await byToken(ctx.db, ctx, ref.token) : (authorizeRead(ctx), await loadApplication(ctx.db, ctx, ref.applicationId ?? ''));
	const [d] = await ctx.db
		.select()
		.from(applicationDocument)
		.where(and(eq(applicationDocument.applicationId, a.id), eq(applicationDocument.id, documentId)));
	if (!d) throw new NotFoundError();
	return d;
}

function authorizeRead(ctx: ServiceContext) {
	if (!can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
}

/**
 * Submits the application (again, after a request for improvement). It joins the round whose deadline comes
 * next, gets its reference number and a receipt confirmation.
 */
export async function submitApplication(ctx: ServiceContext, token: string, language = 'de') {
	const now = ctx.clock.now();
	const result = await inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		if (a.status !== 'draft' && a.status !== 'revision_requested') throw new ConflictError('locked');
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		await ensureCurrentRound(tx, ctx, f!);
		const rounds = await tx.select().from(round).where(eq(round.fundId, a.fundId));
		// A resubmission stays in its round; a first submission joins the next open one.
		const r = a.roundId ? rounds.find((x) => x.id === a.roundId)! : roundFor(rounds, now);
		if (!r) throw new ConflictError('no_round');
		const [g] = await tx.select().from(guideline).where(eq(guideline.id, r.guidelineId));
		const errors = submissionErrors(a, g!, f!.districts, berlinDate(now));
		if (Object.keys(errors).length) throw new ValidationError('incomplete', errors);
		let reference = a.reference;
		if (!reference) {
			// The fund row serialises numbering: two first submissions at the same moment get consecutive numbers.
			await tx.select({ id: fund.id }).from(fund).where(eq(fund.id, f!.id)).for('update');
			const prefix = `${f!.referencePrefix}-${berlinDate(now).slice(0, 4)}-`;
			const [{ n }] = (await tx
				.select({ n: sql<number>`count(*)::int` })
				.from(application)
				.where(and(eq(application.municipalityId, ctx.municipality.id), sql`${application.reference} like ${prefix + '%'}`))) as [{ n: number }];
			reference = `${prefix}${String(n + 1).padStart(3, '0')}`;
		}
		const resubmission = a.status === 'revision_requested';
		const [updated] = await tx
			.update(application)
			.set({ status: 'submitted', roundId: r.id, reference, submittedAt: a.submittedAt ?? now, updatedAt: now })
			.where(eq(application.id, a.id))
			.returning();
		await addStep(tx, ctx, a.id, resubmission ? 'resubmitted' : 'submitted');
		if (!resubmission) {
			const values = { ...applicationValues(ctx, f!, updated!, r, g!, f!.court), statuslink: `${ctx.origin}/${ctx.municipality.slug}/${language}/foerderung` };
			await issueLetter(tx, ctx, { fund: f!, kind: 'receipt_confirmation', values, recipient: recipientOf(updated!), reference: reference!, applicationId: a.id, toApplicant: true });
		}
		await recordAudit(tx, ctx, { action: resubmission ? 'grants.application.resubmit' : 'grants.application.submit', entityType: 'grants_application', entityId: a.id, after: { reference, round: r.deadline } });
		return { application: updated!, fund: f!, round: r, resubmission };
	});
	const { application: a, fund: f, round: r } = result;
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: a.contactEmail,
		subject: `${result.resubmission ? 'Ergänzter Antrag eingegangen' : 'Eingangsbestätigung'}: ${a.title} (${a.reference})`,
		containsSecret: true,
		text: `Guten Tag ${a.contactName},\n\nIhr Antrag „${a.title}“ ist bei uns eingegangen (Aktenzeichen ${a.reference}, Antragsfrist ${germanDate(r.deadline)}).${result.resubmission ? ' Wir setzen die Prüfung fort.' : ' Die Eingangsbestätigung finden Sie als Schreiben auf Ihrer Statusseite.'}\n\nStatusseite: ${ctx.origin}/${ctx.municipality.slug}/${language}/foerderung/antrag/${token}\n\nBitte beginnen Sie nicht mit dem Projekt, bevor es bewilligt ist.\n\n${f.managingOffice}`
	});
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: f.email,
		subject: `Neuer Antrag ${a.reference}: ${a.title}`.slice(0, 200),
		text: `${result.resubmission ? 'Ein ergänzter Antrag' : 'Ein neuer Antrag'} ist eingegangen: ${a.reference} „${a.title}“ von ${a.organizationName}, ${formatEuro(a.requestedCents)}.\n\n${ctx.origin}/${ctx.municipality.slug}/intern/foerderung/${f.id}/antraege/${a.id}`
	});
	return a;
}

export async function withdrawApplication(ctx: ServiceContext, token: string) {
	await inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		if (!['draft', 'submitted', 'revision_requested', 'eligible'].includes(a.status)) throw new ConflictError('locked');
		await tx.update(application).set({ status: 'withdrawn', updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await tx.delete(sessionItem).where(and(eq(sessionItem.applicationId, a.id), sql`${sessionItem.result} is null`));
		await addStep(tx, ctx, a.id, 'withdrawn');
		await recordAudit(tx, ctx, { action: 'grants.application.withdraw', entityType: 'grants_application', entityId: a.id, before: { status: a.status } });
	});
}

/** The applicant hands in the settlement: receipts are uploaded already, a short report says what happened. */
export async function submitSettlement(ctx: ServiceContext, token: string, raw: Record<string, unknown>) {
	const report = String(raw.report ?? '').trim();
	if (report.length < 20) throw new ValidationError('invalid', { report: 'report_short' });
	if (report.length > 6000) throw new ValidationError('invalid', { report: 'too_long' });
	const a = await inTransaction(ctx, async (tx) => {
		const a = await byToken(tx, ctx, token, true);
		if (a.status !== 'approved') throw new ConflictError('locked');
		const receipts = await tx
			.select({ id: applicationDocument.id })
			.from(applicationDocument)
			.where(and(eq(applicationDocument.applicationId, a.id), eq(applicationDocument.kind, 'receipt')));
		if (!receipts.length) throw new ValidationError('invalid', { file: 'receipts_missing' });
		await tx.update(application).set({ status: 'settlement_submitted', settlementReport: report, settlementSubmittedAt: ctx.clock.now(), updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'settlement_submitted');
		await recordAudit(tx, ctx, { action: 'grants.settlement.submit', entityType: 'grants_application', entityId: a.id, after: { receipts: receipts.length } });
		return a;
	});
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, a.fundId));
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: f!.email,
		subject: `Abrechnung eingereicht: ${a.reference} ${a.title}`.slice(0, 200),
		text: `Zum Antrag ${a.reference} „${a.title}“ ist die Abrechnung eingegangen.\n\n${ctx.origin}/${ctx.municipality.slug}/intern/foerderung/${f!.id}/antraege/${a.id}`
	});
}

// ---------------------------------------------------------------- office

/** Applications of a fund in the order received, grouped by round (deadline); drafts are not shown. */
export async function worklist(ctx: ServiceContext, fundId: string) {
	authorizeRead(ctx);
	const f = await loadFund(ctx.db, ctx, fundId);
	const rows = await ctx.db
		.select({
			id: application.id,
			reference: application.reference,
			title: application.title,
			organizationName: application.organizationName,
			district: application.district,
			status: application.status,
			requestedCents: application.requestedCents,
			grantedCents: application.grantedCents,
			submittedAt: application.submittedAt,
			settlementDueOn: application.settlementDueOn,
			roundId: application.roundId
		})
		.from(application)
		.where(and(eq(application.fundId, f.id), sql`${application.status} <> 'draft'`))
		.orderBy(asc(application.submittedAt));
	const rounds = await ctx.db.select().from(round).where(eq(round.fundId, f.id)).orderBy(desc(round.deadline));
	return { fund: f, rounds: rounds.map((r) => ({ ...r, applications: rows.filter((a) => a.roundId === r.id) })) };
}

/** An application as the office sees it, with the checks the platform can do itself. */
export async function officeView(ctx: ServiceContext, id: string) {
	authorizeRead(ctx);
	const a = await loadApplication(ctx.db, ctx, id);
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, a.fundId));
	const r = a.roundId ? (await ctx.db.select().from(round).where(eq(round.id, a.roundId)))[0]! : null;
	const g = r ? (await ctx.db.select().from(guideline).where(eq(guideline.id, r.guidelineId)))[0]! : await guidelineAt(ctx.db, a.fundId, ctx.clock.now());
	const [steps, documents, letters, items] = await Promise.all([
		ctx.db.select().from(applicationStep).where(eq(applicationStep.applicationId, a.id)).orderBy(asc(applicationStep.at)),
		documentsOf(ctx, a.id),
		ctx.db
			.select({ id: letter.id, kind: letter.kind, subject: letter.subject, createdAt: letter.createdAt, createdBy: letter.createdBy })
			.from(letter)
			.where(eq(letter.applicationId, a.id))
			.orderBy(asc(letter.createdAt)),
		ctx.db
			.select({ item: sessionItem, startsAt: jurySession.startsAt, sessionStatus: jurySession.status })
			.from(sessionItem)
			.innerJoin(jurySession, eq(jurySession.id, sessionItem.sessionId))
			.where(eq(sessionItem.applicationId, a.id))
			.orderBy(asc(jurySession.startsAt))
	]);
	const rules = rulesOf(g);
	const totalCost = totalCostCents(a.costItems);
	const juryItem = items.at(-1) ?? null;
	const hints: string[] = [];
	if (g.excludedDistricts.includes(a.district)) hints.push(`${a.district} hat einen eigenen Fonds der Städtebauförderung: Bitte prüfen, ob sich die Inhalte überschneiden (§ 5).`);
	if (a.requestedCents > capFor(rules, a.isCooperation)) hints.push(`Beantragt ist mehr als die Höchstgrenze von ${formatEuro(capFor(rules, a.isCooperation))}.`);
	if (a.startDate && r && a.startDate < r.deadline) hints.push(`Das Projekt soll am ${germanDate(a.startDate)} beginnen, vor der Antragsfrist ${germanDate(r.deadline)}: Ein Beginn vor der Bewilligung ist nicht zulässig.`);
	if (a.advanceRequested) hints.push('Eine Vorauszahlung auf Basis des Kostenplans ist beantragt (nur in begründeten Ausnahmen).');
	// Settlement: per cost item what was spent, with the three-quote rule and fee contracts.
	const expenses = a.costItems.map((item, index) => {
		const ofItem = documents.filter((d) => d.costItemIndex === index);
		const receipts = ofItem.filter((d) => d.kind === 'receipt');
		const spent = receipts.filter((d) => d.accepted !== false).reduce((s, d) => s + (d.amountCents ?? 0), 0);
		const quotes = ofItem.filter((d) => d.kind === 'quote').map((d) => ({ supplier: d.supplier, amountCents: d.amountCents ?? 0, chosen: d.chosen }));
		// The rules of § 6 apply to what was spent: before the first receipt there is nothing to check.
		const findings = receipts.length === 0 ? [] : checkExpense(
			{ label: item.label, amountCents: Math.max(spent, 0), quotes, choiceReason: ofItem.map((d) => d.note).join(' '), isFreelance: item.isFreelance, hasFeeContract: ofItem.some((d) => d.kind === 'fee_contract') },
			rules
		);
		return { index, item, spentCents: spent, receipts: receipts.length, quotes: quotes.length, findings };
	});
	return { application: a, fund: f!, round: r, guideline: g, steps, documents, letters, juryItem, totalCostCents: totalCost, hints, expenses, precheckOutcome: precheckOutcome(a.precheck) };
}

const precheckInput = z.record(z.string(), z.unknown());

export async function savePrecheck(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	authorize(ctx, 'grants.manage');
	parseInput(precheckInput, raw);
	const check: Precheck = {};
	for (const c of PRECHECK_CRITERIA) {
		const mark = String(raw[`mark_${c.key}`] ?? 'open');
		check[c.key] = { mark: (['met', 'not_met', 'open'].includes(mark) ? mark : 'open') as PrecheckMark, note: String(raw[`note_${c.key}`] ?? '').trim().slice(0, 1000) };
	}
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'submitted') throw new ConflictError('Die Vorprüfung ist nur bei eingegangenen Anträgen möglich.');
		await tx.update(application).set({ precheck: check, updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'precheck', '', `Vorprüfung: ${precheckOutcome(check) === 'eligible' ? 'alle Kriterien erfüllt' : precheckOutcome(check) === 'not_eligible' ? 'Kriterien nicht erfüllt' : 'noch offen'}`);
		await recordAudit(tx, ctx, { action: 'grants.precheck.save', entityType: 'grants_application', entityId: a.id, before: a.precheck, after: check });
	});
}

const messageInput = z.object({ message: z.string().trim().min(10, 'Bitte schreiben Sie, was fehlt oder zu ändern ist.').max(4000) });

export async function requestRevision(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { message } = parseInput(messageInput, raw);
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'submitted') throw new ConflictError('Eine Nachbesserung kann nur bei eingegangenen Anträgen angefordert werden.');
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		await tx.update(application).set({ status: 'revision_requested', updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'revision_requested', message);
		const values = { ...applicationValues(ctx, f!, a, null, null, f!.court), nachricht: message, statuslink: 'den persönlichen Link aus unserer E-Mail' };
		await issueLetter(tx, ctx, { fund: f!, kind: 'revision_request', values, recipient: recipientOf(a), reference: a.reference ?? '', applicationId: a.id, toApplicant: true });
		await recordAudit(tx, ctx, { action: 'grants.application.revision', entityType: 'grants_application', entityId: a.id, after: { message } });
		return a;
	});
	await notifyApplicant(ctx, a, `Bitte ergänzen Sie Ihren Antrag ${a.reference}`, `zu Ihrem Antrag „${a.title}“ haben wir eine Nachfrage:\n\n${message}\n\nBitte öffnen Sie den Antrag über den Link aus Ihrer Eingangsbestätigung, ergänzen Sie ihn und reichen Sie ihn erneut ein.`);
}

async function notifyApplicant(ctx: ServiceContext, a: Application, subject: string, text: string) {
	if (!a.contactEmail) return;
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, a.fundId));
	await ctx.mail.send({
		municipalityId: ctx.municipality.id,
		to: a.contactEmail,
		subject: subject.slice(0, 200),
		text: `Guten Tag ${a.contactName},\n\n${text}\n\nDas Schreiben dazu finden Sie auf Ihrer Statusseite (Link aus der Eingangsbestätigung). Haben Sie den Link nicht mehr, können Sie auf der Seite des Fonds mit Aktenzeichen und E-Mail-Adresse einen neuen anfordern.\n\n${f!.managingOffice}\n${f!.email}`
	});
}

const reasonsInput = z.object({ reasons: z.string().trim().min(10, 'Bitte begründen Sie die Entscheidung.').max(4000) });

/** The office finds the project not fundable: the rejection is reasoned (§ 4) and comes with legal remedies. */
export async function rejectAfterPrecheck(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { reasons } = parseInput(reasonsInput, raw);
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'submitted') throw new ConflictError('Nur eingegangene Anträge können nach der Vorprüfung abgelehnt werden.');
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		const [updated] = await tx.update(application).set({ status: 'ineligible', decisionReasons: reasons, decidedAt: ctx.clock.now(), updatedAt: ctx.clock.now() }).where(eq(application.id, a.id)).returning();
		await addStep(tx, ctx, a.id, 'ineligible', reasons);
		await issueLetter(tx, ctx, { fund: f!, kind: 'precheck_rejection', values: applicationValues(ctx, f!, updated!, null, null, f!.court), recipient: recipientOf(a), reference: a.reference ?? '', applicationId: a.id, toApplicant: true });
		await recordAudit(tx, ctx, { action: 'grants.application.ineligible', entityType: 'grants_application', entityId: a.id, after: { reasons } });
		return a;
	});
	await notifyApplicant(ctx, a, `Entscheidung zu Ihrem Antrag ${a.reference}`, `die Vorprüfung Ihres Antrags „${a.title}“ ist abgeschlossen.`);
}

/** Eligible applications go to the jury; every criterion of the pre-check must be marked as met. */
export async function forwardToJury(ctx: ServiceContext, id: string) {
	authorize(ctx, 'grants.manage');
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'submitted') throw new ConflictError('Nur eingegangene Anträge können der Jury vorgelegt werden.');
		if (precheckOutcome(a.precheck) !== 'eligible') throw new ConflictError('Bitte schließen Sie zuerst die Vorprüfung ab: Alle Kriterien müssen als erfüllt markiert sein.');
		await tx.update(application).set({ status: 'eligible', updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'eligible');
		await recordAudit(tx, ctx, { action: 'grants.application.forward', entityType: 'grants_application', entityId: a.id });
	});
}

/**
 * The most the office may grant: the amount applied for, the cap of the guideline, the amount the jury voted on
 * (a reduction by the jury reads like a smaller request), and the money left in the fund year.
 */
export function grantLimitOf(a: Pick<Application, 'requestedCents' | 'isCooperation'>, g: Pick<GuidelineRules, 'capCents' | 'cooperationCapCents'>, proposedCents: number, leftCents: number) {
	const cap = capFor(g, a.isCooperation);
	const limit = grantLimit({ capCents: Math.min(cap, proposedCents), requestedCents: a.requestedCents, leftCents });
	return limit.limitedBy === 'cap' && proposedCents < cap ? { ...limit, limitedBy: 'requested' as const } : limit;
}

/** Locks the fund year's row, creating it with the budget of the round's guideline the first time. */
async function lockFundYear(tx: Tx, ctx: ServiceContext, fundId: string, year: number, budgetCents: number) {
	await tx.insert(fundYear).values({ municipalityId: ctx.municipality.id, fundId, year, budgetCents }).onConflictDoNothing();
	const [row] = await tx
		.select()
		.from(fundYear)
		.where(and(eq(fundYear.fundId, fundId), eq(fundYear.year, year)))
		.for('update');
	return row!;
}

const grantInput = z.object({ amount: z.string(), conditions: z.string().trim().max(4000).optional().default(''), reasons: z.string().trim().max(4000).optional().default('') });

/**
 * Issues the Zuwendungsbescheid after the jury approved: the full or a reduced amount. The fund year's row is
 * locked and its committed sum checked in the same transaction, so concurrent approvals cannot overspend it.
 */
export async function grantApplication(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(grantInput, raw);
	const amountCents = parseEuro(input.amount);
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'eligible') throw new ConflictError('Dieser Antrag kann nicht (mehr) bewilligt werden.');
		const item = await latestJuryItem(tx, a.id);
		if (item?.result !== 'approved') throw new ConflictError('Die Jury hat diesem Antrag nicht zugestimmt.');
		const [r] = await tx.select().from(round).where(eq(round.id, a.roundId!));
		const [g] = await tx.select().from(guideline).where(eq(guideline.id, r!.guidelineId));
		const year = await lockFundYear(tx, ctx, a.fundId, r!.year, g!.annualBudgetCents);
		const limit = grantLimitOf(a, g!, item.proposedCents, year.budgetCents - year.committedCents);
		const problem = grantAmountError(amountCents ?? 0, limit);
		if (problem) throw new ValidationError(problem, { amount: problem });
		const now = ctx.clock.now();
		if (a.startDate && startsBeforeApproval(a.startDate, now)) throw new ConflictError(`Das Projekt sollte am ${germanDate(a.startDate)} beginnen, also vor der Bewilligung. Bitte zuerst den Projektzeitraum ändern (Änderung wird vermerkt).`);
		await tx
			.update(fundYear)
			.set({ committedCents: sql`${fundYear.committedCents} + ${amountCents!}` })
			.where(eq(fundYear.id, year.id));
		await tx.insert(ledgerEntry).values({ municipalityId: ctx.municipality.id, fundYearId: year.id, applicationId: a.id, kind: 'commitment', amountCents: amountCents!, at: now });
		const [updated] = await tx
			.update(application)
			.set({ status: 'approved', grantedCents: amountCents!, conditions: input.conditions, decisionReasons: input.reasons, decidedAt: now, settlementDueOn: a.endDate ? settlementDueDate(a.endDate, g!.settlementMonths) : null, updatedAt: now })
			.where(eq(application.id, a.id))
			.returning();
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		await addStep(tx, ctx, a.id, 'approved', `Bewilligt: ${formatEuro(amountCents!)}${amountCents! < a.requestedCents ? ` (beantragt: ${formatEuro(a.requestedCents)})` : ''}`);
		await issueLetter(tx, ctx, { fund: f!, kind: 'approval', values: applicationValues(ctx, f!, updated!, r!, g!, f!.court), recipient: recipientOf(a), reference: a.reference ?? '', applicationId: a.id, toApplicant: true });
		await recordAudit(tx, ctx, { action: 'grants.application.approve', entityType: 'grants_application', entityId: a.id, before: { status: a.status }, after: { grantedCents: amountCents, conditions: input.conditions } });
		return updated!;
	});
	await notifyApplicant(ctx, a, `Ihr Antrag ${a.reference} ist bewilligt`, `Ihr Projekt „${a.title}“ wird mit ${formatEuro(a.grantedCents)} gefördert. Der Zuwendungsbescheid nennt die Bedingungen, unter anderem die Abrechnung bis ${a.settlementDueOn ? germanDate(a.settlementDueOn) : '2 Monate nach Projektende'}.`);
	return a;
}

/** Issues the rejection after the jury voted against. Reasons are always stored; the letter variant follows the guideline. */
export async function rejectApplication(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { reasons } = parseInput(reasonsInput, raw);
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'eligible') throw new ConflictError('Dieser Antrag kann nicht (mehr) abgelehnt werden.');
		const item = await latestJuryItem(tx, a.id);
		if (item?.result !== 'rejected') throw new ConflictError('Die Jury hat diesen Antrag nicht abgelehnt.');
		const [r] = await tx.select().from(round).where(eq(round.id, a.roundId!));
		const [g] = await tx.select().from(guideline).where(eq(guideline.id, r!.guidelineId));
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		const [updated] = await tx.update(application).set({ status: 'rejected', decisionReasons: reasons, decidedAt: ctx.clock.now(), updatedAt: ctx.clock.now() }).where(eq(application.id, a.id)).returning();
		await addStep(tx, ctx, a.id, 'rejected', g!.rejectionWithReasons ? reasons : '', reasons);
		await issueLetter(tx, ctx, {
			fund: f!,
			kind: g!.rejectionWithReasons ? 'rejection' : 'rejection_without_reasons',
			values: applicationValues(ctx, f!, updated!, r!, g!, f!.court),
			recipient: recipientOf(a),
			reference: a.reference ?? '',
			applicationId: a.id,
			toApplicant: true
		});
		await recordAudit(tx, ctx, { action: 'grants.application.reject', entityType: 'grants_application', entityId: a.id, after: { reasons } });
		return a;
	});
	await notifyApplicant(ctx, a, `Entscheidung zu Ihrem Antrag ${a.reference}`, `das Entscheidungsgremium hat über Ihren Antrag „${a.title}“ entschieden.`);
}

const amendInput = z.object({
	startDate: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'Bitte ein gültiges Datum angeben.'),
	endDate: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'Bitte ein gültiges Datum angeben.'),
	reason: z.string().trim().min(10, 'Bitte begründen Sie die Änderung.').max(2000)
});

/** A decided application is not edited; its period may be amended, and the amendment is a recorded step. */
export async function amendPeriod(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(amendInput, raw);
	if (input.endDate < input.startDate) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { endDate: 'Das Ende liegt vor dem Beginn.' });
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (!['submitted', 'eligible', 'approved'].includes(a.status)) throw new ConflictError('Der Projektzeitraum kann in diesem Stand nicht mehr geändert werden.');
		const [r] = a.roundId ? await tx.select().from(round).where(eq(round.id, a.roundId)) : [];
		const [g] = r ? await tx.select().from(guideline).where(eq(guideline.id, r.guidelineId)) : [];
		const settlementDueOn = a.status === 'approved' && g ? settlementDueDate(input.endDate, g.settlementMonths) : a.settlementDueOn;
		if (a.status === 'approved' && a.decidedAt && startsBeforeApproval(input.startDate, a.decidedAt)) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { startDate: 'Der Beginn darf nicht vor der Bewilligung liegen.' });
		await tx.update(application).set({ startDate: input.startDate, endDate: input.endDate, settlementDueOn, updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		const text = `Projektzeitraum geändert: ${a.startDate ? germanDate(a.startDate) : '–'} bis ${a.endDate ? germanDate(a.endDate) : '–'} → ${germanDate(input.startDate)} bis ${germanDate(input.endDate)}. ${input.reason}`;
		await addStep(tx, ctx, a.id, 'amended', text);
		await recordAudit(tx, ctx, { action: 'grants.application.amend', entityType: 'grants_application', entityId: a.id, before: { startDate: a.startDate, endDate: a.endDate }, after: input });
	});
}

/** In justified exceptions the grant is paid in advance on the cost estimate (§ 6). */
export async function payAdvance(ctx: ServiceContext, id: string) {
	authorize(ctx, 'grants.manage');
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'approved' || !a.advanceRequested) throw new ConflictError('Eine Vorauszahlung ist nur für bewilligte Anträge mit begründetem Antrag darauf möglich.');
		const yearRow = await yearOf(tx, a);
		const paid = await paidSoFar(tx, a.id);
		if (paid > 0) throw new ConflictError('Für diesen Antrag wurde schon gezahlt.');
		await tx.insert(ledgerEntry).values({ municipalityId: ctx.municipality.id, fundYearId: yearRow.id, applicationId: a.id, kind: 'payment', amountCents: a.grantedCents, note: 'Vorauszahlung', at: ctx.clock.now() });
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		await addStep(tx, ctx, a.id, 'advance_paid', `Vorauszahlung angewiesen: ${formatEuro(a.grantedCents)}`);
		await issueLetter(tx, ctx, {
			fund: f!,
			kind: 'payment_order',
			values: applicationValues(ctx, f!, a, null, null, f!.court),
			table: tableHtml(['Art', 'Betrag €'], [['Vorauszahlung auf Basis des Kostenplans', formatEuro(a.grantedCents)]]),
			recipient: [],
			reference: a.reference ?? '',
			applicationId: a.id,
			toApplicant: false
		});
		await recordAudit(tx, ctx, { action: 'grants.payment.advance', entityType: 'grants_application', entityId: a.id, after: { amountCents: a.grantedCents } });
	});
}

async function yearOf(tx: Tx, a: Application) {
	const [row] = await tx
		.select({ fy: fundYear })
		.from(ledgerEntry)
		.innerJoin(fundYear, eq(fundYear.id, ledgerEntry.fundYearId))
		.where(and(eq(ledgerEntry.applicationId, a.id), eq(ledgerEntry.kind, 'commitment')))
		.limit(1);
	if (!row) throw new ConflictError('Zu diesem Antrag gibt es keine Bewilligung im Haushaltsbuch.');
	return row.fy;
}

async function paidSoFar(tx: Tx, applicationId: string) {
	const rows = await tx
		.select({ kind: ledgerEntry.kind, amount: ledgerEntry.amountCents })
		.from(ledgerEntry)
		.where(and(eq(ledgerEntry.applicationId, applicationId), inArray(ledgerEntry.kind, ['payment', 'refund'])));
	return rows.reduce((s, r) => s + (r.kind === 'payment' ? r.amount : -r.amount), 0);
}

const receiptCheckInput = z.object({ accepted: z.enum(['yes', 'no'], { message: 'Bitte anerkennen oder ablehnen.' }), note: z.string().trim().max(1000).optional().default('') });

export async function checkReceipt(ctx: ServiceContext, id: string, documentId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(receiptCheckInput, raw);
	if (input.accepted === 'no' && !input.note) throw new ValidationError('Bitte begründen Sie, warum der Beleg nicht anerkannt wird.', { note: 'Begründung fehlt.' });
	if (!isUuid(documentId)) throw new NotFoundError();
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'settlement_submitted') throw new ConflictError('Belege werden geprüft, wenn die Abrechnung eingereicht ist.');
		const [d] = await tx
			.update(applicationDocument)
			.set({ accepted: input.accepted === 'yes', note: input.note })
			.where(and(eq(applicationDocument.applicationId, a.id), eq(applicationDocument.id, documentId), eq(applicationDocument.kind, 'receipt')))
			.returning({ id: applicationDocument.id });
		if (!d) throw new NotFoundError('Diesen Beleg gibt es nicht.');
		await recordAudit(tx, ctx, { action: 'grants.receipt.check', entityType: 'grants_application', entityId: a.id, after: { documentId, ...input } });
	});
}

/** Returns the settlement to the applicant with a request (e.g. a missing quote). */
export async function returnSettlement(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { message } = parseInput(messageInput, raw);
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'settlement_submitted') throw new ConflictError('Es liegt keine Abrechnung vor.');
		await tx.update(application).set({ status: 'approved', updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'settlement_returned', message);
		await recordAudit(tx, ctx, { action: 'grants.settlement.return', entityType: 'grants_application', entityId: a.id, after: { message } });
		return a;
	});
	await notifyApplicant(ctx, a, `Rückfrage zur Abrechnung ${a.reference}`, `zu Ihrer Abrechnung des Projekts „${a.title}“ haben wir eine Rückfrage:\n\n${message}`);
}

const settleInput = z.object({ note: z.string().trim().max(4000).optional().default('') });

/**
 * Closes the settlement check: accepted receipts against the grant (deficit financing), a check record, the
 * payment order for what is still due, the release of unused money to the fund year, and a refund demand where
 * an advance exceeded what was used.
 */
export async function completeSettlement(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { note } = parseInput(settleInput, raw);
	const view = await officeView(ctx, id);
	if (view.documents.some((d) => d.kind === 'receipt' && d.accepted === null)) throw new ConflictError('Bitte prüfen Sie zuerst jeden Beleg (anerkennen oder ablehnen).');
	const a0 = view.application;
	const acceptedCosts = view.documents.filter((d) => d.kind === 'receipt' && d.accepted).reduce((s, d) => s + (d.amountCents ?? 0), 0);
	const findings = view.expenses.flatMap((e) => e.findings.map((f) => `${e.item.label}: ${f}`));
	const a = await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'settlement_submitted') throw new ConflictError('Es liegt keine Abrechnung zur Prüfung vor.');
		const yearRow = await yearOf(tx, a);
		const advance = await paidSoFar(tx, a.id);
		const outcome = settlementOutcome({ grantedCents: a.grantedCents, acceptedCostsCents: acceptedCosts, ownCents: a.ownFundsCents, sponsorCents: a.sponsorFundsCents, advancePaidCents: advance });
		const now = ctx.clock.now();
		const [f] = await tx.select().from(fund).where(eq(fund.id, a.fundId));
		const base = applicationValues(ctx, f!, a, null, view.guideline, f!.court);
		const receiptRows = view.documents
			.filter((d) => d.kind === 'receipt')
			.map((d) => [a.costItems[d.costItemIndex ?? -1]?.label ?? '–', d.supplier || d.fileName, formatEuro(d.amountCents ?? 0), d.accepted ? 'anerkannt' : `nicht anerkannt${d.note ? ': ' + d.note : ''}`]);
		const summary = tableHtml(
			['Posten', 'Betrag €'],
			[
				['Anerkannte Ausgaben', formatEuro(acceptedCosts)],
				['abzüglich Eigenmittel', formatEuro(a.ownFundsCents)],
				['abzüglich Spenden und Sponsorengelder', formatEuro(a.sponsorFundsCents)],
				['Förderfähiger Betrag (höchstens bewilligt)', formatEuro(outcome.payableCents)],
				['Bereits gezahlt', formatEuro(advance)],
				['Noch auszuzahlen', formatEuro(outcome.paymentDueCents)],
				['Zurückzufordern', formatEuro(outcome.refundDueCents)],
				['An den Fonds zurück (nicht benötigt)', formatEuro(outcome.releasedCents)]
			]
		);
		const recordText = [findings.length ? `Hinweise der Prüfung: ${findings.join('; ')}` : 'Die Prüfung hat keine Beanstandungen ergeben.', note].filter(Boolean).join('\n\n');
		await issueLetter(tx, ctx, {
			fund: f!,
			kind: 'settlement_record',
			values: { ...base, gruende: recordText },
			table: tableHtml(['Kostenposition', 'Beleg', 'Betrag €', 'Ergebnis'], receiptRows) + summary,
			recipient: [],
			reference: a.reference ?? '',
			applicationId: a.id,
			toApplicant: false
		});
		if (outcome.paymentDueCents > 0) {
			await tx.insert(ledgerEntry).values({ municipalityId: ctx.municipality.id, fundYearId: yearRow.id, applicationId: a.id, kind: 'payment', amountCents: outcome.paymentDueCents, note: 'Auszahlung nach Abrechnung', at: now });
			await issueLetter(tx, ctx, {
				fund: f!,
				kind: 'payment_order',
				values: { ...base, betrag: formatEuro(outcome.paymentDueCents) },
				table: tableHtml(['Art', 'Betrag €'], [['Auszahlung nach geprüfter Abrechnung', formatEuro(outcome.paymentDueCents)]]),
				recipient: [],
				reference: a.reference ?? '',
				applicationId: a.id,
				toApplicant: false
			});
		}
		if (outcome.releasedCents > 0) {
			await tx.insert(ledgerEntry).values({ municipalityId: ctx.municipality.id, fundYearId: yearRow.id, applicationId: a.id, kind: 'release', amountCents: outcome.releasedCents, note: 'Nicht benötigte Mittel', at: now });
			await tx
				.update(fundYear)
				.set({ committedCents: sql`${fundYear.committedCents} - ${outcome.releasedCents}` })
				.where(eq(fundYear.id, yearRow.id));
		}
		let status: ApplicationStatus = 'closed';
		if (outcome.refundDueCents > 0) {
			status = 'refund_demanded';
			await issueLetter(tx, ctx, {
				fund: f!,
				kind: 'refund_demand',
				values: { ...base, rueckforderung: formatEuro(outcome.refundDueCents), gruende: note || 'Die anerkannten Ausgaben abzüglich Eigen- und Drittmitteln liegen unter der Vorauszahlung.' },
				recipient: recipientOf(a),
				reference: a.reference ?? '',
				applicationId: a.id,
				toApplicant: true
			});
		}
		await tx.update(application).set({ status, updatedAt: now }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'settled', `Abrechnung geprüft: förderfähig ${formatEuro(outcome.payableCents)}${outcome.paymentDueCents ? `, Auszahlung ${formatEuro(outcome.paymentDueCents)}` : ''}${outcome.refundDueCents ? `, Rückforderung ${formatEuro(outcome.refundDueCents)}` : ''}.`);
		await recordAudit(tx, ctx, { action: 'grants.settlement.complete', entityType: 'grants_application', entityId: a.id, after: { ...outcome, acceptedCosts, findings } });
		return { ...a, status, outcome };
	});
	await notifyApplicant(
		ctx,
		a0,
		`Abrechnung ${a0.reference} geprüft`,
		a.outcome.refundDueCents > 0
			? `die Prüfung Ihrer Abrechnung ist abgeschlossen. Es ergibt sich eine Rückforderung von ${formatEuro(a.outcome.refundDueCents)}.`
			: `die Prüfung Ihrer Abrechnung ist abgeschlossen.${a.outcome.paymentDueCents ? ` ${formatEuro(a.outcome.paymentDueCents)} werden an Sie überwiesen.` : ''}`
	);
	return a.outcome;
}

/** The refund has arrived: the money is back in the fund year. */
export async function recordRefund(ctx: ServiceContext, id: string) {
	authorize(ctx, 'grants.manage');
	await inTransaction(ctx, async (tx) => {
		const a = await loadApplication(tx, ctx, id, true);
		if (a.status !== 'refund_demanded') throw new ConflictError('Für diesen Antrag ist keine Rückforderung offen.');
		const yearRow = await yearOf(tx, a);
		const paid = await paidSoFar(tx, a.id);
		const entries = await tx.select().from(ledgerEntry).where(eq(ledgerEntry.applicationId, a.id));
		const granted = entries.reduce((s, e) => s + (e.kind === 'commitment' ? e.amountCents : e.kind === 'release' ? -e.amountCents : 0), 0);
		const refund = paid - granted;
		if (refund <= 0) throw new ConflictError('Es ist nichts zurückzuzahlen.');
		await tx.insert(ledgerEntry).values({ municipalityId: ctx.municipality.id, fundYearId: yearRow.id, applicationId: a.id, kind: 'refund', amountCents: refund, note: 'Rückzahlung eingegangen', at: ctx.clock.now() });
		await tx.update(application).set({ status: 'closed', updatedAt: ctx.clock.now() }).where(eq(application.id, a.id));
		await addStep(tx, ctx, a.id, 'refunded', `Rückzahlung eingegangen: ${formatEuro(refund)}`);
		await recordAudit(tx, ctx, { action: 'grants.refund.record', entityType: 'grants_application', entityId: a.id, after: { refund } });
	});
}
