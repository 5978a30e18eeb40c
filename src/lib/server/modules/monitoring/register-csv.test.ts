import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { aggregateRegister, createMigraProAggregator, generateRegister, RegisterValidationError, type RegisterRow } from './migrapro.ts';
import {
	GERMAN_COLUMN_NAMES,
	mapRegisterHeader,
	readRegisterCsv,
	readRegisterCsvBatches,
	registerCsvChunks,
	RegisterCsvError,
	REGISTER_FIELDS,
	writeRegisterCsv,
	type RegisterCsvInfo,
	type RegisterCsvOptions,
	type RegisterCsvRecord
} from './register-csv.ts';

/* ---------- helpers ---------- */

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 for the letters used here (ä ö ü ß Ä Ö Ü é …) is the same as Latin-1. */
const cp1252 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);

/** The bytes as an async stream, cut at the given offsets (or into pieces of `size` bytes). */
async function* pieces(bytes: Uint8Array, cuts: number[] | number): AsyncGenerator<Uint8Array> {
	const at = typeof cuts === 'number' ? Array.from({ length: Math.ceil(bytes.length / cuts) - 1 }, (_, i) => (i + 1) * cuts) : cuts;
	let from = 0;
	for (const cut of [...at, bytes.length]) {
		yield bytes.subarray(from, cut);
		from = cut;
	}
}

async function read(bytes: Uint8Array, cuts: number[] | number = [], options: RegisterCsvOptions = {}): Promise<{ records: RegisterCsvRecord[]; info: RegisterCsvInfo | null }> {
	let info: RegisterCsvInfo | null = null;
	const records: RegisterCsvRecord[] = [];
	for await (const r of readRegisterCsv(pieces(bytes, cuts), { ...options, onInfo: (i) => (info = i) })) records.push(r);
	return { records, info };
}

async function readError(bytes: Uint8Array, cuts: number[] | number = [], options: RegisterCsvOptions = {}): Promise<RegisterCsvError> {
	try {
		await read(bytes, cuts, options);
	} catch (e) {
		if (e instanceof RegisterCsvError) return e;
		throw e;
	}
	throw new Error('expected a RegisterCsvError');
}

const GERMAN_HEADER = REGISTER_FIELDS.map((f) => GERMAN_COLUMN_NAMES[f]).join(';');

/** A row with every field, as the reader returns it. */
const row = (over: Partial<RegisterRow> = {}): RegisterRow => ({
	id: 'P1',
	householdId: 'H1',
	areaCode: '011',
	birthYear: 1980,
	age: null,
	sex: 'w',
	firstNationality: 'DE',
	secondNationality: null,
	countryOfBirth: 'DE',
	germanCitizenship: 'birth',
	yearMovedIn: null,
	motherId: null,
	fatherId: null,
	...over
});

// Person;Haushalt;Gebiet;Geburtsjahr;Alter;Geschlecht;Staatsangehörigkeit 1;Staatsangehörigkeit 2;Geburtsland;Art …;Zuzugsjahr;Mutter;Vater
const SMALL = [
	GERMAN_HEADER,
	'P1;H1;Süd;1980;;w;DE;;DE;Geburt;;;',
	'P2;H1;Süd;1978;;m;TR;;TR;;1999;;',
	'P3;H1;Süd;2015;;w;DE;TR;DE;Optionsregelung;;P1;P2',
	'P4;H2;Großenbaum;1950;;m;DE;;KZ;Spätaussiedler;1992;;'
].join('\r\n');

const SMALL_ROWS: RegisterRow[] = [
	row({ areaCode: 'Süd' }),
	row({ id: 'P2', areaCode: 'Süd', birthYear: 1978, sex: 'm', firstNationality: 'TR', countryOfBirth: 'TR', germanCitizenship: null, yearMovedIn: 1999 }),
	row({ id: 'P3', areaCode: 'Süd', birthYear: 2015, secondNationality: 'TR', germanCitizenship: 'option_rule', motherId: 'P1', fatherId: 'P2' }),
	row({ id: 'P4', householdId: 'H2', areaCode: 'Großenbaum', birthYear: 1950, sex: 'm', countryOfBirth: 'KZ', germanCitizenship: 'late_repatriate', yearMovedIn: 1992 })
];

