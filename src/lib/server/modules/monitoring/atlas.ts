/**
 * The Integrationsatlas: choropleth maps of a municipality's areas, drawn on the server as one SVG.
 * Pure: no database, no I/O.
 *
 * Why it is built this way
 * - No JavaScript and no tile server: the portal sends none (see docs/ARCHITECTURE.md), and a map made of
 *   the areas' own boundaries is all a choropleth needs. The same SVG is what a visitor downloads or prints.
 * - Two steps: `buildAtlasBase` projects and simplifies the boundaries once per area set (the costly part,
 *   cacheable like the offer map's base), `renderAtlas` colours that base for one indicator and one
 *   reference date (cheap, once per map on a page).
 * - Colours mean the same in every year: the caller computes `classBreaks` over the values of ALL reference
 *   dates shown and passes the same breaks to every map. Values are classified after rounding to the
 *   precision the page prints, so an area never sits in a class its printed number contradicts
 *   ("bis 20,0 %" holds 19.96, which is printed as 20,0 %).
 * - Disclosure control decides, the map only shows: suppressed areas are hatched, not-reliable ones
 *   dotted, missing ones light grey; their values are never used, not even for a class name.
 * - The map is not the only way to the numbers: the page shows a table next to it, so areas are not
 *   focusable and the SVG is one image (role="img") named by its title and description.
 */
import { directionOf } from '../../../i18n/languages.ts';
import type { Geometry } from '../areas/rules.ts';
import { fit, polygonsOf, project, simplify, type Projection } from '../offers/offer-map.ts';
import { explainSymbol, isSuppressed, symbolFor, type CellStatus, type DinSymbol } from './disclosure.ts';
import { DEFAULT_DISPLAY_PRECISION, roundForDisplay } from './key-figures.ts';

type Position = [number, number];

// ---------------------------------------------------------------------------------------------------
// Colours

/**
 * The fills of the classes, lightest (lowest values) first: viridis (Smith & van der Walt, the matplotlib
 * and R `viridisLite::viridis(9)` ramp), entries 3 to 7. Viridis is sequential, perceptually uniform and
 * readable with all common colour-vision deficiencies, and its lightness falls monotonically, so the
 * classes keep their order in a black-and-white print. Its dark end (#440154 … #3b528b) is left out on
 * purpose: a fill that dark would not reach 3:1 against the dark boundary stroke (WCAG 1.4.11), and the
 * boundaries are what tells one area from its neighbour.
 * Contrast against ATLAS_STROKE (#1a1a1a): 10.77, 8.21, 6.12, 4.50, 3.24.
 * Neighbouring classes differ in luminance by 1.31–1.39:1, so they stay apart in grey too.
 */
export const ATLAS_PALETTE: readonly string[] = Object.freeze(['#aadc32', '#5dc863', '#27ad81', '#21908c', '#2c728e']);

/** Boundaries, hatching, dots and legend text: near-black prints as black and keeps ≥ 3:1 against every fill. */
export const ATLAS_STROKE = '#1a1a1a';

/**
 * No data: a light grey, lighter than every class (1.42:1 against the lightest, #aadc32) and without hue,
 * so it is neither read as "a low value" in colour nor merged with the lightest class in grey.
 */
export const ATLAS_NO_DATA = '#f0f0f0';

/** The background under the hatching and dots: white, so the pattern reads at full contrast. */
const PATTERN_BACKGROUND = '#ffffff';

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

function channel(hex: string, offset: number): number {
	const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
export function relativeLuminance(hex: string): number {
	if (!HEX_COLOUR.test(hex)) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
	return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
	const la = relativeLuminance(a) + 0.05;
	const lb = relativeLuminance(b) + 0.05;
	return la > lb ? la / lb : lb / la;
}

/** The minimum contrast of a boundary against the fills on both sides of it (WCAG 1.4.11, non-text contrast). */
export const MIN_BOUNDARY_CONTRAST = 3;

/**
 * The colours of `classes` classes taken from a palette: spread over the whole ramp, so three classes
 * are light, middle and dark rather than the three lightest.
 */
export function classColours(classes: number, palette: readonly string[] = ATLAS_PALETTE): string[] {
	if (classes > palette.length) throw new RangeError(`${classes} classes need at least as many colours; the palette has ${palette.length}`);
	if (classes <= 0) return [];
	if (classes === 1) return [palette[Math.floor((palette.length - 1) / 2)]!];
	return Array.from({ length: classes }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (classes - 1))]!);
}

