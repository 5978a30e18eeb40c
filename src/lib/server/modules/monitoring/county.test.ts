import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createTestWorld, contextFor, userWith, type TestWorld } from '../../test/factories.ts';
import type { ServiceContext } from '../../core/context.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { listMemberTowns } from '../../core/tenancy.ts';
import { commitTable, updateTableMapping, uploadTable } from './table-service.ts';
import { createPercentKeyFigure, createShareKeyFigure, keyFigureView, listBaseFigures, pointsText, publicKeyFigure, shareText, updateBaseFigure } from './figures.ts';
import { countyCharts, countyComparison, type CountyComparison, type CountyFigure } from './county.ts';

/*
 * A Kreis with two member towns that publish key figures of the same name for different years, built
 * through the same services as an upload in the back office. Every town has only its total (area code 0).
 */

let world: TestWorld;
let dorf: Municipality;
let hausen: Municipality;
let comparison: CountyComparison;
const ids: Record<string, string> = {};

/** One base figure of a town from rows of [year or date, category, count]. */
async function importFigure(ctx: ServiceContext, name: string, rows: [string, string, string][]) {
	const csv = ['Gebiet;Jahr;Merkmal;Anzahl', ...rows.map(([date, category, value]) => `0;${date};${category};${value}`)].join('\n');
	const id = await uploadTable(ctx, { name: 'zahlen.csv', bytes: new Uint8Array(Buffer.from(csv)) });
	await updateTableMapping(ctx, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: name, decimal: 'comma' });
	await commitTable(ctx, id);
	return (await listBaseFigures(ctx)).find((f) => f.name === name)!;
}

async function share(ctx: ServiceContext, name: string, figureId: string, numeratorCategory: string, isPublic: boolean) {
	const row = await createShareKeyFigure(ctx, { name, numeratorFigure: figureId, numeratorCategory, denominatorFigure: figureId, denominatorCategory: '', ...(isPublic ? { isPublic: 'on' } : {}) });
	ids[`${ctx.municipality.slug}:${name}`] = row.id;
	return row;
}

const figure = (name: string): CountyFigure => comparison.figures.find((f) => f.name === name)!;
const rowOf = (f: CountyFigure, town: Municipality) => f.rows.find((r) => r.town.id === town.id)!;
const cellOf = (f: CountyFigure, town: Municipality, year: string) => rowOf(f, town).cells[f.years.indexOf(year)]!;

