import { describe, expect, it } from 'vitest';
import { directionOf, isPublicLanguage, negotiateLanguage, PUBLIC_LANGUAGES, LANGUAGE_NAMES } from './languages.ts';

const ALL = [...PUBLIC_LANGUAGES];

describe('negotiateLanguage', () => {
	it.each([
		{ header: null, enabled: ALL, expected: 'de' },
		{ header: '', enabled: ALL, expected: 'de' },
		{ header: 'en', enabled: ALL, expected: 'en' },
		{ header: 'en-US,en;q=0.9', enabled: ALL, expected: 'en' },
		{ header: 'TR-tr', enabled: ALL, expected: 'tr' },
		{ header: 'fr-FR,fr;q=0.9,ar;q=0.5', enabled: ALL, expected: 'ar' },
		{ header: 'fr, es', enabled: ALL, expected: 'de' },
		{ header: 'en;q=0.3, uk;q=0.8', enabled: ALL, expected: 'uk' },
		{ header: 'ru;q=0.2, fa', enabled: ALL, expected: 'fa' },
		{ header: 'en;q=0, tr;q=0.1', enabled: ALL, expected: 'tr' },
		{ header: 'en;q=0', enabled: ALL, expected: 'de' },
		{ header: 'en-GB', enabled: ['de', 'tr'], expected: 'de' },
		{ header: 'en, tr;q=0.5', enabled: ['de', 'tr'], expected: 'tr' },
		{ header: '*', enabled: ALL, expected: 'de' },
		{ header: 'ar-SY , en ; q=0.7', enabled: ALL, expected: 'ar' }
	])('$header with $enabled → $expected', ({ header, enabled, expected }) => {
		expect(negotiateLanguage(header, enabled)).toBe(expected);
	});

	// RFC 9110 allows whitespace before the ";" of a quality value.
	it('tolerates whitespace before the ";" of a quality value', () => {
		expect(negotiateLanguage('fr, en ;q=0.5', ['de', 'en'])).toBe('en');
	});
});

describe('directionOf', () => {
	it.each([
		['ar', 'rtl'],
		['fa', 'rtl'],
		['de', 'ltr'],
		['en', 'ltr'],
		['tr', 'ltr'],
		['ru', 'ltr'],
		['uk', 'ltr'],
		['xx', 'ltr']
	])('%s → %s', (language, direction) => {
		expect(directionOf(language)).toBe(direction);
	});
});

describe('public languages', () => {
	it('each language has a name in itself', () => {
		expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual([...ALL].sort());
		expect(LANGUAGE_NAMES.de).toBe('Deutsch');
	});

	it.each([
		['de', true],
		['uk', true],
		['fr', false],
		['DE', false]
	])('isPublicLanguage(%s) = %s', (value, expected) => {
		expect(isPublicLanguage(value)).toBe(expected);
	});
});
