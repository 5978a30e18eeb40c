import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { fundOverview, listTemplates, resetTemplate, saveTemplate, LETTER_LABELS, PLACEHOLDERS } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const o = await fundOverview(ctx, event.params.fundId);
		return {
			fund: { id: o.fund.id, name: o.fund.name },
			templates: (await listTemplates(ctx, o.fund.id)).map((t) => ({ ...t, label: LETTER_LABELS[t.kind] })),
			placeholders: Object.entries(PLACEHOLDERS)
		};
	});
};

export const actions: Actions = {
	save: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await saveTemplate(contextOf(event), event.params.fundId, String(values.kind ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'Die Vorlage ist gespeichert. Sie gilt für Schreiben, die ab jetzt erstellt werden.', kind: values.kind };
	},
	reset: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await resetTemplate(contextOf(event), event.params.fundId, String(values.kind ?? ''));
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'Es gilt wieder der Standardtext.', kind: values.kind };
	}
};
