import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FIELD_LABELS, TRANSLATABLE_FIELDS, type TranslatableField, type TranslatedTexts } from './content.ts';
import { checkMarkdown } from './markdown.ts';

/*
 * XLIFF, the exchange format of translation agencies. We write XLIFF 1.2 (read by Trados, memoQ, Across,
 * Phrase and OmegaT alike): one <file> per offer, one <trans-unit> per text. The text version the source
 * was taken from travels in the file's `product-version` attribute, which XLIFF 1.2 defines and the tools
 * keep, so a translation made from an older text is recognised as outdated on import. We read 1.2 and 2.x.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE_NAMES = new Intl.DisplayNames(['de'], { type: 'language' });
/** "ins Türkische", or "in die Sprache Dari" where German has no such form. */
function intoLanguage(code: string): string {
	const name = LANGUAGE_NAMES.of(code) ?? code;
	return /isch$/.test(name) ? `ins ${name}e` : `in die Sprache ${name || 'unbekannt'}`;
}

const escapeXml = (s: string) =>
	s
		// eslint-disable-next-line no-control-regex -- characters XML 1.0 does not allow
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
		.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface XliffUnitInput {
	offerId: string;
	textVersion: number;
	offerName: string;
	source: TranslatedTexts;
	existingTarget?: Partial<TranslatedTexts>;
}

