import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, readSpreadsheet, writeXlsx, type Sheet } from '../../core/spreadsheet.ts';
import { parseAreasGeoJson } from '../areas/rules.ts';
import {
	areaLookupFrom,
	checkAreaTotals,
	columnLetter,
	interpretTable,
	isMunicipalityName,
	normaliseAreaCode,
	parseCell,
	parseReferenceDate,
	readStatisticsTable,
	suggestTableMapping,
	type ImportRecord,
	type TableMapping
} from './table-import.ts';

const KOELN = '/work/shared/data/koeln';
const fixture = (name: string) => readStatisticsTable(new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name))), name);

/** A sheet typed in the test: CSV text with ";" and the lines of a file (header on line 1). */
function sheetOf(text: string): Sheet {
	const [head, ...rows] = parseCsv(text, ';');
	return { headers: head!.cells, rows: rows.map((r) => ({ line: r.line, cells: head!.cells.map((_, i) => (r.cells[i] ?? '').trim()) })), format: 'csv', encoding: 'UTF-8', delimiter: ';' };
}

/** Musterstadt: two Stadtbezirke with two Stadtteile each. */
const MUSTERSTADT = [
	{ id: 'b1', code: '1', name: 'Mitte', parent: null },
	{ id: 'b2', code: '2', name: 'Süd', parent: null },
	{ id: 't11', code: '11', name: 'Altstadt', parent: 'b1' },
	{ id: 't12', code: '12', name: 'Neustadt', parent: 'b1' },
	{ id: 't21', code: '21', name: 'Südhafen', parent: 'b2' },
	{ id: 't22', code: '22', name: 'Mühlenfeld', parent: 'b2' }
];
const musterstadt = areaLookupFrom(MUSTERSTADT, 'Musterstadt');
const musterParent = (id: string) => MUSTERSTADT.find((a) => a.id === id)?.parent ?? null;

describe('parseCell', () => {
	it.each([
		// DIN 55301 symbols
		['-', 'comma', 0, 'zero'],
		[' - ', 'point', 0, 'zero'],
		['–', 'comma', 0, 'zero'],
		['.', 'comma', null, 'secret'],
		['.', 'point', null, 'secret'],
		['/', 'comma', null, 'not_reliable'],
		['x', 'comma', null, 'not_applicable'],
		['X', 'point', null, 'not_applicable'],
		['…', 'comma', null, 'not_available'],
		['...', 'point', null, 'not_available'],
		// plain numbers; a written 0 is a number (DIN: "less than half a unit"), not the symbol "-"
		['0', 'comma', 0, 'ok'],
		['42', 'comma', 42, 'ok'],
		[' 42 ', 'point', 42, 'ok'],
		['+17', 'comma', 17, 'ok'],
		// decimal comma, thousands point
		['1,5', 'comma', 1.5, 'ok'],
		['0,5', 'comma', 0.5, 'ok'],
		['1.234', 'comma', 1234, 'ok'],
		['1.234.567', 'comma', 1234567, 'ok'],
		['1.234,56', 'comma', 1234.56, 'ok'],
		['-1.234,5', 'comma', -1234.5, 'ok'],
		// decimal point, thousands comma
		['1.234', 'point', 1.234, 'ok'],
		['0.5', 'point', 0.5, 'ok'],
		['1,234,567', 'point', 1234567, 'ok'],
		['1,234.56', 'point', 1234.56, 'ok'],
		['1023101.0', 'point', 1023101, 'ok'],
		// spaces as thousands separators: normal, no-break, thin, narrow no-break
		['1 234 567', 'comma', 1234567, 'ok'],
		['1\u00A0234', 'point', 1234, 'ok'],
		['1\u2009234,5', 'comma', 1234.5, 'ok'],
		['1\u202F234.5', 'point', 1234.5, 'ok'],
		// negative numbers, also with the typographic minus U+2212
		['-123', 'comma', -123, 'ok'],
		['\u2212123', 'point', -123, 'ok'],
		['-0', 'comma', 0, 'ok']
	] as const)('%j with decimal %s → %s (%s)', (raw, decimal, value, status) => {
		const result = parseCell(raw, decimal);
		expect(result).toEqual({ value, status });
		if ('value' in result && result.value === 0) expect(Object.is(result.value, -0)).toBe(false);
	});

	const EMPTY = 'Die Zelle ist leer. Kennzeichnen Sie einen fehlenden Wert mit „…“ (Angabe fällt später an) oder „.“ (geheim zu halten) und eine Null mit „0“ oder „-“.';
	const USE_POINT = 'Falls die Datei einen Dezimalpunkt verwendet, stellen Sie das Dezimaltrennzeichen auf Punkt.';
	const USE_COMMA = 'Falls die Datei ein Dezimalkomma verwendet, stellen Sie das Dezimaltrennzeichen auf Komma.';
	it.each([
		['12a', 'comma', '„12a“ ist keine Zahl.'],
		['12a', 'point', '„12a“ ist keine Zahl.'],
		['1,2,3', 'comma', '„1,2,3“ ist keine Zahl.'],
		['1,2,3', 'point', '„1,2,3“ ist keine Zahl.'],
		['1.2.3', 'comma', '„1.2.3“ ist keine Zahl.'],
		['12 %', 'comma', '„12 %“ ist keine Zahl.'],
		['1e5', 'point', '„1e5“ ist keine Zahl.'],
		['1 23', 'comma', '„1 23“ ist keine Zahl.'],
		['--', 'comma', '„--“ ist keine Zahl.'],
		['+', 'point', '„+“ ist keine Zahl.'],
		['12.5', 'comma', `„12.5“ ist keine Zahl mit Dezimalkomma. ${USE_POINT}`],
		['1023101.0', 'comma', `„1023101.0“ ist keine Zahl mit Dezimalkomma. ${USE_POINT}`],
		['1,5', 'point', `„1,5“ ist keine Zahl mit Dezimalpunkt. ${USE_COMMA}`],
		['1.234,5', 'point', `„1.234,5“ ist keine Zahl mit Dezimalpunkt. ${USE_COMMA}`],
		['', 'comma', EMPTY],
		['   ', 'point', EMPTY],
		['Angabe folgt im nächsten Bericht der Statistikstelle', 'comma', '„Angabe folgt im nächsten Bericht der St…“ ist keine Zahl.']
	] as const)('%j with decimal %s is an error', (raw, decimal, error) => {
		expect(parseCell(raw, decimal)).toEqual({ error });
	});
});

