/**
 * Charts of the monitoring: lines over reference dates and grouped bars (e.g. shares by age group for
 * two years), drawn on the server as one SVG each. Pure: no database, no I/O, no randomness, no clock, so
 * the same input always gives the same bytes (cacheable, diffable, testable).
 *
 * Why it is built this way (the conventions of the sibling `atlas.ts`)
 * - No JavaScript: the portal sends none (docs/ARCHITECTURE.md). The SVG the page inlines is also what a
 *   visitor downloads or prints, so every colour, stroke and font is an attribute, never page CSS.
 * - The chart is one image (role="img") named by its title and description; the numbers themselves are
 *   in the data table that the page shows next to it (the issue asks for a table alternative). Each
 *   point and bar still carries a <title>, a tooltip for mouse users.
 * - Disclosure control decides, the chart only shows. A value that is not published (`ok` or `zero`) is
 *   never drawn and never used for anything else either, not even for the extent of the axis: an axis
 *   that stretched to 100 % because of a suppressed 99 % would publish it. A line has a gap there and is
 *   never interpolated across it (a line through a hidden point is a statement about that point); a bar
 *   is an empty dashed outline of a fixed height with its DIN 55301 symbol above it.
 * - Not by colour alone (WCAG 1.4.1): lines differ in dash pattern and marker shape, bars in fill pattern
 *   (solid, hatched, dotted …). Colours come from a colour-blind-safe palette, each at least 3:1 against the
 *   white background (WCAG 1.4.11); the chart paints that background itself, so the ratio holds on a dark
 *   page too.
 * - Ids are prefixed with `options.id`, so several charts (and atlas maps) can share one page.
 * - Coordinates are rounded to 0.1 px: finer is invisible and only costs bytes.
 */
import { directionOf } from '../../../i18n/languages.ts';
import { ATLAS_STROKE, contrastRatio, escapeXml, MIN_BOUNDARY_CONTRAST } from './atlas.ts';
import { explainSymbol, isPublished, symbolFor, type CellStatus, type DinSymbol } from './disclosure.ts';

// ---------------------------------------------------------------------------------------------------
// Colours and shapes

/**
 * Series colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), designed to stay
 * apart with protanopia, deuteranopia and tritanopia, without the members that fail 3:1 against white
 * (orange #E69F00 2.25, sky blue #56B4E9 2.31, yellow #F0E442 1.32).
 * Contrast against CHART_BACKGROUND (#ffffff): 5.19, 3.87, 3.42, 3.06, 21.00.
 * Blue and vermillion come first because two series (two reference dates) are the common case and these
 * two are the pair that differs most for every kind of colour-vision deficiency.
 */
export const CHART_PALETTE: readonly string[] = Object.freeze(['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000']);

/** The background the chart paints under everything; the palette's contrast is measured against it. */
export const CHART_BACKGROUND = '#ffffff';

/** Text, axes, outlines of emphasised bars: the atlas's near-black (17.4:1 against white). */
export const CHART_INK = ATLAS_STROKE;

/** Grid lines: light on purpose. They are a reading aid, not information, and must not compete with the data. */
const GRID = '#d9d9d9';

/** WCAG 1.4.11 non-text contrast, the same threshold the atlas holds its boundaries to. */
export const MIN_GRAPHIC_CONTRAST = MIN_BOUNDARY_CONTRAST;

/**
 * Dash patterns (stroke-dasharray at stroke width 2), one per series: solid, dashed, dotted, dash-dot,
 * long dash-dot-dot. They remain distinct in a black-and-white print and for any colour vision.
 */
export const LINE_DASHES: readonly string[] = Object.freeze(['', '8 4', '2 3', '10 3 2 3', '14 3 3 3 3 3']);

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'none';

/** Marker shapes, one per series: a second cue besides the dash, readable where lines are short or cross. */
export const LINE_MARKERS: readonly Exclude<MarkerShape, 'none'>[] = Object.freeze(['circle', 'square', 'triangle', 'diamond', 'triangle-down']);

export type BarFill = 'solid' | 'diagonal' | 'dots' | 'crosshatch' | 'horizontal';

/**
 * Fills of the bar series: the first solid, the others patterns in the series colour on white with a
 * solid outline in that colour. The outline carries the 3:1 contrast of the bar's shape, the pattern
 * tells the series apart without colour.
 */
export const BAR_FILLS: readonly BarFill[] = Object.freeze(['solid', 'diagonal', 'dots', 'crosshatch', 'horizontal']);

// ---------------------------------------------------------------------------------------------------
// Types

export interface ChartValue {
	value: number | null;
	status: CellStatus;
	/** Formatted for people, e.g. "34,5 %"; derived with `formatTick` (or the DIN symbol) when empty. */
	text: string;
}

export interface LineSeries {
	id: string;
	label: string;
	/** One point per reference date, e.g. x "2005". Numeric x are placed by value and sorted ascending. */
	points: { x: string; value: ChartValue }[];
}

export interface BarGroup {
	/** e.g. the age group "0–3". */
	label: string;
	/** One bar per series at most; a series without a bar here is drawn as "not available" (…). */
	bars: { seriesId: string; value: ChartValue }[];
}

export interface ChartLegendItem {
	/** `series`: one line or bar series; `status`: a DIN symbol that occurs; `mark`: emphasised bars. */
	kind: 'series' | 'status' | 'mark';
	/** The series id; for status items `status-` and the symbol's name, for the mark item `marked`. */
	id: string;
	label: string;
	colour: string;
	/** stroke-dasharray of the line; '' for solid (and for everything that is not a line). */
	dash: string;
	marker: MarkerShape;
	/** Bars only: the fill kind, and the id of its <pattern> in this chart's <defs> for an HTML legend. */
	fill?: BarFill;
	pattern?: string;
	/** Status items: the DIN 55301 symbol shown in the chart. */
	symbol?: DinSymbol;
	/** Lines only: the series drawn emphasised (`options.highlight`). */
	emphasised?: boolean;
}

export interface ChartResult {
	svg: string;
	legend: ChartLegendItem[];
}

