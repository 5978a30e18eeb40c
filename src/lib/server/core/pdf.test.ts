import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getMeta } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { closePdfRenderer, pdfAvailable, PdfUnavailableError, renderPdf } from './pdf.ts';
import { pdfPageCount, pdfText } from './pdf-text.ts';

// Real Chromium (Debian's, /usr/bin/chromium or CHROMIUM_PATH): installed here and in CI, so nothing is skipped.
const TIMEOUT = 60_000;

function letter(body: string, head = ''): string {
	return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Schreiben</title>
<style>@page { size: A4; margin: 20mm 20mm 25mm 25mm } body { font-family: 'DejaVu Sans', sans-serif; font-size: 11pt }
table { border-collapse: collapse } td, th { border: 1px solid #000; padding: 2mm }</style>${head}</head><body>${body}</body></html>`;
}

const BESCHEID = letter(`
<p>Stadt Musterhausen · Integrationsbüro · Marktstraße 1 · 12345 Musterhausen</p>
<h1>Zuwendungsbescheid</h1>
<p>Sehr geehrte Frau Müller,</p>
<p>für die Maßnahme „Sprachcafé Größenwahn“ wird Ihnen eine Zuwendung in Höhe von 1.500,00 € bewilligt.</p>
<table><thead><tr><th>Position</th><th>Betrag</th></tr></thead>
<tbody><tr><td>Honorarkosten</td><td>1.200,00 €</td></tr><tr><td>Sachkosten</td><td>300,00 €</td></tr></tbody></table>
<p lang="ar" dir="rtl">مرحبا بكم</p>
<p>Mit freundlichen Grüßen</p>`);

afterAll(async () => {
	await closePdfRenderer();
});

describe('renderPdf', () => {
	it('finds the Chromium executable', () => {
		expect(pdfAvailable()).toBe(true);
	});

	it('renders a German letter with umlauts, ß, euro amounts, a table and Arabic text', { timeout: TIMEOUT }, async () => {
		const bytes = await renderPdf(BESCHEID, { title: 'Zuwendungsbescheid <Müller>' });
		expect(bytes).toBeInstanceOf(Uint8Array);
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		const text = await pdfText(bytes);
		for (const expected of ['Zuwendungsbescheid', 'Sehr geehrte Frau Müller', 'Marktstraße 1', '„Sprachcafé Größenwahn“', '1.500,00 €', 'Honorarkosten', '1.200,00 €', 'Mit freundlichen Grüßen']) {
			expect(text).toContain(expected);
		}
		expect(text).toContain('مرحبا بكم');
		expect(await pdfPageCount(bytes)).toBe(1);
		expect((await getMeta(new Uint8Array(bytes))).info).toMatchObject({ Title: 'Zuwendungsbescheid <Müller>' });
	});

	it('honours CSS page breaks', { timeout: TIMEOUT }, async () => {
		const bytes = await renderPdf(letter('<p>Seite eins</p><p style="break-before: page">Seite zwei</p>'));
		expect(await pdfPageCount(bytes)).toBe(2);
		expect(await pdfText(bytes)).toMatch(/Seite eins.*Seite zwei/);
	});

	it('loads nothing from the network and does not hang on unreachable resources', { timeout: TIMEOUT }, async () => {
		const requests: string[] = [];
		const server = http.createServer((req, res) => {
			requests.push(req.url ?? '');
			res.writeHead(200, { 'content-type': 'text/css' }).end('body { color: red }');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const html = letter(
				`<p>Ohne Netz</p><img src="http://127.0.0.1:1/x.png" alt=""><img src="${base}/bild.png" alt="">
<iframe src="${base}/rahmen"></iframe><div style="background: url('${base}/hintergrund.png')">Hintergrund</div>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA=" alt="">`,
				`<link rel="stylesheet" href="${base}/stil.css"><style>@import url('${base}/import.css'); @font-face { font-family: F; src: url('${base}/f.woff2') } p { font-family: F, sans-serif }</style>
<meta http-equiv="refresh" content="0; url=${base}/weiter">`
			);
			const started = Date.now();
			const bytes = await renderPdf(html);
			expect(Date.now() - started).toBeLessThan(15_000);
			expect(await pdfText(bytes)).toContain('Ohne Netz');
			// Give a late request (e.g. the meta refresh) a moment to show up.
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(requests).toEqual([]);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('does not read local files', { timeout: TIMEOUT }, async () => {
		const bytes = await renderPdf(letter('<p>Datei</p><iframe src="file:///etc/passwd"></iframe><object data="file:///etc/passwd"></object>'));
		const text = await pdfText(bytes);
		expect(text).toContain('Datei');
		expect(text).not.toContain('root:');
	});

	it('renders concurrently', { timeout: TIMEOUT }, async () => {
		const results = await Promise.all([1, 2, 3, 4, 5].map((n) => renderPdf(letter(`<p>Bescheid Nummer ${n}</p>`))));
		const texts = await Promise.all(results.map((bytes) => pdfText(bytes)));
		texts.forEach((text, i) => expect(text).toContain(`Bescheid Nummer ${i + 1}`));
	});

	it('reports a missing or broken Chromium as PdfUnavailableError (503)', { timeout: TIMEOUT }, async () => {
		await closePdfRenderer();
		const original = process.env.CHROMIUM_PATH;
		try {
			for (const path of ['/nonexistent/chromium', '/bin/false']) {
				process.env.CHROMIUM_PATH = path;
				expect(pdfAvailable()).toBe(path === '/bin/false');
				const error = await renderPdf(letter('<p>x</p>')).catch((e: unknown) => e);
				expect(error).toBeInstanceOf(PdfUnavailableError);
				expect(error).toMatchObject({ status: 503, code: 'pdf_unavailable' });
			}
		} finally {
			if (original === undefined) delete process.env.CHROMIUM_PATH;
			else process.env.CHROMIUM_PATH = original;
		}
	});

	it('works again after the renderer was closed', { timeout: TIMEOUT }, async () => {
		await renderPdf(letter('<p>vorher</p>'));
		await closePdfRenderer();
		await closePdfRenderer();
		expect(await pdfText(await renderPdf(letter('<p>nachher</p>')))).toContain('nachher');
	});
});
