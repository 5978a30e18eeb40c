import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { confirmOffers, confirmationOverview, CONFIRMATION_STATUS_LABELS, type ConfirmationStatus } from '#lib/server/modules/offers/index.ts';
import { can } from '#lib/server/core/authorize.ts';

const FILTERS = ['attention', 'all'] as const;
const NEEDS_ATTENTION: ConfirmationStatus[] = ['due_soon', 'overdue', 'hidden'];

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const filter = FILTERS.find((f) => f === event.url.searchParams.get('zeige')) ?? 'attention';
	const { settings, rows } = await loadOrError(() => confirmationOverview(ctx));
	const counts = Object.fromEntries((Object.keys(CONFIRMATION_STATUS_LABELS) as ConfirmationStatus[]).map((s) => [s, rows.filter((r) => r.state.status === s).length]));
	return {
		settings,
		filter,
		counts,
		total: rows.length,
		rows: rows
			.filter((r) => filter === 'all' || NEEDS_ATTENTION.includes(r.state.status))
			.map((r) => ({ ...r, statusLabel: CONFIRMATION_STATUS_LABELS[r.state.status] })),
		isEditor: can(ctx, 'offers.review')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData(), ['ids']);
		try {
			const confirmed = await confirmOffers(contextOf(event), values);
			return { confirmed };
		} catch (e) {
			return failForm(e, values);
		}
	}
};