// ---------------------------------------------------------------------------------------------------
// Class breaks

export type BreakMethod = 'quantile' | 'equal_interval' | 'jenks';

export interface ClassBreakOptions {
	/** Number of classes wanted; default 5 (the length of ATLAS_PALETTE). */
	classes?: number;
	/** Default `quantile`: every class holds about as many areas, so a map is never one colour with outliers. */
	method?: BreakMethod;
	/**
	 * Round the breaks to this many decimals (half away from zero, as the tables print), dropping breaks
	 * that become equal. Use the display precision, so that the legend's bounds are the printed ones.
	 */
	precision?: number;
}

/**
 * Class breaks over ALL values of all reference dates shown, so that a colour means the same in every
 * year. Returns the ascending upper bounds of the classes (a value equal to a bound belongs to that
 * class, see `classOf`); the last bound is the largest value.
 *
 * - null, undefined and non-finite values are ignored; no values give no breaks ([]).
 * - With no more distinct values than classes, every distinct value is its own class: any method could
 *   only add empty classes there.
 * - Otherwise the result has exactly `classes` strictly ascending bounds (quantile: where ties would
 *   put two bounds on the same value, the later one moves up to the next distinct value), unless
 *   `precision` rounds two of them together.
 */
export function classBreaks(values: readonly (number | null | undefined)[], options: ClassBreakOptions = {}): number[] {
	const classes = options.classes ?? ATLAS_PALETTE.length;
	const method = options.method ?? 'quantile';
	if (!Number.isSafeInteger(classes) || classes < 1) throw new RangeError(`classes must be an integer ≥ 1, got ${classes}`);
	const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const distinct: number[] = [];
	const weights: number[] = [];
	for (const v of sorted) {
		if (distinct.length > 0 && distinct[distinct.length - 1] === v) weights[weights.length - 1]!++;
		else {
			distinct.push(v);
			weights.push(1);
		}
	}
	let breaks: number[];
	if (distinct.length <= classes) breaks = distinct;
	else if (method === 'quantile') breaks = quantileBreaks(sorted, distinct, classes);
	else if (method === 'equal_interval') breaks = equalIntervalBreaks(distinct[0]!, distinct[distinct.length - 1]!, classes);
	else if (method === 'jenks') breaks = jenksBreaks(distinct, weights, classes);
	else throw new RangeError(`Unknown break method: ${String(method)}`);
	if (options.precision === undefined) return breaks;
	const rounded = breaks.map((b) => roundForDisplay(b, options.precision).value);
	return rounded.filter((b, i) => i === 0 || b > rounded[i - 1]!);
}

/**
 * Nearest-rank quantiles: the i-th bound is the value at rank ⌈i·n/k⌉, so each class holds about n/k
 * values and every bound is a value that occurs (a legend "bis 23,4 %" names a real area's share).
 * Equal values cannot be split between classes; where ties would make two bounds equal, the later
 * bound moves to the next distinct value, but never so far that the remaining classes run out of values.
 */
function quantileBreaks(sorted: number[], distinct: number[], classes: number): number[] {
	const n = sorted.length;
	const m = distinct.length;
	const indexOf = new Map(distinct.map((v, i) => [v, i]));
	const breaks: number[] = [];
	let previous = -1;
	for (let i = 1; i < classes; i++) {
		let index = indexOf.get(sorted[Math.ceil((i * n) / classes) - 1]!)!;
		index = Math.min(Math.max(index, previous + 1), m - 1 - (classes - i));
		breaks.push(distinct[index]!);
		previous = index;
	}
	breaks.push(distinct[m - 1]!);
	return breaks;
}

/** Bounds at equal steps between the smallest and the largest value; empty classes are allowed and kept. */
function equalIntervalBreaks(min: number, max: number, classes: number): number[] {
	const breaks = Array.from({ length: classes - 1 }, (_, i) => min + ((max - min) * (i + 1)) / classes);
	breaks.push(max);
	return breaks;
}

