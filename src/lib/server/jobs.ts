import type { Platform } from './platform.ts';
import { log } from './core/log.ts';
import { runConfirmationDuties } from './modules/offers/confirmation.ts';
import { runGrantReminders } from './modules/grants/reminders.ts';

/**
 * Duties that run on a schedule rather than on a request. Each is idempotent (it records what it has
 * done), so running it more often than needed does no harm; a missed run is caught up by the next.
 */
export const SCHEDULED_DUTIES: readonly { name: string; run: (p: Platform) => Promise<unknown> }[] = [
	{
		name: 'offers.confirmation',
		run: (p) => runConfirmationDuties({ db: p.database.db, mail: p.mail, clock: p.clock, origin: p.origin })
	},
	{
		name: 'grants.reminders',
		run: (p) => runGrantReminders({ db: p.database.db, mail: p.mail, clock: p.clock, origin: p.origin })
	}
];

export async function runScheduledDuties(platform: Platform): Promise<Record<string, unknown>> {
	const results: Record<string, unknown> = {};
	for (const duty of SCHEDULED_DUTIES) {
		try {
			results[duty.name] = await duty.run(platform);
			log.info('scheduled duty done', { duty: duty.name, result: results[duty.name] });
		} catch (error) {
			// One failing duty must not stop the others, nor the server.
			log.error('scheduled duty failed', { duty: duty.name, error: String(error) });
			results[duty.name] = { error: String(error) };
		}
	}
	return results;
}

/**
 * Runs the duties in this process every `jobsIntervalMinutes` (first run a minute after start). With
 * several server processes, set JOBS_INTERVAL_MINUTES=0 on all but one, or run `npm run jobs` from cron.
 */
export function startScheduler(platform: Platform): () => void {
	const minutes = platform.config.jobsIntervalMinutes;
	if (!minutes) return () => {};
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runScheduledDuties(platform);
		} finally {
			running = false;
		}
	};
	const first = setTimeout(() => void tick(), 60_000);
	const every = setInterval(() => void tick(), minutes * 60_000);
	// The timers must not keep a stopping process alive.
	first.unref();
	every.unref();
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
