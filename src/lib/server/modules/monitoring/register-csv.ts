/**
 * Reading and writing register extracts (one row per resident, see migrapro.ts) as CSV, streaming.
 *
 * The reader takes the bytes of the upload as they arrive (a Node ReadStream, or a Web ReadableStream,
 * both are AsyncIterable<Uint8Array>) and yields one `RegisterRow` at a time. It keeps only the current
 * chunk and the unfinished record at its end, so a file of a million residents never sits in memory:
 * the microdata must not outlive the run (issue 5), and the run must stay under 1 GB.
 *
 * What the reader decides by itself, because statistics offices export in many ways:
 * - the encoding: UTF-8 with or without BOM, Windows-1252 (German Excel and older register software),
 *   UTF-16 with BOM ("Unicode-Text" from Excel);
 * - the delimiter: `;`, `,` or tab, from the header line (or an Excel `sep=` line before it);
 * - the columns: German or English names, in any order, case and spacing (HEADER_NAMES);
 * - German value words for the kind of citizenship and the sex ("Einbürgerung", "weiblich" …).
 *
 * What it leaves to the validator in migrapro.ts: every value check. Values it cannot map are handed
 * over as they are, so the validator names them in its German message with the row and the field.
 */
import { CITIZENSHIP_KINDS, type CitizenshipKind, type RegisterRow } from './migrapro.ts';

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

export type RegisterField = keyof RegisterRow;

/** The column order of the writer; also the order in which messages list fields. */
export const REGISTER_FIELDS = [
	'id',
	'householdId',
	'areaCode',
	'birthYear',
	'age',
	'sex',
	'firstNationality',
	'secondNationality',
	'countryOfBirth',
	'germanCitizenship',
	'yearMovedIn',
	'motherId',
	'fatherId'
] as const satisfies readonly RegisterField[];

/** The German column names the writer uses and messages show. */
export const GERMAN_COLUMN_NAMES: Record<RegisterField, string> = {
	id: 'Person',
	householdId: 'Haushalt',
	areaCode: 'Gebiet',
	birthYear: 'Geburtsjahr',
	age: 'Alter',
	sex: 'Geschlecht',
	firstNationality: 'Staatsangehörigkeit 1',
	secondNationality: 'Staatsangehörigkeit 2',
	countryOfBirth: 'Geburtsland',
	germanCitizenship: 'Art der deutschen Staatsangehörigkeit',
	yearMovedIn: 'Zuzugsjahr',
	motherId: 'Mutter',
	fatherId: 'Vater'
};

/**
 * Accepted column names per field, written in their normalised form (see normaliseHeader: lower case,
 * umlauts spelt out, everything but letters and digits removed). The field's own name is accepted
 * too. Names that could mean two fields (e.g. "Staatsangehörigkeit" alone) map to the obvious one.
 */
const HEADER_NAMES: Record<RegisterField, readonly string[]> = {
	id: ['person', 'personid', 'personenid', 'personennummer', 'personnr', 'id', 'personalid'],
	householdId: ['haushalt', 'haushaltid', 'haushaltsid', 'haushaltsnummer', 'haushaltnr', 'haushaltsnr', 'household', 'householdid'],
	areaCode: [
		'gebiet',
		'gebietscode',
		'gebietsschluessel',
		'gebietsnummer',
		'stadtteil',
		'stadtteilnummer',
		'stadtbezirk',
		'bezirk',
		'ortsteil',
		'statistischerbezirk',
		'wohnviertel',
		'quartier',
		'area',
		'areacode',
		'district'
	],
	birthYear: ['geburtsjahr', 'birthyear', 'yearofbirth'],
	age: ['alter', 'alterinjahren', 'age'],
	sex: ['geschlecht', 'sex', 'gender'],
	firstNationality: [
		'staatsangehoerigkeit',
		'staatsangehoerigkeit1',
		'1staatsangehoerigkeit',
		'erstestaatsangehoerigkeit',
		'nationalitaet',
		'nationalitaet1',
		'firstnationality',
		'nationality',
		'nationality1',
		'citizenship1'
	],
	secondNationality: [
		'staatsangehoerigkeit2',
		'2staatsangehoerigkeit',
		'zweitestaatsangehoerigkeit',
		'weiterestaatsangehoerigkeit',
		'nationalitaet2',
		'secondnationality',
		'nationality2',
		'citizenship2'
	],
	countryOfBirth: ['geburtsland', 'geburtsstaat', 'countryofbirth', 'birthcountry'],
	germanCitizenship: [
		'artderdeutschenstaatsangehoerigkeit',
		'artderstaatsangehoerigkeit',
		'artdeutschestaatsangehoerigkeit',
		'erwerbderdeutschenstaatsangehoerigkeit',
		'erwerbsart',
		'germancitizenship',
		'kindofgermancitizenship',
		'citizenshipkind'
	],
	yearMovedIn: ['zuzugsjahr', 'zuzugsjahrausland', 'zuzugsjahrausdemausland', 'jahrdeszuzugs', 'zuzug', 'yearmovedin', 'moveinyear', 'yearofmovein'],
	motherId: ['mutter', 'mutterid', 'personmutter', 'mother', 'motherid'],
	fatherId: ['vater', 'vaterid', 'personvater', 'father', 'fatherid']
};