describe('normaliseAreaCode', () => {
	it.each([
		['001', '1'],
		['1', '1'],
		[' 1 ', '1'],
		['000', '0'],
		['0', '0'],
		['101', '101'],
		['0010', '10'],
		['12a', '12A'],
		['01a', '1A'],
		['AB 12', 'AB12']
	])('%j → %j', (code, normalised) => {
		expect(normaliseAreaCode(code)).toBe(normalised);
	});
});

describe('parseReferenceDate', () => {
	it.each([
		['2018', { date: '2018-12-31' }],
		['2018.0', { date: '2018-12-31' }],
		['31.12.2018', { date: '2018-12-31' }],
		['1.1.2019', { date: '2019-01-01' }],
		['2018-06-30', { date: '2018-06-30' }],
		['2018-06-30T00:00', { date: '2018-06-30' }],
		['2/2020', { date: '2020-02-29' }],
		['2018-06', { date: '2018-06-30' }],
		['1850', { error: 'Das Jahr 1850 liegt außerhalb des zulässigen Bereichs von 1900 bis 2100.' }],
		['31.12.2101', { error: 'Das Jahr 2101 liegt außerhalb des zulässigen Bereichs von 1900 bis 2100.' }],
		['30.02.2018', { error: '„30.02.2018“ ist kein gültiges Datum.' }],
		['13/2018', { error: '„13/2018“ ist kein gültiges Datum: Einen Monat 13 gibt es nicht.' }],
		['18', { error: '„18“ ist weder ein Jahr noch ein Datum. Erwartet wird zum Beispiel 2018, 31.12.2018 oder 2018-12-31.' }],
		['', { error: 'Das Jahr beziehungsweise der Stichtag fehlt.' }]
	])('%j', (raw, expected) => {
		expect(parseReferenceDate(raw)).toEqual(expected);
	});
});

describe('small helpers', () => {
	it.each([
		[0, 'A'],
		[8, 'I'],
		[25, 'Z'],
		[26, 'AA'],
		[27, 'AB'],
		[701, 'ZZ'],
		[702, 'AAA']
	])('column %i is %s', (index, letter) => {
		expect(columnLetter(index)).toBe(letter);
	});

	it.each([
		['Stadt Köln', 'Köln', true],
		['Köln, Stadt', 'Köln', true],
		['köln', 'Stadt Köln', true],
		['Insgesamt', 'Bottrop', true],
		['Gesamtstadt', 'Bottrop', true],
		['Köln-Porz', 'Köln', false],
		['Altstadt', 'Bottrop', false],
		['', 'Bottrop', false]
	])('%j names the municipality %j: %s', (name, municipality, expected) => {
		expect(isMunicipalityName(name, municipality)).toBe(expected);
	});
});

