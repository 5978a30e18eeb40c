/**
 * Text side of the public offer search (Integrationswegweiser): how visitor input and offer texts
 * become words, PostgreSQL `to_tsquery` sources and extra document text. Pure functions; the SQL
 * lives in search-index.ts.
 *
 * Division of labour with PostgreSQL: stemming stays in the database (`to_tsvector`/`to_tsquery`
 * with the language's config), because only then do query and document agree. This module adds
 * what PostgreSQL cannot do: German compound splitting, a few synonyms, Turkish lower-casing,
 * Arabic/Farsi letter normalisation, and a query syntax nobody can inject into.
 */

export type SearchLanguage = 'de' | 'en' | 'tr' | 'ru' | 'uk' | 'ar' | 'fa';

type TextSearchConfig = 'german' | 'english' | 'turkish' | 'russian' | 'arabic' | 'simple';

// PostgreSQL ships no Ukrainian or Persian stemmer; 'simple' only lower-cases, so for those two
// the prefix match of the last typed word and the typo correction carry the load.
const CONFIGS: Record<SearchLanguage, TextSearchConfig> = {
	de: 'german',
	en: 'english',
	tr: 'turkish',
	ru: 'russian',
	uk: 'simple',
	ar: 'arabic',
	fa: 'simple'
};

/** The PostgreSQL text search configuration for a visitor language. */
export function textSearchConfig(lang: SearchLanguage): TextSearchConfig {
	return CONFIGS[lang];
}

/* ---------- words ---------- */

// Search boxes are not essays: more words only narrow the AND further and cost query time.
const MAX_QUERY_WORDS = 8;
// The vocabulary table keeps words up to 60 characters; longer "words" are pasted garbage.
const MAX_WORD_LENGTH = 60;
// Shorter words are too ambiguous for a trigram correction (and mostly stop words).
const MIN_TYPO_LETTERS = 4;
// A one- or two-letter prefix would match half the vocabulary.
const MIN_PREFIX_LETTERS = 3;

// Tashkeel (harakat, shadda, sukun, superscript alef), Quranic annotation marks and tatweel: optional
// in writing, so a visitor types them rarely and texts use them inconsistently.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/gu;

// Farsi is often typed on Arabic keyboards (and vice versa): yeh ي/ی (and alef maksura ى, which looks
// like the final Farsi yeh) and kaf ك/ک are then the "wrong" code points for the same letter.
const toFarsiLetters = (s: string) => s.replace(/[\u064A\u0649]/gu, '\u06CC').replace(/\u0643/gu, '\u06A9');
const toArabicLetters = (s: string) => s.replace(/\u06CC/gu, '\u064A').replace(/\u06A9/gu, '\u0643');

function normalise(text: string, lang: SearchLanguage): string {
	let s = text.normalize('NFC');
	// Turkish has dotted İ/i and dotless I/ı; the default mapping would turn "IŞIK" into "işik".
	s = lang === 'tr' ? s.toLocaleLowerCase('tr') : s.toLowerCase();
	// Outside Turkish, "İ" lower-cases to "i" + combining dot above, which would never match "i".
	s = s.replace(/i\u0307/gu, 'i').replace(ARABIC_MARKS, '');
	// Farsi texts are written with the Farsi letters, everything else Arabic-script with the Arabic ones.
	s = lang === 'fa' ? toFarsiLetters(s) : toArabicLetters(s);
	return s.normalize('NFC');
}

const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{M}\p{N}]*`;
const APOSTROPHE = "['’ʼ‘`´]";
const HYPHEN = '[-\u2010\u2011]';
const SEGMENT = `${WORD}(?:${APOSTROPHE}${WORD})*`;
// A token is a run of letters/digits, possibly joined by apostrophes and hyphens. Everything else
// (punctuation, tsquery operators, quotes, backslashes, ZWNJ, whitespace) separates words, which is
// also what makes the query builder injection-proof.
const TOKEN = new RegExp(`${SEGMENT}(?:${HYPHEN}${SEGMENT})*`, 'gu');
const HYPHENS = new RegExp(HYPHEN, 'u');
const APOSTROPHES = new RegExp(APOSTROPHE, 'u');

