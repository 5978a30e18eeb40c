/** Jury sessions: agenda, attendance, conflicts of interest, votes, the computed result and the minutes. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { actorLabel } from '../../core/roles.ts';
import { startOfBerlinDay } from '../../core/clock.ts';
import { application, fund, guideline, juryMember, letter, round, jurySession, sessionItem, vote } from './schema.ts';
import { addStep, guidelineAt, issueLetter, loadFund } from './common.ts';
import { ownJurySeats } from './funds.ts';
import { ledgerForYear } from './ledger.ts';
import { berlinDate, decisionDueDate, formatEuro, germanDate, parseEuro, tallyVotes, votingSeats, type JuryTally, type VoteChoice } from './rules.ts';
import { escapeHtml, tableHtml } from './letters.ts';

type Session = typeof jurySession.$inferSelect;

function mayRead(ctx: ServiceContext) {
	if (!can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
}

async function loadSession(db: ServiceContext['db'] | Tx, ctx: ServiceContext, id: string, forUpdate = false): Promise<Session> {
	if (!isUuid(id)) throw new NotFoundError('Diese Sitzung gibt es nicht.');
	const q = db
		.select()
		.from(jurySession)
		.where(and(eq(jurySession.municipalityId, ctx.municipality.id), eq(jurySession.id, id)));
	const [row] = forUpdate ? await q.for('update') : await q;
	if (!row) throw new NotFoundError('Diese Sitzung gibt es nicht.');
	return row;
}

export async function listSessions(ctx: ServiceContext, fundId: string) {
	mayRead(ctx);
	const f = await loadFund(ctx.db, ctx, fundId);
	return ctx.db.select().from(jurySession).where(eq(jurySession.fundId, f.id)).orderBy(desc(jurySession.startsAt));
}

const sessionInput = z.object({
	date: z.string().refine((v) => startOfBerlinDay(v) !== null, 'Bitte ein gültiges Datum angeben.'),
	time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Bitte eine Uhrzeit wie 17:00 angeben.'),
	location: z.string().trim().min(3, 'Bitte den Ort angeben.').max(300)
});

/** A new session. Its agenda holds every eligible application not yet on another agenda, in the order received. */
export async function createSession(ctx: ServiceContext, fundId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(sessionInput, raw);
	const start = startOfBerlinDay(input.date)!;
	const [h, m] = input.time.split(':').map(Number) as [number, number];
	// Berlin wall-clock time: add hours to local midnight (no DST switch happens between 03:00 and midnight).
	const startsAt = new Date(start.getTime() + (h * 60 + m) * 60_000);
	return inTransaction(ctx, async (tx) => {
		const f = await loadFund(tx, ctx, fundId);
		const [created] = await tx.insert(jurySession).values({ municipalityId: ctx.municipality.id, fundId: f.id, startsAt, location: input.location, createdAt: ctx.clock.now() }).returning();
		await addAgendaItems(tx, ctx, f.id, created!.id);
		await recordAudit(tx, ctx, { action: 'grants.session.create', entityType: 'grants_session', entityId: created!.id, after: created });
		return created!;
	});
}

async function addAgendaItems(tx: Tx, ctx: ServiceContext, fundId: string, sessionId: string) {
	const onAgenda = tx
		.select({ id: sessionItem.applicationId })
		.from(sessionItem)
		.innerJoin(jurySession, eq(jurySession.id, sessionItem.sessionId))
		// On a planned agenda, or already decided by the jury (the office's letter may still be due).
		.where(or(and(eq(jurySession.status, 'planned'), isNull(sessionItem.result)), isNotNull(sessionItem.result)));
	const eligible = await tx
		.select()
		.from(application)
		.where(and(eq(application.fundId, fundId), eq(application.status, 'eligible'), sql`${application.id} not in (${onAgenda})`))
		.orderBy(asc(application.submittedAt));
	const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(sessionItem).where(eq(sessionItem.sessionId, sessionId))) as [{ n: number }];
	let position = n;
	for (const a of eligible) {
		// An application the jury already decided on without a grant (e.g. rejected) has left 'eligible'; the rest are new.
		await tx.insert(sessionItem).values({ municipalityId: ctx.municipality.id, sessionId, applicationId: a.id, position: ++position, proposedCents: a.requestedCents }).onConflictDoNothing();
	}
	return eligible.length;
}

