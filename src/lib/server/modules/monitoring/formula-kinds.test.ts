import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { auditEvent } from '../../core/schema.ts';
import { area } from '../areas/schema.ts';
import { commitTable, updateTableMapping, uploadTable } from './table-service.ts';
import {
	computeSeries,
	createCountAtLeastKeyFigure,
	createRateKeyFigure,
	createRatioKeyFigure,
	createShareKeyFigure,
	formulaUnit,
	getKeyFigure,
	keyFigureExport,
	keyFigureView,
	listBaseFigures,
	listKeyFigures,
	publishedKeyFigureData,
	updateBaseFigure,
	valueText
} from './figures.ts';
import { keyFigurePageRows } from './key-figure-page.ts';
import { keyFigureCharts } from './chart-view.ts';
import type { ProtectedValue } from './disclosure.ts';

/*
 * The formula kinds besides shares — rate per 1,000, ratio, count of categories with at least N — against
 * a real database: a small town with three districts, its tables imported through the same services as
 * an upload in the back office, every expected number worked out by hand below.
 */

let world: TestWorld;
let office: ServiceContext;
let m: TestWorld['a'];
const town = () => ({ id: m.id, name: 'Stadt Musterstadt' });

/** A long table: area code (0 = the whole town), year, [category,] count. */
async function importTable(name: string, lines: string[], withCategory: boolean) {
	const header = withCategory ? 'Gebiet;Jahr;Merkmal;Anzahl' : 'Gebiet;Jahr;Anzahl';
	const id = await uploadTable(office, { name: `${name}.csv`, bytes: new Uint8Array(Buffer.from([header, ...lines].join('\n'))) });
	await updateTableMapping(office, id, {
		'map.area': '0',
		'map.year': '1',
		...(withCategory ? { 'map.category': '2', 'map.values': ['3'] } : { 'map.values': ['2'] }),
		fixedFigure: name,
		decimal: 'comma'
	});
	await commitTable(office, id);
}

let figures: Awaited<ReturnType<typeof listBaseFigures>>;
const idOf = (name: string) => figures.find((f) => f.name === name)!.id;

/** The value of one area ('0' = the whole town) at one date, as a page prints it. */
async function cells(keyFigureId: string) {
	const row = await getKeyFigure(office, keyFigureId);
	const series = await computeSeries(world.db, town(), row.formula);
	const out: Record<string, string> = {};
	for (const r of series.rows)
		for (const [date, cell] of r.cells.get('')!) out[`${r.isTotal ? '0' : r.code}@${date.slice(0, 4)}`] = valueText(cell, series.unit, 'de');
	return { series, out };
}

beforeAll(async () => {
	world = await createTestWorld();
	m = world.a;
	office = contextFor(world, await userWith(world, m, 'statistics_office'), m);
	await world.db.insert(area).values([
		{ municipalityId: m.id, level: 'district', code: '1', name: 'Nord' },
		{ municipalityId: m.id, level: 'district', code: '2', name: 'Mitte' },
		{ municipalityId: m.id, level: 'district', code: '3', name: 'Süd' }
	]);
	// Foreign residents: Süd has only 20, too few for a reliable rate.
	await importTable('Ausländische Einwohner', ['0;2023;960', '1;2023;560', '2;2023;380', '3;2023;20', '0;2024;1020', '1;2024;600', '2;2024;400', '3;2024;20'], false);
	// Naturalisations: 2 in Süd in 2024 is a small number.
	await importTable('Einbürgerungen', ['0;2023;15', '1;2023;6', '2;2023;4', '3;2023;5', '0;2024;18', '1;2024;9', '2;2024;7', '3;2024;2'], false);
	// Unemployed by citizenship; nobody in Süd.
	await importTable(
		'Arbeitslose',
		['0;2024;insgesamt;300', '0;2024;Deutsche;200', '0;2024;Ausländer;100', '1;2024;insgesamt;160', '1;2024;Deutsche;100', '1;2024;Ausländer;60', '2;2024;insgesamt;140', '2;2024;Deutsche;100', '2;2024;Ausländer;40', '3;2024;insgesamt;0', '3;2024;Deutsche;0', '3;2024;Ausländer;0'],
		true
	);
	// Residents by nationality in Nord and Mitte; in 2023 the source withheld Polen in Mitte.
	const nationalities = ['Türkei', 'Polen', 'Syrien', 'Italien', 'Griechenland'];
	const rows: Record<string, Record<string, (number | string)[]>> = {
		'2023': { '0': [120, 67, 17, 10, 22, 4], '1': [70, 38, 11, 8, 10, 3], '2': [50, 29, '.', 2, 12, 1] },
		'2024': { '0': [120, 70, 17, 11, 20, 2], '1': [73, 40, 12, 10, 9, 2], '2': [47, 30, 5, 1, 11, 0] }
	};
	const lines = Object.entries(rows).flatMap(([year, byArea]) =>
		Object.entries(byArea).flatMap(([code, [total, ...parts]]) => [`${code};${year};insgesamt;${total}`, ...parts.map((n, i) => `${code};${year};${nationalities[i]};${n}`)])
	);
	await importTable('Einwohner nach Staatsangehörigkeit', lines, true);
	// A base figure delivered in percent, which no rate or count may use.
	await importTable('Arbeitslosenquote', ['0;2024;7,5'], false);
	figures = await listBaseFigures(office);
	await updateBaseFigure(office, idOf('Arbeitslosenquote'), { name: 'Arbeitslosenquote', unit: 'percent' });
	figures = await listBaseFigures(office);
}, 120_000);
afterAll(() => world?.close());

