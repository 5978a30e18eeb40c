import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit/hooks';
import { getRequestEvent } from '$app/server';
import { paraglideMiddleware } from '#lib/paraglide/server.js';
import { getPlatform, sveltekitCookies } from '#lib/server/platform.ts';
import { findMunicipalityBySlug } from '#lib/server/core/tenancy.ts';
import { loadActor } from '#lib/server/modules/users/index.ts';
import { log } from '#lib/server/core/log.ts';
import { startScheduler } from '#lib/server/jobs.ts';
import { registerLanguageStrategy, languageFromPath } from '#lib/i18n/locale.ts';
import { directionOf } from '#lib/i18n/languages.ts';
import type { Actor } from '#lib/server/core/roles.ts';

registerLanguageStrategy();

/** Outside a request (demo seeding at start) there is no event, and no cookie to set. */
function currentRequestEvent() {
	try {
		return getRequestEvent();
	} catch {
		return undefined as never;
	}
}

const platformReady = () => getPlatform([sveltekitCookies(currentRequestEvent)]);

export const init: ServerInit = async () => {
	const platform = await platformReady();
	const stopScheduler = startScheduler(platform);
	process.once('sveltekit:shutdown', (reason) => {
		log.info('shutting down', { reason });
		stopScheduler();
		void platform.database.close();
	});
	log.info('teilhabe ready', { origin: platform.origin, database: platform.database.kind, mail: platform.mail.transport });
};

/** First path segments that are not municipality slugs. */
const RESERVED = new Set(['api', 'healthz', '_app', 'favicon.svg', 'robots.txt']);

function municipalitySlugOf(pathname: string): string | null {
	const parts = pathname.split('/').filter(Boolean);
	if (parts[0] === 'api' && parts[1] === 'v1' && parts[2] === 'municipalities') return parts[3] ?? null;
	const first = parts[0];
	return first && !RESERVED.has(first) ? decodeURIComponent(first) : null;
}

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const platform = await platformReady();
	event.locals.platform = platform;

	const slug = municipalitySlugOf(event.url.pathname);
	const municipality = slug && /^[a-z0-9-]{1,64}$/.test(slug) ? await findMunicipalityBySlug(platform.database.db, slug) : null;
	event.locals.municipality = municipality;

	let actor: Actor = { kind: 'anonymous' };
	// Visitors of the portal carry no session cookie: no need to ask the auth library (and the database).
	const hasSessionCookie = event.cookies.getAll().some((c) => c.name.endsWith('session_token'));
	const session = hasSessionCookie ? await platform.auth.api.getSession({ headers: event.request.headers }).catch(() => null) : null;
	if (session) actor = await loadActor(platform.database.db, session.user);
	event.locals.actor = actor;

	event.locals.ctx = municipality
		? {
				db: platform.database.db,
				clock: platform.clock,
				mail: platform.mail,
				auth: platform.auth,
				actor,
				municipality,
				address: event.getClientAddress(),
				origin: platform.origin
			}
		: null;

	const language = event.url.pathname.split('/')[2] === 'intern' ? 'de' : languageFromPath(event.url.pathname);
	event.locals.language = language;

	const response = await paraglideMiddleware(event.request, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', language).replace('%dir%', directionOf(language))
		})
	);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=()');
	if (actor.kind === 'user') response.headers.set('cache-control', 'private, no-store');
	if (event.url.pathname !== '/healthz')
		log.info('request', {
			method: event.request.method,
			// One-time tokens in paths (invitation links) never reach the logs.
			path: event.url.pathname.replace(/\/einladung\/[^/]+/, '/einladung/[token]').replace(/\/foerderung\/antrag\/[^/]+/, '/foerderung/antrag/[token]'),
			status: response.status,
			ms: Math.round(performance.now() - started)
		});
	return response;
};

/** Errors we did not expect are logged with their stack; the visitor sees a plain message, never internals. */
export const handleError: HandleServerError = (caught) => {
	if (caught.kind !== 'unknown') return;
	log.error('unhandled error', { path: caught.event.url.pathname, error: caught.error });
	return { message: 'Interner Fehler.' };
};
