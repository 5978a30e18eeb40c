import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { can } from '#lib/server/core/authorize.ts';
import { addJuryMember, fundOverview, listJury, setJuryMemberActive } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const o = await fundOverview(ctx, event.params.fundId);
		const members = await listJury(ctx, o.fund.id);
		return {
			fund: { id: o.fund.id, name: o.fund.name },
			members: members.map((m) => ({ id: m.id, name: m.name, seat: m.seat, email: m.email, deputyOf: m.deputyOf, active: m.active, linked: !!m.userId })),
			canManage: can(ctx, 'grants.manage')
		};
	});
};

export const actions: Actions = {
	add: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await addJuryMember(contextOf(event), event.params.fundId, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'Das Mitglied ist eingetragen.' };
	},
	active: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await setJuryMemberActive(contextOf(event), String(values.memberId ?? ''), values.active === 'yes');
		} catch (e) {
			return failForm(e, values);
		}
		return { done: 'Gespeichert.' };
	}
};
