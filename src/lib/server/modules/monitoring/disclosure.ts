/**
 * Disclosure control (Geheimhaltung) for every number the monitoring publishes: tables, charts, maps,
 * statements, exports and the API all take their values and statuses from here, so a cell hidden in one
 * of them cannot be read off another. Pure: no database, no I/O, inputs are never mutated.
 *
 * What it does
 * 1. Primary suppression: counts 1 … threshold−1 (default 3, so 1 and 2) are hidden. 0 is not: an empty
 *    cell says nothing about a person, and German official statistics print it as "-".
 * 2. Secondary suppression in every additive relation "total = sum of parts" the table publishes (a row
 *    with its row total, a column with its column total, the margins with the grand total, the children
 *    of a parent area with the parent): see `protectTable`.
 * 3. Shares, rates and differences in percentage points inherit the protection of their inputs and are
 *    marked not reliable when the denominator is small: see `share`, `rate`, `differenceInPoints`.
 *
 * What it cannot do on its own: protect against differencing with numbers that are published outside
 * the table given to it. Every total that is published anywhere (the population of an area, a parent
 * area, another breakdown of the same population) must be part of the table passed to `protectTable`,
 * and a table must be protected again as a whole when a cell changes, never patched.
 */

/**
 * The status of one published number. Stored with the number; rendered as a DIN 55301 symbol.
 * - `ok`: the number is published.
 * - `zero`: exactly nothing (0). Published, rendered "-".
 * - `suppressed_primary`: a small count (1 … threshold−1) hidden for privacy. Rendered ".".
 * - `suppressed_secondary`: hidden so that a primary cell cannot be recomputed from totals. Rendered ".".
 *   Both suppressed kinds render alike on purpose: if a reader could tell them apart, they would know
 *   which hidden cells are at most threshold−1, which narrows the range of the others.
 * - `not_reliable`: too uncertain to publish (share of a small denominator). Rendered "/".
 * - `not_available`: not (yet) supplied by the source. Rendered "…".
 * - `not_applicable`: logically impossible, e.g. a share of nothing (0 / 0). Rendered "x".
 */
export const CELL_STATUSES = [
	'ok',
	'zero',
	'suppressed_primary',
	'suppressed_secondary',
	'not_reliable',
	'not_available',
	'not_applicable'
] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/**
 * The symbols of DIN 55301 as German official statistics use them in table cells:
 * - `-`  nichts vorhanden: exactly zero.
 * - `.`  Zahlenwert unbekannt oder geheim zu halten: unknown or secret; we use it for suppressed cells.
 * - `/`  keine Angabe, da Zahlenwert nicht sicher genug: not reliable enough to be shown.
 * - `x`  Tabellenfach gesperrt, weil Aussage nicht sinnvoll: not applicable, logically impossible.
 * - `…`  Angabe fällt später an: not yet available.
 */
export const DIN_SYMBOLS = ['-', '.', '/', 'x', '…'] as const;
export type DinSymbol = (typeof DIN_SYMBOLS)[number];

/** A published number: `value` is null whenever the status forbids showing it. */
export interface ProtectedValue {
	value: number | null;
	status: CellStatus;
}

export interface DisclosureConfig {
	/** Counts 1 … threshold−1 are suppressed. Integer ≥ 1; 1 switches primary suppression off. */
	threshold: number;
	/** Shares and rates with a denominator below this are `not_reliable`. Integer ≥ 1. */
	minDenominator: number;
}

/**
 * Defaults.
 * - threshold 3: the default and the common rule of German municipal statistics ("Fallzahlen
 *   unter 3 werden nicht ausgewiesen").
 * - minDenominator 30: with fewer than 30 people one person moves a share by more than 3.3 percentage
 *   points, so the Bottrop highlight "rise of 10 points or more" could be caused by three people moving
 *   house, and a binomial 95 % interval around 50 % is still about ±18 points wide. 30 is the usual
 *   rule-of-thumb size from which a share is read as a property of a group rather than of individuals.
 *   Statistics offices with stricter rules (e.g. 50 as in the Mikrozensus) set it in the configuration.
 */
export const DEFAULT_DISCLOSURE_CONFIG: Readonly<DisclosureConfig> = Object.freeze({ threshold: 3, minDenominator: 30 });