describe('suggestTableMapping', () => {
	it('recognises the Köln open-data columns and the decimal point of "1023101.0"', () => {
		const { mapping, notes } = suggestTableMapping(readStatisticsTable(new Uint8Array(fs.readFileSync(`${KOELN}/stats/bevoelkerung_2005-2012.csv`))));
		expect(mapping).toEqual({ area: 4, areaName: 5, year: 3, figure: 2, category: 7, values: [8], decimal: 'point' });
		expect(notes).toEqual([
			'Gebietsschlüssel: Spalte „raum_id“ (E).',
			'Gebietsname: Spalte „raum“ (F).',
			'Stichtag: Spalte „jahr“ (D). Ein Jahr ohne Tag gilt als Stichtag 31. Dezember, wie in der Bevölkerungsstatistik üblich.',
			'Grundzahl: Spalte „tabelle“ (C).',
			'Aufschlüsselung: Spalte „zeile“ (H).',
			'Werte: Spalte „zahl“ (I).',
			'Dezimaltrennzeichen: Punkt (zum Beispiel „1023101.0“).'
		]);
	});

	it('Stadtteil;Jahr;Merkmal;Anzahl: "Merkmal" is the breakdown, the figure still has to be named', () => {
		const { mapping, notes } = suggestTableMapping(sheetOf('Stadtteil;Jahr;Merkmal;Anzahl\n11;2018;Ausländer;1.234\n12;2018;Ausländer;987\n'));
		expect(mapping).toEqual({ area: 0, areaName: null, year: 1, figure: null, category: 2, values: [3], decimal: 'comma', fixedFigure: '' });
		expect(notes).toContain('Die Datei hat keine Spalte mit dem Namen der Grundzahl. Bitte geben Sie an, welche Grundzahl sie enthält (zum Beispiel „Einwohner“).');
		expect(notes).toContain('Dezimaltrennzeichen: Komma (aus Zahlen wie „1.234“ geschlossen, die Tausender trennen). Bitte prüfen Sie das.');
	});

	it('a descriptive value header names the figure; names instead of codes are noted', () => {
		const { mapping, notes } = suggestTableMapping(sheetOf('Stadtteil;Stichtag;Einwohner\nAltstadt;31.12.2018;3000\nNeustadt;31.12.2018;4000\n'));
		expect(mapping).toEqual({ area: 0, areaName: null, year: 1, figure: null, category: null, values: [2], decimal: 'comma', fixedFigure: 'Einwohner' });
		expect(notes[0]).toBe('Die Spalte „Stadtteil“ (A) enthält Gebietsnamen statt Schlüsseln; die Gebiete werden über ihre Namen zugeordnet.');
	});

	it('Gebiet;2016;2017;2018 is wide by year', () => {
		const { mapping, notes } = suggestTableMapping(sheetOf('Gebiet;2016;2017;2018\n11;2.950;2.980;3.000\n12;3.950;3.970;4.000\n'));
		expect(mapping).toEqual({ area: 0, areaName: null, year: null, figure: null, category: null, values: [1, 2, 3], decimal: 'comma', fixedFigure: '' });
		expect(notes).toContain(
			'Die Werte stehen in 3 Spalten je Stichtag („2016“ (B), „2017“ (C), „2018“ (D)). Ein Jahr ohne Tag gilt als Stichtag 31. Dezember, wie in der Bevölkerungsstatistik üblich.'
		);
	});

	it('"Merkmal" next to "Ausprägung" names the figure (Windows-1252 fixture)', () => {
		expect(suggestTableMapping(fixture('musterstadt-merkmale-win1252.csv')).mapping).toEqual({ area: 0, areaName: 1, year: 2, figure: 3, category: 4, values: [5], decimal: 'comma' });
	});

	it('one column per age band is wide by category; code and name columns are told apart by their cells', () => {
		const { mapping, notes } = suggestTableMapping(fixture('musterstadt-altersgruppen.csv'));
		expect(mapping).toEqual({ area: 0, areaName: 1, year: 2, figure: null, category: null, values: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12], decimal: 'point', fixedFigure: '' });
		expect(notes.some((n) => n.startsWith('Die Werte stehen in 10 Spalten, je Kategorie eine'))).toBe(true);
	});

	it('the suggestion for an XLSX file goes with the decimal point', () => {
		const bytes = writeXlsx('Einwohner', ['Nr', 'Gebiet', '2017', '2018'], [['11', 'Altstadt', '2980', '3000']]);
		expect(suggestTableMapping(readStatisticsTable(bytes, 'einwohner.xlsx')).mapping).toMatchObject({ area: 0, areaName: 1, values: [2, 3], decimal: 'point' });
	});
});

describe('readStatisticsTable', () => {
	it('reads files longer than the 20,000 rows of the core reader, with the file line numbers across its pieces', () => {
		// A quoted cell spanning lines right where the reader cuts the text into pieces of 10,000 lines.
		const lines = ['Gebiet;Jahr;Anzahl'];
		for (let i = 0; i < 24_998; i++) lines.push(i === 9_997 ? '11;2018;"1\n2"' : `11;${1900 + (i % 200)};${i}`);
		const text = lines.join('\n') + '\n';
		expect(() => readSpreadsheet(new TextEncoder().encode(text))).toThrow(/mehr als 20000 Zeilen/);
		const sheet = readStatisticsTable(new TextEncoder().encode(text));
		expect(sheet.rows).toHaveLength(24_998);
		expect(sheet.rows[9_997]).toEqual({ line: 9_999, cells: ['11', '2018', '1\n2'] });
		expect(sheet.rows[9_998]).toEqual({ line: 10_001, cells: ['11', '2098', '9998'] });
		expect(sheet.rows.at(-1)).toEqual({ line: 25_000, cells: ['11', '2097', '24997'] });
	});

	it('keeps the numbering of a file with a "sep=" line and decodes Windows-1252', () => {
		const wide = fixture('musterstadt-einwohner-jahre.csv');
		expect(wide).toMatchObject({ headers: ['Nr.', 'Gebiet', '2016', '2017', '2018'], delimiter: ';', encoding: 'UTF-8' });
		expect(wide.rows[0]!.line).toBe(3);
		const win = fixture('musterstadt-merkmale-win1252.csv');
		expect(win).toMatchObject({ headers: ['Raum-Nr.', 'Raumname', 'Stichtag', 'Merkmal', 'Ausprägung', 'Wert'], delimiter: ';', encoding: 'Windows-1252' });
		// 0x85 is "…" in Windows-1252, 0xA0 a no-break space.
		expect(win.rows.find((r) => r.line === 14)!.cells[5]).toBe('…');
		expect(win.rows.find((r) => r.line === 5)!.cells[5]).toBe('3\u00A0000');
	});
});