/**
 * Apostrophes: in Turkish they separate a proper noun from its case suffix ("Türkiye'de",
 * "Köln'e") and the noun is what people search for; elsewhere a single letter before the
 * apostrophe is an elided article ("l'école"), otherwise the tail is a clitic ("children's").
 */
function withoutApostrophe(segment: string, lang: SearchLanguage): string {
	const [head = '', ...tail] = segment.split(APOSTROPHES);
	if (!tail.length) return head;
	return lang !== 'tr' && [...head].length === 1 ? (tail[0] ?? head) : head;
}

/** The tokens of a text, each as its hyphen-separated pieces (one piece for a plain word). */
function tokens(text: string, lang: SearchLanguage): string[][] {
	const out: string[][] = [];
	for (const [token] of normalise(text, lang).matchAll(TOKEN)) {
		const pieces = token
			.split(HYPHENS)
			.map((segment) => withoutApostrophe(segment, lang))
			.filter(Boolean);
		if (pieces.length) out.push(pieces);
	}
	return out;
}

/** Lower-cases (locale-aware: Turkish dotted/dotless i for 'tr'), NFC-normalises, and splits text into words (letters/digits incl. Arabic, Cyrillic, Farsi; hyphenated words give the whole word and the parts; apostrophes as in "Türkiye'de" split sensibly; Arabic diacritics (tashkeel) and tatweel removed; Farsi/Arabic yeh/kaf variants unified (ي/ی, ك/ک) so Arabic-keyboard input finds Farsi text). */
export function words(text: string, lang: SearchLanguage): string[] {
	// Whole word first, then the parts: the order PostgreSQL's parser emits them in. Duplicates
	// are dropped because every caller (vocabulary, query) wants each word once.
	const all = tokens(text, lang).flatMap((pieces) => (pieces.length > 1 ? [pieces.join('-'), ...pieces] : pieces));
	return [...new Set(all)];
}

const letterCount = (w: string) => w.match(/\p{L}/gu)?.length ?? 0;
const alphanumericCount = (w: string) => w.match(/[\p{L}\p{N}]/gu)?.length ?? 0;

/**
 * What the visitor typed, as the words the query is built from: hyphenated words count as their
 * parts (the query ANDs them, which matches the hyphenated form and the separate words alike).
 * `last` is the final word of the input: the one that may still be half typed.
 */
function typedWords(input: string, lang: SearchLanguage): { kept: string[]; last: string | undefined } {
	const all = tokens(input, lang)
		.flat()
		.filter((w) => w.length <= MAX_WORD_LENGTH);
	return { kept: [...new Set(all)].slice(0, MAX_QUERY_WORDS), last: all.at(-1) };
}

/** The words of a query the caller should check against the vocabulary for typos (the normalised typed words, ≥ 4 letters, max 8 words). */
export function queryWords(input: string, lang: SearchLanguage): string[] {
	return typedWords(input, lang).kept.filter((w) => letterCount(w) >= MIN_TYPO_LETTERS);
}

/* ---------- German compounds ---------- */

/**
 * Parts of compounds as they occur in offers of a German city's integration work. Stems like
 * "sprach", "schul", "näh", "lern" are listed because that is how they appear inside compounds
 * ("Sprachkurs", "Schulsozialarbeit"); PostgreSQL's German stemmer reduces "Sprache" and
 * "Schule" to the same stems, so these parts also match the free-standing words.
 * Lexicalised words ("hausaufgaben", "treffpunkt", "nachhilfe") are listed whole so they are not
 * split themselves, and so the longest match wins in "Hausaufgabenhilfe".
 * Deliberately absent: short or generic pieces that would split ordinary words ("land" would turn
 * "Deutschland" into a Deutsch… compound, "teil", "not", "tag").
 */