export function resolveDisclosureConfig(config: Partial<DisclosureConfig> = {}): DisclosureConfig {
	const resolved = { ...DEFAULT_DISCLOSURE_CONFIG, ...config };
	for (const key of ['threshold', 'minDenominator'] as const) {
		const value = resolved[key];
		if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Disclosure config: ${key} must be an integer ≥ 1, got ${value}`);
	}
	return resolved;
}

export function isSuppressed(status: CellStatus): boolean {
	return status === 'suppressed_primary' || status === 'suppressed_secondary';
}

/** Whether the number itself may be shown (`ok` or `zero`). */
export function isPublished(status: CellStatus): boolean {
	return status === 'ok' || status === 'zero';
}

/** The DIN 55301 symbol of a status, or null when the number itself is shown. */
export function symbolFor(status: CellStatus): DinSymbol | null {
	switch (status) {
		case 'ok':
			return null;
		case 'zero':
			return '-';
		case 'suppressed_primary':
		case 'suppressed_secondary':
			return '.';
		case 'not_reliable':
			return '/';
		case 'not_available':
			return '…';
		case 'not_applicable':
			return 'x';
	}
}

const germanNumber = (value: number): string => value.toLocaleString('de-DE');

/** The text of a cell: the formatted number when it is `ok`, its symbol otherwise. */
export function renderCell(cell: ProtectedValue, format: (value: number) => string = germanNumber): string {
	const symbol = symbolFor(cell.status);
	if (symbol !== null) return symbol;
	if (cell.value === null) throw new TypeError('A cell with status ok must have a value');
	return format(cell.value);
}

const EXPLANATIONS: Record<DinSymbol, { de: string; en: string }> = {
	'-': { de: 'nichts vorhanden (genau null)', en: 'nothing (exactly zero)' },
	'.': {
		de: 'Zahlenwert geheim zu halten (zum Schutz kleiner Fallzahlen gesperrt)',
		en: 'value kept secret (withheld to protect small numbers)'
	},
	'/': { de: 'keine Angabe, da Zahlenwert nicht sicher genug', en: 'no figure, the value is not reliable enough' },
	x: { de: 'Tabellenfach gesperrt, weil Aussage nicht sinnvoll', en: 'not applicable, a figure would make no sense' },
	'…': { de: 'Angabe fällt später an', en: 'not yet available' }
};

/** A short German and English explanation of a symbol, for legends under tables, charts and maps. */
export function explainSymbol(symbol: DinSymbol): { de: string; en: string } {
	return { ...EXPLANATIONS[symbol] };
}

/** The legend for the statuses that occur, in DIN order, each symbol once (empty if all are `ok`). */
export function legendFor(statuses: Iterable<CellStatus>): { symbol: DinSymbol; de: string; en: string }[] {
	const used = new Set<DinSymbol>();
	for (const status of statuses) {
		const symbol = symbolFor(status);
		if (symbol !== null) used.add(symbol);
	}
	return DIN_SYMBOLS.filter((symbol) => used.has(symbol)).map((symbol) => ({ symbol, ...EXPLANATIONS[symbol] }));
}

function checkCount(value: number | null, where: string): void {
	if (value === null) return;
	if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${where}: a count must be a non-negative integer, got ${value}`);
}

/** The status of a single count before any secondary suppression. */
export function primaryStatus(value: number | null, config: Partial<DisclosureConfig> = {}): CellStatus {
	const { threshold } = resolveDisclosureConfig(config);
	checkCount(value, 'primaryStatus');
	if (value === null) return 'not_available';
	if (value === 0) return 'zero';
	return value < threshold ? 'suppressed_primary' : 'ok';
}

// ---------------------------------------------------------------------------------------------------
// Tables

export interface CountRow {
	/** Unique within the table, e.g. the area code and name "11-Altstadt". */
	label: string;
	/** One count per column; null = not available. */
	cells: readonly (number | null)[];
	/** The published row total (sum of `cells`); omitted when the table does not publish it. */
	total?: number | null;
	/** Label of the row this row is part of (Stadtteil → Stadtbezirk); the parent is the sum of its children. */
	parent?: string;
}

