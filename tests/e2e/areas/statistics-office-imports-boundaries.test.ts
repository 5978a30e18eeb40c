import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, expectAccessible, signIn } from '../support/browser.ts';

const baseURL = inject('baseURL');
const KOELN_DISTRICTS = path.resolve(import.meta.dirname, '../../../../shared/data/koeln/geo/stadtbezirke.geojson');
let browser: Browser;
let tmp: string;
beforeAll(async () => {
	browser = await launchBrowser();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'teilhabe-geo-'));
});
afterAll(async () => {
	await browser?.close();
	fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the statistics office imports area boundaries in the back office', () => {
	it('a broken file names the faulty feature and imports nothing; the real Köln file (2 MB) updates all 9 districts', async () => {
		const context = await newContext(browser, { javaScript: false });
		const page = await context.newPage();
		await signIn(page, baseURL, 'koeln', 'statistik@koeln.example');
		await page.goto(`${baseURL}/koeln/intern/gebiete`);
		const before = await page.textContent('table caption');

		// The real file with one district renamed and one ring left open: nothing may change.
		const data = JSON.parse(fs.readFileSync(KOELN_DISTRICTS, 'utf8'));
		data.features[0].properties.STB_NAME = 'Umbenannt';
		const ring = data.features[3].geometry.coordinates[0];
		ring[ring.length - 1] = [7.0, 50.9];
		const broken = path.join(tmp, 'kaputt.geojson');
		fs.writeFileSync(broken, JSON.stringify(data));
		await page.setInputFiles('#field-file', broken);
		await page.selectOption('#field-import-level', 'district');
		await page.click('form[action*="import"] button[type=submit]');
		const alert = await page.textContent('[role=alert]');
		expect(alert).toContain('Objekt 4');
		expect(alert).toContain('nicht geschlossen');
		expect(await page.textContent('main')).not.toContain('Umbenannt');
		await expectAccessible(page);

		await page.setInputFiles('#field-file', KOELN_DISTRICTS);
		await page.selectOption('#field-import-level', 'district');
		await page.click('form[action*="import"] button[type=submit]');
		expect(await page.textContent('[role=status]')).toContain('0 neu angelegt, 9 aktualisiert');
		expect(await page.textContent('table caption')).toBe(before);

		const geo = (await (await fetch(`${baseURL}/api/v1/municipalities/koeln/areas?level=district`)).json()) as { features: { properties: { name: string } }[] };
		expect(geo.features.map((f) => f.properties.name)).toContain('Porz');
		await context.close();
	});

	it('an editor sees the areas but cannot import', async () => {
		const context = await newContext(browser);
		const page = await context.newPage();
		await signIn(page, baseURL, 'bottrop', 'redaktion@bottrop.example');
		await page.goto(`${baseURL}/bottrop/intern/gebiete`);
		expect(await page.textContent('main')).toContain('Ebel/Welheimer Mark');
		expect(await page.locator('#field-file').count()).toBe(0);
		await context.close();
	});
});
