import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { createTerm, ensureDefaultTaxonomies, groupTerms, listTerms, updateTerm, TAXONOMY_KINDS, TAXONOMY_KIND_LABELS } from '#lib/server/modules/offers/index.ts';
import { authorize } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'offers.taxonomies.manage');
		await ensureDefaultTaxonomies(ctx.db, ctx.municipality.id, ctx.clock.now());
		const grouped = groupTerms(await listTerms(ctx.db, ctx.municipality.id));
		return {
			kinds: TAXONOMY_KINDS.map((kind) => ({
				kind,
				title: TAXONOMY_KIND_LABELS[kind],
				terms: grouped[kind].map((t) => ({ id: t.id, code: t.code, name: t.name, labels: t.labels }))
			})),
			languages: ctx.municipality.enabledLanguages.filter((l) => l !== 'de')
		};
	});
};

export const actions: Actions = {
	create: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await createTerm(contextOf(event), String(values.kind ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'created', kind: values.kind };
	},
	update: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateTerm(contextOf(event), String(values.id ?? ''), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'updated', id: values.id };
	}
};