export interface CountTable {
	columns: readonly string[];
	rows: readonly CountRow[];
	/** Published column totals: the sum over the rows without a parent. */
	columnTotals?: readonly (number | null)[];
	/** Published grand total. */
	grandTotal?: number | null;
}

export interface ProtectedRow {
	label: string;
	cells: ProtectedValue[];
	total?: ProtectedValue;
	parent?: string;
}

export interface ProtectedTable {
	columns: string[];
	rows: ProtectedRow[];
	columnTotals?: ProtectedValue[];
	grandTotal?: ProtectedValue;
}

/** One additive relation the table publishes: value(total) = sum of value(parts). Ids index `values`. */
interface Relation {
	name: string;
	total: number;
	parts: number[];
}

interface Model {
	/** Cell ids in position order: body cells row by row, then row totals, column totals, grand total. */
	values: (number | null)[];
	names: string[];
	relations: Relation[];
}

function buildModel(table: CountTable): Model & { rowTotalId: (number | undefined)[]; columnTotalId: number[]; grandTotalId: number | undefined } {
	const width = table.columns.length;
	if (width === 0) throw new RangeError('A table needs at least one column');
	const rows = table.rows;
	const indexOf = new Map<string, number>();
	rows.forEach((row, r) => {
		if (indexOf.has(row.label)) throw new RangeError(`Row label "${row.label}" occurs twice`);
		indexOf.set(row.label, r);
		if (row.cells.length !== width) throw new RangeError(`Row "${row.label}" has ${row.cells.length} cells, the table ${width} columns`);
	});
	const parentOf = rows.map((row) => {
		if (row.parent === undefined) return undefined;
		const p = indexOf.get(row.parent);
		if (p === undefined) throw new RangeError(`Row "${row.label}": parent "${row.parent}" is not a row of the table`);
		return p;
	});
	// A cycle of parents would make an area part of itself: the sums could never hold.
	rows.forEach((row, r) => {
		const seen = new Set<number>([r]);
		for (let p = parentOf[r]; p !== undefined; p = parentOf[p]) {
			if (seen.has(p)) throw new RangeError(`Row "${row.label}": its parents form a cycle`);
			seen.add(p);
		}
	});
	if (table.columnTotals !== undefined && table.columnTotals.length !== width) {
		throw new RangeError(`columnTotals has ${table.columnTotals.length} values, the table ${width} columns`);
	}

	const values: (number | null)[] = [];
	const names: string[] = [];
	const add = (value: number | null | undefined, name: string): number => {
		const v = value ?? null;
		checkCount(v, name);
		values.push(v);
		names.push(name);
		return values.length - 1;
	};
	const body = rows.map((row) => row.cells.map((value, c) => add(value, `"${row.label}" × "${table.columns[c]}"`)));
	const rowTotalId = rows.map((row) => (row.total === undefined ? undefined : add(row.total, `total of "${row.label}"`)));
	const columnTotalId = (table.columnTotals ?? []).map((value, c) => add(value, `total of "${table.columns[c]}"`));
	const grandTotalId = table.grandTotal === undefined ? undefined : add(table.grandTotal, 'grand total');

	const cell = (r: number, c: number): number => body[r]![c]!;
	const topRows = rows.map((_, r) => r).filter((r) => parentOf[r] === undefined);
	const relations: Relation[] = [];
	rows.forEach((row, r) => {
		const total = rowTotalId[r];
		if (total !== undefined) relations.push({ name: `row "${row.label}"`, total, parts: [...body[r]!] });
	});
	columnTotalId.forEach((total, c) => {
		relations.push({ name: `column "${table.columns[c]}"`, total, parts: topRows.map((r) => cell(r, c)) });
	});
	rows.forEach((row, p) => {
		const children = rows.map((_, r) => r).filter((r) => parentOf[r] === p);
		if (children.length === 0) return;
		for (let c = 0; c < width; c++) {
			relations.push({ name: `children of "${row.label}" in "${table.columns[c]}"`, total: cell(p, c), parts: children.map((r) => cell(r, c)) });
		}
		const parentTotal = rowTotalId[p];
		const childTotals = children.map((r) => rowTotalId[r]);
		if (parentTotal !== undefined && childTotals.every((id) => id !== undefined)) {
			relations.push({ name: `children of "${row.label}" in the row totals`, total: parentTotal, parts: childTotals as number[] });
		}
	});
	if (grandTotalId !== undefined) {
		const topTotals = topRows.map((r) => rowTotalId[r]);
		if (columnTotalId.length > 0) relations.push({ name: 'column totals', total: grandTotalId, parts: [...columnTotalId] });
		if (topTotals.every((id) => id !== undefined)) relations.push({ name: 'row totals', total: grandTotalId, parts: topTotals as number[] });
		if (columnTotalId.length === 0 && !topTotals.every((id) => id !== undefined)) {
			relations.push({ name: 'grand total', total: grandTotalId, parts: topRows.flatMap((r) => body[r]!) });
		}
	}

	// Protection reasons from the sums; a table whose totals do not add up would make that reasoning
	// wrong in both directions, so it is refused rather than protected.
	for (const relation of relations) {
		const total = values[relation.total];
		const parts = relation.parts.map((id) => values[id]);
		if (total === null || total === undefined || parts.some((v) => v === null || v === undefined)) continue;
		const sum = (parts as number[]).reduce((a, b) => a + b, 0);
		if (sum !== total) throw new RangeError(`Inconsistent table: ${relation.name} has the total ${total} but its parts sum to ${sum}`);
	}
	return { values, names, relations, rowTotalId, columnTotalId, grandTotalId };
}

