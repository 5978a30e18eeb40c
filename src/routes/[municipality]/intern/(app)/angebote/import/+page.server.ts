import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, loadOrError } from '#lib/server/http.ts';
import { recentImports, uploadImport } from '#lib/server/modules/offers/offer-import.ts';

export const load: PageServerLoad = async (event) => ({ imports: await loadOrError(() => recentImports(contextOf(event))) });

export const actions: Actions = {
	default: async (event) => {
		const ctx = contextOf(event);
		const data = await event.request.formData();
		const file = data.get('file');
		let id: string;
		try {
			id = await uploadImport(ctx, file instanceof File && file.size ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${ctx.municipality.slug}/intern/angebote/import/${id}`);
	}
};
