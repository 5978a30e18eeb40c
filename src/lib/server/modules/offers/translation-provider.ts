import { TRANSLATABLE_FIELDS, type TranslatableField, type TranslatedTexts } from './content.ts';

/*
 * The interface for machine translation. Teilhabe does not pretend: without a configured provider
 * there is no machine translation at all, and what a provider returns is only ever a suggestion
 * that an editor reviews and that is saved as machine-made.
 *
 * The one adapter is for LibreTranslate (open source, AGPL), which a municipality or its IT service
 * provider runs on its own servers: the texts, and any personal data in them (a contact's name in
 * a description), do not leave its control or the country.
 *
 * Configuration (environment):
 *   TRANSLATION_PROVIDER=libretranslate
 *   LIBRETRANSLATE_URL=https://uebersetzen.kommune.de   (http only for localhost / 127.0.0.1 / ::1)
 *   LIBRETRANSLATE_API_KEY=…                            (if the instance requires keys)
 */

export interface TranslationProvider {
	readonly name: string;
	translate(request: { sourceLanguage: string; targetLanguage: string; texts: string[] }, signal?: AbortSignal): Promise<string[]>;
}

/** A problem with the translation service, worded for the editors (the route shows the message). */
export class TranslationProviderError extends Error {
	/** HTTP status of the service's answer, when there was one. */
	readonly status: number | undefined;
	constructor(message: string, status?: number) {
		super(message);
		this.name = 'TranslationProviderError';
		this.status = status;
	}
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface LibreTranslateOptions {
	/** Base address of the instance; the adapter posts to `{url}/translate`. */
	url: string;
	apiKey?: string;
	timeoutMs?: number;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The LibreTranslate HTTP API (`POST /translate`, JSON, a batch of texts in `q`). */
export function libreTranslate(options: LibreTranslateOptions): TranslationProvider {
	let base: URL;
	try {
		base = new URL(options.url.trim());
	} catch {
		throw new TranslationProviderError(`LIBRETRANSLATE_URL ist keine gültige Adresse („${options.url.slice(0, 80)}“).`);
	}
	// The texts go out in the clear otherwise; only a service on the same machine needs no TLS.
	if (!(base.protocol === 'https:' || (base.protocol === 'http:' && LOCAL_HOSTS.has(base.hostname)))) {
		throw new TranslationProviderError('LIBRETRANSLATE_URL muss mit https:// beginnen (http:// nur für localhost und 127.0.0.1).');
	}
	if (base.username || base.password) throw new TranslationProviderError('LIBRETRANSLATE_URL darf keine Zugangsdaten enthalten; bitte LIBRETRANSLATE_API_KEY verwenden.');
	base.search = '';
	base.hash = '';
	const endpoint = new URL('translate', base.href.endsWith('/') ? base.href : base.href + '/');
	const apiKey = options.apiKey?.trim() || undefined;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

	return {
		name: `LibreTranslate (${base.host})`,
		async translate({ sourceLanguage, targetLanguage, texts }, signal) {
			if (!texts.length) return [];
			const timeout = AbortSignal.timeout(timeoutMs);
			const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
			const failed = (e: unknown): never => {
				if (timeout.aborted || (signal?.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError')) {
					throw new TranslationProviderError('Der Übersetzungsdienst hat nicht rechtzeitig geantwortet. Bitte versuchen Sie es später noch einmal.');
				}
				// The caller cancelled (e.g. the editor left the page): that is no fault of the service.
				if (signal?.aborted) throw signal.reason;
				const code = (e as { cause?: { code?: unknown } }).cause?.code;
				throw new TranslationProviderError(`Der Übersetzungsdienst ist nicht erreichbar${typeof code === 'string' ? ` (${code})` : ''}. Bitte prüfen Sie LIBRETRANSLATE_URL.`);
			};
			let response: Response;
			let body: string;
			try {
				response = await fetch(endpoint, {
					method: 'POST',
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: JSON.stringify({ q: texts, source: sourceLanguage, target: targetLanguage, format: 'text', ...(apiKey ? { api_key: apiKey } : {}) }),
					// A POST that is redirected turns into a GET elsewhere; the address should be given as it is.
					redirect: 'manual',
					signal: combined
				});
				body = await response.text();
			} catch (e) {
				return failed(e);
			}
			if (!response.ok) throw new TranslationProviderError(httpErrorMessage(response.status, serviceMessage(body), sourceLanguage, targetLanguage), response.status);
			let translated: unknown;
			try {
				translated = (JSON.parse(body) as { translatedText?: unknown } | null)?.translatedText;
			} catch {
				translated = undefined;
			}
			if (!Array.isArray(translated) || translated.length !== texts.length || translated.some((t) => typeof t !== 'string')) {
				throw new TranslationProviderError('Der Übersetzungsdienst hat eine unerwartete Antwort geschickt (keine Liste mit einer Übersetzung je Text).');
			}
			return translated as string[];
		}
	};
}

/** LibreTranslate explains refusals as `{ "error": "…" }`; shown to help the administrator, shortened and without control characters. */
function serviceMessage(body: string): string {
	let message = '';
	try {
		const error = (JSON.parse(body) as { error?: unknown } | null)?.error;
		if (typeof error === 'string') message = error;
	} catch {
		// Not JSON (a proxy's error page, for instance): its text says nothing useful.
	}
	message = message.replace(/[\p{Cc}\s]+/gu, ' ').trim();
	return message.length > 200 ? message.slice(0, 199) + '…' : message;
}

function httpErrorMessage(status: number, detail: string, from: string, to: string): string {
	const said = detail ? ` (Meldung des Dienstes: „${detail}“)` : '';
	if (status >= 300 && status < 400) return `Der Übersetzungsdienst leitet auf eine andere Adresse um (${status}). Bitte tragen Sie die endgültige Adresse als LIBRETRANSLATE_URL ein.`;
	if (status === 400 && /not supported|unsupported/i.test(detail)) return `Der Übersetzungsdienst unterstützt diese Sprachen nicht (${from} → ${to})${said}.`;
	if (status === 400) return `Der Übersetzungsdienst hat die Anfrage nicht angenommen (400)${said}. Vielleicht sind die Texte für die Einstellungen des Dienstes zu lang.`;
	if (status === 401 || status === 403) return `Der Übersetzungsdienst hat den Zugang abgelehnt (${status})${said}. Bitte prüfen Sie LIBRETRANSLATE_API_KEY.`;
	if (status === 404) return `Unter LIBRETRANSLATE_URL antwortet kein LibreTranslate (404). Bitte prüfen Sie die Adresse.`;
	if (status === 413) return `Die Texte sind für den Übersetzungsdienst zu lang (413).`;
	if (status === 429) return `Der Übersetzungsdienst meldet zu viele Anfragen (429). Bitte versuchen Sie es in einigen Minuten noch einmal.`;
	if (status >= 500) return `Beim Übersetzungsdienst ist ein Fehler aufgetreten (${status})${said}. Bitte versuchen Sie es später noch einmal.`;
	return `Der Übersetzungsdienst hat die Anfrage abgelehnt (${status})${said}.`;
}

/**
 * The provider named in the configuration, or null when machine translation is not configured.
 * A configuration that names a provider but is incomplete or unsafe throws, so that it is noticed.
 */
export function providerFromConfig(env: Record<string, string | undefined>): TranslationProvider | null {
	const kind = env.TRANSLATION_PROVIDER?.trim().toLowerCase() ?? '';
	if (kind === '' || kind === 'none' || kind === 'off') return null;
	if (kind !== 'libretranslate') throw new TranslationProviderError(`TRANSLATION_PROVIDER: unbekannter Dienst „${kind.slice(0, 40)}“ (möglich: libretranslate).`);
	const url = env.LIBRETRANSLATE_URL?.trim();
	if (!url) throw new TranslationProviderError('TRANSLATION_PROVIDER=libretranslate, aber LIBRETRANSLATE_URL fehlt.');
	return libreTranslate({ url, apiKey: env.LIBRETRANSLATE_API_KEY });
}

/** A list marker ("- ", "* ", "1. ") with its indentation, the text, and trailing blanks. */
const LINE = /^([ \t]*(?:[-*]|\d{1,9}\.)[ \t]+|[ \t]*)(.*?)([ \t]*)$/;

/**
 * Machine-translates an offer's texts in one request. Markdown survives because the service never
 * sees it as structure: LibreTranslate with format "text" keeps line breaks only as well as its model
 * does, so each field is split into lines, list markers, indentation and empty lines stay here, only
 * the wording of each line is sent, and the lines are put back together. Inline markup (**fett**,
 * [Link](…)) goes through the engine; the editor checks the suggestion, and saving checks the Markdown.
 * Empty fields stay empty; lines without letters (a phone number, "—") are kept as they are.
 */
export async function translateOfferTexts(provider: TranslationProvider, source: TranslatedTexts, from: string, to: string, signal?: AbortSignal): Promise<TranslatedTexts> {
	const request: string[] = [];
	const indexOf = new Map<string, number>();
	/** Per field its lines: what stays (prefix, suffix) and which request text goes between; -1 keeps the line as it is. */
	const plans = TRANSLATABLE_FIELDS.map((field): { field: TranslatableField; lines: { prefix: string; index: number; suffix: string }[] | null } => {
		const text = source[field].replace(/\r\n?/g, '\n');
		if (!text.trim()) return { field, lines: null };
		const lines = text.split('\n').map((line) => {
			const [, prefix = '', body = '', suffix = ''] = LINE.exec(line) ?? [];
			if (!/\p{L}/u.test(body)) return { prefix: line, index: -1, suffix: '' };
			// The same line twice ("dienstags") is translated once.
			let index = indexOf.get(body);
			if (index === undefined) {
				index = request.push(body) - 1;
				indexOf.set(body, index);
			}
			return { prefix, index, suffix };
		});
		return { field, lines };
	});
	const translated = request.length ? await provider.translate({ sourceLanguage: from, targetLanguage: to, texts: request }, signal) : [];
	if (translated.length !== request.length) throw new TranslationProviderError('Der Übersetzungsdienst hat nicht jeden Text übersetzt.');
	const result = {} as TranslatedTexts;
	for (const { field, lines } of plans) {
		result[field] = lines
			? lines
					// A line break the engine adds would change the structure: within a line it becomes a space.
					.map((l) => (l.index < 0 ? l.prefix : l.prefix + translated[l.index]!.replace(/\s*\n\s*/g, ' ').trim() + l.suffix))
					.join('\n')
			: '';
	}
	return result;
}
