/**
 * Plain-language statements ("Beispielaussagen") generated from monitoring figures, in the portal's
 * languages. Example (German): "Von 2008 bis 2018 stieg der Anteil der 0- bis 3-Jährigen mit
 * Migrationshintergrund in 11-Altstadt um 23,6 Prozentpunkte von 52,7 % auf 76,3 %."
 *
 * Decisions:
 * - The sentences are written per language as small functions, not translated string templates: word
 *   order, cases and plural forms differ too much (Russian "на 23,6 процентного пункта", Turkish suffixes).
 *   Turkish sentences are built so that no case suffix has to be attached to a number or a place name
 *   ("2008 yılından", "11-Altstadt semtinde"), because the right suffix depends on how the number is read.
 * - Only German is written by the responsible office (`reviewed: true`). The other languages were
 *   written without review by a native speaker and carry `reviewed: false`, so the portal can mark
 *   them like its other machine-made translations.
 * - Numbers go through Intl.NumberFormat of the language: German decimal comma and "52,7 %", English
 *   "52.7%", Turkish "%52,7". Digits: Farsi uses Persian digits (۵۲٫۷٪), the norm in Iran and Afghanistan
 *   and CLDR's default; Arabic uses Western digits, CLDR's default for "ar" and the usage of German
 *   authorities' Arabic material, and consistent with the area codes ("11-Altstadt") in the same sentence.
 *   Both are pinned here (not left to the ICU version) and can be overridden per call.
 * - In Arabic and Farsi, the (Latin) area name is wrapped in Unicode isolates so it keeps its own
 *   direction inside the right-to-left sentence.
 * - Number and unit are joined by a no-break space (as Intl does for "52,7 %"), so a line never breaks
 *   between them; `nonBreakingSpaces: false` gives ordinary spaces, e.g. for comparing with printed text.
 * - The change is stated as the difference of the two displayed shares, so every sentence adds up for the
 *   reader ("um 23,6 Prozentpunkte von 52,7 % auf 76,3 %"); rise, fall or "unchanged" follow from it.
 * - A statement is never made from a value whose status is not 'ok' (suppressed, unreliable, missing …):
 *   the call returns `withheld` instead, so a sentence cannot reveal what a table hides.
 */
import { isolate, type PublicLanguage } from '../../../i18n/languages.ts';
import { DEFAULT_DISPLAY_PRECISION, exactDifference, roundForDisplay, type KeyFigureStatus } from './key-figures.ts';

export type StatementLanguage = PublicLanguage;
export const STATEMENT_LANGUAGES: readonly StatementLanguage[] = ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'];

/** An age group in whole years; `to: null` means "and older" (the Bottrop band ">64" is { from: 65, to: null }). */
export interface AgeBand {
	readonly from: number;
	readonly to: number | null;
}

/**
 * Reads an age group label as the reports print it: "0-3", "0–3", "0 bis 3", "65+", ">64", "5".
 * Returns null for totals ("gesamt", "insgesamt", "total") and for anything it does not understand.
 */
export function parseAgeBand(label: string): AgeBand | null {
	const text = label.trim();
	let m = /^(\d+)\s*(?:-|–|bis)\s*(\d+)$/.exec(text);
	if (m) {
		const from = Number(m[1]);
		const to = Number(m[2]);
		return from <= to ? { from, to } : null;
	}
	if ((m = /^(\d+)\s*\+$/.exec(text)) || (m = /^(\d+)\s*(?:und älter|und mehr)$/i.exec(text))) return { from: Number(m[1]), to: null };
	if ((m = /^>\s*(\d+)$/.exec(text))) return { from: Number(m[1]) + 1, to: null };
	if ((m = /^(\d+)$/.exec(text))) return { from: Number(m[1]), to: Number(m[1]) };
	return null;
}

/** The facts of one statement. Shares are in % (52.7 means 52.7 %), as key figures of kind "share" give them. */
export type StatementInput =
	| {
			/** Rise, fall or unchanged between two years. */
			readonly kind: 'change';
			readonly area: string;
			/** null: the whole population of the area. */
			readonly ageBand: AgeBand | null;
			readonly fromYear: number;
			readonly toYear: number;
			readonly fromValue: number;
			readonly toValue: number;
	  }
	| {
			/** "68,0 % der 10- bis 15-Jährigen in 11-Altstadt hatten 2018 einen Migrationshintergrund." */
			readonly kind: 'share';
			readonly area: string;
			readonly ageBand: AgeBand | null;
			readonly year: number;
			readonly value: number;
	  }
	| {
			/** "… mehr als die Hälfte …": only made when the displayed share is above 50 %. */
			readonly kind: 'majority';
			readonly area: string;
			readonly ageBand: AgeBand | null;
			readonly year: number;
			readonly value: number;
	  };

