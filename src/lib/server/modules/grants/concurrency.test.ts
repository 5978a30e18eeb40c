/**
 * Concurrent approvals must never overspend a fund year. `grantApplication` locks the application row and the
 * fund year row (`SELECT … FOR UPDATE`, the row created on the first grant with `INSERT … ON CONFLICT DO NOTHING`)
 * and checks the money left inside the same transaction; a CHECK constraint on `grants_fund_year` is the last guard.
 *
 * - PostgreSQL (TEST_DATABASE_URL set): `createTestDb` builds a pool of only 4 connections, so these tests open a
 *   second pool with 16 on the same database: all 12 transactions are really in flight at the same time.
 * - PGlite: one connection, and PGlite runs whole transactions one after another (its transaction mutex; plain
 *   queries wait for an open transaction too). The variant there proves the outcome, not the locking.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, contextFor, createMunicipality, createTestWorld, userWith, type TestWorld } from '../../test/factories.ts';
import { createDb, type Db, type DbHandle } from '../../db/client.ts';
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { startOfBerlinDay } from '../../core/clock.ts';
import { auditEvent } from '../../core/schema.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { application, fundYear, ledgerEntry, letter } from './schema.ts';
import type { Fund } from './common.ts';
import { bottropFund } from './defaults.ts';
import { PRECHECK_CRITERIA } from './rules.ts';
import { addJuryMember, castVote, closeSession, createFund, createSession, forwardToJury, grantApplication, ledgerForYear, savePrecheck, sessionView, setAttendance, startApplication, submitApplication } from './index.ts';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let world: TestWorld;
/** PostgreSQL only: a pool wide enough for every concurrent transaction. */
let wide: DbHandle | null = null;

beforeAll(async () => {
	world = await createTestWorld();
	if (world.testDb.databaseUrl) wide = await createDb({ databaseUrl: world.testDb.databaseUrl, poolSize: 16 });
});
afterAll(async () => {
	// The wide pool must be gone before the test database is dropped.
	await wide?.close();
	await world?.close();
});

const berlin = (date: string, time: string) => {
	const [h, m] = time.split(':').map(Number) as [number, number];
	return new Date(startOfBerlinDay(date)!.getTime() + (h * 60 + m) * 60_000);
};

let towns = 0;
function town(): Promise<Municipality> {
	const n = ++towns;
	return createMunicipality(world.db, { slug: `gladbeck-${n}`, name: `Gladbeck ${n}`, ags: `05513${String(n).padStart(3, '0')}` });
}

let addresses = 0;
const ALL_MET = Object.fromEntries(PRECHECK_CRITERIA.map((c) => [`mark_${c.key}`, 'met']));
const form = (title: string) => ({
	organizationName: `Initiative ${title}`,
	contactName: 'Aylin Demir',
	contactEmail: 'aylin.demir@example.test',
	postalAddress: 'Hauptstraße 1\n46236 Bottrop',
	title,
	description: 'Ein Nachbarschaftsprojekt im Stadtteil.',
	district: 'Eigen',
	goals: ['neighbourhood'],
	startDate: '2026-06-01',
	endDate: '2026-08-31',
	costLabel0: 'Material',
	costAmount0: '1.500,00',
	requested: '1.500,00'
});

/** A fund with `n` applications of 1.500 € each, all approved by a one-member jury on 20.04.2026. */
async function juryApproved(n: number, annualBudgetCents: number): Promise<{ m: Municipality; office: ServiceContext; fund: Fund; ids: string[] }> {
	world.clock.set(berlin('2026-03-02', '09:00'));
	const m = await town();
	const office = contextFor(world, await userWith(world, m, 'integration_office'), m);
	const base = bottropFund();
	const fund = await createFund(office, { ...base, guideline: { ...base.guideline, annualBudgetCents } });
	const ids: string[] = [];
	for (let i = 1; i <= n; i++) {
		const applicant = contextFor(world, anonymous, m, { address: `2001:db8:c::${(++addresses).toString(16)}` });
		const { token, id } = await startApplication(applicant, fund.slug, form(`Projekt ${i}`));
		await submitApplication(applicant, token);
		await savePrecheck(office, id, ALL_MET);
		await forwardToJury(office, id);
		ids.push(id);
	}
	const member = await addJuryMember(office, fund.id, { name: 'Petra Vorsitz', seat: 'Vorsitz', email: '' });
	const s = await createSession(office, fund.id, { date: '2026-04-20', time: '17:00', location: 'Rathaus' });
	await setAttendance(office, s.id, [member.id]);
	for (const item of (await sessionView(office, s.id)).items) await castVote(office, item.id, member.id, { choice: 'yes' });
	await closeSession(office, s.id, {});
	world.clock.set(berlin('2026-04-22', '10:00'));
	return { m, office, fund, ids };
}

