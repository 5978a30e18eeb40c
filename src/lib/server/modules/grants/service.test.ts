/**
 * Service tests of the Verfügungsfonds against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL),
 * following the Bottrop guideline: 15.000 € a year, 1.500 € per project (2.000 € for cooperation projects),
 * deadlines 01.04. and 01.10. (counting until 23:59:59 in Berlin), simple majority of the members present.
 *
 * The test clock moves: every describe sets it where its story happens (Berlin wall-clock time, see `at`).
 * Every describe sets up its own municipality and fund, so that agendas, references and ledgers of one story
 * never leak into another. Tests inside a describe build on each other in the order written.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, caught, contextFor, createMunicipality, createUser, outbox, userWith, type TestWorld, createTestWorld } from '../../test/factories.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../core/errors.ts';
import { startOfBerlinDay } from '../../core/clock.ts';
import { auditEvent } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import type { Role } from '../../core/roles.ts';
import { application, applicationStep, fundYear, guideline, juryMember, ledgerEntry, letter, round, sessionItem, vote } from './schema.ts';
import type { Fund } from './common.ts';
import { bottropFund } from './defaults.ts';
import { DEFAULT_GOALS, type NewFund } from './funds.ts';
import { PRECHECK_CRITERIA } from './rules.ts';
import {
	addGuidelineVersion,
	addJuryMember,
	applicantView,
	castVote,
	checkReceipt,
	closeSession,
	completeSettlement,
	createFund,
	createSession,
	forwardToJury,
	fundOverview,
	grantApplication,
	ledgerEntries,
	ledgerForYear,
	listJury,
	officeView,
	payAdvance,
	recordRefund,
	rejectAfterPrecheck,
	rejectApplication,
	requestRevision,
	savePrecheck,
	saveApplication,
	sessionView,
	setAttendance,
	setProposal,
	setRecusal,
	startApplication,
	submitApplication,
	submitSettlement,
	uploadDocument,
	withdrawApplication
} from './index.ts';

let world: TestWorld;
beforeAll(async () => {
	world = await createTestWorld();
});
afterAll(() => world?.close());

// ---------------------------------------------------------------- helpers

/** An instant given as Berlin wall-clock time (never on a DST switch day). */
function berlin(date: string, time = '10:00'): Date {
	const [h, m, s = 0] = time.split(':').map(Number) as [number, number, number?];
	return new Date(startOfBerlinDay(date)!.getTime() + ((h * 60 + m) * 60 + s) * 1000);
}
const at = (date: string, time?: string) => world.clock.set(berlin(date, time));

let towns = 0;
/** A fresh municipality per story (references, agendas and fund years start from scratch). */
function town(): Promise<Municipality> {
	const n = ++towns;
	return createMunicipality(world.db, { slug: `bottrop-${n}`, name: `Bottrop ${n}`, ags: `05512${String(n).padStart(3, '0')}` });
}

interface Fixture {
	m: Municipality;
	office: ServiceContext;
	fund: Fund;
}

async function fixture(input: NewFund = bottropFund()): Promise<Fixture> {
	const m = await town();
	const office = contextFor(world, await userWith(world, m, 'integration_office'), m);
	return { m, office, fund: await createFund(office, input) };
}

let addresses = 0;
/** The applicant needs no account; each visit from its own address (10 applications per address and hour). */
const visitor = (m: Municipality) => contextFor(world, anonymous, m, { address: `2001:db8::${(++addresses).toString(16)}` });
const as = async (m: Municipality, ...roles: Role[]) => contextFor(world, await userWith(world, m, ...roles), m);

const PDF = new TextEncoder().encode('%PDF-1.4\n% test document\n%%EOF\n');
const pdf = (name: string) => ({ name, type: 'application/pdf', bytes: PDF });

/** A complete application as the portal form sends it: two cost items (800 € material, 700 € fee), 1.500 € requested. */
const form = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	organizationName: 'Nachbarschaftsverein Eigen e. V.',
	organizationKind: 'association',
	contactName: 'Aylin Demir',
	contactEmail: 'aylin.demir@example.test',
	contactPhone: '02041 12345',
	postalAddress: 'Gladbecker Straße 12\n46236 Bottrop',
	title: 'Sommerfest im Quartier',
	description: 'Ein Fest für alle Nachbarinnen und Nachbarn mit Musik, Spielen für Kinder und einem Tisch für jede Herkunft.',
	district: 'Eigen',
	goals: ['neighbourhood', 'culture'],
	startDate: '2026-06-01',
	endDate: '2026-08-31',
	costLabel0: 'Bühnentechnik',
	costAmount0: '800,00',
	costLabel1: 'Honorar Musikgruppe',
	costAmount1: '700,00',
	costFreelance1: 'on',
	requested: '1.500,00',
	publishConsent: 'on',
	...overrides
});

const ALL_MET: Record<string, string> = Object.fromEntries(PRECHECK_CRITERIA.map((c) => [`mark_${c.key}`, 'met']));

interface Applied {
	id: string;
	token: string;
	reference: string;
	applicant: ServiceContext;
}

async function submitted(fx: Fixture, overrides: Record<string, unknown> = {}): Promise<Applied> {
	const applicant = visitor(fx.m);
	const { token, id } = await startApplication(applicant, fx.fund.slug, form(overrides));
	const a = await submitApplication(applicant, token);
	return { id, token, reference: a.reference!, applicant };
}

async function eligible(fx: Fixture, overrides: Record<string, unknown> = {}): Promise<Applied> {
	const app = await submitted(fx, overrides);
	await savePrecheck(fx.office, app.id, ALL_MET);
	await forwardToJury(fx.office, app.id);
	return app;
}

/** A one-member jury decides every eligible application of the fund in one session (yes unless said otherwise). */
async function juryDecides(fx: Fixture, choices: Record<string, 'yes' | 'no'> = {}, date = '2026-04-20') {
	const members = await listJury(fx.office, fx.fund.id);
	const member = members[0] ?? (await addJuryMember(fx.office, fx.fund.id, { name: 'Petra Vorsitz', seat: 'Vorsitz', email: '' }));
	const s = await createSession(fx.office, fx.fund.id, { date, time: '17:00', location: 'Rathaus, Raum 214' });
	await setAttendance(fx.office, s.id, [member.id]);
	for (const item of (await sessionView(fx.office, s.id)).items) await castVote(fx.office, item.id, member.id, { choice: choices[item.applicationId] ?? 'yes' });
	await closeSession(fx.office, s.id, {});
	return s;
}

const statusOf = async (id: string) => (await world.db.select({ status: application.status }).from(application).where(eq(application.id, id)))[0]!.status;
const lettersOf = (applicationId: string) => world.db.select().from(letter).where(eq(letter.applicationId, applicationId)).orderBy(asc(letter.createdAt));
const auditOf = (entityId: string) => world.db.select().from(auditEvent).where(eq(auditEvent.entityId, entityId)).orderBy(asc(auditEvent.id));
const mailsOf = async (m: Municipality) => (await outbox(world.db)).filter((x) => x.municipalityId === m.id);
const roundOf = async (id: string) => {
	const [row] = await world.db.select({ r: round }).from(application).innerJoin(round, eq(round.id, application.roundId)).where(eq(application.id, id));
	return row!.r;
};

async function expectError(work: () => Promise<unknown>, type: abstract new (...args: never[]) => Error, fields?: Record<string, unknown>) {
	const error = await caught(work);
	expect(error).toBeInstanceOf(type);
	if (fields) expect((error as ValidationError).fieldErrors).toMatchObject(fields);
	return error as ValidationError;
}

// ---------------------------------------------------------------- 1. the applicant's path