/** Adds applications forwarded since the session was planned. */
export async function refreshAgenda(ctx: ServiceContext, sessionId: string) {
	authorize(ctx, 'grants.manage');
	return inTransaction(ctx, async (tx) => {
		const s = await loadSession(tx, ctx, sessionId, true);
		if (s.status !== 'planned') throw new ConflictError('Die Sitzung ist geschlossen.');
		const added = await addAgendaItems(tx, ctx, s.fundId, s.id);
		await recordAudit(tx, ctx, { action: 'grants.session.agenda', entityType: 'grants_session', entityId: s.id, after: { added } });
		return added;
	});
}

/** The session as the office and the jury see it: agenda with pre-check notes, attendance, votes, live tallies. */
export async function sessionView(ctx: ServiceContext, sessionId: string) {
	mayRead(ctx);
	const s = await loadSession(ctx.db, ctx, sessionId);
	const [f] = await ctx.db.select().from(fund).where(eq(fund.id, s.fundId));
	const g = await guidelineAt(ctx.db, f!.id, s.startsAt);
	const members = await ctx.db.select().from(juryMember).where(eq(juryMember.fundId, f!.id)).orderBy(asc(juryMember.seat), asc(juryMember.name));
	const itemRows = await ctx.db
		.select({ item: sessionItem, app: application, deadline: round.deadline, year: round.year, majority: guideline.majority, decisionWeeks: guideline.decisionWeeks })
		.from(sessionItem)
		.innerJoin(application, eq(application.id, sessionItem.applicationId))
		.leftJoin(round, eq(round.id, application.roundId))
		.leftJoin(guideline, eq(guideline.id, round.guidelineId))
		.where(eq(sessionItem.sessionId, s.id))
		.orderBy(asc(sessionItem.position));
	const votes = itemRows.length
		? await ctx.db
				.select()
				.from(vote)
				.where(
					inArray(
						vote.sessionItemId,
						itemRows.map((r) => r.item.id)
					)
				)
		: [];
	const present = new Set(s.present);
	const seats = votingSeats(
		members.filter((m) => m.active),
		present
	);
	const items = itemRows.map((r) => {
		const itemVotes = votes.filter((v) => v.sessionItemId === r.item.id);
		const tally = safeTally(() => tallyVotes({ entitledIds: seats, recusedIds: new Set(r.item.recused), votes: itemVotes.map((v) => ({ memberId: v.memberId, choice: v.choice })), majority: r.majority ?? g.majority }));
		return {
			...r.item,
			application: r.app,
			deadline: r.deadline,
			decisionDue: r.deadline ? decisionDueDate(r.deadline, r.decisionWeeks ?? g.decisionWeeks) : null,
			votes: itemVotes,
			tally
		};
	});
	const years = [...new Set(itemRows.map((r) => r.year).filter((y): y is number => y !== null))];
	const ledgers = await Promise.all(years.map(async (y) => ({ year: y, ledger: await ledgerForYear(ctx, f!.id, y) })));
	const letters = await ctx.db
		.select({ id: letter.id, kind: letter.kind, subject: letter.subject, createdAt: letter.createdAt })
		.from(letter)
		.where(eq(letter.sessionId, s.id))
		.orderBy(asc(letter.createdAt));
	return { jurySession: s, fund: f!, guideline: g, members, seats, items, ledgers, letters, ownSeats: await ownJurySeats(ctx), canManage: can(ctx, 'grants.manage') };
}

