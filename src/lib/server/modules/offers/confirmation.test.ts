import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, createUser, userWith, caught, outbox, TEST_NOW, type TestWorld } from '../../test/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { auditEvent } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { organization } from '../organizations/schema.ts';
import { createOffer, publishOffer } from './service.ts';
import { ensureDefaultTaxonomies, listTerms } from './taxonomies.ts';
import { getPublicOffer, searchPublicOffers, reportWrongInformation } from './public.ts';
import { hsdsServices } from './hsds.ts';
import { offerConfirmation, service } from './schema.ts';
import {
	addMonths,
	confirmationState,
	confirmOffers,
	confirmationOverview,
	getOfferSettings,
	runConfirmationDuties,
	updateOfferSettings,
	DEFAULT_OFFER_SETTINGS,
	type ConfirmationStatus
} from './confirmation.ts';
import { participationReport } from './participation.ts';
import { listOfferReports, countOpenOfferReports, resolveOfferReport } from './reports.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('addMonths', () => {
	it.each([
		['2026-03-02T09:00:00.000Z', 12, '2027-03-02T09:00:00.000Z'],
		['2026-01-31T10:00:00.000Z', 1, '2026-02-28T10:00:00.000Z'],
		['2027-12-31T10:00:00.000Z', 2, '2028-02-29T10:00:00.000Z'],
		['2026-08-31T22:30:00.000Z', 6, '2027-02-28T22:30:00.000Z'],
		['2026-05-15T00:00:00.000Z', 36, '2029-05-15T00:00:00.000Z'],
		['2026-11-30T12:00:00.000Z', 3, '2027-02-28T12:00:00.000Z']
	])('%s + %i months = %s (end of month clamped)', (from, months, expected) => {
		expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
	});
});

describe('confirmationState', () => {
	const due = new Date('2027-03-02T09:00:00.000Z');
	const at = (days: number) => new Date(due.getTime() + days * DAY);
	it.each<[string, ConfirmationStatus, { isPublished: boolean; confirmationDueAt: Date | null; hiddenAt: Date | null }, Date]>([
		['never published', 'unpublished', { isPublished: false, confirmationDueAt: null, hiddenAt: null }, at(0)],
		['published, due far away', 'current', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(-200)],
		['one day before the reminder window', 'current', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(-29)],
		['first day of the reminder window (28 days)', 'due_soon', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(-28)],
		['the last minute before the due date', 'due_soon', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, new Date(due.getTime() - 60_000)],
		['on the due date', 'overdue', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(0)],
		['within the grace period', 'overdue', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(41)],
		['past the grace period but not yet hidden by the duty', 'overdue', { isPublished: true, confirmationDueAt: due, hiddenAt: null }, at(60)],
		['hidden by the duty', 'hidden', { isPublished: true, confirmationDueAt: due, hiddenAt: at(43) }, at(50)]
	])('%s → %s', (_label, status, offer, now) => {
		const state = confirmationState(offer, DEFAULT_OFFER_SETTINGS, now);
		expect(state.status).toBe(status);
		if (status !== 'unpublished') expect(state.hideAt!.toISOString()).toBe(at(42).toISOString());
	});

	it('no reminder window when the lead time is 0', () => {
		expect(confirmationState({ isPublished: true, confirmationDueAt: due, hiddenAt: null }, { ...DEFAULT_OFFER_SETTINGS, reminderLeadDays: 0 }, at(-1)).status).toBe('current');
	});
});

