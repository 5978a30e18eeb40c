import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, system, anonymous, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, ConflictError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { auditEvent } from '../../core/schema.ts';
import { importAreasFromGeoJson } from '../areas/index.ts';
import { area } from '../areas/schema.ts';
import { baseFigure, figureValue, tableImport } from './schema.ts';
import { commitTable, discardTable, tablePreview, updateTableMapping, uploadTable } from './table-service.ts';
import { createShareKeyFigure, figureTable, keyFigureView, listBaseFigures, publicKeyFigure, publicKeyFigures, setKeyFigurePublic, getKeyFigure } from './figures.ts';

/*
 * The statistics part against a real database, with the real Köln file: 29,135 rows, 7 tables,
 * 2005–2012, the city, its 9 Stadtbezirke and 86 Stadtteile.
 */

const shared = path.resolve(import.meta.dirname, '../../../../../../shared/data/koeln');
const koelnCsv = fs.readFileSync(path.join(shared, 'stats', 'bevoelkerung_2005-2012.csv'));

/** An oracle independent of the importer: the file's own numbers, read with a plain split. */
function fileValue(tab: string, year: string, raum: string, zei: string): number {
	for (const line of koelnCsv.toString('utf8').split('\n')) {
		const c = line.split(',');
		if (c[1] === tab && c[3] === year && c[4] === raum && c[6] === zei) return Number(c.at(-1));
	}
	throw new Error(`not in the file: ${tab}/${year}/${raum}/${zei}`);
}

let world: TestWorld;
let stats: ServiceContext;
let koeln: TestWorld['a'];

async function importKoeln(ctx: ServiceContext) {
	const id = await uploadTable(ctx, { name: 'bevoelkerung_2005-2012.csv', bytes: new Uint8Array(koelnCsv) }, 'Stadt Köln, Offene Daten');
	return { id, result: await commitTable(ctx, id) };
}

const currentValues = async (m = koeln) =>
	(await world.db.select({ n: sql<number>`count(*)::int` }).from(figureValue).where(and(eq(figureValue.municipalityId, m.id), isNull(figureValue.supersededAt))))[0]!.n;

beforeAll(async () => {
	world = await createTestWorld();
	koeln = world.a;
	const sys = contextFor(world, system, koeln);
	await importAreasFromGeoJson(sys, fs.readFileSync(path.join(shared, 'geo', 'stadtbezirke.geojson'), 'utf8'), { level: 'district' });
	await importAreasFromGeoJson(sys, fs.readFileSync(path.join(shared, 'geo', 'stadtteile.geojson'), 'utf8'), { level: 'quarter', parentCodeDropDigits: 2 });
	stats = contextFor(world, await userWith(world, koeln, 'statistics_office'), { ...koeln, name: 'Stadt Köln' });
}, 120_000);
afterAll(() => world?.close());

