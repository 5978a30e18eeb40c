import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXliff, parseXliff } from './xliff.ts';
import { libreTranslate, providerFromConfig, translateOfferTexts, TranslationProviderError } from './translation-provider.ts';
import type { TranslatedTexts } from './content.ts';

const ID = '0b5e7e5a-1111-4222-8333-944455556666';
const source: TranslatedTexts = {
	name: 'Sprachcafé & Begegnung',
	description: 'Wir sprechen **Deutsch** bei Tee & Kuchen.\n\n- dienstags\n- donnerstags (bitte anmelden)',
	applicationProcess: 'Einfach vorbeikommen.',
	eligibilityDescription: '',
	feesDescription: 'kostenlos'
};

/** Fills every <source> into a <target> the way a tool would, with a translation function. */
function translateFile(xml: string, f: (s: string) => string): string {
	return xml.replace(/<source xml:space="preserve">([\s\S]*?)<\/source>(<target[^>]*>[\s\S]*?<\/target>)?/g, (_m, s: string) => `<source xml:space="preserve">${s}</source><target state="translated">${f(s)}</target>`);
}

describe('XLIFF 1.2 round trip', () => {
	const xml = buildXliff({ sourceLanguage: 'de', targetLanguage: 'tr', municipalitySlug: 'bottrop', units: [{ offerId: ID, textVersion: 3, offerName: 'Sprachcafé & Begegnung', source }] });

	it('writes one file per offer with its version, one unit per non-empty text, escaped', () => {
		expect(xml).toContain(`<file original="offer/${ID}" source-language="de" target-language="tr" datatype="plaintext" product-name="Teilhabe" product-version="3">`);
		expect(xml.match(/<trans-unit /g)).toHaveLength(4);
		expect(xml).toContain('Sprachcafé &amp; Begegnung');
		expect(xml).toContain('Tee &amp; Kuchen');
		expect(xml).not.toContain('eligibilityDescription');
	});

	it('reads back what a tool translated, keeping line breaks and list markers', () => {
		const done = translateFile(xml, (s) => s.replace('Deutsch', 'Almanca').replace('dienstags', 'salı').replace('Sprachcafé', 'Dil kafesi').replace('Einfach vorbeikommen.', 'Uğrayın.').replace('kostenlos', 'ücretsiz'));
		const parsed = parseXliff(done, { targetLanguage: 'tr' });
		expect(parsed).toEqual({
			ok: true,
			warnings: [],
			units: [
				{
					offerId: ID,
					textVersion: 3,
					texts: {
						name: 'Dil kafesi & Begegnung',
						description: 'Wir sprechen **Almanca** bei Tee & Kuchen.\n\n- salı\n- donnerstags (bitte anmelden)',
						applicationProcess: 'Uğrayın.',
						feesDescription: 'ücretsiz'
					}
				}
			]
		});
	});

	it('an earlier translation goes out as "needs review"', () => {
		const again = buildXliff({ sourceLanguage: 'de', targetLanguage: 'ar', municipalitySlug: 'b', units: [{ offerId: ID, textVersion: 4, offerName: 'x', source, existingTarget: { name: 'مقهى اللغة' } }] });
		expect(again).toContain('<target xml:space="preserve" state="needs-review-translation">مقهى اللغة</target>');
	});
});