const LEXICON: ReadonlySet<string> = new Set([
	// language and courses
	'deutsch', 'sprach', 'sprache', 'kurs', 'unterricht', 'konversation', 'alphabetisierung', 'integration',
	'orientierung', 'einbürgerung', 'test', 'prüfung', 'lern', 'lehrer', 'intensiv', 'abend', 'online',
	'lese', 'schreib', 'mittler', 'dolmetscher', 'übersetzung', 'englisch', 'französisch', 'arabisch',
	'türkisch', 'russisch', 'ukrainisch', 'persisch', 'polnisch', 'erst',
	// counselling and services
	'beratung', 'berat', 'berater', 'stelle', 'hilfe', 'sozial', 'schuldner', 'verbraucher', 'erziehung',
	'schwangerschaft', 'sucht', 'recht', 'anerkennung', 'rückkehr', 'aufenthalt', 'asyl', 'migration',
	'migranten', 'flüchtling', 'geflüchtete', 'wohnung', 'wohn', 'mieter', 'suche',
	'begleitung', 'behörde', 'ausländer', 'lotsen', 'paten', 'patenschaft', 'ehrenamt', 'dienst', 'büro',
	'amt', 'agentur', 'zentrum', 'rat', 'projekt', 'programm', 'netzwerk', 'verein', 'initiative',
	'sprechstunde', 'stunde', 'termin', 'information', 'info', 'unterkunft', 'willkommen', 'bürger',
	// families, groups, meeting places
	'eltern', 'mutter', 'mütter', 'vater', 'väter', 'frau', 'frauen', 'mann', 'männer', 'mädchen', 'jungen',
	'kind', 'kinder', 'baby', 'familie', 'familien', 'jugend', 'senioren', 'nachbarschaft', 'begegnung',
	'café', 'cafe', 'treff', 'treffpunkt', 'frühstück', 'krabbel', 'spiel', 'gruppe', 'kreis', 'gespräch',
	'kita', 'betreuung', 'bildung', 'garten', 'ferien', 'sommer', 'freizeit', 'ausflug', 'fest', 'stadtteil',
	'stadt', 'platz', 'selbsthilfe', 'selbst',
	// school
	'schule', 'schul', 'hausaufgaben', 'aufgaben', 'haus', 'nachhilfe', 'förder', 'förderung', 'früh',
	'bibliothek',
	// work
	'arbeit', 'markt', 'beruf', 'ausbildung', 'bewerbung', 'training', 'job', 'jobcenter', 'center',
	'praktikum', 'werkstatt', 'computer', 'internet', 'handy', 'digital', 'medien', 'coaching',
	'qualifizierung', 'weiterbildung',
	// health and sport
	'gesundheit', 'arzt', 'pflege', 'sport', 'schwimm', 'yoga', 'fitness', 'tanz', 'fahrrad', 'rad',
	'fußball', 'gymnastik', 'bewegung',
	// culture and everyday life
	'kultur', 'musik', 'theater', 'kunst', 'koch', 'näh', 'reparatur', 'kleider', 'kammer', 'kaufhaus',
	'tafel', 'mittagstisch', 'tisch'
]);

const LONGEST_PART = Math.max(...[...LEXICON].map((w) => w.length));
// Fugenelemente between parts ("Migration-s-beratung", "Frau-en-treff").
const LINKS = ['s', 'es', 'n', 'en', 'e'] as const;
// Inflection after the last part ("Sprachkurs-e", "Deutschkurs-en", "Kurs-es", "Hilfe-n").
const INFLECTIONS: ReadonlySet<string> = new Set(['e', 'en', 'n', 's', 'es']);
const MIN_PART_LENGTH = 3;
// Two parts of at least three letters: anything shorter is no compound.
const MIN_COMPOUND_LENGTH = 2 * MIN_PART_LENGTH;

