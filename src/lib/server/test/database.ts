import crypto from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../db/client.ts';

/**
 * A fresh, migrated database for one test file.
 *
 * - With TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) a new database
 *   `teilhabe_test_<random>` is created on that server and dropped again on close.
 * - Otherwise an in-memory PGlite.
 */
export interface TestDb {
	handle: DbHandle;
	/** Connection string of the created database (PostgreSQL only). */
	databaseUrl: string | null;
	close(): Promise<void>;
}

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Creates an empty database on the server of TEST_DATABASE_URL; returns its connection string and a drop function. */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
	const name = `teilhabe_test_${crypto.randomBytes(6).toString('hex')}`;
	await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		databaseUrl: url.toString(),
		drop: () =>
			withAdminClient(serverUrl, async (c) => {
				// A closed pool's connections may still be saying goodbye; give them a moment before forcing them out.
				for (let i = 0; i < 40; i++) {
					const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
					if (rows[0].n === 0) break;
					await new Promise((r) => setTimeout(r, 50));
				}
				await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
				await c.query(`DROP DATABASE IF EXISTS ${name}`);
			})
	};
}

export async function createTestDb(): Promise<TestDb> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		const { databaseUrl, drop } = await createEmptyPostgresDatabase(serverUrl);
		const handle = await createDb({ databaseUrl, poolSize: 4 });
		try {
			await handle.migrate();
		} catch (e) {
			await handle.close();
			await drop();
			throw e;
		}
		return {
			handle,
			databaseUrl,
			async close() {
				await handle.close();
				await drop();
			}
		};
	}
	const handle = await createDb({ dataDir: null });
	await handle.migrate();
	return { handle, databaseUrl: null, close: () => handle.close() };
}
