import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { commitTable, discardTable, tablePreview, updateTableMapping } from '#lib/server/modules/monitoring/table-service.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { row, plan, mappingError } = await loadOrError(() => tablePreview(ctx, event.params.importId));
	const dates = plan ? [...new Set(plan.figures.flatMap((f) => f.referenceDates))].sort() : [];
	return {
		upload: {
			id: row.id,
			filename: row.filename,
			source: row.source,
			status: row.status,
			result: row.result,
			headers: row.sheet.headers,
			rowCount: row.sheet.rows.length,
			format: row.sheet.format,
			encoding: row.sheet.encoding ?? null,
			delimiter: row.sheet.delimiter ?? null,
			mapping: row.mapping,
			notes: (row.sheet as { notes?: string[] }).notes ?? []
		},
		mappingError,
		plan: plan && {
			problems: plan.problems.slice(0, 300),
			problemCount: plan.problems.length,
			records: plan.records.length,
			dates,
			figures: plan.figures.map((f) => ({ name: f.name, categories: f.categories, referenceDates: f.referenceDates, rows: f.rows, existing: f.existing, replacedValues: f.replacedValues })),
			totals: {
				checked: plan.totals.checked,
				mismatchCount: plan.totals.mismatches.length,
				mismatches: plan.totals.mismatches.slice(0, 20).map((m) => ({ ...m, area: m.areaId ? (plan.areaNames.get(m.areaId) ?? m.areaId) : 'Gesamtstadt' }))
			}
		}
	};
};

export const actions: Actions = {
	mapping: async (event) => {
		const values = formToObject(await event.request.formData(), ['map.values']);
		try {
			await updateTableMapping(contextOf(event), event.params.importId, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { mapped: true };
	},
	commit: async (event) => {
		const ctx = contextOf(event);
		try {
			await commitTable(ctx, event.params.importId);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/import/${event.params.importId}?importiert=1`);
	},
	discard: async (event) => {
		const ctx = contextOf(event);
		try {
			await discardTable(ctx, event.params.importId);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/import`);
	}
};
