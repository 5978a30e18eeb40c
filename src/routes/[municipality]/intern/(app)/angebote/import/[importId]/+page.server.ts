import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { commitImport, importPreview, updateImportMapping, IMPORT_FIELDS } from '#lib/server/modules/offers/offer-import.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { row, plan } = await loadOrError(() => importPreview(ctx, event.params.importId));
	return {
		upload: {
			id: row.id,
			filename: row.filename,
			status: row.status,
			result: row.result,
			headers: row.sheet.headers,
			rowCount: row.sheet.rows.length,
			format: row.sheet.format,
			encoding: row.sheet.encoding ?? null,
			delimiter: row.sheet.delimiter ?? null,
			mapping: row.mapping,
			publish: row.publish,
			createOrganizations: row.createOrganizations
		},
		fields: Object.entries(IMPORT_FIELDS).map(([key, def]) => ({ key, label: def.label, required: def.required })),
		plan: plan && {
			errors: plan.errors.slice(0, 500),
			errorCount: plan.errors.length,
			ready: plan.offers.length,
			newOrganizations: plan.newOrganizations,
			newVenues: plan.newVenues,
			sample: plan.offers.slice(0, 10).map((o) => ({ line: o.line, name: o.content.name, organization: o.organizationName, categories: o.content.termIds.length, languages: o.content.languages.join(', '), free: o.content.free }))
		}
	};
};

export const actions: Actions = {
	mapping: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await updateImportMapping(contextOf(event), event.params.importId, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { mapped: true };
	},
	commit: async (event) => {
		const ctx = contextOf(event);
		let result: { offers: number };
		try {
			result = await commitImport(ctx, event.params.importId);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${ctx.municipality.slug}/intern/angebote/import/${event.params.importId}?importiert=${result.offers}`);
	}
};