export interface StatementOptions {
	/** Decimal places of shares and points. Default 1. */
	readonly precision?: number;
	/** Join number and unit with U+00A0. Default true. */
	readonly nonBreakingSpaces?: boolean;
	/** This year is called "the reporting year" ("Berichtsjahr") instead of being named, as the Bottrop report does. */
	readonly reportYear?: number;
	/** Override the digits, e.g. 'arab' for Eastern Arabic digits in Arabic. */
	readonly numberingSystem?: string;
}

export type StatementKind = 'rise' | 'fall' | 'unchanged' | 'share' | 'majority';

export interface Statement {
	readonly lang: StatementLanguage;
	readonly dir: 'ltr' | 'rtl';
	readonly kind: StatementKind;
	readonly text: string;
	/** false: written without review by a speaker of the language; the UI marks it as such. */
	readonly reviewed: boolean;
}

export type StatementResult =
	| { readonly status: 'ok'; readonly statement: Statement }
	| { readonly status: 'withheld'; readonly reason: string };

// ---------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------

const DIGITS: Record<StatementLanguage, string> = {
	de: 'latn',
	en: 'latn',
	tr: 'latn',
	ru: 'latn',
	uk: 'latn',
	ar: 'latn',
	fa: 'arabext'
};

/** What a sentence function gets: formatted numbers and the grammar helpers of its language. */
interface Parts {
	readonly area: string;
	readonly band: AgeBand | null;
	/** A whole number in the language's digits, without grouping (years, ages). */
	readonly n: (value: number) => string;
	/** A share with its percent sign, placed as the language does. */
	readonly pct: (value: number) => string;
	/** An amount of percentage points without its unit. */
	readonly points: number;
	readonly pointsText: string;
	/** Plural category of `points` as displayed ("23,6" → other in most languages). */
	readonly pointsPlural: Intl.LDMLPluralRule;
	/** Joins a number and its unit. */
	readonly sp: string;
	readonly year: (year: number) => { readonly year: number; readonly named: boolean };
}

interface Sentences {
	readonly reviewed: boolean;
	readonly dir: 'ltr' | 'rtl';
	readonly change: (p: Parts, d: { from: number; to: number; a: number; b: number; kind: 'rise' | 'fall' | 'unchanged' }) => string;
	readonly share: (p: Parts, year: number, value: number) => string;
	readonly majority: (p: Parts, year: number, value: number) => string;
}

// ---------------------------------------------------------------------------------------------------
// The languages
// ---------------------------------------------------------------------------------------------------

/** German genitive plural of an age group: "0- bis 3-Jährigen", "65-Jährigen und Älteren". */
function deGroup(p: Parts): string {
	const b = p.band;
	if (!b) return 'Einwohnerinnen und Einwohner';
	if (b.to === null) return `${p.n(b.from)}-Jährigen und Älteren`;
	if (b.from === b.to) return `${p.n(b.from)}-Jährigen`;
	return `${p.n(b.from)}- bis ${p.n(b.to)}-Jährigen`;
}

const de: Sentences = {
	reviewed: true,
	dir: 'ltr',
	change(p, d) {
		const to = p.year(d.to);
		const span = `Von ${p.n(d.from)} bis ${to.named ? 'zum Berichtsjahr' : p.n(to.year)}`;
		const subject = `der Anteil der ${deGroup(p)} mit Migrationshintergrund in ${p.area}`;
		// "Prozentpunkt" only for exactly one whole point; "1,0 Prozentpunkte" like "1,0 Prozent".
		const unit = p.pointsPlural === 'one' ? 'Prozentpunkt' : 'Prozentpunkte';
		if (d.kind === 'unchanged') return `${span} blieb ${subject} mit ${p.pct(d.b)} unverändert.`;
		const verb = d.kind === 'rise' ? 'stieg' : 'sank';
		return `${span} ${verb} ${subject} um ${p.pointsText}${p.sp}${unit} von ${p.pct(d.a)} auf ${p.pct(d.b)}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		return `${p.pct(value)} der ${deGroup(p)} in ${p.area} hatten ${y.named ? 'im Berichtsjahr' : p.n(y.year)} einen Migrationshintergrund.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		return `In ${p.area} hatte ${y.named ? 'im Berichtsjahr' : p.n(y.year)} mehr als die Hälfte der ${deGroup(p)} einen Migrationshintergrund (${p.pct(value)}).`;
	}
};