/** A live tally cannot be computed while attendance changes under cast votes; the page then shows none. */
function safeTally(compute: () => JuryTally): JuryTally | null {
	try {
		return compute();
	} catch {
		return null;
	}
}

export async function setAttendance(ctx: ServiceContext, sessionId: string, presentIds: string[]) {
	authorize(ctx, 'grants.manage');
	await inTransaction(ctx, async (tx) => {
		const s = await loadSession(tx, ctx, sessionId, true);
		if (s.status !== 'planned') throw new ConflictError('Die Sitzung ist geschlossen.');
		const members = await tx.select({ id: juryMember.id, deputyOf: juryMember.deputyOf, active: juryMember.active }).from(juryMember).where(eq(juryMember.fundId, s.fundId));
		const known = new Set(members.map((m) => m.id));
		const present = [...new Set(presentIds)].filter((id) => known.has(id));
		// Cast votes must keep counting: their members stay present and entitled (a deputy loses the seat when the member arrives).
		const seats = votingSeats(
			members.filter((m) => m.active),
			new Set(present)
		);
		const [{ n }] = (await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(vote)
			.innerJoin(sessionItem, eq(sessionItem.id, vote.sessionItemId))
			.where(seats.length ? and(eq(sessionItem.sessionId, s.id), notInArray(vote.memberId, seats)) : eq(sessionItem.sessionId, s.id))) as [{ n: number }];
		if (n > 0) throw new ConflictError('Mitglieder, die schon abgestimmt haben, müssen anwesend und stimmberechtigt bleiben.');
		await tx.update(jurySession).set({ present }).where(eq(jurySession.id, s.id));
		await recordAudit(tx, ctx, { action: 'grants.session.attendance', entityType: 'grants_session', entityId: s.id, before: { present: s.present }, after: { present } });
	});
}

async function loadItem(tx: Tx, ctx: ServiceContext, itemId: string) {
	if (!isUuid(itemId)) throw new NotFoundError('Diesen Tagesordnungspunkt gibt es nicht.');
	const [row] = await tx
		.select({ item: sessionItem, jurySession: jurySession })
		.from(sessionItem)
		.innerJoin(jurySession, eq(jurySession.id, sessionItem.sessionId))
		.where(and(eq(sessionItem.municipalityId, ctx.municipality.id), eq(sessionItem.id, itemId)))
		.for('update');
	if (!row) throw new NotFoundError('Diesen Tagesordnungspunkt gibt es nicht.');
	if (row.jurySession.status !== 'planned') throw new ConflictError('Die Sitzung ist geschlossen: Es kann nichts mehr geändert werden.');
	return row;
}

/** Only the office, or the member for their own seat. */
async function mayActFor(ctx: ServiceContext, memberId: string) {
	if (can(ctx, 'grants.manage')) return;
	authorize(ctx, 'grants.vote');
	if (!(await ownJurySeats(ctx)).includes(memberId)) throw new ForbiddenError('Sie können nur für Ihren eigenen Sitz handeln.');
}

/** A member declares (or the office records) a conflict of interest for one application. */
export async function setRecusal(ctx: ServiceContext, itemId: string, memberId: string, recused: boolean) {
	await mayActFor(ctx, memberId);
	await inTransaction(ctx, async (tx) => {
		const { item } = await loadItem(tx, ctx, itemId);
		if (recused) {
			const [cast] = await tx
				.select()
				.from(vote)
				.where(and(eq(vote.sessionItemId, item.id), eq(vote.memberId, memberId)));
			if (cast) throw new ConflictError('Wer schon abgestimmt hat, kann sich nicht mehr für befangen erklären.');
		}
		const next = recused ? [...new Set([...item.recused, memberId])] : item.recused.filter((id) => id !== memberId);
		await tx.update(sessionItem).set({ recused: next }).where(eq(sessionItem.id, item.id));
		await recordAudit(tx, ctx, { action: 'grants.session.recusal', entityType: 'grants_session_item', entityId: item.id, after: { memberId, recused } });
	});
}