describe('yearly confirmation against the database', () => {
	let world: TestWorld;
	let editor: ServiceContext;
	let provider: ServiceContext;
	let strangerProvider: ServiceContext;
	let orgId: string;
	let otherOrgId: string;
	let categoryIds: string[];

	async function org(m: Municipality, name: string) {
		const [row] = await world.db.insert(organization).values({ municipalityId: m.id, name, type: 'club' }).returning();
		return row!.id;
	}
	async function publish(ctx: ServiceContext, organizationId: string, name: string, termIds = categoryIds.slice(0, 1)) {
		const created = await createOffer(ctx, { organizationId, name, description: 'Ein Angebot, das es wirklich gibt, jeden Montag im Stadtteilzentrum.', languages: ['de'], termIds });
		return publishOffer(editor, created.id);
	}
	const searchNames = async () =>
		(
			await searchPublicOffers(
				world.db,
				world.a,
				'de',
				{ text: '', category: '', targetGroup: '', immigrantGroup: '', offerType: '', offerLanguage: '', area: '', town: '', free: false, age: '', page: 1 },
				world.clock.now()
			)
		).results.map((r) => r.name.text);
	const duties = () => runConfirmationDuties({ db: world.db, mail: world.mail, clock: world.clock, origin: 'https://teilhabe.test' });

	beforeAll(async () => {
		world = await createTestWorld();
		editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		orgId = await org(world.a, 'Nachbarschaftsverein Nord');
		otherOrgId = await org(world.a, 'Elterncafé Süd');
		provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [orgId] }], { email: 'traegerin@example.test' }), world.a);
		strangerProvider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [otherOrgId] }]), world.a);
		await ensureDefaultTaxonomies(world.db, world.a.id, world.clock.now());
		categoryIds = (await listTerms(world.db, world.a.id)).filter((t) => t.kind === 'category').map((t) => t.id);
	});
	afterAll(() => world?.close());

	it('publishing sets the due date one interval ahead and logs the confirmation with the categories', async () => {
		const live = await publish(provider, orgId, 'Sprachcafé Nord', categoryIds.slice(0, 3));
		expect(live.confirmedAt!.toISOString()).toBe(TEST_NOW);
		expect(live.confirmationDueAt!.toISOString()).toBe('2027-03-02T09:00:00.000Z');
		const log = await world.db.select().from(offerConfirmation).where(eq(offerConfirmation.serviceId, live.id));
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({ kind: 'publish', organizationId: orgId });
		expect([...log[0]!.categoryIds].sort()).toEqual(categoryIds.slice(0, 3).sort());
	});

	it('providers confirm only their own organization’s published offers; bad ids are refused as a whole', async () => {
		const mine = await publish(provider, orgId, 'Hausaufgabenhilfe Nord');
		const theirs = await publish(strangerProvider, otherOrgId, 'Müttercafé Süd');
		const draft = await createOffer(provider, { organizationId: orgId, name: 'Noch ein Entwurf', description: 'Dieser Text ist noch nicht fertig, aber lang genug.', languages: ['de'], termIds: categoryIds.slice(0, 1) });
		expect(await caught(() => confirmOffers(provider, { ids: [theirs.id] }))).toBeInstanceOf(ForbiddenError);
		expect(await caught(() => confirmOffers(provider, { ids: [mine.id, theirs.id] }))).toBeInstanceOf(ForbiddenError);
		expect(await caught(() => confirmOffers(provider, { ids: [draft.id] }))).toBeInstanceOf(ConflictError);
		expect(await caught(() => confirmOffers(provider, { ids: ['nicht-da'] }))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => confirmOffers(provider, { ids: [] }))).toBeInstanceOf(ValidationError);
		const foreign = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect(await caught(() => confirmOffers(foreign, { ids: [mine.id] }))).toBeInstanceOf(NotFoundError);
		// nothing was written by the refused attempts
		expect((await world.db.select().from(offerConfirmation).where(eq(offerConfirmation.serviceId, mine.id))).map((c) => c.kind)).toEqual(['publish']);

		world.clock.advance(30 * DAY);
		expect(await confirmOffers(provider, { ids: [mine.id] })).toBe(1);
		const [row] = await world.db.select().from(service).where(eq(service.id, mine.id));
		expect(row!.confirmationDueAt!.toISOString()).toBe(addMonths(world.clock.now(), 12).toISOString());
		expect(await confirmOffers(editor, { ids: [theirs.id] })).toBe(1);
		const audit = await world.db.select().from(auditEvent).where(eq(auditEvent.entityId, mine.id));
		expect(audit.map((a) => a.action)).toContain('offer.confirm');

		const overview = await confirmationOverview(provider);
		expect(overview.rows.map((r) => r.name).sort()).toEqual(['Hausaufgabenhilfe Nord', 'Sprachcafé Nord']);
		expect(overview.rows.every((r) => r.state.status === 'current')).toBe(true);
		expect((await confirmationOverview(editor)).rows.map((r) => r.name)).toContain('Müttercafé Süd');
	});

	it('reminds ahead of time once, then warns provider and editors, then hides the offer until it is confirmed', async () => {
		world.clock.set(TEST_NOW);
		const live = await publish(provider, orgId, 'Beratung für Neuzugewanderte');
		await duties(); // settle the offers of the other tests at this moment
		const dueAt = live.confirmationDueAt!;
		const mailsTo = async (to: string, subject: RegExp) => (await outbox(world.db)).filter((m) => m.recipient === to && subject.test(m.subject));
		const editorEmail = (editor.actor as { email: string }).email;

		world.clock.set(new Date(dueAt.getTime() - 20 * DAY));
		const first = await duties();
		expect(first.reminded).toBeGreaterThanOrEqual(1);
		const reminders = await mailsTo('traegerin@example.test', /^Bitte bestätigen/);
		expect(reminders).toHaveLength(1);
		expect(reminders[0]!.textBody).toContain('Beratung für Neuzugewanderte');
		expect(reminders[0]!.textBody).toContain('https://teilhabe.test/musterstadt/intern/angebote/bestaetigen');
		await duties();
		expect(await mailsTo('traegerin@example.test', /^Bitte bestätigen/)).toHaveLength(1);

		world.clock.set(new Date(dueAt.getTime() + DAY));
		await duties();
		expect(await mailsTo('traegerin@example.test', /^Bestätigung überfällig/)).toHaveLength(1);
		const digest = await mailsTo(editorEmail, /nicht bestätigt/);
		expect(digest).toHaveLength(1);
		expect(digest[0]!.textBody).toContain('Beratung für Neuzugewanderte – Nachbarschaftsverein Nord');
		await duties();
		expect(await mailsTo(editorEmail, /nicht bestätigt/)).toHaveLength(1);
		expect(await searchNames()).toContain('Beratung für Neuzugewanderte');

		world.clock.set(new Date(dueAt.getTime() + 43 * DAY));
		const hiding = await duties();
		expect(hiding.hidden).toBeGreaterThanOrEqual(1);
		expect(await searchNames()).not.toContain('Beratung für Neuzugewanderte');
		expect(await caught(() => getPublicOffer(world.db, world.a, live.id, 'de'))).toBeInstanceOf(NotFoundError);
		expect((await hsdsServices(world.db, world.a)).contents.map((s) => s.id)).not.toContain(live.id);
		expect(await mailsTo('traegerin@example.test', /^Nicht mehr im Wegweiser/)).toHaveLength(1);
		const hiddenRow = (await confirmationOverview(provider)).rows.find((r) => r.id === live.id)!;
		expect(hiddenRow.state.status).toBe('hidden');
		const audit = await world.db.select().from(auditEvent).where(eq(auditEvent.entityId, live.id));
		expect(audit.find((a) => a.action === 'offer.hide_unconfirmed')?.actorLabel).toMatch(/Aktualitätsprüfung/);

		await confirmOffers(provider, { ids: [live.id] });
		expect(await searchNames()).toContain('Beratung für Neuzugewanderte');
		expect((await getPublicOffer(world.db, world.a, live.id, 'de')).name.text).toBe('Beratung für Neuzugewanderte');
		expect((await confirmationOverview(provider)).rows.find((r) => r.id === live.id)!.state.status).toBe('current');
	});

	it('the rules can be changed by editors only, with clear messages; due dates follow', async () => {
		world.clock.set(TEST_NOW);
		const live = await publish(provider, orgId, 'Sportgruppe für Frauen');
		expect(await caught(() => updateOfferSettings(provider, { confirmationIntervalMonths: 6, reminderLeadDays: 14, graceDays: 30 }))).toBeInstanceOf(ForbiddenError);
		const bad = await caught(() => updateOfferSettings(editor, { confirmationIntervalMonths: '0', reminderLeadDays: 'viele', graceDays: '400' }));
		expect(bad).toBeInstanceOf(ValidationError);
		expect((bad as ValidationError).fieldErrors).toMatchObject({
			confirmationIntervalMonths: 'den Abstand in Monaten muss mindestens 1 sein.',
			reminderLeadDays: 'Bitte geben Sie die Vorlaufzeit in Tagen als ganze Zahl an.',
			graceDays: 'die Nachfrist in Tagen darf höchstens 365 sein.'
		});
		const leadTooLong = await caught(() => updateOfferSettings(editor, { confirmationIntervalMonths: '1', reminderLeadDays: '60', graceDays: '10' }));
		expect((leadTooLong as ValidationError).fieldErrors.reminderLeadDays).toMatch(/innerhalb des Bestätigungszeitraums/);
		expect(await getOfferSettings(world.db, world.a.id)).toEqual(DEFAULT_OFFER_SETTINGS);

		await updateOfferSettings(editor, { confirmationIntervalMonths: '6', reminderLeadDays: '14', graceDays: '30' });
		expect(await getOfferSettings(world.db, world.a.id)).toEqual({ confirmationIntervalMonths: 6, reminderLeadDays: 14, graceDays: 30 });
		const [row] = await world.db.select().from(service).where(eq(service.id, live.id));
		expect(row!.confirmationDueAt!.toISOString()).toBe('2026-09-02T09:00:00.000Z');
		// other municipalities keep their own rules
		expect(await getOfferSettings(world.db, world.b.id)).toEqual(DEFAULT_OFFER_SETTINGS);
		await updateOfferSettings(editor, { confirmationIntervalMonths: '12', reminderLeadDays: '28', graceDays: '42' });
	});
});

