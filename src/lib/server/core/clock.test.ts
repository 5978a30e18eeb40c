import { describe, expect, it } from 'vitest';
import { startOfBerlinDay, endOfBerlinDay } from './clock.ts';

describe('calendar days in Europe/Berlin', () => {
	it.each([
		['2026-01-15', '2026-01-14T23:00:00.000Z', '2026-01-15T22:59:59.999Z'], // winter time
		['2026-07-01', '2026-06-30T22:00:00.000Z', '2026-07-01T21:59:59.999Z'], // summer time
		['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'], // 23-hour day (to summer time)
		['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'], // 25-hour day (to winter time)
		['2024-02-29', '2024-02-28T23:00:00.000Z', '2024-02-29T22:59:59.999Z'] // leap day
	])('%s runs from %s to %s', (day, start, end) => {
		expect(startOfBerlinDay(day)?.toISOString()).toBe(start);
		expect(endOfBerlinDay(day)?.toISOString()).toBe(end);
	});

	it.each(['2026-02-30', '2026-13-01', '26-01-01', '', 'gestern'])('%j is no day', (value) => {
		expect(startOfBerlinDay(value)).toBeNull();
		expect(endOfBerlinDay(value)).toBeNull();
	});
});
