import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { permissionsIn, rolesIn, ROLE_LABELS } from '#lib/server/core/roles.ts';
import { navigationFor } from '#lib/server/modules/registry.ts';

/** Every back-office page needs a signed-in user with a role in this municipality. Services check again. */
export const load: LayoutServerLoad = ({ locals, url, params }) => {
	const mu = locals.municipality!;
	if (locals.actor.kind !== 'user') redirect(303, `/${params.municipality}/intern/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
	const permissions = permissionsIn(locals.actor, mu.id);
	if (!permissions.has('backoffice.enter')) error(403, `Ihr Konto hat für ${mu.name} keinen Zugang.`);
	const navigation = navigationFor(permissions);
	if (mu.kind === 'county' && permissions.has('memberTowns.readPublished')) navigation.push({ label: 'Städte und Gemeinden', path: 'gemeinden', permission: 'memberTowns.readPublished' });
	return {
		navigation: navigation.map((n) => ({ label: n.label, path: n.path })),
		roles: rolesIn(locals.actor, mu.id).map((r) => ROLE_LABELS[r]),
		permissions: [...permissions]
	};
};