describe('1. from setting up the fund to a submitted application', () => {
	let fx: Fixture;
	let juryUserEmail: string;
	let app: Applied;

	it('the integration office creates the Bottrop fund and its jury: 9 seats and a deputy', async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		expect(fx.fund).toMatchObject({ municipalityId: fx.m.id, slug: 'stadtteilfonds', referencePrefix: 'SF' });
		const overview = await fundOverview(fx.office, fx.fund.id);
		expect(overview.guideline).toMatchObject({ version: 1, annualBudgetCents: 15_000_00, capCents: 1_500_00, cooperationCapCents: 2_000_00, majority: 'present', rejectionWithReasons: true });
		// Looking at the fund opens the round of the next deadline.
		expect(overview.currentRound).toMatchObject({ deadline: '2026-04-01', year: 2026, kind: 'regular', status: 'open' });

		juryUserEmail = `sozialamt-${fx.m.slug}@bottrop.example`;
		const juryUser = await createUser(world, [{ in: fx.m, roles: ['jury_member'] }], { email: juryUserEmail, name: 'Sabine Sozial' });
		const seats = ['Bezirksbürgermeister Mitte', 'Bezirksbürgermeisterin Süd', 'Bezirksbürgermeister Kirchhellen', 'Sozialamt', 'Jugendamt', 'Stadtplanung', 'Integrationsrat', 'Seniorenbeirat', 'Wohlfahrtsverbände'];
		const members = [];
		for (const seat of seats) members.push(await addJuryMember(fx.office, fx.fund.id, { name: `Mitglied ${seat}`, seat, email: seat === 'Sozialamt' ? juryUserEmail.toUpperCase() : '' }));
		const deputy = await addJuryMember(fx.office, fx.fund.id, { name: 'Vertretung Mitte', seat: 'Bezirksbürgermeister Mitte', email: '', deputyOf: members[0]!.id });
		expect(deputy.deputyOf).toBe(members[0]!.id);
		// Linked by e-mail (case does not matter) to the account that may vote online for this seat.
		expect(members[3]).toMatchObject({ seat: 'Sozialamt', userId: juryUser.userId, email: juryUserEmail });
		expect(members.filter((m) => m.userId)).toHaveLength(1);
		expect(await listJury(fx.office, fx.fund.id)).toHaveLength(10);

		// A deputy of a deputy, or of a member of another fund, is refused.
		await expectError(() => addJuryMember(fx.office, fx.fund.id, { name: 'Kette', seat: 'Mitte', email: '', deputyOf: deputy.id }), ValidationError, { deputyOf: expect.any(String) });
		await expectError(() => addJuryMember(fx.office, fx.fund.id, { name: 'X', seat: 'Y', email: 'kein-mail' }), ValidationError, { email: expect.any(String) });

		const actions = (await world.db.select().from(auditEvent).where(eq(auditEvent.municipalityId, fx.m.id))).map((e) => e.action);
		expect(actions.filter((x) => x === 'grants.fund.create')).toHaveLength(1);
		expect(actions.filter((x) => x === 'grants.jury.add')).toHaveLength(10);
	});

	it('an anonymous applicant starts, saves, attaches a PDF and submits: SF-2026-001 for the deadline 01.04.2026', async () => {
		at('2026-03-02', '10:00');
		const applicant = visitor(fx.m);
		const started = await startApplication(applicant, 'stadtteilfonds', { organizationName: 'Nachbarschaftsverein Eigen e. V.', contactEmail: 'aylin.demir@example.test', title: 'Sommerfest' });
		expect(started.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		// The link is mailed right away, so a draft is not lost.
		const draftMail = (await mailsOf(fx.m)).find((x) => x.subject.startsWith('Ihr Antragsentwurf'))!;
		expect(draftMail).toMatchObject({ recipient: 'aylin.demir@example.test', containsSecret: true });
		expect(draftMail.textBody).toContain(`/${fx.m.slug}/de/foerderung/antrag/${started.token}`);

		at('2026-03-03', '19:30');
		await saveApplication(applicant, started.token, form());
		const upload = await uploadDocument(applicant, started.token, { kind: 'attachment', file: pdf('Lageplan.pdf') });
		expect(upload.id).toBeTruthy();
		// Only PDF, JPEG and PNG, recognised by content: a renamed text file is refused.
		await expectError(() => uploadDocument(applicant, started.token, { kind: 'attachment', file: { name: 'x.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('hello') } }), ValidationError, { file: 'file_type' });

		at('2026-03-04', '08:15');
		const a = await submitApplication(applicant, started.token);
		app = { id: started.id, token: started.token, reference: a.reference!, applicant };
		expect(a).toMatchObject({ status: 'submitted', reference: 'SF-2026-001', requestedCents: 1_500_00, submittedAt: berlin('2026-03-04', '08:15') });
		expect((await roundOf(a.id)).deadline).toBe('2026-04-01');

		const letters = await lettersOf(a.id);
		expect(letters.map((l) => [l.kind, l.toApplicant])).toEqual([['receipt_confirmation', true]]);
		expect(letters[0]!.subject).toBe('Eingangsbestätigung – Sommerfest im Quartier (SF-2026-001)');
		expect(letters[0]!.html).toContain('01.04.2026');
		expect(letters[0]!.html).toContain('04.03.2026');

		const mails = await mailsOf(fx.m);
		const toApplicant = mails.find((x) => x.recipient === 'aylin.demir@example.test' && x.subject.startsWith('Eingangsbestätigung'))!;
		expect(toApplicant.subject).toBe('Eingangsbestätigung: Sommerfest im Quartier (SF-2026-001)');
		expect(toApplicant.textBody).toContain('Antragsfrist 01.04.2026');
		const toOffice = mails.find((x) => x.recipient === 'stadtteilfonds@bottrop.example')!;
		expect(toOffice.subject).toBe('Neuer Antrag SF-2026-001: Sommerfest im Quartier');
		expect(toOffice.textBody).toContain('1.500,00 €');

		const view = await applicantView(visitor(fx.m), app.token);
		expect(view).toMatchObject({ editable: false, round: { deadline: '2026-04-01' } });
		expect(view.documents.map((d) => d.fileName)).toEqual(['Lageplan.pdf']);
		expect(view.letters.map((l) => l.kind)).toEqual(['receipt_confirmation']);
		expect(view.steps.map((s) => s.kind)).toEqual(['created', 'submitted']);
		expect(view.application).not.toHaveProperty('accessTokenHash');
		expect(view.application).not.toHaveProperty('precheck');
	});

	it('each step of the applicant left an audit event, without the secret link', async () => {
		const events = await auditOf(app.id);
		expect(events.map((e) => e.action)).toEqual(['grants.application.create', 'grants.application.save', 'grants.document.upload', 'grants.application.submit']);
		expect(events.every((e) => e.municipalityId === fx.m.id && e.actorUserId === null)).toBe(true);
		expect(JSON.stringify(events)).not.toContain(app.token);
	});

	it('the next application gets the next number', async () => {
		at('2026-03-05', '11:00');
		expect((await submitted(fx, { title: 'Lesecafé' })).reference).toBe('SF-2026-002');
	});

	it.each([
		{ name: 'requested over the cap', overrides: { requested: '1.600,00', costAmount0: '900,00' }, errors: { requested: 'over_cap' } },
		{
			name: 'cooperation over its 2.000 € cap',
			overrides: { isCooperation: 'on', cooperationPartners: 'Kita Sonnenschein', costLabel2: 'Verpflegung', costAmount2: '1.000,00', requested: '2.100,00' },
			errors: { requested: 'over_cooperation_cap' }
		},
		{ name: 'cooperation without partners', overrides: { isCooperation: 'on', cooperationPartners: '' }, errors: { cooperationPartners: 'required' } },
		{ name: 'end before start', overrides: { startDate: '2026-08-31', endDate: '2026-06-01' }, errors: { endDate: 'end_before_start' } },
		{ name: 'start in the past', overrides: { startDate: '2026-03-01' }, errors: { startDate: 'start_in_past' } },
		{ name: 'district unknown', overrides: { district: 'Gotham' }, errors: { district: 'district_unknown' } },
		{ name: 'more than the gap after own funds', overrides: { ownFunds: '200,00' }, errors: { requested: 'over_gap' } },
		{ name: 'advance without a reason', overrides: { advanceRequested: 'on', advanceReason: '' }, errors: { advanceReason: 'required' } },
		{
			name: 'several fields missing',
			overrides: { organizationName: '', title: '', goals: [], costLabel0: '', costAmount0: '', costLabel1: '', costAmount1: '', requested: '' },
			errors: { organizationName: 'required', title: 'required', goals: 'goals_required', costLabel0: 'costs_required', requested: 'required' }
		}
	])('incomplete: $name → ValidationError with field codes, stays a draft without reference', async ({ overrides, errors }) => {
		at('2026-03-06', '12:00');
		const applicant = visitor(fx.m);
		const { token, id } = await startApplication(applicant, fx.fund.slug, form(overrides));
		const error = await expectError(() => submitApplication(applicant, token), ValidationError);
		expect(error.message).toBe('incomplete');
		expect(error.fieldErrors).toEqual(errors);
		const [row] = await world.db.select().from(application).where(eq(application.id, id));
		expect(row).toMatchObject({ status: 'draft', reference: null, roundId: null, submittedAt: null });
		expect(await lettersOf(id)).toEqual([]);
	});

	it('a malformed value is refused already when saving a draft', async () => {
		const applicant = visitor(fx.m);
		const { token } = await startApplication(applicant, fx.fund.slug, form({ requested: '' }));
		await expectError(() => saveApplication(applicant, token, form({ contactEmail: 'nein', startDate: '31.02.2026', costAmount0: 'viel' })), ValidationError, {
			contactEmail: 'email_invalid',
			startDate: 'date_invalid',
			costAmount0: 'amount_invalid'
		});
	});
});

describe('1b. the deadline counts until 23:59:59 Berlin time', () => {
	let fx: Fixture;
	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
	});

	it.each([
		{ date: '2026-04-01', time: '00:00', deadline: '2026-04-01' },
		{ date: '2026-04-01', time: '23:59', deadline: '2026-04-01' },
		{ date: '2026-04-01', time: '23:59:59', deadline: '2026-04-01' },
		{ date: '2026-04-02', time: '00:00', deadline: '2026-10-01' },
		{ date: '2026-10-01', time: '23:59', deadline: '2026-10-01' },
		{ date: '2026-10-02', time: '00:00', deadline: '2027-04-01' }
	])('submitted $date $time (Berlin) joins the round of $deadline', async ({ date, time, deadline }) => {
		// The draft is written a day ahead; only the moment of submission counts.
		world.clock.set(new Date(berlin(date, time).getTime() - 86_400_000));
		const applicant = visitor(fx.m);
		const { token, id } = await startApplication(applicant, fx.fund.slug, form({ startDate: '2027-06-01', endDate: '2027-07-31' }));
		at(date, time);
		const a = await submitApplication(applicant, token);
		const r = await roundOf(id);
		expect(r.deadline).toBe(deadline);
		expect(r.year).toBe(Number(deadline.slice(0, 4)));
		expect(a.reference).toMatch(new RegExp(`^SF-${date.slice(0, 4)}-\\d{3}$`));
	});

	it('23:59 Berlin on 01.04. is 21:59 UTC (summer time): the instants tested are the real ones', () => {
		expect(berlin('2026-04-01', '23:59').toISOString()).toBe('2026-04-01T21:59:00.000Z');
		expect(berlin('2026-10-02', '00:00').toISOString()).toBe('2026-10-01T22:00:00.000Z');
	});
});

// ---------------------------------------------------------------- 2. pre-check

describe('2. pre-check by the Geschäftsführung', () => {
	let fx: Fixture;
	let good: Applied;
	let unclear: Applied;
	let revised: Applied;
	let unfit: Applied;

	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		good = await submitted(fx, { title: 'Nachbarschaftsfest' });
		unclear = await submitted(fx, { title: 'Unklares Projekt' });
		revised = await submitted(fx, { title: 'Erzählcafé' });
		unfit = await submitted(fx, { title: 'Flohmarkt mit Standgebühren' });
		at('2026-04-03', '09:00');
	});

	it('all criteria met → forwarded to the jury (eligible)', async () => {
		await savePrecheck(fx.office, good.id, { ...ALL_MET, note_district: 'Eigen, klar abgegrenzt' });
		const view = await officeView(fx.office, good.id);
		expect(view.precheckOutcome).toBe('eligible');
		expect(view.application.precheck.district).toEqual({ mark: 'met', note: 'Eigen, klar abgegrenzt' });
		await forwardToJury(fx.office, good.id);
		expect(await statusOf(good.id)).toBe('eligible');
		expect((await auditOf(good.id)).map((e) => e.action).slice(-2)).toEqual(['grants.precheck.save', 'grants.application.forward']);
	});

	it.each([
		{ name: 'nothing checked yet', marks: {} },
		{ name: 'one criterion open', marks: { ...ALL_MET, mark_financing: 'open' } },
		{ name: 'one criterion not met', marks: { ...ALL_MET, mark_lawful: 'not_met' } },
		{ name: 'an unknown mark counts as open', marks: { ...ALL_MET, mark_goals: 'maybe' } }
	])('$name → forwarding is a ConflictError', async ({ marks }) => {
		await savePrecheck(fx.office, unclear.id, marks);
		await expectError(() => forwardToJury(fx.office, unclear.id), ConflictError);
		expect(await statusOf(unclear.id)).toBe('submitted');
	});

	it('a request for revision lets the applicant edit and resubmit under the same reference', async () => {
		await expectError(() => requestRevision(fx.office, revised.id, { message: 'kurz' }), ValidationError, { message: expect.any(String) });
		await requestRevision(fx.office, revised.id, { message: 'Bitte ergänzen Sie im Kostenplan, wofür das Honorar gezahlt wird.' });
		expect(await statusOf(revised.id)).toBe('revision_requested');
		const letters = await lettersOf(revised.id);
		expect(letters.map((l) => l.kind)).toEqual(['receipt_confirmation', 'revision_request']);
		expect(letters[1]!.html).toContain('wofür das Honorar gezahlt wird');
		expect((await mailsOf(fx.m)).some((x) => x.subject === `Bitte ergänzen Sie Ihren Antrag ${revised.reference}`)).toBe(true);
		// The office cannot pre-check or forward while the applicant is at it.
		await expectError(() => forwardToJury(fx.office, revised.id), ConflictError);

		expect((await applicantView(visitor(fx.m), revised.token)).editable).toBe(true);
		await saveApplication(revised.applicant, revised.token, form({ title: 'Erzählcafé', costLabel1: 'Honorar Moderation (4 Nachmittage)' }));
		await uploadDocument(revised.applicant, revised.token, { kind: 'attachment', file: pdf('Honorarangebot.pdf') });
		at('2026-04-04', '10:00');
		const again = await submitApplication(revised.applicant, revised.token);
		expect(again).toMatchObject({ status: 'submitted', reference: revised.reference });
		// Still in its round (the deadline has passed by now), the first receipt date kept, no second receipt letter.
		expect((await roundOf(revised.id)).deadline).toBe('2026-04-01');
		expect(again.submittedAt).toEqual(berlin('2026-03-02', '09:00'));
		expect((await lettersOf(revised.id)).map((l) => l.kind)).toEqual(['receipt_confirmation', 'revision_request']);
		expect((await officeView(fx.office, revised.id)).steps.map((s) => s.kind).slice(-2)).toEqual(['revision_requested', 'resubmitted']);
		expect((await auditOf(revised.id)).map((e) => e.action).at(-1)).toBe('grants.application.resubmit');
		await savePrecheck(fx.office, revised.id, ALL_MET);
		await forwardToJury(fx.office, revised.id);
		expect(await statusOf(revised.id)).toBe('eligible');
	});

	it('not fundable → ineligible with a reasoned precheck_rejection letter; the applicant can no longer edit', async () => {
		await savePrecheck(fx.office, unfit.id, { ...ALL_MET, mark_small_scale: 'not_met', note_small_scale: 'kommerziell' });
		await expectError(() => rejectAfterPrecheck(fx.office, unfit.id, { reasons: 'zu kurz' }), ValidationError);
		await rejectAfterPrecheck(fx.office, unfit.id, { reasons: 'Der Fonds fördert nur nicht kommerzielle Projekte (§ 1 der Richtlinie).' });
		const [row] = await world.db.select().from(application).where(eq(application.id, unfit.id));
		expect(row).toMatchObject({ status: 'ineligible', decidedAt: berlin('2026-04-04', '10:00'), decisionReasons: 'Der Fonds fördert nur nicht kommerzielle Projekte (§ 1 der Richtlinie).' });
		const l = (await lettersOf(unfit.id)).at(-1)!;
		expect(l).toMatchObject({ kind: 'precheck_rejection', toApplicant: true });
		expect(l.html).toContain('nicht kommerzielle Projekte');
		expect(l.html).toContain('Verwaltungsgericht Gelsenkirchen');
		await expectError(() => saveApplication(unfit.applicant, unfit.token, form()), ConflictError);
		await expectError(() => forwardToJury(fx.office, unfit.id), ConflictError);
		await expectError(() => rejectAfterPrecheck(fx.office, unfit.id, { reasons: 'Noch einmal abgelehnt, zur Sicherheit.' }), ConflictError);
	});
});