/**
 * Jenks natural breaks, computed exactly (Fisher 1958): the split of the sorted values into k classes
 * with the least sum of squared deviations from the class means. Dynamic programming over the distinct
 * values with their counts as weights; each layer is solved by divide and conquer, because the best
 * start of the last class never moves left when its end moves right (as in Ckmeans.1d.dp), which makes
 * it O(k·m·log m) instead of O(k·m²) for m distinct values.
 */
function jenksBreaks(distinct: number[], weights: number[], classes: number): number[] {
	const m = distinct.length;
	// Prefix sums of weight, weighted value and weighted square, around the mean to keep precision.
	const mean = distinct.reduce((sum, v, i) => sum + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
	const w = new Float64Array(m + 1);
	const s1 = new Float64Array(m + 1);
	const s2 = new Float64Array(m + 1);
	for (let i = 0; i < m; i++) {
		const x = distinct[i]! - mean;
		w[i + 1] = w[i]! + weights[i]!;
		s1[i + 1] = s1[i]! + weights[i]! * x;
		s2[i + 1] = s2[i]! + weights[i]! * x * x;
	}
	/** Sum of squared deviations of the values a … b (inclusive) from their mean. */
	const cost = (a: number, b: number): number => {
		const sw = w[b + 1]! - w[a]!;
		const sx = s1[b + 1]! - s1[a]!;
		return Math.max(0, s2[b + 1]! - s2[a]! - (sx * sx) / sw);
	};
	// best[j]: least cost of the values 0 … j in c classes; start[c][j]: where the last of them starts.
	let best = new Float64Array(m);
	for (let j = 0; j < m; j++) best[j] = cost(0, j);
	const start: Int32Array[] = [new Int32Array(m)];
	for (let c = 1; c < classes; c++) {
		const previous = best;
		const current = new Float64Array(m).fill(Infinity);
		const from = new Int32Array(m);
		// The last class starts at i (c ≤ i ≤ j): the c classes before it cover 0 … i−1.
		const solve = (lo: number, hi: number, optLo: number, optHi: number): void => {
			if (lo > hi) return;
			const j = (lo + hi) >> 1;
			let bestI = Math.max(optLo, c);
			let bestCost = Infinity;
			for (let i = Math.max(optLo, c); i <= Math.min(j, optHi); i++) {
				const total = previous[i - 1]! + cost(i, j);
				if (total < bestCost) {
					bestCost = total;
					bestI = i;
				}
			}
			current[j] = bestCost;
			from[j] = bestI;
			solve(lo, j - 1, optLo, bestI);
			solve(j + 1, hi, bestI, optHi);
		};
		solve(c, m - 1, c, m - 1);
		best = current;
		start.push(from);
	}
	const breaks: number[] = [];
	let end = m - 1;
	for (let c = classes - 1; c >= 0; c--) {
		breaks.push(distinct[end]!);
		end = c === 0 ? -1 : start[c]![end]! - 1;
	}
	return breaks.reverse();
}

/**
 * The 0-based class of a value: the first class whose upper bound is ≥ the value, so a value equal to a
 * bound belongs to that class. Values above the last bound go into the last class (breaks are computed
 * over all values, so this only happens when a caller mixes breaks and values; `renderAtlas` refuses
 * that). −1 for a non-finite value or when there are no breaks.
 */
export function classOf(value: number, breaks: readonly number[]): number {
	if (!Number.isFinite(value) || breaks.length === 0) return -1;
	for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]!) return i;
	return breaks.length - 1;
}

// ---------------------------------------------------------------------------------------------------
// Geometry, once per area set

export interface AtlasArea {
	id: string;
	code: string;
	name: string;
	geometry: Geometry;
}

export interface AtlasBaseArea {
	id: string;
	code: string;
	name: string;
	/** SVG path data in the base's pixel space, coordinates to 0.1 px. */
	d: string;
	/** A point inside the area (on its largest part), for a code or name drawn on the map. */
	labelX: number;
	labelY: number;
}

export interface AtlasBase {
	projection: Projection;
	areas: AtlasBaseArea[];
}

