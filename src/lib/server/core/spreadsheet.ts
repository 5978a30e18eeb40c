import { Unzip, UnzipInflate, zipSync, strToU8, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/*
 * Reading and writing the tables people keep in Excel: CSV in whatever encoding and delimiter German
 * offices produce (Excel writes Windows-1252 with semicolons, "Unicode text" is UTF-16 with tabs) and
 * XLSX. Every row keeps its line number in the file, so errors can name it.
 */

export interface SheetRow {
	/** Line of the file (CSV: where the record starts) or row number of the worksheet (XLSX). */
	line: number;
	cells: string[];
}

export interface Sheet {
	headers: string[];
	rows: SheetRow[];
	/** Titles above the table and footnotes below it, as found; not data. */
	notes?: string[];
	format: 'csv' | 'xlsx';
	/** CSV only. */
	encoding?: string;
	delimiter?: string;
}

export class SpreadsheetError extends Error {
	constructor(
		message: string,
		public readonly line?: number
	) {
		super(message);
	}
}

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 20_000;

export function readSpreadsheet(bytes: Uint8Array, filename = ''): Sheet {
	if (bytes.length === 0) throw new SpreadsheetError('Die Datei ist leer.');
	if (bytes.length > MAX_FILE_BYTES) throw new SpreadsheetError('Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf.');
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsx(bytes);
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
		throw new SpreadsheetError('Das ist eine Excel-Datei im alten Format (.xls). Bitte speichern Sie sie als .xlsx oder .csv.');
	if (/\.(ods|numbers)$/i.test(filename)) throw new SpreadsheetError('Bitte speichern Sie die Tabelle als .xlsx oder .csv.');
	return readCsv(bytes);
}

/* ---------- CSV ---------- */

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
	} catch {
		// Not valid UTF-8: what German Excel and older tools write.
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
	}
}

const DELIMITERS = [';', ',', '\t', '|'] as const;

/** Field counts of the first records for one delimiter, quotes respected. */
function fieldCounts(text: string, delimiter: string, records = 20): number[] {
	const counts: number[] = [];
	let fields = 1;
	let quoted = false;
	for (let i = 0; i < text.length && counts.length < records; i++) {
		const c = text[i]!;
		if (c === '"') quoted = !quoted;
		else if (!quoted && c === delimiter) fields++;
		else if (!quoted && (c === '\n' || c === '\r')) {
			if (c === '\r' && text[i + 1] === '\n') i++;
			counts.push(fields);
			fields = 1;
		}
	}
	if (counts.length < records) counts.push(fields);
	return counts.filter((n, i, all) => !(i === all.length - 1 && n === 1));
}

/** The delimiter that splits the first lines most consistently into more than one field. */
export function detectDelimiter(text: string): string {
	let best: string = ';';
	let bestScore = -1;
	for (const d of DELIMITERS) {
		const counts = fieldCounts(text, d);
		if (!counts.length || counts[0]! < 2) continue;
		const same = counts.filter((n) => n === counts[0]).length / counts.length;
		const score = same * 100 + Math.min(counts[0]!, 50);
		if (score > bestScore) {
			best = d;
			bestScore = score;
		}
	}
	return best;
}

/** RFC 4180 with the usual liberties: any line ending, a delimiter of choice, quotes doubled inside quotes. */
export function parseCsv(text: string, delimiter: string): SheetRow[] {
	const rows: SheetRow[] = [];
	let line = 1;
	let recordLine = 1;
	let field = '';
	let cells: string[] = [];
	let quoted = false;
	let quoteLine = 0;
	let fieldStarted = false;
	const endField = () => {
		cells.push(field);
		field = '';
		fieldStarted = false;
	};
	const endRecord = () => {
		endField();
		if (cells.some((c) => c.trim() !== '')) rows.push({ line: recordLine, cells });
		if (rows.length > MAX_ROWS + 1) throw new SpreadsheetError(`Die Datei hat mehr als ${MAX_ROWS} Zeilen. Bitte teilen Sie sie auf.`);
		cells = [];
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else {
				if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
				field += c;
			}
			continue;
		}
		if (c === '"' && !fieldStarted && field.trim() === '') {
			quoted = true;
			quoteLine = line;
			field = '';
			fieldStarted = true;
		} else if (c === delimiter) endField();
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			field += c;
			fieldStarted = true;
		}
	}
	if (quoted) throw new SpreadsheetError(`Zeile ${quoteLine}: Ein Anführungszeichen wird nicht geschlossen. Bitte prüfen Sie diese Zeile.`, quoteLine);
	if (field !== '' || cells.length) endRecord();
	return rows;
}