const rateInput = (extra: Record<string, unknown> = {}) => ({
	name: 'Einbürgerungen je 1.000 ausländische Einwohner',
	numeratorFigure: idOf('Einbürgerungen'),
	numeratorCategory: '',
	denominatorFigure: idOf('Ausländische Einwohner'),
	denominatorCategory: '',
	...extra
});

describe('a rate per 1,000', () => {
	let id: string;
	beforeAll(async () => {
		id = (await createRateKeyFigure(office, rateInput())).id;
	});

	it('is computed from the protected counts: 18 naturalisations among 1,020 foreign residents are 17.6 per 1,000', async () => {
		const { series, out } = await cells(id);
		expect(series).toMatchObject({ unit: 'rate', per: 1000, perLabel: 'Ausländische Einwohner', dates: ['2023-12-31', '2024-12-31'] });
		const total = series.rows.find((r) => r.isTotal)!.cells.get('')!;
		expect(total.get('2024-12-31')!.value).toBeCloseTo((18 / 1020) * 1000, 12);
		expect(total.get('2023-12-31')!.value).toBeCloseTo((15 / 960) * 1000, 12);
		// 15/960 = 15.625 → 15.6; 6/560 = 10.71 → 10.7; 4/380 = 10.53 → 10.5; 9/600 = 15.0.
		expect(out).toMatchObject({ '0@2023': '15,6', '1@2023': '10,7', '2@2023': '10,5', '0@2024': '17,6', '1@2024': '15,0' });
	});

	it('is withheld where its count is: 2 naturalisations in Süd, and Mitte with them, or 18 − 9 − 7 would give the 2 away', async () => {
		const { series, out } = await cells(id);
		expect(out['3@2024']).toBe('.');
		expect(out['2@2024']).toBe('.');
		const sued = series.rows.find((r) => r.code === '3')!.cells.get('')!.get('2024-12-31')!;
		expect(sued).toEqual({ value: null, status: 'suppressed_primary' });
	});

	it('over fewer than 30 people is "/": 5 naturalisations among 20 foreign residents in Süd', async () => {
		const { out } = await cells(id);
		expect(out['3@2023']).toBe('/');
	});

	it('is compared between two dates in its own unit, without the share highlights', async () => {
		const row = await getKeyFigure(office, id);
		const view = await keyFigureView(world.db, town(), row, { date: '2024-12-31', compareWith: '2023-12-31', level: 'district' });
		const page = keyFigurePageRows(view, 'de');
		expect(page.unit).toEqual({ unit: 'rate', per: 1000, perLabel: 'Ausländische Einwohner' });
		expect(page.rows.map((r) => [r.name, r.earlier, r.value, r.change])).toEqual([
			['Stadt Musterstadt', '15,6', '17,6', '+2,0'],
			['1 Nord', '10,7', '15,0', '+4,3'],
			['2 Mitte', '10,5', '.', '.'],
			['3 Süd', '/', '.', '.']
		]);
		// In English on the portal: a point, and no per-cent sign.
		expect(keyFigurePageRows(view, 'en').rows[0]!.value).toBe('17.6');
		const charts = keyFigureCharts(view, 'de', { lineTitle: 'Verlauf', barTitle: '', description: '', yLabel: 'je 1.000 Ausländische Einwohner' });
		expect(charts.line!.svg).toContain('17,6');
		expect(charts.line!.svg).not.toContain('%');
	});

	it('per 10,000 reaches 176.5, and is still not marked as a share over 50 %', async () => {
		const other = await createRateKeyFigure(office, rateInput({ name: 'Einbürgerungen je 10.000 ausländische Einwohner', per: '10.000' }));
		const row = await getKeyFigure(office, other.id);
		expect(row.formula).toMatchObject({ kind: 'rate', per: 10_000 });
		const view = await keyFigureView(world.db, town(), row, { date: '2024-12-31', compareWith: '2023-12-31' });
		expect(valueText(view.rows[0]!.value, view.unit)).toBe('176,5');
		expect(view.rows.flatMap((r) => r.marks)).toEqual([]);
	});

	it('is stored as a formula and audited', async () => {
		const row = await getKeyFigure(office, id);
		expect(row.formula).toEqual({
			kind: 'rate',
			numerator: { kind: 'figure', baseFigure: figures.find((f) => f.name === 'Einbürgerungen')!.code },
			denominator: { kind: 'figure', baseFigure: figures.find((f) => f.name === 'Ausländische Einwohner')!.code },
			per: 1000
		});
		const [audit] = await world.db.select().from(auditEvent).where(and(eq(auditEvent.entityId, id), eq(auditEvent.action, 'monitoring.key_figure.create')));
		expect(audit).toBeTruthy();
	});
});