describe('importing the Köln population file', () => {
	let firstImport: string;

	it('is read, mapped by itself and checked without a single problem; the parts add up to their totals', async () => {
		const id = await uploadTable(stats, { name: 'bevoelkerung_2005-2012.csv', bytes: new Uint8Array(koelnCsv) });
		const { plan, row } = await tablePreview(stats, id);
		expect(row.sheet.rows).toHaveLength(29_135);
		expect(plan!.problems).toEqual([]);
		expect(plan!.records).toHaveLength(29_135);
		expect(plan!.figures.map((f) => f.name).sort()).toEqual([
			'Einwohner in Köln',
			'Einwohner mit Migrationshintergrund',
			'Einwohner nach Alter',
			'Einwohner nach Familienstand',
			'Einwohner nach Geschlecht',
			'Konfession',
			'Wohnstatus'
		]);
		expect(plan!.figures.every((f) => f.referenceDates.join() === ['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012'].map((y) => `${y}-12-31`).join())).toBe(true);
		expect(plan!.totals.checked).toBeGreaterThan(0);
		// Nothing is written before the commit.
		expect(await currentValues()).toBe(0);
		firstImport = id;
	});

	it('commits all rows at once, creates the catalogue and reproduces the file\'s own numbers', async () => {
		const result = await commitTable(stats, firstImport);
		expect(result).toMatchObject({ figures: 7, newFigures: 7, values: 29_135, superseded: 0 });
		expect(await currentValues()).toBe(29_135);
		const figures = await listBaseFigures(stats);
		const residents = figures.find((f) => f.name === 'Einwohner in Köln')!;
		expect(residents).toMatchObject({ code: 'einwohner_in_koeln', values: 8 * 96 });
		const table = await figureTable(stats, residents.id, { date: '2005-12-31', level: 'district' });
		expect(table.rows[0]).toMatchObject({ isTotal: true });
		expect(table.rows[0]!.cells[0]!.value).toBe(fileValue('005', '2005', '000', '10'));
		expect(table.rows.slice(1).map((r) => r.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		// The nine districts add up to the city, as in the file.
		expect(table.rows.slice(1).reduce((sum, r) => sum + r.cells[0]!.value!, 0)).toBe(fileValue('005', '2005', '000', '10'));
		const [audit] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, firstImport), eq(auditEvent.action, 'monitoring.import')));
		expect(audit).toBeTruthy();
		// The working copy of the upload is emptied once imported.
		const [row] = await world.db.select().from(tableImport).where(eq(tableImport.id, firstImport));
		expect(row!.sheet.rows).toEqual([]);
		await expect(commitTable(stats, firstImport)).rejects.toBeInstanceOf(ConflictError);
	});

	it('a second delivery of the same reference dates replaces the values and keeps the earlier ones', async () => {
		const { result } = await importKoeln(stats);
		expect(result).toMatchObject({ newFigures: 0, values: 29_135, superseded: 29_135 });
		expect(await currentValues()).toBe(29_135);
		const [history] = await world.db
			.select({ n: sql<number>`count(*)::int` })
			.from(figureValue)
			.where(and(eq(figureValue.municipalityId, koeln.id), isNotNull(figureValue.supersededAt)));
		expect(history!.n).toBe(29_135);
	});

	it('a file with broken rows names line and column and writes nothing', async () => {
		const broken = Buffer.from(
			'Stadtteil;Jahr;Merkmal;Anzahl\n101;2013;Einwohner;27.900\n102;2013;Einwohner;viele\n999;2013;Einwohner;12\n101;2013;Einwohner;5\n',
			'utf8'
		);
		const id = await uploadTable(stats, { name: 'kaputt.csv', bytes: new Uint8Array(broken) });
		await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Einwohner 2013', decimal: 'comma' });
		const { plan } = await tablePreview(stats, id);
		expect(plan!.problems.map((p) => [p.line, p.columnLetter])).toEqual([
			[3, 'D'],
			[4, 'A'],
			[5, 'D']
		]);
		expect(plan!.problems[0]!.message).toContain('viele');
		expect(plan!.problems[2]!.message).toContain('2');
		const before = await currentValues();
		const e = await caught(() => commitTable(stats, id));
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).message).toMatch(/3 Fehler\. Es wurde nichts importiert/);
		expect(await currentValues()).toBe(before);
		expect((await listBaseFigures(stats)).some((f) => f.name === 'Einwohner 2013')).toBe(false);
		await discardTable(stats, id);
		await expect(tablePreview(stats, id)).resolves.toMatchObject({ plan: null });
	});

	it('a mapping without area or value column is refused on the field', async () => {
		const id = await uploadTable(stats, { name: 'x.csv', bytes: new Uint8Array(Buffer.from('a;b\n1;2\n')) });
		const e = await caught(() => updateTableMapping(stats, id, { 'map.area': '', fixedFigure: '' }));
		expect(Object.keys((e as ValidationError).fieldErrors).sort()).toEqual(['fixedFigure', 'map.area', 'map.values']);
	});
});

