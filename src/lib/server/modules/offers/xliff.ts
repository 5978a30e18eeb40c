import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIELD_LABELS, TRANSLATABLE_FIELDS, type TranslatableField, type TranslatedTexts } from './content.ts';
import { checkMarkdown } from './markdown.ts';

/*
 * XLIFF, the exchange format of translation agencies.
 *
 * We write XLIFF 1.2, the version Trados, memoQ, Across, Phrase and OmegaT all read: one <file> per
 * offer (original="offer/<id>"), one <trans-unit> per non-empty text, id and resname = the field.
 *
 * The text version the source was taken from travels in the <file>'s `product-version` attribute.
 * XLIFF 1.2 defines that attribute, so the file stays valid against the strict 1.2 schema, and the tools
 * keep it because they write the translated file back from the original's skeleton. A namespaced
 * attribute (th:text-version) would not do: the 1.2 schema admits foreign attributes only with
 * processContents="strict", so tools that validate (Across, XLIFF checkers) reject a namespace they
 * have no schema for. On reading we also accept a `text-version` attribute in our namespace
 * (urn:teilhabe:xliff), because XLIFF 2.x has no product-version and allows such attributes.
 *
 * A translation that already exists goes out as <target state="needs-review-translation">: outdated,
 * to be revised. The same text also goes out as <alt-trans alttranstype="previous-version">, which the
 * tools show as a match and keep; on import it tells a revised translation from one nobody touched.
 *
 * We read 1.2 (and 1.0/1.1) and 2.x. Files with a DOCTYPE are refused outright: XLIFF needs none, and
 * a DTD is the door for entity expansion (billion laughs) and external entities (XXE).
 */

export interface XliffUnitInput {
	offerId: string;
	textVersion: number;
	offerName: string;
	source: TranslatedTexts;
	existingTarget?: Partial<TranslatedTexts>;
}

export interface XliffBuildInput {
	sourceLanguage: string;
	targetLanguage: string;
	municipalitySlug: string;
	units: XliffUnitInput[];
}

export interface ParsedXliffUnit {
	offerId: string;
	textVersion: number;
	texts: Partial<TranslatedTexts>;
}

export interface XliffError {
	message: string;
	line?: number;
}

export type XliffParseResult = { ok: true; units: ParsedXliffUnit[]; warnings: string[] } | { ok: false; errors: XliffError[] };

/** Namespace of the `text-version` attribute we accept on reading (see above). */
export const TEILHABE_XLIFF_NAMESPACE = 'urn:teilhabe:xliff';

const XLIFF_12_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2';
/** Texts rendered as Markdown (content.ts checks the same three); name and fees are plain text, shown escaped. */
const MARKDOWN_FIELDS: ReadonlySet<TranslatableField> = new Set(['description', 'applicationProcess', 'eligibilityDescription']);
/** Far above any real export (a few MB for thousands of offers), low enough not to tie up the server. */
const MAX_LENGTH = 50_000_000;
const MAX_ERRORS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_ITEM = /^[ \t]*(?:[-*]|\d{1,9}\.)[ \t]+\S/;

// ---------------------------------------------------------------------------------------------
// Writing

/** Everything XML 1.0 allows: tab, line feed, carriage return and the ranges without surrogates, U+FFFE and U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function cleanText(text: string): string {
	return text.replace(/\r\n?/g, '\n').replace(NOT_XML_CHAR, '');
}

function escapeText(text: string): string {
	return cleanText(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** In attributes line breaks and tabs must be references, or attribute normalisation turns them into spaces. */
