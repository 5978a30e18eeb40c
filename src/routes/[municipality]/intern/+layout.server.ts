import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const mu = locals.municipality;
	if (!mu) error(404, 'Diese Kommune gibt es nicht.');
	const actor = locals.actor;
	return {
		municipality: { slug: mu.slug, name: mu.name, kind: mu.kind, isDemo: mu.isDemo },
		user: actor.kind === 'user' ? { name: actor.name, email: actor.email } : null
	};
};
