/**
 * The small Markdown subset of offer descriptions.
 *
 * The HTML goes into the public portal through {@html}, so it is safe by construction: the source
 * is never passed through. Every piece of input reaches the output only through escapeHtml(), and
 * the only tags are the ones this file writes itself (p, br, strong, em, ul, ol, li, a). Anything
 * outside the subset (headings, images, code, tables, HTML) is shown as the literal text it was.
 *
 * Supported: paragraphs (blank line), line breaks (single newline), **bold**, *italic* / _italic_,
 * lists ("- ", "* ", "1. "), links [text](url) and bare URLs, with http(s) and mailto only.
 */

type Tag = 'strong' | 'em';

type Inline =
	| { kind: 'text'; text: string }
	| { kind: 'link'; href: string; children: Inline[] }
	| Delimiter;

/** A run of * or _ that may open or close emphasis; what is not paired stays literal text. */
interface Delimiter {
	kind: 'delim';
	char: '*' | '_';
	/** Characters not (yet) used up by emphasis. */
	count: number;
	canOpen: boolean;
	canClose: boolean;
	/** Tags this run closes (written before the leftover characters) and opens (after them). */
	closes: Tag[];
	opens: Tag[];
}

type Block = { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

/** Renders the subset to safe HTML. */
export function renderMarkdown(source: string): string {
	return parseBlocks(source)
		.map((block) => {
			if (block.kind === 'p') return `<p>${inlineHtml(parseInline(block.text, true))}</p>`;
			const items = block.items.map((item) => `<li>${inlineHtml(parseInline(item, true))}</li>`).join('');
			return `<${block.kind}>${items}</${block.kind}>`;
		})
		.join('\n');
}

/** Plain text (for search indexing, CSV export, HSDS API, meta descriptions): markup removed, links as "text (url)". */
export function markdownToPlainText(source: string): string {
	return parseBlocks(source)
		.map((block) => {
			if (block.kind === 'p') return inlinePlain(parseInline(block.text, true));
			// Keep a list recognisable as one in a CSV cell or an API field.
			return block.items.map((item, i) => `${block.kind === 'ol' ? `${i + 1}.` : '-'} ${inlinePlain(parseInline(item, true))}`).join('\n');
		})
		.join('\n\n');
}

/** Problems a provider should fix before saving, in German, e.g. a link that is not http(s)/mailto, raw HTML tags used, a heading syntax that is not supported; [] when fine. */
export function checkMarkdown(source: string): { line: number; message: string }[] {
	const problems: { line: number; message: string }[] = [];
	const seen = new Set<string>();
	const report = (line: number, message: string) => {
		// One mention per line is enough to find it; repeating it for every occurrence only adds noise.
		const key = `${line}\n${message}`;
		if (!seen.has(key)) problems.push({ line, message });
		seen.add(key);
	};
	const lines = normalise(source).split('\n');
	lines.forEach((line, index) => {
		const no = index + 1;
		const previous = index > 0 ? (lines[index - 1] ?? '') : '';
		if (/^ {0,3}#{1,6}(?:[ \t]|$)/.test(line)) {
			report(no, 'Überschriften mit „#“ werden nicht unterstützt. Heben Sie Zwischentitel bitte mit **fett** hervor.');
		}
		if (/^ {0,3}(?:={2,}|-{2,})[ \t]*$/.test(line) && previous.trim() !== '') {
			report(no, 'Überschriften mit „===“ oder „---“ darunter werden nicht unterstützt. Heben Sie Zwischentitel bitte mit **fett** hervor.');
		}
		const tag = findHtml(line);
		if (tag) {
			report(no, `HTML wie „${shorten(tag)}“ ist nicht erlaubt und würde als Text erscheinen. Bitte nutzen Sie **fett**, *kursiv*, Listen und Links [Text](https://…).`);
		}
		if (/!\[[^\]]*\]\(/.test(line)) report(no, 'Bilder werden nicht unterstützt.');
		for (let at = line.indexOf(']('); at !== -1; at = line.indexOf('](', at + 2)) {
			const message = linkProblem(line, at + 2);
			if (message) report(no, message);
		}
	});
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

function normalise(source: string): string {
	return (
		source
			.replace(/\r\n?/g, '\n')
			// Control characters have no business in a description, and NUL is read differently by browsers.
			// Format characters such as ZWNJ (Farsi) or RLM (Arabic) are not Cc and stay.
			.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
	);
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * Link targets that are allowed. Besides the scheme, characters that never stand unencoded in a
 * real address (quotes, angle brackets, backticks, backslashes, whitespace) make the link literal
 * text: escaping would make them harmless too, but refusing them keeps the attribute trivially safe.
 */
const ALLOWED_URL = /^(?:https?:\/\/[^\s<>"`\\/?#]|mailto:[^\s<>"`\\])[^\s<>"`\\]*$/i;

function isAllowedUrl(url: string): boolean {
	return ALLOWED_URL.test(url);
}

/**
 * Reads "url)" (optionally with spaces around the url) from `at`; parentheses inside the url must
 * balance. Brackets end the url (they do not occur unencoded in real addresses): so the scans of
 * "[x](" repeated all over a line never overlap, and the time stays linear.
 */
function scanDestination(src: string, at: number): { url: string; end: number } | null {
	let i = at;
	while (src[i] === ' ' || src[i] === '\t') i++;
	const start = i;
	let depth = 0;
	for (; i < src.length; i++) {
		const c = src[i]!;
		if (c === '[' || c === ']' || /\s/.test(c)) break;
		if (c === '(') depth++;
		if (c === ')') {
			if (depth === 0) break;
			depth--;
		}
	}
	const url = src.slice(start, i);
	while (src[i] === ' ' || src[i] === '\t') i++;
	return src[i] === ')' ? { url, end: i + 1 } : null;
}

/** For each "[" the index of the "]" that closes it; nested brackets balance, "\[" and "\]" do not count. One pass, so many "[" stay cheap. */
function bracketPairs(src: string): Map<number, number> {
	const pairs = new Map<number, number>();
	const open: number[] = [];
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (c === '\\') i++;
		else if (c === '[') open.push(i);
		else if (c === ']' && open.length) pairs.set(open.pop()!, i);
	}
	return pairs;
}

// ---------------------------------------------------------------------------------------------
// Blocks

const BULLET = /^[ \t]*[-*][ \t]+(\S.*)$/;
const NUMBER = /^[ \t]*(\d{1,9})\.[ \t]+(\S.*)$/;

/**
 * A list item in `line`. An ordered list starts only at "1.": a paragraph that begins with a date
 * ("15. März: Infoabend") stays a paragraph. Once a list runs, any number continues it, and since
 * the numbers are not kept (<ol> carries no start attribute), "1. 1. 1." and "1. 2. 3." look the same.
 */
function listItem(line: string, running: Block['kind'] | null): { kind: 'ul' | 'ol'; text: string } | null {
	const bullet = BULLET.exec(line);
	if (bullet) return { kind: 'ul', text: bullet[1]!.trim() };
	const number = NUMBER.exec(line);
	if (number && (running === 'ol' || Number(number[1]) === 1)) return { kind: 'ol', text: number[2]!.trim() };
	return null;
}

function parseBlocks(source: string): Block[] {
	const lines = normalise(source)
		.split('\n')
		.map((l) => l.trimEnd());
	const blank = (i: number) => (lines[i] ?? '').trim() === '';
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		if (blank(i)) {
			i++;
			continue;
		}
		const first = listItem(lines[i]!, null);
		if (!first) {
			// Lists may follow a paragraph line directly ("Wir bieten:" then "- …"), as providers write them.
			const text: string[] = [];
			while (i < lines.length && !blank(i) && !listItem(lines[i]!, null)) text.push(lines[i++]!.trim());
			blocks.push({ kind: 'p', text: text.join('\n') });
			continue;
		}
		const list = { kind: first.kind, items: [first.text] };
		i++;
		while (i < lines.length) {
			if (blank(i)) {
				// Blank lines between items of the same kind keep one list, so "1." … "2." does not restart.
				let next = i;
				while (next < lines.length && blank(next)) next++;
				if (next < lines.length && listItem(lines[next]!, list.kind)?.kind === list.kind) {
					i = next;
					continue;
				}
				break;
			}
			const item = listItem(lines[i]!, list.kind);
			if (item) {
				if (item.kind !== list.kind) break;
				list.items.push(item.text);
			} else if (/^[ \t]/.test(lines[i]!)) {
				// An indented line continues the item; nesting is not part of the subset.
				list.items[list.items.length - 1] += '\n' + lines[i]!.trim();
			} else break;
			i++;
		}
		blocks.push(list);
	}
	return blocks;
}

// ---------------------------------------------------------------------------------------------
// Inlines

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
/** Characters a bare URL runs over; the trailing ones that are usually sentence punctuation are trimmed after. */
const BARE_URL = /https?:\/\/[^\s<>"`\\]+/iy;
const ANGLE_URL = /<((?:https?:\/\/|mailto:)[^\s<>"`\\]+)>/iy;

function charBefore(src: string, i: number): string {
	if (i <= 0) return '';
	const low = src.charCodeAt(i - 1);
	return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? src.slice(i - 2, i) : src.slice(i - 1, i);
}

function charAt(src: string, i: number): string {
	const cp = src.codePointAt(i);
	return cp === undefined ? '' : String.fromCodePoint(cp);
}

const isSpace = (c: string) => c === '' || /\s/u.test(c);

/** Drops sentence punctuation after a bare URL, and a ")" that closes a parenthesis opened before it. */
function trimUrl(url: string): string {
	const count = (c: string) => url.split(c).length - 1;
	let parens = count(')') - count('(');
	let brackets = count(']') - count('[');
	let end = url.length;
	for (;;) {
		const last = url[end - 1];
		if (last === ')' && parens > 0) parens--;
		else if (last === ']' && brackets > 0) brackets--;
		else if (last === undefined || !'.,:;!?*_~\''.includes(last)) return url.slice(0, end);
		end--;
	}
}

function parseInline(src: string, allowLinks: boolean): Inline[] {
	const out: Inline[] = [];
	let text = '';
	const flush = () => {
		if (text) out.push({ kind: 'text', text });
		text = '';
	};
	/** End of the last backslash escape, so "\![x](…)" is not read as an image. */
	let escapedUpTo = -1;
	const brackets = allowLinks ? bracketPairs(src) : new Map<number, number>();
	let i = 0;
	while (i < src.length) {
		const c = src[i]!;
		if (c === '\\' && i + 1 < src.length && ESCAPABLE.test(src[i + 1]!)) {
			text += src[i + 1];
			i += 2;
			escapedUpTo = i;
			continue;
		}
		if (c === '*' || c === '_') {
			let end = i;
			while (src[end] === c) end++;
			const before = charBefore(src, i);
			const after = charAt(src, end);
			// Emphasis never starts or ends inside a word, unlike CommonMark's *: German gender forms
			// ("Lehrer*innen und Schüler*innen", "Bürger_innen") must stay as written.
			const canOpen = !isSpace(after) && !WORD.test(before);
			const canClose = !isSpace(before) && !WORD.test(after);
			if (canOpen || canClose) {
				flush();
				out.push({ kind: 'delim', char: c, count: end - i, canOpen, canClose, opens: [], closes: [] });
			} else text += src.slice(i, end);
			i = end;
			continue;
		}
		if (allowLinks && c === '[') {
			const close = brackets.get(i);
			const dest = close !== undefined && src[close + 1] === '(' ? scanDestination(src, close + 2) : null;
			if (dest) {
				const image = src[i - 1] === '!' && escapedUpTo !== i;
				if (image || !isAllowedUrl(dest.url)) {
					// Link syntax with a target we do not link to (or an image) is shown as written, all of it.
					text += src.slice(i, dest.end);
				} else {
					flush();
					const label = src.slice(i + 1, close);
					const children = label.trim() ? parseInline(label, false) : [{ kind: 'text' as const, text: dest.url }];
					out.push({ kind: 'link', href: dest.url, children: pairEmphasis(children) });
				}
				i = dest.end;
				continue;
			}
		}
		if (allowLinks && c === '<') {
			ANGLE_URL.lastIndex = i;
			const m = ANGLE_URL.exec(src);
			if (m && isAllowedUrl(m[1]!)) {
				flush();
				out.push({ kind: 'link', href: m[1]!, children: [{ kind: 'text', text: m[1]!.replace(/^mailto:/i, '') }] });
				i += m[0].length;
				continue;
			}
		}
		if (allowLinks && (c === 'h' || c === 'H') && !WORD.test(charBefore(src, i))) {
			BARE_URL.lastIndex = i;
			const m = BARE_URL.exec(src);
			const url = m ? trimUrl(m[0]) : '';
			if (url && isAllowedUrl(url)) {
				flush();
				out.push({ kind: 'link', href: url, children: [{ kind: 'text', text: url }] });
				i += url.length;
				continue;
			}
		}
		text += c;
		i++;
	}
	flush();
	return pairEmphasis(out);
}

/**
 * Pairs delimiter runs like CommonMark's delimiter stack, simplified: a closer takes the nearest
 * opener of the same character; ** with ** gives strong, otherwise em; runs in between that were
 * not paired by then stay literal. Because an opener and its closer always enclose complete pairs,
 * the tags come out properly nested whatever the input.
 */
function pairEmphasis(tokens: Inline[]): Inline[] {
	const openers: Delimiter[] = [];
	for (const t of tokens) {
		if (t.kind !== 'delim') continue;
		if (t.canClose) {
			while (t.count > 0) {
				let k = openers.length - 1;
				while (k >= 0 && openers[k]!.char !== t.char) k--;
				if (k < 0) break;
				const opener = openers[k]!;
				const use = opener.count >= 2 && t.count >= 2 ? 2 : 1;
				const tag: Tag = use === 2 ? 'strong' : 'em';
				opener.count -= use;
				t.count -= use;
				// Used from the inner side: later pairs wrap earlier ones ("***a***" → <em><strong>).
				opener.opens.unshift(tag);
				t.closes.push(tag);
				openers.length = opener.count > 0 ? k + 1 : k;
			}
		}
		if (t.canOpen && t.count > 0) openers.push(t);
	}
	return tokens;
}

function inlineHtml(tokens: Inline[]): string {
	return tokens
		.map((t) => {
			if (t.kind === 'text') return escapeHtml(t.text).replace(/\n/g, '<br>');
			if (t.kind === 'link') return `<a href="${escapeHtml(t.href)}" rel="nofollow noopener">${inlineHtml(t.children)}</a>`;
			return t.closes.map((tag) => `</${tag}>`).join('') + t.char.repeat(t.count) + t.opens.map((tag) => `<${tag}>`).join('');
		})
		.join('');
}

function inlinePlain(tokens: Inline[]): string {
	return tokens
		.map((t) => {
			if (t.kind === 'text') return t.text;
			if (t.kind === 'delim') return t.char.repeat(t.count);
			const label = inlinePlain(t.children);
			const shown = t.href.replace(/^mailto:/i, '');
			return label === t.href || label === shown ? label : `${label} (${shown})`;
		})
		.join('');
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Element names that are worth a warning even without the closing ">" (the line may break before it). */
const DANGEROUS_START = /<\/?(?:script|style|iframe|frame|frameset|object|embed|img|svg|math|link|meta|base|form|input|button|textarea|video|audio|source|body|html|a)(?=[\s/>]|$)/i;

function findHtml(line: string): string | null {
	const match =
		/<\/?[a-z][a-z0-9-]*(?:[\s/][^<>]*)?>/i.exec(line) ?? // a complete tag: <b>, </p>, <img src=x onerror=…>, <svg/onload=…>
		/<!--|<!\[CDATA\[|<![a-z]/i.exec(line) ?? // comments and declarations
		DANGEROUS_START.exec(line);
	return match ? match[0] : null;
}

function shorten(text: string): string {
	return text.length > 40 ? text.slice(0, 39) + '…' : text;
}

/** What is wrong with the link whose "(" ends just before `at`, in words for the provider; null when fine. */
function linkProblem(line: string, at: number): string | null {
	const dest = scanDestination(line, at);
	if (!dest) return 'Dieser Link ist unvollständig: Die Adresse muss ohne Leerzeichen in runden Klammern stehen, z. B. [Anmeldung](https://beispiel.de).';
	const url = dest.url;
	if (isAllowedUrl(url)) return null;
	if (url === '') return 'Dieser Link hat keine Adresse. Schreiben Sie sie in die runden Klammern, z. B. [Anmeldung](https://beispiel.de).';
	// Browsers ignore whitespace and control characters inside a scheme, so compare without them.
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\s\p{Cc}]/gu, ''))?.[1]?.toLowerCase();
	if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data' || scheme === 'file') {
		return `Links mit „${scheme}:“ sind aus Sicherheitsgründen nicht erlaubt. Erlaubt sind Adressen mit https://, http:// oder mailto:.`;
	}
	if (/^www\./i.test(url)) return `Bitte schreiben Sie „https://“ vor „${shorten(url)}“.`;
	if (/^(?:https?:\/\/|mailto:)/i.test(url)) {
		return `Die Adresse „${shorten(url)}“ ist unvollständig oder enthält Zeichen, die in einem Link nicht stehen dürfen (Anführungszeichen, spitze Klammern, Backslash oder Backtick).`;
	}
	return `Die Adresse „${shorten(url)}“ ist nicht erlaubt. Links müssen mit https://, http:// oder mailto: beginnen.`;
}