function escapeAttribute(text: string): string {
	return escapeText(text).replace(/["\t\n]/g, (c) => (c === '"' ? '&quot;' : c === '\t' ? '&#9;' : '&#10;'));
}

function unitNote(field: TranslatableField): string {
	const label = FIELD_LABELS[field] ?? field;
	if (!MARKDOWN_FIELDS.has(field)) return `${label} (einfacher Text ohne Formatierung)`;
	return `${label} (Formatierung: **fett**, *kursiv*, Zeilen mit „- “ oder „1. “ sind Listen, [Linktext](Adresse) ist ein Link. Bitte Zeichen und Zeilenumbrüche beibehalten und Adressen nicht übersetzen.)`;
}

/** An XLIFF 1.2 document with one <file> per offer. Pure: the same input gives the same bytes. */
export function buildXliff(input: XliffBuildInput): string {
	const files = input.units.map((u) => {
		const units = TRANSLATABLE_FIELDS.filter((f) => u.source[f].trim() !== '').map((f) => {
			const previous = u.existingTarget?.[f]?.trim() ? u.existingTarget[f] : undefined;
			return [
				`<trans-unit id="${f}" resname="${f}">`,
				// Source and target on one line: tools and scripts that pair them textually find them together.
				`<source xml:space="preserve">${escapeText(u.source[f])}</source>` +
					(previous === undefined ? '' : `<target xml:space="preserve" state="needs-review-translation">${escapeText(previous)}</target>`),
				`<note from="Teilhabe">${escapeText(unitNote(f))}</note>`,
				previous === undefined ? '' : `<alt-trans alttranstype="previous-version" origin="Teilhabe"><target xml:space="preserve">${escapeText(previous)}</target></alt-trans>`,
				'</trans-unit>'
			]
				.filter(Boolean)
				.join('\n');
		});
		const header = `Teilhabe (${input.municipalitySlug}): Angebot „${u.offerName}“, Textfassung ${u.textVersion}. Bitte nur die Übersetzungen bearbeiten und Kennungen und Attribute unverändert lassen.`;
		return [
			`<file original="offer/${escapeAttribute(u.offerId)}" source-language="${escapeAttribute(input.sourceLanguage)}" target-language="${escapeAttribute(input.targetLanguage)}" datatype="plaintext" product-name="Teilhabe" product-version="${u.textVersion}">`,
			`<header><note from="Teilhabe">${escapeText(header)}</note></header>`,
			'<body>',
			...units,
			'</body>',
			'</file>'
		].join('\n');
	});
	return ['<?xml version="1.0" encoding="UTF-8"?>', `<xliff version="1.2" xmlns="${XLIFF_12_NAMESPACE}">`, ...files, '</xliff>', ''].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reading

interface El {
	name: string;
	local: string;
	attrs: Record<string, string>;
	children: (El | string)[];
	/** Offset of the start tag in the input, for line numbers. */
	offset: number | undefined;
}

type RawNode = Record<string, unknown>;

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	// Entities are decoded below: only the five of XML and character references, each exactly once.
	processEntities: false,
	htmlEntities: false,
	cdataPropName: '#cdata',
	captureMetaData: true
});

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** 1.2 states that say the target is a placeholder, not a translation. */
const UNTRANSLATED_STATES = new Set(['new', 'needs-translation']);
/** 1.2 states that say the target still has to be revised. */
const REVIEW_STATES = new Set(['needs-review-translation', 'needs-review-adaptation', 'needs-review-l10n', 'needs-adaptation', 'needs-l10n']);

interface UnitReading {
	field: string;
	offset: number | undefined;
	/** Offset of the <target> start tag: the text starts on its line. */
	targetOffset: number | undefined;
	source: string;
	/** null: no target at all. */
	target: string | null;
	/** Still marked as to be revised (1.2 needs-review-* and the like). */
	review: boolean;
	untranslated: boolean;
	/** The translation we sent for revision (our alt-trans), if the file still has it. */
	previous: string | null;
	incomplete: boolean;
}

/** Reads a translated XLIFF file (1.2 or 2.x) back; errors and warnings are in German for the editors. */
export function parseXliff(xml: string, expected: { targetLanguage: string }): XliffParseResult {
	const input = xml.replace(/^\uFEFF/, '');
	if (input.length > MAX_LENGTH) return { ok: false, errors: [{ message: 'Die Datei ist zu groß (höchstens 50 MB).' }] };
	const lineAt = lineFinder(input);
	const declaration = /<!(?:DOCTYPE|ENTITY)/i.exec(input);
	if (declaration) {
		return {
			ok: false,
			errors: [{ message: 'Die Datei enthält eine DOCTYPE- oder ENTITY-Deklaration. Solche Dateien nehmen wir aus Sicherheitsgründen nicht an; XLIFF braucht keine.', line: lineAt(declaration.index) }]
		};
	}
	const valid = XMLValidator.validate(input);
	if (valid !== true) return { ok: false, errors: [{ message: xmlErrorMessage(valid.err.code, valid.err.msg), line: valid.err.line }] };

	const errors: XliffError[] = [];
	const warnings: string[] = [];
	const error = (message: string, line?: number) => {
		if (errors.length < MAX_ERRORS && !errors.some((e) => e.message === message)) errors.push(line === undefined ? { message } : { message, line });
	};
	const warn = (message: string) => {
		if (warnings.length < MAX_ERRORS && !warnings.includes(message)) warnings.push(message);
	};

	let root: El | undefined;
	try {
		root = toTree(parser.parse(input) as RawNode[], (offset) => error('Die Datei enthält eine unbekannte Zeichenreferenz (erlaubt sind &amp;, &lt;, &gt;, &quot;, &apos; und &#…;).', offset === undefined ? undefined : lineAt(offset))).find(
			(n): n is El => typeof n !== 'string'
		);
	} catch {
		// Only pathological input gets here (e.g. nesting deep enough to exhaust the stack).
		return { ok: false, errors: [{ message: 'Die Datei konnte nicht gelesen werden.' }] };
	}
	if (!root || root.local !== 'xliff') return { ok: false, errors: [{ message: 'Die Datei ist keine XLIFF-Datei.', line: root ? lineAt(root.offset) : undefined }] };

	const version = (root.attrs.version ?? '').trim();
	const v2 = version ? /^2\.\d$/.test(version) : /:2\.\d$/.test(root.attrs.xmlns ?? '');
	if (version && !v2 && !/^1\.[0-2]$/.test(version)) return { ok: false, errors: [{ message: `XLIFF in der Version ${version.slice(0, 10)} können wir nicht lesen (möglich: 1.2, 2.0, 2.1).`, line: lineAt(root.offset) }] };

	const expectedLanguage = primaryLanguage(expected.targetLanguage);
	const byOffer = new Map<string, ParsedXliffUnit>();
	for (const file of childElements(root, 'file')) {
		const fileLine = lineAt(file.offset);
		const original = (v2 ? (file.attrs.original ?? file.attrs.id) : file.attrs.original)?.trim() ?? '';
		const id = /^offer\/(.*)$/.exec(original)?.[1] ?? '';
		if (!UUID.test(id)) {
			error(`Ein Abschnitt der Datei gehört zu keinem Angebot aus Teilhabe (original="${shorten(original)}", erwartet „offer/“ und die Kennung des Angebots).`, fileLine);
			continue;
		}
		const offerId = id.toLowerCase();

		const languageTag = (v2 ? root.attrs.trgLang : file.attrs['target-language']) ?? firstTargetLanguage(file) ?? '';
		const language = primaryLanguage(languageTag);
		if (language !== expectedLanguage) {
			error(
				language
					? `Die Datei enthält Übersetzungen ${intoLanguage(language)}, erwartet wurde ${languageName(expectedLanguage)}.`
					: `Die Datei nennt keine Zielsprache (target-language), erwartet wurde ${languageName(expectedLanguage)}.`,
				fileLine
			);
			continue;
		}

		const textVersion = readTextVersion(file, root);
		if (textVersion === null) {
			error(`Angebot ${offerId}: Die Textfassung (product-version) fehlt oder ist ungültig. Bitte liefern Sie die Übersetzung in der aus Teilhabe exportierten Datei zurück.`, fileLine);
			continue;
		}
		if (textVersion === 'conflict') {
			error(`Angebot ${offerId}: Die Datei nennt zwei verschiedene Textfassungen.`, fileLine);
			continue;
		}

		const readings = v2 ? units20(file) : units12(file);
		const texts: Partial<TranslatedTexts> = {};
		const seen = new Set<string>();
		const unrevised: string[] = [];
		for (const unit of readings) {
			const line = lineAt(unit.offset);
			const targetLine = lineAt(unit.targetOffset);
			const field = unit.field as TranslatableField;
			const label = FIELD_LABELS[field] ?? field;
			const where = `Angebot ${offerId}, ${label}`;
			if (!(TRANSLATABLE_FIELDS as readonly string[]).includes(unit.field)) {
				error(`Angebot ${offerId}: unbekannter Text „${shorten(unit.field)}“. Die Datei passt nicht zu Teilhabe.`, line);
				continue;
			}
			if (seen.has(field)) {
				error(`${where}: Der Text steht zweimal in der Datei.`, line);
				continue;
			}
			seen.add(field);
			const target = unit.target === null ? '' : cleanText(unit.target).trim();
			if (unit.untranslated || unit.incomplete || !target) {
				if (unit.previous !== null) unrevised.push(label);
				else warn(`${where}: ${unit.incomplete ? 'nur teilweise übersetzt' : 'keine Übersetzung'} – übersprungen.`);
				continue;
			}
			if (unit.review) {
				if (unit.previous !== null && cleanText(unit.previous).trim() === target) {
					unrevised.push(label);
					continue;
				}
				// Without our alt-trans we cannot tell a revision from an untouched text.
				if (unit.previous === null) warn(`${where}: Die Übersetzung ist in der Datei noch als „zu prüfen“ markiert. Bitte prüfen Sie, ob sie überarbeitet wurde.`);
			}
			const source = cleanText(unit.source).trim();
			if (target === source) warn(`${where}: Die Übersetzung ist gleich dem Ausgangstext.`);
			if (MARKDOWN_FIELDS.has(field)) {
				const problems = checkMarkdown(target);
				for (const p of problems) error(`${where}, Zeile ${p.line} des Textes: ${p.message}`, targetLine === undefined ? undefined : targetLine + p.line - 1);
				if (problems.length) continue;
				const listItems = (s: string) => s.split('\n').filter((l) => LIST_ITEM.test(l)).length;
				if (listItems(source) !== listItems(target)) warn(`${where}: Die Übersetzung hat ${listItems(target)} Listenpunkte, der Ausgangstext ${listItems(source)}.`);
			}
			texts[field] = target;
		}
		if (unrevised.length) {
			// Saving the rest would mark the whole translation as current while these texts are still the old ones.
			warn(`Angebot ${offerId}: ${unrevised.join(', ')} noch nicht überarbeitet – das Angebot wird nicht übernommen und bleibt als veraltet markiert.`);
			continue;
		}
		if (!Object.keys(texts).length) continue;
		const before = byOffer.get(offerId);
		if (before && before.textVersion !== textVersion) {
			error(`Angebot ${offerId} steht mit verschiedenen Textfassungen in der Datei.`, fileLine);
			continue;
		}
		if (before && Object.keys(texts).some((f) => f in before.texts)) {
			error(`Angebot ${offerId}: Derselbe Text steht zweimal in der Datei.`, fileLine);
			continue;
		}
		byOffer.set(offerId, { offerId, textVersion, texts: { ...before?.texts, ...texts } });
	}
	if (errors.length) return { ok: false, errors };
	return { ok: true, units: [...byOffer.values()], warnings };
}

// ---------------------------------------------------------------------------------------------
// XLIFF 1.2

/** Trans-units anywhere in the body, also inside <group>. */
function units12(file: El): UnitReading[] {
	const out: UnitReading[] = [];
	const walk = (el: El) => {
		for (const child of childElements(el)) {
			if (child.local === 'group') {
				if (child.attrs.translate !== 'no') walk(child);
			} else if (child.local === 'trans-unit' && child.attrs.translate !== 'no') {
				out.push(unit12(child));
			}
		}
	};
	for (const body of childElements(file, 'body')) walk(body);
	return out;
}

function unit12(unit: El): UnitReading {
	const id = unit.attrs.id ?? '';
	const resname = unit.attrs.resname ?? '';
	// Some tools renumber ids; the resname we wrote then still names the field.
	const field = isField(id) || !isField(resname) ? id : resname;
	const source = childElements(unit, 'source')[0];
	// Only the unit's own <target>: those in <alt-trans> are proposals, not the translation.
	const target = childElements(unit, 'target')[0];
	const state = target?.attrs.state?.trim() ?? '';
	const previous = childElements(unit, 'alt-trans').find((a) => a.attrs.alttranstype === 'previous-version' && a.attrs.origin === 'Teilhabe');
	const previousTarget = previous ? childElements(previous, 'target')[0] : undefined;
	return {
		field,
		offset: unit.offset,
		targetOffset: target?.offset,
		source: source ? text12(source) : '',
		target: target ? text12(target) : null,
		review: REVIEW_STATES.has(state),
		untranslated: UNTRANSLATED_STATES.has(state),
		previous: previousTarget ? text12(previousTarget) : null,
		incomplete: false
	};
}

/**
 * Text of a 1.2 <source>/<target>. <g>, <mrk> and <sub> wrap text; <ph>, <bpt>, <ept> and <it> hold the
 * native code, which for datatype="plaintext" is the literal text it stands for; <x/>, <bx/>, <ex/> are
 * empty. So the text content, tags dropped, is exactly what merging the file back would produce.
 */
function text12(el: El): string {
	return el.children.map((c) => (typeof c === 'string' ? c : text12(c))).join('');
}

// ---------------------------------------------------------------------------------------------
// XLIFF 2.x

function units20(file: El): UnitReading[] {
	const out: UnitReading[] = [];
	const walk = (el: El) => {
		for (const child of childElements(el)) {
			if (child.local === 'group') {
				if (child.attrs.translate !== 'no') walk(child);
			} else if (child.local === 'unit' && child.attrs.translate !== 'no') {
				out.push(unit20(child));
			}
		}
	};
	walk(file);
	return out;
}

function unit20(unit: El): UnitReading {
	const id = unit.attrs.id ?? '';
	const name = unit.attrs.name ?? '';
	const field = isField(id) || !isField(name) ? id : name;
	const data = new Map<string, string>();
	for (const od of childElements(unit, 'originalData')) for (const d of childElements(od, 'data')) if (d.attrs.id) data.set(d.attrs.id, text20(d, new Map()));
	let source = '';
	let target = '';
	let translated = 0;
	let missing = 0;
	let firstTarget: El | undefined;
	for (const part of childElements(unit)) {
		if (part.local !== 'segment' && part.local !== 'ignorable') continue;
		const s = childElements(part, 'source')[0];
		const t = childElements(part, 'target')[0];
		const sourceText = s ? text20(s, data) : '';
		source += sourceText;
		if (t) {
			firstTarget ??= t;
			target += text20(t, data);
			if (part.local === 'segment') translated++;
		} else if (part.local === 'ignorable') {
			// Whitespace between segments: without a target it stays as in the source.
			target += sourceText;
		} else if (sourceText.trim()) {
			missing++;
		}
	}
	return {
		field,
		offset: unit.offset,
		targetOffset: firstTarget?.offset,
		source,
		target: translated ? target : null,
		review: false,
		untranslated: false,
		previous: null,
		incomplete: translated > 0 && missing > 0
	};
}

/** Text of a 2.x <source>/<target>: <pc> and <mrk> wrap text; codes (<ph/>, <sc/>, <ec/>, <pc>'s ends) stand for their originalData. */
function text20(el: El, data: Map<string, string>): string {
	const ref = (id: string | undefined) => (id ? (data.get(id) ?? '') : '');
	return el.children
		.map((c) => {
			if (typeof c === 'string') return c;
			if (c.local === 'pc') return ref(c.attrs.dataRefStart) + text20(c, data) + ref(c.attrs.dataRefEnd);
			if (c.local === 'ph' || c.local === 'sc' || c.local === 'ec') return ref(c.attrs.dataRef);
			// <cp> stands for a character XML cannot carry; such characters have no place in an offer's text.
			if (c.local === 'cp' || c.local === 'sm' || c.local === 'em') return '';
			return text20(c, data);
		})
		.join('');
}

// ---------------------------------------------------------------------------------------------
// Helpers

function lineFinder(input: string): (offset: number | undefined) => number | undefined {
	const breaks: number[] = [];
	for (let i = input.indexOf('\n'); i !== -1; i = input.indexOf('\n', i + 1)) breaks.push(i);
	const lineAt = (offset: number | undefined) => {
		if (offset === undefined) return undefined;
		let lo = 0;
		let hi = breaks.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (breaks[mid]! < offset) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
	return lineAt;
}

function isField(value: string): boolean {
	return (TRANSLATABLE_FIELDS as readonly string[]).includes(value);
}

function childElements(el: El, local?: string): El[] {
	return el.children.filter((c): c is El => typeof c !== 'string' && (local === undefined || c.local === local));
}

function localName(name: string): string {
	return name.slice(name.indexOf(':') + 1);
}

/** The parser's preserveOrder output as a plain tree, with entities and character references decoded. */
function toTree(nodes: RawNode[], unknownEntity: (offset: number | undefined) => void, parentOffset?: number): (El | string)[] {
	const out: (El | string)[] = [];
	for (const node of nodes) {
		const name = Object.keys(node).find((k) => k !== ':@') ?? '';
		const offset = ((node as Record<symbol, unknown>)[META] as { startIndex?: number } | undefined)?.startIndex ?? parentOffset;
		if (name === '#text') {
			out.push(decode(String(node['#text']), () => unknownEntity(offset)));
		} else if (name === '#cdata') {
			out.push(((node['#cdata'] as RawNode[]) ?? []).map((t) => String(t['#text'] ?? '')).join(''));
		} else if (name && !name.startsWith('?')) {
			const rawAttrs = (node[':@'] as Record<string, unknown> | undefined) ?? {};
			const attrs: Record<string, string> = {};
			for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = decode(String(v), () => unknownEntity(offset));
			out.push({ name, local: localName(name), attrs, children: toTree((node[name] as RawNode[]) ?? [], unknownEntity, offset), offset });
		}
	}
	return out;
}

function decode(text: string, unknown: () => void): string {
	return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);|&/g, (whole, ref: string | undefined) => {
		if (!ref) {
			unknown();
			return whole;
		}
		if (ref.startsWith('#')) {
			const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
			const char = code <= 0x10ffff ? String.fromCodePoint(code) : '';
			// References to characters XML does not allow (e.g. &#0;) are dropped like the characters themselves.
			return char.replace(NOT_XML_CHAR, '');
		}
		const named = NAMED_ENTITIES[ref];
		if (named === undefined) unknown();
		return named ?? whole;
	});
}

