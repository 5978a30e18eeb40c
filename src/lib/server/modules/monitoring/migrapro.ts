/**
 * Migration background ("Migrationshintergrund") from an anonymised extract of the population
 * register, derived the way German municipal statistics do it with MigraPro (Verband Deutscher
 * Städtestatistiker, KOSIS-Verbund), and aggregated while streaming.
 *
 * Pure: rows in, aggregate counts out; no database, no file access. The rules, their order and what
 * is not implemented are documented in docs/monitoring-migrapro.md, which must change with this file.
 *
 * Flow: validateRow (per row) → household buffer → checkHouseholdLinks → deriveHousehold
 * (derivePerson per member, parents first) → count into (area, age band, sex, status, country group).
 */

// ---------------------------------------------------------------------------------------------
// Input and normalised types
// ---------------------------------------------------------------------------------------------

/**
 * One resident as it comes from the extract (after CSV/XLSX parsing). Loosely typed on purpose:
 * the validator is the place where codes are checked, so a parser can hand over what it read.
 *
 * Country codes are ISO 3166-1 alpha-2 ("DE" = German, "TR", …). Two user-assigned codes stand for
 * what is no country: "XS" stateless (staatenlos), "XX" unresolved (ungeklärt). Historic codes such
 * as "SU" or "YU" are accepted as they are (the format is checked, not the code list).
 */
export interface RegisterRow {
	/** The resident's id in the extract (pseudonymous); unique within the household. */
	id: string;
	/** Household id; the extract must be sorted by it (code-unit order, see RegisterOrderError). */
	householdId: string;
	areaCode: string;
	/** Year of birth. Either birthYear or age must be given; birthYear wins when both are. */
	birthYear?: number | string | null;
	/** Age in completed years at the reference date. */
	age?: number | string | null;
	/** "m", "w", "d", or "x" / empty for "ohne Angabe". */
	sex?: string | null;
	firstNationality: string;
	secondNationality?: string | null;
	countryOfBirth?: string | null;
	/** Kind of German citizenship: see CITIZENSHIP_KINDS; empty when unknown or not German. */
	germanCitizenship?: string | null;
	/**
	 * Year of the move from abroad into Germany (Zuzug aus dem Ausland) as recorded in the register;
	 * empty when none is recorded. Moves between German municipalities do not count.
	 */
	yearMovedIn?: number | string | null;
	/** Id of the mother when she lives in the same household. */
	motherId?: string | null;
	/** Id of the father when he lives in the same household. */
	fatherId?: string | null;
}

export type Sex = 'm' | 'w' | 'd' | 'unknown';

export const CITIZENSHIP_KINDS = {
	birth: 'durch Geburt (Abstammung)',
	naturalisation: 'Einbürgerung',
	late_repatriate: '(Spät-)Aussiedler (§ 7 StAG, Bescheinigung nach § 15 BVFG)',
	option_rule: 'Geburt im Inland, Optionsregelung (§ 4 Abs. 3, § 29 StAG)'
} as const;
export type CitizenshipKind = keyof typeof CITIZENSHIP_KINDS;

/** A validated, normalised resident. */
export interface Resident {
	id: string;
	householdId: string;
	areaCode: string;
	/** Age at the reference date (see ageAt). */
	age: number;
	sex: Sex;
	/** Always set; "DE" when the resident is German (a German never counts as foreigner). */
	firstNationality: string;
	secondNationality: string | null;
	countryOfBirth: string | null;
	germanCitizenship: CitizenshipKind | null;
	yearMovedIn: number | null;
	motherId: string | null;
	fatherId: string | null;
}

export const GERMAN = 'DE';
export const STATELESS = 'XS';
export const UNRESOLVED = 'XX';

/** A code that names a foreign state (not Germany, not stateless, not unresolved). */
function isForeignCountry(code: string | null): code is string {
	return code !== null && code !== GERMAN && code !== STATELESS && code !== UNRESOLVED;
}

// ---------------------------------------------------------------------------------------------
// Derivation: the ordered rule list
// ---------------------------------------------------------------------------------------------

export type MigrationStatus =
	| 'foreigner'
	| 'late_repatriate'
	| 'naturalised'
	| 'option_rule'
	| 'dual_national'
	| 'born_abroad'
	| 'derived'
	| 'none';

export const MIGRATION_STATUS_LABELS: Record<MigrationStatus, string> = {
	foreigner: 'Ausländer/-in',
	late_repatriate: 'Deutsche/-r: (Spät-)Aussiedler/-in',
	naturalised: 'Deutsche/-r: eingebürgert',
	option_rule: 'Deutsche/-r: Optionsregelung',
	dual_national: 'Deutsche/-r mit weiterer Staatsangehörigkeit',
	born_abroad: 'Deutsche/-r: im Ausland geboren und zugezogen',
	derived: 'Deutsche/-r unter 18: abgeleiteter Migrationshintergrund (Eltern)',
	none: 'ohne Migrationshintergrund'
};

export const hasMigrationBackground = (status: MigrationStatus): boolean => status !== 'none';

export interface Derivation {
	status: MigrationStatus;
	/** Bezugsland: ISO alpha-2 code, null when no migration background or nothing is known. */
	referenceCountry: string | null;
	referenceCountrySource: 'first_nationality' | 'second_nationality' | 'country_of_birth' | 'mother' | 'father' | null;
}

export interface ParentDerivations {
	mother?: Derivation | null;
	father?: Derivation | null;
}

export interface DeriveOptions {
	/**
	 * Germans born abroad count only when a move from abroad is recorded (the issue's wording:
	 * "born abroad who moved in"). false = the place of birth abroad alone suffices.
	 */
	bornAbroadRequiresMoveIn?: boolean;
	/** Children below this age derive from their parents. 18 in MigraPro and the Mikrozensus. */
	adultAge?: number;
}