describe('the share of residents with a migration background', () => {
	let keyFigureId: string;

	beforeAll(async () => {
		const figures = await listBaseFigures(stats);
		const id = (name: string) => figures.find((f) => f.name === name)!.id;
		keyFigureId = (
			await createShareKeyFigure(stats, {
				name: 'Anteil mit Migrationshintergrund',
				numeratorFigure: id('Einwohner mit Migrationshintergrund'),
				numeratorCategory: 'Einwohner mit Migrationshintergrund',
				denominatorFigure: id('Einwohner in Köln'),
				denominatorCategory: 'Einwohner',
				statements: 'migration_background'
			})
		).id;
	});

	it('is computed for the city and every district, and compared in percentage points', async () => {
		const row = await getKeyFigure(stats, keyFigureId);
		const view = await keyFigureView(world.db, { id: koeln.id, name: 'Stadt Köln' }, row, { date: '2012-12-31', compareWith: '2005-12-31', level: 'district' });
		const city = view.rows.find((r) => r.isTotal)!;
		const expected2012 = (100 * fileValue('030', '2012', '000', '10')) / fileValue('005', '2012', '000', '10');
		const expected2005 = (100 * fileValue('030', '2005', '000', '10')) / fileValue('005', '2005', '000', '10');
		expect(city.value.value).toBeCloseTo(expected2012, 10);
		expect(city.earlier!.value).toBeCloseTo(expected2005, 10);
		expect(city.change!.value).toBeCloseTo(expected2012 - expected2005, 10);
		expect(view.rows.filter((r) => !r.isTotal)).toHaveLength(9);
		const german = (n: number) => new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
		expect(view.statements[0]!.text).toBe(
			`Von 2005 bis 2012 stieg der Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund in Köln um ${german(Math.round(expected2012 * 10) / 10 - Math.round(expected2005 * 10) / 10)}\u00a0Prozentpunkte von ${german(expected2005)}\u00a0% auf ${german(expected2012)}\u00a0%.`
		);
		// The classes of the map are computed over all years of the chosen level.
		expect(view.allValues).toHaveLength(9 * 8);
	});

	it('is internal until published; published, anyone may read it', async () => {
		expect(await publicKeyFigures(world.db, koeln.id)).toEqual([]);
		await expect(publicKeyFigure(world.db, koeln.id, keyFigureId)).rejects.toBeInstanceOf(NotFoundError);
		await setKeyFigurePublic(stats, keyFigureId, true);
		expect((await publicKeyFigures(world.db, koeln.id)).map((k) => k.id)).toEqual([keyFigureId]);
		await expect(setKeyFigurePublic(stats, keyFigureId, true)).rejects.toBeInstanceOf(ConflictError);
		// Another municipality's portal does not know it.
		await expect(publicKeyFigure(world.db, world.b.id, keyFigureId)).rejects.toBeInstanceOf(NotFoundError);
	});
});

describe('small numbers', () => {
	it('a count of 1 or 2 is withheld, and so is a neighbour, so the district total cannot reveal it', async () => {
		const [district] = await world.db.select().from(area).where(and(eq(area.municipalityId, koeln.id), eq(area.code, '1')));
		const quarters = await world.db.select().from(area).where(and(eq(area.municipalityId, koeln.id), eq(area.parentId, district!.id)));
		expect(quarters.map((q) => q.code).sort()).toEqual(['101', '102', '103', '104', '105']);
		// Kinds of a rare nationality in Innenstadt: 2 in Altstadt/Süd, the rest elsewhere.
		const counts: Record<string, number> = { '101': 2, '102': 40, '103': 17, '104': 25, '105': 9 };
		const csv = ['Gebiet;Jahr;Anzahl', `1;2012;${Object.values(counts).reduce((a, b) => a + b, 0)}`, ...Object.entries(counts).map(([code, n]) => `${code};2012;${n}`)].join('\n');
		const id = await uploadTable(stats, { name: 'selten.csv', bytes: new Uint8Array(Buffer.from(csv)) });
		await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.values': ['2'], fixedFigure: 'Staatsangehörigkeit Beispielland', decimal: 'comma' });
		await commitTable(stats, id);
		const figure = (await listBaseFigures(stats)).find((f) => f.name === 'Staatsangehörigkeit Beispielland')!;
		const table = await figureTable(stats, figure.id, { level: 'quarter' });
		const shown = Object.fromEntries(table.rows.map((r) => [r.code, r.cells[0]!.text]));
		expect(shown['101']).toBe('.');
		// The smallest other part (9 in Deutz) is withheld with it; the rest and the total stay visible.
		expect(shown['105']).toBe('.');
		expect([shown['102'], shown['103'], shown['104']]).toEqual(['40', '17', '25']);
		const districts = await figureTable(stats, figure.id, { level: 'district' });
		expect(districts.rows.find((r) => r.code === '1')!.cells[0]!.text).toBe('93');
	});
});

