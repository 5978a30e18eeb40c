import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from './errors.ts';

/**
 * Server-side PDF rendering of official letters (Bescheide) with Debian's Chromium via playwright-core,
 * never a downloaded browser. One browser per process, launched on first use; every render gets its own
 * context without JavaScript and without network, so a letter can never load anything from outside.
 */

const RENDER_TIMEOUT_MS = 20_000;
const LAUNCH_TIMEOUT_MS = 30_000;

function executablePath(): string {
	return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export class PdfUnavailableError extends AppError {
	constructor(cause?: unknown) {
		super(503, 'pdf_unavailable', 'Die PDF-Erzeugung ist auf diesem Server nicht verfügbar (Chromium fehlt). Das Schreiben kann als Druckansicht im Browser gedruckt werden.');
		if (cause !== undefined) this.cause = cause;
	}
}

/** Whether the Chromium executable exists (and may be run) on this server. */
export function pdfAvailable(): boolean {
	try {
		fs.accessSync(executablePath(), fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** The shared launch; concurrent first calls await the same promise. Reset when the browser goes away. */
let launching: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
	if (!pdfAvailable()) return Promise.reject(new PdfUnavailableError());
	const pending: Promise<Browser> = chromium
		.launch({
			executablePath: executablePath(),
			headless: true,
			timeout: LAUNCH_TIMEOUT_MS,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
			// server.js shuts down gracefully on SIGTERM/SIGINT; renders in flight may finish. Playwright
			// still kills the browser when the process exits.
			handleSIGINT: false,
			handleSIGTERM: false
		})
		.then(
			(browser) => {
				// A crashed or killed browser is launched again on the next render.
				browser.on('disconnected', () => {
					if (launching === pending) launching = null;
				});
				return browser;
			},
			(error: unknown) => {
				if (launching === pending) launching = null;
				throw new PdfUnavailableError(error);
			}
		);
	launching = pending;
	return pending;
}

async function sharedBrowser(): Promise<Browser> {
	const browser = await (launching ?? launch());
	if (browser.isConnected()) return browser;
	// Disconnected before its event reached us: start over once.
	if (launching) launching = null;
	return launch();
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Chromium takes the PDF's document title from <title>; JavaScript is off, so it is set in the markup. */
function withTitle(html: string, title: string): string {
	const element = `<title>${escapeHtml(title)}</title>`;
	if (/<title[\s>][\s\S]*?<\/title>/i.test(html)) return html.replace(/<title[\s>][\s\S]*?<\/title>/i, () => element);
	if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (head) => head + element);
	return element + html;
}

/**
 * A meta refresh would start a navigation (aborted by the route, but racing with printing: "Printing
 * failed"). Letters are static, so it is dropped.
 */
const META_REFRESH = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi;

/** Renders a complete HTML document to an A4 PDF (tagged, with backgrounds, CSS @page sizes honoured). */
export async function renderPdf(html: string, options: { title?: string } = {}): Promise<Uint8Array> {
	const browser = await sharedBrowser();
	const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		context.setDefaultTimeout(RENDER_TIMEOUT_MS);
		// Only inline content (data: URIs) may load; everything else is aborted before it leaves the machine.
		await context.route(
			() => true,
			(route) => {
				const url = route.request().url();
				return url.startsWith('data:') || url.startsWith('about:') ? route.continue() : route.abort('blockedbyclient');
			}
		);
		const render = async () => {
			const page = await context.newPage();
			const content = html.replace(META_REFRESH, '');
			await page.setContent(options.title === undefined ? content : withTitle(content, options.title), { waitUntil: 'load' });
			const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });
			return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
		};
		const deadline = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`PDF-Erzeugung nach ${RENDER_TIMEOUT_MS / 1000} s abgebrochen.`)), RENDER_TIMEOUT_MS);
		});
		return await Promise.race([render(), deadline]);
	} finally {
		clearTimeout(timer);
		// Closing the context also ends a render that ran into the deadline.
		await context.close().catch(() => undefined);
	}
}

/** Closes the shared browser (shutdown, tests); the next render launches a new one. */
export async function closePdfRenderer(): Promise<void> {
	const pending = launching;
	launching = null;
	if (pending) await pending.then((browser) => browser.close(), () => undefined);
}
