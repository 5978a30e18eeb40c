import { describe, expect, it } from 'vitest';
import {
	aggregateRegister,
	aggregateRegisterAsync,
	ageBandIndex,
	BOTTROP_AGE_BANDS,
	createMigraProAggregator,
	deriveHousehold,
	derivePerson,
	generateRegister,
	MIGRATION_RULES,
	RegisterOrderError,
	RegisterValidationError,
	validateRow,
	type AgeBand,
	type Derivation,
	type MigrationStatus,
	type RegisterRow,
	type Resident
} from './migrapro.ts';

const YEAR = 2024;

/** A German by birth, born in Germany, 40 years old: no migration background unless overridden. */
const person = (o: Partial<Resident> = {}): Resident => ({
	id: 'p',
	householdId: 'h',
	areaCode: '11',
	age: 40,
	sex: 'w',
	firstNationality: 'DE',
	secondNationality: null,
	countryOfBirth: 'DE',
	germanCitizenship: 'birth',
	yearMovedIn: null,
	motherId: null,
	fatherId: null,
	...o
});

const parent = (status: MigrationStatus, referenceCountry: string | null): Derivation => ({
	status,
	referenceCountry,
	referenceCountrySource: referenceCountry === null ? null : 'first_nationality'
});

/** A raw register row as a parser would hand it over. */
const row = (o: Partial<RegisterRow> = {}): RegisterRow => ({
	id: 'p1',
	householdId: 'h1',
	areaCode: '11',
	birthYear: 1984,
	sex: 'w',
	firstNationality: 'DE',
	countryOfBirth: 'DE',
	germanCitizenship: 'birth',
	...o
});

describe('MIGRATION_RULES', () => {
	it('is the documented precedence, ending in the catch-all', () => {
		expect(MIGRATION_RULES.map((r) => r.status)).toEqual([
			'foreigner',
			'late_repatriate',
			'naturalised',
			'option_rule',
			'dual_national',
			'born_abroad',
			'derived',
			'none'
		]);
	});
});

describe('derivePerson: one case per branch', () => {
	it.each([
		{ name: 'German by birth, born in Germany', p: person(), status: 'none', country: null, source: null },
		{ name: 'German, kind of citizenship unknown', p: person({ germanCitizenship: null }), status: 'none', country: null, source: null },
		{ name: 'foreigner', p: person({ firstNationality: 'TR', germanCitizenship: null, countryOfBirth: 'TR', yearMovedIn: 1990 }), status: 'foreigner', country: 'TR', source: 'first_nationality' },
		{ name: 'foreigner born in Germany', p: person({ firstNationality: 'IT', germanCitizenship: null }), status: 'foreigner', country: 'IT', source: 'first_nationality' },
		{ name: 'stateless, born in Syria', p: person({ firstNationality: 'XS', germanCitizenship: null, countryOfBirth: 'SY' }), status: 'foreigner', country: 'SY', source: 'country_of_birth' },
		{ name: 'nationality unresolved, nothing else known', p: person({ firstNationality: 'XX', germanCitizenship: null, countryOfBirth: null }), status: 'foreigner', country: null, source: null },
		{ name: '(Spät-)Aussiedler', p: person({ germanCitizenship: 'late_repatriate', countryOfBirth: 'KZ', yearMovedIn: 1993 }), status: 'late_repatriate', country: 'KZ', source: 'country_of_birth' },
		{ name: 'naturalised', p: person({ germanCitizenship: 'naturalisation', countryOfBirth: 'MA', yearMovedIn: 2001 }), status: 'naturalised', country: 'MA', source: 'country_of_birth' },
		{ name: 'option rule (ius soli)', p: person({ age: 20, germanCitizenship: 'option_rule', secondNationality: 'TR' }), status: 'option_rule', country: 'TR', source: 'second_nationality' },
		{ name: 'German by birth with a second, foreign nationality', p: person({ secondNationality: 'US' }), status: 'dual_national', country: 'US', source: 'second_nationality' },
		{ name: 'German born abroad who moved in', p: person({ countryOfBirth: 'AT', yearMovedIn: 2010 }), status: 'born_abroad', country: 'AT', source: 'country_of_birth' },
		{ name: 'German born abroad, no move recorded: not counted (default)', p: person({ countryOfBirth: 'AT' }), status: 'none', country: null, source: null }
	])('$name → $status', ({ p, status, country, source }) => {
		expect(derivePerson(p)).toEqual({ status, referenceCountry: country, referenceCountrySource: source });
	});

	it('bornAbroadRequiresMoveIn: false counts the place of birth alone', () => {
		expect(derivePerson(person({ countryOfBirth: 'AT' }), {}, { bornAbroadRequiresMoveIn: false }).status).toBe('born_abroad');
	});
});

