import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, userWith, system, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, ValidationError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { auditEvent } from '../../core/schema.ts';
import { createArea } from '../areas/service.ts';
import { commitTable, updateTableMapping, uploadTable } from './table-service.ts';
import { createShareKeyFigure, figureTable, keyFigureView, listBaseFigures } from './figures.ts';
import { formatAgeBands, loadMonitoringSettings, parseAgeBands, ruleFrom, ruleLabel, updateMonitoringSettings } from './settings.ts';
import { BOTTROP_AGE_BANDS } from './migrapro.ts';

/*
 * Each municipality sets its own disclosure threshold, minimum group size, highlight marks and age
 * bands; every page computes with them from the next request on.
 */

let world: TestWorld;
let stats: ServiceContext;
let office: ServiceContext;
let statsB: ServiceContext;

const DEFAULT_FORM = { threshold: '3', minDenominator: '30', ageBands: formatAgeBands(BOTTROP_AGE_BANDS), 'rule.0.kind': 'value_gt', 'rule.0.amount': '50', 'rule.1.kind': 'rise', 'rule.1.amount': '10' };

beforeAll(async () => {
	world = await createTestWorld();
	const sys = contextFor(world, system, world.a);
	const district = await createArea(sys, { level: 'district', code: '1', name: 'Mitte' });
	for (const [code, name] of [
		['11', 'Altstadt'],
		['12', 'Neustadt'],
		['13', 'Hafen'],
		['14', 'Feld']
	])
		await createArea(sys, { level: 'quarter', code, name, parentId: district.id });
	stats = contextFor(world, await userWith(world, world.a, 'statistics_office'), world.a);
	office = contextFor(world, await userWith(world, world.a, 'integration_office'), world.a);
	statsB = contextFor(world, await userWith(world, world.b, 'statistics_office'), world.b);
	// Residents and residents with a migration background in four quarters, 2023 and 2024.
	const csv = [
		'Gebiet;Jahr;Merkmal;Anzahl',
		'1;2023;insgesamt;400',
		'1;2023;mit MH;150',
		'11;2023;insgesamt;100',
		'11;2023;mit MH;30',
		'12;2023;insgesamt;100',
		'12;2023;mit MH;40',
		'13;2023;insgesamt;100',
		'13;2023;mit MH;4',
		'14;2023;insgesamt;100',
		'14;2023;mit MH;76',
		'1;2024;insgesamt;400',
		'1;2024;mit MH;170',
		'11;2024;insgesamt;100',
		'11;2024;mit MH;45',
		'12;2024;insgesamt;100',
		'12;2024;mit MH;41',
		'13;2024;insgesamt;100',
		'13;2024;mit MH;5',
		'14;2024;insgesamt;100',
		'14;2024;mit MH;79'
	].join('\n');
	const id = await uploadTable(stats, { name: 'mh.csv', bytes: new Uint8Array(Buffer.from(csv)) });
	await updateTableMapping(stats, id, { 'map.area': '0', 'map.year': '1', 'map.category': '2', 'map.values': ['3'], fixedFigure: 'Einwohner nach MH (Einstellungen)', decimal: 'comma' });
	await commitTable(stats, id);
}, 120_000);
afterAll(() => world?.close());

const figure = async () => (await listBaseFigures(stats)).find((f) => f.name === 'Einwohner nach MH (Einstellungen)')!;
const quarterTexts = async (date = '2024-12-31') => {
	const f = await figure();
	const table = await figureTable(stats, f.id, { level: 'quarter', date });
	const column = table.categories.indexOf('mit MH');
	return Object.fromEntries(table.rows.filter((r) => !r.isTotal).map((r) => [r.code, r.cells[column]!.text]));
};

