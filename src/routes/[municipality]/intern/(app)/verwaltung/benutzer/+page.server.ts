import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { listUsers, inviteUser, revokeInvitation } from '#lib/server/modules/users/index.ts';
import { listOrganizations } from '#lib/server/modules/organizations/index.ts';
import { ROLES, ROLE_LABELS } from '#lib/server/core/roles.ts';
import { can } from '#lib/server/core/authorize.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const [{ users, invitations }, organizations] = await Promise.all([listUsers(ctx), listOrganizations(ctx)]);
		return {
			users: users.map((u) => ({ ...u, roleLabels: u.roles.map((r) => ROLE_LABELS[r]) })),
			invitations: invitations.map((i) => ({ id: i.id, name: i.name, email: i.email, expiresAt: i.expiresAt, roles: i.roles.map((r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r) })),
			organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
			roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
			mayManage: can(ctx, 'users.manage')
		};
	});
};

export const actions: Actions = {
	invite: async (event) => {
		const values = formToObject(await event.request.formData(), ['roles', 'organizationIds']);
		try {
			await inviteUser(contextOf(event), values);
			return { invited: true, email: values.email };
		} catch (e) {
			return failForm(e, values);
		}
	},
	revoke: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await revokeInvitation(contextOf(event), String(values.invitationId));
			return { revoked: true };
		} catch (e) {
			return failForm(e, values);
		}
	}
};
