import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { listMemberTowns } from '#lib/server/core/tenancy.ts';
import { countyComparison, publicKeyFigures, shareText } from '#lib/server/modules/monitoring/figures.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	const m = ctx.municipality;
	// A Kreis: its member towns side by side, where they publish the same key figures.
	const comparison = m.kind === 'county' ? await countyComparison(ctx.db, await listMemberTowns(ctx.db, m.id)) : null;
	return {
		keyFigures: (await publicKeyFigures(ctx.db, m.id)).map((k) => ({ id: k.id, name: k.name, description: k.description })),
		comparison:
			comparison && comparison.rows.length
				? {
						towns: comparison.towns,
						rows: comparison.rows.map((r) => ({
							name: r.name,
							cells: r.cells.map((c) => (c ? { keyFigureId: c.keyFigureId, text: shareText(c.value, lang), year: c.date.slice(0, 4) } : null))
						}))
					}
				: null
	};
};
