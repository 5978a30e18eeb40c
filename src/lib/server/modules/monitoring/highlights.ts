/**
 * Highlight rules for tables by area × breakdown: which cells get a mark, and why.
 *
 * The defaults are the two rules of the Bottrop Integrationsbericht (seed 003): "über 50 % in
 * Altersstufen, Berichtsjahr" (share strictly above 50 %) and "Veränderungen … nach oben ab 10
 * Prozentpunkte" (a rise of 10 points or more). Rules are plain data so a municipality can configure
 * its own (other thresholds, falls instead of rises, totals included).
 *
 * Decisions:
 * - Rules compare the value as displayed (rounded half away from zero to the display precision), so a
 *   reader who checks a mark against the printed number always agrees with it. `basis: 'exact'` compares
 *   the unrounded value instead.
 * - Cells that are suppressed, unreliable or missing are never marked: a mark on a hidden cell would
 *   tell what the suppression hides ("this cell is above 50 %").
 * - Total rows/columns ("gesamt") are not marked by default, as in the Bottrop tables, which only mark
 *   age groups (11-Altstadt's total rose by 12.4 points and carries no mark there).
 */
import { DEFAULT_DISPLAY_PRECISION, roundForDisplay, type Fraction, type ValueStatus } from './key-figures.ts';

/** `value`: the share at the reference date; `change`: the change in percentage points since the earlier date. */
export type HighlightMeasure = 'value' | 'change';
export type HighlightComparison = 'gt' | 'gte' | 'lt' | 'lte';

export interface HighlightRule {
	readonly id: string;
	readonly measure: HighlightMeasure;
	readonly comparison: HighlightComparison;
	readonly threshold: number;
	/** German legend text for the back office and the printed report. */
	readonly label: string;
	/** Mark total cells too. Default false. */
	readonly includeTotals?: boolean;
	/** Compare the displayed (rounded) value or the exact one. Default 'displayed'. */
	readonly basis?: 'displayed' | 'exact';
}

export const SHARE_OVER_50: HighlightRule = {
	id: 'share_over_50',
	measure: 'value',
	comparison: 'gt',
	threshold: 50,
	label: 'Anteil über 50 %'
};

export const RISE_OF_10_POINTS: HighlightRule = {
	id: 'rise_of_10_points',
	measure: 'change',
	comparison: 'gte',
	threshold: 10,
	label: 'Anstieg um 10 Prozentpunkte oder mehr'
};

/** The Bottrop rules. */
export const DEFAULT_HIGHLIGHT_RULES: readonly HighlightRule[] = [SHARE_OVER_50, RISE_OF_10_POINTS];

/** A measured value of a cell with its disclosure status; `exact` when it came from a key figure. */
export interface CellMeasure {
	readonly value: number | null;
	readonly status?: ValueStatus | string;
	readonly exact?: Fraction;
}

export interface HighlightCell {
	/** Row of the table, usually the area ("11-Altstadt"). */
	readonly row: string;
	/** Column, usually the breakdown category ("0-3"). */
	readonly column: string;
	readonly isTotal?: boolean;
	readonly value?: CellMeasure;
	readonly change?: CellMeasure;
}

export interface HighlightMark {
	readonly row: string;
	readonly column: string;
	readonly ruleId: string;
	readonly measure: HighlightMeasure;
	/** The value compared (displayed or exact, see the rule's basis). */
	readonly compared: number;
	readonly comparison: HighlightComparison;
	readonly threshold: number;
	/** Why, in German, e.g. "Anteil 76,3 % > 50 %". */
	readonly reason: string;
}

export interface HighlightOutcome {
	readonly rule: HighlightRule;
	/** Set when the rule itself is unusable; it then marks nothing. */
	readonly problem?: string;
	readonly marks: readonly HighlightMark[];
}

const COMPARISONS: Record<HighlightComparison, { test: (a: number, b: number) => boolean; symbol: string }> = {
	gt: { test: (a, b) => a > b, symbol: '>' },
	gte: { test: (a, b) => a >= b, symbol: '≥' },
	lt: { test: (a, b) => a < b, symbol: '<' },
	lte: { test: (a, b) => a <= b, symbol: '≤' }
};

/** Why a rule (possibly configured by hand or read from JSON) cannot be applied; null when fine. */
export function ruleProblem(rule: HighlightRule): string | null {
	if (typeof rule.id !== 'string' || rule.id === '') return 'id missing';
	if (rule.measure !== 'value' && rule.measure !== 'change') return `unknown measure ${String(rule.measure)}`;
	if (!Object.hasOwn(COMPARISONS, rule.comparison)) return `unknown comparison ${String(rule.comparison)}`;
	if (typeof rule.threshold !== 'number' || !Number.isFinite(rule.threshold)) return 'threshold is not a number';
	if (rule.basis !== undefined && rule.basis !== 'displayed' && rule.basis !== 'exact') return `unknown basis ${String(rule.basis)}`;
	return null;
}

const german = (value: number, precision: number, signed: boolean): string =>
	new Intl.NumberFormat('de-DE', {
		minimumFractionDigits: precision,
		maximumFractionDigits: precision,
		signDisplay: signed ? 'exceptZero' : 'auto',
		useGrouping: true
	}).format(value);

function reasonText(rule: HighlightRule, compared: number, precision: number): string {
	const symbol = COMPARISONS[rule.comparison].symbol;
	// Thresholds are shown as configured (50, not 50,0), values with the display precision.
	const thresholdPrecision = Math.min(precision, (String(rule.threshold).split('.')[1] ?? '').length);
	if (rule.measure === 'value')
		return `Anteil ${german(compared, precision, false)} % ${symbol} ${german(rule.threshold, thresholdPrecision, false)} %`;
	return `Veränderung ${german(compared, precision, true)} Prozentpunkte ${symbol} ${german(rule.threshold, thresholdPrecision, true)} Prozentpunkte`;
}

/**
 * Applies each rule to each cell. One outcome per rule, in the order of the rules, listing the marked
 * cells with the compared value and a reason.
 */
export function applyHighlightRules(
	cells: readonly HighlightCell[],
	rules: readonly HighlightRule[] = DEFAULT_HIGHLIGHT_RULES,
	precision: number = DEFAULT_DISPLAY_PRECISION
): HighlightOutcome[] {
	return rules.map((rule) => {
		const problem = ruleProblem(rule);
		if (problem) return { rule, problem, marks: [] };
		const compare = COMPARISONS[rule.comparison].test;
		const marks: HighlightMark[] = [];
		for (const cell of cells) {
			if (cell.isTotal && !rule.includeTotals) continue;
			const measured = rule.measure === 'value' ? cell.value : cell.change;
			if (!measured || measured.value === null || !Number.isFinite(measured.value)) continue;
			if ((measured.status ?? 'ok') !== 'ok') continue;
			const compared =
				(rule.basis ?? 'displayed') === 'displayed'
					? roundForDisplay(measured.exact ?? measured.value, precision).value
					: measured.value;
			if (!compare(compared, rule.threshold)) continue;
			marks.push({
				row: cell.row,
				column: cell.column,
				ruleId: rule.id,
				measure: rule.measure,
				compared,
				comparison: rule.comparison,
				threshold: rule.threshold,
				reason: reasonText(rule, compared, precision)
			});
		}
		return { rule, marks };
	});
}

/** The marks as a set of "row|column" keys per rule id, for a table renderer that only needs yes/no. */
export function markedCells(outcomes: readonly HighlightOutcome[]): Map<string, Set<string>> {
	return new Map(outcomes.map((o) => [o.rule.id, new Set(o.marks.map((m) => `${m.row}|${m.column}`))]));
}