const EPSILON = 1e-9;

/**
 * The suppressed cells whose exact value follows from the published numbers by linear algebra alone,
 * i.e. by adding and subtracting any combination of the table's relations (the "differencing" attack).
 * Unknowns are the suppressed and the not-available cells. A suppressed cell is determined iff its
 * column in the reduced row echelon form is a pivot whose row has no other non-zero entry; otherwise
 * some change of the unknowns that keeps every relation true moves it, so it cannot be pinned down.
 * Floating point is sufficient: coefficients start as 0/±1 and tables are small.
 */
function determinedCells(model: Model, hidden: (id: number) => boolean): number[] {
	const unknowns = model.values.map((_, id) => id).filter((id) => hidden(id) || model.values[id] === null);
	const column = new Map(unknowns.map((id, k) => [id, k]));
	const matrix: number[][] = [];
	for (const relation of model.relations) {
		const row = new Array<number>(unknowns.length).fill(0);
		let any = false;
		for (const [id, sign] of [[relation.total, -1], ...relation.parts.map((id) => [id, 1])] as [number, number][]) {
			const k = column.get(id);
			if (k === undefined) continue;
			row[k]! += sign;
			any = true;
		}
		if (any) matrix.push(row);
	}
	const pivotOfRow: number[] = [];
	let r = 0;
	for (let k = 0; k < unknowns.length && r < matrix.length; k++) {
		let best = r;
		for (let i = r + 1; i < matrix.length; i++) if (Math.abs(matrix[i]![k]!) > Math.abs(matrix[best]![k]!)) best = i;
		if (Math.abs(matrix[best]![k]!) < EPSILON) continue;
		[matrix[r], matrix[best]] = [matrix[best]!, matrix[r]!];
		const pivotRow = matrix[r]!;
		const pivot = pivotRow[k]!;
		for (let j = 0; j < pivotRow.length; j++) pivotRow[j]! /= pivot;
		for (let i = 0; i < matrix.length; i++) {
			if (i === r) continue;
			const factor = matrix[i]![k]!;
			if (Math.abs(factor) < EPSILON) continue;
			const target = matrix[i]!;
			for (let j = 0; j < target.length; j++) target[j]! -= factor * pivotRow[j]!;
		}
		pivotOfRow.push(k);
		r++;
	}
	const determined: number[] = [];
	pivotOfRow.forEach((k, row) => {
		const id = unknowns[k]!;
		if (!hidden(id)) return;
		if (matrix[row]!.every((a, j) => j === k || Math.abs(a) < EPSILON)) determined.push(id);
	});
	return determined.sort((a, b) => a - b);
}

