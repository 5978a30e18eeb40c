import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { berlinDate, ledgerEntries, yearReport } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const requested = Number(event.url.searchParams.get('jahr'));
	const year = Number.isInteger(requested) && requested > 2000 && requested < 2200 ? requested : Number(berlinDate(ctx.clock.now()).slice(0, 4));
	return loadOrError(async () => {
		const report = await yearReport(ctx, event.params.fundId, year);
		return {
			fund: { id: report.fund.id, name: report.fund.name },
			year,
			report: { total: report.total, pending: report.pending, byDistrict: report.byDistrict, byGoal: report.byGoal, ledger: report.ledger },
			entries: (await ledgerEntries(ctx, report.fund.id, year)).map((e) => ({ ...e.entry, reference: e.reference, title: e.title }))
		};
	});
};