/** Splits a German compound into known parts using the domain lexicon (greedy longest match from the left with linking elements "s", "es", "n", "en", "e" allowed between parts; only splits when every piece is a lexicon word or a known linking element and each part has ≥ 3 letters), e.g. 'deutschkurs' → ['deutsch','kurs'], 'sprachkurse' → ['sprach','kurs'], 'hausaufgabenhilfe' → ['hausaufgaben','hilfe'], 'migrationsberatung' → ['migration','beratung'], 'frauen' → [], 'müttercafé' → ['mütter','café']. Returns [] when the word is not a compound of known parts. */
export function splitGermanCompound(word: string): string[] {
	const w = word.normalize('NFC').toLowerCase();
	// A lexicon word is a word of its own, even when it could be split ("Hausaufgaben", "Treffpunkt").
	if (w.length < MIN_COMPOUND_LENGTH || w.length > MAX_WORD_LENGTH || !/^\p{L}+$/u.test(w) || LEXICON.has(w)) return [];
	// Longest part first, but backtracking when the rest does not work out ("Spracheinstufung" must not
	// get stuck on "sprache"); positions that failed once fail again, which keeps this linear-ish.
	const failed = new Set<number>();
	const from = (start: number): string[] | null => {
		if (failed.has(start)) return null;
		for (let end = Math.min(w.length, start + LONGEST_PART); end - start >= MIN_PART_LENGTH; end--) {
			const part = w.slice(start, end);
			if (!LEXICON.has(part)) continue;
			const rest = w.slice(end);
			if (rest === '' || INFLECTIONS.has(rest)) return [part];
			for (const link of ['', ...LINKS]) {
				if (!rest.startsWith(link)) continue;
				const tail = from(end + link.length);
				if (tail) return [part, ...tail];
			}
		}
		failed.add(start);
		return null;
	};
	const parts = from(0);
	return parts && parts.length >= 2 ? parts : [];
}

/* ---------- synonyms ---------- */

// Parts that make a compound a language course or language practice: only there is "Deutsch…" the
// same thing as "Sprach…" ("Sprachmittler" is an interpreter, not a "Deutschmittler").
const COURSE_CONTEXT = ['kurs', 'unterricht', 'café', 'cafe', 'treff', 'förder', 'förderung', 'schule', 'prüfung', 'test', 'training', 'lern', 'konversation'];

/**
 * Synonyms of compound parts, "within reason": small, explicit, each defensible on its own.
 * - deutsch ↔ sprach: in a German city's integration offers a Sprachkurs is a German course (a
 *   Deutschkurs is a Sprachkurs); only in course contexts, see COURSE_CONTEXT.
 * - beratung ↔ berat: "Migrationsberatung" should find "wir beraten…" (stem "berat").
 * - café ↔ cafe ↔ treff: spelling without accent; a Frauencafé and a Frauentreff are the same kind of offer.
 * - kind/kinder, frau/frauen, mutter/mütter, vater/väter, familie/familien: compound parts appear in
 *   either number; the German stemmer merges most of these, the 'simple'-like edge cases it does not.
 * - flüchtling ↔ geflüchtete: the older and the current term for the same people.
 * Left out on purpose: kurs ↔ unterricht (Religionsunterricht is no course offer), hausaufgabenhilfe
 * ↔ nachhilfe (different offers: homework supervision vs. paid tutoring), migration ↔ integration.
 */
const SYNONYMS: readonly { words: readonly string[]; context?: readonly string[] }[] = [
	{ words: ['deutsch', 'sprach'], context: COURSE_CONTEXT },
	{ words: ['beratung', 'berat'] },
	{ words: ['café', 'cafe', 'treff'] },
	{ words: ['kind', 'kinder'] },
	{ words: ['frau', 'frauen'] },
	{ words: ['mutter', 'mütter'] },
	{ words: ['vater', 'väter'] },
	{ words: ['familie', 'familien'] },
	{ words: ['flüchtling', 'geflüchtete'] }
];

/** Synonyms of one part of a compound; `parts` are all parts of that compound (the context). */
function synonymsOf(part: string, parts: readonly string[]): string[] {
	const out: string[] = [];
	for (const group of SYNONYMS) {
		const context = group.context;
		if (!group.words.includes(part)) continue;
		if (context && !parts.some((p) => p !== part && context.includes(p))) continue;
		out.push(...group.words.filter((w) => w !== part));
	}
	return [...new Set(out)];
}

/** The compound parts of a token (a split word, or a hyphenated word with its pieces split further). */
function compoundParts(pieces: readonly string[]): string[] {
	const parts = pieces.flatMap((piece) => {
		const split = splitGermanCompound(piece);
		return split.length ? split : [piece];
	});
	return parts.length >= 2 ? parts : [];
}

