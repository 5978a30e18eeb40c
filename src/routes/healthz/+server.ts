import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { databaseAnswers } from '#lib/server/core/health.ts';

/** Liveness and readiness in one: 200 when the database answers, 503 otherwise. */
export const GET: RequestHandler = async ({ locals }) => {
	const ok = await databaseAnswers(locals.platform.database.db);
	return json(ok ? { status: 'ok', database: locals.platform.database.kind } : { status: 'unavailable' }, {
		status: ok ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
