/**
 * Key figures (Kennzahlen) computed from base figures (Grundzahlen).
 *
 * A key figure is never typed in: the catalogue stores its formula as data (a small discriminated union
 * that survives JSON.stringify/JSON.parse), and `evaluateKeyFigure` is the only place that computes it.
 * Problems in the formula or in the data (unknown base figure, missing value, denominator zero …) come
 * back as a status, never as an exception, because a monitoring table with one broken cell must still
 * render all the others.
 *
 * Exactness: counts are kept as integers; every operation runs on exact fractions (BigInt numerator and
 * denominator), and only `roundForDisplay` rounds. A number given with decimals (a share printed in a
 * report, e.g. 52.7) is read as the decimal it was written as (527/10), not as the binary double next to
 * it, so 76.3 − 52.7 is exactly 23.6 and 1.45 rounds to 1.5 as a statistician expects.
 *
 * Rounding rule: German official statistics round commercially, i.e. half away from zero
 * ("kaufmännisch": 2.25 → 2.3, −2.25 → −2.3), to one decimal for shares and percentage points. The
 * precision is a parameter (DEFAULT_DISPLAY_PRECISION = 1). Consequence, as in every printed table: a
 * rounded change may differ by one unit in the last place from the difference of the two rounded
 * shares ("Rundungsdifferenz").
 */

/** One decimal place, as the Bottrop and Ratingen reports print shares and percentage points. */
export const DEFAULT_DISPLAY_PRECISION = 1;

/** Nesting limit for formulas read from storage: a catalogue never needs more, and it stops runaway input. */
const MAX_FORMULA_DEPTH = 8;

// ---------------------------------------------------------------------------------------------------
// Exact fractions
// ---------------------------------------------------------------------------------------------------

/** An exact rational number; `denominator` is positive and the fraction is reduced. */
export interface Fraction {
	readonly numerator: bigint;
	readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
	let x = a < 0n ? -a : a;
	let y = b < 0n ? -b : b;
	while (y !== 0n) [x, y] = [y, x % y];
	return x;
}

function fraction(numerator: bigint, denominator: bigint): Fraction {
	if (denominator === 0n) throw new RangeError('denominator 0'); // callers check first; never reached from evaluate
	const sign = denominator < 0n ? -1n : 1n;
	const g = gcd(numerator, denominator) || 1n;
	return { numerator: (sign * numerator) / g, denominator: (sign * denominator) / g };
}

const add = (a: Fraction, b: Fraction): Fraction =>
	fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
const negate = (a: Fraction): Fraction => ({ numerator: -a.numerator, denominator: a.denominator });
const multiply = (a: Fraction, b: Fraction): Fraction =>
	fraction(a.numerator * b.numerator, a.denominator * b.denominator);
const divide = (a: Fraction, b: Fraction): Fraction =>
	fraction(a.numerator * b.denominator, a.denominator * b.numerator);
const integer = (n: number | bigint): Fraction => ({ numerator: BigInt(n), denominator: 1n });

/**
 * The exact decimal a finite number was written as. JavaScript prints a number with the shortest digits
 * that read back to the same double, which is what a person typed or a CSV held ("52.7", "1.45").
 */
export function exactFromNumber(value: number): Fraction | null {
	if (!Number.isFinite(value)) return null;
	const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
	if (!match) return null;
	const [, sign = '', whole = '0', decimals = '', exponent = '0'] = match;
	let numerator = BigInt(whole + decimals) * (sign === '-' ? -1n : 1n);
	let denominator = 10n ** BigInt(decimals.length);
	const shift = Number(exponent);
	if (shift > 0) numerator *= 10n ** BigInt(shift);
	else if (shift < 0) denominator *= 10n ** BigInt(-shift);
	return fraction(numerator, denominator);
}

