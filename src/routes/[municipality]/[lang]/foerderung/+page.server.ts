import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject } from '#lib/server/http.ts';
import { fundedProjects, publicFunds, resendLink } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const funds = await publicFunds(ctx);
	return {
		funds: await Promise.all(
			funds.map(async (f) => ({
				slug: f.fund.slug,
				name: f.fund.name,
				office: f.fund.managingOffice,
				email: f.fund.email,
				nextDeadline: f.nextDeadline,
				leftCents: f.ledger.leftCents,
				budgetCents: f.guideline.annualBudgetCents,
				capCents: f.guideline.capCents,
				cooperationCapCents: f.guideline.cooperationCapCents,
				quoteThresholdCents: f.guideline.quoteThresholdCents,
				quotesRequired: f.guideline.quotesRequired,
				settlementMonths: f.guideline.settlementMonths,
				decisionWeeks: f.guideline.decisionWeeks,
				goals: f.guideline.goals.map((g) => g.label),
				excluded: f.guideline.excludedDistricts,
				funded: await fundedProjects(ctx, f.fund.id)
			}))
		)
	};
};

export const actions: Actions = {
	resend: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await resendLink(contextOf(event), values, event.params.lang);
		} catch (e) {
			return failForm(e, values);
		}
		return { resent: true };
	}
};
