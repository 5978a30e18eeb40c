import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { runMicrodata, MICRODATA_FIGURES } from '#lib/server/modules/monitoring/microdata.ts';
import { REGISTER_FIELDS, GERMAN_COLUMN_NAMES } from '#lib/server/modules/monitoring/register-csv.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'monitoring.microdata');
		return { columns: REGISTER_FIELDS.map((f) => GERMAN_COLUMN_NAMES[f]), figures: Object.values(MICRODATA_FIGURES), year: Number(ctx.clock.now().toISOString().slice(0, 4)) - 1 };
	});
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = contextOf(event);
		const data = await event.request.formData();
		const file = data.get('file');
		const referenceYear = String(data.get('referenceYear') ?? '');
		try {
			// The upload is read as a stream and never stored: only the counts leave runMicrodata.
			const upload = file instanceof File && file.size ? { name: file.name, stream: file.stream() as unknown as AsyncIterable<Uint8Array> } : null;
			return { result: await runMicrodata(ctx, upload, { referenceYear }) };
		} catch (e) {
			return failForm(e, { referenceYear });
		}
	}
};
