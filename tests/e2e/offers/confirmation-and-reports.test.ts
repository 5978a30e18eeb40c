import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

/**
 * The yearly confirmation and what the editors do with it: a provider confirms her overdue offer without
 * JavaScript; the editors change the rules (a wrong number keeps what was typed), close a visitor's report
 * of wrong information, and read the participation figures for the annual report.
 */
const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function signedIn(email: string, javaScript: boolean): Promise<Page> {
	const context = await newContext(browser, { javaScript });
	const page = await context.newPage();
	await signIn(page, baseURL, 'bottrop', email);
	return page;
}

describe('yearly confirmation', () => {
	it('the provider sees what is due, confirms the overdue Müttercafé, and it leaves the list', async () => {
		const provider = await signedIn('anbieter@bottrop.example', false);
		await provider.goto(`${baseURL}/bottrop/intern/angebote`);
		expect(await provider.textContent('main')).toMatch(/3 stehen an, davon 1 überfällig/);
		await provider.click('text=Angebote als aktuell bestätigen');
		await expectPageStructure(provider);
		await expectAccessible(provider);
		const rows = provider.locator('main tbody tr');
		expect(await rows.count()).toBe(3);
		const overdueRow = rows.filter({ hasText: 'Müttercafé' });
		expect(await overdueRow.textContent()).toContain('Bestätigung überfällig');
		// confirm only the overdue one: untick the two that are merely due soon
		for (const name of ['Musikgruppe', 'Gesundheitsnachmittag']) await rows.filter({ hasText: name }).locator('input[type=checkbox]').uncheck();
		await provider.click('button:has-text("Ausgewählte Angebote als aktuell bestätigen")');
		expect(await provider.textContent('[role=status]')).toContain('Ein Angebot wurde als aktuell bestätigt');
		expect(await provider.locator('main tbody tr').count()).toBe(2);
		expect(await provider.textContent('main')).not.toContain('Müttercafé');
		await expectAccessible(provider);

		// nothing chosen: a clear message, nothing lost
		for (const box of await provider.locator('main tbody input[type=checkbox]').all()) await box.uncheck();
		await provider.click('button:has-text("Ausgewählte Angebote als aktuell bestätigen")');
		expect(await provider.textContent('[role=alert]')).toContain('Bitte prüfen');
		expect(await provider.locator('main tbody tr').count()).toBe(2);
	});

	it('the offer page shows the confirmation state and confirms with one button (with JavaScript)', async () => {
		const provider = await signedIn('anbieter@bottrop.example', true);
		await provider.goto(`${baseURL}/bottrop/intern/angebote/bestaetigen`);
		await Promise.all([provider.waitForURL(/\/angebote\/[0-9a-f-]{36}$/), provider.click('main tbody a:has-text("Musikgruppe")')]);
		expect(await provider.textContent('#confirmation-title + p')).toContain('Bald zu bestätigen');
		await provider.click('button:has-text("Angaben sind aktuell")');
		await provider.waitForSelector('[role=status]');
		expect(await provider.textContent('[role=status]')).toContain('als aktuell bestätigt');
		expect(await provider.textContent('#confirmation-title + p')).toContain('Aktuell');
		await expectAccessible(provider);
	});

	it('editors change the rules; a wrong number gets a message on the field and keeps the input', async () => {
		const editor = await signedIn('redaktion@bottrop.example', false);
		await editor.goto(`${baseURL}/bottrop/intern/angebote/einstellungen`);
		await expectPageStructure(editor);
		await editor.fill('#field-graceDays', '400');
		await editor.fill('#field-reminderLeadDays', 'vierzehn');
		await editor.click('main button[type=submit]');
		expect(await editor.textContent('#field-graceDays-error')).toContain('höchstens 365');
		expect(await editor.textContent('#field-reminderLeadDays-error')).toContain('ganze Zahl');
		expect(await editor.inputValue('#field-reminderLeadDays')).toBe('vierzehn');
		expect(await editor.getAttribute('#field-graceDays', 'aria-invalid')).toBe('true');
		await expectAccessible(editor);
		await editor.fill('#field-graceDays', '30');
		await editor.fill('#field-reminderLeadDays', '21');
		await editor.click('main button[type=submit]');
		expect(await editor.textContent('[role=status]')).toContain('gespeichert');
		await editor.goto(`${baseURL}/bottrop/intern/angebote/bestaetigen`);
		expect(await editor.textContent('main')).toMatch(/Wir erinnern\s+21\s+Tage vorher/);
		// put the demo rules back for the other tests
		await editor.goto(`${baseURL}/bottrop/intern/angebote/einstellungen`);
		await editor.fill('#field-graceDays', '42');
		await editor.fill('#field-reminderLeadDays', '28');
		await editor.click('main button[type=submit]');
	});
});