describe('participation figures for the annual report', () => {
	let world: TestWorld;
	let editor: ServiceContext;
	const orgs: Record<string, string> = {};
	let categories: { id: string; name: string }[];

	async function offerOf(orgName: string, name: string, termIds: string[]) {
		const created = await createOffer(editor, { organizationId: orgs[orgName]!, name, description: 'Ein Angebot mit einer ausreichend langen Beschreibung.', languages: ['de'], termIds });
		return publishOffer(editor, created.id);
	}

	beforeAll(async () => {
		world = await createTestWorld();
		editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		for (const name of ['AWO Ortsverein', 'Caritas Beratung', 'Kulturverein Anadolu', 'Stadtsportbund'])
			orgs[name] = (await world.db.insert(organization).values({ municipalityId: world.a.id, name, type: 'club' }).returning())[0]!.id;
		await ensureDefaultTaxonomies(world.db, world.a.id, world.clock.now());
		categories = (await listTerms(world.db, world.a.id)).filter((t) => t.kind === 'category').map((t) => ({ id: t.id, name: t.name }));

		// 2025: AWO (2 offers, 3 categories in all), Caritas (1 category), Kulturverein (1)
		world.clock.set('2025-02-10T10:00:00.000Z');
		const awo1 = await offerOf('AWO Ortsverein', 'Migrationsberatung', [categories[0]!.id, categories[1]!.id]);
		await offerOf('AWO Ortsverein', 'Seniorentreff', [categories[2]!.id]);
		const caritas = await offerOf('Caritas Beratung', 'Flüchtlingsberatung', [categories[0]!.id]);
		await offerOf('Kulturverein Anadolu', 'Folkloregruppe', [categories[3]!.id]);
		// 2026: AWO and Caritas confirm, the Kulturverein does not; the Stadtsportbund joins.
		world.clock.set('2026-04-01T10:00:00.000Z');
		await confirmOffers(editor, { ids: [awo1.id, caritas.id] });
		await offerOf('Stadtsportbund', 'Schwimmkurs für Frauen', [categories[4]!.id, categories[5]!.id]);
		// Late on New Year's Eve in Berlin is still the old year (UTC is an hour behind).
		world.clock.set('2025-12-31T22:30:00.000Z');
		await offerOf('Stadtsportbund', 'Silvesterlauf', [categories[4]!.id]);
		world.clock.set('2026-11-22T10:00:00.000Z');
	});
	afterAll(() => world?.close());

	it('counts the organizations of a year, names arrivals and departures, and the spectrum of categories', async () => {
		const report = await participationReport(editor, 2026);
		expect(report.provisional).toBe(true);
		expect(report.organizations.map((o) => o.name)).toEqual(['AWO Ortsverein', 'Caritas Beratung', 'Stadtsportbund']);
		const awo = report.organizations.find((o) => o.name === 'AWO Ortsverein')!;
		// only the confirmed offer counts in 2026: its two categories
		expect(awo).toMatchObject({ offers: 1 });
		expect(awo.categories).toEqual([categories[0]!.name, categories[1]!.name].sort((a, b) => a.localeCompare(b, 'de')));
		expect(report.categoryTotal).toBe(categories.length);
		expect(report.spectrum).toEqual({ min: 1, max: 2 });
		expect(report.arrivals.map((o) => o.name)).toEqual([]);
		expect(report.departures.map((o) => o.name)).toEqual(['Kulturverein Anadolu']);
		expect(report.previousCount).toBe(4);
		expect(report.timeline).toEqual([
			{ year: 2025, count: 4 },
			{ year: 2026, count: 3 }
		]);
		expect(report.byCategory[0]).toEqual({ name: categories[0]!.name, organizations: 2 });
	});

	it('the year before: everyone is an arrival, nobody left; the Silvesterlauf counts for 2025', async () => {
		const report = await participationReport(editor, 2025);
		expect(report.provisional).toBe(false);
		expect(report.arrivals.map((o) => o.name)).toEqual(['AWO Ortsverein', 'Caritas Beratung', 'Kulturverein Anadolu', 'Stadtsportbund']);
		expect(report.departures).toEqual([]);
		expect(report.organizations.find((o) => o.name === 'AWO Ortsverein')!.categories).toHaveLength(3);
		expect(report.timeline).toEqual([{ year: 2025, count: 4 }]);
	});

	it('refuses years in the future and readers without the right', async () => {
		expect(await caught(() => participationReport(editor, 2027))).toBeInstanceOf(ValidationError);
		const provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [orgs['AWO Ortsverein']!] }]), world.a);
		expect(await caught(() => participationReport(provider, 2026))).toBeInstanceOf(ForbiddenError);
		const other = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect((await participationReport(other, 2026)).organizations).toEqual([]);
	});
});

