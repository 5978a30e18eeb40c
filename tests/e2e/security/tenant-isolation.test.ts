import { beforeAll, describe, expect, inject, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { HttpClient } from '../support/http.ts';

/**
 * Every route that exists, tried from the wrong municipality, signed out, and with guessed ids.
 * The route inventory is read from src/routes: a new route without an entry here fails this test.
 */
const baseURL = inject('baseURL');
const ROUTES_DIR = path.resolve(import.meta.dirname, '../../../src/routes');

function routeIds(): string[] {
	const ids = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/^\+(page|server)(\.server)?\.(ts|svelte)$/.test(entry.name)) ids.add('/' + path.relative(ROUTES_DIR, dir).split(path.sep).join('/'));
		}
	};
	walk(ROUTES_DIR);
	return [...ids].map((id) => (id === '/' ? '/' : id.replace(/\/$/, ''))).sort();
}

const FAKE_UUID = '0b5e7e5a-1111-4222-8333-944455556666';

/** How each back-office route is reached as a concrete URL in a municipality (ids filled in per test). */
const BACKOFFICE: Record<string, (slug: string, ids: Ids) => string> = {
	'/[municipality]/intern/(app)': (s) => `/${s}/intern`,
	'/[municipality]/intern/(app)/angebote': (s) => `/${s}/intern/angebote`,
	'/[municipality]/intern/(app)/angebote/neu': (s) => `/${s}/intern/angebote/neu`,
	'/[municipality]/intern/(app)/angebote/bestaetigen': (s) => `/${s}/intern/angebote/bestaetigen`,
	'/[municipality]/intern/(app)/angebote/einstellungen': (s) => `/${s}/intern/angebote/einstellungen`,
	'/[municipality]/intern/(app)/angebote/hinweise': (s) => `/${s}/intern/angebote/hinweise`,
	'/[municipality]/intern/(app)/angebote/beteiligung': (s) => `/${s}/intern/angebote/beteiligung`,
	'/[municipality]/intern/(app)/angebote/import': (s) => `/${s}/intern/angebote/import`,
	'/[municipality]/intern/(app)/angebote/import/[importId]': (s, ids) => `/${s}/intern/angebote/import/${ids.importId}`,
	'/[municipality]/intern/(app)/angebote/export': (s) => `/${s}/intern/angebote/export?format=csv`,
	'/[municipality]/intern/(app)/angebote/[id]': (s, ids) => `/${s}/intern/angebote/${ids.offerId}`,
	'/[municipality]/intern/(app)/angebote/[id]/uebersetzung/[lang]': (s, ids) => `/${s}/intern/angebote/${ids.offerId}/uebersetzung/tr`,
	'/[municipality]/intern/(app)/kategorien': (s) => `/${s}/intern/kategorien`,
	'/[municipality]/intern/(app)/monitoring': (s) => `/${s}/intern/monitoring`,
	'/[municipality]/intern/(app)/monitoring/import': (s) => `/${s}/intern/monitoring/import`,
	'/[municipality]/intern/(app)/monitoring/import/[importId]': (s, ids) => `/${s}/intern/monitoring/import/${ids.tableImportId}`,
	'/[municipality]/intern/(app)/monitoring/grundzahlen/[figureId]': (s, ids) => `/${s}/intern/monitoring/grundzahlen/${ids.figureId}`,
	'/[municipality]/intern/(app)/monitoring/grundzahlen/[figureId]/export': (s, ids) => `/${s}/intern/monitoring/grundzahlen/${ids.figureId}/export?format=csv`,
	'/[municipality]/intern/(app)/monitoring/kennzahlen/neu': (s) => `/${s}/intern/monitoring/kennzahlen/neu`,
	'/[municipality]/intern/(app)/monitoring/mikrodaten': (s) => `/${s}/intern/monitoring/mikrodaten`,
	'/[municipality]/intern/(app)/monitoring/indikatoren': (s) => `/${s}/intern/monitoring/indikatoren`,
	'/[municipality]/intern/(app)/monitoring/einstellungen': (s) => `/${s}/intern/monitoring/einstellungen`,
	'/[municipality]/intern/(app)/monitoring/kennzahlen/[keyFigureId]/export': (s, ids) => `/${s}/intern/monitoring/kennzahlen/${ids.keyFigureId}/export?format=xlsx`,
	'/[municipality]/intern/(app)/monitoring/kennzahlen/[keyFigureId]': (s, ids) => `/${s}/intern/monitoring/kennzahlen/${ids.keyFigureId}`,
	'/[municipality]/intern/(app)/orte': (s) => `/${s}/intern/orte`,
	'/[municipality]/intern/(app)/orte/[id]': (s, ids) => `/${s}/intern/orte/${ids.locationId}`,
	'/[municipality]/intern/(app)/uebersetzungen': (s) => `/${s}/intern/uebersetzungen`,
	'/[municipality]/intern/(app)/uebersetzungen/xliff/[lang]': (s) => `/${s}/intern/uebersetzungen/xliff/tr`,
	'/[municipality]/intern/(app)/barrieren': (s) => `/${s}/intern/barrieren`,
	'/[municipality]/intern/(app)/gebiete': (s) => `/${s}/intern/gebiete`,
	'/[municipality]/intern/(app)/gemeinden': (s) => `/${s}/intern/gemeinden`,
	'/[municipality]/intern/(app)/gemeinden/[town]': (s) => `/${s}/intern/gemeinden/ratingen`,
	'/[municipality]/intern/(app)/organisationen': (s) => `/${s}/intern/organisationen`,
	'/[municipality]/intern/(app)/organisationen/[id]': (s, ids) => `/${s}/intern/organisationen/${ids.organizationId}`,
	'/[municipality]/intern/(app)/organisationen/neu': (s) => `/${s}/intern/organisationen/neu`,
	'/[municipality]/intern/(app)/verwaltung/benutzer': (s) => `/${s}/intern/verwaltung/benutzer`,
	'/[municipality]/intern/(app)/verwaltung/benutzer/[userId]': (s, ids) => `/${s}/intern/verwaltung/benutzer/${ids.userId}`,
	'/[municipality]/intern/(app)/verwaltung/kommune': (s) => `/${s}/intern/verwaltung/kommune`,
	'/[municipality]/intern/(app)/verwaltung/postausgang': (s) => `/${s}/intern/verwaltung/postausgang`,
	'/[municipality]/intern/(app)/verwaltung/protokoll': (s) => `/${s}/intern/verwaltung/protokoll`,
	'/[municipality]/intern/(app)/foerderung': (s) => `/${s}/intern/foerderung`,
	'/[municipality]/intern/(app)/foerderung/[fundId]': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/antraege/[applicationId]': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/antraege/${ids.applicationId}`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/antraege/[applicationId]/dokumente/[documentId]': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/antraege/${ids.applicationId}/dokumente/${ids.documentId}`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/bericht': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/bericht`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/jury': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/jury`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/richtlinie': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/richtlinie`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/sitzungen/[sessionId]': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/sitzungen/${ids.sessionId}`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/vorlagen': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/vorlagen`,
	'/[municipality]/intern/(app)/foerderung/[fundId]/vorlagen/[kind]': (s, ids) => `/${s}/intern/foerderung/${ids.fundId}/vorlagen/approval`,
	// The print view: the same letter and the same checks as the PDF, without rendering one per request.
	'/[municipality]/intern/(app)/foerderung/schreiben/[letterId]': (s, ids) => `/${s}/intern/foerderung/schreiben/${ids.letterId}?ansicht=druck`
};
/** Public by design: they must answer, but show only what the municipality publishes. */
const PUBLIC = new Set([
	'/',
	'/healthz',
	'/[municipality]',
	'/[municipality]/[lang]',
	'/[municipality]/[lang]/angebote',
	'/[municipality]/[lang]/angebote/[id]',
	'/[municipality]/[lang]/angebote/[id]/kalender.ics',
	'/[municipality]/[lang]/barrierefreiheit',
	'/[municipality]/[lang]/datenschutz',
	'/[municipality]/[lang]/impressum',
	'/[municipality]/[lang]/leichte-sprache',
	'/[municipality]/[lang]/zahlen',
	'/[municipality]/[lang]/zahlen/[keyFigureId]',
	// The Verfügungsfonds: its rules and the form are public; an application is reached only by its secret link.
	'/[municipality]/[lang]/foerderung',
	'/[municipality]/[lang]/foerderung/[fundSlug]/neu',
	'/[municipality]/[lang]/foerderung/antrag/[token]',
	'/[municipality]/[lang]/foerderung/antrag/[token]/dokumente/[documentId]',
	'/[municipality]/[lang]/foerderung/antrag/[token]/schreiben/[letterId]',
	'/[municipality]/intern/(auth)/anmelden',
	'/[municipality]/intern/(auth)/passwort-vergessen',
	'/[municipality]/intern/(auth)/passwort-neu',
	'/[municipality]/intern/(auth)/einladung/[token]',
	'/[municipality]/intern/abmelden',
	'/api/v1',
	'/api/v1/municipalities',
	'/api/v1/municipalities/[slug]',
	'/api/v1/municipalities/[slug]/areas',
	'/api/v1/municipalities/[slug]/organizations',
	'/api/v1/municipalities/[slug]/hsds',
	'/api/v1/municipalities/[slug]/hsds/services',
	'/api/v1/municipalities/[slug]/hsds/services/[id]',
	'/api/v1/municipalities/[slug]/hsds/service_at_locations',
	'/api/v1/municipalities/[slug]/hsds/service_at_locations/[id]',
	'/api/v1/municipalities/[slug]/hsds/organizations',
	'/api/v1/municipalities/[slug]/hsds/organizations/[id]',
	'/api/v1/municipalities/[slug]/hsds/taxonomies',
	'/api/v1/municipalities/[slug]/hsds/taxonomies/[id]',
	'/api/v1/municipalities/[slug]/hsds/taxonomy_terms',
	'/api/v1/municipalities/[slug]/hsds/taxonomy_terms/[id]',
	'/api/v1/municipalities/[slug]/figures',
	'/api/v1/municipalities/[slug]/figures/[id]',
	'/api/v1/municipalities/[slug]/offers.csv',
	'/api/v1/municipalities/[slug]/offers.json'
]);