/** Lower case, umlauts spelt out, only letters and digits: "2. Staatsangehörigkeit" → "2staatsangehoerigkeit". */
export function normaliseHeader(name: string): string {
	return name
		.normalize('NFC')
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_HEADER = new Map<string, RegisterField>();
for (const field of REGISTER_FIELDS) {
	FIELD_BY_HEADER.set(field.toLowerCase(), field);
	for (const name of HEADER_NAMES[field]) FIELD_BY_HEADER.set(name, field);
}

const columnList = (fields: readonly RegisterField[]) => fields.map((f) => `„${GERMAN_COLUMN_NAMES[f]}“`).join(', ');

/**
 * Maps header cells to fields. Throws RegisterCsvError naming every unknown, doubled and missing column
 * at once, so that one corrected export suffices.
 *
 * Every column is required by default, not only those the validator needs: a missing column of kinds
 * of citizenship or of moves from abroad would not fail, it would silently count naturalised Germans
 * as Germans without migration background. An extract that really lacks a column says so with
 * `allowMissing`; either `birthYear` or `age` is enough.
 */
export function mapRegisterHeader(cells: readonly string[], options: Pick<RegisterCsvOptions, 'allowMissing' | 'ignoreUnknownColumns'> = {}): (RegisterField | null)[] {
	const mapping: (RegisterField | null)[] = [];
	const unknown: string[] = [];
	const doubled: string[] = [];
	const seen = new Set<RegisterField>();
	for (const raw of cells) {
		const name = raw.trim();
		const field = FIELD_BY_HEADER.get(normaliseHeader(name)) ?? null;
		if (field === null) unknown.push(name === '' ? `(leer, Spalte ${mapping.length + 1})` : name);
		else if (seen.has(field)) doubled.push(name);
		else seen.add(field);
		mapping.push(field);
	}
	const allowed = new Set<RegisterField>(options.allowMissing ?? []);
	const missing = REGISTER_FIELDS.filter((f) => {
		if (seen.has(f) || allowed.has(f)) return false;
		// One of the two is enough: the birth year wins anyway when both are given.
		if (f === 'age') return false;
		if (f === 'birthYear') return !seen.has('age');
		return true;
	});
	const problems: string[] = [];
	if (missing.length > 0)
		problems.push(
			`Es fehlen die Spalten ${columnList(missing)}${missing.includes('birthYear') ? ' (statt „Geburtsjahr“ genügt „Alter“)' : ''}.`
		);
	if (unknown.length > 0 && !options.ignoreUnknownColumns)
		problems.push(`Unbekannte Spalten: ${unknown.map((u) => `„${u}“`).join(', ')}.`);
	if (doubled.length > 0) problems.push(`Doppelte Spalten: ${doubled.map((u) => `„${u}“`).join(', ')}.`);
	if (problems.length > 0) {
		throw new RegisterCsvError(
			`Die Kopfzeile des Registerauszugs passt nicht: ${problems.join(' ')} Erwartet werden die Spalten ${columnList(REGISTER_FIELDS)} ` +
				'(deutsche oder englische Namen, Groß- und Kleinschreibung egal).',
			1,
			{ missing, unknown, doubled }
		);
	}
	return mapping;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** German (and English) words for the kinds of German citizenship, normalised like headers. */
const CITIZENSHIP_WORDS: Record<string, CitizenshipKind> = {
	geburt: 'birth',
	durchgeburt: 'birth',
	abstammung: 'birth',
	geburtabstammung: 'birth',
	durchgeburtabstammung: 'birth',
	birth: 'birth',
	bybirth: 'birth',
	einbuergerung: 'naturalisation',
	eingebuergert: 'naturalisation',
	naturalisation: 'naturalisation',
	naturalization: 'naturalisation',
	naturalised: 'naturalisation',
	naturalized: 'naturalisation',
	spaetaussiedler: 'late_repatriate',
	aussiedler: 'late_repatriate',
	spaetaussiedlerin: 'late_repatriate',
	aussiedlerin: 'late_repatriate',
	laterepatriate: 'late_repatriate',
	optionsregelung: 'option_rule',
	optionsmodell: 'option_rule',
	option: 'option_rule',
	optionrule: 'option_rule',
	geburtiminland: 'option_rule',
	iussoli: 'option_rule'
};

/** The German words the writer uses (the reader maps them back). */
export const CITIZENSHIP_GERMAN_WORDS: Record<CitizenshipKind, string> = {
	birth: 'Geburt',
	naturalisation: 'Einbürgerung',
	late_repatriate: 'Spätaussiedler',
	option_rule: 'Optionsregelung'
};

const SEX_WORDS: Record<string, string> = {
	maennlich: 'm',
	mannlich: 'm',
	weiblich: 'w',
	divers: 'd',
	ohneangabe: 'x',
	unbekannt: 'x',
	male: 'm',
	female: 'w',
	diverse: 'd',
	unknown: 'x'
};

/** Maps a value of the citizenship column; the codes of CITIZENSHIP_KINDS pass unchanged, unknown words too (for the validator). */
export function citizenshipValue(raw: string): string {
	if (Object.hasOwn(CITIZENSHIP_KINDS, raw)) return raw;
	// "(Spät-)Aussiedler" normalises to "spaetaussiedler".
	const key = normaliseHeader(raw);
	return Object.hasOwn(CITIZENSHIP_WORDS, key) ? CITIZENSHIP_WORDS[key]! : raw;
}

/** Maps a value of the sex column; single letters pass unchanged (the validator accepts m, w, d, x in any case). */
export function sexValue(raw: string): string {
	if (raw.length === 1) return raw;
	const key = normaliseHeader(raw);
	return Object.hasOwn(SEX_WORDS, key) ? SEX_WORDS[key]! : raw;
}

/** Years as numbers (the form the generator produces and the validator checks fastest); anything else as read. */
function yearValue(v: string): number | string | null {
	if (v === '') return null;
	const n = v.length;
	if (n > 4) return v;
	for (let i = 0; i < n; i++) {
		const c = v.charCodeAt(i);
		if (c < 48 || c > 57) return v;
	}
	return Number(v);
}

const textValue = (v: string): string | null => (v === '' ? null : v);

// ---------------------------------------------------------------------------------------------
// Errors and options
// ---------------------------------------------------------------------------------------------

/** The file cannot be read as a register extract; the message is German and names the line. */
export class RegisterCsvError extends Error {
	constructor(
		message: string,
		readonly line: number | null = null,
		readonly columns: { missing: readonly string[]; unknown: readonly string[]; doubled: readonly string[] } | null = null
	) {
		super(message);
		this.name = 'RegisterCsvError';
	}
}

export interface RegisterCsvOptions {
	/** Fields the extract does not have; they come through as null. Default: none. */
	allowMissing?: readonly RegisterField[];
	/** Skip columns with unknown names instead of rejecting the file. Default false. */
	ignoreUnknownColumns?: boolean;
	/**
	 * The longest record accepted, in characters. A longer one nearly always means a quote that is
	 * never closed, which would otherwise make the reader buffer the rest of the file. Default 1 MiB.
	 */
	maxRecordLength?: number;
}

export interface RegisterCsvInfo {
	/**
	 * "ASCII": up to the end of the header no byte above 0x7F (and no BOM); the encoding is decided at
	 * the first such byte, and plain ASCII reads the same either way.
	 */
	encoding: Encoding | 'ASCII';
	bom: boolean;
	delimiter: ';' | ',' | '\t';
	/** The header cells as read, and the field each one maps to. */
	columns: { name: string; field: RegisterField | null }[];
}

export interface RegisterCsvRecord {
	/** Line of the file where the record starts (the header is line 1). */
	line: number;
	row: RegisterRow;
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

/**
 * How many bytes a valid UTF-8 sequence starting at `i` has: > 0 valid, 0 invalid, < 0 cut off by the
 * end of the buffer (the sequence may continue in the next chunk). Strict after RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF, so Windows-1252 text (e.g. "ä" = E4 followed by a
 * letter) is never taken for UTF-8.
 */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
	const b = bytes[i]!;
	let n: number;
	let lo = 0x80;
	let hi = 0xbf;
	if (b >= 0xc2 && b <= 0xdf) n = 2;
	else if (b >= 0xe0 && b <= 0xef) {
		n = 3;
		if (b === 0xe0) lo = 0xa0;
		else if (b === 0xed) hi = 0x9f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		n = 4;
		if (b === 0xf0) lo = 0x90;
		else if (b === 0xf4) hi = 0x8f;
	} else return 0;
	for (let k = 1; k < n; k++) {
		if (i + k >= bytes.length) return -1;
		const c = bytes[i + k]!;
		if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0;
	}
	return n;
}

type Encoding = 'UTF-8' | 'Windows-1252' | 'UTF-16LE' | 'UTF-16BE';

/**
 * Turns chunks of bytes into chunks of text. Until the first byte above 0x7F the text is plain ASCII,
 * which reads the same in UTF-8 and Windows-1252, so the decision waits for that byte (a file may
 * have a hundred thousand lines of codes before the first "ü"). Then the bytes from there to the end
 * of what has arrived decide; a multi-byte character cut by the chunk boundary is held back until
 * the next chunk completes it. After the decision a UTF-8 file must stay valid UTF-8 (fatal decoder):
 * a file in two encodings would give wrong values, not just odd letters.
 */
class ChunkDecoder {
	encoding: Encoding | null = null;
	bom = false;
	private decoder: TextDecoder | null = null;
	private pending: Uint8Array = new Uint8Array(0);
	private started = false;

	decode(chunk: Uint8Array, final: boolean): string {
		if (this.decoder) return this.decoder.decode(chunk, { stream: !final });
		const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
		this.pending = new Uint8Array(0);
		if (!this.started) {
			// A BOM needs up to three bytes; a first chunk shorter than that waits for more.
			if (bytes.length < 3 && !final) {
				this.pending = bytes;
				return '';
			}
			this.started = true;
			if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return this.choose('UTF-8', true, bytes.subarray(3), final);
			if (bytes[0] === 0xff && bytes[1] === 0xfe) return this.choose('UTF-16LE', true, bytes.subarray(2), final);
			if (bytes[0] === 0xfe && bytes[1] === 0xff) return this.choose('UTF-16BE', true, bytes.subarray(2), final);
		}
		let i = 0;
		while (i < bytes.length && bytes[i]! < 0x80) i++;
		if (i === bytes.length) {
			if (final) this.encoding = 'UTF-8';
			return latin(bytes);
		}
		// The first byte above 0x7F decides, and only it: so the verdict never depends on where the
		// chunks happen to end. Windows-1252 text practically never starts with a valid UTF-8 sequence
		// ("Ã¤"); a UTF-8 file that later turns invalid is then rejected by the fatal decoder.
		const n = utf8SequenceAt(bytes, i);
		if (n < 0 && !final) {
			// The sequence is cut by the chunk boundary: hand out the ASCII before it, keep the rest.
			this.pending = bytes.slice(i);
			return latin(bytes.subarray(0, i));
		}
		return this.choose(n > 0 ? 'UTF-8' : 'Windows-1252', false, bytes, final);
	}

	private choose(encoding: Encoding, bom: boolean, bytes: Uint8Array, final: boolean): string {
		this.encoding = encoding;
		this.bom = bom;
		const label = encoding === 'UTF-8' ? 'utf-8' : encoding === 'Windows-1252' ? 'windows-1252' : encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be';
		this.decoder = new TextDecoder(label, { fatal: encoding === 'UTF-8', ignoreBOM: true });
		return this.decoder.decode(bytes, { stream: !final });
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}

/** ASCII bytes to a string (fast; one-byte string in V8). */
function latin(bytes: Uint8Array): string {
	if (bytes.length === 0) return '';
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

const DELIMITERS = [';', '\t', ','] as const;

/** Delimiter of the header line: the candidate that occurs most often outside quotes (ties: ; before tab before ,). */
function headerDelimiter(line: string): RegisterCsvInfo['delimiter'] | null {
	let best: RegisterCsvInfo['delimiter'] | null = null;
	let bestCount = 0;
	for (const d of DELIMITERS) {
		let count = 0;
		let quoted = false;
		for (let i = 0; i < line.length; i++) {
			const c = line[i];
			if (c === '"') quoted = !quoted;
			else if (!quoted && c === d) count++;
		}
		if (count > bestCount) {
			best = d;
			bestCount = count;
		}
	}
	return best;
}

/**
 * The fields of one record as positions in the text: a million rows of 13 fields would otherwise be
 * 13 million substrings, most of them codes that repeat ("DE", "w", "085") or are empty. Quoted fields
 * (rare in register extracts) are unescaped into `quoted`.
 */
class Fields {
	count = 0;
	start = new Int32Array(32);
	end = new Int32Array(32);
	quoted: (string | null)[] = new Array<string | null>(32).fill(null);
	private anyQuoted = false;

	reset(): void {
		if (this.anyQuoted) {
			this.quoted.fill(null);
			this.anyQuoted = false;
		}
		this.count = 0;
	}

	add(start: number, end: number): void {
		if (this.count === this.start.length) this.grow();
		this.start[this.count] = start;
		this.end[this.count] = end;
		this.count++;
	}

	addQuoted(value: string): void {
		if (this.count === this.start.length) this.grow();
		this.quoted[this.count] = value;
		this.anyQuoted = true;
		this.count++;
	}

	/** Field i as a trimmed string (for the header and for messages). */
	text(text: string, i: number): string {
		const q = this.quoted[i];
		return q != null ? q.trim() : text.slice(this.start[i], this.end[i]).trim();
	}

	private grow(): void {
		const n = this.start.length * 2;
		const start = new Int32Array(n);
		start.set(this.start);
		const end = new Int32Array(n);
		end.set(this.end);
		this.start = start;
		this.end = end;
		while (this.quoted.length < n) this.quoted.push(null);
	}
}

/**
 * Splits decoded text into records (RFC 4180: fields in double quotes may hold delimiters, line breaks
 * and doubled quotes; any of CRLF, LF or CR ends a record). Works on one buffer of text at a time and
 * reports where it stopped, so the unfinished record at the end of a chunk waits for the next one.
 *
 * The common case (an unquoted field) is one indexOf per field; quotes are handled when a field
 * starts with one. A quote inside an unquoted field is kept as a character, as spreadsheet programs do.
 */
class RecordParser {
	/** Physical line where the next record starts. */
	line = 1;
	private nl = '\n';
	readonly fields = new Fields();
	constructor(
		readonly delimiter: string,
		private readonly maxRecordLength: number
	) {}

	/** Parses the complete records in `text` (fields in this.fields during onRecord); returns where the rest starts. */
	parse(text: string, final: boolean, onRecord: (text: string, fields: Fields, line: number) => void): number {
		let pos = 0;
		const end = text.length;
		const d = this.delimiter;
		const dc = d.charCodeAt(0);
		const nc = this.nl.charCodeAt(0);
		const fields = this.fields;
		while (pos < end) {
			const start = pos;
			const startLine = this.line;
			fields.reset();
			let lines = 0;
			let complete = false;
			// One field per iteration.
			for (;;) {
				if (text.charCodeAt(pos) === 34 /* " */) {
					// Quoted field: up to the closing quote, doubled quotes are one quote.
					let value = '';
					let from = pos + 1;
					let closed = -1;
					for (;;) {
						const q = text.indexOf('"', from);
						if (q < 0) break;
						if (q + 1 < end && text.charCodeAt(q + 1) === 34) {
							value += text.slice(from, q + 1);
							from = q + 2;
							continue;
						}
						if (q + 1 === end && !final) break; // a doubled quote may be cut by the chunk boundary
						value += text.slice(from, q);
						closed = q;
						break;
					}
					if (closed < 0) {
						if (final) throw new RegisterCsvError(`Zeile ${startLine}: Ein Anführungszeichen wird nicht geschlossen; die Datei endet mitten im Feld.`, startLine);
						break;
					}
					lines += countLineBreaks(value);
					fields.addQuoted(value);
					pos = closed + 1;
					if (pos === end) {
						if (!final) break;
						complete = true;
						break;
					}
					const c = text[pos];
					if (c === d) {
						pos++;
						continue;
					}
					if (c === '\n' || c === '\r') {
						const after = this.lineEnd(text, pos, final);
						if (after < 0) break;
						pos = after;
						complete = true;
						break;
					}
					throw new RegisterCsvError(
						`Zeile ${startLine + lines}: Nach dem schließenden Anführungszeichen steht „${c}“ statt eines Trennzeichens oder des Zeilenendes.`,
						startLine + lines
					);
				}
				// Unquoted field: up to the next delimiter or the end of the line. A plain loop over char
				// codes: two indexOf calls per field cost more than the scan itself at 13 fields a row.
				let k = pos;
				let c = 0;
				for (; k < end; k++) {
					c = text.charCodeAt(k);
					if (c === dc || c === nc) break;
				}
				if (k < end && c === dc) {
					fields.add(pos, k);
					pos = k + 1;
					continue;
				}
				const nlAt = k < end ? k : -1;
				if (nlAt < 0) {
					if (!final) break;
					fields.add(pos, end);
					pos = end;
					complete = true;
					break;
				}
				// CRLF: the CR belongs to the line break, not to the last field.
				const fieldEnd = this.nl === '\n' && nlAt > pos && text.charCodeAt(nlAt - 1) === 13 ? nlAt - 1 : nlAt;
				fields.add(pos, fieldEnd);
				pos = nlAt + 1;
				complete = true;
				break;
			}
			if (!complete) {
				if (end - start > this.maxRecordLength)
					throw new RegisterCsvError(
						`Zeile ${startLine}: Der Datensatz ist länger als ${this.maxRecordLength.toLocaleString('de-DE')} Zeichen. Meist fehlt ein schließendes Anführungszeichen.`,
						startLine
					);
				return start;
			}
			this.line += lines + 1;
			onRecord(text, fields, startLine);
		}
		return pos;
	}

	/** After a quoted field at a line break: where the next record starts, or −1 when the CRLF may be cut. */
	private lineEnd(text: string, pos: number, final: boolean): number {
		if (text[pos] === '\r') {
			if (pos + 1 < text.length) return text[pos + 1] === '\n' ? pos + 2 : pos + 1;
			return final ? pos + 1 : -1;
		}
		return pos + 1;
	}

	/** The line break of the file: LF (with or without CR), or CR alone as old Mac files have it. */
	detectLineBreak(text: string): void {
		const lf = text.indexOf('\n');
		const cr = text.indexOf('\r');
		if (cr >= 0 && (lf < 0 || (cr < lf && cr + 1 !== lf))) this.nl = '\r';
	}
}

function countLineBreaks(s: string): number {
	if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return 0;
	let n = 0;
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c === 10) n++;
		else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
	}
	return n;
}

const isSpace = (c: number) => c === 32 || c === 9;

/**
 * Values of a column with few distinct values (area codes, country codes, sex, kind of citizenship),
 * found by their position in the text without cutting a substring first, and mapped once per distinct
 * spelling (e.g. "Einbürgerung" → "naturalisation"). Three lookups, cheapest first: a table for one
 * or two ASCII characters (country codes, sex), the value of the row before (persons of a household
 * share the area), then a hash map. Cached values are copied out of the chunk (see detach), so a
 * cache does not keep a megabyte of text alive. Bounded: after MAX_INTERNED distinct values the
 * column is evidently not of that kind, and values are cut and mapped as they come.
 */
const MAX_INTERNED = 4096;

class Interner {
	private readonly small: (string | undefined)[] = new Array<string | undefined>(128 * 128).fill(undefined);
	private readonly byHash = new Map<number, { raw: string; value: string }[]>();
	private size = 0;
	private lastRaw = '\u0000';
	private lastValue = '';
	constructor(private readonly map: (raw: string) => string) {}

	get(text: string, start: number, end: number): string {
		const length = end - start;
		if (length <= 2) {
			const c0 = text.charCodeAt(start);
			const c1 = length === 2 ? text.charCodeAt(start + 1) : 0;
			if (c0 < 128 && c1 < 128 && (length === 1 || c1 > 0)) {
				const key = c0 * 128 + c1;
				const hit = this.small[key];
				if (hit !== undefined) return hit;
				return (this.small[key] = this.map(text.slice(start, end)));
			}
		}
		if (this.lastRaw.length === length && text.startsWith(this.lastRaw, start)) return this.lastValue;
		let h = length;
		for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
		const bucket = this.byHash.get(h);
		if (bucket !== undefined) {
			for (let k = 0; k < bucket.length; k++) {
				const entry = bucket[k]!;
				if (entry.raw.length === length && text.startsWith(entry.raw, start)) {
					this.lastRaw = entry.raw;
					return (this.lastValue = entry.value);
				}
			}
		}
		const raw = text.slice(start, end);
		const value = this.map(raw);
		if (this.size >= MAX_INTERNED) return value;
		const entry = { raw: detach(raw), value: detach(value) };
		if (bucket === undefined) this.byHash.set(h, [entry]);
		else bucket.push(entry);
		this.size++;
		this.lastRaw = entry.raw;
		return (this.lastValue = entry.value);
	}
}

/**
 * A copy of a substring that does not point into the text it was cut from. V8 shares the parent of a
 * substring of 13 characters or more; a cached one would keep the whole chunk of text alive.
 */
function detach(s: string): string {
	return s.length < 13 ? s : Array.from(s).join('');
}

const identity = (v: string) => v;

/**
 * Reads the fields of a record into a RegisterRow. A class with fields rather than closures over
 * shared variables: this runs 13 times per row of a million-row extract. Every row gets the same
 * object shape (monomorphic property access downstream).
 */
class RowReader {
	private readonly at: Record<RegisterField, number>;
	private readonly width: number;
	private readonly area = new Interner(identity);
	private readonly sex = new Interner(sexValue);
	private readonly first = new Interner(identity);
	private readonly second = new Interner(identity);
	private readonly birthCountry = new Interner(identity);
	private readonly kind = new Interner(citizenshipValue);
	// Persons of one household follow each other, and siblings share parents: reuse the last string.
	private lastHousehold = '';
	private lastMother = '';
	private lastFather = '';
	private f: Fields | null = null;
	private t = '';
	private s = 0;
	private e = 0;

	constructor(mapping: readonly (RegisterField | null)[]) {
		this.at = {} as Record<RegisterField, number>;
		for (const field of REGISTER_FIELDS) this.at[field] = mapping.indexOf(field);
		this.width = mapping.length;
	}

	read(text: string, fields: Fields, line: number): RegisterRow {
		if (fields.count !== this.width)
			throw new RegisterCsvError(
				`Zeile ${line}: ${fields.count} ${fields.count === 1 ? 'Feld' : 'Felder'} statt ${this.width} wie in der Kopfzeile. ` +
					'Prüfen Sie Trennzeichen und Anführungszeichen in dieser Zeile.',
				line
			);
		this.f = fields;
		this.t = text;
		const at = this.at;
		const householdId = this.repeated(at.householdId, this.lastHousehold);
		this.lastHousehold = householdId;
		const motherId = this.repeated(at.motherId, this.lastMother);
		if (motherId !== '') this.lastMother = motherId;
		const fatherId = this.repeated(at.fatherId, this.lastFather);
		if (fatherId !== '') this.lastFather = fatherId;
		return {
			id: this.plain(at.id),
			householdId,
			areaCode: this.code(at.areaCode, this.area),
			birthYear: this.year(at.birthYear),
			age: this.year(at.age),
			sex: textValue(this.code(at.sex, this.sex)),
			firstNationality: this.code(at.firstNationality, this.first),
			secondNationality: textValue(this.code(at.secondNationality, this.second)),
			countryOfBirth: textValue(this.code(at.countryOfBirth, this.birthCountry)),
			germanCitizenship: textValue(this.code(at.germanCitizenship, this.kind)),
			yearMovedIn: this.year(at.yearMovedIn),
			motherId: textValue(motherId),
			fatherId: textValue(fatherId)
		};
	}

	/** Sets s, e to the trimmed bounds of field i; false when the field was quoted (see Fields.quoted). */
	private bounds(i: number): boolean {
		const f = this.f!;
		if (f.quoted[i] != null) return false;
		let s = f.start[i]!;
		let e = f.end[i]!;
		const t = this.t;
		while (s < e && isSpace(t.charCodeAt(s))) s++;
		while (e > s && isSpace(t.charCodeAt(e - 1))) e--;
		this.s = s;
		this.e = e;
		return true;
	}

	private plain(i: number): string {
		if (i < 0) return '';
		if (!this.bounds(i)) return this.f!.quoted[i]!.trim();
		return this.s === this.e ? '' : this.t.slice(this.s, this.e);
	}

	private code(i: number, interner: Interner): string {
		if (i < 0) return '';
		if (!this.bounds(i)) {
			const q = this.f!.quoted[i]!.trim();
			return q === '' ? '' : interner.get(q, 0, q.length);
		}
		return this.s === this.e ? '' : interner.get(this.t, this.s, this.e);
	}

	private repeated(i: number, previous: string): string {
		if (i < 0) return '';
		if (!this.bounds(i)) return this.f!.quoted[i]!.trim();
		const { s, e } = this;
		if (s === e) return '';
		if (previous.length === e - s && this.t.startsWith(previous, s)) return previous;
		return this.t.slice(s, e);
	}

	/** A year or an age: a number when it is 1–4 digits (no substring needed), else the text as read. */
	private year(i: number): number | string | null {
		if (i < 0) return null;
		if (!this.bounds(i)) return yearValue(this.f!.quoted[i]!.trim());
		const { s, e, t } = this;
		if (s === e) return null;
		if (e - s <= 4) {
			let n = 0;
			let k = s;
			for (; k < e; k++) {
				const c = t.charCodeAt(k);
				if (c < 48 || c > 57) break;
				n = n * 10 + (c - 48);
			}
			if (k === e) return n;
		}
		return t.slice(s, e);
	}
}

/** A record of one empty field: a blank line. */
function isBlankLine(text: string, fields: Fields): boolean {
	if (fields.count !== 1) return false;
	return fields.text(text, 0) === '';
}

/**
 * Reads a register extract as it streams in and yields its records in file order, one at a time.
 * Memory: the chunk at hand plus one unfinished record. Blank lines are skipped. Throws
 * RegisterCsvError (German message with the line) for a file that cannot be a register extract:
 * a header that does not fit, a record with the wrong number of fields, an unclosed quote, UTF-8
 * that turns invalid. Values are not checked here (see validateRowInto in migrapro.ts).
 *
 * `onInfo` is called once the header is read (encoding, delimiter, columns), before the first row.
 */
export async function* readRegisterCsv(
	input: AsyncIterable<Uint8Array>,
	options: RegisterCsvOptions & { onInfo?: (info: RegisterCsvInfo) => void } = {}
): AsyncGenerator<RegisterCsvRecord, void, undefined> {
	for await (const batch of readRegisterCsvBatches(input, options)) {
		for (const record of batch) yield record;
	}
}

/**
 * The same as readRegisterCsv, in arrays of the records of one input chunk: for callers where the
 * per-row cost of an async generator shows (a million rows), e.g. the microdata run.
 */
export async function* readRegisterCsvBatches(
	input: AsyncIterable<Uint8Array>,
	options: RegisterCsvOptions & { onInfo?: (info: RegisterCsvInfo) => void } = {}
): AsyncGenerator<RegisterCsvRecord[], void, undefined> {
	const decoder = new ChunkDecoder();
	const maxRecordLength = options.maxRecordLength ?? 1024 * 1024;
	let parser: RecordParser | null = null;
	let build: RowReader | null = null;
	let rest = '';
	let batch: RegisterCsvRecord[] = [];
	let headerLineOffset = 0;
	let records = 0;

	const onRecord = (text: string, fields: Fields, line: number) => {
		if (build === null) {
			// The first record is the header (feed has skipped a "sep=" line and blank lines before it).
			const cells = Array.from({ length: fields.count }, (_, i) => fields.text(text, i));
			const mapping = mapRegisterHeader(cells, options);
			options.onInfo?.({
				encoding: decoder.encoding ?? 'ASCII',
				bom: decoder.bom,
				delimiter: parser!.delimiter as RegisterCsvInfo['delimiter'],
				columns: cells.map((name, i) => ({ name, field: mapping[i] ?? null }))
			});
			build = new RowReader(mapping);
			return;
		}
		if (isBlankLine(text, fields)) return;
		batch.push({ line: line + headerLineOffset, row: build.read(text, fields, line + headerLineOffset) });
		records++;
	};

	const feed = (text: string, final: boolean) => {
		let buffer = rest.length === 0 ? text : rest + text;
		if (parser === null) {
			// The delimiter comes from the header line, so wait until it is complete.
			const sep = /^(?:\uFEFF)?sep=(.)[ \t]*(\r\n|\n|\r)/i.exec(buffer);
			let headerStart = 0;
			let delimiter: RegisterCsvInfo['delimiter'] | null = null;
			if (sep) {
				const d = sep[1]!;
				if (d !== ';' && d !== ',' && d !== '\t') throw new RegisterCsvError(`Zeile 1: Das Trennzeichen „${d}“ wird nicht unterstützt (erlaubt: Semikolon, Komma, Tabulator).`, 1);
				delimiter = d;
				headerStart = sep[0].length;
			}
			// Blank lines before the header are skipped, but counted.
			const blank = /^[ \t]*(\r\n|\n|\r)/;
			let skipped = headerStart > 0 ? 1 : 0;
			for (let m = blank.exec(buffer.slice(headerStart)); m; m = blank.exec(buffer.slice(headerStart))) {
				headerStart += m[0].length;
				skipped++;
			}
			const headerEnd = firstLineEnd(buffer, headerStart);
			// A CR at the very end may be the first half of a CRLF: wait, or the line break is misread.
			const cutCrlf = headerEnd === buffer.length - 1 && buffer[headerEnd] === '\r';
			if ((headerEnd < 0 || cutCrlf) && !final) {
				if (buffer.length > maxRecordLength) throw new RegisterCsvError('Zeile 1: Die Kopfzeile endet nicht; ist das eine CSV-Datei?', 1);
				rest = buffer;
				return;
			}
			const header = buffer.slice(headerStart, headerEnd < 0 ? buffer.length : headerEnd);
			if (header.trim() === '') {
				// Only blank lines so far; at the end of the input the check after the loop reports it.
				rest = final ? '' : buffer;
				return;
			}
			delimiter ??= headerDelimiter(header);
			if (delimiter === null)
				throw new RegisterCsvError(
					`Zeile ${skipped + 1}: In der Kopfzeile steht kein Trennzeichen (erwartet Semikolon, Komma oder Tabulator zwischen den Spaltennamen).`,
					skipped + 1
				);
			parser = new RecordParser(delimiter, maxRecordLength);
			parser.detectLineBreak(buffer.slice(headerStart));
			headerLineOffset = skipped;
			buffer = buffer.slice(headerStart);
		}
		const stop = parser.parse(buffer, final, onRecord);
		rest = stop >= buffer.length ? '' : buffer.slice(stop);
	};

	const decode = (chunk: Uint8Array, final: boolean): string => {
		try {
			return decoder.decode(chunk, final);
		} catch (e) {
			if (e instanceof TypeError) {
				// The line of the bad byte: records done, plus the line breaks in the unfinished record and
				// in this chunk before the byte.
				const done = parser === null ? 1 : parser.line + headerLineOffset;
				const line = done + countLineBreaks(rest) + countLineBreakBytes(chunk, invalidUtf8Offset(chunk));
				throw new RegisterCsvError(
					`Die Datei ist nicht durchgehend UTF-8-kodiert: Zeile ${line} enthält eine ungültige Bytefolge. ` +
						'Bitte exportieren Sie den Auszug vollständig in UTF-8 (oder vollständig in Windows-1252).',
					line
				);
			}
			throw e;
		}
	};

	for await (const chunk of input) {
		if (typeof chunk === 'string') throw new TypeError('readRegisterCsv erwartet Bytes (Uint8Array), keinen Text: den Stream ohne encoding öffnen.');
		if (chunk.length === 0) continue;
		feed(decode(chunk, false), false);
		if (batch.length > 0) {
			const out = batch;
			batch = [];
			yield out;
		}
	}
	feed(decode(new Uint8Array(0), true), true);
	// An extract without residents is a wrong export, not an area without people.
	if (build === null) throw new RegisterCsvError('Die Datei ist leer.', null);
	if (records === 0) throw new RegisterCsvError('Die Datei enthält nur die Kopfzeile und keine Einwohnerinnen und Einwohner.', 2);
	if (batch.length > 0) yield batch;
}

/** Where the first invalid UTF-8 sequence in a chunk starts (leading continuation bytes may complete the previous chunk). */
function invalidUtf8Offset(bytes: Uint8Array): number {
	let i = 0;
	while (i < 3 && i < bytes.length && bytes[i]! >= 0x80 && bytes[i]! <= 0xbf) i++;
	while (i < bytes.length) {
		if (bytes[i]! < 0x80) i++;
		else {
			const n = utf8SequenceAt(bytes, i);
			if (n <= 0) return i;
			i += n;
		}
	}
	return bytes.length;
}

function countLineBreakBytes(bytes: Uint8Array, end: number): number {
	let n = 0;
	for (let i = 0; i < end; i++) if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) n++;
	return n;
}

/** End of the first line outside quotes (index of its line break), or −1 when not yet complete. */
function firstLineEnd(text: string, from: number): number {
	let quoted = false;
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) quoted = !quoted;
		else if (!quoted && (c === 10 || c === 13)) return i;
	}
	return -1;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface RegisterCsvWriteOptions {
	/** Default ";" (what German offices and Excel use). */
	delimiter?: ';' | ',' | '\t';
	/** Column names: German (default) or the field names. */
	header?: 'de' | 'en';
	/** Kinds of citizenship as German words ("Einbürgerung", default with German headers) or as codes. */
	citizenshipWords?: boolean;
	/** Rows per text chunk. Default 2,000. */
	rowsPerChunk?: number;
}

