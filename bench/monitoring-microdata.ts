/**
 * The microdata run of the integration monitoring at a million residents (issue 5, "Performance"):
 * a register extract as CSV on disk → stream-read → validate, derive (MigraPro) and aggregate →
 * primary disclosure suppression → aggregate cells into PostgreSQL → delete the upload.
 *
 *   npx tsx bench/monitoring-microdata.ts
 *   BENCH_ROWS=1000000 BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres (database teilhabe_bench_microdata is created there)
 *
 * The parent process writes the synthetic extract (not timed) and then runs the measured part in a
 * child process of its own, so that the child's peak memory (maxRSS) belongs to the run alone and not
 * to the generation of the file. Uses `pg` directly, not the platform.
 */
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { primaryStatus, resolveDisclosureConfig } from '../src/lib/server/modules/monitoring/disclosure.ts';
import { BOTTROP_AGE_BANDS, createMigraProAggregator, generateRegister } from '../src/lib/server/modules/monitoring/migrapro.ts';
import { readRegisterCsvBatches, writeRegisterCsv, type RegisterCsvInfo } from '../src/lib/server/modules/monitoring/register-csv.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const AREAS = 100;
const SEED = 20261203;
const REFERENCE_YEAR = 2024;
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'teilhabe_bench_microdata';
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const INSERT_ROWS = 1000;
const MB = 1024 * 1024;

interface Measurement {
	rows: number;
	households: number;
	cells: number;
	suppressed: number;
	fileBytes: number;
	info: RegisterCsvInfo | null;
	phases: { name: string; ms: number }[];
	totalMs: number;
	peakRssSampled: number;
	maxRss: number;
	warnings: number;
}

/* ---------- parent: prepare, fork, report ---------- */