interface CommonOptions {
	/** Prefix of every id in the SVG: a plain name (letters, digits, _ and -), starting with a letter. */
	id: string;
	title: string;
	description: string;
	/** Language of the texts, e.g. 'de'; 'ar' and 'fa' (also 'ar-SY') are written right to left. */
	lang: string;
	/** What the y axis measures, e.g. "Anteil in %"; drawn above the axis. */
	yLabel: string;
	/** A y value for people, e.g. 40 → "40 %". Also formats a value whose `text` is empty. */
	formatTick: (n: number) => string;
	/** Total width and the height of the plot part; the legend is added below. Defaults 640 × 360. */
	width?: number;
	height?: number;
	/** About how many intervals the y axis gets (see `niceTicks`); default 5. */
	tickCount?: number;
	/** Series colours; each must reach 3:1 against white. Default CHART_PALETTE. */
	palette?: readonly string[];
	/** Legend texts for the statuses; defaults explain the symbol in German (lang de) or English. */
	labels?: {
		statuses?: Partial<Record<DinSymbol, string>>;
		/** Bars: the legend text for `markedValues`, e.g. "Anteil über 50 %". */
		marked?: string;
	};
}

export interface LineChartOptions extends CommonOptions {
	/**
	 * Bounds the axis must include. The axis always reaches 0 unless `yMin` is set above it, and it is
	 * extended rather than cut when a published value lies outside: a chart never hides a value.
	 */
	yMin?: number;
	yMax?: number;
	/** The id of a series drawn emphasised (thicker, larger markers, on top). */
	highlight?: string;
}