// ---------------------------------------------------------------- 3. jury

describe('3. a jury session: attendance, conflicts of interest, votes, result and minutes', () => {
	let fx: Fixture;
	let m: { id: string; seat: string }[];
	let deputy: { id: string };
	let juryCtx: ServiceContext;
	let strangerCtx: ServiceContext;
	let apps: Applied[];
	let notForwarded: Applied;
	let sessionId: string;
	let items: string[];

	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		const juryUser = await createUser(world, [{ in: fx.m, roles: ['jury_member'] }], { email: `jugendamt-${fx.m.slug}@bottrop.example`, name: 'Jan Jugend' });
		juryCtx = contextFor(world, juryUser, fx.m);
		strangerCtx = await as(fx.m, 'jury_member');
		m = [];
		for (let i = 0; i < 9; i++) m.push(await addJuryMember(fx.office, fx.fund.id, { name: `Mitglied ${i}`, seat: `Sitz ${i}`, email: i === 3 ? juryUser.email : '' }));
		deputy = await addJuryMember(fx.office, fx.fund.id, { name: 'Vertretung 0', seat: 'Sitz 0', email: '', deputyOf: m[0]!.id });
		apps = [];
		for (const [i, title] of ['Fest', 'Café', 'Graffiti', 'Kino'].entries()) {
			at('2026-03-10', `0${i + 1}:00`);
			apps.push(await submitted(fx, { title }));
		}
		notForwarded = await submitted(fx, { title: 'Noch in der Vorprüfung' });
		// Forwarded in reverse order: the agenda still follows the order received.
		at('2026-04-03', '09:00');
		for (const a of [...apps].reverse()) {
			await savePrecheck(fx.office, a.id, ALL_MET);
			await forwardToJury(fx.office, a.id);
		}
	});

	it('the agenda holds the eligible applications in the order received', async () => {
		at('2026-04-06', '09:00');
		const s = await createSession(fx.office, fx.fund.id, { date: '2026-04-20', time: '17:00', location: 'Rathaus, Raum 214' });
		sessionId = s.id;
		expect(s.startsAt.toISOString()).toBe('2026-04-20T15:00:00.000Z');
		const view = await sessionView(fx.office, s.id);
		expect(view.items.map((i) => i.application.title)).toEqual(['Fest', 'Café', 'Graffiti', 'Kino']);
		expect(view.items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
		expect(view.items.every((i) => i.proposedCents === 1_500_00)).toBe(true);
		expect(view.items.some((i) => i.applicationId === notForwarded.id)).toBe(false);
		expect(view.ledgers).toEqual([{ year: 2026, ledger: expect.objectContaining({ budgetCents: 15_000_00, grantedCents: 0, reservedCents: 5 * 1_500_00 }) }]);
		items = view.items.map((i) => i.id);
		// The jury member sees the session too, and which seat is theirs.
		expect((await sessionView(juryCtx, s.id)).ownSeats).toEqual([m[3]!.id]);
	});

	it('attendance: the deputy stands in for an absent member; only the office records it', async () => {
		at('2026-04-20', '17:05');
		await expectError(() => setAttendance(juryCtx, sessionId, [m[3]!.id]), ForbiddenError);
		// Members 0, 7 and 8 are absent; the deputy of member 0 is there: 7 votes.
		await setAttendance(fx.office, sessionId, [deputy.id, m[1]!.id, m[2]!.id, m[3]!.id, m[4]!.id, m[5]!.id, m[6]!.id, 'not-a-member']);
		const view = await sessionView(fx.office, sessionId);
		expect(view.jurySession.present).toHaveLength(7);
		expect(new Set(view.seats)).toEqual(new Set([deputy.id, ...[1, 2, 3, 4, 5, 6].map((i) => m[i]!.id)]));
	});

	it('votes: own seat only for jury members, never twice, never when recused or absent', async () => {
		const [fest, cafe] = items as [string, string];
		// The Jugendamt declares a conflict of interest for the festival and then cannot vote on it.
		await setRecusal(juryCtx, fest, m[3]!.id, true);
		await expectError(() => castVote(juryCtx, fest, m[3]!.id, { choice: 'yes' }), ConflictError);
		await expectError(() => setRecusal(juryCtx, fest, m[4]!.id, true), ForbiddenError);
		await expectError(() => castVote(juryCtx, cafe, m[4]!.id, { choice: 'yes' }), ForbiddenError);
		await expectError(() => castVote(strangerCtx, cafe, m[1]!.id, { choice: 'yes' }), ForbiddenError);
		await expectError(() => castVote(juryCtx, cafe, m[3]!.id, { choice: 'vielleicht' }), ValidationError);

		await castVote(juryCtx, cafe, m[3]!.id, { choice: 'yes' });
		const [own] = await world.db.select().from(vote).where(and(eq(vote.sessionItemId, cafe), eq(vote.memberId, m[3]!.id)));
		expect(own!.choice).toBe('yes');
		expect(own!.recordedBy).toMatch(/^Jan Jugend/);
		await expectError(() => castVote(juryCtx, cafe, m[3]!.id, { choice: 'no' }), ConflictError);
		await expectError(() => castVote(fx.office, cafe, m[3]!.id, { choice: 'no' }), ConflictError);

		for (const [i, choice] of [
			[deputy.id, 'yes'],
			[m[1]!.id, 'yes'],
			[m[2]!.id, 'yes'],
			[m[4]!.id, 'yes'],
			[m[5]!.id, 'no']
		] as const)
			await castVote(fx.office, fest, i, { choice });
		// Absent: member 7, and member 0 whose deputy is present.
		await expectError(() => castVote(fx.office, fest, m[7]!.id, { choice: 'yes' }), ConflictError);
		await expectError(() => castVote(fx.office, fest, m[0]!.id, { choice: 'yes' }), ConflictError);
		// A member who voted cannot declare a conflict afterwards, nor be marked absent.
		await expectError(() => setRecusal(fx.office, fest, m[1]!.id, true), ConflictError);
		await expectError(() => setAttendance(fx.office, sessionId, [deputy.id, m[2]!.id, m[3]!.id, m[4]!.id, m[5]!.id, m[6]!.id]), ConflictError);
	});

	it('a member arriving late while the deputy has voted is refused (the deputy would lose the vote they cast)', async () => {
		await expectError(() => setAttendance(fx.office, sessionId, [m[0]!.id, deputy.id, ...[1, 2, 3, 4, 5, 6].map((i) => m[i]!.id)]), ConflictError);
		expect((await sessionView(fx.office, sessionId)).seats).toContain(deputy.id);
	});

	it('closing computes the results: majority of those present, abstentions count against, a tie is no majority', async () => {
		const [, cafe, graffiti, kino] = items as [string, string, string, string];
		const record = async (item: string, choices: [string, 'yes' | 'no' | 'abstain'][]) => {
			for (const [member, choice] of choices) await castVote(fx.office, item, member, { choice });
		};
		// Café: 3 yes (one already cast by the Jugendamt) : 3 no, 1 abstention → tie → rejected.
		await record(cafe, [
			[deputy.id, 'yes'],
			[m[1]!.id, 'yes'],
			[m[2]!.id, 'no'],
			[m[4]!.id, 'no'],
			[m[5]!.id, 'no'],
			[m[6]!.id, 'abstain']
		]);
		// Graffiti: 3 yes, 1 no, 3 abstentions → more yes than no, but not 4 of 7 present → rejected.
		await record(graffiti, [
			[deputy.id, 'yes'],
			[m[1]!.id, 'yes'],
			[m[2]!.id, 'yes'],
			[m[3]!.id, 'no'],
			[m[4]!.id, 'abstain'],
			[m[5]!.id, 'abstain'],
			[m[6]!.id, 'abstain']
		]);
		// Kino: 4 yes : 3 no → approved.
		await record(kino, [
			[deputy.id, 'yes'],
			[m[1]!.id, 'yes'],
			[m[2]!.id, 'yes'],
			[m[3]!.id, 'yes'],
			[m[4]!.id, 'no'],
			[m[5]!.id, 'no'],
			[m[6]!.id, 'no']
		]);
		const live = await sessionView(fx.office, sessionId);
		expect(live.items[0]!.tally).toMatchObject({ yes: 4, no: 1, abstain: 0, entitled: 6, notVoted: [m[6]!.id], needed: 4, outcome: 'approved' });

		await expectError(() => closeSession(juryCtx, sessionId, {}), ForbiddenError);
		at('2026-04-20', '19:00');
		expect(await closeSession(fx.office, sessionId, { minutesNote: 'Die Sitzung endete um 19 Uhr.' })).toBe(4);

		const rows = await world.db.select().from(sessionItem).where(eq(sessionItem.sessionId, sessionId)).orderBy(asc(sessionItem.position));
		expect(rows.map((r) => [r.result, r.tally])).toEqual([
			// Festival: the Jugendamt is recused (6 entitled), member 6 did not vote and counts as abstaining.
			['approved', { yes: 4, no: 1, abstain: 1, entitled: 6 }],
			['rejected', { yes: 3, no: 3, abstain: 1, entitled: 7 }],
			['rejected', { yes: 3, no: 1, abstain: 3, entitled: 7 }],
			['approved', { yes: 4, no: 3, abstain: 0, entitled: 7 }]
		]);
		const minutes = await world.db.select().from(letter).where(eq(letter.sessionId, sessionId));
		expect(minutes.map((l) => [l.kind, l.toApplicant])).toEqual([['minutes', false]]);
		expect(minutes[0]!.html).toContain('Die Sitzung endete um 19 Uhr.');
		expect(minutes[0]!.html).toContain('angenommen');
		expect(minutes[0]!.html).toContain('Mitglied 3'); // named as recused
		const steps = await world.db.select().from(applicationStep).where(eq(applicationStep.applicationId, apps[0]!.id));
		expect(steps.find((s) => s.kind === 'jury_approved')!.internalNote).toContain('4 Ja, 1 Nein, 1 Enthaltungen, 1 befangen');
		// Jury results are internal: the applicant sees the step, but neither votes nor notes.
		const applicantSteps = (await applicantView(visitor(fx.m), apps[0]!.token)).steps;
		expect(applicantSteps.find((s) => s.kind === 'jury_approved')).toEqual({ kind: 'jury_approved', message: '', at: berlin('2026-04-20', '19:00') });
		expect(JSON.stringify(applicantSteps)).not.toContain('Ja');
	});

	it('after closing nothing of the session changes', async () => {
		const [fest] = items as [string];
		await expectError(() => castVote(fx.office, fest, m[6]!.id, { choice: 'yes' }), ConflictError);
		await expectError(() => setRecusal(fx.office, fest, m[6]!.id, true), ConflictError);
		await expectError(() => setAttendance(fx.office, sessionId, [m[1]!.id]), ConflictError);
		await expectError(() => setProposal(fx.office, fest, { proposed: '1.000' }), ConflictError);
		await expectError(() => closeSession(fx.office, sessionId, {}), ConflictError);
	});

	it('a later session does not put decided applications on its agenda again', async () => {
		at('2026-04-21', '09:00');
		const later = await eligible(fx, { title: 'Neu vorgelegt' });
		const next = await createSession(fx.office, fx.fund.id, { date: '2026-05-18', time: '17:00', location: 'Rathaus, Raum 214' });
		expect((await sessionView(fx.office, next.id)).items.map((i) => i.applicationId)).toEqual([later.id]);
	});

	it('each vote, recusal, attendance and the closing are audited', async () => {
		const actions = (await world.db.select().from(auditEvent).where(eq(auditEvent.municipalityId, fx.m.id))).map((e) => e.action);
		expect(actions.filter((a) => a === 'grants.session.vote')).toHaveLength(1 + 5 + 6 + 7 + 7);
		expect(actions).toContain('grants.session.recusal');
		expect(actions).toContain('grants.session.attendance');
		expect(actions).toContain('grants.session.close');
	});
});

