import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WEEKDAYS, describeSchedule, nextOccurrence, scheduleInput, toICalendar, type Schedule, type ScheduleLanguage } from './schedule.ts';

// 2027-01-11 is a Monday; CEST runs from 2027-03-28 to 2027-10-31.

/** A schedule row as the back-office form posts it. */
const form = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
	freq: 'weekly',
	interval: '1',
	byday: ['TU'],
	ordinal: '',
	dtstart: '2027-01-11',
	until: '',
	opensAt: '15:00',
	closesAt: '17:00',
	notes: '',
	...over
});

const schedule = (over: Partial<Schedule> = {}): Schedule => ({
	freq: 'weekly',
	interval: 1,
	byday: ['TU'],
	ordinal: null,
	dtstart: '2027-01-11',
	until: null,
	opensAt: '15:00',
	closesAt: '17:00',
	notes: '',
	...over
});

/** Field key → message, the way the form shows the errors. */
function problemsOf(raw: unknown): [string, string][] {
	const result = scheduleInput.safeParse(raw);
	return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('scheduleInput rejects', () => {
	it.each([
		{ name: 'missing freq', over: { freq: undefined }, field: 'freq', message: 'Bitte wählen Sie, ob der Termin einmalig, wöchentlich oder monatlich stattfindet.' },
		{ name: 'unknown freq', over: { freq: 'daily' }, field: 'freq', message: 'Bitte wählen Sie, ob der Termin einmalig, wöchentlich oder monatlich stattfindet.' },
		{ name: 'interval 0', over: { interval: '0' }, field: 'interval', message: 'Bitte geben Sie als Abstand eine ganze Zahl von 1 bis 12 an.' },
		{ name: 'interval 13', over: { interval: '13' }, field: 'interval', message: 'Bitte geben Sie als Abstand eine ganze Zahl von 1 bis 12 an.' },
		{ name: 'interval as a word', over: { interval: 'zwei' }, field: 'interval', message: 'Bitte geben Sie als Abstand eine ganze Zahl von 1 bis 12 an.' },
		{ name: 'fractional interval', over: { interval: '1.5' }, field: 'interval', message: 'Bitte geben Sie als Abstand eine ganze Zahl von 1 bis 12 an.' },
		{ name: 'weekly without a weekday (no checkbox sent)', over: { byday: undefined }, field: 'byday', message: 'Bitte wählen Sie mindestens einen Wochentag.' },
		{ name: 'weekly with an empty weekday list', over: { byday: [] }, field: 'byday', message: 'Bitte wählen Sie mindestens einen Wochentag.' },
		{ name: 'unknown weekday', over: { byday: ['TU', 'XX'] }, field: 'byday', message: 'Unbekannter Wochentag.' },
		{
			name: 'weekly with an ordinal',
			over: { ordinal: '1' },
			field: 'ordinal',
			message: 'Nur bei monatlichen Terminen möglich. Bitte stellen Sie „monatlich“ ein oder lassen Sie das Feld leer.'
		},
		{
			name: 'monthly with two weekdays',
			over: { freq: 'monthly', byday: ['MO', 'WE'], ordinal: '1' },
			field: 'byday',
			message: 'Bitte wählen Sie bei monatlichen Terminen genau einen Wochentag, z. B. Mittwoch für „jeden ersten Mittwoch im Monat“.'
		},
		{
			name: 'monthly without a weekday',
			over: { freq: 'monthly', byday: undefined, ordinal: '1' },
			field: 'byday',
			message: 'Bitte wählen Sie bei monatlichen Terminen genau einen Wochentag, z. B. Mittwoch für „jeden ersten Mittwoch im Monat“.'
		},
		{
			name: 'monthly without an ordinal',
			over: { freq: 'monthly', byday: 'WE', ordinal: '' },
			field: 'ordinal',
			message: 'Bitte wählen Sie, am wievielten Wochentag im Monat der Termin stattfindet, z. B. „am ersten“.'
		},
		...['5', '0', '-2', 'erster'].map((ordinal) => ({
			name: `ordinal ${ordinal}`,
			over: { freq: 'monthly', byday: 'WE', ordinal },
			field: 'ordinal',
			message: 'Bitte wählen Sie „am ersten“, „am zweiten“, „am dritten“, „am vierten“ oder „am letzten“.'
		})),
		{ name: 'missing first day', over: { dtstart: '' }, field: 'dtstart', message: 'Bitte geben Sie das Datum des (ersten) Termins an.' },
		{ name: '30 February', over: { dtstart: '2027-02-30' }, field: 'dtstart', message: 'Den 30.02.2027 gibt es nicht.' },
		{ name: 'month 13', over: { dtstart: '2027-13-01' }, field: 'dtstart', message: 'Den 01.13.2027 gibt es nicht.' },
		{ name: '29 February in a common year, German notation', over: { dtstart: '29.2.2027' }, field: 'dtstart', message: 'Den 29.02.2027 gibt es nicht.' },
		{ name: 'US notation', over: { dtstart: '01/11/2027' }, field: 'dtstart', message: 'Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 11.01.2027.' },
		{ name: 'implausible year', over: { dtstart: '0227-01-11' }, field: 'dtstart', message: 'Bitte prüfen Sie die Jahreszahl.' },
		{ name: 'impossible last day', over: { until: '2027-04-31' }, field: 'until', message: 'Den 31.04.2027 gibt es nicht.' },
		{ name: 'last day before the first', over: { until: '2027-01-10' }, field: 'until', message: 'Der letzte Tag liegt vor dem ersten Tag.' },
		{
			name: 'weekly Tuesday that ends on the Monday it starts',
			over: { until: '2027-01-11' },
			field: 'until',
			message: 'Zwischen dem ersten und dem letzten Tag findet kein Termin statt. Bitte prüfen Sie Wochentage und Daten.'
		},
		{
			name: 'last Friday of a month that ends before it',
			over: { freq: 'monthly', byday: 'FR', ordinal: '-1', dtstart: '2027-01-01', until: '2027-01-28' },
			field: 'until',
			message: 'Zwischen dem ersten und dem letzten Tag findet kein Termin statt. Bitte prüfen Sie Wochentage und Daten.'
		},
		{ name: 'missing start time', over: { opensAt: '' }, field: 'opensAt', message: 'Bitte geben Sie an, wann der Termin beginnt.' },
		{ name: 'missing end time', over: { closesAt: undefined }, field: 'closesAt', message: 'Bitte geben Sie an, wann der Termin endet.' },
		{ name: 'hour only', over: { opensAt: '15' }, field: 'opensAt', message: 'Bitte geben Sie die Uhrzeit als hh:mm an, z. B. 09:30.' },
		{ name: 'am/pm', over: { opensAt: '3:00 pm' }, field: 'opensAt', message: 'Bitte geben Sie die Uhrzeit als hh:mm an, z. B. 09:30.' },
		{ name: 'hour 24', over: { opensAt: '24:00' }, field: 'opensAt', message: 'Die Uhrzeit 24:00 gibt es nicht.' },
		{ name: 'minute 60', over: { closesAt: '7:60' }, field: 'closesAt', message: 'Die Uhrzeit 7:60 gibt es nicht.' },
		{ name: 'end equals start', over: { closesAt: '15:00' }, field: 'closesAt', message: 'Das Ende muss nach dem Beginn liegen.' },
		{ name: 'end before start', over: { opensAt: '9:30', closesAt: '09:00' }, field: 'closesAt', message: 'Das Ende muss nach dem Beginn liegen.' },
		{ name: 'notes too long', over: { notes: 'x'.repeat(501) }, field: 'notes', message: 'Der Hinweis ist zu lang (höchstens 500 Zeichen).' }
	])('$name → $field', ({ over, field, message }) => {
		expect(problemsOf(form(over))).toEqual([[field, message]]);
	});

	it('reports all problems at once, the rules across fields too', () => {
		expect(problemsOf(form({ interval: '0', byday: [], dtstart: '2027-02-30', closesAt: '14:00', notes: 'x'.repeat(501) })).map(([field]) => field)).toEqual([
			'interval',
			'dtstart',
			'notes',
			'byday',
			'closesAt'
		]);
	});

	it('does not pile rules on top of a field that already failed', () => {
		expect(problemsOf(form({ freq: 'monthly', byday: ['XX'], ordinal: '9', opensAt: '25:00', until: 'morgen' }))).toEqual([
			['byday', 'Unbekannter Wochentag.'],
			['ordinal', 'Bitte wählen Sie „am ersten“, „am zweiten“, „am dritten“, „am vierten“ oder „am letzten“.'],
			['until', 'Bitte geben Sie das Datum als TT.MM.JJJJ an, z. B. 11.01.2027.'],
			['opensAt', 'Die Uhrzeit 25:00 gibt es nicht.']
		]);
	});

	it('rejects what is not a row at all', () => {
		expect(scheduleInput.safeParse('weekly').success).toBe(false);
		expect(scheduleInput.safeParse(null).success).toBe(false);
	});

	it('puts the field keys under the row inside an offer (schedules.0.until)', () => {
		const result = z.object({ schedules: z.array(scheduleInput) }).safeParse({ schedules: [form({ until: '2027-01-10' })] });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['schedules.0.until']);
	});
});

