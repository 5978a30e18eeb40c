import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { recentTableImports, uploadTable } from '#lib/server/modules/monitoring/table-service.ts';

export const load: PageServerLoad = async (event) => ({ imports: await loadOrError(() => recentTableImports(contextOf(event))) });

export const actions: Actions = {
	default: async (event) => {
		const ctx = contextOf(event);
		const data = await event.request.formData();
		const file = data.get('file');
		const source = String(data.get('source') ?? '');
		let id: string;
		try {
			id = await uploadTable(ctx, file instanceof File && file.size ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null, source);
		} catch (e) {
			return failForm(e, { source });
		}
		redirect(303, `/${ctx.municipality.slug}/intern/monitoring/import/${id}`);
	}
};
