import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, createMunicipality, contextFor, createUser, userWith, system, anonymous, caught, outbox, type TestWorld } from '../../test/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../core/errors.ts';
import { auditEvent, municipality } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { createOffer, updateOffer, submitOffer, returnOffer, publishOffer, unpublishOffer, saveTranslation, listOffers, getOffer, translationDashboard } from './service.ts';
import { createLocation, updateLocation } from './locations.ts';
import { ensureDefaultTaxonomies, listTerms } from './taxonomies.ts';
import { getPublicOffer, searchPublicOffers, reportWrongInformation, type PublicSearchParams } from './public.ts';
import type { SearchLanguage } from './search-text.ts';

let world: TestWorld;
let editorA: ServiceContext;
let sysA: ServiceContext;
let orgA: string;
let otherOrgA: string;
let orgB: string;
let orgTown: string;
let orgCounty: string;
let providerA: ServiceContext;
let altstadt: string;

async function org(m: Municipality, name: string) {
	const [row] = await world.db.insert(organization).values({ municipalityId: m.id, name, type: 'club' }).returning();
	return row!.id;
}

async function termId(m: Municipality, kind: string, code: string) {
	await ensureDefaultTaxonomies(world.db, m.id, world.clock.now());
	const t = (await listTerms(world.db, m.id)).find((x) => x.kind === kind && x.code === code);
	return t!.id;
}

const offer = (organizationId: string, overrides: Record<string, unknown> = {}) => ({
	organizationId,
	name: 'Sprachcafé Altstadt',
	description: 'Jeden Dienstag üben wir gemeinsam Deutsch bei Tee und Kuchen. Alle sind willkommen.',
	languages: ['de', 'tr'],
	free: 'on',
	schedules: [{ freq: 'weekly', interval: '1', byday: ['TU'], ordinal: '', dtstart: '2026-03-03', until: '', opensAt: '15:00', closesAt: '17:00', notes: '' }],
	...overrides
});

const search = (m: Municipality, lang: SearchLanguage, p: Partial<PublicSearchParams> = {}) =>
	searchPublicOffers(
		world.db,
		m,
		lang,
		{ text: '', category: '', targetGroup: '', immigrantGroup: '', offerType: '', offerLanguage: '', area: '', town: '', free: false, age: '', page: 1, ...p },
		world.clock.now()
	);
const names = async (m: Municipality, lang: SearchLanguage, p: Partial<PublicSearchParams> = {}) => (await search(m, lang, p)).results.map((r) => r.name.text).sort();

async function published(ctx: ServiceContext, values: Record<string, unknown>) {
	const created = await createOffer(ctx, values);
	await publishOffer(sysA.municipality.id === ctx.municipality.id ? sysA : contextFor(world, system, ctx.municipality), created.id);
	return created;
}

beforeAll(async () => {
	world = await createTestWorld();
	editorA = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
	sysA = contextFor(world, system, world.a);
	orgA = await org(world.a, 'Kulturverein Altstadt');
	otherOrgA = await org(world.a, 'Sportverein Nord');
	orgB = await org(world.b, 'Verein in Beispielstadt');
	orgTown = await org(world.town, 'Elternverein Musterdorf');
	orgCounty = await org(world.county, 'Integrationszentrum Kreis');
	providerA = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'], organizationIds: [orgA] }], { email: 'anbieterin@example.test' }), world.a);
	const [a] = await world.db.insert(area).values({ municipalityId: world.a.id, level: 'quarter', code: '11', name: 'Altstadt' }).returning();
	altstadt = a!.id;
});
afterAll(() => world?.close());

