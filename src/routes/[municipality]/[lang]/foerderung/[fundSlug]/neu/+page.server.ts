import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { publicFundBySlug, startApplication, COST_ROWS } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const { fund, guideline } = await loadOrError(() => publicFundBySlug(contextOf(event), event.params.fundSlug));
	return {
		fund: { slug: fund.slug, name: fund.name, districts: fund.districts },
		rules: { goals: guideline.goals, capCents: guideline.capCents, cooperationCapCents: guideline.cooperationCapCents },
		costRows: COST_ROWS
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData(), ['goals']);
		let token: string;
		try {
			({ token } = await startApplication(contextOf(event), event.params.fundSlug, values, event.params.lang));
		} catch (e) {
			return failForm(e, values);
		}
		redirect(303, `/${event.params.municipality}/${event.params.lang}/foerderung/antrag/${token}?neu=1`);
	}
};
