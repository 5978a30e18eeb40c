import type { Db, Tx } from '../db/client.ts';
import type { Clock } from './clock.ts';
import type { Mailer } from './mail.ts';
import type { Actor } from './roles.ts';
import type { Municipality } from './tenancy.ts';
import type { Auth } from './auth.ts';

/** Everything a service needs, built once per request (or per test). */
export interface ServiceContext {
	db: Db;
	clock: Clock;
	mail: Mailer;
	auth: Auth;
	actor: Actor;
	/** The tenant the request is about. Every service works inside it. */
	municipality: Municipality;
	/** Client address, for throttling and the audit trail. */
	address?: string;
	/** Absolute base URL for links in mails, e.g. https://teilhabe.example.de */
	origin: string;
}

/** Run a use case in one transaction: all its writes and its audit entries commit together or not at all. */
export function inTransaction<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
	return ctx.db.transaction(work);
}
