import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../db/client.ts';
import { user, session, account, verification } from './schema.ts';
import { PASSWORD_MIN_LENGTH } from './inputs.ts';
import { log } from './log.ts';

/** Argon2id with the OWASP-recommended minimum (19 MiB, 2 iterations, 1 lane). */
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = ({ hash: h, password }: { hash: string; password: string }) => verify(h, password).catch(() => false);

export const RESET_TOKEN_TTL_SECONDS = 60 * 60;
export const SESSION_TTL_SECONDS = 60 * 60 * 8;

export type PasswordResetSender = (args: { email: string; name: string; token: string; callbackURL: string }) => Promise<void>;

/**
 * Better Auth owns passwords (argon2id), sessions (database rows, HttpOnly cookies) and reset tokens
 * (stored in auth_verification, single-use, expiring). Its HTTP handler is deliberately NOT mounted:
 * the platform calls `auth.api.*` from its own form actions, so there is no public sign-up endpoint.
 */
export function createAuth(deps: {
	db: Db;
	secret: string;
	baseURL: string;
	secureCookies: boolean;
	sendPasswordReset: PasswordResetSender;
	plugins?: BetterAuthPlugin[];
}) {
	return betterAuth({
		appName: 'Teilhabe',
		secret: deps.secret,
		baseURL: deps.baseURL,
		database: drizzleAdapter(deps.db, { provider: 'pg', schema: { user, session, account, verification } }),
		telemetry: { enabled: false },
		// The library's messages join our structured JSON log. Wrong passwords are expected and counted by
		// the throttle, so they are debug noise, not warnings.
		logger: {
			log: (level, message) => {
				const quiet = /invalid password|user not found/i.test(message);
				log[quiet ? 'debug' : level === 'error' ? 'error' : level === 'warn' ? 'warn' : level === 'debug' ? 'debug' : 'info']('auth: ' + message);
			}
		},
		emailAndPassword: {
			enabled: true,
			minPasswordLength: PASSWORD_MIN_LENGTH,
			maxPasswordLength: 128,
			autoSignIn: true,
			password: { hash: hashPassword, verify: verifyPassword },
			resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SECONDS,
			revokeSessionsOnPasswordReset: true,
			sendResetPassword: async ({ user: u, url, token }) => {
				const callbackURL = new URL(url).searchParams.get('callbackURL') ?? '/';
				await deps.sendPasswordReset({ email: u.email, name: u.name, token, callbackURL });
			}
		},
		session: { expiresIn: SESSION_TTL_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: false } },
		rateLimit: { enabled: false }, // throttling of sign-ins is done per account and address in core/accounts.ts
		advanced: {
			useSecureCookies: deps.secureCookies,
			cookiePrefix: 'teilhabe',
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, path: '/' }
		},
		plugins: deps.plugins ?? []
	});
}

export type Auth = ReturnType<typeof createAuth>;
