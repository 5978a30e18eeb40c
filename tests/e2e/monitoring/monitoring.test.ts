import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';
import { generateRegister } from '../../../src/lib/server/modules/monitoring/migrapro.ts';
import { registerCsvChunks } from '../../../src/lib/server/modules/monitoring/register-csv.ts';

/**
 * The statistics office of Köln, without JavaScript: a table with broken rows is refused with line and
 * column; the city's real population file (29,135 rows) is delivered again and replaces the values; a key
 * figure is defined and shown as a map and a table. Then a visitor reads the published figure in
 * German and in Arabic. Every page is checked with axe.
 */
const baseURL = inject('baseURL');
const koelnCsv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/data/koeln/stats/bevoelkerung_2005-2012.csv'));
let browser: Browser;
let office: Page;
let internalKeyFigure = '';

beforeAll(async () => {
	browser = await launchBrowser();
	const context = await newContext(browser, { javaScript: false });
	office = await context.newPage();
	await signIn(office, baseURL, 'koeln', 'statistik@koeln.example');
});
afterAll(async () => browser?.close());

async function upload(name: string, content: Buffer, source = '') {
	await office.goto(`${baseURL}/koeln/intern/monitoring/import`);
	await office.setInputFiles('#field-file', { name, mimeType: 'text/csv', buffer: content });
	if (source) await office.fill('#field-source', source);
	await office.click('main form button[type=submit]');
}