/** Extra text appended to an offer's search document so compounds are findable by their parts: for 'de', the parts of every compound in `text`, plus the synonyms of those parts; for other languages ''. */
export function documentExtraText(text: string, lang: SearchLanguage): string {
	// Compound splitting and the synonyms are German; other languages' documents are left to their config.
	if (lang !== 'de') return '';
	const extra = new Set<string>();
	for (const pieces of tokens(text, lang)) {
		const parts = compoundParts(pieces.filter((p) => p.length <= MAX_WORD_LENGTH));
		for (const part of parts) {
			extra.add(part);
			for (const synonym of synonymsOf(part, parts)) extra.add(synonym);
		}
	}
	return [...extra].join(' ');
}

/* ---------- tsquery construction ---------- */

type Node = { kind: 'term'; text: string; prefix: boolean } | { kind: 'and' | 'or'; children: Node[] };

// Operands are letters, digits and combining marks only: nothing to_tsquery would read as syntax.
const SAFE_OPERAND = /^[\p{L}\p{M}\p{N}]+$/u;

function term(text: string, prefix: boolean): Node | null {
	if (!SAFE_OPERAND.test(text)) return null;
	return { kind: 'term', text, prefix: prefix && alphanumericCount(text) >= MIN_PREFIX_LETTERS };
}

function combine(kind: 'and' | 'or', nodes: readonly (Node | null)[]): Node | null {
	const children = new Map<string, Node>();
	for (const node of nodes) {
		if (!node) continue;
		// Flatten (a | b) | c, and drop repeated alternatives.
		for (const child of node.kind === kind ? node.children : [node]) children.set(serialise(child, true), child);
	}
	const list = [...children.values()];
	if (list.length <= 1) return list[0] ?? null;
	return { kind, children: list };
}

function serialise(node: Node, nested: boolean): string {
	if (node.kind === 'term') return node.prefix ? `${node.text}:*` : node.text;
	const inner = node.children.map((c) => serialise(c, true)).join(node.kind === 'and' ? ' & ' : ' | ');
	// Parentheses on every nested group although & binds tighter than |: the query stays readable in logs.
	return nested ? `(${inner})` : inner;
}

/** The ways one (normalised) word may match: itself, its compound parts with synonyms, its other-keyboard spelling. */
function alternativesOf(word: string, lang: SearchLanguage, prefix: boolean): (Node | null)[] {
	const alternatives = [term(word, prefix)];
	if (lang === 'de') {
		const parts = splitGermanCompound(word);
		// The parts are whole words: a prefix on them would match far more than the typed compound.
		if (parts.length) alternatives.push(combine('and', parts.map((p) => combine('or', [p, ...synonymsOf(p, parts)].map((s) => term(s, false))))));
	}
	// Documents are indexed from their raw text, which may be typed on either keyboard.
	if (lang === 'fa' || lang === 'ar') {
		const other = lang === 'fa' ? toArabicLetters(word) : toFarsiLetters(word);
		if (other !== word) alternatives.push(term(other, prefix));
	}
	return alternatives;
}

/** A corrected word from the vocabulary, which may itself be hyphenated ("deutsch-sprachkurs"). */
function correctionOf(corrected: string, lang: SearchLanguage, prefix: boolean): Node | null {
	const pieces = tokens(corrected, lang).flat();
	return combine(
		'and',
		pieces.map((piece, i) => combine('or', alternativesOf(piece, lang, prefix && i === pieces.length - 1)))
	);
}

