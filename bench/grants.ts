/**
 * The hot paths of the Verfügungsfonds (issue 4):
 *  1. letters to PDF through Chromium (every "Schreiben" link renders on request),
 *  2. approvals racing for the money of one fund year (each locks the fund-year row),
 *  3. the office worklist and an application page with a year's worth of applications.
 *
 *   npx tsx bench/grants.ts                                               # embedded PGlite
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/grants.ts   # PostgreSQL (a scratch database is created and dropped)
 *   BENCH_APPLICATIONS=200 BENCH_LETTERS=20 are the defaults
 *
 * The set-up (applications submitted, pre-checked, voted on through the services) is not timed.
 */
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/lib/server/db/client.ts';
import { contextFor, createTestWorld, userWith, anonymous } from '../src/lib/server/test/factories.ts';
import { renderPdf, closePdfRenderer } from '../src/lib/server/core/pdf.ts';
import { bottropFund } from '../src/lib/server/modules/grants/defaults.ts';
import { PRECHECK_CRITERIA } from '../src/lib/server/modules/grants/rules.ts';
import { letter } from '../src/lib/server/modules/grants/schema.ts';
import {
	addJuryMember,
	castVote,
	closeSession,
	createFund,
	createSession,
	forwardToJury,
	grantApplication,
	officeView,
	savePrecheck,
	sessionView,
	setAttendance,
	startApplication,
	submitApplication,
	worklist,
	letterPdf,
	officeLetter
} from '../src/lib/server/modules/grants/index.ts';

const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 200);
const LETTERS = Number(process.env.BENCH_LETTERS ?? 20);

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
	return `n=${s.length} p50=${at(0.5).toFixed(1)} ms p95=${at(0.95).toFixed(1)} ms max=${s.at(-1)!.toFixed(1)} ms`;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const r = await work();
	return [r, performance.now() - t];
}

const world = await createTestWorld();
world.clock.set('2026-03-02T09:00:00Z');
const office = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
const applicant = contextFor(world, anonymous, world.a);
const f = await createFund(office, { ...bottropFund(), guideline: { ...bottropFund().guideline, annualBudgetCents: 100_000_00 } });
const members = [];
for (let i = 0; i < 5; i++) members.push((await addJuryMember(office, f.id, { seat: `Sitz ${i + 1}`, name: `Mitglied ${i + 1}`, email: '' })).id);

console.log(`set-up: ${APPLICATIONS} applications on ${world.testDb.databaseUrl ? 'PostgreSQL' : 'PGlite'} …`);
const ids: string[] = [];
for (let i = 0; i < APPLICATIONS; i++) {
	world.clock.set(new Date(Date.parse('2026-03-02T09:00:00Z') + i * 60_000));
	const { token, id } = await startApplication({ ...applicant, address: `bench-${i}` }, f.slug, {
		organizationName: `Initiative ${i}`,
		contactName: 'Kim Beispiel',
		contactEmail: `kim${i}@example.org`,
		postalAddress: 'Beispielweg 1\n46236 Bottrop',
		title: `Projekt ${i}`,
		description: 'Ein Nachbarschaftsprojekt für den Benchmark.',
		district: 'Altstadt',
		goals: ['neighbourhood'],
		startDate: '2026-06-01',
		endDate: '2026-06-30',
		costLabel0: 'Material',
		costAmount0: '800,00',
		requested: '800,00',
		publishConsent: 'on'
	});
	await submitApplication({ ...applicant, address: `bench-${i}` }, token);
	ids.push(id);
}
world.clock.set('2026-04-03T09:00:00Z');
const allMet = Object.fromEntries(PRECHECK_CRITERIA.map((c) => [`mark_${c.key}`, 'met']));
for (const id of ids) {
	await savePrecheck(office, id, allMet);
	await forwardToJury(office, id);
}
const s = await createSession(office, f.id, { date: '2026-04-20', time: '17:00', location: 'Rathaus' });
await setAttendance(office, s.id, members);
for (const item of (await sessionView(office, s.id)).items) for (const m of members) await castVote(office, item.id, m, { choice: 'yes' });
world.clock.set('2026-04-20T17:00:00Z');
await closeSession(office, s.id, {});
world.clock.set('2026-04-22T09:00:00Z');

// 2. approvals: all at once, against a budget that holds 125 of 200 (100,000 € / 800 €).
const wide = world.testDb.databaseUrl ? await createDb({ databaseUrl: world.testDb.databaseUrl, poolSize: 16 }) : null;
const ctxFor = () => (wide ? { ...office, db: wide.db } : { ...office });
const [results, approveMs] = await timed(() => Promise.allSettled(ids.map((id) => grantApplication(ctxFor(), id, { amount: '800,00' }))));
const granted = results.filter((r) => r.status === 'fulfilled').length;
console.log(`approvals: ${ids.length} at once → ${granted} granted, ${ids.length - granted} refused for lack of money, ${approveMs.toFixed(0)} ms in all (${(ids.length / (approveMs / 1000)).toFixed(0)} per second)`);

// 3. office pages' data.
const list: number[] = [];
const detail: number[] = [];
for (let i = 0; i < 30; i++) {
	list.push((await timed(() => worklist(office, f.id)))[1]);
	detail.push((await timed(() => officeView(office, ids[i % ids.length]!)))[1]);
}
console.log(`worklist (${ids.length} applications): ${stats(list)}`);
console.log(`application page data: ${stats(detail)}`);

// 1. PDF: the approval letters, one after another, then four at a time.
const letters = (await world.db.select().from(letter)).filter((l) => l.kind === 'approval').slice(0, LETTERS);
await renderPdf(letters[0]!.html); // browser start, not counted
const one: number[] = [];
for (const l of letters) one.push((await timed(() => renderPdf(l.html)))[1]);
console.log(`PDF, one at a time: ${stats(one)}`);
const [, fourMs] = await timed(async () => {
	for (let i = 0; i < letters.length; i += 4) await Promise.all(letters.slice(i, i + 4).map((l) => renderPdf(l.html)));
});
console.log(`PDF, four at a time: ${letters.length} letters in ${fourMs.toFixed(0)} ms (${(letters.length / (fourMs / 1000)).toFixed(1)} per second)`);

// What a download costs: the first renders and stores the PDF, every later one reads it from the database.
const first: number[] = [];
const again: number[] = [];
for (const l of letters.slice(0, 10)) {
	first.push((await timed(() => letterPdf(office, l)))[1]);
	again.push((await timed(async () => letterPdf(office, await officeLetter(office, l.id))))[1]);
}
console.log(`letter download, first: ${stats(first)}`);
console.log(`letter download, later (stored PDF): ${stats(again)}`);

await closePdfRenderer();
await wide?.close();
await world.close();
