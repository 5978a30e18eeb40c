import { describe, expect, it } from 'vitest';
import { bodyHtml, DEFAULT_TEMPLATES, fillLine, letterDocument, tableHtml, unknownPlaceholders } from './letters.ts';
import { LETTER_KINDS } from './schema.ts';

describe('letter templates', () => {
	it.each([
		{ name: 'values are escaped, never markup', template: 'Projekt: {{projekt}}', values: { projekt: '<script>alert(1)</script> & "Fest"' }, html: '<p>Projekt: &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Fest&quot;</p>' },
		{ name: 'markup typed into the template is escaped too', template: '<b>fett</b>', values: {}, html: '<p>&lt;b&gt;fett&lt;/b&gt;</p>' },
		{ name: 'blank lines make paragraphs, single lines a break', template: 'eins\nzwei\n\ndrei', values: {}, html: '<p>eins<br>zwei</p>\n<p>drei</p>' },
		{ name: '"- " lines make a list after an introduction', template: 'Auflagen:\n- erstens\n- zweitens', values: {}, html: '<p>Auflagen:</p>\n<ul><li>erstens</li><li>zweitens</li></ul>' },
		{ name: 'a value with paragraphs becomes paragraphs', template: 'Gründe:\n{{gruende}}', values: { gruende: 'A\n\nB' }, html: '<p>Gründe:<br>A</p>\n<p>B</p>' },
		{ name: 'an empty value leaves no empty paragraph', template: 'eins\n\n{{auflagen}}\n\nzwei', values: { auflagen: '' }, html: '<p>eins</p>\n<p>zwei</p>' },
		{ name: 'unknown placeholders become empty', template: 'x{{nichts}}y', values: {}, html: '<p>xy</p>' }
	])('$name', ({ template, values, html }) => {
		expect(bodyHtml(template, values as Record<string, string>)).toBe(html);
	});

	it('puts the table the platform built where {{tabelle}} stands, and only there', () => {
		const table = tableHtml(['Posten', 'Betrag €'], [['<Miete>', '100,00 €']]);
		expect(table).toContain('&lt;Miete&gt;');
		expect(table).toContain('<td class="num">100,00 €</td>');
		expect(bodyHtml('vor\n\n{{tabelle}}\n\nnach', {}, table)).toBe(`<p>vor</p>\n${table}\n<p>nach</p>`);
		expect(bodyHtml('Text {{tabelle}}', {}, table)).toBe('<p>Text </p>');
	});

	it('names placeholders the platform does not know', () => {
		expect(unknownPlaceholders('{{projekt}} {{Projekt}} {{betrag}} {{foo}} {{ bar }}')).toEqual(['Projekt', 'foo', 'bar']);
	});

	it.each(LETTER_KINDS)('the default %s uses only known placeholders', (kind) => {
		expect(unknownPlaceholders(DEFAULT_TEMPLATES[kind].subject + DEFAULT_TEMPLATES[kind].body)).toEqual([]);
	});

	it('the lawful rejection gives reasons and remedies; the short one gives neither', () => {
		expect(DEFAULT_TEMPLATES.rejection.body).toContain('{{gruende}}');
		expect(DEFAULT_TEMPLATES.rejection.body).toContain('Rechtsbehelfsbelehrung');
		expect(DEFAULT_TEMPLATES.rejection_without_reasons.body).not.toContain('{{gruende}}');
	});

	it('fills the subject as one line', () => {
		expect(fillLine('Bescheid – {{projekt}} ({{aktenzeichen}})', { projekt: 'Fest', aktenzeichen: 'SF-2026-001' })).toBe('Bescheid – Fest (SF-2026-001)');
	});

	const frame = { municipalityName: 'Stadt <Test>', managingOffice: 'Geschäftsführung', officeAddress: 'Platz 1\n12345 Stadt', officeEmail: 'fonds@test', date: '01.05.2026', reference: 'SF-1', subject: 'Betreff', bodyHtml: '<p>x</p>', signature: 'Ines', demo: false };
	it('letters to a person close with greetings, internal documents are signed', () => {
		const letter = letterDocument({ ...frame, recipient: ['Verein', 'Straße 1'] });
		expect(letter).toContain('Mit freundlichen Grüßen');
		expect(letter).toContain('Stadt &lt;Test&gt;');
		expect(letter).not.toContain('<script');
		const internal = letterDocument({ ...frame, recipient: [] });
		expect(internal).toContain('Gezeichnet');
		expect(internal).not.toContain('Mit freundlichen Grüßen');
		expect(letterDocument({ ...frame, recipient: [], demo: true })).toContain('Demo – kein echtes Schreiben.');
	});
});