function enGroup(p: Parts): string {
	const b = p.band;
	if (!b) return 'residents';
	if (b.to === null) return `people aged ${p.n(b.from)} and over`;
	if (b.from === b.to) return `people aged ${p.n(b.from)}`;
	return `people aged ${p.n(b.from)} to ${p.n(b.to)}`;
}

const en: Sentences = {
	reviewed: false,
	dir: 'ltr',
	change(p, d) {
		const to = p.year(d.to);
		const span = `From ${p.n(d.from)} to ${to.named ? 'the reporting year' : p.n(to.year)}`;
		// "among …" makes clear that the share is taken within the age group, not of all residents.
		const among = p.band ? ` among ${enGroup(p)}` : '';
		const subject = `the share of residents with a migration background${among} in ${p.area}`;
		const unit = p.pointsPlural === 'one' ? 'percentage point' : 'percentage points';
		if (d.kind === 'unchanged') return `${span}, ${subject} remained unchanged at ${p.pct(d.b)}.`;
		const verb = d.kind === 'rise' ? 'rose' : 'fell';
		return `${span}, ${subject} ${verb} by ${p.pointsText}${p.sp}${unit}, from ${p.pct(d.a)} to ${p.pct(d.b)}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		return `In ${y.named ? 'the reporting year' : p.n(y.year)}, ${p.pct(value)} of ${enGroup(p)} in ${p.area} had a migration background.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		return `In ${y.named ? 'the reporting year' : p.n(y.year)}, more than half of ${enGroup(p)} in ${p.area} had a migration background (${p.pct(value)}).`;
	}
};

function trGroup(p: Parts): string {
	const b = p.band;
	if (!b) return '';
	if (b.to === null) return `${p.n(b.from)} yaş ve üzeri yaş grubu`;
	if (b.from === b.to) return `${p.n(b.from)} yaş grubu`;
	return `${p.n(b.from)}–${p.n(b.to)} yaş grubu`;
}

const tr: Sentences = {
	reviewed: false,
	dir: 'ltr',
	change(p, d) {
		const to = p.year(d.to);
		const span = `${p.n(d.from)} yılından ${to.named ? 'rapor yılına' : `${p.n(to.year)} yılına`} kadar`;
		const group = p.band ? `${trGroup(p)}nda göçmen kökenli olanların oranı` : 'göçmen kökenli nüfusun oranı';
		const subject = `${p.area} semtinde ${group}`;
		if (d.kind === 'unchanged') return `${span} ${subject} ${p.pct(d.b)} seviyesinde değişmeden kaldı.`;
		const [gerund, verb] = d.kind === 'rise' ? ['artarak', 'yükseldi'] : ['azalarak', 'düştü'];
		return `${span} ${subject} ${p.pointsText}${p.sp}yüzde puan ${gerund} ${p.pct(d.a)} seviyesinden ${p.pct(d.b)} seviyesine ${verb}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'Rapor yılında' : `${p.n(y.year)} yılında`;
		const group = p.band ? `${trGroup(p)}nda göçmen kökenli olanların oranı` : 'göçmen kökenli nüfusun oranı';
		return `${when} ${p.area} semtinde ${group} ${p.pct(value)} idi.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'Rapor yılında' : `${p.n(y.year)} yılında`;
		const whole = p.band ? `${trGroup(p)}nun` : 'nüfusun';
		return `${when} ${p.area} semtinde ${whole} yarısından fazlası göçmen kökenliydi (${p.pct(value)}).`;
	}
};

/** Russian genitive of "год" after a number: "до 3 лет", "до 21 года", "65 лет и старше". */
const ruYears = (n: number): string => (n % 10 === 1 && n % 100 !== 11 ? 'года' : 'лет');

function ruAges(p: Parts, b: AgeBand): string {
	if (b.to === null) return `${p.n(b.from)} ${ruYears(b.from)} и старше`;
	if (b.from === b.to) return `${p.n(b.from)} ${ruYears(b.from)}`;
	return `от ${p.n(b.from)} до ${p.n(b.to)} ${ruYears(b.to)}`;
}