function uniqueHeaders(raw: string[]): string[] {
	const seen = new Map<string, number>();
	return raw.map((h, i) => {
		const name = h.trim() || `Spalte ${i + 1}`;
		const n = (seen.get(name) ?? 0) + 1;
		seen.set(name, n);
		return n === 1 ? name : `${name} (${n})`;
	});
}

function tableOf(all: SheetRow[]): { headers: string[]; rows: SheetRow[]; notes?: string[] } {
	const { header, first, last, notes } = tableBounds(all);
	const head = all[header];
	const body = all.slice(first, last);
	if (!head) throw new SpreadsheetError('Die Datei enthält keine Zeilen.');
	if (!body.length) throw new SpreadsheetError('Die Datei enthält nur eine Kopfzeile und keine Daten.');
	const headers = uniqueHeaders(head.cells);
	return { headers, rows: body.map((r) => ({ line: r.line, cells: headers.map((_, i) => (r.cells[i] ?? '').trim()) })), ...(notes.length ? { notes } : {}) };
}

const filled = (r: SheetRow | undefined) => (r ? r.cells.reduce((n, c) => n + (c.trim() ? 1 : 0), 0) : 0);

/**
 * Where the table is in a sheet as offices save them: a title and remarks above the header ("Tabelle 3:
 * Bevölkerung nach Stadtteilen", "Stand: 31.12.2018") and footnotes below ("Quelle: …", "1) ohne …").
 * The header is the first row with at least two filled cells that is followed by another such row
 * (within the first 20 rows); footnotes are the trailing rows with at most one filled cell. Both are
 * kept as notes for the preview, never read as data.
 */
export function tableBounds(rows: readonly SheetRow[]): { header: number; first: number; last: number; notes: string[] } {
	let header = 0;
	for (let i = 0; i < Math.min(20, rows.length - 1); i++)
		if (filled(rows[i]) >= 2 && filled(rows[i + 1]) >= 2) {
			header = i;
			break;
		}
	let last = rows.length;
	while (last > header + 2 && filled(rows[last - 1]) <= 1 && !/^[-+]?[\d.,\s]+$/.test(rows[last - 1]!.cells.join('').trim())) last--;
	const text = (r: SheetRow) => r.cells.map((c) => c.trim()).filter(Boolean).join(' ');
	const notes = [...rows.slice(0, header), ...rows.slice(last)].map(text).filter(Boolean);
	return { header, first: header + 1, last, notes };
}

export function readCsv(bytes: Uint8Array): Sheet {
	const { text, encoding } = decodeText(bytes);
	const clean = text.replace(/^\uFEFF/, '');
	// Excel writes and honours a first line "sep=;" naming the delimiter. It is no header: the table starts
	// on line 2, and the line numbers in messages stay those of the file.
	const hint = /^sep=(.)[ \t]*\r?\n/i.exec(clean);
	if (hint) {
		const delimiter = hint[1]!;
		// An empty first line is skipped by the parser and keeps the physical numbering.
		return { ...tableOf(parseCsv('\n' + clean.slice(hint[0].length), delimiter)), format: 'csv', encoding, delimiter };
	}
	const delimiter = detectDelimiter(clean);
	return { ...tableOf(parseCsv(clean, delimiter)), format: 'csv', encoding, delimiter };
}

/* ---------- XLSX ---------- */

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: '#text', parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false });