// ---------------------------------------------------------------- 4. decisions and the ledger

describe('4. Zuwendungsbescheid and rejection, with the ledger of the fund year', () => {
	let fx: Fixture;
	let full: Applied;
	let reduced: Applied;
	let proposal: Applied;
	let refused: Applied;
	let pending: Applied;

	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		full = await eligible(fx, { title: 'Volle Förderung' });
		reduced = await eligible(fx, { title: 'Gekürzte Förderung' });
		proposal = await eligible(fx, { title: 'Gekürzter Vorschlag' });
		refused = await eligible(fx, { title: 'Abgelehnt von der Jury' });
		pending = await submitted(fx, { title: 'Noch offen', requested: '1.000,00' });
		at('2026-04-06', '09:00');
		// The jury votes on 1.000 € for the third one.
		const s = await createSession(fx.office, fx.fund.id, { date: '2026-04-20', time: '17:00', location: 'Rathaus' });
		const item = (await sessionView(fx.office, s.id)).items.find((i) => i.applicationId === proposal.id)!;
		await expectError(() => setProposal(fx.office, item.id, { proposed: '1.600' }), ValidationError);
		await setProposal(fx.office, item.id, { proposed: '1.000', opinion: 'Das Sozialamt empfiehlt eine Kürzung.' });
		const member = await addJuryMember(fx.office, fx.fund.id, { name: 'Petra Vorsitz', seat: 'Vorsitz', email: '' });
		at('2026-04-20', '17:00');
		await setAttendance(fx.office, s.id, [member.id]);
		for (const i of (await sessionView(fx.office, s.id)).items) await castVote(fx.office, i.id, member.id, { choice: i.applicationId === refused.id ? 'no' : 'yes' });
		await closeSession(fx.office, s.id, {});
		at('2026-04-22', '10:00');
	});

	it('grants the full amount: approved, commitment in the ledger, approval letter and mail', async () => {
		const a = await grantApplication(fx.office, full.id, { amount: '1.500,00', conditions: 'Das Logo des Fonds ist auf Plakaten zu zeigen.' });
		expect(a).toMatchObject({ status: 'approved', grantedCents: 1_500_00, decidedAt: berlin('2026-04-22', '10:00'), settlementDueOn: '2026-10-31' });
		const l = (await lettersOf(full.id)).at(-1)!;
		expect(l).toMatchObject({ kind: 'approval', toApplicant: true, subject: `Zuwendungsbescheid – Volle Förderung (${full.reference})` });
		expect(l.html).toContain('1.500,00 €');
		expect(l.html).toContain('31.10.2026');
		expect(l.html).toContain('Das Logo des Fonds ist auf Plakaten zu zeigen.');
		expect((await mailsOf(fx.m)).some((x) => x.subject === `Ihr Antrag ${full.reference} ist bewilligt` && x.textBody.includes('31.10.2026'))).toBe(true);
		const entries = await ledgerEntries(fx.office, fx.fund.id, 2026);
		expect(entries.map((e) => [e.entry.kind, e.entry.amountCents, e.reference])).toEqual([['commitment', 1_500_00, full.reference]]);
	});

	it.each([
		{ name: 'above the amount applied for', amount: '1.600,00', message: 'Beantragt wurden nur 1.500,00 €.' },
		{ name: 'zero', amount: '0', message: 'Bitte einen Betrag über 0 € angeben.' },
		{ name: 'no amount', amount: 'viel', message: 'Bitte einen Betrag über 0 € angeben.' },
		{ name: 'more than two decimals', amount: '1.000,005', message: 'Bitte einen Betrag über 0 € angeben.' }
	])('refuses an amount $name with a ValidationError on the field', async ({ amount, message }) => {
		const error = await expectError(() => grantApplication(fx.office, reduced.id, { amount }), ValidationError, { amount: message });
		expect(error.message).toBe(message);
		expect(await statusOf(reduced.id)).toBe('eligible');
	});

	it('grants a reduced amount, and never more than the jury voted on', async () => {
		const a = await grantApplication(fx.office, reduced.id, { amount: '1.200', reasons: 'Die Bühnentechnik stellt die Stadt.' });
		expect(a).toMatchObject({ status: 'approved', grantedCents: 1_200_00, decisionReasons: 'Die Bühnentechnik stellt die Stadt.' });
		expect((await officeView(fx.office, reduced.id)).steps.at(-1)!.message).toBe('Bewilligt: 1.200,00 € (beantragt: 1.500,00 €)');

		await expectError(() => grantApplication(fx.office, proposal.id, { amount: '1.200' }), ValidationError, { amount: 'Beantragt wurden nur 1.000,00 €.' });
		expect((await grantApplication(fx.office, proposal.id, { amount: '1.000' })).grantedCents).toBe(1_000_00);
	});

	it('a decided application is decided once', async () => {
		await expectError(() => grantApplication(fx.office, full.id, { amount: '100' }), ConflictError);
		await expectError(() => rejectApplication(fx.office, full.id, { reasons: 'Doch lieber nicht fördern.' }), ConflictError);
		// Without a jury approval there is no grant, and without a jury rejection no rejection.
		await expectError(() => grantApplication(fx.office, refused.id, { amount: '1.500' }), ConflictError);
		await expectError(() => grantApplication(fx.office, pending.id, { amount: '1.000' }), ConflictError);
	});

	it('the ledger shows budget, reserved, granted and what is left', async () => {
		const ledger = await ledgerForYear(fx.office, fx.fund.id, 2026);
		expect(ledger).toEqual({
			budgetCents: 15_000_00,
			// Still undecided: the jury's rejection (until its letter) and the application in pre-check.
			reservedCents: 1_500_00 + 1_000_00,
			grantedCents: 1_500_00 + 1_200_00 + 1_000_00,
			paidCents: 0,
			refundedCents: 0,
			leftCents: 15_000_00 - 3_700_00,
			leftAfterReservedCents: 15_000_00 - 3_700_00 - 2_500_00
		});
		const [fy] = await world.db.select().from(fundYear).where(eq(fundYear.fundId, fx.fund.id));
		expect(fy).toMatchObject({ year: 2026, budgetCents: 15_000_00, committedCents: 3_700_00 });
		// A jury member may read the ledger too (grants.vote), a council member as well (grants.read).
		expect((await ledgerForYear(await as(fx.m, 'jury_member'), fx.fund.id, 2026)).leftCents).toBe(11_300_00);
		expect((await ledgerForYear(await as(fx.m, 'council_member'), fx.fund.id, 2026)).leftCents).toBe(11_300_00);
	});

	it('rejection after the jury: reasons and notice of legal remedies by default', async () => {
		await expectError(() => rejectApplication(fx.office, refused.id, { reasons: 'kurz' }), ValidationError);
		await rejectApplication(fx.office, refused.id, { reasons: 'Ein vergleichbares Angebot gibt es im Stadtteil schon.' });
		expect(await statusOf(refused.id)).toBe('rejected');
		const l = (await lettersOf(refused.id)).at(-1)!;
		expect(l).toMatchObject({ kind: 'rejection', toApplicant: true });
		expect(l.html).toContain('Ein vergleichbares Angebot gibt es im Stadtteil schon.');
		expect(l.html).toContain('Rechtsbehelfsbelehrung');
		expect(l.html).toContain('Verwaltungsgericht Gelsenkirchen');
		expect((await applicantView(visitor(fx.m), refused.token)).steps.at(-1)).toMatchObject({ kind: 'rejected', message: 'Ein vergleichbares Angebot gibt es im Stadtteil schon.' });
		expect((await ledgerForYear(fx.office, fx.fund.id, 2026)).reservedCents).toBe(1_000_00);
	});
});

