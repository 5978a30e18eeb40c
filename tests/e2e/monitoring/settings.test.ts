import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

/**
 * The municipality's own monitoring rules, without JavaScript: the statistics office of Köln tries a
 * threshold that would publish single persons and a gap in the age bands, is told why with what it typed
 * kept, then sets a stricter threshold. Bottrop's integration office, which may set the marks but not the
 * disclosure rules, adds a mark and sees it on its key figure. Both put the defaults back.
 */
const baseURL = inject('baseURL');
let browser: Browser;
let stats: Page;
let office: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	stats = await (await newContext(browser, { javaScript: false })).newPage();
	await signIn(stats, baseURL, 'koeln', 'statistik@koeln.example');
	office = await (await newContext(browser, { javaScript: false })).newPage();
	await signIn(office, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
});
afterAll(async () => browser?.close());

const save = (page: Page) => Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);

describe('the statistics office', () => {
	it('sees the defaults on an accessible page linked from the monitoring', async () => {
		await stats.goto(`${baseURL}/koeln/intern/monitoring`);
		expect(await stats.locator('main').textContent()).toContain('Fallzahlen unter 3 werden gesperrt');
		await stats.click('a:text-is("Einstellungen")');
		await stats.waitForURL(/\/monitoring\/einstellungen$/);
		await expectPageStructure(stats);
		await expectAccessible(stats);
		expect(await stats.inputValue('#threshold')).toBe('3');
		expect(await stats.inputValue('#minDenominator')).toBe('30');
		expect(await stats.inputValue('#ageBands')).toBe('0-3, 4-5, 6-9, 10-15, 16-18, 19-29, 30-49, 50-64, 65+');
		expect(await stats.inputValue('#rule-0-kind')).toBe('value_gt');
		expect(await stats.inputValue('#rule-1-amount')).toBe('10');
	});

	it('is told what is wrong, field by field, and keeps what was typed', async () => {
		await stats.fill('#threshold', '2');
		await stats.fill('#ageBands', '0-17, 19+');
		await save(stats);
		expect(await stats.locator('[role=alert]').textContent()).toContain('nicht gespeichert');
		expect(await stats.locator('#threshold-error').textContent()).toContain('einzelne Personen');
		expect(await stats.locator('#ageBands-error').textContent()).toContain('Lücke');
		expect(await stats.getAttribute('#threshold', 'aria-invalid')).toBe('true');
		expect(await stats.getAttribute('#threshold', 'aria-describedby')).toContain('threshold-error');
		expect(await stats.inputValue('#threshold')).toBe('2');
		expect(await stats.inputValue('#ageBands')).toBe('0-17, 19+');
		await expectAccessible(stats);
	});

	it('sets a stricter threshold that every page uses, and puts the default back', async () => {
		await stats.fill('#threshold', '5');
		await stats.fill('#ageBands', '0-17, 18-64, 65+');
		await save(stats);
		expect(await stats.locator('[role=status]').textContent()).toContain('gespeichert');
		expect(await stats.inputValue('#threshold')).toBe('5');
		expect(await stats.inputValue('#ageBands')).toBe('0-17, 18-64, 65+');
		await stats.goto(`${baseURL}/koeln/intern/monitoring`);
		expect(await stats.locator('main').textContent()).toContain('Fallzahlen unter 5 werden gesperrt');
		await stats.goto(`${baseURL}/koeln/intern/monitoring/einstellungen`);
		await stats.fill('#threshold', '3');
		await stats.fill('#ageBands', '0-3, 4-5, 6-9, 10-15, 16-18, 19-29, 30-49, 50-64, 65+');
		await save(stats);
		expect(await stats.inputValue('#threshold')).toBe('3');
	});
});

describe('the integration office', () => {
	it('may read but not change the disclosure rules, and adds a mark that its key figure shows', async () => {
		await office.goto(`${baseURL}/bottrop/intern/monitoring/einstellungen`);
		await expectPageStructure(office);
		expect(await office.locator('#disclosure-owner').textContent()).toContain('Statistikstelle');
		expect(await office.getAttribute('#threshold', 'readonly')).not.toBeNull();
		// Row 3 is the first empty one: a share of at least 1 % marks every published share.
		await office.selectOption('#rule-2-kind', 'value_gte');
		await office.fill('#rule-2-amount', '1');
		await save(office);
		expect(await office.locator('[role=status]').textContent()).toContain('gespeichert');
		await expectAccessible(office);

		await office.goto(`${baseURL}/bottrop/intern/monitoring`);
		const href = await office.locator('main ul a[href*="/kennzahlen/"]').first().getAttribute('href');
		await office.goto(`${baseURL}${href}`);
		expect(await office.locator('main table').first().textContent()).toContain('Anteil mindestens 1 %');
		await expectAccessible(office);

		await office.goto(`${baseURL}/bottrop/intern/monitoring/einstellungen`);
		await office.check('input[name="rule.2.remove"]');
		await save(office);
		expect(await office.inputValue('#rule-2-kind')).toBe('');
	});
});