describe('derivePerson: precedence when several rules apply', () => {
	it.each([
		{ name: 'foreign first nationality beats a (stray) naturalisation entry', p: person({ firstNationality: 'TR', germanCitizenship: 'naturalisation' }), status: 'foreigner' },
		{ name: 'naturalised beats second nationality and birth abroad', p: person({ germanCitizenship: 'naturalisation', secondNationality: 'PL', countryOfBirth: 'PL', yearMovedIn: 1995 }), status: 'naturalised' },
		{ name: 'Aussiedler beats second nationality', p: person({ germanCitizenship: 'late_repatriate', secondNationality: 'RU', countryOfBirth: 'RU', yearMovedIn: 1996 }), status: 'late_repatriate' },
		{ name: 'option rule beats second nationality', p: person({ age: 12, germanCitizenship: 'option_rule', secondNationality: 'GR' }), status: 'option_rule' },
		{ name: 'second nationality beats birth abroad', p: person({ secondNationality: 'FR', countryOfBirth: 'FR', yearMovedIn: 2000 }), status: 'dual_national' },
		{ name: 'a child’s own background beats the derived one', p: person({ age: 10, germanCitizenship: 'naturalisation', countryOfBirth: 'SY', yearMovedIn: 2016 }), status: 'naturalised' },
		{ name: 'a child born abroad who moved in is not derived', p: person({ age: 10, countryOfBirth: 'US', yearMovedIn: 2020 }), status: 'born_abroad' },
		{ name: 'a foreign child is a foreigner, not derived', p: person({ age: 5, firstNationality: 'TR', germanCitizenship: null }), status: 'foreigner' }
	])('$name', ({ p, status }) => {
		expect(derivePerson(p, { mother: parent('foreigner', 'IQ'), father: parent('foreigner', 'IQ') }).status).toBe(status);
	});
});

describe('derivePerson: children and their parents in the household', () => {
	const child = (age = 10) => person({ age, sex: 'm' });
	it.each([
		{ name: 'no parents linked', age: 10, mother: null, father: null, status: 'none', country: null, source: null },
		{ name: 'both parents without background', age: 10, mother: parent('none', null), father: parent('none', null), status: 'none', country: null, source: null },
		{ name: 'mother foreign', age: 10, mother: parent('foreigner', 'TR'), father: null, status: 'derived', country: 'TR', source: 'mother' },
		{ name: 'only the father has a background', age: 10, mother: parent('none', null), father: parent('naturalised', 'PL'), status: 'derived', country: 'PL', source: 'father' },
		{ name: 'two parents with background: the mother’s country', age: 10, mother: parent('naturalised', 'TR'), father: parent('foreigner', 'SY'), status: 'derived', country: 'TR', source: 'mother' },
		{ name: 'own background beats derived: the father’s country', age: 10, mother: parent('derived', 'IT'), father: parent('foreigner', 'PL'), status: 'derived', country: 'PL', source: 'father' },
		{ name: 'mother’s country unknown: the father’s', age: 10, mother: parent('foreigner', null), father: parent('dual_national', 'GR'), status: 'derived', country: 'GR', source: 'father' },
		{ name: 'no parent country known', age: 10, mother: parent('foreigner', null), father: null, status: 'derived', country: null, source: null },
		{ name: 'newborn (age 0)', age: 0, mother: parent('late_repatriate', 'KZ'), father: null, status: 'derived', country: 'KZ', source: 'mother' },
		{ name: '17: still a child', age: 17, mother: parent('foreigner', 'TR'), father: parent('foreigner', 'TR'), status: 'derived', country: 'TR', source: 'mother' },
		{ name: '18: adult child does not derive', age: 18, mother: parent('foreigner', 'TR'), father: parent('foreigner', 'TR'), status: 'none', country: null, source: null },
		{ name: '25: adult child does not derive', age: 25, mother: parent('foreigner', 'TR'), father: null, status: 'none', country: null, source: null }
	])('$name → $status $country', ({ age, mother, father, status, country, source }) => {
		expect(derivePerson(child(age), { mother, father })).toEqual({ status, referenceCountry: country, referenceCountrySource: source });
	});
});

