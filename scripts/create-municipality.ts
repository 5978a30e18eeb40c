/**
 * Creates a municipality (tenant) and invites its first administrator of the integration office.
 *
 *   npm run municipality:create -- --slug herne --name "Stadt Herne" --kind independent_city --ags 05916000 \
 *     --office "Kommunales Integrationszentrum Herne" --street "Friedrich-Ebert-Platz 2" --postal-code 44623 \
 *     --city Herne --email integration@herne.de --phone "02323 16-0" --represented-by "Der Oberbürgermeister" \
 *     --dpo "Datenschutzbeauftragte der Stadt Herne" --dpo-email datenschutz@herne.de \
 *     --accessibility-email barrierefreiheit@herne.de --admin-name "Vorname Name" --admin-email person@herne.de
 *
 * Uses the same configuration as the server (DATABASE_URL, DATA_DIR, ORIGIN, SMTP_URL). The invitation goes
 * out by mail; its link is printed as well, so it can be handed over when no SMTP server is configured.
 */
import { parseArgs } from 'node:util';
import { startPlatform } from '../src/lib/server/platform.ts';
import { createMunicipality } from '../src/lib/server/core/tenancy.ts';
import { inviteUser } from '../src/lib/server/modules/users/index.ts';
import { AppError } from '../src/lib/server/core/errors.ts';
import { PUBLIC_LANGUAGES } from '../src/lib/i18n/languages.ts';

const { values } = parseArgs({
	options: Object.fromEntries(
		['slug', 'name', 'kind', 'ags', 'parent', 'office', 'street', 'postal-code', 'city', 'email', 'phone', 'website', 'represented-by', 'dpo', 'dpo-email', 'accessibility-email', 'admin-name', 'admin-email'].map((k) => [k, { type: 'string' as const }])
	)
});
// Missing options count as empty, so that each gets its own German message.
const v = new Proxy(values as Record<string, string | undefined>, { get: (target, key: string) => target[key] ?? '' });
/** Field names of the input → the option that fills them, for error messages. */
const OPTION_OF: Record<string, string> = {
	officeName: 'office', postalCode: 'postal-code', representedBy: 'represented-by', dataProtectionOfficer: 'dpo',
	dataProtectionEmail: 'dpo-email', accessibilityEmail: 'accessibility-email', parentSlug: 'parent', name: 'name'
};

const platform = await startPlatform({ env: { ...process.env, DEMO_DATA: 'off' } });
try {
	const created = await createMunicipality(platform.database.db, platform.clock.now(), {
		slug: v.slug,
		name: v.name,
		kind: v.kind,
		ags: v.ags,
		parentSlug: v.parent,
		officeName: v.office,
		street: v.street,
		postalCode: v['postal-code'],
		city: v.city,
		email: v.email,
		phone: v.phone,
		website: v.website,
		representedBy: v['represented-by'],
		dataProtectionOfficer: v.dpo,
		dataProtectionEmail: v['dpo-email'],
		accessibilityEmail: v['accessibility-email'],
		enabledLanguages: [...PUBLIC_LANGUAGES]
	});
	const result = await inviteUser(
		{ db: platform.database.db, clock: platform.clock, mail: platform.mail, auth: platform.auth, actor: { kind: 'system', label: 'Kommandozeile' }, municipality: created, origin: platform.origin },
		{ name: v['admin-name'], email: v['admin-email'], roles: ['integration_office'], organizationIds: [] }
	);
	console.log(`Kommune „${created.name}“ angelegt: ${platform.origin}/${created.slug}`);
	console.log(`Einladung für ${v['admin-email']} (7 Tage gültig; mit bestehendem Konto wird sie mit dessen Passwort bestätigt):\n${result.link}`);
} catch (e) {
	if (e instanceof AppError) {
		console.error(e.message);
		for (const [field, message] of Object.entries(e.fieldErrors)) console.error(`  --${OPTION_OF[field] ?? field}: ${message}`);
		process.exitCode = 2;
	} else throw e;
} finally {
	await platform.database.close();
}