const voteInput = z.object({ choice: z.enum(['yes', 'no', 'abstain'], { message: 'Bitte Ja, Nein oder Enthaltung wählen.' }) });

/** One vote per seat and item, only while the session is open, never by a recused or absent member. */
export async function castVote(ctx: ServiceContext, itemId: string, memberId: string, raw: unknown) {
	const { choice } = parseInput(voteInput, raw);
	await mayActFor(ctx, memberId);
	await inTransaction(ctx, async (tx) => {
		const { item, jurySession: s } = await loadItem(tx, ctx, itemId);
		const members = await tx.select().from(juryMember).where(and(eq(juryMember.fundId, s.fundId), eq(juryMember.active, true)));
		const seats = votingSeats(members, new Set(s.present));
		if (!seats.includes(memberId)) throw new ConflictError('Dieses Mitglied ist nicht als anwesend und stimmberechtigt eingetragen.');
		if (item.recused.includes(memberId)) throw new ConflictError('Wer befangen ist, stimmt nicht ab.');
		const [row] = await tx
			.insert(vote)
			.values({ municipalityId: ctx.municipality.id, sessionItemId: item.id, memberId, choice: choice as VoteChoice, recordedBy: actorLabel(ctx.actor), at: ctx.clock.now() })
			.onConflictDoNothing()
			.returning();
		if (!row) throw new ConflictError('Für diesen Sitz ist schon eine Stimme abgegeben.');
		await recordAudit(tx, ctx, { action: 'grants.session.vote', entityType: 'grants_session_item', entityId: item.id, after: { memberId, choice } });
	});
}

const proposalInput = z.object({ proposed: z.string(), opinion: z.string().trim().max(4000).optional().default('') });

/** The amount put to the vote (full or reduced) and an office's written opinion, before anyone voted. */
export async function setProposal(ctx: ServiceContext, itemId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const input = parseInput(proposalInput, raw);
	const cents = parseEuro(input.proposed);
	await inTransaction(ctx, async (tx) => {
		const { item } = await loadItem(tx, ctx, itemId);
		const [a] = await tx.select().from(application).where(eq(application.id, item.applicationId));
		if (!cents || cents > a!.requestedCents) throw new ValidationError(`Bitte einen Betrag bis ${formatEuro(a!.requestedCents)} angeben.`, { proposed: 'Ungültiger Betrag.' });
		const [cast] = await tx.select({ id: vote.id }).from(vote).where(eq(vote.sessionItemId, item.id)).limit(1);
		if (cast && cents !== item.proposedCents) throw new ConflictError('Über den Betrag wird schon abgestimmt; er kann nicht mehr geändert werden.');
		await tx.update(sessionItem).set({ proposedCents: cents, opinion: input.opinion }).where(eq(sessionItem.id, item.id));
		await recordAudit(tx, ctx, { action: 'grants.session.proposal', entityType: 'grants_session_item', entityId: item.id, before: { proposedCents: item.proposedCents }, after: { proposedCents: cents, opinion: input.opinion } });
	});
}