describe('derivePerson: reference country (Bezugsland) order', () => {
	it.each([
		{ name: 'first nationality before second and birth', p: person({ firstNationality: 'TR', germanCitizenship: null, secondNationality: 'SY', countryOfBirth: 'IQ' }), country: 'TR', source: 'first_nationality' },
		{ name: 'stateless: second nationality', p: person({ firstNationality: 'XS', germanCitizenship: null, secondNationality: 'SY', countryOfBirth: 'LB' }), country: 'SY', source: 'second_nationality' },
		{ name: 'German: second nationality before birth', p: person({ germanCitizenship: 'naturalisation', secondNationality: 'GR', countryOfBirth: 'TR' }), country: 'GR', source: 'second_nationality' },
		{ name: 'German: country of birth', p: person({ germanCitizenship: 'naturalisation', countryOfBirth: 'TR' }), country: 'TR', source: 'country_of_birth' },
		{ name: 'nothing of one’s own: the parents', p: person({ age: 15, germanCitizenship: 'naturalisation' }), mother: parent('foreigner', 'PL'), country: 'PL', source: 'mother' },
		{ name: 'nothing known at all', p: person({ germanCitizenship: 'naturalisation' }), country: null, source: null }
	])('$name → $country', ({ p, mother, country, source }) => {
		const d = derivePerson(p, { mother });
		expect([d.referenceCountry, d.referenceCountrySource]).toEqual([country, source]);
	});
});

describe('deriveHousehold', () => {
	it('derives parents first, whatever the order of the members, and follows a derived parent', () => {
		// Grandmother (Turkish) → mother aged 17 (German by birth, derived) → baby (derived via the mother).
		const baby = person({ id: 'c', age: 0, motherId: 'm' });
		const mother = person({ id: 'm', age: 17, motherId: 'g' });
		const grandmother = person({ id: 'g', age: 40, firstNationality: 'TR', germanCitizenship: null });
		const [b, m, g] = deriveHousehold([baby, mother, grandmother]);
		expect(g).toMatchObject({ status: 'foreigner', referenceCountry: 'TR' });
		expect(m).toMatchObject({ status: 'derived', referenceCountry: 'TR', referenceCountrySource: 'mother' });
		expect(b).toMatchObject({ status: 'derived', referenceCountry: 'TR', referenceCountrySource: 'mother' });
	});

	it('an adult child breaks the chain: its child does not derive through it', () => {
		const [, m, c] = deriveHousehold([
			person({ id: 'g', age: 70, firstNationality: 'TR', germanCitizenship: null }),
			person({ id: 'm', age: 40, motherId: 'g' }),
			person({ id: 'c', age: 10, motherId: 'm' })
		]);
		expect([m?.status, c?.status]).toEqual(['none', 'none']);
	});

	it('ignores links to ids that are not members', () => {
		expect(deriveHousehold([person({ age: 5, motherId: 'elsewhere' })])[0]?.status).toBe('none');
	});
});

