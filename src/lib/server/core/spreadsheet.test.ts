import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { readSpreadsheet, writeCsv, writeXlsx, detectDelimiter, parseCsv, excelDate, neutraliseFormula, SpreadsheetError } from './spreadsheet.ts';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
function windows1252(s: string): Uint8Array {
	const map: Record<string, number> = { ä: 0xe4, ö: 0xf6, ü: 0xfc, Ä: 0xc4, Ö: 0xd6, Ü: 0xdc, ß: 0xdf, é: 0xe9, '€': 0x80, '„': 0x84, '“': 0x93 };
	return Uint8Array.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
}
function utf16le(s: string): Uint8Array {
	const out = new Uint8Array(2 + s.length * 2);
	out[0] = 0xff;
	out[1] = 0xfe;
	for (let i = 0; i < s.length; i++) {
		out[2 + i * 2] = s.charCodeAt(i) & 0xff;
		out[3 + i * 2] = s.charCodeAt(i) >> 8;
	}
	return out;
}
const caught = (work: () => unknown) => {
	try {
		work();
	} catch (e) {
		return e as SpreadsheetError;
	}
	throw new Error('did not throw');
};

describe('CSV', () => {
	it.each([
		['semicolons (German Excel)', 'Titel;Träger;Telefon\nSprachcafé;Caritas;02041 123\n', ';'],
		['commas', 'Titel,Träger\n"Beratung, offen",AWO\nKurs,VHS\n', ','],
		['tabs (Unicode text)', 'Titel\tTräger\nKurs\tVHS\n', '\t'],
		['pipes', 'Titel|Träger\nKurs|VHS\n', '|'],
		['a comma inside quotes does not count', 'Titel;Beschreibung\n"A";"eins, zwei, drei"\n"B";"vier, fünf"\n', ';']
	])('finds the delimiter: %s', (_label, text, delimiter) => {
		expect(detectDelimiter(text)).toBe(delimiter);
	});

	it.each([
		['quoted delimiter and doubled quotes', 'a;b\n"x;y";"sagt ""hallo"""\n', [['a', 'b'], ['x;y', 'sagt "hallo"']], [1, 2]],
		['line break inside quotes: the record keeps its first line', 'a;b\n"Zeile 1\nZeile 2";x\nc;d\n', [['a', 'b'], ['Zeile 1\nZeile 2', 'x'], ['c', 'd']], [1, 2, 4]],
		['CRLF and CR line endings', 'a;b\r\n1;2\r3;4\r\n', [['a', 'b'], ['1', '2'], ['3', '4']], [1, 2, 3]],
		['empty lines are skipped, numbers stay physical', 'a;b\n\n1;2\n;\n3;4\n\n', [['a', 'b'], ['1', '2'], ['3', '4']], [1, 3, 5]],
		['missing last field', 'a;b;c\n1;2\n', [['a', 'b', 'c'], ['1', '2']], [1, 2]]
	])('parses %s', (_label, text, cells, lines) => {
		const rows = parseCsv(text, ';');
		expect(rows.map((r) => r.cells)).toEqual(cells);
		expect(rows.map((r) => r.line)).toEqual(lines);
	});

	it.each([
		['semicolon', 'sep=;\r\nTitel;Träger\r\n"Beratung, offen";AWO\r\n', ';', [['Beratung, offen', 'AWO']]],
		// Without the hint, the commas would win: two per line against none.
		['comma overrides a guess', 'sep=,\nTitel,Träger;Ort\nKurs,VHS;Bottrop\n', ',', [['Kurs', 'VHS;Bottrop']]]
	])('honours Excel\'s "sep=" first line (%s); it is no header and line numbers stay those of the file', (_label, text, delimiter, cells) => {
		const sheet = readSpreadsheet(utf8(text));
		expect(sheet.delimiter).toBe(delimiter);
		expect(sheet.headers).toEqual(['Titel', 'Träger' + (delimiter === ',' ? ';Ort' : '')]);
		expect(sheet.rows.map((r) => r.cells)).toEqual(cells);
		expect(sheet.rows[0]!.line).toBe(3);
		const e = caught(() => readSpreadsheet(utf8('sep=;\nTitel;Träger\nKurs;VHS\n"Sprachcafé;AWO\n')));
		expect(e.line).toBe(4);
	});

	it('an unterminated quote names the line where it starts', () => {
		const e = caught(() => readSpreadsheet(utf8('Titel;Träger\nKurs;VHS\n"Sprachcafé;AWO\nNoch;was\n')));
		expect(e).toBeInstanceOf(SpreadsheetError);
		expect(e.line).toBe(3);
		expect(e.message).toMatch(/^Zeile 3: Ein Anführungszeichen/);
	});

	it.each([
		['UTF-8', utf8('Titel;Träger\nMüttercafé;Wohlfahrtsverband „Süd“\n'), 'UTF-8'],
		['UTF-8 with BOM', utf8('\uFEFFTitel;Träger\nMüttercafé;Wohlfahrtsverband „Süd“\n'), 'UTF-8'],
		['Windows-1252', windows1252('Titel;Träger\nMüttercafé;Wohlfahrtsverband „Süd“\n'), 'Windows-1252'],
		['UTF-16 with tabs', utf16le('Titel\tTräger\r\nMüttercafé\tWohlfahrtsverband „Süd“\r\n'), 'UTF-16']
	])('decodes %s', (_label, bytes, encoding) => {
		const sheet = readSpreadsheet(bytes, 'liste.csv');
		expect(sheet.encoding).toBe(encoding);
		expect(sheet.headers).toEqual(['Titel', 'Träger']);
		expect(sheet.rows).toEqual([{ line: 2, cells: ['Müttercafé', 'Wohlfahrtsverband „Süd“'] }]);
	});

	it('names empty and repeated headers', () => {
		expect(readSpreadsheet(utf8('Titel;;Titel;Titel\n1;2;3;4\n')).headers).toEqual(['Titel', 'Spalte 2', 'Titel (2)', 'Titel (3)']);
	});

	it.each([
		['empty file', new Uint8Array(), /leer/],
		['only a header', utf8('Titel;Träger\n'), /nur eine Kopfzeile/],
		['old Excel format', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /\.xls\)/],
		['a zip that is no workbook', zipSync({ 'hallo.txt': strToU8('hallo') }), /keine Excel-Tabelle/],
		['Excel 97 as LibreOffice writes it', fixture('alt-excel-97.xls'), /\.xls\)/],
		['OpenDocument (.ods)', fixture('libreoffice.ods'), /keine Excel-Tabelle/]
	])('refuses %s with a clear message', (_label, bytes, message) => {
		expect(caught(() => readSpreadsheet(bytes)).message).toMatch(message);
	});
});

