import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { buildMapBase, renderOfferMap, simplify, type AreaShape, type MapPoint } from './offer-map.ts';

const GEO = path.resolve(import.meta.dirname, '../../../../../../shared/data/koeln/geo');
type Feature = { properties: Record<string, string>; geometry: AreaShape['geometry'] };
const load = (file: string, nameKey: string): AreaShape[] =>
	(JSON.parse(fs.readFileSync(path.join(GEO, file), 'utf8')).features as Feature[]).map((f) => ({ name: f.properties[nameKey]!, geometry: f.geometry }));
const quarters = load('stadtteile.geojson', 'STT_NAME');
const districts = load('stadtbezirke.geojson', 'STB_NAME');
const options = { title: 'Karte', description: 'Orte der Angebote', id: 'm' };
const dom: MapPoint = { marker: '1', label: 'Sprachcafé am Dom', lat: 50.9413, lng: 6.9583, href: '/koeln/de/angebote/abc' };

/** The marker positions in the SVG, in drawing order. */
const markerCentres = (svg: string) => [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) - 5 }));

describe('simplify', () => {
	it.each([
		['a straight line keeps its ends', [[0, 0], [1, 0.1], [2, 0], [3, 0.05], [4, 0]], 0.5, [[0, 0], [4, 0]]],
		['a corner beyond the tolerance stays', [[0, 0], [5, 0], [5, 5]], 0.5, [[0, 0], [5, 0], [5, 5]]],
		['a closed square keeps its four corners', [[0, 0], [2, 0], [4, 0], [4, 4], [0, 4], [0, 0]], 0.5, [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]],
		['three points are left alone', [[0, 0], [1, 0], [2, 0]], 5, [[0, 0], [1, 0], [2, 0]]]
	] as const)('%s', (_label, input, tolerance, expected) => {
		expect(simplify(input.map((p) => [...p] as [number, number]), tolerance)).toEqual(expected);
	});
});

describe('the map of Köln (real boundaries)', () => {
	const base = buildMapBase(quarters)!;
	const svg = renderOfferMap(base, [dom], options);

	it('is well-formed, small, and names every quarter', () => {
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(quarters).toHaveLength(86);
		expect(svg.length).toBeLessThan(150_000);
		for (const q of quarters) expect(svg).toContain(`<title>${q.name}</title>`);
		expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 800 \d+"/);
		// no ring collapsed to nothing
		expect(svg).not.toMatch(/d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+Z"/);
	});

	it('puts the cathedral into Altstadt/Nord, with north up', () => {
		const path = /<path d="([^"]+)"><title>Altstadt\/Nord<\/title>/.exec(svg)![1]!;
		const corners = [...path.matchAll(/([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
		const [point] = markerCentres(svg);
		expect(point!.x).toBeGreaterThan(Math.min(...corners.map((p) => p[0])));
		expect(point!.x).toBeLessThan(Math.max(...corners.map((p) => p[0])));
		expect(point!.y).toBeGreaterThan(Math.min(...corners.map((p) => p[1])));
		expect(point!.y).toBeLessThan(Math.max(...corners.map((p) => p[1])));
		const north = markerCentres(renderOfferMap(base, [dom, { ...dom, marker: '2', lat: 51.0 }], options));
		expect(north[1]!.y).toBeLessThan(north[0]!.y);
	});

	it('draws the nine districts too', () => {
		const d = renderOfferMap(buildMapBase(districts)!, [dom], options);
		expect(districts).toHaveLength(9);
		expect(d.match(/<path /g)).toHaveLength(9);
	});
});

describe('points', () => {
	const base = buildMapBase(districts)!;

	it('offers at the same venue share one marker that names all of them', () => {
		const svg = renderOfferMap(base, [dom, { ...dom, marker: '4', label: 'Hausaufgabenhilfe am Dom' }], options);
		expect(svg.match(/class="map-point"/g)).toHaveLength(1);
		expect(svg).toContain('>1,4</text>');
		expect(svg).toContain('aria-label="1,4: Sprachcafé am Dom; Hausaufgabenhilfe am Dom"');
	});

	it('escapes names and labels, and links only to paths of this site', () => {
		const evil = renderOfferMap(
			buildMapBase([{ name: '<script>alert(1)</script>', geometry: districts[0]!.geometry }])!,
			[{ ...dom, label: '"><img src=x onerror=alert(1)>', href: 'javascript:alert(1)' }],
			{ ...options, title: 'A & B <b>' }
		);
		expect(evil).not.toContain('<script>');
		expect(evil).not.toContain('<img');
		expect(evil).not.toContain('javascript:');
		expect(evil).toContain('&lt;script&gt;');
		expect(evil).toContain('A &amp; B &lt;b&gt;');
		expect(XMLValidator.validate(evil)).toBe(true);
	});

	it('without boundaries the map fits the points; without anything there is no map', () => {
		const onlyPoints = buildMapBase([], [dom, { ...dom, lat: 50.95, lng: 6.97 }])!;
		const svg = renderOfferMap(onlyPoints, [dom, { ...dom, marker: '2', lat: 50.95, lng: 6.97 }], options);
		expect(markerCentres(svg)).toHaveLength(2);
		for (const c of markerCentres(svg)) {
			expect(c.x).toBeGreaterThan(0);
			expect(c.x).toBeLessThan(800);
		}
		expect(buildMapBase([], [dom])).not.toBeNull();
		expect(buildMapBase([], [])).toBeNull();
	});

	it('points outside the municipality are left out rather than drawn off the map', () => {
		const svg = renderOfferMap(base, [dom, { ...dom, marker: '9', lat: 52.52, lng: 13.4 }], options);
		expect(svg).not.toContain('>9</text>');
	});
});
