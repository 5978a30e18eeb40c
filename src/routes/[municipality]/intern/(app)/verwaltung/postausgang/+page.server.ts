import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listOutbox } from '#lib/server/core/mail.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return { mails: await loadOrError(() => listOutbox(ctx)), transport: ctx.mail.transport };
};