describe('a ratio', () => {
	it('divides two published counts; a denominator of 0 gives "x"', async () => {
		const { id } = await createRatioKeyFigure(office, {
			name: 'Arbeitslose Ausländer im Verhältnis zu arbeitslosen Deutschen',
			numeratorFigure: idOf('Arbeitslose'),
			numeratorCategory: 'Ausländer',
			denominatorFigure: idOf('Arbeitslose'),
			denominatorCategory: 'Deutsche'
		});
		const { series, out } = await cells(id);
		expect(series.unit).toBe('ratio');
		expect(series.per).toBeUndefined();
		expect(out).toEqual({ '0@2024': '0,50', '1@2024': '0,60', '2@2024': '0,40', '3@2024': 'x' });
	});

	it('is withheld when an operand is withheld', async () => {
		const { id } = await createRatioKeyFigure(office, {
			name: 'Einbürgerungen im Verhältnis zu Arbeitslosen',
			numeratorFigure: idOf('Einbürgerungen'),
			denominatorFigure: idOf('Arbeitslose'),
			denominatorCategory: ''
		});
		const { out } = await cells(id);
		// Only 2024 has both; Süd's 2 naturalisations (and Mitte's 7, hidden with them) stay hidden.
		expect(out).toEqual({ '0@2024': '0,06', '1@2024': '0,06', '2@2024': '.', '3@2024': '.' });
	});
});