export async function issueInvitation(ctx: ServiceContext, sessionId: string) {
	authorize(ctx, 'grants.manage');
	const view = await sessionView(ctx, sessionId);
	if (view.jurySession.status !== 'planned') throw new ConflictError('Die Sitzung ist geschlossen.');
	const left = view.ledgers.map((l) => `${formatEuro(l.ledger.leftCents)} (${l.year})`).join(', ') || '–';
	const when = `${germanDate(berlinDate(view.jurySession.startsAt))}, ${timeText(view.jurySession.startsAt)} Uhr, ${view.jurySession.location}`;
	const l = await inTransaction(ctx, async (tx) => {
		const l = await issueLetter(tx, ctx, {
			fund: view.fund,
			kind: 'invitation',
			values: { fonds: view.fund.name, sitzung: when, rest: left },
			table: agendaTable(view.items),
			recipient: [],
			reference: '',
			sessionId: view.jurySession.id,
			toApplicant: false
		});
		await recordAudit(tx, ctx, { action: 'grants.session.invite', entityType: 'grants_session', entityId: view.jurySession.id });
		return l;
	});
	for (const m of view.members.filter((x) => x.active && x.email))
		await ctx.mail.send({
			municipalityId: ctx.municipality.id,
			to: m.email,
			subject: `Einladung: Entscheidungsgremium ${view.fund.name} am ${germanDate(berlinDate(view.jurySession.startsAt))}`,
			text: `Guten Tag ${m.name},\n\nhiermit lade ich Sie zur Sitzung des Entscheidungsgremiums ein: ${when}.\n\nAuf der Tagesordnung stehen ${view.items.length} Anträge; im Förderjahr sind noch ${left} verfügbar. Die Einladung mit der Tagesordnung, die Anträge und die Vermerke der Vorprüfung finden Sie im Backoffice:\n${ctx.origin}/${ctx.municipality.slug}/intern/foerderung/${view.fund.id}/sitzungen/${view.jurySession.id}\n\nSind Sie bei einem Antrag befangen, erklären Sie es bitte dort. Sind Sie verhindert, informieren Sie bitte Ihre Stellvertretung.\n\n${view.fund.managingOffice}`
		});
	return l;
}

function timeText(d: Date) {
	return new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(d);
}

function agendaTable(items: Awaited<ReturnType<typeof sessionView>>['items']) {
	return tableHtml(
		['TOP', 'Aktenzeichen', 'Projekt', 'Antragsteller', 'Stadtteil', 'Beantragt €', 'Vorschlag €'],
		items.map((i, n) => [String(n + 1), i.application.reference ?? '', i.application.title, i.application.organizationName, i.application.district, formatEuro(i.application.requestedCents), formatEuro(i.proposedCents)])
	);
}

const closeInput = z.object({ minutesNote: z.string().trim().max(8000).optional().default('') });

/**
 * Closes the session: every item's votes become its result (members present who did not vote count as
 * abstaining), the minutes are written, and from now on nothing of the session can change.
 */
