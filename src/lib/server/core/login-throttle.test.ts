import { describe, expect, it } from 'vitest';
import { decideThrottle, DEFAULT_THROTTLE, type ThrottleDecision } from './login-throttle.ts';

const now = new Date('2026-03-02T09:00:00Z');
const MIN = 60_000;
/** n failures, the i-th of them `agoMs(i)` before now. */
const failures = (n: number, agoMs: (i: number) => number = () => 0) => Array.from({ length: n }, (_, i) => new Date(now.getTime() - agoMs(i)));

interface Case {
	name: string;
	account: Date[];
	address: Date[];
	expected: ThrottleDecision;
}

const cases: Case[] = [
	{ name: 'no failures', account: [], address: [], expected: { allowed: true } },
	{ name: '4 account failures (under the limit of 5)', account: failures(4), address: failures(4), expected: { allowed: true } },
	{
		name: '5 account failures just now: blocked for the whole window',
		account: failures(5),
		address: failures(5),
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 15 * 60 }
	},
	{
		name: '5 account failures 1..5 minutes ago: free when the 5th most recent (5 min ago) leaves',
		account: failures(5, (i) => (i + 1) * MIN),
		address: [],
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 10 * 60 }
	},
	{
		name: '6 account failures: the 5th most recent decides',
		account: failures(6, (i) => i * MIN),
		address: [],
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 11 * 60 }
	},
	{
		name: 'order of the failures does not matter',
		account: failures(5, (i) => (5 - i) * MIN),
		address: [],
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 10 * 60 }
	},
	{
		name: 'account failures older than the window do not count',
		account: [...failures(4), ...failures(10, () => 15 * MIN)],
		address: [],
		expected: { allowed: true }
	},
	{
		name: 'a failure exactly one window ago has left the window',
		account: [...failures(4), new Date(now.getTime() - DEFAULT_THROTTLE.windowMs)],
		address: [],
		expected: { allowed: true }
	},
	{
		name: 'a failure 1 ms inside the window still counts; retry after at least 1 s',
		account: [...failures(4), new Date(now.getTime() - DEFAULT_THROTTLE.windowMs + 1)],
		address: [],
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 1 }
	},
	{ name: '19 address failures (under the limit of 20)', account: [], address: failures(19), expected: { allowed: true } },
	{
		name: '20 address failures: blocked per address',
		account: failures(1),
		address: failures(20, (i) => i * 1000),
		expected: { allowed: false, scope: 'address', retryAfterSeconds: 15 * 60 - 19 }
	},
	{
		name: 'address failures outside the window do not count',
		account: [],
		address: [...failures(19), ...failures(30, () => 16 * MIN)],
		expected: { allowed: true }
	},
	{
		name: 'account limit is reported before the address limit',
		account: failures(5),
		address: failures(20),
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 15 * 60 }
	},
	{
		name: 'retryAfter rounds partial seconds up',
		account: failures(5, () => 1500),
		address: [],
		expected: { allowed: false, scope: 'account', retryAfterSeconds: 15 * 60 - 1 }
	}
];

describe('decideThrottle with the default limits (5 per account, 20 per address, 15 minutes)', () => {
	it('uses the documented defaults', () => {
		expect(DEFAULT_THROTTLE).toEqual({ windowMs: 15 * MIN, maxPerAccount: 5, maxPerAddress: 20 });
	});

	it.each(cases)('$name', ({ account, address, expected }) => {
		expect(decideThrottle(now, account, address)).toEqual(expected);
	});
});

describe('decideThrottle with custom limits', () => {
	const limits = { windowMs: 60_000, maxPerAccount: 2, maxPerAddress: 3 };

	it.each([
		{ account: 1, address: 1, expected: { allowed: true } },
		{ account: 2, address: 2, expected: { allowed: false, scope: 'account', retryAfterSeconds: 60 } },
		{ account: 1, address: 3, expected: { allowed: false, scope: 'address', retryAfterSeconds: 60 } }
	])('$account account / $address address failures', ({ account, address, expected }) => {
		expect(decideThrottle(now, failures(account), failures(address), limits)).toEqual(expected);
	});

	it('window expiry: blocked now, allowed once the window has passed', () => {
		const f = failures(2);
		expect(decideThrottle(now, f, [], limits).allowed).toBe(false);
		expect(decideThrottle(new Date(now.getTime() + 59_999), f, [], limits).allowed).toBe(false);
		expect(decideThrottle(new Date(now.getTime() + 60_000), f, [], limits)).toEqual({ allowed: true });
	});
});