describe('files from the tools', () => {
	it('XLIFF 1.2 as OmegaT/Trados write it: inline tags, alt-trans, approved, empty units', () => {
		const file = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
<file original="offer/${ID}" source-language="de-DE" target-language="fa-IR" datatype="plaintext" product-version="2">
<header><tool tool-id="omegat"/></header>
<body>
<trans-unit id="name" approved="yes"><source>Sprachcafé</source><target state="translated"><g id="1">کافه</g> زبان</target>
<alt-trans><target>قدیمی</target></alt-trans></trans-unit>
<trans-unit id="description"><source>Wir sprechen Deutsch bei Tee und Kuchen.</source><target state="final">ما با چای و کیک <x id="2"/>آلمانی صحبت می‌کنیم.</target></trans-unit>
<trans-unit id="applicationProcess"><source>Einfach kommen.</source><target></target></trans-unit>
</body></file></xliff>`;
		const parsed = parseXliff(file, { targetLanguage: 'fa' });
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.units).toEqual([{ offerId: ID, textVersion: 2, texts: { name: 'کافه زبان', description: 'ما با چای و کیک آلمانی صحبت می‌کنیم.' } }]);
		expect(parsed.warnings).toEqual([expect.stringMatching(/So nehmen Sie teil: keine Übersetzung – übersprungen/)]);
	});

	it('XLIFF 2.0', () => {
		const file = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="uk">
<file id="offer/${ID}" original="offer/${ID}" th:text-version="5" xmlns:th="urn:teilhabe">
<unit id="name"><segment><source>Sprachcafé</source><target>Мовне <pc id="1">кафе</pc></target></segment></unit>
</file></xliff>`;
		expect(parseXliff(file, { targetLanguage: 'uk' })).toEqual({ ok: true, warnings: [], units: [{ offerId: ID, textVersion: 5, texts: { name: 'Мовне кафе' } }] });
	});

	it.each([
		['entity declarations (billion laughs, XXE)', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>`, /DOCTYPE/],
		['broken XML names the line', `<xliff version="1.2">\n<file original="offer/${ID}">\n<body></file></xliff>`, /Zeile 3|kein gültiges XML/],
		['another target language', buildXliff({ sourceLanguage: 'de', targetLanguage: 'ru', municipalitySlug: 'b', units: [{ offerId: ID, textVersion: 1, offerName: 'x', source }] }), /ins Russische, erwartet wurde Türkisch/],
		['HTML smuggled into a target', `<xliff version="1.2"><file original="offer/${ID}" source-language="de" target-language="tr" product-version="1"><body><trans-unit id="description"><source>x</source><target>&lt;script&gt;alert(1)&lt;/script&gt; Kurs</target></trans-unit></body></file></xliff>`, /HTML wie/],
		['a file of something else', `<xliff version="1.2"><file original="dokument.docx" source-language="de" target-language="tr" product-version="1"><body/></file></xliff>`, /zu keinem Angebot/],
		['no version', `<xliff version="1.2"><file original="offer/${ID}" source-language="de" target-language="tr"><body/></file></xliff>`, /Textfassung/],
		['an unknown text id', `<xliff version="1.2"><file original="offer/${ID}" source-language="de" target-language="tr" product-version="1"><body><trans-unit id="password"><source>x</source><target>y</target></trans-unit></body></file></xliff>`, /unbekannter Text/],
		['not XLIFF at all', `<html><body>hallo</body></html>`, /keine XLIFF-Datei/]
	])('refuses %s', (_label, xml, message) => {
		const parsed = parseXliff(xml, { targetLanguage: 'tr' });
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.map((e) => `${e.line ? `Zeile ${e.line}: ` : ''}${e.message}`).join('\n')).toMatch(message);
	});
});

describe('LibreTranslate adapter against a real HTTP server', () => {
	let server: http.Server;
	let url = '';
	let mode: 'ok' | 'forbidden' | 'short' | 'slow' = 'ok';
	const requests: unknown[] = [];
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				const json = JSON.parse(body) as { q: string[]; source: string; target: string; api_key?: string };
				requests.push({ path: req.url, ...json });
				if (mode === 'forbidden') return res.writeHead(403).end('{"error":"Invalid API key"}');
				if (mode === 'slow') return void setTimeout(() => res.end('{}'), 500);
				const out = mode === 'short' ? json.q.slice(1) : json.q.map((t) => `[${json.target}] ${t.toUpperCase()}`);
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText: out }));
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise((r) => server.close(r)));

	it('translates line by line and keeps Markdown list markers and empty lines out of the request', async () => {
		mode = 'ok';
		const provider = libreTranslate(url, 'geheim');
		const out = await translateOfferTexts(provider, source, 'de', 'tr');
		expect(out).toEqual({
			name: '[tr] SPRACHCAFÉ & BEGEGNUNG',
			description: '[tr] WIR SPRECHEN **DEUTSCH** BEI TEE & KUCHEN.\n\n- [tr] DIENSTAGS\n- [tr] DONNERSTAGS (BITTE ANMELDEN)',
			applicationProcess: '[tr] EINFACH VORBEIKOMMEN.',
			eligibilityDescription: '',
			feesDescription: '[tr] KOSTENLOS'
		});
		expect(requests.at(-1)).toMatchObject({ path: '/translate', source: 'de', target: 'tr', api_key: 'geheim', q: ['Sprachcafé & Begegnung', 'Wir sprechen **Deutsch** bei Tee & Kuchen.', 'dienstags', 'donnerstags (bitte anmelden)', 'Einfach vorbeikommen.', 'kostenlos'] });
	});

	it.each([
		['forbidden', /Zugangsschlüssel wurde abgelehnt/],
		['short', /unerwartete Antwort/],
		['slow', /nicht rechtzeitig/]
	] as const)('maps a %s answer to a clear message', async (m, message) => {
		mode = m;
		const provider = libreTranslate(url, undefined, 200);
		await expect(translateOfferTexts(provider, source, 'de', 'ar')).rejects.toThrow(message);
	});

	it('is not reachable: a clear message', async () => {
		await expect(libreTranslate('http://127.0.0.1:1').translate({ sourceLanguage: 'de', targetLanguage: 'tr', texts: ['x'] })).rejects.toThrow(/nicht erreichbar/);
	});

	it.each([
		[{}, null],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'https://uebersetzen.kommune.de' }, 'LibreTranslate (uebersetzen.kommune.de)']
	])('configuration %j', (env, name) => {
		expect(providerFromConfig(env)?.name ?? null).toBe(name);
	});

	it.each([
		[{ TRANSLATION_PROVIDER: 'deepl' }, /unbekannter Dienst/],
		[{ TRANSLATION_PROVIDER: 'libretranslate' }, /LIBRETRANSLATE_URL fehlt/],
		[{ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://uebersetzen.example.com' }, /https/]
	])('refuses configuration %j', (env, message) => {
		expect(() => providerFromConfig(env)).toThrow(TranslationProviderError);
		expect(() => providerFromConfig(env)).toThrow(message);
	});
});
