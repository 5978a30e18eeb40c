import type { RequestHandler } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { documentFile } from '#lib/server/modules/grants/index.ts';

/** An uploaded file, back to the applicant. Served as a download so that nothing in it runs in the portal. */
export const GET: RequestHandler = async (event) => {
	const d = await loadOrError(() => documentFile(contextOf(event), { token: event.params.token }, event.params.documentId));
	return new Response(d.content as BodyInit, {
		headers: {
			'content-type': d.mediaType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'no-store',
			'referrer-policy': 'no-referrer'
		}
	});
};