describe('who may do what', () => {
	it('only the statistics office and the integration office import; council members read; others nothing', async () => {
		const file = { name: 'x.csv', bytes: new Uint8Array(Buffer.from('Gebiet;Jahr;Anzahl\n1;2012;5\n')) };
		for (const role of ['editor', 'provider', 'council_member', 'jury_member'] as const) {
			const ctx = contextFor(world, await userWith(world, koeln, role), koeln);
			expect(await caught(() => uploadTable(ctx, file))).toBeInstanceOf(ForbiddenError);
		}
		const council = contextFor(world, await userWith(world, koeln, 'council_member'), koeln);
		expect((await listBaseFigures(council)).length).toBeGreaterThan(0);
		const provider = contextFor(world, await userWith(world, koeln, 'provider'), koeln);
		expect(await caught(() => listBaseFigures(provider))).toBeInstanceOf(ForbiddenError);
		expect(await caught(() => listBaseFigures(contextFor(world, anonymous, koeln)))).toBeInstanceOf(UnauthenticatedError);
		const office = contextFor(world, await userWith(world, koeln, 'integration_office'), koeln);
		await expect(uploadTable(office, file)).resolves.toBeTruthy();
	});

	it('another municipality sees neither the imports nor the figures of Köln', async () => {
		const other = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
		const [anImport] = await world.db.select().from(tableImport).where(eq(tableImport.municipalityId, koeln.id)).limit(1);
		expect(await caught(() => tablePreview(other, anImport!.id))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => commitTable(other, anImport!.id))).toBeInstanceOf(NotFoundError);
		const [figure] = await world.db.select().from(baseFigure).where(eq(baseFigure.municipalityId, koeln.id)).limit(1);
		expect(await caught(() => figureTable(other, figure!.id, {}))).toBeInstanceOf(NotFoundError);
		// Only the default catalogue, without a single value, and none of Köln's figures.
		const theirs = await listBaseFigures(other);
		expect(theirs.filter((f) => f.values > 0)).toEqual([]);
		expect(theirs.map((f) => f.name)).not.toContain('Einwohner in Köln');
	});
});

