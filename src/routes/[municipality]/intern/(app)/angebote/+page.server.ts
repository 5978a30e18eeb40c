import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listOffers, organizationsForOffers, confirmationOverview, countOpenOfferReports, OFFER_STATUS_LABELS, type OfferContent, type ReviewState } from '#lib/server/modules/offers/index.ts';
import { can } from '#lib/server/core/authorize.ts';

const STATES = ['pending', 'draft', 'returned', 'published'] as const;

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const state = STATES.find((s) => s === event.url.searchParams.get('status'));
	const text = (event.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const isEditor = can(ctx, 'offers.review');
	const [offers, organizations, confirmation, openReports] = await loadOrError(() =>
		Promise.all([
			listOffers(ctx, { state: state as ReviewState | 'pending' | undefined, text }),
			organizationsForOffers(ctx),
			confirmationOverview(ctx),
			isEditor ? countOpenOfferReports(ctx) : Promise.resolve(0)
		])
	);
	return {
		toConfirm: confirmation.rows.filter((r) => r.state.status !== 'current').length,
		unconfirmed: confirmation.rows.filter((r) => r.state.status === 'overdue' || r.state.status === 'hidden').length,
		openReports,
		offers: offers.map((o) => ({ ...o, statusLabel: OFFER_STATUS_LABELS[o.status as OfferContent['status']] ?? o.status })),
		state: state ?? '',
		text,
		mayCreate: organizations.length > 0,
		isEditor
	};
};