/** Each request with its own context object, as two browser tabs or two clerks would send them. */
const officeCtx = (fx: { m: Municipality; office: ServiceContext }, db: Db) => contextFor(world, fx.office.actor, fx.m, { db });

async function bookings(fundId: string) {
	const [fy] = await world.db.select().from(fundYear).where(and(eq(fundYear.fundId, fundId), eq(fundYear.year, 2026)));
	const entries = fy ? await world.db.select().from(ledgerEntry).where(eq(ledgerEntry.fundYearId, fy.id)) : [];
	return { fy: fy!, entries };
}

async function raceForTheLastMoney(db: Db) {
	// 4.000 € in the year, 12 approvals of 1.500 €: two fit, 1.000 € stay left.
	const fx = await juryApproved(12, 4_000_00);
	const results = await Promise.allSettled(fx.ids.map((id) => grantApplication(officeCtx(fx, db), id, { amount: '1.500,00' })));

	const won = results.filter((r) => r.status === 'fulfilled');
	const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
	expect(won).toHaveLength(2);
	expect(lost).toHaveLength(10);
	for (const r of lost) {
		expect(r.reason).toBeInstanceOf(ValidationError);
		expect((r.reason as ValidationError).message).toBe('Im Förderjahr sind nur noch 1.000,00 € frei.');
		expect((r.reason as ValidationError).fieldErrors).toEqual({ amount: 'Im Förderjahr sind nur noch 1.000,00 € frei.' });
	}

	// The fund year row, the ledger and the applications tell the same story.
	const { fy, entries } = await bookings(fx.fund.id);
	expect(fy).toMatchObject({ budgetCents: 4_000_00, committedCents: 3_000_00 });
	expect(fy.committedCents).toBeLessThanOrEqual(fy.budgetCents);
	expect(entries.map((e) => [e.kind, e.amountCents])).toEqual([
		['commitment', 1_500_00],
		['commitment', 1_500_00]
	]);
	const approved = await world.db.select().from(application).where(and(eq(application.fundId, fx.fund.id), eq(application.status, 'approved')));
	expect(approved.map((a) => a.id).sort()).toEqual(entries.map((e) => e.applicationId).sort());
	expect(approved.reduce((s, a) => s + a.grantedCents, 0)).toBe(fy.committedCents);
	const [{ eligible }] = (await world.db
		.select({ eligible: sql<number>`count(*)::int` })
		.from(application)
		.where(and(eq(application.fundId, fx.fund.id), eq(application.status, 'eligible')))) as [{ eligible: number }];
	expect(eligible).toBe(10);
	expect(await ledgerForYear(fx.office, fx.fund.id, 2026)).toMatchObject({ budgetCents: 4_000_00, grantedCents: 3_000_00, leftCents: 1_000_00 });
	// Only the winners got a Zuwendungsbescheid and an audit event; the losers left no trace.
	expect(await world.db.select({ id: letter.id }).from(letter).where(and(eq(letter.fundId, fx.fund.id), eq(letter.kind, 'approval')))).toHaveLength(2);
	expect(await world.db.select({ id: auditEvent.id }).from(auditEvent).where(and(eq(auditEvent.municipalityId, fx.m.id), eq(auditEvent.action, 'grants.application.approve')))).toHaveLength(2);
	// Only one fund year row for the year, although twelve transactions tried to create it at once.
	expect(await world.db.select({ id: fundYear.id }).from(fundYear).where(eq(fundYear.fundId, fx.fund.id))).toHaveLength(1);
}

describe('concurrent approvals against one fund year', () => {
	it.skipIf(!onPostgres)('PostgreSQL, 12 transactions at once: exactly the two that fit are granted, the budget is never exceeded', async () => {
		await raceForTheLastMoney(wide!.db);
	});

	it.skipIf(onPostgres)('PGlite (transactions serialised on its one connection): the same outcome', async () => {
		await raceForTheLastMoney(world.db);
	});

	it('the same application granted twice at once: exactly one succeeds, the other is a conflict', async () => {
		const fx = await juryApproved(1, 15_000_00);
		const db = wide?.db ?? world.db;
		const [id] = fx.ids as [string];
		const results = await Promise.allSettled([grantApplication(officeCtx(fx, db), id, { amount: '1.500,00' }), grantApplication(officeCtx(fx, db), id, { amount: '1.200,00' })]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect(lost[0]!.reason).toBeInstanceOf(ConflictError);

		const [row] = await world.db.select().from(application).where(eq(application.id, id));
		const { fy, entries } = await bookings(fx.fund.id);
		expect(entries.map((e) => [e.kind, e.amountCents])).toEqual([['commitment', row!.grantedCents]]);
		expect(fy.committedCents).toBe(row!.grantedCents);
		expect([1_500_00, 1_200_00]).toContain(row!.grantedCents);
		expect(await world.db.select({ id: letter.id }).from(letter).where(and(eq(letter.applicationId, id), eq(letter.kind, 'approval')))).toHaveLength(1);
	});
});