interface ResolvedDeriveOptions {
	bornAbroadRequiresMoveIn: boolean;
	adultAge: number;
}

const resolveDeriveOptions = (o: DeriveOptions = {}): ResolvedDeriveOptions => ({
	bornAbroadRequiresMoveIn: o.bornAbroadRequiresMoveIn ?? true,
	adultAge: o.adultAge ?? 18
});

export interface MigrationRule {
	status: MigrationStatus;
	/** The rule in words, as in docs/monitoring-migrapro.md. */
	description: string;
	applies(person: Resident, parents: ParentDerivations, options: ResolvedDeriveOptions): boolean;
}

const isGerman = (p: Resident) => p.firstNationality === GERMAN;
const parentHasBackground = (d: Derivation | null | undefined) => d != null && hasMigrationBackground(d.status);

/**
 * The first rule that applies decides. Order = precedence: the legal status first (a foreigner is a
 * foreigner whatever else is recorded, so the count equals the classic foreigner statistic), then the
 * register's explicit entry on how German citizenship was acquired (most specific: it names the
 * route of immigration), then the weaker indicators, and the parents only for children who have no
 * migration background of their own.
 */
export const MIGRATION_RULES: readonly MigrationRule[] = [
	{
		status: 'foreigner',
		description: 'erste Staatsangehörigkeit nicht deutsch (auch staatenlos, ungeklärt)',
		applies: (p) => !isGerman(p)
	},
	{
		status: 'late_repatriate',
		description: 'Deutsche/-r, Art der Staatsangehörigkeit: (Spät-)Aussiedler',
		applies: (p) => p.germanCitizenship === 'late_repatriate'
	},
	{
		status: 'naturalised',
		description: 'Deutsche/-r, Art der Staatsangehörigkeit: Einbürgerung',
		applies: (p) => p.germanCitizenship === 'naturalisation'
	},
	{
		// Before dual_national: option-rule Germans nearly always hold their parents' nationality as
		// second one; ranking dual_national first would leave this category empty.
		status: 'option_rule',
		description: 'Deutsche/-r, Art der Staatsangehörigkeit: Optionsregelung (ius soli)',
		applies: (p) => p.germanCitizenship === 'option_rule'
	},
	{
		status: 'dual_national',
		description: 'Deutsche/-r mit einer weiteren, nicht deutschen Staatsangehörigkeit',
		applies: (p) => p.secondNationality !== null && p.secondNationality !== GERMAN
	},
	{
		status: 'born_abroad',
		description: 'Deutsche/-r, Geburtsland nicht Deutschland, Zuzug aus dem Ausland verzeichnet',
		applies: (p, _parents, o) =>
			p.countryOfBirth !== null && p.countryOfBirth !== GERMAN && (!o.bornAbroadRequiresMoveIn || p.yearMovedIn !== null)
	},
	{
		status: 'derived',
		description: 'unter 18 Jahre, ohne eigenen Migrationshintergrund, Mutter oder Vater im Haushalt mit Migrationshintergrund',
		applies: (p, parents, o) => p.age < o.adultAge && (parentHasBackground(parents.mother) || parentHasBackground(parents.father))
	},
	{ status: 'none', description: 'alle übrigen', applies: () => true }
];

/**
 * Bezugsland: first foreign nationality, else second foreign nationality, else foreign country of
 * birth, else a parent's reference country. Among parents, one with an own migration background
 * beats one with a derived one (first-hand information), then the mother beats the father: a
 * child's link to its mother is the most complete one in the register (every birth record names the
 * mother; the father's link may be missing), so preferring her gives the same answer whether or not
 * the father is linked.
 */
function referenceCountryOf(p: Resident, status: MigrationStatus, parents: ParentDerivations): Pick<Derivation, 'referenceCountry' | 'referenceCountrySource'> {
	if (status === 'none') return { referenceCountry: null, referenceCountrySource: null };
	if (isForeignCountry(p.firstNationality)) return { referenceCountry: p.firstNationality, referenceCountrySource: 'first_nationality' };
	if (isForeignCountry(p.secondNationality)) return { referenceCountry: p.secondNationality, referenceCountrySource: 'second_nationality' };
	if (isForeignCountry(p.countryOfBirth)) return { referenceCountry: p.countryOfBirth, referenceCountrySource: 'country_of_birth' };
	const candidates: [Derivation | null | undefined, 'mother' | 'father'][] = [
		[parents.mother, 'mother'],
		[parents.father, 'father']
	];
	for (const ownOnly of [true, false]) {
		for (const [d, source] of candidates) {
			if (d && d.referenceCountry !== null && (!ownOnly || d.status !== 'derived')) return { referenceCountry: d.referenceCountry, referenceCountrySource: source };
		}
	}
	return { referenceCountry: null, referenceCountrySource: null };
}

/** Derives one person's status and reference country; pass the parents' derivations for children. */
export function derivePerson(person: Resident, parents: ParentDerivations = {}, options?: DeriveOptions): Derivation {
	return deriveResolved(person, parents, resolveDeriveOptions(options));
}

function deriveResolved(person: Resident, parents: ParentDerivations, o: ResolvedDeriveOptions): Derivation {
	let status: MigrationStatus = 'none';
	for (const rule of MIGRATION_RULES) {
		if (rule.applies(person, parents, o)) {
			status = rule.status;
			break;
		}
	}
	const rc = referenceCountryOf(person, status, parents);
	return { status, referenceCountry: rc.referenceCountry, referenceCountrySource: rc.referenceCountrySource };
}