describe('4b. never more than is left in the fund year', () => {
	it('with 2.000 € a year, a second 1.500 € grant is refused and 500 € are possible', async () => {
		at('2026-03-02', '09:00');
		const base = bottropFund();
		const fx = await fixture({ ...base, guideline: { ...base.guideline, annualBudgetCents: 2_000_00 } });
		const first = await eligible(fx);
		const second = await eligible(fx);
		await juryDecides(fx);
		at('2026-04-22', '10:00');
		await grantApplication(fx.office, first.id, { amount: '1.500' });
		const error = await expectError(() => grantApplication(fx.office, second.id, { amount: '1.500' }), ValidationError, { amount: 'Im Förderjahr sind nur noch 500,00 € frei.' });
		expect(error.message).toBe('Im Förderjahr sind nur noch 500,00 € frei.');
		await grantApplication(fx.office, second.id, { amount: '500' });
		expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toMatchObject({ budgetCents: 2_000_00, grantedCents: 2_000_00, leftCents: 0 });
	});

	it('a project that would start before the decision is not granted until its period is amended', async () => {
		at('2026-03-02', '09:00');
		const fx = await fixture();
		const app = await eligible(fx, { startDate: '2026-04-21', endDate: '2026-05-31' });
		await juryDecides(fx);
		at('2026-04-22', '10:00');
		await expectError(() => grantApplication(fx.office, app.id, { amount: '1.500' }), ConflictError);
		expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toMatchObject({ grantedCents: 0 });
	});
});

