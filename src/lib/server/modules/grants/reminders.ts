/**
 * Scheduled reminders of the fund procedure: settlements due within 14 days (to the applicant), settlements
 * overdue (to the applicant and the office), and rounds whose four-week decision period is running out without
 * a session (to the office). Each reminder is recorded on the application, so a run more or less changes nothing.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../core/clock.ts';
import type { Mailer } from '../../core/mail.ts';
import { municipality } from '../../core/schema.ts';
import { application, fund, guideline, jurySession, round } from './schema.ts';
import { berlinDate, decisionDueDate, deadlineState, germanDate } from './rules.ts';

export async function runGrantReminders(deps: { db: Db; mail: Mailer; clock: Clock; origin: string }) {
	const now = deps.clock.now();
	let settlementSoon = 0,
		settlementOverdue = 0,
		decisionDue = 0;
	const open = await deps.db
		.select({ a: application, f: fund, slug: municipality.slug })
		.from(application)
		.innerJoin(fund, eq(fund.id, application.fundId))
		.innerJoin(municipality, eq(municipality.id, application.municipalityId))
		.where(and(eq(application.status, 'approved'), sql`${application.settlementDueOn} is not null`));
	for (const { a, f, slug } of open) {
		const state = deadlineState(a.settlementDueOn!, now);
		const key = state === 'due_soon' ? `settlement_soon:${a.settlementDueOn}` : state === 'overdue' ? `settlement_overdue:${a.settlementDueOn}` : null;
		if (!key || a.remindersSent.includes(key)) continue;
		const due = germanDate(a.settlementDueOn!);
		const text =
			state === 'due_soon'
				? `die Abrechnung Ihres Projekts „${a.title}“ (${a.reference}) ist bis zum ${due} fällig. Bitte laden Sie die Belege über Ihre Statusseite hoch und reichen Sie die Abrechnung mit einem kurzen Sachbericht ein.`
				: `die Abrechnung Ihres Projekts „${a.title}“ (${a.reference}) war bis zum ${due} fällig und liegt uns noch nicht vor. Bitte reichen Sie sie umgehend ein oder melden Sie sich bei uns.`;
		if (a.contactEmail)
			await deps.mail.send({
				municipalityId: a.municipalityId,
				to: a.contactEmail,
				subject: `${state === 'due_soon' ? 'Erinnerung' : 'Abrechnung überfällig'}: ${a.reference} ${a.title}`.slice(0, 200),
				text: `Guten Tag ${a.contactName},\n\n${text}\n\nDen persönlichen Link zu Ihrem Antrag finden Sie in unserer ersten E-Mail; einen neuen können Sie unter ${deps.origin}/${slug}/de/foerderung anfordern.\n\n${f.managingOffice}\n${f.email}`
			});
		if (state === 'overdue')
			await deps.mail.send({
				municipalityId: a.municipalityId,
				to: f.email,
				subject: `Abrechnung überfällig: ${a.reference} ${a.title}`.slice(0, 200),
				text: `Die Abrechnung zu ${a.reference} „${a.title}“ war bis zum ${due} fällig und ist nicht eingegangen.\n\n${deps.origin}/${slug}/intern/foerderung/${f.id}/antraege/${a.id}`
			});
		await deps.db
			.update(application)
			.set({ remindersSent: [...a.remindersSent, key] })
			.where(eq(application.id, a.id));
		if (state === 'due_soon') settlementSoon++;
		else settlementOverdue++;
	}

	// Rounds past their deadline with applications waiting and no session before the decision date.
	const today = berlinDate(now);
	const rounds = await deps.db
		.select({ r: round, f: fund, weeks: guideline.decisionWeeks, slug: municipality.slug })
		.from(round)
		.innerJoin(fund, eq(fund.id, round.fundId))
		.innerJoin(guideline, eq(guideline.id, round.guidelineId))
		.innerJoin(municipality, eq(municipality.id, round.municipalityId))
		.where(sql`${round.deadline} < ${today}`);
	for (const { r, f, weeks, slug } of rounds) {
		const due = decisionDueDate(r.deadline, weeks);
		if (deadlineState(due, now, 7) !== 'due_soon') continue;
		const waiting = await deps.db
			.select({ id: application.id, reminders: application.remindersSent })
			.from(application)
			.where(and(eq(application.roundId, r.id), inArray(application.status, ['submitted', 'eligible'])));
		const key = `decision_due:${r.deadline}`;
		if (!waiting.length || waiting.every((w) => w.reminders.includes(key))) continue;
		const [planned] = await deps.db
			.select({ id: jurySession.id })
			.from(jurySession)
			.where(and(eq(jurySession.fundId, f.id), eq(jurySession.status, 'planned'), sql`(${jurySession.startsAt} at time zone 'Europe/Berlin')::date <= ${due}`))
			.limit(1);
		if (planned) continue;
		await deps.mail.send({
			municipalityId: r.municipalityId,
			to: f.email,
			subject: `Jury muss bis ${germanDate(due)} entscheiden: Frist ${germanDate(r.deadline)}`,
			text: `Zur Antragsfrist ${germanDate(r.deadline)} warten ${waiting.length} Anträge. Das Entscheidungsgremium muss bis ${germanDate(due)} entscheiden; eine Sitzung bis dahin ist noch nicht geplant.\n\n${deps.origin}/${slug}/intern/foerderung/${f.id}`
		});
		for (const w of waiting)
			await deps.db
				.update(application)
				.set({ remindersSent: [...w.reminders, key] })
				.where(eq(application.id, w.id));
		decisionDue++;
	}
	return { settlementSoon, settlementOverdue, decisionDue };
}