describe('validateRow', () => {
	it.each([
		{ name: 'birth year not a number', r: row({ birthYear: '19x4' }), code: 'invalid_year', field: 'birthYear', message: /Geburtsjahr „19x4“ ist ungültig/ },
		{ name: 'birth year after the reference date', r: row({ birthYear: 2030 }), code: 'invalid_year', field: 'birthYear', message: /von 1904 bis 2024/ },
		{ name: 'birth year too early', r: row({ birthYear: 1850 }), code: 'invalid_year', field: 'birthYear', message: /ungültig/ },
		{ name: 'birth year not an integer', r: row({ birthYear: 1984.5 }), code: 'invalid_year', field: 'birthYear', message: /ungültig/ },
		{ name: 'negative age', r: row({ birthYear: null, age: -1 }), code: 'invalid_age', field: 'age', message: /Alter „-1“ ist ungültig/ },
		{ name: 'age over 120', r: row({ birthYear: null, age: 130 }), code: 'invalid_age', field: 'age', message: /0 bis 120/ },
		{ name: 'neither birth year nor age', r: row({ birthYear: null }), code: 'missing_value', field: 'birthYear', message: /fehlen/ },
		{ name: 'unknown sex code', r: row({ sex: 'f' }), code: 'unknown_sex', field: 'sex', message: /unbekannter Geschlechtsschlüssel „f“ \(erlaubt: m, w, d, x/ },
		{ name: 'numeric sex code', r: row({ sex: '2' }), code: 'unknown_sex', field: 'sex', message: /„2“/ },
		{ name: 'Destatis nationality key instead of ISO', r: row({ firstNationality: '163' }), code: 'invalid_country_code', field: 'firstNationality', message: /„163“ ist kein Ländercode .* umschlüsseln/ },
		{ name: 'ISO alpha-3', r: row({ secondNationality: 'TUR' }), code: 'invalid_country_code', field: 'secondNationality', message: /„TUR“ ist kein Ländercode/ },
		{ name: 'country of birth as a name', r: row({ countryOfBirth: 'Polen' }), code: 'invalid_country_code', field: 'countryOfBirth', message: /„Polen“/ },
		{ name: 'first nationality missing', r: row({ firstNationality: ' ' }), code: 'missing_value', field: 'firstNationality', message: /erste Staatsangehörigkeit fehlt/ },
		{ name: 'unknown kind of citizenship', r: row({ germanCitizenship: 'eingebürgert' }), code: 'unknown_citizenship_kind', field: 'germanCitizenship', message: /„eingebürgert“.*naturalisation/ },
		{ name: 'move-in year not a year', r: row({ yearMovedIn: 'seit 2001' }), code: 'invalid_year', field: 'yearMovedIn', message: /Zuzugsjahr/ },
		{ name: 'area missing', r: row({ areaCode: '' }), code: 'missing_value', field: 'areaCode', message: /Gebietsschlüssel fehlt/ },
		{ name: 'person id missing', r: row({ id: '' }), code: 'missing_value', field: 'id', message: /Personen-ID fehlt/ }
	])('error: $name', ({ r, code, field, message }) => {
		const { resident, issues } = validateRow(r, 7, YEAR);
		expect(resident).toBeNull();
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ severity: 'error', code, field, row: 7 });
		expect(issues[0]?.message).toMatch(new RegExp(`^Zeile 7, Feld „${field}“: `));
		expect(issues[0]?.message).toMatch(message);
	});

	it.each([
		{ name: 'German in second position: swapped', r: row({ firstNationality: 'TR', secondNationality: 'DE', germanCitizenship: null }), code: 'german_second_position', expected: { firstNationality: 'DE', secondNationality: 'TR' } },
		{ name: 'second nationality equals the first: dropped', r: row({ firstNationality: 'IT', secondNationality: 'IT', germanCitizenship: null }), code: 'second_equals_first', expected: { firstNationality: 'IT', secondNationality: null } },
		{ name: 'kind of German citizenship for a foreigner: dropped', r: row({ firstNationality: 'PL', germanCitizenship: 'naturalisation' }), code: 'citizenship_kind_for_foreigner', expected: { germanCitizenship: null } },
		{ name: 'move-in before birth: kept', r: row({ countryOfBirth: 'AT', yearMovedIn: 1970 }), code: 'move_year_implausible', expected: { yearMovedIn: 1970 } },
		{ name: 'age does not match the birth year: birth year wins', r: row({ age: 50 }), code: 'age_mismatch', expected: { age: 40 } }
	])('warning: $name', ({ r, code, expected }) => {
		const { resident, issues } = validateRow(r, 3, YEAR);
		expect(issues.map((i) => [i.severity, i.code])).toEqual([['warning', code]]);
		expect(resident).toMatchObject(expected);
	});

	it.each([
		{ sex: 'm', expected: 'm' },
		{ sex: 'W', expected: 'w' },
		{ sex: 'd', expected: 'd' },
		{ sex: 'x', expected: 'unknown' },
		{ sex: '', expected: 'unknown' },
		{ sex: null, expected: 'unknown' }
	])('sex „$sex“ → $expected', ({ sex, expected }) => {
		expect(validateRow(row({ sex }), 1, YEAR).resident?.sex).toBe(expected);
	});

	it('normalises codes and numbers given as text', () => {
		const { resident, issues } = validateRow(row({ firstNationality: ' tr ', germanCitizenship: '', birthYear: '1990', yearMovedIn: '2005', motherId: ' ', fatherId: 'v1' }), 1, YEAR);
		expect(issues).toEqual([]);
		expect(resident).toMatchObject({ firstNationality: 'TR', germanCitizenship: null, age: 34, yearMovedIn: 2005, motherId: null, fatherId: 'v1' });
	});

	it('reports all errors of a row', () => {
		const { issues } = validateRow(row({ sex: 'q', firstNationality: '999', birthYear: 'x' }), 9, YEAR);
		expect(issues.map((i) => i.field).sort()).toEqual(['birthYear', 'firstNationality', 'sex']);
	});
});

