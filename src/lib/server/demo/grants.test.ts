import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestWorld, contextFor, system, type TestWorld } from '../test/factories.ts';
import { seedBottropGrants } from './grants.ts';
import { application, letter } from '../modules/grants/schema.ts';
import { APPLICATION_STATUSES, ledgerForYear, listFunds } from '../modules/grants/index.ts';

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
});
