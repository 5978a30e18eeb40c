import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listMemberTowns } from '#lib/server/core/tenancy.ts';
import { authorize } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		authorize(ctx, 'memberTowns.readPublished');
		return { towns: (await listMemberTowns(ctx.db, ctx.municipality.id)).map((t) => ({ slug: t.slug, name: t.name })) };
	});
};
