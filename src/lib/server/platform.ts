import path from 'node:path';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import type { BetterAuthPlugin } from 'better-auth';
import { loadConfig, ConfigError, type AppConfig } from './core/config.ts';
import { createDb, type DbHandle } from './db/client.ts';
import { createMailer, type Mailer } from './core/mail.ts';
import { createAuth, type Auth } from './core/auth.ts';
import { systemClock, type Clock } from './core/clock.ts';
import { log, setLogLevel } from './core/log.ts';
import { findMunicipalityBySlug } from './core/tenancy.ts';
import { seedDemo } from './demo/seed.ts';

/** The long-lived parts of a running platform: one per process. */
export interface Platform {
	config: AppConfig;
	database: DbHandle;
	mail: Mailer;
	auth: Auth;
	clock: Clock;
	origin: string;
}

export async function startPlatform(options: {
	env?: Record<string, string | undefined>;
	clock?: Clock;
	authPlugins?: BetterAuthPlugin[];
	inMemory?: boolean;
}): Promise<Platform> {
	const config = loadConfig(options.env ?? process.env);
	setLogLevel(config.logLevel);
	const clock = options.clock ?? systemClock;
	const database = await createDb({ databaseUrl: config.databaseUrl, dataDir: options.inMemory ? null : path.join(config.dataDir, 'pglite') });
	await database.migrate();
	log.info('database ready', { kind: database.kind });
	const mail = createMailer({ db: database.db, clock, smtpUrl: config.smtpUrl, from: config.mailFrom });
	const origin = config.origin ?? `http://localhost:${process.env.PORT ?? 3000}`;
	const auth = createAuth({
		db: database.db,
		secret: config.authSecret,
		baseURL: origin,
		secureCookies: config.secureCookies,
		plugins: options.authPlugins,
		sendPasswordReset: async ({ email, name, token, callbackURL }) => {
			const slug = callbackURL.split('/')[1] ?? '';
			const municipality = await findMunicipalityBySlug(database.db, slug);
			await mail.send({
				municipalityId: municipality?.id ?? null,
				to: email,
				containsSecret: true,
				subject: 'Passwort zurücksetzen – Teilhabe',
				text: `Guten Tag ${name},\n\nfür Ihr Konto wurde ein neues Passwort angefordert. Mit diesem Link können Sie es innerhalb einer Stunde einmal festlegen:\n${origin}${callbackURL}?token=${encodeURIComponent(token)}\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt dann unverändert.`
			});
		}
	});
	const platform: Platform = { config, database, mail, auth, clock, origin };
	if (config.demoData) await seedDemo(platform);
	return platform;
}

let running: Promise<Platform> | null = null;

/** The platform of this server process, started on first use (hooks.server.ts `init`). */
export function getPlatform(authPlugins?: BetterAuthPlugin[]): Promise<Platform> {
	running ??= startPlatform({ authPlugins }).catch((e) => {
		if (e instanceof ConfigError) {
			log.error('configuration invalid', { problems: e.problems });
			console.error(e.message);
			process.exit(1);
		}
		throw e;
	});
	return running;
}

export { sveltekitCookies };
