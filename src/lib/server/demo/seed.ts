import fs from 'node:fs';
import path from 'node:path';
import type { Platform } from '../platform.ts';
import { municipality, roleAssignment } from '../core/schema.ts';
import { organization, organizationMember } from '../modules/organizations/schema.ts';
import { area } from '../modules/areas/schema.ts';
import { findMunicipalityBySlug, type Municipality } from '../core/tenancy.ts';
import { importAreasFromGeoJson } from '../modules/areas/index.ts';
import type { ServiceContext } from '../core/context.ts';
import type { Role } from '../core/roles.ts';
import { log } from '../core/log.ts';
import { seedDemoOffers } from './offers.ts';
import { seedBottropGrants } from './grants.ts';
import { seedBottropMonitoring, seedKoelnMonitoring, seedRatingenIndicators } from './monitoring.ts';
import { DEMO_MUNICIPALITIES, DEMO_PASSWORD, DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, BOTTROP_STATISTICAL_DISTRICTS } from './data.ts';

/**
 * Creates the demo municipalities once (on an empty database). Everything is marked as demo:
 * the municipalities carry isDemo, the accounts use the reserved .example domain.
 */
export async function seedDemo(platform: Platform): Promise<void> {
	const db = platform.database.db;
	if (await findMunicipalityBySlug(db, 'bottrop')) return;
	log.info('creating demo municipalities');
	const now = platform.clock.now();
	const bySlug = new Map<string, Municipality>();
	for (const m of DEMO_MUNICIPALITIES) {
		const parentId = m.parentSlug ? bySlug.get(m.parentSlug)!.id : null;
		const { parentSlug: _p, ...values } = m;
		const [row] = await db.insert(municipality).values({ ...values, parentId, isDemo: true, createdAt: now, updatedAt: now }).returning();
		bySlug.set(m.slug, row!);
	}

	const bottrop = bySlug.get('bottrop')!;
	await db.insert(area).values(BOTTROP_STATISTICAL_DISTRICTS.map((d) => ({ ...d, municipalityId: bottrop.id, createdAt: now, updatedAt: now })));

	const orgIds = new Map<string, string>();
	for (const o of DEMO_ORGANIZATIONS) {
		const m = bySlug.get(o.municipalitySlug)!;
		const { municipalitySlug: _s, key, ...values } = o;
		const [row] = await db.insert(organization).values({ ...values, municipalityId: m.id, createdAt: now, updatedAt: now }).returning();
		orgIds.set(key, row!.id);
	}

	for (const a of DEMO_ACCOUNTS) {
		const m = bySlug.get(a.municipalitySlug)!;
		const created = await platform.auth.api.signUpEmail({ body: { email: a.email, password: DEMO_PASSWORD, name: a.name } });
		await db.insert(roleAssignment).values(a.roles.map((role: Role) => ({ municipalityId: m.id, userId: created.user.id, role })));
		for (const key of a.organizations ?? [])
			await db.insert(organizationMember).values({ municipalityId: m.id, organizationId: orgIds.get(key)!, userId: created.user.id });
	}

	// Köln: the real boundaries from the city's open data, imported through the same service as in the back office.
	const koeln = bySlug.get('koeln')!;
	const geoDir = path.join(platform.config.sharedDataDir, 'data', 'koeln', 'geo');
	const ctx: ServiceContext = {
		db,
		clock: platform.clock,
		mail: platform.mail,
		auth: platform.auth,
		actor: { kind: 'system', label: 'Demo-Daten' },
		municipality: koeln,
		origin: platform.origin
	};
	let areasImported = false;
	try {
		const districts = fs.readFileSync(path.join(geoDir, 'stadtbezirke.geojson'), 'utf8');
		const quarters = fs.readFileSync(path.join(geoDir, 'stadtteile.geojson'), 'utf8');
		const r1 = await importAreasFromGeoJson(ctx, districts, { level: 'district' });
		const r2 = await importAreasFromGeoJson(ctx, quarters, { level: 'quarter', parentCodeDropDigits: 2 });
		log.info('demo areas imported', { districts: r1, quarters: r2 });
		areasImported = true;
	} catch (e) {
		log.warn('Köln boundaries not imported (set SHARED_DATA_DIR to the folder with data/koeln/geo)', { error: e });
	}
	// The statistics need the areas: their codes are how the table finds them. Errors propagate.
	if (areasImported) await seedKoelnMonitoring(ctx, platform.config.sharedDataDir);
	await seedBottropMonitoring({ ...ctx, municipality: bottrop });
	await seedRatingenIndicators({ ...ctx, municipality: bySlug.get('ratingen')! });
	await seedBottropGrants({ ...ctx, municipality: bottrop }, { kind: 'system', label: 'Geschäftsführung Stadtteilfonds (Demo)' }, 'jury@bottrop.example');

	// The directory of offers (Integrationswegweiser), created through the offer services. Errors propagate: a broken demo fails loudly.
	await seedDemoOffers(platform, bySlug, orgIds);

	const lines = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(44)} ${a.municipalitySlug.padEnd(10)} ${a.roles.join(', ')}`);
	console.log(
		`\nDemo-Kommunen angelegt. Anmeldung unter /{kommune}/intern/anmelden, Passwort für alle Demo-Konten: ${DEMO_PASSWORD}\n${lines.join('\n')}\n`
	);
}