describe('the real Köln file (bevoelkerung_2005-2012.csv)', () => {
	const load = (file: string, drop = 0) =>
		parseAreasGeoJson(fs.readFileSync(`${KOELN}/geo/${file}`, 'utf8'), { parentCodeDropDigits: drop }).areas.map((a) => ({
			id: `${drop ? 'stt' : 'stb'}-${a.code}`,
			code: a.code,
			name: a.name,
			parent: a.parentCode ? `stb-${a.parentCode}` : null
		}));
	// The areas as the platform imports them from the city's map layers: Stadtbezirke "1"…"9", Stadtteile "101"…"909".
	const areas = [...load('stadtbezirke.geojson'), ...load('stadtteile.geojson', 2)];
	const parentOf = (id: string) => areas.find((a) => a.id === id)?.parent ?? null;
	let sheet: Sheet;
	let result: ReturnType<typeof interpretTable>;
	let mapping: TableMapping;
	let milliseconds = 0;

	beforeAll(() => {
		sheet = readStatisticsTable(new Uint8Array(fs.readFileSync(`${KOELN}/stats/bevoelkerung_2005-2012.csv`)), 'bevoelkerung_2005-2012.csv');
		mapping = suggestTableMapping(sheet).mapping;
		const started = performance.now();
		result = interpretTable(sheet, mapping, areaLookupFrom(areas, 'Köln'));
		milliseconds = performance.now() - started;
	});

	it('imports all 29,135 rows without a problem, well under a second', () => {
		expect(areas).toHaveLength(95);
		expect(sheet.rows).toHaveLength(29_135);
		expect(result.problems).toEqual([]);
		expect(result.records).toHaveLength(29_135);
		// A guard with a wide margin, not a benchmark: about 0.2 s on the 2-core development machine.
		expect(milliseconds).toBeLessThan(1000);
	});

	it('has 7 tables (the README of the data lists 7: 005 … 060) with their categories, 2005–2012', () => {
		const years = ['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012'].map((y) => `${y}-12-31`);
		expect(result.figures).toEqual([
			{ name: 'Einwohner in Köln', categories: ['Einwohner'], referenceDates: years, rows: 768 },
			{ name: 'Einwohner nach Geschlecht', categories: ['Männlich', 'Weiblich'], referenceDates: years, rows: 1536 },
			{
				name: 'Einwohner nach Alter',
				categories: ['00 - < 03', '03 - < 06', '06 - < 10', '10 - < 15', '15 - < 18', '18 - < 25', '25 - < 35', '35 - < 45', '45 - < 55', '55 - < 60', '60 - < 65', '65 - < 75', '75 und älter'],
				referenceDates: years,
				rows: 9984
			},
			{
				name: 'Einwohner mit Migrationshintergrund',
				categories: [
					'Einwohner mit Migrationshintergrund',
					'Deutsche mit Migrationshintergrund',
					'Aussiedler',
					'Eingebürgerte',
					'Ausländer',
					'Afrika',
					'Amerika',
					'Asien',
					'Europäische Union',
					'Türkei',
					'Übriges Europa',
					'Sonstige'
				],
				referenceDates: years,
				rows: 9216
			},
			{
				name: 'Einwohner nach Familienstand',
				categories: ['ledig', 'verheiratet', 'verwitwet', 'geschieden', 'verpartnert (ohne verstorbene oder aufgelöste Lebenspartnerschaft)'],
				referenceDates: years,
				// 96 areas × 8 years × 5 categories = 3,840, less 49 absent "verpartnert" rows of Stadtteile.
				rows: 3791
			},
			{ name: 'Wohnstatus', categories: ['Hauptwohnung', 'Nebenwohnung'], referenceDates: years, rows: 1536 },
			{ name: 'Konfession', categories: ['evangelisch', 'katholisch', 'sonstiges'], referenceDates: years, rows: 2304 }
		]);
	});

	it('covers the city, the 9 Stadtbezirke and the 86 Stadtteile; "000" is the city', () => {
		const ids = new Set(result.records.map((r) => r.areaId));
		expect(ids.size).toBe(96);
		expect(ids.has(null)).toBe(true);
		expect([...ids].filter((id) => id?.startsWith('stb-'))).toHaveLength(9);
		expect([...ids].filter((id) => id?.startsWith('stt-'))).toHaveLength(86);
		const city2005 = result.records.find((r) => r.figure === 'Einwohner in Köln' && r.areaId === null && r.referenceDate === '2005-12-31');
		expect(city2005).toEqual({ line: 2, figure: 'Einwohner in Köln', category: 'Einwohner', areaId: null, areaCode: '000', referenceDate: '2005-12-31', value: 1023101, status: 'ok' });
		expect(result.records.find((r) => r.areaCode === '007')?.areaId).toBe('stb-7');
		expect(result.records.find((r) => r.areaCode === '909')?.areaId).toBe('stt-909');
	});

	it('reproduces its own totals: every checkable sum matches; 22 district sums of "verpartnert" lack Stadtteil rows', () => {
		const { checked, mismatches, skipped } = checkAreaTotals(result.records, parentOf);
		// 304 groups (figure × category × year) × 10 parents (the city and 9 Stadtbezirke) = 3,040 sums.
		expect(checked).toBe(3018);
		expect(mismatches).toEqual([]);
		// What is left: the file omits the "verpartnert" rows of Stadtteile with nobody in that status
		// (49 rows), so the sums of their Stadtbezirke cannot be checked as given.
		const verpartnert = 'verpartnert (ohne verstorbene oder aufgelöste Lebenspartnerschaft)';
		expect(skipped).toHaveLength(22);
		expect(skipped.every((s) => s.figure === 'Einwohner nach Familienstand' && s.category === verpartnert && s.reason === 'missing')).toBe(true);
		expect(skipped.map((s) => `${s.referenceDate.slice(0, 4)}:${s.areaId}`).sort()).toEqual(
			[
				...['2005', '2006', '2011'].flatMap((y) => [`${y}:stb-2`]),
				...['2007', '2008', '2009'].flatMap((y) => [`${y}:stb-2`, `${y}:stb-3`]),
				...['2005', '2006', '2007', '2008', '2009'].map((y) => `${y}:stb-6`),
				...['2005', '2006', '2007', '2008', '2009', '2010', '2011', '2012'].map((y) => `${y}:stb-7`)
			].sort()
		);
		// Read as 0 (which is what they are), the absent rows make those 22 sums match as well.
		expect(checkAreaTotals(result.records, parentOf, { missingAsZero: true })).toEqual({ checked: 3040, mismatches: [], skipped: [] });
	});

	it('finds a changed number', () => {
		const changed = result.records.map((r) => (r.areaCode === '101' && r.figure === 'Wohnstatus' && r.category === 'Nebenwohnung' && r.referenceDate === '2010-12-31' ? { ...r, value: r.value! + 1 } : r));
		const { mismatches } = checkAreaTotals(changed, parentOf);
		expect(mismatches.map((m) => [m.areaId, m.expected - m.sum])).toEqual([['stb-1', -1]]);
		expect(mismatches[0]!.lines).toHaveLength(6); // Innenstadt and its Stadtteile 101–105
	});
});

