import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, expectPageStructure, signIn } from '../support/browser.ts';
import { HttpClient } from '../support/http.ts';
import { pdfText } from '../../../src/lib/server/core/pdf-text.ts';

/**
 * The Verfügungsfonds from a public application to payment: a neighbourhood group applies without an account
 * and without JavaScript, the office pre-checks the application and puts it before a new jury session, the jury
 * votes (the jury member online for her own seat, the office for the others), the office issues a reduced
 * Zuwendungsbescheid, the group settles with receipts, the office checks them and pays. The demo applications
 * are only read: this file creates its own application and its own session.
 */
const baseURL = inject('baseURL');
const TITLE = 'Nachbarschaftschor Eigen singt (E2E)';
const PDF = Buffer.from('%PDF-1.4\n% E2E-Anlage\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let browser: Browser;
let applicant: Page;
let office: Page;
let jury: Page;
let statusUrl = '';
let reference = '';
let fundUrl = '';
let applicationUrl = '';
let sessionUrl = '';

beforeAll(async () => {
	browser = await launchBrowser();
	// The portal ships no JavaScript: the applicant's whole path must work with plain links and forms.
	applicant = await (await newContext(browser, { javaScript: false })).newPage();
	office = await (await newContext(browser)).newPage();
	await signIn(office, baseURL, 'bottrop', 'integrationsbuero@bottrop.example');
	jury = await (await newContext(browser)).newPage();
	await signIn(jury, baseURL, 'bottrop', 'jury@bottrop.example');
});
afterAll(async () => browser?.close());

/** Submits a form by its button (or follows a plain link) and waits until the answer page has loaded. */
async function press(page: Page, button: Locator) {
	await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Text without the Unicode isolates the portal puts around amounts, dates and names. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

async function fetchPdf(page: Page, href: string) {
	const res = await page.context().request.get(new URL(href, baseURL).href);
	expect(res.status(), href).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	return pdfText(new Uint8Array(await res.body()));
}

describe('the public page of the fund', () => {
	it('shows the rules and the next deadline, accessibly, in German and in Arabic', async () => {
		await applicant.goto(`${baseURL}/bottrop/de/foerderung`);
		await expectPageStructure(applicant);
		await expectAccessible(applicant);
		const main = plain(await applicant.textContent('main'));
		expect(main).toContain('Verfügungsfonds zur Förderung der Stadtteilarbeit');
		expect(main).toContain('Nächste Antragsfrist: 1. April 2027');
		expect(main).toContain('Beginnen Sie erst mit dem Projekt, wenn es bewilligt ist.');

		const arabic = await (await newContext(browser, { javaScript: false, locale: 'ar' })).newPage();
		await arabic.goto(`${baseURL}/bottrop/ar/foerderung`);
		expect(await arabic.getAttribute('html', 'dir')).toBe('rtl');
		expect(await arabic.getAttribute('html', 'lang')).toBe('ar');
		await expectPageStructure(arabic);
		await expectAccessible(arabic);
		await arabic.goto(`${baseURL}/bottrop/ar/foerderung/stadtteilfonds/neu`);
		expect(await arabic.getAttribute('html', 'dir')).toBe('rtl');
		await expectPageStructure(arabic);
		await expectAccessible(arabic);
		await arabic.context().close();
	});
});

describe('an application without an account', () => {
	it('a faulty draft is refused with the errors named, and what was typed stays', async () => {
		await applicant.goto(`${baseURL}/bottrop/de/foerderung`);
		await press(applicant, applicant.locator('main a:text-is("Antrag stellen")'));
		expect(applicant.url()).toBe(`${baseURL}/bottrop/de/foerderung/stadtteilfonds/neu`);
		await expectPageStructure(applicant);
		await expectAccessible(applicant);

		await applicant.fill('#field-organizationName', 'Chorgemeinschaft Eigen');
		await applicant.fill('#field-contactEmail', 'chor-at-eigen');
		await applicant.fill('#field-title', TITLE);
		await applicant.selectOption('#field-district', 'Eigen');
		await applicant.check('input[name=goals][value=culture]');
		await applicant.fill('#field-costLabel0', 'Miete Gemeindesaal');
		await applicant.fill('#field-costAmount0', 'sechshundert');
		await press(applicant, applicant.locator('main button:has-text("Entwurf speichern")'));

		const alert = await applicant.textContent('[role=alert]');
		expect(alert).toContain('Diese E-Mail-Adresse ist nicht gültig.');
		expect(alert).toContain('Bitte einen Betrag wie 250,00 angeben.');
		expect(await applicant.getAttribute('#field-contactEmail', 'aria-invalid')).toBe('true');
		expect(await applicant.inputValue('#field-organizationName')).toBe('Chorgemeinschaft Eigen');
		expect(await applicant.inputValue('#field-contactEmail')).toBe('chor-at-eigen');
		expect(await applicant.inputValue('#field-title')).toBe(TITLE);
		expect(await applicant.inputValue('#field-district')).toBe('Eigen');
		expect(await applicant.isChecked('input[name=goals][value=culture]')).toBe(true);
		expect(await applicant.inputValue('#field-costAmount0')).toBe('sechshundert');
		await expectPageStructure(applicant);
		await expectAccessible(applicant);
	});

	it('a complete draft is saved and leads to the secret status page', async () => {
		await applicant.fill('#field-contactName', 'Clara Chorleiterin');
		await applicant.fill('#field-contactEmail', 'clara@chor-eigen.example');
		await applicant.fill('#field-contactPhone', '02041 765432');
		await applicant.fill('#field-postalAddress', 'Chorgemeinschaft Eigen\nKirchstraße 5\n46240 Bottrop');
		await applicant.fill('#field-description', 'Ein offener Chor für alle Nachbarinnen und Nachbarn: zehn Proben im Gemeindesaal und ein Konzert auf dem Marktplatz in Eigen.');
		await applicant.check('input[name=goals][value=neighbourhood]');
		await applicant.fill('#field-startDate', '2027-05-08');
		await applicant.fill('#field-endDate', '2027-07-10');
		await applicant.fill('#field-costAmount0', '600,00');
		await applicant.fill('#field-costLabel1', 'Noten und Notenständer');
		await applicant.fill('#field-costAmount1', '600,00');
		// More than the cap of 1.500,00 € for a project without partners: a draft may, a submission may not.
		await applicant.fill('#field-requested', '1.600,00');
		await applicant.check('input[name=publishConsent]');
		await press(applicant, applicant.locator('main button:has-text("Entwurf speichern")'));

		expect(applicant.url()).toMatch(/\/bottrop\/de\/foerderung\/antrag\/[A-Za-z0-9_-]{30,60}\?neu=1$/);
		statusUrl = applicant.url().replace(/\?.*$/, '');
		expect(await applicant.textContent('[role=status]')).toContain('Ihr persönlicher Link zu diesem Antrag ist die Adresse dieser Seite.');
		expect(await applicant.textContent('h1')).toBe(TITLE);
		expect(await applicant.textContent('main .facts')).toContain('Entwurf');
		expect(await applicant.inputValue('#field-district')).toBe('Eigen');
		expect(await applicant.inputValue('#field-costLabel1')).toBe('Noten und Notenständer');
		await expectPageStructure(applicant);
		await expectAccessible(applicant);
	});

	it('an attachment is uploaded; a file that is no PDF or image is refused', async () => {
		await applicant.setInputFiles('#field-file', { name: 'notizen.txt', mimeType: 'application/pdf', buffer: Buffer.from('nur Text') });
		await press(applicant, applicant.locator('main button:has-text("Hochladen")'));
		expect(await applicant.textContent('[role=alert]')).toContain('Bitte nur PDF, JPG oder PNG hochladen.');
		await applicant.setInputFiles('#field-file', { name: 'Chorkonzept.pdf', mimeType: 'application/pdf', buffer: PDF });
		await press(applicant, applicant.locator('main button:has-text("Hochladen")'));
		expect(await applicant.textContent('[role=status]')).toContain('Die Datei ist hochgeladen.');
		const link = applicant.locator('main a:text-is("Chorkonzept.pdf")');
		expect(await link.count()).toBe(1);
		const file = await fetch(new URL((await link.getAttribute('href'))!, baseURL));
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('a request over the cap cannot be submitted; the saved form stays as it was', async () => {
		await press(applicant, applicant.locator('main button:has-text("Antrag verbindlich einreichen")'));
		const alert = await applicant.textContent('[role=alert]');
		expect(alert).toContain('Der Antrag ist noch nicht vollständig.');
		expect(alert).toContain('Der Betrag liegt über der Höchstförderung für ein Projekt.');
		expect(await applicant.getAttribute('#field-requested', 'aria-invalid')).toBe('true');
		// The form still shows the saved draft (saving it now must not wipe it).
		expect(await applicant.inputValue('#field-title')).toBe(TITLE);
		expect(await applicant.inputValue('#field-requested')).toMatch(/^1\.?600,00$/);
		expect(await applicant.inputValue('#field-costLabel0')).toBe('Miete Gemeindesaal');
		expect(await applicant.textContent('main .facts')).toContain('Entwurf');
		await expectAccessible(applicant);
	});

	it('corrected and submitted: received, with a reference and a receipt confirmation as PDF', async () => {
		await applicant.fill('#field-requested', '1.200,00');
		await press(applicant, applicant.locator('main button:has-text("Entwurf speichern")'));
		expect(await applicant.textContent('[role=status]')).toContain('Gespeichert.');
		await press(applicant, applicant.locator('main button:has-text("Antrag verbindlich einreichen")'));
		expect(applicant.url().replace(/#.*$/, '')).toBe(`${statusUrl}?eingereicht=1`);
		expect(await applicant.textContent('[role=status]')).toContain('Ihr Antrag ist eingegangen.');
		const facts = await applicant.textContent('main .facts');
		expect(facts).toContain('Eingegangen');
		reference = facts!.match(/SF-20\d\d-\d{3}/)?.[0] ?? '';
		expect(reference).toMatch(/^SF-2026-\d{3}$/);
		// Nothing can be edited any more.
		expect(await applicant.locator('#field-title').count()).toBe(0);
		await expectPageStructure(applicant);
		await expectAccessible(applicant);

		const letter = applicant.locator('main h2:text-is("Schreiben") + ul a');
		expect(await letter.count()).toBe(1);
		expect(await letter.textContent()).toContain('Eingangsbestätigung');
		const res = await fetch(new URL((await letter.getAttribute('href'))!, baseURL));
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
		expect(text).toContain('Eingangsbestätigung');
		expect(text).toContain(reference);
		expect(text).toContain(TITLE);
	});
});

describe('the office: pre-check and the jury session', () => {
	it('finds the new application in the worklist and forwards it after the pre-check', async () => {
		await office.goto(`${baseURL}/bottrop/intern/foerderung`);
		await expectPageStructure(office);
		await expectAccessible(office);
		await Promise.all([office.waitForURL(/\/bottrop\/intern\/foerderung\/[0-9a-f-]{36}$/), office.click('main a:text-is("Verfügungsfonds zur Förderung der Stadtteilarbeit")')]);
		fundUrl = office.url();
		await expectPageStructure(office);
		await expectAccessible(office);
		const row = office.locator('main table tbody tr', { hasText: reference });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Eingegangen');
		await Promise.all([office.waitForURL(/\/antraege\/[0-9a-f-]{36}$/), row.locator(`a:text-is("${TITLE}")`).click()]);
		applicationUrl = office.url();
		expect(applicationUrl.startsWith(`${fundUrl}/antraege/`)).toBe(true);
		await expectPageStructure(office);
		await expectAccessible(office);
		expect(await office.textContent('main .facts')).toContain('1.200,00 €');

		const marks = office.locator('main input[type=radio][name^=mark_][value=met]');
		expect(await marks.count()).toBe(10);
		for (const mark of await marks.all()) await mark.check();
		await press(office, office.locator('main button:has-text("Vorprüfung speichern")'));
		expect(await office.textContent('[role=status]')).toContain('Die Vorprüfung ist gespeichert.');
		expect(await office.textContent('main')).toContain('alle Kriterien erfüllt');
		await press(office, office.locator('main button:has-text("Der Jury vorlegen")'));
		expect(await office.textContent('[role=status]')).toContain('Der Antrag liegt jetzt der Jury vor.');
		expect(await office.textContent('main .facts')).toContain('Förderfähig, liegt der Jury vor');
		await expectAccessible(office);
	});

	it('plans a session: the agenda holds the new application; attendance is recorded', async () => {
		await office.goto(fundUrl);
		await office.fill('#field-date', '2027-04-15');
		await office.fill('#field-time', '18:30');
		await office.fill('#field-location', 'Bürgerhaus Eigen, Saal 2 (E2E)');
		await press(office, office.locator('main button:has-text("Sitzung anlegen")'));
		// (The browser keeps the form's #fragment through the redirect.)
		sessionUrl = office.url().replace(/#.*$/, '');
		expect(sessionUrl).toMatch(/\/sitzungen\/[0-9a-f-]{36}$/);
		await expectPageStructure(office);
		await expectAccessible(office);
		const items = office.locator('main section.agenda-item');
		expect(await items.count()).toBe(1);
		expect(await items.first().textContent()).toContain(reference);

		const present = office.locator('main input[name=present]');
		expect(await present.count()).toBe(10); // nine seats and the deputy of the Sozialamt
		for (const box of await present.all()) await box.check();
		await press(office, office.locator('main button:has-text("Anwesenheit speichern")'));
		expect(await office.textContent('[role=status]')).toContain('Die Anwesenheit ist gespeichert.');
		expect(await office.textContent('main')).toContain('Stimmberechtigt: 9.');
		// The office may act for every voting seat.
		expect(await office.locator('main .vote-row').count()).toBe(9);
		await expectAccessible(office);
	});
});

describe('a jury member', () => {
	it('sees the sessions and the planned demo session, without the office’s forms', async () => {
		await jury.goto(`${baseURL}/bottrop/intern/foerderung`);
		await expectPageStructure(jury);
		await expectAccessible(jury);
		expect(await jury.textContent('main')).toContain('Sie sind Mitglied des Entscheidungsgremiums.');
		const planned = jury.locator('main li', { hasText: 'Rathaus Bottrop, Raum 214' }).filter({ hasText: 'geplant' });
		expect(await planned.count()).toBe(1);
		await Promise.all([jury.waitForURL(/\/sitzungen\/[0-9a-f-]{36}$/), planned.locator('a').click()]);
		await expectPageStructure(jury);
		await expectAccessible(jury);
		expect(await jury.textContent('h1')).toContain('21. April 2027');
		expect(await jury.textContent('main')).toContain('Geschichtsspaziergänge Vonderort');
		for (const officeOnly of ['Anwesenheit speichern', 'Neu vorgelegte Anträge aufnehmen', 'Einladung erstellen und versenden', 'Vorschlag speichern', 'Sitzung schließen'])
			expect(await jury.locator(`main button:has-text("${officeOnly}")`).count(), officeOnly).toBe(0);
		expect(await jury.locator('main a:has-text("Antrag öffnen")').count()).toBe(0);
		// Nobody's attendance is recorded yet: she cannot vote there.
		expect(await jury.locator('main .vote-row').count()).toBe(0);
		expect(await jury.textContent('main')).toContain('Sie sind in dieser Sitzung nicht als anwesend und stimmberechtigt eingetragen.');
	});

	it('votes for her own seat only', async () => {
		await jury.goto(sessionUrl);
		await expectAccessible(jury);
		const rows = jury.locator('main .vote-row');
		expect(await rows.count()).toBe(1);
		expect(await rows.textContent()).toContain('Julia Jury:');
		expect(await jury.locator('main input[name=present]').count()).toBe(0);
		await press(jury, rows.locator('button[name=choice][value=yes]'));
		expect(await jury.textContent('[role=status]')).toContain('Die Stimme ist gespeichert.');
		expect(await jury.textContent('main .vote-row')).toContain('hat abgestimmt (Ja)');

		// Another seat's vote, sent by hand, is refused.
		await office.goto(sessionUrl);
		const otherSeat = office.locator('main .vote-row', { hasNotText: 'Julia Jury' }).first();
		const memberId = await otherSeat.locator('input[name=memberId]').first().getAttribute('value');
		const itemId = await otherSeat.locator('input[name=itemId]').first().getAttribute('value');
		const forged = await jury.context().request.post(`${sessionUrl}?/vote`, { form: { itemId: itemId!, memberId: memberId!, choice: 'no' }, headers: { origin: baseURL }, maxRedirects: 0 });
		expect(forged.status()).toBe(403);
	});
});

describe('the office: decision and Zuwendungsbescheid', () => {
	it('records the remaining votes and closes the session', async () => {
		await office.goto(sessionUrl);
		const yes = office.locator('main .vote-row button[name=choice][value=yes]');
		expect(await yes.count()).toBe(8);
		for (let i = 0; i < 8; i++) {
			await press(office, yes.first());
			expect(await office.textContent('[role=status]')).toContain('Die Stimme ist gespeichert.');
		}
		expect(await yes.count()).toBe(0);
		expect(await office.textContent('main')).toContain('Bisher: 9 Ja, 0 Nein, 0 Enthaltungen');
		await expectAccessible(office);
		await press(office, office.locator('main button:has-text("Sitzung schließen")'));
		expect(await office.textContent('[role=status]')).toContain('Die Sitzung ist geschlossen');
		expect(await office.textContent('main section.agenda-item')).toMatch(/Ergebnis: angenommen\s*\(9 Ja, 0 Nein, 0 Enthaltungen, 9 stimmberechtigt\)/);
		expect(await office.textContent('main')).toContain('Niederschrift der Jurysitzung (PDF)');
		expect(await office.locator('main form[method=POST]').count()).toBe(0);
		await expectAccessible(office);
	});

	it('issues the Zuwendungsbescheid over a reduced amount', async () => {
		await office.goto(sessionUrl);
		await Promise.all([office.waitForURL(applicationUrl), office.click('main a:has-text("Antrag öffnen")')]);
		expect(await office.textContent('main')).toContain('angenommen über 1.200,00 €');
		await expectAccessible(office);
		await office.fill('#field-amount', '1.000,00');
		await office.fill('#field-reasons', 'Das Gremium fördert die Saalmiete voll und die Noten anteilig.');
		await press(office, office.locator('main button:has-text("Bewilligen und Bescheid erstellen")'));
		expect(await office.textContent('[role=status]')).toContain('Der Zuwendungsbescheid ist erstellt.');
		const facts = await office.textContent('main .facts');
		expect(facts).toContain('Bewilligt');
		expect(facts).toContain('1.000,00 €');
		await expectPageStructure(office);
		await expectAccessible(office);

		const letter = office.locator('main a', { hasText: /^Zuwendungsbescheid: .*\(PDF\)$/ });
		expect(await letter.count()).toBe(1);
		const text = await fetchPdf(office, (await letter.getAttribute('href'))!);
		expect(text).toContain('Zuwendungsbescheid');
		expect(text).toContain('1.000,00 €');
		expect(text).toContain('Rechtsbehelfsbelehrung');
		expect(text).toContain(reference);
	});

	it('the pages of the fund are accessible: guideline, jury, templates, report', async () => {
		for (const [link, heading] of [
			['Richtlinie', 'Richtlinie: Fassungen'],
			['Entscheidungsgremium', 'Entscheidungsgremium'],
			['Briefvorlagen', 'Briefvorlagen'],
			['Haushaltsbuch und Jahresbericht', 'Jahresbericht']
		] as const) {
			await office.goto(fundUrl);
			await Promise.all([office.waitForURL((url) => url.href !== fundUrl), office.click(`main nav a:text-is("${link}")`)]);
			expect(await office.textContent('h1'), link).toContain(heading);
			await expectPageStructure(office);
			await expectAccessible(office);
		}
	});
});

describe('settlement and payment', () => {
	it('the applicant sees the grant, uploads receipts and submits the settlement with a report', async () => {
		await applicant.goto(statusUrl);
		const facts = plain(await applicant.textContent('main .facts'));
		expect(facts).toContain('Bewilligt');
		expect(facts).toMatch(/1\.000,00\s€/);
		const letters = await applicant.locator('main h2:text-is("Schreiben") + ul a').allTextContents();
		expect(letters.some((l) => l.startsWith('Zuwendungsbescheid'))).toBe(true);
		await expectAccessible(applicant);

		for (const [index, amount, supplier] of [
			['0', '600,00', 'Ev. Gemeindehaus Eigen'],
			['1', '450,00', 'Musikalienhandel Ruhr']
		] as const) {
			await applicant.selectOption('#field-kind', 'receipt');
			await applicant.selectOption('#field-costItemIndex', index);
			await applicant.fill('#field-amount', amount);
			await applicant.fill('#field-supplier', supplier);
			await applicant.setInputFiles('#field-file', { name: `Rechnung ${supplier}.pdf`, mimeType: 'application/pdf', buffer: PDF });
			await press(applicant, applicant.locator('main button:has-text("Hochladen")'));
			expect(await applicant.textContent('[role=status]')).toContain('Die Datei ist hochgeladen.');
		}
		expect(await applicant.locator('main table:has(caption:text-is("Unterlagen")) tbody tr').count()).toBe(2);

		await applicant.fill('#field-report', 'Zu kurz.');
		await press(applicant, applicant.locator('main button:has-text("Abrechnung einreichen")'));
		expect(await applicant.textContent('[role=alert]')).toContain('Bitte beschreiben Sie in ein paar Sätzen, was passiert ist.');
		expect(await applicant.inputValue('#field-report')).toBe('Zu kurz.');
		await expectAccessible(applicant);
		await applicant.fill('#field-report', 'Zu den zehn Proben kamen im Schnitt 25 Sängerinnen und Sänger aus sechs Ländern; das Konzert auf dem Marktplatz hörten rund 200 Gäste.');
		await press(applicant, applicant.locator('main button:has-text("Abrechnung einreichen")'));
		expect(await applicant.textContent('[role=status]')).toContain('Die Abrechnung ist eingereicht.');
		expect(await applicant.textContent('main .facts')).toContain('Abrechnung eingereicht');
		await expectAccessible(applicant);
	});

	it('the office accepts the receipts and completes the settlement: payment order and ledger', async () => {
		await office.goto(applicationUrl);
		const checks = office.locator('main form.receipt-check');
		expect(await checks.count()).toBe(2);
		await expectAccessible(office);
		for (let i = 0; i < 2; i++) {
			await checks.nth(i).locator('input[name=accepted][value=yes]').check();
			await press(office, checks.nth(i).locator('button'));
			expect(await office.textContent('[role=status]')).toContain('Der Beleg ist geprüft.');
		}
		await press(office, office.locator('main button:has-text("Abrechnung abschließen")'));
		expect(await office.textContent('[role=status]')).toContain('Die Abrechnung ist abgeschlossen.');
		expect(await office.textContent('main .facts')).toContain('Abgeschlossen');
		const letters = await office.locator('main h2:text-is("Schreiben") + ul li').allTextContents();
		expect(letters.some((l) => l.includes('Auszahlungsanordnung'))).toBe(true);
		expect(letters.some((l) => l.includes('Prüfvermerk zur Abrechnung'))).toBe(true);
		await expectAccessible(office);
		const order = office.locator('main a', { hasText: /^Auszahlungsanordnung: .*\(PDF\)$/ });
		const text = await fetchPdf(office, (await order.getAttribute('href'))!);
		expect(text).toContain('Auszahlungsanordnung');
		expect(text).toContain('1.000,00 €');

		await office.goto(fundUrl);
		await Promise.all([office.waitForURL(/\/bericht\?jahr=\d{4}$/), office.click('main nav a:text-is("Haushaltsbuch und Jahresbericht")')]);
		const bookings = await office.locator('main table:has(caption:text-matches("^Buchungen")) tbody tr', { hasText: reference }).allTextContents();
		expect(bookings.some((b) => b.includes('Bewilligung') && b.includes('1.000,00 €'))).toBe(true);
		expect(bookings.some((b) => b.includes('Auszahlung') && b.includes('1.000,00 €'))).toBe(true);
		await expectAccessible(office);

		await applicant.goto(statusUrl);
		expect(await applicant.textContent('main .facts')).toContain('Abgeschlossen');
		expect(await applicant.locator('main form[action*="upload"]').count()).toBe(0);
	});
});

describe('wrong addresses and roles', () => {
	it('another municipality finds neither the fund nor the application, and a guessed link finds nothing', async () => {
		const fundId = fundUrl.split('/').at(-1)!;
		const applicationId = applicationUrl.split('/').at(-1)!;
		const koeln = await new HttpClient(baseURL).signIn('koeln', 'integrationsbuero@koeln.example');
		expect((await koeln.get('/koeln/intern/foerderung')).status).toBe(200);
		expect((await koeln.get(`/koeln/intern/foerderung/${fundId}`)).status).toBe(404);
		expect((await koeln.get(`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}`)).status).toBe(404);
		expect((await koeln.get(`/koeln/intern/foerderung/${fundId}/bericht`)).status).toBe(404);
		expect((await koeln.post(`/koeln/intern/foerderung/${fundId}/antraege/${applicationId}?/settle`, {})).status).toBe(404);
		// In Bottrop's back office the Köln account has no role at all.
		expect((await koeln.get(`/bottrop/intern/foerderung/${fundId}`)).status).toBe(403);

		const token = statusUrl.split('/').at(-1)!;
		expect((await fetch(`${baseURL}/koeln/de/foerderung/antrag/${token}`)).status).toBe(404);
		expect((await fetch(`${baseURL}/koeln/de/foerderung/stadtteilfonds/neu`)).status).toBe(404);
		for (const guess of ['A'.repeat(43), 'kurz', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`])
			expect((await fetch(`${baseURL}/bottrop/de/foerderung/antrag/${guess}`)).status, guess).toBe(404);
	});

	it('a provider has no access to the fund', async () => {
		const provider = await new HttpClient(baseURL).signIn('bottrop', 'anbieter@bottrop.example');
		expect((await provider.get('/bottrop/intern/foerderung')).status).toBe(403);
		expect((await provider.get(fundUrl.replace(baseURL, ''))).status).toBe(403);
		expect((await provider.get(applicationUrl.replace(baseURL, ''))).status).toBe(403);
	});

	it('a council member reads the fund and the application, but finds no form to act with', async () => {
		const council = await (await newContext(browser)).newPage();
		await signIn(council, baseURL, 'bottrop', 'ausschuss@bottrop.example');
		await council.goto(fundUrl);
		await expectPageStructure(council);
		await expectAccessible(council);
		expect(await council.locator('main table tbody tr', { hasText: reference }).count()).toBe(1);
		expect(await council.locator('main form[method=POST]').count()).toBe(0);
		expect(await council.locator('main nav a:text-is("Briefvorlagen")').count()).toBe(0);
		await council.goto(applicationUrl);
		await expectAccessible(council);
		expect(await council.textContent('h1')).toBe(TITLE);
		expect(await council.locator('main form[method=POST]').count()).toBe(0);
		await council.goto(sessionUrl);
		expect(await council.locator('main form[method=POST]').count()).toBe(0);
		const forged = await council.context().request.post(`${fundUrl}?/session`, { form: { date: '2027-04-20', time: '17:00', location: 'Ratssaal' }, headers: { origin: baseURL }, maxRedirects: 0 });
		expect(forged.status()).toBe(403);
		await council.context().close();
	});
});
