import nodemailer from 'nodemailer';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from './clock.ts';
import { outboxMail } from './schema.ts';
import { log } from './log.ts';
import type { ServiceContext } from './context.ts';
import { authorize } from './authorize.ts';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
	municipalityId: string | null;
	/** True when the text holds a one-time link meant for the recipient alone. */
	containsSecret?: boolean;
}

export interface Mailer {
	readonly transport: 'captured' | 'smtp';
	send(message: MailMessage): Promise<void>;
}

/**
 * With SMTP_URL set, mail goes out over SMTP (nodemailer) and the outbox keeps only who got what subject.
 * Without it, every mail is captured in the outbox table, where the back office shows it in full.
 */
export function createMailer(deps: { db: Db; clock: Clock; smtpUrl: string | null; from: string }): Mailer {
	if (!deps.smtpUrl) {
		return {
			transport: 'captured',
			async send(message) {
				await deps.db.insert(outboxMail).values({
					municipalityId: message.municipalityId,
					recipient: message.to,
					subject: message.subject,
					textBody: message.text,
					containsSecret: message.containsSecret ?? false,
					transport: 'captured',
					status: 'captured',
					createdAt: deps.clock.now()
				});
				log.info('mail captured', { to: message.to, subject: message.subject });
			}
		};
	}
	const transporter = nodemailer.createTransport(deps.smtpUrl);
	return {
		transport: 'smtp',
		async send(message) {
			let status: 'sent' | 'failed' = 'sent';
			let error: string | null = null;
			try {
				await transporter.sendMail({ from: deps.from, to: message.to, subject: message.subject, text: message.text });
			} catch (e) {
				status = 'failed';
				error = e instanceof Error ? e.message : String(e);
				log.error('mail failed', { to: message.to, subject: message.subject, error });
			}
			await deps.db.insert(outboxMail).values({
				municipalityId: message.municipalityId,
				recipient: message.to,
				subject: message.subject,
				// Bodies may hold one-time links; with real delivery they are not kept.
				textBody: '',
				containsSecret: message.containsSecret ?? false,
				transport: 'smtp',
				status,
				error,
				createdAt: deps.clock.now()
			});
		}
	};
}

/**
 * The captured mails of the municipality. One-time links (invitations, password resets) belong to their
 * recipient alone: their text is shown only in demo municipalities, where it is how the demo works.
 */
export async function listOutbox(ctx: ServiceContext, limit = 100) {
	authorize(ctx, 'mail.outbox.read');
	const rows = await ctx.db
		.select()
		.from(outboxMail)
		.where(and(eq(outboxMail.municipalityId, ctx.municipality.id)))
		.orderBy(desc(outboxMail.createdAt))
		.limit(limit);
	return rows.map((r) => (r.containsSecret && !ctx.municipality.isDemo ? { ...r, textBody: '', withheld: true } : { ...r, withheld: false }));
}