describe('interpretTable: the Windows-1252 file with DIN symbols and broken rows', () => {
	const sheet = fixture('musterstadt-merkmale-win1252.csv');
	const result = interpretTable(sheet, suggestTableMapping(sheet).mapping, musterstadt);

	it('names every problem with line, column and a German message', () => {
		expect(result.problems).toEqual([
			{ line: 18, column: 'Wert', columnLetter: 'F', message: '„12a“ ist keine Zahl.' },
			{ line: 19, column: 'Wert', columnLetter: 'F', message: '„1,2,3“ ist keine Zahl.' },
			{ line: 20, column: 'Raum-Nr.', columnLetter: 'A', message: 'Den Gebietsschlüssel „31“ (Neustadt) gibt es in Musterstadt nicht – meinten Sie „12“ (Neustadt)?' },
			{ line: 21, column: 'Stichtag', columnLetter: 'C', message: 'Das Jahr 1850 liegt außerhalb des zulässigen Bereichs von 1900 bis 2100.' },
			{ line: 22, column: 'Wert', columnLetter: 'F', message: 'Doppelter Wert: „Einwohner“ für Mühlenfeld (22) zum 31.12.2018 steht schon in Zeile 8.' },
			{
				line: 23,
				column: 'Wert',
				columnLetter: 'F',
				message: 'Die Zelle ist leer. Kennzeichnen Sie einen fehlenden Wert mit „…“ (Angabe fällt später an) oder „.“ (geheim zu halten) und eine Null mit „0“ oder „-“.'
			},
			{ line: 24, column: 'Raum-Nr.', columnLetter: 'A', message: 'Den Gebietsschlüssel „99“ (Mühlenfelt) gibt es in Musterstadt nicht – meinten Sie „22“ (Mühlenfeld)?' },
			{ line: 25, column: 'Stichtag', columnLetter: 'C', message: '„30.02.2018“ ist kein gültiges Datum.' },
			{ line: 26, column: 'Merkmal', columnLetter: 'D', message: 'Der Name der Grundzahl fehlt.' },
			{ line: 27, column: 'Wert', columnLetter: 'F', message: '„siehe Fußnote 3: Werte wegen der Gebiet…“ ist keine Zahl.' },
			{
				line: 28,
				column: 'Wert',
				columnLetter: 'F',
				message: '„41.5“ ist keine Zahl mit Dezimalkomma. Falls die Datei einen Dezimalpunkt verwendet, stellen Sie das Dezimaltrennzeichen auf Punkt.'
			}
		]);
		expect(result.problemCount).toBe(11);
	});

	it('reads the good rows: thousands points, a no-break space, decimal comma, negative numbers and every DIN symbol', () => {
		const row = (line: number) => result.records.filter((r) => r.line === line).map(({ figure, category, areaId, areaCode, referenceDate, value, status }) => ({ figure, category, areaId, areaCode, referenceDate, value, status }));
		// No code, but the name is the municipality's; "Insgesamt" is the total, ''.
		expect(row(2)).toEqual([{ figure: 'Einwohner', category: '', areaId: null, areaCode: '', referenceDate: '2018-12-31', value: 12345, status: 'ok' }]);
		expect(row(5)[0]).toMatchObject({ areaId: 't11', value: 3000 });
		expect(row(15)[0]).toMatchObject({ figure: 'Durchschnittsalter', areaId: 'b2', value: 43.7 });
		expect(row(16)[0]).toMatchObject({ figure: 'Wanderungssaldo', areaId: null, value: -123 });
		// A quoted name with the delimiter in it.
		expect(row(17)[0]).toMatchObject({ category: 'männlich', areaId: 't12', value: 1950 });
		expect([10, 11, 12, 13, 14].map((line) => [row(line)[0]!.value, row(line)[0]!.status])).toEqual([
			[null, 'secret'],
			[0, 'zero'],
			[null, 'not_applicable'],
			[null, 'not_reliable'],
			[null, 'not_available']
		]);
		expect(result.records).toHaveLength(16);
		expect(result.figures.map((f) => [f.name, f.categories, f.rows])).toEqual([
			['Einwohner', ['', 'männlich'], 8],
			['Ausländer', [''], 6],
			['Durchschnittsalter', [''], 1],
			['Wanderungssaldo', [''], 1]
		]);
	});

	it('checks the sums it can and says why it skips the others', () => {
		const { checked, mismatches, skipped } = checkAreaTotals(result.records, musterParent);
		expect(checked).toBe(3); // Einwohner: Mitte, Süd and the city
		expect(mismatches).toEqual([]);
		// Ausländer: Mitte is "…" (so neither the city nor Mitte can be checked); the other figures lack children.
		expect(skipped.map((s) => [s.figure, s.areaId, s.reason])).toEqual([
			['Ausländer', null, 'not_numeric'],
			['Ausländer', 'b1', 'not_numeric'],
			['Durchschnittsalter', 'b2', 'missing'],
			['Wanderungssaldo', null, 'missing']
		]);
	});

	it('stops listing after maxProblems but still counts', () => {
		const limited = interpretTable(sheet, suggestTableMapping(sheet).mapping, musterstadt, { maxProblems: 3 });
		expect(limited.problems.map((p) => p.line)).toEqual([18, 19, 20]);
		expect(limited.problemCount).toBe(11);
	});
});

