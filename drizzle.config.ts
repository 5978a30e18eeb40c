import { defineConfig } from 'drizzle-kit';

// SQL migrations are generated from the module schemas and checked in under ./drizzle.
// They are applied at start (src/lib/server/db/migrate.ts) on PGlite and PostgreSQL alike.
export default defineConfig({
	dialect: 'postgresql',
	schema: ['./src/lib/server/core/schema.ts', './src/lib/server/modules/*/schema.ts'],
	out: './drizzle'
});
