import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, signIn } from '../support/browser.ts';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe('keyboard and zoom', () => {
	it.each(['/bottrop/de', '/bottrop/ar/barrierefreiheit', '/bottrop/intern/anmelden'])('%s: the first Tab reaches the skip link, which moves focus to the content', async (path) => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await page.goto(baseURL + path);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
		// the focused skip link is visible on screen (it hides above the page until focused)
		const box = await page.locator('.skip-link').boundingBox();
		expect(box && box.y >= 0).toBe(true);
		await page.keyboard.press('Enter');
		expect(page.url()).toContain('#main');
		await page.keyboard.press('Tab');
		const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
		expect(inMain).toBe(true);
		await context.close();
	});

	it('a form can be sent with the keyboard alone', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		// after hydration, as a person would start typing once the page is there
		await page.goto(`${baseURL}/bottrop/intern/anmelden`, { waitUntil: 'networkidle' });
		await page.focus('#field-email');
		await page.keyboard.type('redaktion@bottrop.example');
		await page.keyboard.press('Tab');
		await page.keyboard.type('Teilhabe-Demo-2026');
		await Promise.all([page.waitForURL(`${baseURL}/bottrop/intern`), page.keyboard.press('Enter')]);
		await context.close();
	});

	it.each(['/bottrop/intern/verwaltung/benutzer', '/bottrop/intern/verwaltung/protokoll', '/koeln/intern/gebiete'])(
		'%s at 200 percent zoom (640 CSS pixels wide) needs no horizontal scrolling of the page',
		async (path) => {
			const context = await browser.newContext({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
			const page = await context.newPage();
			const admin = path.startsWith('/koeln') ? 'integrationsbuero@koeln.example' : 'integrationsbuero@bottrop.example';
			await signIn(page, baseURL, path.split('/')[1]!, admin);
			await page.goto(baseURL + path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow).toBeLessThanOrEqual(0);
			await context.close();
		}
	);
});