describe('4c. a guideline version applies only to rounds opened after it takes effect', () => {
	let fx: Fixture;
	let before: Applied;
	let sameRound: Applied;
	let nextRound: Applied;

	const version2 = (overrides: Record<string, string> = {}) => ({
		effectiveOn: '2026-03-10',
		juryDecidedOn: '2026-03-04',
		changeNote: 'Ablehnungen ohne Angabe von Gründen, wie in § 4 der Richtlinie.',
		annualBudget: '15.000',
		cap: '1.500',
		cooperationCap: '2.000',
		quoteThreshold: '500',
		quotesRequired: '3',
		settlementMonths: '2',
		decisionWeeks: '4',
		deadlines: '01.04. 01.10.',
		majority: 'present',
		goals: DEFAULT_GOALS.map((g) => g.label).join('\n'),
		excludedDistricts: 'Batenbrock-Südwest',
		rejectionWithReasons: 'no',
		...overrides
	});

	it('the April round, opened before the change, keeps version 1; the October round follows version 2', async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		before = await submitted(fx, { title: 'Vor der Änderung' });
		at('2026-03-05', '09:00');
		await expectError(() => addGuidelineVersion(fx.office, fx.fund.id, version2({ effectiveOn: '2026-03-01' })), ValidationError, { effectiveOn: expect.any(String) });
		await expectError(() => addGuidelineVersion(fx.office, fx.fund.id, version2({ juryDecidedOn: '2026-03-06' })), ValidationError, { juryDecidedOn: expect.any(String) });
		await expectError(() => addGuidelineVersion(fx.office, fx.fund.id, version2({ cooperationCap: '1.000' })), ValidationError, { cooperationCap: expect.any(String) });
		const v2 = await addGuidelineVersion(fx.office, fx.fund.id, version2());
		expect(v2).toMatchObject({ version: 2, rejectionWithReasons: false, effectiveAt: berlin('2026-03-10', '00:00'), juryDecidedOn: '2026-03-04' });
		// Goal keys survive a new version when their label stays.
		expect(v2.goals.map((g) => g.key)).toEqual(DEFAULT_GOALS.map((g) => g.key));

		at('2026-03-12', '09:00');
		sameRound = await submitted(fx, { title: 'Nach der Änderung, gleiche Runde' });
		at('2026-04-02', '09:00');
		nextRound = await submitted(fx, { title: 'Nächste Runde' });

		const versions = await world.db.select({ id: guideline.id, version: guideline.version }).from(guideline).where(eq(guideline.fundId, fx.fund.id));
		const v = new Map(versions.map((x) => [x.id, x.version]));
		expect([await roundOf(before.id), await roundOf(sameRound.id), await roundOf(nextRound.id)].map((r) => [r.deadline, v.get(r.guidelineId)])).toEqual([
			['2026-04-01', 1],
			['2026-04-01', 1],
			['2026-10-01', 2]
		]);
	});

	it('rejections follow the version of their round', async () => {
		for (const a of [before, sameRound, nextRound]) {
			await savePrecheck(fx.office, a.id, ALL_MET);
			await forwardToJury(fx.office, a.id);
		}
		await juryDecides(fx, { [before.id]: 'no', [sameRound.id]: 'no', [nextRound.id]: 'no' }, '2026-10-20');
		at('2026-10-22', '09:00');
		for (const a of [before, sameRound, nextRound]) await rejectApplication(fx.office, a.id, { reasons: 'Das Gremium sieht keinen Bezug zum Stadtteil.' });
		const kinds = await Promise.all([before, sameRound, nextRound].map(async (a) => (await lettersOf(a.id)).at(-1)!.kind));
		expect(kinds).toEqual(['rejection', 'rejection', 'rejection_without_reasons']);
		const withoutReasons = (await lettersOf(nextRound.id)).at(-1)!;
		expect(withoutReasons.html).not.toContain('keinen Bezug zum Stadtteil');
		// The reasons are kept in the file all the same, and the applicant's status page does not show them.
		const [row] = await world.db.select().from(application).where(eq(application.id, nextRound.id));
		expect(row!.decisionReasons).toBe('Das Gremium sieht keinen Bezug zum Stadtteil.');
		expect((await applicantView(visitor(fx.m), nextRound.token)).steps.at(-1)).toMatchObject({ kind: 'rejected', message: '' });
	});
});

// ---------------------------------------------------------------- 5. settlement

