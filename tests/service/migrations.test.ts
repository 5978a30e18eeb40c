import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/lib/server/db/client.ts';
import { createEmptyPostgresDatabase } from '../../src/lib/server/test/database.ts';
import { startPlatform, type Platform } from '../../src/lib/server/platform.ts';
import { seedDemo } from '../../src/lib/server/demo/seed.ts';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/data.ts';
import { findMunicipalityBySlug, listMemberTowns } from '../../src/lib/server/core/tenancy.ts';
import { ROLES } from '../../src/lib/server/core/roles.ts';
import { auditEvent, municipality, roleAssignment, user } from '../../src/lib/server/core/schema.ts';
import { area } from '../../src/lib/server/modules/areas/schema.ts';
import { organization, organizationMember } from '../../src/lib/server/modules/organizations/schema.ts';
import { service, searchDocument, translation } from '../../src/lib/server/modules/offers/schema.ts';
import { countAreasByLevel } from '../../src/lib/server/modules/areas/service.ts';
import { signIn, listUsers } from '../../src/lib/server/modules/users/index.ts';
import type { ServiceContext } from '../../src/lib/server/core/context.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

/** An empty database (no migrations yet) on the configured backend. */
async function emptyDatabase(): Promise<{ handle: DbHandle; databaseUrl: string | null; close(): Promise<void> }> {
	if (!serverUrl) {
		const handle = await createDb({ dataDir: null });
		return { handle, databaseUrl: null, close: () => handle.close() };
	}
	const { databaseUrl, drop } = await createEmptyPostgresDatabase(serverUrl);
	const handle = await createDb({ databaseUrl, poolSize: 2 });
	return {
		handle,
		databaseUrl,
		close: async () => {
			await handle.close();
			await drop();
		}
	};
}

const EXPECTED_TABLES = [
	'accessibility_barrier_report',
	'areas_area',
	'auth_account',
	'auth_login_failure',
	'auth_session',
	'auth_user',
	'auth_verification',
	'core_audit_event',
	'core_invitation',
	'core_municipality',
	'core_outbox_mail',
	'core_rate_event',
	'core_role_assignment',
	'grants_application',
	'grants_application_step',
	'grants_document',
	'grants_fund',
	'grants_fund_year',
	'grants_guideline',
	'grants_jury_member',
	'grants_ledger_entry',
	'grants_letter',
	'grants_letter_template',
	'grants_round',
	'grants_session',
	'grants_session_item',
	'grants_vote',
	'monitoring_base_figure',
	'monitoring_import',
	'monitoring_indicator',
	'monitoring_indicator_statement',
	'monitoring_key_figure',
	'monitoring_settings',
	'monitoring_value',
	'offers_confirmation',
	'offers_import',
	'offers_location',
	'offers_report',
	'offers_search_document',
	'offers_search_document_ar',
	'offers_search_document_de',
	'offers_search_document_en',
	'offers_search_document_fa',
	'offers_search_document_other',
	'offers_search_document_ru',
	'offers_search_document_tr',
	'offers_search_document_uk',
	'offers_search_state',
	'offers_search_word',
	'offers_service',
	'offers_settings',
	'offers_taxonomy',
	'offers_taxonomy_term',
	'offers_translation',
	'organizations_member',
	'organizations_organization'
];

