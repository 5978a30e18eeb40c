import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { libreTranslate, providerFromConfig, translateOfferTexts, TranslationProviderError, type TranslationProvider } from './translation-provider.ts';
import type { TranslatedTexts } from './content.ts';

/**
 * A small imitation of LibreTranslate on 127.0.0.1: the first path segment picks its behaviour, so
 * every test talks to a real HTTP server through the real fetch.
 */
let server: http.Server;
let base = '';
let requests: { path: string; contentType: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (raw += chunk));
		req.on('end', () => {
			const json = (status: number, body: unknown) => {
				if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
			};
			const path = req.url ?? '';
			const mode = path.split('/')[1] ?? '';
			if (req.method !== 'POST' || !path.endsWith('/translate')) return json(404, { error: 'Not Found' });
			let body: { q?: unknown; source?: string; target?: string; format?: string; api_key?: string };
			try {
				body = JSON.parse(raw) as typeof body;
			} catch {
				return json(400, { error: 'Invalid request: missing q parameter' });
			}
			requests.push({ path, contentType: req.headers['content-type'] ?? '', body });
			const q = Array.isArray(body.q) ? (body.q as string[]) : [];
			const translated = q.map((t) => `[${body.target}] ${t.toUpperCase()}`);
			switch (mode) {
				case 'nowhere':
					// e.g. the address of a web server that runs no LibreTranslate
					return json(404, { error: 'Not Found' });
				case 'keyed':
					return body.api_key === 'geheim' ? json(200, { translatedText: translated }) : json(403, { error: 'Invalid API key' });
				case 'lang':
					return json(400, { error: `${body.target} is not supported` });
				case 'limit':
					return json(400, { error: 'Invalid request: request (3000) exceeds text limit (2000)' });
				case 'busy':
					return json(429, { error: 'Slowdown: 30 per 1 minute' });
				case 'broken':
					return void res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error\u0000</body></html>');
				case 'short':
					return json(200, { translatedText: translated.slice(1) });
				case 'string':
					return json(200, { translatedText: translated.join(' ') });
				case 'numbers':
					return json(200, { translatedText: q.map(() => 1) });
				case 'notjson':
					return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Willkommen</html>');
				case 'moved':
					return void res.writeHead(301, { location: 'https://anderswo.example/translate' }).end();
				case 'newline':
					return json(200, { translatedText: translated.map((t) => `${t}\n(MT)`) });
				case 'slow':
					return void setTimeout(() => json(200, { translatedText: translated }), 2000).unref();
				default:
					return json(200, { translatedText: translated });
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	requests = [];
});

const request = (texts: string[]) => ({ sourceLanguage: 'de', targetLanguage: 'tr', texts });

describe('providerFromConfig', () => {
	it.each([
		[{}],
		[{ TRANSLATION_PROVIDER: '' }],
		[{ TRANSLATION_PROVIDER: ' none ' }],
		[{ TRANSLATION_PROVIDER: 'off', LIBRETRANSLATE_URL: 'https://uebersetzen.kommune.de' }],
		// a URL alone does not switch machine translation on
		[{ LIBRETRANSLATE_URL: 'https://uebersetzen.kommune.de' }]
	])('not configured: %j → null', (env) => {
		expect(providerFromConfig(env)).toBeNull();
	});

	it.each([
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'https://uebersetzen.kommune.de' }, 'LibreTranslate (uebersetzen.kommune.de)'],
		[{ TRANSLATION_PROVIDER: ' LibreTranslate ', LIBRETRANSLATE_URL: ' https://it.kreis.de:8443/lt/ ', LIBRETRANSLATE_API_KEY: 'k' }, 'LibreTranslate (it.kreis.de:8443)'],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://localhost:5000' }, 'LibreTranslate (localhost:5000)'],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://127.0.0.1:5000' }, 'LibreTranslate (127.0.0.1:5000)'],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://[::1]:5000' }, 'LibreTranslate ([::1]:5000)']
	])('configured: %j', (env, name) => {
		expect(providerFromConfig(env)?.name).toBe(name);
	});

	it.each([
		[{ TRANSLATION_PROVIDER: 'deepl' }, /unbekannter Dienst „deepl“ \(möglich: libretranslate\)/],
		[{ TRANSLATION_PROVIDER: 'libretranslate' }, /LIBRETRANSLATE_URL fehlt/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: '  ' }, /LIBRETRANSLATE_URL fehlt/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://uebersetzen.kommune.de' }, /muss mit https:\/\/ beginnen/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://127.0.0.1.nip.io' }, /muss mit https:\/\/ beginnen/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'ftp://uebersetzen.kommune.de' }, /muss mit https:\/\/ beginnen/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'uebersetzen.kommune.de' }, /keine gültige Adresse/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'https://admin:geheim@uebersetzen.kommune.de' }, /keine Zugangsdaten/]
	])('refuses %j', (env, message) => {
		expect(() => providerFromConfig(env)).toThrow(TranslationProviderError);
		expect(() => providerFromConfig(env)).toThrow(message);
	});
});

