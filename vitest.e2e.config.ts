import { defineConfig } from 'vitest/config';

// End-to-end suite: the built app (node server.js) on a fresh embedded database, driven by Debian's
// Chromium through playwright-core. Run with `npm run test:e2e` (builds first).
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/e2e/support/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		pool: 'forks'
	}
});