function readTextVersion(file: El, root: El): number | null | 'conflict' {
	const namespaces = { ...xmlns(root), ...xmlns(file) };
	const values = new Set<string>();
	for (const [name, value] of Object.entries(file.attrs)) {
		if (name === 'product-version') values.add(value.trim());
		const colon = name.indexOf(':');
		if (colon > 0 && name.slice(colon + 1) === 'text-version' && namespaces[name.slice(0, colon)] === TEILHABE_XLIFF_NAMESPACE) values.add(value.trim());
	}
	if (values.size > 1) return 'conflict';
	const [value] = values;
	return value !== undefined && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

function xmlns(el: El): Record<string, string> {
	return Object.fromEntries(Object.entries(el.attrs).flatMap(([k, v]) => (k.startsWith('xmlns:') ? [[k.slice(6), v]] : [])));
}

/** A 1.2 file without target-language may still say it on its targets. */
function firstTargetLanguage(file: El): string | undefined {
	const stack = [...childElements(file)];
	while (stack.length) {
		const el = stack.pop()!;
		if (el.local === 'target' && el.attrs['xml:lang']) return el.attrs['xml:lang'];
		if (el.local !== 'alt-trans') stack.push(...childElements(el));
	}
	return undefined;
}

function primaryLanguage(tag: string): string {
	return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['de'], { type: 'language', fallback: 'none' });

function languageName(code: string): string {
	try {
		return LANGUAGE_NAMES.of(code) ?? `„${shorten(code)}“`;
	} catch {
		// Not even shaped like a language code.
		return `„${shorten(code)}“`;
	}
}

/** "ins Russische"; names without the adjective form: "in die Sprache Dari". */
function intoLanguage(code: string): string {
	const name = languageName(code);
	return /sch$/.test(name) ? `ins ${name}e` : `in die Sprache ${name}`;
}

function shorten(text: string, max = 60): string {
	const clean = text.replace(/\s+/g, ' ');
	return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

/** The validator's English message with a German lead, so the editors know what kind of problem it is. */
function xmlErrorMessage(code: string, detail: string): string {
	const lead =
		code === 'InvalidTag'
			? 'Ein Element ist nicht richtig geöffnet oder geschlossen'
			: code === 'InvalidAttr'
				? 'Ein Attribut ist fehlerhaft'
				: code === 'InvalidChar'
					? 'Die Datei enthält ein Zeichen an einer Stelle, an der es nicht stehen darf'
					: 'Die Datei ist kein gültiges XML';
	return `${lead}. Die Datei ist vermutlich beschädigt oder unvollständig; bitte exportieren Sie sie erneut aus dem Übersetzungsprogramm. (Details: ${shorten(detail, 200)})`;
}
