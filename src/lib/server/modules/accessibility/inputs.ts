import { z } from 'zod';

/**
 * The public barrier report. Messages are codes, not sentences: the portal shows them in the
 * visitor's language (messages form_error_*).
 */
export const barrierReportInput = z.object({
	pageUrl: z.string().trim().min(1, 'page_required').max(500, 'too_long'),
	description: z.string().trim().min(10, 'description_short').max(5000, 'too_long'),
	contactName: z.string().trim().max(200, 'too_long').default(''),
	contactEmail: z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email('email_invalid'))]).default(''),
	/** Honeypot: people do not see this field, robots fill it in. */
	website: z.string().max(0, 'rejected').default('')
});
export type BarrierReportInput = z.infer<typeof barrierReportInput>;

export const BARRIER_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export const BARRIER_STATUS_LABELS: Record<(typeof BARRIER_STATUSES)[number], string> = {
	open: 'Offen',
	in_progress: 'In Bearbeitung',
	resolved: 'Erledigt'
};