/* ---------- encodings ---------- */

describe('readRegisterCsv: encodings', () => {
	it.each([
		['UTF-8 without BOM', utf8(SMALL), 'UTF-8', false],
		['UTF-8 with BOM', withBom(utf8(SMALL)), 'UTF-8', true],
		['Windows-1252', cp1252(SMALL), 'Windows-1252', false]
	] as const)('%s', async (_name, bytes, encoding, bom) => {
		const { records, info } = await read(bytes);
		expect(records.map((r) => r.row)).toEqual(SMALL_ROWS);
		expect(records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
		expect(info).toMatchObject({ encoding, bom, delimiter: ';' });
	});

	it('UTF-16 with BOM (Excel "Unicode-Text", tab-separated)', async () => {
		const text = SMALL.replace(/;/g, '\t');
		const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
		const { records, info } = await read(bytes, 7);
		expect(records.map((r) => r.row)).toEqual(SMALL_ROWS);
		expect(info).toMatchObject({ encoding: 'UTF-16LE', bom: true, delimiter: '\t' });
	});

	it('waits for the first byte above 0x7F: a long ASCII start, then Windows-1252 in line 502', async () => {
		const header = REGISTER_FIELDS.join(',');
		const lines = [header];
		for (let i = 1; i <= 500; i++) lines.push(`P${i},H${String(i).padStart(4, '0')},001,1990,,m,DE,,DE,birth,,,`);
		lines.push('P501,H0501,Essen-Süd,1990,,w,DE,,DE,Einbürgerung,,,');
		const bytes = cp1252(lines.join('\n') + '\n');
		for (const size of [1, 3, 64, 4096]) {
			const { records, info } = await read(bytes, size);
			expect(records).toHaveLength(501);
			expect(records[500]).toEqual({ line: 502, row: row({ id: 'P501', householdId: 'H0501', areaCode: 'Essen-Süd', birthYear: 1990, germanCitizenship: 'naturalisation' }) });
			// The header was plain ASCII: undecided when it was read.
			expect(info!.encoding).toBe('ASCII');
		}
	});

	it('a pure ASCII file reads the same either way', async () => {
		const text = `${REGISTER_FIELDS.join(';')}\nP1;H1;011;1980;;w;DE;;DE;birth;;;\n`;
		const { records } = await read(utf8(text));
		expect(records.map((r) => r.row)).toEqual([row()]);
	});

	it('rejects UTF-8 that turns invalid later and names the line', async () => {
		const bytes = new Uint8Array([...utf8(SMALL + '\r\n'), ...cp1252('P5;H3;Süd;1980;;w;DE;;DE;;;;\r\n')]);
		for (const cuts of [[], 40, 1]) {
			const error = await readError(bytes, cuts);
			expect(error.message).toMatch(/^Die Datei ist nicht durchgehend UTF-8-kodiert: Zeile 6 enthält eine ungültige Bytefolge/);
			expect(error.line).toBe(6);
		}
	});
});

/* ---------- chunk boundaries ---------- */

describe('readRegisterCsv: chunk boundaries', () => {
	it('cuts at every byte, also inside multi-byte characters (UTF-8, with and without BOM) and single bytes (Windows-1252)', async () => {
		for (const bytes of [utf8(SMALL), withBom(utf8(SMALL)), cp1252(SMALL)]) {
			for (let cut = 1; cut < bytes.length; cut++) {
				const { records } = await read(bytes, [cut]);
				expect(records.map((r) => r.row), `cut at ${cut}`).toEqual(SMALL_ROWS);
			}
			const { records } = await read(bytes, 1);
			expect(records.map((r) => r.row)).toEqual(SMALL_ROWS);
		}
	});

	it('a multi-byte character cut before any other non-ASCII byte is decided (UTF-8, not Windows-1252)', async () => {
		// "ü" = C3 BC: the first chunk ends after C3, which alone is no valid UTF-8 yet.
		const text = `${REGISTER_FIELDS.join(';')}\nP1;H1;Lüdinghausen;1980;;w;DE;;DE;birth;;;\n`;
		const bytes = utf8(text);
		const c3 = bytes.indexOf(0xc3);
		const { records, info } = await read(bytes, [c3 + 1]);
		expect(records[0]!.row.areaCode).toBe('Lüdinghausen');
		expect(info!.encoding).toBe('ASCII');
		// A file that ends in the middle of a sequence is no UTF-8.
		const cutOff = new Uint8Array([...utf8(`${REGISTER_FIELDS.join(';')}\nP1;H1;011;1980;;w;DE;;DE;birth;;;P`), 0xc3]);
		const read1252 = await read(cutOff, 1);
		expect(read1252.records[0]!.row.fatherId).toBe('PÃ');
		expect(read1252.info!.encoding).toBe('ASCII');
	});

	it('quoted fields: delimiters, line breaks and doubled quotes, cut at every position', async () => {
		const text = [
			REGISTER_FIELDS.join(','),
			'P1,H1,"Altstadt, Nord",1980,,w,DE,,DE,birth,,,',
			'"P2",H1,"Mülheim ""an der"" Ruhr",1981,,m,DE,,DE,birth,,,',
			'P3,H1,"Zeile',
			'umbrochen",2010,,w,DE,,DE,birth,,"P1","P2"',
			'P4,H2,"",1960,,m,DE,,DE,"",,,'
		].join('\r\n');
		const expected = [
			{ line: 2, row: row({ areaCode: 'Altstadt, Nord' }) },
			{ line: 3, row: row({ id: 'P2', areaCode: 'Mülheim "an der" Ruhr', birthYear: 1981, sex: 'm' }) },
			{ line: 4, row: row({ id: 'P3', areaCode: 'Zeile\r\numbrochen', birthYear: 2010, motherId: 'P1', fatherId: 'P2' }) },
			// The empty area is the validator's business (missing_value), not the reader's.
			{ line: 6, row: row({ id: 'P4', householdId: 'H2', areaCode: '', birthYear: 1960, sex: 'm', germanCitizenship: null }) }
		];
		const bytes = utf8(text);
		for (let cut = 1; cut < bytes.length; cut++) {
			const { records, info } = await read(bytes, [cut]);
			expect(records, `cut at ${cut}`).toEqual(expected);
			expect(info!.delimiter).toBe(',');
		}
		expect((await read(bytes, 1)).records).toEqual(expected);
	});

	it('line endings LF, CRLF and CR alone, cut anywhere; blank lines are skipped and counted', async () => {
		const lines = [REGISTER_FIELDS.join(';'), 'P1;H1;011;1980;;w;DE;;DE;birth;;;', '', 'P2;H2;011;1981;;m;DE;;DE;birth;;;', ''];
		for (const nl of ['\n', '\r\n', '\r']) {
			const bytes = utf8('\n'.replace('\n', nl) + lines.join(nl));
			for (const cuts of [[], 1, 5]) {
				const { records } = await read(bytes, cuts);
				expect(records.map((r) => [r.line, r.row.id])).toEqual([
					[3, 'P1'],
					[5, 'P2']
				]);
			}
		}
	});

	it('yields the first row before the whole input is read (streams, holds no file)', async () => {
		let pulled = 0;
		async function* endless(): AsyncGenerator<Uint8Array> {
			yield utf8(GERMAN_HEADER + '\n');
			for (let i = 0; ; i++) {
				pulled++;
				yield utf8(`P${i};H${String(i).padStart(9, '0')};011;1980;;w;DE;;DE;Geburt;;;\n`);
			}
		}
		let seen = 0;
		for await (const r of readRegisterCsv(endless())) {
			expect(r.row.id).toBe(`P${seen}`);
			if (++seen === 1000) break;
		}
		expect(pulled).toBeLessThanOrEqual(1001);
	});
});

/* ---------- header ---------- */

describe('readRegisterCsv: header mapping', () => {
	const values = ['P1', 'H1', '011', '1980', '', 'w', 'DE', '', 'DE', 'birth', '', '', ''];

	it.each([
		['German names', GERMAN_HEADER],
		['field names', REGISTER_FIELDS.join(';')],
		['English words', 'Person ID;Household ID;Area Code;Year of Birth;Age;Sex;First Nationality;Second Nationality;Country of Birth;German Citizenship;Year moved in;Mother;Father'],
		[
			'German variants, case and spacing',
			'  PERSONEN-ID ;Haushalts-Nr.;stadtteil;GEBURTSJAHR;alter;Geschlecht;erste Staatsangehörigkeit;2. Staatsangehörigkeit;Geburtsland;Art der  deutschen Staatsangehörigkeit;Zuzugsjahr;Person Mutter;vater_id'
		],
		['German in decomposed Unicode (macOS)', GERMAN_HEADER.normalize('NFD')]
	])('%s', async (_name, header) => {
		const { records, info } = await read(utf8(`${header}\n${values.join(';')}\n`));
		expect(records.map((r) => r.row)).toEqual([row()]);
		expect(info!.columns.every((c) => c.field !== null)).toBe(true);
	});

	it('columns in any order, the age instead of the birth year', async () => {
		const header = 'Staatsangehörigkeit 1;Gebiet;Alter;Person;Haushalt;Geschlecht;Geburtsland;Staatsangehörigkeit 2;Zuzugsjahr;Art der deutschen Staatsangehörigkeit;Vater;Mutter';
		const { records } = await read(utf8(`${header}\nTR;011;44;P1;H1;m;TR;;2001;;;\n`));
		expect(records[0]!.row).toEqual(row({ firstNationality: 'TR', birthYear: null, age: 44, sex: 'm', countryOfBirth: 'TR', germanCitizenship: null, yearMovedIn: 2001 }));
	});

	it('tab as delimiter, and an Excel "sep=" line before the header', async () => {
		const tab = await read(utf8(`${REGISTER_FIELDS.join('\t')}\n${values.join('\t')}\n`));
		expect(tab.info!.delimiter).toBe('\t');
		expect(tab.records.map((r) => r.row)).toEqual([row()]);
		const sep = await read(utf8(`sep=,\n${REGISTER_FIELDS.join(',')}\n${values.join(',')}\n`));
		expect(sep.info!.delimiter).toBe(',');
		expect(sep.records).toEqual([{ line: 3, row: row() }]);
	});

	it('names missing columns in German, says that the age would do', async () => {
		const header = 'Person;Haushalt;Gebiet;Geschlecht;Staatsangehörigkeit 1;Staatsangehörigkeit 2;Geburtsland;Mutter;Vater';
		const error = await readError(utf8(`${header}\nP1;H1;011;w;DE;;DE;;\n`));
		expect(error.line).toBe(1);
		expect(error.columns!.missing).toEqual(['birthYear', 'germanCitizenship', 'yearMovedIn']);
		expect(error.message).toContain(
			'Es fehlen die Spalten „Geburtsjahr“, „Art der deutschen Staatsangehörigkeit“, „Zuzugsjahr“ (statt „Geburtsjahr“ genügt „Alter“).'
		);
	});

	it('names unknown and doubled columns', async () => {
		const header = `${GERMAN_HEADER};Familienstand;Geschlecht;`;
		const error = await readError(utf8(`${header}\n${values.join(';')};ledig;w;\n`));
		expect(error.columns).toEqual({ missing: [], unknown: ['Familienstand', '(leer, Spalte 16)'], doubled: ['Geschlecht'] });
		expect(error.message).toContain('Unbekannte Spalten: „Familienstand“, „(leer, Spalte 16)“. Doppelte Spalten: „Geschlecht“.');
	});

	it('allowMissing and ignoreUnknownColumns for extracts that really lack or add columns', async () => {
		const header = 'Person;Haushalt;Gebiet;Geburtsjahr;Geschlecht;Staatsangehörigkeit 1;Familienstand';
		const { records } = await read(utf8(`${header}\nP1;H1;011;1980;w;DE;ledig\n`), [], {
			allowMissing: ['secondNationality', 'countryOfBirth', 'germanCitizenship', 'yearMovedIn', 'motherId', 'fatherId'],
			ignoreUnknownColumns: true
		});
		expect(records[0]!.row).toEqual(row({ countryOfBirth: null, germanCitizenship: null }));
	});

	it('mapRegisterHeader on its own', () => {
		expect(mapRegisterHeader(['Gebiet', 'Staatsangehörigkeit', 'x'], { ignoreUnknownColumns: true, allowMissing: REGISTER_FIELDS })).toEqual(['areaCode', 'firstNationality', null]);
	});
});

/* ---------- values ---------- */

describe('readRegisterCsv: values', () => {
	const file = (kind: string, sex = 'w') => utf8(`${GERMAN_HEADER}\nP1;H1;011;1980;;${sex};DE;;DE;${kind};;;\n`);

	it.each([
		['Geburt', 'birth'],
		['durch Geburt', 'birth'],
		['Einbürgerung', 'naturalisation'],
		['EINBÜRGERUNG', 'naturalisation'],
		['eingebürgert', 'naturalisation'],
		['Spätaussiedler', 'late_repatriate'],
		['(Spät-)Aussiedler', 'late_repatriate'],
		['Aussiedler', 'late_repatriate'],
		['Spaetaussiedler', 'late_repatriate'],
		['Optionsregelung', 'option_rule'],
		['naturalisation', 'naturalisation'],
		['late_repatriate', 'late_repatriate'],
		['', null],
		// Not a kind the reader knows: handed on unchanged, so the validator names it.
		['Adoption', 'Adoption']
	])('kind of citizenship „%s“ → %s', async (word, kind) => {
		expect((await read(file(word))).records[0]!.row.germanCitizenship).toBe(kind);
	});

	it.each([
		['weiblich', 'w'],
		['Männlich', 'm'],
		['divers', 'd'],
		['ohne Angabe', 'x'],
		['W', 'W'],
		['', null],
		['f', 'f']
	])('sex „%s“ → %s', async (word, sex) => {
		expect((await read(file('Geburt', word))).records[0]!.row.sex).toBe(sex);
	});

	it('years that are no plain numbers stay text, so the validator names them', async () => {
		const bytes = utf8(`${GERMAN_HEADER}\nP1;H1;011;19x0;;w;TR;;TR;;ca. 2001;;\n`);
		const { records } = await read(bytes);
		expect(records[0]!.row).toMatchObject({ birthYear: '19x0', yearMovedIn: 'ca. 2001' });
		const agg = createMigraProAggregator({ referenceYear: 2024, firstRowNumber: 2 });
		for (const r of records) agg.add(r.row);
		const error = (() => {
			try {
				agg.finish();
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(RegisterValidationError);
		expect((error as RegisterValidationError).issues.map((i) => i.message)).toEqual([
			'Zeile 2, Feld „birthYear“: Geburtsjahr „19x0“ ist ungültig (erwartet eine ganze Zahl von 1904 bis 2024).',
			'Zeile 2, Feld „yearMovedIn“: Zuzugsjahr „ca. 2001“ ist keine Jahreszahl.'
		]);
	});
});

/* ---------- structural errors ---------- */

describe('readRegisterCsv: files that are no register extract', () => {
	it.each([
		['an empty file', '', null, /^Die Datei ist leer\.$/],
		['only blank lines', ' \r\n\n', null, /^Die Datei ist leer\.$/],
		['a header only', `${GERMAN_HEADER}\n\n`, 2, /^Die Datei enthält nur die Kopfzeile und keine Einwohnerinnen und Einwohner\.$/],
		['no delimiter in the header', 'Person\nP1\n', 1, /^Zeile 1: In der Kopfzeile steht kein Trennzeichen/],
		['a record with too few fields', `${GERMAN_HEADER}\nP1;H1;011;1980;;w;DE;;DE;Geburt;;;\nP2;H1;011\n`, 3, /^Zeile 3: 3 Felder statt 13 wie in der Kopfzeile\./],
		['an unclosed quote', `${GERMAN_HEADER}\nP1;H1;"011;1980;;w;DE;;DE;Geburt;;;\n`, 2, /^Zeile 2: Ein Anführungszeichen wird nicht geschlossen/],
		['text after a closing quote', `${GERMAN_HEADER}\nP1;H1;"011"x;1980;;w;DE;;DE;Geburt;;;\n`, 2, /^Zeile 2: Nach dem schließenden Anführungszeichen steht „x“/]
	])('%s', async (_name, text, line, message) => {
		const error = await readError(utf8(text));
		expect(error.line).toBe(line);
		expect(error.message).toMatch(message);
	});

	it('a record longer than maxRecordLength (a quote never closed) stops the reading early', async () => {
		const text = `${GERMAN_HEADER}\nP1;H1;"011;1980;;w;DE;;DE;Geburt;;;\n` + 'P2;H1;011;1980;;w;DE;;DE;Geburt;;;\n'.repeat(200);
		const error = await readError(utf8(text), 64, { maxRecordLength: 1000 });
		expect(error.message).toBe('Zeile 2: Der Datensatz ist länger als 1.000 Zeichen. Meist fehlt ein schließendes Anführungszeichen.');
	});
});

/* ---------- writer and round trip ---------- */

describe('writeRegisterCsv and the round trip', () => {
	it('writes German headers and words, quotes only where needed', () => {
		const text = [...registerCsvChunks([row({ areaCode: 'Altstadt; Nord', germanCitizenship: 'naturalisation' }), row({ id: 'P"2', germanCitizenship: null })])].join('');
		expect(text).toBe(
			'Person;Haushalt;Gebiet;Geburtsjahr;Alter;Geschlecht;Staatsangehörigkeit 1;Staatsangehörigkeit 2;Geburtsland;Art der deutschen Staatsangehörigkeit;Zuzugsjahr;Mutter;Vater\n' +
				'P1;H1;"Altstadt; Nord";1980;;w;DE;;DE;Einbürgerung;;;\n' +
				'"P""2";H1;011;1980;;w;DE;;DE;;;;\n'
		);
		expect([...registerCsvChunks([row()], { header: 'en', delimiter: ',' })].join('')).toBe(
			`${REGISTER_FIELDS.join(',')}\nP1,H1,011,1980,,w,DE,,DE,birth,,,\n`
		);
	});

	it('10,000 generated rows: writer → file → Node ReadStream → reader gives the generator rows and the same aggregates', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'register-csv-'));
		try {
			const file = path.join(dir, 'register.csv');
			const { createWriteStream } = await import('node:fs');
			const out = createWriteStream(file);
			await writeRegisterCsv(generateRegister(10_000, 20, 7, { referenceYear: 2024 }), out, { rowsPerChunk: 333 });
			await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));

			const expected = [...generateRegister(10_000, 20, 7, { referenceYear: 2024 })];
			const records: RegisterCsvRecord[] = [];
			// A small highWaterMark puts chunk boundaries in many places (also inside "Einbürgerung").
			for await (const r of readRegisterCsv(createReadStream(file, { highWaterMark: 1000 }))) records.push(r);
			expect(records).toHaveLength(10_000);
			expect(records.map((r) => r.row)).toEqual(expected);
			expect(records.at(-1)!.line).toBe(10_001);

			const agg = createMigraProAggregator({ referenceYear: 2024, firstRowNumber: 2 });
			for (const r of records) agg.add(r.row);
			expect(agg.finish()).toEqual(aggregateRegister(expected, { referenceYear: 2024, firstRowNumber: 2 }));
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('a Web ReadableStream, batches, Windows-1252 and tab: the same rows', async () => {
		const expected = [...generateRegister(2000, 5, 11)];
		const text = [...registerCsvChunks(expected, { delimiter: '\t' })].join('');
		const bytes = cp1252(text);
		const web = new Blob([bytes]).stream();
		const rows: RegisterRow[] = [];
		for await (const batch of readRegisterCsvBatches(web)) for (const r of batch) rows.push(r.row);
		expect(rows).toEqual(expected);
	});

	it('writeRegisterCsv waits for drain', async () => {
		const out = new PassThrough({ highWaterMark: 64 });
		const received: Buffer[] = [];
		const done = writeRegisterCsv(generateRegister(500, 3, 1), out, { rowsPerChunk: 10 });
		out.on('data', (b: Buffer) => received.push(b));
		await done;
		out.end();
		const { records } = await read(new Uint8Array(Buffer.concat(received)));
		expect(records).toHaveLength(500);
	});

	it('reads from a file on disk in Windows-1252 written elsewhere', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'register-csv-'));
		try {
			const file = path.join(dir, 'auszug.csv');
			await writeFile(file, cp1252(SMALL));
			const rows: RegisterRow[] = [];
			for await (const r of readRegisterCsv(createReadStream(file, { highWaterMark: 16 }))) rows.push(r.row);
			expect(rows).toEqual(SMALL_ROWS);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