describe('LibreTranslate adapter', () => {
	it('posts the texts as one batch in the shape of the LibreTranslate API', async () => {
		const provider = libreTranslate({ url: `${base}/ok`, apiKey: 'geheim' });
		expect(await provider.translate({ sourceLanguage: 'de', targetLanguage: 'uk', texts: ['Hallo Welt', 'Tschüß'] })).toEqual(['[uk] HALLO WELT', '[uk] TSCHÜSS']);
		expect(requests).toEqual([
			{ path: '/ok/translate', contentType: 'application/json', body: { q: ['Hallo Welt', 'Tschüß'], source: 'de', target: 'uk', format: 'text', api_key: 'geheim' } }
		]);
	});

	it('sends no api_key without one; a trailing slash and a query in the address do not matter', async () => {
		const provider = libreTranslate({ url: `${base}/ok/?x=1#y`, apiKey: '  ' });
		await provider.translate(request(['a']));
		expect(requests).toEqual([{ path: '/ok/translate', contentType: 'application/json', body: { q: ['a'], source: 'de', target: 'tr', format: 'text' } }]);
	});

	it('asks nothing for nothing', async () => {
		expect(await libreTranslate({ url: `${base}/ok` }).translate(request([]))).toEqual([]);
		expect(requests).toEqual([]);
	});

	it.each([
		['keyed', 403, /den Zugang abgelehnt \(403\) \(Meldung des Dienstes: „Invalid API key“\)\. Bitte prüfen Sie LIBRETRANSLATE_API_KEY\./],
		['lang', 400, /unterstützt diese Sprachen nicht \(de → tr\)/],
		['limit', 400, /nicht angenommen \(400\) \(Meldung des Dienstes: „Invalid request: request \(3000\) exceeds text limit \(2000\)“\)\. Vielleicht sind die Texte .* zu lang/],
		['busy', 429, /zu viele Anfragen \(429\)/],
		['broken', 500, /^Beim Übersetzungsdienst ist ein Fehler aufgetreten \(500\)\. Bitte versuchen Sie es später noch einmal\.$/],
		['moved', 301, /leitet auf eine andere Adresse um \(301\)/],
		['nowhere', 404, /kein LibreTranslate \(404\)/]
	])('maps the answer of /%s to a clear German message', async (path, status, message) => {
		const error = await libreTranslate({ url: `${base}/${path}` })
			.translate(request(['Hallo']))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TranslationProviderError);
		expect((error as TranslationProviderError).status).toBe(status);
		expect((error as Error).message).toMatch(message);
	});

	it.each(['short', 'string', 'numbers', 'notjson'])('refuses an answer of the wrong shape (/%s)', async (path) => {
		await expect(libreTranslate({ url: `${base}/${path}` }).translate(request(['eins', 'zwei']))).rejects.toThrow(/unerwartete Antwort/);
	});

	it('gives up after its timeout', async () => {
		const started = Date.now();
		await expect(libreTranslate({ url: `${base}/slow`, timeoutMs: 150 }).translate(request(['a']))).rejects.toThrow(/nicht rechtzeitig geantwortet/);
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it('a short timeout signal of the caller is a timeout too', async () => {
		const error = await libreTranslate({ url: `${base}/slow` })
			.translate(request(['a']), AbortSignal.timeout(100))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(TranslationProviderError);
		expect((error as Error).message).toMatch(/nicht rechtzeitig/);
	});

	it('a cancellation by the caller is passed on as it is, not blamed on the service', async () => {
		const controller = new AbortController();
		const pending = libreTranslate({ url: `${base}/slow` }).translate(request(['a']), controller.signal);
		setTimeout(() => controller.abort(), 50);
		const error = await pending.catch((e: unknown) => e);
		expect(error).not.toBeInstanceOf(TranslationProviderError);
		expect((error as Error).name).toBe('AbortError');
	});

	it('a service that is not running', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		await expect(libreTranslate({ url: `http://127.0.0.1:${port}` }).translate(request(['a']))).rejects.toThrow(/nicht erreichbar \(ECONNREFUSED\)\. Bitte prüfen Sie LIBRETRANSLATE_URL/);
	});
});