describe('the Bottrop table of the Integrationsbericht (seed 003)', () => {
	it('entered as base data, reproduces the "Veränderung" column, the marks and the example statements', async () => {
		const { seedBottropMonitoring } = await import('../../demo/monitoring.ts');
		const bottrop = world.b;
		const sys = contextFor(world, system, { ...bottrop, name: 'Stadt Bottrop' });
		await world.db.insert(area).values([
			{ municipalityId: bottrop.id, level: 'quarter', code: '11', name: 'Altstadt' },
			{ municipalityId: bottrop.id, level: 'quarter', code: '61', name: 'Ebel/Welheimer Mark' }
		]);
		await seedBottropMonitoring(sys);
		const [row] = await publicKeyFigures(world.db, bottrop.id);
		const altstadt = (await world.db.select().from(area).where(and(eq(area.municipalityId, bottrop.id), eq(area.code, '11'))))[0]!;
		const view = await keyFigureView(world.db, { id: bottrop.id, name: 'Stadt Bottrop' }, row!, { date: '2018-12-31', compareWith: '2008-12-31', area: altstadt.id });
		const change = (r: (typeof view.categoryRows)[number]) => (r.change!.value === null ? null : Math.round(r.change!.value * 10) / 10);
		expect(view.categoryRows.map((r) => [r.category, change(r)])).toEqual([
			['', 12.4],
			['0-3', 23.6],
			['4-5', 22.4],
			['6-9', 24.1],
			['10-15', 20.8],
			['16-18', 16.5],
			['19-29', 15.9],
			['30-49', 13.8],
			['50-64', 5.8],
			['>64', 3.2]
		]);
		// Shares over 50 % in 2018: 0–3 up to 19–29; rises of 10 points or more: 0–3 up to 30–49. The total is not marked.
		const marked = (rule: string) => view.categoryRows.filter((r) => r.marks.some((m) => m.ruleId === rule)).map((r) => r.category);
		expect(marked('share_over_50')).toEqual(['0-3', '4-5', '6-9', '10-15', '16-18', '19-29']);
		expect(marked('rise_of_10_points')).toEqual(['0-3', '4-5', '6-9', '10-15', '16-18', '19-29', '30-49']);
		expect(view.statements.map((s) => s.text)).toContain('Von 2008 bis 2018 stieg der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 11-Altstadt um 23,6\u00a0Prozentpunkte von 52,7\u00a0% auf 76,3\u00a0%.');
		// Ebel: the share of the youngest fell.
		const ebel = (await world.db.select().from(area).where(and(eq(area.municipalityId, bottrop.id), eq(area.code, '61'))))[0]!;
		const ebelView = await keyFigureView(world.db, { id: bottrop.id, name: 'Stadt Bottrop' }, row!, { date: '2018-12-31', compareWith: '2008-12-31', area: ebel.id, category: '0-3' });
		expect(change(ebelView.categoryRows.find((r) => r.category === '0-3')!)).toBe(-6.3);
		expect(ebelView.rows.map((r) => [r.isTotal ? 'Bottrop' : r.code, r.value.value])).toEqual([
			['Bottrop', 43.5],
			['11', 76.3],
			['61', 37.9]
		]);
	});
});

describe('the default catalogue', () => {
	it('is added once, keeps edits, and an import of the same name fills an entry instead of duplicating it', async () => {
		const { DEFAULT_BASE_FIGURES } = await import('./defaults.ts');
		const { updateBaseFigure } = await import('./figures.ts');
		const town = world.town;
		const ctx = contextFor(world, await userWith(world, town, 'statistics_office'), town);
		const first = await listBaseFigures(ctx);
		expect(first.map((f) => f.code).sort()).toEqual(DEFAULT_BASE_FIGURES.map((f) => f.code).sort());
		const kita = first.find((f) => f.code === 'kita_kinder')!;
		await updateBaseFigure(ctx, kita.id, { name: 'Kinder in Kitas', unit: 'count', topic: 'Frühkindliche Bildung', definition: 'Eigene Definition.' });
		const again = await listBaseFigures(ctx);
		expect(again).toHaveLength(first.length);
		expect(again.find((f) => f.code === 'kita_kinder')).toMatchObject({ name: 'Kinder in Kitas', definition: 'Eigene Definition.' });
		// A delivery named like a catalogue entry goes into that entry.
		const id = await uploadTable(ctx, { name: 'einbuergerungen.csv', bytes: new Uint8Array(Buffer.from('Gebiet;Jahr;Anzahl\n0;2024;57\n')) });
		await updateTableMapping(ctx, id, { 'map.area': '0', 'map.year': '1', 'map.values': ['2'], fixedFigure: 'Einbürgerungen', decimal: 'comma' });
		expect(await commitTable(ctx, id)).toMatchObject({ newFigures: 0, values: 1 });
		const after = await listBaseFigures(ctx);
		expect(after).toHaveLength(first.length);
		expect(after.find((f) => f.code === 'einbuergerungen')).toMatchObject({ values: 1, referenceDates: ['2024-12-31'] });
	});
});