/**
 * Derives all members of one household. Parent links are followed by id within the household;
 * links to ids that are not members are ignored (checkHouseholdLinks reports them). Parents are
 * derived before their children (recursively, memoised); a link to someone already being derived
 * (a cycle, which checkHouseholdLinks prevents) is treated as no link.
 */
export function deriveHousehold(members: readonly Resident[], options?: DeriveOptions): Derivation[] {
	return deriveHouseholdResolved(members, resolveDeriveOptions(options));
}

function deriveHouseholdResolved(members: readonly Resident[], o: ResolvedDeriveOptions): Derivation[] {
	const results: (Derivation | null)[] = [];
	for (let i = 0; i < members.length; i++) results.push(null);
	for (let i = 0; i < members.length; i++) deriveMember(members, i, results, o, 0);
	return results as Derivation[];
}

// A plain function, not a closure: this runs once per resident of a million-row extract.
function deriveMember(members: readonly Resident[], i: number, results: (Derivation | null)[], o: ResolvedDeriveOptions, depth: number): Derivation | null {
	const done = results[i];
	if (done) return done;
	// Deeper than the household is large can only be a cycle of parent links.
	if (depth > members.length) return null;
	const p = members[i]!;
	const m = p.motherId === null ? -1 : indexOfMember(members, p.motherId);
	const f = p.fatherId === null ? -1 : indexOfMember(members, p.fatherId);
	const mother = m < 0 ? null : deriveMember(members, m, results, o, depth + 1);
	const father = f < 0 ? null : deriveMember(members, f, results, o, depth + 1);
	const d = deriveResolved(p, { mother, father }, o);
	results[i] = d;
	return d;
}