/**
 * Primary and secondary suppression of a table of counts. Returns the same shape with a status per
 * cell; `value` is null wherever the number must not be shown, so serialising the result is safe.
 *
 * The relations protected: each row with a published total, each column with a published total (over
 * the rows without a parent), the children of a parent row in every column and in the row totals
 * (Stadtbezirk = sum of its Stadtteile), and the grand total as the sum of the column and of the row
 * totals. A one-dimensional list of parts with its total is a table with one row and a row total (or
 * one column and a column total).
 *
 * Rules, applied to every relation in a fixed order until a full pass changes nothing:
 * (1) Never exactly one hidden member. If a relation's only hidden member is a part, the total minus
 *     the other parts reveals it (and a hidden total is the sum of its parts), so the smallest other
 *     non-zero part is hidden as well; ties go to the earlier cell (body cells row by row, then row
 *     totals, column totals, grand total). Only if no such part exists is the total hidden.
 *     Smallest, because a complement costs information: hiding the smallest cell loses the least.
 * (2) Never at the lower bound. Every hidden cell is known to be at least 1 (zeros are shown as "-" and
 *     never hidden), and a hidden total at least the sum of its parts' lower bounds (a hidden column
 *     total over two hidden cells is ≥ 2). If the hidden parts of a relation with a published total add
 *     up to exactly the sum of their lower bounds, each of them equals its bound: two hidden ones beside
 *     a published total are both 1. Another part (or the total) is hidden then, as in (1).
 * Then (3) a linear audit over all relations at once: a hidden cell can be determined by combining
 * several relations even when every relation has two hidden members (two 2×2 blocks of hidden cells
 * joined by one hidden cell: that cell is the sum of two row differences minus two column differences).
 * For the first determined cell, the smallest non-zero visible member of its relations is hidden (if
 * there is none, of the relations one hop further through hidden cells, and so on), then (1)–(3) repeat.
 *
 * Zero is never a complement: a complement protects a secret cell by making the published difference
 * the sum of two unknowns. If the complement is 0, that sum is the secret value itself, and anyone who
 * guesses the most common value of a small-area cell, 0, reads it off exactly; besides, 0 cannot be
 * hidden consistently, because other tables print the same zero as "-".
 *
 * Termination: every step of (1)–(3) turns one visible cell into a hidden one and nothing is ever
 * un-hidden, so there are at most as many steps as cells. Each step exists while it is needed: in (1) a
 * part x ≥ 1 hidden alone has a total ≥ 1, so a non-zero candidate exists unless the total is unknown
 * (then the relation reveals nothing and is skipped); in (2) the visible total is at least the bounds of
 * two hidden parts, so ≥ 2, and is itself a candidate. In (3), suppose no candidate were reachable from a determined cell d: then every relation reachable from d
 * through hidden cells has only hidden, unknown or zero members, and the true values on those cells
 * (0 elsewhere) satisfy all relations with every known member set to 0. That vector is a direction in
 * which all published numbers stay the same and which moves d (its true value is ≥ 1), so d would not be
 * determined. Hence (3) always finds a cell, and when every non-zero cell is hidden nothing is determined.
 *
 * Not covered: an interval attack with linear programming over several relations at once, combining
 * upper and lower bounds, can narrow a hidden value and in rare patterns pin it; (2) only closes the
 * per-relation case. An interval audit in the manner of τ-ARGUS would be the next step if needed.
 * Left to the caller: the grand total of a table is often public elsewhere and must then be passed in;
 * tables published at different times or with different breakdowns of the same population must be
 * protected together.
 */
export function protectTable(table: CountTable, config: Partial<DisclosureConfig> = {}): ProtectedTable {
	const { threshold } = resolveDisclosureConfig(config);
	const model = buildModel(table);
	return tableResult(table, model, suppress(model, threshold), 0);
}

/** Where a cell sits in one of several tables: a body cell (column index) or the row total. */
export interface CellRef {
	table: number;
	row: number;
	column: number | 'total';
}

/**
 * Several tables protected as one: `links` name cells that hold the same count in two tables (the
 * residents of an area as the total of one figure and as the sum of another's age groups; a category
 * delivered in two tables). Protected one by one, each table could be safe on its own while the
 * complement hidden in one is printed in the other, or two tables together pin a cell that neither
 * pins alone. Here the two cells of a link are one cell of a single model, so the rules and the linear
 * audit of `protectTable` see every table at once and a linked cell is hidden in all tables or in none.
 */