describe('differencing attacks', () => {
	it('a hidden age group cannot be recomputed from the total of the same table, nor from the other level', async () => {
		// Innenstadt with its five Stadtteile; in 101 the group 6-9 has 2 residents.
		const [district] = await world.db.select().from(area).where(and(eq(area.municipalityId, koeln.id), eq(area.code, '1')));
		const groups: Record<string, [number, number, number]> = { '101': [30, 2, 20], '102': [20, 14, 30], '103': [10, 10, 20], '104': [12, 9, 15], '105': [8, 11, 25] };
		const lines = ['Gebiet;Jahr;Altersgruppe;Anzahl'];
		let [young, middle, old] = [0, 0, 0];
		for (const [code, [a, b, c]] of Object.entries(groups)) {
			lines.push(`${code};2013;insgesamt;${a + b + c}`, `${code};2013;0-5;${a}`, `${code};2013;6-9;${b}`, `${code};2013;10+;${c}`);
			young += a;
			middle += b;
			old += c;
		}
		lines.push(`1;2013;insgesamt;${young + middle + old}`, `1;2013;0-5;${young}`, `1;2013;6-9;${middle}`, `1;2013;10+;${old}`);
		const csv = lines.join('\n');
		const quarters = await world.db.select({ code: area.code }).from(area).where(and(eq(area.municipalityId, koeln.id), eq(area.parentId, district!.id)));
		// The test needs all quarters of the district in the table, or the hierarchy is not a sum.
		expect(quarters.map((q) => q.code).sort()).toEqual(Object.keys(groups));
		const id = await uploadTable(stats, { name: 'alter.csv', bytes: new Uint8Array(Buffer.from(csv)) });
		await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Einwohner nach Alter (Test)', decimal: 'comma' });
		await commitTable(stats, id);
		const figure = (await listBaseFigures(stats)).find((f) => f.name === 'Einwohner nach Alter (Test)')!;
		const quartersTable = await figureTable(stats, figure.id, { level: 'quarter' });
		const districtTable = await figureTable(stats, figure.id, { level: 'district' });
		const column = (c: string) => quartersTable.categories.indexOf(c);
		const q101 = quartersTable.rows.find((r) => r.code === '101')!;
		expect(q101.cells[column('6-9')]!.text).toBe('.');
		// Total minus the other groups in 101: at least one of them is hidden too.
		expect(['', '0-5', '10+'].some((c) => q101.cells[column(c)]!.text === '.')).toBe(true);
		// The district's 6-9 minus the other quarters' 6-9: at least one other quarter's 6-9 is hidden too,
		// or the district's own value is.
		const others = quartersTable.rows.filter((r) => !r.isTotal && r.code !== '101').map((r) => r.cells[column('6-9')]!.text);
		const districtCell = districtTable.rows.find((r) => r.code === '1')!.cells[districtTable.categories.indexOf('6-9')]!.text;
		expect(others.includes('.') || districtCell === '.').toBe(true);
	});
});

