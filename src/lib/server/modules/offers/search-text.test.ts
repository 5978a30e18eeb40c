import { describe, expect, it } from 'vitest';
import {
	buildTsQuery,
	documentExtraText,
	matchesTsQuery,
	queryWords,
	splitGermanCompound,
	textSearchConfig,
	words,
	type SearchLanguage
} from './search-text.ts';

/**
 * A crude stand-in for PostgreSQL's German config, applied to document and query alike: a few stop
 * words vanish (stem ''), and -en/-e/-n/-s endings are stripped repeatedly, so "Kurse" and "Kurs"
 * meet in "kur" just as they do in Snowball. Real stemming is tested against the database elsewhere.
 */
const GERMAN_STOP_WORDS = new Set(['für', 'und', 'in', 'im', 'der', 'die', 'das', 'den', 'mit', 'bei', 'zu', 'wir']);
const stem = (w: string): string => {
	if (GERMAN_STOP_WORDS.has(w)) return '';
	let s = w;
	for (;;) {
		const shorter = s.replace(/(?:en|e|n|s)$/u, '');
		if (shorter === s || [...shorter].length < 3) return s;
		s = shorter;
	}
};

/** The lexemes of a German offer document: its words (hyphenated whole and parts, as the parser gives them) plus documentExtraText. */
const germanDocument = (text: string) =>
	new Set([...words(text, 'de'), ...words(documentExtraText(text, 'de'), 'de')].map(stem).filter(Boolean));

const finds = (typed: string, document: string, replacements?: ReadonlyMap<string, string>) => {
	const query = buildTsQuery(typed, 'de', replacements);
	return query !== null && matchesTsQuery(query, germanDocument(document), stem);
};

/** Only operands of letters/digits/marks (optionally `:*`), the operators we emit, parentheses and spaces. */
const SAFE_QUERY = /^(?:[\p{L}\p{M}\p{N}]+(?::\*)?|[ ()|&])+$/u;

describe('textSearchConfig', () => {
	it.each([
		['de', 'german'],
		['en', 'english'],
		['tr', 'turkish'],
		['ru', 'russian'],
		['ar', 'arabic'],
		['uk', 'simple'],
		['fa', 'simple']
	] as const)('%s → %s', (lang, config) => {
		expect(textSearchConfig(lang)).toBe(config);
	});
});