export function protectTables(tables: readonly CountTable[], links: readonly (readonly [CellRef, CellRef])[], config: Partial<DisclosureConfig> = {}): ProtectedTable[] {
	const { threshold } = resolveDisclosureConfig(config);
	const models = tables.map(buildModel);
	const offsets: number[] = [];
	const joint: Model = { values: [], names: [], relations: [] };
	models.forEach((model, t) => {
		const offset = joint.values.length;
		offsets.push(offset);
		joint.values.push(...model.values);
		joint.names.push(...model.names.map((name) => `table ${t + 1}: ${name}`));
		for (const relation of model.relations) joint.relations.push({ name: `table ${t + 1}: ${relation.name}`, total: relation.total + offset, parts: relation.parts.map((id) => id + offset) });
	});
	const idOf = (ref: CellRef): number => {
		const model = models[ref.table];
		const table = tables[ref.table];
		if (!model || !table || !table.rows[ref.row]) throw new RangeError(`Link to a cell that does not exist: ${JSON.stringify(ref)}`);
		const id = ref.column === 'total' ? model.rowTotalId[ref.row] : ref.row * table.columns.length + ref.column;
		if (id === undefined || (ref.column !== 'total' && (ref.column < 0 || ref.column >= table.columns.length))) throw new RangeError(`Link to a cell that does not exist: ${JSON.stringify(ref)}`);
		return id + offsets[ref.table]!;
	};
	// A linked pair is one count: both ids are merged into one cell of the model (the first of them), so
	// hiding it hides it in every table at once, and every relation sees it as the same unknown.
	const canonical = joint.values.map((_, id) => id);
	const find = (id: number): number => {
		let r = id;
		while (canonical[r] !== r) r = canonical[r]!;
		canonical[id] = r;
		return r;
	};
	for (const [a, b] of links) {
		const x = find(idOf(a));
		const y = find(idOf(b));
		if (x === y) continue;
		if (joint.values[x] !== joint.values[y]) throw new RangeError(`Linked cells differ: ${joint.names[x]} is ${joint.values[x]}, ${joint.names[y]} is ${joint.values[y]}`);
		canonical[Math.max(x, y)] = Math.min(x, y);
	}
	// Smaller relations first: their complement is forced (a row of two parts has one choice), while a
	// wide row would otherwise pick its own smallest part and start a cascade that the narrow relation
	// then has to repeat. The order changes which cells are hidden, never whether the result is
	// protected: the audit at the end checks every relation whatever the order.
	joint.relations = joint.relations
		.map((relation, i) => ({ relation: { ...relation, total: find(relation.total), parts: relation.parts.map(find) }, i }))
		.sort((a, b) => a.relation.parts.length - b.relation.parts.length || a.i - b.i)
		.map(({ relation }) => relation);
	const merged = suppress(joint, threshold);
	const status = merged.map((_, id) => merged[find(id)]!);
	return tables.map((table, t) => tableResult(table, models[t]!, status, offsets[t]!));
}

function tableResult(table: CountTable, model: ReturnType<typeof buildModel>, status: CellStatus[], offset: number): ProtectedTable {
	const out = (id: number): ProtectedValue => ({ value: isPublished(status[id + offset]!) ? model.values[id]! : null, status: status[id + offset]! });
	const result: ProtectedTable = {
		columns: [...table.columns],
		rows: table.rows.map((row, r) => {
			const protectedRow: ProtectedRow = { label: row.label, cells: row.cells.map((_, c) => out(r * table.columns.length + c)) };
			const totalId = model.rowTotalId[r];
			if (totalId !== undefined) protectedRow.total = out(totalId);
			if (row.parent !== undefined) protectedRow.parent = row.parent;
			return protectedRow;
		})
	};
	if (table.columnTotals !== undefined) result.columnTotals = model.columnTotalId.map(out);
	if (model.grandTotalId !== undefined) result.grandTotal = out(model.grandTotalId);
	return result;
}

/** Whether a table's totals add up, so that its relations can be protected (see `buildModel`). */
export function isConsistent(table: CountTable): boolean {
	try {
		buildModel(table);
		return true;
	} catch {
		return false;
	}
}

