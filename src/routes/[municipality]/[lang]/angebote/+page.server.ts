import type { PageServerLoad } from './$types';
import { contextOf } from '#lib/server/http.ts';
import { searchPublicOffers, searchParamsFrom } from '#lib/server/modules/offers/index.ts';
import type { SearchLanguage } from '#lib/server/modules/offers/search-text.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const { lang } = await event.parent();
	return searchPublicOffers(ctx.db, ctx.municipality, lang as SearchLanguage, searchParamsFrom(event.url), ctx.clock.now());
};