export interface BarChartOptions extends CommonOptions {
	/** The axis reaches at least this (e.g. 100 for shares); always from 0, since a bar's length is its value. */
	yMax?: number;
	/**
	 * Bars to emphasise, as `${group.label}|${seriesId}`, e.g. shares over 50 % (the Bottrop highlight).
	 * Drawn with a heavy dark outline and a bold value label. Ignored for bars whose value is not
	 * published: emphasising a hidden share "because it is over 50 %" would disclose it.
	 */
	markedValues?: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------------
// Nice ticks

/** Values whose magnitude exceeds this are refused: beyond it tick arithmetic could overflow to Infinity. */
const MAX_MAGNITUDE = 1e300;

/**
 * Round axis ticks covering [min, max]: equally spaced by 1, 2 or 5 × 10^k, the smallest such step that
 * spans the range in `count` intervals; extending both ends to a multiple of the step can add one more
 * (so at most count + 1). The first tick is ≤ min and the last ≥ max, ascending, at least two. Computed from integer
 * multiples, so 0.1 steps give 0.3 and not 0.30000000000000004. Equal min and max are widened by one
 * unit of their order of magnitude (5 → 4 … 6, 0 → 0 … 1), so an axis always has a length.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
	if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError(`niceTicks needs finite bounds, got ${min} and ${max}`);
	if (Math.abs(min) > MAX_MAGNITUDE || Math.abs(max) > MAX_MAGNITUDE) throw new RangeError(`niceTicks supports magnitudes up to ${MAX_MAGNITUDE}`);
	if (!Number.isSafeInteger(count) || count < 1 || count > 100) throw new RangeError(`count must be an integer 1 … 100, got ${count}`);
	let lo = Math.min(min, max);
	let hi = Math.max(min, max);
	// A span below 1e-9 of the values' size cannot be told apart in print, and its step would be so small
	// that the tick index (value / step) loses integer precision: treat it as one value.
	if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) {
		const v = (lo + hi) / 2;
		if (v === 0) {
			lo = 0;
			hi = 1;
		} else {
			const unit = 10 ** Math.floor(Math.log10(Math.abs(v)));
			lo = v - unit;
			hi = v + unit;
		}
	}
	const raw = hi / count - lo / count;
	const exponent = Math.floor(Math.log10(raw));
	const magnitude = 10 ** exponent;
	const residual = raw / magnitude;
	const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
	const step = nice * magnitude;
	// Dividing by an exact power of ten (10^3) rather than multiplying by an inexact one (0.001) keeps
	// decimal ticks exact as printed; beyond 10^22 powers of ten are inexact either way.
	const inverse = exponent < 0 && exponent >= -22 ? 10 ** -exponent : 0;
	const tick = (i: number): number => (inverse ? (i * nice) / inverse : i * step) + 0; // + 0 turns -0 into 0
	// The tolerance absorbs division noise (0.3 / 0.1 = 2.9999999999999996), which would add an extra tick.
	const first = Math.floor(lo / step + 1e-9);
	const last = Math.ceil(hi / step - 1e-9);
	const ticks: number[] = [];
	for (let i = first; i <= last; i++) ticks.push(tick(i));
	if (ticks.length < 2) ticks.push(tick(first + 1));
	return ticks;
}

// ---------------------------------------------------------------------------------------------------
// Shared helpers

/**
 * A coordinate as SVG number text, rounded to 0.1. Every coordinate passes here, and a non-finite one is
 * a bug in this file (inputs are checked before): failing loudly beats writing "NaN" into a page.
 */
function num(n: number): string {
	if (!Number.isFinite(n)) throw new Error(`charts: non-finite coordinate ${n}`);
	return String(Math.round(n * 10) / 10 + 0);
}

/**
 * The width of a text in a sans-serif font, estimated per character class (server-side there is no
 * font to measure). Deliberately generous, so a label judged to fit really fits.
 */
function textWidth(text: string, fontSize: number, bold = false): number {
	let em = 0;
	for (const ch of text) {
		if (/[0-9]/.test(ch)) em += 0.56;
		else if (/[\s.,:;'|!iIl()[\]/\u066B\u066C]/.test(ch)) em += 0.3;
		else if (/[%\u066A\u2030mwMW@]/.test(ch)) em += 0.9;
		else em += 0.62;
	}
	return em * fontSize * (bold ? 1.08 : 1);
}

/** The number a published value stands for, or null: only `ok` with a finite value and `zero` (0) are drawn. */
function drawable(v: ChartValue | undefined): number | null {
	if (!v || !isPublished(v.status)) return null;
	if (v.status === 'zero') return 0;
	return v.value !== null && Number.isFinite(v.value) && Math.abs(v.value) <= MAX_MAGNITUDE ? v.value : null;
}

/**
 * The text of a value for a label or tooltip: for a drawn value its own text (else the formatted number),
 * for any other the DIN symbol with its explanation. A withheld value's own `text` is never used: a
 * caller may have formatted the hidden number into it, and a tooltip is as public as the bar.
 */
function textOf(v: ChartValue | undefined, format: (n: number) => string, explain: (symbol: DinSymbol) => string): string {
	const n = drawable(v);
	if (n !== null) return v?.text || format(n);
	const symbol = withheldSymbol(v);
	return `${symbol} (${explain(symbol)})`;
}

/** The symbol of a value that is not drawn (… for a missing entry). */
function withheldSymbol(v: ChartValue | undefined): DinSymbol {
	return symbolFor(v?.status ?? 'not_available') ?? '…';
}

/** Letters of the right-to-left scripts; digits (also Arabic-Indic ones) are no letters and decide nothing. */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * The direction of one text by its first strong character, as HTML's dir="auto" does it: a German
 * district name ("11-Altstadt") in an Arabic chart stays "11-Altstadt" instead of being reordered to
 * "Altstadt-11", and an Arabic label in a German chart runs right to left. The marks LRM, RLM and ALM
 * count (Intl.NumberFormat puts an ALM into Arabic percentages for exactly this reason). A text without
 * any, such as "0–3" or "76,3 %", is laid out left to right: these are positions on an axis that is not
 * mirrored, and in an RTL base direction "0–3" would be shown as "3–0".
 */
function directionOfText(text: string): 'ltr' | 'rtl' {
	for (const ch of text) {
		if (ch === '\u200E') return 'ltr';
		if (ch === '\u200F' || ch === '\u061C') return 'rtl';
		if (/\p{L}/u.test(ch)) return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
	}
	return 'ltr';
}

/**
 * A <text> whose visual left edge, right edge or middle sits at x, whatever its direction: with
 * direction="rtl" the "start" of a text is its right end, so the anchor is chosen per text. The
 * direction is written only where it differs from the chart's (inherited from the root).
 */
function textAt(frame: Frame, content: string, x: number, y: number, align: 'left' | 'right' | 'middle', attributes = ''): string {
	const dir = directionOfText(content);
	const anchor = align === 'middle' ? 'middle' : (align === 'left') === (dir === 'ltr') ? 'start' : 'end';
	return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}"${dir === frame.direction ? '' : ` direction="${dir}"`}${attributes}>${escapeXml(content)}</text>`;
}

const FONT = 'system-ui, sans-serif';
const FONT_SIZE = { tick: 12, label: 12, value: 11, legend: 13, symbol: 14 };
const LEGEND = { gap: 14, row: 22, sample: 34, textGap: 8, margin: 16, bottom: 10 };
/** The y axis label's baseline; nothing in the plot (value labels included) reaches above LABEL_CEILING. */
const Y_LABEL_BASELINE = 18;
const LABEL_CEILING = 26;
/** The least top margin of the plot: the y axis label plus room for the topmost tick label. */
const MIN_TOP = 34;

interface Frame {
	id: string;
	lang: string;
	rtl: boolean;
	direction: 'rtl' | 'ltr';
	width: number;
	height: number;
	palette: readonly string[];
	maxSeries: number;
}

function frameOf(options: CommonOptions, stylesPerSeries: number): Frame {
	const { id, lang } = options;
	// Ids also go into url(#…) references, where escaping does not help: only plain names are accepted.
	if (!/^[A-Za-z][\w-]*$/.test(id)) throw new RangeError(`Chart id must be a plain name (letters, digits, _ and -), got ${JSON.stringify(id)}`);
	const width = options.width ?? 640;
	const height = options.height ?? 360;
	if (!Number.isFinite(width) || width < 240 || width > 10000) throw new RangeError(`width must be 240 … 10000, got ${width}`);
	if (!Number.isFinite(height) || height < 160 || height > 10000) throw new RangeError(`height must be 160 … 10000, got ${height}`);
	const palette = options.palette ?? CHART_PALETTE;
	for (const colour of palette) {
		if (contrastRatio(colour, CHART_BACKGROUND) < MIN_GRAPHIC_CONTRAST)
			throw new RangeError(`Palette colour ${colour} has less than ${MIN_GRAPHIC_CONTRAST}:1 contrast against the background (${CHART_BACKGROUND})`);
	}
	const direction = directionOf(lang.toLowerCase().split('-')[0] ?? '');
	const rtl = direction === 'rtl';
	return {
		id,
		lang,
		rtl,
		direction,
		width,
		height,
		palette,
		// More series than distinct styles would make two of them identical; a chart with more lines than
		// this is unreadable anyway and belongs in a table or in several charts.
		maxSeries: Math.min(palette.length, stylesPerSeries)
	};
}

function checkSeriesIds(ids: string[], frame: Frame): void {
	if (ids.length > frame.maxSeries) throw new RangeError(`At most ${frame.maxSeries} series can be told apart in one chart, got ${ids.length}`);
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new RangeError(`Duplicate series id ${JSON.stringify(id)}`);
		seen.add(id);
	}
}

interface YAxis {
	ticks: number[];
	lo: number;
	hi: number;
	/** Pixel y of a value inside [lo, hi]. */
	y: (v: number) => number;
}

/**
 * The y scale over the published values only (see the header: hidden values must not stretch the axis),
 * always including 0 unless `yMin` says otherwise, and `yMin`/`yMax` where given.
 */
function yAxisOf(values: number[], options: { yMin?: number; yMax?: number; tickCount?: number }, includeZero: boolean): Omit<YAxis, 'y'> {
	for (const key of ['yMin', 'yMax'] as const) {
		const v = options[key];
		if (v !== undefined && (!Number.isFinite(v) || Math.abs(v) > MAX_MAGNITUDE)) throw new RangeError(`${key} must be a finite number, got ${v}`);
	}
	if (options.yMin !== undefined && options.yMax !== undefined && options.yMin >= options.yMax)
		throw new RangeError(`yMin (${options.yMin}) must be below yMax (${options.yMax})`);
	let lo = options.yMin ?? (includeZero ? 0 : Infinity);
	let hi = options.yMax ?? -Infinity;
	if (includeZero && options.yMin === undefined) hi = Math.max(hi, 0);
	for (const v of values) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	if (!Number.isFinite(lo) && !Number.isFinite(hi)) [lo, hi] = [0, 1];
	else if (!Number.isFinite(lo)) lo = hi;
	else if (!Number.isFinite(hi)) hi = lo;
	const ticks = niceTicks(lo, hi, options.tickCount ?? 5);
	return { ticks, lo: ticks[0]!, hi: ticks[ticks.length - 1]! };
}

function withScale(axis: Omit<YAxis, 'y'>, top: number, bottom: number): YAxis {
	const { lo, hi } = axis;
	// Halves, so that hi − lo cannot overflow even at the largest magnitudes accepted.
	const span = hi / 2 - lo / 2;
	return { ...axis, y: (v) => bottom - ((v / 2 - lo / 2) / span) * (bottom - top) };
}

interface Margins {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

/** The y axis: grid lines, tick labels flush right against the axis, the axis label above it. */
function drawYAxis(axis: YAxis, m: Margins, frame: Frame, options: CommonOptions): string {
	const x0 = m.left;
	const x1 = frame.width - m.right;
	const grid = axis.ticks
		.map((t) => `<path d="M${num(x0)} ${num(axis.y(t))}H${num(x1)}"/>`)
		.join('');
	const labels = axis.ticks
		.map((t) => textAt(frame, options.formatTick(t), x0 - 6, axis.y(t) + 4, 'right'))
		.join('');
	// The zero line is the bars' baseline and the reference of every line: drawn dark, like the axes.
	const zero = axis.lo < 0 && axis.hi > 0 ? `<path d="M${num(x0)} ${num(axis.y(0))}H${num(x1)}" stroke="${CHART_INK}"/>` : '';
	return (
		`<g class="chart-grid" stroke="${GRID}" stroke-width="1">${grid}</g>` +
		zero +
		`<g class="chart-y-ticks" font-size="${FONT_SIZE.tick}">${labels}</g>` +
		// Above the axis rather than rotated along it: horizontal text reads in every script. Its left end
		// sits at the left edge in both directions (the axis stays on the left, see renderLineChart), so it
		// runs over the plot's top margin.
		textAt(frame, options.yLabel, 8, Y_LABEL_BASELINE, 'left', ` class="chart-y-label" font-size="${FONT_SIZE.label}"`) +
		`<path class="chart-axes" d="M${num(x0)} ${num(m.top)}V${num(frame.height - m.bottom)}H${num(x1)}" stroke="${CHART_INK}" fill="none"/>`
	);
}

function leftMargin(axis: Omit<YAxis, 'y'>, frame: Frame, options: CommonOptions): number {
	const widest = Math.max(...axis.ticks.map((t) => textWidth(options.formatTick(t), FONT_SIZE.tick)));
	// Very long tick texts would leave no plot: they may not take more than a third of the width.
	return Math.min(Math.max(32, widest + 14), frame.width / 3);
}

interface LegendRow {
	item: ChartLegendItem;
	/** The swatch, drawn in a box of LEGEND.sample × LEGEND.row with its left edge at x and top at y. */
	swatch: (x: number, y: number) => string;
}

/**
 * The legend below the plot, one item per row at the start of the line: left for LTR, mirrored to the
 * right for RTL with the swatch before the text in reading order (so to its right). Returns the SVG and
 * the height it takes.
 */
function drawLegend(rows: LegendRow[], top: number, frame: Frame): { svg: string; height: number } {
	if (rows.length === 0) return { svg: '', height: 0 };
	const swatchX = frame.rtl ? frame.width - LEGEND.margin - LEGEND.sample : LEGEND.margin;
	const textX = frame.rtl ? swatchX - LEGEND.textGap : swatchX + LEGEND.sample + LEGEND.textGap;
	const body = rows
		.map((row, i) => {
			const y = top + LEGEND.gap + i * LEGEND.row;
			return row.swatch(swatchX, y) + textAt(frame, row.item.label, textX, y + LEGEND.row / 2 + 4.5, frame.rtl ? 'right' : 'left');
		})
		.join('');
	return {
		svg: `<g class="chart-legend" font-size="${FONT_SIZE.legend}">${body}</g>`,
		height: LEGEND.gap + rows.length * LEGEND.row + LEGEND.bottom
	};
}

/** The legend text of a symbol: the caller's, else the explanation of disclosure.ts in German or English. */
function statusLabel(symbol: DinSymbol, frame: Frame, options: CommonOptions, prefix?: { de: string; en: string }): string {
	const own = options.labels?.statuses?.[symbol];
	if (own !== undefined) return own;
	const german = frame.lang.toLowerCase().startsWith('de');
	const explained = explainSymbol(symbol);
	// The symbol itself is drawn in the swatch (and is `symbol` in the data), not repeated in the text.
	const text = german ? explained.de : explained.en;
	return prefix ? `${german ? prefix.de : prefix.en}${text}` : text;
}

/** Symbol names for legend ids, so ids stay plain ASCII. */
const SYMBOL_NAMES: Record<DinSymbol, string> = { '-': 'zero', '.': 'suppressed', '/': 'not-reliable', x: 'not-applicable', '…': 'not-available' };
const DIN_ORDER: readonly DinSymbol[] = ['.', '/', 'x', '…', '-'];

function assemble(frame: Frame, options: CommonOptions, totalHeight: number, parts: string[], kind: string): string {
	const { id } = frame;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" id="${id}-chart" class="chart chart-${kind}" viewBox="0 0 ${num(frame.width)} ${num(totalHeight)}" role="img" aria-labelledby="${id}-title ${id}-desc" lang="${escapeXml(frame.lang)}" direction="${frame.direction}" font-family="${FONT}" fill="${CHART_INK}">`,
		`<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(options.description)}</desc>`,
		`<rect class="chart-background" width="${num(frame.width)}" height="${num(totalHeight)}" fill="${CHART_BACKGROUND}"/>`,
		...parts,
		'</svg>'
	].join('');
}

// ---------------------------------------------------------------------------------------------------
// Lines

/** A marker path centred at (x, y) with "radius" r; all shapes have about the same visual weight. */
function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
	switch (shape) {
		case 'circle':
			return `M${num(x - r)} ${num(y)}a${num(r)} ${num(r)} 0 1 0 ${num(2 * r)} 0a${num(r)} ${num(r)} 0 1 0 ${num(-2 * r)} 0z`;
		case 'square': {
			const s = r * 0.9;
			return `M${num(x - s)} ${num(y - s)}h${num(2 * s)}v${num(2 * s)}h${num(-2 * s)}z`;
		}
		case 'triangle': {
			const s = r * 1.25;
			return `M${num(x)} ${num(y - s)}L${num(x + s)} ${num(y + s * 0.8)}H${num(x - s)}z`;
		}
		case 'triangle-down': {
			const s = r * 1.25;
			return `M${num(x)} ${num(y + s)}L${num(x + s)} ${num(y - s * 0.8)}H${num(x - s)}z`;
		}
		case 'diamond': {
			const s = r * 1.3;
			return `M${num(x)} ${num(y - s)}L${num(x + s)} ${num(y)}L${num(x)} ${num(y + s)}L${num(x - s)} ${num(y)}z`;
		}
		case 'none':
			return '';
	}
}

