import { defineCustomClientStrategy, defineCustomServerStrategy } from '#lib/paraglide/runtime.js';
import { isPublicLanguage, type PublicLanguage } from './languages.ts';

/**
 * The portal's language is the second path segment: /{municipality}/{lang}/…
 * Everything else (back office, API, the list of municipalities) is German.
 */
export function languageFromPath(pathname: string): PublicLanguage {
	const segment = pathname.split('/')[2] ?? '';
	return isPublicLanguage(segment) ? segment : 'de';
}

let registered = false;
/** Teaches Paraglide our URL layout, on the server and in the browser. Idempotent. */
export function registerLanguageStrategy() {
	if (registered) return;
	registered = true;
	defineCustomServerStrategy('custom-path', { getLocale: (request) => (request ? languageFromPath(new URL(request.url).pathname) : undefined) });
	defineCustomClientStrategy('custom-path', {
		getLocale: () => languageFromPath(window.location.pathname),
		setLocale: () => {
			/* the language changes by navigating to another URL (language switcher links) */
		}
	});
}
