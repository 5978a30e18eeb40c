import { describe, expect, it } from 'vitest';
import { makeStatement, makeStatements, parseAgeBand, STATEMENT_LANGUAGES, type StatementInput, type StatementLanguage, type StatementOptions } from './statements.ts';

const NBSP = '\u00a0';
const plain: StatementOptions = { nonBreakingSpaces: false };

const text = (input: StatementInput, lang: StatementLanguage, options: StatementOptions = plain): string => {
	const result = makeStatement(input, lang, 'ok', options);
	if (result.status !== 'ok') throw new Error(`withheld: ${result.reason}`);
	return result.statement.text;
};

const altstadt0to3: StatementInput = {
	kind: 'change',
	area: '11-Altstadt',
	ageBand: parseAgeBand('0-3'),
	fromYear: 2008,
	toYear: 2018,
	fromValue: 52.7,
	toValue: 76.3
};
const altstadt10to15: StatementInput = { kind: 'share', area: '11-Altstadt', ageBand: parseAgeBand('10-15'), year: 2018, value: 68.0 };

describe('the example statements of seed 003 (Bottrop)', () => {
	// Quoted from the seed. The seed writes "0-3 jährigen"; the standard spelling, which the platform
	// uses, is "0- bis 3-Jährigen" (Duden: Ergänzungsstrich and capitalised noun). That is the one
	// intended difference; everything else is reproduced character by character.
	const SEED_CHANGE =
		'Von 2008 bis zum Berichtsjahr stieg der Anteil der 0-3 jährigen mit Migrationshintergrund in 11-Altstadt um 23,6 Prozentpunkte von 52,7 % auf 76,3 %.';
	const SEED_SHARE = '68 % der 10-15 jährigen in 11-Altstadt hatten im Berichtsjahr einen Migrationshintergrund.';
	const spelling = (s: string): string => s.replace(/(\d+)-(\d+) jährigen/, '$1- bis $2-Jährigen');

	it('rise of the 0–3-year-olds in 11-Altstadt, with the report year named as in the seed', () => {
		expect(text(altstadt0to3, 'de', { ...plain, reportYear: 2018 })).toBe(spelling(SEED_CHANGE));
		expect(text(altstadt0to3, 'de', { ...plain, reportYear: 2018 })).toBe(
			'Von 2008 bis zum Berichtsjahr stieg der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 11-Altstadt um 23,6 Prozentpunkte von 52,7 % auf 76,3 %.'
		);
	});

	it('the same with the year, as the issue words it', () => {
		expect(text(altstadt0to3, 'de')).toBe(
			'Von 2008 bis 2018 stieg der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 11-Altstadt um 23,6 Prozentpunkte von 52,7 % auf 76,3 %.'
		);
	});

	it('share of the 10–15-year-olds, whole percent as in the seed', () => {
		expect(text(altstadt10to15, 'de', { ...plain, reportYear: 2018, precision: 0 })).toBe(spelling(SEED_SHARE));
	});

	it('joins number and unit with no-break spaces by default', () => {
		expect(text(altstadt0to3, 'de', {})).toBe(
			`Von 2008 bis 2018 stieg der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 11-Altstadt um 23,6${NBSP}Prozentpunkte von 52,7${NBSP}% auf 76,3${NBSP}%.`
		);
	});
});

const ebel = (ageGroup: string, fromValue: number, toValue: number): StatementInput => ({
	kind: 'change',
	area: '61-Ebel/Welheimer Mark',
	ageBand: parseAgeBand(ageGroup),
	fromYear: 2008,
	toYear: 2018,
	fromValue,
	toValue
});

