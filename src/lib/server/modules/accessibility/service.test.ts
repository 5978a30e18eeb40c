import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, anonymous, caught, outbox, TEST_ORIGIN, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../../core/errors.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { barrierReport } from './schema.ts';
import { submitBarrierReport, listBarrierReports, setBarrierReportStatus } from './service.ts';

let world: TestWorld;
beforeAll(async () => {
	world = await createTestWorld();
});
afterAll(() => world?.close());

let addresses = 0;
/** Each visit from its own address, so that the per-address limit only bites where a test wants it. */
const visitor = (m: Municipality, address = `198.51.100.${++addresses}`) => contextFor(world, anonymous, m, { address });
const reportsOf = (m: Municipality) => world.db.select().from(barrierReport).where(eq(barrierReport.municipalityId, m.id));
const valid = (overrides: Record<string, unknown> = {}) => ({
	pageUrl: '/musterstadt/de/barrierefreiheit',
	description: 'Der Kontrast der Schaltflächen ist zu gering.',
	...overrides
});

describe('submitting a barrier report (anonymous visitor)', () => {
	it('stores the report and mails it to the accessibility contact of the municipality', async () => {
		const row = await submitBarrierReport(visitor(world.a), valid({ contactName: 'Maria Muster', contactEmail: ' Maria@Example.TEST ' }), 'ar');
		expect(row).toMatchObject({
			municipalityId: world.a.id,
			pageUrl: '/musterstadt/de/barrierefreiheit',
			contactName: 'Maria Muster',
			contactEmail: 'maria@example.test',
			language: 'ar',
			status: 'open',
			createdAt: world.clock.now()
		});
		expect((await reportsOf(world.a)).map((r) => r.id)).toEqual([row.id]);

		const mails = (await outbox(world.db)).filter((m) => m.recipient === 'barrierefreiheit@musterstadt.test');
		expect(mails).toHaveLength(1);
		const mail = mails[0]!;
		expect(mail).toMatchObject({ municipalityId: world.a.id, subject: 'Gemeldete Barriere: /musterstadt/de/barrierefreiheit', transport: 'captured', status: 'captured' });
		expect(mail.textBody).toContain('Der Kontrast der Schaltflächen ist zu gering.');
		expect(mail.textBody).toContain('Sprache der Meldung: ar');
		expect(mail.textBody).toContain('Antwort erbeten an: Maria Muster <maria@example.test>');
		expect(mail.textBody).toContain(`${TEST_ORIGIN}/musterstadt/intern/barrieren`);
	});

	it('without contact data the mail says so', async () => {
		await submitBarrierReport(visitor(world.b), valid({ pageUrl: '/beispielstadt/en/' }), 'en');
		const mail = (await outbox(world.db)).find((m) => m.recipient === 'barrierefreiheit@beispielstadt.test')!;
		expect(mail.textBody).toContain('Keine Kontaktangabe.');
	});

	it.each([
		{ name: 'description too short', input: valid({ description: 'zu kurz' }), errors: { description: 'description_short' } },
		{ name: 'description only spaces', input: valid({ description: '             ' }), errors: { description: 'description_short' } },
		{ name: 'invalid reply address', input: valid({ contactEmail: 'maria(at)example' }), errors: { contactEmail: 'email_invalid' } },
		{ name: 'no page', input: valid({ pageUrl: ' ' }), errors: { pageUrl: 'page_required' } },
		{ name: 'description too long', input: valid({ description: 'x'.repeat(5001) }), errors: { description: 'too_long' } },
		{ name: 'honeypot filled in', input: valid({ website: 'https://spam.example' }), errors: { website: 'rejected' } },
		{ name: 'several at once', input: { pageUrl: '/x', description: 'kurz', contactEmail: 'nein' }, errors: { description: 'description_short', contactEmail: 'email_invalid' } }
	])('$name → error codes, nothing stored, no mail', async ({ input, errors }) => {
		const m = world.county;
		const error = await caught(() => submitBarrierReport(visitor(m), input, 'de'));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual(errors);
		expect(await reportsOf(m)).toEqual([]);
		expect((await outbox(world.db)).filter((mail) => mail.municipalityId === m.id)).toEqual([]);
	});
});

describe('abuse of the public form', () => {
	it('a language the municipality does not offer is not found, and nothing is stored', async () => {
		const before = (await world.db.select().from(barrierReport)).length;
		expect(await caught(() => submitBarrierReport(visitor(world.a), valid(), 'zz-evil'))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => submitBarrierReport(visitor(world.a), valid(), 'tr'))).toBeInstanceOf(NotFoundError); // not enabled there
		expect((await world.db.select().from(barrierReport)).length).toBe(before);
	});

	it('five reports an hour per address; the sixth is refused; other addresses are not affected', async () => {
		const address = '203.0.113.77';
		for (let i = 0; i < 5; i++) await submitBarrierReport(visitor(world.a, address), valid(), 'de');
		expect(await caught(() => submitBarrierReport(visitor(world.a, address), valid(), 'de'))).toBeInstanceOf(TooManyRequestsError);
		await expect(submitBarrierReport(visitor(world.a), valid(), 'de')).resolves.toBeTruthy();
		world.clock.advance(60 * 60 * 1000 + 1);
		await expect(submitBarrierReport(visitor(world.a, address), valid(), 'de')).resolves.toBeTruthy();
	});
});

describe('reading reports', () => {
	it.each([
		{ role: 'integration_office', allowed: true },
		{ role: 'editor', allowed: true },
		{ role: 'statistics_office', allowed: false },
		{ role: 'provider', allowed: false },
		{ role: 'jury_member', allowed: false },
		{ role: 'case_manager', allowed: false },
		{ role: 'council_member', allowed: false }
	] as const)('$role may list: $allowed', async ({ role, allowed }) => {
		const ctx = contextFor(world, await userWith(world, world.a, role), world.a);
		if (allowed) expect((await listBarrierReports(ctx)).length).toBeGreaterThan(0);
		else await expect(listBarrierReports(ctx)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('anonymous visitors cannot list', async () => {
		await expect(listBarrierReports(visitor(world.a))).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it("another municipality's reports are invisible and cannot be changed", async () => {
		const inB = await submitBarrierReport(visitor(world.b), valid({ description: 'Nur in Beispielstadt: Bilder ohne Alternativtext.' }), 'de');
		const editorA = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		const listA = await listBarrierReports(editorA);
		expect(listA.every((r) => r.municipalityId === world.a.id)).toBe(true);
		expect(listA.some((r) => r.id === inB.id)).toBe(false);
		await expect(setBarrierReportStatus(editorA, inB.id, { status: 'resolved' })).rejects.toBeInstanceOf(NotFoundError);
		expect((await world.db.select().from(barrierReport).where(eq(barrierReport.id, inB.id)))[0]!.status).toBe('open');

		const editorB = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		expect((await listBarrierReports(editorB)).some((r) => r.id === inB.id)).toBe(true);
		await expect(listBarrierReports(contextFor(world, editorA.actor, world.b))).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('an editor sets the status', async () => {
		const editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
		const [report] = await listBarrierReports(editor);
		await setBarrierReportStatus(editor, report!.id, { status: 'in_progress' });
		expect((await listBarrierReports(editor)).find((r) => r.id === report!.id)!.status).toBe('in_progress');
		await expect(setBarrierReportStatus(editor, report!.id, { status: 'vergessen' })).rejects.toBeInstanceOf(ValidationError);
	});
});
