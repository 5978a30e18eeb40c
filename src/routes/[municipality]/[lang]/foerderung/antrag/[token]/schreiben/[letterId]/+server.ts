import type { RequestHandler } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { applicantLetter, letterFileName, letterPdf, LETTER_LABELS } from '#lib/server/modules/grants/index.ts';

/** A letter to the applicant as PDF, reachable only through the application's secret link. */
export const GET: RequestHandler = async (event) => {
	const letter = await loadOrError(() => applicantLetter(contextOf(event), event.params.token, event.params.letterId));
	const pdf = await loadOrError(() => letterPdf(contextOf(event), letter));
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${letterFileName(letter, LETTER_LABELS[letter.kind])}"`,
			'cache-control': 'no-store',
			'referrer-policy': 'no-referrer'
		}
	});
};
