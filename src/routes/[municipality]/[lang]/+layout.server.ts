import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { isPublicLanguage, PUBLIC_LANGUAGES, LANGUAGE_NAMES, directionOf } from '#lib/i18n/languages.ts';
import { findMunicipalitiesByIds, listMemberTowns } from '#lib/server/core/tenancy.ts';
import { publicKeyFigures } from '#lib/server/modules/monitoring/figures.ts';
import { hasFunds } from '#lib/server/modules/grants/ledger.ts';

/*
 * The public portal is plain server-rendered HTML: every page works with links and forms alone, so it
 * ships no JavaScript at all. Phones on prepaid data load less, nothing waits for hydration, and the
 * server skips serialising page data for the client (bench/README.md).
 */
export const csr = false;

export const load: LayoutServerLoad = async ({ locals, params }) => {
	const municipality = locals.municipality;
	if (!municipality || !isPublicLanguage(params.lang) || !municipality.enabledLanguages.includes(params.lang)) error(404, 'Nicht gefunden.');
	const [county] = municipality.parentId ? await findMunicipalitiesByIds(locals.platform.database.db, [municipality.parentId]) : [];
	// The "Zahlen" entry appears once the municipality (or, for a Kreis, one of its towns) publishes a key figure.
	const db = locals.platform.database.db;
	const scope = [municipality.id, ...(municipality.kind === 'county' ? (await listMemberTowns(db, municipality.id)).map((t) => t.id) : [])];
	let hasFigures = false;
	for (const id of scope) if (!hasFigures) hasFigures = (await publicKeyFigures(db, id)).length > 0;
	return {
		lang: params.lang,
		dir: directionOf(params.lang),
		languages: PUBLIC_LANGUAGES.filter((l) => municipality.enabledLanguages.includes(l)).map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
		municipality: {
			slug: municipality.slug,
			name: municipality.name,
			kind: municipality.kind,
			isDemo: municipality.isDemo,
			officeName: municipality.officeName,
			street: municipality.street,
			postalCode: municipality.postalCode,
			city: municipality.city,
			email: municipality.email,
			phone: municipality.phone,
			website: municipality.website,
			representedBy: municipality.representedBy,
			dataProtectionOfficer: municipality.dataProtectionOfficer,
			dataProtectionEmail: municipality.dataProtectionEmail,
			accessibilityEmail: municipality.accessibilityEmail
		},
		county: county ? { slug: county.slug, name: county.name } : null,
		hasFigures,
		hasFunds: await hasFunds(db, municipality.id)
	};
};