/** The nearest double, for charts and sorting; never for deciding a rounded digit. */
export function fractionToNumber(value: Fraction): number {
	// Split off the integer part so that huge numerators do not overflow Number() before dividing.
	const whole = value.numerator / value.denominator;
	const rest = value.numerator - whole * value.denominator;
	return Number(whole) + Number(rest) / Number(value.denominator);
}

/** `to − from`, exactly (e.g. a change in percentage points between two printed shares). */
export function exactDifference(to: number, from: number): Fraction | null {
	const a = exactFromNumber(to);
	const b = exactFromNumber(from);
	return a && b ? add(a, negate(b)) : null;
}

/** A value rounded for display: the decimal string (with `.`) and the same value as a number. */
export interface Rounded {
	readonly text: string;
	readonly value: number;
}

/**
 * Rounds half away from zero to `digits` decimal places (German official statistics), exactly.
 * Minus zero is not shown: −0.04 rounded to one place is "0.0", not "-0.0".
 */
export function roundForDisplay(value: number | Fraction, digits: number = DEFAULT_DISPLAY_PRECISION): Rounded {
	if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new RangeError(`precision ${digits}`);
	const exact = typeof value === 'number' ? exactFromNumber(value) : value;
	if (!exact) return { text: String(value), value: Number.NaN };
	const negative = exact.numerator < 0n;
	const scaled = (negative ? -exact.numerator : exact.numerator) * 10n ** BigInt(digits);
	let units = scaled / exact.denominator;
	if (2n * (scaled % exact.denominator) >= exact.denominator) units += 1n;
	let digitsText = units.toString().padStart(digits + 1, '0');
	if (digits > 0) digitsText = `${digitsText.slice(0, -digits)}.${digitsText.slice(-digits)}`;
	const text = negative && units !== 0n ? `-${digitsText}` : digitsText;
	return { text, value: Number(text) };
}

// ---------------------------------------------------------------------------------------------------
// Base figures and their values
// ---------------------------------------------------------------------------------------------------

/**
 * How a base figure is measured. `percent` exists because some sources publish only shares (the Bottrop
 * report prints no counts); such a figure can be compared over time but not used as a numerator.
 */
export type BaseFigureUnit = 'count' | 'percent' | 'number';

export interface BaseFigureDefinition {
	/** Stable code the formulas refer to, e.g. "population" or "population_migration_background". */
	readonly code: string;
	readonly unit: BaseFigureUnit;
}

/** Status of a published cell, in the terms of the disclosure control (DIN 55301 `.` and `/`). */
export type ValueStatus = 'ok' | 'suppressed' | 'unreliable';

/** A breakdown such as { ageGroup: "0-3", migrationBackground: "yes" }. */
export type Breakdown = Readonly<Record<string, string>>;

export interface Observation {
	readonly baseFigure: string;
	/** Official area code, e.g. "11"; the whole town has its own code. */
	readonly area: string;
	/** Stichtag, as stored (ISO date "2018-12-31" or a year "2018"); compared as text. */
	readonly referenceDate: string;
	readonly breakdown?: Breakdown;
	/** null when the cell is suppressed and its value is not known here. */
	readonly value: number | null;
	readonly status?: ValueStatus;
}

/** Base figure definitions and values, indexed for lookups. Build once per table with `createDataset`. */
export interface Dataset {
	readonly definitions: ReadonlyMap<string, BaseFigureDefinition>;
	readonly cells: ReadonlyMap<string, readonly Observation[]>;
	/** Observations per base figure, area and reference date, for counting categories. */
	readonly groups: ReadonlyMap<string, readonly Observation[]>;
}

const breakdownKey = (breakdown: Breakdown | undefined): string =>
	Object.entries(breakdown ?? {})
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
const groupKey = (baseFigure: string, area: string, referenceDate: string): string =>
	JSON.stringify([baseFigure, area, referenceDate]);
const cellKey = (baseFigure: string, area: string, referenceDate: string, breakdown: Breakdown | undefined): string =>
	JSON.stringify([baseFigure, area, referenceDate, breakdownKey(breakdown)]);