describe('interpretTable: wide formats', () => {
	it('one column per year (with a "sep=" line): records per year, totals reproduce', () => {
		const sheet = fixture('musterstadt-einwohner-jahre.csv');
		const { records, problems, figures } = interpretTable(sheet, { ...suggestTableMapping(sheet).mapping, fixedFigure: 'Einwohner' }, musterstadt);
		expect(problems).toEqual([]);
		expect(records).toHaveLength(21);
		expect(figures).toEqual([{ name: 'Einwohner', categories: [''], referenceDates: ['2016-12-31', '2017-12-31', '2018-12-31'], rows: 21 }]);
		expect(records.filter((r) => r.line === 3).map((r) => [r.areaId, r.referenceDate, r.value])).toEqual([
			[null, '2016-12-31', 12100],
			[null, '2017-12-31', 12200],
			[null, '2018-12-31', 12345]
		]);
		expect(checkAreaTotals(records, musterParent)).toEqual({ checked: 9, mismatches: [], skipped: [] });
	});

	it('one column per age band: the header is the category, "Insgesamt" the total', () => {
		const sheet = fixture('musterstadt-altersgruppen.csv');
		const { records, problems, figures } = interpretTable(sheet, { ...suggestTableMapping(sheet).mapping, fixedFigure: 'Einwohner' }, musterstadt);
		expect(problems).toEqual([]);
		expect(figures[0]!.categories).toEqual(['0 bis 3', '4 bis 5', '6 bis 9', '10 bis 15', '16 bis 18', '19 bis 29', '30 bis 49', '50 bis 64', '65 und älter', '']);
		expect(records).toHaveLength(50);
		expect(records.find((r) => r.areaId === null && r.category === '')!.value).toBe(12345); // quoted "12,345"
		expect(records.find((r) => r.areaId === 't22' && r.category === '4 bis 5')).toMatchObject({ value: null, status: 'secret' });
		// Here the Stadtteile are taken as lying directly under the city.
		const totals = checkAreaTotals(records, () => null);
		expect(totals.checked).toBe(9);
		expect(totals.mismatches).toEqual([]);
		expect(totals.skipped).toEqual([{ figure: 'Einwohner', category: '4 bis 5', referenceDate: '2018-12-31', areaId: null, reason: 'not_numeric' }]);
	});

	it('an XLSX file with one column per year', () => {
		const bytes = writeXlsx('Einwohner', ['Nr', 'Gebiet', '2017', '2018'], [
			['0', 'Musterstadt', '12200', '12345'],
			['11', 'Altstadt', '2980', '.']
		]);
		const sheet = readStatisticsTable(bytes, 'einwohner.xlsx');
		const { records, problems } = interpretTable(sheet, { ...suggestTableMapping(sheet).mapping, fixedFigure: 'Einwohner' }, musterstadt);
		expect(problems).toEqual([]);
		expect(records.map((r) => [r.line, r.areaId, r.referenceDate, r.value, r.status])).toEqual([
			[2, null, '2017-12-31', 12200, 'ok'],
			[2, null, '2018-12-31', 12345, 'ok'],
			[3, 't11', '2017-12-31', 2980, 'ok'],
			[3, 't11', '2018-12-31', null, 'secret']
		]);
	});
});

