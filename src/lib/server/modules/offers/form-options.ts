import { asc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { area } from '../areas/schema.ts';
import { FIELD_LABELS, OFFER_LANGUAGES, OFFER_STATUSES, OFFER_STATUS_LABELS } from './content.ts';
import { TAXONOMY_KINDS } from './schema.ts';
import { ensureDefaultTaxonomies, groupTerms, listTerms, TAXONOMY_KIND_LABELS } from './taxonomies.ts';
import { listLocations } from './locations.ts';

const germanLanguageNames = new Intl.DisplayNames(['de'], { type: 'language' });

/** Everything the offer form offers to choose from; venues only those of the offer's organization (or all writable ones). */
export async function offerFormOptions(ctx: ServiceContext, organizationId?: string) {
	await ensureDefaultTaxonomies(ctx.db, ctx.municipality.id, ctx.clock.now());
	const [terms, areas, locations] = await Promise.all([
		listTerms(ctx.db, ctx.municipality.id),
		ctx.db.select({ id: area.id, name: area.name, code: area.code }).from(area).where(eq(area.municipalityId, ctx.municipality.id)).orderBy(asc(area.name)),
		listLocations(ctx, organizationId)
	]);
	const grouped = groupTerms(terms);
	return {
		termGroups: TAXONOMY_KINDS.map((kind) => ({ kind, title: TAXONOMY_KIND_LABELS[kind], terms: grouped[kind].map((t) => ({ value: t.id, label: t.name })) })),
		areas: areas.map((a) => ({ value: a.id, label: `${a.name} (${a.code})` })),
		locations: locations.map((l) => ({ value: l.location.id, label: `${l.location.name}, ${l.location.street}${organizationId ? '' : ` – ${l.organizationName}`}` })),
		languages: OFFER_LANGUAGES.map((code) => ({ value: code, label: germanLanguageNames.of(code) ?? code })).sort((a, b) => (a.value === 'de' ? -1 : b.value === 'de' ? 1 : a.label.localeCompare(b.label, 'de'))),
		statuses: OFFER_STATUSES.map((s) => ({ value: s, label: OFFER_STATUS_LABELS[s] })),
		labels: FIELD_LABELS
	};
}