describe('translateOfferTexts', () => {
	const source: TranslatedTexts = {
		name: 'Sprachcafé & Begegnung',
		description: 'Wir üben **Deutsch** bei Tee.\nJeden Dienstag.\n\n- dienstags\n* donnerstags  \n  - mit Kinderbetreuung\n\n1. Anmelden\n2. Kommen\n\n0209 123-456\n- \n---',
		applicationProcess: 'Anmelden\r\nKommen',
		eligibilityDescription: '',
		feesDescription: '   '
	};

	it('sends only the wording of each line, in one request, and puts the Markdown back around it', async () => {
		const out = await translateOfferTexts(libreTranslate({ url: `${base}/ok` }), source, 'de', 'ar');
		expect(requests).toHaveLength(1);
		// no list markers, no empty lines, no lines without letters, each line once
		expect(requests[0]!.body.q).toEqual(['Sprachcafé & Begegnung', 'Wir üben **Deutsch** bei Tee.', 'Jeden Dienstag.', 'dienstags', 'donnerstags', 'mit Kinderbetreuung', 'Anmelden', 'Kommen']);
		expect(requests[0]!.body).toMatchObject({ source: 'de', target: 'ar', format: 'text' });
		expect(out).toEqual({
			name: '[ar] SPRACHCAFÉ & BEGEGNUNG',
			description:
				'[ar] WIR ÜBEN **DEUTSCH** BEI TEE.\n[ar] JEDEN DIENSTAG.\n\n- [ar] DIENSTAGS\n* [ar] DONNERSTAGS  \n  - [ar] MIT KINDERBETREUUNG\n\n1. [ar] ANMELDEN\n2. [ar] KOMMEN\n\n0209 123-456\n- \n---',
			applicationProcess: '[ar] ANMELDEN\n[ar] KOMMEN',
			eligibilityDescription: '',
			feesDescription: ''
		});
	});

	it('a line break the engine adds stays inside its line', async () => {
		const out = await translateOfferTexts(libreTranslate({ url: `${base}/newline` }), { ...source, description: '- eins\n- zwei' }, 'de', 'tr');
		expect(out.description).toBe('- [tr] EINS (MT)\n- [tr] ZWEI (MT)');
	});

	it('nothing to translate: no request at all', async () => {
		let calls = 0;
		const counting: TranslationProvider = {
			name: 'Zähler',
			async translate({ texts }) {
				calls++;
				return texts;
			}
		};
		const empty = { name: '', description: '- \n\n0209 123', applicationProcess: '', eligibilityDescription: '', feesDescription: '' };
		expect(await translateOfferTexts(counting, empty, 'de', 'fa')).toEqual({ ...empty, description: '- \n\n0209 123' });
		expect(calls).toBe(0);
	});

	it('a provider that loses texts is an error, not a half translation', async () => {
		const lossy: TranslationProvider = { name: 'x', translate: async ({ texts }) => texts.slice(1) };
		await expect(translateOfferTexts(lossy, source, 'de', 'tr')).rejects.toThrow(TranslationProviderError);
	});

	it('errors of the service reach the caller', async () => {
		await expect(translateOfferTexts(libreTranslate({ url: `${base}/lang` }), source, 'de', 'fa')).rejects.toThrow(/unterstützt diese Sprachen nicht \(de → fa\)/);
	});
});