/** Builds the to_tsquery source for what a visitor typed. Every typed word must match (AND across words); each word may match as itself, as prefix (last word only, `:*`, when ≥ 3 letters), or — German — as the AND of its compound parts, where each part may be replaced by a synonym. Returns null when nothing searchable remains. Words are sanitised so no tsquery syntax can be injected. `replacements` maps a typed word (as returned by queryWords) to a corrected word (typo fix from the vocabulary), used as an additional alternative (OR) to the original. */
export function buildTsQuery(input: string, lang: SearchLanguage, replacements?: ReadonlyMap<string, string>): string | null {
	const { kept, last } = typedWords(input, lang);
	const conjuncts = kept.map((word) => {
		// Only the final word may be unfinished; when the input was cut at MAX_QUERY_WORDS, none is.
		const prefix = word === last;
		const corrected = replacements?.get(word);
		const alternatives = alternativesOf(word, lang, prefix);
		if (corrected && corrected !== word) alternatives.push(correctionOf(corrected, lang, prefix));
		return combine('or', alternatives);
	});
	const query = combine('and', conjuncts);
	return query ? serialise(query, false) : null;
}

/* ---------- evaluation (tests only) ---------- */

type Parsed =
	| { kind: 'term'; text: string; prefix: boolean }
	| { kind: 'not'; child: Parsed }
	| { kind: 'and' | 'or' | 'phrase'; left: Parsed; right: Parsed };

/** Parses tsquery source with PostgreSQL's precedence (! before <-> before & before |); throws on what to_tsquery would reject. */
function parseTsQuery(source: string): Parsed {
	let i = 0;
	const skip = () => {
		while (i < source.length && /\s/u.test(source[i]!)) i++;
	};
	const fail = (what: string): never => {
		throw new SyntaxError(`tsquery syntax error at ${i}: ${what} in ${JSON.stringify(source)}`);
	};
	const eat = (token: string) => {
		skip();
		if (!source.startsWith(token, i)) return false;
		i += token.length;
		return true;
	};
	const phraseOperator = () => {
		skip();
		const m = /^<(?:-|\d+)>/u.exec(source.slice(i));
		if (!m) return false;
		i += m[0].length;
		return true;
	};
	const operand = (): Parsed => {
		skip();
		const m = /^([^\s&|!()<>:'\\]+)(?::([*A-Da-d]+))?/u.exec(source.slice(i));
		if (!m) return fail('operand expected');
		i += m[0].length;
		return { kind: 'term', text: m[1]!, prefix: (m[2] ?? '').includes('*') };
	};
	const unary = (): Parsed => {
		if (eat('!')) return { kind: 'not', child: unary() };
		if (eat('(')) {
			const inner = or();
			if (!eat(')')) fail('")" expected');
			return inner;
		}
		return operand();
	};
	const phrase = (): Parsed => {
		let left = unary();
		while (phraseOperator()) left = { kind: 'phrase', left, right: unary() };
		return left;
	};
	const and = (): Parsed => {
		let left = phrase();
		while (eat('&')) left = { kind: 'and', left, right: phrase() };
		return left;
	};
	const or = (): Parsed => {
		let left = and();
		while (eat('|')) left = { kind: 'or', left, right: and() };
		return left;
	};
	const tree = or();
	skip();
	if (i < source.length) fail('unexpected input');
	return tree;
}

/** Evaluates a tsquery source against a set of lexemes, approximating PostgreSQL: operands compared after `stem` (identity by default), `:*` as prefix. For tests of query construction. */
export function matchesTsQuery(query: string, lexemes: ReadonlySet<string>, stem: (w: string) => string = (w) => w): boolean {
	// Three-valued like PostgreSQL after stop-word removal: a stem of '' is a stop word, and its
	// operand disappears from the query (`a & für` is `a`; a query of stop words only matches nothing).
	// Phrases (<->) are approximated as AND: lexeme positions are not modelled.
	const evaluate = (node: Parsed): boolean | null => {
		switch (node.kind) {
			case 'term': {
				const s = stem(node.text);
				if (!s) return null;
				return node.prefix ? [...lexemes].some((l) => l.startsWith(s)) : lexemes.has(s);
			}
			case 'not': {
				const v = evaluate(node.child);
				return v === null ? null : !v;
			}
			default: {
				const values = [evaluate(node.left), evaluate(node.right)].filter((v) => v !== null);
				if (!values.length) return null;
				return node.kind === 'or' ? values.some(Boolean) : values.every(Boolean);
			}
		}
	};
	return evaluate(parseTsQuery(query)) === true;
}
