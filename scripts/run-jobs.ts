/**
 * Runs the scheduled duties once (reminders for the yearly confirmation of offers, hiding unconfirmed
 * offers …) and prints what was done. For cron, when the server processes run with JOBS_INTERVAL_MINUTES=0:
 *
 *   npm run jobs
 *
 * Uses the same configuration as the server (DATABASE_URL, DATA_DIR, ORIGIN, SMTP_URL).
 */
import { startPlatform } from '../src/lib/server/platform.ts';
import { runScheduledDuties } from '../src/lib/server/jobs.ts';

const platform = await startPlatform({ env: { ...process.env, DEMO_DATA: 'off' } });
try {
	const results = await runScheduledDuties(platform);
	console.log(JSON.stringify(results, null, 2));
	process.exitCode = Object.values(results).some((r) => typeof r === 'object' && r !== null && 'error' in r) ? 1 : 0;
} finally {
	await platform.database.close();
}
