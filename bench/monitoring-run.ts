/**
 * The Integrationsmonitoring through the product's own code paths on PostgreSQL:
 *   1. the microdata run of the statistics office (`runMicrodata`: stream, validate, derive, aggregate,
 *      sum up the area hierarchy, store as base figures) for a synthetic register of BENCH_ROWS
 *      residents (default 1,000,000) in 100 Stadtteile of 10 Stadtbezirke — time and peak memory of
 *      the process doing it;
 *   2. the public atlas page of Köln's 86 Stadtteile (real boundaries and figures) from the built
 *      server: a key figure with map, charts and table, as visitors request it.
 *
 *   npm run build && npm run bench:monitoring
 *   BENCH_ROWS=1000000 BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_REQUESTS=40
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, spawn } from 'node:child_process';
import pg from 'pg';
import { eq } from 'drizzle-orm';

const root = path.resolve(import.meta.dirname, '..');
const shared = path.resolve(root, '../shared/data/koeln');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'teilhabe_bench_monitoring';
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const MB = 1024 * 1024;

interface ChildReport {
	seconds: number;
	peakMb: number;
	result: object;
	keyFigureId: string;
	/** The disclosure control of every figure of one reference date, computed cold (nothing cached). */
	protectRunMs: number;
	protectKoelnMs: number;
}

/* ---------- child: the measured run, in a process of its own ---------- */

