import { TRANSLATABLE_FIELDS, type TranslatedTexts } from './content.ts';

/*
 * The interface for machine translation. Teilhabe does not pretend: without a configured provider there is
 * no machine translation at all. The one adapter is for LibreTranslate, which a municipality can run on its
 * own servers, so texts (and any personal data in them) do not leave its control.
 */

export interface TranslationProvider {
	readonly name: string;
	translate(request: { sourceLanguage: string; targetLanguage: string; texts: string[] }, signal?: AbortSignal): Promise<string[]>;
}

export class TranslationProviderError extends Error {}

function localOrHttps(url: URL): boolean {
	return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

export function libreTranslate(baseUrl: string, apiKey?: string, timeoutMs = 20_000): TranslationProvider {
	const url = new URL(baseUrl);
	if (!localOrHttps(url)) throw new TranslationProviderError('LIBRETRANSLATE_URL muss mit https:// beginnen (http:// nur für localhost).');
	const endpoint = new URL('translate', url.href.endsWith('/') ? url.href : url.href + '/');
	return {
		name: `LibreTranslate (${url.host})`,
		async translate({ sourceLanguage, targetLanguage, texts }, signal) {
			if (!texts.length) return [];
			let res: Response;
			try {
				res = await fetch(endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ q: texts, source: sourceLanguage, target: targetLanguage, format: 'text', ...(apiKey ? { api_key: apiKey } : {}) }),
					signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs)
				});
			} catch (e) {
				const name = (e as Error).name;
				throw new TranslationProviderError(
					name === 'TimeoutError' || name === 'AbortError' ? 'Der Übersetzungsdienst hat nicht rechtzeitig geantwortet.' : 'Der Übersetzungsdienst ist nicht erreichbar.'
				);
			}
			if (!res.ok) {
				const reason = res.status === 403 || res.status === 401 ? 'Der Zugangsschlüssel wurde abgelehnt.' : res.status === 429 ? 'Zu viele Anfragen; bitte später erneut versuchen.' : res.status === 400 ? 'Die Sprache wird vom Dienst nicht unterstützt.' : `Fehler ${res.status}.`;
				throw new TranslationProviderError(`Der Übersetzungsdienst hat die Anfrage abgelehnt: ${reason}`);
			}
			const body = (await res.json().catch(() => null)) as { translatedText?: unknown } | null;
			const out = body?.translatedText;
			if (!Array.isArray(out) || out.length !== texts.length || out.some((t) => typeof t !== 'string'))
				throw new TranslationProviderError('Der Übersetzungsdienst hat eine unerwartete Antwort geschickt.');
			return out as string[];
		}
	};
}

/** The provider named in the configuration, or null when none is configured. */
export function providerFromConfig(env: Record<string, string | undefined>): TranslationProvider | null {
	const kind = env.TRANSLATION_PROVIDER?.trim();
	if (!kind) return null;
	if (kind !== 'libretranslate') throw new TranslationProviderError(`TRANSLATION_PROVIDER: unbekannter Dienst „${kind}“ (möglich: libretranslate).`);
	if (!env.LIBRETRANSLATE_URL) throw new TranslationProviderError('LIBRETRANSLATE_URL fehlt.');
	return libreTranslate(env.LIBRETRANSLATE_URL, env.LIBRETRANSLATE_API_KEY || undefined);
}

/** List markers and empty lines are kept out of the request and put back, so the Markdown survives. */
const LINE = /^(\s*(?:[-*]|\d+\.)\s+)?(.*)$/;

export async function translateOfferTexts(provider: TranslationProvider, source: TranslatedTexts, from: string, to: string, signal?: AbortSignal): Promise<TranslatedTexts> {
	const pieces: { field: (typeof TRANSLATABLE_FIELDS)[number]; lines: { prefix: string; index: number | null }[] }[] = [];
	const request: string[] = [];
	for (const field of TRANSLATABLE_FIELDS) {
		const lines = source[field].split('\n').map((line) => {
			const [, prefix = '', text = ''] = LINE.exec(line)!;
			if (!text.trim()) return { prefix: line, index: null };
			request.push(text);
			return { prefix, index: request.length - 1 };
		});
		pieces.push({ field, lines });
	}
	const translated = await provider.translate({ sourceLanguage: from, targetLanguage: to, texts: request }, signal);
	return Object.fromEntries(pieces.map((p) => [p.field, source[p.field] ? p.lines.map((l) => (l.index === null ? l.prefix : l.prefix + translated[l.index])).join('\n') : ''])) as TranslatedTexts;
}