describe('qualitative indicators and targets', () => {
	it('records dated statements with evidence; refuses a future date or a missing source', async () => {
		const { createIndicator, addIndicatorStatement, listIndicators } = await import('./indicators.ts');
		const created = await createIndicator(stats, { name: 'Interkulturelle Öffnung der Verwaltung', topic: 'Interkulturelle Öffnung' });
		await addIndicatorStatement(stats, created.id, { statedOn: '2025-12-31', statement: 'Alle Führungskräfte haben die Fortbildung zur interkulturellen Kompetenz besucht.', evidence: 'Fortbildungsbericht des Personalamts 2025' });
		const future = await caught(() => addIndicatorStatement(stats, created.id, { statedOn: '2099-01-01', statement: 'Das ist noch nicht passiert, steht aber schon hier.', evidence: 'Plan' }));
		expect((future as ValidationError).fieldErrors.statedOn).toMatch(/Zukunft/);
		const missing = await caught(() => addIndicatorStatement(stats, created.id, { statedOn: '2025-02-30', statement: 'kurz', evidence: '' }));
		expect(Object.keys((missing as ValidationError).fieldErrors).sort()).toEqual(['evidence', 'statedOn', 'statement']);
		const [listed] = (await listIndicators(stats)).filter((i) => i.id === created.id);
		expect(listed!.statements.map((s) => s.statedOn)).toEqual(['2025-12-31']);
		const council = contextFor(world, await userWith(world, koeln, 'council_member'), koeln);
		expect((await listIndicators(council)).some((i) => i.id === created.id)).toBe(true);
		expect(await caught(() => createIndicator(council, { name: 'Darf ich nicht' }))).toBeInstanceOf(ForbiddenError);
		const other = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
		expect(await caught(() => addIndicatorStatement(other, created.id, { statedOn: '2025-01-01', statement: 'Aus einer anderen Kommune eingetragen.', evidence: 'keiner' }))).toBeInstanceOf(NotFoundError);
	});

	it('a key figure gets a target with value and date, or none', async () => {
		const { setKeyFigureTarget } = await import('./indicators.ts');
		const [kf] = await publicKeyFigures(world.db, koeln.id);
		expect(await setKeyFigureTarget(stats, kf!.id, { targetValue: '37,5', targetDate: '2030-12-31' })).toEqual({ targetValue: 37.5, targetDate: '2030-12-31' });
		expect((await getKeyFigure(stats, kf!.id)).targetValue).toBe(37.5);
		const half = await caught(() => setKeyFigureTarget(stats, kf!.id, { targetValue: '40', targetDate: '' }));
		expect((half as ValidationError).fieldErrors.targetDate).toBeTruthy();
		const wrong = await caught(() => setKeyFigureTarget(stats, kf!.id, { targetValue: 'viel', targetDate: '2030-13-01' }));
		expect(Object.keys((wrong as ValidationError).fieldErrors).sort()).toEqual(['targetDate', 'targetValue']);
		expect(await setKeyFigureTarget(stats, kf!.id, { targetValue: '', targetDate: '' })).toEqual({ targetValue: null, targetDate: null });
	});
});

describe('a table whose total is published elsewhere', () => {
	it('a hidden category is never the only hidden cell of its row, even without an "insgesamt" column', async () => {
		const groups: Record<string, [number, number, number]> = { '101': [40, 1, 25], '102': [20, 14, 30], '103': [10, 10, 20], '104': [12, 9, 15], '105': [8, 11, 25] };
		const lines = ['Gebiet;Jahr;Herkunft;Anzahl'];
		const totals = [0, 0, 0];
		for (const [code, values] of Object.entries(groups)) {
			['EU', 'Asien', 'Afrika'].forEach((c, i) => lines.push(`${code};2013;${c};${values[i]}`));
			values.forEach((v, i) => (totals[i] = totals[i]! + v));
		}
		['EU', 'Asien', 'Afrika'].forEach((c, i) => lines.push(`1;2013;${c};${totals[i]}`));
		const id = await uploadTable(stats, { name: 'herkunft.csv', bytes: new Uint8Array(Buffer.from(lines.join('\n'))) });
		await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Ausländer nach Herkunft (Test)', decimal: 'comma' });
		await commitTable(stats, id);
		const figure = (await listBaseFigures(stats)).find((f) => f.name === 'Ausländer nach Herkunft (Test)')!;
		const table = await figureTable(stats, figure.id, { level: 'quarter' });
		const row = table.rows.find((r) => r.code === '101')!.cells.map((c) => c.text);
		// Asien (1) is hidden; since the residents of 101 may be known from another table, EU or Afrika is hidden with it.
		expect(row[table.categories.indexOf('Asien')]).toBe('.');
		expect(row.filter((t) => t === '.').length).toBeGreaterThanOrEqual(2);
	});
});