const RU_POINTS: Partial<Record<Intl.LDMLPluralRule, string>> = {
	one: 'процентный пункт',
	few: 'процентных пункта',
	many: 'процентных пунктов',
	other: 'процентного пункта'
};

const ru: Sentences = {
	reviewed: false,
	dir: 'ltr',
	change(p, d) {
		const to = p.year(d.to);
		const span = to.named ? `С ${p.n(d.from)} года по отчётный год` : `С ${p.n(d.from)} по ${p.n(to.year)} год`;
		const group = p.band ? ` в возрастной группе ${ruAges(p, p.band)}` : '';
		const subject = `доля жителей с миграционным прошлым${group} в районе ${p.area}`;
		if (d.kind === 'unchanged') return `${span} ${subject} не изменилась и составила ${p.pct(d.b)}.`;
		const verb = d.kind === 'rise' ? 'выросла' : 'снизилась';
		const unit = RU_POINTS[p.pointsPlural] ?? RU_POINTS.other;
		return `${span} ${subject} ${verb} на ${p.pointsText}${p.sp}${unit}: с ${p.pct(d.a)} до ${p.pct(d.b)}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'В отчётном году' : `В ${p.n(y.year)} году`;
		const who = p.band ? `жителей в возрасте ${ruAges(p, p.band)}` : 'жителей';
		return `${when} ${p.pct(value)} ${who} в районе ${p.area} имели миграционное прошлое.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'В отчётном году' : `В ${p.n(y.year)} году`;
		const who = p.band ? `жителей в возрасте ${ruAges(p, p.band)}` : 'жителей';
		return `${when} более половины ${who} в районе ${p.area} имели миграционное прошлое (${p.pct(value)}).`;
	}
};

/** Ukrainian "рік" after "до" (genitive: "до 3 років", "до 21 року") and as a plain count ("65 років і старше"). */
const ukGenitive = (n: number): string => (n % 10 === 1 && n % 100 !== 11 ? 'року' : 'років');
const UK_COUNT: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'рік', few: 'роки', many: 'років' };
const ukCount = (n: number): string => UK_COUNT[new Intl.PluralRules('uk').select(n)] ?? 'років';

function ukAges(p: Parts, b: AgeBand): string {
	if (b.to === null) return `${p.n(b.from)} ${ukCount(b.from)} і старше`;
	if (b.from === b.to) return `${p.n(b.from)} ${ukCount(b.from)}`;
	return `від ${p.n(b.from)} до ${p.n(b.to)} ${ukGenitive(b.to)}`;
}

const UK_POINTS: Partial<Record<Intl.LDMLPluralRule, string>> = {
	one: 'відсотковий пункт',
	few: 'відсоткові пункти',
	many: 'відсоткових пунктів',
	other: 'відсоткового пункту'
};

const uk: Sentences = {
	reviewed: false,
	dir: 'ltr',
	change(p, d) {
		const to = p.year(d.to);
		const span = to.named ? `З ${p.n(d.from)} року по звітний рік` : `З ${p.n(d.from)} по ${p.n(to.year)} рік`;
		const group = p.band ? ` у віковій групі ${ukAges(p, p.band)}` : '';
		const subject = `частка мешканців з міграційним походженням${group} у районі ${p.area}`;
		if (d.kind === 'unchanged') return `${span} ${subject} не змінилася і становила ${p.pct(d.b)}.`;
		const verb = d.kind === 'rise' ? 'зросла' : 'знизилася';
		const unit = UK_POINTS[p.pointsPlural] ?? UK_POINTS.other;
		return `${span} ${subject} ${verb} на ${p.pointsText}${p.sp}${unit}: з ${p.pct(d.a)} до ${p.pct(d.b)}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'У звітному році' : `У ${p.n(y.year)} році`;
		const who = p.band ? `мешканців віком ${ukAges(p, p.band)}` : 'мешканців';
		return `${when} ${p.pct(value)} ${who} у районі ${p.area} мали міграційне походження.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'У звітному році' : `У ${p.n(y.year)} році`;
		const who = p.band ? `мешканців віком ${ukAges(p, p.band)}` : 'мешканців';
		return `${when} понад половина ${who} у районі ${p.area} мали міграційне походження (${p.pct(value)}).`;
	}
};

