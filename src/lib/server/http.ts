import { error, fail, json, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { AppError, NotFoundError } from './core/errors.ts';
import type { ServiceContext } from './core/context.ts';
import { log } from './core/log.ts';

/** The service context of a request that names a municipality; 404 when it names none that exists. */
export function contextOf(event: Pick<RequestEvent, 'locals'>): ServiceContext {
	const ctx = event.locals.ctx;
	if (!ctx) error(404, 'Diese Kommune gibt es nicht.');
	return ctx;
}

/** Turns form data into a plain object; fields that occur several times (checkboxes) become arrays. */
export function formToObject(data: FormData, arrays: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(data.keys())) {
		const values = data.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = arrays.includes(key) ? values : (values[0] ?? '');
	}
	for (const key of arrays) out[key] ??= [];
	return out;
}

/** What a failed form action returns: the message, the message per field, and what was typed (never passwords). */
export function failForm(e: unknown, values: Record<string, unknown>) {
	if (e instanceof AppError) {
		const safe = Object.fromEntries(Object.entries(values).filter(([k]) => !/password/i.test(k)));
		return fail(e.status, { message: e.message, fieldErrors: e.fieldErrors, values: safe });
	}
	throw e;
}

/** Maps service errors inside a load function to SvelteKit errors. */
export async function loadOrError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
}

/** JSON API: service errors become a 4xx body `{ error: { code, message, fields } }`; nothing becomes a 500 on bad input. */
export async function apiResponse(work: () => Promise<unknown>, init?: ResponseInit): Promise<Response> {
	try {
		return json(await work(), init);
	} catch (e) {
		if (e instanceof AppError)
			return json({ error: { code: e.code, message: e.message, fields: e.fieldErrors } }, { status: e.status, headers: { 'cache-control': 'no-store' } });
		if (isHttpError(e)) return json({ error: { code: 'http_' + e.status, message: e.body.message } }, { status: e.status });
		if (isRedirect(e)) throw e;
		log.error('api error', { error: e });
		return json({ error: { code: 'internal', message: 'Interner Fehler.' } }, { status: 500 });
	}
}

export { NotFoundError };
