import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import path from 'node:path';
import fs from 'node:fs';
import { schema } from './schema.ts';
import { log } from '../core/log.ts';

export type Schema = typeof schema;
/** One type for both drivers: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
	db: Db;
	kind: 'pglite' | 'postgres';
	migrate(): Promise<void>;
	close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'drizzle');

/** Arbitrary but fixed key: several app servers starting at once migrate one after the other. */
const MIGRATION_LOCK_KEY = 7_346_112_201;

async function migrateWithLock(databaseUrl: string) {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
		await migratePg(drizzlePg(client, { schema }) as never, { migrationsFolder: MIGRATIONS_FOLDER });
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
		await client.end();
	}
}

/**
 * Without a connection string the platform runs on embedded PGlite (PostgreSQL in WebAssembly),
 * persisted in `dataDir` (or in memory when dataDir is null). With one it uses a node-postgres pool.
 */
export async function createDb(options: {
	databaseUrl?: string | null;
	dataDir?: string | null;
	poolSize?: number;
}): Promise<DbHandle> {
	if (options.databaseUrl) {
		const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
		// An idle connection can be closed by the server (restart, failover, a terminated backend). pg reports
		// that as an 'error' event on the pool, which would end the process if nobody listened; the pool
		// replaces the connection on the next query, so a warning is all it takes.
		pool.on('error', (error) => log.warn('database connection closed by the server', { error: error.message }));
		const db = drizzlePg(pool, { schema }) as unknown as Db;
		return {
			db,
			kind: 'postgres',
			migrate: () => migrateWithLock(options.databaseUrl!),
			close: () => pool.end()
		};
	}
	if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
	// pg_trgm: the offer search corrects typing errors by trigram similarity (migration 0002 creates the extension).
	const extensions = { pg_trgm };
	const client = options.dataDir ? new PGlite(options.dataDir, { extensions }) : new PGlite({ extensions });
	await client.waitReady;
	const db = drizzlePglite(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
		close: () => client.close()
	};
}