describe('the statistics office', () => {
	it('sees the catalogue the demo imported, on an accessible page', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring`);
		await expectPageStructure(office);
		await expectAccessible(office);
		const figures = await office.locator('table:has(caption:text-matches("Katalog")) tbody th').allTextContents();
		expect(figures).toContain('Einwohner mit Migrationshintergrund');
		// Köln's seven tables and the default catalogue (definitions waiting for values, e.g. from the Kita statistics).
		expect(figures).toContain('Kinder in Kindertageseinrichtungen');
		expect(figures.length).toBeGreaterThanOrEqual(7 + 15);
	});

	it('a Windows-1252 table with broken rows is named line by line; nothing is imported', async () => {
		const lines = ['Tabelle 1: Einwohner 2013', '', 'Stadtteil;Jahr;Anzahl', '101;2013;27.900', '102;2013;k. A.', '999;2013;120', '103;1850;5', 'Quelle: Statistikstelle'];
		await upload('einwohner-2013.csv', Buffer.from(lines.join('\r\n'), 'latin1'));
		expect(office.url()).toMatch(/\/monitoring\/import\/[0-9a-f-]{36}$/);
		await office.fill('#field-fixedFigure', 'Einwohner 2013 (Test)');
		await office.check('input[name=decimal][value=comma]');
		await office.click('button:has-text("Zuordnung übernehmen")');
		await expectPageStructure(office);
		await expectAccessible(office);
		const problems = await office.locator('table:has(caption:text-matches("^Fehler")) tbody tr').allTextContents();
		expect(problems, problems.join('\n')).toHaveLength(3);
		expect(problems[0]).toMatch(/^5C \(Anzahl\).*k\. A\./);
		expect(problems[1]).toMatch(/^6A \(Stadtteil\)/);
		expect(problems[2]).toMatch(/^7B \(Jahr\)/);
		// The title above and the source below are shown as notes, not read as rows.
		expect(await office.locator('main ul li').allTextContents()).toEqual(expect.arrayContaining(['Tabelle 1: Einwohner 2013', 'Quelle: Statistikstelle']));
		expect(await office.locator('button:has-text("Werte importieren")').count()).toBe(0);
	});

	it('the real Köln file is recognised, its sums check out, and a new delivery replaces the values', async () => {
		await upload('bevoelkerung_2005-2012.csv', koelnCsv, 'Stadt Köln, Offene Daten');
		const status = await office.locator('[role=status]').allTextContents();
		expect(status).toContainEqual(expect.stringContaining('Alle 29.135 Werte sind lesbar und eindeutig'));
		expect(status).toContainEqual(expect.stringMatching(/Alle [\d.]+ Summen stimmen/));
		expect(await office.locator('table:has(caption:text-is("Grundzahlen in der Datei")) tbody tr').count()).toBe(7);
		expect(await office.textContent('main')).toContain('ersetzt 9.216 Werte');
		await expectAccessible(office);
		await office.click('button:has-text("29.135 Werte importieren")');
		expect(await office.textContent('[role=status]')).toMatch(/29\.135 Werte zu 7 Grundzahlen wurden importiert; 29\.135 bisherige Werte wurden ersetzt/);
	});

	it('a base figure is shown by area with the small numbers protected', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring`);
		await office.click('a:text-is("Einwohner mit Migrationshintergrund")');
		await office.selectOption('#stichtag', '2012-12-31');
		await office.selectOption('#ebene', 'quarter');
		await office.click('button:has-text("Anzeigen")');
		await expectPageStructure(office);
		await expectAccessible(office);
		const header = await office.locator('table thead th').allTextContents();
		expect(header).toContain('Türkei');
		expect(await office.locator('table tbody tr').count()).toBe(87);
	});

	it('defines a key figure; it is computed for every Stadtteil and drawn as a map', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring/kennzahlen/neu`);
		await expectAccessible(office);
		await office.fill('#share-name', 'Anteil der Einwohner mit türkischer Herkunft');
		const numerator = await office.locator('#field-numerator option', { hasText: 'Einwohner mit Migrationshintergrund: Türkei' }).getAttribute('value');
		const denominator = await office.locator('#field-denominator option', { hasText: 'Einwohner in Köln: Einwohner' }).getAttribute('value');
		await office.selectOption('#field-numerator', numerator!);
		await office.selectOption('#field-denominator', denominator!);
		await office.click('button:has-text("Anteil anlegen")');
		expect(office.url()).toMatch(/\/monitoring\/kennzahlen\/[0-9a-f-]{36}$/);
		internalKeyFigure = office.url().split('/').at(-1)!;
		await office.selectOption('#vergleich', '2005-12-31');
		await office.selectOption('#ebene', 'quarter');
		await office.click('button:has-text("Anzeigen")');
		await expectPageStructure(office);
		await expectAccessible(office);
		expect(await office.locator('figure.atlas svg path.atlas-area').count()).toBe(86);
		expect(await office.locator('table tbody tr').count()).toBe(87);
		expect(await office.textContent('main')).toContain('Diese Kennzahl ist nur intern sichtbar.');
	});
});

describe('qualitative indicators and targets', () => {
	it('an indicator gets a dated statement with evidence; an error keeps what was typed', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring/indikatoren`);
		await expectPageStructure(office);
		await expectAccessible(office);
		await office.fill('#i-name', 'Beratung erreicht Neuzugewanderte');
		await office.click('button:has-text("Indikator anlegen")');
		expect(await office.textContent('[role=status]')).toContain('Der Indikator wurde angelegt.');
		const form = office.locator('section:has(h2:text-is("Beratung erreicht Neuzugewanderte"))');
		await form.locator('summary').click();
		// (A date in the future is stopped by the date field itself; the service refuses it too.)
		await form.locator('input[name=statedOn]').fill('2025-12-31');
		await form.locator('textarea[name=statement]').fill('Mehr');
		await form.locator('input[name=evidence]').fill('Jahresbericht der Beratungsstelle');
		await form.locator('button:has-text("Aussage speichern")').click();
		const again = office.locator('section:has(h2:text-is("Beratung erreicht Neuzugewanderte"))');
		expect(await again.locator('.error').textContent()).toContain('mindestens einem Satz');
		expect(await again.locator('input[name=evidence]').inputValue()).toBe('Jahresbericht der Beratungsstelle');
		await again.locator('textarea[name=statement]').fill('Die Migrationsberatung hat im Jahr mehr als 800 Menschen beraten.');
		await expectAccessible(office);
		await again.locator('button:has-text("Aussage speichern")').click();
		expect(await office.locator('section:has(h2:text-is("Beratung erreicht Neuzugewanderte")) li').textContent()).toMatch(/Stand 31\. Dezember 2025: Die Migrationsberatung .* Beleg: Jahresbericht der Beratungsstelle/);
	});
});