interface Ids {
	organizationId: string;
	userId: string;
	offerId: string;
	locationId: string;
	importId: string;
	tableImportId: string;
	figureId: string;
	keyFigureId: string;
	fundId: string;
	applicationId: string;
	documentId: string;
	sessionId: string;
	letterId: string;
}
let bottrop: Ids;
let koelnAdmin: HttpClient;
let bottropAdmin: HttpClient;

beforeAll(async () => {
	bottropAdmin = await new HttpClient(baseURL).signIn('bottrop', 'integrationsbuero@bottrop.example');
	koelnAdmin = await new HttpClient(baseURL).signIn('koeln', 'integrationsbuero@koeln.example');
	const orgs = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/organizations`)).json()) as { data: { id: string }[] };
	const usersPage = await (await bottropAdmin.get('/bottrop/intern/verwaltung/benutzer')).text();
	// Rolf Redaktion: an editor, so a role change to council member would be visible.
	const userId = usersPage.match(/\/bottrop\/intern\/verwaltung\/benutzer\/([A-Za-z0-9]+)" aria-label="Rolf Redaktion bearbeiten"/)?.[1];
	expect(orgs.data.length).toBeGreaterThan(0);
	expect(userId).toBeTruthy();
	// A published offer and its venue, as the open HSDS API names them.
	const sal = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/service_at_locations?per_page=1`)).json()) as { contents: { service_id: string; location_id: string }[] };
	// An uploaded spreadsheet waiting for its import.
	const upload = await bottropAdmin.upload('/bottrop/intern/angebote/import', 'file', 'liste.csv', 'Titel;Träger\nSprachcafé;Quartiersbüro Altstadt (Demo)\n');
	const importId = upload.headers.get('location')?.match(/import\/([0-9a-f-]{36})$/)?.[1];
	expect(importId, `upload answered ${upload.status}`).toBeTruthy();
	// A statistics table imported into Bottrop's two districts, and an internal key figure over it.
	const table = await bottropAdmin.upload('/bottrop/intern/monitoring/import', 'file', 'zahlen.csv', 'Gebiet;Jahr;Anzahl\n11;2018;1200\n61;2018;800\n');
	const tableImportId = table.headers.get('location')?.match(/import\/([0-9a-f-]{36})$/)?.[1];
	expect(tableImportId, `upload answered ${table.status}`).toBeTruthy();
	await bottropAdmin.post(`/bottrop/intern/monitoring/import/${tableImportId}?/mapping`, { 'map.area': '0', 'map.year': '1', 'map.values': '2', fixedFigure: 'Einwohner (Test)', decimal: 'comma' });
	expect((await bottropAdmin.post(`/bottrop/intern/monitoring/import/${tableImportId}?/commit`, {})).status).toBe(303);
	const figureId = (await (await bottropAdmin.get('/bottrop/intern/monitoring')).text()).match(/grundzahlen\/([0-9a-f-]{36})">Einwohner \(Test\)</)?.[1];
	expect(figureId).toBeTruthy();
	const created = await bottropAdmin.post('/bottrop/intern/monitoring/kennzahlen/neu?/share', { name: 'Anteil (Test)', numerator: `${figureId}|`, denominator: `${figureId}|` });
	const keyFigureId = created.headers.get('location')?.match(/kennzahlen\/([0-9a-f-]{36})$/)?.[1];
	expect(keyFigureId, `key figure answered ${created.status}`).toBeTruthy();
	// The demo Verfügungsfonds: an application of the open round with its attachment and receipt confirmation, a jury session.
	const fundId = (await (await bottropAdmin.get('/bottrop/intern/foerderung')).text()).match(/\/bottrop\/intern\/foerderung\/([0-9a-f-]{36})"/)?.[1];
	expect(fundId).toBeTruthy();
	const fundPage = await (await bottropAdmin.get(`/bottrop/intern/foerderung/${fundId}`)).text();
	const applicationId = fundPage.match(/\/antraege\/([0-9a-f-]{36})">Spielplatzfest Batenbrock</)?.[1];
	const sessionId = fundPage.match(/\/sitzungen\/([0-9a-f-]{36})"/)?.[1];
	expect(applicationId).toBeTruthy();
	expect(sessionId).toBeTruthy();
	const applicationPage = await (await bottropAdmin.get(`/bottrop/intern/foerderung/${fundId}/antraege/${applicationId}`)).text();
	const documentId = applicationPage.match(/\/dokumente\/([0-9a-f-]{36})"/)?.[1];
	const letterId = applicationPage.match(/\/foerderung\/schreiben\/([0-9a-f-]{36})"/)?.[1];
	expect(documentId).toBeTruthy();
	expect(letterId).toBeTruthy();
	bottrop = {
		fundId: fundId!,
		applicationId: applicationId!,
		documentId: documentId!,
		sessionId: sessionId!,
		letterId: letterId!,
		organizationId: orgs.data[0]!.id,
		userId: userId!,
		offerId: sal.contents[0]!.service_id,
		locationId: sal.contents[0]!.location_id,
		importId: importId!,
		tableImportId: tableImportId!,
		figureId: figureId!,
		keyFigureId: keyFigureId!
	};
});

describe('the route inventory', () => {
	it('covers every route in src/routes', () => {
		const unknown = routeIds().filter((id) => !(id in BACKOFFICE) && !PUBLIC.has(id));
		expect(unknown, 'routes without a tenant-isolation expectation').toEqual([]);
	});
});

describe('back office of another municipality', () => {
	it.each(Object.keys(BACKOFFICE))('%s: the Köln administrator gets 403 in Bottrop', async (id) => {
		const res = await koelnAdmin.get(BACKOFFICE[id]!('bottrop', bottrop));
		expect(res.status).toBe(403);
		expect(await res.text()).not.toContain('Ines Integrationsbüro');
	});

	it.each(Object.keys(BACKOFFICE))('%s: signed out, it asks for sign-in', async (id) => {
		const res = await new HttpClient(baseURL).get(BACKOFFICE[id]!('bottrop', bottrop));
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toContain('/bottrop/intern/anmelden');
	});

	it('the own administrator reaches each of them (so the 403s above are not accidental)', async () => {
		for (const id of Object.keys(BACKOFFICE)) {
			if (id.endsWith('/gemeinden/[town]')) continue; // Bottrop is no county
			if (id.endsWith('/monitoring/mikrodaten')) continue; // the statistics office alone, below
			const res = await bottropAdmin.get(BACKOFFICE[id]!('bottrop', bottrop));
			expect(res.status, id).toBe(200);
		}
	});
});

describe('register microdata', () => {
	it('only the statistics office may run them, not even the integration office', async () => {
		expect((await bottropAdmin.get('/bottrop/intern/monitoring/mikrodaten')).status).toBe(403);
		const statistics = await new HttpClient(baseURL).signIn('bottrop', 'statistik@bottrop.example');
		expect((await statistics.get('/bottrop/intern/monitoring/mikrodaten')).status).toBe(200);
		const upload = await bottropAdmin.upload('/bottrop/intern/monitoring/mikrodaten', 'file', 'auszug.csv', 'Person;Haushalt\n1;1\n');
		expect(upload.status).toBe(403);
	});
});

describe('guessed ids inside the own back office', () => {
	it('a Bottrop organization id is not found in Köln, for reading and writing', async () => {
		expect((await koelnAdmin.get(`/koeln/intern/organisationen/${bottrop.organizationId}`)).status).toBe(404);
		const write = await koelnAdmin.post(`/koeln/intern/organisationen/${bottrop.organizationId}`, { name: 'Übernommen', type: 'club' });
		expect(write.status).toBe(404);
		const after = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/organizations`)).json()) as { data: { name: string }[] };
		expect(after.data.map((o) => o.name)).not.toContain('Übernommen');
	});

	it('a Bottrop user id is not found in Köln, and its roles cannot be changed from there', async () => {
		expect((await koelnAdmin.get(`/koeln/intern/verwaltung/benutzer/${bottrop.userId}`)).status).toBe(404);
		const write = await koelnAdmin.post(`/koeln/intern/verwaltung/benutzer/${bottrop.userId}?/roles`, { roles: 'council_member' });
		expect(write.status).toBe(404);
		const page = await (await bottropAdmin.get(`/bottrop/intern/verwaltung/benutzer/${bottrop.userId}`)).text();
		expect(page).not.toContain('value="council_member" checked');
	});

	it('a Bottrop offer and venue are not found in Köln: back office, portal, calendar and HSDS API', async () => {
		expect((await koelnAdmin.get(`/koeln/intern/angebote/${bottrop.offerId}`)).status).toBe(404);
		expect((await koelnAdmin.post(`/koeln/intern/angebote/${bottrop.offerId}?/publish`, {})).status).toBe(404);
		expect((await koelnAdmin.post(`/koeln/intern/angebote/${bottrop.offerId}?/unpublish`, {})).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/angebote/${bottrop.offerId}/uebersetzung/tr`)).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/orte/${bottrop.locationId}`)).status).toBe(404);
		expect((await koelnAdmin.post(`/koeln/intern/orte/${bottrop.locationId}`, { name: 'Übernommen', street: 'X 1', postalCode: '50667', city: 'Köln' })).status).toBe(404);
		expect((await fetch(`${baseURL}/koeln/de/angebote/${bottrop.offerId}`)).status).toBe(404);
		expect((await fetch(`${baseURL}/koeln/de/angebote/${bottrop.offerId}/kalender.ics`)).status).toBe(404);
		expect((await fetch(`${baseURL}/api/v1/municipalities/koeln/hsds/services/${bottrop.offerId}`)).status).toBe(404);
		// … while Bottrop itself still publishes it.
		expect((await fetch(`${baseURL}/bottrop/de/angebote/${bottrop.offerId}`)).status).toBe(200);
		expect((await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/services/${bottrop.offerId}`)).status).toBe(200);
	});

	it('Bottrop statistics are not found in Köln: import, base figure, key figure, portal', async () => {
		expect((await koelnAdmin.get(`/koeln/intern/monitoring/import/${bottrop.tableImportId}`)).status).toBe(404);
		expect((await koelnAdmin.post(`/koeln/intern/monitoring/import/${bottrop.tableImportId}?/discard`, {})).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/monitoring/grundzahlen/${bottrop.figureId}`)).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/monitoring/kennzahlen/${bottrop.keyFigureId}`)).status).toBe(404);
		expect((await koelnAdmin.post(`/koeln/intern/monitoring/kennzahlen/${bottrop.keyFigureId}?/publish`, {})).status).toBe(404);
		// Internal in Bottrop: not on Bottrop's portal either.
		expect((await fetch(`${baseURL}/bottrop/de/zahlen/${bottrop.keyFigureId}`)).status).toBe(404);
		expect((await fetch(`${baseURL}/koeln/de/zahlen/${bottrop.keyFigureId}`)).status).toBe(404);
		expect((await fetch(`${baseURL}/api/v1/municipalities/bottrop/figures/${bottrop.keyFigureId}`)).status).toBe(404);
		expect((await fetch(`${baseURL}/api/v1/municipalities/bottrop/figures/${bottrop.keyFigureId}?format=csv`)).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/monitoring/kennzahlen/${bottrop.keyFigureId}/export?format=csv`)).status).toBe(404);
		expect((await koelnAdmin.get(`/koeln/intern/monitoring/grundzahlen/${bottrop.figureId}/export?format=csv`)).status).toBe(404);
	});

	it('a provider sees only her own organization’s offers and venues', async () => {
		const provider = await new HttpClient(baseURL).signIn('bottrop', 'anbieter@bottrop.example');
		const list = await (await provider.get('/bottrop/intern/angebote')).text();
		expect(list).toContain('Meine Angebote');
		expect(list).not.toContain('Berufssprachkurs Deutsch B2');
		const foreign = await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/services?search=Berufssprachkurs`)).json() as { contents: { id: string }[] };
		expect((await provider.get(`/bottrop/intern/angebote/${foreign.contents[0]!.id}`)).status).toBe(404);
		expect((await provider.post(`/bottrop/intern/angebote/${foreign.contents[0]!.id}?/save`, { name: 'Übernommen' })).status).toBe(404);
		expect((await provider.get('/bottrop/intern/uebersetzungen')).status).toBe(403);
		expect((await provider.get('/bottrop/intern/kategorien')).status).toBe(403);
		// confirmation: her own offers only, and no foreign offer can be confirmed by id
		const toConfirm = await (await provider.get('/bottrop/intern/angebote/bestaetigen?zeige=all')).text();
		expect(toConfirm).not.toContain('Berufssprachkurs Deutsch B2');
		expect((await provider.post('/bottrop/intern/angebote/bestaetigen', { ids: foreign.contents[0]!.id })).status).toBe(403);
		expect((await provider.post(`/bottrop/intern/angebote/${foreign.contents[0]!.id}?/confirm`, {})).status).toBe(404);
		for (const editorsOnly of ['einstellungen', 'hinweise', 'beteiligung']) expect((await provider.get(`/bottrop/intern/angebote/${editorsOnly}`)).status, editorsOnly).toBe(403);
		expect((await provider.post('/bottrop/intern/angebote/einstellungen', { confirmationIntervalMonths: '1', reminderLeadDays: '0', graceDays: '0' })).status).toBe(403);
	});

	it('random and malformed ids are 404, never 500', async () => {
		for (const id of [FAKE_UUID, 'not-a-uuid', "1' or '1'='1"]) {
			expect((await bottropAdmin.get(`/bottrop/intern/angebote/${encodeURIComponent(id)}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/orte/${encodeURIComponent(id)}`)).status, id).toBe(404);
			expect((await fetch(`${baseURL}/bottrop/de/angebote/${encodeURIComponent(id)}`)).status, id).toBe(404);
			expect((await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/services/${encodeURIComponent(id)}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/organisationen/${encodeURIComponent(id)}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/verwaltung/benutzer/${encodeURIComponent(id)}`)).status, id).toBe(404);
		}
	});
});

describe('the Verfügungsfonds', () => {
	let token = '';
	const anonymous = () => new HttpClient(baseURL);

	beforeAll(async () => {
		// A draft of its own: the demo applications' secret links are not known to anyone.
		const res = await anonymous().post('/bottrop/de/foerderung/stadtteilfonds/neu', { title: 'Mandantentrennung (Test)', organizationName: 'Testgruppe' });
		token = res.headers.get('location')?.match(/\/bottrop\/de\/foerderung\/antrag\/([A-Za-z0-9_-]+)\?neu=1$/)?.[1] ?? '';
		expect(token, `draft answered ${res.status}`).toBeTruthy();
	});

	it('Bottrop’s fund, applications, sessions, files and letters are not found in Köln, for reading and writing', async () => {
		const { fundId, applicationId, documentId, sessionId, letterId } = bottrop;
		for (const url of [
			`/koeln/intern/foerderung/${fundId}`,
			`/koeln/intern/foerderung/${fundId}/bericht`,
			`/koeln/intern/foerderung/${fundId}/jury`,
			`/koeln/intern/foerderung/${fundId}/richtlinie`,
			`/koeln/intern/foerderung/${fundId}/vorlagen`,
			`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}`,
			`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}/dokumente/${documentId}`,
			`/koeln/intern/foerderung/${fundId}/sitzungen/${sessionId}`,
			`/koeln/intern/foerderung/schreiben/${letterId}`,
			`/koeln/intern/foerderung/schreiben/${letterId}?ansicht=druck`,
			`/koeln/intern/foerderung/stadtteilfonds`
		])
			expect((await koelnAdmin.get(url)).status, url).toBe(404);
		const writes: [string, Record<string, string>][] = [
			[`/koeln/intern/foerderung/${fundId}?/session`, { date: '2027-04-20', time: '17:00', location: 'Fremder Ort' }],
			[`/koeln/intern/foerderung/${fundId}?/round`, { deadline: '2027-06-01' }],
			[`/koeln/intern/foerderung/${fundId}/jury?/add`, { seat: 'Fremder Sitz', name: 'Eindringling' }],
			[`/koeln/intern/foerderung/${fundId}/vorlagen?/save`, { kind: 'approval', subject: 'Übernommen', body: 'Übernommen aus einer anderen Stadt.' }],
			[`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}?/precheck`, { mark_applicant: 'met' }],
			[`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}?/revision`, { message: 'Eine Nachfrage aus der falschen Stadt.' }],
			[`/koeln/intern/foerderung/${fundId}/sitzungen/${sessionId}?/agenda`, {}],
			[`/koeln/intern/foerderung/${fundId}/sitzungen/${sessionId}?/close`, {}]
		];
		for (const [url, fields] of writes) expect((await koelnAdmin.post(url, fields)).status, url).toBe(404);
		// … and nothing of it reached Bottrop.
		expect(await (await bottropAdmin.get(`/bottrop/intern/foerderung/${fundId}/jury`)).text()).not.toContain('Eindringling');
		expect(await (await bottropAdmin.get(`/bottrop/intern/foerderung/${fundId}/vorlagen`)).text()).not.toContain('Übernommen');
		const application = await (await bottropAdmin.get(`/bottrop/intern/foerderung/${fundId}/antraege/${applicationId}`)).text();
		expect(application).toContain('Eingegangen');
		expect(application).not.toContain('falschen Stadt');
	});

	it('Bottrop’s grant actions are refused for the Köln administrator (403) and send anonymous visitors to sign-in', async () => {
		const { fundId, applicationId, sessionId } = bottrop;
		for (const [url, fields] of [
			[`/bottrop/intern/foerderung/${fundId}?/session`, { date: '2027-04-20', time: '17:00', location: 'Fremder Ort' }],
			[`/bottrop/intern/foerderung/${fundId}/antraege/${applicationId}?/revision`, { message: 'Eine Nachfrage aus der falschen Stadt.' }],
			[`/bottrop/intern/foerderung/${fundId}/sitzungen/${sessionId}?/vote`, { itemId: FAKE_UUID, memberId: FAKE_UUID, choice: 'yes' }],
			[`/bottrop/intern/foerderung/${fundId}/richtlinie?/confirm`, { guidelineId: FAKE_UUID, confirmedOn: '2026-12-01' }]
		] as [string, Record<string, string>][]) {
			expect((await koelnAdmin.post(url, fields)).status, url).toBe(403);
			const res = await anonymous().post(url, fields);
			expect(res.status, url).toBe(303);
			expect(res.headers.get('location')).toContain('/bottrop/intern/anmelden');
		}
	});

	it('a Bottrop application is reached only by its secret link, and only in Bottrop', async () => {
		const { documentId, letterId } = bottrop;
		expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${token}`)).status).toBe(200);
		expect((await anonymous().get(`/koeln/de/foerderung/antrag/${token}`)).status).toBe(404);
		expect((await anonymous().post(`/koeln/de/foerderung/antrag/${token}?/save`, { title: 'Übernommen' })).status).toBe(404);
		expect((await anonymous().post(`/koeln/de/foerderung/antrag/${token}?/withdraw`, {})).status).toBe(404);
		// Another application's file and letter (the demo's) are not found under this link.
		expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${token}/dokumente/${documentId}`)).status).toBe(404);
		expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${token}/schreiben/${letterId}`)).status).toBe(404);
		expect((await anonymous().post(`/bottrop/de/foerderung/antrag/${token}?/deleteDocument`, { documentId })).status).toBe(404);
		expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${bottrop.fundId}/antraege/${bottrop.applicationId}`)).status).toBe(200);
		// Köln runs no fund: its portal has none to apply to.
		expect((await anonymous().get('/koeln/de/foerderung/stadtteilfonds/neu')).status).toBe(404);
		expect((await anonymous().post('/koeln/de/foerderung/stadtteilfonds/neu', { title: 'Fremder Antrag' })).status).toBe(404);
		const koelnPortal = await (await anonymous().get('/koeln/de/foerderung')).text();
		expect(koelnPortal).not.toContain('Verfügungsfonds zur Förderung der Stadtteilarbeit');
		const draft = await (await anonymous().get(`/bottrop/de/foerderung/antrag/${token}`)).text();
		expect(draft).toContain('Mandantentrennung (Test)');
		expect(draft).not.toContain('Übernommen');
	});

	it('guessed links and ids are 404, never 500', async () => {
		for (const guess of ['A'.repeat(43), 'kurz', "1' or '1'='1", `${token.slice(0, -2)}xy`]) {
			const t = encodeURIComponent(guess);
			expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${t}`)).status, guess).toBe(404);
			expect((await anonymous().post(`/bottrop/de/foerderung/antrag/${t}?/submit`, {})).status, guess).toBe(404);
			expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${t}/schreiben/${bottrop.letterId}`)).status, guess).toBe(404);
			expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${t}/dokumente/${bottrop.documentId}`)).status, guess).toBe(404);
		}
		for (const id of [FAKE_UUID, 'not-a-uuid', "1' or '1'='1"]) {
			const x = encodeURIComponent(id);
			expect((await anonymous().get(`/bottrop/de/foerderung/${x}/neu`)).status, id).toBe(404);
			expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${token}/schreiben/${x}`)).status, id).toBe(404);
			expect((await anonymous().get(`/bottrop/de/foerderung/antrag/${token}/dokumente/${x}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${x}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${x}/bericht`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${bottrop.fundId}/antraege/${x}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${bottrop.fundId}/antraege/${bottrop.applicationId}/dokumente/${x}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${bottrop.fundId}/sitzungen/${x}`)).status, id).toBe(404);
			expect((await bottropAdmin.get(`/bottrop/intern/foerderung/schreiben/${x}`)).status, id).toBe(404);
		}
		// An application or a session under the address of a fund it does not belong to is not found either.
		expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${FAKE_UUID}/sitzungen/${bottrop.sessionId}`)).status).toBe(404);
		expect((await bottropAdmin.get(`/bottrop/intern/foerderung/${FAKE_UUID}/antraege/${bottrop.applicationId}`)).status).toBe(404);
	});

	it('who may see the fund: not a provider; the jury its sessions; the council reads', async () => {
		const provider = await new HttpClient(baseURL).signIn('bottrop', 'anbieter@bottrop.example');
		for (const url of [`/bottrop/intern/foerderung`, `/bottrop/intern/foerderung/${bottrop.fundId}`, `/bottrop/intern/foerderung/${bottrop.fundId}/antraege/${bottrop.applicationId}`, `/bottrop/intern/foerderung/${bottrop.fundId}/sitzungen/${bottrop.sessionId}`, `/bottrop/intern/foerderung/schreiben/${bottrop.letterId}?ansicht=druck`])
			expect((await provider.get(url)).status, url).toBe(403);
		const jury = await new HttpClient(baseURL).signIn('bottrop', 'jury@bottrop.example');
		expect((await jury.get(`/bottrop/intern/foerderung/${bottrop.fundId}/sitzungen/${bottrop.sessionId}`)).status).toBe(200);
		expect((await jury.get(`/bottrop/intern/foerderung/${bottrop.fundId}/vorlagen`)).status).toBe(403);
		// An applicant's letter is no session letter: not for the jury.
		expect((await jury.get(`/bottrop/intern/foerderung/schreiben/${bottrop.letterId}?ansicht=druck`)).status).toBe(404);
		const council = await new HttpClient(baseURL).signIn('bottrop', 'ausschuss@bottrop.example');
		expect((await council.get(`/bottrop/intern/foerderung/${bottrop.fundId}`)).status).toBe(200);
		expect((await council.get(`/bottrop/intern/foerderung/${bottrop.fundId}/vorlagen`)).status).toBe(403);
		expect((await council.post(`/bottrop/intern/foerderung/${bottrop.fundId}/antraege/${bottrop.applicationId}?/precheck`, { mark_applicant: 'met' })).status).toBe(403);
	});
});

describe('form actions of another municipality', () => {
	const actions: [string, Record<string, string>][] = [
		['/bottrop/intern/verwaltung/benutzer?/invite', { name: 'Eindringling', email: 'x@koeln.example', roles: 'integration_office' }],
		['/bottrop/intern/verwaltung/kommune', { officeName: 'Übernommen' }],
		['/bottrop/intern/organisationen/neu', { name: 'Fremde Organisation', type: 'club' }],
		['/bottrop/intern/gebiete?/create', { level: 'quarter', code: '99', name: 'Fremdgebiet' }],
		['/bottrop/intern/barrieren', { id: FAKE_UUID, status: 'resolved' }],
		['/bottrop/intern/angebote/neu', { name: 'Fremdes Angebot', description: 'Ein Angebot, das hier nichts zu suchen hat.', languages: 'de' }],
		['/bottrop/intern/orte', { name: 'Fremder Ort', street: 'Domplatz 1', postalCode: '50667', city: 'Köln' }],
		['/bottrop/intern/kategorien?/create', { kind: 'category', name: 'Fremdkategorie', code: 'fremd' }]
	];
	it.each(actions)('%s is refused for the Köln administrator (403) and sends anonymous visitors to sign-in', async (url, fields) => {
		expect((await koelnAdmin.post(url, fields)).status).toBe(403);
		const anonymous = await new HttpClient(baseURL).post(url, fields);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/bottrop/intern/anmelden');
	});

	it('nothing of those attempts reached Bottrop', async () => {
		const orgs = await (await bottropAdmin.get('/bottrop/intern/organisationen')).text();
		expect(orgs).not.toContain('Fremde Organisation');
		const areas = await (await bottropAdmin.get('/bottrop/intern/gebiete')).text();
		expect(areas).not.toContain('Fremdgebiet');
		const users = await (await bottropAdmin.get('/bottrop/intern/verwaltung/benutzer')).text();
		expect(users).not.toContain('Eindringling');
	});
});

describe('a county and its towns', () => {
	it('the Kreis reads what Ratingen publishes, but not Bottrop, and cannot enter Ratingen’s back office', async () => {
		const kreis = await new HttpClient(baseURL).signIn('kreis-mettmann', 'integrationsbuero@kreis-mettmann.example');
		const town = await kreis.get('/kreis-mettmann/intern/gemeinden/ratingen');
		expect(town.status).toBe(200);
		expect(await town.text()).toContain('Stadtteilzentrum Ratingen West');
		expect((await kreis.get('/kreis-mettmann/intern/gemeinden/bottrop')).status).toBe(404);
		expect((await kreis.get('/ratingen/intern/organisationen')).status).toBe(403);
	});

	it('a town does not see the county’s back office or its sister towns', async () => {
		const ratingen = await new HttpClient(baseURL).signIn('ratingen', 'integrationsbuero@ratingen.example');
		expect((await ratingen.get('/kreis-mettmann/intern')).status).toBe(403);
		expect((await ratingen.get('/ratingen/intern/gemeinden/ratingen')).status).toBe(404);
	});

	it('internal organizations never appear in the public API', async () => {
		const orgs = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/organizations`)).json()) as { data: { name: string }[] };
		expect(orgs.data.map((o) => o.name)).not.toContain('Familienbildungsstätte (Demo)');
	});

	it('the API answers bad input with a readable 4xx', async () => {
		const res = await fetch(`${baseURL}/api/v1/municipalities/bottrop/areas?level=planet`);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { message: string } }).error.message).toContain('planet');
		expect((await fetch(`${baseURL}/api/v1/municipalities/nirgendwo/areas`)).status).toBe(404);
	});
});