describe('reports of wrong information', () => {
	it('a visitor reports in Turkish; the editor closes it with a note and the address is gone', async () => {
		const visitorContext = await newContext(browser, { javaScript: false });
		const visitor = await visitorContext.newPage();
		await visitor.goto(`${baseURL}/bottrop/tr/angebote?q=Sprachcaf%C3%A9`);
		await visitor.click('main .offer-results a >> nth=0');
		await visitor.fill('textarea[name=message]', 'Das Sprachcafé findet seit Oktober mittwochs statt, nicht dienstags.');
		await visitor.fill('input[name=email]', 'hinweis@example.org');
		await visitor.click('form[action="#report-title"] button[type=submit]');
		expect(await visitor.textContent('[role=status]')).toBeTruthy();

		const editor = await signedIn('redaktion@bottrop.example', false);
		await editor.goto(`${baseURL}/bottrop/intern/angebote`);
		expect(await editor.textContent('main')).toMatch(/Hinweise auf falsche Angaben: \d+ offen/);
		await editor.goto(`${baseURL}/bottrop/intern/angebote/hinweise`);
		await expectPageStructure(editor);
		await expectAccessible(editor);
		const report = editor.locator('article', { hasText: 'seit Oktober mittwochs' });
		expect(await report.textContent()).toContain('hinweis@example.org');
		// the back office names the offer in German, whatever language the visitor wrote from
		expect(await report.locator('h2').textContent()).toContain('Sprachcafé');
		expect(await report.textContent()).toContain('Türkçe');
		await report.locator('button[type=submit]').click();
		expect(await editor.textContent('main')).toContain('Bitte notieren Sie kurz');
		await editor.locator('article', { hasText: 'seit Oktober mittwochs' }).locator('input[name=resolution]').fill('Termin im Angebot auf Mittwoch geändert.');
		await editor.locator('article', { hasText: 'seit Oktober mittwochs' }).locator('button[type=submit]').click();
		expect(await editor.textContent('[role=status]')).toContain('erledigt');
		expect(await editor.textContent('main')).not.toContain('seit Oktober mittwochs');
		await editor.goto(`${baseURL}/bottrop/intern/angebote/hinweise?zeige=erledigt`);
		const done = editor.locator('article', { hasText: 'seit Oktober mittwochs' });
		expect(await done.textContent()).toContain('Termin im Angebot auf Mittwoch geändert.');
		expect(await done.textContent()).not.toContain('hinweis@example.org');
	});
});

describe('participation figures', () => {
	it('this year and last year, with arrivals and departures by name, axe-clean', async () => {
		const office = await signedIn('integrationsbuero@bottrop.example', false);
		await office.goto(`${baseURL}/bottrop/intern/angebote/beteiligung`);
		await expectPageStructure(office);
		await expectAccessible(office);
		const main = (await office.textContent('main'))!;
		expect(main).toContain('Vorläufiger Stand');
		expect(main).toMatch(/Beteiligte Organisationen\s*8 \(Vorjahr: 7\)/);
		expect(await office.textContent('section[aria-labelledby=arrivals]')).toContain('Sportverein Welheimer Mark');
		expect(main).toMatch(/Spektrum der Angebote\s*von \S+ bis \d+ der 17 Kategorien/);
		await office.selectOption('#jahr', String(new Date().getFullYear() - 1));
		await office.click('main form button[type=submit]');
		expect(await office.textContent('section[aria-labelledby=departures]')).toContain('Sportverein Welheimer Mark');
		expect(await office.textContent('section[aria-labelledby=arrivals]')).toContain('Quartiersbüro Altstadt');
		await expectAccessible(office);
	});
});