describe('the microdata run', () => {
	it('the statistics office runs a register extract; only counts are stored', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring`);
		await office.click('a:text-is("Melderegister auswerten")');
		await expectPageStructure(office);
		await expectAccessible(office);
		const csv = [...registerCsvChunks(generateRegister(800, ['101', '102', '103', '104', '105'], 11, { referenceYear: 2024 }))].join('');
		await office.fill('#field-referenceYear', '2024');
		await office.setInputFiles('#field-file', { name: 'auszug-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
		await office.click('main form button[type=submit]');
		await expectAccessible(office);
		expect(await office.textContent('[role=status]')).toMatch(/Ausgewertet: 800 Einwohnerinnen und Einwohner in \d+ Haushalten, davon \d+ mit\s+Migrationshintergrund\. Gespeichert wurden [\d.]+ Zählungen zum 31\.12\.2024/);
		await office.goto(`${baseURL}/koeln/intern/monitoring`);
		expect(await office.locator('table:has(caption:text-matches("Katalog")) tbody th').allTextContents()).toContain('Einwohner (Melderegister)');
	});

	it('a year in the future and a file out of household order are refused, and the year typed stays', async () => {
		await office.goto(`${baseURL}/koeln/intern/monitoring/mikrodaten`);
		await office.fill('#field-referenceYear', '2099');
		await office.setInputFiles('#field-file', { name: 'auszug.csv', mimeType: 'text/csv', buffer: Buffer.from('x', 'utf8') });
		await office.click('main form button[type=submit]');
		expect(await office.textContent('#field-referenceYear-error')).toContain('zwischen 1950 und');
		expect(await office.inputValue('#field-referenceYear')).toBe('2099');
		const lines = [...registerCsvChunks(generateRegister(100, ['101'], 3, { referenceYear: 2024 }))].join('').trimEnd().split('\n');
		await office.fill('#field-referenceYear', '2024');
		await office.setInputFiles('#field-file', { name: 'auszug.csv', mimeType: 'text/csv', buffer: Buffer.from([lines[0], ...lines.slice(1).reverse()].join('\n'), 'utf8') });
		await office.click('main form button[type=submit]');
		expect(await office.textContent('#field-file-error')).toMatch(/Haushalt/);
		await expectAccessible(office);
	});
});

describe('a visitor', () => {
	it('reads the published share in German and in Arabic, as statements, map and table', async () => {
		const context = await newContext(browser, { javaScript: false });
		const visitor = await context.newPage();
		await visitor.goto(`${baseURL}/koeln/de`);
		await visitor.click('nav a:text-is("Zahlen")');
		await expectPageStructure(visitor);
		await expectAccessible(visitor);
		expect(await visitor.locator('main li a').allTextContents()).toEqual(['Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund']);
		await visitor.click('main li a');
		await visitor.selectOption('#vergleich', '2005-12-31');
		await visitor.click('button:has-text("Anzeigen")');
		await expectPageStructure(visitor);
		await expectAccessible(visitor);
		expect(await visitor.textContent('main ul')).toMatch(/Von 2005 bis 2012 stieg der Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund in Köln um 3,9\sProzentpunkte von 30,6\s% auf 34,5\s%\./);
		expect(await visitor.locator('figure.atlas svg path.atlas-area').count()).toBe(9);
		const arabic = visitor.url().replace('/koeln/de/', '/koeln/ar/');
		await visitor.goto(arabic);
		expect(await visitor.getAttribute('html', 'dir')).toBe('rtl');
		await expectPageStructure(visitor);
		await expectAccessible(visitor);
		expect(await visitor.textContent('main')).toContain('هذه الجمل مولدة آلياً');
		// The same numbers as open data: JSON for programs, CSV for spreadsheets.
		const id = visitor.url().split('?')[0]!.split('/').at(-1)!;
		const json = (await (await fetch(`${baseURL}/api/v1/municipalities/koeln/figures/${id}`)).json()) as { data: { referenceDates: string[]; areas: { level: string; values: { value: number | null; symbol: string | null }[] }[] } };
		expect(json.data.referenceDates).toHaveLength(8);
		expect(json.data.areas[0]).toMatchObject({ level: 'municipality' });
		expect(json.data.areas[0]!.values.at(-1)).toEqual({ referenceDate: '2012-12-31', value: 34.5, status: 'ok', symbol: null });
		expect(json.data.areas.filter((a) => a.level === 'quarter')).toHaveLength(86);
		const csv = await (await fetch(`${baseURL}/api/v1/municipalities/koeln/figures/${id}?format=csv`)).text();
		expect(csv.split('\r\n')[0]).toContain('Anteil in % am 2005-12-31');
		expect(csv).toContain('Köln');
		// The internal key figure is not public, not even by its address.
		expect(internalKeyFigure).toBeTruthy();
		expect((await fetch(`${baseURL}/koeln/de/zahlen/${internalKeyFigure}`)).status).toBe(404);
		await context.close();
	});

	it('reads the Bottrop table of the Integrationsbericht by age group, with the report\'s own sentences', async () => {
		const context = await newContext(browser, { javaScript: false });
		const visitor = await context.newPage();
		await visitor.goto(`${baseURL}/bottrop/de/zahlen`);
		await visitor.click('main li a');
		await visitor.selectOption('#gebiet', { label: '11 Altstadt' });
		await visitor.click('button:has-text("Anzeigen")');
		await expectPageStructure(visitor);
		await expectAccessible(visitor);
		expect(await visitor.textContent('main ul')).toContain('Von 2008 bis 2018 stieg der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 11-Altstadt um 23,6\u00a0Prozentpunkte von 52,7\u00a0% auf 76,3\u00a0%.');
		const byAge = await visitor.locator('table:has(caption:text-matches("11 Altstadt")) tbody tr').allTextContents();
		expect(byAge).toHaveLength(10);
		expect(byAge[1]).toMatch(/^0-352,7\s%76,3\s%\+23,6/);
		expect(await visitor.locator('figure.chart svg').count()).toBe(2);
		await visitor.goto(visitor.url().replace('/bottrop/de/', '/bottrop/fa/'));
		await expectPageStructure(visitor);
		await expectAccessible(visitor);
		await context.close();
	});
});

