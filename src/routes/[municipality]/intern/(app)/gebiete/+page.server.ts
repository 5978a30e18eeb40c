import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { listAreas, createArea, importAreasFromGeoJson, AREA_LEVELS, AREA_LEVEL_LABELS } from '#lib/server/modules/areas/index.ts';
import { can } from '#lib/server/core/authorize.ts';

/** Upload limit for boundary files; the Köln Stadtbezirke file is about 2 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const areas = await loadOrError(() => listAreas(ctx));
	const names = new Map(areas.map((a) => [a.id, `${a.code} ${a.name}`]));
	return {
		areas: areas.map((a) => ({ ...a, levelLabel: AREA_LEVEL_LABELS[a.level], parentName: a.parentId ? (names.get(a.parentId) ?? '') : '' })),
		levels: AREA_LEVELS.map((l) => ({ value: l, label: AREA_LEVEL_LABELS[l] })),
		mayManage: can(ctx, 'areas.manage')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await createArea(contextOf(event), values);
		} catch (e) {
			return failForm(e, values);
		}
		return { created: true };
	},
	import: async (event) => {
		const data = await event.request.formData();
		const file = data.get('file');
		const values = formToObject(data);
		delete values.file;
		try {
			if (!(file instanceof File) || file.size === 0)
				return { importProblems: [{ feature: 0, field: 'Datei', message: 'Bitte wählen Sie eine GeoJSON-Datei aus.' }], values };
			if (file.size > MAX_FILE_BYTES)
				return { importProblems: [{ feature: 0, field: 'Datei', message: 'Die Datei ist größer als 20 MB. Bitte vereinfachen Sie die Geometrien.' }], values };
			const result = await importAreasFromGeoJson(contextOf(event), await file.text(), values);
			return result.ok ? { imported: { created: result.created, updated: result.updated } } : { importProblems: result.problems, values };
		} catch (e) {
			return failForm(e, values);
		}
	}
};