/** Arabic counted noun: 3–10 take the plural ("سنوات"), other numbers the singular ("سنة"). */
const arYears = (n: number): string => (new Intl.PluralRules('ar').select(n) === 'few' ? 'سنوات' : 'سنة');

function arGroup(p: Parts): string {
	const b = p.band;
	if (!b) return '';
	if (b.to === null) return ` في الفئة العمرية ${p.n(b.from)} ${arYears(b.from)} فأكثر`;
	if (b.from === b.to) return ` في الفئة العمرية ${p.n(b.from)} ${arYears(b.from)}`;
	return ` في الفئة العمرية من ${p.n(b.from)} إلى ${p.n(b.to)} ${arYears(b.to)}`;
}

const AR_POINTS: Partial<Record<Intl.LDMLPluralRule, string>> = { two: 'نقطتين مئويتين', few: 'نقاط مئوية' };

const ar: Sentences = {
	reviewed: false,
	dir: 'rtl',
	change(p, d) {
		const to = p.year(d.to);
		const span = to.named ? `بين عام ${p.n(d.from)} وسنة التقرير` : `بين عامي ${p.n(d.from)} و${p.n(to.year)}`;
		const subject = `نسبة السكان من أصول مهاجرة${arGroup(p)} في منطقة ${p.area}`;
		if (d.kind === 'unchanged') return `${span} بقيت ${subject} دون تغيير عند ${p.pct(d.b)}.`;
		const verb = d.kind === 'rise' ? 'ارتفعت' : 'انخفضت';
		const unit = AR_POINTS[p.pointsPlural] ?? 'نقطة مئوية';
		return `${span} ${verb} ${subject} بمقدار ${p.pointsText}${p.sp}${unit}، من ${p.pct(d.a)} إلى ${p.pct(d.b)}.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'في سنة التقرير' : `في عام ${p.n(y.year)}`;
		return `${when} كان ${p.pct(value)} من السكان${arGroup(p)} في منطقة ${p.area} من أصول مهاجرة.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'في سنة التقرير' : `في عام ${p.n(y.year)}`;
		return `${when} كان أكثر من نصف السكان${arGroup(p)} في منطقة ${p.area} من أصول مهاجرة (${p.pct(value)}).`;
	}
};

function faGroup(p: Parts): string {
	const b = p.band;
	if (!b) return '';
	if (b.to === null) return ` گروه سنی ${p.n(b.from)} سال و بالاتر`;
	if (b.from === b.to) return ` گروه سنی ${p.n(b.from)} سال`;
	return ` گروه سنی ${p.n(b.from)} تا ${p.n(b.to)} سال`;
}

const fa: Sentences = {
	reviewed: false,
	dir: 'rtl',
	change(p, d) {
		const to = p.year(d.to);
		const span = `از سال ${p.n(d.from)} تا سال ${to.named ? 'گزارش' : p.n(to.year)}`;
		const group = p.band ? ` در${faGroup(p)}` : '';
		const subject = `سهم ساکنان دارای پیشینهٔ مهاجرت${group} در منطقهٔ ${p.area}`;
		if (d.kind === 'unchanged') return `${span} ${subject} بدون تغییر در ${p.pct(d.b)} باقی ماند.`;
		const change = d.kind === 'rise' ? 'افزایش' : 'کاهش';
		return `${span} ${subject} با ${p.pointsText}${p.sp}واحد درصد ${change} از ${p.pct(d.a)} به ${p.pct(d.b)} رسید.`;
	},
	share(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'در سال گزارش' : `در سال ${p.n(y.year)}`;
		return `${when}، ${p.pct(value)} از ساکنان${faGroup(p)} در منطقهٔ ${p.area} دارای پیشینهٔ مهاجرت بودند.`;
	},
	majority(p, year, value) {
		const y = p.year(year);
		const when = y.named ? 'در سال گزارش' : `در سال ${p.n(y.year)}`;
		return `${when} بیش از نیمی از ساکنان${faGroup(p)} در منطقهٔ ${p.area} دارای پیشینهٔ مهاجرت بودند (${p.pct(value)}).`;
	}
};

const SENTENCES: Record<StatementLanguage, Sentences> = { de, en, tr, ru, uk, ar, fa };

/** Whether statements in this language still need review by a speaker (the UI marks them). */
export const isReviewed = (lang: StatementLanguage): boolean => SENTENCES[lang].reviewed;

// ---------------------------------------------------------------------------------------------------
// Making a statement
// ---------------------------------------------------------------------------------------------------