describe('scheduleInput accepts and normalises', () => {
	it.each([
		{ name: 'a weekly row', over: {}, expected: schedule() },
		{ name: 'H:MM times', over: { opensAt: '8:30', closesAt: '9:45' }, expected: schedule({ opensAt: '08:30', closesAt: '09:45' }) },
		{ name: 'times with seconds and a dot', over: { opensAt: '08:30:00', closesAt: '12.45' }, expected: schedule({ opensAt: '08:30', closesAt: '12:45' }) },
		{ name: 'empty interval', over: { interval: '' }, expected: schedule() },
		{ name: 'missing interval and ordinal', over: { interval: undefined, ordinal: undefined }, expected: schedule() },
		{ name: 'a single weekday as a string', over: { byday: 'TU' }, expected: schedule() },
		{ name: 'weekdays unordered, repeated, lower case', over: { byday: ['fr', 'MO', ' mo '] }, expected: schedule({ byday: ['MO', 'FR'] }) },
		{ name: 'comma-separated weekdays', over: { byday: 'WE,MO' }, expected: schedule({ byday: ['MO', 'WE'] }) },
		{ name: 'German date notation', over: { dtstart: '11.1.2027', until: '30.06.2027' }, expected: schedule({ until: '2027-06-30' }) },
		{ name: 'last day equal to the first occurrence', over: { until: '2027-01-12' }, expected: schedule({ until: '2027-01-12' }) },
		{ name: 'notes trimmed', over: { notes: '  nicht in den Schulferien ' }, expected: schedule({ notes: 'nicht in den Schulferien' }) },
		{
			name: 'monthly, last Friday, every second month',
			over: { freq: 'monthly', interval: '2', byday: ['FR'], ordinal: '-1' },
			expected: schedule({ freq: 'monthly', interval: 2, byday: ['FR'], ordinal: -1 })
		},
		{
			name: 'once, dropping what does not apply to a single date',
			over: { freq: 'once', interval: '3', byday: ['MO'], ordinal: '2', dtstart: '2027-03-14', until: '2020-01-01', opensAt: '10:00', closesAt: '12:00' },
			expected: schedule({ freq: 'once', byday: [], dtstart: '2027-03-14', opensAt: '10:00', closesAt: '12:00' })
		},
		{
			name: 'a stored schedule validated again',
			over: { freq: 'monthly', interval: 2, byday: ['WE'], ordinal: 1, until: null, notes: null },
			expected: schedule({ freq: 'monthly', interval: 2, byday: ['WE'], ordinal: 1 })
		}
	])('$name', ({ over, expected }) => {
		expect(scheduleInput.parse(form(over))).toEqual(expected);
	});
});

