import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, signIn } from '../support/browser.ts';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('a visitor reports a barrier', () => {
	it('without JavaScript, in Turkish: errors in Turkish keep what was typed, then the report arrives', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/tr/barrierefreiheit`);
		await page.fill('#field-pageUrl', 'Startseite');
		await page.fill('#field-description', 'kurz');
		await page.fill('#field-contactEmail', 'keine-adresse');
		await page.click('form button[type=submit]');
		const alert = page.locator('[role=alert]');
		expect(await alert.textContent()).toContain('10');
		expect(await page.inputValue('#field-pageUrl')).toBe('Startseite');
		expect(await page.getAttribute('#field-contactEmail', 'aria-invalid')).toBe('true');
		await expectAccessible(page);

		await page.fill('#field-description', 'Der Kontrast der Links in der Fußzeile ist zu schwach.');
		await page.fill('#field-contactEmail', 'besucherin@example.org');
		await page.click('form button[type=submit]');
		expect(await page.locator('[role=status]').count()).toBe(1);
		await context.close();

		const staff = await newContext(browser);
		const admin = await staff.newPage();
		await signIn(admin, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
		await admin.goto(`${baseURL}/bottrop/intern/barrieren`);
		expect(await admin.textContent('main')).toContain('Der Kontrast der Links in der Fußzeile ist zu schwach.');
		await admin.goto(`${baseURL}/bottrop/intern/verwaltung/postausgang`);
		expect(await admin.textContent('main')).toContain('barrierefreiheit@bottrop.example');
		await staff.close();
	});
});
