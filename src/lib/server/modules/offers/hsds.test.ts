import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, system, caught, TEST_NOW, type TestWorld } from '../../test/factories.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { municipality } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { area } from '../areas/schema.ts';
import { organization } from '../organizations/schema.ts';
import { location, translation } from './schema.ts';
import { createOrganization } from '../organizations/index.ts';
import { createLocation } from './locations.ts';
import { createOffer, publishOffer, saveTranslation, updateOffer } from './service.ts';
import { ensureDefaultTaxonomies, listTerms, type Term } from './taxonomies.ts';
import type { Schedule } from './schedule.ts';
import {
	csvCell,
	derivedId,
	hsdsIndex,
	hsdsOrganization,
	hsdsOrganizations,
	hsdsService,
	hsdsServiceAtLocation,
	hsdsServiceAtLocations,
	hsdsServices,
	hsdsTaxonomies,
	hsdsTaxonomy,
	hsdsTaxonomyTerm,
	hsdsTaxonomyTerms,
	openDataCsv,
	openDataJson,
	scheduleOf,
	serviceAtLocationId,
	type HsdsPage
} from './hsds.ts';

/* ---------- the official HSDS 3.0 schemas (../shared/standards/hsds-3.0) ---------- */

const HSDS_DIR = path.resolve(process.cwd(), '../shared/standards/hsds-3.0/schema');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(HSDS_DIR, file), 'utf8')) as Record<string, unknown>;

