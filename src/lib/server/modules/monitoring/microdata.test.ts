import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { auditEvent } from '../../core/schema.ts';
import { area } from '../areas/schema.ts';
import { baseFigure, figureValue, tableImport } from './schema.ts';
import { generateRegister } from './migrapro.ts';
import { registerCsvChunks } from './register-csv.ts';
import { MICRODATA_FIGURES, runMicrodata } from './microdata.ts';
import { figureTable, listBaseFigures } from './figures.ts';

/*
 * The microdata run against a real database: a synthetic register of 3,000 residents in four
 * Stadtteile of two Stadtbezirke goes in as a stream; only counts come out, summed up the hierarchy.
 */

let world: TestWorld;
let stats: ServiceContext;
const QUARTERS = ['101', '102', '201', '202'];

function upload(csv: string, name = 'auszug.csv') {
	const bytes = new TextEncoder().encode(csv);
	// Small chunks, as a network upload arrives.
	async function* stream() {
		for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
	}
	return { name, stream: stream() };
}
const registerCsv = (count: number, codes = QUARTERS, seed = 7) => [...registerCsvChunks(generateRegister(count, codes, seed, { referenceYear: 2024 }))].join('');

const value = async (figure: string, category: string, code: string) => {
	const [f] = await world.db.select().from(baseFigure).where(and(eq(baseFigure.municipalityId, world.a.id), eq(baseFigure.name, figure)));
	const rows = await world.db
		.select({ value: figureValue.value })
		.from(figureValue)
		.where(and(eq(figureValue.baseFigureId, f!.id), eq(figureValue.areaCode, code), eq(figureValue.category, category), isNull(figureValue.supersededAt)));
	return rows[0]?.value ?? null;
};

beforeAll(async () => {
	world = await createTestWorld();
	const [d1, d2] = await world.db
		.insert(area)
		.values([
			{ municipalityId: world.a.id, level: 'district', code: '1', name: 'Innenstadt' },
			{ municipalityId: world.a.id, level: 'district', code: '2', name: 'Süd' }
		])
		.returning();
	await world.db.insert(area).values(QUARTERS.map((code) => ({ municipalityId: world.a.id, level: 'quarter' as const, code, name: `Stadtteil ${code}`, parentId: code.startsWith('1') ? d1!.id : d2!.id })));
	stats = contextFor(world, await userWith(world, world.a, 'statistics_office'), world.a);
});
afterAll(() => world?.close());

describe('the microdata run', () => {
	it('streams the extract, stores only counts and sums them up to districts and the whole town', async () => {
		const imports = async () => (await world.db.select({ n: sql<number>`count(*)::int` }).from(tableImport))[0]!.n;
		const before = await imports();
		const result = await runMicrodata(stats, upload(registerCsv(3000)), { referenceYear: '2024' });
		expect(result).toMatchObject({ residents: 3000, referenceDate: '2024-12-31', superseded: 0 });
		expect(result.withBackground).toBeGreaterThan(0);
		expect(result.withBackground).toBeLessThan(3000);
		expect(await value(MICRODATA_FIGURES.residents, '', '')).toBe(3000);
		const quarters = await Promise.all(QUARTERS.map((q) => value(MICRODATA_FIGURES.residents, '', q)));
		expect(quarters.reduce((a, b) => a! + b!, 0)).toBe(3000);
		expect(await value(MICRODATA_FIGURES.residents, '', '1')).toBe(quarters[0]! + quarters[1]!);
		expect(await value(MICRODATA_FIGURES.withBackground, '', '')).toBe(result.withBackground);
		// The categories of a figure add up to its total.
		const figures = await listBaseFigures(stats);
		const byAge = figures.find((f) => f.name === MICRODATA_FIGURES.byAge)!;
		const table = await figureTable(stats, byAge.id, { level: 'district' });
		expect(table.categories).toEqual(['', '0-3', '4-5', '6-9', '10-15', '16-18', '19-29', '30-49', '50-64', '65+']);
		const town = table.rows.find((r) => r.isTotal)!;
		expect(town.cells[0]!.value).toBe(3000);
		expect(town.cells.slice(1).reduce((sum, c) => sum + (c.value ?? 0), 0)).toBe(3000);
		expect(await imports()).toBe(before);
		const [audit] = await world.db.select().from(auditEvent).where(eq(auditEvent.action, 'monitoring.microdata.run'));
		expect(audit!.after).toMatchObject({ residents: 3000, filename: 'auszug.csv' });
	});

	it('a second run for the same year replaces the counts and keeps the earlier ones', async () => {
		const result = await runMicrodata(stats, upload(registerCsv(2000, QUARTERS, 8)), { referenceYear: '2024' });
		expect(result.superseded).toBeGreaterThan(0);
		expect(await value(MICRODATA_FIGURES.residents, '', '')).toBe(2000);
	});

	it('an unknown area code names its first line; nothing is stored', async () => {
		const csv = registerCsv(500, ['101', '999']);
		const line = csv.split('\n').findIndex((l) => l.includes(';999;')) + 1;
		const e = await caught(() => runMicrodata(stats, upload(csv), { referenceYear: '2024' }));
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).message).toContain(`„999“ (zuerst in Zeile ${line})`);
		expect(await value(MICRODATA_FIGURES.residents, '', '')).toBe(2000);
	});

	it('rows out of household order are refused with a clear message', async () => {
		const lines = registerCsv(200).trimEnd().split('\n');
		const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n');
		const e = await caught(() => runMicrodata(stats, upload(shuffled), { referenceYear: '2024' }));
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).fieldErrors.file).toMatch(/Haushalt/);
	});

	it('asks for the year and the file on the fields', async () => {
		const e = await caught(() => runMicrodata(stats, null, { referenceYear: '20x4' }));
		expect(Object.keys((e as ValidationError).fieldErrors).sort()).toEqual(['file', 'referenceYear']);
	});

	it('belongs to the statistics office alone', async () => {
		for (const role of ['integration_office', 'editor', 'council_member'] as const) {
			const ctx = contextFor(world, await userWith(world, world.a, role), world.a);
			expect(await caught(() => runMicrodata(ctx, upload(registerCsv(10)), { referenceYear: '2024' }))).toBeInstanceOf(ForbiddenError);
		}
		// Another municipality's statistics office has no areas with these codes: nothing is stored there.
		const other = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
		expect(await caught(() => runMicrodata(other, upload(registerCsv(10)), { referenceYear: '2024' }))).toBeInstanceOf(ValidationError);
	});
});
