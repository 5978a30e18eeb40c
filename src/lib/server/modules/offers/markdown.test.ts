import { describe, expect, it } from 'vitest';
import { checkMarkdown, markdownToPlainText, renderMarkdown } from './markdown.ts';

const link = (href: string, text: string) => `<a href="${href}" rel="nofollow noopener">${text}</a>`;

describe('renderMarkdown', () => {
	const cases: [name: string, source: string, html: string][] = [
		['empty', '', ''],
		['only whitespace', '  \n\t\n ', ''],
		['one paragraph', 'Deutschkurs für Anfänger', '<p>Deutschkurs für Anfänger</p>'],
		['paragraphs split at blank lines', 'Eins\n\nZwei\n \nDrei', '<p>Eins</p>\n<p>Zwei</p>\n<p>Drei</p>'],
		['single newline is a line break', 'Montag\nDienstag', '<p>Montag<br>Dienstag</p>'],
		['Windows line endings', 'Eins\r\nZwei\r\n\r\nDrei', '<p>Eins<br>Zwei</p>\n<p>Drei</p>'],
		['old Mac line endings', 'Eins\rZwei\r\rDrei', '<p>Eins<br>Zwei</p>\n<p>Drei</p>'],
		['surrounding spaces of lines dropped', '  Eins  \n  Zwei  ', '<p>Eins<br>Zwei</p>'],
		['bold', 'Das ist **wichtig**.', '<p>Das ist <strong>wichtig</strong>.</p>'],
		['italic with *', 'Das ist *betont*.', '<p>Das ist <em>betont</em>.</p>'],
		['italic with _', 'Das ist _betont_.', '<p>Das ist <em>betont</em>.</p>'],
		['bold and italic', '***beides***', '<p><em><strong>beides</strong></em></p>'],
		['italic inside bold', '**a *b* c**', '<p><strong>a <em>b</em> c</strong></p>'],
		['bold label with colon', '**Ort:** Gemeindehaus', '<p><strong>Ort:</strong> Gemeindehaus</p>'],
		['bold over a line break', '**Eins\nZwei**', '<p><strong>Eins<br>Zwei</strong></p>'],
		['unbalanced ** stays literal', '**fett ohne Ende', '<p>**fett ohne Ende</p>'],
		['unbalanced closing ** stays literal', 'Ende** hier', '<p>Ende** hier</p>'],
		['gender star stays literal', 'Lehrer*innen und Schüler*innen', '<p>Lehrer*innen und Schüler*innen</p>'],
		['gender gap stays literal', 'Bürger_innen und Nutzer_innen', '<p>Bürger_innen und Nutzer_innen</p>'],
		['lone asterisk between spaces', '5 * 3 = 15', '<p>5 * 3 = 15</p>'],
		['snake_case word', 'datei_name_neu', '<p>datei_name_neu</p>'],
		['backslash escapes', '\\*kein kursiv\\* und 1\\. Mai', '<p>*kein kursiv* und 1. Mai</p>'],
		['backslash before a letter stays', 'C:\\Daten', '<p>C:\\Daten</p>'],
		['unordered list with -', '- Eins\n- Zwei', '<ul><li>Eins</li><li>Zwei</li></ul>'],
		['unordered list with *', '* Eins\n* **Zwei**', '<ul><li>Eins</li><li><strong>Zwei</strong></li></ul>'],
		['ordered list', '1. Anmelden\n2. Kommen\n3. Lernen', '<ol><li>Anmelden</li><li>Kommen</li><li>Lernen</li></ol>'],
		['ordered list with blank lines stays one list', '1. Anmelden\n\n2. Kommen', '<ol><li>Anmelden</li><li>Kommen</li></ol>'],
		['list right after a paragraph line', 'Wir bieten:\n- Kurse\n- Beratung', '<p>Wir bieten:</p>\n<ul><li>Kurse</li><li>Beratung</li></ul>'],
		['indented line continues the item', '- Montag\n  im Gemeindehaus\n- Dienstag', '<ul><li>Montag<br>im Gemeindehaus</li><li>Dienstag</li></ul>'],
		['unindented line ends the list', '- Eins\nDanach Text', '<ul><li>Eins</li></ul>\n<p>Danach Text</p>'],
		['switching list kind starts a new list', '- a\n1. b', '<ul><li>a</li></ul>\n<ol><li>b</li></ol>'],
		['a date at the start is not a list', '15. März: Infoabend', '<p>15. März: Infoabend</p>'],
		['dash without space is text', '-10 % Rabatt\n--- Ende', '<p>-10 % Rabatt<br>--- Ende</p>'],
		['link', '[Anmeldung](https://example.org/anmelden)', `<p>${link('https://example.org/anmelden', 'Anmeldung')}</p>`],
		['http link', '[alt](http://example.org)', `<p>${link('http://example.org', 'alt')}</p>`],
		['mailto link', '[Schreiben Sie uns](mailto:info@example.org)', `<p>${link('mailto:info@example.org', 'Schreiben Sie uns')}</p>`],
		['scheme in capitals', '[x](HTTPS://EXAMPLE.ORG)', `<p>${link('HTTPS://EXAMPLE.ORG', 'x')}</p>`],
		['link with query, href escaped', '[x](https://a.example/?a=1&b=2)', `<p>${link('https://a.example/?a=1&amp;b=2', 'x')}</p>`],
		['link with apostrophe, href escaped', "[x](https://a.example/l'eau)", `<p>${link('https://a.example/l&#39;eau', 'x')}</p>`],
		['link with balanced parentheses', '[Wiki](https://de.wikipedia.org/wiki/Kurs_(Bildung))', `<p>${link('https://de.wikipedia.org/wiki/Kurs_(Bildung)', 'Wiki')}</p>`],
		['link with spaces inside the parentheses', '[x]( https://a.example )', `<p>${link('https://a.example', 'x')}</p>`],
		['emphasis inside link text', '[**Jetzt** anmelden](https://a.example)', `<p>${link('https://a.example', '<strong>Jetzt</strong> anmelden')}</p>`],
		['link inside emphasis', '**[Anmeldung](https://a.example)**', `<p><strong>${link('https://a.example', 'Anmeldung')}</strong></p>`],
		['link in a list item', '- [Formular](https://a.example/f.pdf) ausfüllen', `<ul><li>${link('https://a.example/f.pdf', 'Formular')} ausfüllen</li></ul>`],
		['empty link text shows the address', '[](https://a.example)', `<p>${link('https://a.example', 'https://a.example')}</p>`],
		['nested brackets in link text', '[Kurs [A1]](https://a.example)', `<p>${link('https://a.example', 'Kurs [A1]')}</p>`],
		['brackets without target stay', '[nur Klammern] und [**fett**]', '<p>[nur Klammern] und [<strong>fett</strong>]</p>'],
		['relative link stays literal', '[x](/intern)', '<p>[x](/intern)</p>'],
		['www link without scheme stays literal', '[x](www.example.org)', '<p>[x](www.example.org)</p>'],
		['bare URL', 'Mehr: https://example.org/kurs', `<p>Mehr: ${link('https://example.org/kurs', 'https://example.org/kurs')}</p>`],
		['bare URL without trailing full stop', 'Siehe https://example.org.', `<p>Siehe ${link('https://example.org', 'https://example.org')}.</p>`],
		['bare URL without trailing comma', 'https://a.example/x, dann', `<p>${link('https://a.example/x', 'https://a.example/x')}, dann</p>`],
		['bare URL in parentheses', '(siehe https://a.example/x)', `<p>(siehe ${link('https://a.example/x', 'https://a.example/x')})</p>`],
		['bare URL keeps balanced parentheses', 'https://a.example/a_(b)!', `<p>${link('https://a.example/a_(b)', 'https://a.example/a_(b)')}!</p>`],
		['bare URL in bold', '**https://a.example**', `<p><strong>${link('https://a.example', 'https://a.example')}</strong></p>`],
		['bare URL glued to a word is text', 'xhttps://a.example', '<p>xhttps://a.example</p>'],
		['scheme without host is text', 'https:// fehlt', '<p>https:// fehlt</p>'],
		['angle-bracket link', '<https://a.example>', `<p>${link('https://a.example', 'https://a.example')}</p>`],
		['angle-bracket mail', '<mailto:info@a.example>', `<p>${link('mailto:info@a.example', 'info@a.example')}</p>`],
		['heading is literal', '# Titel', '<p># Titel</p>'],
		['image is literal', '![Bild](https://a.example/b.png)', '<p>![Bild](https://a.example/b.png)</p>'],
		['escaped ! before a link', '\\![x](https://a.example)', `<p>!${link('https://a.example', 'x')}</p>`],
		['code is literal', '`code` und ```x```', '<p>`code` und ```x```</p>'],
		['table is literal', '| a | b |\n|---|---|', '<p>| a | b |<br>|---|---|</p>'],
		['quotes and ampersand escaped', 'Tom & Jerry "Kurs" \'A1\'', '<p>Tom &amp; Jerry &quot;Kurs&quot; &#39;A1&#39;</p>'],
		['Arabic untouched', 'دورة **اللغة** الألمانية', '<p>دورة <strong>اللغة</strong> الألمانية</p>'],
		['Farsi ZWNJ untouched', 'می\u200cخواهم *کلاس*', '<p>می\u200cخواهم <em>کلاس</em></p>'],
		['Cyrillic and emoji untouched', 'Курс 🇩🇪 _немецкого_ 🎉', '<p>Курс 🇩🇪 <em>немецкого</em> 🎉</p>'],
		['control characters removed', 'a\u0000b\u0007c\td', '<p>ab' + 'c\td</p>']
	];
	it.each(cases)('%s', (_name, source, html) => {
		expect(renderMarkdown(source)).toBe(html);
	});
});

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a']);