export interface AtlasBaseOptions {
	/**
	 * Douglas–Peucker tolerance in projected pixels (the map is 800 px wide). Default 0.7, as the offer
	 * map: detail below a pixel is invisible on screen and in print at page width, and the 86 Köln
	 * Stadtteile take about 35 KB (1 px: 31 KB, 0.5 px: 39 KB). Neighbours are simplified independently,
	 * so slivers up to this size can open or overlap along shared boundaries; the 1 px stroke covers them.
	 */
	tolerance?: number;
}

/** Coordinates in tenths of a pixel, as integers: rounding once here keeps relative path steps exact. */
type Tenths = [number, number];

function toTenths(points: Position[]): Tenths[] {
	const out: Tenths[] = [];
	for (const [x, y] of points) {
		const t: Tenths = [Math.round(x * 10), Math.round(y * 10)];
		const last = out[out.length - 1];
		if (!last || last[0] !== t[0] || last[1] !== t[1]) out.push(t);
	}
	// The path's "z" closes the ring; the repeated first point would only cost bytes.
	const first = out[0];
	const last = out[out.length - 1];
	if (out.length > 1 && first![0] === last![0] && first![1] === last![1]) out.pop();
	return out;
}

/** A number of tenths as SVG number text, as short as possible: 15 → "1.5", 5 → ".5", −5 → "-.5", 20 → "2". */
function tenthsText(t: number): string {
	const sign = t < 0 ? '-' : '';
	const abs = Math.abs(t);
	const whole = Math.floor(abs / 10);
	const fraction = abs % 10;
	if (fraction === 0) return `${sign}${whole}`;
	return whole === 0 ? `${sign}.${fraction}` : `${sign}${whole}.${fraction}`;
}

/** Numbers of a path: a minus sign separates numbers on its own, so no space is needed before it. */
function joinNumbers(numbers: string[]): string {
	let out = numbers[0] ?? '';
	for (let i = 1; i < numbers.length; i++) out += numbers[i]!.startsWith('-') ? numbers[i] : ` ${numbers[i]}`;
	return out;
}

/**
 * One ring as path data: an absolute start and relative steps (about 40 % shorter than absolute
 * coordinates at this size). The steps are differences of rounded integers, so they add up exactly.
 */
function ringPath(ring: Tenths[]): string {
	const [x0, y0] = ring[0]!;
	const steps: string[] = [];
	for (let i = 1; i < ring.length; i++) steps.push(tenthsText(ring[i]![0] - ring[i - 1]![0]), tenthsText(ring[i]![1] - ring[i - 1]![1]));
	return `M${joinNumbers([tenthsText(x0), tenthsText(y0)])}${steps.length ? 'l' + joinNumbers(steps) : ''}z`;
}

/**
 * Simplifies an outer ring without letting it vanish: a small island that the tolerance would reduce to
 * a line is simplified again with a smaller tolerance, and drawn unsimplified if need be. Holes may
 * vanish; an area must not.
 */
function outerRing(projected: Position[], tolerance: number): Tenths[] {
	for (const t of [tolerance, tolerance / 4, 0]) {
		const ring = toTenths(t > 0 ? simplify(projected, t) : projected);
		if (ring.length >= 3 || t === 0) return ring;
	}
	return [];
}

function ringArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
	return sum / 2;
}

/** Even-odd test over all rings of a polygon (outer ring and holes). */
function inside(rings: Position[][], x: number, y: number): boolean {
	let hit = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i]!;
			const [xj, yj] = ring[j]!;
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
		}
	}
	return hit;
}

/**
 * A point inside a polygon for a label: its centroid when that lies inside (most areas), otherwise the
 * middle of the widest inside stretch of the horizontal line through the centroid (crescents, U shapes).
 */
