/**
 * Load on the hot paths of the foundation, on loopback only: the portal start page, a signed-in
 * back-office page, and the area boundaries API (Köln, 86 polygons). Starts the built server on a fresh
 * embedded database with demo data, runs a bounded number of seconds per case, then stops it.
 *
 *   npm run build && npm run bench:portal            (BENCH_SECONDS=10 BENCH_CONCURRENCY=1,10,50 to change;
 *                                                     BENCH_DATABASE_URL=postgres://… for a PostgreSQL server)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const port = 3900 + Math.floor(Math.random() * 50);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-bench-'));

const server = spawn(process.execPath, ['server.js'], {
	cwd: root,
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'on', LOG_LEVEL: 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '', SHARED_DATA_DIR: path.resolve(root, '../shared') },
	stdio: 'ignore'
});

async function waitHealthy() {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('server did not start');
}

async function signInCookie(): Promise<string> {
	const res = await fetch(`${base}/bottrop/intern/anmelden`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'integrationsbuero@bottrop.example', password: 'Teilhabe-Demo-2026' })
	});
	return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function run(url: string, concurrency: number, headers: Record<string, string>) {
	const latencies: number[] = [];
	let errors = 0;
	const until = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < until) {
				const t = performance.now();
				const res = await fetch(url, { headers });
				await res.arrayBuffer();
				if (!res.ok) errors++;
				latencies.push(performance.now() - t);
			}
		})
	);
	latencies.sort((a, b) => a - b);
	const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
	return { requests: latencies.length, rps: (latencies.length / seconds).toFixed(0), p50: q(0.5), p95: q(0.95), errors };
}

try {
	await waitHealthy();
	const cookie = await signInCookie();
	const cases: { name: string; url: string; headers: Record<string, string> }[] = [
		{ name: 'portal start page /bottrop/tr', url: `${base}/bottrop/tr`, headers: {} },
		{ name: 'back office /bottrop/intern/organisationen (signed in)', url: `${base}/bottrop/intern/organisationen`, headers: { cookie } },
		{ name: 'API /api/v1/municipalities/koeln/areas (86 + 9 polygons, 3.5 MB)', url: `${base}/api/v1/municipalities/koeln/areas`, headers: {} }
	];
	console.log(`| case | clients | requests | req/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|---|---|`);
	for (const c of cases)
		for (const n of levels) {
			const r = await run(c.url, n, c.headers);
			console.log(`| ${c.name} | ${n} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.errors} |`);
		}
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
	fs.rmSync(dataDir, { recursive: true, force: true });
}
