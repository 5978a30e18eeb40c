import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure } from '../support/browser.ts';

const baseURL = inject('baseURL');
const PAGES = ['', '/impressum', '/datenschutz', '/barrierefreiheit', '/angebote', '/angebote?q=Sprachkurs&kostenlos=1', '/angebote?kategorie=sprache&seite=2', '/angebote?ansicht=karte'];
const LANGUAGES = [
	{ code: 'de', dir: 'ltr' },
	{ code: 'tr', dir: 'ltr' },
	{ code: 'ar', dir: 'rtl' }
];

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each([true, false])('portal pages (JavaScript %s)', (javaScript) => {
	for (const { code, dir } of LANGUAGES) {
		for (const path of PAGES) {
			it(`/${code}${path} is structured, in ${code} (${dir}) and axe-clean`, async () => {
				const context = await newContext(browser, { javaScript });
				const page = await context.newPage();
				const response = await page.goto(`${baseURL}/bottrop/${code}${path}`);
				expect(response?.status()).toBe(200);
				expect(await page.getAttribute('html', 'lang')).toBe(code);
				expect(await page.getAttribute('html', 'dir')).toBe(dir);
				await expectPageStructure(page);
				await expectAccessible(page);
				await context.close();
			});
		}
	}
	it.each(LANGUAGES)('an offer page in $code is structured and axe-clean, its calendar downloads', async ({ code, dir }) => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/${code}/angebote?q=Hausaufgabenhilfe`);
		const offerUrl = new RegExp(`/bottrop/${code}/angebote/[0-9a-f-]{36}$`);
		// with JavaScript the click navigates on the client, so wait for the URL rather than reading it at once
		await Promise.all([page.waitForURL(offerUrl), page.click('main .offer-results a >> nth=0')]);
		expect(page.url()).toMatch(offerUrl);
		expect(await page.getAttribute('html', 'dir')).toBe(dir);
		await expectPageStructure(page);
		await expectAccessible(page);
		const ics = await fetch(`${page.url()}/kalender.ics`);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*RRULE:FREQ=WEEKLY/);
		await context.close();
	});

	it('the map of Köln: districts drawn, numbered markers link to the offers, keyboard reaches them', async () => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		await page.goto(`${baseURL}/koeln/tr/angebote?ansicht=karte`);
		expect(await page.locator('svg.offer-map path').count()).toBe(9);
		const markers = page.locator('svg.offer-map a.map-point');
		expect(await markers.count()).toBeGreaterThan(0);
		const label = (await markers.first().getAttribute('aria-label'))!;
		expect(label).toMatch(/^\d+(,\d+)*: /);
		// the number in the marker is the number in the list
		const number = label.split(/[:,]/)[0]!;
		expect(await page.locator('.offer-results .map-number', { hasText: number }).count()).toBeGreaterThan(0);
		await markers.first().focus();
		expect(await page.evaluate(() => document.activeElement?.getAttribute('class'))).toBe('map-point');
		await expectAccessible(page);
		await context.close();
	});

	it('Leichte Sprache page is German, structured and axe-clean', async () => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/de/leichte-sprache`);
		await expectPageStructure(page);
		expect(await page.textContent('h1')).toContain('Leichter Sprache');
		await expectAccessible(page);
		await context.close();
	});
});

describe('languages and municipalities', () => {
	it.each(['en', 'ru', 'uk', 'fa'])('the start page in %s is axe-clean with the right direction', async (code) => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await page.goto(`${baseURL}/koeln/${code}`);
		expect(await page.getAttribute('html', 'dir')).toBe(code === 'fa' ? 'rtl' : 'ltr');
		await expectAccessible(page);
		await context.close();
	});

	it('the language switcher keeps the page and marks the current language', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/de/impressum`);
		await page.click('nav a[hreflang="tr"]');
		expect(page.url()).toBe(`${baseURL}/bottrop/tr/impressum`);
		expect(await page.getAttribute('nav a[hreflang="tr"]', 'aria-current')).toBe('true');
		await context.close();
	});

	it('/{municipality} redirects to the browser language when offered', async () => {
		const context = await newContext(browser, { locale: 'tr-TR' });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop`);
		expect(page.url()).toBe(`${baseURL}/bottrop/tr`);
		await context.close();
	});

	it('the list of municipalities and a county with its towns', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await page.goto(baseURL);
		await expectAccessible(page);
		await page.goto(`${baseURL}/kreis-mettmann/de`);
		expect(await page.locator('a[href="/ratingen/de"]').count()).toBe(1);
		await page.goto(`${baseURL}/ratingen/de`);
		expect(await page.locator('a[href="/kreis-mettmann/de"]').count()).toBe(1);
		await context.close();
	});

	it('unknown municipalities and languages are 404, not 500', async () => {
		for (const path of ['/gibtsnicht/de', '/bottrop/xx', '/bottrop/de/gibtsnicht', '/gibtsnicht/intern']) {
			const res = await fetch(baseURL + path);
			expect(res.status, path).toBe(404);
		}
	});

	it('pages work at 200 % zoom without horizontal scrolling', async () => {
		const context = await browser.newContext({ viewport: { width: 640, height: 800 }, deviceScaleFactor: 2 });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/ar/barrierefreiheit`);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await context.close();
	});
});