/**
 * A register extract as CSV text in chunks (UTF-8 when written as strings). Quotes only where RFC 4180
 * requires it. Rows are written in the order given; the reader of migrapro needs them sorted by
 * household, as generateRegister delivers them.
 */
export function* registerCsvChunks(rows: Iterable<RegisterRow>, options: RegisterCsvWriteOptions = {}): Generator<string> {
	const d = options.delimiter ?? ';';
	const german = (options.header ?? 'de') === 'de';
	const words = options.citizenshipWords ?? german;
	const perChunk = options.rowsPerChunk ?? 2000;
	const needsQuotes = new RegExp(`["\\r\\n${d === '\t' ? '\\t' : d}]`);
	const cell = (v: unknown): string => {
		if (v === null || v === undefined) return '';
		const s = String(v);
		return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	yield REGISTER_FIELDS.map((f) => cell(german ? GERMAN_COLUMN_NAMES[f] : f)).join(d) + '\n';
	let text = '';
	let n = 0;
	for (const r of rows) {
		const kind = r.germanCitizenship;
		const kindText = words && typeof kind === 'string' && Object.hasOwn(CITIZENSHIP_GERMAN_WORDS, kind) ? CITIZENSHIP_GERMAN_WORDS[kind as CitizenshipKind] : kind;
		text +=
			cell(r.id) + d + cell(r.householdId) + d + cell(r.areaCode) + d + cell(r.birthYear) + d + cell(r.age) + d + cell(r.sex) + d +
			cell(r.firstNationality) + d + cell(r.secondNationality) + d + cell(r.countryOfBirth) + d + cell(kindText) + d +
			cell(r.yearMovedIn) + d + cell(r.motherId) + d + cell(r.fatherId) + '\n';
		if (++n === perChunk) {
			yield text;
			text = '';
			n = 0;
		}
	}
	if (text !== '') yield text;
}

/** Writes a register extract as UTF-8 CSV to a Node stream, waiting whenever the stream asks for it. */
export async function writeRegisterCsv(rows: Iterable<RegisterRow>, out: NodeJS.WritableStream, options: RegisterCsvWriteOptions = {}): Promise<void> {
	for (const chunk of registerCsvChunks(rows, options)) {
		if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
	}
}