function labelPoint(rings: Position[][]): Position {
	const outer = rings[0]!;
	const area = ringArea(outer);
	let cx = 0;
	let cy = 0;
	if (Math.abs(area) > 1e-9) {
		for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
			const f = outer[j]![0] * outer[i]![1] - outer[i]![0] * outer[j]![1];
			cx += (outer[j]![0] + outer[i]![0]) * f;
			cy += (outer[j]![1] + outer[i]![1]) * f;
		}
		cx /= 6 * area;
		cy /= 6 * area;
	} else {
		const xs = outer.map((p) => p[0]);
		const ys = outer.map((p) => p[1]);
		return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
	}
	if (inside(rings, cx, cy)) return [cx, cy];
	const crossings: number[] = [];
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i]!;
			const [xj, yj] = ring[j]!;
			if (yi > cy !== yj > cy) crossings.push(((xj - xi) * (cy - yi)) / (yj - yi) + xi);
		}
	}
	crossings.sort((a, b) => a - b);
	let bestX = cx;
	let widest = -1;
	for (let i = 0; i + 1 < crossings.length; i += 2) {
		const width = crossings[i + 1]! - crossings[i]!;
		if (width > widest) {
			widest = width;
			bestX = (crossings[i]! + crossings[i + 1]!) / 2;
		}
	}
	return [bestX, cy];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Projects and simplifies the areas once; the result depends only on the boundaries and can be cached
 * per area set. Null when no area has a drawable boundary. Areas without one are left out of the map
 * (the table next to it still lists them).
 */
export function buildAtlasBase(areas: readonly AtlasArea[], options: AtlasBaseOptions = {}): AtlasBase | null {
	const tolerance = options.tolerance ?? 0.7;
	const bounds = { minLng: Infinity, maxLng: -Infinity, minLat: Infinity, maxLat: -Infinity };
	const drawable = (ring: Position[]) => ring.filter(([lng, lat]) => Number.isFinite(lng) && Number.isFinite(lat));
	const shapes = areas.map((a) => ({ area: a, polygons: polygonsOf(a.geometry).map((polygon) => polygon.map(drawable)).filter((p) => (p[0]?.length ?? 0) > 0) }));
	for (const { polygons } of shapes)
		for (const polygon of polygons)
			for (const [lng, lat] of polygon[0]!) {
				bounds.minLng = Math.min(bounds.minLng, lng);
				bounds.maxLng = Math.max(bounds.maxLng, lng);
				bounds.minLat = Math.min(bounds.minLat, lat);
				bounds.maxLat = Math.max(bounds.maxLat, lat);
			}
	if (!Number.isFinite(bounds.minLng)) return null;
	const projection = fit(bounds);
	const out: AtlasBaseArea[] = [];
	for (const { area, polygons } of shapes) {
		if (polygons.length === 0) continue;
		let d = '';
		let largest: Position[][] | null = null;
		let largestArea = -1;
		for (const polygon of polygons) {
			const rings: Position[][] = [];
			polygon.forEach((ring, i) => {
				const projected = ring.map(([lng, lat]) => project(projection, lng, lat));
				const tenths = i === 0 ? outerRing(projected, tolerance) : toTenths(simplify(projected, tolerance));
				// Holes smaller than the tolerance vanish; the outer ring always stays (see outerRing).
				if (i > 0 && tenths.length < 3) return;
				if (tenths.length === 0) return;
				d += ringPath(tenths);
				rings.push(tenths.map(([x, y]) => [x / 10, y / 10]));
			});
			const size = rings[0] ? Math.abs(ringArea(rings[0])) : -1;
			if (size > largestArea) {
				largestArea = size;
				largest = rings;
			}
		}
		if (!d || !largest) continue;
		const [labelX, labelY] = labelPoint(largest);
		out.push({ id: area.id, code: area.code, name: area.name, d, labelX: round1(labelX), labelY: round1(labelY) });
	}
	return out.length ? { projection, areas: out } : null;
}

// ---------------------------------------------------------------------------------------------------
// Rendering, once per map

export interface AtlasValue {
	value: number | null;
	status: CellStatus;
	/** Formatted for people, e.g. "34,5 %", or the DIN symbol with its explanation; derived when empty. */
	text: string;
}

export type AtlasHatch = 'diagonal' | 'dots';

export interface AtlasLegendItem {
	kind: 'class' | 'status';
	label: string;
	/** The flat fill; for a hatched item the background under the pattern. */
	fill: string;
	/**
	 * The id of the SVG `<pattern>` drawn over `fill` (defined in this map's `<defs>`), so an HTML legend
	 * on the same page can reuse it: `fill="url(#…)"`.
	 */
	pattern?: string;
	/** What the pattern looks like, for a legend drawn with CSS instead. */
	hatch?: AtlasHatch;
	/** Class items: the 0-based class, and its bounds as classified (`from` is exclusive; null for the first class). */
	classIndex?: number;
	from?: number | null;
	to?: number;
	/** Status items: the DIN 55301 symbol the tables print for it. */
	symbol?: DinSymbol;
}