describe('German: rise, fall, unchanged, over half, age bands', () => {
	it.each<[string, StatementInput, StatementOptions, string]>([
		['fall (seed: −6.3)', ebel('0-3', 44.2, 37.9), plain, 'Von 2008 bis 2018 sank der Anteil der 0- bis 3-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark um 6,3 Prozentpunkte von 44,2 % auf 37,9 %.'],
		['rise of exactly 1,0', ebel('10-15', 42.4, 43.4), plain, 'Von 2008 bis 2018 stieg der Anteil der 10- bis 15-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark um 1,0 Prozentpunkte von 42,4 % auf 43,4 %.'],
		['one whole point is singular', ebel('10-15', 42, 43), { ...plain, precision: 0 }, 'Von 2008 bis 2018 stieg der Anteil der 10- bis 15-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark um 1 Prozentpunkt von 42 % auf 43 %.'],
		['65 and older (seed ">64")', ebel('>64', 10.1, 16.6), plain, 'Von 2008 bis 2018 stieg der Anteil der 65-Jährigen und Älteren mit Migrationshintergrund in 61-Ebel/Welheimer Mark um 6,5 Prozentpunkte von 10,1 % auf 16,6 %.'],
		['unchanged', ebel('6-9', 45.3, 45.3), plain, 'Von 2008 bis 2018 blieb der Anteil der 6- bis 9-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark mit 45,3 % unverändert.'],
		['unchanged once rounded', ebel('6-9', 45.31, 45.34), plain, 'Von 2008 bis 2018 blieb der Anteil der 6- bis 9-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark mit 45,3 % unverändert.'],
		[
			'the change adds up with the rounded shares (x.x5)',
			ebel('6-9', 45.25, 45.35),
			plain,
			'Von 2008 bis 2018 stieg der Anteil der 6- bis 9-Jährigen mit Migrationshintergrund in 61-Ebel/Welheimer Mark um 0,1 Prozentpunkte von 45,3 % auf 45,4 %.'
		],
		['total population', { kind: 'change', area: '11-Altstadt', ageBand: parseAgeBand('gesamt'), fromYear: 2008, toYear: 2018, fromValue: 27.7, toValue: 40.1 }, plain, 'Von 2008 bis 2018 stieg der Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund in 11-Altstadt um 12,4 Prozentpunkte von 27,7 % auf 40,1 %.'],
		['over half', { kind: 'majority', area: '61-Ebel/Welheimer Mark', ageBand: parseAgeBand('4-5'), year: 2018, value: 56.4 }, plain, 'In 61-Ebel/Welheimer Mark hatte 2018 mehr als die Hälfte der 4- bis 5-Jährigen einen Migrationshintergrund (56,4 %).'],
		['share of one age', { kind: 'share', area: 'Bottrop', ageBand: parseAgeBand('5'), year: 2018, value: 42.8 }, plain, '42,8 % der 5-Jährigen in Bottrop hatten 2018 einen Migrationshintergrund.']
	])('%s', (_name, input, options, expected) => {
		expect(text(input, 'de', options)).toBe(expected);
	});

	it('uses the decimal comma, never a decimal point', () => {
		const s = text(ebel('16-18', 36.6, 46.7), 'de');
		expect(s).toContain('10,1 Prozentpunkte');
		expect(s).toContain('46,7 %');
		expect(s).not.toMatch(/\d\.\d/);
	});
});