describe('words', () => {
	it.each<{ name: string; text: string; lang: SearchLanguage; expected: string[] }>([
		{ name: 'German, lower-cased, punctuation dropped', text: 'Deutschkurs für Frauen!', lang: 'de', expected: ['deutschkurs', 'für', 'frauen'] },
		{ name: 'hyphenated word: whole, then parts', text: 'Deutsch-Sprachkurse für Frauen', lang: 'de', expected: ['deutsch-sprachkurse', 'deutsch', 'sprachkurse', 'für', 'frauen'] },
		{ name: 'three-part hyphenation', text: 'Mutter-Kind-Gruppe', lang: 'de', expected: ['mutter-kind-gruppe', 'mutter', 'kind', 'gruppe'] },
		{ name: 'Unicode hyphen is a hyphen', text: 'B1\u2011Kurs', lang: 'de', expected: ['b1-kurs', 'b1', 'kurs'] },
		{ name: 'dangling hyphen (Kinder- und Jugendhilfe) is no join', text: 'Kinder- und Jugendhilfe', lang: 'de', expected: ['kinder', 'und', 'jugendhilfe'] },
		{ name: 'dash between words separates', text: 'Kurs – Frauen', lang: 'de', expected: ['kurs', 'frauen'] },
		{ name: 'duplicates once', text: 'Kurs, kurs, KURS', lang: 'de', expected: ['kurs'] },
		{ name: 'NFD input is composed (NFC)', text: 'Mu\u0308ttercafe\u0301', lang: 'de', expected: ['müttercafé'] },
		{ name: 'ß stays, ẞ lower-cases', text: 'STRAẞE Fußball', lang: 'de', expected: ['straße', 'fußball'] },
		{ name: 'digits are words', text: 'PLZ 50667, Kurs A1', lang: 'de', expected: ['plz', '50667', 'kurs', 'a1'] },
		{ name: 'Turkish dotted capital İ', text: 'İSTANBUL', lang: 'tr', expected: ['istanbul'] },
		{ name: 'Turkish dotless capital I', text: 'IŞIK', lang: 'tr', expected: ['ışık'] },
		{ name: 'İ outside Turkish loses the combining dot', text: 'İstanbul', lang: 'de', expected: ['istanbul'] },
		{ name: 'Turkish apostrophe: the noun without case suffix', text: "Türkiye'de ve Köln’e", lang: 'tr', expected: ['türkiye', 've', 'köln'] },
		{ name: 'Turkish apostrophe after a single letter keeps the letter', text: "A'dan Z'ye", lang: 'tr', expected: ['a', 'z'] },
		{ name: 'English possessive', text: "Children's club", lang: 'en', expected: ['children', 'club'] },
		{ name: 'elided article', text: "l'école", lang: 'en', expected: ['école'] },
		{ name: 'apostrophe not followed by a letter separates', text: "foo'|bar", lang: 'de', expected: ['foo', 'bar'] },
		{ name: 'Russian', text: 'Курсы немецкого языка', lang: 'ru', expected: ['курсы', 'немецкого', 'языка'] },
		{ name: 'Ukrainian', text: 'Курси для жінок', lang: 'uk', expected: ['курси', 'для', 'жінок'] },
		{ name: 'Arabic diacritics removed', text: 'مُدَرِّسَةٌ', lang: 'ar', expected: ['مدرسة'] },
		{ name: 'Arabic tatweel removed', text: 'كـــتاب', lang: 'ar', expected: ['كتاب'] },
		{ name: 'Farsi: Arabic kaf and yeh become Farsi letters', text: 'كلاس فارسي', lang: 'fa', expected: ['کلاس', 'فارسی'] },
		{ name: 'Farsi: alef maksura as final yeh', text: 'فارسى', lang: 'fa', expected: ['فارسی'] },
		{ name: 'Arabic: Farsi kaf and yeh become Arabic letters', text: 'کتاب عربی', lang: 'ar', expected: ['كتاب', 'عربي'] },
		{ name: 'Farsi: ZWNJ separates like in PostgreSQL', text: 'کتاب\u200Cها', lang: 'fa', expected: ['کتاب', 'ها'] },
		{ name: 'only punctuation', text: ' … !? ', lang: 'de', expected: [] },
		{ name: 'empty', text: '', lang: 'de', expected: [] }
	])('$name', ({ text, lang, expected }) => {
		expect(words(text, lang)).toEqual(expected);
	});
});

describe('splitGermanCompound', () => {
	it.each<[string, string[]]>([
		['deutschkurs', ['deutsch', 'kurs']],
		['sprachkurse', ['sprach', 'kurs']],
		['sprachkursen', ['sprach', 'kurs']],
		['deutschkurses', ['deutsch', 'kurs']],
		['hausaufgabenhilfe', ['hausaufgaben', 'hilfe']],
		['migrationsberatung', ['migration', 'beratung']],
		['müttercafé', ['mütter', 'café']],
		['elterncafe', ['eltern', 'cafe']],
		['jugendmigrationsdienst', ['jugend', 'migration', 'dienst']],
		['beratungsstelle', ['beratung', 'stelle']],
		['berufssprachkurs', ['beruf', 'sprach', 'kurs']],
		['arbeitsmarkt', ['arbeit', 'markt']],
		['integrationskurse', ['integration', 'kurs']],
		['frauentreff', ['frauen', 'treff']],
		['familienzentrum', ['familien', 'zentrum']],
		['flüchtlingshilfe', ['flüchtling', 'hilfe']],
		['alphabetisierungskurs', ['alphabetisierung', 'kurs']],
		['nähcafé', ['näh', 'café']],
		['Deutschkurs', ['deutsch', 'kurs']],
		// not compounds of known parts
		['frauen', []],
		['kurs', []],
		['kurse', []],
		['beratungen', []],
		['hausaufgaben', []],
		['treffpunkt', []],
		['deutschland', []],
		['xylophonkurs', []],
		['deutschxyz', []],
		['kursxx', []],
		['b1kurs', []],
		['', []]
	])('%s → %j', (word, parts) => {
		expect(splitGermanCompound(word)).toEqual(parts);
	});
});