export function createDataset(
	definitions: readonly BaseFigureDefinition[],
	observations: readonly Observation[]
): Dataset {
	const cells = new Map<string, Observation[]>();
	const groups = new Map<string, Observation[]>();
	for (const o of observations) {
		const key = cellKey(o.baseFigure, o.area, o.referenceDate, o.breakdown);
		// Duplicates are kept, not overwritten: a lookup then reports them instead of picking one silently.
		cells.set(key, [...(cells.get(key) ?? []), o]);
		const group = groupKey(o.baseFigure, o.area, o.referenceDate);
		const list = groups.get(group);
		if (list) list.push(o);
		else groups.set(group, [o]);
	}
	return { definitions: new Map(definitions.map((d) => [d.code, d])), cells, groups };
}

// ---------------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------------

/**
 * A base figure taken as it is. `breakdown` is merged over the breakdown being evaluated; a `null`
 * entry removes that dimension (the denominator "all residents" of a share by migration background).
 * `referenceDate` pins the figure to one Stichtag.
 */
export interface FigureFormula {
	readonly kind: 'figure';
	readonly baseFigure: string;
	readonly breakdown?: Readonly<Record<string, string | null>>;
	readonly referenceDate?: string;
}

/** numerator / denominator × 100, in %. Both sides must be counts. */
export interface ShareFormula {
	readonly kind: 'share';
	readonly numerator: Formula;
	readonly denominator: Formula;
}

/** numerator / denominator × per (default 1,000), e.g. naturalisations per 1,000 foreign residents. */
export interface RateFormula {
	readonly kind: 'rate';
	readonly numerator: Formula;
	readonly denominator: Formula;
	readonly per?: number;
}

/** numerator / denominator, e.g. the unemployment share of foreigners relative to that of all residents. */
export interface RatioFormula {
	readonly kind: 'ratio';
	readonly numerator: Formula;
	readonly denominator: Formula;
}

/**
 * value at `to` − value at `from`. For a share the result is in percentage points. Without dates in the
 * formula, `to` is the evaluated reference date and `from` the context's `compareWith`.
 */
export interface ChangeFormula {
	readonly kind: 'change';
	readonly of: Formula;
	readonly from?: string;
	readonly to?: string;
}

/**
 * How many categories of `dimension` reach `threshold`, e.g. (former) nationalities with at least 10
 * residents. Categories listed in `exclude` (such as a "total" row) are not counted.
 */
export interface CountAtLeastFormula {
	readonly kind: 'countAtLeast';
	readonly of: FigureFormula;
	readonly dimension: string;
	readonly threshold: number;
	readonly exclude?: readonly string[];
}

export type Formula = FigureFormula | ShareFormula | RateFormula | RatioFormula | ChangeFormula | CountAtLeastFormula;

export type KeyFigureUnit = 'count' | 'percent' | 'percentage_points' | 'rate' | 'ratio' | 'number';

/** Where a formula is evaluated: one area, one reference date, one cell of the breakdown. */
export interface EvaluationContext {
	readonly area: string;
	readonly referenceDate: string;
	readonly breakdown?: Breakdown;
	/** The earlier reference date for `change` formulas without their own `from`. */
	readonly compareWith?: string;
}

/** Statuses that carry a value. `unreliable` values may be shown internally, never stated as fact. */
export type KeyFigureValueStatus = 'ok' | 'unreliable';
export type KeyFigureProblem =
	| 'missing'
	| 'suppressed'
	| 'zero_denominator'
	| 'unknown_base_figure'
	| 'invalid_formula'
	| 'invalid_value'
	| 'duplicate_value';
export type KeyFigureStatus = KeyFigureValueStatus | KeyFigureProblem;

export interface KeyFigureValue {
	readonly status: KeyFigureValueStatus;
	/** Nearest double of `exact`, for charts and sorting. Round with `roundForDisplay(result.exact)`. */
	readonly value: number;
	readonly exact: Fraction;
	readonly unit: KeyFigureUnit;
	/** The base of a rate (1,000 for "per 1,000"). */
	readonly per?: number;
}

