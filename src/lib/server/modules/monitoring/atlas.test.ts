import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import type { Geometry } from '../areas/rules.ts';
import { project } from '../offers/offer-map.ts';
import {
	ATLAS_NO_DATA,
	ATLAS_PALETTE,
	ATLAS_STROKE,
	buildAtlasBase,
	classBreaks,
	classColours,
	classOf,
	contrastRatio,
	relativeLuminance,
	renderAtlas,
	type AtlasArea,
	type AtlasBase,
	type AtlasOptions,
	type AtlasValue,
	type BreakMethod
} from './atlas.ts';

// ---------------------------------------------------------------------------------------------------
// Helpers

const de = (n: number) => `${n.toFixed(1).replace('.', ',')} %`;

const options = (overrides: Partial<AtlasOptions> = {}): AtlasOptions => ({
	id: 't',
	title: 'Anteil der Kinder mit Migrationshintergrund 2018',
	description: 'Karte der Stadtteile; die Tabelle darunter enthält dieselben Zahlen.',
	breaks: [20, 40, 60],
	formatBreak: de,
	lang: 'de',
	legendTitle: 'Anteil in %',
	labels: { noData: 'keine Daten', suppressed: 'geheim gehalten', notReliable: 'nicht sicher genug' },
	...overrides
});

const ok = (value: number): AtlasValue => ({ value, status: 'ok', text: de(value) });
const hidden = (status: AtlasValue['status']): AtlasValue => ({ value: null, status, text: '' });

/** A square of 0.01° at column `col`, row `row` near Köln. */
function square(col: number, row: number, size = 0.01): Geometry {
	const x0 = 6.9 + col * 0.01;
	const y0 = 50.9 + row * 0.01;
	return { type: 'Polygon', coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]] };
}

const EVIL = 'Bad <&> "Quote" & \'Co\'';
const tiny: AtlasArea[] = [
	{ id: 'a', code: '1', name: 'Altstadt', geometry: square(0, 0) },
	{ id: 'b', code: '2', name: EVIL, geometry: square(1, 0) },
	{ id: 'c', code: '3', name: 'Geheimdorf', geometry: square(2, 0) },
	{ id: 'd', code: '4', name: 'Unsicherheim', geometry: square(0, 1) },
	{ id: 'e', code: '5', name: 'Ohnedaten', geometry: square(1, 1) },
	{ id: 'f', code: '6', name: 'Hochfeld', geometry: square(2, 1) }
];
const tinyValues = new Map<string, AtlasValue>([
	['a', ok(10)],
	['b', ok(35)],
	['c', hidden('suppressed_primary')],
	['d', hidden('not_reliable')],
	// e: not in the map at all
	['f', ok(60)]
]);

/** Every area path of an SVG: class, fill, path data and title text (still escaped). */
function pathsOf(svg: string) {
	return [...svg.matchAll(/<path class="([^"]+)" fill="([^"]+)" d="([^"]+)"><title>([^<]*)<\/title><\/path>/g)].map((m) => ({
		className: m[1]!,
		fill: m[2]!,
		d: m[3]!,
		title: m[4]!
	}));
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

function pathByName(svg: string, name: string) {
	const found = pathsOf(svg).find((p) => unescape(p.title).startsWith(`${name}: `));
	if (!found) throw new Error(`no path for ${name}`);
	return found;
}

/** Decodes the path data the atlas writes (M absolute, l relative, z) into rings of absolute points. */
function decode(d: string): [number, number][][] {
	const tokens = d.match(/[Mlz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
	const rings: [number, number][][] = [];
	let ring: [number, number][] = [];
	let command = '';
	let x = 0;
	let y = 0;
	for (let i = 0; i < tokens.length; ) {
		const t = tokens[i]!;
		if (t === 'M' || t === 'l' || t === 'z') {
			command = t;
			i++;
			if (t === 'z') {
				rings.push(ring);
				ring = [];
			}
			continue;
		}
		const a = Number(tokens[i]);
		const b = Number(tokens[i + 1]);
		i += 2;
		if (command === 'M') [x, y] = [a, b];
		else [x, y] = [Math.round((x + a) * 10) / 10, Math.round((y + b) * 10) / 10];
		ring.push([x, y]);
	}
	return rings;
}

function insideRings(rings: [number, number][][], x: number, y: number): boolean {
	let hit = false;
	for (const ring of rings)
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i]!;
			const [xj, yj] = ring[j]!;
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
		}
	return hit;
}