/** The rules (1)–(3) described at `protectTable`, over one model; the status of every cell id. */
function suppress(model: Model, threshold: number): CellStatus[] {
	const { values, relations } = model;
	const status: CellStatus[] = values.map((value) => primaryStatus(value, { threshold }));
	const hidden = (id: number): boolean => isSuppressed(status[id]!);
	// Lower bounds change only when a cell is hidden; computed again on demand after that.
	let bounds: number[] | null = null;
	const hide = (id: number): void => {
		status[id] = 'suppressed_secondary';
		bounds = null;
	};
	const candidate = (id: number): boolean => {
		const value = values[id];
		return value !== null && value !== undefined && value > 0 && !hidden(id);
	};
	const smallest = (ids: number[]): number | undefined => {
		let best: number | undefined;
		for (const id of ids) {
			if (!candidate(id)) continue;
			if (best === undefined || values[id]! < values[best]! || (values[id] === values[best] && id < best)) best = id;
		}
		return best;
	};
	const complementIn = (relation: Relation): number | undefined => smallest(relation.parts) ?? smallest([relation.total]);

	const relationsOf: number[][] = values.map(() => []);
	relations.forEach((relation, g) => {
		for (const id of [relation.total, ...relation.parts]) relationsOf[id]!.push(g);
	});

	/**
	 * What a reader can infer as the least value of each cell: published cells are known, hidden ones
	 * are ≥ 1, unknown ones ≥ 0, and a hidden total ≥ the sum of its parts' bounds. Ends because each
	 * bound only grows, stays an integer and never exceeds the true value (the parts' true values sum to it).
	 */
	const lowerBounds = (): number[] => {
		if (bounds !== null) return bounds;
		const bound = values.map((value, id) => (hidden(id) ? 1 : (value ?? 0)));
		let changed = true;
		while (changed) {
			changed = false;
			for (const relation of relations) {
				if (!hidden(relation.total)) continue;
				const least = relation.parts.reduce((sum, id) => sum + bound[id]!, 0);
				if (least > bound[relation.total]!) {
					bound[relation.total] = least;
					changed = true;
				}
			}
		}
		bounds = bound;
		return bound;
	};

	const enforceRelations = (): void => {
		let changed = true;
		while (changed) {
			changed = false;
			for (const relation of relations) {
				const members = [...relation.parts, relation.total];
				const hiddenCount = members.filter(hidden).length;
				let pick: number | undefined;
				if (hiddenCount === 1) {
					pick = complementIn(relation);
				} else if (hiddenCount >= 2 && !hidden(relation.total) && values[relation.total] !== null) {
					// Not-available parts count with bound 0: the reader cannot tell them apart from hidden slack.
					const bound = lowerBounds();
					const least = relation.parts.reduce((sum, id) => sum + (hidden(id) || values[id] === null ? bound[id]! : values[id]!), 0);
					if (values[relation.total]! <= least) pick = complementIn(relation);
				}
				if (pick !== undefined) {
					hide(pick);
					changed = true;
				}
			}
		}
	};

	const nearestComplement = (start: number): number | undefined => {
		const seenRelations = new Set<number>();
		const seenCells = new Set<number>([start]);
		let frontier = [start];
		while (frontier.length > 0) {
			const found: number[] = [];
			const next: number[] = [];
			for (const id of frontier) {
				for (const g of relationsOf[id]!) {
					if (seenRelations.has(g)) continue;
					seenRelations.add(g);
					const relation = relations[g]!;
					for (const member of [...relation.parts, relation.total]) {
						if (candidate(member)) found.push(member);
						else if (!seenCells.has(member) && (hidden(member) || values[member] === null)) {
							seenCells.add(member);
							next.push(member);
						}
					}
				}
			}
			const pick = smallest(found);
			if (pick !== undefined) return pick;
			frontier = next;
		}
		return undefined;
	};

	for (;;) {
		enforceRelations();
		const determined = determinedCells(model, hidden);
		if (determined.length === 0) break;
		const pick = nearestComplement(determined[0]!);
		// Unreachable by the argument above; failing loudly beats publishing a revealed cell.
		if (pick === undefined) throw new Error(`Disclosure control: ${model.names[determined[0]!]} cannot be protected`);
		hide(pick);
	}
	return status;
}

// ---------------------------------------------------------------------------------------------------
// Key figures computed from protected counts

/**
 * Why a value computed from these inputs cannot be shown, or null if it can. Secrecy comes first: a
 * value derived from a hidden count would let the count be recomputed (share × denominator), so it is
 * hidden with the same status, whatever else is true of it. Primary wins over secondary for the same
 * reason the table's cells keep theirs: it records why the number is hidden.
 */
