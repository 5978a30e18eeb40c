import type { PageServerLoad } from './$types';
import { listMunicipalities, MUNICIPALITY_KIND_LABELS } from '#lib/server/core/tenancy.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const all = await listMunicipalities(locals.platform.database.db);
	return {
		municipalities: all.map((m) => ({ slug: m.slug, name: m.name, kind: MUNICIPALITY_KIND_LABELS[m.kind], isDemo: m.isDemo, parentId: m.parentId, id: m.id }))
	};
};