describe('5. settlement: receipts, payment, release of unused money, refund of an advance', () => {
	let fx: Fixture;
	let plain: Applied;
	let advance: Applied;
	let leftAfterGrants: number;

	const receipt = (app: Applied, costItemIndex: number, amount: string, supplier: string) =>
		uploadDocument(app.applicant, app.token, { kind: 'receipt', costItemIndex, amount, supplier, file: pdf(`${supplier}.pdf`) });

	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		plain = await eligible(fx, { title: 'Sommerfest' });
		advance = await eligible(fx, { title: 'Graffiti-Aktion', advanceRequested: 'on', advanceReason: 'Der Verein hat keine Rücklagen, um die Farben vorzustrecken.' });
		await juryDecides(fx);
		at('2026-04-22', '10:00');
		await grantApplication(fx.office, plain.id, { amount: '1.500' });
		await grantApplication(fx.office, advance.id, { amount: '1.500' });
		leftAfterGrants = (await ledgerForYear(fx.office, fx.fund.id, 2026)).leftCents;
		expect(leftAfterGrants).toBe(12_000_00);
	});

	it('an advance is paid only where it was applied for, and only once', async () => {
		await expectError(() => payAdvance(fx.office, plain.id), ConflictError);
		at('2026-04-28', '09:00');
		await payAdvance(fx.office, advance.id);
		await expectError(() => payAdvance(fx.office, advance.id), ConflictError);
		expect((await lettersOf(advance.id)).at(-1)).toMatchObject({ kind: 'payment_order', toApplicant: false });
		expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toMatchObject({ paidCents: 1_500_00, leftCents: leftAfterGrants });
	});

	it('receipts belong to a cost item and carry an amount; attachments are closed after the decision', async () => {
		at('2026-09-05', '10:00');
		await expectError(() => uploadDocument(plain.applicant, plain.token, { kind: 'receipt', amount: '10', file: pdf('ohne.pdf') }), ValidationError, { costItemIndex: 'required' });
		await expectError(() => uploadDocument(plain.applicant, plain.token, { kind: 'receipt', costItemIndex: 7, amount: '10', file: pdf('x.pdf') }), ValidationError, { costItemIndex: 'required' });
		await expectError(() => uploadDocument(plain.applicant, plain.token, { kind: 'receipt', costItemIndex: 0, amount: 'abc', file: pdf('x.pdf') }), ValidationError, { amount: 'amount_invalid' });
		await expectError(() => uploadDocument(plain.applicant, plain.token, { kind: 'attachment', file: pdf('spät.pdf') }), ConflictError);
		await expectError(() => submitSettlement(plain.applicant, plain.token, { report: 'Das Fest war sehr schön und gut besucht.' }), ValidationError, { file: 'receipts_missing' });
	});

	it('settles with less spent than granted: payment, release back to the fund year, record and payment order', async () => {
		const r1 = await receipt(plain, 0, '800,00', 'Veranstaltungstechnik Ruhr');
		const r2 = await receipt(plain, 1, '500,00', 'Honorar Musikgruppe');
		await uploadDocument(plain.applicant, plain.token, { kind: 'fee_contract', costItemIndex: 1, supplier: 'Honorarvertrag', file: pdf('Honorarvertrag.pdf') });
		await expectError(() => submitSettlement(plain.applicant, plain.token, { report: 'zu kurz' }), ValidationError, { report: 'report_short' });
		await submitSettlement(plain.applicant, plain.token, { report: 'Rund 300 Gäste kamen, acht Vereine haben sich vorgestellt.' });
		expect(await statusOf(plain.id)).toBe('settlement_submitted');
		expect((await mailsOf(fx.m)).some((x) => x.recipient === 'stadtteilfonds@bottrop.example' && x.subject.startsWith(`Abrechnung eingereicht: ${plain.reference}`))).toBe(true);
		await expectError(() => submitSettlement(plain.applicant, plain.token, { report: 'Noch einmal eingereicht, doppelt hält besser.' }), ConflictError);
		await expectError(() => uploadDocument(plain.applicant, plain.token, { kind: 'receipt', costItemIndex: 0, amount: '5', file: pdf('nachgereicht.pdf') }), ConflictError);

		at('2026-09-20', '09:00');
		await expectError(() => completeSettlement(fx.office, plain.id, {}), ConflictError); // receipts not checked yet
		await expectError(() => checkReceipt(fx.office, plain.id, r1.id, { accepted: 'no' }), ValidationError, { note: expect.any(String) });
		await checkReceipt(fx.office, plain.id, r1.id, { accepted: 'yes' });
		await checkReceipt(fx.office, plain.id, r2.id, { accepted: 'yes' });
		const outcome = await completeSettlement(fx.office, plain.id, { note: 'Drei Angebote für die Bühnentechnik fehlen; der Betrag ist marktüblich.' });
		expect(outcome).toEqual({ payableCents: 1_300_00, paymentDueCents: 1_300_00, refundDueCents: 0, releasedCents: 200_00 });
		expect(await statusOf(plain.id)).toBe('closed');

		// Issued in the same instant: compared by kind, not by order.
		const letters = (await lettersOf(plain.id)).filter((l) => l.createdAt.getTime() === berlin('2026-09-20', '09:00').getTime());
		expect(letters.map((l) => [l.kind, l.toApplicant]).sort()).toEqual([
			['payment_order', false],
			['settlement_record', false]
		]);
		const record = letters.find((l) => l.kind === 'settlement_record')!;
		expect(record.html).toContain('Drei Angebote für die Bühnentechnik fehlen');
		expect(record.html).toContain('Veranstaltungstechnik Ruhr');
		expect(record.html).toContain('200,00 €'); // back to the fund
		expect(letters.find((l) => l.kind === 'payment_order')!.html).toContain('1.300,00 €');
		const entries = (await ledgerEntries(fx.office, fx.fund.id, 2026)).filter((e) => e.entry.applicationId === plain.id);
		expect(entries.map((e) => [e.entry.kind, e.entry.amountCents]).sort()).toEqual([
			['commitment', 1_500_00],
			['payment', 1_300_00],
			['release', 200_00]
		]);
		const ledger = await ledgerForYear(fx.office, fx.fund.id, 2026);
		expect(ledger.leftCents).toBe(leftAfterGrants + 200_00);
		expect(ledger.paidCents).toBe(1_500_00 + 1_300_00);
	});

	it('an advance above the accepted costs leads to a refund demand, then to the refund', async () => {
		at('2026-09-21', '10:00');
		const r1 = await receipt(advance, 0, '600,00', 'Farbenhandel Kruse');
		const r2 = await receipt(advance, 1, '400,00', 'Honorar Workshop');
		const r3 = await receipt(advance, 0, '150,00', 'Getränke privat');
		await submitSettlement(advance.applicant, advance.token, { report: 'Zwanzig Jugendliche haben die Unterführung gestaltet.' });
		at('2026-09-22', '09:00');
		await checkReceipt(fx.office, advance.id, r1.id, { accepted: 'yes' });
		await checkReceipt(fx.office, advance.id, r2.id, { accepted: 'yes' });
		await checkReceipt(fx.office, advance.id, r3.id, { accepted: 'no', note: 'Keine Ausgabe des Projekts.' });
		const outcome = await completeSettlement(fx.office, advance.id, {});
		expect(outcome).toEqual({ payableCents: 1_000_00, paymentDueCents: 0, refundDueCents: 500_00, releasedCents: 500_00 });
		expect(await statusOf(advance.id)).toBe('refund_demanded');
		const demand = (await lettersOf(advance.id)).find((l) => l.kind === 'refund_demand')!;
		expect(demand).toMatchObject({ kind: 'refund_demand', toApplicant: true });
		expect(demand.html).toContain('500,00 €');
		expect((await lettersOf(advance.id)).filter((l) => l.kind === 'payment_order')).toHaveLength(1); // only the advance
		expect((await mailsOf(fx.m)).some((x) => x.subject === `Abrechnung ${advance.reference} geprüft` && x.textBody.includes('Rückforderung von 500,00 €'))).toBe(true);
		expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toMatchObject({ leftCents: leftAfterGrants + 200_00 + 500_00, refundedCents: 0 });

		at('2026-10-15', '09:00');
		await recordRefund(fx.office, advance.id);
		expect(await statusOf(advance.id)).toBe('closed');
		await expectError(() => recordRefund(fx.office, advance.id), ConflictError);
		await expectError(() => recordRefund(fx.office, plain.id), ConflictError);
		expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toEqual({
			budgetCents: 15_000_00,
			reservedCents: 0,
			grantedCents: 1_300_00 + 1_000_00,
			paidCents: 1_300_00 + 1_500_00 - 500_00,
			refundedCents: 500_00,
			leftCents: 15_000_00 - 2_300_00,
			leftAfterReservedCents: 15_000_00 - 2_300_00
		});
		const [fy] = await world.db.select().from(fundYear).where(eq(fundYear.fundId, fx.fund.id));
		expect(fy!.committedCents).toBe(2_300_00);
	});

	it('the whole path of an application is in the audit trail', async () => {
		expect((await auditOf(plain.id)).map((e) => e.action)).toEqual([
			'grants.application.create',
			'grants.application.submit',
			'grants.precheck.save',
			'grants.application.forward',
			'grants.application.approve',
			'grants.document.upload',
			'grants.document.upload',
			'grants.document.upload',
			'grants.settlement.submit',
			'grants.receipt.check',
			'grants.receipt.check',
			'grants.settlement.complete'
		]);
		expect((await auditOf(advance.id)).map((e) => e.action)).toEqual(
			expect.arrayContaining(['grants.application.approve', 'grants.payment.advance', 'grants.settlement.complete', 'grants.refund.record'])
		);
	});
});

