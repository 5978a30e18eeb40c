import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

/**
 * Unit and service tests of the server side. Plain vitest (no SvelteKit plugin): the code under
 * test is framework-free TypeScript. Server code must not import paraglide (#lib/paraglide/...),
 * so no alias for it is provided here; an import of it fails loudly.
 */
export default defineConfig({
	// tsconfig.json extends the generated .svelte-kit/tsconfig.json, which may not exist yet (no `svelte-kit sync`);
	// plain type stripping needs none of it.
	oxc: { tsconfig: false } as Record<string, unknown>,
	resolve: {
		alias: [
			{ find: /^\$lib\/(.*)$/, replacement: `${lib}/$1` },
			{ find: /^#lib\/(.*)$/, replacement: `${lib}/$1` }
		]
	},
	test: {
		include: ['src/**/*.test.ts', 'tests/service/**/*.test.ts'],
		environment: 'node',
		// Keep the structured logs (e.g. "mail captured") out of the test output.
		env: { LOG_LEVEL: 'warn' },
		// Better Auth warns on every failed sign-in, which the throttling tests do on purpose.
		onConsoleLog: (log) => (log.includes('[Better Auth]') ? false : undefined),
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