describe('describeSchedule', () => {
	const sprachcafe = schedule();
	const kurs = schedule({ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], until: '2027-06-30', opensAt: '08:30', closesAt: '12:45' });
	const beratung = schedule({ freq: 'monthly', byday: ['WE'], ordinal: 1, opensAt: '10:00', closesAt: '12:00', notes: 'nur mit Termin' });
	const zweiwoechentlich = schedule({ interval: 2, byday: ['TH'] });
	const einmalig = schedule({ freq: 'once', byday: [], dtstart: '2027-03-14', opensAt: '10:00', closesAt: '12:00' });
	const cases: [ScheduleLanguage, Schedule, string][] = [
		['de', sprachcafe, 'Jeden Dienstag, 15:00–17:00 Uhr'],
		['de', kurs, 'Montag bis Freitag, 08:30–12:45 Uhr, vom 11.01.2027 bis 30.06.2027'],
		['de', beratung, 'Jeden ersten Mittwoch im Monat, 10:00–12:00 Uhr'],
		['de', zweiwoechentlich, 'Alle zwei Wochen am Donnerstag, 15:00–17:00 Uhr'],
		['de', einmalig, 'Am 14.03.2027, 10:00–12:00 Uhr'],
		['en', sprachcafe, 'Every Tuesday, 15:00–17:00'],
		['en', kurs, 'Monday to Friday, 08:30–12:45, from 11 January 2027 to 30 June 2027'],
		['en', beratung, 'On the first Wednesday of every month, 10:00–12:00'],
		['en', zweiwoechentlich, 'Every two weeks on Thursday, 15:00–17:00'],
		['en', einmalig, 'On 14 March 2027, 10:00–12:00'],
		['tr', sprachcafe, 'Her salı, saat 15:00–17:00'],
		['tr', kurs, 'Pazartesiden cumaya her gün, saat 08:30–12:45, 11 Ocak 2027 ile 30 Haziran 2027 tarihleri arasında'],
		['tr', beratung, 'Her ayın ilk çarşambası, saat 10:00–12:00'],
		['tr', zweiwoechentlich, 'İki haftada bir perşembe günü, saat 15:00–17:00'],
		['tr', einmalig, '14 Mart 2027, saat 10:00–12:00'],
		['ru', sprachcafe, 'По вторникам, с 15:00 до 17:00'],
		['ru', kurs, 'С понедельника по пятницу, с 08:30 до 12:45, с 11 января 2027 г. по 30 июня 2027 г.'],
		['ru', beratung, 'Каждую первую среду месяца, с 10:00 до 12:00'],
		['ru', zweiwoechentlich, 'Каждую вторую неделю по четвергам, с 15:00 до 17:00'],
		['ru', einmalig, '14 марта 2027 г., с 10:00 до 12:00'],
		['uk', sprachcafe, 'По вівторках, з 15:00 до 17:00'],
		['uk', kurs, 'З понеділка до пʼятниці, з 08:30 до 12:45, з 11 січня 2027 р. до 30 червня 2027 р.'],
		['uk', beratung, 'Кожної першої середи місяця, з 10:00 до 12:00'],
		['uk', zweiwoechentlich, 'Кожного другого тижня по четвергах, з 15:00 до 17:00'],
		['uk', einmalig, '14 березня 2027 р., з 10:00 до 12:00'],
		['ar', sprachcafe, 'كل يوم ثلاثاء، من الساعة 15:00 إلى الساعة 17:00'],
		['ar', kurs, 'من الاثنين إلى الجمعة، من الساعة 08:30 إلى الساعة 12:45، في الفترة من 11 يناير 2027 إلى 30 يونيو 2027'],
		['ar', beratung, 'أول أربعاء من كل شهر، من الساعة 10:00 إلى الساعة 12:00'],
		['ar', zweiwoechentlich, 'كل أسبوعين يوم الخميس، من الساعة 15:00 إلى الساعة 17:00'],
		['ar', einmalig, 'في 14 مارس 2027، من الساعة 10:00 إلى الساعة 12:00'],
		['fa', sprachcafe, 'هر سه‌شنبه، از ساعت ۱۵:۰۰ تا ۱۷:۰۰'],
		['fa', kurs, 'از دوشنبه تا جمعه، از ساعت ۰۸:۳۰ تا ۱۲:۴۵، از تاریخ ۱۱ ژانویهٔ ۲۰۲۷ تا ۳۰ ژوئن ۲۰۲۷'],
		['fa', beratung, 'اولین چهارشنبهٔ هر ماه، از ساعت ۱۰:۰۰ تا ۱۲:۰۰'],
		['fa', zweiwoechentlich, 'هر دو هفته یک بار، روز پنج‌شنبه، از ساعت ۱۵:۰۰ تا ۱۷:۰۰'],
		['fa', einmalig, 'در تاریخ ۱۴ مارس ۲۰۲۷، از ساعت ۱۰:۰۰ تا ۱۲:۰۰']
	];
	it.each(cases)('%s: %j', (lang, s, text) => {
		expect(describeSchedule(s, lang)).toBe(text);
	});

	const lastFriday = schedule({ freq: 'monthly', interval: 2, byday: ['FR'], ordinal: -1, dtstart: '2027-01-01', until: '2027-12-31', opensAt: '18:00', closesAt: '20:00' });
	const threeDays = schedule({ byday: ['MO', 'WE', 'FR'], opensAt: '09:00', closesAt: '11:00' });
	it.each<[ScheduleLanguage, Schedule, string]>([
		['de', threeDays, 'Montag, Mittwoch und Freitag, 09:00–11:00 Uhr'],
		['de', schedule({ byday: ['MO', 'TU'] }), 'Montag und Dienstag, 15:00–17:00 Uhr'],
		['de', schedule({ byday: ['MO', 'TU', 'WE', 'FR'] }), 'Montag, Dienstag, Mittwoch und Freitag, 15:00–17:00 Uhr'],
		['de', schedule({ byday: [...WEEKDAYS] }), 'Täglich, 15:00–17:00 Uhr'],
		['de', schedule({ interval: 3, byday: ['MO', 'WE', 'FR'] }), 'Alle drei Wochen montags, mittwochs und freitags, 15:00–17:00 Uhr'],
		['de', schedule({ interval: 2, byday: ['MO', 'TU', 'WE', 'TH', 'FR'] }), 'Alle zwei Wochen montags bis freitags, 15:00–17:00 Uhr'],
		['de', lastFriday, 'Alle zwei Monate am letzten Freitag, 18:00–20:00 Uhr, vom 01.01.2027 bis 31.12.2027'],
		['de', schedule({ freq: 'monthly', byday: ['SA'], ordinal: 3 }), 'Jeden dritten Samstag im Monat, 15:00–17:00 Uhr'],
		['en', threeDays, 'Monday, Wednesday and Friday, 09:00–11:00'],
		['en', schedule({ byday: [...WEEKDAYS] }), 'Daily, 15:00–17:00'],
		['en', schedule({ interval: 2, byday: ['MO', 'TH'] }), 'Every two weeks on Monday and Thursday, 15:00–17:00'],
		['en', schedule({ interval: 2, byday: ['MO', 'TU', 'WE', 'TH', 'FR'] }), 'Every two weeks, Monday to Friday, 15:00–17:00'],
		['en', lastFriday, 'Every two months on the last Friday, 18:00–20:00, from 1 January 2027 to 31 December 2027'],
		['tr', threeDays, 'Her pazartesi, çarşamba ve cuma, saat 09:00–11:00'],
		['tr', lastFriday, 'İki ayda bir, ayın son cuması, saat 18:00–20:00, 1 Ocak 2027 ile 31 Aralık 2027 tarihleri arasında'],
		['ru', threeDays, 'По понедельникам, средам и пятницам, с 09:00 до 11:00'],
		['ru', lastFriday, 'Каждый второй месяц в последнюю пятницу, с 18:00 до 20:00, с 1 января 2027 г. по 31 декабря 2027 г.'],
		['ru', schedule({ freq: 'monthly', byday: ['MO'], ordinal: -1 }), 'Каждый последний понедельник месяца, с 15:00 до 17:00'],
		['ru', schedule({ freq: 'monthly', byday: ['SU'], ordinal: 2 }), 'Каждое второе воскресенье месяца, с 15:00 до 17:00'],
		['uk', threeDays, 'По понеділках, середах і пʼятницях, з 09:00 до 11:00'],
		['uk', lastFriday, 'Кожного другого місяця в останню пʼятницю, з 18:00 до 20:00, з 1 січня 2027 р. до 31 грудня 2027 р.'],
		['uk', schedule({ freq: 'monthly', byday: ['TH'], ordinal: 3 }), 'Кожного третього четверга місяця, з 15:00 до 17:00'],
		['ar', threeDays, 'كل يوم اثنين وأربعاء وجمعة، من الساعة 09:00 إلى الساعة 11:00'],
		['ar', lastFriday, 'آخر جمعة من الشهر، كل شهرين، من الساعة 18:00 إلى الساعة 20:00، في الفترة من 1 يناير 2027 إلى 31 ديسمبر 2027'],
		['ar', schedule({ interval: 3, byday: ['MO', 'TH'] }), 'كل ثلاثة أسابيع أيام الاثنين والخميس، من الساعة 15:00 إلى الساعة 17:00'],
		['fa', threeDays, 'هر دوشنبه، چهارشنبه و جمعه، از ساعت ۰۹:۰۰ تا ۱۱:۰۰'],
		['fa', lastFriday, 'هر دو ماه یک بار، آخرین جمعهٔ ماه، از ساعت ۱۸:۰۰ تا ۲۰:۰۰، از تاریخ ۱ ژانویهٔ ۲۰۲۷ تا ۳۱ دسامبر ۲۰۲۷']
	])('%s, more shapes: %j', (lang, s, text) => {
		expect(describeSchedule(s, lang)).toBe(text);
	});

	it('leaves the notes out (the page shows them separately, in German)', () => {
		for (const lang of ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'] as const) expect(describeSchedule(beratung, lang)).not.toContain(beratung.notes);
	});

	it('falls back to German for a language it has no phrases for', () => {
		expect(describeSchedule(sprachcafe, 'pl' as ScheduleLanguage)).toBe('Jeden Dienstag, 15:00–17:00 Uhr');
	});
});