describe('the count of categories with at least N', () => {
	it('counts the nationalities with at least 10 residents in each area, never the total', async () => {
		const { id } = await createCountAtLeastKeyFigure(office, { name: 'Staatsangehörigkeiten mit mindestens 10 Einwohnern', figure: idOf('Einwohner nach Staatsangehörigkeit'), threshold: '10' });
		const row = await getKeyFigure(office, id);
		expect(row.formula).toMatchObject({ kind: 'countAtLeast', dimension: 'category', threshold: 10, exclude: [''] });
		const { series, out } = await cells(id);
		expect(series.unit).toBe('count');
		// 2023, the town: Türkei 67, Polen 17, Syrien 10, Italien 22 reach 10 (the total of 120 is not counted,
		// or it would be 5). Its one hidden cell, Griechenland, is at most 120 − 116 = 4: below 10 whatever it is.
		// 2024, Mitte: Türkei 30 and Italien 11; its hidden cells (Syrien's 1 resident and Polen, hidden to
		// protect it) are at most 47 − 41 − 1 = 5 each. Where a hidden cell could reach 10 (the town in 2024:
		// the complement of Griechenland's 2 is larger; a count saying it reaches 10 would bound Griechenland
		// from above), the area gets no count. Mitte 2023: the source withheld Polen.
		expect(out).toEqual({ '0@2024': '.', '1@2024': '.', '2@2024': '2', '0@2023': '4', '1@2023': '.', '2@2023': '.' });
		const mitte2023 = series.rows.find((r) => r.code === '2')!.cells.get('')!.get('2023-12-31');
		expect(mitte2023).toEqual({ value: null, status: 'suppressed_secondary' });
		const view = await keyFigureView(world.db, town(), row, { date: '2023-12-31' });
		expect(keyFigurePageRows(view, 'de').rows.map((r) => [r.name, r.value])).toEqual([
			['Stadt Musterstadt', '4'],
			['1 Nord', '.'],
			['2 Mitte', '.']
		]);
	});

	it('counts an area whose hidden cells cannot reach N, and withholds it once they could', async () => {
		const { id } = await createCountAtLeastKeyFigure(office, { name: 'Staatsangehörigkeiten mit mindestens 25', figure: idOf('Einwohner nach Staatsangehörigkeit'), threshold: '25' });
		const { out } = await cells(id);
		// N = 25: in 2024 Nord's hidden cells (at most 73 − 50 − 2 = 21) and Mitte's (at most 47 − 30 − 2 = 15)
		// stay below 25, and so do the town's: Türkei 70 and Türkei 40 and Türkei 30 are the only ones.
		expect(out['0@2024']).toBe('1');
		expect(out['1@2024']).toBe('1');
		expect(out['2@2024']).toBe('1');
	});

	it('is withheld everywhere when N is below the disclosure threshold (3)', async () => {
		const { id } = await createCountAtLeastKeyFigure(office, { name: 'Staatsangehörigkeiten mit mindestens 2 Einwohnern', figure: idOf('Einwohner nach Staatsangehörigkeit'), threshold: '2' });
		const { out } = await cells(id);
		expect(Object.values(out)).toEqual(['.', '.', '.', '.', '.', '.']);
	});
});

describe('validation', () => {
	const fieldsOf = async (work: () => Promise<unknown>) => {
		const e = await caught(work);
		expect(e).toBeInstanceOf(ValidationError);
		return (e as ValidationError).fieldErrors;
	};

	it('a rate needs a name, two counts of this municipality with existing categories, and an allowed base', async () => {
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput({ name: 'x', per: '500' })))).toEqual({
			name: 'Bitte geben Sie einen Namen mit mindestens drei Zeichen an.',
			per: 'Bitte wählen Sie je 100, je 1.000, je 10.000 oder je 100.000.'
		});
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput({ numeratorFigure: '' })))).toEqual({ numeratorFigure: 'Bitte wählen Sie die Grundzahl für den Zähler.' });
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput({ name: 'Quote je 1.000', numeratorFigure: idOf('Arbeitslosenquote'), numeratorCategory: 'Mars' })))).toEqual({
			numeratorFigure: '„Arbeitslosenquote“ ist keine Anzahl. Der Zähler braucht eine Anzahl, keinen Prozentwert.'
		});
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput({ name: 'Arbeitslose je 1.000', numeratorFigure: idOf('Arbeitslose'), numeratorCategory: 'Mars' })))).toEqual({
			numeratorFigure: 'Das Merkmal „Mars“ gibt es bei „Arbeitslose“ nicht.'
		});
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput({ name: 'Gleich je 1.000', numeratorFigure: idOf('Ausländische Einwohner') })))).toEqual({
			denominatorFigure: 'Zähler und Nenner sind dieselbe Zahl. Bitte wählen Sie für den Nenner eine andere Grundzahl oder ein anderes Merkmal.'
		});
		// A name taken already.
		expect(await fieldsOf(() => createRateKeyFigure(office, rateInput()))).toEqual({ name: 'Eine Kennzahl mit diesem Namen gibt es schon.' });
	});

	it('another municipality\'s base figure does not exist here', async () => {
		const other = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
		const theirs = (await listBaseFigures(other))[0]!;
		expect(await fieldsOf(() => createRatioKeyFigure(office, { name: 'Fremd', numeratorFigure: theirs.id, denominatorFigure: idOf('Arbeitslose') }))).toEqual({
			numeratorFigure: 'Diese Grundzahl gibt es in Ihrer Kommune nicht.'
		});
	});

	it('a count needs a whole number from 1 and a base figure with categories', async () => {
		const figure = idOf('Einwohner nach Staatsangehörigkeit');
		const message = 'Bitte geben Sie eine ganze Zahl ab 1 an, zum Beispiel 10.';
		for (const threshold of ['0', '2,5', '', 'zehn']) expect(await fieldsOf(() => createCountAtLeastKeyFigure(office, { name: `Zählung ${threshold}`, figure, threshold }))).toEqual({ threshold: message });
		expect(await fieldsOf(() => createCountAtLeastKeyFigure(office, { name: 'Zählung ohne Merkmale', figure: idOf('Ausländische Einwohner'), threshold: '10' }))).toEqual({
			figure: '„Ausländische Einwohner“ hat keine Merkmale, die sich zählen ließen (nur eine Gesamtzahl).'
		});
	});

	it('only who manages the monitoring creates key figures', async () => {
		const council = contextFor(world, await userWith(world, m, 'council_member'), m);
		expect(await caught(() => createRateKeyFigure(council, rateInput({ name: 'Nicht erlaubt' })))).toBeInstanceOf(ForbiddenError);
	});
});