/**
 * The safety contract, independent of how the renderer works: every "<" starts one of the allowed
 * tags, only <a> has attributes (href with an allowed scheme, and rel), tags nest properly, and the
 * text between them has nothing unescaped.
 */
function expectSafe(html: string) {
	const open: string[] = [];
	const text = html.replace(/<[^>]*>?/g, (tag) => {
		const m = /^<(\/?)([a-z]+)((?: [a-z-]+="[^"<>`]*")*)>$/.exec(tag);
		expect(m, `tag ${tag}`).not.toBeNull();
		const [, slash, name, attributeText] = m!;
		expect(ALLOWED_TAGS.has(name!), `tag name in ${tag}`).toBe(true);
		const attributes = [...attributeText!.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!] as const);
		if (name === 'a' && !slash) {
			expect(attributes.map(([key]) => key)).toEqual(['href', 'rel']);
			const href = attributes[0]![1].replace(/&(amp|lt|gt|quot|#39);/g, (_e, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[n]!);
			expect(href).toMatch(/^(?:https?:\/\/[^\s/]|mailto:\S)/i);
			expect(href).not.toMatch(/[\s<>"`\\]/);
			expect(attributes[1]![1]).toBe('nofollow noopener');
		} else expect(attributes, `attributes in ${tag}`).toEqual([]);
		if (name === 'br') expect(slash).toBe('');
		else if (slash) expect(open.pop(), `closing ${tag}`).toBe(name);
		else open.push(name!);
		return '';
	});
	expect(open, 'unclosed tags').toEqual([]);
	expect(text).not.toMatch(/[<>"']/);
	// Every "&" in the text is one of the entities the escaping writes.
	expect(text.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
}

describe('renderMarkdown is safe', () => {
	// The checker itself must be able to fail, or the tables below prove nothing.
	it.each([
		'<p><script>alert(1)</script></p>',
		'<p><img src=x></p>',
		'<p onclick="alert(1)">x</p>',
		'<a href="javascript:alert(1)" rel="nofollow noopener">x</a>',
		'<a href=" javascript:alert(1)" rel="nofollow noopener">x</a>',
		'<a href="https://a.example" rel="nofollow noopener" onmouseover="alert(1)">x</a>',
		'<a href="https://a.example/&quot;x" rel="nofollow noopener">x</a>',
		'<p><em>x</p></em>',
		'<p>x',
		'<p>"x"</p>',
		'<p>&x</p>',
		'<p>a < b</p>'
	])('the safety check rejects %s', (html) => {
		expect(() => expectSafe(html)).toThrow();
	});

	// [name, source, whether checkMarkdown should complain]
	const vectors: [name: string, source: string, flagged: boolean][] = [
		['script tag', '<script>alert(1)</script>', true],
		['script tag split over lines', '<script\n>alert(1)</script\n>', true],
		['img onerror', '<img src=x onerror=alert(1)>', true],
		['img onerror without closing bracket', '<img src=x onerror=alert(1)//', true],
		['svg onload', '<svg/onload=alert(1)>', true],
		['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', true],
		['html comment', '<!--<script>alert(1)</script>-->', true],
		['anchor tag', '<a href="javascript:alert(1)">x</a>', true],
		['javascript link', '[x](javascript:alert(1))', true],
		['javascript link in capitals', '[x](JAVASCRIPT:alert(1))', true],
		['javascript link after a space', '[x]( javascript:alert(1))', true],
		['javascript link with a tab inside the scheme', '[x](java\tscript:alert(1))', true],
		['javascript link with entity colon', '[x](javascript&#58;alert(1))', true],
		['javascript link with entity letter', '[x](&#106;avascript:alert(1))', true],
		['vbscript link', '[x](vbscript:msgbox(1))', true],
		['data link', '[x](data:text/html,<script>alert(1)</script>)', true],
		['data link base64', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', true],
		['protocol-relative link', '[x](//evil.example)', true],
		['quote breakout in href', '[x](https://a.example/"onmouseover="alert(1))', true],
		['single quote in href', "[x](https://a.example/'onmouseover='alert(1))", false],
		['backtick breakout in href', '[x](https://a.example/`onmouseover=alert(1)`)', true],
		['angle bracket in href', '[x](https://a.example/<script>)', true],
		['quote breakout in bare URL', 'https://a.example/"onmouseover="alert(1)', false],
		['angle autolink with quote', '<https://a.example/"onmouseover="alert(1)>', false],
		['HTML in link text', '[<b>x</b>](https://ok.example)', true],
		['script in link text', '[<script>alert(1)</script>](https://ok.example)', true],
		['double-encoded entities', '&lt;script&gt;alert(1)&lt;/script&gt;', false],
		['triple encoding', '&amp;lt;script&amp;gt;', false],
		['numeric entities', '&#60;script&#62;alert(1)&#60;/script&#62;', false],
		['unicode escape as text', '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e', false],
		['unicode escape decoded', '\u003cscript\u003ealert(1)\u003c/script\u003e', true],
		['fullwidth angle brackets', '＜script＞alert(1)＜/script＞', false],
		['nested brackets', '[[x](javascript:alert(1))](https://ok.example)', true],
		['nested links', '[[x](https://a.example)](https://b.example)', false],
		['link inside link text with HTML', '[a [<img src=x onerror=alert(1)>](https://a.example)](https://b.example)', true],
		['image with javascript', '![x](javascript:alert(1))', true],
		['emphasis around HTML', '**<img src=x onerror=alert(1)>**', true],
		['emphasis chaos', '***_*a**_*__**b_*_**', false],
		['unclosed emphasis in link text', '[**x](https://a.example) y**', false],
		['NUL inside a tag', '<scr\u0000ipt>alert(1)</script>', true],
		['NUL inside a scheme', '[x](java\u0000script:alert(1))', true],
		['style attribute', '<p style="background:url(javascript:alert(1))">x</p>', true],
		['list item with HTML', '- <script>alert(1)</script>\n1. <img src=x>', true],
		['mailto with payload', '[x](mailto:a@b.example?body=<script>)', true],
		['bare javascript text', 'javascript:alert(1)', false],
		['Arabic with HTML', 'مرحبا <script>alert(1)</script>', true]
	];
	it.each(vectors)('%s', (_name, source) => {
		const html = renderMarkdown(source);
		expectSafe(html);
		expect(html).not.toMatch(/<(?:script|img|svg|iframe|style|b)\b/i);
		expect(html).not.toMatch(/href="(?!https?:\/\/|mailto:)/i);
	});
	it.each(vectors)('checkMarkdown on: %s', (_name, source, flagged) => {
		expect(checkMarkdown(source).length > 0).toBe(flagged);
	});

	it('keeps entities as visible text (no double decoding)', () => {
		expect(renderMarkdown('&lt;script&gt;')).toBe('<p>&amp;lt;script&amp;gt;</p>');
	});
	it('shows a rejected link literally and escaped', () => {
		expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>');
		expect(renderMarkdown('[x](https://a.example/"onmouseover="alert(1))')).toBe('<p>[x](https://a.example/&quot;onmouseover=&quot;alert(1))</p>');
		expect(renderMarkdown('[<b>x</b>](https://ok.example)')).toBe(`<p>${link('https://ok.example', '&lt;b&gt;x&lt;/b&gt;')}</p>`);
	});

	it('holds for random mixtures of markup', () => {
		// Fixed seed, so a failure can be reproduced.
		let seed = 20240611;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		const pieces = [
			'*', '**', '_', '__', '[', ']', '(', ')', '](', '!', '\\', '<', '>', '"', "'", '`', '&', '&lt;', '#', ' ', ' ', 'a', 'ü', 'ع', '🎉',
			'\n', '\n\n', '\r\n', '- ', '* ', '1. ', '2. ', '  ', 'https://a.example/', 'http://b.example', 'mailto:x@y.example', 'javascript:', 'data:',
			'<script>', '<img src=x onerror=alert(1)>', '\u0000', '.', ',', ':'
		];
		for (let n = 0; n < 3000; n++) {
			let source = '';
			const length = 1 + Math.floor(random() * 30);
			for (let k = 0; k < length; k++) source += pieces[Math.floor(random() * pieces.length)];
			try {
				expectSafe(renderMarkdown(source));
			} catch (error) {
				throw new Error(`unsafe output for ${JSON.stringify(source)}: ${String(error)}`, { cause: error });
			}
			expect(typeof markdownToPlainText(source)).toBe('string');
			expect(Array.isArray(checkMarkdown(source))).toBe(true);
		}
	});
});

describe('markdownToPlainText', () => {
	const cases: [name: string, source: string, text: string][] = [
		['empty', '', ''],
		['emphasis removed', 'Das ist **sehr** *wichtig* und _klar_.', 'Das ist sehr wichtig und klar.'],
		['paragraphs and line breaks', 'Eins\nZwei\r\n\r\nDrei', 'Eins\nZwei\n\nDrei'],
		['link as text (url)', 'Zur [Anmeldung](https://a.example/anmelden).', 'Zur Anmeldung (https://a.example/anmelden).'],
		['mail link without the scheme', '[Schreiben Sie uns](mailto:info@a.example)', 'Schreiben Sie uns (info@a.example)'],
		['link whose text is the address', '[https://a.example](https://a.example)', 'https://a.example'],
		['link with emphasis in its text', '[**Jetzt** anmelden](https://a.example)', 'Jetzt anmelden (https://a.example)'],
		['bare URL', 'Mehr unter https://a.example.', 'Mehr unter https://a.example.'],
		['unordered list', 'Wir bieten:\n- Kurse\n- **Beratung**', 'Wir bieten:\n\n- Kurse\n- Beratung'],
		['ordered list renumbered', '1. Anmelden\n1. Kommen', '1. Anmelden\n2. Kommen'],
		['escapes resolved', '\\*Sternchen\\*', '*Sternchen*'],
		['unbalanced markers stay', '**fett und Lehrer*innen', '**fett und Lehrer*innen'],
		['rejected link stays as written', '[x](javascript:alert(1))', '[x](javascript:alert(1))'],
		['HTML stays as text, unescaped', '<b>fett</b> & mehr', '<b>fett</b> & mehr'],
		['unicode untouched', 'دورة **اللغة** 🎉 Курс', 'دورة اللغة 🎉 Курс']
	];
	it.each(cases)('%s', (_name, source, text) => {
		expect(markdownToPlainText(source)).toBe(text);
	});
});

describe('checkMarkdown', () => {
	// [name, source, expected problems as [line, pattern the message matches]]
	const cases: [name: string, source: string, problems: [number, RegExp][]][] = [
		['empty', '', []],
		['everything of the subset', '**Ort:** Haus\n\n- [Anmeldung](https://a.example)\n- [Mail](mailto:a@b.example)\n1. _eins_\n\nhttps://a.example', []],
		['gender star, dates, maths', 'Lehrer*innen\n15. März\n5 < 6 und a<b', []],
		['hashtag is not a heading', '#Integration und Kurs #3', []],
		['angle autolink is not HTML', '<https://a.example> <info@a.example>', []],
		['thematic break after a blank line is not a heading', 'Text\n\n---', []],
		['ATX heading', 'Text\n## Titel', [[2, /Überschriften mit „#“/]]],
		['heading without text', '#', [[1, /Überschriften/]]],
		['setext heading with =', 'Titel\n=====', [[2, /„===“ oder „---“/]]],
		['setext heading with -', 'Titel\n---', [[2, /„===“ oder „---“/]]],
		['script tag', 'Hallo\r\n<script>alert(1)</script>', [[2, /HTML wie „<script>“/]]],
		['img tag with attributes', '<img src=x onerror=alert(1)>', [[1, /HTML wie „<img src=x onerror=alert\(1\)>“/]]],
		['one mention per line', '<b>a</b> <i>b</i>', [[1, /HTML wie „<b>“/]]],
		['unclosed dangerous tag', 'x <iframe src=//evil', [[1, /HTML wie „<iframe“/]]],
		['javascript link', '\n\n[x](javascript:alert(1))', [[3, /„javascript:“ sind aus Sicherheitsgründen nicht erlaubt/]]],
		['JavaScript with spaces and case', '[x](  JavaScript:alert(1) )', [[1, /„javascript:“/]]],
		['data link', '[x](data:text/html,hi)', [[1, /„data:“/]]],
		['www without scheme', '[x](www.a.example)', [[1, /„https:\/\/“ vor „www\.a\.example“/]]],
		['relative link', '[x](/seite)', [[1, /„\/seite“ ist nicht erlaubt/]]],
		['ftp link', '[x](ftp://a.example)', [[1, /mit https:\/\/, http:\/\/ oder mailto: beginnen/]]],
		['empty target', '[x]()', [[1, /keine Adresse/]]],
		['space inside target', '[x](https://a.example/mein kurs)', [[1, /unvollständig/]]],
		['quote inside target', '[x](https://a.example/"x)', [[1, /Zeichen, die in einem Link nicht stehen dürfen/]]],
		['image', '![Foto](https://a.example/f.jpg)', [[1, /Bilder/]]],
		[
			'several lines, in order',
			'# Titel\nText\n[x](javascript:void(0))\n<b>fett</b>',
			[
				[1, /Überschriften/],
				[3, /javascript/],
				[4, /HTML/]
			]
		]
	];
	it.each(cases)('%s', (_name, source, expected) => {
		const problems = checkMarkdown(source);
		expect(problems.map((p) => p.line)).toEqual(expected.map(([line]) => line));
		problems.forEach((p, i) => expect(p.message).toMatch(expected[i]![1]));
	});
});