/** Physical lines → logical lines (RFC 5545 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
const property = (lines: string[], name: string) => lines.filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
const events = (ics: string) => ics.split('BEGIN:VEVENT').slice(1).map((block) => unfold(`BEGIN:VEVENT${block.split('END:VEVENT')[0]}END:VEVENT`));
const octets = (line: string) => Buffer.byteLength(line, 'utf8');

function calendar(schedules: Schedule[], over: Partial<Parameters<typeof toICalendar>[0]> = {}) {
	return toICalendar({
		uid: 'c0ffee00-0000-4000-8000-000000000001',
		title: 'Sprachcafé',
		description: 'Verein für Nachbarschaft e. V.',
		location: 'Stadtteilbüro, Hauptstraße 1, 46236 Bottrop',
		url: 'https://teilhabe.example/bottrop/de/angebote/1',
		schedules,
		now: new Date('2026-11-22T10:05:09.123Z'),
		...over
	});
}

/** A UTC instant as Berlin wall time in iCalendar form, independent of the code under test. */
function berlinLocal(date: Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(date)
			.map((p) => [p.type, p.value])
	);
	return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

describe('toICalendar', () => {
	const monthly = schedule({ freq: 'monthly', byday: ['WE'], ordinal: 1, opensAt: '10:00', closesAt: '12:00' });
	const ics = calendar([schedule(), monthly]);
	const lines = unfold(ics);

	it('is a VCALENDAR with the required properties, a Berlin VTIMEZONE and one VEVENT per schedule', () => {
		expect(lines.slice(0, 6)).toEqual(['BEGIN:VCALENDAR', 'PRODID:-//Teilhabe//Integrationswegweiser//DE', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'BEGIN:VTIMEZONE']);
		expect(lines.at(-2)).toBe('END:VCALENDAR');
		expect(lines.at(-1)).toBe('');
		const timezone = lines.slice(lines.indexOf('BEGIN:VTIMEZONE'), lines.indexOf('END:VTIMEZONE') + 1);
		expect(timezone).toEqual(
			expect.arrayContaining(['TZID:Europe/Berlin', 'TZOFFSETTO:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'])
		);
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
		expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
		const [first, second] = events(ics);
		expect(property(first!, 'UID')).toEqual(['UID:c0ffee00-0000-4000-8000-000000000001-0@teilhabe']);
		expect(property(second!, 'UID')).toEqual(['UID:c0ffee00-0000-4000-8000-000000000001-1@teilhabe']);
		expect(property(first!, 'DTSTAMP')).toEqual(['DTSTAMP:20261122T100509Z']);
		expect(property(first!, 'SUMMARY')).toEqual(['SUMMARY:Sprachcafé']);
		expect(property(first!, 'LOCATION')).toEqual(['LOCATION:Stadtteilbüro\\, Hauptstraße 1\\, 46236 Bottrop']);
		expect(property(first!, 'URL')).toEqual(['URL:https://teilhabe.example/bottrop/de/angebote/1']);
	});

	it('uses CRLF line endings only, including after the last line', () => {
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it.each([
		{
			name: 'weekly Tuesday starting on a Monday moves to the Tuesday',
			s: schedule(),
			start: '20270112T150000',
			end: '20270112T170000',
			rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU'
		},
		{
			name: 'Monday to Friday until the end of June (CEST)',
			s: schedule({ byday: ['MO', 'TU', 'WE', 'TH', 'FR'], until: '2027-06-30', opensAt: '08:30', closesAt: '12:45' }),
			start: '20270111T083000',
			end: '20270111T124500',
			rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270630T215959Z'
		},
		{
			name: 'first Wednesday from 11 January moves to February',
			s: monthly,
			start: '20270203T100000',
			end: '20270203T120000',
			rrule: 'RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=1WE'
		},
		{
			name: 'last Friday every second month until New Year’s Eve (CET)',
			s: schedule({ freq: 'monthly', interval: 2, byday: ['FR'], ordinal: -1, dtstart: '2027-01-01', until: '2027-12-31', opensAt: '18:00', closesAt: '20:00' }),
			start: '20270129T180000',
			end: '20270129T200000',
			rrule: 'RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;UNTIL=20271231T225959Z'
		},
		{
			name: 'every second week names the week start',
			s: schedule({ interval: 2, byday: ['MO', 'TH'], dtstart: '2027-01-13' }),
			start: '20270114T150000',
			end: '20270114T170000',
			rrule: 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO'
		},
		{
			name: 'once has no rule',
			s: schedule({ freq: 'once', byday: [], dtstart: '2027-03-14', opensAt: '10:00', closesAt: '12:00' }),
			start: '20270314T100000',
			end: '20270314T120000',
			rrule: null
		}
	])('$name', ({ s, start, end, rrule }) => {
		const [event] = events(calendar([s]));
		expect(property(event!, 'DTSTART')).toEqual([`DTSTART;TZID=Europe/Berlin:${start}`]);
		expect(property(event!, 'DTEND')).toEqual([`DTEND;TZID=Europe/Berlin:${end}`]);
		expect(property(event!, 'RRULE')).toEqual(rrule ? [rrule] : []);
		// DTSTART is the first instance, so it must be what the portal announces as the first date.
		expect(berlinLocal(nextOccurrence(s, new Date(`${s.dtstart}T00:00:00+01:00`))!)).toBe(start);
	});

	it.each([
		{ name: 'semicolon', title: 'Deutsch; Mathe', expected: 'Deutsch\\; Mathe' },
		{ name: 'comma', title: 'Kaffee, Kuchen', expected: 'Kaffee\\, Kuchen' },
		{ name: 'backslash first, so escapes are not doubled', title: 'C:\\Kurse; neu', expected: 'C:\\\\Kurse\\; neu' },
		{ name: 'LF', title: 'Zeile 1\nZeile 2', expected: 'Zeile 1\\nZeile 2' },
		{ name: 'CRLF and CR', title: 'a\r\nb\rc', expected: 'a\\nb\\nc' },
		{ name: 'control characters removed', title: 'Kurs\u0007\u0000 A1', expected: 'Kurs A1' },
		{ name: 'colon and quotes stay', title: 'Kurs: „A1“', expected: 'Kurs: „A1“' }
	])('escapes TEXT: $name', ({ title, expected }) => {
		expect(property(unfold(calendar([schedule()], { title })), 'SUMMARY')).toEqual([`SUMMARY:${expected}`]);
	});

	it('appends the notes to the description', () => {
		const [event] = events(calendar([schedule({ notes: 'nicht in den Ferien, bitte anmelden' })], { description: 'Verein\nhttps://a.example/x' }));
		expect(property(event!, 'DESCRIPTION')).toEqual(['DESCRIPTION:Verein\\nhttps://a.example/x\\n\\nnicht in den Ferien\\, bitte anmelden']);
	});

	it('leaves out empty DESCRIPTION, LOCATION and URL', () => {
		const [event] = events(calendar([schedule()], { description: ' ', location: '', url: '' }));
		expect(event!.filter((l) => /^(DESCRIPTION|LOCATION|URL)[:;]/.test(l))).toEqual([]);
	});

	it('cannot be given extra properties through the URL', () => {
		const [event] = events(calendar([schedule()], { url: 'https://a.example/\r\nATTENDEE:mailto:x@example.org' }));
		expect(event!.some((l) => l.startsWith('ATTENDEE'))).toBe(false);
		expect(property(event!, 'URL')).toEqual(['URL:https://a.example/ATTENDEE:mailto:x@example.org']);
	});

	it('writes no event for a rule without occurrences, keeping the UIDs of the others', () => {
		const none = schedule({ until: '2027-01-11' }); // Tuesdays, but only Monday the 11th
		const found = events(calendar([none, schedule()]));
		expect(found.map((e) => property(e, 'UID')[0])).toEqual(['UID:c0ffee00-0000-4000-8000-000000000001-1@teilhabe']);
	});

	it.each([
		{ name: '200 Cyrillic characters', title: 'Курс немецкого языка для начинающих '.repeat(6).slice(0, 200) },
		{ name: 'ASCII', title: 'A'.repeat(200) },
		{ name: 'mixed with emoji (4-octet characters)', title: 'Café 🎉 '.repeat(30) },
		{ name: 'Persian with joiners', title: 'کلاس زبان آلمانی برای تازه‌واردان '.repeat(6) }
	])('folds long lines at ≤ 75 octets without breaking characters: $name', ({ title }) => {
		const ics = calendar([schedule()], { title });
		const physical = ics.split('\r\n').slice(0, -1);
		const start = physical.findIndex((l) => l.startsWith('SUMMARY:'));
		const folded = [physical[start]!];
		while (physical[start + folded.length]!.startsWith(' ')) folded.push(physical[start + folded.length]!);
		expect(folded.length).toBeGreaterThan(2);
		for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
		// Greedy: a piece is only cut when the next character would not fit (at most 4 octets short).
		for (const line of folded.slice(0, -1)) expect(octets(line)).toBeGreaterThanOrEqual(72);
		for (const line of folded) expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
		expect(folded.join('\r\n').replace(/\r\n /g, '')).toBe(`SUMMARY:${title}`);
		expect(property(unfold(ics), 'SUMMARY')).toEqual([`SUMMARY:${title}`]);
	});

	it('does not fold a line of exactly 75 octets', () => {
		const title = 'x'.repeat(75 - 'SUMMARY:'.length);
		expect(calendar([schedule()], { title }).split('\r\n')).toContain(`SUMMARY:${title}`);
	});
});

describe('nextOccurrence', () => {
	const sunday = schedule({ byday: ['SU'], dtstart: '2027-01-01', opensAt: '10:00', closesAt: '11:00' });
	const once = schedule({ freq: 'once', byday: [], dtstart: '2027-03-14', opensAt: '10:00', closesAt: '12:00' });
	const lastFriday = schedule({ freq: 'monthly', byday: ['FR'], ordinal: -1, dtstart: '2027-01-01', opensAt: '18:00', closesAt: '20:00' });
	it.each([
		{ name: 'weekly Sunday, the day CEST begins', s: sunday, from: '2027-03-27T12:00:00Z', next: '2027-03-28T08:00:00.000Z' },
		{ name: 'weekly Sunday, a week earlier (CET)', s: sunday, from: '2027-03-20T12:00:00Z', next: '2027-03-21T09:00:00.000Z' },
		{ name: 'weekly Sunday, the day CEST ends', s: sunday, from: '2027-10-30T12:00:00Z', next: '2027-10-31T09:00:00.000Z' },
		// Wall times within an hour after the switch need the offset of the instant itself, not of the wall time read as UTC.
		{ name: 'weekly Sunday at 01:30, the day CEST begins', s: { ...sunday, opensAt: '01:30', closesAt: '03:30' }, from: '2027-03-27T12:00:00Z', next: '2027-03-28T00:30:00.000Z' },
		{ name: 'weekly Sunday at 01:30, the day CEST ends', s: { ...sunday, opensAt: '01:30', closesAt: '03:30' }, from: '2027-10-30T12:00:00Z', next: '2027-10-30T23:30:00.000Z' },
		{ name: 'late Saturday evening UTC is already Sunday in Berlin', s: sunday, from: '2027-03-27T23:30:00Z', next: '2027-03-28T08:00:00.000Z' },
		{ name: 'exactly at the start counts', s: schedule(), from: '2027-01-12T14:00:00Z', next: '2027-01-12T14:00:00.000Z' },
		{ name: 'a minute after the start, the week after', s: schedule(), from: '2027-01-12T14:01:00Z', next: '2027-01-19T14:00:00.000Z' },
		{ name: 'before dtstart: the first occurrence', s: schedule(), from: '2026-06-01T00:00:00Z', next: '2027-01-12T14:00:00.000Z' },
		{ name: 'years after dtstart, open-ended', s: schedule(), from: '2030-01-01T00:00:00Z', next: '2030-01-01T14:00:00.000Z' },
		{ name: 'once, ahead', s: once, from: '2027-03-14T08:00:00Z', next: '2027-03-14T09:00:00.000Z' },
		{ name: 'once, already begun', s: once, from: '2027-03-14T09:30:00Z', next: null },
		{ name: 'once, in the past', s: once, from: '2027-03-15T00:00:00Z', next: null },
		{ name: 'until: the last day is included', s: schedule({ until: '2027-06-29' }), from: '2027-06-29T12:00:00Z', next: '2027-06-29T13:00:00.000Z' },
		{ name: 'until: nothing after the last day', s: schedule({ until: '2027-06-29' }), from: '2027-06-29T14:00:00Z', next: null },
		{ name: 'until: a last day that is no Tuesday', s: schedule({ until: '2027-07-05' }), from: '2027-06-29T14:00:00Z', next: null },
		{ name: 'every second week skips a week', s: schedule({ interval: 2, byday: ['TH'] }), from: '2027-01-15T00:00:00Z', next: '2027-01-28T14:00:00.000Z' },
		{
			name: 'every second week counts from the week of the first occurrence',
			s: schedule({ interval: 2, byday: ['MO'], dtstart: '2027-01-13' }),
			from: '2027-01-19T00:00:00Z',
			next: '2027-02-01T14:00:00.000Z'
		},
		{ name: 'last Friday of January', s: lastFriday, from: '2027-01-01T00:00:00Z', next: '2027-01-29T17:00:00.000Z' },
		{ name: 'last Friday of February (28 days)', s: lastFriday, from: '2027-01-30T00:00:00Z', next: '2027-02-26T17:00:00.000Z' },
		{ name: 'last Friday of April is its fifth (CEST)', s: lastFriday, from: '2027-04-01T00:00:00Z', next: '2027-04-30T16:00:00.000Z' },
		{ name: 'last Friday every second month', s: { ...lastFriday, interval: 2 }, from: '2027-01-30T00:00:00Z', next: '2027-03-26T17:00:00.000Z' },
		{
			name: 'first Wednesday every twelfth month',
			s: schedule({ freq: 'monthly', interval: 12, byday: ['WE'], ordinal: 1, dtstart: '2027-01-01' }),
			from: '2027-01-07T00:00:00Z',
			next: '2028-01-05T14:00:00.000Z'
		}
	])('$name', ({ s, from, next }) => {
		expect(nextOccurrence(s, new Date(from))?.toISOString() ?? null).toBe(next);
	});
});
