import type { Municipality } from './tenancy.ts';

/** What the open API says about a municipality: no internal fields. */
export function publicMunicipality(m: Municipality, all: Municipality[], origin: string) {
	const parent = m.parentId ? all.find((x) => x.id === m.parentId) : undefined;
	return {
		slug: m.slug,
		name: m.name,
		kind: m.kind,
		ags: m.ags,
		isDemo: m.isDemo,
		parent: parent ? { slug: parent.slug, name: parent.name } : null,
		languages: m.enabledLanguages,
		portal: `${origin}/${m.slug}`,
		areas: `${origin}/api/v1/municipalities/${m.slug}/areas`,
		organizations: `${origin}/api/v1/municipalities/${m.slug}/organizations`
	};
}