function indexOfMember(members: readonly Resident[], id: string): number {
	// Households are small; a linear scan beats building a Map for each of them.
	for (let i = 0; i < members.length; i++) if (members[i]!.id === id) return i;
	return -1;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export type IssueSeverity = 'error' | 'warning';

export type IssueCode =
	| 'missing_value'
	| 'invalid_year'
	| 'invalid_age'
	| 'unknown_sex'
	| 'invalid_country_code'
	| 'unknown_citizenship_kind'
	| 'duplicate_id'
	| 'age_mismatch'
	| 'german_second_position'
	| 'second_equals_first'
	| 'citizenship_kind_for_foreigner'
	| 'move_year_implausible'
	| 'parent_not_in_household'
	| 'parent_not_older';

/**
 * Errors reject the whole run: a value that cannot be interpreted in a field the derivation or the
 * cell key needs (usually a wrong column mapping or coding, which would affect every row alike).
 * Warnings have one documented resolution and the row is counted.
 */
export const ISSUE_SEVERITY: Record<IssueCode, IssueSeverity> = {
	missing_value: 'error',
	invalid_year: 'error',
	invalid_age: 'error',
	unknown_sex: 'error',
	invalid_country_code: 'error',
	unknown_citizenship_kind: 'error',
	duplicate_id: 'error',
	age_mismatch: 'warning',
	german_second_position: 'warning',
	second_equals_first: 'warning',
	citizenship_kind_for_foreigner: 'warning',
	move_year_implausible: 'warning',
	parent_not_in_household: 'warning',
	parent_not_older: 'warning'
};

export interface RegisterIssue {
	severity: IssueSeverity;
	code: IssueCode;
	/** Row number as counted by the caller (see AggregatorOptions.firstRowNumber). */
	row: number;
	field: keyof RegisterRow;
	/** German, for the statistics office: "Zeile 12, Feld „sex“: …". */
	message: string;
}

export type IssueSink = (issue: RegisterIssue) => void;

const issue = (code: IssueCode, row: number, field: keyof RegisterRow, text: string): RegisterIssue => ({
	severity: ISSUE_SEVERITY[code],
	code,
	row,
	field,
	message: `Zeile ${row}, Feld „${field}“: ${text}`
});

const MAX_AGE = 120;
const COUNTRY_CODE = /^[A-Z]{2}$/;
const SEX_CODES: Record<string, Sex> = { m: 'm', w: 'w', d: 'd', x: 'unknown', '': 'unknown' };

function sexOf(raw: string | null | undefined): Sex | undefined {
	if (raw === 'm' || raw === 'w') return raw;
	if (raw === null || raw === undefined) return 'unknown';
	const key = String(raw).trim().toLowerCase();
	return Object.hasOwn(SEX_CODES, key) ? SEX_CODES[key] : undefined;
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const show = (v: unknown): string => `„${String(v)}“`;

/** An integer from a number or a string of digits; undefined when blank, NaN when not an integer. */
function toInteger(v: number | string | null | undefined): number | undefined {
	if (isBlank(v)) return undefined;
	if (typeof v === 'number') return Number.isInteger(v) ? v : NaN;
	const s = (v as string).trim();
	return /^\d{1,4}$/.test(s) ? Number(s) : NaN;
}

/** Two upper-case ASCII letters: the common case, checked without allocating. */
function isPlainCode(v: string): boolean {
	if (v.length !== 2) return false;
	const a = v.charCodeAt(0);
	const b = v.charCodeAt(1);
	return a >= 65 && a <= 90 && b >= 65 && b <= 90;
}

/** The normalised code, null when blank, undefined after reporting an error. */
function countryCode(row: RegisterRow, field: 'firstNationality' | 'secondNationality' | 'countryOfBirth', n: number, sink: IssueSink): string | null | undefined {
	const v = row[field];
	if (typeof v === 'string' && isPlainCode(v)) return v;
	if (isBlank(v)) return null;
	const code = String(v).trim().toUpperCase();
	if (COUNTRY_CODE.test(code)) return code;
	const hint = /^\d{3}$/.test(code)
		? ' (dreistellige Staatsangehörigkeitsschlüssel des Statistischen Bundesamts bitte vorher in ISO-Codes umschlüsseln)'
		: '';
	sink(issue('invalid_country_code', n, field, `${show(v)} ist kein Ländercode nach ISO 3166-1 Alpha-2 (erwartet z. B. „DE“, „TR“; „XS“ staatenlos, „XX“ ungeklärt)${hint}.`));
	return undefined;
}

function trimmed(v: string | null | undefined): string | null {
	if (v === null || v === undefined) return null;
	const t = typeof v === 'string' ? v.trim() : String(v).trim();
	return t === '' ? null : t;
}

/**
 * Checks one row and normalises it. Reports every problem through `sink`; returns null when any
 * error was found (the row cannot be counted). Household-level checks (duplicate ids, parent links)
 * are in checkHouseholdLinks.
 */
export function validateRowInto(row: RegisterRow, n: number, referenceYear: number, sink: IssueSink): Resident | null {
	// No closures in here: this runs once per resident of a million-row extract.
	let ok = true;
	const id = trimmed(row.id);
	if (id === null) {
		ok = false;
		sink(issue('missing_value', n, 'id', 'Personen-ID fehlt.'));
	}
	const householdId = trimmed(row.householdId);
	if (householdId === null) {
		ok = false;
		sink(issue('missing_value', n, 'householdId', 'Haushalts-ID fehlt.'));
	}
	const areaCode = trimmed(row.areaCode);
	if (areaCode === null) {
		ok = false;
		sink(issue('missing_value', n, 'areaCode', 'Gebietsschlüssel fehlt.'));
	}

	// Age: the birth year is what registers deliver; age = reference year − birth year (see ageAt).
	let age = -1;
	const birthYear = toInteger(row.birthYear);
	const givenAge = toInteger(row.age);
	if (birthYear !== undefined) {
		if (Number.isNaN(birthYear) || birthYear > referenceYear || birthYear < referenceYear - MAX_AGE) {
			ok = false;
			sink(issue('invalid_year', n, 'birthYear', `Geburtsjahr ${show(row.birthYear)} ist ungültig (erwartet eine ganze Zahl von ${referenceYear - MAX_AGE} bis ${referenceYear}).`));
		} else {
			age = ageAt(birthYear, referenceYear);
			if (givenAge !== undefined && !Number.isNaN(givenAge) && Math.abs(givenAge - age) > 1)
				sink(issue('age_mismatch', n, 'age', `Alter ${givenAge} passt nicht zum Geburtsjahr ${birthYear}; das Geburtsjahr gilt (Alter ${age}).`));
		}
	} else if (givenAge !== undefined) {
		if (Number.isNaN(givenAge) || givenAge < 0 || givenAge > MAX_AGE) {
			ok = false;
			sink(issue('invalid_age', n, 'age', `Alter ${show(row.age)} ist ungültig (erwartet eine ganze Zahl von 0 bis ${MAX_AGE}).`));
		} else age = givenAge;
	} else {
		ok = false;
		sink(issue('missing_value', n, 'birthYear', 'Geburtsjahr und Alter fehlen; eines von beiden ist nötig.'));
	}

	const rawSex = row.sex;
	const sex = sexOf(rawSex);
	if (sex === undefined) {
		ok = false;
		sink(issue('unknown_sex', n, 'sex', `unbekannter Geschlechtsschlüssel ${show(rawSex)} (erlaubt: m, w, d, x oder leer für „ohne Angabe“).`));
	}

	let first = countryCode(row, 'firstNationality', n, sink);
	if (first === null) sink(issue('missing_value', n, 'firstNationality', 'erste Staatsangehörigkeit fehlt.'));
	let second = countryCode(row, 'secondNationality', n, sink);
	const countryOfBirth = countryCode(row, 'countryOfBirth', n, sink);
	if (first == null || second === undefined || countryOfBirth === undefined) ok = false;

	let kind: CitizenshipKind | null = null;
	const rawKind = row.germanCitizenship;
	if (!isBlank(rawKind)) {
		const k = String(rawKind).trim();
		if (Object.hasOwn(CITIZENSHIP_KINDS, k)) kind = k as CitizenshipKind;
		else {
			ok = false;
			sink(issue('unknown_citizenship_kind', n, 'germanCitizenship', `unbekannte Art der deutschen Staatsangehörigkeit ${show(rawKind)} (erlaubt: ${Object.keys(CITIZENSHIP_KINDS).join(', ')} oder leer).`));
		}
	}

	let yearMovedIn: number | null = null;
	const moved = toInteger(row.yearMovedIn);
	if (moved !== undefined) {
		if (Number.isNaN(moved)) {
			ok = false;
			sink(issue('invalid_year', n, 'yearMovedIn', `Zuzugsjahr ${show(row.yearMovedIn)} ist keine Jahreszahl.`));
		} else {
			yearMovedIn = moved;
			// Only the fact of a recorded move is used, so an implausible year is kept.
			if (age >= 0 && (moved > referenceYear || moved < referenceYear - age))
				sink(issue('move_year_implausible', n, 'yearMovedIn', `Zuzugsjahr ${moved} liegt vor der Geburt oder nach dem Stichtag; der Zuzug zählt trotzdem.`));
		}
	}

	if (!ok || first == null || second === undefined || countryOfBirth === undefined || sex === undefined) return null;

	// A German is German (Art. 116 GG); registers list German first, but exports sometimes do not.
	if (second === GERMAN && first !== GERMAN) {
		sink(issue('german_second_position', n, 'secondNationality', `deutsche Staatsangehörigkeit an zweiter Stelle; gewertet als Deutsche/-r mit weiterer Staatsangehörigkeit ${first}.`));
		second = first;
		first = GERMAN;
	}
	if (second !== null && second === first) {
		sink(issue('second_equals_first', n, 'secondNationality', `zweite Staatsangehörigkeit gleich der ersten (${first}); nicht berücksichtigt.`));
		second = null;
	}
	if (kind !== null && first !== GERMAN) {
		sink(issue('citizenship_kind_for_foreigner', n, 'germanCitizenship', `Art der deutschen Staatsangehörigkeit bei nicht deutscher erster Staatsangehörigkeit (${first}); nicht berücksichtigt.`));
		kind = null;
	}

	return {
		id: id!,
		householdId: householdId!,
		areaCode: areaCode!,
		age,
		sex,
		firstNationality: first,
		secondNationality: second,
		countryOfBirth,
		germanCitizenship: kind,
		yearMovedIn,
		motherId: trimmed(row.motherId),
		fatherId: trimmed(row.fatherId)
	};
}

/** validateRowInto with the issues collected, for callers that check single rows. */
export function validateRow(row: RegisterRow, rowNumber: number, referenceYear: number): { resident: Resident | null; issues: RegisterIssue[] } {
	const issues: RegisterIssue[] = [];
	const resident = validateRowInto(row, rowNumber, referenceYear, (i) => issues.push(i));
	return { resident, issues };
}

/**
 * Household-level checks on validated members (rowNumbers[i] belongs to members[i]): duplicate ids
 * are errors; parent links to non-members or to members not older than the child are warnings and
 * are removed (set to null), which also rules out cycles for deriveHousehold.
 */
export function checkHouseholdLinks(members: Resident[], rowNumbers: readonly number[], sink: IssueSink): void {
	for (let i = 0; i < members.length; i++) {
		const p = members[i]!;
		const row = rowNumbers[i] ?? 0;
		for (let j = 0; j < i; j++) {
			if (members[j]!.id === p.id) sink(issue('duplicate_id', row, 'id', `Personen-ID „${p.id}“ kommt im Haushalt „${p.householdId}“ mehrfach vor (zuerst in Zeile ${rowNumbers[j] ?? 0}).`));
		}
		for (const field of ['motherId', 'fatherId'] as const) {
			const parentId = p[field];
			if (parentId === null) continue;
			const k = indexOfMember(members, parentId);
			if (k < 0) {
				sink(issue('parent_not_in_household', row, field, `Elternteil „${parentId}“ ist nicht im Haushalt „${p.householdId}“; Verweis nicht berücksichtigt.`));
				p[field] = null;
			} else if (members[k]!.age <= p.age) {
				sink(issue('parent_not_older', row, field, `Elternteil „${parentId}“ (Alter ${members[k]!.age}) ist nicht älter als die Person (Alter ${p.age}); Verweis nicht berücksichtigt.`));
				p[field] = null;
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Age bands
// ---------------------------------------------------------------------------------------------

export interface AgeBand {
	label: string;
	min: number;
	/** Inclusive; null = open-ended (the last band). */
	max: number | null;
}

/** The bands of the Bottrop Integrationsbericht. */
export const BOTTROP_AGE_BANDS: readonly AgeBand[] = [
	{ label: '0-3', min: 0, max: 3 },
	{ label: '4-5', min: 4, max: 5 },
	{ label: '6-9', min: 6, max: 9 },
	{ label: '10-15', min: 10, max: 15 },
	{ label: '16-18', min: 16, max: 18 },
	{ label: '19-29', min: 19, max: 29 },
	{ label: '30-49', min: 30, max: 49 },
	{ label: '50-64', min: 50, max: 64 },
	{ label: '65+', min: 65, max: null }
];

/**
 * Age at the reference date from the birth year alone: the anonymised extract carries no birth
 * day, so this is the age reached in the reference year, exact at the usual Stichtag 31 December.
 */
export const ageAt = (birthYear: number, referenceYear: number): number => referenceYear - birthYear;

/** A lookup table age → band index; throws when the bands do not cover 0…∞ without gaps. */
export function ageBandIndex(bands: readonly AgeBand[]): Uint8Array {
	if (bands.length === 0 || bands.length > 255) throw new Error('Altersgruppen: 1 bis 255 Gruppen erwartet.');
	let next = 0;
	bands.forEach((b, i) => {
		const last = i === bands.length - 1;
		if (b.min !== next) throw new Error(`Altersgruppe „${b.label}“ muss bei ${next} beginnen (Lücke oder Überschneidung).`);
		if (last ? b.max !== null : b.max === null || b.max < b.min) throw new Error(`Altersgruppe „${b.label}“: nur die letzte Gruppe ist nach oben offen, und max ≥ min.`);
		next = (b.max ?? 0) + 1;
	});
	const table = new Uint8Array(MAX_AGE + 1);
	for (let age = 0; age <= MAX_AGE; age++) table[age] = bands.findIndex((b) => age >= b.min && (b.max === null || age <= b.max));
	return table;
}

// ---------------------------------------------------------------------------------------------
// Streaming aggregation
// ---------------------------------------------------------------------------------------------

/** The extract is not sorted by household; thrown at once, since later rows cannot repair it. */
export class RegisterOrderError extends Error {
	constructor(
		readonly row: number,
		readonly householdId: string,
		readonly previousHouseholdId: string
	) {
		super(
			`Zeile ${row}, Feld „householdId“: Haushalt „${householdId}“ folgt auf „${previousHouseholdId}“. ` +
				'Der Auszug muss nach Haushalts-ID aufsteigend sortiert sein (Zeichenfolgenvergleich, z. B. ORDER BY haushalt_id COLLATE "C" ' +
				'oder LC_ALL=C sort), damit jeder Haushalt zusammenhängend ist.'
		);
		this.name = 'RegisterOrderError';
	}
}

/** The run had errors: no aggregates are returned, so none can be stored by mistake. */
export class RegisterValidationError extends Error {
	constructor(
		readonly errorCount: number,
		readonly issues: readonly RegisterIssue[]
	) {
		const first = issues.find((i) => i.severity === 'error');
		super(`Der Auszug enthält ${errorCount} Fehler; es wurde nichts ausgewertet.${first ? ` Erster Fehler: ${first.message}` : ''}`);
		this.name = 'RegisterValidationError';
	}
}

export interface AggregatorOptions extends DeriveOptions {
	/** Year of the reference date (Stichtag 31 December of this year). */
	referenceYear: number;
	ageBands?: readonly AgeBand[];
	/**
	 * Maps a reference country to the group that forms the cell key. Default: the ISO code itself,
	 * "unknown" for a migration background without known country, "none" without migration background.
	 */
	countryGroup?: (referenceCountry: string | null, status: MigrationStatus) => string;
	/** Number of the first data row, e.g. 2 when the file has a header line. Default 1. */
	firstRowNumber?: number;
	/** How many issues are kept in detail (all are counted). Default 1,000. */
	maxIssues?: number;
}

export interface AggregateCell {
	areaCode: string;
	ageBand: string;
	sex: Sex;
	status: MigrationStatus;
	referenceCountryGroup: string;
	count: number;
}

export interface MigraProResult {
	referenceYear: number;
	ageBands: string[];
	rows: number;
	households: number;
	/** Sorted by area, age band (in band order), sex, status (in rule order), country group. */
	cells: AggregateCell[];
	byStatus: Record<MigrationStatus, number>;
	warnings: { count: number; byCode: Partial<Record<IssueCode, number>>; issues: RegisterIssue[] };
}

export interface MigraProAggregator {
	/** Adds the next row; throws RegisterOrderError when the household order is violated. */
	add(row: RegisterRow): void;
	/** Flushes the last household; throws RegisterValidationError when any row had an error. */
	finish(): MigraProResult;
}

export const defaultCountryGroup = (country: string | null, status: MigrationStatus): string =>
	status === 'none' ? 'none' : (country ?? 'unknown');

const STATUS_ORDER = MIGRATION_RULES.map((r) => r.status);
const SEX_ORDER: readonly Sex[] = ['m', 'w', 'd', 'unknown'];

/**
 * A streaming aggregator. Precondition: rows sorted by householdId (code-unit order). It keeps one
 * household in memory, plus the map of cells; nothing else grows with the number of rows.
 */
export function createMigraProAggregator(options: AggregatorOptions): MigraProAggregator {
	const bands = options.ageBands ?? BOTTROP_AGE_BANDS;
	const bandOf = ageBandIndex(bands);
	const groupOf = options.countryGroup ?? defaultCountryGroup;
	const derive = resolveDeriveOptions(options);
	const maxIssues = options.maxIssues ?? 1000;
	const { referenceYear } = options;

	// area → country group → counts by (band, sex, status): two lookups and no string building per
	// resident, which matters at a million rows.
	const cells = new Map<string, Map<string, Uint32Array>>();
	const sexIndex: Record<Sex, number> = { m: 0, w: 1, d: 2, unknown: 3 };
	const statusIndex = Object.fromEntries(STATUS_ORDER.map((s, i) => [s, i])) as Record<MigrationStatus, number>;
	const perBand = SEX_ORDER.length * STATUS_ORDER.length;
	const byStatus = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<MigrationStatus, number>;
	const issues: RegisterIssue[] = [];
	const byCode: Partial<Record<IssueCode, number>> = {};
	let errors = 0;
	let warnings = 0;
	let rowNumber = (options.firstRowNumber ?? 1) - 1;
	let rows = 0;
	let households = 0;
	let currentHousehold: string | null = null;
	let members: Resident[] = [];
	let memberRows: number[] = [];
	let finished = false;

	const sink: IssueSink = (i) => {
		if (i.severity === 'error') errors++;
		else warnings++;
		byCode[i.code] = (byCode[i.code] ?? 0) + 1;
		if (issues.length < maxIssues) issues.push(i);
	};

	const flush = () => {
		if (members.length === 0) return;
		checkHouseholdLinks(members, memberRows, sink);
		// After the first error the run is rejected anyway: keep validating, stop counting.
		if (errors === 0) {
			const derived = deriveHousehold(members, derive);
			for (let i = 0; i < members.length; i++) {
				const p = members[i]!;
				const d = derived[i]!;
				let byGroup = cells.get(p.areaCode);
				if (!byGroup) cells.set(p.areaCode, (byGroup = new Map()));
				const group = groupOf(d.referenceCountry, d.status);
				let counts = byGroup.get(group);
				if (!counts) byGroup.set(group, (counts = new Uint32Array(bands.length * perBand)));
				counts[bandOf[p.age]! * perBand + sexIndex[p.sex] * STATUS_ORDER.length + statusIndex[d.status]]!++;
				byStatus[d.status]++;
			}
		}
		members = [];
		memberRows = [];
	};

	return {
		add(row) {
			if (finished) throw new Error('MigraPro: finish() wurde schon aufgerufen.');
			rowNumber++;
			rows++;
			const hh = isBlank(row.householdId) ? null : String(row.householdId).trim();
			// Order is checked on the raw id so that even an invalid row cannot hide a violation.
			if (hh !== null && hh !== currentHousehold) {
				if (currentHousehold !== null && hh < currentHousehold) throw new RegisterOrderError(rowNumber, hh, currentHousehold);
				flush();
				currentHousehold = hh;
				households++;
			}
			const resident = validateRowInto(row, rowNumber, referenceYear, sink);
			if (resident) {
				members.push(resident);
				memberRows.push(rowNumber);
			}
		},
		finish() {
			if (!finished) {
				flush();
				finished = true;
			}
			if (errors > 0) throw new RegisterValidationError(errors, issues);
			const out: AggregateCell[] = [];
			const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
			for (const areaCode of [...cells.keys()].sort(byText)) {
				const byGroup = cells.get(areaCode)!;
				const groups = [...byGroup.keys()].sort(byText);
				for (let band = 0; band < bands.length; band++)
					for (let sx = 0; sx < SEX_ORDER.length; sx++)
						for (let st = 0; st < STATUS_ORDER.length; st++)
							for (const referenceCountryGroup of groups) {
								const count = byGroup.get(referenceCountryGroup)![band * perBand + sx * STATUS_ORDER.length + st]!;
								if (count > 0) out.push({ areaCode, ageBand: bands[band]!.label, sex: SEX_ORDER[sx]!, status: STATUS_ORDER[st]!, referenceCountryGroup, count });
							}
			}
			return {
				referenceYear,
				ageBands: bands.map((b) => b.label),
				rows,
				households,
				cells: out,
				byStatus: { ...byStatus },
				warnings: { count: warnings, byCode: { ...byCode }, issues: issues.filter((i) => i.severity === 'warning') }
			};
		}
	};
}

/** Aggregates a whole (sync) iterable; see createMigraProAggregator. */
export function aggregateRegister(rows: Iterable<RegisterRow>, options: AggregatorOptions): MigraProResult {
	const agg = createMigraProAggregator(options);
	for (const row of rows) agg.add(row);
	return agg.finish();
}

/** Aggregates an async iterable (e.g. a CSV parser reading a stream). */
export async function aggregateRegisterAsync(rows: AsyncIterable<RegisterRow>, options: AggregatorOptions): Promise<MigraProResult> {
	const agg = createMigraProAggregator(options);
	for await (const row of rows) agg.add(row);
	return agg.finish();
}

// ---------------------------------------------------------------------------------------------
// Synthetic register
// ---------------------------------------------------------------------------------------------

/** mulberry32: tiny, fast and good enough for synthetic data; deterministic per seed. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Picks from a weighted list with precomputed cumulative weights. */
function weighted<T>(entries: readonly (readonly [T, number])[]): (r: number) => T {
	const values = entries.map((e) => e[0]);
	const cumulative: number[] = [];
	let sum = 0;
	for (const [, w] of entries) cumulative.push((sum += w));
	return (r) => {
		const x = r * sum;
		for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return values[i]!;
		return values[values.length - 1]!;
	};
}

// Rough weights after the foreign population of NRW cities; only the shape matters.
const FOREIGN_ORIGIN = weighted<string>([
	['TR', 24], ['SY', 8], ['PL', 8], ['RO', 6], ['UA', 6], ['IT', 5], ['GR', 4], ['BG', 3], ['HR', 3], ['AF', 3], ['IQ', 3],
	['RS', 2], ['XK', 2], ['RU', 2], ['NL', 2], ['MA', 2], ['ES', 1], ['PT', 1], ['IR', 1], ['BA', 1], ['MK', 1], ['VN', 1],
	['CN', 1], ['IN', 1], ['XX', 0.6], ['XS', 0.3]
]);
const NATURALISED_ORIGIN = weighted<string>([
	['TR', 30], ['PL', 10], ['RU', 5], ['KZ', 4], ['IR', 4], ['MA', 4], ['SY', 5], ['IQ', 3], ['IT', 3], ['GR', 3], ['BA', 3],
	['RS', 3], ['UA', 3], ['AF', 2], ['VN', 2], ['LB', 2]
]);
const REPATRIATE_ORIGIN = weighted<string>([['KZ', 35], ['RU', 30], ['PL', 15], ['RO', 8], ['UA', 5], ['KG', 4], ['SU', 3]]);
const ABROAD_BORN_GERMAN = weighted<string>([['US', 3], ['AT', 2], ['CH', 2], ['FR', 2], ['ES', 1], ['GB', 1], ['BR', 1], ['TH', 1]]);
const HOUSEHOLD_SIZE = weighted<number>([[1, 41], [2, 34], [3, 12], [4, 9], [5, 3], [6, 1]]);

type HouseholdKind = 'german' | 'foreign' | 'naturalised' | 'repatriate' | 'mixed' | 'abroad';
const KIND_BASE: readonly (readonly [HouseholdKind, number])[] = [
	['foreign', 0.16],
	['naturalised', 0.08],
	['repatriate', 0.03],
	['mixed', 0.04],
	['abroad', 0.012]
];

// Every row with the same shape (all fields present): keeps property access monomorphic downstream.
const newRow = (id: string, householdId: string, areaCode: string, birthYear: number, sex: string, motherId: string | null, fatherId: string | null): RegisterRow => ({
	id,
	householdId,
	areaCode,
	birthYear,
	age: null,
	sex,
	firstNationality: 'DE',
	secondNationality: null,
	countryOfBirth: 'DE',
	germanCitizenship: 'birth',
	yearMovedIn: null,
	motherId,
	fatherId
});

export interface GeneratorOptions {
	referenceYear?: number;
}

/**
 * A deterministic synthetic register extract: households of 1–6 persons with parent links, sorted
 * by household id, spread over the areas with varying shares of migration background (between
 * roughly a tenth and two thirds per area). Streams: nothing is kept but the current household.
 * `areas` is a list of area codes or a number n (codes "001" … n).
 */
export function* generateRegister(count: number, areas: number | readonly string[], seed: number, options: GeneratorOptions = {}): Generator<RegisterRow> {
	const year = options.referenceYear ?? 2024;
	const rnd = prng(seed);
	const codes = typeof areas === 'number' ? Array.from({ length: areas }, (_, i) => String(i + 1).padStart(3, '0')) : [...areas];
	if (codes.length === 0) throw new Error('generateRegister: keine Gebiete.');
	// Per area: a size weight and a migration intensity; the kinds' shares scale with the latter.
	const areaPick = weighted(codes.map((c) => [c, 0.5 + rnd()] as const));
	const kindPick = new Map<string, (r: number) => HouseholdKind>();
	for (const c of codes) {
		const intensity = 0.35 + 1.6 * rnd() ** 1.4;
		const entries: [HouseholdKind, number][] = KIND_BASE.map(([k, w]) => [k, w * intensity]);
		const rest = 1 - entries.reduce((s, [, w]) => s + w, 0);
		entries.push(['german', Math.max(0.2, rest)]);
		kindPick.set(c, weighted(entries));
	}

	let emitted = 0;
	let household = 0;
	let person = 0;
	const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

	while (emitted < count) {
		household++;
		const householdId = 'H' + String(household).padStart(9, '0');
		const areaCode = areaPick(rnd());
		const kind = kindPick.get(areaCode)!(rnd());
		const size = HOUSEHOLD_SIZE(rnd());
		const origin = kind === 'repatriate' ? REPATRIATE_ORIGIN(rnd()) : kind === 'naturalised' ? NATURALISED_ORIGIN(rnd()) : kind === 'abroad' ? ABROAD_BORN_GERMAN(rnd()) : FOREIGN_ORIGIN(rnd());
		// Composition: a single person, a couple, or one/two parents with children.
		const withChildren = size >= 3 || (size === 2 && rnd() < 0.3);
		const adults = size === 1 ? 1 : withChildren ? (size >= 3 && rnd() < 0.85 ? 2 : 1) : 2;
		const children = size - adults;
		// Up to 22: adult children still living with their parents are common.
		const youngest = between(0, 22);
		const childAges: number[] = [];
		for (let i = 0, a = youngest; i < children; i++, a += between(1, 4)) childAges.push(a);
		const eldest = children > 0 ? childAges[childAges.length - 1]! : 0;
		// Repatriates came mostly between 1988 and 2006 (Aufnahme of Spätaussiedler).
		const moveYear = kind === 'repatriate' ? between(1988, 2006) : between(Math.max(1960, year - 45), year);

		const rows: RegisterRow[] = [];
		let motherId: string | null = null;
		let fatherId: string | null = null;
		for (let i = 0; i < adults; i++) {
			const id = 'P' + String(++person).padStart(10, '0');
			const age = children > 0 ? Math.min(95, eldest + between(20, 40)) : between(19, 92);
			const sex = adults === 2 ? (i === 0 ? 'w' : 'm') : rnd() < (children > 0 ? 0.85 : 0.5) ? 'w' : 'm';
			if (children > 0) {
				if (sex === 'w' && motherId === null) motherId = id;
				else if (fatherId === null) fatherId = id;
			}
			const row = newRow(id, householdId, areaCode, year - age, sex, null, null);
			// In a mixed household the second adult is the foreign partner.
			const k: HouseholdKind = kind === 'mixed' ? (i === 1 || adults === 1 ? 'foreign' : 'german') : kind;
			const movedIn = Math.max(year - age, moveYear);
			if (k === 'foreign') {
				row.firstNationality = origin;
				row.germanCitizenship = null;
				if (rnd() < 0.88) {
					row.countryOfBirth = origin === 'XX' || origin === 'XS' ? 'SY' : origin;
					row.yearMovedIn = movedIn;
				}
			} else if (k === 'naturalised') {
				row.germanCitizenship = 'naturalisation';
				if (rnd() < 0.3) row.secondNationality = origin;
				if (rnd() < 0.8) {
					row.countryOfBirth = origin;
					row.yearMovedIn = movedIn;
				}
			} else if (k === 'repatriate') {
				row.germanCitizenship = 'late_repatriate';
				row.countryOfBirth = origin;
				row.yearMovedIn = movedIn;
			} else if (k === 'abroad') {
				row.countryOfBirth = origin;
				row.yearMovedIn = movedIn;
			}
			rows.push(row);
		}
		for (const age of childAges) {
			const id = 'P' + String(++person).padStart(10, '0');
			const sex = rnd() < 0.0005 ? 'd' : rnd() < 0.49 ? 'w' : 'm';
			const row = newRow(id, householdId, areaCode, year - age, sex, motherId, fatherId);
			const bornAbroad = year - age < moveYear;
			if (kind === 'foreign') {
				if (bornAbroad) {
					row.firstNationality = origin;
					row.germanCitizenship = null;
					row.countryOfBirth = origin === 'XX' || origin === 'XS' ? 'SY' : origin;
					row.yearMovedIn = moveYear;
				} else if (rnd() < 0.45) {
					row.germanCitizenship = 'option_rule';
					if (origin !== 'XX' && origin !== 'XS') row.secondNationality = origin;
				} else {
					row.firstNationality = origin;
					row.germanCitizenship = null;
				}
			} else if (kind === 'naturalised' && rnd() < 0.2) {
				row.germanCitizenship = 'naturalisation';
				if (bornAbroad) {
					row.countryOfBirth = origin;
					row.yearMovedIn = moveYear;
				}
			} else if (kind === 'repatriate' && bornAbroad) {
				row.germanCitizenship = 'late_repatriate';
				row.countryOfBirth = origin;
				row.yearMovedIn = moveYear;
			} else if (kind === 'mixed' && rnd() < 0.7 && origin !== 'XX' && origin !== 'XS') {
				row.secondNationality = origin;
			}
			rows.push(row);
		}
		for (const row of rows) {
			if (emitted >= count) return;
			emitted++;
			yield row;
		}
	}
}
