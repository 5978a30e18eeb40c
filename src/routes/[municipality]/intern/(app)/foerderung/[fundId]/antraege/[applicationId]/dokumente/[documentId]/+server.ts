import type { RequestHandler } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { documentFile } from '#lib/server/modules/grants/index.ts';

/** An uploaded file for the office; always a download, never rendered inside the back office. */
export const GET: RequestHandler = async (event) => {
	const d = await loadOrError(() => documentFile(contextOf(event), { applicationId: event.params.applicationId }, event.params.documentId));
	return new Response(d.content as BodyInit, {
		headers: {
			'content-type': d.mediaType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