describe('a category that is the sum of others', () => {
	it('"Ausländer" = the origin groups: a hidden group cannot be recomputed from it', async () => {
		// As in Köln's table: Ausländer is the sum of the origin groups; Eingebürgerte stand beside them. In 101 the
		// smallest other cell is Eingebürgerte, so the row's own protection alone would hide that one.
		const rows: Record<string, Record<string, number>> = {
			'101': { Türkei: 40, Afrika: 2, Asien: 30, Eingebürgerte: 5 },
			'102': { Türkei: 20, Afrika: 14, Asien: 30, Eingebürgerte: 41 },
			'103': { Türkei: 10, Afrika: 10, Asien: 20, Eingebürgerte: 38 },
			'104': { Türkei: 12, Afrika: 9, Asien: 15, Eingebürgerte: 20 },
			'105': { Türkei: 8, Afrika: 11, Asien: 25, Eingebürgerte: 33 }
		};
		const lines = ['Gebiet;Jahr;Merkmal;Anzahl'];
		const district: Record<string, number> = {};
		for (const [code, groups] of Object.entries(rows)) {
			const all = { ...groups, Ausländer: groups['Türkei']! + groups['Afrika']! + groups['Asien']! };
			for (const [k, v] of Object.entries(all)) {
				lines.push(`${code};2013;${k};${v}`);
				district[k] = (district[k] ?? 0) + v;
			}
		}
		for (const [k, v] of Object.entries(district)) lines.push(`1;2013;${k};${v}`);
		const id = await uploadTable(stats, { name: 'herkunft2.csv', bytes: new Uint8Array(Buffer.from(lines.join('\n'))) });
		await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Herkunft (Test)', decimal: 'comma' });
		await commitTable(stats, id);
		const figure = (await listBaseFigures(stats)).find((f) => f.name === 'Herkunft (Test)')!;
		const table = await figureTable(stats, figure.id, { level: 'quarter' });
		const cell = (code: string, c: string) => table.rows.find((r) => r.code === code)!.cells[table.categories.indexOf(c)]!.text;
		expect(cell('101', 'Afrika')).toBe('.');
		// Ausländer − Türkei − Asien would give Afrika: one of the three is hidden as well.
		expect(['Ausländer', 'Türkei', 'Asien'].some((c) => cell('101', c) === '.')).toBe(true);
	});
});

describe('a Kreis and its towns', () => {
	it('sees the towns side by side where they publish a key figure of the same name', async () => {
		const { countyComparison } = await import('./county.ts');
		const town = world.town;
		const ctx = contextFor(world, await userWith(world, town, 'statistics_office'), town);
		const id = await uploadTable(ctx, { name: 'mh.csv', bytes: new Uint8Array(Buffer.from('Gebiet;Jahr;Merkmal;Anzahl\n0;2023;insgesamt;1000\n0;2023;mit Migrationshintergrund;350\n0;2024;insgesamt;1000\n0;2024;mit Migrationshintergrund;380\n')) });
		await updateTableMapping(ctx, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Einwohner nach Migrationshintergrund (Test)', decimal: 'comma' });
		await commitTable(ctx, id);
		const figure = (await listBaseFigures(ctx)).find((f) => f.name === 'Einwohner nach Migrationshintergrund (Test)')!;
		await createShareKeyFigure(ctx, { name: 'Anteil mit Migrationshintergrund', numeratorFigure: figure.id, numeratorCategory: 'mit Migrationshintergrund', denominatorFigure: figure.id, denominatorCategory: '', isPublic: 'on' });
		await createShareKeyFigure(ctx, { name: 'Nur intern', numeratorFigure: figure.id, numeratorCategory: 'mit Migrationshintergrund', denominatorFigure: figure.id, denominatorCategory: '' });
		const comparison = await countyComparison(world.db, [town, world.a]);
		const compared = comparison.figures.find((f) => f.name === 'Anteil mit Migrationshintergrund')!;
		expect(compared.years).toEqual(['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012', '2023', '2024']);
		const [inTown, inKoeln] = compared.rows;
		expect(inTown!.town.id).toBe(town.id);
		expect(inTown!.cells.at(-1)).toMatchObject({ date: '2024-12-31', value: { value: 38, status: 'ok' } });
		expect(inTown!.cells[0]).toMatchObject({ date: null, value: { status: 'not_available' } });
		// Köln (world.a here) publishes a figure of the same name with its own value; internal ones never appear.
		expect(inKoeln!.town.id).toBe(world.a.id);
		expect(inKoeln!.cells[7]).toMatchObject({ date: '2012-12-31', value: { status: 'ok' } });
		// No year in common: no change.
		expect(compared.span).toBeNull();
		expect(comparison.figures.map((f) => f.name)).not.toContain('Nur intern');
	});
});