describe('interpretTable: areas', () => {
	const mapping: TableMapping = { area: 0, areaName: 1, year: 2, values: [3], figure: null, fixedFigure: 'Einwohner', decimal: 'comma' };
	const areasOf = (text: string, lookup = musterstadt) => interpretTable(sheetOf(`Nr;Name;Jahr;Anzahl\n${text}`), mapping, lookup);

	it.each([
		['000;;2018;1', null],
		['0;Stadtgebiet;2018;1', null],
		['05999000;Stadt Musterstadt;2018;1', null],
		[';Insgesamt;2018;1', null],
		['011;;2018;1', 't11'],
		[' 11 ;;2018;1', 't11'],
		['Altstadt;;2018;1', 't11'],
		['11 Altstadt;;2018;1', 't11'],
		['11-Altstadt;;2018;1', 't11'],
		['Musterstadt;;2018;1', null]
	])('%j → %s', (line, areaId) => {
		const { records, problems } = areasOf(line);
		expect(problems).toEqual([]);
		expect(records[0]!.areaId).toBe(areaId);
	});

	it.each([
		['13;Altstadt-Nord;2018;1', 'Den Gebietsschlüssel „13“ (Altstadt-Nord) gibt es in Musterstadt nicht.'],
		['013;Neustadt;2018;1', 'Den Gebietsschlüssel „013“ (Neustadt) gibt es in Musterstadt nicht – meinten Sie „012“ (Neustadt)?'],
		[';Südhafen;2018;1', 'Der Gebietsschlüssel fehlt – meinten Sie „21“ (Südhafen)?'],
		[';;2018;1', 'Der Gebietsschlüssel fehlt.'],
		['Altstdat;;2018;1', 'Den Gebietsschlüssel „Altstdat“ gibt es in Musterstadt nicht – meinten Sie „Altstadt“?']
	])('%j is a problem', (line, message) => {
		expect(areasOf(line).problems).toEqual([{ line: 2, column: 'Nr', columnLetter: 'A', message }]);
	});

	it('further codes for the whole municipality', () => {
		expect(areasOf('999;;2018;1', areaLookupFrom(MUSTERSTADT, 'Musterstadt', ['999'])).records[0]!.areaId).toBeNull();
	});
});

describe('interpretTable: duplicates', () => {
	it('the same figure, category, area and reference date twice, also written differently', () => {
		const sheet = sheetOf('Nr;Name;Stichtag;Geschlecht;Anzahl\n11;Altstadt;2018;männlich;1\n011;Altstadt;31.12.2018;männlich;2\n11;Altstadt;2018;weiblich;3\n;Musterstadt;2018;;4\n000;;2018-12-31;Insgesamt;5\n');
		const { records, problems } = interpretTable(sheet, { area: 0, areaName: 1, year: 2, category: 3, values: [4], fixedFigure: 'Einwohner', decimal: 'comma' }, musterstadt);
		expect(problems).toEqual([
			{ line: 3, column: 'Anzahl', columnLetter: 'E', message: 'Doppelter Wert: „Einwohner“, „männlich“ für Altstadt (011) zum 31.12.2018 steht schon in Zeile 2.' },
			{ line: 6, column: 'Anzahl', columnLetter: 'E', message: 'Doppelter Wert: „Einwohner“ für Musterstadt insgesamt zum 31.12.2018 steht schon in Zeile 5.' }
		]);
		expect(records.map((r) => r.line)).toEqual([2, 4, 5]);
	});

	it('two header columns naming the same year', () => {
		const sheet = sheetOf('Nr;2018;31.12.2018\n11;1;2\n');
		const { problems } = interpretTable(sheet, { area: 0, values: [1, 2], fixedFigure: 'Einwohner', decimal: 'comma' }, musterstadt);
		expect(problems).toEqual([{ line: 2, column: '31.12.2018', columnLetter: 'C', message: 'Doppelter Wert: „Einwohner“ für Altstadt (11) zum 31.12.2018 steht schon in Zeile 2.' }]);
	});
});