async function tables(handle: DbHandle) {
	const result = await handle.db.execute<{ table_name: string }>(
		sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
	);
	return (result as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
}

async function appliedMigrations(handle: DbHandle) {
	const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
	return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

/** Every checked-in SQL migration must have been applied exactly once. */
const MIGRATION_FILES = fs.readdirSync(path.resolve(import.meta.dirname, '../../drizzle')).filter((f) => f.endsWith('.sql')).length;

describe('migrations', () => {
	it('apply on a fresh database; applying again changes nothing', async () => {
		const database = await emptyDatabase();
		try {
			expect(await tables(database.handle)).toEqual([]);
			await database.handle.migrate();
			expect(await tables(database.handle)).toEqual(EXPECTED_TABLES);
			expect(await appliedMigrations(database.handle)).toBe(MIGRATION_FILES);

			await database.handle.db.execute(sql`insert into core_outbox_mail (recipient, subject, text_body, transport, status, created_at) values ('a@b.test', 's', 't', 'captured', 'captured', now())`);
			await database.handle.migrate();
			expect(await appliedMigrations(database.handle)).toBe(MIGRATION_FILES);
			expect(await tables(database.handle)).toEqual(EXPECTED_TABLES);
			const kept = await database.handle.db.execute(sql`select count(*)::int as n from core_outbox_mail`);
			expect((kept as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
		} finally {
			await database.close();
		}
	});
});

describe('demo seed', () => {
	let platform: Platform;
	let dropDatabase: (() => Promise<void>) | null = null;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-seed-'));

	beforeAll(async () => {
		const env: Record<string, string> = { DATA_DIR: dataDir, SHARED_DATA_DIR: '/work/shared', DEMO_DATA: 'on', LOG_LEVEL: 'warn' };
		if (serverUrl) {
			const { databaseUrl, drop } = await createEmptyPostgresDatabase(serverUrl);
			dropDatabase = drop;
			env.DATABASE_URL = databaseUrl;
		}
		platform = await startPlatform({ env, inMemory: true });
	});
	afterAll(async () => {
		await platform?.database.close();
		await dropDatabase?.();
		fs.rmSync(dataDir, { recursive: true, force: true });
	});

	it('runs on the configured backend', () => {
		expect(platform.database.kind).toBe(serverUrl ? 'postgres' : 'pglite');
		expect(platform.config.demoData).toBe(true);
	});

	it('creates Bottrop, Kreis Mettmann with Ratingen as member town, and Köln', async () => {
		const db = platform.database.db;
		const bottrop = (await findMunicipalityBySlug(db, 'bottrop'))!;
		const kreis = (await findMunicipalityBySlug(db, 'kreis-mettmann'))!;
		const ratingen = (await findMunicipalityBySlug(db, 'ratingen'))!;
		const koeln = (await findMunicipalityBySlug(db, 'koeln'))!;
		expect(bottrop).toMatchObject({ kind: 'independent_city', isDemo: true, parentId: null });
		expect(kreis).toMatchObject({ kind: 'county', isDemo: true });
		expect(ratingen).toMatchObject({ kind: 'county_municipality', parentId: kreis.id });
		expect(koeln).toMatchObject({ kind: 'independent_city' });
		expect((await listMemberTowns(db, kreis.id)).map((m) => m.slug)).toEqual(['ratingen']);
	});

	it('imports the Köln boundaries: 9 districts and 86 quarters, each quarter with its district', async () => {
		const db = platform.database.db;
		const koeln = (await findMunicipalityBySlug(db, 'koeln'))!;
		expect(await countAreasByLevel(db, koeln.id)).toEqual({ district: 9, quarter: 86 });
		const quarters = await db.select().from(area).where(eq(area.municipalityId, koeln.id));
		expect(quarters.filter((q) => q.level === 'quarter' && !q.parentId)).toEqual([]);
	});

	it('creates demo accounts for all 7 roles in Bottrop, and they can sign in', async () => {
		const db = platform.database.db;
		const bottrop = (await findMunicipalityBySlug(db, 'bottrop'))!;
		const ctx: ServiceContext = {
			db,
			clock: platform.clock,
			mail: platform.mail,
			auth: platform.auth,
			actor: { kind: 'system', label: 'Test' },
			municipality: bottrop,
			origin: platform.origin,
			address: '192.0.2.50'
		};
		const { users } = await listUsers(ctx);
		expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(ROLES));
		expect(users.every((u) => u.email.endsWith('@bottrop.example'))).toBe(true);
		const provider = users.find((u) => u.roles.includes('provider'))!;
		expect(provider.organizationIds).toHaveLength(1);

		const result = await signIn({ ...ctx, actor: { kind: 'anonymous' } }, { email: 'redaktion@bottrop.example', password: DEMO_PASSWORD }, new Headers());
		expect(result.user.email).toBe('redaktion@bottrop.example');
	});

	it('running it again creates nothing new', async () => {
		const db = platform.database.db;
		const count = async () => {
			const n = async (table: PgTable) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
			return {
				municipalities: await n(municipality),
				users: await n(user),
				roles: await n(roleAssignment),
				areas: await n(area),
				organizations: await n(organization),
				members: await n(organizationMember),
				audit: await n(auditEvent),
				offers: await n(service),
				translations: await n(translation),
				searchDocuments: await n(searchDocument)
			};
		};
		const before = await count();
		expect(before).toMatchObject({ municipalities: 4, users: 11, areas: 2 + 9 + 86, organizations: 13 });
		// The demo directory: dozens of offers, some translated, all published ones searchable in every language.
		expect(before.offers).toBeGreaterThan(40);
		expect(before.translations).toBeGreaterThan(20);
		expect(before.searchDocuments).toBeGreaterThan(before.offers);
		await seedDemo(platform);
		expect(await count()).toEqual(before);
	});
});