async function main(): Promise<void> {
	const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-microdata-'));
	const file = path.join(dir, 'register.csv');
	try {
		let t = performance.now();
		const out = createWriteStream(file);
		await writeRegisterCsv(generateRegister(ROWS, AREAS, SEED, { referenceYear: REFERENCE_YEAR }), out);
		await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
		const bytes = (await stat(file)).size;
		console.error(`generated ${ROWS.toLocaleString('en')} rows, ${(bytes / MB).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);

		t = performance.now();
		await prepareDatabase();
		console.error(`database ${dbName} ready in ${Math.round(performance.now() - t)} ms (not timed)`);

		const result = await new Promise<Measurement>((resolve, reject) => {
			// fork keeps process.execArgv, i.e. tsx's loader.
			const child = fork(import.meta.filename, ['--measure', file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			let got: Measurement | null = null;
			child.on('message', (m) => (got = m as Measurement));
			child.on('error', reject);
			child.on('exit', (code) => (got && code === 0 ? resolve(got) : reject(new Error(`measurement process ended with code ${code}`))));
		});
		report(result);
	} finally {
		// The run deletes the file itself (and times it); this only cleans up after a failure.
		await rm(dir, { recursive: true, force: true });
	}
}

async function prepareDatabase(): Promise<void> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount;
		if (!exists) await admin.query(`create database ${dbName}`);
	} finally {
		await admin.end();
	}
	const db = new pg.Client({ connectionString: databaseUrl });
	await db.connect();
	try {
		await db.query('drop table if exists bench_aggregate');
		await db.query(
			'create table bench_aggregate (area_code text not null, age_band text not null, sex text not null, status text not null, country_group text not null, value integer not null, suppressed boolean not null)'
		);
	} finally {
		await db.end();
	}
}

function report(m: Measurement): void {
	const s = (ms: number) => (ms / 1000).toFixed(2);
	const lines = [
		`### ${m.rows.toLocaleString('en')} residents, ${AREAS} areas (${(m.fileBytes / MB).toFixed(1)} MB CSV, ${m.info?.encoding ?? '?'}, delimiter "${m.info?.delimiter ?? '?'}")`,
		'',
		'| phase | wall time s |',
		'|---|---|',
		...m.phases.map((p) => `| ${p.name} | ${s(p.ms)} |`),
		`| **total** | **${s(m.totalMs)}** |`,
		'',
		'| figure | value |',
		'|---|---|',
		`| rows per second (total) | ${Math.round(m.rows / (m.totalMs / 1000)).toLocaleString('en')} |`,
		`| households | ${m.households.toLocaleString('en')} |`,
		`| aggregate cells stored | ${m.cells.toLocaleString('en')} (${m.suppressed.toLocaleString('en')} suppressed, counts 1–2) |`,
		`| validation warnings | ${m.warnings.toLocaleString('en')} |`,
		`| peak RSS, sampled every 50 ms | ${(m.peakRssSampled / MB).toFixed(0)} MB |`,
		`| peak RSS, process.resourceUsage().maxRSS | ${(m.maxRss / MB).toFixed(0)} MB |`,
		'',
		`Goal: under 10 s and under 1024 MB → ${m.totalMs < 10_000 && Math.max(m.maxRss, m.peakRssSampled) < 1024 * MB ? 'met' : 'NOT met'}.`
	];
	console.log(lines.join('\n'));
}

/* ---------- child: the measured run ---------- */

async function measure(file: string): Promise<Measurement> {
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => {
		const rss = process.memoryUsage().rss;
		if (rss > peak) peak = rss;
	}, 50);
	const fileBytes = (await stat(file)).size;
	const phases: { name: string; ms: number }[] = [];
	const t0 = performance.now();

	// 1. Read, validate, derive, aggregate: one streaming pass. The time inside the aggregator is
	// summed per batch (one batch = the rows of one 1 MiB chunk), so the split costs nothing per row.
	let info: RegisterCsvInfo | null = null;
	const aggregator = createMigraProAggregator({ referenceYear: REFERENCE_YEAR, ageBands: BOTTROP_AGE_BANDS, firstRowNumber: 2 });
	let aggregateMs = 0;
	for await (const batch of readRegisterCsvBatches(createReadStream(file, { highWaterMark: MB }), { onInfo: (i) => (info = i) })) {
		const a = performance.now();
		for (let i = 0; i < batch.length; i++) aggregator.add(batch[i]!.row);
		aggregateMs += performance.now() - a;
	}
	let t = performance.now();
	const streamMs = t - t0;
	phases.push({ name: 'read + parse CSV (streaming)', ms: streamMs - aggregateMs });
	phases.push({ name: 'validate + derive + aggregate (MigraPro, same pass)', ms: aggregateMs });
	const result = aggregator.finish();
	phases.push({ name: 'finish (last household, sort cells)', ms: performance.now() - t });

	// 2. Primary suppression: counts 1–2 are hidden (threshold 3). The aggregator emits no zero cells.
	t = performance.now();
	const config = resolveDisclosureConfig();
	let suppressed = 0;
	const statuses = result.cells.map((c) => {
		const status = primaryStatus(c.count, config);
		if (status === 'suppressed_primary') suppressed++;
		return status;
	});
	phases.push({ name: 'primary suppression', ms: performance.now() - t });

	// 3. Store. The count is stored with its flag, as monitoring_value keeps value and status: secondary
	// suppression and totals need the true counts, and publishing masks by the status.
	t = performance.now();
	const db = new pg.Client({ connectionString: databaseUrl });
	await db.connect();
	try {
		await db.query('begin');
		for (let from = 0; from < result.cells.length; from += INSERT_ROWS) {
			const slice = result.cells.slice(from, from + INSERT_ROWS);
			const values: unknown[] = [];
			const tuples = slice.map((c, i) => {
				const status = statuses[from + i]!;
				values.push(c.areaCode, c.ageBand, c.sex, c.status, c.referenceCountryGroup, c.count, status === 'suppressed_primary');
				const b = i * 7;
				return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7})`;
			});
			await db.query(`insert into bench_aggregate (area_code, age_band, sex, status, country_group, value, suppressed) values ${tuples.join(',')}`, values);
		}
		await db.query('commit');
	} finally {
		await db.end();
	}
	phases.push({ name: `store ${result.cells.length.toLocaleString('en')} cells (INSERT × ${INSERT_ROWS}, one transaction)`, ms: performance.now() - t });

	// 4. The upload must not outlive the run.
	t = performance.now();
	await rm(file);
	phases.push({ name: 'delete the upload', ms: performance.now() - t });

	const totalMs = performance.now() - t0;
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	return {
		rows: result.rows,
		households: result.households,
		cells: result.cells.length,
		suppressed,
		fileBytes,
		info,
		phases,
		totalMs,
		peakRssSampled: peak,
		// maxRSS is in kilobytes.
		maxRss: process.resourceUsage().maxRSS * 1024,
		warnings: result.warnings.count
	};
}

if (process.argv[2] === '--measure') {
	const m = await measure(process.argv[3]!);
	process.send!(m);
	process.disconnect();
} else {
	await main();
}
