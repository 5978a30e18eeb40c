import { decodeText, detectDelimiter, parseCsv, readSpreadsheet, SpreadsheetError, tableBounds, type Sheet, type SheetRow } from '../../core/spreadsheet.ts';
import { levenshtein } from '../../core/text.ts';

/*
 * Aggregated tables from a statistics office (Grundzahlen by area, reference date and breakdown) read
 * from CSV or XLSX, in long shape (one value per row) or wide shape (one column per year or per
 * category). Pure: no database. The service on top offers the mapping step and the preview, and commits
 * all records or none; everything here is about reading every cell exactly once and saying precisely
 * (line, column, German message) what is wrong with it.
 *
 * Steps: `readStatisticsTable` (bytes → Sheet) → `suggestTableMapping` (which column is what) →
 * `interpretTable` (Sheet + mapping + the municipality's areas → records and problems) →
 * `checkAreaTotals` (do the children of an area add up to it?).
 */

/* ---------- reading ---------- */

/** Statistics tables are long: the Köln population file alone has 29,135 rows. */
export const MAX_TABLE_BYTES = 32 * 1024 * 1024;
export const MAX_TABLE_ROWS = 250_000;
/** Lines handed to the core CSV parser at a time; it refuses more than its own MAX_ROWS (20,000) per call. */
const CHUNK_LINES = 10_000;

/**
 * Like `readSpreadsheet`, but for CSV files longer than the 20,000 rows the core reader accepts (which
 * suit lists kept by hand, not statistics). The text is cut at line breaks outside quoted fields and
 * each piece goes through the core parser, so quoting, `sep=` lines, encodings and line numbers behave
 * exactly as everywhere else in the platform. XLSX goes to the core reader unchanged (and keeps its
 * limit of 20,000 rows).
 */
export function readStatisticsTable(bytes: Uint8Array, filename = ''): Sheet {
	if (bytes.length === 0) throw new SpreadsheetError('Die Datei ist leer.');
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
	if (zip || ole || /\.(ods|numbers)$/i.test(filename)) return readSpreadsheet(bytes, filename);
	if (bytes.length > MAX_TABLE_BYTES) throw new SpreadsheetError('Die Datei ist größer als 32 MB. Bitte teilen Sie sie auf.');

	const { text, encoding } = decodeText(bytes);
	let clean = text.replace(/^\uFEFF/, '');
	let delimiter: string;
	// Excel's "sep=;" line names the delimiter and is no header; an empty line in its place keeps the numbering.
	const hint = /^sep=(.)[ \t]*\r?\n/i.exec(clean);
	if (hint) {
		delimiter = hint[1]!;
		clean = '\n' + clean.slice(hint[0].length);
	} else delimiter = detectDelimiter(clean);

	const records: SheetRow[] = [];
	for (const chunk of csvChunks(clean, delimiter, CHUNK_LINES)) {
		for (const row of parseCsv(clean.slice(chunk.start, chunk.end), delimiter)) records.push({ line: row.line + chunk.linesBefore, cells: row.cells });
		if (records.length > MAX_TABLE_ROWS + 1) throw new SpreadsheetError(`Die Datei hat mehr als ${MAX_TABLE_ROWS.toLocaleString('de-DE')} Zeilen. Bitte teilen Sie sie auf.`);
	}
	// Titles above the header and footnotes below the table are notes, not data (core/spreadsheet.ts).
	const { header, first, last, notes } = tableBounds(records);
	const head = records[header];
	if (!head) throw new SpreadsheetError('Die Datei enthält keine Zeilen.');
	if (last - first < 1) throw new SpreadsheetError('Die Datei enthält nur eine Kopfzeile und keine Daten.');
	const headers = uniqueHeaders(head.cells);
	const rows: SheetRow[] = new Array(last - first);
	for (let r = first; r < last; r++) {
		const source = records[r]!;
		const cells: string[] = new Array(headers.length);
		for (let i = 0; i < headers.length; i++) cells[i] = (source.cells[i] ?? '').trim();
		rows[r - first] = { line: source.line, cells };
	}
	return { headers, rows, format: 'csv', encoding, delimiter, ...(notes.length ? { notes } : {}) };
}

/** Pieces of at most `maxLines` lines, cut only after a line break that ends a record (same quote rules as `parseCsv`). */
function csvChunks(text: string, delimiter: string, maxLines: number): { start: number; end: number; linesBefore: number }[] {
	const chunks: { start: number; end: number; linesBefore: number }[] = [];
	let quoted = false;
	let atFieldStart = true;
	let lines = 0;
	let start = 0;
	let linesBefore = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') i++;
				else quoted = false;
			} else if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) lines++;
			continue;
		}
		if (c === '"' && atFieldStart) {
			quoted = true;
			atFieldStart = false;
		} else if (c === delimiter) atFieldStart = true;
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			lines++;
			atFieldStart = true;
			if (lines - linesBefore >= maxLines) {
				chunks.push({ start, end: i + 1, linesBefore });
				start = i + 1;
				linesBefore = lines;
			}
		} else atFieldStart = false;
	}
	if (start < text.length) chunks.push({ start, end: text.length, linesBefore });
	return chunks;
}

/** The same header rules as the core reader: empty headers get a name, repeated ones a number. */
function uniqueHeaders(raw: string[]): string[] {
	const seen = new Map<string, number>();
	return raw.map((h, i) => {
		const name = h.trim() || `Spalte ${i + 1}`;
		const n = (seen.get(name) ?? 0) + 1;
		seen.set(name, n);
		return n === 1 ? name : `${name} (${n})`;
	});
}

/* ---------- cells ---------- */

/**
 * What a source cell says about its number, after DIN 55301 (Zeichenerklärung of German official
 * statistics). `secret` is the source's own suppression ("."); our disclosure control
 * (`disclosure.ts`) decides separately what we publish.
 */
