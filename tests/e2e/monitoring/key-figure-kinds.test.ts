import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

/**
 * The statistics office of Köln defines key figures of the other kinds: a rate per 1,000 without
 * JavaScript (choosing the kind by link, an error that keeps what was typed), and a count of age groups
 * with at least 50,000 residents with JavaScript. Both pages show the values of the real Köln file in
 * their unit. Every page is checked with axe.
 */
const baseURL = inject('baseURL');
const koelnCsv = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../shared/data/koeln/stats/bevoelkerung_2005-2012.csv'), 'utf8');
let browser: Browser;
let contexts: BrowserContext[] = [];

/** The file's own numbers, read with a plain split: an oracle independent of the importer. */
function fileValues(tab: string, year: string, raum: string): Map<string, number> {
	const out = new Map<string, number>();
	for (const line of koelnCsv.split('\n')) {
		const c = line.split(',');
		if (c[1] === tab && c[3] === year && c[4] === raum) out.set(c[7]!, Number(c.at(-1)));
	}
	return out;
}
const german = (n: number, digits: number) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

async function office(javaScript: boolean): Promise<Page> {
	const context = await newContext(browser, { javaScript });
	contexts.push(context);
	const page = await context.newPage();
	await signIn(page, baseURL, 'koeln', 'statistik@koeln.example');
	return page;
}

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	for (const c of contexts) await c.close();
	contexts = [];
	await browser?.close();
});

describe('key figures of other kinds', () => {
	it('a rate per 1,000, without JavaScript: the kind is chosen by link, an error keeps what was typed', async () => {
		const page = await office(false);
		await page.goto(`${baseURL}/koeln/intern/monitoring/kennzahlen/neu`);
		await expectPageStructure(page);
		await expectAccessible(page);
		await page.click('a:text-is("Rate je 1.000")');
		expect(page.url()).toMatch(/\/kennzahlen\/neu\?art=rate$/);
		expect(await page.locator('main h2').nth(1).textContent()).toBe('Rate je 1.000');
		await expectAccessible(page);

		const name = 'Einwohner mit türkischer Herkunft je 1.000 Einwohner';
		const option = async (select: string, text: string) => (await page.locator(`${select} option`, { hasText: text }).first().getAttribute('value'))!;
		await page.fill('#rate-name', name);
		const turkey = await option('#rate-numerator', 'Einwohner mit Migrationshintergrund: Türkei');
		await page.selectOption('#rate-numerator', turkey);
		// The same number as denominator: refused on the field, with everything typed kept.
		await page.selectOption('#rate-denominator', turkey);
		await page.selectOption('#rate-per', '1000');
		await page.click('button:has-text("Rate anlegen")');
		expect(await page.textContent('#rate-denominator-error')).toContain('Zähler und Nenner sind dieselbe Zahl');
		expect(await page.getAttribute('#rate-denominator', 'aria-describedby')).toBe('rate-denominator-hint rate-denominator-error');
		expect(await page.getAttribute('#rate-denominator', 'aria-invalid')).toBe('true');
		expect(await page.inputValue('#rate-name')).toBe(name);
		expect(await page.inputValue('#rate-numerator')).toBe(turkey);
		await expectAccessible(page);

		await page.selectOption('#rate-denominator', await option('#rate-denominator', 'Einwohner in Köln: Einwohner'));
		await page.click('button:has-text("Rate anlegen")');
		expect(page.url()).toMatch(/\/monitoring\/kennzahlen\/[0-9a-f-]{36}$/);
		await expectPageStructure(page);
		await expectAccessible(page);
		const residents = fileValues('005', '2012', '000').get('Einwohner')!;
		const turks = fileValues('030', '2012', '000').get('Türkei')!;
		const caption = await page.locator('main table caption').last().textContent();
		expect(caption).toContain('je 1.000 Einwohner');
		const city = await page.locator('table tbody tr.total').last().textContent();
		expect(city).toContain(german((turks / residents) * 1000, 1));
		expect(city).not.toContain('%');
		// Compared with 2005 in the unit itself, not in percentage points.
		await page.selectOption('#vergleich', '2005-12-31');
		await page.click('button:has-text("Anzeigen")');
		expect(await page.locator('table thead th').allTextContents()).toContain('Veränderung (je 1.000 Einwohner)');
		await expectAccessible(page);
	});

	it('the age groups with at least 50,000 residents, with JavaScript', async () => {
		const page = await office(true);
		await page.goto(`${baseURL}/koeln/intern/monitoring/kennzahlen/neu?art=anzahl`);
		await expectAccessible(page);
		await page.fill('#count-name', 'Altersgruppen mit mindestens 50.000 Einwohnern');
		await page.selectOption('#count-figure', { label: `Einwohner nach Alter (${fileValues('020', '2012', '000').size} Merkmale)` });
		await page.fill('#count-threshold', '50.000');
		await page.click('button:has-text("Zählung anlegen")');
		await page.waitForURL(/\/monitoring\/kennzahlen\/[0-9a-f-]{36}$/);
		await expectPageStructure(page);
		await expectAccessible(page);
		const expected = [...fileValues('020', '2012', '000').values()].filter((n) => n >= 50_000).length;
		expect(expected).toBeGreaterThan(0);
		const city = await page.locator('table tbody tr.total').last().locator('td').first().textContent();
		expect(city).toBe(String(expected));
		expect(await page.locator('main table caption').last().textContent()).toContain('(Anzahl)');
		// The export names the unit in its headings.
		const csv = await (await page.request.get(`${page.url()}/export?format=csv`)).text();
		expect(csv.split('\r\n')[0]).toContain('Anzahl am 2012-12-31');
	});
});
