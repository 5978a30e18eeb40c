import { z } from 'zod';

/**
 * When an offer takes place, modelled on the Open Referral HSDS 3.0 `schedule` (itself a subset of the
 * iCalendar RRULE): one-off dates, weekly rules on one or more weekdays and monthly rules on the
 * n-th (or last) weekday of the month. One rule per row; an offer has up to ten.
 *
 * Semantics shared by the description, the calendar file and nextOccurrence: the first occurrence is
 * the first day on or after `dtstart` that fits the rule, and "every n weeks / months" counts from the
 * week (Monday-based) or month of that first occurrence. That is exactly RFC 5545 with DTSTART moved to
 * the first occurrence, so the portal and the visitor's calendar app never disagree.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
	freq: 'once' | 'weekly' | 'monthly';
	/** 1 = every week/month, 2 = every second …; 1 for 'once'. */
	interval: number;
	/** weekly: one or more days; monthly: exactly one day, combined with `ordinal`; 'once': empty. */
	byday: Weekday[];
	/** monthly only: 1..4 or -1 (last); 1 + ['WE'] = first Wednesday of the month. */
	ordinal: number | null;
	/** 'YYYY-MM-DD', the first day (for 'once': the date). */
	dtstart: string;
	/** 'YYYY-MM-DD', the last day (inclusive), or null = open-ended. */
	until: string | null;
	/** 'HH:MM', local time Europe/Berlin. */
	opensAt: string;
	/** 'HH:MM', later than opensAt (the same day). */
	closesAt: string;
	/** Free text in German, e.g. "nicht in den Schulferien". */
	notes: string;
}

export type ScheduleLanguage = 'de' | 'en' | 'tr' | 'ru' | 'uk' | 'ar' | 'fa';

const FREQS = ['once', 'weekly', 'monthly'] as const;
const ORDINALS = [1, 2, 3, 4, -1] as const;
const MAX_INTERVAL = 12;
const MAX_NOTES = 500;
const DAY_MS = 86_400_000;
/** Enough to reach the next occurrence of any valid rule (every twelfth month: at most 372 days apart). */
const LOOKAHEAD_DAYS = 800;

// ---------------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01), which avoids any time zone in date logic.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Day number of a real calendar date, or null (2027-02-30 does not exist). */
function dayOf(year: number, month: number, day: number): number | null {
	const date = new Date(0);
	// setUTCFullYear, unlike Date.UTC, does not turn the years 0–99 into 1900–1999.
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return Math.round(date.getTime() / DAY_MS);
}