describe('providers and the editorial review', () => {
	it('a provider writes a draft for her own organization, never for another one', async () => {
		const draft = await createOffer(providerA, offer(orgA));
		expect(draft).toMatchObject({ reviewState: 'draft', published: null, organizationId: orgA });
		const refused = await caught(() => createOffer(providerA, offer(otherOrgA)));
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).fieldErrors.organizationId).toMatch(/keine Angebote anlegen/);
		expect((await listOffers(providerA)).map((o) => o.id)).toEqual([draft.id]);
	});

	it('submit → return with comments → resubmit → publish; mails reach editors and the provider', async () => {
		const draft = await createOffer(providerA, offer(orgA, { name: 'Hausaufgabenhilfe Altstadt' }));
		await submitOffer(providerA, draft.id);
		expect((await outbox(world.db)).some((m) => m.recipient === (editorA.actor as { email: string }).email && m.subject.includes('Hausaufgabenhilfe Altstadt'))).toBe(true);
		expect(await caught(() => submitOffer(providerA, draft.id))).toBeInstanceOf(ConflictError);
		expect(await caught(() => publishOffer(providerA, draft.id))).toBeInstanceOf(ForbiddenError);

		const tooShort = await caught(() => returnOffer(editorA, draft.id, { comment: 'nö' }));
		expect((tooShort as ValidationError).fieldErrors.comment).toBeTruthy();
		await returnOffer(editorA, draft.id, { comment: 'Bitte ergänzen Sie, für welche Klassen die Hilfe gedacht ist.' });
		const returned = await getOffer(providerA, draft.id);
		expect(returned.offer).toMatchObject({ reviewState: 'returned', reviewComment: 'Bitte ergänzen Sie, für welche Klassen die Hilfe gedacht ist.' });
		expect((await outbox(world.db)).some((m) => m.recipient === 'anbieterin@example.test' && m.textBody.includes('für welche Klassen'))).toBe(true);

		await updateOffer(providerA, draft.id, offer(orgA, { name: 'Hausaufgabenhilfe Altstadt', description: 'Hilfe bei den Hausaufgaben für die Klassen 1 bis 6, montags bis donnerstags.' }));
		await submitOffer(providerA, draft.id);
		const live = await publishOffer(editorA, draft.id);
		expect(live).toMatchObject({ reviewState: 'published', textVersion: 1 });
		expect(live.published!.description).toMatch(/Klassen 1 bis 6/);
		const actions = await world.db.select({ action: auditEvent.action }).from(auditEvent).where(eq(auditEvent.entityId, draft.id));
		expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['offer.create', 'offer.submit', 'offer.return', 'offer.update', 'offer.publish']));
	});

	it('the published version stays online while a change is under review', async () => {
		const live = await published(providerA, offer(orgA, { name: 'Müttercafé am Markt' }));
		await updateOffer(providerA, live.id, offer(orgA, { name: 'Müttercafé am Marktplatz' }));
		await submitOffer(providerA, live.id);
		const page = await getPublicOffer(world.db, world.a, live.id, 'de');
		expect(page.name.text).toBe('Müttercafé am Markt');
		expect(await names(world.a, 'de', { text: 'Müttercafé' })).toContain('Müttercafé am Markt');
		await publishOffer(editorA, live.id);
		expect((await getPublicOffer(world.db, world.a, live.id, 'de')).name.text).toBe('Müttercafé am Marktplatz');
	});

	it('a major change outdates translations; a change declared minor does not', async () => {
		const live = await published(providerA, offer(orgA, { name: 'Elterncafé Nord' }));
		await saveTranslation(editorA, live.id, 'en', { name: 'Parents’ café North', description: 'Every Tuesday we meet for tea and talk. Everybody is welcome.', machineMade: 'on' });
		expect((await getPublicOffer(world.db, world.a, live.id, 'en')).state).toBe('current');

		await updateOffer(providerA, live.id, { ...offer(orgA, { name: 'Elterncafé Nord' }), description: 'Jeden Dienstag üben wir gemeinsam Deutsch bei Tee und Kuchen. Alle sind herzlich willkommen.', minor: 'on' });
		await publishOffer(editorA, live.id);
		expect((await getPublicOffer(world.db, world.a, live.id, 'en')).state).toBe('current');

		await updateOffer(providerA, live.id, { ...offer(orgA, { name: 'Elterncafé Nord' }), description: 'Ab März treffen wir uns donnerstags im Gemeindehaus, mit Kinderbetreuung.' });
		const republished = await publishOffer(editorA, live.id);
		expect(republished.textVersion).toBe(2);
		const page = await getPublicOffer(world.db, world.a, live.id, 'en');
		expect(page).toMatchObject({ state: 'outdated', machineMade: true });
		expect(page.name).toEqual({ text: 'Parents’ café North', lang: 'en' });
		const dashboard = (await translationDashboard(editorA)).find((l) => l.language === 'en')!;
		expect(dashboard.outdated.map((o) => o.id)).toContain(live.id);
	});

	it('a missing translation shows the German source text, marked as such', async () => {
		const live = await published(providerA, offer(orgA, { name: 'Nähtreff für Frauen' }));
		const page = await getPublicOffer(world.db, world.a, live.id, 'ar');
		expect(page.state).toBe('missing');
		expect(page.name).toEqual({ text: 'Nähtreff für Frauen', lang: 'de' });
	});

	it('unpublishing takes an offer off the portal at once', async () => {
		const live = await published(providerA, offer(orgA, { name: 'Kochtreff International' }));
		expect(await caught(() => unpublishOffer(providerA, live.id))).toBeInstanceOf(ForbiddenError);
		await unpublishOffer(editorA, live.id);
		expect(await caught(() => getPublicOffer(world.db, world.a, live.id, 'de'))).toBeInstanceOf(NotFoundError);
		expect(await names(world.a, 'de', { text: 'Kochtreff' })).toEqual([]);
	});

	it('inactive offers are not shown; temporarily closed ones are', async () => {
		const closed = await published(providerA, offer(orgA, { name: 'Schachtreff Ost', status: 'temporarily closed' }));
		const inactive = await published(providerA, offer(orgA, { name: 'Schachtreff West', status: 'inactive' }));
		expect(await names(world.a, 'de', { text: 'Schachtreff' })).toEqual(['Schachtreff Ost']);
		expect((await getPublicOffer(world.db, world.a, closed.id, 'de')).status).toBe('temporarily closed');
		expect(await caught(() => getPublicOffer(world.db, world.a, inactive.id, 'de'))).toBeInstanceOf(NotFoundError);
	});
});