describe('age bands as people type them', () => {
	it.each([
		['0-3, 4-5, 6-9, 10-15, 16-18, 19-29, 30-49, 50-64, 65+', '0-3, 4-5, 6-9, 10-15, 16-18, 19-29, 30-49, 50-64, 65+'],
		['0–17; 18–64; 65 und älter', '0-17, 18-64, 65+'],
		['0-5\n6\n7-99\n100+', '0-5, 6, 7-99, 100+']
	])('%s', (text, formatted) => {
		const parsed = parseAgeBands(text);
		expect('bands' in parsed && formatAgeBands(parsed.bands)).toBe(formatted);
	});
	it.each([
		['0-17', 'mindestens zwei'],
		['1-17, 18+', 'bei 0 beginnen'],
		['0-17, 19+', 'Lücke'],
		['0-17, 18-64', 'offen'],
		['0-17, 18-10, 11+', 'höhere Alter'],
		['0-17, achtzehn+', 'keine Altersgruppe']
	])('refuses %s', (text, message) => {
		const parsed = parseAgeBands(text);
		expect('error' in parsed && parsed.error).toContain(message);
	});
});

describe('highlight rules from the form', () => {
	it('keeps the Bottrop ids for the Bottrop rules, and names every rule in the visitor’s language', () => {
		expect(ruleFrom('value_gt', 50).id).toBe('share_over_50');
		expect(ruleFrom('rise', 10).id).toBe('rise_of_10_points');
		expect(ruleFrom('fall', 5)).toMatchObject({ id: 'fall_5', measure: 'change', comparison: 'lte', threshold: -5, label: 'Rückgang um mindestens 5 Prozentpunkte' });
		expect(ruleLabel(ruleFrom('value_gte', 33.3), 'de')).toBe('Anteil mindestens 33,3 %');
		expect(ruleLabel(ruleFrom('value_gte', 33.3), 'en')).toBe('share at least 33.3 %');
		expect(ruleLabel(ruleFrom('rise', 10), 'tr')).toBe('en az 10 yüzde puan artış');
	});
});