describe('documentExtraText', () => {
	it.each<{ text: string; lang: SearchLanguage; expected: string[] }>([
		{ text: 'Deutsch-Sprachkurs', lang: 'de', expected: ['deutsch', 'sprach', 'kurs'] },
		{ text: 'Sprachkurse für Frauen', lang: 'de', expected: ['sprach', 'deutsch', 'kurs'] },
		{ text: 'Deutschkurs für Frauen', lang: 'de', expected: ['deutsch', 'sprach', 'kurs'] },
		{ text: 'Sprachcafé am Montag', lang: 'de', expected: ['sprach', 'deutsch', 'café', 'cafe', 'treff'] },
		// "deutsch ↔ sprach" only in course contexts: an interpreter is no German course.
		{ text: 'Sprachmittler für Arabisch', lang: 'de', expected: ['sprach', 'mittler'] },
		{ text: 'Beratungsstelle', lang: 'de', expected: ['beratung', 'berat', 'stelle'] },
		{ text: 'Mutter-Kind-Gruppe', lang: 'de', expected: ['mutter', 'mütter', 'kind', 'kinder', 'gruppe'] },
		{ text: 'Frauen treffen sich', lang: 'de', expected: [] },
		{ text: 'Deutschkurs', lang: 'en', expected: [] },
		{ text: 'Курсы', lang: 'ru', expected: [] }
	])('$lang: $text', ({ text, lang, expected }) => {
		const extra = documentExtraText(text, lang);
		expect(extra === '' ? [] : extra.split(' ')).toEqual(expected);
	});
});

describe('buildTsQuery: the query source', () => {
	it.each<{ input: string; lang: SearchLanguage; expected: string | null }>([
		{ input: 'Deutschkurs', lang: 'de', expected: 'deutschkurs:* | ((deutsch | sprach) & kurs)' },
		{ input: 'Sprachkurse für Frauen', lang: 'de', expected: '(sprachkurse | ((sprach | deutsch) & kurs)) & für & frauen:*' },
		{ input: 'Deutsch-Sprachkurs', lang: 'de', expected: 'deutsch & (sprachkurs:* | ((sprach | deutsch) & kurs))' },
		{ input: 'Migrationsberatung', lang: 'de', expected: 'migrationsberatung:* | (migration & (beratung | berat))' },
		{ input: 'Sprachmittler', lang: 'de', expected: 'sprachmittler:* | (sprach & mittler)' },
		{ input: 'Frauen', lang: 'de', expected: 'frauen:*' },
		{ input: 'Kurs Frauen ', lang: 'de', expected: 'kurs & frauen:*' },
		{ input: 'Kurs kurs KURS', lang: 'de', expected: 'kurs:*' },
		{ input: 'Kurs A1', lang: 'de', expected: 'kurs & a1' },
		{ input: 'ab', lang: 'de', expected: 'ab' },
		{ input: 'Language courses', lang: 'en', expected: 'language & courses:*' },
		{ input: 'Deutschkurs', lang: 'en', expected: 'deutschkurs:*' },
		{ input: 'İSTANBUL', lang: 'tr', expected: 'istanbul:*' },
		{ input: "Türkiye'de kurs", lang: 'tr', expected: 'türkiye & kurs:*' },
		{ input: 'Курсы немецкого', lang: 'ru', expected: 'курсы & немецкого:*' },
		{ input: 'Курси', lang: 'uk', expected: 'курси:*' },
		{ input: 'دَرْس', lang: 'ar', expected: 'درس:*' },
		// Documents are indexed from raw text: either keyboard's letters may be in there.
		{ input: 'كلاس', lang: 'fa', expected: 'کلاس:* | كلاس:*' },
		{ input: 'کلاس', lang: 'ar', expected: 'كلاس:* | کلاس:*' },
		{ input: '', lang: 'de', expected: null },
		{ input: '   \t\n ', lang: 'de', expected: null },
		{ input: '?! – …', lang: 'de', expected: null },
		{ input: 'x'.repeat(100), lang: 'de', expected: null }
	])('$lang: $input', ({ input, lang, expected }) => {
		expect(buildTsQuery(input, lang)).toBe(expected);
	});
});