async function child(file: string): Promise<void> {
	const { startPlatform } = await import('../src/lib/server/platform.ts');
	const { municipality } = await import('../src/lib/server/core/schema.ts');
	const { area } = await import('../src/lib/server/modules/areas/schema.ts');
	const { importAreasFromGeoJson } = await import('../src/lib/server/modules/areas/index.ts');
	const { runMicrodata } = await import('../src/lib/server/modules/monitoring/microdata.ts');
	const { uploadTable, commitTable } = await import('../src/lib/server/modules/monitoring/table-service.ts');
	const { createShareKeyFigure } = await import('../src/lib/server/modules/monitoring/figures.ts');
	const { baseFigure } = await import('../src/lib/server/modules/monitoring/schema.ts');
	const { areaTree, protectedFigure } = await import('../src/lib/server/modules/monitoring/protection.ts');
	/** The first reader after new values waits for this: every figure of the date protected together. */
	const timeProtection = async (m: { id: string }, date: string) => {
		const [any] = await db.select({ id: baseFigure.id }).from(baseFigure).where(eq(baseFigure.municipalityId, m.id));
		const areas = await areaTree(db, m.id);
		const t = performance.now();
		await protectedFigure(db, m.id, any!.id, date, areas);
		return performance.now() - t;
	};

	const platform = await startPlatform({ env: { ...process.env, DATABASE_URL: databaseUrl, DEMO_DATA: 'off', JOBS_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn' } });
	const db = platform.database.db;
	const now = new Date();
	const legal = (slug: string, name: string) => ({
		slug, name, kind: 'independent_city' as const, ags: slug === 'koeln' ? '05315000' : '05999998', parentId: null, enabledLanguages: ['de', 'en', 'tr', 'ar'],
		officeName: 'Kommunales Integrationszentrum', street: 'Rathausplatz 1', postalCode: '50667', city: name, email: `ki@${slug}.example`, phone: '0200 1',
		representedBy: 'Oberbürgermeisterin', dataProtectionOfficer: 'Datenschutz', dataProtectionEmail: `ds@${slug}.example`, accessibilityEmail: `bf@${slug}.example`, createdAt: now, updatedAt: now
	});
	const [town] = await db.insert(municipality).values(legal('registerstadt', 'Registerstadt')).returning();
	const districts = await db
		.insert(area)
		.values(Array.from({ length: 10 }, (_, i) => ({ municipalityId: town!.id, level: 'district' as const, code: `B${i + 1}`, name: `Bezirk ${i + 1}` })))
		.returning();
	await db.insert(area).values(
		Array.from({ length: 100 }, (_, i) => ({ municipalityId: town!.id, level: 'quarter' as const, code: String(i + 1).padStart(3, '0'), name: `Stadtteil ${i + 1}`, parentId: districts[i % 10]!.id }))
	);
	const ctxFor = (m: typeof town) => ({ db, clock: platform.clock, mail: platform.mail, auth: platform.auth, actor: { kind: 'system' as const, label: 'Benchmark' }, municipality: m!, origin: platform.origin });

	// Measured: the microdata run as the back office calls it, reading the file as a stream.
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
	const started = performance.now();
	const result = await runMicrodata(ctxFor(town), { name: path.basename(file), stream: fs.createReadStream(file, { highWaterMark: MB }) }, { referenceYear: '2024' });
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
	const protectRunMs = await timeProtection(town!, '2024-12-31');

	// Not measured: Köln with its real boundaries and population figures, for the atlas page.
	const [koeln] = await db.insert(municipality).values(legal('koeln', 'Stadt Köln')).returning();
	const ctx = ctxFor(koeln);
	await importAreasFromGeoJson(ctx, fs.readFileSync(path.join(shared, 'geo', 'stadtbezirke.geojson'), 'utf8'), { level: 'district' });
	await importAreasFromGeoJson(ctx, fs.readFileSync(path.join(shared, 'geo', 'stadtteile.geojson'), 'utf8'), { level: 'quarter', parentCodeDropDigits: 2 });
	await commitTable(ctx, await uploadTable(ctx, { name: 'bevoelkerung.csv', bytes: new Uint8Array(fs.readFileSync(path.join(shared, 'stats', 'bevoelkerung_2005-2012.csv'))) }));
	const figures = await db.select().from(baseFigure).where(eq(baseFigure.municipalityId, koeln!.id));
	const id = (name: string) => figures.find((f) => f.name === name)!.id;
	const keyFigure = await createShareKeyFigure(ctx, {
		name: 'Anteil mit Migrationshintergrund',
		numeratorFigure: id('Einwohner mit Migrationshintergrund'),
		numeratorCategory: 'Einwohner mit Migrationshintergrund',
		denominatorFigure: id('Einwohner in Köln'),
		denominatorCategory: 'Einwohner',
		isPublic: 'on',
		statements: 'migration_background'
	});
	const protectKoelnMs = await timeProtection(koeln!, '2012-12-31');
	await platform.database.close();
	process.send!({ seconds, peakMb: peak / MB, result, keyFigureId: keyFigure.id, protectRunMs, protectKoelnMs } satisfies ChildReport);
}

/* ---------- parent ---------- */

async function recreateDatabase(): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
	await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
	await admin.query(`CREATE DATABASE ${dbName}`);
	await admin.end();
}

async function writeRegister(file: string): Promise<void> {
	const { generateRegister } = await import('../src/lib/server/modules/monitoring/migrapro.ts');
	const { writeRegisterCsv } = await import('../src/lib/server/modules/monitoring/register-csv.ts');
	const codes = Array.from({ length: 100 }, (_, i) => String(i + 1).padStart(3, '0'));
	const out = fs.createWriteStream(file);
	await writeRegisterCsv(generateRegister(ROWS, codes, 20261202, { referenceYear: 2024 }), out);
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function atlasPage(keyFigureId: string) {
	const port = 3990 + Math.floor(Math.random() * 9);
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEMO_DATA: 'off', JOBS_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn', AUTH_SECRET: 'benchmark-secret-that-is-long-enough-to-pass', NODE_ENV: 'production' },
		stdio: 'ignore'
	});
	try {
		for (let i = 0; i < 300; i++) {
			if (await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		const url = `${base}/koeln/de/zahlen/${keyFigureId}?vergleich=2005-12-31&gebiete=quarter`;
		const first = await (await fetch(url)).text();
		const paths = (first.match(/<path[^>]*class="atlas-area/g) ?? []).length;
		const times: number[] = [];
		for (let i = 0; i < REQUESTS; i++) {
			const t = performance.now();
			const res = await fetch(url);
			await res.text();
			if (!res.ok) throw new Error(`atlas page answered ${res.status}`);
			times.push(performance.now() - t);
		}
		times.sort((a, b) => a - b);
		const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
		return { paths, bytes: first.length, p50: q(0.5), p95: q(0.95) };
	} finally {
		server.kill('SIGTERM');
		await new Promise((r) => server.once('exit', r));
	}
}

if (process.argv[2] === '--child') {
	await child(process.argv[3]!);
} else {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-register-')), 'auszug.csv');
	await recreateDatabase();
	process.stderr.write(`writing a register of ${ROWS.toLocaleString('en')} residents …\n`);
	await writeRegister(file);
	const sizeMb = fs.statSync(file).size / MB;
	const report = await new Promise<ChildReport>((resolve, reject) => {
		const c = fork(import.meta.filename, ['--child', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		c.once('message', (m) => resolve(m as ChildReport));
		c.once('error', reject);
		c.once('exit', (code) => code && reject(new Error(`measurement exited with ${code}`)));
	});
	fs.rmSync(path.dirname(file), { recursive: true, force: true });
	const atlas = await atlasPage(report.keyFigureId);
	console.log(`\n| measurement | result |\n|---|---|`);
	console.log(`| microdata run, ${ROWS.toLocaleString('en')} residents (${sizeMb.toFixed(1)} MB CSV), runMicrodata end to end | ${report.seconds.toFixed(2)} s, ${Math.round(ROWS / report.seconds).toLocaleString('en')} rows/s |`);
	console.log(`| peak memory of the process doing the run (RSS) | ${Math.round(report.peakMb)} MB |`);
	console.log(`| stored | ${JSON.stringify(report.result)} |`);
	console.log(`| disclosure control of the six stored figures of the run, cold, protected together | ${report.protectRunMs.toFixed(0)} ms |`);
	console.log(`| disclosure control of Köln's seven figures at 31.12.2012 (96 areas), cold, protected together | ${report.protectKoelnMs.toFixed(0)} ms |`);
	console.log(`| atlas page, Köln, ${atlas.paths} Stadtteile (${Math.round(atlas.bytes / 1024)} KB HTML), ${REQUESTS} requests one after another | p50 ${atlas.p50.toFixed(0)} ms, p95 ${atlas.p95.toFixed(0)} ms |`);
}
