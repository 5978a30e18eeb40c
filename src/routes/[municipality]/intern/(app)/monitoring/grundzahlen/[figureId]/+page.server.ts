import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { figureTable } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	return { table: await loadOrError(() => figureTable(contextOf(event), event.params.figureId, { date: q.get('stichtag') ?? undefined, level: q.get('ebene') ?? undefined })) };
};