function parseXml(bytes: Uint8Array | undefined, what: string): Record<string, unknown> {
	if (!bytes) throw new SpreadsheetError(`Die Excel-Datei ist unvollständig (${what} fehlt).`);
	const text = strFromU8(bytes);
	// Entity declarations have no place in a workbook; refusing them rules out entity expansion attacks.
	if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new SpreadsheetError('Die Excel-Datei enthält unzulässige XML-Deklarationen.');
	return xml.parse(text) as Record<string, unknown>;
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Text of a shared or inline string: plain `<t>` or rich-text runs `<r><t>`. */
function stringItem(si: Record<string, unknown>): string {
	const t = (node: unknown): string => (typeof node === 'string' ? node : node && typeof node === 'object' ? String((node as Record<string, unknown>)['#text'] ?? '') : '');
	if (si.t !== undefined) return t(si.t);
	return list(si.r as Record<string, unknown>[]).map((r) => t(r.t)).join('');
}

function columnIndex(ref: string): number {
	const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n - 1;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

function isDateFormat(code: string): boolean {
	const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
	return /[dmyhs]/i.test(bare) && !/^[#0.,% ]*$/.test(bare);
}

/** Excel serial day → ISO date (1900 system with its phantom 29 Feb 1900, or 1904). */
export function excelDate(serial: number, date1904: boolean): string {
	const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
	const ms = Math.round((days - 25569) * 86400 * 1000);
	const d = new Date(ms);
	const iso = d.toISOString();
	return d.getUTCHours() || d.getUTCMinutes() ? iso.slice(0, 16) : iso.slice(0, 10);
}

function formatNumber(raw: string): string {
	const n = Number(raw);
	if (!Number.isFinite(n)) return raw;
	return String(Number(n.toPrecision(15)));
}

export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/**
 * Inflates the wanted parts of a zip, counting the bytes that actually come out: the sizes a zip declares
 * can be forged, so a small file that inflates to gigabytes (a zip bomb) is stopped on the way.
 */
export function unzipLimited(bytes: Uint8Array, wanted: (name: string) => boolean, limit = MAX_UNZIPPED_BYTES): Record<string, Uint8Array> {
	const parts = new Map<string, Uint8Array[]>();
	let total = 0;
	let tooBig = false;
	let broken = false;
	const unzip = new Unzip((file) => {
		if (!wanted(file.name) || tooBig) return;
		const chunks: Uint8Array[] = [];
		parts.set(file.name, chunks);
		file.ondata = (error, chunk) => {
			if (error) {
				broken = true;
				return;
			}
			total += chunk.length;
			if (total > limit) {
				tooBig = true;
				file.terminate();
				return;
			}
			chunks.push(chunk);
		};
		file.start();
	});
	unzip.register(UnzipInflate);
	try {
		unzip.push(bytes, true);
	} catch {
		broken = true;
	}
	if (tooBig) throw new SpreadsheetError('Die Excel-Datei ist entpackt größer als 50 MB.');
	if (broken) throw new SpreadsheetError('Die Datei lässt sich nicht als Excel-Datei (.xlsx) öffnen.');
	const out: Record<string, Uint8Array> = {};
	for (const [name, chunks] of parts) {
		const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
		let offset = 0;
		for (const c of chunks) {
			joined.set(c, offset);
			offset += c.length;
		}
		out[name] = joined;
	}
	return out;
}

export function readXlsx(bytes: Uint8Array): Sheet {
	const entries = unzipLimited(bytes, (name) => /^(xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)|\[Content_Types\]\.xml)$/.test(name));
	if (!entries['xl/workbook.xml']) throw new SpreadsheetError('Die Datei ist keine Excel-Tabelle (.xlsx). Bitte speichern Sie sie als .xlsx oder .csv.');
	const workbook = parseXml(entries['xl/workbook.xml'], 'Arbeitsmappe') as { workbook?: { sheets?: { sheet?: unknown }; workbookPr?: { date1904?: string } } };
	const date1904 = ['1', 'true'].includes(String(workbook.workbook?.workbookPr?.date1904 ?? ''));
	const firstSheet = list(workbook.workbook?.sheets?.sheet as Record<string, string>[])[0];
	if (!firstSheet) throw new SpreadsheetError('Die Excel-Datei enthält kein Tabellenblatt.');
	const rels = parseXml(entries['xl/_rels/workbook.xml.rels'], 'Verweise') as { Relationships?: { Relationship?: unknown } };
	const relId = firstSheet['r:id'] ?? Object.entries(firstSheet).find(([k]) => k.endsWith(':id'))?.[1];
	const target = list(rels.Relationships?.Relationship as Record<string, string>[]).find((r) => r.Id === relId)?.Target ?? 'worksheets/sheet1.xml';
	const sheetPath = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;

	const shared = entries['xl/sharedStrings.xml'] ? list(((parseXml(entries['xl/sharedStrings.xml'], 'Texte') as { sst?: { si?: unknown } }).sst?.si) as Record<string, unknown>[]).map(stringItem) : [];
	const dateStyles = new Set<number>();
	if (entries['xl/styles.xml']) {
		const styles = parseXml(entries['xl/styles.xml'], 'Formate') as { styleSheet?: { numFmts?: { numFmt?: unknown }; cellXfs?: { xf?: unknown } } };
		const custom = new Map(list(styles.styleSheet?.numFmts?.numFmt as Record<string, string>[]).map((f) => [Number(f.numFmtId), f.formatCode ?? '']));
		list(styles.styleSheet?.cellXfs?.xf as Record<string, string>[]).forEach((xf, i) => {
			const id = Number(xf.numFmtId ?? 0);
			if (BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dateStyles.add(i);
		});
	}
	const sheet = parseXml(entries[sheetPath], 'Tabellenblatt') as { worksheet?: { sheetData?: { row?: unknown } } };
	const rows: SheetRow[] = [];
	for (const row of list(sheet.worksheet?.sheetData?.row as Record<string, unknown>[])) {
		const cells: string[] = [];
		for (const c of list(row.c as Record<string, unknown>[])) {
			const ref = String(c.r ?? '');
			const index = ref ? columnIndex(ref) : cells.length;
			const type = String(c.t ?? 'n');
			const v = c.v === undefined ? '' : typeof c.v === 'object' ? String((c.v as Record<string, unknown>)['#text'] ?? '') : String(c.v);
			let value = '';
			if (type === 's') value = shared[Number(v)] ?? '';
			else if (type === 'inlineStr') value = c.is ? stringItem(c.is as Record<string, unknown>) : '';
			else if (type === 'str') value = v;
			else if (type === 'b') value = v === '1' ? 'WAHR' : 'FALSCH';
			else if (type === 'e') value = '';
			else if (v !== '') value = dateStyles.has(Number(c.s ?? 0)) ? excelDate(Number(v), date1904) : formatNumber(v);
			while (cells.length < index) cells.push('');
			cells[index] = value;
		}
		if (cells.some((x) => x.trim() !== '')) rows.push({ line: Number(row.r ?? rows.length + 1), cells });
		if (rows.length > MAX_ROWS + 1) throw new SpreadsheetError(`Die Tabelle hat mehr als ${MAX_ROWS} Zeilen. Bitte teilen Sie sie auf.`);
	}
	return { ...tableOf(rows), format: 'xlsx' };
}

/* ---------- writing ---------- */

/**
 * A cell that starts like a formula would run as one in Excel (CSV injection): it gets a leading
 * apostrophe. Phone numbers and negative numbers stay as they are.
 */
export function neutraliseFormula(value: string): string {
	if (!/^[=+\-@\t\r]/.test(value)) return value;
	if (/^[+-]?[\d\s()./-]+$/.test(value)) return value;
	return `'${value}`;
}

export function writeCsv(headers: string[], rows: string[][], delimiter: ';' | ',' = ';'): Uint8Array {
	const quote = (v: string) => {
		const safe = neutraliseFormula(v);
		return /["\r\n]/.test(safe) || safe.includes(delimiter) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	const text = [headers, ...rows].map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
	// With a byte order mark, Excel opens UTF-8 with umlauts intact.
	return strToU8('\uFEFF' + text);
}

const escapeXml = (s: string) =>
	s
		// eslint-disable-next-line no-control-regex -- characters XML 1.0 does not allow
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function columnName(i: number): string {
	let s = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

/** A minimal, valid workbook: one sheet, bold frozen header row, text cells, widths from the content. */
export function writeXlsx(sheetName: string, headers: string[], rows: string[][]): Uint8Array {
	const name = escapeXml(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Tabelle1');
	const widths = headers.map((h, i) => Math.min(60, Math.max(8, h.length, ...rows.slice(0, 200).map((r) => (r[i] ?? '').split('\n')[0]!.length)) + 2));
	const cell = (v: string, r: number, c: number, style = 0) =>
		v === '' ? '' : `<c r="${columnName(c)}${r}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
	const sheetRows = [headers, ...rows].map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => cell(v, ri + 1, ci, ri === 0 ? 1 : 0)).join('')}</row>`).join('');
	const files: Record<string, string> = {
		'[Content_Types].xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
		'_rels/.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
		'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
		'xl/styles.xml':
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>',
		'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols><sheetData>${sheetRows}</sheetData></worksheet>`
	};
	return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}