export interface KeyFigureFailure {
	readonly status: KeyFigureProblem;
	readonly detail: string;
}

export type KeyFigureResult = KeyFigureValue | KeyFigureFailure;

export const hasValue = (result: KeyFigureResult): result is KeyFigureValue =>
	result.status === 'ok' || result.status === 'unreliable';

const fail = (status: KeyFigureProblem, detail: string): KeyFigureFailure => ({ status, detail });

/**
 * Which problem wins when two operands fail: a broken definition before missing data before protected
 * data, so that the catalogue editor sees the fault that a data import cannot fix.
 */
const PROBLEM_ORDER: readonly KeyFigureProblem[] = [
	'invalid_formula',
	'unknown_base_figure',
	'invalid_value',
	'duplicate_value',
	'missing',
	'suppressed',
	'zero_denominator'
];

function worse(a: KeyFigureFailure, b: KeyFigureFailure): KeyFigureFailure {
	return PROBLEM_ORDER.indexOf(b.status) < PROBLEM_ORDER.indexOf(a.status) ? b : a;
}

// ---------------------------------------------------------------------------------------------------
// Structural check (formulas come from JSON in the catalogue)
// ---------------------------------------------------------------------------------------------------

export type FormulaCheck = { readonly ok: true; readonly formula: Formula } | { readonly ok: false; readonly status: 'invalid_formula'; readonly reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function structuralProblem(value: unknown, path: string, depth: number): string | null {
	if (depth > MAX_FORMULA_DEPTH) return `${path}: nested deeper than ${MAX_FORMULA_DEPTH}`;
	if (!isRecord(value)) return `${path}: not an object`;
	const operands = (...names: string[]): string | null => {
		for (const name of names) {
			const problem = structuralProblem(value[name], `${path}.${name}`, depth + 1);
			if (problem) return problem;
		}
		return null;
	};
	switch (value.kind) {
		case 'figure': {
			if (!isText(value.baseFigure)) return `${path}.baseFigure: missing`;
			if (value.referenceDate !== undefined && !isText(value.referenceDate)) return `${path}.referenceDate: not a text`;
			if (value.breakdown !== undefined) {
				if (!isRecord(value.breakdown)) return `${path}.breakdown: not an object`;
				for (const [k, v] of Object.entries(value.breakdown))
					if (v !== null && typeof v !== 'string') return `${path}.breakdown.${k}: not a text or null`;
			}
			return null;
		}
		case 'share':
		case 'ratio':
			return operands('numerator', 'denominator');
		case 'rate':
			if (value.per !== undefined && !(typeof value.per === 'number' && Number.isSafeInteger(value.per) && value.per > 0))
				return `${path}.per: not a positive integer`;
			return operands('numerator', 'denominator');
		case 'change':
			if (value.from !== undefined && !isText(value.from)) return `${path}.from: not a text`;
			if (value.to !== undefined && !isText(value.to)) return `${path}.to: not a text`;
			return operands('of');
		case 'countAtLeast': {
			if (!isText(value.dimension)) return `${path}.dimension: missing`;
			if (!(typeof value.threshold === 'number' && Number.isFinite(value.threshold) && value.threshold >= 0))
				return `${path}.threshold: not a number ≥ 0`;
			if (value.exclude !== undefined && !(Array.isArray(value.exclude) && value.exclude.every((e) => typeof e === 'string')))
				return `${path}.exclude: not a list of texts`;
			if (!isRecord(value.of) || value.of.kind !== 'figure') return `${path}.of: must be a base figure`;
			return operands('of');
		}
		default:
			return `${path}.kind: unknown kind ${JSON.stringify(value.kind)}`;
	}
}

/** Checks a formula read from JSON. Does not know the base figures; `evaluateKeyFigure` reports those. */
export function checkFormula(value: unknown): FormulaCheck {
	const reason = structuralProblem(value, 'formula', 0);
	return reason ? { ok: false, status: 'invalid_formula', reason } : { ok: true, formula: value as Formula };
}

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

function mergeBreakdown(
	base: Breakdown | undefined,
	over: Readonly<Record<string, string | null>> | undefined
): Record<string, string> {
	const merged: Record<string, string> = { ...base };
	for (const [k, v] of Object.entries(over ?? {})) {
		if (v === null) delete merged[k];
		else merged[k] = v;
	}
	return merged;
}

function readValue(o: Observation, definition: BaseFigureDefinition): KeyFigureResult {
	const where = `${o.baseFigure} in ${o.area} on ${o.referenceDate}`;
	if (o.status === 'suppressed' || o.value === null) return fail('suppressed', where);
	const exact = exactFromNumber(o.value);
	if (!exact) return fail('invalid_value', `${where}: not a finite number`);
	if (definition.unit === 'count' && !(Number.isSafeInteger(o.value) && o.value >= 0))
		return fail('invalid_value', `${where}: a count must be a whole number ≥ 0, got ${o.value}`);
	const unit: KeyFigureUnit = definition.unit;
	return { status: o.status === 'unreliable' ? 'unreliable' : 'ok', value: o.value, exact, unit };
}

function evaluateFigure(f: FigureFormula, data: Dataset, at: EvaluationContext): KeyFigureResult {
	const definition = data.definitions.get(f.baseFigure);
	if (!definition) return fail('unknown_base_figure', f.baseFigure);
	const referenceDate = f.referenceDate ?? at.referenceDate;
	const breakdown = mergeBreakdown(at.breakdown, f.breakdown);
	const found = data.cells.get(cellKey(f.baseFigure, at.area, referenceDate, breakdown)) ?? [];
	const where = `${f.baseFigure} in ${at.area} on ${referenceDate}${breakdownKey(breakdown) ? ` (${breakdownKey(breakdown)})` : ''}`;
	if (found.length === 0) return fail('missing', where);
	if (found.length > 1) return fail('duplicate_value', where);
	return readValue(found[0] as Observation, definition);
}

/** The status of a value computed from several: unreliable as soon as one input is. */
const combined = (...parts: KeyFigureValue[]): KeyFigureValueStatus =>
	parts.some((p) => p.status === 'unreliable') ? 'unreliable' : 'ok';

function valueOf(status: KeyFigureValueStatus, exact: Fraction, unit: KeyFigureUnit, per?: number): KeyFigureValue {
	return per === undefined
		? { status, value: fractionToNumber(exact), exact, unit }
		: { status, value: fractionToNumber(exact), exact, unit, per };
}

function evaluateQuotient(
	f: ShareFormula | RateFormula | RatioFormula,
	data: Dataset,
	at: EvaluationContext
): KeyFigureResult {
	const numerator = evaluate(f.numerator, data, at);
	const denominator = evaluate(f.denominator, data, at);
	if (!hasValue(numerator) && !hasValue(denominator)) return worse(numerator, denominator);
	if (!hasValue(numerator)) return numerator;
	if (!hasValue(denominator)) return denominator;
	if (f.kind !== 'ratio' && (numerator.unit !== 'count' || denominator.unit !== 'count'))
		return fail('invalid_formula', `a ${f.kind} needs counts on both sides, got ${numerator.unit} / ${denominator.unit}`);
	if (denominator.exact.numerator === 0n) return fail('zero_denominator', `denominator of the ${f.kind} is 0`);
	const quotient = divide(numerator.exact, denominator.exact);
	const status = combined(numerator, denominator);
	if (f.kind === 'share') return valueOf(status, multiply(quotient, integer(100)), 'percent');
	if (f.kind === 'rate') {
		const per = f.per ?? 1000;
		return valueOf(status, multiply(quotient, integer(per)), 'rate', per);
	}
	return valueOf(status, quotient, 'ratio');
}

function evaluateChange(f: ChangeFormula, data: Dataset, at: EvaluationContext): KeyFigureResult {
	const to = f.to ?? at.referenceDate;
	const from = f.from ?? at.compareWith;
	if (from === undefined) return fail('invalid_formula', 'change without a "from" reference date');
	const later = evaluate(f.of, data, { ...at, referenceDate: to });
	const earlier = evaluate(f.of, data, { ...at, referenceDate: from });
	if (!hasValue(later) && !hasValue(earlier)) return worse(later, earlier);
	if (!hasValue(later)) return later;
	if (!hasValue(earlier)) return earlier;
	if (later.unit !== earlier.unit || later.per !== earlier.per)
		return fail('invalid_formula', `change between different units (${earlier.unit}, ${later.unit})`);
	// A difference of two shares is no longer a share: it is measured in percentage points.
	const unit: KeyFigureUnit = later.unit === 'percent' ? 'percentage_points' : later.unit;
	return valueOf(combined(later, earlier), add(later.exact, negate(earlier.exact)), unit, later.per);
}

function evaluateCountAtLeast(f: CountAtLeastFormula, data: Dataset, at: EvaluationContext): KeyFigureResult {
	const definition = data.definitions.get(f.of.baseFigure);
	if (!definition) return fail('unknown_base_figure', f.of.baseFigure);
	const referenceDate = f.of.referenceDate ?? at.referenceDate;
	const fixed = mergeBreakdown(at.breakdown, f.of.breakdown);
	delete fixed[f.dimension];
	const fixedEntries = Object.entries(fixed);
	const candidates = (data.groups.get(groupKey(f.of.baseFigure, at.area, referenceDate)) ?? []).filter((o) => {
		const b = o.breakdown ?? {};
		const category = b[f.dimension];
		if (category === undefined || f.exclude?.includes(category)) return false;
		// Exactly the fixed dimensions plus the counted one: finer cells (e.g. by sex) are not categories.
		return Object.keys(b).length === fixedEntries.length + 1 && fixedEntries.every(([k, v]) => b[k] === v);
	});
	if (candidates.length === 0) return fail('missing', `${f.of.baseFigure} by ${f.dimension} in ${at.area} on ${referenceDate}`);
	const threshold = exactFromNumber(f.threshold) as Fraction; // checked finite by checkFormula
	let count = 0;
	let status: KeyFigureValueStatus = 'ok';
	const seen = new Set<string>();
	for (const o of candidates) {
		const category = (o.breakdown ?? {})[f.dimension] as string;
		if (seen.has(category)) return fail('duplicate_value', `${f.of.baseFigure} ${f.dimension}=${category} in ${at.area}`);
		seen.add(category);
		// A hidden cell could lie on either side of the threshold, so the count cannot be known.
		const cell = readValue(o, definition);
		if (!hasValue(cell)) return cell;
		if (cell.status === 'unreliable') status = 'unreliable';
		const difference = add(cell.exact, negate(threshold));
		if (difference.numerator >= 0n) count += 1;
	}
	return valueOf(status, integer(count), 'count');
}

function evaluate(f: Formula, data: Dataset, at: EvaluationContext): KeyFigureResult {
	switch (f.kind) {
		case 'figure':
			return evaluateFigure(f, data, at);
		case 'share':
		case 'rate':
		case 'ratio':
			return evaluateQuotient(f, data, at);
		case 'change':
			return evaluateChange(f, data, at);
		case 'countAtLeast':
			return evaluateCountAtLeast(f, data, at);
	}
}

/**
 * Computes a key figure for one area, reference date and breakdown cell. Accepts anything (a formula
 * parsed from the catalogue's JSON) and never throws: every problem is a status with a detail text.
 */
export function evaluateKeyFigure(formula: unknown, data: Dataset, at: EvaluationContext): KeyFigureResult {
	const checked = checkFormula(formula);
	if (!checked.ok) return fail('invalid_formula', checked.reason);
	return evaluate(checked.formula, data, at);
}
