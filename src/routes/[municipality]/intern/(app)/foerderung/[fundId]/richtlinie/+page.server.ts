import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { can } from '#lib/server/core/authorize.ts';
import { addGuidelineVersion, confirmGuideline, confirmationState, fundOverview } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const o = await fundOverview(ctx, event.params.fundId);
		const now = ctx.clock.now();
		return {
			fund: { id: o.fund.id, name: o.fund.name },
			current: o.guideline,
			versions: o.versions.map((v) => ({ ...v, confirmation: confirmationState(v, now), inForce: v.id === o.guideline.id, future: v.effectiveAt > now })),
			rounds: o.rounds.map((r) => ({ deadline: r.deadline, kind: r.kind, version: o.versions.find((v) => v.id === r.guidelineId)?.version ?? 0 })),
			canManage: can(ctx, 'grants.manage')
		};
	});
};

export const actions: Actions = {
	version: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await addGuidelineVersion(contextOf(event), event.params.fundId, values);
		} catch (e) {
			return failForm(e, { ...values, form: 'version' });
		}
		return { done: 'Die neue Fassung ist gespeichert. Sie gilt für Antragsfristen, die ab ihrem Gültigkeitstag eröffnet werden.' };
	},
	confirm: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await confirmGuideline(contextOf(event), String(values.guidelineId ?? ''), values);
		} catch (e) {
			return failForm(e, { ...values, form: 'confirm' });
		}
		return { done: 'Die Bestätigung durch den Rat ist vermerkt.' };
	}
};
