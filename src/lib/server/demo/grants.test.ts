import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestWorld, contextFor, system, type TestWorld } from '../test/factories.ts';
import { seedBottropGrants } from './grants.ts';
import { application, letter } from '../modules/grants/schema.ts';
import { APPLICATION_STATUSES, ledgerForYear, listFunds, previewTemplate } from '../modules/grants/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { runGrantReminders } from '../modules/grants/reminders.ts';
import { outboxMail } from '../core/schema.ts';

describe('demo fund (Bottrop)', () => {
	let world: TestWorld;
	beforeAll(async () => {
		world = await createTestWorld();
		world.clock.set('2026-12-02T10:00:00Z');
		await seedBottropGrants(contextFor(world, system, world.a), system, 'jury@nowhere.example');
	}, 120_000);
	afterAll(() => world.close());

	it('holds an application in every state of the procedure', async () => {
		const rows = await world.db.select({ status: application.status }).from(application).where(eq(application.municipalityId, world.a.id));
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(APPLICATION_STATUSES));
	});

	it('books the last fund year consistently', async () => {
		const ctx = contextFor(world, system, world.a);
		const [f] = await listFunds(ctx);
		const ledger = await ledgerForYear(ctx, f!.id, 2026);
		// Granted 1,000 + 1,800 + 1,500 + 900; released after settlement: 1,000 − 974.70 (festival) and 1,500 − 1,335 (graffiti).
		expect(ledger.grantedCents).toBe(1_000_00 + 1_800_00 + 1_500_00 + 900_00 - (1_000_00 - 974_70) - (1_500_00 - 1_335_00));
		expect(ledger.leftCents).toBe(15_000_00 - ledger.grantedCents);
		expect(ledger.paidCents).toBe(974_70 + 1_500_00);
	});

	it('issued the letters of every kind except a refund receipt', async () => {
		const kinds = new Set((await world.db.select({ kind: letter.kind }).from(letter).where(eq(letter.municipalityId, world.a.id))).map((l) => l.kind));
		for (const k of ['receipt_confirmation', 'revision_request', 'precheck_rejection', 'invitation', 'minutes', 'approval', 'rejection', 'payment_order', 'settlement_record', 'refund_demand']) expect(kinds).toContain(k);
	});

	it('reminds of a settlement once when it is due soon and once when overdue', async () => {
		// The cooking evenings end on 30.06. of the next year: settlement due 30.08.
		const deps = { db: world.db, mail: world.mail, clock: world.clock, origin: 'https://teilhabe.test' };
		const mails = async () => (await world.db.select().from(outboxMail)).filter((m) => m.subject.includes('Kochabend')).length;
		const before = await mails();
		world.clock.set('2027-08-20T08:00:00Z');
		expect((await runGrantReminders(deps)).settlementSoon).toBe(1);
		expect(await runGrantReminders(deps)).toMatchObject({ settlementSoon: 0, settlementOverdue: 0 });
		world.clock.set('2027-08-30T21:59:00Z'); // 23:59 in Berlin on the due day: not overdue yet
		expect((await runGrantReminders(deps)).settlementOverdue).toBe(0);
		world.clock.set('2027-08-30T22:00:00Z');
		expect((await runGrantReminders(deps)).settlementOverdue).toBe(1);
		expect((await runGrantReminders(deps)).settlementOverdue).toBe(0);
		// Applicant: soon + overdue; office: overdue.
		expect((await mails()) - before).toBe(3);
	});

	it('writes the vote of each member into the minutes', async () => {
		const minutes = (await world.db.select().from(letter).where(eq(letter.municipalityId, world.a.id))).filter((l) => l.kind === 'minutes');
		expect(minutes).toHaveLength(2);
		// Spring session: the mayor of the south recused himself from the mothers' café.
		expect(minutes.some((m) => m.html.includes('Klaus Brandt (Bezirksbürgermeister Süd)</td><td>befangen, keine Stimme'))).toBe(true);
		expect(minutes.some((m) => m.html.includes('Tobias Reuter (Sozialamt)</td><td>Nein'))).toBe(true);
	});

	it('previews a template with sample values, and knows only its own kinds', async () => {
		const ctx = contextFor(world, system, world.a);
		const [f] = await listFunds(ctx);
		const html = await previewTemplate(ctx, f!.id, 'approval');
		expect(html).toContain('Vorschau: Zuwendungsbescheid');
		expect(html).toContain('1.000,00 €');
		expect(html).not.toContain('{{');
		await expect(previewTemplate(ctx, f!.id, 'unknown')).rejects.toBeInstanceOf(NotFoundError);
		await expect(previewTemplate(contextFor(world, system, world.b), f!.id, 'approval')).rejects.toBeInstanceOf(NotFoundError);
	});
});
