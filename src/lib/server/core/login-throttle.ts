/**
 * Throttling of failed sign-ins, per account (e-mail) and per client address. Pure rules;
 * the failures themselves are stored in auth_login_failure by core/accounts.ts.
 */
export interface ThrottleLimits {
	windowMs: number;
	maxPerAccount: number;
	maxPerAddress: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { windowMs: 15 * 60 * 1000, maxPerAccount: 5, maxPerAddress: 20 };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: 'account' | 'address' };

/**
 * @param accountFailures times of recent failures for this e-mail, any order
 * @param addressFailures times of recent failures from this address, any order
 */
export function decideThrottle(
	now: Date,
	accountFailures: readonly Date[],
	addressFailures: readonly Date[],
	limits: ThrottleLimits = DEFAULT_THROTTLE
): ThrottleDecision {
	const check = (failures: readonly Date[], max: number, scope: 'account' | 'address'): ThrottleDecision | null => {
		const recent = failures
			.map((d) => d.getTime())
			.filter((t) => now.getTime() - t < limits.windowMs)
			.sort((a, b) => b - a);
		if (recent.length < max) return null;
		// Blocked until the max-th most recent failure leaves the window.
		const unblockAt = recent[max - 1]! + limits.windowMs;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((unblockAt - now.getTime()) / 1000)), scope };
	};
	return check(accountFailures, limits.maxPerAccount, 'account') ?? check(addressFailures, limits.maxPerAddress, 'address') ?? { allowed: true };
}
