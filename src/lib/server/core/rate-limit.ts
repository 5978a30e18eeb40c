import { and, eq, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { rateEvent } from './schema.ts';
import { TooManyRequestsError } from './errors.ts';

export interface RateLimit {
	action: string;
	max: number;
	windowMs: number;
}

/** Public forms that anyone can send: a few per hour and address is plenty for people, too few for floods. */
export const BARRIER_REPORTS_PER_ADDRESS: RateLimit = { action: 'barrier_report', max: 5, windowMs: 60 * 60 * 1000 };
export const PASSWORD_RESETS_PER_ADDRESS: RateLimit = { action: 'password_reset', max: 5, windowMs: 60 * 60 * 1000 };

/**
 * Counts this request against the limit, or refuses it with 429. The row is written first and the count
 * taken afterwards, so concurrent requests cannot all slip under the limit.
 */
export async function consumeRateLimit(db: DbOrTx, limit: RateLimit, key: string, now: Date, message: string): Promise<void> {
	const [row] = await db.insert(rateEvent).values({ action: limit.action, key, at: now }).returning({ id: rateEvent.id });
	const since = new Date(now.getTime() - limit.windowMs);
	const [count] = await db
		.select({ n: sql<number>`count(*)::int`, oldest: sql<Date>`min(${rateEvent.at})` })
		.from(rateEvent)
		.where(and(eq(rateEvent.action, limit.action), eq(rateEvent.key, key), gte(rateEvent.at, since)));
	if ((count?.n ?? 0) > limit.max) {
		await db.delete(rateEvent).where(eq(rateEvent.id, row!.id));
		const retryAfter = Math.max(1, Math.ceil((new Date(count!.oldest).getTime() + limit.windowMs - now.getTime()) / 1000));
		throw new TooManyRequestsError(message, retryAfter);
	}
}
