import { pgTable, text, uuid, timestamp, index } from 'drizzle-orm/pg-core';
import { municipality } from '../../core/schema.ts';

/** A barrier reported through the form on the Erklärung zur Barrierefreiheit (BITV NRW § 10). */
export const barrierReport = pgTable(
	'accessibility_barrier_report',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		pageUrl: text('page_url').notNull(),
		description: text('description').notNull(),
		/** Optional: only when the reporter wants an answer. Deleted with the report. */
		contactName: text('contact_name').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		language: text('language').notNull(),
		status: text('status', { enum: ['open', 'in_progress', 'resolved'] }).notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('accessibility_barrier_report_idx').on(t.municipalityId, t.createdAt)]
);