describe('the settings of a municipality', () => {
	it('start as the defaults', async () => {
		const settings = await loadMonitoringSettings(world.db, world.a.id);
		expect(settings).toMatchObject({ disclosure: { threshold: 3, minDenominator: 30 }, customised: false });
		expect(settings.highlightRules.map((r) => r.id)).toEqual(['share_over_50', 'rise_of_10_points']);
		expect(await quarterTexts()).toEqual({ '11': '45', '12': '41', '13': '5', '14': '79' });
	});

	it('a higher threshold withholds more at once, with the complements it needs, and is audited', async () => {
		await updateMonitoringSettings(stats, { ...DEFAULT_FORM, threshold: '6' });
		// 5 is now a small count. With every quarter's residents and the district's totals published, the
		// residents without a migration background (100 − 5) are as good as published too, so 41 and 79 are
		// withheld with it: otherwise the district total would give back the 5.
		expect(await quarterTexts()).toEqual({ '11': '45', '12': '.', '13': '.', '14': '.' });
		const [event] = await world.db
			.select()
			.from(auditEvent)
			.where(and(eq(auditEvent.municipalityId, world.a.id), eq(auditEvent.action, 'monitoring.settings.update')));
		expect(event).toMatchObject({ before: { threshold: '3' }, after: { threshold: '6' } });
		// Another municipality keeps its own rules.
		expect((await loadMonitoringSettings(world.db, world.b.id)).disclosure.threshold).toBe(3);
		await updateMonitoringSettings(stats, DEFAULT_FORM);
		expect(await quarterTexts()).toEqual({ '11': '45', '12': '41', '13': '5', '14': '79' });
	});

	it('the minimum group size decides which shares are shown', async () => {
		const f = await figure();
		const kf = await createShareKeyFigure(stats, { name: 'Anteil MH (Einstellungen)', numeratorFigure: f.id, numeratorCategory: 'mit MH', denominatorFigure: f.id, denominatorCategory: '' });
		const shares = async () => Object.fromEntries((await keyFigureView(world.db, world.a, kf, { level: 'quarter' })).rows.filter((r) => !r.isTotal).map((r) => [r.code, r.value.status]));
		expect(await shares()).toEqual({ '11': 'ok', '12': 'ok', '13': 'ok', '14': 'ok' });
		await updateMonitoringSettings(stats, { ...DEFAULT_FORM, minDenominator: '101' });
		expect(await shares()).toEqual({ '11': 'not_reliable', '12': 'not_reliable', '13': 'not_reliable', '14': 'not_reliable' });
		await updateMonitoringSettings(stats, DEFAULT_FORM);
	});

	it('the marks follow the municipality’s rules', async () => {
		const f = await figure();
		const kf = await createShareKeyFigure(stats, { name: 'Anteil MH (Markierungen)', numeratorFigure: f.id, numeratorCategory: 'mit MH', denominatorFigure: f.id, denominatorCategory: '' });
		const marks = async (lang: 'de' | 'en' = 'de') =>
			Object.fromEntries((await keyFigureView(world.db, world.a, kf, { level: 'quarter' }, lang)).rows.filter((r) => !r.isTotal).map((r) => [r.code, r.marks.map((m) => m.reason)]));
		// Bottrop: over 50 % (14: 79 %) and a rise of 10 points or more (11: 30 → 45 %).
		expect(Object.values(await marks()).map((m) => m.length)).toEqual([1, 0, 0, 1]);
		await updateMonitoringSettings(office, { ...DEFAULT_FORM, 'rule.0.kind': 'value_lt', 'rule.0.amount': '10', 'rule.1.kind': 'rise', 'rule.1.amount': '1,5', 'rule.2.kind': '', 'rule.2.amount': '' });
		const after = await marks('en');
		expect(after['13']).toEqual(['share below 10 %']);
		expect(after['11']).toEqual(['rise of at least 1.5 percentage points']);
		expect(after['14']).toEqual(['rise of at least 1.5 percentage points']);
		expect(after['12']).toEqual([]);
		await updateMonitoringSettings(office, DEFAULT_FORM);
	});

	it('refuses what would publish single persons or makes no sense, names the field and keeps the stored rules', async () => {
		const cases: [Record<string, string>, string][] = [
			[{ threshold: '2' }, 'threshold'],
			[{ threshold: 'drei' }, 'threshold'],
			[{ minDenominator: '0' }, 'minDenominator'],
			[{ threshold: '10', minDenominator: '5' }, 'minDenominator'],
			[{ ageBands: '0-17, 19+' }, 'ageBands'],
			[{ 'rule.0.kind': 'sometimes' }, 'rule.0.kind'],
			[{ 'rule.0.amount': '150' }, 'rule.0.amount'],
			[{ 'rule.1.amount': '0' }, 'rule.1.amount'],
			[{ 'rule.1.kind': 'value_gt', 'rule.1.amount': '50' }, 'rule.1.kind']
		];
		for (const [change, field] of cases) {
			const e = await caught(() => updateMonitoringSettings(stats, { ...DEFAULT_FORM, ...change }));
			expect(e, JSON.stringify(change)).toBeInstanceOf(ValidationError);
			expect(Object.keys((e as ValidationError).fieldErrors ?? {}), JSON.stringify(change)).toContain(field);
		}
		expect((await loadMonitoringSettings(world.db, world.a.id)).disclosure).toEqual({ threshold: 3, minDenominator: 30 });
	});

	it('only the statistics office sets the disclosure rules; the integration office sets the marks; others nothing', async () => {
		// The integration office may send a threshold, but it is not taken.
		await updateMonitoringSettings(office, { ...DEFAULT_FORM, threshold: '20', minDenominator: '50', ageBands: '0-17, 18+' });
		const settings = await loadMonitoringSettings(world.db, world.a.id);
		expect(settings.disclosure).toEqual({ threshold: 3, minDenominator: 30 });
		expect(formatAgeBands(settings.ageBands)).toBe(DEFAULT_FORM.ageBands);
		for (const role of ['council_member', 'editor', 'provider', 'jury_member'] as const) {
			const ctx = contextFor(world, await userWith(world, world.a, role), world.a);
			expect(await caught(() => updateMonitoringSettings(ctx, DEFAULT_FORM))).toBeInstanceOf(ForbiddenError);
		}
		// A user of another municipality changes only their own.
		await updateMonitoringSettings(statsB, { ...DEFAULT_FORM, threshold: '5' });
		expect((await loadMonitoringSettings(world.db, world.a.id)).disclosure.threshold).toBe(3);
		expect((await loadMonitoringSettings(world.db, world.b.id)).disclosure.threshold).toBe(5);
	});
});