function partsFor(
	lang: StatementLanguage,
	input: StatementInput,
	points: number,
	options: StatementOptions
): Parts {
	const precision = options.precision ?? DEFAULT_DISPLAY_PRECISION;
	const numberingSystem = options.numberingSystem ?? DIGITS[lang];
	const nbsp = options.nonBreakingSpaces ?? true;
	// Intl puts U+00A0 or U+202F between number and "%" in some languages.
	const spaces = (text: string): string => (nbsp ? text : text.replace(/[\u00a0\u202f]/g, ' '));
	const whole = new Intl.NumberFormat(lang, { numberingSystem, useGrouping: false, maximumFractionDigits: 0 });
	const percent = new Intl.NumberFormat(lang, {
		numberingSystem,
		style: 'percent',
		minimumFractionDigits: precision,
		maximumFractionDigits: precision
	});
	const decimal = new Intl.NumberFormat(lang, {
		numberingSystem,
		minimumFractionDigits: precision,
		maximumFractionDigits: precision
	});
	const rtl = SENTENCES[lang].dir === 'rtl';
	return {
		area: rtl ? isolate(input.area) : input.area,
		band: input.ageBand,
		n: (value) => whole.format(value),
		// Values arrive rounded already (exactly, half away from zero); Intl only lays them out.
		pct: (value) => spaces(percent.format(roundForDisplay(value, precision).value / 100)),
		points,
		pointsText: spaces(decimal.format(points)),
		pointsPlural: new Intl.PluralRules(lang, { minimumFractionDigits: precision, maximumFractionDigits: precision }).select(points),
		sp: nbsp ? '\u00a0' : ' ',
		year: (year) => ({ year, named: options.reportYear === year })
	};
}

const validShare = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= 100;

/**
 * One statement in one language. `status` is the status of the figures it states (the worst of them);
 * anything but 'ok' withholds the statement.
 */
export function makeStatement(
	input: StatementInput,
	lang: StatementLanguage,
	status: KeyFigureStatus | ValueStatusLike,
	options: StatementOptions = {}
): StatementResult {
	if (status !== 'ok') return { status: 'withheld', reason: status };
	const sentences = SENTENCES[lang];
	if (!sentences) return { status: 'withheld', reason: `unknown language ${String(lang)}` };
	const precision = options.precision ?? DEFAULT_DISPLAY_PRECISION;
	const statement = (kind: StatementKind, text: string): StatementResult => ({
		status: 'ok',
		statement: { lang, dir: sentences.dir, kind, text, reviewed: sentences.reviewed }
	});

	if (input.kind === 'change') {
		if (!validShare(input.fromValue) || !validShare(input.toValue)) return { status: 'withheld', reason: 'invalid_value' };
		const a = roundForDisplay(input.fromValue, precision).value;
		const b = roundForDisplay(input.toValue, precision).value;
		const difference = exactDifference(b, a);
		if (!difference) return { status: 'withheld', reason: 'invalid_value' };
		const change = roundForDisplay(difference, precision).value;
		const kind = change > 0 ? 'rise' : change < 0 ? 'fall' : 'unchanged';
		const parts = partsFor(lang, input, Math.abs(change), options);
		return statement(kind, sentences.change(parts, { from: input.fromYear, to: input.toYear, a, b, kind }));
	}
	if (!validShare(input.value)) return { status: 'withheld', reason: 'invalid_value' };
	const shown = roundForDisplay(input.value, precision).value;
	const parts = partsFor(lang, input, 0, options);
	if (input.kind === 'share') return statement('share', sentences.share(parts, input.year, shown));
	// Judged on the displayed value, like the highlight rule: "mehr als die Hälfte (50,0 %)" must not happen.
	if (!(shown > 50)) return { status: 'withheld', reason: 'not_above_half' };
	return statement('majority', sentences.majority(parts, input.year, shown));
}

/** Status values from other modules (e.g. the disclosure control) are accepted as plain text. */
type ValueStatusLike = string;

/** The same statement in every language (languages where it is withheld are left out). */
export function makeStatements(
	input: StatementInput,
	status: KeyFigureStatus | ValueStatusLike,
	options: StatementOptions = {},
	languages: readonly StatementLanguage[] = STATEMENT_LANGUAGES
): Statement[] {
	return languages.flatMap((lang) => {
		const result = makeStatement(input, lang, status, options);
		return result.status === 'ok' ? [result.statement] : [];
	});
}
