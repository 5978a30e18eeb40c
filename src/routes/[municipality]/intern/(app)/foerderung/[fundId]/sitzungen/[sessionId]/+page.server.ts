import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';
import { NotFoundError } from '#lib/server/core/errors.ts';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { castVote, closeSession, issueInvitation, refreshAgenda, sessionView, setAttendance, setProposal, setRecusal, LETTER_LABELS, PRECHECK_CRITERIA } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const v = await sessionView(ctx, event.params.sessionId);
		if (v.fund.id !== event.params.fundId) throw new NotFoundError('Diese Sitzung gibt es nicht.');
		return {
			session: v.jurySession,
			fund: { id: v.fund.id, name: v.fund.name },
			members: v.members.map((m) => ({ id: m.id, name: m.name, seat: m.seat, deputyOf: m.deputyOf, active: m.active })),
			seats: v.seats,
			items: v.items.map((i) => ({
				id: i.id,
				position: i.position,
				proposedCents: i.proposedCents,
				recused: i.recused,
				opinion: i.opinion,
				result: i.result,
				closedTally: i.tally,
				liveTally: i.tally,
				decisionDue: i.decisionDue,
				votes: i.votes.map((x) => ({ memberId: x.memberId, choice: x.choice, recordedBy: x.recordedBy })),
				application: {
					id: i.application.id,
					reference: i.application.reference,
					title: i.application.title,
					organizationName: i.application.organizationName,
					district: i.application.district,
					requestedCents: i.application.requestedCents,
					description: i.application.description,
					status: i.application.status,
					precheck: i.application.precheck
				}
			})),
			ledgers: v.ledgers,
			letters: v.letters.map((l) => ({ ...l, label: LETTER_LABELS[l.kind] })),
			ownSeats: v.ownSeats,
			canManage: v.canManage,
			criteria: PRECHECK_CRITERIA
		};
	});
};

function action(form: string, work: (event: RequestEvent, values: Record<string, unknown>) => Promise<unknown>, done: string, arrays: string[] = []) {
	return async (event: RequestEvent) => {
		const values = formToObject(await event.request.formData(), arrays);
		try {
			await work(event, values);
		} catch (e) {
			return failForm(e, { ...values, form });
		}
		return { done };
	};
}
const sid = (e: RequestEvent) => e.params.sessionId!;

export const actions: Actions = {
	attendance: action('attendance', (e, v) => setAttendance(contextOf(e), sid(e), v.present as string[]), 'Die Anwesenheit ist gespeichert.', ['present']),
	agenda: action('agenda', (e) => refreshAgenda(contextOf(e), sid(e)), 'Die Tagesordnung ist aktualisiert.'),
	invite: action('invite', (e) => issueInvitation(contextOf(e), sid(e)), 'Die Einladung ist erstellt und an die Mitglieder mit E-Mail-Adresse verschickt.'),
	recusal: action('recusal', (e, v) => setRecusal(contextOf(e), String(v.itemId ?? ''), String(v.memberId ?? ''), v.recused === 'yes'), 'Die Befangenheit ist vermerkt.'),
	vote: action('vote', (e, v) => castVote(contextOf(e), String(v.itemId ?? ''), String(v.memberId ?? ''), v), 'Die Stimme ist gespeichert.'),
	proposal: action('proposal', (e, v) => setProposal(contextOf(e), String(v.itemId ?? ''), v), 'Der Beschlussvorschlag ist gespeichert.'),
	close: action('close', (e, v) => closeSession(contextOf(e), sid(e), v), 'Die Sitzung ist geschlossen; die Ergebnisse und die Niederschrift stehen fest.')
};