describe('units in the API and the export', () => {
	it('the open data name the unit; the export headings say what the numbers are', async () => {
		const all = await listKeyFigures(office);
		const byName = (name: string) => all.find((k) => k.name === name)!;
		const data = async (name: string) => publishedKeyFigureData(world.db, town(), byName(name));

		const rate = await data('Einbürgerungen je 1.000 ausländische Einwohner');
		expect(rate).toMatchObject({ unit: 'rate', per: 1000, perLabel: 'Ausländische Einwohner' });
		expect(rate.areas[0]!.values).toEqual([
			{ referenceDate: '2023-12-31', value: 15.6, status: 'ok', symbol: null },
			{ referenceDate: '2024-12-31', value: 17.6, status: 'ok', symbol: null }
		]);
		const rateExport = keyFigureExport(rate);
		expect(rateExport.headers).toEqual(['Gebietsschlüssel', 'Gebiet', 'Ebene', 'je 1.000 Ausländische Einwohner am 2023-12-31', 'je 1.000 Ausländische Einwohner am 2024-12-31']);
		expect(rateExport.rows.map((r) => r.slice(3))).toEqual([
			['15,6', '17,6'],
			['10,7', '15,0'],
			['10,5', '.'],
			['/', '.']
		]);

		const ratio = await data('Arbeitslose Ausländer im Verhältnis zu arbeitslosen Deutschen');
		expect(ratio).toMatchObject({ unit: 'ratio' });
		expect(ratio.areas.map((a) => a.values[0]!.value)).toEqual([0.5, 0.6, 0.4, null]);
		expect(keyFigureExport(ratio).headers.at(-1)).toBe('Verhältnis am 2024-12-31');

		const count = await data('Staatsangehörigkeiten mit mindestens 10 Einwohnern');
		expect(count).toMatchObject({ unit: 'count' });
		expect(keyFigureExport(count).headers.slice(3)).toEqual(['Anzahl am 2023-12-31', 'Anzahl am 2024-12-31']);

		const { id: shareId } = await createShareKeyFigure(office, { name: 'Anteil der Ausländer unter den Arbeitslosen', numeratorFigure: idOf('Arbeitslose'), numeratorCategory: 'Ausländer', denominatorFigure: idOf('Arbeitslose'), denominatorCategory: '' });
		const share = await publishedKeyFigureData(world.db, town(), await getKeyFigure(office, shareId));
		expect(share.unit).toBe('percent');
		expect(keyFigureExport(share).headers.at(-1)).toBe('Anteil in % am 2024-12-31');
		expect(keyFigureExport(share).rows[0]!.at(-1)).toBe('33,3');

		// The index of the API reads the unit from the formula alone.
		expect(formulaUnit(byName('Einbürgerungen je 10.000 ausländische Einwohner').formula)).toEqual({ unit: 'rate', per: 10_000 });
		expect(formulaUnit(byName('Staatsangehörigkeiten mit mindestens 10 Einwohnern').formula)).toEqual({ unit: 'count' });
		expect(formulaUnit({ kind: 'figure', baseFigure: 'anteil' })).toEqual({ unit: 'percent' });
	});

	it('withheld values print their symbol in every unit', () => {
		const hidden: ProtectedValue = { value: null, status: 'suppressed_secondary' };
		expect(['percent', 'rate', 'ratio', 'count'].map((u) => valueText(hidden, u as never))).toEqual(['.', '.', '.', '.']);
		expect(valueText({ value: 0, status: 'zero' }, 'count')).toBe('-');
		expect(valueText({ value: 1.005, status: 'ok' }, 'ratio')).toBe('1,01');
	});
});