// The schema files declare no $schema; openapi.json names JSON Schema 2020-12 as its dialect. They carry no $id
// either and refer to each other by file name, so each is registered under a URI of its path.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const uri = (file: string) => `https://hsds.schemas.test/${file}`;
for (const file of fs.readdirSync(HSDS_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) ajv.addSchema(readJson(file), uri(file));
for (const file of fs.readdirSync(path.join(HSDS_DIR, 'compiled'))) ajv.addSchema(readJson(`compiled/${file}`), uri(`compiled/${file}`));

const openapi = readJson('openapi.json') as {
	paths: Record<string, { get: { responses: { '200': { content: { 'application/json': { schema: unknown } } } } } }>;
	components: { schemas: { Page: { properties: Record<string, unknown> } } };
};
const pageSchema = openapi.components.schemas.Page;
// The paging envelope of the openapi.json, all of its fields required (our promise), with the items of `contents`.
for (const item of ['compiled/service_list.json', 'compiled/service.json', 'compiled/service_at_location_list.json', 'compiled/service_at_location.json', 'compiled/organization_list.json', 'compiled/organization.json', 'taxonomy.json', 'taxonomy_term.json'])
	ajv.addSchema(
		{
			...pageSchema,
			properties: { ...pageSchema.properties, contents: { type: 'array', items: { $ref: uri(item) } } },
			required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents']
		},
		uri(`page/${item}`)
	);
ajv.addSchema(openapi.paths['/']!.get.responses['200'].content['application/json'].schema as object, uri('index'));

/** Validates what goes over the wire (the JSON text) against a schema; no value may be undefined. */
function expectValid(schema: string, data: unknown) {
	const validate = ajv.getSchema(uri(schema));
	if (!validate) throw new Error(`no schema ${schema}`);
	const wire = JSON.parse(JSON.stringify(data)) as unknown;
	const ok = validate(wire);
	expect(ok, `${schema}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`).toBe(true);
	expect(undefinedPaths(data), 'fields that are undefined').toEqual([]);
}

function undefinedPaths(value: unknown, at = '$'): string[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => undefinedPaths(v, `${at}[${i}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (v === undefined || v === null ? [`${at}.${k}`] : undefinedPaths(v, `${at}.${k}`)));
	return [];
}

function expectPage<T>(item: string, page: HsdsPage<T>) {
	expectValid(`page/${item}`, page);
	for (const entry of page.contents) expectValid(item, entry);
}

/* ---------- the world ---------- */

let world: TestWorld;
let a: Municipality;
let ctxA: ServiceContext;
let ctxB: ServiceContext;
let ctxTown: ServiceContext;
let ctxCounty: ServiceContext;
let terms: Term[];
const ids = {} as Record<
	'org' | 'internalOrg' | 'idleInternalOrg' | 'idlePublicOrg' | 'orgB' | 'venue' | 'altstadt' | 'sprachcafe' | 'beratung' | 'hausaufgaben' | 'draft' | 'inactive' | 'offerB' | 'offerTown' | 'offerCounty' | 'venueB',
	string
>;

const weekly: Schedule = { freq: 'weekly', interval: 1, byday: ['MO', 'WE'], ordinal: null, dtstart: '2026-03-02', until: '2026-07-31', opensAt: '10:00', closesAt: '12:00', notes: 'Nicht in den Schulferien.' };
const monthly: Schedule = { freq: 'monthly', interval: 1, byday: ['WE'], ordinal: 1, dtstart: '2026-03-04', until: null, opensAt: '17:00', closesAt: '19:30', notes: '' };

const term = (kind: Term['kind'], code?: string) => terms.find((t) => t.kind === kind && (code === undefined || t.code === code))!;

function offer(organizationId: string, overrides: Record<string, unknown> = {}) {
	return {
		organizationId,
		name: 'Ein Angebot',
		description: 'Eine Beschreibung, die lang genug ist, damit sie gültig ist.',
		languages: ['de'],
		free: true,
		...overrides
	};
}

async function published(ctx: ServiceContext, raw: Record<string, unknown>): Promise<string> {
	const created = await createOffer(ctx, raw);
	await publishOffer(ctx, created.id);
	return created.id;
}

beforeAll(async () => {
	world = await createTestWorld();
	// Turkish is a portal language of Musterstadt.
	a = { ...world.a, enabledLanguages: ['de', 'en', 'ar', 'tr'] };
	await world.db.update(municipality).set({ enabledLanguages: a.enabledLanguages }).where(eq(municipality.id, a.id));
	ctxA = contextFor(world, system, a);
	ctxB = contextFor(world, system, world.b);
	ctxTown = contextFor(world, system, world.town);
	ctxCounty = contextFor(world, system, world.county);

	await ensureDefaultTaxonomies(world.db, a.id, world.clock.now());
	terms = await listTerms(world.db, a.id);
	const [altstadt] = await world.db.insert(area).values({ municipalityId: a.id, level: 'quarter', code: '11', name: 'Altstadt' }).returning();
	ids.altstadt = altstadt!.id;

	const org = await createOrganization(ctxA, {
		name: 'Caritas Musterstadt',
		type: 'welfare_association',
		description: 'Beratung und Begegnung für alle.',
		email: 'info@caritas.example',
		website: 'https://caritas.example',
		phone: '02041 12345',
		street: 'Kirchplatz 2',
		postalCode: '46236',
		city: 'Musterstadt'
	});
	ids.org = org.id;
	ids.internalOrg = (await createOrganization(ctxA, { name: 'Stabsstelle Integration', type: 'administration', visibility: 'internal' })).id;
	ids.idleInternalOrg = (await createOrganization(ctxA, { name: 'Interner Arbeitskreis', type: 'other', visibility: 'internal' })).id;
	ids.idlePublicOrg = (await createOrganization(ctxA, { name: 'Sportverein Musterstadt', type: 'club' })).id;

	ids.venue = (
		await createLocation(ctxA, {
			organizationId: org.id,
			name: 'Stadtteilbüro Altstadt',
			street: 'Hauptstraße 5',
			postalCode: '46236',
			city: 'Musterstadt',
			areaId: ids.altstadt,
			latitude: '51,5237',
			longitude: '6.9285',
			wheelchairAccess: 'yes',
			accessibleToilet: 'on',
			accessibilityNotes: 'Eingang über den Hof.',
			transitNotes: 'Bus 262, Haltestelle Rathaus'
		})
	).id;

	ids.sprachcafe = await published(
		ctxA,
		offer(org.id, {
			name: 'Sprachcafé für Frauen',
			description: 'Wir üben gemeinsam **Deutsch** im Gespräch.\n\n- Kinderbetreuung\n- Tee und Kuchen',
			applicationProcess: 'Einfach vorbeikommen, eine [Anmeldung](https://caritas.example/anmeldung) ist nicht nötig.',
			eligibilityDescription: 'Für Frauen aller Herkunft.',
			minimumAge: '16',
			contactName: 'Ayşe Yılmaz',
			email: 'sprachcafe@caritas.example',
			phone: '02041 12345-6',
			url: 'https://caritas.example/sprachcafe',
			languages: ['de', 'tr', 'ar'],
			termIds: [term('category', 'sprache').id, term('category', 'frauen').id, term('target_group').id],
			areaIds: [ids.altstadt],
			locationIds: [ids.venue],
			schedules: [weekly, monthly]
		})
	);
	await saveTranslation(ctxA, ids.sprachcafe, 'tr', {
		name: 'Kadınlar için dil kafesi',
		description: 'Birlikte sohbet ederek **Almanca** pratik yapıyoruz.',
		applicationProcess: '',
		eligibilityDescription: '',
		feesDescription: ''
	});
	ids.hausaufgaben = await published(ctxA, offer(org.id, { name: 'Hausaufgabenhilfe', termIds: [term('category', 'kinder-jugend').id], locationIds: [ids.venue] }));
	// A later change of the working copy is not published: the API keeps showing the published copy.
	await updateOffer(ctxA, ids.sprachcafe, offer(org.id, { name: 'Neuer Titel im Entwurf', languages: ['de'] }));

	world.clock.advance(24 * 60 * 60 * 1000);
	ids.beratung = await published(
		ctxA,
		offer(ids.internalOrg, {
			name: 'Migrationsberatung',
			description: 'Beratung zu Aufenthalt, Arbeit und Familiennachzug für Zugewanderte.',
			free: false,
			feesDescription: '5 Euro pro Termin',
			languages: ['de', 'en'],
			termIds: [term('category', 'beratung').id]
		})
	);
	ids.draft = (await createOffer(ctxA, offer(org.id, { name: 'Geheimer Entwurf' }))).id;
	ids.inactive = await published(ctxA, offer(org.id, { name: 'Ruhender Kurs', status: 'inactive' }));

	const orgB = await createOrganization(ctxB, { name: 'Verein in Beispielstadt', type: 'club' });
	ids.orgB = orgB.id;
	ids.venueB = (await createLocation(ctxB, { organizationId: orgB.id, name: 'Treff Beispielstadt', street: 'Marktweg 1', postalCode: '46000', city: 'Beispielstadt', areaId: '', latitude: '', longitude: '' })).id;
	ids.offerB = await published(ctxB, offer(orgB.id, { name: 'Deutschkurs in Beispielstadt', locationIds: [ids.venueB] }));

	const orgTown = await createOrganization(ctxTown, { name: 'Dorfverein Musterdorf', type: 'club' });
	ids.offerTown = await published(ctxTown, offer(orgTown.id, { name: 'Dorftreff' }));
	const orgCounty = await createOrganization(ctxCounty, { name: 'Kreisverwaltung', type: 'administration' });
	ids.offerCounty = await published(ctxCounty, offer(orgCounty.id, { name: 'Kreisweite Beratung' }));
});
afterAll(() => world?.close());

const db = () => world.db;

/* ---------- tests ---------- */

describe('the schema check', () => {
	it('is not vacuous: it rejects what HSDS forbids', () => {
		const check = (schema: string, data: unknown) => ajv.getSchema(uri(schema))!(data);
		const ok = { id: '6f1e3c2a-9b7d-4e58-a1c0-d2b3e4f50617', name: 'x', status: 'active' };
		expect(check('compiled/service.json', ok)).toBe(true);
		expect(check('compiled/service.json', { ...ok, status: 'open' })).toBe(false);
		expect(check('compiled/service.json', { ...ok, id: 'nope' })).toBe(false);
		expect(check('compiled/service.json', { ...ok, last_modified: 'gestern' })).toBe(false);
		expect(check('compiled/service.json', { ...ok, description: null })).toBe(false);
		expect(check('compiled/service.json', { ...ok, schedules: [{ id: ok.id, freq: 'DAILY' }] })).toBe(false);
		expect(check('taxonomy_term.json', { id: ok.id, name: 'x', description: 'y', taxonomy_detail: { id: ok.id, name: 'x' } })).toBe(false);
		expect(check('page/taxonomy.json', { total_items: 1, total_pages: 1, page_number: 1, size: 1, first_page: true, last_page: true, empty: false, contents: [{ id: ok.id }] })).toBe(false);
	});
});

describe('GET /', () => {
	it('names the HSDS version, valid against the openapi.json', () => {
		expect(hsdsIndex()).toMatchObject({ version: '3.0' });
		expectValid('index', hsdsIndex());
	});
});

describe('GET /services', () => {
	it('lists only published, visible offers of the municipality, valid against service_list.json', async () => {
		const page = await hsdsServices(db(), a);
		expectPage('compiled/service_list.json', page);
		expect(page.contents.map((s) => s.name)).toEqual(['Hausaufgabenhilfe', 'Migrationsberatung', 'Sprachcafé für Frauen']);
		expect(page).toMatchObject({ total_items: 3, total_pages: 1, page_number: 1, size: 3, first_page: true, last_page: true, empty: false });
		const names = JSON.stringify(page);
		for (const hidden of ['Geheimer Entwurf', 'Ruhender Kurs', 'Neuer Titel im Entwurf', 'Beispielstadt', 'Dorftreff']) expect(names).not.toContain(hidden);
		expect(page.contents[2]!.organization).toMatchObject({ id: ids.org, name: 'Caritas Musterstadt', website: 'https://caritas.example/' });
	});

	it('full=true gives fully nested services, valid against service.json', async () => {
		const page = await hsdsServices(db(), a, { full: 'true' });
		expectPage('compiled/service.json', page);
		expect(page.contents.find((s) => s.id === ids.sprachcafe)!.service_at_locations).toHaveLength(1);
	});

	it('pages: per_page and page give the envelope of the openapi.json', async () => {
		const first = await hsdsServices(db(), a, new URLSearchParams('per_page=2'));
		expectPage('compiled/service_list.json', first);
		expect(first).toMatchObject({ total_items: 3, total_pages: 2, page_number: 1, size: 2, first_page: true, last_page: false, empty: false });
		const second = await hsdsServices(db(), a, new URLSearchParams('per_page=2&page=2'));
		expect(second).toMatchObject({ total_items: 3, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
		expect(second.contents[0]!.name).toBe('Sprachcafé für Frauen');
		const beyond = await hsdsServices(db(), a, new URLSearchParams('per_page=2&page=3'));
		expectPage('compiled/service_list.json', beyond);
		expect(beyond).toMatchObject({ total_items: 3, size: 0, last_page: true, empty: true, contents: [] });
	});

	it('modified_after returns what changed on or after the instant', async () => {
		const later = new Date(new Date(TEST_NOW).getTime() + 12 * 60 * 60 * 1000).toISOString();
		const page = await hsdsServices(db(), a, { modified_after: later });
		expectPage('compiled/service_list.json', page);
		expect(page.contents.map((s) => s.id)).toEqual([ids.beratung]);
		expect((await hsdsServices(db(), a, { modified_after: TEST_NOW })).total_items).toBe(3);
		// A date alone means midnight UTC; an offset may arrive with its plus sign decoded to a space.
		expect((await hsdsServices(db(), a, { modified_after: '2026-03-03' })).total_items).toBe(1);
		expect((await hsdsServices(db(), a, new URLSearchParams('modified_after=2026-03-02T22:00:00+01:00'))).total_items).toBe(1);
	});

	it('modified_after also counts changes of related records: venue, organization, translation', async () => {
		// Far after everything the fixtures wrote; each related record is then touched in turn.
		const at = new Date(Date.parse(TEST_NOW) + 400 * 24 * 60 * 60 * 1000);
		const changed = async () => (await hsdsServices(db(), a, { modified_after: at.toISOString() })).contents.map((s) => s.id).sort();
		const later = new Date(at.getTime() + 60_000);
		expect(await changed()).toEqual([]);
		await db().update(location).set({ updatedAt: later }).where(eq(location.id, ids.venue));
		// Sprachcafé and Hausaufgabenhilfe meet at that venue.
		expect(await changed()).toEqual([ids.sprachcafe, ids.hausaufgaben].sort());
		await db().update(location).set({ updatedAt: new Date(TEST_NOW) }).where(eq(location.id, ids.venue));
		await db().update(organization).set({ updatedAt: later }).where(eq(organization.id, ids.internalOrg));
		expect(await changed()).toEqual([ids.beratung]);
		await db().update(organization).set({ updatedAt: new Date(TEST_NOW) }).where(eq(organization.id, ids.internalOrg));
		await db().update(translation).set({ updatedAt: later }).where(eq(translation.serviceId, ids.sprachcafe));
		expect(await changed()).toEqual([ids.sprachcafe]);
		await db().update(translation).set({ updatedAt: new Date(TEST_NOW) }).where(eq(translation.serviceId, ids.sprachcafe));
		expect(await changed()).toEqual([]);
	});

	it('search finds offers by a German word in the description', async () => {
		const page = await hsdsServices(db(), a, { search: 'Familiennachzug' });
		expectPage('compiled/service_list.json', page);
		expect(page.contents.map((s) => s.id)).toEqual([ids.beratung]);
		expect((await hsdsServices(db(), a, { search: 'Deutsch' })).contents.map((s) => s.id)).toEqual([ids.sprachcafe]);
		expect((await hsdsServices(db(), a, { search: 'Quantenphysik' })).empty).toBe(true);
		// Another municipality's offers are not found.
		expect((await hsdsServices(db(), a, { search: 'Beispielstadt' })).total_items).toBe(0);
	});

	it('filters by taxonomy_term_id, taxonomy_id and organization_id', async () => {
		const bySprache = await hsdsServices(db(), a, { taxonomy_term_id: term('category', 'sprache').id });
		expectPage('compiled/service_list.json', bySprache);
		expect(bySprache.contents.map((s) => s.id)).toEqual([ids.sprachcafe]);
		expect((await hsdsServices(db(), a, { taxonomy_id: term('target_group').taxonomyId })).contents.map((s) => s.id)).toEqual([ids.sprachcafe]);
		expect((await hsdsServices(db(), a, { taxonomy_id: term('category').taxonomyId })).total_items).toBe(3);
		expect((await hsdsServices(db(), a, { organization_id: ids.internalOrg })).contents.map((s) => s.id)).toEqual([ids.beratung]);
		expect((await hsdsServices(db(), a, { taxonomy_term_id: '00000000-0000-4000-8000-000000000000' })).empty).toBe(true);
	});

	it('lang=tr gives the Turkish texts where translated, German otherwise', async () => {
		const page = await hsdsServices(db(), a, { lang: 'tr', full: 'true' });
		expectPage('compiled/service.json', page);
		const cafe = page.contents.find((s) => s.id === ids.sprachcafe)!;
		expect(cafe.name).toBe('Kadınlar için dil kafesi');
		expect(cafe.description).toBe('Birlikte sohbet ederek Almanca pratik yapıyoruz.');
		// Untranslated fields fall back to German.
		expect(cafe.eligibility_description).toBe('Für Frauen aller Herkunft.');
		expect(cafe.attributes!.find((x) => x.taxonomy_term_id === term('category', 'sprache').id)!.taxonomy_term).toMatchObject({ name: 'Dil öğrenimi', language: 'tr' });
		expect(cafe.languages!.find((l) => l.code === 'de')!.name).toBe('Almanca');
		expect(cafe.cost_options![0]!.option).toBe('Ücretsiz');
		expect(page.contents.find((s) => s.id === ids.beratung)!.name).toBe('Migrationsberatung');
		// The Turkish search finds the Turkish text.
		expect((await hsdsServices(db(), a, { lang: 'tr', search: 'kafesi' })).contents.map((s) => s.id)).toEqual([ids.sprachcafe]);
	});

	it('rejects malformed parameters with a 400 and a German message per parameter', async () => {
		const cases: [Record<string, string>, string, RegExp][] = [
			[{ page: '0' }, 'page', /ganze Zahl ab 1/],
			[{ page: 'zwei' }, 'page', /ganze Zahl ab 1/],
			[{ per_page: '101' }, 'per_page', /von 1 bis 100/],
			[{ per_page: '-5' }, 'per_page', /von 1 bis 100/],
			[{ modified_after: 'gestern' }, 'modified_after', /Zeitpunkt nach ISO 8601/],
			[{ modified_after: '2026-02-30T10:00:00Z' }, 'modified_after', /Zeitpunkt nach ISO 8601/],
			[{ taxonomy_term_id: 'sprache' }, 'taxonomy_term_id', /muss eine UUID sein/],
			[{ taxonomy_id: '123' }, 'taxonomy_id', /muss eine UUID sein/],
			[{ organization_id: 'x' }, 'organization_id', /muss eine UUID sein/],
			[{ lang: 'xx' }, 'lang', /Unbekannte Sprache „xx“\. Erlaubt: de, en, ar, tr\./],
			[{ full: 'vielleicht' }, 'full', /true oder false/],
			[{ format: 'ndjson' }, 'format', /nur format=json/]
		];
		for (const [query, field, message] of cases) {
			const e = await caught(() => hsdsServices(db(), a, query));
			expect(e, JSON.stringify(query)).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).status).toBe(400);
			expect((e as ValidationError).message).toBe('Ungültige Abfrageparameter.');
			expect((e as ValidationError).fieldErrors[field], JSON.stringify(query)).toMatch(message);
		}
		for (const fn of [hsdsServiceAtLocations, hsdsOrganizations, hsdsTaxonomies, hsdsTaxonomyTerms])
			expect(await caught(() => fn(db(), a, { per_page: '1000' }))).toBeInstanceOf(ValidationError);
	});
});

describe('GET /services/{id}', () => {
	it('maps an offer to a fully nested HSDS service, valid against service.json', async () => {
		const s = await hsdsService(db(), a, ids.sprachcafe);
		expectValid('compiled/service.json', s);
		expect(s).toMatchObject({
			id: ids.sprachcafe,
			organization_id: ids.org,
			name: 'Sprachcafé für Frauen',
			status: 'active',
			url: 'https://caritas.example/sprachcafe',
			email: 'sprachcafe@caritas.example',
			eligibility_description: 'Für Frauen aller Herkunft.',
			minimum_age: 16,
			last_modified: TEST_NOW
		});
		expect(s).not.toHaveProperty('maximum_age');
		expect(s).not.toHaveProperty('fees_description');
		// Plain text, not Markdown.
		expect(s.description).toBe('Wir üben gemeinsam Deutsch im Gespräch.\n\n- Kinderbetreuung\n- Tee und Kuchen');
		expect(s.application_process).toBe('Einfach vorbeikommen, eine Anmeldung (https://caritas.example/anmeldung) ist nicht nötig.');
		expect(s.languages!.map((l) => l.code)).toEqual(['de', 'tr', 'ar']);
		expect(s.languages![0]!.name).toBe('Deutsch');
		expect(s.phones).toEqual([{ id: derivedId('phone', ids.sprachcafe), service_id: ids.sprachcafe, number: '02041 12345-6', type: 'voice' }]);
		expect(s.contacts).toEqual([{ id: derivedId('contact', ids.sprachcafe), service_id: ids.sprachcafe, name: 'Ayşe Yılmaz', email: 'sprachcafe@caritas.example' }]);
		expect(s.cost_options).toEqual([{ id: derivedId('cost_option', ids.sprachcafe, 'free'), service_id: ids.sprachcafe, option: 'Kostenlos', currency: 'EUR', amount: 0 }]);
		expect(s.service_areas).toEqual([{ id: derivedId('service_area', ids.sprachcafe, ids.altstadt), service_id: ids.sprachcafe, name: 'Altstadt' }]);
		expect(s.schedules).toHaveLength(2);
		expect(s.schedules![0]).toMatchObject({
			service_id: ids.sprachcafe,
			freq: 'WEEKLY',
			interval: 1,
			byday: 'MO,WE',
			wkst: 'MO',
			dtstart: '2026-03-02',
			until: '2026-07-31',
			valid_from: '2026-03-02',
			valid_to: '2026-07-31',
			opens_at: '10:00:00',
			closes_at: '12:00:00',
			notes: 'Nicht in den Schulferien.'
		});
		expect(s.schedules![0]!.description).toBeTruthy();
		expect(s.schedules![1]).toMatchObject({ freq: 'MONTHLY', byday: '1WE', opens_at: '17:00:00', closes_at: '19:30:00' });
		expect(s.schedules![1]).not.toHaveProperty('until');
		const sprache = s.attributes!.find((x) => x.taxonomy_term_id === term('category', 'sprache').id)!;
		expect(sprache).toMatchObject({
			link_id: ids.sprachcafe,
			link_entity: 'service',
			taxonomy_term: { id: term('category', 'sprache').id, code: 'sprache', name: 'Sprachförderung', taxonomy: 'Kategorien', taxonomy_id: term('category').taxonomyId, language: 'de' }
		});
		expect(s.attributes).toHaveLength(3);
		expect(s.organization).toMatchObject({ id: ids.org, name: 'Caritas Musterstadt', description: 'Beratung und Begegnung für alle.', email: 'info@caritas.example' });
		const [sal] = s.service_at_locations!;
		expect(sal).toMatchObject({ id: serviceAtLocationId(ids.sprachcafe, ids.venue), service_id: ids.sprachcafe, location_id: ids.venue });
		expect(sal!.location).toMatchObject({
			id: ids.venue,
			location_type: 'physical',
			name: 'Stadtteilbüro Altstadt',
			description: 'Altstadt',
			transportation: 'Bus 262, Haltestelle Rathaus',
			latitude: 51.5237,
			longitude: 6.9285,
			addresses: [{ address_1: 'Hauptstraße 5', city: 'Musterstadt', postal_code: '46236', state_province: 'Nordrhein-Westfalen', country: 'DE', address_type: 'physical' }],
			accessibility: [{ description: 'Stufenlos erreichbar. Barrierefreie Toilette vorhanden', details: 'Eingang über den Hof.' }]
		});
	});

	it('a paid offer has its fees as a cost option; an internal organization carrying it is shown', async () => {
		const s = await hsdsService(db(), a, ids.beratung);
		expectValid('compiled/service.json', s);
		expect(s.fees_description).toBe('5 Euro pro Termin');
		expect(s.cost_options).toEqual([{ id: derivedId('cost_option', ids.beratung, 'fees'), service_id: ids.beratung, currency: 'EUR', amount_description: '5 Euro pro Termin' }]);
		expect(s.organization).toEqual({ id: ids.internalOrg, name: 'Stabsstelle Integration', description: '' });
		expect(s.last_modified).toBe(new Date(new Date(TEST_NOW).getTime() + 24 * 60 * 60 * 1000).toISOString());
	});

	it('the ids of nested records are stable UUIDs', async () => {
		const [one, two] = [await hsdsService(db(), a, ids.sprachcafe), await hsdsService(db(), a, ids.sprachcafe)];
		expect(one).toEqual(two);
		expect(new Set([...one.schedules!, ...one.languages!, ...one.attributes!].map((x) => x.id)).size).toBe(8);
		expect(derivedId('x', 'y')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
	});

	it('is a 404 for drafts, inactive offers, other municipalities and non-ids', async () => {
		for (const id of [ids.draft, ids.inactive, ids.offerB, 'kein-uuid', '00000000-0000-4000-8000-000000000000'])
			expect(await caught(() => hsdsService(db(), a, id)), id).toBeInstanceOf(NotFoundError);
		expect(await caught(() => hsdsService(db(), world.b, ids.sprachcafe))).toBeInstanceOf(NotFoundError);
		expectValid('compiled/service.json', await hsdsService(db(), world.b, ids.offerB));
	});

	it('a Kreis includes the offers of its member towns, a town not those of the Kreis', async () => {
		const county = await hsdsServices(db(), world.county);
		expectPage('compiled/service_list.json', county);
		expect(county.contents.map((s) => s.name)).toEqual(['Dorftreff', 'Kreisweite Beratung']);
		expectValid('compiled/service.json', await hsdsService(db(), world.county, ids.offerTown));
		expect((await hsdsServices(db(), world.town)).contents.map((s) => s.name)).toEqual(['Dorftreff']);
		expect(await caught(() => hsdsService(db(), world.town, ids.offerCounty))).toBeInstanceOf(NotFoundError);
	});
});

describe('GET /service_at_locations', () => {
	it('one entry per offer and venue, valid against service_at_location_list.json', async () => {
		const page = await hsdsServiceAtLocations(db(), a);
		expectPage('compiled/service_at_location_list.json', page);
		expect(page.contents.map((x) => x.service!.name)).toEqual(['Hausaufgabenhilfe', 'Sprachcafé für Frauen']);
		expect(page.contents[1]).toMatchObject({ id: serviceAtLocationId(ids.sprachcafe, ids.venue), service_id: ids.sprachcafe, location_id: ids.venue, location: { name: 'Stadtteilbüro Altstadt' } });
		expect(page.contents[1]!.location).not.toHaveProperty('addresses');
	});

	it('full=true, paging, postcode and the service filters', async () => {
		const full = await hsdsServiceAtLocations(db(), a, { full: 'true', per_page: '1', page: '2' });
		expectPage('compiled/service_at_location.json', full);
		expect(full).toMatchObject({ total_items: 2, total_pages: 2, page_number: 2, size: 1, last_page: true });
		expect(full.contents[0]!.location!.addresses).toHaveLength(1);
		expect((await hsdsServiceAtLocations(db(), a, { postcode: '46236' })).total_items).toBe(2);
		expect((await hsdsServiceAtLocations(db(), a, { postcode: '12345' })).empty).toBe(true);
		expect((await hsdsServiceAtLocations(db(), a, { search: 'Deutsch' })).contents.map((x) => x.service_id)).toEqual([ids.sprachcafe]);
		expect((await hsdsServiceAtLocations(db(), a, { taxonomy_term_id: term('category', 'kinder-jugend').id })).contents.map((x) => x.service_id)).toEqual([ids.hausaufgaben]);
		expect(await caught(() => hsdsServiceAtLocations(db(), a, { postcode: '4623' }))).toBeInstanceOf(ValidationError);
	});

	it('GET /service_at_locations/{id}: fully nested, valid against service_at_location.json; 404 across municipalities', async () => {
		const id = serviceAtLocationId(ids.sprachcafe, ids.venue);
		const sal = await hsdsServiceAtLocation(db(), a, id, { lang: 'tr' });
		expectValid('compiled/service_at_location.json', sal);
		expect(sal.service).toMatchObject({ id: ids.sprachcafe, name: 'Kadınlar için dil kafesi', organization: { id: ids.org } });
		expect(sal.location!.addresses![0]!.address_1).toBe('Hauptstraße 5');
		expect(await caught(() => hsdsServiceAtLocation(db(), world.b, id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => hsdsServiceAtLocation(db(), a, serviceAtLocationId(ids.offerB, ids.venueB)))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => hsdsServiceAtLocation(db(), a, ids.sprachcafe))).toBeInstanceOf(NotFoundError);
	});
});

describe('GET /organizations', () => {
	it('public organizations and internal ones that carry a published offer, valid against organization_list.json', async () => {
		const page = await hsdsOrganizations(db(), a);
		expectPage('compiled/organization_list.json', page);
		expect(page.contents.map((o) => o.name)).toEqual(['Caritas Musterstadt', 'Sportverein Musterstadt', 'Stabsstelle Integration']);
		expect(JSON.stringify(page)).not.toContain('Interner Arbeitskreis');
		expect(JSON.stringify(page)).not.toContain('Beispielstadt');
	});

	it('full=true, search and paging', async () => {
		const full = await hsdsOrganizations(db(), a, { full: 'true', full_service: 'true' });
		expectPage('compiled/organization.json', full);
		expect((await hsdsOrganizations(db(), a, { search: 'begegnung' })).contents.map((o) => o.id)).toEqual([ids.org]);
		expect(await hsdsOrganizations(db(), a, { per_page: '2', page: '2' })).toMatchObject({ total_items: 3, total_pages: 2, size: 1, last_page: true });
	});

	it('GET /organizations/{id}: nested with its offers and venues, valid against organization.json', async () => {
		const o = await hsdsOrganization(db(), a, ids.org);
		expectValid('compiled/organization.json', o);
		expect(o.services!.map((s) => s.name)).toEqual(['Hausaufgabenhilfe', 'Sprachcafé für Frauen']);
		expect(o.locations!.map((l) => l.location_type)).toEqual(['physical', 'postal']);
		expect(o.locations![1]!.addresses![0]).toMatchObject({ address_1: 'Kirchplatz 2', address_type: 'postal' });
		expect(o.phones![0]!.number).toBe('02041 12345');
		const full = await hsdsOrganization(db(), a, ids.org, { full_service: 'true' });
		expectValid('compiled/organization.json', full);
		expect(full.services![0]!.attributes).toBeDefined();
		// An internal organization: no postal address.
		const internal = await hsdsOrganization(db(), a, ids.internalOrg);
		expectValid('compiled/organization.json', internal);
		expect(internal.locations).toBeUndefined();
		for (const id of [ids.idleInternalOrg, ids.orgB, 'nein'])
			expect(await caught(() => hsdsOrganization(db(), a, id)), id).toBeInstanceOf(NotFoundError);
	});
});

describe('GET /taxonomies and /taxonomy_terms', () => {
	it('the four vocabularies, valid against taxonomy.json', async () => {
		const page = await hsdsTaxonomies(db(), a, {}, world.clock.now());
		expectPage('taxonomy.json', page);
		expect(page.total_items).toBe(4);
		expect(page.contents.map((t) => t.name)).toContain('Kategorien');
		const one = await hsdsTaxonomy(db(), a, term('category').taxonomyId, world.clock.now());
		expectValid('taxonomy.json', one);
		expect(await caught(() => hsdsTaxonomy(db(), world.b, term('category').taxonomyId, world.clock.now()))).toBeInstanceOf(NotFoundError);
	});

	it('a Kreis lists its own vocabularies and those of its towns, named apart', async () => {
		const page = await hsdsTaxonomies(db(), world.county, {}, world.clock.now());
		expectPage('taxonomy.json', page);
		expect(page.total_items).toBe(8);
		expect(page.contents.map((t) => t.name)).toContain('Kategorien (Musterdorf)');
	});

	it('terms, valid against taxonomy_term.json, filtered by taxonomy and paged; names in lang', async () => {
		const all = await hsdsTaxonomyTerms(db(), a, { per_page: '100' }, world.clock.now());
		expectPage('taxonomy_term.json', all);
		expect(all.total_items).toBe(terms.length);
		const categories = await hsdsTaxonomyTerms(db(), a, { taxonomy_id: term('category').taxonomyId, per_page: '5', page: '2' }, world.clock.now());
		expectPage('taxonomy_term.json', categories);
		expect(categories).toMatchObject({ total_items: terms.filter((t) => t.kind === 'category').length, page_number: 2, size: 5 });
		expect(categories.contents.every((t) => t.taxonomy === 'Kategorien')).toBe(true);
		const turkish = await hsdsTaxonomyTerms(db(), a, { lang: 'tr', search: 'sprachförderung' }, world.clock.now());
		expectPage('taxonomy_term.json', turkish);
		expect(turkish.contents.map((t) => [t.name, t.language])).toEqual([['Dil öğrenimi', 'tr']]);
		expect((await hsdsTaxonomyTerms(db(), a, { top_only: 'true' }, world.clock.now())).total_items).toBe(terms.filter((t) => !t.parentId).length);
		const one = await hsdsTaxonomyTerm(db(), a, term('category', 'sprache').id, { lang: 'tr' }, world.clock.now());
		expectValid('taxonomy_term.json', one);
		expect(one.name).toBe('Dil öğrenimi');
		expect(await caught(() => hsdsTaxonomyTerm(db(), world.b, term('category', 'sprache').id, {}, world.clock.now()))).toBeInstanceOf(NotFoundError);
	});
});

describe('open data', () => {
	it('CSV: UTF-8 with BOM, semicolons, one row per published offer, German texts', async () => {
		const csv = await openDataCsv(db(), a, { origin: 'https://teilhabe.test' });
		expect(csv.startsWith('\uFEFFID;Titel;Beschreibung;Träger;')).toBe(true);
		const rows = csv.slice(1).split('\r\n').filter(Boolean);
		const header = rows[0]!.split(';');
		expect(header).toContain('Kategorien');
		expect(csv).toContain('Sprachcafé für Frauen');
		expect(csv).not.toContain('Kadınlar');
		expect(csv).not.toContain('Geheimer Entwurf');
		expect(csv).not.toContain('Ruhender Kurs');
		expect(csv).not.toContain('Beispielstadt');
		// The multi-line description is quoted.
		expect(csv).toContain('"Wir üben gemeinsam Deutsch im Gespräch.\n\n- Kinderbetreuung\n- Tee und Kuchen";');
		expect(csv).toContain('Stadtteilbüro Altstadt, Hauptstraße 5, 46236 Musterstadt');
		expect(csv).toContain('Sprachförderung | Frauenarbeit');
		expect(csv).toContain(`https://teilhabe.test/musterstadt/de/angebote/${ids.sprachcafe}`);
		const lines = csv.split('\r\n').filter((l) => /^[0-9a-f]{8}-/.test(l));
		expect(lines).toHaveLength(3);
	});

	it('CSV cells: quoting and no spreadsheet formulas', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('sagt "hallo"')).toBe('"sagt ""hallo"""');
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell('+49 2041 1')).toBe('+49 2041 1');
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('- Kinderbetreuung')).toBe("'- Kinderbetreuung");
		expect(csvCell('-1')).toBe('-1');
		expect(csvCell(null)).toBe('');
		expect(csvCell(16)).toBe('16');
	});

	it('JSON: all published offers with German texts', async () => {
		const data = await openDataJson(db(), a, { now: world.clock.now() });
		expect(data).toMatchObject({ municipality: { slug: 'musterstadt', name: 'Musterstadt' }, count: 3, generatedAt: world.clock.now().toISOString() });
		const cafe = data.offers.find((o) => o.id === ids.sprachcafe)!;
		expect(cafe).toMatchObject({
			name: 'Sprachcafé für Frauen',
			organization: { id: ids.org, name: 'Caritas Musterstadt' },
			free: true,
			categories: ['Sprachförderung', 'Frauenarbeit'],
			languages: [
				{ code: 'de', name: 'Deutsch' },
				{ code: 'tr', name: 'Türkisch' },
				{ code: 'ar', name: 'Arabisch' }
			],
			venues: [{ name: 'Stadtteilbüro Altstadt', area: 'Altstadt', wheelchairAccess: 'Stufenlos erreichbar' }],
			serviceAreas: ['Altstadt'],
			portalUrl: null
		});
		expect(cafe.schedules).toHaveLength(2);
		expect(cafe.schedules[0]!.description).toBeTruthy();
		expect(data.offers.map((o) => o.name)).not.toContain('Geheimer Entwurf');
		// The Kreis download includes its towns.
		expect((await openDataJson(db(), world.county)).offers.map((o) => o.municipality.slug).sort()).toEqual(['kreis-muster', 'musterdorf']);
	});
});