describe('buildTsQuery: what a German query finds', () => {
	it.each<{ typed: string; document: string; found: boolean }>([
		{ typed: 'Deutschkurs', document: 'Deutsch-Sprachkurs', found: true },
		{ typed: 'Deutschkurs', document: 'Sprachkurse für Frauen', found: true },
		{ typed: 'Deutschkurs', document: 'Deutschkurse am Abend', found: true },
		{ typed: 'Sprachkurs', document: 'Deutschkurs für Frauen', found: true },
		{ typed: 'Sprachkurse für Frauen', document: 'Deutschkurs für Frauen', found: true },
		{ typed: 'Sprachkurse für Frauen', document: 'Deutsch-Sprachkurs für Frauen und Mütter', found: true },
		{ typed: 'Deutsch-Sprachkurs', document: 'Deutschkurs', found: true },
		{ typed: 'Deutsch Kurs', document: 'Sprachkurse', found: true },
		{ typed: 'Deutsch', document: 'Deutschkurs', found: true },
		{ typed: 'Sprachk', document: 'Sprachkurse für Frauen', found: true },
		{ typed: 'Hausaufgabenhilfe', document: 'Hilfe bei den Hausaufgaben', found: true },
		{ typed: 'Migrationsberatung', document: 'Beratung zu Migration und Aufenthalt', found: true },
		{ typed: 'Migrationsberatung', document: 'Wir beraten zu Fragen der Migration', found: true },
		{ typed: 'Migrationsberatung', document: 'Beratungsstelle für Migration', found: true },
		{ typed: 'Frauencafé', document: 'Frauentreff im Stadtteil', found: true },
		{ typed: 'Frauencafe', document: 'Café für Frauen', found: true },
		{ typed: 'Müttercafé', document: 'Café für Mütter', found: true },
		{ typed: 'Flüchtlingshilfe', document: 'Hilfe für Geflüchtete', found: true },
		{ typed: 'Kinderbetreuung', document: 'Betreuung für Kinder', found: true },
		{ typed: 'Kindergruppe', document: 'Mutter-Kind-Gruppe', found: true },
		// and what it must not find
		{ typed: 'Deutschkurs', document: 'Kochkurs für Frauen', found: false },
		{ typed: 'Deutschkurs', document: 'Sprachmittler für Arabisch', found: false },
		{ typed: 'Hausaufgabenhilfe', document: 'Nachhilfe in Mathematik', found: false },
		{ typed: 'Sprachkurse für Frauen', document: 'Sprachkurs für Männer', found: false },
		{ typed: 'Deutsch Frauen', document: 'Kochkurs für Frauen', found: false },
		{ typed: 'Kurs Sport', document: 'Sportverein', found: false },
		// only stop words: PostgreSQL's query is empty and matches nothing
		{ typed: 'für', document: 'Kurs für Frauen', found: false }
	])('"$typed" in "$document": $found', ({ typed, document, found }) => {
		expect(finds(typed, document)).toBe(found);
	});
});

