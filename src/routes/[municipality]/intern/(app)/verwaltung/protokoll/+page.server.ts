import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listAuditEvents } from '#lib/server/core/audit.ts';
import { startOfBerlinDay, endOfBerlinDay } from '#lib/server/core/clock.ts';

/** Filters come from the query string so that a filtered view can be bookmarked and works without JavaScript. */
export const load: PageServerLoad = async (event) => {
	const p = event.url.searchParams;
	const filter = {
		entityType: p.get('objekt') || undefined,
		action: p.get('aktion') || undefined,
		actor: p.get('wer')?.trim() || undefined,
		from: startOfBerlinDay(p.get('von') ?? '') ?? undefined,
		to: endOfBerlinDay(p.get('bis') ?? '') ?? undefined,
		page: Number(p.get('seite')) || 1
	};
	const result = await loadOrError(() => listAuditEvents(contextOf(event), filter));
	return { ...result, filter: { objekt: p.get('objekt') ?? '', aktion: p.get('aktion') ?? '', wer: p.get('wer') ?? '', von: p.get('von') ?? '', bis: p.get('bis') ?? '' } };
};
