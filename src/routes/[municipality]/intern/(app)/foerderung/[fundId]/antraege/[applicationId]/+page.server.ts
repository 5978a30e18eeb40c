import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';
import { NotFoundError } from '#lib/server/core/errors.ts';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { can } from '#lib/server/core/authorize.ts';
import {
	amendPeriod,
	checkReceipt,
	completeSettlement,
	forwardToJury,
	grantApplication,
	ledgerForYear,
	officeView,
	payAdvance,
	recordRefund,
	rejectAfterPrecheck,
	rejectApplication,
	requestRevision,
	returnSettlement,
	savePrecheck,
	capFor,
	grantLimitOf,
	STATUS_LABELS,
	PRECHECK_CRITERIA,
	LETTER_LABELS,
	EXPENSE_FINDING_TEXT
} from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const view = await officeView(ctx, event.params.applicationId);
		if (view.fund.id !== event.params.fundId) throw new NotFoundError('Diesen Antrag gibt es nicht.');
		const a = view.application;
		const ledger = view.round ? await ledgerForYear(ctx, view.fund.id, view.round.year) : null;
		return {
			fundId: view.fund.id,
			fundName: view.fund.name,
			application: a,
			statusLabel: STATUS_LABELS[a.status],
			round: view.round,
			guideline: { version: view.guideline.version, goals: view.guideline.goals, rejectionWithReasons: view.guideline.rejectionWithReasons, cap: capFor(view.guideline, a.isCooperation) },
			steps: view.steps,
			documents: view.documents,
			letters: view.letters.map((l) => ({ ...l, label: LETTER_LABELS[l.kind] })),
			juryItem: view.juryItem ? { result: view.juryItem.item.result, proposedCents: view.juryItem.item.proposedCents, tally: view.juryItem.item.tally, sessionStatus: view.juryItem.sessionStatus, startsAt: view.juryItem.startsAt, sessionId: view.juryItem.item.sessionId } : null,
			totalCostCents: view.totalCostCents,
			hints: view.hints,
			expenses: view.expenses.map((e) => ({ ...e, findingTexts: e.findings.map((f) => EXPENSE_FINDING_TEXT[f]) })),
			criteria: PRECHECK_CRITERIA,
			precheckOutcome: view.precheckOutcome,
			leftCents: ledger?.leftCents ?? null,
			maxGrantCents: grantLimitOf(a, view.guideline, view.juryItem?.item.proposedCents ?? a.requestedCents, ledger?.leftCents ?? 0).maxCents,
			canManage: can(ctx, 'grants.manage')
		};
	});
};

/** Each form on the page names itself, so an error is shown next to the form it belongs to. */
function action(form: string, work: (event: RequestEvent, values: Record<string, unknown>) => Promise<unknown>, done: string) {
	return async (event: RequestEvent) => {
		const values = formToObject(await event.request.formData());
		try {
			await work(event, values);
		} catch (e) {
			return failForm(e, { ...values, form });
		}
		return { done };
	};
}

const id = (e: RequestEvent) => e.params.applicationId!;

export const actions: Actions = {
	precheck: action('precheck', (e, v) => savePrecheck(contextOf(e), id(e), v), 'Die Vorprüfung ist gespeichert.'),
	revision: action('revision', (e, v) => requestRevision(contextOf(e), id(e), v), 'Die Nachfrage ist verschickt.'),
	ineligible: action('ineligible', (e, v) => rejectAfterPrecheck(contextOf(e), id(e), v), 'Der Antrag ist als nicht förderfähig beschieden.'),
	forward: action('forward', (e) => forwardToJury(contextOf(e), id(e)), 'Der Antrag liegt jetzt der Jury vor.'),
	grant: action('grant', (e, v) => grantApplication(contextOf(e), id(e), v), 'Der Zuwendungsbescheid ist erstellt.'),
	reject: action('reject', (e, v) => rejectApplication(contextOf(e), id(e), v), 'Der Ablehnungsbescheid ist erstellt.'),
	amend: action('amend', (e, v) => amendPeriod(contextOf(e), id(e), v), 'Der Projektzeitraum ist geändert.'),
	advance: action('advance', (e) => payAdvance(contextOf(e), id(e)), 'Die Vorauszahlung ist angewiesen.'),
	receipt: action('receipt', (e, v) => checkReceipt(contextOf(e), id(e), String(v.documentId ?? ''), v), 'Der Beleg ist geprüft.'),
	returnSettlement: action('returnSettlement', (e, v) => returnSettlement(contextOf(e), id(e), v), 'Die Rückfrage ist verschickt.'),
	settle: action('settle', (e, v) => completeSettlement(contextOf(e), id(e), v), 'Die Abrechnung ist abgeschlossen.'),
	refund: action('refund', (e) => recordRefund(contextOf(e), id(e)), 'Die Rückzahlung ist verbucht.')
};
