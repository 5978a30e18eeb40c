import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseURL: string;
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

let server: ChildProcess | null = null;
let dataDir = '';

/** Starts the built platform once for the whole suite, on a fresh embedded database with demo data. */
export async function setup(project: TestProject) {
	const root = path.resolve(import.meta.dirname, '../../..');
	if (!fs.existsSync(path.join(root, 'build/handler.js'))) throw new Error('No build found. Run `npm run build` first (npm run test:e2e does).');
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'on', SHARED_DATA_DIR: path.resolve(root, '../shared'), DATABASE_URL: '', ORIGIN: '', LOG_LEVEL: 'warn', JOBS_INTERVAL_MINUTES: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	server.stdout?.on('data', (d) => (output += d));
	server.stderr?.on('data', (d) => (output += d));
	const deadline = Date.now() + 90_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`Server exited early:\n${output}`);
		try {
			const res = await fetch(`${baseURL}/healthz`);
			if (res.ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) throw new Error(`Server did not become healthy:\n${output}`);
		await new Promise((r) => setTimeout(r, 300));
	}
	project.provide('baseURL', baseURL);
}

export async function teardown() {
	if (server && server.exitCode === null) {
		server.kill('SIGTERM');
		await new Promise((r) => server!.once('exit', r));
	}
	if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