describe('age bands', () => {
	// Age at the reference date = reference year − birth year (Stichtag 31 December).
	it.each([
		{ age: 0, band: '0-3' },
		{ age: 3, band: '0-3' },
		{ age: 4, band: '4-5' },
		{ age: 5, band: '4-5' },
		{ age: 6, band: '6-9' },
		{ age: 15, band: '10-15' },
		{ age: 16, band: '16-18' },
		{ age: 18, band: '16-18' },
		{ age: 19, band: '19-29' },
		{ age: 49, band: '30-49' },
		{ age: 50, band: '50-64' },
		{ age: 64, band: '50-64' },
		{ age: 65, band: '65+' },
		{ age: 120, band: '65+' }
	])('age $age → $band', ({ age, band }) => {
		const r = aggregateRegister([row({ birthYear: YEAR - age })], { referenceYear: YEAR });
		expect(r.cells.map((c) => c.ageBand)).toEqual([band]);
	});

	it('are configurable', () => {
		const bands: AgeBand[] = [
			{ label: 'unter 18', min: 0, max: 17 },
			{ label: '18 und älter', min: 18, max: null }
		];
		const r = aggregateRegister([row({ id: 'a', birthYear: YEAR - 17 }), row({ id: 'b', birthYear: YEAR - 18 })], { referenceYear: YEAR, ageBands: bands });
		expect(r.ageBands).toEqual(['unter 18', '18 und älter']);
		expect(r.cells.map((c) => [c.ageBand, c.count])).toEqual([
			['unter 18', 1],
			['18 und älter', 1]
		]);
	});

	it.each([
		{ name: 'gap', bands: [{ label: 'a', min: 0, max: 5 }, { label: 'b', min: 7, max: null }], message: /„b“ muss bei 6 beginnen/ },
		{ name: 'not starting at 0', bands: [{ label: 'a', min: 1, max: null }], message: /bei 0 beginnen/ },
		{ name: 'open band not last', bands: [{ label: 'a', min: 0, max: null }, { label: 'b', min: 1, max: null }], message: /nur die letzte Gruppe/ },
		{ name: 'last band closed', bands: [{ label: 'a', min: 0, max: 99 }], message: /nur die letzte Gruppe/ },
		{ name: 'none', bands: [], message: /1 bis 255/ }
	])('reject a broken configuration: $name', ({ bands, message }) => {
		expect(() => ageBandIndex(bands)).toThrow(message);
	});

	it('the Bottrop bands cover every age once', () => {
		const table = ageBandIndex(BOTTROP_AGE_BANDS);
		expect([table[3], table[4], table[18], table[19], table[64], table[65]]).toEqual([0, 1, 4, 5, 7, 8]);
	});
});

