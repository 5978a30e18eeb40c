import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

/**
 * An editor imports a list of counselling offices without JavaScript: the broken rows are named with line
 * and column and nothing is imported; the corrected list goes in as a whole; the export downloads.
 */
const baseURL = inject('baseURL');
let browser: Browser;
let editor: Page;
beforeAll(async () => {
	browser = await launchBrowser();
	const context = await newContext(browser, { javaScript: false });
	editor = await context.newPage();
	await signIn(editor, baseURL, 'bottrop', 'redaktion@bottrop.example');
});
afterAll(async () => browser?.close());

const HEADER = 'Titel;Träger;Beschreibung;Kategorie;Sprachen;Kostenlos;E-Mail;Straße;PLZ;Ort';
const GOOD = [
	'Beratung für Neuzugewanderte in Boy;Wohlfahrtsverband Bottrop (Demo);Offene Sprechstunde für alle, die neu in Bottrop sind: Anmeldung, Schule, Arbeit.;Beratung;Deutsch, Arabisch;ja;boy@wohlfahrt.example;Johannesstraße 12;46240;Bottrop',
	'Frauenfrühstück international;Wohlfahrtsverband Bottrop (Demo);Einmal im Monat frühstücken Frauen aus vielen Ländern zusammen und lernen sich kennen.;Frauenarbeit;Deutsch, Türkisch;ja;;Johannesstraße 12;46240;Bottrop'
];
const BROKEN = 'Schuldnersprechstunde;Wohlfahrtsverband Bottrop (Demo);Hilfe bei Schulden und Mahnungen, vertraulich.;Beratun;Deutsch;ja;info@@x.example;;;';

async function upload(name: string, lines: string[]) {
	await editor.goto(`${baseURL}/bottrop/intern/angebote/import`);
	await editor.setInputFiles('#field-file', { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });
	await editor.click('main button[type=submit]');
}

describe('spreadsheet import and export', () => {
	it('the upload page is accessible and an empty upload gets a message', async () => {
		await editor.goto(`${baseURL}/bottrop/intern/angebote/import`);
		await expectPageStructure(editor);
		await expectAccessible(editor);
		await editor.click('main button[type=submit]');
		expect(await editor.textContent('#field-file-error')).toContain('Bitte wählen Sie eine Datei');
	});

	it('broken rows are named with line and column; nothing is imported', async () => {
		await upload('beratung.csv', [HEADER, ...GOOD, BROKEN]);
		expect(editor.url()).toMatch(/\/angebote\/import\/[0-9a-f-]{36}$/);
		await expectPageStructure(editor);
		await expectAccessible(editor);
		const errors = await editor.locator('table:has(caption:text-is("Fehler")) tbody tr').allTextContents();
		expect(errors, errors.join("\n")).toHaveLength(2);
		expect(errors[0]).toMatch(/^4Kategorie \(Spalte 4\)Unbekannte Kategorie „Beratun“ – meinten Sie „Beratung“\?/);
		expect(errors[1]).toMatch(/^4E-Mail \(Spalte 7\)/);
		expect(await editor.locator('button:has-text("importieren")').count()).toBe(0);
		expect(await editor.textContent('main')).toContain('2 von 3 Zeilen sind in Ordnung');
	});

	it('the corrected list is imported as a whole and published', async () => {
		await upload('beratung-korrigiert.csv', [HEADER, ...GOOD]);
		await editor.check('input[name=publish]');
		await editor.click('button:has-text("Zuordnung übernehmen")');
		expect(await editor.locator('[role=status]').allTextContents()).toContainEqual(expect.stringContaining('Alle 2 Zeilen sind in Ordnung'));
		await editor.click('button:has-text("2 Angebote importieren und veröffentlichen")');
		expect(await editor.textContent('[role=status]')).toMatch(/2 Angebote wurden importiert und\s+1 Orte neu angelegt/);
		await expectAccessible(editor);
		await editor.goto(`${baseURL}/bottrop/de/angebote?q=Frauenfr%C3%BChst%C3%BCck`);
		expect(await editor.textContent('main .offer-results')).toContain('Frauenfrühstück international');
	});

	it('the export downloads as Excel and CSV', async () => {
		const xlsx = await editor.request.get(`${baseURL}/bottrop/intern/angebote/export?format=xlsx`);
		expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
		expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
		const csv = await editor.request.get(`${baseURL}/bottrop/intern/angebote/export?format=csv`);
		const text = (await csv.body()).toString('utf8');
		expect(text.startsWith('\uFEFFTitel;Träger;')).toBe(true);
		expect(text).toContain('Frauenfrühstück international');
	});

	it('translations: XLIFF for an agency goes out and comes back; a wrong file is refused with a reason', async () => {
		await editor.goto(`${baseURL}/bottrop/intern/uebersetzungen`);
		const href = await editor.locator('#sprache-fa ~ p a, section:has(#sprache-fa) a[href$="/xliff/fa"]').first().getAttribute('href');
		const xliff = await (await editor.request.get(baseURL + href!)).text();
		expect(xliff).toContain('<xliff version="1.2"');
		expect(xliff).toContain('target-language="fa"');
		// the agency fills in the first offer only
		const firstFile = xliff.slice(xliff.indexOf('<file '), xliff.indexOf('</file>') + 7);
		const translated = `<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">${firstFile.replace(
			/<source xml:space="preserve">([\s\S]*?)<\/source>/g,
			(_m, s: string) => `<source xml:space="preserve">${s}</source><target>ترجمه: ${s}</target>`
		)}</xliff>`;
		const section = editor.locator('section:has(#sprache-fa)');
		// into the wrong language: refused with the reason
		const ru = editor.locator('section:has(#sprache-ru)');
		await ru.locator('input[type=file]').setInputFiles({ name: 'fa.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(translated) });
		await ru.locator('input[name=translator]').fill('Sprachbüro Ruhr');
		await ru.locator('button[type=submit]').click();
		expect(await editor.locator('section:has(#sprache-ru) [role=alert]').textContent()).toMatch(/ins Persische, erwartet wurde Russisch/);
		expect(await editor.inputValue('section:has(#sprache-ru) input[name=translator]')).toBe('Sprachbüro Ruhr');
		await expectAccessible(editor);

		await section.locator('input[type=file]').setInputFiles({ name: 'fa.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(translated) });
		await section.locator('input[name=translator]').fill('Sprachbüro Ruhr');
		await section.locator('button[type=submit]').click();
		expect(await editor.locator('.alert-success[role=status]').textContent()).toContain('1 Übersetzung wurde übernommen');
	});
});

