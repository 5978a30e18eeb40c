import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, createUser, userWith, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, NotFoundError, ValidationError, ConflictError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, service } from './schema.ts';
import { suggestMapping, webAddress, uploadImport, importPreview, updateImportMapping, commitImport, type ImportField } from './offer-import.ts';
import { exportDirectory } from './directory-export.ts';
import { readSpreadsheet, writeXlsx } from '../../core/spreadsheet.ts';
import { getPublicOffer } from './public.ts';

describe('suggestMapping', () => {
	it.each<[string[], Partial<Record<ImportField, number>>]>([
		[['Titel', 'Träger', 'Beschreibung', 'Kategorie'], { name: 0, organization: 1, description: 2, categories: 3 }],
		[['Name des Angebots', 'Anbieter', 'Inhalt', 'Handlungsfeld', 'E-Mail-Adresse', 'Tel.'], { name: 0, organization: 1, description: 2, categories: 3, email: 4, phone: 5 }],
		[['ANGEBOT', 'Traeger', 'Strasse', 'PLZ', 'Ort', 'Ansprechpartner(in)'], { name: 0, organization: 1, street: 2, postalCode: 3, city: 4, contactName: 5 }]
	])('%j', (headers, expected) => {
		const mapping = suggestMapping(headers);
		for (const [field, index] of Object.entries(expected)) expect(mapping[field as ImportField], field).toBe(index);
		expect(Object.values(mapping).filter((v) => v !== null)).toHaveLength(Object.keys(expected).length);
	});
});

/** A list of counselling offices as an office keeps it: German Excel, Windows-1252, semicolons. */
const HEADER = 'Angebot;Träger;Beschreibung;Kategorie;Zielgruppe;Sprachen;Kostenlos;Alter von;Alter bis;E-Mail;Telefon;Straße;PLZ;Ort;Stadtteil';
const GOOD_ROWS = [
	'Migrationsberatung für Erwachsene;Caritasverband;Beratung zu Aufenthalt, Sprachkurs, Arbeit und Wohnen für Zugewanderte ab 27 Jahren.;Beratung;;Deutsch, Türkisch, Arabisch;ja;27;;mbe@caritas.example;02041 12345;Kirchplatz 3;46236;Bottrop;Altstadt',
	'Jugendmigrationsdienst;Caritasverband;Begleitung junger Menschen von 12 bis 27 Jahren in Schule, Ausbildung und Beruf.;Beratung, Kinder- und Jugendarbeit;Jugendliche;Deutsch / Russisch;ja;12;27;jmd@caritas.example;02041 12346;Kirchplatz 3;46236;Bottrop;Altstadt',
	'Flüchtlingsberatung;Diakonie;Unabhängige Beratung im Asylverfahren und bei Fragen zum Alltag.;Beratung;;Deutsch, Farsi, Englisch;x;;;fluechtlinge@diakonie.example;;Hansastraße 8;46236;Bottrop;'
];
const BROKEN_ROWS = [
	'Sprachcafé;Diakonie;Zu kurz;Sprachförderung;;Deutsch;ja;;;;;;;;', // line 5: description too short
	'Schuldnerberatung;Diakonie;Hilfe bei Schulden, Mahnungen und Ratenverträgen, vertraulich und kostenlos.;Beratun;;Deutsch;ja;;;info@@diakonie.example;;;;;', // line 6: category, e-mail
	'Hausaufgabenhilfe;Kulturverein Anadolu;Hilfe bei den Hausaufgaben für die Klassen 1 bis 6, montags bis donnerstags.;Schulische Förderung;;Klingonisch;ja;10;6;;;;;;', // line 7: unknown org, language, ages
	';Diakonie;Ein Angebot ohne Titel mit einer ausreichend langen Beschreibung.;Beratung;;;;;;;;;;;', // line 8: no name
	'Flüchtlingsberatung;Diakonie;Unabhängige Beratung im Asylverfahren und bei Fragen zum Alltag.;Beratung;;;;;;;;;;;' // line 9: duplicate of line 4
];
function windows1252(s: string): Uint8Array {
	const map: Record<string, number> = { ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, Ö: 0xd6, Ü: 0xdc, ß: 0xdf, é: 0xe9, '„': 0x84, '“': 0x93 };
	return Uint8Array.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
}

let world: TestWorld;
let editor: ServiceContext;