beforeAll(async () => {
	world = await createTestWorld();
	dorf = world.town;
	hausen = await createMunicipality(world.db, { slug: 'musterhausen', name: 'Musterhausen', ags: '05999011', kind: 'county_municipality', parentId: world.county.id });
	const inDorf = contextFor(world, await userWith(world, dorf, 'statistics_office'), dorf);
	const inHausen = contextFor(world, await userWith(world, hausen, 'statistics_office'), hausen);

	// Musterdorf: 2021, two dates in 2022 (the later counts), 2024; nothing for 2023.
	const dorfMh = await importFigure(inDorf, 'Einwohner nach Migrationshintergrund (Test)', [
		['2021', 'insgesamt', '1000'],
		['2021', 'mit Migrationshintergrund', '300'],
		['2022-06-30', 'insgesamt', '1000'],
		['2022-06-30', 'mit Migrationshintergrund', '310'],
		['2022-12-31', 'insgesamt', '1000'],
		['2022-12-31', 'mit Migrationshintergrund', '320'],
		['2024', 'insgesamt', '1000'],
		['2024', 'mit Migrationshintergrund', '360']
	]);
	await share(inDorf, 'Anteil mit Migrationshintergrund', dorfMh.id, 'mit Migrationshintergrund', true);
	await share(inDorf, 'Nur intern', dorfMh.id, 'mit Migrationshintergrund', false);
	await share(inDorf, 'Nur in Musterdorf veröffentlicht', dorfMh.id, 'mit Migrationshintergrund', true);
	// Two foreigners in 2021: a small count, withheld together with the total it could be recomputed from.
	const dorfForeign = await importFigure(inDorf, 'Einwohner nach Staatsangehörigkeit (Test)', [
		['2021', 'insgesamt', '1000'],
		['2021', 'Ausländer', '2'],
		['2024', 'insgesamt', '1000'],
		['2024', 'Ausländer', '150']
	]);
	await share(inDorf, 'Anteil der Ausländer', dorfForeign.id, 'Ausländer', true);

	// Musterhausen: 2021, 2023, 2024; nothing for 2022.
	const hausenMh = await importFigure(inHausen, 'Einwohner nach Migrationshintergrund (Test)', [
		['2021', 'insgesamt', '500'],
		['2021', 'mit Migrationshintergrund', '200'],
		['2023', 'insgesamt', '500'],
		['2023', 'mit Migrationshintergrund', '210'],
		['2024', 'insgesamt', '500'],
		['2024', 'mit Migrationshintergrund', '225']
	]);
	await share(inHausen, 'Anteil mit Migrationshintergrund', hausenMh.id, 'mit Migrationshintergrund', true);
	await share(inHausen, 'Nur in Musterdorf veröffentlicht', hausenMh.id, 'mit Migrationshintergrund', false);
	// 20 residents in 2021: a share of them is not reliable enough to be shown.
	const hausenForeign = await importFigure(inHausen, 'Einwohner nach Staatsangehörigkeit (Test)', [
		['2021', 'insgesamt', '20'],
		['2021', 'Ausländer', '5'],
		['2024', 'insgesamt', '600'],
		['2024', 'Ausländer', '90']
	]);
	await share(inHausen, 'Anteil der Ausländer', hausenForeign.id, 'Ausländer', true);

	// A delivered percentage by age group with its own total ("gesamt"): the total is what the Kreis compares.
	const ages = await importFigure(inHausen, 'Anteil nach Altersgruppen (Test)', [
		['2021', '0-5', '51,5'],
		['2021', 'gesamt', '38,2'],
		['2024', '0-5', '55,0'],
		['2024', 'gesamt', '41,7']
	]);
	await updateBaseFigure(inHausen, ages.id, { name: ages.name, unit: 'percent' });
	ids['musterhausen:Anteil nach Altersgruppen'] = (await createPercentKeyFigure(inHausen, { name: 'Anteil nach Altersgruppen', figure: ages.id, isPublic: 'on' })).id;

	comparison = await countyComparison(world.db, await listMemberTowns(world.db, world.county.id));
}, 120_000);
afterAll(() => world?.close());