describe('reports of wrong information', () => {
	let world: TestWorld;
	let editor: ServiceContext;

	beforeAll(async () => {
		world = await createTestWorld();
		editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
	});
	afterAll(() => world?.close());

	it('editors see open reports, close them with a note, and the sender’s address is erased', async () => {
		const [org] = await world.db.insert(organization).values({ municipalityId: world.a.id, name: 'Verein', type: 'club' }).returning();
		await ensureDefaultTaxonomies(world.db, world.a.id, world.clock.now());
		const cat = (await listTerms(world.db, world.a.id)).find((t) => t.kind === 'category')!;
		const created = await createOffer(editor, { organizationId: org!.id, name: 'Nähcafé', description: 'Wir nähen zusammen, jeden Mittwoch ab 10 Uhr im Gemeindehaus.', languages: ['de'], termIds: [cat.id] });
		await publishOffer(editor, created.id);
		const visitor = contextFor(world, { kind: 'anonymous' }, world.a);
		await reportWrongInformation(visitor, created.id, { message: 'Das Nähcafé ist jetzt donnerstags.', email: 'besucherin@example.test' }, 'de');

		expect(await countOpenOfferReports(editor)).toBe(1);
		const [open] = await listOfferReports(editor, { open: true });
		expect(open).toMatchObject({ offerName: 'Nähcafé', email: 'besucherin@example.test', resolvedAt: null });
		expect(await listOfferReports(editor, { open: true, serviceId: created.id })).toHaveLength(1);

		const provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [org!.id] }]), world.a);
		expect(await caught(() => listOfferReports(provider, { open: true }))).toBeInstanceOf(ForbiddenError);
		const foreign = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect(await listOfferReports(foreign, { open: true })).toEqual([]);
		expect(await caught(() => resolveOfferReport(foreign, open!.id, { resolution: 'Erledigt' }))).toBeInstanceOf(NotFoundError);
		expect(((await caught(() => resolveOfferReport(editor, open!.id, { resolution: '' }))) as ValidationError).fieldErrors.resolution).toMatch(/notieren/);

		await resolveOfferReport(editor, open!.id, { resolution: 'Termin auf Donnerstag geändert.' });
		expect(await countOpenOfferReports(editor)).toBe(0);
		const [done] = await listOfferReports(editor, { open: false });
		expect(done).toMatchObject({ email: '', resolution: 'Termin auf Donnerstag geändert.' });
		expect(done!.resolvedBy).toBeTruthy();
		expect(await caught(() => resolveOfferReport(editor, open!.id, { resolution: 'Nochmal' }))).toBeInstanceOf(ConflictError);
		const audit = await world.db.select().from(auditEvent).where(eq(auditEvent.action, 'offer_report.resolve'));
		expect(audit[0]!.after).toMatchObject({ emailErased: true });
	});
});