describe('household order precondition', () => {
	it.each([
		{ name: 'a household id smaller than the one before', ids: ['H2', 'H2', 'H1'], badRow: 3 },
		{ name: 'a household that reappears', ids: ['H1', 'H2', 'H1'], badRow: 3 },
		{ name: 'numeric ids that are not zero-padded (text order)', ids: ['9', '10'], badRow: 2 }
	])('throws on $name, naming the row', ({ ids, badRow }) => {
		const add = () => {
			const agg = createMigraProAggregator({ referenceYear: YEAR });
			ids.forEach((householdId, i) => agg.add(row({ id: `p${i}`, householdId })));
		};
		expect(add).toThrow(RegisterOrderError);
		expect(add).toThrow(new RegExp(`^Zeile ${badRow}, Feld „householdId“: Haushalt „${ids[badRow - 1]}“ folgt auf „${ids[badRow - 2]}“.*aufsteigend sortiert`));
	});

	it('counts rows from firstRowNumber (e.g. after a header line)', () => {
		const agg = createMigraProAggregator({ referenceYear: YEAR, firstRowNumber: 2 });
		agg.add(row({ householdId: 'B' }));
		try {
			agg.add(row({ householdId: 'A' }));
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(RegisterOrderError);
			expect((e as RegisterOrderError).row).toBe(3);
		}
	});
});

describe('household checks in the aggregator', () => {
	it('a parent link to someone outside the household is a warning; the child is counted without it', () => {
		const r = aggregateRegister(
			[
				row({ id: 'm', householdId: 'H1', firstNationality: 'TR', germanCitizenship: null }),
				row({ id: 'c', householdId: 'H1', birthYear: 2014, motherId: 'm', fatherId: 'gone' })
			],
			{ referenceYear: YEAR, firstRowNumber: 2 }
		);
		expect(r.byStatus.derived).toBe(1);
		expect(r.warnings.count).toBe(1);
		expect(r.warnings.issues[0]).toMatchObject({ code: 'parent_not_in_household', row: 3, field: 'fatherId' });
		expect(r.warnings.issues[0]?.message).toBe('Zeile 3, Feld „fatherId“: Elternteil „gone“ ist nicht im Haushalt „H1“; Verweis nicht berücksichtigt.');
	});

	it('a parent not older than the child is a warning and the link is dropped', () => {
		const r = aggregateRegister(
			[
				row({ id: 'a', householdId: 'H1', birthYear: 2014, motherId: 'b' }),
				row({ id: 'b', householdId: 'H1', birthYear: 2014, firstNationality: 'SY', germanCitizenship: null })
			],
			{ referenceYear: YEAR }
		);
		expect(r.warnings.byCode).toEqual({ parent_not_older: 1 });
		expect(r.byStatus).toMatchObject({ none: 1, foreigner: 1, derived: 0 });
	});

	it('errors reject the run: no aggregates, all errors listed with their rows', () => {
		const agg = createMigraProAggregator({ referenceYear: YEAR });
		agg.add(row({ id: 'a', householdId: 'H1' }));
		agg.add(row({ id: 'a', householdId: 'H1' }));
		agg.add(row({ id: 'b', householdId: 'H2', sex: 'f' }));
		agg.add(row({ id: 'c', householdId: 'H3', firstNationality: '' }));
		try {
			agg.finish();
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(RegisterValidationError);
			const err = e as RegisterValidationError;
			expect(err.errorCount).toBe(3);
			expect(err.issues.map((i) => [i.row, i.code])).toEqual([
				[2, 'duplicate_id'],
				[3, 'unknown_sex'],
				[4, 'missing_value']
			]);
			expect(err.message).toMatch(/^Der Auszug enthält 3 Fehler; es wurde nichts ausgewertet\. Erster Fehler: Zeile 2, Feld „id“: Personen-ID „a“ kommt im Haushalt „H1“ mehrfach vor \(zuerst in Zeile 1\)\./);
		}
	});
});