describe('interpretTable: mapping errors throw', () => {
	const sheet = sheetOf('Nr;Jahr;Merkmal;Anzahl;Anteil\n11;2018;Ausländer;1;2\n');
	const base: TableMapping = { area: 0, year: 1, category: 2, values: [3], fixedFigure: 'Einwohner', decimal: 'comma' };
	it.each([
		[{ area: 7 }, 'Zuordnung „Gebietsschlüssel“: Eine Spalte Nummer 8 gibt es nicht; die Datei hat 5 Spalten.'],
		[{ values: [3, -1] }, 'Zuordnung „Werte“: Eine Spalte Nummer 0 gibt es nicht; die Datei hat 5 Spalten.'],
		[{ values: [1.5] }, 'Zuordnung „Werte“: Eine Spalte Nummer 1.5 gibt es nicht; die Datei hat 5 Spalten.'],
		[{ areaName: 0 }, 'Die Spalte „Nr“ (A) ist zweimal zugeordnet (Gebietsschlüssel und Gebietsname). Jede Spalte kann nur eine Bedeutung haben.'],
		[{ values: [3, 3] }, 'Die Spalte „Anzahl“ (D) ist zweimal zugeordnet (Werte und Werte). Jede Spalte kann nur eine Bedeutung haben.'],
		[{ values: [] }, 'Bitte ordnen Sie mindestens eine Spalte mit Werten zu.'],
		[{ fixedFigure: ' ' }, 'Die Datei hat keine Spalte mit dem Namen der Grundzahl. Bitte geben Sie an, welche Grundzahl sie enthält (zum Beispiel „Einwohner“).'],
		[{ year: null }, 'Es fehlt der Stichtag: Bitte ordnen Sie die Spalte mit dem Jahr zu oder geben Sie den Stichtag für die ganze Datei an.'],
		[{ category: null, year: null, values: [3, 4] }, 'Die Spalte „Anzahl“ (D) trägt kein Jahr in der Überschrift, und es ist keine Spalte mit dem Jahr zugeordnet. Bitte ordnen Sie eine zu oder geben Sie den Stichtag für die ganze Datei an.'],
		[{ values: [3, 4] }, 'Die Spalte „Anzahl“ (D) wäre eine Kategorie, zugleich ist eine Spalte für die Aufschlüsselung zugeordnet. Bitte wählen Sie eines von beiden.'],
		[{ year: null, fixedReferenceDate: '31.12.18' }, 'Stichtag für die ganze Datei: „31.12.18“ ist weder ein Jahr noch ein Datum. Erwartet wird zum Beispiel 2018, 31.12.2018 oder 2018-12-31.']
	] as [Partial<TableMapping>, string][])('%j', (change, message) => {
		expect(() => interpretTable(sheet, { ...base, ...change }, musterstadt)).toThrow(new Error(message));
	});

	it('a year in a header together with a year column', () => {
		const wide = sheetOf('Nr;Jahr;2018;2019\n11;2018;1;2\n');
		expect(() => interpretTable(wide, { area: 0, year: 1, values: [2, 3], fixedFigure: 'Einwohner', decimal: 'comma' }, musterstadt)).toThrow(
			'Die Spalte „2018“ (C) trägt einen Stichtag in der Überschrift, zugleich ist eine Spalte mit dem Jahr zugeordnet. Bitte wählen Sie eines von beiden.'
		);
	});

	it('a reference date for the whole file', () => {
		const { records } = interpretTable(sheet, { ...base, year: null, fixedReferenceDate: '30.06.2019' }, musterstadt);
		expect(records[0]!.referenceDate).toBe('2019-06-30');
	});
});

describe('checkAreaTotals', () => {
	const record = (line: number, areaId: string | null, value: number | null, status: ImportRecord['status'] = 'ok'): ImportRecord => ({
		line,
		figure: 'Einwohner',
		category: '',
		areaId,
		areaCode: areaId ?? '0',
		referenceDate: '2018-12-31',
		value,
		status
	});

	it('reports a parent whose children do not add up, with the lines involved', () => {
		const records = [record(2, null, 100), record(3, 'b1', 60), record(4, 'b2', 39), record(5, 't11', 30), record(6, 't12', 30)];
		expect(checkAreaTotals(records, musterParent)).toEqual({
			checked: 2,
			mismatches: [{ figure: 'Einwohner', category: '', referenceDate: '2018-12-31', areaId: null, expected: 100, sum: 99, lines: [2, 3, 4] }],
			// Süd's Stadtteile are not in the file at all: nothing to check there, so nothing skipped either.
			skipped: []
		});
	});

	it('counts "-" as 0, skips symbols, and adds decimals without binary noise', () => {
		const records = [record(2, null, 0.3), record(3, 'b1', 0.1), record(4, 'b2', 0.2), record(5, 't11', 0, 'zero'), record(6, 't12', 0.1)];
		expect(checkAreaTotals(records, musterParent)).toEqual({ checked: 2, mismatches: [], skipped: [] });
		const secret = [record(2, null, 10), record(3, 'b1', null, 'secret'), record(4, 'b2', 7)];
		expect(checkAreaTotals(secret, musterParent)).toEqual({
			checked: 0,
			mismatches: [],
			skipped: [{ figure: 'Einwohner', category: '', referenceDate: '2018-12-31', areaId: null, reason: 'not_numeric' }]
		});
	});
});
