import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

export async function newContext(browser: Browser, options: { javaScript?: boolean; locale?: string } = {}): Promise<BrowserContext> {
	const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, locale: options.locale ?? 'de-DE', viewport: { width: 1280, height: 900 } });
	// Fail fast with a clear locator error instead of running into the test timeout.
	context.setDefaultTimeout(10_000);
	if (options.javaScript === false) noScriptContexts.add(context);
	return context;
}

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

const noScriptContexts = new WeakSet<BrowserContext>();

/**
 * Runs axe-core (WCAG 2.1 A/AA) on what the page shows. A page without JavaScript cannot run axe itself,
 * so its rendered DOM (minus scripts) is checked in a scripted twin page with the same styles.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	if (noScriptContexts.has(page.context())) {
		const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, '');
		const twinContext = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined });
		const twin = await twinContext.newPage();
		await twin.goto(new URL('/healthz', page.url()).href);
		await twin.setContent(html.replace('<head>', `<head><base href="${page.url()}">`), { waitUntil: 'load' });
		try {
			return await axeViolations(twin);
		} finally {
			await twinContext.close();
		}
	}
	const result = await page.evaluate(async (source) => {
		if (!(window as unknown as { axe?: unknown }).axe) new Function(source)();
		const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
		const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
	}, AXE_SOURCE);
	return result;
}

export async function expectAccessible(page: Page) {
	const violations = await axeViolations(page);
	expect(violations, `axe violations on ${page.url()}:\n${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** The house rules every page must meet beyond axe: a title, exactly one main, one h1, a skip link. */
export async function expectPageStructure(page: Page) {
	expect((await page.title()).length).toBeGreaterThan(3);
	expect(await page.locator('main').count()).toBe(1);
	expect(await page.locator('h1').count()).toBe(1);
	expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);
}

export const DEMO_PASSWORD = 'Teilhabe-Demo-2026';

export async function signIn(page: Page, baseURL: string, slug: string, email: string, password = DEMO_PASSWORD) {
	await page.goto(`${baseURL}/${slug}/intern/anmelden`, { waitUntil: 'networkidle' });
	await page.fill('#field-email', email);
	await page.fill('#field-password', password);
	await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
}
