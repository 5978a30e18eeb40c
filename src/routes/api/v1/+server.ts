import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Entry point of the open API: what exists and where. */
export const GET: RequestHandler = ({ url }) =>
	json({
		name: 'Teilhabe API',
		version: 'v1',
		municipalities: `${url.origin}/api/v1/municipalities`,
		hsds: `${url.origin}/api/v1/municipalities/{slug}/hsds`,
		openData: { csv: `${url.origin}/api/v1/municipalities/{slug}/offers.csv`, json: `${url.origin}/api/v1/municipalities/{slug}/offers.json` },
		documentation: 'Öffentliche, unauthentifizierte Leseschnittstelle. Fehler: { error: { code, message, fields } }.'
	});