describe('every portal language', () => {
	it.each<[StatementLanguage, StatementInput, string]>([
		['en', altstadt0to3, 'From 2008 to 2018, the share of residents with a migration background among people aged 0 to 3 in 11-Altstadt rose by 23.6 percentage points, from 52.7% to 76.3%.'],
		['en', ebel('>64', 16.6, 10.1), 'From 2008 to 2018, the share of residents with a migration background among people aged 65 and over in 61-Ebel/Welheimer Mark fell by 6.5 percentage points, from 16.6% to 10.1%.'],
		['tr', altstadt0to3, '2008 yılından 2018 yılına kadar 11-Altstadt semtinde 0–3 yaş grubunda göçmen kökenli olanların oranı 23,6 yüzde puan artarak %52,7 seviyesinden %76,3 seviyesine yükseldi.'],
		['tr', altstadt10to15, '2018 yılında 11-Altstadt semtinde 10–15 yaş grubunda göçmen kökenli olanların oranı %68,0 idi.'],
		['ru', altstadt0to3, 'С 2008 по 2018 год доля жителей с миграционным прошлым в возрастной группе от 0 до 3 лет в районе 11-Altstadt выросла на 23,6 процентного пункта: с 52,7 % до 76,3 %.'],
		['ru', ebel('19-29', 38.7, 29.5), 'С 2008 по 2018 год доля жителей с миграционным прошлым в возрастной группе от 19 до 29 лет в районе 61-Ebel/Welheimer Mark снизилась на 9,2 процентного пункта: с 38,7 % до 29,5 %.'],
		['uk', altstadt0to3, 'З 2008 по 2018 рік частка мешканців з міграційним походженням у віковій групі від 0 до 3 років у районі 11-Altstadt зросла на 23,6 відсоткового пункту: з 52,7% до 76,3%.'],
		['uk', altstadt10to15, 'У 2018 році 68,0% мешканців віком від 10 до 15 років у районі 11-Altstadt мали міграційне походження.'],
		['ar', altstadt0to3, 'بين عامي 2008 و2018 ارتفعت نسبة السكان من أصول مهاجرة في الفئة العمرية من 0 إلى 3 سنوات في منطقة \u206811-Altstadt\u2069 بمقدار 23.6 نقطة مئوية، من 52.7\u200e%\u200e إلى 76.3\u200e%\u200e.'],
		['fa', altstadt0to3, 'از سال ۲۰۰۸ تا سال ۲۰۱۸ سهم ساکنان دارای پیشینهٔ مهاجرت در گروه سنی ۰ تا ۳ سال در منطقهٔ \u206811-Altstadt\u2069 با ۲۳٫۶ واحد درصد افزایش از ۵۲٫۷٪ به ۷۶٫۳٪ رسید.'],
		['fa', altstadt10to15, 'در سال ۲۰۱۸، ۶۸٫۰٪ از ساکنان گروه سنی ۱۰ تا ۱۵ سال در منطقهٔ \u206811-Altstadt\u2069 دارای پیشینهٔ مهاجرت بودند.']
	])('%s: %s', (lang, input, expected) => {
		expect(text(input, lang)).toBe(expected);
	});

	it.each<[StatementLanguage, 'ltr' | 'rtl', boolean]>([
		['de', 'ltr', true],
		['en', 'ltr', false],
		['tr', 'ltr', false],
		['ru', 'ltr', false],
		['uk', 'ltr', false],
		['ar', 'rtl', false],
		['fa', 'rtl', false]
	])('%s is %s and reviewed: %s', (lang, dir, reviewed) => {
		const result = makeStatement(altstadt0to3, lang, 'ok');
		expect(result.status === 'ok' && result.statement).toMatchObject({ lang, dir, reviewed, kind: 'rise' });
	});

	it.each<[StatementLanguage, RegExp]>([
		['de', /mehr als die Hälfte/],
		['en', /more than half/],
		['tr', /yarısından fazlası göçmen kökenliydi \(%76,3\)/],
		['ru', /более половины/],
		['uk', /понад половина/],
		['ar', /أكثر من نصف/],
		['fa', /بیش از نیمی/]
	])('%s states "over half"', (lang, pattern) => {
		expect(text({ kind: 'majority', area: '11-Altstadt', ageBand: parseAgeBand('0-3'), year: 2018, value: 76.3 }, lang)).toMatch(pattern);
	});

	it.each<[StatementLanguage, RegExp]>([
		['de', /blieb .* unverändert/],
		['en', /remained unchanged at 45\.3%/],
		['tr', /%45,3 seviyesinde değişmeden kaldı/],
		['ru', /не изменилась/],
		['uk', /не змінилася/],
		['ar', /دون تغيير/],
		['fa', /بدون تغییر/]
	])('%s states "unchanged"', (lang, pattern) => {
		expect(text(ebel('6-9', 45.3, 45.3), lang)).toMatch(pattern);
	});

	it.each<[StatementLanguage, string]>([
		['ru', 'на 5 процентных пунктов'],
		['ru', 'на 1 процентный пункт'],
		['ru', 'на 2 процентных пункта'],
		['uk', 'на 5 відсоткових пунктів'],
		['uk', 'на 2 відсоткові пункти'],
		['ar', 'بمقدار 5 نقاط مئوية'],
		['en', 'by 1 percentage point,']
	])('plural of whole points (%s): %s', (lang, expected) => {
		const points = Number(/\d+/.exec(expected)?.[0]);
		expect(text(ebel('0-3', 40, 40 + points), lang, { ...plain, precision: 0 })).toContain(expected);
	});

	it.each<[string, string]>([
		['ru', 'в возрастной группе от 19 до 21 года'],
		['uk', 'у віковій групі від 19 до 21 року'],
		['ru', 'в возрастной группе 61 года и старше'],
		['uk', 'у віковій групі 61 рік і старше'],
		['ar', 'في الفئة العمرية من 19 إلى 21 سنة']
	])('age groups ending in 1 (%s): %s', (lang, expected) => {
		const band = expected.includes('61') ? '61+' : '19-21';
		expect(text(ebel(band, 40, 50), lang as StatementLanguage)).toContain(expected);
	});

	it('Arabic digits can be switched to Eastern Arabic', () => {
		expect(text(altstadt0to3, 'ar', { ...plain, numberingSystem: 'arab' })).toContain('بمقدار ٢٣٫٦ نقطة مئوية');
	});
});

describe('no statement from values that may not be stated', () => {
	it.each(['suppressed', 'unreliable', 'missing', 'zero_denominator'])('status %s withholds it in every language', (status) => {
		for (const lang of STATEMENT_LANGUAGES) expect(makeStatement(altstadt0to3, lang, status)).toEqual({ status: 'withheld', reason: status });
		expect(makeStatements(altstadt0to3, status)).toEqual([]);
	});

	it.each<[string, StatementInput]>([
		['exactly half', { kind: 'majority', area: 'A', ageBand: null, year: 2018, value: 50 }],
		['50.04 %, shown as 50,0 %', { kind: 'majority', area: 'A', ageBand: null, year: 2018, value: 50.04 }],
		['a share above 100 %', { kind: 'share', area: 'A', ageBand: null, year: 2018, value: 100.1 }],
		['a share that is not a number', { kind: 'change', area: 'A', ageBand: null, fromYear: 2008, toYear: 2018, fromValue: Number.NaN, toValue: 3 }]
	])('%s is not stated', (_name, input) => {
		expect(makeStatement(input, 'de', 'ok').status).toBe('withheld');
	});

	it('makes all seven languages when the value is fine', () => {
		expect(makeStatements(altstadt0to3, 'ok').map((s) => s.lang)).toEqual(['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa']);
	});
});

describe('parseAgeBand', () => {
	it.each([
		['0-3', { from: 0, to: 3 }],
		['19–29', { from: 19, to: 29 }],
		['0 bis 3', { from: 0, to: 3 }],
		['>64', { from: 65, to: null }],
		['65+', { from: 65, to: null }],
		['65 und älter', { from: 65, to: null }],
		['5', { from: 5, to: 5 }],
		['gesamt', null],
		['9-3', null]
	])('%s', (label, expected) => {
		expect(parseAgeBand(label)).toEqual(expected);
	});
});
