import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { can } from '#lib/server/core/authorize.ts';
import { MAX_RULES, monitoringSettingsFor, RULE_KINDS, ruleKindText, settingsForm, updateMonitoringSettings } from '#lib/server/modules/monitoring/settings.ts';
import { DEFAULT_DISCLOSURE_CONFIG } from '#lib/server/modules/monitoring/disclosure.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const settings = await monitoringSettingsFor(ctx);
		return {
			form: settingsForm(settings),
			customised: settings.customised,
			mayDisclose: settings.mayDisclose,
			canManage: can(ctx, 'monitoring.manage'),
			ruleKinds: RULE_KINDS.map((id) => ({ id, text: ruleKindText(id) })),
			maxRules: MAX_RULES,
			defaults: DEFAULT_DISCLOSURE_CONFIG
		};
	});
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateMonitoringSettings(contextOf(event), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	}
};
