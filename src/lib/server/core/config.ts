import { z } from 'zod';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/**
 * All configuration comes from environment variables and is validated once at start.
 * Every mistake is reported with the variable's name and what is expected, then the process stops.
 */
const envSchema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'muss eine PostgreSQL-Verbindungs-URL sein (postgres://benutzer@host:5432/datenbank)')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	ORIGIN: z.url('muss eine vollständige URL sein, z. B. https://teilhabe.example.de').optional(),
	AUTH_SECRET: z.string().min(32, 'muss mindestens 32 Zeichen lang sein').optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'muss mit smtp:// oder smtps:// beginnen, z. B. smtp://benutzer:passwort@mail.example.de:587')
		.optional(),
	MAIL_FROM: z.string().min(3).default('Teilhabe <no-reply@teilhabe.invalid>'),
	DEMO_DATA: z.enum(['on', 'off'], { message: 'muss "on" oder "off" sein' }).optional(),
	SHARED_DATA_DIR: z.string().optional(),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
	JOBS_INTERVAL_MINUTES: z.coerce
		.number({ error: 'muss eine Zahl von Minuten sein (0 schaltet die Hintergrundaufgaben in diesem Prozess ab)' })
		.int('muss eine ganze Zahl von Minuten sein')
		.min(0, 'darf nicht negativ sein')
		.max(1440, 'höchstens 1440 (einmal am Tag)')
		.default(60),
	NODE_ENV: z.string().optional()
});

export interface AppConfig {
	databaseUrl: string | null;
	dataDir: string;
	origin: string | null;
	authSecret: string;
	smtpUrl: string | null;
	mailFrom: string;
	demoData: boolean;
	sharedDataDir: string;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	secureCookies: boolean;
	/** How often this process runs the scheduled duties (reminders …); 0 = never (another process or cron does). */
	jobsIntervalMinutes: number;
}

export class ConfigError extends Error {
	constructor(public readonly problems: string[]) {
		super('Die Konfiguration ist fehlerhaft:\n' + problems.map((p) => `  - ${p}`).join('\n'));
	}
}

/** Pure parsing of an environment; reading or creating the generated secret is left to loadConfig. */
export function parseEnv(env: Record<string, string | undefined>): z.infer<typeof envSchema> {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const result = envSchema.safeParse(cleaned);
	if (!result.success) {
		throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
	}
	const parsed = result.data;
	const problems: string[] = [];
	if (parsed.DATABASE_URL && parsed.NODE_ENV === 'production' && !parsed.AUTH_SECRET) {
		problems.push('AUTH_SECRET: muss im Produktivbetrieb mit PostgreSQL gesetzt sein (mindestens 32 zufällige Zeichen)');
	}
	const proxyHeader = env.PROTOCOL_HEADER && env.PROTOCOL_HEADER !== 'x-teilhabe-protocol' ? env.PROTOCOL_HEADER : null;
	if (proxyHeader && !parsed.ORIGIN)
		problems.push(`ORIGIN: muss hinter einem Proxy (PROTOCOL_HEADER=${proxyHeader}) gesetzt sein, z. B. https://teilhabe.example.de – sonst stimmen Links in E-Mails und das Secure-Cookie nicht`);
	if (problems.length) throw new ConfigError(problems);
	return parsed;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
	const parsed = parseEnv(env);
	const dataDir = path.resolve(parsed.DATA_DIR);
	let authSecret = parsed.AUTH_SECRET;
	if (!authSecret) {
		// Embedded/development mode: keep one generated secret beside the embedded database.
		const file = path.join(dataDir, 'auth-secret');
		fs.mkdirSync(dataDir, { recursive: true });
		if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
		authSecret = fs.readFileSync(file, 'utf8').trim();
	}
	const origin = parsed.ORIGIN ?? null;
	return {
		databaseUrl: parsed.DATABASE_URL ?? null,
		dataDir,
		origin,
		authSecret,
		smtpUrl: parsed.SMTP_URL ?? null,
		mailFrom: parsed.MAIL_FROM,
		demoData: parsed.DEMO_DATA ? parsed.DEMO_DATA === 'on' : !parsed.DATABASE_URL,
		sharedDataDir: path.resolve(parsed.SHARED_DATA_DIR ?? '../shared'),
		logLevel: parsed.LOG_LEVEL,
		secureCookies: origin?.startsWith('https://') ?? false,
		jobsIntervalMinutes: parsed.JOBS_INTERVAL_MINUTES
	};
}
