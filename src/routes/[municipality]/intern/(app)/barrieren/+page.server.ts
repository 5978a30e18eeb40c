import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { listBarrierReports, setBarrierReportStatus, BARRIER_STATUSES, BARRIER_STATUS_LABELS } from '#lib/server/modules/accessibility/index.ts';
import { can } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return {
		reports: await loadOrError(() => listBarrierReports(ctx)),
		statuses: BARRIER_STATUSES.map((s) => ({ value: s, label: BARRIER_STATUS_LABELS[s] })),
		mayManage: can(ctx, 'barrierReports.manage')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await setBarrierReportStatus(contextOf(event), String(values.id ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
