/** Time is injected so that rules and tests never depend on the wall clock. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(d: Date | string): void } {
	let current = new Date(start);
	return {
		now: () => new Date(current),
		advance(ms: number) {
			current = new Date(current.getTime() + ms);
		},
		set(d: Date | string) {
			current = new Date(d);
		}
	};
}

/** Offset of Europe/Berlin from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function berlinOffsetMinutes(at: Date): number {
	const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName')?.value;
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
	if (!match) return 0;
	return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** The first instant of a calendar day in Europe/Berlin ("2026-07-01" → 2026-06-30T22:00:00Z). */
export function startOfBerlinDay(isoDate: string): Date | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!m) return null;
	const midnightUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (Number.isNaN(midnightUtc) || new Date(midnightUtc).toISOString().slice(0, 10) !== isoDate) return null;
	// Midnight never falls into a DST switch in Berlin (switches happen at 02:00/03:00), so one lookup suffices.
	return new Date(midnightUtc - berlinOffsetMinutes(new Date(midnightUtc)) * 60_000);
}

/** The last millisecond of a calendar day in Europe/Berlin. */
export function endOfBerlinDay(isoDate: string): Date | null {
	const start = startOfBerlinDay(isoDate);
	if (!start) return null;
	const next = new Date(start.getTime() + 36 * 3600_000).toISOString().slice(0, 10);
	return new Date(startOfBerlinDay(next)!.getTime() - 1);
}