describe('a Kreis sees its towns side by side over time', () => {
	it('lists every key figure name a town publishes, with the member towns in their order', () => {
		expect(comparison.towns.map((t) => t.name)).toEqual(['Musterdorf', 'Musterhausen']);
		expect(comparison.figures.map((f) => f.name)).toEqual(['Anteil der Ausländer', 'Anteil mit Migrationshintergrund', 'Anteil nach Altersgruppen', 'Nur in Musterdorf veröffentlicht']);
	});

	it('puts two towns with different years into one matrix: the union of their years, the latest date of a year', () => {
		const f = figure('Anteil mit Migrationshintergrund');
		expect(f.years).toEqual(['2021', '2022', '2023', '2024']);
		expect(f.rows.map((r) => r.town.slug)).toEqual(['musterdorf', 'musterhausen']);
		expect(rowOf(f, dorf).cells.map((c) => shareText(c.value))).toEqual(['30,0\u00a0%', '32,0\u00a0%', '…', '36,0\u00a0%']);
		expect(rowOf(f, hausen).cells.map((c) => shareText(c.value))).toEqual(['40,0\u00a0%', '…', '42,0\u00a0%', '45,0\u00a0%']);
		expect(cellOf(f, dorf, '2022')).toEqual({ year: '2022', date: '2022-12-31', value: { value: 32, status: 'ok' } });
		// A year a town does not have is "not available", never a value borrowed from another year.
		expect(cellOf(f, dorf, '2023')).toEqual({ year: '2023', date: null, value: { value: null, status: 'not_available' } });
		expect(cellOf(f, hausen, '2022')).toEqual({ year: '2022', date: null, value: { value: null, status: 'not_available' } });
	});

	it('keeps each town\'s own key figure for the link to its page', () => {
		const f = figure('Anteil mit Migrationshintergrund');
		expect(rowOf(f, dorf).keyFigureId).toBe(ids['musterdorf:Anteil mit Migrationshintergrund']);
		expect(rowOf(f, hausen).keyFigureId).toBe(ids['musterhausen:Anteil mit Migrationshintergrund']);
	});

	it('gives the change in points between the first and the last year all towns share', () => {
		const f = figure('Anteil mit Migrationshintergrund');
		// 2022 and 2023 are not shared: 2021 → 2024.
		expect(f.span).toEqual({ from: '2021', to: '2024' });
		expect(rowOf(f, dorf).change!.status).toBe('ok');
		expect(rowOf(f, dorf).change!.value).toBeCloseTo(6, 10);
		expect(rowOf(f, hausen).change!.value).toBeCloseTo(5, 10);
		expect(pointsText(rowOf(f, dorf).change!)).toBe('+6,0');
	});

	it('keeps a withheld or unreliable value withheld, and so its change', async () => {
		const f = figure('Anteil der Ausländer');
		expect(f.span).toEqual({ from: '2021', to: '2024' });
		// Two foreigners in Musterdorf: withheld ("."), and the change from it as well.
		expect(cellOf(f, dorf, '2021').value).toEqual({ value: null, status: 'suppressed_primary' });
		expect(shareText(cellOf(f, dorf, '2021').value)).toBe('.');
		expect(rowOf(f, dorf).change).toEqual({ value: null, status: 'suppressed_primary' });
		expect(shareText(cellOf(f, dorf, '2024').value)).toBe('15,0\u00a0%');
		// 5 of 20 in Musterhausen: not reliable ("/"), and so is the change.
		expect(cellOf(f, hausen, '2021').value).toEqual({ value: null, status: 'not_reliable' });
		expect(rowOf(f, hausen).change).toEqual({ value: null, status: 'not_reliable' });
		expect(pointsText(rowOf(f, hausen).change!)).toBe('/');
		// Exactly what the town's own page shows for the whole town, year by year.
		for (const town of [dorf, hausen]) {
			const row = await publicKeyFigure(world.db, town.id, rowOf(f, town).keyFigureId);
			for (const cell of rowOf(f, town).cells) {
				const view = await keyFigureView(world.db, town, row, { date: cell.date! });
				expect(view.rows.find((r) => r.isTotal)!.value).toEqual(cell.value);
			}
		}
	});

	it('never shows an internal key figure, not even beside a town that publishes one of the same name', () => {
		expect(comparison.figures.map((f) => f.name)).not.toContain('Nur intern');
		const f = figure('Nur in Musterdorf veröffentlicht');
		expect(f.rows.map((r) => r.town.slug)).toEqual(['musterdorf']);
		expect(JSON.stringify(comparison)).not.toContain(ids['musterhausen:Nur in Musterdorf veröffentlicht']!);
		expect(JSON.stringify(comparison)).not.toContain(ids['musterdorf:Nur intern']!);
		// Alone, a town shares all its own years.
		expect(f.span).toEqual({ from: '2021', to: '2024' });
	});

	it('compares a breakdown by its total category', () => {
		const f = figure('Anteil nach Altersgruppen');
		expect(f.rows.map((r) => r.town.slug)).toEqual(['musterhausen']);
		expect(rowOf(f, hausen).cells.map((c) => c.value.value)).toEqual([38.2, 41.7]);
		expect(rowOf(f, hausen).change!.value).toBeCloseTo(3.5, 10);
	});

	it('gives no change where the towns share fewer than two years', async () => {
		const inA = contextFor(world, await userWith(world, world.a, 'statistics_office'), world.a);
		const figureA = await importFigure(inA, 'Einwohner nach Migrationshintergrund (Test)', [
			['2019', 'insgesamt', '800'],
			['2019', 'mit Migrationshintergrund', '200'],
			['2024', 'insgesamt', '800'],
			['2024', 'mit Migrationshintergrund', '240']
		]);
		await share(inA, 'Anteil mit Migrationshintergrund', figureA.id, 'mit Migrationshintergrund', true);
		const f = (await countyComparison(world.db, [dorf, world.a])).figures.find((x) => x.name === 'Anteil mit Migrationshintergrund')!;
		expect(f.years).toEqual(['2019', '2021', '2022', '2024']);
		// Only 2024 is shared.
		expect(f.span).toBeNull();
		expect(f.rows.map((r) => r.change)).toEqual([null, null]);
	});
});

