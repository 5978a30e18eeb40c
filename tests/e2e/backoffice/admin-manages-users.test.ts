import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';

const baseURL = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const BACKOFFICE_PAGES = [
	'',
	'/angebote',
	'/angebote?status=pending',
	'/angebote/neu',
	'/angebote/bestaetigen?zeige=all',
	'/angebote/einstellungen',
	'/angebote/hinweise',
	'/angebote/hinweise?zeige=erledigt',
	'/angebote/beteiligung',
	'/angebote/import',
	'/orte',
	'/uebersetzungen',
	'/kategorien',
	'/organisationen',
	'/organisationen/neu',
	'/gebiete',
	'/barrieren',
	'/verwaltung/benutzer',
	'/verwaltung/protokoll',
	'/verwaltung/kommune',
	'/verwaltung/postausgang'
];
const SIGNED_OUT_PAGES = ['/anmelden', '/passwort-vergessen', '/passwort-neu?token=x', '/einladung/ungueltig'];

async function lastMailTo(page: Page, recipient: string): Promise<string> {
	await page.goto(`${baseURL}/bottrop/intern/verwaltung/postausgang`);
	const article = page.locator('article', { hasText: `An ${recipient}` }).first();
	return (await article.locator('pre').textContent()) ?? '';
}

describe.each([true, false])('back office (JavaScript %s)', (javaScript) => {
	it('every signed-out page is structured and axe-clean', async () => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		for (const path of SIGNED_OUT_PAGES) {
			await page.goto(`${baseURL}/bottrop/intern${path}`);
			expect(await page.getAttribute('html', 'lang')).toBe('de');
			await expectPageStructure(page);
			await expectAccessible(page);
		}
		await context.close();
	});

	it('the integration office sees every page, structured and axe-clean', async () => {
		const context = await newContext(browser, { javaScript });
		const page = await context.newPage();
		await signIn(page, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
		expect(page.url()).toBe(`${baseURL}/bottrop/intern`);
		for (const path of BACKOFFICE_PAGES) {
			const res = await page.goto(`${baseURL}/bottrop/intern${path}`);
			expect(res?.status(), path).toBe(200);
			await expectPageStructure(page);
			await expectAccessible(page);
		}
		// an offer, its translation editor, a venue, an organization's page and a user's page
		const detailPages: Array<[string, string]> = [
			['/angebote', 'main table a'],
			// the outdated translations are listed openly; the missing ones sit in a closed <details>
			['/uebersetzungen', 'main a[href*="/uebersetzung/"]:visible'],
			['/orte', 'main table a'],
			['/organisationen', 'main table a'],
			['/verwaltung/benutzer', 'main table a']
		];
		for (const [list, link] of detailPages) {
			await page.goto(`${baseURL}/bottrop/intern${list}`);
			const target = await page.locator(link).first().getAttribute('href');
			expect(target, `${list} links to a detail page`).toBeTruthy();
			// with JavaScript the click navigates on the client: wait for the new page before checking it
			await Promise.all([page.waitForURL((url) => url.pathname === target), page.locator(link).first().click()]);
			await expectPageStructure(page);
			await expectAccessible(page);
		}
		await context.close();
	}, 150_000); // about 30 pages, each with an axe run (twice without JavaScript)
});