export type SourceStatus = 'ok' | 'zero' | 'secret' | 'not_reliable' | 'not_applicable' | 'not_available';

/** DIN 55301 symbol → status. "–" and "—" are accepted for "-" because word processors replace it. */
const SYMBOLS: Record<string, SourceStatus> = {
	'-': 'zero',
	'–': 'zero',
	'—': 'zero',
	'.': 'secret',
	'/': 'not_reliable',
	x: 'not_applicable',
	X: 'not_applicable',
	'…': 'not_available',
	'...': 'not_available'
};

const EMPTY_CELL =
	'Die Zelle ist leer. Kennzeichnen Sie einen fehlenden Wert mit „…“ (Angabe fällt später an) oder „.“ (geheim zu halten) und eine Null mit „0“ oder „-“.';

/** Cell text for messages: long texts are cut so that a message stays readable. */
export function shorten(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One value cell. Thousands separators are the other mark than the decimal one ("1.234.567" with
 * decimal comma, "1,234,567" with decimal point) or spaces (normal, no-break, thin), always in groups of
 * three, so "1,2,3" is no number under either convention. A written "0" stays a number with status `ok`:
 * in DIN 55301 "0" means "less than half a unit", only "-" means "nothing at all".
 */
export function parseCell(raw: string, decimal: 'comma' | 'point'): { value: number | null; status: SourceStatus } | { error: string } {
	const text = raw.trim();
	if (text === '') return { error: EMPTY_CELL };
	const symbol = SYMBOLS[text];
	if (symbol) return { value: symbol === 'zero' ? 0 : null, status: symbol };

	// U+2212 (the typographic minus) and a dash before digits are what people and some tools write for "-".
	const signed = /^([+\-−–]?)(.*)$/s.exec(text)!;
	const negative = signed[1] !== '' && signed[1] !== '+';
	let body = signed[2]!;
	const dec = decimal === 'comma' ? ',' : '.';
	const group = decimal === 'comma' ? '.' : ',';
	if (/^\d{1,3}(?:[ \u00A0\u2007\u2009\u202F]\d{3})+(?:[.,]\d+)?$/.test(body)) body = body.replace(/[ \u00A0\u2007\u2009\u202F]/g, '');
	const plain = decimal === 'comma' ? /^\d+(?:,\d+)?$/ : /^\d+(?:\.\d+)?$/;
	const grouped = decimal === 'comma' ? /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/ : /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
	if (plain.test(body) || grouped.test(body)) {
		const value = Number(body.split(group).join('').replace(dec, '.'));
		// `+ 0` turns −0 into 0.
		return { value: (negative ? -value : value) + 0, status: 'ok' };
	}
	const other = decimal === 'comma' ? /^\d+\.\d+$|^\d{1,3}(?:,\d{3})+\.\d+$/ : /^\d+,\d+$|^\d{1,3}(?:\.\d{3})+,\d+$/;
	if (other.test(body))
		return {
			error:
				decimal === 'comma'
					? `„${shorten(text)}“ ist keine Zahl mit Dezimalkomma. Falls die Datei einen Dezimalpunkt verwendet, stellen Sie das Dezimaltrennzeichen auf Punkt.`
					: `„${shorten(text)}“ ist keine Zahl mit Dezimalpunkt. Falls die Datei ein Dezimalkomma verwendet, stellen Sie das Dezimaltrennzeichen auf Komma.`
		};
	return { error: `„${shorten(text)}“ ist keine Zahl.` };
}

/* ---------- reference dates ---------- */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A year or a date as an ISO date. A bare year means 31 December of that year: the usual Stichtag of
 * population statistics (Einwohner "am 31.12."), so that a table with "2018" and one with "31.12.2018"
 * describe the same reference date. A month ("12/2018", "2018-12") means its last day.
 */
export function parseReferenceDate(raw: string): { date: string } | { error: string } {
	const text = raw.trim();
	if (!text) return { error: 'Das Jahr beziehungsweise der Stichtag fehlt.' };
	let y: number;
	let m = 12;
	let d: number | null = null;
	let match: RegExpExecArray | null;
	// "2018.0" is how some tools (pandas, older exports) write a year stored as a floating-point number.
	if ((match = /^(\d{4})(?:\.0+)?$/.exec(text))) y = Number(match[1]);
	else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	else if ((match = /^(\d{1,2})\/(\d{4})$/.exec(text))) [m, y] = [Number(match[1]), Number(match[2])];
	else if ((match = /^(\d{4})-(\d{2})$/.exec(text))) [y, m] = [Number(match[1]), Number(match[2])];
	else return { error: `„${shorten(text)}“ ist weder ein Jahr noch ein Datum. Erwartet wird zum Beispiel 2018, 31.12.2018 oder 2018-12-31.` };
	if (y < 1900 || y > 2100) return { error: `Das Jahr ${y} liegt außerhalb des zulässigen Bereichs von 1900 bis 2100.` };
	if (m < 1 || m > 12) return { error: `„${shorten(text)}“ ist kein gültiges Datum: Einen Monat ${m} gibt es nicht.` };
	if (d === null) d = daysIn(y, m);
	else if (d < 1 || d > daysIn(y, m)) return { error: `„${shorten(text)}“ ist kein gültiges Datum.` };
	return { date: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** A column header that names a reference date ("2018", "31.12.2018", "Jahr 2018", "Stand 2018"). */
function headerDate(header: string): { date: string } | { error: string } | null {
	const text = header.replace(/^(?:jahr|stichtag|stand|am|zum|year)\s*:?\s*/i, '').trim();
	if (!/^\d{4}(?:\.0+)?$|^\d{1,2}\.\d{1,2}\.\d{4}$|^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{4}$/.test(text)) return null;
	return parseReferenceDate(text);
}

const formatDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/* ---------- areas ---------- */

/**
 * The municipality's areas as the import needs them. Codes are normalised with `normaliseAreaCode`;
 * `names` (area id → name) lets messages suggest the right code and lets a file name its areas instead
 * of coding them.
 */
export interface AreaLookup {
	/** normalised code → area id */
	codes: Map<string, string>;
	/** Further normalised codes that mean the whole municipality (an all-zero code always does). */
	totalCodes?: Set<string>;
	municipalityName: string;
	/** area id → name */
	names?: Map<string, string>;
}

export function areaLookupFrom(areas: readonly { id: string; code: string; name: string }[], municipalityName: string, totalCodes: readonly string[] = []): AreaLookup {
	return {
		codes: new Map(areas.map((a) => [normaliseAreaCode(a.code), a.id])),
		names: new Map(areas.map((a) => [a.id, a.name])),
		totalCodes: new Set(totalCodes.map(normaliseAreaCode)),
		municipalityName
	};
}

/**
 * Official codes are written with and without leading zeros ("001" in the statistics, "1" in the map
 * layer), so both match. Letters are kept (case-insensitive): "12a" is another area than "12".
 */
export function normaliseAreaCode(code: string): string {
	return code.trim().replace(/\s+/g, '').toUpperCase().replace(/^0+(?=.)/, '');
}

const normaliseName = (s: string) =>
	s
		.toLowerCase()
		.normalize('NFKC')
		.replace(/ß/g, 'ss')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

/** Row labels that stand for the whole municipality whatever it is called. */
const TOTAL_AREA_NAMES = new Set(['insgesamt', 'gesamt', 'gesamtstadt', 'stadt insgesamt', 'stadtgebiet', 'gemeinde insgesamt', 'summe', 'zusammen', 'total']);
const MUNICIPALITY_PREFIX = /^(?:kreisfreie stadt|grosse kreisstadt|landeshauptstadt|hansestadt|universitätsstadt|kreisstadt|stadt|gemeinde|markt|kreis)\s+/;

/** "Stadt Köln", "Köln, Stadt", "Köln" and "Insgesamt" all name the municipality Köln. */
export function isMunicipalityName(name: string, municipalityName: string): boolean {
	const strip = (s: string) => normaliseName(s).replace(MUNICIPALITY_PREFIX, '').replace(/\s+(?:stadt|gemeinde)$/, '');
	const n = normaliseName(name);
	if (!n) return false;
	return TOTAL_AREA_NAMES.has(n) || strip(name) === strip(municipalityName);
}

function closestName(value: string, names: Iterable<[string, string]>): [string, string] | null {
	const v = normaliseName(value);
	if (!v) return null;
	let best: [string, string] | null = null;
	let bestDistance = Infinity;
	for (const entry of names) {
		const d = levenshtein(v, normaliseName(entry[1]));
		if (d < bestDistance) {
			best = entry;
			bestDistance = d;
		}
	}
	return best && bestDistance <= Math.max(2, Math.floor(v.length / 3)) ? best : null;
}

type AreaResult = { areaId: string | null } | { error: string };

/** Resolves (code cell, name cell) pairs; each distinct pair is worked out once. */
function areaResolver(areas: AreaLookup): (code: string, name: string) => AreaResult {
	const byName = new Map<string, string>();
	const codeOf = new Map<string, string>();
	for (const [code, id] of areas.codes) if (!codeOf.has(id)) codeOf.set(id, code);
	for (const [id, name] of areas.names ?? []) byName.set(normaliseName(name), id);
	const cache = new Map<string, AreaResult>();
	const isTotalCode = (normalised: string) => /^0+$/.test(normalised) || (areas.totalCodes?.has(normalised) ?? false);

	// Show a suggested code the way the file writes codes: "001" rather than "1" when the file pads.
	const suggestion = (id: string, written: string) => {
		let code = codeOf.get(id) ?? '';
		if (/^0\d/.test(written) && /^\d+$/.test(code)) code = code.padStart(written.length, '0');
		const name = areas.names?.get(id);
		return name ? `„${code}“ (${name})` : `„${code}“`;
	};

	const resolve = (code: string, name: string): AreaResult => {
		const normalised = normaliseAreaCode(code);
		if (code && isTotalCode(normalised)) return { areaId: null };
		const known = code ? areas.codes.get(normalised) : undefined;
		if (known) return { areaId: known };
		if ((name && isMunicipalityName(name, areas.municipalityName)) || (code && isMunicipalityName(code, areas.municipalityName))) return { areaId: null };
		// A name instead of a code, or both in one cell ("11 Altstadt", "11-Altstadt").
		const named = code ? byName.get(normaliseName(code)) : undefined;
		if (named) return { areaId: named };
		const leading = /^([0-9]+[A-Za-z]?)\s*(?:[-–:]\s*|\s+)\p{L}/u.exec(code);
		if (leading) {
			const lead = normaliseAreaCode(leading[1]!);
			if (isTotalCode(lead)) return { areaId: null };
			const id = areas.codes.get(lead);
			if (id) return { areaId: id };
		}
		// Unknown: suggest by the name column first (the name is usually right when a code is mistyped).
		const byNameColumn = name ? (byName.get(normaliseName(name)) ?? closestName(name, areas.names ?? [])?.[0]) : undefined;
		const byCodeCell = !byNameColumn && code && /\p{L}{3}/u.test(code) ? closestName(code, areas.names ?? [])?.[0] : undefined;
		const hint = byNameColumn ? ` – meinten Sie ${suggestion(byNameColumn, code)}?` : byCodeCell ? ` – meinten Sie „${areas.names?.get(byCodeCell)}“?` : '';
		if (!code) return { error: `Der Gebietsschlüssel fehlt${hint || '.'}` };
		return { error: `Den Gebietsschlüssel „${shorten(code)}“${name ? ` (${shorten(name)})` : ''} gibt es in ${areas.municipalityName} nicht${hint || '.'}` };
	};
	return (code, name) => {
		const key = `${code}\u0000${name}`;
		let result = cache.get(key);
		if (!result) {
			result = resolve(code, name);
			cache.set(key, result);
		}
		return result;
	};
}

/* ---------- mapping ---------- */

export interface TableMapping {
	/** Column of the area code (required). */
	area: number;
	/** Column with the area's name: used in messages, and to recognise the whole municipality. */
	areaName?: number | null;
	/** Column with a year (2018) or a date (31.12.2018 / 2018-12-31); null when the value columns are years (wide by year). */
	year?: number | null;
	/** Column naming the base figure (e.g. "tabelle"); null → all rows belong to `fixedFigure`. */
	figure?: number | null;
	/** Name of the one base figure when there is no figure column. */
	fixedFigure?: string;
	/** Column with the breakdown category (e.g. "zeile": "Männlich", "00 - < 03"); null → the total, ''. */
	category?: number | null;
	/** One column (long format) or several (wide: each header is a year if it looks like one, else a category). */
	values: number[];
	decimal: 'comma' | 'point';
	/** The reference date of every value when the file has no year column and no years as headers ("Stand 31.12.2018" in the title). */
	fixedReferenceDate?: string;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

const normaliseHeader = (h: string) => normaliseName(h.replace(/([a-zäöü])([A-Z])/g, '$1 $2'));

const AREA_WORD = '(?:raum|gebiet|gebiets|stadtteil|stadtteils|stadtbezirk|stadtbezirks|bezirk|bezirks|ortsteil|ortsteils|sozialraum|sozialraums|quartier|quartiers|statistischer bezirk|wohnbezirk|stadtviertel|viertel|stt|stb|area|district|region|gemeinde)';
const AREA_CODE_HEADER = new RegExp(`^(?:${AREA_WORD}\\s?(?:id|nr|nummer|code|schlüssel|kennziffer|kennung|key|no|number)|ags|gkz|gemeindeschlüssel|raumschlüssel|gebietsschlüssel|schlüssel|kennziffer|code|nr)$`);
const AREA_NAME_HEADER = new RegExp(`^(?:${AREA_WORD}(?:\\s?(?:name|bezeichnung))?|name|bezeichnung)$`);
const YEAR_HEADER = /^(?:jahr|berichtsjahr|erhebungsjahr|jahr stichtag|stichtag|stichtag jahr|datum|stand|zeit|zeitraum|year|date|reference date|referenzdatum)$/;
const FIGURE_HEADER = /^(?:tabelle|tabellenname|tabellenbezeichnung|tabellentitel|grundzahl|indikator|kennzahl|statistik|thema|table|figure|variable|merkmalsgruppe|sachverhalt)$/;
const CATEGORY_HEADER = /^(?:zeile|zeilenbezeichnung|kategorie|ausprägung|merkmalsausprägung|gruppe|untergliederung|aufgliederung|category|breakdown|altersgruppe|altersklasse|geschlecht|staatsangehörigkeit|nationalität|herkunft|herkunftsgebiet|familienstand)$/;
const VALUE_HEADER = /^(?:zahl|anzahl|wert|werte|value|count|number|einwohner|einwohnerinnen und einwohner|personen|bestand|absolut|insgesamt|gesamt|summe|total|n|fälle|betrag)$/;
/** Value headers that say nothing about what is counted, so they cannot name the base figure. */
const GENERIC_VALUE_HEADER = /^(?:zahl|anzahl|wert|werte|value|count|number|absolut|n|betrag|insgesamt|gesamt|summe|total)$/;
const ID_HEADER = /(?:^|\s)(?:id|nr|nummer|schlüssel|code|kennziffer|lfd)$/;
/** Breakdown labels that mean "no breakdown": stored as the total, ''. */
const TOTAL_CATEGORY = new Set(['insgesamt', 'gesamt', 'zusammen', 'summe', 'total', 'alle']);
const categoryOf = (label: string) => (TOTAL_CATEGORY.has(normaliseName(label)) ? '' : label.trim());

interface ColumnProfile {
	filled: number;
	codeLike: number;
	numeric: number;
	dateLike: number;
	/** Cells that prove a decimal separator, and cells that only suggest one. */
	evidence: { point: number; comma: number; weakPoint: number; weakComma: number };
	example: { point: string; comma: string };
}

/**
 * What a number cell says about the decimal separator. Strong: only one reading is a well-formed number
 * ("1023101.0", "43,7", "1.234.567", "1.234,5"). Weak: one mark followed by exactly three digits
 * ("7.000"), which is a thousands separator far more often than three decimals. Malformed cells
 * ("1,2,3") say nothing.
 */
function separatorEvidence(cell: string): { mark: 'point' | 'comma'; strong: boolean } | null {
	const body = cell.trim().replace(/^[+\-−]/, '');
	if (/^\d{1,3}(?:\.\d{3})*,\d+$/.test(body) && body.includes('.')) return { mark: 'comma', strong: true };
	if (/^\d{1,3}(?:,\d{3})*\.\d+$/.test(body) && body.includes(',')) return { mark: 'point', strong: true };
	if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(body)) return { mark: 'comma', strong: true };
	if (/^\d{1,3}(?:,\d{3}){2,}$/.test(body)) return { mark: 'point', strong: true };
	const single = /^(\d+)([.,])(\d+)$/.exec(body);
	if (!single) return null;
	const [, before, mark, after] = single as unknown as [string, string, string, string];
	const decimalMark = after.length !== 3 || before.length > 3 || before === '0';
	if (decimalMark) return { mark: mark === '.' ? 'point' : 'comma', strong: true };
	// "7.000": as a thousands separator, the point speaks for the decimal comma, and vice versa.
	return { mark: mark === '.' ? 'comma' : 'point', strong: false };
}

function profile(sheet: Sheet, column: number, sample: readonly SheetRow[]): ColumnProfile {
	const p: ColumnProfile = { filled: 0, codeLike: 0, numeric: 0, dateLike: 0, evidence: { point: 0, comma: 0, weakPoint: 0, weakComma: 0 }, example: { point: '', comma: '' } };
	for (const row of sample) {
		const cell = (row.cells[column] ?? '').trim();
		if (!cell) continue;
		p.filled++;
		if (/^\d+[A-Za-z]?$/.test(cell)) p.codeLike++;
		if (SYMBOLS[cell] || /^[+\-−]?\d[\d., \u00A0\u2009\u202F]*$/.test(cell)) p.numeric++;
		if (/^\d{1,2}\.\d{1,2}\.\d{4}$|^\d{4}-\d{2}-\d{2}/.test(cell)) p.dateLike++;
		const evidence = separatorEvidence(cell);
		if (evidence?.strong) {
			p.evidence[evidence.mark]++;
			p.example[evidence.mark] ||= cell;
		} else if (evidence) p.evidence[evidence.mark === 'point' ? 'weakPoint' : 'weakComma']++;
	}
	return p;
}

/**
 * A first mapping from the header names (German and English) and a sample of the data, with notes in
 * German that say what was recognised and what the user still has to decide. The user confirms or
 * changes it in the mapping step; nothing is imported on a guess.
 */
export function suggestTableMapping(sheet: Sheet): { mapping: TableMapping; notes: string[] } {
	const notes: string[] = [];
	const headers = sheet.headers.map(normaliseHeader);
	const step = Math.max(1, Math.floor(sheet.rows.length / 500));
	const sample = sheet.rows.filter((_, i) => i % step === 0).slice(0, 500);
	const profiles = sheet.headers.map((_, i) => profile(sheet, i, sample));
	const used = new Set<number>();
	const named = (i: number) => `„${sheet.headers[i]}“ (${columnLetter(i)})`;
	const mostly = (count: number, p: ColumnProfile) => p.filled > 0 && count >= 0.9 * p.filled;
	const find = (test: (h: string, i: number) => boolean) => headers.findIndex((h, i) => !used.has(i) && test(h, i));
	const take = (i: number) => {
		if (i >= 0) used.add(i);
		return i >= 0 ? i : null;
	};

	// Wide by year: the headers themselves are years.
	const yearColumns = sheet.headers
		.map((h, i) => {
			const date = headerDate(h);
			return date && 'date' in date ? i : -1;
		})
		.filter((i) => i >= 0);
	for (const i of yearColumns) used.add(i);

	// Area: a code column by its header, else an area column whose cells are codes, else names.
	let area = take(find((h, i) => AREA_CODE_HEADER.test(h) && mostly(profiles[i]!.codeLike, profiles[i]!)));
	const areaWords = headers.map((h, i) => (!used.has(i) && AREA_NAME_HEADER.test(h) ? i : -1)).filter((i) => i >= 0);
	if (area === null) area = take(areaWords.find((i) => mostly(profiles[i]!.codeLike, profiles[i]!)) ?? -1);
	let areaName = take(areaWords.find((i) => !used.has(i)) ?? -1);
	if (area === null && areaName !== null) {
		area = areaName;
		areaName = null;
		notes.push(`Die Spalte ${named(area)} enthält Gebietsnamen statt Schlüsseln; die Gebiete werden über ihre Namen zugeordnet.`);
	}
	if (area === null) {
		area = take(find((_, i) => mostly(profiles[i]!.codeLike, profiles[i]!))) ?? take(find(() => true)) ?? 0;
		notes.push(`Eine Spalte mit dem Gebietsschlüssel wurde nicht an der Überschrift erkannt; vorgeschlagen ist ${named(area)}. Bitte prüfen Sie das.`);
	} else notes.push(`Gebietsschlüssel: Spalte ${named(area)}.`);
	if (areaName !== null && areaName !== area) notes.push(`Gebietsname: Spalte ${named(areaName)}.`);

	// Reference date.
	let year: number | null = null;
	if (!yearColumns.length) {
		year = take(find((h) => YEAR_HEADER.test(h)));
		if (year === null) year = take(find((_, i) => mostly(profiles[i]!.dateLike, profiles[i]!)));
		if (year !== null) notes.push(`Stichtag: Spalte ${named(year)}. Ein Jahr ohne Tag gilt als Stichtag 31. Dezember, wie in der Bevölkerungsstatistik üblich.`);
		else notes.push('Es wurde keine Spalte mit dem Jahr oder Stichtag erkannt. Bitte ordnen Sie eine zu oder geben Sie den Stichtag für die ganze Datei an.');
	} else {
		notes.push(
			`Die Werte stehen in ${yearColumns.length === 1 ? 'einer Spalte' : `${yearColumns.length} Spalten`} je Stichtag (${yearColumns.map(named).join(', ')}). Ein Jahr ohne Tag gilt als Stichtag 31. Dezember, wie in der Bevölkerungsstatistik üblich.`
		);
	}

	// Base figure and breakdown. "Merkmal" is the breakdown, unless the file also has a column for the
	// values of the breakdown ("Merkmal" + "Ausprägung"): then it names the figure.
	let figure = take(find((h) => FIGURE_HEADER.test(h)));
	let category = take(find((h) => CATEGORY_HEADER.test(h)));
	const merkmal = find((h) => h === 'merkmal');
	if (merkmal >= 0) {
		if (figure === null && category !== null) figure = take(merkmal);
		else if (category === null) category = take(merkmal);
	}
	if (figure !== null) notes.push(`Grundzahl: Spalte ${named(figure)}.`);
	if (category !== null) notes.push(`Aufschlüsselung: Spalte ${named(category)}.`);

	// Values.
	let values: number[];
	if (yearColumns.length) values = yearColumns;
	else {
		const numericFree = headers.map((h, i) => (!used.has(i) && !ID_HEADER.test(h) && mostly(profiles[i]!.numeric, profiles[i]!) ? i : -1)).filter((i) => i >= 0);
		const byHeader = find((h) => VALUE_HEADER.test(h));
		if (category === null && numericFree.length > 1) {
			// Wide by category: every remaining numeric column is one category ("0 bis 3", …, "Insgesamt").
			values = numericFree;
			notes.push(`Die Werte stehen in ${values.length} Spalten, je Kategorie eine (${values.map(named).join(', ')}); „Insgesamt“ gilt als Summe ohne Aufschlüsselung.`);
		} else {
			const single = byHeader >= 0 ? byHeader : (numericFree.at(-1) ?? -1);
			values = single >= 0 ? [single] : [];
			if (single >= 0) notes.push(`Werte: Spalte ${named(single)}.`);
			else notes.push('Es wurde keine Spalte mit Zahlen erkannt. Bitte ordnen Sie die Wertespalte zu.');
		}
	}
	for (const i of values) used.add(i);

	let fixedFigure: string | undefined;
	if (figure === null) {
		const only = values.length === 1 && !yearColumns.length ? values[0]! : -1;
		if (only >= 0 && !GENERIC_VALUE_HEADER.test(headers[only]!)) {
			fixedFigure = sheet.headers[only]!;
			notes.push(`Alle Werte gehören zur Grundzahl „${fixedFigure}“ (nach der Überschrift der Wertespalte). Bitte prüfen Sie den Namen.`);
		} else {
			fixedFigure = '';
			notes.push('Die Datei hat keine Spalte mit dem Namen der Grundzahl. Bitte geben Sie an, welche Grundzahl sie enthält (zum Beispiel „Einwohner“).');
		}
	}

	// Decimal separator: proven by the cells where possible, else what goes with the delimiter.
	const evidence = { point: 0, comma: 0, weakPoint: 0, weakComma: 0, pointExample: '', commaExample: '' };
	for (const i of values) {
		const p = profiles[i]!;
		evidence.point += p.evidence.point;
		evidence.comma += p.evidence.comma;
		evidence.weakPoint += p.evidence.weakPoint;
		evidence.weakComma += p.evidence.weakComma;
		evidence.pointExample ||= p.example.point;
		evidence.commaExample ||= p.example.comma;
	}
	let decimal: 'comma' | 'point';
	if (evidence.point !== evidence.comma) {
		// A few cells of the other kind are typing errors, which the interpretation then reports.
		decimal = evidence.point > evidence.comma ? 'point' : 'comma';
		notes.push(`Dezimaltrennzeichen: ${decimal === 'point' ? `Punkt (zum Beispiel „${evidence.pointExample}“)` : `Komma (zum Beispiel „${evidence.commaExample}“)`}.`);
	} else if (evidence.weakPoint !== evidence.weakComma) {
		decimal = evidence.weakPoint > evidence.weakComma ? 'point' : 'comma';
		notes.push(`Dezimaltrennzeichen: ${decimal === 'point' ? 'Punkt' : 'Komma'} (aus Zahlen wie ${decimal === 'point' ? '„1,234“' : '„1.234“'} geschlossen, die Tausender trennen). Bitte prüfen Sie das.`);
	} else {
		// A comma-separated file rarely carries decimal commas (they would need quotes); XLSX numbers come with a point.
		decimal = sheet.format === 'xlsx' || sheet.delimiter === ',' ? 'point' : 'comma';
		notes.push(`Dezimaltrennzeichen: ${decimal === 'point' ? 'Punkt' : 'Komma'} (aus dem Dateiformat geschlossen; die Zahlen selbst lassen beides zu).`);
	}

	const mapping: TableMapping = { area, areaName, year, figure, category, values, decimal };
	if (fixedFigure !== undefined) mapping.fixedFigure = fixedFigure;
	return { mapping, notes };
}

/* ---------- interpretation ---------- */

export interface ImportRecord {
	line: number;
	figure: string;
	/** The breakdown category; '' is the total (no breakdown). */
	category: string;
	/** null = the whole municipality */
	areaId: string | null;
	/** The code as the file writes it (or the area cell, when the file names areas instead of coding them). */
	areaCode: string;
	/** ISO date; a bare year means 31 December of that year, the usual Stichtag of population statistics. */
	referenceDate: string;
	value: number | null;
	status: SourceStatus;
}

export interface ImportProblem {
	line: number;
	/** header name */
	column: string;
	/** A, B, … AA */
	columnLetter: string;
	/** German */
	message: string;
}

export interface FigureSummary {
	name: string;
	/** In order of first appearance; '' is the total. */
	categories: string[];
	/** Sorted. */
	referenceDates: string[];
	/** Number of values (records) of this figure. */
	rows: number;
}

interface ValueColumn {
	index: number;
	/** Reference date from the header (wide by year), else null. */
	date: string | null;
	/** Category from the header (wide by category), else null. */
	category: string | null;
}

/** Checks the mapping against the sheet; throws an Error with a German message the mapping step can show. */
function planColumns(sheet: Sheet, mapping: TableMapping): { columns: ValueColumn[]; fixedDate: string | null } {
	const width = sheet.headers.length;
	const label = (i: number) => `„${sheet.headers[i]}“ (${columnLetter(i)})`;
	const roles: [string, number | null | undefined][] = [
		['Gebietsschlüssel', mapping.area],
		['Gebietsname', mapping.areaName],
		['Jahr/Stichtag', mapping.year],
		['Grundzahl', mapping.figure],
		['Aufschlüsselung', mapping.category],
		...mapping.values.map((v): [string, number] => ['Werte', v])
	];
	const seen = new Map<number, string>();
	for (const [role, index] of roles) {
		if (index === null || index === undefined) continue;
		if (!Number.isInteger(index) || index < 0 || index >= width)
			throw new Error(`Zuordnung „${role}“: Eine Spalte Nummer ${Number.isInteger(index) ? index + 1 : String(index)} gibt es nicht; die Datei hat ${width} Spalten.`);
		const before = seen.get(index);
		if (before) throw new Error(`Die Spalte ${label(index)} ist zweimal zugeordnet (${before} und ${role}). Jede Spalte kann nur eine Bedeutung haben.`);
		seen.set(index, role);
	}
	if (mapping.area === null || mapping.area === undefined) throw new Error('Bitte ordnen Sie die Spalte mit dem Gebietsschlüssel zu.');
	if (!mapping.values.length) throw new Error('Bitte ordnen Sie mindestens eine Spalte mit Werten zu.');
	if ((mapping.figure === null || mapping.figure === undefined) && !mapping.fixedFigure?.trim())
		throw new Error('Die Datei hat keine Spalte mit dem Namen der Grundzahl. Bitte geben Sie an, welche Grundzahl sie enthält (zum Beispiel „Einwohner“).');
	if (mapping.decimal !== 'comma' && mapping.decimal !== 'point') throw new Error('Bitte wählen Sie das Dezimaltrennzeichen (Komma oder Punkt).');

	let fixedDate: string | null = null;
	if (mapping.fixedReferenceDate) {
		const parsed = parseReferenceDate(mapping.fixedReferenceDate);
		if ('error' in parsed) throw new Error(`Stichtag für die ganze Datei: ${parsed.error}`);
		fixedDate = parsed.date;
	}
	const hasYearColumn = mapping.year !== null && mapping.year !== undefined;
	const hasCategoryColumn = mapping.category !== null && mapping.category !== undefined;
	const columns = mapping.values.map((index): ValueColumn => {
		const header = sheet.headers[index]!;
		const date = headerDate(header);
		if (date && 'error' in date) throw new Error(`Die Überschrift der Spalte ${label(index)} ist kein gültiger Stichtag: ${date.error}`);
		if (mapping.values.length === 1) {
			// One value column: its header names the values ("zahl", "Anzahl"), at most a year.
			if (hasYearColumn || fixedDate) return { index, date: null, category: null };
			if (date) return { index, date: date.date, category: null };
			throw new Error(`Es fehlt der Stichtag: Bitte ordnen Sie die Spalte mit dem Jahr zu oder geben Sie den Stichtag für die ganze Datei an.`);
		}
		if (date) {
			if (hasYearColumn) throw new Error(`Die Spalte ${label(index)} trägt einen Stichtag in der Überschrift, zugleich ist eine Spalte mit dem Jahr zugeordnet. Bitte wählen Sie eines von beiden.`);
			return { index, date: date.date, category: null };
		}
		if (hasCategoryColumn) throw new Error(`Die Spalte ${label(index)} wäre eine Kategorie, zugleich ist eine Spalte für die Aufschlüsselung zugeordnet. Bitte wählen Sie eines von beiden.`);
		if (!hasYearColumn && !fixedDate) throw new Error(`Die Spalte ${label(index)} trägt kein Jahr in der Überschrift, und es ist keine Spalte mit dem Jahr zugeordnet. Bitte ordnen Sie eine zu oder geben Sie den Stichtag für die ganze Datei an.`);
		return { index, date: null, category: categoryOf(header) };
	});
	return { columns, fixedDate };
}

/**
 * Reads every value cell of the sheet under the mapping. Returns the records of all valid cells and every
 * problem (up to `maxProblems`, default 500; `problemCount` counts all). A file with problems must not be
 * committed: the records are for the preview.
 */
export function interpretTable(
	sheet: Sheet,
	mapping: TableMapping,
	areas: AreaLookup,
	options: { maxProblems?: number } = {}
): { records: ImportRecord[]; problems: ImportProblem[]; problemCount: number; figures: FigureSummary[] } {
	const { columns, fixedDate } = planColumns(sheet, mapping);
	const maxProblems = options.maxProblems ?? 500;
	const records: ImportRecord[] = [];
	const problems: ImportProblem[] = [];
	let problemCount = 0;
	const problem = (line: number, column: number, message: string) => {
		problemCount++;
		if (problems.length < maxProblems) problems.push({ line, column: sheet.headers[column] ?? '', columnLetter: columnLetter(column), message });
	};

	// Records share their strings: 29,000 records carry a handful of distinct figures and dates.
	const pool = new Map<string, string>();
	const intern = (s: string) => {
		const known = pool.get(s);
		if (known !== undefined) return known;
		pool.set(s, s);
		return s;
	};
	const resolveArea = areaResolver(areas);
	const dates = new Map<string, { date: string } | { error: string }>();
	const seen = new Map<string, number>();
	const figures = new Map<string, { categories: Set<string>; dates: Set<string>; rows: number }>();
	const fixedFigure = intern(mapping.fixedFigure?.trim() ?? '');
	const { area: areaColumn, areaName: nameColumn, year: yearColumn, figure: figureColumn, category: categoryColumn } = mapping;

	for (const row of sheet.rows) {
		const cell = (i: number) => row.cells[i] ?? '';
		let ok = true;

		const code = cell(areaColumn).trim();
		const name = nameColumn === null || nameColumn === undefined ? '' : cell(nameColumn).trim();
		const area = resolveArea(code, name);
		if ('error' in area) {
			problem(row.line, areaColumn, area.error);
			ok = false;
		}

		let rowDate: string | null = fixedDate;
		if (yearColumn !== null && yearColumn !== undefined) {
			const raw = cell(yearColumn).trim();
			let parsed = dates.get(raw);
			if (!parsed) {
				parsed = parseReferenceDate(raw);
				dates.set(raw, parsed);
			}
			if ('error' in parsed) {
				problem(row.line, yearColumn, parsed.error);
				ok = false;
			} else rowDate = parsed.date;
		}

		let figure = fixedFigure;
		if (figureColumn !== null && figureColumn !== undefined) {
			figure = intern(cell(figureColumn).trim());
			if (!figure) {
				problem(row.line, figureColumn, 'Der Name der Grundzahl fehlt.');
				ok = false;
			}
		}
		// An empty breakdown cell, like "Insgesamt", is the total.
		const rowCategory = categoryColumn === null || categoryColumn === undefined ? '' : intern(categoryOf(cell(categoryColumn)));

		for (const column of columns) {
			const raw = cell(column.index);
			const parsed = parseCell(raw, mapping.decimal);
			if ('error' in parsed) {
				problem(row.line, column.index, parsed.error);
				continue;
			}
			if (!ok || 'error' in area) continue;
			const referenceDate = intern((column.date ?? rowDate)!);
			const category = column.category === null ? rowCategory : intern(column.category);
			const key = `${figure}\u0000${category}\u0000${area.areaId ?? ''}\u0000${referenceDate}`;
			const first = seen.get(key);
			if (first !== undefined) {
				const where = area.areaId === null ? `${areas.municipalityName} insgesamt` : `${areas.names?.get(area.areaId) || name || code} (${code})`;
				problem(
					row.line,
					column.index,
					`Doppelter Wert: „${figure}“${category ? `, „${category}“` : ''} für ${where} zum ${formatDate(referenceDate)} steht schon in Zeile ${first}.`
				);
				continue;
			}
			seen.set(key, row.line);
			records.push({ line: row.line, figure, category, areaId: area.areaId, areaCode: intern(code), referenceDate, value: parsed.value, status: parsed.status });
			let summary = figures.get(figure);
			if (!summary) {
				summary = { categories: new Set(), dates: new Set(), rows: 0 };
				figures.set(figure, summary);
			}
			summary.categories.add(category);
			summary.dates.add(referenceDate);
			summary.rows++;
		}
	}

	return {
		records,
		problems,
		problemCount,
		figures: [...figures].map(([name, s]) => ({ name, categories: [...s.categories], referenceDates: [...s.dates].sort(), rows: s.rows }))
	};
}

/* ---------- totals ---------- */

export interface TotalMismatch {
	figure: string;
	category: string;
	referenceDate: string;
	/** The parent area; null = the whole municipality. */
	areaId: string | null;
	/** The parent's value. */
	expected: number;
	/** The children's values added up. */
	sum: number;
	/** The parent's line first, then the children's. */
	lines: number[];
}

export interface SkippedTotal {
	figure: string;
	category: string;
	referenceDate: string;
	/** The parent area that could not be checked; null = the whole municipality. */
	areaId: string | null;
	/** `missing`: a child has no value in the file; `not_numeric`: the parent or a child is a symbol (".", "x", …). */
	reason: 'missing' | 'not_numeric';
}

/**
 * Do the children of every area add up to it (Stadtteile → Stadtbezirk → municipality), for each
 * figure, category and reference date? The children of an area are all areas occurring in `records`
 * whose `parentOf` is that area (`null` = directly under the municipality). A sum is only checked when
 * the parent and all its children are there with a number (status ok or zero); `skipped` lists the
 * parents that could not be checked and why. With `missingAsZero`, an absent child counts as 0: some
 * offices leave out the rows of empty cells instead of writing "-".
 */
export function checkAreaTotals(
	records: readonly ImportRecord[],
	parentOf: (areaId: string) => string | null,
	options: { missingAsZero?: boolean } = {}
): { checked: number; mismatches: TotalMismatch[]; skipped: SkippedTotal[] } {
	const children = new Map<string | null, string[]>();
	const areaIds = new Set<string>();
	for (const r of records) if (r.areaId !== null) areaIds.add(r.areaId);
	for (const id of areaIds) {
		const parent = parentOf(id);
		const list = children.get(parent);
		if (list) list.push(id);
		else children.set(parent, [id]);
	}

	const groups = new Map<string, Map<string | null, ImportRecord>>();
	for (const r of records) {
		const key = `${r.figure}\u0000${r.category}\u0000${r.referenceDate}`;
		let group = groups.get(key);
		if (!group) {
			group = new Map();
			groups.set(key, group);
		}
		group.set(r.areaId, r);
	}

	const usable = (r: ImportRecord): r is ImportRecord & { value: number } => (r.status === 'ok' || r.status === 'zero') && r.value !== null;
	let checked = 0;
	const skipped: SkippedTotal[] = [];
	const mismatches: TotalMismatch[] = [];
	for (const group of groups.values()) {
		for (const [parentId, kids] of children) {
			const parent = group.get(parentId);
			if (!parent) continue;
			const skip = (reason: SkippedTotal['reason']) => skipped.push({ figure: parent.figure, category: parent.category, referenceDate: parent.referenceDate, areaId: parentId, reason });
			if (!usable(parent)) {
				skip('not_numeric');
				continue;
			}
			let sum = 0;
			let incomplete: SkippedTotal['reason'] | null = null;
			const lines = [parent.line];
			for (const kid of kids) {
				const child = group.get(kid);
				if (!child) {
					if (options.missingAsZero) continue;
					incomplete = 'missing';
					break;
				}
				if (!usable(child)) {
					incomplete = 'not_numeric';
					break;
				}
				sum += child.value;
				lines.push(child.line);
			}
			if (incomplete) {
				skip(incomplete);
				continue;
			}
			checked++;
			// Decimal values do not add up exactly in binary floating point.
			if (Math.abs(sum - parent.value) > 1e-9 * Math.max(1, Math.abs(parent.value)))
				mismatches.push({ figure: parent.figure, category: parent.category, referenceDate: parent.referenceDate, areaId: parentId, expected: parent.value, sum: Number(sum.toPrecision(12)), lines });
		}
	}
	return { checked, mismatches, skipped };
}