describe('buildTsQuery: nothing can be injected', () => {
	it.each<{ input: string; expected: string | null }>([
		{ input: "foo'|bar", expected: 'foo & bar:*' },
		{ input: 'a & !b', expected: 'a & b' },
		{ input: '(x', expected: 'x' },
		{ input: '\\', expected: null },
		{ input: ':*', expected: null },
		{ input: '<->', expected: null },
		{ input: 'kurs:A', expected: 'kurs & a' },
		{ input: "kurs') | ('x", expected: 'kurs & x' },
		{ input: 'kurs <2> frauen', expected: 'kurs & 2 & frauen:*' },
		{ input: '"Deutsch" && !!Kurs', expected: 'deutsch & kurs:*' },
		{ input: "O'Reilly\\'s ' ; drop table", expected: 'reilly & s & drop & table:*' },
		{ input: '!()&|:*<->\'"\\', expected: null }
	])('$input', ({ input, expected }) => {
		const query = buildTsQuery(input, 'de');
		expect(query).toBe(expected);
		if (query === null) return;
		expect(query).toMatch(SAFE_QUERY);
		expect(() => matchesTsQuery(query, new Set())).not.toThrow();
	});

	it.each<SearchLanguage>(['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'])('every language keeps to the safe alphabet (%s)', (lang) => {
		const nasty = "Deutsch-Sprachkurs'|x & !y (z \\ :* <-> <3> 'İŞ' مُدَرِّسَة كلاس Курс";
		const query = buildTsQuery(nasty, lang, new Map([['deutsch', "a'|b"]]));
		expect(query).toMatch(SAFE_QUERY);
		expect(() => matchesTsQuery(query!, new Set())).not.toThrow();
	});
});

describe('buildTsQuery: word cap', () => {
	const twenty = Array.from({ length: 20 }, (_, i) => `wort${String.fromCharCode(97 + i)}`).join(' ');

	it('uses the first 8 words, and none as prefix (the input went on)', () => {
		expect(buildTsQuery(twenty, 'de')).toBe('worta & wortb & wortc & wortd & worte & wortf & wortg & worth');
	});

	it('queryWords stays within the same 8 words', () => {
		expect(queryWords(twenty, 'de')).toEqual(['worta', 'wortb', 'wortc', 'wortd', 'worte', 'wortf', 'wortg', 'worth']);
	});

	it('repeated words do not use up the cap', () => {
		expect(buildTsQuery('kurs kurs kurs kurs kurs kurs kurs kurs kurs frauen', 'de')).toBe('kurs & frauen:*');
	});
});

describe('buildTsQuery: typo replacements', () => {
	it.each<{ name: string; input: string; lang: SearchLanguage; replacements: [string, string][]; expected: string }>([
		{
			name: 'corrected compound also splits',
			input: 'Deutschkrus',
			lang: 'de',
			replacements: [['deutschkrus', 'deutschkurs']],
			expected: 'deutschkrus:* | deutschkurs:* | ((deutsch | sprach) & kurs)'
		},
		{ name: 'only the last word is a prefix, also corrected', input: 'Fruen Kurs', lang: 'de', replacements: [['fruen', 'frauen']], expected: '(fruen | frauen) & kurs:*' },
		{ name: 'corrected hyphenated vocabulary word', input: 'Deutschsprachkrus', lang: 'de', replacements: [['deutschsprachkrus', 'deutsch-sprachkurs']], expected: 'deutschsprachkrus:* | (deutsch & (sprachkurs:* | ((sprach | deutsch) & kurs)))' },
		{ name: 'correction is sanitised too', input: 'Kurs', lang: 'de', replacements: [['kurs', "xx') | !(yyy"]], expected: 'kurs:* | (xx & yyy:*)' },
		{ name: 'correction equal to the word changes nothing', input: 'Kurs', lang: 'de', replacements: [['kurs', 'kurs']], expected: 'kurs:*' },
		{ name: 'unknown keys are ignored', input: 'Kurs', lang: 'de', replacements: [['frauen', 'männer']], expected: 'kurs:*' },
		{ name: 'empty correction is ignored', input: 'Kurs', lang: 'de', replacements: [['kurs', ' !! ']], expected: 'kurs:*' },
		{ name: 'Turkish keys as queryWords gives them', input: 'IŞİK kursu', lang: 'tr', replacements: [['ışik', 'ışık']], expected: '(ışik | ışık) & kursu:*' }
	])('$name', ({ input, lang, replacements, expected }) => {
		expect(buildTsQuery(input, lang, new Map(replacements))).toBe(expected);
	});

	it('the corrected word finds what the typo alone does not', () => {
		expect(finds('Deutschkrus', 'Sprachkurse für Frauen')).toBe(false);
		expect(finds('Deutschkrus', 'Sprachkurse für Frauen', new Map([['deutschkrus', 'deutschkurs']]))).toBe(true);
	});
});

