import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { participationReport, berlinYear } from '#lib/server/modules/offers/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const currentYear = berlinYear(ctx.clock.now());
	const raw = event.url.searchParams.get('jahr') ?? '';
	const year = /^\d{4}$/.test(raw) ? Number(raw) : currentYear;
	const report = await loadOrError(() => participationReport(ctx, year));
	const firstYear = report.timeline[0]?.year ?? currentYear;
	return {
		report,
		years: Array.from({ length: currentYear - Math.min(firstYear, currentYear - 1) + 1 }, (_, i) => currentYear - i),
		asOf: ctx.clock.now()
	};
};