describe('XLSX', () => {
	it('round trip: what we write, we read back', () => {
		const headers = ['Titel', 'Träger', 'Beschreibung'];
		const rows = [
			['Sprachcafé', 'AWO', 'Mehrere\nZeilen & <Zeichen>'],
			['Müttercafé', '', 'فارسی und Deutsch']
		];
		const sheet = readSpreadsheet(writeXlsx('Angebote: 2026/27', headers, rows), 'export.xlsx');
		expect(sheet.format).toBe('xlsx');
		expect(sheet.headers).toEqual(headers);
		expect(sheet.rows).toEqual([
			{ line: 2, cells: rows[0] },
			{ line: 3, cells: rows[1] }
		]);
	});

	it('reads shared strings, rich text, numbers, dates, booleans and formulas as Excel writes them', () => {
		const file = zipSync({
			'[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
			'xl/workbook.xml': strToU8(
				'<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Liste" sheetId="3" r:id="rId7"/><sheet name="Zweites" sheetId="1" r:id="rId1"/></sheets></workbook>'
			),
			'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="worksheets/sheet9.xml"/></Relationships>'),
			'xl/sharedStrings.xml': strToU8('<sst><si><t>Titel</t></si><si><t>Beginn</t></si><si><r><t>Sprach</t></r><r><rPr><b/></rPr><t>café</t></r></si><si><t xml:space="preserve"> mit Leerzeichen </t></si></sst>'),
			'xl/styles.xml': strToU8('<styleSheet><numFmts><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/><numFmt numFmtId="165" formatCode="0.00 &quot;€&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>'),
			'xl/worksheets/sheet9.xml': strToU8(
				'<worksheet><sheetData>' +
					'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Preis</t></is></c><c r="D1" t="inlineStr"><is><t>Aktiv</t></is></c><c r="F1" t="inlineStr"><is><t>Summe</t></is></c></row>' +
					'<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" s="1"><v>46082</v></c><c r="C4" s="3"><v>0.30000000000000004</v></c><c r="D4" t="b"><v>1</v></c><c r="F4"><f>C4*2</f><v>0.6</v></c></row>' +
					'<row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5" s="2"><v>46082.75</v></c><c r="E5" t="e"><v>#N/A</v></c></row>' +
					'</sheetData></worksheet>'
			),
			'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>falsches Blatt</t></is></c></row></sheetData></worksheet>')
		});
		const sheet = readSpreadsheet(file, 'angebote.xlsx');
		expect(sheet.headers).toEqual(['Titel', 'Beginn', 'Preis', 'Aktiv', 'Spalte 5', 'Summe']);
		expect(sheet.rows).toEqual([
			{ line: 4, cells: ['Sprachcafé', '2026-03-01', '0.3', 'WAHR', '', '0.6'] },
			{ line: 5, cells: ['mit Leerzeichen', '2026-03-01T18:00', '', '', '', ''] }
		]);
	});

	it('reads a workbook as LibreOffice Calc writes it (dates, date-times, decimals, booleans, formulas)', () => {
		const sheet = readSpreadsheet(fixture('beratungsstellen-nrw.xlsx'), 'beratungsstellen-nrw.xlsx');
		expect(sheet.headers).toEqual(['Name', 'Träger', 'Kategorie', 'Straße', 'PLZ', 'Ort', 'Telefon', 'E-Mail', 'Wochenstunden', 'Seit', 'Nächster Termin', 'Stunden im Monat', 'Kostenlos']);
		expect(sheet.rows).toHaveLength(12);
		expect(sheet.rows[0]).toEqual({
			line: 2,
			cells: ['Migrationsberatung für Erwachsene (MBE)', 'Caritasverband für das Dekanat Bottrop e. V.', 'Beratung', 'Kirchplatz 3', '46236', 'Bottrop', '02041 690-0', 'mbe@caritas-bottrop.example', '19.5', '2019-03-01', '2026-04-15T14:30', '84.5', 'WAHR']
		});
	});

	it('stops a zip bomb whose declared sizes are forged', () => {
		const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
		expect(bomb.length).toBeLessThan(1024 * 1024);
		// Declare 1 kB as the uncompressed size, in the local header (offset 22) and the central directory (offset 24).
		const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
		view.setUint32(22, 1024, true);
		for (let i = 0; i < bomb.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1024, true);
		expect(caught(() => readSpreadsheet(bomb, 'bombe.xlsx')).message).toMatch(/größer als 50 MB/);
	});

	it('refuses entity declarations (no XML bombs)', () => {
		const file = zipSync({
			'xl/workbook.xml': strToU8('<!DOCTYPE lol [<!ENTITY lol "lol">]><workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>'),
			'xl/_rels/workbook.xml.rels': strToU8('<Relationships/>')
		});
		expect(caught(() => readSpreadsheet(file)).message).toMatch(/unzulässige XML/);
	});

	it.each([
		[1, false, '1900-01-01'],
		[59, false, '1900-02-28'],
		[61, false, '1900-03-01'],
		[46082, false, '2026-03-01'],
		[44621, true, '2026-03-02']
	])('Excel day %i (1904 system: %s) is %s', (serial, date1904, iso) => {
		expect(excelDate(serial, date1904)).toBe(iso);
	});
});