describe('the chart of a key figure in the Kreis', () => {
	const labels = { title: 'Anteil der Ausländer: Entwicklung', description: 'Die Werte stehen in der Tabelle.', yLabel: 'Anteil in %' };

	it('draws one line per town over the years, never a withheld value', () => {
		const [chart, more] = countyCharts(figure('Anteil der Ausländer'), 'de', labels, 'county-1');
		expect(more).toBeUndefined();
		const svg = chart!.svg;
		expect(chart!.legend.filter((l) => l.kind === 'series').map((l) => l.label)).toEqual(['Musterdorf', 'Musterhausen']);
		// Both towns have one published value each (2024): a marker, no line through a withheld 2021.
		const lines = [...svg.matchAll(/class="chart-line" data-series="(t\d)" d="([^"]*)"/g)].map((m) => [m[1], m[2]]);
		expect(lines.map(([id]) => id)).toEqual(['t0', 't1']);
		expect(lines.every(([, d]) => !d!.includes('L'))).toBe(true);
		expect(svg).toContain('Musterdorf, 2024: 15,0\u00a0%');
		expect(svg).toContain('Musterhausen, 2024: 15,0\u00a0%');
		expect(svg).not.toMatch(/Musterdorf, 2021: \d/);
		expect(svg).not.toMatch(/Musterhausen, 2021: \d/);
		// The gaps are explained in the legend.
		expect(chart!.legend.filter((l) => l.kind === 'status').map((l) => l.symbol)).toEqual(['.', '/']);
	});

	it('breaks a line where a town has no value for a year', () => {
		const [chart] = countyCharts(figure('Anteil mit Migrationshintergrund'), 'ar', { ...labels, statuses: { '…': 'لا توجد بيانات' } }, 'county-2');
		expect(chart!.svg).toContain('direction="rtl"');
		// Musterdorf: 2021–2022, a gap for 2023, 2024 alone; Musterhausen: 2021 alone, a gap for 2022, 2023–2024.
		const d = (id: string) => new RegExp(`class="chart-line" data-series="${id}" d="([^"]*)"`).exec(chart!.svg)![1]!;
		expect(d('t0')).toMatch(/^M[\d. ]+L[\d. ]+M[\d. ]+$/);
		expect(d('t1')).toMatch(/^M[\d. ]+M[\d. ]+L[\d. ]+$/);
		expect(chart!.legend.find((l) => l.kind === 'status')).toMatchObject({ symbol: '…', label: 'لا توجد بيانات' });
	});

	it('needs two years for a line, and splits more towns than a chart can tell apart', () => {
		const one: CountyFigure = { ...figure('Anteil mit Migrationshintergrund'), years: ['2021'] };
		expect(countyCharts({ ...one, rows: one.rows.map((r) => ({ ...r, cells: r.cells.slice(0, 1) })) }, 'de', labels, 'c')).toEqual([]);
		const f = figure('Anteil mit Migrationshintergrund');
		const many: CountyFigure = { ...f, rows: Array.from({ length: 7 }, (_, i) => ({ ...f.rows[i % 2]!, town: { id: `t${i}`, slug: `t${i}`, name: `Stadt ${i}` } })) };
		const charts = countyCharts(many, 'de', labels, 'c');
		expect(charts.map((c) => c.legend.filter((l) => l.kind === 'series').length)).toEqual([5, 2]);
		expect(charts[1]!.svg).toContain('id="c-2-chart"');
	});
});