/** A small deterministic random generator, so the property tests are reproducible. */
function lcg(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

// ---------------------------------------------------------------------------------------------------
// Colours

describe('palette', () => {
	it.each(ATLAS_PALETTE.map((c, i) => [i, c] as const))('class %i (%s) keeps 3:1 against the boundary stroke', (_i, colour) => {
		expect(contrastRatio(colour, ATLAS_STROKE)).toBeGreaterThanOrEqual(3);
	});

	it('gets darker class by class, so the order survives a grey print', () => {
		const luminances = ATLAS_PALETTE.map(relativeLuminance);
		for (let i = 1; i < luminances.length; i++) {
			expect(luminances[i]).toBeLessThan(luminances[i - 1]!);
			expect(contrastRatio(ATLAS_PALETTE[i]!, ATLAS_PALETTE[i - 1]!)).toBeGreaterThan(1.25);
		}
	});

	it('keeps "no data" apart from the lightest class, and the hatching at full contrast', () => {
		expect(ATLAS_NO_DATA).not.toBe(ATLAS_PALETTE[0]);
		expect(contrastRatio(ATLAS_NO_DATA, ATLAS_PALETTE[0]!)).toBeGreaterThan(1.3);
		expect(contrastRatio(ATLAS_NO_DATA, ATLAS_STROKE)).toBeGreaterThanOrEqual(3);
		expect(contrastRatio('#ffffff', ATLAS_STROKE)).toBeGreaterThan(15);
	});

	it.each([
		[1, [ATLAS_PALETTE[2]]],
		[2, [ATLAS_PALETTE[0], ATLAS_PALETTE[4]]],
		[3, [ATLAS_PALETTE[0], ATLAS_PALETTE[2], ATLAS_PALETTE[4]]],
		[5, ATLAS_PALETTE]
	] as const)('%i classes are spread over the whole ramp', (classes, expected) => {
		expect(classColours(classes)).toEqual(expected);
	});

	it('refuses more classes than colours', () => {
		expect(() => classColours(6)).toThrow(RangeError);
	});
});

// ---------------------------------------------------------------------------------------------------
// Class breaks

describe('classBreaks', () => {
	const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
	it.each<[string, (number | null)[], { classes?: number; method?: BreakMethod; precision?: number }, number[]]>([
		['quantile, evenly spread', oneToTen, { method: 'quantile' }, [2, 4, 6, 8, 10]],
		['quantile is the default method', [...oneToTen].reverse(), {}, [2, 4, 6, 8, 10]],
		['quantile, 3 classes of 10 values', oneToTen, { classes: 3 }, [4, 7, 10]],
		['quantile, ties move a bound up to the next distinct value', [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6], { classes: 5 }, [0, 1, 2, 4, 6]],
		['quantile, ties at the top leave room for the last classes', [1, 2, 3, 9, 9, 9, 9, 9, 9, 9], { classes: 3 }, [2, 3, 9]],
		['equal interval', [0, 100, 50, 10, 30], { method: 'equal_interval', classes: 4 }, [25, 50, 75, 100]],
		['equal interval keeps empty classes', [0, 1, 2, 3, 100], { method: 'equal_interval', classes: 4 }, [25, 50, 75, 100]],
		['equal interval over negative changes', [-10, -5, 0, 5, 10], { method: 'equal_interval', classes: 2 }, [0, 10]],
		['jenks finds the three groups', [1, 2, 3, 10, 11, 12, 20, 21, 22], { method: 'jenks', classes: 3 }, [3, 12, 22]],
		['jenks weighs ties', [1, 1, 1, 1, 2, 9, 10], { method: 'jenks', classes: 2 }, [2, 10]],
		['jenks, unequal groups', [0, 0.5, 1, 50, 51, 52, 53, 99], { method: 'jenks', classes: 3 }, [1, 53, 99]],
		['one value', [42], { classes: 5 }, [42]],
		['one value many times', [7, 7, 7, 7], { method: 'jenks' }, [7]],
		['fewer distinct values than classes: each its own class (quantile)', [3, 1, 3, 2], { classes: 5 }, [1, 2, 3]],
		['fewer distinct values than classes (equal interval)', [3, 1, 3, 2], { classes: 5, method: 'equal_interval' }, [1, 2, 3]],
		['fewer distinct values than classes (jenks)', [3, 1, 3, 2], { classes: 5, method: 'jenks' }, [1, 2, 3]],
		['empty', [], {}, []],
		['only nulls and NaN', [null, Number.NaN, null], {}, []],
		['null, NaN and infinities are ignored', [null, Number.NaN, 5, Number.POSITIVE_INFINITY, 1, 3], { classes: 3 }, [1, 3, 5]],
		['precision rounds the bounds as printed', [0.04, 0.06, 0.14, 0.16], { classes: 2, precision: 1 }, [0.1, 0.2]],
		['precision merges bounds that print alike', [1.01, 1.02, 1.03, 1.04], { classes: 4, precision: 1 }, [1]],
		['precision rounds half away from zero', [2.25, 2.35, 7.45], { classes: 3, precision: 1 }, [2.3, 2.4, 7.5]]
	])('%s', (_label, values, opts, expected) => {
		expect(classBreaks(values, opts)).toEqual(expected);
	});

	it.each<BreakMethod>(['quantile', 'equal_interval', 'jenks'])('%s: as many strictly ascending bounds as classes, the last one the maximum', (method) => {
		const random = lcg(7);
		for (let round = 0; round < 50; round++) {
			const values = Array.from({ length: 10 + Math.floor(random() * 80) }, () => Math.round(random() * 1000) / 10);
			const classes = 2 + Math.floor(random() * 5);
			const distinct = new Set(values).size;
			const breaks = classBreaks(values, { classes, method });
			expect(breaks).toHaveLength(Math.min(classes, distinct));
			for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThan(breaks[i - 1]!);
			expect(breaks[breaks.length - 1]).toBe(Math.max(...values));
			for (const v of values) expect(classOf(v, breaks)).toBeGreaterThanOrEqual(0);
		}
	});

	it('jenks is optimal: no other split into k classes has less squared deviation (brute force)', () => {
		const ssd = (groups: number[][]) =>
			groups.reduce((sum, g) => {
				const mean = g.reduce((a, b) => a + b, 0) / g.length;
				return sum + g.reduce((a, b) => a + (b - mean) ** 2, 0);
			}, 0);
		const groupsOf = (sorted: number[], breaks: number[]) => breaks.map((b, i) => sorted.filter((v) => v <= b && (i === 0 || v > breaks[i - 1]!)));
		/** All ways to cut the distinct values into k non-empty runs, as upper bounds. */
		function* cuts(distinct: number[], k: number, from = 0): Generator<number[]> {
			if (k === 1) {
				yield [distinct[distinct.length - 1]!];
				return;
			}
			for (let end = from; end <= distinct.length - k; end++) for (const rest of cuts(distinct, k - 1, end + 1)) yield [distinct[end]!, ...rest];
		}
		const random = lcg(42);
		for (let round = 0; round < 40; round++) {
			const values = Array.from({ length: 6 + Math.floor(random() * 9) }, () => Math.floor(random() * 30)).sort((a, b) => a - b);
			const distinct = [...new Set(values)];
			const k = 2 + Math.floor(random() * 3);
			if (distinct.length <= k) continue;
			const jenks = ssd(groupsOf(values, classBreaks(values, { method: 'jenks', classes: k })));
			let best = Infinity;
			for (const cut of cuts(distinct, k)) best = Math.min(best, ssd(groupsOf(values, cut)));
			expect(jenks).toBeCloseTo(best, 9);
		}
	});

	it('jenks stays fast for a city over many years (700 values)', () => {
		const random = lcg(1);
		const values = Array.from({ length: 86 * 8 }, () => Math.round(random() * 1000) / 10);
		const started = performance.now();
		expect(classBreaks(values, { method: 'jenks' })).toHaveLength(5);
		console.info(`atlas: jenks over ${values.length} values took ${(performance.now() - started).toFixed(1)} ms (information, not asserted)`);
	});

	it.each([0, -1, 2.5])('refuses %s classes', (classes) => {
		expect(() => classBreaks([1, 2, 3], { classes })).toThrow(RangeError);
	});
});

describe('classOf', () => {
	const breaks = [10, 20, 30];
	it.each([
		[-100, 0],
		[5, 0],
		[10, 0],
		[10.0001, 1],
		[20, 1],
		[20.5, 2],
		[30, 2],
		[31, 2],
		[Number.NaN, -1],
		[Number.POSITIVE_INFINITY, -1]
	])('%s → class %i', (value, expected) => {
		expect(classOf(value, breaks)).toBe(expected);
	});

	it('has no class without breaks', () => {
		expect(classOf(5, [])).toBe(-1);
	});
});

// ---------------------------------------------------------------------------------------------------
// Rendering a hand-made map

describe('renderAtlas on six squares', () => {
	const base = buildAtlasBase(tiny)!;
	const { svg, legend } = renderAtlas(base, tinyValues, options());
	const palette3 = classColours(3);

	it('is well-formed XML and an image named by its title and description', () => {
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*role="img" aria-labelledby="t-title t-desc"/);
		expect(svg).toContain('<title id="t-title">Anteil der Kinder mit Migrationshintergrund 2018</title>');
		expect(svg).toContain('<desc id="t-desc">Karte der Stadtteile; die Tabelle darunter enthält dieselben Zahlen.</desc>');
		// Not focusable: the table on the page is the way to the numbers.
		expect(svg).not.toMatch(/<a |tabindex|focusable="true"/);
		expect(pathsOf(svg)).toHaveLength(6);
	});

	it.each([
		['Altstadt', 'atlas-area atlas-class-0', palette3[0], 'Altstadt: 10,0 %'],
		[EVIL, 'atlas-area atlas-class-1', palette3[1], `${EVIL}: 35,0 %`],
		['Hochfeld', 'atlas-area atlas-class-2', palette3[2], 'Hochfeld: 60,0 %'],
		['Geheimdorf', 'atlas-area atlas-suppressed', 'url(#t-hatch)', 'Geheimdorf: . (Zahlenwert geheim zu halten (zum Schutz kleiner Fallzahlen gesperrt))'],
		['Unsicherheim', 'atlas-area atlas-not-reliable', 'url(#t-dots)', 'Unsicherheim: / (keine Angabe, da Zahlenwert nicht sicher genug)'],
		['Ohnedaten', 'atlas-area atlas-no-data', ATLAS_NO_DATA, 'Ohnedaten: keine Daten']
	])('%s: class, fill and title', (name, className, fill, title) => {
		const p = pathByName(svg, name);
		expect(p.className).toBe(className);
		expect(p.fill).toBe(fill);
		expect(unescape(p.title)).toBe(title);
	});

	it('defines the hatching and the dots under ids of this map', () => {
		expect(svg).toMatch(/<defs><pattern id="t-hatch" [^>]*patternTransform="rotate\(45\)">/);
		expect(svg).toMatch(/<pattern id="t-dots" [^>]*><rect [^>]*fill="#ffffff"\/><circle /);
	});

	it('escapes every text', () => {
		const evil = renderAtlas(base, tinyValues, options({ title: '</title><script>x</script>', description: 'a & b', legendTitle: '<b>', labels: { noData: '"nd"', suppressed: '<s>', notReliable: "'nr'" } })).svg;
		expect(XMLValidator.validate(evil)).toBe(true);
		expect(evil).toContain('Bad &lt;&amp;&gt; &quot;Quote&quot; &amp; &#39;Co&#39;: 35,0 %');
		expect(evil).not.toContain('<script>');
		expect(evil).not.toContain('<b>');
		expect(evil).not.toContain('<s>');
		expect(evil).toContain('&lt;/title&gt;&lt;script&gt;');
		// Control characters XML forbids are dropped instead of breaking the document.
		const control = renderAtlas(buildAtlasBase([{ ...tiny[0]!, name: 'A\u0001B\u0008C' }])!, new Map([['a', ok(10)]]), options()).svg;
		expect(XMLValidator.validate(control)).toBe(true);
		expect(control).toContain('<title>ABC: 10,0 %</title>');
	});

	it('returns the legend as data: every class, then the statuses that occur', () => {
		expect(legend).toEqual([
			{ kind: 'class', label: 'bis 20,0 %', fill: palette3[0], classIndex: 0, from: null, to: 20 },
			{ kind: 'class', label: '20,1 % – 40,0 %', fill: palette3[1], classIndex: 1, from: 20, to: 40 },
			{ kind: 'class', label: '40,1 % – 60,0 %', fill: palette3[2], classIndex: 2, from: 40, to: 60 },
			{ kind: 'status', label: 'geheim gehalten', fill: '#ffffff', pattern: 't-hatch', hatch: 'diagonal', symbol: '.' },
			{ kind: 'status', label: 'nicht sicher genug', fill: '#ffffff', pattern: 't-dots', hatch: 'dots', symbol: '/' },
			{ kind: 'status', label: 'keine Daten', fill: ATLAS_NO_DATA }
		]);
	});

	it('draws the same legend inside the SVG, so a printed or downloaded map explains itself', () => {
		const group = /<g class="atlas-legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
		const texts = [...group.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
		expect(texts).toEqual(['Anteil in %', ...legend.map((item) => item.label)]);
		const swatches = [...group.matchAll(/<rect [^>]*fill="([^"]+)"/g)].map((m) => m[1]);
		expect(swatches).toEqual([palette3[0], palette3[1], palette3[2], 'url(#t-hatch)', 'url(#t-dots)', ATLAS_NO_DATA]);
		// The legend sits below the map, inside the viewBox.
		const [, , , height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number);
		expect(height).toBeGreaterThan(base.projection.height + 6 * 24);
	});

	it('lists only the statuses that occur', () => {
		const { legend: plain } = renderAtlas(base, new Map(tiny.map((a, i) => [a.id, ok(i * 10)])), options());
		expect(plain.map((item) => item.kind)).toEqual(['class', 'class', 'class']);
	});

	it('takes the class labels in the page language', () => {
		const { legend: custom } = renderAtlas(base, tinyValues, options({
			formatBreak: (n) => n.toFixed(1).replace('.', ','),
			labels: { ...options().labels, upTo: (to) => `bis ${to} %`, range: (from, to) => `${from} – ${to} %` }
		}));
		expect(custom.slice(0, 3).map((item) => item.label)).toEqual(['bis 20,0 %', '20,1 – 40,0 %', '40,1 – 60,0 %']);
	});

	it('writes boundaries, fills and patterns as attributes, not page CSS, and keeps the stroke at 1 px when scaled', () => {
		expect(svg).toContain(`<g class="atlas-areas" stroke="${ATLAS_STROKE}" stroke-width="1"`);
		expect(svg).toContain('<style>#t-map path,#t-map rect{vector-effect:non-scaling-stroke}</style>');
		for (const p of pathsOf(svg)) expect(p.fill).toMatch(/^(#[0-9a-f]{6}|url\(#t-(hatch|dots)\))$/);
	});

	it('draws the squares where the projection puts them, to 0.1 px', () => {
		const rings = decode(pathByName(svg, 'Altstadt').d);
		expect(rings).toHaveLength(1);
		const corners = (square(0, 0).coordinates as number[][][])[0]!.slice(0, 4).map(([lng, lat]) => project(base.projection, lng!, lat!));
		expect(rings[0]).toHaveLength(4);
		for (const [x, y] of corners) expect(rings[0]!.some(([px, py]) => Math.abs(px - x) <= 0.051 && Math.abs(py - y) <= 0.051)).toBe(true);
	});
});

describe('classes across years and at their bounds', () => {
	const base = buildAtlasBase(tiny)!;
	const breaks = classBreaks([10, 35, 60, 12, 47, 58, 22], { precision: 1 });

	it('gives the same value the same fill in two years when the breaks are shared', () => {
		const year2008 = renderAtlas(base, new Map([['a', ok(22)], ['b', ok(10)]]), options({ id: 'y2008', breaks })).svg;
		const year2018 = renderAtlas(base, new Map([['a', ok(22)], ['b', ok(60)]]), options({ id: 'y2018', breaks })).svg;
		expect(pathByName(year2008, 'Altstadt').fill).toBe(pathByName(year2018, 'Altstadt').fill);
		expect(pathByName(year2008, EVIL).fill).not.toBe(pathByName(year2018, EVIL).fill);
	});

	it('lets two maps share a page without clashing ids', () => {
		const first = renderAtlas(base, tinyValues, options({ id: 'map-2008' })).svg;
		const second = renderAtlas(base, tinyValues, options({ id: 'map-2018' })).svg;
		const ids = [...(first + second).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
		expect(new Set(ids).size).toBe(ids.length);
		for (const ref of (first + second).matchAll(/url\(#([^)]+)\)|aria-labelledby="([^"]+)"/g)) {
			for (const target of (ref[1] ?? ref[2]!).split(' ')) expect(ids).toContain(target);
		}
	});

	it.each([
		[20, 0, 'a value equal to a bound is in that class'],
		[20.04, 0, 'printed as 20,0, so in "bis 20,0"'],
		[20.05, 1, 'printed as 20,1, so in "20,1 – 40,0"'],
		[40, 1, 'the upper bound of the second class'],
		[0, 0, 'zero']
	])('%s → class %i (%s)', (value, expected) => {
		const svg = renderAtlas(base, new Map([['a', ok(value)]]), options()).svg;
		expect(pathByName(svg, 'Altstadt').className).toBe(`atlas-area atlas-class-${expected}`);
	});

	it('classifies a "zero" cell as 0 and derives a missing text', () => {
		const svg = renderAtlas(base, new Map<string, AtlasValue>([['a', { value: 0, status: 'zero', text: '' }], ['b', { value: 35, status: 'ok', text: '' }], ['c', { value: null, status: 'not_available', text: '' }]]), options()).svg;
		expect(pathByName(svg, 'Altstadt').className).toBe('atlas-area atlas-class-0');
		expect(unescape(pathByName(svg, 'Altstadt').title)).toBe('Altstadt: 0,0 %');
		expect(unescape(pathByName(svg, EVIL).title)).toBe(`${EVIL}: 35,0 %`);
		expect(pathByName(svg, 'Geheimdorf').fill).toBe(ATLAS_NO_DATA);
		expect(unescape(pathByName(svg, 'Geheimdorf').title)).toBe('Geheimdorf: … (Angabe fällt später an)');
	});

	it('never uses the value of a suppressed area, even when one is passed', () => {
		const svg = renderAtlas(base, new Map<string, AtlasValue>([['a', { value: 2, status: 'suppressed_secondary', text: '.' }], ['b', { value: 33, status: 'not_reliable', text: '/' }]]), options()).svg;
		expect(pathByName(svg, 'Altstadt')).toMatchObject({ className: 'atlas-area atlas-suppressed', fill: 'url(#t-hatch)', title: 'Altstadt: .' });
		expect(pathByName(svg, EVIL)).toMatchObject({ className: 'atlas-area atlas-not-reliable', fill: 'url(#t-dots)' });
		expect(svg).not.toMatch(/atlas-class-/);
	});

	it.each<[string, Partial<AtlasOptions>, Map<string, AtlasValue>]>([
		['a value above the last bound (breaks not computed over all years)', { breaks: [20, 40] }, new Map([['a', ok(41)]])],
		['values but no breaks', { breaks: [] }, new Map([['a', ok(1)]])],
		['breaks not ascending', { breaks: [20, 10] }, new Map()],
		['more classes than colours', { breaks: [1, 2, 3, 4, 5, 6] }, new Map()],
		['an id that is no plain name', { id: 'a"b' }, new Map()],
		['a palette colour without 3:1 against the boundaries', { palette: ['#aadc32', '#333333'] }, new Map()]
	])('refuses %s', (_label, overrides, values) => {
		expect(() => renderAtlas(base, values, options(overrides))).toThrow(RangeError);
	});

	it('merges classes whose bounds print alike, so no legend entry is an empty range', () => {
		const { legend } = renderAtlas(base, new Map([['a', ok(20.01)]]), options({ breaks: [20.01, 20.04, 30] }));
		expect(legend.filter((item) => item.kind === 'class').map((item) => item.label)).toEqual(['bis 20,0 %', '20,1 % – 30,0 %']);
	});

	it('counts as integers with precision 0', () => {
		const { legend, svg } = renderAtlas(base, new Map([['a', ok(3)]]), options({ precision: 0, breaks: [2, 5, 9], formatBreak: (n) => String(n) }));
		expect(legend.slice(0, 3).map((item) => item.label)).toEqual(['bis 2', '3 – 5', '6 – 9']);
		expect(pathByName(svg, 'Altstadt').className).toBe('atlas-area atlas-class-1');
	});
});

describe('right-to-left languages', () => {
	const base = buildAtlasBase(tiny)!;
	const swatchXs = (svg: string) => [.../<g class="atlas-legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!.matchAll(/<rect x="([\d.]+)"/g)].map((m) => Number(m[1]));
	const textXs = (svg: string) => [.../<g class="atlas-legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!.matchAll(/<text x="([\d.]+)"/g)].map((m) => Number(m[1]));

	it.each(['ar', 'fa', 'ar-SY'])('%s: text runs right to left and the legend is mirrored to the right', (lang) => {
		const svg = renderAtlas(base, tinyValues, options({ lang, legendTitle: 'النسبة', labels: { noData: 'لا توجد بيانات', suppressed: 'سري', notReliable: 'غير موثوق' } })).svg;
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toContain(`lang="${lang}"`);
		expect(svg).toMatch(/<g class="atlas-legend"[^>]* direction="rtl"/);
		for (const text of /<g class="atlas-legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!.matchAll(/<text [^>]*>/g)) expect(text[0]).toContain('direction="rtl"');
		const width = base.projection.width;
		for (const x of swatchXs(svg)) expect(x).toBe(width - 16 - 22);
		// The text ends left of the swatch: anchored at its start, which is its right end.
		for (const x of textXs(svg).slice(1)) expect(x).toBeLessThan(width - 16 - 22);
	});

	it('de: the legend starts on the left', () => {
		const svg = renderAtlas(base, tinyValues, options()).svg;
		for (const x of swatchXs(svg)) expect(x).toBe(16);
		for (const x of textXs(svg).slice(1)) expect(x).toBeGreaterThan(16 + 22);
		expect(svg).not.toContain('direction="rtl"');
	});
});

// ---------------------------------------------------------------------------------------------------
// Geometry

describe('buildAtlasBase', () => {
	it('keeps a tiny island and a large hole, drops a hole below the tolerance', () => {
		const [x0, y0] = [6.9, 50.9];
		const ring = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
		const geometry: Geometry = {
			type: 'MultiPolygon',
			coordinates: [
				[ring(x0, y0, 0.1), ring(x0 + 0.02, y0 + 0.02, 0.03), ring(x0 + 0.07, y0 + 0.07, 0.000_05)],
				// An island of about 0.3 px: the tolerance alone would reduce it to a line.
				[ring(x0 + 0.12, y0 + 0.05, 0.000_15)]
			]
		};
		const base = buildAtlasBase([{ id: 'x', code: '1', name: 'Insel', geometry }])!;
		const rings = decode(base.areas[0]!.d);
		expect(rings).toHaveLength(3);
		expect(rings[2]!.length).toBeGreaterThanOrEqual(3);
		// The label point is inside the area, not in its hole.
		expect(insideRings(rings.slice(0, 2), base.areas[0]!.labelX, base.areas[0]!.labelY)).toBe(true);
	});

	it('puts the label of a U-shaped area on the area', () => {
		const u = [[6.9, 50.9], [6.93, 50.9], [6.93, 50.93], [6.92, 50.93], [6.92, 50.91], [6.91, 50.91], [6.91, 50.93], [6.9, 50.93], [6.9, 50.9]];
		const base = buildAtlasBase([{ id: 'u', code: 'U', name: 'U', geometry: { type: 'Polygon', coordinates: [u] } }])!;
		const area = base.areas[0]!;
		expect(insideRings(decode(area.d), area.labelX, area.labelY)).toBe(true);
	});

	it('is null without drawable areas and leaves out areas without a boundary', () => {
		expect(buildAtlasBase([])).toBeNull();
		const empty: AtlasArea = { id: 'n', code: '0', name: 'Nirgends', geometry: { type: 'Polygon', coordinates: [] } };
		expect(buildAtlasBase([empty])).toBeNull();
		expect(buildAtlasBase([empty, tiny[0]!])!.areas.map((a) => a.id)).toEqual(['a']);
	});
});

// ---------------------------------------------------------------------------------------------------
// Köln, real boundaries

const GEO = path.resolve(import.meta.dirname, '../../../../../../shared/data/koeln/geo');
type Feature = { properties: Record<string, string>; geometry: Geometry };
const loadAreas = (file: string, codeKey: string, nameKey: string): AtlasArea[] =>
	(JSON.parse(fs.readFileSync(path.join(GEO, file), 'utf8')).features as Feature[]).map((f) => ({
		id: `id-${f.properties[codeKey]}`,
		code: f.properties[codeKey]!,
		name: f.properties[nameKey]!,
		geometry: f.geometry
	}));

describe('the atlas of Köln (86 Stadtteile, real boundaries)', () => {
	const quarters = loadAreas('stadtteile.geojson', 'STT_NR', 'STT_NAME');
	const started = performance.now();
	const base: AtlasBase = buildAtlasBase(quarters)!;
	const coldBaseMs = performance.now() - started;
	const random = lcg(2018);
	// Two "years" of shares; a few areas suppressed, not reliable or missing, as the monitoring delivers them.
	const years = [2008, 2018].map((year) =>
		new Map<string, AtlasValue>(
			quarters.map((q, i) => {
				if (i % 19 === 3) return [q.id, hidden('suppressed_primary')];
				if (i % 23 === 5) return [q.id, hidden('not_reliable')];
				if (i % 41 === 7) return [q.id, hidden('not_available')];
				const value = Math.round((5 + random() * 70 + (year === 2018 ? 8 : 0)) * 10) / 10;
				return [q.id, ok(value)];
			})
		)
	);
	const breaks = classBreaks(years.flatMap((y) => [...y.values()].map((v) => v.value)), { precision: 1 });
	const render = (values: Map<string, AtlasValue>, id: string) => renderAtlas(base, values, options({ id, breaks }));

	it('draws 86 areas, names every Stadtteil, stays well under 60 KB, and logs the render time', () => {
		expect(quarters).toHaveLength(86);
		const runs = 50;
		let result = render(years[1]!, 'atlas');
		const t0 = performance.now();
		for (let i = 0; i < runs; i++) result = render(years[i % 2]!, 'atlas');
		const renderMs = (performance.now() - t0) / runs;
		// The first build in a process includes V8's warm-up of the simplification; a cached base pays it once.
		const t1 = performance.now();
		buildAtlasBase(quarters);
		const warmBaseMs = performance.now() - t1;
		const { svg } = render(years[1]!, 'atlas');
		const bytes = Buffer.byteLength(svg, 'utf8');
		console.info(
			`atlas: 86 Köln Stadtteile — base (project + simplify, done once and cached) ${coldBaseMs.toFixed(0)} ms cold / ${warmBaseMs.toFixed(1)} ms warm, render ${renderMs.toFixed(2)} ms per map (mean of ${runs}), ${bytes} bytes (information, not asserted)`
		);
		expect(result.svg.length).toBeGreaterThan(0);
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(pathsOf(svg)).toHaveLength(86);
		expect(svg.match(/<path /g)).toHaveLength(86 + 1); // + the hatch line in <defs>
		expect(bytes).toBeLessThan(60_000);
		const titles = pathsOf(svg).map((p) => unescape(p.title));
		for (const q of quarters) expect(titles.some((t) => t.startsWith(`${q.name}: `))).toBe(true);
	});

	it('uses every class over both years and the same colours for the same values', () => {
		const [a, b] = years.map((y, i) => pathsOf(render(y, `y${i}`).svg));
		const used = new Set([...a!, ...b!].map((p) => p.className));
		for (let c = 0; c < breaks.length; c++) expect(used).toContain(`atlas-area atlas-class-${c}`);
		expect(used).toContain('atlas-area atlas-suppressed');
		expect(used).toContain('atlas-area atlas-not-reliable');
		expect(used).toContain('atlas-area atlas-no-data');
		// Class colours are the same in both maps; pattern ids differ by map (each map defines its own).
		const fillOfClass = new Map<string, string>();
		for (const p of [...a!, ...b!].filter((p) => p.className.includes('atlas-class-'))) {
			if (!fillOfClass.has(p.className)) fillOfClass.set(p.className, p.fill);
			expect(p.fill).toBe(fillOfClass.get(p.className));
		}
	});

	it('keeps every area inside the map, with its label point on it', () => {
		const { width, height } = base.projection;
		for (const area of base.areas) {
			const rings = decode(area.d);
			expect(rings.length).toBeGreaterThanOrEqual(1);
			for (const ring of rings) {
				expect(ring.length).toBeGreaterThanOrEqual(3);
				for (const [x, y] of ring) {
					expect(x).toBeGreaterThanOrEqual(0);
					expect(x).toBeLessThanOrEqual(width);
					expect(y).toBeGreaterThanOrEqual(0);
					expect(y).toBeLessThanOrEqual(height);
				}
			}
			expect(insideRings(rings, area.labelX, area.labelY)).toBe(true);
		}
	});

	it('puts the cathedral into Altstadt/Nord, with north up', () => {
		const altstadt = base.areas.find((a) => a.name === 'Altstadt/Nord')!;
		const [x, y] = project(base.projection, 6.9583, 50.9413);
		expect(insideRings(decode(altstadt.d), x, y)).toBe(true);
		const chorweiler = base.areas.find((a) => a.name === 'Chorweiler')!;
		expect(chorweiler.labelY).toBeLessThan(altstadt.labelY);
	});

	it('draws the nine Stadtbezirke with their codes', () => {
		const districts = loadAreas('stadtbezirke.geojson', 'STB_NR', 'STB_NAME');
		const districtBase = buildAtlasBase(districts)!;
		const values = new Map(districts.map((d, i) => [d.id, ok(10 + i * 5)]));
		const { svg } = renderAtlas(districtBase, values, options({ breaks: classBreaks([...values.values()].map((v) => v.value!)), showCodes: true }));
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(pathsOf(svg)).toHaveLength(9);
		for (const d of districts) expect(svg).toContain(`>${d.code}</text>`);
	});
});