describe('bad input', () => {
	it.each([
		{ field: 'name', values: { name: 'X' }, message: /Titel/ },
		{ field: 'description', values: { description: 'Kurz.' }, message: /mindestens 20 Zeichen/ },
		{ field: 'description', values: { description: 'Hallo <script>alert(1)</script> und noch mehr Text dazu.' }, message: /Zeile 1/ },
		{ field: 'description', values: { description: 'Siehe [hier](javascript:alert(1)) für mehr Informationen.' }, message: /Zeile 1/ },
		{ field: 'email', values: { email: 'keine-adresse' }, message: /E-Mail/ },
		{ field: 'url', values: { url: 'javascript:alert(1)' }, message: /https:\/\// },
		{ field: 'phone', values: { phone: 'ruf an!' }, message: /Telefonnummer/ },
		{ field: 'languages', values: { languages: [] }, message: /mindestens eine Sprache/ },
		{ field: 'maximumAge', values: { minimumAge: '12', maximumAge: '6' }, message: /unter dem Mindestalter/ },
		{ field: 'minimumAge', values: { minimumAge: 'zwölf' }, message: /ganze Zahl/ },
		{ field: 'schedules.0.closesAt', values: { schedules: [{ freq: 'weekly', interval: '1', byday: ['MO'], ordinal: '', dtstart: '2026-03-02', until: '', opensAt: '17:00', closesAt: '15:00', notes: '' }] }, message: /./ },
		{ field: 'schedules.0.dtstart', values: { schedules: [{ freq: 'weekly', interval: '1', byday: ['MO'], ordinal: '', dtstart: '2026-02-30', until: '', opensAt: '15:00', closesAt: '17:00', notes: '' }] }, message: /./ }
	])('$field: $message', async ({ field, values, message }) => {
		const e = await caught(() => createOffer(providerA, offer(orgA, values)));
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).fieldErrors[field]).toMatch(message);
	});

	it('ids of another municipality are refused in the content (terms, areas, venues)', async () => {
		const foreignTerm = await termId(world.b, 'category', 'sprache');
		const e = await caught(() => createOffer(providerA, offer(orgA, { termIds: [foreignTerm] })));
		expect((e as ValidationError).fieldErrors.termIds).toBeTruthy();
		const venueOfOtherOrg = await createLocation(editorA, { organizationId: otherOrgA, name: 'Turnhalle Nord', street: 'Nordstraße 1', postalCode: '12345', city: 'Musterstadt' });
		const e2 = await caught(() => createOffer(providerA, offer(orgA, { locationIds: [venueOfOtherOrg.id] })));
		expect((e2 as ValidationError).fieldErrors.locationIds).toMatch(/Träger/);
	});

	it.each([
		{ values: { latitude: '51,5', longitude: '' }, field: 'longitude' },
		{ values: { latitude: '151.5', longitude: '6.9' }, field: 'latitude' },
		{ values: { latitude: 'Nord', longitude: '6.9' }, field: 'latitude' },
		{ values: { postalCode: '4623' }, field: 'postalCode' }
	])('venue $field is checked', async ({ values, field }) => {
		const e = await caught(() => createLocation(providerA, { organizationId: orgA, name: 'Stadtteilbüro', street: 'Marktstraße 3', postalCode: '46236', city: 'Bottrop', ...values }));
		expect((e as ValidationError).fieldErrors[field]).toBeTruthy();
	});

	it('a decimal comma is accepted for coordinates', async () => {
		const venue = await createLocation(providerA, { organizationId: orgA, name: 'Stadtteilbüro', street: 'Marktstraße 3', postalCode: '46236', city: 'Bottrop', latitude: '51,5237', longitude: '6,9285', areaId: altstadt });
		expect(venue).toMatchObject({ latitude: 51.5237, longitude: 6.9285, areaId: altstadt });
	});
});