export function buildXliff(input: { sourceLanguage: string; targetLanguage: string; municipalitySlug: string; units: XliffUnitInput[] }): string {
	const files = input.units.map((u) => {
		const units = TRANSLATABLE_FIELDS.filter((f) => u.source[f].trim())
			.map((f) => {
				const target = u.existingTarget?.[f];
				return [
					`<trans-unit id="${f}" resname="${f}">`,
					`<source xml:space="preserve">${escapeXml(u.source[f])}</source>`,
					// An earlier translation is offered for revision, not as final.
					target ? `<target xml:space="preserve" state="needs-review-translation">${escapeXml(target)}</target>` : '',
					`<note>${escapeXml(FIELD_LABELS[f] ?? f)}</note>`,
					'</trans-unit>'
				].join('');
			})
			.join('\n');
		return [
			`<file original="offer/${u.offerId}" source-language="${escapeXml(input.sourceLanguage)}" target-language="${escapeXml(input.targetLanguage)}" datatype="plaintext" product-name="Teilhabe" product-version="${u.textVersion}">`,
			`<header><note>${escapeXml(`Angebot „${u.offerName}“, Textfassung ${u.textVersion} (${input.municipalitySlug}). Markdown: Zeilen mit „- “ sind Aufzählungen, **fett** bleibt erhalten.`)}</note></header>`,
			`<body>\n${units}\n</body>`,
			'</file>'
		].join('\n');
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n${files.join('\n')}\n</xliff>\n`;
}

export interface ParsedUnit {
	offerId: string;
	textVersion: number;
	texts: Partial<TranslatedTexts>;
}

export type ParseResult = { ok: true; units: ParsedUnit[]; warnings: string[] } | { ok: false; errors: { message: string; line?: number }[] };

type Node = Record<string, unknown>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false, processEntities: true, htmlEntities: false });

/** preserveOrder output: [{ tag: [...children], ':@': {attrs} }, { '#text': '…' }] */
const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ':@') ?? '';
const childrenOf = (n: Node) => (n[tagOf(n)] as Node[]) ?? [];
const attrsOf = (n: Node) => (n[':@'] as Record<string, string>) ?? {};
const localName = (tag: string) => tag.replace(/^.*:/, '');
const find = (nodes: Node[], name: string) => nodes.filter((n) => localName(tagOf(n)) === name);

/** Text content with inline markup of the tools (<g>, <x/>, <ph>, <bpt>, <mrk>, <pc> …) reduced to its text. */
function textOf(nodes: Node[]): string {
	return nodes
		.map((n) => {
			const tag = tagOf(n);
			if (tag === '#text') return String(n['#text']);
			// Placeholders for codes in the source have no text of their own.
			if (['x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'sc', 'ec'].includes(localName(tag))) return '';
			return textOf(childrenOf(n));
		})
		.join('');
}

export function parseXliff(xml: string, expected: { targetLanguage: string }): ParseResult {
	if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, errors: [{ message: 'Die Datei enthält DOCTYPE- oder ENTITY-Deklarationen; solche Dateien nehmen wir aus Sicherheitsgründen nicht an.' }] };
	const valid = XMLValidator.validate(xml);
	if (valid !== true) return { ok: false, errors: [{ message: `Die Datei ist kein gültiges XML: ${valid.err.msg}`, line: valid.err.line }] };
	const doc = parser.parse(xml) as Node[];
	const root = find(doc, 'xliff')[0];
	if (!root) return { ok: false, errors: [{ message: 'Die Datei ist keine XLIFF-Datei.' }] };
	const version = attrsOf(root).version ?? '';
	const v2 = version.startsWith('2');
	const errors: { message: string }[] = [];
	const warnings: string[] = [];
	const units: ParsedUnit[] = [];
	const expectedName = LANGUAGE_NAMES.of(expected.targetLanguage) ?? expected.targetLanguage;
	const rootTarget = attrsOf(root).trgLang;
	for (const file of find(childrenOf(root), 'file')) {
		const attrs = attrsOf(file);
		const original = v2 ? (attrs.original ?? attrs.id ?? '') : (attrs.original ?? '');
		const offerId = /^offer\/(.+)$/.exec(original)?.[1] ?? '';
		if (!UUID.test(offerId)) {
			errors.push({ message: `Ein Abschnitt der Datei gehört zu keinem Angebot des Wegweisers („${original.slice(0, 80)}“).` });
			continue;
		}
		const target = (v2 ? rootTarget : attrs['target-language']) ?? '';
		if (target.toLowerCase().split('-')[0] !== expected.targetLanguage) {
			errors.push({ message: `Die Datei enthält Übersetzungen ${target ? intoLanguage(target.split('-')[0]!) : 'ohne Angabe der Zielsprache'}, erwartet wurde ${expectedName}.` });
			continue;
		}
		const versionAttr = v2 ? (attrs['th:text-version'] ?? attrs['product-version'] ?? '') : (attrs['product-version'] ?? '');
		const textVersion = /^\d{1,6}$/.test(versionAttr) ? Number(versionAttr) : NaN;
		if (!Number.isFinite(textVersion)) {
			errors.push({ message: `Beim Angebot ${offerId} fehlt die Textfassung (product-version). Bitte verwenden Sie eine aus Teilhabe exportierte Datei.` });
			continue;
		}
		const texts: Partial<TranslatedTexts> = {};
		const unitNodes = v2 ? find(childrenOf(file), 'unit') : find(childrenOf(find(childrenOf(file), 'body')[0] ?? {}), 'trans-unit');
		for (const unit of unitNodes) {
			const field = attrsOf(unit).id ?? '';
			if (!(TRANSLATABLE_FIELDS as readonly string[]).includes(field)) {
				errors.push({ message: `Angebot ${offerId}: unbekannter Text „${field.slice(0, 40)}“.` });
				continue;
			}
			const container = v2 ? childrenOf(unit).filter((n) => localName(tagOf(n)) === 'segment') : [unit];
			const targetText = container.map((c) => textOf(find(childrenOf(c), 'target').flatMap(childrenOf))).join('');
			const sourceText = container.map((c) => textOf(find(childrenOf(c), 'source').flatMap(childrenOf))).join('');
			const label = FIELD_LABELS[field] ?? field;
			if (!targetText.trim()) {
				warnings.push(`Angebot ${offerId}, ${label}: keine Übersetzung – übersprungen.`);
				continue;
			}
			if (targetText.trim() === sourceText.trim() && field !== 'feesDescription') warnings.push(`Angebot ${offerId}, ${label}: Die Übersetzung gleicht dem Ausgangstext.`);
			const problems = field === 'feesDescription' || field === 'name' ? [] : checkMarkdown(targetText);
			if (problems.length) {
				errors.push({ message: `Angebot ${offerId}, ${label}, Zeile ${problems[0]!.line}: ${problems[0]!.message}` });
				continue;
			}
			texts[field as TranslatableField] = targetText.trim();
		}
		if (Object.keys(texts).length) units.push({ offerId, textVersion, texts });
	}
	if (errors.length) return { ok: false, errors };
	return { ok: true, units, warnings };
}