export interface AtlasOptions {
	/** Prefix of every id in the SVG (title, description, patterns), so two maps on a page never clash. */
	id: string;
	title: string;
	description: string;
	/** Upper bounds of the classes, from `classBreaks` over all reference dates shown. */
	breaks: number[];
	/** A bound for people, e.g. 20 → "20,0 %". */
	formatBreak: (n: number) => string;
	/** Language of the texts, e.g. 'de'; 'ar' and 'fa' are written right to left. */
	lang: string;
	legendTitle: string;
	labels: {
		noData: string;
		suppressed: string;
		notReliable: string;
		/** The first class, default German "bis 20,0 %". */
		upTo?: (to: string) => string;
		/** Every other class, default "20,1 % – 30,0 %". */
		range?: (from: string, to: string) => string;
	};
	/**
	 * Decimals of the numbers as the page prints them; default DEFAULT_DISPLAY_PRECISION (1). Breaks and
	 * values are rounded to it before classifying, and a class starts one printed unit above the previous
	 * bound ("20,1 – 30,0 %"). Use 0 for counts.
	 */
	precision?: number;
	/** Class colours, lightest first; each must reach 3:1 against the boundary stroke. Default ATLAS_PALETTE. */
	palette?: readonly string[];
	/** Draw each area's code at its label point (useful for a few large areas, e.g. the 9 Stadtbezirke). */
	showCodes?: boolean;
}

export interface AtlasResult {
	svg: string;
	legend: AtlasLegendItem[];
}

/** Everything a text or attribute may contain, escaped; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
	return (
		text
			// eslint-disable-next-line no-control-regex -- exactly these control characters are invalid in XML 1.0
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
			.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
	);
}

const num = (n: number) => String(round1(n));

/** Legend geometry, in the map's pixels. */
const LEGEND = { margin: 16, gap: 12, titleHeight: 26, row: 24, swatchWidth: 22, swatchHeight: 15, textGap: 8, fontSize: 14 };

type Fill = { kind: 'class'; index: number } | { kind: 'suppressed' | 'not_reliable' | 'no_data' };

/**
 * One map: each area filled by its class, hatch or grey, titled "Name: text", with the legend drawn
 * below the map and returned as data for the page's HTML legend. Values are keyed by area id; areas
 * without an entry are "no data". Throws a RangeError for a caller's mistake that would make the map
 * lie (a value above the last bound, values without breaks, breaks out of order, a palette colour
 * without 3:1 against the boundaries) rather than drawing a legend that does not fit the colours.
 */
