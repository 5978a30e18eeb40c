import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { getMemberTown } from '#lib/server/core/tenancy.ts';
import { loadPortalHome } from '#lib/server/modules/portal/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const town = await getMemberTown(ctx, event.params.town);
		return { town: { slug: town.slug, name: town.name }, published: await loadPortalHome(ctx.db, town) };
	});
};