function parseDay(iso: string): number | null {
	const m = ISO_DATE.exec(iso);
	return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function isoOf(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday, the order of WEEKDAYS (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
	return (((day + 3) % 7) + 7) % 7;
}

function minutesOf(hhmm: string): number {
	return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Whether `day` is the `ordinal`-th (-1: last) such weekday of its month. */
function isOrdinalWeekday(day: number, ordinal: number): boolean {
	const date = new Date(day * DAY_MS);
	const dom = date.getUTCDate();
	if (ordinal > 0) return Math.ceil(dom / 7) === ordinal;
	const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
	return dom + 7 > daysInMonth;
}

function monthIndexOf(day: number): number {
	const date = new Date(day * DAY_MS);
	return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** A schedule reduced to numbers. Tolerates stored rows that predate validation rules instead of throwing. */
interface Rule {
	freq: Schedule['freq'];
	interval: number;
	/** Weekday indices, sorted, without duplicates. */
	days: number[];
	ordinal: number;
	start: number;
	end: number | null;
	opens: number;
	closes: number;
}

function ruleOf(s: Schedule): Rule | null {
	const start = parseDay(s.dtstart);
	if (start === null || !HH_MM.test(s.opensAt) || !HH_MM.test(s.closesAt)) return null;
	let days = [...new Set(s.byday.map((d) => WEEKDAYS.indexOf(d)).filter((i) => i >= 0))].sort((a, b) => a - b);
	// Without a weekday, iCalendar takes the one of DTSTART; do the same rather than describe nothing.
	if (!days.length) days = [weekdayOf(start)];
	let ordinal = s.ordinal ?? 0;
	if (s.freq === 'monthly') {
		days = days.slice(0, 1);
		if (!(ORDINALS as readonly number[]).includes(ordinal)) ordinal = Math.min(4, Math.ceil(new Date(start * DAY_MS).getUTCDate() / 7));
	}
	return {
		freq: s.freq,
		interval: s.freq === 'once' ? 1 : Math.min(MAX_INTERVAL, Math.max(1, Math.trunc(s.interval) || 1)),
		days,
		ordinal,
		start,
		end: s.freq === 'once' ? start : s.until ? parseDay(s.until) : null,
		opens: minutesOf(s.opensAt),
		closes: minutesOf(s.closesAt)
	};
}

/** Whether the day has the rule's weekday (and ordinal); the interval is checked separately. */
function fitsPattern(r: Rule, day: number): boolean {
	if (r.freq === 'once') return day === r.start;
	if (!r.days.includes(weekdayOf(day))) return false;
	return r.freq === 'weekly' || isOrdinalWeekday(day, r.ordinal);
}

/** The first day on/after dtstart that fits the rule, within its end; null if there is none. */
function firstDay(r: Rule): number | null {
	// A weekly pattern repeats within 7 days, a monthly one within two months of any starting day.
	for (let day = r.start; day < r.start + 62; day++) {
		if (r.end !== null && day > r.end) return null;
		if (fitsPattern(r, day)) return day;
	}
	return null;
}

function occursOn(r: Rule, first: number, day: number): boolean {
	if (day < first || (r.end !== null && day > r.end) || !fitsPattern(r, day)) return false;
	if (r.freq === 'weekly') {
		// Weeks start on Monday (iCalendar's default WKST), counted from the week of the first occurrence.
		const weeks = (day - weekdayOf(day) - (first - weekdayOf(first))) / 7;
		return weeks % r.interval === 0;
	}
	if (r.freq === 'monthly') return (monthIndexOf(day) - monthIndexOf(first)) % r.interval === 0;
	return true;
}

// ---------------------------------------------------------------------------------------------------
// Europe/Berlin wall time. Offers happen in Germany whatever the server's TZ is, and the offset changes
// twice a year, so it is looked up per instant rather than assumed.

const BERLIN = new Intl.DateTimeFormat('en-US', {
	timeZone: 'Europe/Berlin',
	hourCycle: 'h23',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric'
});

/** Berlin's offset from UTC at the instant, in milliseconds (3_600_000 in winter, 7_200_000 in summer). */
function berlinOffset(utcMs: number): number {
	const whole = Math.floor(utcMs / 1000) * 1000;
	const part: Record<string, number> = {};
	for (const p of BERLIN.formatToParts(new Date(whole))) if (p.type !== 'literal') part[p.type] = Number(p.value);
	const wall = Date.UTC(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
	return wall - whole;
}

/** The instant at which Berlin clocks show `minutes` after midnight of the day. */
function berlinInstant(day: number, minutes: number): number {
	const wall = day * DAY_MS + minutes * 60_000;
	let utc = wall - berlinOffset(wall);
	// The first guess used the offset at the wrong instant; near a switch the second lookup corrects it.
	const offset = berlinOffset(utc);
	if (wall - utc !== offset) utc = wall - offset;
	return utc;
}

function berlinDayOf(utcMs: number): number {
	return Math.floor((utcMs + berlinOffset(utcMs)) / DAY_MS);
}

export function nextOccurrence(s: Schedule, from: Date): Date | null {
	const r = ruleOf(s);
	if (!r) return null;
	const first = firstDay(r);
	if (first === null) return null;
	const fromMs = from.getTime();
	const startDay = Math.max(first, berlinDayOf(fromMs));
	for (let day = startDay; day <= startDay + LOOKAHEAD_DAYS; day++) {
		if (r.end !== null && day > r.end) return null;
		if (!occursOn(r, first, day)) continue;
		const at = berlinInstant(day, r.opens);
		if (at >= fromMs) return new Date(at);
	}
	return null;
}

// ---------------------------------------------------------------------------------------------------
// Validation of the back-office form.

/** Form fields arrive as strings or not at all; stored schedules validated again carry numbers and null. */
const asText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : v);
const formText = z.preprocess(asText, z.string({ message: 'Bitte geben Sie Text ein.' }).trim());

/** 'YYYY-MM-DD' from a date input; 'T.M.JJJJ' as typed where a browser has no date picker. */
function parseDateText(text: string): { date: string } | { problem: string } {
	const iso = ISO_DATE.exec(text);
	const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
	if (!year || !month || !day) return { problem: 'Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 11.01.2027.' };
	const found = dayOf(Number(year), Number(month), Number(day));
	if (found === null) return { problem: `Den ${day.padStart(2, '0')}.${month.padStart(2, '0')}.${year} gibt es nicht.` };
	// A four-digit typo such as 0227 or 2207 is a valid date but no plausible offer.
	if (Number(year) < 2000 || Number(year) > 2100) return { problem: 'Bitte prüfen Sie die Jahreszahl.' };
	return { date: isoOf(found) };
}

/** The ISO date of a non-empty field value, or an issue and z.NEVER. */
function checkedDate(text: string, ctx: z.RefinementCtx): string {
	const parsed = parseDateText(text);
	if ('date' in parsed) return parsed.date;
	ctx.addIssue({ code: 'custom', message: parsed.problem });
	return z.NEVER;
}

function requiredDate(missing: string) {
	return formText.transform((text, ctx) => {
		if (text) return checkedDate(text, ctx);
		ctx.addIssue({ code: 'custom', message: missing });
		return z.NEVER;
	});
}

const optionalDate = formText.transform((text, ctx) => (text ? checkedDate(text, ctx) : null));

function timeField(missing: string) {
	return formText.transform((text, ctx) => {
		if (!text) {
			ctx.addIssue({ code: 'custom', message: missing });
			return z.NEVER;
		}
		// 9:30 and 9.30 as people type them; seconds as some browsers send them from <input type="time">.
		const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(text);
		if (!m) {
			ctx.addIssue({ code: 'custom', message: 'Bitte geben Sie die Uhrzeit als hh:mm an, z. B. 09:30.' });
			return z.NEVER;
		}
		const hours = Number(m[1]);
		const minutes = Number(m[2]);
		if (hours > 23 || minutes > 59) {
			ctx.addIssue({ code: 'custom', message: `Die Uhrzeit ${text} gibt es nicht.` });
			return z.NEVER;
		}
		return `${String(hours).padStart(2, '0')}:${m[2]}`;
	});
}

export const scheduleInput = z
	.object({
		freq: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(FREQS, { message: 'Bitte wählen Sie, ob der Termin einmalig, wöchentlich oder monatlich stattfindet.' })),
		interval: formText.transform((text, ctx) => {
			if (!text) return 1;
			const n = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
			if (n >= 1 && n <= MAX_INTERVAL) return n;
			ctx.addIssue({ code: 'custom', message: `Bitte geben Sie als Abstand eine ganze Zahl von 1 bis ${MAX_INTERVAL} an.` });
			return z.NEVER;
		}),
		byday: z.preprocess(
			// One ticked checkbox arrives as a plain string, none at all as nothing.
			(v) => (v === undefined || v === null ? [] : typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v.map(String) : v),
			z.array(z.string(), { message: 'Unbekannter Wochentag.' }).transform((list, ctx) => {
				const codes = list.map((d) => d.trim().toUpperCase()).filter(Boolean);
				// Reported on the field itself (not byday.3), where the form shows it.
				if (codes.some((d) => !(WEEKDAYS as readonly string[]).includes(d))) {
					ctx.addIssue({ code: 'custom', message: 'Unbekannter Wochentag.' });
					return z.NEVER;
				}
				return WEEKDAYS.filter((d) => codes.includes(d));
			})
		),
		ordinal: formText.transform((text, ctx) => {
			if (!text) return null;
			const n = /^-?\d$/.test(text) ? Number(text) : NaN;
			if ((ORDINALS as readonly number[]).includes(n)) return n;
			ctx.addIssue({ code: 'custom', message: 'Bitte wählen Sie „am ersten“, „am zweiten“, „am dritten“, „am vierten“ oder „am letzten“.' });
			return z.NEVER;
		}),
		dtstart: requiredDate('Bitte geben Sie das Datum des (ersten) Termins an.'),
		until: optionalDate,
		opensAt: timeField('Bitte geben Sie an, wann der Termin beginnt.'),
		closesAt: timeField('Bitte geben Sie an, wann der Termin endet.'),
		notes: z.preprocess(asText, z.string({ message: 'Bitte geben Sie Text ein.' }).trim().max(MAX_NOTES, `Der Hinweis ist zu lang (höchstens ${MAX_NOTES} Zeichen).`))
	})
	.superRefine(
		(v, ctx) => {
			// Runs even when fields failed (see `when` below), so that the form shows all problems in one go;
			// a failed field holds no usable value, hence every rule first checks the type of what it reads.
			const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
			const days = Array.isArray(v.byday) ? v.byday : null;
			const start = typeof v.dtstart === 'string' ? parseDay(v.dtstart) : null;
			const end = typeof v.until === 'string' ? parseDay(v.until) : null;
			if (v.freq === 'weekly') {
				if (days && !days.length) issue('byday', 'Bitte wählen Sie mindestens einen Wochentag.');
				// Most likely the row was meant to be monthly; silently dropping the choice would hide that.
				if (typeof v.ordinal === 'number') issue('ordinal', 'Nur bei monatlichen Terminen möglich. Bitte stellen Sie „monatlich“ ein oder lassen Sie das Feld leer.');
			}
			if (v.freq === 'monthly') {
				if (days && days.length !== 1) issue('byday', 'Bitte wählen Sie bei monatlichen Terminen genau einen Wochentag, z. B. Mittwoch für „jeden ersten Mittwoch im Monat“.');
				if (v.ordinal === null) issue('ordinal', 'Bitte wählen Sie, am wievielten Wochentag im Monat der Termin stattfindet, z. B. „am ersten“.');
			}
			if (typeof v.opensAt === 'string' && typeof v.closesAt === 'string' && HH_MM.test(v.opensAt) && HH_MM.test(v.closesAt) && v.closesAt <= v.opensAt)
				issue('closesAt', 'Das Ende muss nach dem Beginn liegen.');
			// A one-off date has no last day; whatever the until field holds is ignored below.
			if (v.freq === 'once' || start === null || end === null) return;
			if (end < start) {
				issue('until', 'Der letzte Tag liegt vor dem ersten Tag.');
				return;
			}
			const ruleComplete =
				days !== null && ((v.freq === 'weekly' && days.length > 0) || (v.freq === 'monthly' && days.length === 1 && typeof v.ordinal === 'number'));
			if (!ruleComplete) return;
			const rule = ruleOf({ freq: v.freq, interval: 1, byday: days, ordinal: v.ordinal ?? null, dtstart: isoOf(start), until: isoOf(end), opensAt: '00:00', closesAt: '00:01', notes: '' });
			if (rule && firstDay(rule) === null) issue('until', 'Zwischen dem ersten und dem letzten Tag findet kein Termin statt. Bitte prüfen Sie Wochentage und Daten.');
		},
		// By default zod skips this once a field failed; run it whenever there is a row object at all.
		{ when: (payload) => typeof payload.value === 'object' && payload.value !== null }
	)
	.transform((v): Schedule => {
		// What does not apply to the kind of rule is dropped, so stored rows carry no contradictions.
		if (v.freq === 'once') return { ...v, interval: 1, byday: [], ordinal: null, until: null };
		return v;
	});

// ---------------------------------------------------------------------------------------------------
// Plain-language descriptions. These phrase tables are machine-made translations (not reviewed by
// native speakers); grammar is written out per language because word order, case and agreement differ.

type Ordinal = (typeof ORDINALS)[number];
type DayShape = { kind: 'daily' } | { kind: 'range'; from: Weekday; to: Weekday } | { kind: 'list'; days: Weekday[] };

interface Phrases {
	formatDate(iso: string): string;
	weekly(shape: DayShape, interval: number): string;
	monthly(ordinal: Ordinal, day: Weekday, interval: number): string;
	once(date: string): string;
	time(opens: string, closes: string): string;
	period(from: string, to: string): string;
	separator: string;
	/** Applied to the whole sentence last, so every number in it uses the same digits. */
	digits?(text: string): string;
}

/** Seven names in the order of WEEKDAYS. */
function perDay<const T extends string>(names: readonly [T, T, T, T, T, T, T]): Record<Weekday, T> {
	return Object.fromEntries(WEEKDAYS.map((d, i) => [d, names[i]])) as Record<Weekday, T>;
}

function perOrdinal(first: string, second: string, third: string, fourth: string, last: string): Record<Ordinal, string> {
	return { 1: first, 2: second, 3: third, 4: fourth, [-1]: last } as Record<Ordinal, string>;
}

/** Number words for the intervals 2..12 (index = number); larger numbers cannot pass validation. */
function counted(words: string[]): (n: number) => string {
	return (n) => words[n] ?? String(n);
}

function listOf(items: string[], comma: string, and: string): string {
	return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(comma)}${and}${items.at(-1)}`;
}

function capitalise(text: string, locale: string): string {
	return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): (iso: string) => string {
	const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
	return (iso) => format.format(new Date(`${iso}T00:00:00Z`));
}

function shapeOf(days: Weekday[]): DayShape {
	if (days.length === 7) return { kind: 'daily' };
	const indices = days.map((d) => WEEKDAYS.indexOf(d));
	const consecutive = indices.every((i, k) => k === 0 || i === indices[k - 1]! + 1);
	// "Monday and Tuesday" reads better than "Monday to Tuesday"; a range needs three days or more.
	if (days.length >= 3 && consecutive) return { kind: 'range', from: days[0]!, to: days.at(-1)! };
	return { kind: 'list', days };
}

const DE_DAY = perDay(['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag']);
const DE_DAYS_ADVERB = perDay(['montags', 'dienstags', 'mittwochs', 'donnerstags', 'freitags', 'samstags', 'sonntags']);
const DE_ORDINAL = perOrdinal('ersten', 'zweiten', 'dritten', 'vierten', 'letzten');
const DE_NUMBER = counted(['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf']);

const EN_DAY = perDay(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
const EN_ORDINAL = perOrdinal('first', 'second', 'third', 'fourth', 'last');
const EN_NUMBER = counted(['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']);

// Turkish writes weekdays in lower case inside a sentence and inflects them by suffix.
const TR_DAY = perDay(['pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar']);
const TR_DAY_FROM = perDay(['pazartesiden', 'salıdan', 'çarşambadan', 'perşembeden', 'cumadan', 'cumartesiden', 'pazardan']);
const TR_DAY_TO = perDay(['pazartesiye', 'salıya', 'çarşambaya', 'perşembeye', 'cumaya', 'cumartesiye', 'pazara']);
const TR_DAY_OF = perDay(['pazartesisi', 'salısı', 'çarşambası', 'perşembesi', 'cuması', 'cumartesisi', 'pazarı']);
const TR_ORDINAL = perOrdinal('ilk', 'ikinci', 'üçüncü', 'dördüncü', 'son');
const TR_NUMBER = counted(['', 'bir', 'iki', 'üç', 'dört', 'beş', 'altı', 'yedi', 'sekiz', 'dokuz', 'on', 'on bir', 'on iki']);

// Russian: "по" + dative plural for habitual days, "с" + genitive … "по" + accusative for ranges.
const RU_DAYS_HABITUAL = perDay(['понедельникам', 'вторникам', 'средам', 'четвергам', 'пятницам', 'субботам', 'воскресеньям']);
const RU_DAY_GENITIVE = perDay(['понедельника', 'вторника', 'среды', 'четверга', 'пятницы', 'субботы', 'воскресенья']);
const RU_DAY_ACCUSATIVE = perDay(['понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье']);
const RU_GENDER = perDay(['m', 'm', 'f', 'm', 'f', 'f', 'n']);
const RU_EVERY = { m: 'каждый', f: 'каждую', n: 'каждое' } as const;
const RU_ORDINAL = {
	m: perOrdinal('первый', 'второй', 'третий', 'четвёртый', 'последний'),
	f: perOrdinal('первую', 'вторую', 'третью', 'четвёртую', 'последнюю'),
	n: perOrdinal('первое', 'второе', 'третье', 'четвёртое', 'последнее')
};
const RU_NTH_WEEK = counted(['', 'первую', 'вторую', 'третью', 'четвёртую', 'пятую', 'шестую', 'седьмую', 'восьмую', 'девятую', 'десятую', 'одиннадцатую', 'двенадцатую']);
const RU_NTH_MONTH = counted(['', 'первый', 'второй', 'третий', 'четвёртый', 'пятый', 'шестой', 'седьмой', 'восьмой', 'девятый', 'десятый', 'одиннадцатый', 'двенадцатый']);

// Ukrainian: "по" + locative plural for habitual days, "з … до …" + genitive for ranges.
const UK_DAYS_HABITUAL = perDay(['понеділках', 'вівторках', 'середах', 'четвергах', 'пʼятницях', 'суботах', 'неділях']);
const UK_DAY_GENITIVE = perDay(['понеділка', 'вівторка', 'середи', 'четверга', 'пʼятниці', 'суботи', 'неділі']);
const UK_DAY_ACCUSATIVE = perDay(['понеділок', 'вівторок', 'середу', 'четвер', 'пʼятницю', 'суботу', 'неділю']);
const UK_GENDER = perDay(['m', 'm', 'f', 'm', 'f', 'f', 'f']);
const UK_EVERY = { m: 'кожного', f: 'кожної' } as const;
const UK_ORDINAL_GENITIVE = {
	m: perOrdinal('першого', 'другого', 'третього', 'четвертого', 'останнього'),
	f: perOrdinal('першої', 'другої', 'третьої', 'четвертої', 'останньої')
};
const UK_ORDINAL_ACCUSATIVE = {
	m: perOrdinal('перший', 'другий', 'третій', 'четвертий', 'останній'),
	f: perOrdinal('першу', 'другу', 'третю', 'четверту', 'останню')
};
const UK_NTH = counted(['', 'першого', 'другого', 'третього', 'четвертого', 'пʼятого', 'шостого', 'сьомого', 'восьмого', 'девʼятого', 'десятого', 'одинадцятого', 'дванадцятого']);

// Arabic: the article-less name after "يوم" / an ordinal, with the article elsewhere.
const AR_DAY = perDay(['الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد']);
const AR_DAY_BARE = perDay(['اثنين', 'ثلاثاء', 'أربعاء', 'خميس', 'جمعة', 'سبت', 'أحد']);
const AR_ORDINAL = perOrdinal('أول', 'ثاني', 'ثالث', 'رابع', 'آخر');
// Dual for two, plural for 3–10, accusative singular for 11 and 12 (after "كل").
const AR_WEEKS = counted(['', 'أسبوع', 'أسبوعين', 'ثلاثة أسابيع', 'أربعة أسابيع', 'خمسة أسابيع', 'ستة أسابيع', 'سبعة أسابيع', 'ثمانية أسابيع', 'تسعة أسابيع', 'عشرة أسابيع', 'أحد عشر أسبوعًا', 'اثني عشر أسبوعًا']);
const AR_MONTHS = counted(['', 'شهر', 'شهرين', 'ثلاثة أشهر', 'أربعة أشهر', 'خمسة أشهر', 'ستة أشهر', 'سبعة أشهر', 'ثمانية أشهر', 'تسعة أشهر', 'عشرة أشهر', 'أحد عشر شهرًا', 'اثني عشر شهرًا']);
const arList = (items: string[]) => items.join(' و');

const FA_DAY = perDay(['دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنج‌شنبه', 'جمعه', 'شنبه', 'یکشنبه']);
const FA_ORDINAL = perOrdinal('اولین', 'دومین', 'سومین', 'چهارمین', 'آخرین');
const FA_NUMBER = counted(['', 'یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'نه', 'ده', 'یازده', 'دوازده']);
const faList = (items: string[]) => listOf(items, '، ', ' و ');
// Every Persian weekday name ends in a silent "he", whose ezafe is written with a hamza above.
const faOf = (day: Weekday) => `${FA_DAY[day]}\u0654`;
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

const PHRASES: Record<ScheduleLanguage, Phrases> = {
	de: {
		formatDate: dateFormatter('de', { day: '2-digit', month: '2-digit', year: 'numeric' }),
		weekly(shape, n) {
			if (n === 1) {
				if (shape.kind === 'daily') return 'Täglich';
				if (shape.kind === 'range') return `${DE_DAY[shape.from]} bis ${DE_DAY[shape.to]}`;
				return shape.days.length === 1 ? `Jeden ${DE_DAY[shape.days[0]!]}` : listOf(shape.days.map((d) => DE_DAY[d]), ', ', ' und ');
			}
			const every = `Alle ${DE_NUMBER(n)} Wochen`;
			if (shape.kind === 'daily') return `${every} täglich`;
			if (shape.kind === 'range') return `${every} ${DE_DAYS_ADVERB[shape.from]} bis ${DE_DAYS_ADVERB[shape.to]}`;
			return shape.days.length === 1 ? `${every} am ${DE_DAY[shape.days[0]!]}` : `${every} ${listOf(shape.days.map((d) => DE_DAYS_ADVERB[d]), ', ', ' und ')}`;
		},
		monthly: (ordinal, day, n) => (n === 1 ? `Jeden ${DE_ORDINAL[ordinal]} ${DE_DAY[day]} im Monat` : `Alle ${DE_NUMBER(n)} Monate am ${DE_ORDINAL[ordinal]} ${DE_DAY[day]}`),
		once: (date) => `Am ${date}`,
		time: (opens, closes) => `${opens}–${closes} Uhr`,
		period: (from, to) => `vom ${from} bis ${to}`,
		separator: ', '
	},
	en: {
		// British order ("11 January 2027") is what readers in Germany expect; the US order would confuse.
		formatDate: dateFormatter('en-GB', { dateStyle: 'long' }),
		weekly(shape, n) {
			const days = (list: Weekday[]) => listOf(list.map((d) => EN_DAY[d]), ', ', ' and ');
			if (n === 1) {
				if (shape.kind === 'daily') return 'Daily';
				if (shape.kind === 'range') return `${EN_DAY[shape.from]} to ${EN_DAY[shape.to]}`;
				return shape.days.length === 1 ? `Every ${EN_DAY[shape.days[0]!]}` : days(shape.days);
			}
			const every = `Every ${EN_NUMBER(n)} weeks`;
			if (shape.kind === 'daily') return `${every}, daily`;
			if (shape.kind === 'range') return `${every}, ${EN_DAY[shape.from]} to ${EN_DAY[shape.to]}`;
			return `${every} on ${days(shape.days)}`;
		},
		monthly: (ordinal, day, n) => (n === 1 ? `On the ${EN_ORDINAL[ordinal]} ${EN_DAY[day]} of every month` : `Every ${EN_NUMBER(n)} months on the ${EN_ORDINAL[ordinal]} ${EN_DAY[day]}`),
		once: (date) => `On ${date}`,
		time: (opens, closes) => `${opens}–${closes}`,
		period: (from, to) => `from ${from} to ${to}`,
		separator: ', '
	},
	tr: {
		formatDate: dateFormatter('tr', { dateStyle: 'long' }),
		weekly(shape, n) {
			const days = (list: Weekday[]) => listOf(list.map((d) => TR_DAY[d]), ', ', ' ve ');
			const range = (from: Weekday, to: Weekday) => `${TR_DAY_FROM[from]} ${TR_DAY_TO[to]} her gün`;
			if (n === 1) {
				if (shape.kind === 'daily') return 'Her gün';
				if (shape.kind === 'range') return capitalise(range(shape.from, shape.to), 'tr');
				return `Her ${days(shape.days)}`;
			}
			const every = capitalise(`${TR_NUMBER(n)} haftada bir`, 'tr');
			if (shape.kind === 'daily') return `${every}, her gün`;
			if (shape.kind === 'range') return `${every}, ${range(shape.from, shape.to)}`;
			return `${every} ${days(shape.days)} ${shape.days.length === 1 ? 'günü' : 'günleri'}`;
		},
		monthly: (ordinal, day, n) =>
			n === 1 ? `Her ayın ${TR_ORDINAL[ordinal]} ${TR_DAY_OF[day]}` : `${capitalise(`${TR_NUMBER(n)} ayda bir`, 'tr')}, ayın ${TR_ORDINAL[ordinal]} ${TR_DAY_OF[day]}`,
		once: (date) => date,
		time: (opens, closes) => `saat ${opens}–${closes}`,
		// "ile … tarihleri arasında" needs no case suffix on the year, whose vowel harmony would vary.
		period: (from, to) => `${from} ile ${to} tarihleri arasında`,
		separator: ', '
	},
	ru: {
		formatDate: dateFormatter('ru', { dateStyle: 'long' }),
		weekly(shape, n) {
			const days = (list: Weekday[]) => `по ${listOf(list.map((d) => RU_DAYS_HABITUAL[d]), ', ', ' и ')}`;
			const range = (from: Weekday, to: Weekday) => `с ${RU_DAY_GENITIVE[from]} по ${RU_DAY_ACCUSATIVE[to]}`;
			const rest = shape.kind === 'daily' ? 'ежедневно' : shape.kind === 'range' ? range(shape.from, shape.to) : days(shape.days);
			return capitalise(n === 1 ? rest : `каждую ${RU_NTH_WEEK(n)} неделю ${rest}`, 'ru');
		},
		monthly(ordinal, day, n) {
			const gender = RU_GENDER[day];
			if (n === 1) return capitalise(`${RU_EVERY[gender]} ${RU_ORDINAL[gender][ordinal]} ${RU_DAY_ACCUSATIVE[day]} месяца`, 'ru');
			return `Каждый ${RU_NTH_MONTH(n)} месяц в ${RU_ORDINAL[gender][ordinal]} ${RU_DAY_ACCUSATIVE[day]}`;
		},
		once: (date) => date,
		time: (opens, closes) => `с ${opens} до ${closes}`,
		period: (from, to) => `с ${from} по ${to}`,
		separator: ', '
	},
	uk: {
		formatDate: dateFormatter('uk', { dateStyle: 'long' }),
		weekly(shape, n) {
			const days = (list: Weekday[]) => `по ${listOf(list.map((d) => UK_DAYS_HABITUAL[d]), ', ', ' і ')}`;
			const range = (from: Weekday, to: Weekday) => `з ${UK_DAY_GENITIVE[from]} до ${UK_DAY_GENITIVE[to]}`;
			const rest = shape.kind === 'daily' ? 'щодня' : shape.kind === 'range' ? range(shape.from, shape.to) : days(shape.days);
			return capitalise(n === 1 ? rest : `кожного ${UK_NTH(n)} тижня ${rest}`, 'uk');
		},
		monthly(ordinal, day, n) {
			const gender = UK_GENDER[day];
			if (n === 1) return capitalise(`${UK_EVERY[gender]} ${UK_ORDINAL_GENITIVE[gender][ordinal]} ${UK_DAY_GENITIVE[day]} місяця`, 'uk');
			return `Кожного ${UK_NTH(n)} місяця в ${UK_ORDINAL_ACCUSATIVE[gender][ordinal]} ${UK_DAY_ACCUSATIVE[day]}`;
		},
		once: (date) => date,
		time: (opens, closes) => `з ${opens} до ${closes}`,
		period: (from, to) => `з ${from} до ${to}`,
		separator: ', '
	},
	ar: {
		// Western digits, as the current CLDR default for "ar" and as on the German documents people hold;
		// pinned so an ICU with another default cannot mix them with the digits of the times.
		formatDate: dateFormatter('ar-u-nu-latn', { dateStyle: 'long' }),
		weekly(shape, n) {
			if (n === 1) {
				if (shape.kind === 'daily') return 'يوميًا';
				if (shape.kind === 'range') return `من ${AR_DAY[shape.from]} إلى ${AR_DAY[shape.to]}`;
				return `كل يوم ${arList(shape.days.map((d) => AR_DAY_BARE[d]))}`;
			}
			const every = `كل ${AR_WEEKS(n)}`;
			if (shape.kind === 'daily') return `${every}، يوميًا`;
			if (shape.kind === 'range') return `${every}، من ${AR_DAY[shape.from]} إلى ${AR_DAY[shape.to]}`;
			return `${every} ${shape.days.length === 1 ? 'يوم' : 'أيام'} ${arList(shape.days.map((d) => AR_DAY[d]))}`;
		},
		monthly: (ordinal, day, n) => (n === 1 ? `${AR_ORDINAL[ordinal]} ${AR_DAY_BARE[day]} من كل شهر` : `${AR_ORDINAL[ordinal]} ${AR_DAY_BARE[day]} من الشهر، كل ${AR_MONTHS(n)}`),
		once: (date) => `في ${date}`,
		time: (opens, closes) => `من الساعة ${opens} إلى الساعة ${closes}`,
		period: (from, to) => `في الفترة من ${from} إلى ${to}`,
		separator: '، '
	},
	fa: {
		// Gregorian rather than the Solar Hijri default of "fa": dates must match letters, course plans and
		// the calendar file. Persian digits are natural in Persian text and are used throughout.
		formatDate: dateFormatter('fa-u-ca-gregory-nu-arabext', { dateStyle: 'long' }),
		weekly(shape, n) {
			if (n === 1) {
				if (shape.kind === 'daily') return 'هر روز';
				if (shape.kind === 'range') return `از ${FA_DAY[shape.from]} تا ${FA_DAY[shape.to]}`;
				return `هر ${faList(shape.days.map((d) => FA_DAY[d]))}`;
			}
			const every = `هر ${FA_NUMBER(n)} هفته یک بار`;
			if (shape.kind === 'daily') return `${every}، همهٔ روزهای هفته`;
			if (shape.kind === 'range') return `${every}، از ${FA_DAY[shape.from]} تا ${FA_DAY[shape.to]}`;
			return `${every}، ${shape.days.length === 1 ? 'روز' : 'روزهای'} ${faList(shape.days.map((d) => FA_DAY[d]))}`;
		},
		monthly: (ordinal, day, n) => (n === 1 ? `${FA_ORDINAL[ordinal]} ${faOf(day)} هر ماه` : `هر ${FA_NUMBER(n)} ماه یک بار، ${FA_ORDINAL[ordinal]} ${faOf(day)} ماه`),
		once: (date) => `در تاریخ ${date}`,
		time: (opens, closes) => `از ساعت ${opens} تا ${closes}`,
		period: (from, to) => `از تاریخ ${from} تا ${to}`,
		separator: '، ',
		digits: (text) => text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!)
	}
};

export function describeSchedule(s: Schedule, lang: ScheduleLanguage): string {
	// Callers pass the portal language through a cast; an unknown one gets German rather than a crash.
	const p = PHRASES[lang] ?? PHRASES.de;
	const r = ruleOf(s);
	if (!r) return '';
	const days = r.days.map((i) => WEEKDAYS[i]!);
	const time = p.time(s.opensAt, s.closesAt);
	let parts: string[];
	if (r.freq === 'once') parts = [p.once(p.formatDate(s.dtstart)), time];
	else {
		const head = r.freq === 'weekly' ? p.weekly(shapeOf(days), r.interval) : p.monthly(r.ordinal as Ordinal, days[0]!, r.interval);
		parts = [head, time];
		if (r.end !== null) parts.push(p.period(p.formatDate(s.dtstart), p.formatDate(isoOf(r.end))));
	}
	const sentence = parts.join(p.separator);
	return p.digits ? p.digits(sentence) : sentence;
}

// ---------------------------------------------------------------------------------------------------
// iCalendar (RFC 5545).

/** Standard rules for Europe/Berlin since 1996, which calendar apps need to place TZID times. */
const VTIMEZONE_BERLIN = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Berlin',
	'X-LIC-LOCATION:Europe/Berlin',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

/** Control characters other than tab and line breaks are not allowed in iCalendar values at all. */
function withoutControlCharacters(value: string): string {
	return [...value].filter((ch) => {
		const c = ch.codePointAt(0)!;
		return c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127);
	}).join('');
}

function escapeText(value: string): string {
	return withoutControlCharacters(value)
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(ch: string): number {
	const c = ch.codePointAt(0)!;
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Lines longer than 75 octets are folded (RFC 5545 3.1), between characters so no UTF-8 sequence breaks. */
function fold(line: string): string {
	const pieces: string[] = [];
	let piece = '';
	let size = 0;
	let limit = 75;
	// for…of walks code points, so surrogate pairs stay together as well.
	for (const ch of line) {
		const n = utf8Length(ch);
		if (size + n > limit) {
			pieces.push(piece);
			piece = '';
			size = 0;
			// Continuation lines start with a space, which counts towards their 75 octets.
			limit = 74;
		}
		piece += ch;
		size += n;
	}
	pieces.push(piece);
	return pieces.join('\r\n ');
}

function compactDate(day: number): string {
	return isoOf(day).replace(/-/g, '');
}

function localDateTime(day: number, minutes: number): string {
	const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
	const mm = String(minutes % 60).padStart(2, '0');
	return `${compactDate(day)}T${hh}${mm}00`;
}

function utcDateTime(ms: number): string {
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function rruleOf(r: Rule): string | null {
	if (r.freq === 'once') return null;
	const parts = [`FREQ=${r.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`, `INTERVAL=${r.interval}`];
	if (r.freq === 'weekly') {
		parts.push(`BYDAY=${r.days.map((i) => WEEKDAYS[i]).join(',')}`);
		// Monday is the RFC default, but some apps assume Sunday; for every n-th week that shifts the weeks.
		if (r.interval > 1) parts.push('WKST=MO');
	} else parts.push(`BYDAY=${r.ordinal}${WEEKDAYS[r.days[0]!]}`);
	// With a TZID start, UNTIL must be UTC: the last second of the last day in Berlin.
	if (r.end !== null) parts.push(`UNTIL=${utcDateTime(berlinInstant(r.end + 1, 0) - 1000)}`);
	return `RRULE:${parts.join(';')}`;
}

export function toICalendar(input: { uid: string; title: string; description: string; location: string; url: string; schedules: Schedule[]; now: Date }): string {
	const lines = ['BEGIN:VCALENDAR', 'PRODID:-//Teilhabe//Integrationswegweiser//DE', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...VTIMEZONE_BERLIN];
	const stamp = utcDateTime(input.now.getTime());
	input.schedules.forEach((s, index) => {
		const r = ruleOf(s);
		const first = r ? firstDay(r) : null;
		// A rule without any occurrence cannot pass validation; an event for it would be wrong, so none is written.
		if (!r || first === null) return;
		const description = [input.description.trim(), s.notes.trim()].filter(Boolean).join('\n\n');
		const rrule = rruleOf(r);
		lines.push(
			'BEGIN:VEVENT',
			// The index keeps the UID stable across downloads, so a re-import updates instead of duplicating.
			`UID:${escapeText(`${input.uid}-${index}@teilhabe`)}`,
			`DTSTAMP:${stamp}`,
			// DTSTART is the first instance of the set (RFC 5545 3.8.5.3), so it must fit the rule itself.
			`DTSTART;TZID=Europe/Berlin:${localDateTime(first, r.opens)}`,
			`DTEND;TZID=Europe/Berlin:${localDateTime(first, r.closes)}`,
			...(rrule ? [rrule] : []),
			`SUMMARY:${escapeText(input.title)}`,
			...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
			...(input.location.trim() ? [`LOCATION:${escapeText(input.location.trim())}`] : []),
			// URL is a URI, not TEXT: no backslash escapes, but no line breaks that could inject properties either.
			...(input.url.trim() ? [`URL:${withoutControlCharacters(input.url.trim()).replace(/[\r\n]/g, '')}`] : []),
			'END:VEVENT'
		);
	});
	lines.push('END:VCALENDAR');
	return lines.map(fold).join('\r\n') + '\r\n';
}