function blockedBy(inputs: ProtectedValue[]): CellStatus | null {
	for (const status of ['suppressed_primary', 'suppressed_secondary', 'not_available', 'not_applicable', 'not_reliable'] as const) {
		if (inputs.some((input) => input.status === status)) return status;
	}
	return null;
}

function publishedNumber(input: ProtectedValue, what: string): number {
	if (input.value === null || !Number.isFinite(input.value)) throw new TypeError(`${what} with status ${input.status} must have a finite value`);
	return input.value;
}

function quotient(numerator: ProtectedValue, denominator: ProtectedValue, scale: number, isShare: boolean, config: Partial<DisclosureConfig>): ProtectedValue {
	const { minDenominator } = resolveDisclosureConfig(config);
	const blocked = blockedBy([numerator, denominator]);
	if (blocked !== null) return { value: null, status: blocked };
	const n = publishedNumber(numerator, 'numerator');
	const d = publishedNumber(denominator, 'denominator');
	if (n < 0 || d < 0) throw new RangeError(`Shares and rates need non-negative counts, got ${n} / ${d}`);
	// Checked before anything is withheld: a part larger than its whole is a data error, not a small number.
	if (isShare && n > d) throw new RangeError(`A share cannot exceed its denominator: ${n} / ${d}`);
	if (d === 0) return { value: null, status: 'not_applicable' };
	// Below the minimum the number is withheld, not only flagged: a printed value invites reading it.
	if (d < minDenominator) return { value: null, status: 'not_reliable' };
	if (n === 0) return { value: 0, status: 'zero' };
	return { value: (n / d) * scale, status: 'ok' };
}

/**
 * The share of `numerator` in `denominator`, in percent (0 … 100). Hidden when either count is hidden,
 * `x` for 0 / 0, `/` when the denominator is below `minDenominator`, `-` for a share of exactly 0.
 * Compute shares from the cells of a protected table: a share is only as safe as its counts.
 */
export function share(numerator: ProtectedValue, denominator: ProtectedValue, config: Partial<DisclosureConfig> = {}): ProtectedValue {
	return quotient(numerator, denominator, 100, true, config);
}

/** A rate per `per` (default 1,000) of the denominator, e.g. unemployed per 1,000 residents; same rules as `share`. */
export function rate(numerator: ProtectedValue, denominator: ProtectedValue, per = 1000, config: Partial<DisclosureConfig> = {}): ProtectedValue {
	if (!(per > 0) || !Number.isFinite(per)) throw new RangeError(`per must be a positive number, got ${per}`);
	return quotient(numerator, denominator, per, false, config);
}

/**
 * numerator / denominator of two protected counts, e.g. unemployed foreigners to unemployed Germans.
 * Hidden (with the inputs' status) unless both counts are published: a ratio and one published count
 * would reveal the other. `x` for a denominator of 0. No small-denominator rule: both counts are
 * published anyway, so their ratio says nothing new.
 */
export function ratio(numerator: ProtectedValue, denominator: ProtectedValue): ProtectedValue {
	const blocked = blockedBy([numerator, denominator]);
	if (blocked !== null) return { value: null, status: blocked };
	const n = publishedNumber(numerator, 'numerator');
	const d = publishedNumber(denominator, 'denominator');
	if (d === 0) return { value: null, status: 'not_applicable' };
	if (n === 0) return { value: 0, status: 'zero' };
	return { value: n / d, status: 'ok' };
}

/**
 * The change from `earlier` to `later` in percentage points (later − earlier), from two shares in
 * percent. Hidden if either share is hidden (the difference and the other share would reveal it), not
 * reliable if either is not reliable. No change at all is a value (0 points), not "nothing", so it
 * stays `ok`. Not rounded: format for display only, so that rounding happens once.
 */
export function differenceInPoints(earlier: ProtectedValue, later: ProtectedValue): ProtectedValue {
	const blocked = blockedBy([earlier, later]);
	if (blocked !== null) return { value: null, status: blocked };
	return { value: publishedNumber(later, 'later share') - publishedNumber(earlier, 'earlier share'), status: 'ok' };
}