describe('writing', () => {
	it.each([
		['=HYPERLINK("http://x")', "'=HYPERLINK(\"http://x\")"],
		['@SUM(A1)', "'@SUM(A1)"],
		['+49 2041 70-3000', '+49 2041 70-3000'],
		['-3', '-3'],
		['-Kurs für alle', "'-Kurs für alle"],
		['Sprachcafé', 'Sprachcafé']
	])('neutralises formulas: %s → %s', (input, output) => {
		expect(neutraliseFormula(input)).toBe(output);
	});

	it('CSV for German Excel: BOM, semicolons, CRLF, quotes only where needed; reads back', () => {
		const bytes = writeCsv(['Titel', 'Beschreibung'], [['Sprachcafé', 'Tee; Kuchen\nund "Deutsch"']]);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		expect(text).toBe('Titel;Beschreibung\r\nSprachcafé;"Tee; Kuchen\nund ""Deutsch"""\r\n');
		expect(readSpreadsheet(bytes).rows[0]!.cells).toEqual(['Sprachcafé', 'Tee; Kuchen\nund "Deutsch"']);
	});
});

describe('title rows and footnotes around a table', () => {
	it('are notes, not data: the header is found below the title, footnotes are dropped, line numbers stay', () => {
		const text = [
			'Tabelle 3: Bevölkerung mit Migrationshintergrund nach Stadtteilen',
			'Stand: 31.12.2018',
			'',
			'Stadtteil;Jahr;Anzahl',
			'101;2018;1.234',
			'102;2018;.',
			'',
			'Quelle: Stadt Musterstadt, Einwohnerstatistik',
			'1) ohne Nebenwohnsitze'
		].join('\r\n');
		const sheet = readSpreadsheet(utf8(text));
		expect(sheet.headers).toEqual(['Stadtteil', 'Jahr', 'Anzahl']);
		expect(sheet.rows.map((r) => [r.line, ...r.cells])).toEqual([
			[5, '101', '2018', '1.234'],
			[6, '102', '2018', '.']
		]);
		expect(sheet.notes).toEqual(['Tabelle 3: Bevölkerung mit Migrationshintergrund nach Stadtteilen', 'Stand: 31.12.2018', 'Quelle: Stadt Musterstadt, Einwohnerstatistik', '1) ohne Nebenwohnsitze']);
	});

	it.each([
		['a list without title keeps its first row as header', 'Titel;Träger\nKurs;VHS\n', ['Titel', 'Träger'], 1],
		['a last row with one number is data, not a footnote', 'Gebiet;Anzahl\n1;5\n2;\n', ['Gebiet', 'Anzahl'], 2]
	])('%s', (_label, text, headers, rows) => {
		const sheet = readSpreadsheet(utf8(text));
		expect(sheet.headers).toEqual(headers);
		expect(sheet.rows).toHaveLength(rows);
	});
});