// ---------------------------------------------------------------- 6. integrity

describe('6. integrity: locked decisions, tenancy, permissions, secret links', () => {
	let fx: Fixture;
	let other: Fixture;
	let approved: Applied;
	let open: Applied;
	let sessionId: string;
	let itemId: string;
	let memberId: string;

	beforeAll(async () => {
		at('2026-03-02', '09:00');
		fx = await fixture();
		other = await fixture();
		approved = await eligible(fx, { title: 'Bewilligt' });
		const s = await juryDecides(fx);
		sessionId = s.id;
		const view = await sessionView(fx.office, s.id);
		itemId = view.items[0]!.id;
		memberId = view.members[0]!.id;
		at('2026-04-22', '10:00');
		await grantApplication(fx.office, approved.id, { amount: '1.500' });
		open = await submitted(fx, { title: 'Offen' });
	});

	it.each([
		{ name: 'saving', work: (a: Applied) => saveApplication(a.applicant, a.token, form({ title: 'Nachträglich geändert' })) },
		{ name: 'attaching', work: (a: Applied) => uploadDocument(a.applicant, a.token, { kind: 'attachment', file: pdf('nachgereicht.pdf') }) },
		{ name: 'submitting again', work: (a: Applied) => submitApplication(a.applicant, a.token) },
		{ name: 'withdrawing', work: (a: Applied) => withdrawApplication(a.applicant, a.token) }
	])('a decided application cannot be changed by the applicant: $name → ConflictError "locked"', async ({ work }) => {
		const error = await expectError(() => work(approved), ConflictError);
		expect(error.message).toBe('locked');
		const [row] = await world.db.select().from(application).where(eq(application.id, approved.id));
		expect(row).toMatchObject({ status: 'approved', title: 'Bewilligt' });
	});

	it('a submitted application is locked for the applicant as well, until a revision is requested', async () => {
		expect((await expectError(() => saveApplication(open.applicant, open.token, form()), ConflictError)).message).toBe('locked');
	});

	it.each([
		{ name: 'fund overview', work: (c: ServiceContext) => fundOverview(c, fx.fund.id) },
		{ name: 'jury list', work: (c: ServiceContext) => listJury(c, fx.fund.id) },
		{ name: 'adding a jury member', work: (c: ServiceContext) => addJuryMember(c, fx.fund.id, { name: 'Fremd', seat: 'Fremd', email: '' }) },
		{ name: 'ledger', work: (c: ServiceContext) => ledgerForYear(c, fx.fund.id, 2026) },
		{ name: 'creating a session', work: (c: ServiceContext) => createSession(c, fx.fund.id, { date: '2026-05-01', time: '17:00', location: 'Rathaus' }) },
		{ name: 'office view', work: (c: ServiceContext) => officeView(c, open.id) },
		{ name: 'pre-check', work: (c: ServiceContext) => savePrecheck(c, open.id, ALL_MET) },
		{ name: 'forwarding', work: (c: ServiceContext) => forwardToJury(c, open.id) },
		{ name: 'rejecting after pre-check', work: (c: ServiceContext) => rejectAfterPrecheck(c, open.id, { reasons: 'Aus einer anderen Stadt abgelehnt.' }) },
		{ name: 'granting', work: (c: ServiceContext) => grantApplication(c, approved.id, { amount: '1' }) },
		{ name: 'paying in advance', work: (c: ServiceContext) => payAdvance(c, approved.id) },
		{ name: 'session view', work: (c: ServiceContext) => sessionView(c, sessionId) },
		{ name: 'attendance', work: (c: ServiceContext) => setAttendance(c, sessionId, []) },
		{ name: 'voting', work: (c: ServiceContext) => castVote(c, itemId, memberId, { choice: 'yes' }) },
		{ name: 'not a UUID', work: (c: ServiceContext) => officeView(c, 'SF-2026-001') }
	])("another municipality's office: $name → NotFound", async ({ work }) => {
		await expectError(() => work(other.office), NotFoundError);
	});

	it("an applicant of another municipality cannot reach the application, nor apply to another town's fund", async () => {
		await expectError(() => applicantView(visitor(other.m), approved.token), NotFoundError);
		await expectError(() => saveApplication(visitor(other.m), open.token, form()), NotFoundError);
		await expectError(() => startApplication(visitor(other.m), fx.fund.id, form()), NotFoundError);
		// The slug is per municipality: the same slug leads to the other town's own fund.
		const { id } = await startApplication(visitor(other.m), 'stadtteilfonds', form());
		expect((await world.db.select().from(application).where(eq(application.id, id)))[0]!.fundId).toBe(other.fund.id);
	});

	it('the office of one municipality has no rights in another', async () => {
		const visiting = contextFor(world, fx.office.actor, other.m);
		await expectError(() => savePrecheck(visiting, open.id, ALL_MET), ForbiddenError);
		await expectError(() => createFund(visiting, bottropFund()), ForbiddenError);
	});

	it.each(['provider', 'editor', 'case_manager', 'council_member', 'jury_member'] as const)('a %s cannot act for the Geschäftsführung (ForbiddenError)', async (role) => {
		const ctx = await as(fx.m, role);
		for (const work of [
			() => createFund(ctx, { ...bottropFund(), slug: 'zweiter-fonds' }),
			() => addJuryMember(ctx, fx.fund.id, { name: 'Neu', seat: 'Neu', email: '' }),
			() => savePrecheck(ctx, open.id, ALL_MET),
			() => forwardToJury(ctx, open.id),
			() => requestRevision(ctx, open.id, { message: 'Bitte ergänzen Sie den Kostenplan.' }),
			() => rejectAfterPrecheck(ctx, open.id, { reasons: 'Nicht förderfähig, weil unzuständig.' }),
			() => createSession(ctx, fx.fund.id, { date: '2026-05-01', time: '17:00', location: 'Rathaus' }),
			() => setAttendance(ctx, sessionId, []),
			() => grantApplication(ctx, approved.id, { amount: '1' }),
			() => rejectApplication(ctx, approved.id, { reasons: 'Das Gremium hat es sich anders überlegt.' }),
			() => payAdvance(ctx, approved.id),
			() => completeSettlement(ctx, approved.id, {}),
			() => recordRefund(ctx, approved.id),
			() => addGuidelineVersion(ctx, fx.fund.id, {})
		])
			await expectError(work, ForbiddenError);
		// Reading the office's files needs grants.read (council members) or grants.vote (jury).
		if (role === 'council_member' || role === 'jury_member') expect((await officeView(ctx, open.id)).application.id).toBe(open.id);
		else await expectError(() => officeView(ctx, open.id), ForbiddenError);
		expect(await statusOf(open.id)).toBe('submitted');
	});

	it('anonymous visitors are asked to sign in for office actions', async () => {
		await expectError(() => grantApplication(visitor(fx.m), approved.id, { amount: '1' }), UnauthenticatedError);
		await expectError(() => officeView(visitor(fx.m), open.id), UnauthenticatedError);
	});

	it.each([
		{ name: 'a well-formed but unknown token', token: 'A'.repeat(43) },
		{ name: 'a malformed token', token: "x' or 1=1 --" },
		{ name: 'an empty token', token: '' }
	])('applicantView with $name → NotFound', async ({ token }) => {
		await expectError(() => applicantView(visitor(fx.m), token), NotFoundError);
		await expectError(() => saveApplication(visitor(fx.m), token, form()), NotFoundError);
	});

	it('the audit trail names the office user for office steps', async () => {
		const events = await auditOf(approved.id);
		const approve = events.find((e) => e.action === 'grants.application.approve')!;
		expect(approve.actorUserId).toBe((fx.office.actor as { userId: string }).userId);
		expect(approve.after).toMatchObject({ grantedCents: 1_500_00 });
		expect(events.find((e) => e.action === 'grants.application.submit')!.actorUserId).toBeNull();
		// Nothing the other municipality tried was written.
		expect((await world.db.select().from(auditEvent).where(eq(auditEvent.municipalityId, other.m.id))).every((e) => e.entityId !== open.id && e.entityId !== approved.id)).toBe(true);
		expect(await world.db.select().from(ledgerEntry).where(eq(ledgerEntry.municipalityId, other.m.id))).toEqual([]);
		expect(await world.db.select().from(juryMember).where(eq(juryMember.municipalityId, other.m.id))).toEqual([]);
	});
});
