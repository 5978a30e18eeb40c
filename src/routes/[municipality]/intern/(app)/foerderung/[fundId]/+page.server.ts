import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { can } from '#lib/server/core/authorize.ts';
import { confirmationState, createSession, fundOverview, ledgerForYear, listSessions, openAdditionalRound, worklist, STATUS_LABELS, decisionDueDate, deadlineState, berlinDate } from '#lib/server/modules/grants/index.ts';
import { redirect } from '@sveltejs/kit';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const overview = await fundOverview(ctx, event.params.fundId);
		const now = ctx.clock.now();
		const thisYear = Number(berlinDate(now).slice(0, 4));
		const years = [...new Set([thisYear, ...overview.rounds.map((r) => r.year)])].sort((a, b) => b - a);
		const requested = Number(event.url.searchParams.get('jahr'));
		const year = years.includes(requested) ? requested : (overview.currentRound?.year ?? thisYear);
		const list = can(ctx, 'grants.read') ? await worklist(ctx, overview.fund.id) : { rounds: [] };
		// Filters of the worklist: a status and a text found in reference, title, applicant or district.
		const status = event.url.searchParams.get('stand') ?? '';
		const query = (event.url.searchParams.get('suche') ?? '').trim().toLowerCase().slice(0, 100);
		const matches = (a: (typeof list.rounds)[number]['applications'][number]) =>
			(!status || a.status === status) && (!query || [a.reference ?? '', a.title, a.organizationName, a.district].some((t) => t.toLowerCase().includes(query)));
		return {
			fund: { id: overview.fund.id, name: overview.fund.name, office: overview.fund.managingOffice, slug: overview.fund.slug },
			guideline: { version: overview.guideline.version, title: overview.guideline.title, confirmation: confirmationState(overview.guideline, now) },
			currentRound: overview.currentRound,
			year,
			years,
			ledger: await ledgerForYear(ctx, overview.fund.id, year),
			rounds: list.rounds
				.filter((r) => r.year === year)
				.map((r) => ({
					...r,
					decisionDue: decisionDueDate(r.deadline, overview.guideline.decisionWeeks),
					deadlineState: deadlineState(r.deadline, now),
					applications: r.applications.filter(matches).map((a) => ({ ...a, statusLabel: STATUS_LABELS[a.status], settlementState: a.settlementDueOn && a.status === 'approved' ? deadlineState(a.settlementDueOn, now) : null }))
				})),
			sessions: await listSessions(ctx, overview.fund.id),
			filter: { status, query },
			statuses: Object.entries(STATUS_LABELS)
				.filter(([k]) => k !== 'draft')
				.map(([value, label]) => ({ value, label })),
			canManage: can(ctx, 'grants.manage'),
			canRead: can(ctx, 'grants.read')
		};
	});
};

export const actions: Actions = {
	session: async (event) => {
		const values = formToObject(await event.request.formData());
		let id: string;
		try {
			id = (await createSession(contextOf(event), event.params.fundId, values)).id;
		} catch (e) {
			return failForm(e, { ...values, form: 'session' });
		}
		redirect(303, `/${event.params.municipality}/intern/foerderung/${event.params.fundId}/sitzungen/${id}`);
	},
	round: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await openAdditionalRound(contextOf(event), event.params.fundId, values);
		} catch (e) {
			return failForm(e, { ...values, form: 'round' });
		}
		return { roundOpened: true };
	}
};