export function renderAtlas(base: AtlasBase, values: ReadonlyMap<string, AtlasValue>, options: AtlasOptions): AtlasResult {
	const { id, lang } = options;
	// Ids also go into url(#…) references, where escaping does not help: only plain names are accepted.
	if (!/^[A-Za-z][\w-]*$/.test(id)) throw new RangeError(`Atlas id must be a plain name (letters, digits, _ and -), got ${JSON.stringify(id)}`);
	const palette = options.palette ?? ATLAS_PALETTE;
	for (const colour of palette) {
		if (contrastRatio(colour, ATLAS_STROKE) < MIN_BOUNDARY_CONTRAST)
			throw new RangeError(`Palette colour ${colour} has less than ${MIN_BOUNDARY_CONTRAST}:1 contrast against the boundaries (${ATLAS_STROKE})`);
	}
	const precision = options.precision ?? DEFAULT_DISPLAY_PRECISION;
	const toGrid = (n: number) => roundForDisplay(n, precision).value;

	for (let i = 0; i < options.breaks.length; i++) {
		const b = options.breaks[i]!;
		if (!Number.isFinite(b) || (i > 0 && b <= options.breaks[i - 1]!)) throw new RangeError(`Breaks must be finite and strictly ascending: ${options.breaks.join(', ')}`);
	}
	// Bounds as printed; bounds that print alike are one class, or the legend would show an empty range.
	const gridBreaks = options.breaks.map(toGrid).filter((b, i, all) => i === 0 || b > all[i - 1]!);
	const colours = classColours(gridBreaks.length, palette);

	const fills = new Map<string, Fill>();
	for (const area of base.areas) {
		const v = values.get(area.id);
		let fill: Fill = { kind: 'no_data' };
		if (v && isSuppressed(v.status)) fill = { kind: 'suppressed' };
		else if (v?.status === 'not_reliable') fill = { kind: 'not_reliable' };
		else if (v && (v.status === 'ok' || v.status === 'zero')) {
			const value = v.status === 'zero' ? (v.value ?? 0) : v.value;
			if (value !== null && Number.isFinite(value)) {
				const printed = toGrid(value);
				if (gridBreaks.length === 0) throw new RangeError('renderAtlas: values to show, but no class breaks');
				// A value above the last bound means the breaks were computed without it: the legend would lie.
				if (printed > gridBreaks[gridBreaks.length - 1]!)
					throw new RangeError(`renderAtlas: ${area.name} has ${value}, above the last class bound ${gridBreaks[gridBreaks.length - 1]}; compute the breaks over all values shown`);
				fill = { kind: 'class', index: classOf(printed, gridBreaks) };
			}
		}
		fills.set(area.id, fill);
	}

	const patternId = { suppressed: `${id}-hatch`, not_reliable: `${id}-dots` } as const;
	const fillOf = (fill: Fill): string =>
		fill.kind === 'class' ? colours[fill.index]! : fill.kind === 'no_data' ? ATLAS_NO_DATA : `url(#${patternId[fill.kind]})`;
	const classNameOf = (fill: Fill): string =>
		fill.kind === 'class' ? `atlas-area atlas-class-${fill.index}` : `atlas-area atlas-${fill.kind.replace('_', '-')}`;
	const symbolText = (status: CellStatus): string => {
		const symbol = symbolFor(status);
		if (symbol === null) return '';
		const explained = explainSymbol(symbol);
		return `${symbol} (${lang.toLowerCase().startsWith('de') ? explained.de : explained.en})`;
	};

	// ----- legend as data: every class (the same in every year), then only the statuses that occur
	const upTo = options.labels.upTo ?? ((to: string) => `bis ${to}`);
	const range = options.labels.range ?? ((from: string, to: string) => `${from} – ${to}`);
	const unit = 10 ** -precision;
	const legend: AtlasLegendItem[] = gridBreaks.map((to, index) => {
		const from = index === 0 ? null : gridBreaks[index - 1]!;
		const label = from === null ? upTo(options.formatBreak(to)) : range(options.formatBreak(toGrid(from + unit)), options.formatBreak(to));
		return { kind: 'class', label, fill: colours[index]!, classIndex: index, from, to };
	});
	const used = new Set([...fills.values()].map((f) => f.kind));
	if (used.has('suppressed'))
		legend.push({ kind: 'status', label: options.labels.suppressed, fill: PATTERN_BACKGROUND, pattern: patternId.suppressed, hatch: 'diagonal', symbol: '.' });
	if (used.has('not_reliable'))
		legend.push({ kind: 'status', label: options.labels.notReliable, fill: PATTERN_BACKGROUND, pattern: patternId.not_reliable, hatch: 'dots', symbol: '/' });
	if (used.has('no_data')) legend.push({ kind: 'status', label: options.labels.noData, fill: ATLAS_NO_DATA });

	// ----- the SVG
	const { width, height: mapHeight } = base.projection;
	// 'ar' and 'fa' (also as 'ar-SY' and the like) are the portal's right-to-left languages.
	const direction = directionOf(lang.toLowerCase().split('-')[0] ?? '');
	const rtl = direction === 'rtl';
	const legendTop = mapHeight + LEGEND.gap;
	const height = Math.ceil(legendTop + LEGEND.titleHeight + legend.length * LEGEND.row + LEGEND.margin);

	const paths = base.areas
		.map((area) => {
			const fill = fills.get(area.id)!;
			const v = values.get(area.id);
			let text = v?.text ?? '';
			if (!text) {
				if (fill.kind === 'class') text = options.formatBreak(v!.status === 'zero' ? (v!.value ?? 0) : v!.value!);
				else if (v) text = symbolText(v.status) || options.labels.noData;
				else text = options.labels.noData;
			}
			return `<path class="${classNameOf(fill)}" fill="${fillOf(fill)}" d="${area.d}"><title>${escapeXml(`${area.name}: ${text}`)}</title></path>`;
		})
		.join('');

	const codes = options.showCodes
		? // Dark text on a white halo: readable on every class colour and on the hatching.
			`<g font-family="system-ui, sans-serif" font-size="14" font-weight="bold" text-anchor="middle" fill="${ATLAS_STROKE}" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round" pointer-events="none" direction="ltr">` +
			base.areas.map((a) => `<text x="${num(a.labelX)}" y="${num(a.labelY + 5)}">${escapeXml(a.code)}</text>`).join('') +
			'</g>'
		: '';

	// The legend under the map, at the start of the line: left for LTR, mirrored to the right for RTL,
	// with the swatch before the text in reading order. direction="rtl" with text-anchor="start" anchors
	// the text at its right end and lets the bidi algorithm order numbers and units within Arabic or Farsi.
	const swatchX = rtl ? width - LEGEND.margin - LEGEND.swatchWidth : LEGEND.margin;
	const textX = rtl ? width - LEGEND.margin - LEGEND.swatchWidth - LEGEND.textGap : LEGEND.margin + LEGEND.swatchWidth + LEGEND.textGap;
	const titleX = rtl ? width - LEGEND.margin : LEGEND.margin;
	const legendRows = legend
		.map((item, i) => {
			const top = legendTop + LEGEND.titleHeight + i * LEGEND.row;
			const fill = item.pattern ? `url(#${item.pattern})` : item.fill;
			return (
				`<rect x="${num(swatchX)}" y="${num(top + (LEGEND.row - LEGEND.swatchHeight) / 2)}" width="${LEGEND.swatchWidth}" height="${LEGEND.swatchHeight}" fill="${fill}" stroke="${ATLAS_STROKE}"/>` +
				`<text x="${num(textX)}" y="${num(top + LEGEND.row / 2 + 5)}" direction="${direction}">${escapeXml(item.label)}</text>`
			);
		})
		.join('');

	const svg = [
		`<svg xmlns="http://www.w3.org/2000/svg" id="${id}-map" viewBox="0 0 ${width} ${height}" class="atlas-map" role="img" aria-labelledby="${id}-title ${id}-desc" lang="${escapeXml(lang)}">`,
		`<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
		// Scoped by the map's id: inline in HTML the style applies to the whole page. A 1 px boundary at
		// any size, so it stays visible when the map is shrunk to a phone or to the printed page.
		`<style>#${id}-map path,#${id}-map rect{vector-effect:non-scaling-stroke}</style>`,
		'<defs>',
		`<pattern id="${patternId.suppressed}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${PATTERN_BACKGROUND}"/><path d="M3 0V6" stroke="${ATLAS_STROKE}" stroke-width="1.6"/></pattern>`,
		`<pattern id="${patternId.not_reliable}" width="5" height="5" patternUnits="userSpaceOnUse"><rect width="5" height="5" fill="${PATTERN_BACKGROUND}"/><circle cx="2.5" cy="2.5" r="1.1" fill="${ATLAS_STROKE}"/></pattern>`,
		'</defs>',
		// Fills and strokes as attributes, not page CSS: a downloaded or printed SVG looks the same.
		`<g class="atlas-areas" stroke="${ATLAS_STROKE}" stroke-width="1" stroke-linejoin="round" fill-rule="evenodd">${paths}</g>`,
		codes,
		`<g class="atlas-legend" font-family="system-ui, sans-serif" font-size="${LEGEND.fontSize}" fill="${ATLAS_STROKE}" direction="${direction}" text-anchor="start">`,
		`<text x="${num(titleX)}" y="${num(legendTop + 18)}" font-weight="bold" direction="${direction}">${escapeXml(options.legendTitle)}</text>`,
		legendRows,
		'</g>',
		'</svg>'
	].join('');
	return { svg, legend };
}
