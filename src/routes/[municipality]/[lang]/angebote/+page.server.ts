import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { searchPublicOffers, searchParamsFrom, PAGE_SIZE } from '#lib/server/modules/offers/index.ts';
import { offerMapSvg } from '#lib/server/modules/offers/offer-map.ts';
import type { SearchLanguage } from '#lib/server/modules/offers/search-text.ts';
import { m } from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	const params = searchParamsFrom(event.url);
	const found = await searchPublicOffers(ctx.db, ctx.municipality, lang as SearchLanguage, params, ctx.clock.now());
	const view = event.url.searchParams.get('ansicht') === 'karte' ? 'map' : 'list';
	const first = (params.page - 1) * PAGE_SIZE + 1;
	const map =
		view === 'map'
			? await offerMapSvg(ctx.db, ctx.municipality.id, {
					points: found.results.flatMap((r, i) =>
						r.venues
							.filter((v) => v.lat !== null && v.lng !== null)
							.map((v) => ({
								marker: String(first + i),
								label: `${r.name.text}, ${[v.name, v.street].filter(Boolean).join(', ')}`,
								lat: v.lat!,
								lng: v.lng!,
								href: `/${ctx.municipality.slug}/${lang}/angebote/${r.id}`
							}))
					),
					title: m.offers_map_svg_title({ municipality: ctx.municipality.name }, { locale: lang as never }),
					description: m.offers_map_description({}, { locale: lang as never }),
					id: 'offer-map'
				})
			: null;
	return { ...found, view, first, map };
};
