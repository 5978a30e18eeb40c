import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from './config.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SECRET = 'x'.repeat(32);
const PG = 'postgres://teilhabe@db.example:5432/teilhabe';

function problemsOf(env: Record<string, string | undefined>): string[] {
	try {
		parseEnv(env);
	} catch (e) {
		expect(e).toBeInstanceOf(ConfigError);
		return (e as ConfigError).problems;
	}
	throw new Error('expected a ConfigError');
}

describe('parseEnv: every mistake names its variable', () => {
	it.each([
		{ variable: 'DATABASE_URL', env: { DATABASE_URL: 'mysql://root@localhost/teilhabe' }, mentions: 'PostgreSQL' },
		{ variable: 'DATABASE_URL', env: { DATABASE_URL: 'localhost:5432' }, mentions: 'postgres://' },
		{ variable: 'SMTP_URL', env: { SMTP_URL: 'http://mail.example.de' }, mentions: 'smtp://' },
		{ variable: 'AUTH_SECRET', env: { AUTH_SECRET: 'too-short' }, mentions: '32' },
		{ variable: 'ORIGIN', env: { ORIGIN: 'teilhabe.example.de' }, mentions: 'URL' },
		{ variable: 'DEMO_DATA', env: { DEMO_DATA: 'yes' }, mentions: '"on"' },
		{ variable: 'AUTH_SECRET', env: { NODE_ENV: 'production', DATABASE_URL: PG }, mentions: 'Produktivbetrieb' }
	])('$variable: $env', ({ variable, env, mentions }) => {
		const problems = problemsOf(env);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
		expect(problems[0]).toContain(mentions);
	});

	it('reports several mistakes at once, each with its variable', () => {
		const problems = problemsOf({ DATABASE_URL: 'mysql://x', SMTP_URL: 'ftp://x', AUTH_SECRET: 'short' });
		expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['AUTH_SECRET', 'DATABASE_URL', 'SMTP_URL']);
	});

	it('the error message lists the problems', () => {
		expect(() => parseEnv({ SMTP_URL: 'http://x' })).toThrow(/SMTP_URL: muss mit smtp:\/\//);
	});

	it.each([
		{ name: 'postgresql:// scheme', env: { DATABASE_URL: 'postgresql://u@h/db' } },
		{ name: 'smtps://', env: { SMTP_URL: 'smtps://u:p@mail.example.de:465' } },
		{ name: 'production with PostgreSQL and a secret', env: { NODE_ENV: 'production', DATABASE_URL: PG, AUTH_SECRET: SECRET } },
		{ name: 'production without PostgreSQL (embedded)', env: { NODE_ENV: 'production' } },
		{ name: 'empty strings count as unset', env: { DATABASE_URL: '', SMTP_URL: '', AUTH_SECRET: '' } }
	])('accepts $name', ({ env }) => {
		expect(() => parseEnv(env)).not.toThrow();
	});
});

describe('loadConfig', () => {
	it('defaults without DATABASE_URL: embedded database, demo data on, captured mail', () => {
		const dir = path.join(tmp, 'defaults');
		const config = loadConfig({ DATA_DIR: dir });
		expect(config).toMatchObject({
			databaseUrl: null,
			dataDir: dir,
			origin: null,
			smtpUrl: null,
			demoData: true,
			logLevel: 'info',
			secureCookies: false,
			mailFrom: 'Teilhabe <no-reply@teilhabe.invalid>',
			jobsIntervalMinutes: 60
		});
	});

	it.each([
		['0', 0],
		['15', 15],
		['1440', 1440]
	])('JOBS_INTERVAL_MINUTES=%s runs the scheduled duties every %i minutes (0 = not in this process)', (raw, minutes) => {
		expect(loadConfig({ DATA_DIR: path.join(tmp, 'jobs'), JOBS_INTERVAL_MINUTES: raw }).jobsIntervalMinutes).toBe(minutes);
	});

	it.each(['-1', '1441', 'hourly', '1.5'])('JOBS_INTERVAL_MINUTES=%s is refused with a German message', (raw) => {
		expect(() => loadConfig({ DATA_DIR: path.join(tmp, 'jobs'), JOBS_INTERVAL_MINUTES: raw })).toThrow(/JOBS_INTERVAL_MINUTES/);
	});

	it('generates one auth secret beside the embedded database and keeps it', () => {
		const dir = path.join(tmp, 'secret');
		const first = loadConfig({ DATA_DIR: dir }).authSecret;
		expect(first).toMatch(/^[0-9a-f]{64}$/);
		expect(fs.readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(first);
		expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first);
	});

	it('with DATABASE_URL demo data is off unless asked for', () => {
		const dir = path.join(tmp, 'pg');
		expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: PG, AUTH_SECRET: SECRET })).toMatchObject({ databaseUrl: PG, demoData: false, authSecret: SECRET });
		expect(loadConfig({ DATA_DIR: dir, DATABASE_URL: PG, AUTH_SECRET: SECRET, DEMO_DATA: 'on' }).demoData).toBe(true);
		expect(loadConfig({ DATA_DIR: dir, DEMO_DATA: 'off' }).demoData).toBe(false);
	});

	it('secure cookies follow an https ORIGIN', () => {
		const dir = path.join(tmp, 'origin');
		expect(loadConfig({ DATA_DIR: dir, ORIGIN: 'https://teilhabe.example.de' }).secureCookies).toBe(true);
		expect(loadConfig({ DATA_DIR: dir, ORIGIN: 'http://localhost:3000' }).secureCookies).toBe(false);
	});

	it('throws a ConfigError naming the variable', () => {
		expect(() => loadConfig({ DATA_DIR: tmp, DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
		expect(() => loadConfig({ DATA_DIR: tmp, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
	});
});