describe('tenancy and authorization', () => {
	it('an offer of another municipality is not found, for staff and on the portal', async () => {
		const providerB = contextFor(world, await createUser(world, [{ in: world.b, roles: ['provider'], organizationIds: [orgB] }]), world.b);
		const theirs = await createOffer(providerB, offer(orgB, { name: 'Sprachkurs Beispielstadt' }));
		await publishOffer(contextFor(world, system, world.b), theirs.id);
		expect(await caught(() => getOffer(editorA, theirs.id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => updateOffer(editorA, theirs.id, offer(orgB)))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => publishOffer(editorA, theirs.id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => saveTranslation(editorA, theirs.id, 'en', { name: 'Language course', description: 'A language course in another town, not ours.' }))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => getPublicOffer(world.db, world.a, theirs.id, 'de'))).toBeInstanceOf(NotFoundError);
		expect(await names(world.a, 'de', { text: 'Beispielstadt' })).toEqual([]);
		expect(await caught(() => getOffer(editorA, 'not-a-uuid'))).toBeInstanceOf(NotFoundError);
	});

	it('a provider cannot read or change the offers of another organization', async () => {
		const editorsOwn = await createOffer(editorA, offer(otherOrgA, { name: 'Fußball für alle' }));
		expect(await caught(() => getOffer(providerA, editorsOwn.id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => updateOffer(providerA, editorsOwn.id, offer(otherOrgA)))).toBeInstanceOf(NotFoundError);
		const venue = await createLocation(editorA, { organizationId: otherOrgA, name: 'Sportplatz', street: 'Am Platz 1', postalCode: '12345', city: 'Musterstadt' });
		expect(await caught(() => updateLocation(providerA, venue.id, { name: 'Meins', street: 'Am Platz 1', postalCode: '12345', city: 'Musterstadt' }))).toBeInstanceOf(NotFoundError);
	});

	it.each(['jury_member', 'case_manager', 'council_member', 'statistics_office'] as const)('%s has no access to the offers of the back office', async (role) => {
		const ctx = contextFor(world, await userWith(world, world.a, role), world.a);
		expect(await caught(() => listOffers(ctx))).toBeInstanceOf(ForbiddenError);
		expect(await caught(() => createOffer(ctx, offer(orgA)))).toBeInstanceOf(ForbiddenError);
	});

	it('anonymous visitors cannot use the back office services', async () => {
		expect(await caught(() => listOffers(contextFor(world, anonymous, world.a)))).toBeInstanceOf(UnauthenticatedError);
	});

	it('a Kreis portal shows its member towns’ offers, filterable by town; a town does not show the Kreis’s', async () => {
		const townOffer = await published(contextFor(world, system, world.town), offer(orgTown, { name: 'Sprachcafé Musterdorf' }));
		await published(contextFor(world, system, world.county), offer(orgCounty, { name: 'Sprachcafé im Kreishaus' }));
		expect(await names(world.county, 'de', { text: 'Sprachcafé' })).toEqual(['Sprachcafé Musterdorf', 'Sprachcafé im Kreishaus']);
		expect(await names(world.county, 'de', { text: 'Sprachcafé', town: 'musterdorf' })).toEqual(['Sprachcafé Musterdorf']);
		expect(await names(world.town, 'de', { text: 'Sprachcafé' })).toEqual(['Sprachcafé Musterdorf']);
		expect((await getPublicOffer(world.db, world.county, townOffer.id, 'de')).town).toMatchObject({ slug: 'musterdorf' });
	});
});

describe('public search', () => {
	let bottrop: Municipality;
	let sprachkurs: string;
	beforeAll(async () => {
		bottrop = await createMunicipality(world.db, { slug: 'suchstadt', name: 'Suchstadt', ags: '05999050' });
		await world.db.update(municipality).set({ enabledLanguages: ['de', 'en', 'ar', 'tr'] }).where(eq(municipality.id, bottrop.id));
		bottrop = { ...bottrop, enabledLanguages: ['de', 'en', 'ar', 'tr'] };
		const ctx = contextFor(world, system, bottrop);
		const o = await org(bottrop, 'Volkshochschule');
		const frauen = await termId(bottrop, 'target_group', 'frauen');
		const sprache = await termId(bottrop, 'category', 'sprache');
		const schule = await termId(bottrop, 'category', 'schule');
		const s = await createOffer(ctx, offer(o, { name: 'Deutsch-Sprachkurs am Vormittag', description: 'Ein Kurs für Anfängerinnen und Anfänger, mit Kinderbetreuung im Haus.', termIds: [sprache], languages: ['de'], free: '' }));
		await publishOffer(ctx, s.id);
		sprachkurs = s.id;
		await publishOffer(ctx, (await createOffer(ctx, offer(o, { name: 'Sprachkurse für Frauen', description: 'Lernen in kleinen Gruppen nur für Frauen, am Nachmittag.', termIds: [sprache, frauen], languages: ['de', 'ar'] }))).id);
		await publishOffer(ctx, (await createOffer(ctx, offer(o, { name: 'Hausaufgabenhilfe für Grundschulkinder', description: 'Ehrenamtliche helfen Kindern nach der Schule bei den Hausaufgaben.', termIds: [schule], minimumAge: '6', maximumAge: '10', languages: ['de'] }))).id);
		await publishOffer(ctx, (await createOffer(ctx, offer(o, { name: 'Beratung für Geflüchtete', description: 'Fragen zu Aufenthalt, Wohnung und Arbeit: Wir beraten vertraulich.', languages: ['de', 'fa', 'ar'] }))).id);
		await saveTranslation(ctx, sprachkurs, 'ar', { name: 'دورة اللغة الألمانية صباحاً', description: 'دورة للمبتدئين والمبتدئات، مع رعاية للأطفال في المبنى.' });
	});

	it.each([
		{ query: 'Deutschkurs', expected: ['Deutsch-Sprachkurs am Vormittag', 'Sprachkurse für Frauen'] },
		{ query: 'Sprachkurs', expected: ['Deutsch-Sprachkurs am Vormittag', 'Sprachkurse für Frauen'] },
		{ query: 'sprachkurse frauen', expected: ['Sprachkurse für Frauen'] },
		{ query: 'Hausaufgaben', expected: ['Hausaufgabenhilfe für Grundschulkinder'] },
		{ query: 'Hausaufgabenhilfe', expected: ['Hausaufgabenhilfe für Grundschulkinder'] },
		{ query: 'Hausaufgabenhilfr', expected: ['Hausaufgabenhilfe für Grundschulkinder'] },
		{ query: 'Beratnug', expected: ['Beratung für Geflüchtete'] },
		{ query: 'Geflüchtete', expected: ['Beratung für Geflüchtete'] },
		{ query: 'Steuererklärung', expected: [] },
		{ query: "'; drop table offers_service; --", expected: [] },
		{ query: 'a & !b | (c', expected: [] }
	])('"$query" (German)', async ({ query, expected }) => {
		expect(await names(bottrop, 'de', { text: query })).toEqual(expected);
	});

	it('Arabic: the translation is found by Arabic words, untranslated offers by German words', async () => {
		const byArabic = await search(bottrop, 'ar', { text: 'الألمانية' });
		expect(byArabic.results.map((r) => r.id)).toEqual([sprachkurs]);
		expect(byArabic.results[0]!.name.lang).toBe('ar');
		const byGerman = await search(bottrop, 'ar', { text: 'Hausaufgaben' });
		expect(byGerman.results.map((r) => r.name)).toEqual([{ text: 'Hausaufgabenhilfe für Grundschulkinder', lang: 'de' }]);
		expect(byGerman.results[0]!.state).toBe('missing');
	});

	it.each([
		{ p: { category: 'sprache' }, expected: ['Deutsch-Sprachkurs am Vormittag', 'Sprachkurse für Frauen'] },
		{ p: { category: 'sprache', targetGroup: 'frauen' }, expected: ['Sprachkurse für Frauen'] },
		{ p: { offerLanguage: 'fa' }, expected: ['Beratung für Geflüchtete'] },
		{ p: { free: true, category: 'sprache' }, expected: ['Sprachkurse für Frauen'] },
		{ p: { age: '8', category: 'schule' }, expected: ['Hausaufgabenhilfe für Grundschulkinder'] },
		{ p: { age: '12', category: 'schule' }, expected: [] },
		{ p: { category: 'gibt-es-nicht' }, expected: ['Beratung für Geflüchtete', 'Deutsch-Sprachkurs am Vormittag', 'Hausaufgabenhilfe für Grundschulkinder', 'Sprachkurse für Frauen'] }
	])('filters $p', async ({ p, expected }) => {
		expect(await names(bottrop, 'de', p)).toEqual(expected);
	});

	it('pages through the results', async () => {
		const all = await search(bottrop, 'de');
		expect(all.total).toBe(4);
		expect(all.pageCount).toBe(1);
		const far = await search(bottrop, 'de', { page: 99 });
		expect(far.results).toEqual([]);
	});

	it('a report of wrong information is stored, audited and mailed to the office', async () => {
		const ctx = contextFor(world, anonymous, bottrop);
		await reportWrongInformation(ctx, sprachkurs, { message: 'Der Kurs findet jetzt im Raum 3 statt, nicht mehr im Keller.', email: '' }, 'de');
		const mails = await outbox(world.db);
		expect(mails.some((m) => m.recipient === bottrop.email && m.textBody.includes('Raum 3'))).toBe(true);
		const [event] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, sprachkurs), eq(auditEvent.action, 'offer_report.create')));
		expect(event).toBeTruthy();
		const e = await caught(() => reportWrongInformation(ctx, sprachkurs, { message: 'kurz' }, 'de'));
		expect((e as ValidationError).fieldErrors.message).toBe('description_short');
	});
});