export async function closeSession(ctx: ServiceContext, sessionId: string, raw: unknown) {
	authorize(ctx, 'grants.manage');
	const { minutesNote } = parseInput(closeInput, raw);
	const before = await sessionView(ctx, sessionId);
	if (!before.jurySession.present.length) throw new ConflictError('Bitte tragen Sie zuerst ein, wer anwesend ist.');
	return inTransaction(ctx, async (tx) => {
		const s = await loadSession(tx, ctx, sessionId, true);
		if (s.status !== 'planned') throw new ConflictError('Die Sitzung ist schon geschlossen.');
		const members = await tx.select().from(juryMember).where(and(eq(juryMember.fundId, s.fundId), eq(juryMember.active, true)));
		const seats = votingSeats(members, new Set(s.present));
		const items = await tx.select().from(sessionItem).where(eq(sessionItem.sessionId, s.id)).orderBy(asc(sessionItem.position));
		const rows: string[][] = [];
		const voteRows: string[][] = [];
		const CHOICE = { yes: 'Ja', no: 'Nein', abstain: 'Enthaltung' } as const;
		for (const item of items) {
			const [a] = await tx.select().from(application).where(eq(application.id, item.applicationId));
			const [r] = a!.roundId ? await tx.select().from(round).where(eq(round.id, a!.roundId)) : [];
			const [g] = r ? await tx.select().from(guideline).where(eq(guideline.id, r.guidelineId)) : [];
			const votes = await tx.select().from(vote).where(eq(vote.sessionItemId, item.id));
			const tally = tallyVotes({ entitledIds: seats, recusedIds: new Set(item.recused), votes: votes.map((v) => ({ memberId: v.memberId, choice: v.choice })), majority: g?.majority ?? 'present' });
			const abstain = tally.abstain + tally.notVoted.length;
			await tx
				.update(sessionItem)
				.set({ result: tally.outcome, tally: { yes: tally.yes, no: tally.no, abstain, entitled: tally.entitled } })
				.where(eq(sessionItem.id, item.id));
			await addStep(tx, ctx, a!.id, tally.outcome === 'approved' ? 'jury_approved' : 'jury_rejected', '', `Jury am ${germanDate(berlinDate(s.startsAt))}: ${tally.yes} Ja, ${tally.no} Nein, ${abstain} Enthaltungen${item.recused.length ? `, ${item.recused.length} befangen` : ''}.`);
			const recusedNames = members.filter((m) => item.recused.includes(m.id)).map((m) => m.name);
			for (const m of members.filter((x) => seats.includes(x.id)))
				voteRows.push([
					a!.reference ?? '',
					`${m.name} (${m.seat})`,
					item.recused.includes(m.id) ? 'befangen, keine Stimme' : (CHOICE[votes.find((v) => v.memberId === m.id)?.choice ?? 'abstain'] + (votes.some((v) => v.memberId === m.id) ? '' : ' (nicht abgestimmt)'))
				]);
			rows.push([
				a!.reference ?? '',
				a!.title,
				formatEuro(item.proposedCents),
				String(tally.yes),
				String(tally.no),
				String(abstain),
				recusedNames.join(', ') || '–',
				tally.outcome === 'approved' ? 'angenommen' : 'abgelehnt'
			]);
		}
		await tx.update(jurySession).set({ status: 'closed', closedAt: ctx.clock.now(), minutesNote }).where(eq(jurySession.id, s.id));
		const [f] = await tx.select().from(fund).where(eq(fund.id, s.fundId));
		const attendance = tableHtml(
			['Sitz', 'Name', 'Anwesend'],
			members.map((m) => [m.seat + (m.deputyOf ? ' (Stellvertretung)' : ''), m.name, s.present.includes(m.id) ? (seats.includes(m.id) ? 'ja, stimmberechtigt' : 'ja') : 'nein'])
		);
		const results = tableHtml(['Aktenzeichen', 'Projekt', 'Betrag €', 'Ja', 'Nein', 'Enthaltungen', 'Befangen', 'Ergebnis'], rows);
		const left = before.ledgers.map((l) => `${formatEuro(l.ledger.leftCents)} (${l.year}, vor den Bescheiden)`).join(', ') || '–';
		await issueLetter(tx, ctx, {
			fund: f!,
			kind: 'minutes',
			values: { fonds: f!.name, sitzung: `${germanDate(berlinDate(s.startsAt))}, ${timeText(s.startsAt)} Uhr, ${s.location}`, rest: left },
			table: attendance + results + tableHtml(['Aktenzeichen', 'Mitglied', 'Stimme'], voteRows) + (minutesNote ? `<p>${escapeHtml(minutesNote).replace(/\n/g, '<br>')}</p>` : ''),
			recipient: [],
			reference: '',
			sessionId: s.id,
			toApplicant: false
		});
		await recordAudit(tx, ctx, { action: 'grants.session.close', entityType: 'grants_session', entityId: s.id, after: { results: rows.map((r) => ({ reference: r[0], result: r[7] })) } });
		return rows.length;
	});
}

/** The sessions of the municipality for the back office and the jury (a member acts only for their own seat). */
export async function sessionsForMe(ctx: ServiceContext) {
	mayRead(ctx);
	const seats = await ownJurySeats(ctx);
	if (!seats.length && !can(ctx, 'grants.read')) return [];
	return ctx.db
		.select({ jurySession: jurySession, fundName: fund.name })
		.from(jurySession)
		.innerJoin(fund, eq(fund.id, jurySession.fundId))
		.where(eq(jurySession.municipalityId, ctx.municipality.id))
		.orderBy(desc(jurySession.startsAt));
}