describe('queryWords', () => {
	it.each<{ input: string; lang: SearchLanguage; expected: string[] }>([
		{ input: 'Deutschkurs für Frauen', lang: 'de', expected: ['deutschkurs', 'frauen'] },
		{ input: 'Deutsch-Sprachkurs', lang: 'de', expected: ['deutsch', 'sprachkurs'] },
		{ input: 'Kurs A1 50667', lang: 'de', expected: ['kurs'] },
		{ input: 'IŞIK kursu', lang: 'tr', expected: ['ışık', 'kursu'] },
		{ input: 'IŞIK kursu', lang: 'de', expected: ['işik', 'kursu'] },
		{ input: 'كلاس آلماني', lang: 'fa', expected: ['کلاس', 'آلمانی'] },
		{ input: 'Курсы немецкого', lang: 'ru', expected: ['курсы', 'немецкого'] },
		{ input: "foo'|bar & baz", lang: 'de', expected: [] },
		{ input: '   ', lang: 'de', expected: [] }
	])('$lang: $input', ({ input, lang, expected }) => {
		expect(queryWords(input, lang)).toEqual(expected);
	});
});

describe('matchesTsQuery (the test evaluator itself)', () => {
	const lexemes = new Set(['deutsch', 'kur', 'frau', 'sprachkur']);
	it.each<{ query: string; expected: boolean }>([
		{ query: 'deutsch', expected: true },
		{ query: 'englisch', expected: false },
		{ query: 'deutsch & frau', expected: true },
		{ query: 'deutsch & englisch', expected: false },
		{ query: 'englisch | frau', expected: true },
		{ query: 'englisch | deutsch & frau', expected: true },
		{ query: '(englisch | deutsch) & mann', expected: false },
		{ query: 'sprach:*', expected: true },
		{ query: 'sprachx:*', expected: false },
		{ query: '!englisch', expected: true },
		{ query: '!deutsch & frau', expected: false },
		{ query: 'deutsch <-> kur', expected: true },
		{ query: 'deutsch <2> mann', expected: false },
		{ query: 'kurse', expected: true },
		{ query: 'frau & für', expected: true },
		{ query: 'für', expected: false },
		{ query: '!für', expected: false },
		{ query: 'mann | für', expected: false }
	])('$query → $expected', ({ query, expected }) => {
		expect(matchesTsQuery(query, lexemes, stem)).toBe(expected);
	});

	it('compares verbatim without a stemmer', () => {
		expect(matchesTsQuery('kurse', new Set(['kurse']))).toBe(true);
		expect(matchesTsQuery('kurs', new Set(['kurse']))).toBe(false);
	});

	it.each(["a'b", 'a \\ b', 'a &', '(a', 'a)', 'a : b', '& a', ''])('rejects malformed query %j', (query) => {
		expect(() => matchesTsQuery(query, lexemes)).toThrow(SyntaxError);
	});
});