describe('schedules (pure mapping)', () => {
	const id = '6f1e3c2a-9b7d-4e58-a1c0-d2b3e4f50617';
	it('once: no recurrence, valid on its day', () => {
		const s = scheduleOf({ freq: 'once', interval: 1, byday: [], ordinal: null, dtstart: '2026-05-09', until: null, opensAt: '14:00', closesAt: '', notes: '' }, 0, id, 'de');
		expectValid('schedule.json', s);
		expect(s).toMatchObject({ dtstart: '2026-05-09', valid_from: '2026-05-09', valid_to: '2026-05-09', opens_at: '14:00:00' });
		expect(s).not.toHaveProperty('freq');
		expect(s).not.toHaveProperty('closes_at');
	});

	it('monthly on the last Friday; every second week', () => {
		const last = scheduleOf({ freq: 'monthly', interval: 1, byday: ['FR'], ordinal: -1, dtstart: '2026-03-27', until: null, opensAt: '15:00', closesAt: '17:00', notes: '' }, 1, id, 'en');
		expectValid('schedule.json', last);
		expect(last).toMatchObject({ freq: 'MONTHLY', byday: '-1FR', interval: 1 });
		const biweekly = scheduleOf({ ...weekly, interval: 2, byday: ['TU'] }, 2, id, 'de');
		expectValid('schedule.json', biweekly);
		expect(biweekly).toMatchObject({ freq: 'WEEKLY', interval: 2, byday: 'TU', wkst: 'MO' });
	});

	it('dtstart is the first occurrence (RFC 5545); valid_from the first day as entered', () => {
		// 2026-03-02 is a Monday: the first Tuesday is the 3rd; the first "third Thursday" is 2026-03-19.
		expect(scheduleOf({ ...weekly, byday: ['TU'] }, 0, id, 'de')).toMatchObject({ dtstart: '2026-03-03', valid_from: '2026-03-02' });
		const third = scheduleOf({ ...monthly, byday: ['TH'], ordinal: 3, dtstart: '2026-03-02', opensAt: '00:30', closesAt: '01:30' }, 0, id, 'de');
		expect(third).toMatchObject({ dtstart: '2026-03-19', valid_from: '2026-03-02', byday: '3TH', opens_at: '00:30:00' });
		expect(scheduleOf({ ...monthly, byday: ['TH'], ordinal: 1, dtstart: '2026-03-05' }, 0, id, 'de').dtstart).toBe('2026-03-05');
	});
});
