import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildXliff, parseXliff, type XliffParseResult } from './xliff.ts';
import type { TranslatedTexts } from './content.ts';

const ID = '0b5e7e5a-1111-4222-8333-944455556666';
const OTHER = 'a3c1d2e4-5f60-4718-8a9b-0c1d2e3f4a5b';

const source: TranslatedTexts = {
	name: 'Sprachcafé „Miteinander“ & Begegnung',
	description: 'Wir üben **Deutsch** bei Tee & Kuchen, für alle mit A1 < B1.\nJeden Dienstag.\n\n- Anfänger\n- Fortgeschrittene\n\nInfos: [Anmeldung](https://example.org/a?b=1&c=2)',
	applicationProcess: 'Einfach vorbeikommen.',
	eligibilityDescription: '',
	feesDescription: 'kostenlos, Spende < 5 € willkommen'
};

const decodeXml = (s: string) => s.replace(/&(lt|gt|quot|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[e]!);
const encodeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Does what a translation tool does: puts a target after every source (replacing an old one), with a translation function. */
function fill(xml: string, f: (source: string, field: string) => string | null, state = 'translated'): string {
	return xml.replace(
		/<trans-unit id="(\w+)"([^>]*)>\n<source xml:space="preserve">([\s\S]*?)<\/source>(?:<target[^>]*>[\s\S]*?<\/target>)?/g,
		(_m, field: string, attrs: string, s: string) => {
			const t = f(decodeXml(s), field);
			return `<trans-unit id="${field}"${attrs}>\n<source xml:space="preserve">${s}</source>${t === null ? '' : `<target xml:space="preserve" state="${state}">${encodeXml(t)}</target>`}`;
		}
	);
}

function errorsOf(result: XliffParseResult): string {
	expect(result.ok).toBe(false);
	return result.ok ? '' : result.errors.map((e) => `${e.line ? `Zeile ${e.line}: ` : ''}${e.message}`).join('\n');
}

const xliff12 = (file: string, attrs = `original="offer/${ID}" source-language="de" target-language="tr" datatype="plaintext" product-version="3"`) =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file ${attrs}>\n<body>\n${file}\n</body>\n</file>\n</xliff>\n`;

describe('buildXliff', () => {
	const xml = buildXliff({
		sourceLanguage: 'de',
		targetLanguage: 'ar',
		municipalitySlug: 'bottrop',
		units: [
			{ offerId: ID, textVersion: 7, offerName: 'Sprachcafé „Miteinander“ & Begegnung', source, existingTarget: { name: 'مقهى اللغة', applicationProcess: '' } },
			{ offerId: OTHER, textVersion: 1, offerName: 'Nähcafé', source: { ...source, name: 'Nähcafé\u0000\u0007\uFFFE\uD800' } }
		]
	});

	it('is well-formed XLIFF 1.2 with one file per offer, carrying the version in product-version', () => {
		expect(XMLValidator.validate(xml)).toBe(true);
		expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n/);
		expect(xml).toContain(`<file original="offer/${ID}" source-language="de" target-language="ar" datatype="plaintext" product-name="Teilhabe" product-version="7">`);
		expect(xml).toContain(`<file original="offer/${OTHER}" source-language="de" target-language="ar" datatype="plaintext" product-name="Teilhabe" product-version="1">`);
		expect(xml).toContain('<header><note from="Teilhabe">Teilhabe (bottrop): Angebot „Sprachcafé „Miteinander“ &amp; Begegnung“, Textfassung 7.');
		// no foreign attributes: the strict 1.2 schema would refuse them
		expect(xml).not.toMatch(/ (?!xml:)[\w-]+:[\w-]+="/);
	});

	it('writes one unit per non-empty text with the German label as a note, escaped', () => {
		expect(xml.match(/<trans-unit /g)).toHaveLength(8);
		expect(xml).not.toContain('eligibilityDescription');
		expect(xml).toContain('<trans-unit id="name" resname="name">\n<source xml:space="preserve">Sprachcafé „Miteinander“ &amp; Begegnung</source>');
		expect(xml).toContain('für alle mit A1 &lt; B1.\nJeden Dienstag.\n\n- Anfänger\n- Fortgeschrittene');
		expect(xml).toContain('[Anmeldung](https://example.org/a?b=1&amp;c=2)');
		expect(xml).toContain('<note from="Teilhabe">Titel des Angebots (einfacher Text ohne Formatierung)</note>');
		expect(xml).toMatch(/<note from="Teilhabe">Beschreibung \(Formatierung: \*\*fett\*\*/);
		expect(xml).toContain('<note from="Teilhabe">So nehmen Sie teil (');
		expect(xml).toContain('<note from="Teilhabe">Kosten (Erläuterung) (');
	});

	it('offers an existing translation for revision: needs-review-translation, and the same text as previous version', () => {
		expect(xml).toContain(
			'<source xml:space="preserve">Sprachcafé „Miteinander“ &amp; Begegnung</source><target xml:space="preserve" state="needs-review-translation">مقهى اللغة</target>'
		);
		expect(xml).toContain('<alt-trans alttranstype="previous-version" origin="Teilhabe"><target xml:space="preserve">مقهى اللغة</target></alt-trans>');
		// an empty earlier text is no translation; the other offer has none at all
		expect(xml.match(/<target /g)).toHaveLength(2);
	});

	it('drops characters XML 1.0 does not allow', () => {
		expect(xml).toContain('<source xml:space="preserve">Nähcafé</source>');
	});

	it('an empty export is still a readable document', () => {
		const empty = buildXliff({ sourceLanguage: 'de', targetLanguage: 'tr', municipalitySlug: 'b', units: [] });
		expect(XMLValidator.validate(empty)).toBe(true);
		expect(parseXliff(empty, { targetLanguage: 'tr' })).toEqual({ ok: true, units: [], warnings: [] });
	});
});

describe('round trip', () => {
	const translations: Record<string, string> = {
		name: 'مقهى اللغة „معاً“ & لقاء',
		description: 'نتمرن على **الألمانية** مع الشاي & الكعك، للجميع من A1 < B1.\nكل يوم ثلاثاء.\n\n- للمبتدئين\n- للمتقدمين\n\nمعلومات: [التسجيل](https://example.org/a?b=1&c=2)',
		applicationProcess: 'تعال ببساطة. "مرحباً" \'بالجميع\'',
		feesDescription: 'مجاني، تبرع < 5 € مرحب به'
	};

	it('Arabic: line breaks, list markers, &, <, quotes and links come back exactly', () => {
		const xml = buildXliff({ sourceLanguage: 'de', targetLanguage: 'ar', municipalitySlug: 'bottrop', units: [{ offerId: ID, textVersion: 3, offerName: 'x', source }] });
		const parsed = parseXliff(
			fill(xml, (_s, field) => translations[field]!),
			{ targetLanguage: 'ar' }
		);
		expect(parsed).toEqual({ ok: true, warnings: [], units: [{ offerId: ID, textVersion: 3, texts: translations }] });
	});

	it('Farsi with zero-width non-joiners, Turkish and Ukrainian with umlauts of their own, several offers', () => {
		const fa = 'ما با هم آلمانی تمرین می‌کنیم.\n\n1. ثبت‌نام\n2. شرکت';
		const xml = buildXliff({
			sourceLanguage: 'de',
			targetLanguage: 'fa',
			municipalitySlug: 'b',
			units: [
				{ offerId: ID, textVersion: 2, offerName: 'a', source: { ...source, description: 'Wir üben zusammen Deutsch.\n\n1. Anmelden\n2. Teilnehmen' } },
				{ offerId: OTHER, textVersion: 5, offerName: 'b', source: { name: 'Nähcafé', description: 'Gemeinsam nähen und plaudern.', applicationProcess: '', eligibilityDescription: '', feesDescription: '' } }
			]
		});
		const parsed = parseXliff(
			fill(xml, (s, field) => (field === 'description' && s.startsWith('Wir') ? fa : field === 'name' ? `ف: ${s}` : s.startsWith('Gemeinsam') ? 'با هم خیاطی.' : null)),
			{ targetLanguage: 'fa' }
		);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.units).toEqual([
			{ offerId: ID, textVersion: 2, texts: { name: `ف: ${source.name}`, description: fa } },
			{ offerId: OTHER, textVersion: 5, texts: { name: 'ف: Nähcafé', description: 'با هم خیاطی.' } }
		]);
		// units the tool left without a target are skipped, and said so
		expect(parsed.warnings).toEqual([
			`Angebot ${ID}, So nehmen Sie teil: keine Übersetzung – übersprungen.`,
			`Angebot ${ID}, Kosten (Erläuterung): keine Übersetzung – übersprungen.`
		]);
	});

	it('an empty target and a target equal to the source are warnings, not errors', () => {
		const xml = buildXliff({ sourceLanguage: 'de', targetLanguage: 'tr', municipalitySlug: 'b', units: [{ offerId: ID, textVersion: 1, offerName: 'x', source }] });
		const parsed = parseXliff(
			fill(xml, (s, field) => (field === 'name' ? s : field === 'applicationProcess' ? '   ' : field === 'description' ? 'Almanca pratik yapıyoruz.\n\n- Başlangıç' : 'ücretsiz')),
			{ targetLanguage: 'tr' }
		);
		expect(parsed).toEqual({
			ok: true,
			units: [{ offerId: ID, textVersion: 1, texts: { name: source.name, description: 'Almanca pratik yapıyoruz.\n\n- Başlangıç', feesDescription: 'ücretsiz' } }],
			warnings: [
				`Angebot ${ID}, Titel des Angebots: Die Übersetzung ist gleich dem Ausgangstext.`,
				`Angebot ${ID}, Beschreibung: Die Übersetzung hat 1 Listenpunkte, der Ausgangstext 2.`,
				`Angebot ${ID}, So nehmen Sie teil: keine Übersetzung – übersprungen.`
			]
		});
	});
});

describe('revising an outdated translation', () => {
	const old = { name: 'Dil kafesi', description: 'Eski açıklama, hâlâ geçerli mi?' };
	const xml = buildXliff({ sourceLanguage: 'de', targetLanguage: 'tr', municipalitySlug: 'b', units: [{ offerId: ID, textVersion: 4, offerName: 'x', source: { ...source, description: 'Wir üben zusammen Deutsch bei Tee.', applicationProcess: '', feesDescription: '' }, existingTarget: old }] });
	/** Edits a target in place, leaving its state attribute as the tool found it (as OmegaT does). */
	const editInPlace = (x: string, from: string, to: string) => x.replace(`state="needs-review-translation">${from}</target>`, `state="needs-review-translation">${to}</target>`);

	it('returned untouched: the offer is not taken over and stays outdated', () => {
		const parsed = parseXliff(xml, { targetLanguage: 'tr' });
		expect(parsed).toEqual({
			ok: true,
			units: [],
			warnings: [`Angebot ${ID}: Titel des Angebots, Beschreibung noch nicht überarbeitet – das Angebot wird nicht übernommen und bleibt als veraltet markiert.`]
		});
	});

	it('one text revised, the other untouched: still not taken over, or the old text would count as current', () => {
		const parsed = parseXliff(editInPlace(xml, old.name, 'Dil kafesi ve buluşma'), { targetLanguage: 'tr' });
		expect(parsed).toMatchObject({ ok: true, units: [], warnings: [expect.stringMatching(/Beschreibung noch nicht überarbeitet/)] });
	});

	it('edited in place (state left as it was) or confirmed unchanged (state set to translated): taken over', () => {
		const edited = editInPlace(editInPlace(xml, old.name, 'Dil kafesi ve buluşma'), old.description, 'Yeni açıklama: birlikte Almanca.');
		expect(parseXliff(edited, { targetLanguage: 'tr' })).toEqual({
			ok: true,
			warnings: [],
			units: [{ offerId: ID, textVersion: 4, texts: { name: 'Dil kafesi ve buluşma', description: 'Yeni açıklama: birlikte Almanca.' } }]
		});
		const confirmed = xml.replaceAll('state="needs-review-translation"', 'state="signed-off"');
		expect(parseXliff(confirmed, { targetLanguage: 'tr' })).toEqual({ ok: true, warnings: [], units: [{ offerId: ID, textVersion: 4, texts: old }] });
	});

	it('a tool that drops the previous version: taken over, with a warning to check', () => {
		const parsed = parseXliff(xml.replace(/<alt-trans[\s\S]*?<\/alt-trans>\n/g, ''), { targetLanguage: 'tr' });
		expect(parsed).toEqual({
			ok: true,
			units: [{ offerId: ID, textVersion: 4, texts: old }],
			warnings: [
				`Angebot ${ID}, Titel des Angebots: Die Übersetzung ist in der Datei noch als „zu prüfen“ markiert. Bitte prüfen Sie, ob sie überarbeitet wurde.`,
				`Angebot ${ID}, Beschreibung: Die Übersetzung ist in der Datei noch als „zu prüfen“ markiert. Bitte prüfen Sie, ob sie überarbeitet wurde.`
			]
		});
	});
});

describe('files as the tools write them', () => {
	it('XLIFF 1.2 from OmegaT/Trados: CRLF, groups, <g>/<x/>/<ph>/<mrk>, approved, alt-trans proposals, state="new"', () => {
		const file = [
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">',
			`<file original="offer/${ID.toUpperCase()}" source-language="de-DE" target-language="fa-IR" datatype="plaintext" product-name="Teilhabe" product-version="2" tool-id="omegat" sdl:ref="x">`,
			'<header><tool tool-id="omegat" tool-name="OmegaT" tool-version="6.0.1"/><note from="Teilhabe">Teilhabe (b): Angebot</note></header>',
			'<body>',
			'<group id="g1" resname="texte">',
			'<trans-unit id="name" resname="name" approved="yes"><source xml:space="preserve">Sprachcafé</source><target xml:space="preserve" state="translated"><g id="1" ctype="bold">کافه</g> زبان</target>',
			'<note from="Teilhabe">Titel des Angebots</note>',
			'<alt-trans origin="MT" match-quality="70"><source>Sprachcafé</source><target xml:lang="fa-IR">قدیمی</target></alt-trans></trans-unit>',
			'</group>',
			'<trans-unit id="tu-17" resname="description"><source xml:space="preserve">Wir sprechen Deutsch.\r\n\r\n- dienstags</source>',
			'<seg-source><mrk mtype="seg" mid="1">Wir sprechen Deutsch.</mrk>\r\n\r\n- <mrk mtype="seg" mid="2">dienstags</mrk></seg-source>',
			'<target xml:space="preserve" state="final"><mrk mtype="seg" mid="1">ما <x id="2"/>آلمانی صحبت می‌کنیم.</mrk>\r\n\r\n- <mrk mtype="seg" mid="2"><ph id="3">**</ph>سه‌شنبه‌ها<ph id="4">**</ph></mrk></target></trans-unit>',
			'<trans-unit id="applicationProcess"><source>Einfach kommen.</source><target state="new">Einfach kommen.</target></trans-unit>',
			'<trans-unit id="feesDescription" translate="no"><source>kostenlos</source><target>kostenlos</target></trans-unit>',
			'</body></file></xliff>'
		].join('\r\n');
		const parsed = parseXliff(file, { targetLanguage: 'fa' });
		expect(parsed).toEqual({
			ok: true,
			units: [{ offerId: ID, textVersion: 2, texts: { name: 'کافه زبان', description: 'ما آلمانی صحبت می‌کنیم.\n\n- **سه‌شنبه‌ها**' } }],
			warnings: [`Angebot ${ID}, So nehmen Sie teil: keine Übersetzung – übersprungen.`]
		});
	});

	it('XLIFF 2.0: segments, ignorables, <pc>/<ph> with original data, our namespaced version', () => {
		const file = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="uk-UA" xmlns:th="urn:teilhabe:xliff">
<file id="f1" original="offer/${ID}" th:text-version="5">
<unit id="name"><segment state="final"><source>Sprachcafé</source><target>Мовне <pc id="1">кафе</pc></target></segment></unit>
<unit id="description">
<originalData><data id="d1">**</data></originalData>
<segment><source>Wir üben Deutsch.</source><target>Ми вчимо <ph id="1" dataRef="d1"/>німецьку<ph id="2" dataRef="d1"/>.</target></segment>
<ignorable><source>

</source></ignorable>
<segment state="translated"><source>- dienstags</source><target>- щовівторка</target></segment>
</unit>
<unit id="applicationProcess"><segment><source>Kommen Sie.</source><target>Приходьте.</target></segment><segment><source>Ohne Anmeldung.</source></segment></unit>
</file></xliff>`;
		expect(parseXliff(file, { targetLanguage: 'uk' })).toEqual({
			ok: true,
			warnings: [`Angebot ${ID}, So nehmen Sie teil: nur teilweise übersetzt – übersprungen.`],
			units: [{ offerId: ID, textVersion: 5, texts: { name: 'Мовне кафе', description: 'Ми вчимо **німецьку**.\n\n- щовівторка' } }]
		});
	});

	it('XLIFF 2.1 without a version is refused like a 1.2 file without one', () => {
		const file = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="de" trgLang="tr"><file id="f" original="offer/${ID}"><unit id="name"><segment><source>a</source><target>b</target></segment></unit></file></xliff>`;
		expect(errorsOf(parseXliff(file, { targetLanguage: 'tr' }))).toBe(`Zeile 1: Angebot ${ID}: Die Textfassung (product-version) fehlt oder ist ungültig. Bitte liefern Sie die Übersetzung in der aus Teilhabe exportierten Datei zurück.`);
	});
});

describe('refused files', () => {
	it('DOCTYPE and entity declarations (billion laughs, XXE), before anything is parsed', () => {
		const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<xliff version="1.2"><file original="offer/${ID}" target-language="tr" product-version="1"><body><trans-unit id="name"><source>x</source><target>&lol2;</target></trans-unit></body></file></xliff>`;
		expect(errorsOf(parseXliff(laughs, { targetLanguage: 'tr' }))).toMatch(/^Zeile 2: Die Datei enthält eine DOCTYPE- oder ENTITY-Deklaration/);
		const xxe = `<?xml version="1.0"?><!doctype xliff SYSTEM "file:///etc/passwd"><xliff version="1.2"/>`;
		expect(errorsOf(parseXliff(xxe, { targetLanguage: 'tr' }))).toMatch(/DOCTYPE/);
	});

	it('malformed XML names the line', () => {
		const broken = xliff12(`<trans-unit id="name"><source>a</source>\n<target>b</targt></trans-unit>`);
		const parsed = parseXliff(broken, { targetLanguage: 'tr' });
		expect(parsed).toEqual({ ok: false, errors: [{ line: 6, message: expect.stringMatching(/^Ein Element ist nicht richtig geöffnet oder geschlossen\. .*\(Details: .*targt/) }] });
		expect(errorsOf(parseXliff('<xliff version="1.2">\n<file original="x">\n<body></file></xliff>', { targetLanguage: 'tr' }))).toMatch(/^Zeile 3:/);
		expect(errorsOf(parseXliff('', { targetLanguage: 'tr' }))).toMatch(/kein gültiges XML/);
	});

	it('another target language: for every file once, in German', () => {
		const ru = buildXliff({
			sourceLanguage: 'de',
			targetLanguage: 'ru',
			municipalitySlug: 'b',
			units: [
				{ offerId: ID, textVersion: 1, offerName: 'x', source },
				{ offerId: OTHER, textVersion: 1, offerName: 'y', source }
			]
		});
		expect(errorsOf(parseXliff(ru, { targetLanguage: 'tr' }))).toBe('Zeile 3: Die Datei enthält Übersetzungen ins Russische, erwartet wurde Türkisch.');
		expect(errorsOf(parseXliff(ru.replaceAll('target-language="ru"', 'target-language="prs"'), { targetLanguage: 'fa' }))).toMatch(/in die Sprache Dari, erwartet wurde Persisch/);
		expect(errorsOf(parseXliff(ru.replaceAll(' target-language="ru"', ''), { targetLanguage: 'uk' }))).toMatch(/nennt keine Zielsprache \(target-language\), erwartet wurde Ukrainisch/);
	});

	it.each([
		['a file of something else', `original="dokument.docx" target-language="tr" product-version="1"`, /zu keinem Angebot aus Teilhabe \(original="dokument\.docx"/],
		['a path instead of an id', `original="offer/../../etc/passwd" target-language="tr" product-version="1"`, /zu keinem Angebot/],
		['no version', `original="offer/${ID}" target-language="tr"`, /Textfassung \(product-version\) fehlt oder ist ungültig/],
		['a version that is no number', `original="offer/${ID}" target-language="tr" product-version="7b"`, /Textfassung/],
		['version 0', `original="offer/${ID}" target-language="tr" product-version="0"`, /Textfassung/],
		['two different versions', `original="offer/${ID}" target-language="tr" product-version="1" xmlns:t="urn:teilhabe:xliff" t:text-version="2"`, /zwei verschiedene Textfassungen/]
	])('a <file> with %s', (_label, attrs, message) => {
		const file = xliff12('<trans-unit id="name"><source>a</source><target>b</target></trans-unit>', attrs);
		expect(errorsOf(parseXliff(file, { targetLanguage: 'tr' }))).toMatch(new RegExp(`^Zeile 3: .*${message.source}`));
	});

	it('garbage ids, twice the same text, unknown entities', () => {
		const file = xliff12(
			[
				'<trans-unit id="password" resname="x"><source>a</source><target>b</target></trans-unit>',
				'<trans-unit id="name"><source>a</source><target>b</target></trans-unit>',
				'<trans-unit id="tu2" resname="name"><source>a</source><target>c</target></trans-unit>',
				'<trans-unit id="description"><source>a</source><target>Kurs&nbsp;für alle</target></trans-unit>'
			].join('\n')
		);
		expect(errorsOf(parseXliff(file, { targetLanguage: 'tr' }))).toBe(
			[
				'Zeile 8: Die Datei enthält eine unbekannte Zeichenreferenz (erlaubt sind &amp;, &lt;, &gt;, &quot;, &apos; und &#…;).',
				`Zeile 5: Angebot ${ID}: unbekannter Text „password“. Die Datei passt nicht zu Teilhabe.`,
				`Zeile 7: Angebot ${ID}, Titel des Angebots: Der Text steht zweimal in der Datei.`
			].join('\n')
		);
	});

	it('Markdown problems name the offer, the field and the line in the file', () => {
		const file = xliff12(
			[
				'<trans-unit id="name"><source>a</source><target>&lt;b&gt;Kurs&lt;/b&gt;</target></trans-unit>',
				'<trans-unit id="description"><source>a</source><target>Erste Zeile',
				'&lt;script&gt;alert(1)&lt;/script&gt; Kurs',
				'[Link](javascript:alert(1))</target></trans-unit>'
			].join('\n')
		);
		const errors = errorsOf(parseXliff(file, { targetLanguage: 'tr' }));
		expect(errors).toMatch(new RegExp(`^Zeile 7: Angebot ${ID}, Beschreibung, Zeile 2 des Textes: HTML wie „<script>“ ist nicht erlaubt`, 'm'));
		expect(errors).toMatch(new RegExp(`^Zeile 8: Angebot ${ID}, Beschreibung, Zeile 3 des Textes: Links mit „javascript:“`, 'm'));
		// the title is plain text, shown escaped: no Markdown check there
		expect(errors).not.toMatch(/Titel/);
	});

	it.each([
		['HTML', '<html><body>hallo</body></html>', /keine XLIFF-Datei/],
		['another XLIFF version', '<xliff version="3.0"/>', /Version 3\.0 können wir nicht lesen/],
		['a huge file', `<xliff version="1.2">${' '.repeat(50_000_001)}</xliff>`, /zu groß/]
	])('not XLIFF we can read: %s', (_label, xml, message) => {
		expect(errorsOf(parseXliff(xml, { targetLanguage: 'tr' }))).toMatch(message);
	});
});