describe('aggregation of a small hand-made register (reference year 2024)', () => {
	const register: RegisterRow[] = [
		// Area 11
		// H01: Turkish mother 35, naturalised father 38 born in Turkey, son 10 (derived), daughter 18 (adult: none).
		{ id: 'a', householdId: 'H01', areaCode: '11', birthYear: 1989, sex: 'w', firstNationality: 'TR', countryOfBirth: 'TR', yearMovedIn: 2008 },
		{ id: 'b', householdId: 'H01', areaCode: '11', birthYear: 1986, sex: 'm', firstNationality: 'DE', germanCitizenship: 'naturalisation', countryOfBirth: 'TR', yearMovedIn: 2004 },
		{ id: 'c', householdId: 'H01', areaCode: '11', birthYear: 2014, sex: 'm', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE', motherId: 'a', fatherId: 'b' },
		{ id: 'd', householdId: 'H01', areaCode: '11', birthYear: 2006, sex: 'w', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE', motherId: 'a', fatherId: 'b' },
		// H02: German woman 70.
		{ id: 'e', householdId: 'H02', areaCode: '11', birthYear: 1954, sex: 'w', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE' },
		// H03: Spätaussiedler 60, born in Kazakhstan.
		{ id: 'f', householdId: 'H03', areaCode: '11', birthYear: 1964, sex: 'm', firstNationality: 'DE', germanCitizenship: 'late_repatriate', countryOfBirth: 'KZ', yearMovedIn: 1992 },
		// Area 61
		// H04: German couple 45 and 47 with a daughter of 4.
		{ id: 'g', householdId: 'H04', areaCode: '61', birthYear: 1979, sex: 'w', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE' },
		{ id: 'h', householdId: 'H04', areaCode: '61', birthYear: 1977, sex: 'm', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE' },
		{ id: 'i', householdId: 'H04', areaCode: '61', birthYear: 2020, sex: 'w', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'DE', motherId: 'g', fatherId: 'h' },
		// H05: Turkish mother 40 and her daughter 16, German by the option rule (listed before the mother).
		{ id: 'j', householdId: 'H05', areaCode: '61', birthYear: 2008, sex: 'w', firstNationality: 'DE', secondNationality: 'TR', germanCitizenship: 'option_rule', countryOfBirth: 'DE', motherId: 'k' },
		{ id: 'k', householdId: 'H05', areaCode: '61', birthYear: 1984, sex: 'w', firstNationality: 'TR', countryOfBirth: 'TR', yearMovedIn: 2003 },
		// H06: German man 30, born in Austria, moved in 2010.
		{ id: 'l', householdId: 'H06', areaCode: '61', birthYear: 1994, sex: 'm', firstNationality: 'DE', germanCitizenship: 'birth', countryOfBirth: 'AT', yearMovedIn: 2010 }
	];

	// Counted by hand from the comments above, in the documented order of the cells.
	const expected = [
		{ areaCode: '11', ageBand: '10-15', sex: 'm', status: 'derived', referenceCountryGroup: 'TR', count: 1 },
		{ areaCode: '11', ageBand: '16-18', sex: 'w', status: 'none', referenceCountryGroup: 'none', count: 1 },
		{ areaCode: '11', ageBand: '30-49', sex: 'm', status: 'naturalised', referenceCountryGroup: 'TR', count: 1 },
		{ areaCode: '11', ageBand: '30-49', sex: 'w', status: 'foreigner', referenceCountryGroup: 'TR', count: 1 },
		{ areaCode: '11', ageBand: '50-64', sex: 'm', status: 'late_repatriate', referenceCountryGroup: 'KZ', count: 1 },
		{ areaCode: '11', ageBand: '65+', sex: 'w', status: 'none', referenceCountryGroup: 'none', count: 1 },
		{ areaCode: '61', ageBand: '4-5', sex: 'w', status: 'none', referenceCountryGroup: 'none', count: 1 },
		{ areaCode: '61', ageBand: '16-18', sex: 'w', status: 'option_rule', referenceCountryGroup: 'TR', count: 1 },
		{ areaCode: '61', ageBand: '30-49', sex: 'm', status: 'born_abroad', referenceCountryGroup: 'AT', count: 1 },
		{ areaCode: '61', ageBand: '30-49', sex: 'm', status: 'none', referenceCountryGroup: 'none', count: 1 },
		{ areaCode: '61', ageBand: '30-49', sex: 'w', status: 'foreigner', referenceCountryGroup: 'TR', count: 1 },
		{ areaCode: '61', ageBand: '30-49', sex: 'w', status: 'none', referenceCountryGroup: 'none', count: 1 }
	];

	it('gives the hand-counted cells, totals and status counts', () => {
		const r = aggregateRegister(register, { referenceYear: YEAR });
		expect(r.cells).toEqual(expected);
		expect([r.rows, r.households]).toEqual([12, 6]);
		expect(r.byStatus).toEqual({ foreigner: 2, late_repatriate: 1, naturalised: 1, option_rule: 1, dual_national: 0, born_abroad: 1, derived: 1, none: 5 });
		expect(r.warnings).toEqual({ count: 0, byCode: {}, issues: [] });
	});

	it('gives the same from an async stream', async () => {
		async function* stream() {
			for (const r of register) yield r;
		}
		expect((await aggregateRegisterAsync(stream(), { referenceYear: YEAR })).cells).toEqual(expected);
	});

	it('groups reference countries with a configurable function', () => {
		const eu = new Set(['AT', 'PL', 'IT']);
		const r = aggregateRegister(register, {
			referenceYear: YEAR,
			countryGroup: (country, status) => (status === 'none' ? 'ohne MH' : country === null ? 'unbekannt' : eu.has(country) ? 'EU' : 'Drittstaaten')
		});
		const sum = (group: string) => r.cells.filter((c) => c.referenceCountryGroup === group).reduce((s, c) => s + c.count, 0);
		expect([sum('ohne MH'), sum('EU'), sum('Drittstaaten')]).toEqual([5, 1, 6]);
	});
});

describe('generateRegister', () => {
	it('is deterministic per seed and sorted by household', () => {
		const a = [...generateRegister(500, 10, 1)];
		expect([...generateRegister(500, 10, 1)]).toEqual(a);
		expect([...generateRegister(500, 10, 2)]).not.toEqual(a);
		expect(a).toHaveLength(500);
		expect(a.every((r, i) => i === 0 || a[i - 1]!.householdId <= r.householdId)).toBe(true);
		expect(new Set(a.map((r) => r.areaCode)).size).toBe(10);
	});

	it('uses the given area codes', () => {
		expect(new Set([...generateRegister(200, ['11', '61'], 3)].map((r) => r.areaCode))).toEqual(new Set(['11', '61']));
	});

	it('200,000 generated rows aggregate to 200,000 with realistic shares and no issues', () => {
		const n = 200_000;
		const r = aggregateRegister(generateRegister(n, 100, 42), { referenceYear: YEAR });
		expect(r.rows).toBe(n);
		expect(r.cells.reduce((s, c) => s + c.count, 0)).toBe(n);
		expect(Object.values(r.byStatus).reduce((s, v) => s + v, 0)).toBe(n);
		expect(r.warnings.count).toBe(0);
		expect(new Set(r.cells.map((c) => c.areaCode)).size).toBe(100);
		const share = (s: MigrationStatus) => r.byStatus[s] / n;
		expect(share('foreigner')).toBeGreaterThan(0.15);
		expect(share('foreigner')).toBeLessThan(0.2);
		expect(share('naturalised')).toBeGreaterThan(0.05);
		expect(share('naturalised')).toBeLessThan(0.08);
		expect(share('late_repatriate')).toBeGreaterThan(0.01);
		expect(share('late_repatriate')).toBeLessThan(0.05);
		expect(share('derived')).toBeGreaterThan(0.01);
		expect(r.households).toBeGreaterThan(n / 3);
		expect(r.households).toBeLessThan(n / 1.5);
	});
});
