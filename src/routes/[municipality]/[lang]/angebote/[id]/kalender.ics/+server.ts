import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getPublicOffer, toICalendar } from '#lib/server/modules/offers/index.ts';
import { AppError } from '#lib/server/core/errors.ts';

/** The offer's schedules as an iCalendar file, for the visitor's own calendar. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const municipality = locals.municipality;
	if (!municipality || !municipality.enabledLanguages.includes(params.lang)) error(404, 'Nicht gefunden.');
	let offer;
	try {
		offer = await getPublicOffer(locals.platform.database.db, municipality, params.id, params.lang);
	} catch (e) {
		if (e instanceof AppError) error(e.status, e.message);
		throw e;
	}
	if (!offer.rawSchedules.length) error(404, 'Für dieses Angebot sind keine Termine eingetragen.');
	const venue = offer.venues[0];
	const body = toICalendar({
		uid: offer.id,
		title: offer.name.text,
		description: `${offer.organization?.name ?? ''}\n${url.origin}/${municipality.slug}/${params.lang}/angebote/${offer.id}`.trim(),
		location: venue ? `${venue.name}, ${venue.street}, ${venue.postalCode} ${venue.city}` : '',
		url: `${url.origin}/${municipality.slug}/${params.lang}/angebote/${offer.id}`,
		schedules: offer.rawSchedules,
		now: locals.platform.clock.now()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="angebot-${offer.id.slice(0, 8)}.ics"`,
			'cache-control': 'public, max-age=300'
		}
	});
};
