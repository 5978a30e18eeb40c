import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { publicKeyFigures } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return { keyFigures: (await publicKeyFigures(ctx.db, ctx.municipality.id)).map((k) => ({ id: k.id, name: k.name, description: k.description })) };
};