beforeAll(async () => {
	world = await createTestWorld();
	editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
	for (const name of ['Caritasverband', 'Diakonie']) await world.db.insert(organization).values({ municipalityId: world.a.id, name, type: 'welfare_association' });
	await world.db.insert(area).values({ municipalityId: world.a.id, level: 'district', code: '11', name: 'Altstadt' });
});
afterAll(() => world?.close());

describe('webAddress', () => {
	it.each([
		['www.caritas-bottrop.de', 'https://www.caritas-bottrop.de'],
		['caritas-bottrop.de/beratung?x=1', 'https://caritas-bottrop.de/beratung?x=1'],
		['müttercafé-bottrop.de', 'https://müttercafé-bottrop.de'],
		['https://vhs.bottrop.de', 'https://vhs.bottrop.de'],
		['http://localhost', 'http://localhost'],
		['javascript:alert(1)', 'javascript:alert(1)'],
		['siehe Aushang', 'siehe Aushang'],
		['Tel. 02041.70', 'Tel. 02041.70'],
		['', '']
	])('%s → %s', (cell, expected) => {
		expect(webAddress(cell)).toBe(expected);
	});
});

describe('importing a list of counselling offices', () => {
	it('names every broken row with line and column, and imports nothing while one is broken', async () => {
		const id = await uploadImport(editor, { name: 'beratungsstellen.csv', bytes: windows1252([HEADER, ...GOOD_ROWS, ...BROKEN_ROWS].join('\r\n') + '\r\n') });
		const { row, plan } = await importPreview(editor, id);
		expect(row.sheet).toMatchObject({ format: 'csv', encoding: 'Windows-1252', delimiter: ';' });
		const errors = plan!.errors.map((e) => `${e.line} | ${e.column} | ${e.message}`);
		expect(errors).toEqual([
			'5 | Beschreibung (Spalte 3) | Bitte beschreiben Sie das Angebot in wenigen Sätzen (mindestens 20 Zeichen). („Zu kurz“)',
			'6 | Kategorie (Spalte 4) | Unbekannte Kategorie „Beratun“ – meinten Sie „Beratung“?',
			'6 | E-Mail (Spalte 10) | Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. beratung@verein.de. („info@@diakonie.example“)',
			'7 | Träger (Spalte 2) | Den Träger „Kulturverein Anadolu“ gibt es noch nicht. Legen Sie ihn an oder lassen Sie neue Träger beim Import anlegen.',
			'7 | Sprachen (Spalte 6) | Unbekannte Sprache „Klingonisch“.',
			'7 | Alter bis (Spalte 9) | Das Höchstalter liegt unter dem Mindestalter. („6“)',
			'8 | Angebot (Spalte 1) | Bitte geben Sie einen Titel an (mindestens 3 Zeichen).',
			'9 | Angebot (Spalte 1) | Dieses Angebot steht schon in Zeile 4.'
		]);
		expect(plan!.offers).toHaveLength(3);

		const refused = await caught(() => commitImport(editor, id));
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).message).toMatch(/8 Fehler\. Es wurde nichts importiert/);
		expect(await world.db.select().from(service).where(eq(service.municipalityId, world.a.id))).toHaveLength(0);
	});

	it('a corrected file imports all rows in one go, with venues, and publishes when asked', async () => {
		const id = await uploadImport(editor, { name: 'beratungsstellen.csv', bytes: new TextEncoder().encode([HEADER, ...GOOD_ROWS].join('\n')) });
		await updateImportMapping(editor, id, { ...Object.fromEntries(Object.entries((await importPreview(editor, id)).row.mapping).map(([k, v]) => [`map.${k}`, v === null ? '' : String(v)])), publish: 'on' });
		const result = await commitImport(editor, id);
		expect(result).toEqual({ offers: 3, organizations: 0, locations: 2 });
		const offers = await world.db.select().from(service).where(eq(service.municipalityId, world.a.id));
		expect(offers.map((o) => o.reviewState)).toEqual(['published', 'published', 'published']);
		const jmd = offers.find((o) => o.draft.name === 'Jugendmigrationsdienst')!;
		expect(jmd.draft).toMatchObject({ minimumAge: 12, maximumAge: 27, languages: ['de', 'ru'], free: true, email: 'jmd@caritas.example' });
		expect(jmd.draft.termIds).toHaveLength(3);
		expect(jmd.draft.areaIds).toHaveLength(1);
		// both Caritas offers share one new venue
		const mbe = offers.find((o) => o.draft.name === 'Migrationsberatung für Erwachsene')!;
		expect(mbe.draft.locationIds).toEqual(jmd.draft.locationIds);
		expect((await world.db.select().from(location).where(eq(location.municipalityId, world.a.id))).map((l) => l.street).sort()).toEqual(['Hansastraße 8', 'Kirchplatz 3']);
		expect((await getPublicOffer(world.db, world.a, jmd.id, 'de')).name.text).toBe('Jugendmigrationsdienst');

		expect(await caught(() => commitImport(editor, id))).toBeInstanceOf(ConflictError);
		// the same list again: every offer exists already
		const again = await uploadImport(editor, { name: 'nochmal.csv', bytes: new TextEncoder().encode([HEADER, ...GOOD_ROWS].join('\n')) });
		expect((await importPreview(editor, again)).plan!.errors.map((e) => e.message)).toEqual(Array(3).fill(expect.stringMatching(/gibt es bereits im Wegweiser/)));
	});

	it('new organizations are created only when the editor asks for it', async () => {
		const csv = [HEADER, 'Hausaufgabenhilfe;Kulturverein Anadolu;Hilfe bei den Hausaufgaben für die Klassen 1 bis 6, montags bis donnerstags.;Schulische Förderung;;Deutsch, Türkisch;ja;6;12;;;;;;'].join('\n');
		const id = await uploadImport(editor, { name: 'verein.csv', bytes: new TextEncoder().encode(csv) });
		expect((await importPreview(editor, id)).plan!.errors).toHaveLength(1);
		const mapping = Object.fromEntries(Object.entries((await importPreview(editor, id)).row.mapping).map(([k, v]) => [`map.${k}`, v === null ? '' : String(v)]));
		await updateImportMapping(editor, id, { ...mapping, createOrganizations: 'on' });
		const { plan } = await importPreview(editor, id);
		expect(plan!.errors).toEqual([]);
		expect(plan!.newOrganizations).toEqual(['Kulturverein Anadolu']);
		expect(await commitImport(editor, id)).toEqual({ offers: 1, organizations: 1, locations: 0 });
		const [created] = await world.db.select().from(service).where(eq(service.reviewState, 'draft'));
		expect(created!.draft.name).toBe('Hausaufgabenhilfe');
	});

	it('the export reads back with the same columns the import recognises', async () => {
		const table = await exportDirectory(editor);
		const sheet = readSpreadsheet(writeXlsx('Angebote', table.headers, table.rows), 'export.xlsx');
		expect(sheet.rows).toHaveLength(4);
		const mapping = suggestMapping(sheet.headers);
		for (const field of ['name', 'organization', 'description', 'categories', 'targetGroups', 'languages', 'free', 'email', 'street', 'postalCode', 'city', 'areas'] as const) expect(mapping[field], field).not.toBeNull();
		const jmd = sheet.rows.find((r) => r.cells[0] === 'Jugendmigrationsdienst')!;
		expect(jmd.cells[sheet.headers.indexOf('Sprachen')]).toBe('Deutsch; Russisch');
		expect(jmd.cells[sheet.headers.indexOf('Kategorien')]).toBe('Beratung; Kinder- und Jugendarbeit');
	});

	it('bad files, other roles and other municipalities are refused', async () => {
		expect(((await caught(() => uploadImport(editor, null))) as ValidationError).fieldErrors.file).toMatch(/Datei/);
		const broken = await caught(() => uploadImport(editor, { name: 'kaputt.csv', bytes: new TextEncoder().encode('Titel;Träger\n"Sprachcafé;AWO\n') }));
		expect((broken as ValidationError).fieldErrors.file).toMatch(/^Zeile 2: Ein Anführungszeichen/);
		const provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [] }]), world.a);
		expect(await caught(() => uploadImport(provider, { name: 'x.csv', bytes: new TextEncoder().encode('a;b\n1;2\n') }))).toBeInstanceOf(ForbiddenError);
		const id = await uploadImport(editor, { name: 'x.csv', bytes: new TextEncoder().encode('a;b\n1;2\n') });
		const foreign = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect(await caught(() => importPreview(foreign, id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => commitImport(foreign, id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => importPreview(editor, 'not-a-uuid'))).toBeInstanceOf(NotFoundError);
		expect((await importPreview(editor, id)).plan!.errors[0]!.message).toMatch(/Bitte ordnen Sie der Angabe „Titel des Angebots“ eine Spalte zu/);
	});
});