describe('users, roles and the audit trail', () => {
	it('an invitation is mailed, accepted, and the new editor can work; the audit log records it', async () => {
		const adminContext = await newContext(browser, { javaScript: false });
		const admin = await adminContext.newPage();
		await signIn(admin, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
		await admin.goto(`${baseURL}/bottrop/intern/verwaltung/benutzer`);
		// first a mistake: no role chosen — the typed values stay
		await admin.fill('#field-name', 'Erika Muster');
		await admin.fill('#field-email', 'erika.muster@bottrop.example');
		await admin.click('form[action*="invite"] button[type=submit]');
		expect(await admin.textContent('[role=alert]')).toContain('Rolle');
		expect(await admin.inputValue('#field-name')).toBe('Erika Muster');
		await admin.check('input[name=roles][value=editor]');
		await admin.click('form[action*="invite"] button[type=submit]');
		expect(await admin.textContent('[role=status]')).toContain('erika.muster@bottrop.example');

		const mail = await lastMailTo(admin, 'erika.muster@bottrop.example');
		const link = mail.match(/https?:\/\/\S+\/einladung\/\S+/)?.[0];
		expect(link).toBeTruthy();
		const invitePath = new URL(link!).pathname;

		const newContext2 = await newContext(browser, { javaScript: false });
		const invitee = await newContext2.newPage();
		await invitee.goto(baseURL + invitePath);
		await expectAccessible(invitee);
		await invitee.fill('#field-password', 'kurz');
		await invitee.fill('#field-passwordRepeat', 'kurz');
		await invitee.click('main button[type=submit]');
		expect(await invitee.textContent('[role=alert]')).toContain('12 Zeichen');
		await invitee.fill('#field-password', 'Ein-sicheres-Passwort-1');
		await invitee.fill('#field-passwordRepeat', 'Ein-sicheres-Passwort-1');
		await invitee.click('main button[type=submit]');
		expect(invitee.url()).toBe(`${baseURL}/bottrop/intern`);
		expect(await invitee.textContent('main')).toContain('Redaktion');
		// the editor may not manage users
		const forbidden = await invitee.goto(`${baseURL}/bottrop/intern/verwaltung/benutzer`);
		expect(forbidden?.status()).toBe(403);
		// the link is single-use
		await invitee.goto(baseURL + invitePath);
		expect(await invitee.textContent('main')).toContain('ungültig');
		await newContext2.close();

		// roles change, and the audit log shows who did what
		await admin.goto(`${baseURL}/bottrop/intern/verwaltung/benutzer`);
		await admin.click('a[aria-label="Erika Muster bearbeiten"]');
		await admin.check('input[name=roles][value=statistics_office]');
		await admin.click('form[action*="roles"] button[type=submit]');
		expect(await admin.textContent('[role=status]')).toContain('gespeichert');
		await admin.goto(`${baseURL}/bottrop/intern/verwaltung/protokoll?aktion=user.roles_changed`);
		const table = await admin.textContent('table');
		expect(table).toContain('user.roles_changed');
		expect(table).toContain('Ines Integrationsbüro');
		await admin.goto(`${baseURL}/bottrop/intern/verwaltung/protokoll?aktion=invitation.accept`);
		expect(await admin.textContent('table')).toContain('invitation.accept');
		await adminContext.close();
	});

	it('password reset: the link works once, then the new password signs in', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await page.goto(`${baseURL}/bottrop/intern/passwort-vergessen`);
		await page.fill('#field-email', 'fallmanagement@bottrop.example');
		await page.click('main button[type=submit]');
		expect(await page.textContent('[role=status]')).toContain('Wenn zu dieser Adresse');
		const adminContext = await newContext(browser);
		const admin = await adminContext.newPage();
		await signIn(admin, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
		const mail = await lastMailTo(admin, 'fallmanagement@bottrop.example');
		await adminContext.close();
		const link = mail.match(/https?:\/\/\S+passwort-neu\?token=\S+/)?.[0];
		expect(link).toBeTruthy();
		const path = new URL(link!).pathname + new URL(link!).search;
		await page.goto(baseURL + path);
		await page.fill('#field-password', 'Neues-Passwort-2026');
		await page.fill('#field-passwordRepeat', 'Neues-Passwort-2026');
		await page.click('main button[type=submit]');
		expect(page.url()).toContain('/anmelden?passwort-geaendert=1');
		await page.goto(baseURL + path);
		await page.fill('#field-password', 'Noch-ein-Passwort-2026');
		await page.fill('#field-passwordRepeat', 'Noch-ein-Passwort-2026');
		await page.click('main button[type=submit]');
		expect(await page.textContent('[role=alert]')).toContain('ungültig');
		await signIn(page, baseURL, 'bottrop', 'fallmanagement@bottrop.example', 'Neues-Passwort-2026');
		expect(page.url()).toBe(`${baseURL}/bottrop/intern`);
		await context.close();
	});

	it('a burst of wrong passwords locks the account for a while, with a clear message', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		for (let i = 0; i < 5; i++) {
			await signIn(page, baseURL, 'bottrop', 'jury@bottrop.example', 'falsches-passwort');
			expect(await page.textContent('[role=alert]')).toContain('nicht richtig');
		}
		await signIn(page, baseURL, 'bottrop', 'jury@bottrop.example');
		expect(await page.textContent('[role=alert]')).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
		expect(page.url()).toContain('/anmelden');
		await context.close();
	});

	it('sign-out ends the session', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, baseURL, 'bottrop', 'redaktion@bottrop.example');
		await page.click('header button[type=submit]');
		expect(page.url()).toContain('/anmelden?abgemeldet=1');
		await page.goto(`${baseURL}/bottrop/intern/organisationen`);
		expect(page.url()).toContain('/anmelden');
		await context.close();
	});
});