const NUMERIC_X = /^-?\d+(?:\.\d+)?$/;

/**
 * Lines over reference dates. One path per series whose subpaths ("M … L …") stop at every point that
 * is not drawn, so a gap shows exactly where a value is missing or withheld; a published point between
 * two gaps is a marker alone.
 *
 * The x axis runs left to right in every language, also in Arabic and Farsi: time and number axes are
 * not mirrored in right-to-left charts by convention (Arabic and Persian write numbers with the most
 * significant digit on the left, and statistical publications in these languages plot years rising to
 * the right), so mirroring would make "2005 … 2012" read as a decline where there is a rise. Only the
 * texts run right to left, and the legend moves to the right, where reading starts.
 */
export function renderLineChart(series: LineSeries[], options: LineChartOptions): ChartResult {
	const frame = frameOf(options, Math.min(LINE_DASHES.length, LINE_MARKERS.length));
	checkSeriesIds(
		series.map((s) => s.id),
		frame
	);
	if (options.highlight !== undefined && !series.some((s) => s.id === options.highlight))
		throw new RangeError(`highlight names no series: ${JSON.stringify(options.highlight)}`);

	// ----- x categories: numeric ones (years) sorted and placed by value, others in order of appearance
	const byX = series.map((s) => {
		const map = new Map<string, ChartValue>();
		for (const p of s.points) {
			if (map.has(p.x)) throw new RangeError(`Series ${JSON.stringify(s.id)} has two points at x ${JSON.stringify(p.x)}`);
			map.set(p.x, p.value);
		}
		return map;
	});
	const xs: string[] = [];
	for (const s of series) for (const p of s.points) if (!xs.includes(p.x)) xs.push(p.x);
	// Numeric only if the values also differ ("2005" and "2005.0" would share one position).
	const numeric =
		xs.length > 0 &&
		xs.every((x) => NUMERIC_X.test(x) && Math.abs(Number(x)) <= MAX_MAGNITUDE) &&
		new Set(xs.map(Number)).size === xs.length;
	if (numeric) xs.sort((a, b) => Number(a) - Number(b));

	// ----- y axis over the published values only
	const published: number[] = [];
	for (const map of byX) for (const v of map.values()) {
		const n = drawable(v);
		if (n !== null) published.push(n);
	}
	const axis0 = yAxisOf(published, options, true);

	const m: Margins = { left: leftMargin(axis0, frame, options), right: 20, top: MIN_TOP, bottom: 30 };
	const plotLeft = m.left;
	const plotRight = frame.width - m.right;
	const plotBottom = frame.height - m.bottom;
	const axis = withScale(axis0, m.top, plotBottom);
	// Inset, so the first and last markers do not sit on the axis.
	const inset = 16;
	const x0 = plotLeft + inset;
	const x1 = plotRight - inset;
	const first = numeric ? Number(xs[0]) : 0;
	const lastX = numeric ? Number(xs[xs.length - 1]) : xs.length - 1;
	const xOf = (x: string, index: number): number => {
		if (xs.length <= 1) return (x0 + x1) / 2;
		const t = numeric ? (Number(x) / 2 - first / 2) / (lastX / 2 - first / 2) : index / (xs.length - 1);
		return x0 + t * (x1 - x0);
	};
	const xPos = xs.map((x, i) => xOf(x, i));

	// ----- x labels: every category, thinned to every k-th where they would overlap (years are regular)
	const widestX = Math.max(0, ...xs.map((x) => textWidth(x, FONT_SIZE.tick)));
	let spacing = Infinity;
	for (let k = 1; k < xPos.length; k++) spacing = Math.min(spacing, xPos[k]! - xPos[k - 1]!);
	const every = Math.max(1, Math.ceil((widestX + 8) / spacing));
	const xLabels = xs
		.map((x, i) =>
			i % every === 0 || (i === xs.length - 1 && (xs.length - 1) % every >= every / 2)
				? `<path d="M${num(xPos[i]!)} ${num(plotBottom)}v4" stroke="${CHART_INK}"/>${textAt(frame, x, xPos[i]!, plotBottom + 18, 'middle')}`
				: ''
		)
		.join('');

	const explain = (symbol: DinSymbol) => statusLabel(symbol, frame, options);
	// ----- series: lines first (the emphasised one last, so it lies on top), then all markers on top
	const order = series.map((_, i) => i).sort((a, b) => Number(series[a]!.id === options.highlight) - Number(series[b]!.id === options.highlight));
	const statuses = new Set<DinSymbol>();
	const lines: string[] = [];
	const markers: string[] = [];
	for (const i of order) {
		const s = series[i]!;
		const emphasised = s.id === options.highlight;
		const colour = frame.palette[i]!;
		const strokeWidth = emphasised ? 3.5 : 2;
		const r = emphasised ? 5 : 3.5;
		let d = '';
		let open = false;
		const points: string[] = [];
		// Dates before the series' first entry or after its last are not part of its line (it did not
		// exist yet, or not any more); inside that span every point not drawn is a gap the legend explains.
		const covered = xs.map((x) => byX[i]!.has(x));
		const firstEntry = covered.indexOf(true);
		const lastEntry = covered.lastIndexOf(true);
		xs.forEach((x, k) => {
			const v = byX[i]!.get(x);
			const n = drawable(v);
			if (n === null) {
				if (k >= firstEntry && k <= lastEntry) statuses.add(withheldSymbol(v));
				open = false;
				return;
			}
			const px = xPos[k]!;
			const py = axis.y(n);
			d += `${open ? 'L' : 'M'}${num(px)} ${num(py)}`;
			open = true;
			points.push(`<path d="${markerPath(LINE_MARKERS[i]!, px, py, r)}"><title>${escapeXml(`${s.label}, ${x}: ${textOf(v, options.formatTick, explain)}`)}</title></path>`);
		});
		const dash = LINE_DASHES[i]!;
		// A series with nothing published has no line at all (an empty d would be an invalid path).
		if (d)
			lines.push(
				`<path class="chart-line" data-series="${escapeXml(s.id)}" d="${d}" stroke="${colour}" stroke-width="${strokeWidth}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
			);
		// The white outline keeps a marker apart from lines crossing it.
		markers.push(`<g class="chart-markers" data-series="${escapeXml(s.id)}" fill="${colour}" stroke="${CHART_BACKGROUND}" stroke-width="1">${points.join('')}</g>`);
	}

	// ----- legend
	const legendRows: LegendRow[] = series.map((s, i) => {
		const emphasised = s.id === options.highlight;
		const item: ChartLegendItem = { kind: 'series', id: s.id, label: s.label, colour: frame.palette[i]!, dash: LINE_DASHES[i]!, marker: LINE_MARKERS[i]! };
		if (emphasised) item.emphasised = true;
		return {
			item,
			swatch: (x, y) => {
				const cy = y + LEGEND.row / 2;
				return (
					`<path d="M${num(x)} ${num(cy)}h${LEGEND.sample}" stroke="${item.colour}" stroke-width="${emphasised ? 3.5 : 2}" fill="none"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>` +
					`<path d="${markerPath(item.marker, x + LEGEND.sample / 2, cy, emphasised ? 5 : 3.5)}" fill="${item.colour}" stroke="${CHART_BACKGROUND}"/>`
				);
			}
		};
	});
	for (const symbol of DIN_ORDER) {
		if (!statuses.has(symbol)) continue;
		const item: ChartLegendItem = {
			kind: 'status',
			id: `status-${SYMBOL_NAMES[symbol]}`,
			label: statusLabel(symbol, frame, options, { de: 'Lücke in der Linie: ', en: 'Gap in a line: ' }),
			colour: CHART_INK,
			dash: '',
			marker: 'none',
			symbol
		};
		// The swatch: a line broken in the middle, the symbol in the break.
		legendRows.push({
			item,
			swatch: (x, y) => {
				const cy = y + LEGEND.row / 2;
				return (
					`<path d="M${num(x)} ${num(cy)}h10M${num(x + LEGEND.sample - 10)} ${num(cy)}h10" stroke="${CHART_INK}" stroke-width="2"/>` +
					`<text x="${num(x + LEGEND.sample / 2)}" y="${num(cy + 4.5)}" text-anchor="middle" font-weight="bold" direction="ltr">${escapeXml(symbol)}</text>`
				);
			}
		});
	}
	const legend = drawLegend(legendRows, frame.height, frame);
	const totalHeight = frame.height + legend.height;

	const svg = assemble(
		frame,
		options,
		totalHeight,
		[
			drawYAxis(axis, m, frame, options),
			`<g class="chart-x-labels" font-size="${FONT_SIZE.tick}" text-anchor="middle">${xLabels}</g>`,
			`<g class="chart-lines" fill="none" stroke-linejoin="round" stroke-linecap="butt">${lines.join('')}</g>`,
			markers.join(''),
			legend.svg
		],
		'line'
	);
	return { svg, legend: legendRows.map((r) => r.item) };
}

// ---------------------------------------------------------------------------------------------------
// Bars

/** A pattern in the series colour on white, `size` px square; solid fills need none. */
function patternOf(fill: BarFill, patternId: string, colour: string): string {
	const open = (size: number, rotate: boolean) =>
		`<pattern id="${patternId}" width="${size}" height="${size}" patternUnits="userSpaceOnUse"${rotate ? ' patternTransform="rotate(45)"' : ''}><rect width="${size}" height="${size}" fill="${CHART_BACKGROUND}"/>`;
	switch (fill) {
		case 'solid':
			return '';
		case 'diagonal':
			return `${open(6, true)}<path d="M3 0V6" stroke="${colour}" stroke-width="2"/></pattern>`;
		case 'dots':
			return `${open(5, false)}<circle cx="2.5" cy="2.5" r="1.4" fill="${colour}"/></pattern>`;
		case 'crosshatch':
			return `${open(6, true)}<path d="M3 0V6M0 3H6" stroke="${colour}" stroke-width="1.5"/></pattern>`;
		case 'horizontal':
			return `${open(5, false)}<path d="M0 2.5H5" stroke="${colour}" stroke-width="1.8"/></pattern>`;
	}
}

/** Height of the placeholder of a withheld bar: fixed, so that it says nothing about the value. */
const WITHHELD_HEIGHT = 14;

/**
 * Grouped bars, e.g. the share of residents with migration background by age group (groups) in 2008
 * and 2018 (series). Bars start at 0, since a bar's length is its value; negative values (changes in
 * percentage points) go down from the zero line.
 *
 * Value labels: the formatted `text` above each bar (below a negative one), horizontal where it fits
 * the bar's width, otherwise turned to run upwards along the bar if there is room above it; where
 * neither fits the bar has no label (the tooltip and the table next to the chart still give the number).
 *
 * The groups run left to right in every language (see `renderLineChart`: ordered number scales such
 * as age groups are not mirrored either); in RTL the texts run right to left and the legend moves right.
 */
export function renderBarChart(groups: BarGroup[], series: { id: string; label: string }[], options: BarChartOptions): ChartResult {
	const frame = frameOf(options, BAR_FILLS.length);
	checkSeriesIds(
		series.map((s) => s.id),
		frame
	);
	const seriesIndex = new Map(series.map((s, i) => [s.id, i]));
	const cells = groups.map((g) => {
		const row: (ChartValue | undefined)[] = series.map(() => undefined);
		const seen = new Set<string>();
		for (const bar of g.bars) {
			const i = seriesIndex.get(bar.seriesId);
			if (i === undefined) throw new RangeError(`Group ${JSON.stringify(g.label)} has a bar of unknown series ${JSON.stringify(bar.seriesId)}`);
			if (seen.has(bar.seriesId)) throw new RangeError(`Group ${JSON.stringify(g.label)} has two bars of series ${JSON.stringify(bar.seriesId)}`);
			seen.add(bar.seriesId);
			row[i] = bar.value;
		}
		return row;
	});
	const published: number[] = [];
	for (const row of cells) for (const v of row) {
		const n = drawable(v);
		if (n !== null) published.push(n);
	}
	const axis0 = yAxisOf(published, { yMax: options.yMax, tickCount: options.tickCount }, true);

	// ----- geometry that does not depend on the top margin
	const left = leftMargin(axis0, frame, options);
	const m: Margins = { left, right: 16, top: MIN_TOP, bottom: 30 };
	const plotWidth = frame.width - m.left - m.right;
	const groupWidth = groups.length > 0 ? plotWidth / groups.length : plotWidth;
	// 15 % of each group is the gap between groups (at least 6 px), bars inside a group 2 px apart, and
	// no bar wider than 56 px: very wide bars read as areas rather than lengths.
	const groupGap = Math.max(6, groupWidth * 0.15);
	const barGap = series.length > 1 ? 2 : 0;
	const barWidth = Math.max(1, Math.min(56, (groupWidth - groupGap - barGap * (series.length - 1)) / Math.max(1, series.length)));
	const clusterWidth = barWidth * series.length + barGap * (series.length - 1);

	// ----- value labels: horizontal if they fit the bar, else vertical; room for vertical ones above
	// the bars is made by raising the plot's top, solved exactly: a bar at fraction f of the axis ends at
	// top + (1 − f)(H − top − bottom), which must leave the label's length L plus padding above it.
	const marked = (g: BarGroup, s: { id: string }) => options.markedValues?.has(`${g.label}|${s.id}`) ?? false;
	const explain = (symbol: DinSymbol) => statusLabel(symbol, frame, options);
	type Label = { text: string; bold: boolean; vertical: boolean; length: number };
	const labels: (Label | null)[][] = groups.map((g, gi) =>
		series.map((s, si) => {
			const v = cells[gi]![si];
			const n = drawable(v);
			if (n === null) return null;
			const text = textOf(v, options.formatTick, explain);
			const bold = marked(g, s);
			const length = textWidth(text, FONT_SIZE.value, bold);
			if (length <= barWidth + barGap + 2) return { text, bold, vertical: false, length };
			// Vertical labels only upwards from non-negative bars; below a negative bar they would run into the group labels.
			if (n >= 0 && barWidth >= FONT_SIZE.value) return { text, bold, vertical: true, length };
			return null;
		})
	);
	const { lo, hi } = axis0;
	const fraction = (n: number) => (n / 2 - lo / 2) / (hi / 2 - lo / 2);
	const below = frame.height - m.bottom;
	/** The top margin a label of extent `length` above a bar at fraction f needs (4 px gap to the bar). */
	const needTop = (f: number, length: number): number => (f > 0 ? (length + 4 + LABEL_CEILING - (1 - f) * below) / f : MIN_TOP);
	const topFor = (): number => {
		let top = MIN_TOP;
		labels.forEach((row, gi) =>
			row.forEach((label, si) => {
				const n = drawable(cells[gi]![si]);
				// Labels of negative bars hang below them and need no room at the top.
				if (label && n !== null && n >= 0) top = Math.max(top, needTop(fraction(n), label.vertical ? label.length : FONT_SIZE.value));
			})
		);
		return top;
	};
	let top = topFor();
	// The plot keeps at least 60 % of the height: vertical labels that would need more are dropped, and
	// if even horizontal ones would, the margin stops there (the topmost labels then touch the y label's line).
	const maxTop = below * 0.4;
	if (top > maxTop) {
		for (const row of labels) for (let si = 0; si < row.length; si++) if (row[si]?.vertical) row[si] = null;
		top = Math.min(topFor(), maxTop);
	}
	m.top = Math.max(MIN_TOP, top);
	const plotBottom = frame.height - m.bottom;
	const axis = withScale(axis0, m.top, plotBottom);
	const zeroY = axis.y(Math.min(Math.max(0, lo), hi));

	// ----- bars
	const patternIds = series.map((_, i) => (BAR_FILLS[i] === 'solid' ? '' : `${frame.id}-fill${i}`));
	const fillOf = (i: number) => (patternIds[i] ? `url(#${patternIds[i]})` : frame.palette[i]!);
	const statuses = new Set<DinSymbol>();
	let anyMarked = false;
	const bars: string[] = [];
	const texts: string[] = [];
	const groupLabels: string[] = [];
	groups.forEach((g, gi) => {
		const groupLeft = m.left + gi * groupWidth + (groupWidth - clusterWidth) / 2;
		const centre = m.left + (gi + 0.5) * groupWidth;
		groupLabels.push(textAt(frame, g.label, centre, plotBottom + 18, 'middle'));
		series.forEach((s, si) => {
			const v = cells[gi]![si];
			const n = drawable(v);
			const x = groupLeft + si * (barWidth + barGap);
			const cx = x + barWidth / 2;
			const colour = frame.palette[si]!;
			const tooltip = `<title>${escapeXml(`${g.label}, ${s.label}: ${textOf(v, options.formatTick, explain)}`)}</title>`;
			if (n === null) {
				// Withheld or missing: an empty dashed outline of fixed height and the symbol above it. The
				// mark is never applied here (see BarChartOptions.markedValues).
				const symbol = withheldSymbol(v);
				statuses.add(symbol);
				const h = Math.min(WITHHELD_HEIGHT, (plotBottom - m.top) / 4);
				bars.push(
					`<rect class="chart-bar chart-bar-withheld" data-series="${escapeXml(s.id)}" x="${num(x)}" y="${num(zeroY - h)}" width="${num(barWidth)}" height="${num(h)}" fill="${CHART_BACKGROUND}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="3 2">${tooltip}</rect>`
				);
				texts.push(
					`<text class="chart-symbol" x="${num(cx)}" y="${num(zeroY - h - 4)}" font-size="${FONT_SIZE.symbol}" font-weight="bold" text-anchor="middle" direction="ltr">${escapeXml(symbol)}</text>`
				);
				return;
			}
			const isMarked = marked(g, s);
			if (isMarked) anyMarked = true;
			const yEnd = axis.y(n);
			const y = Math.min(yEnd, zeroY);
			const h = Math.abs(zeroY - yEnd);
			const outline = isMarked ? `stroke="${CHART_INK}" stroke-width="2.5"` : `stroke="${colour}" stroke-width="1.5"`;
			bars.push(
				`<rect class="chart-bar${isMarked ? ' chart-bar-marked' : ''}" data-series="${escapeXml(s.id)}" x="${num(x)}" y="${num(y)}" width="${num(barWidth)}" height="${num(h)}" fill="${fillOf(si)}" ${outline}>${tooltip}</rect>`
			);
			const label = labels[gi]![si];
			if (!label) return;
			const weight = label.bold ? ' font-weight="bold"' : '';
			if (label.vertical) {
				const lx = cx + FONT_SIZE.value * 0.35;
				const ly = yEnd - 4;
				// Turned to run upwards: its "left" end (the start of a left-to-right number) sits on the bar.
				texts.push(textAt(frame, label.text, lx, ly, 'left', ` class="chart-value" transform="rotate(-90 ${num(lx)} ${num(ly)})"${weight}`));
			} else {
				const ly = n >= 0 ? yEnd - 4 : yEnd + FONT_SIZE.value + 2;
				// Below a negative bar the label must stay inside the plot, or it would run into the group labels.
				if (n < 0 && ly > plotBottom - 2) return;
				texts.push(textAt(frame, label.text, cx, ly, 'middle', ` class="chart-value"${weight}`));
			}
		});
	});

	// ----- legend: series, then the mark (if a published bar carries it), then the symbols that occur
	const legendRows: LegendRow[] = series.map((s, i) => {
		const item: ChartLegendItem = { kind: 'series', id: s.id, label: s.label, colour: frame.palette[i]!, dash: '', marker: 'none', fill: BAR_FILLS[i]! };
		if (patternIds[i]) item.pattern = patternIds[i];
		return {
			item,
			swatch: (x, y) => `<rect x="${num(x + 6)}" y="${num(y + 4)}" width="22" height="14" fill="${fillOf(i)}" stroke="${item.colour}" stroke-width="1.5"/>`
		};
	});
	if (anyMarked) {
		const german = frame.lang.toLowerCase().startsWith('de');
		const item: ChartLegendItem = {
			kind: 'mark',
			id: 'marked',
			label: options.labels?.marked ?? (german ? 'hervorgehobener Wert' : 'highlighted value'),
			colour: CHART_INK,
			dash: '',
			marker: 'none'
		};
		legendRows.push({
			item,
			swatch: (x, y) => `<rect x="${num(x + 6)}" y="${num(y + 4)}" width="22" height="14" fill="${CHART_BACKGROUND}" stroke="${CHART_INK}" stroke-width="2.5"/>`
		});
	}
	for (const symbol of DIN_ORDER) {
		if (!statuses.has(symbol)) continue;
		const item: ChartLegendItem = { kind: 'status', id: `status-${SYMBOL_NAMES[symbol]}`, label: statusLabel(symbol, frame, options), colour: CHART_INK, dash: '', marker: 'none', symbol };
		legendRows.push({
			item,
			swatch: (x, y) =>
				`<rect x="${num(x + 6)}" y="${num(y + 12)}" width="22" height="8" fill="${CHART_BACKGROUND}" stroke="${CHART_INK}" stroke-width="1.5" stroke-dasharray="3 2"/>` +
				`<text x="${num(x + 17)}" y="${num(y + 9)}" font-size="${FONT_SIZE.symbol}" font-weight="bold" text-anchor="middle" direction="ltr">${escapeXml(symbol)}</text>`
		});
	}
	const legend = drawLegend(legendRows, frame.height, frame);
	const totalHeight = frame.height + legend.height;

	const defs = series.map((_, i) => patternOf(BAR_FILLS[i]!, patternIds[i]!, frame.palette[i]!)).join('');
	const svg = assemble(
		frame,
		options,
		totalHeight,
		[
			defs ? `<defs>${defs}</defs>` : '',
			drawYAxis(axis, m, frame, options),
			`<g class="chart-x-labels" font-size="${FONT_SIZE.tick}" text-anchor="middle">${groupLabels.join('')}</g>`,
			`<g class="chart-bars">${bars.join('')}</g>`,
			`<g class="chart-values" font-size="${FONT_SIZE.value}">${texts.join('')}</g>`,
			legend.svg
		],
		'bar'
	);
	return { svg, legend: legendRows.map((r) => r.item) };
}
