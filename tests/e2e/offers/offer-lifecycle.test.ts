import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

/**
 * The Integrationswegweiser from end to end: a provider submits an offer, the editors return it and then
 * publish it, a Turkish translation is added, a visitor finds it in Turkish with filters, a major change
 * makes the Turkish version outdated, and the HSDS API returns it.
 */
const baseURL = inject('baseURL');
let browser: Browser;
let providerContext: BrowserContext;
let editorContext: BrowserContext;
let provider: Page;
let editor: Page;
let offerUrl = '';

beforeAll(async () => {
	browser = await launchBrowser();
	// The provider works without JavaScript: every step must work as plain HTML forms.
	providerContext = await newContext(browser, { javaScript: false });
	provider = await providerContext.newPage();
	await signIn(provider, baseURL, 'bottrop', 'anbieter@bottrop.example');
	editorContext = await newContext(browser);
	editor = await editorContext.newPage();
	await signIn(editor, baseURL, 'bottrop', 'redaktion@bottrop.example');
});
afterAll(async () => browser?.close());

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

describe('an offer from draft to the Turkish portal', () => {
	it('the provider drafts it; a mistake keeps what was typed', async () => {
		await provider.goto(`${baseURL}/bottrop/intern/angebote/neu`);
		await expectPageStructure(provider);
		await expectAccessible(provider);
		await provider.fill('#field-name', 'Schachtreff für Kinder und Eltern');
		await provider.fill('#field-description', 'Zu kurz.');
		await provider.check('input[name=languages][value=tr]');
		await provider.getByLabel('Sport', { exact: true }).check();
		await byId(provider, 'field-schedules.0.dtstart').fill('2026-12-04');
		await provider.check('input[name="schedule.0.byday"][value=FR]');
		await byId(provider, 'field-schedules.0.opensAt').fill('16:00');
		await byId(provider, 'field-schedules.0.closesAt').fill('18:00');
		await provider.click('button:has-text("Als Entwurf speichern")');
		expect(await provider.textContent('[role=alert]')).toContain('mindestens 20 Zeichen');
		expect(await provider.inputValue('#field-name')).toBe('Schachtreff für Kinder und Eltern');
		expect(await provider.isChecked('input[name="schedule.0.byday"][value=FR]')).toBe(true);
		expect(await byId(provider, 'field-schedules.0.opensAt').inputValue()).toBe('16:00');
		await expectAccessible(provider);

		await provider.fill('#field-description', 'Jeden Freitag spielen Kinder und Eltern gemeinsam Schach. Bretter sind da, Anfänger willkommen.');
		await provider.click('button:has-text("Als Entwurf speichern")');
		expect(provider.url()).toMatch(/\/bottrop\/intern\/angebote\/[0-9a-f-]{36}\?angelegt=1$/);
		offerUrl = provider.url().replace(/\?.*$/, '');
		expect(await provider.textContent('main')).toContain('als Entwurf angelegt');
		await provider.click('button:has-text("Zur Prüfung einreichen")');
		expect(await provider.textContent('[role=status]')).toContain('eingereicht');
	});

	it('the editors return it with a comment; the provider revises and resubmits', async () => {
		await editor.goto(`${baseURL}/bottrop/intern/angebote?status=pending`);
		await Promise.all([editor.waitForURL(offerUrl), editor.click('main table a:has-text("Schachtreff für Kinder und Eltern")')]);
		await expectAccessible(editor);
		await editor.fill('#field-comment', 'Bitte nennen Sie den Ort, an dem gespielt wird.');
		await editor.click('button:has-text("Zurückgeben")');
		expect(await editor.textContent('[role=status]')).toContain('zurückgegeben');

		await provider.goto(offerUrl);
		expect(await provider.textContent('main')).toContain('Bitte nennen Sie den Ort');
		await provider.fill('#field-description', 'Jeden Freitag spielen Kinder und Eltern im Vereinsheim gemeinsam Schach. Bretter sind da, Anfänger willkommen.');
		await provider.click('button:has-text("Änderungen speichern")');
		expect(await provider.textContent('[role=status]')).toContain('gespeichert');
		await provider.click('button:has-text("Zur Prüfung einreichen")');
		expect(await provider.textContent('[role=status]')).toContain('eingereicht');
	});

	it('the editors publish it and add a Turkish translation', async () => {
		await editor.goto(offerUrl);
		await editor.click('button:has-text("Veröffentlichen")');
		expect(await editor.textContent('[role=status]')).toContain('veröffentlicht');
		await editor.goto(`${offerUrl}/uebersetzung/tr`);
		await expectPageStructure(editor);
		await expectAccessible(editor);
		await editor.fill('#field-name', 'Çocuklar ve ebeveynler için satranç buluşması');
		await editor.fill('#field-description', 'Her cuma çocuklar ve ebeveynler dernek binasında birlikte satranç oynar. Satranç tahtaları mevcuttur, yeni başlayanlar da gelebilir.');
		await editor.fill('#field-translator', 'Redaktion Bottrop');
		await editor.click('button:has-text("Übersetzung speichern")');
		expect(await editor.textContent('[role=status]')).toContain('gespeichert');
	});

	it('a visitor searching in Turkish with filters finds it, in Turkish', async () => {
		const context = await newContext(browser, { locale: 'tr-TR' });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/tr/angebote?q=satran%C3%A7&kategorie=sport&kostenlos=1`);
		await expectAccessible(page);
		const link = page.locator('main .offer-results a', { hasText: 'satranç buluşması' });
		expect(await link.count()).toBe(1);
		await Promise.all([page.waitForURL(offerUrl.replace('/intern/angebote/', '/tr/angebote/')), link.click()]);
		expect(await page.getAttribute('html', 'lang')).toBe('tr');
		expect(await page.textContent('h1')).toBe('Çocuklar ve ebeveynler için satranç buluşması');
		expect(await page.locator('main .notice').count()).toBe(0);
		await expectPageStructure(page);
		await expectAccessible(page);
		// The German compound finds it too, from the Turkish portal.
		await page.goto(`${baseURL}/bottrop/tr/angebote?q=Schachtreff`);
		expect(await page.locator('main .offer-results li').count()).toBe(1);
		await context.close();
	});

	it('a major change by the provider marks the Turkish version as outdated', async () => {
		await provider.goto(offerUrl);
		await provider.fill('#field-description', 'Ab Januar spielen wir samstags statt freitags, weiterhin im Vereinsheim. Bretter sind da, Anfänger willkommen.');
		await provider.click('button:has-text("Änderungen speichern")');
		await provider.click('button:has-text("Zur Prüfung einreichen")');
		await editor.goto(offerUrl);
		await editor.click('button:has-text("Veröffentlichen")');
		expect(await editor.textContent('main')).toContain('Türkçe: veraltet');

		const visitor = await (await newContext(browser, { javaScript: false })).newPage();
		await visitor.goto(offerUrl.replace('/intern/angebote/', '/tr/angebote/'));
		expect(await visitor.textContent('main .notice')).toContain('güncel değil');
		expect(await visitor.textContent('h1')).toBe('Çocuklar ve ebeveynler için satranç buluşması');
		await expectAccessible(visitor);
		await visitor.context().close();
	});

	it('the HSDS API returns it, in German and in Turkish', async () => {
		const id = offerUrl.split('/').pop();
		const de = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/services?search=Schachtreff`)).json()) as { contents: { id: string; name: string }[] };
		expect(de.contents.map((c) => c.id)).toContain(id);
		const tr = (await (await fetch(`${baseURL}/api/v1/municipalities/bottrop/hsds/services/${id}?lang=tr`)).json()) as { name: string; description: string };
		expect(tr.name).toBe('Çocuklar ve ebeveynler için satranç buluşması');
	});
});
