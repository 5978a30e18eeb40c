import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAreasGeoJson, compareAreaCodes, checkGeometry } from './rules.ts';

const KOELN = '/work/shared/data/koeln/geo';

type Position = [number, number];
const ring = (x = 6.95, y = 50.94, d = 0.01): Position[] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const polygon = (r: Position[] = ring()) => ({ type: 'Polygon', coordinates: [r] });
const feature = (properties: Record<string, unknown> | null, geometry: unknown = polygon()) => ({ type: 'Feature', properties, geometry });
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const twoAreas = () => [feature({ code: '1', name: 'Innenstadt' }), feature({ code: '2', name: 'Nord' })];

describe('parseAreasGeoJson: the file as a whole', () => {
	it.each([
		{ name: 'invalid JSON', text: '{"type": "FeatureCollection", ', field: 'Datei', message: /kein gültiges JSON/ },
		{ name: 'not a FeatureCollection', text: JSON.stringify(feature({ code: '1', name: 'X' })), field: 'Datei', message: /FeatureCollection/ },
		{ name: 'features not an array', text: JSON.stringify({ type: 'FeatureCollection', features: {} }), field: 'Datei', message: /FeatureCollection/ },
		{ name: 'JSON null', text: 'null', field: 'Datei', message: /FeatureCollection/ },
		{ name: 'no features', text: collection([]), field: 'Datei', message: /keine Gebiete/ },
		{
			name: 'unsupported CRS (ETRS89 / UTM 32N)',
			text: collection(twoAreas(), { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } }),
			field: 'crs',
			message: /„urn:ogc:def:crs:EPSG::25832“ wird nicht unterstützt/
		},
		{ name: 'no code property in any feature', text: collection([feature({ name: 'A' }), feature({ name: 'B' })]), field: 'Schlüssel', message: /Gebietsschlüssel/ },
		{ name: 'no name property in any feature', text: collection([feature({ code: '1' }), feature({ code: '2' })]), field: 'Name', message: /Gebietsnamen/ }
	])('$name', ({ text, field, message }) => {
		const { areas, problems } = parseAreasGeoJson(text);
		expect(areas).toEqual([]);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ feature: 0, field });
		expect(problems[0]!.message).toMatch(message);
	});

	it.each(['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'])('accepts CRS %s', (name) => {
		expect(parseAreasGeoJson(collection(twoAreas(), { crs: { type: 'name', properties: { name } } })).problems).toEqual([]);
	});

	it('accepts a byte order mark and detects the code and name properties', () => {
		const text = '\uFEFF' + collection([feature({ STB_NR: '3', STB_NAME: 'Lindenthal' }), feature({ STB_NR: '1', STB_NAME: 'Innenstadt' })]);
		const { areas, problems } = parseAreasGeoJson(text);
		expect(problems).toEqual([]);
		expect(areas.map((a) => [a.code, a.name, a.parentCode])).toEqual([
			['3', 'Lindenthal', null],
			['1', 'Innenstadt', null]
		]);
	});

	it('uses the property names it is given', () => {
		const text = collection([feature({ nr: 'x', schluessel: '7', titel: 'Porz' })]);
		const { areas } = parseAreasGeoJson(text, { codeProperty: 'schluessel', nameProperty: 'titel' });
		expect(areas).toMatchObject([{ code: '7', name: 'Porz' }]);
	});
});

describe('parseAreasGeoJson: problems per feature', () => {
	const withCode = { codeProperty: 'code', nameProperty: 'name' };

	it.each([
		{ name: 'missing code', features: [feature({ code: '1', name: 'A' }), feature({ code: ' ', name: 'B' })], at: 2, field: 'code', message: /Gebietsschlüssel fehlt/ },
		{ name: 'missing name', features: [feature({ code: '1', name: 'A' }), feature({ code: '2' })], at: 2, field: 'name', message: /Gebietsname fehlt/ },
		{ name: 'properties null', features: [feature({ code: '1', name: 'A' }), feature(null)], at: 2, field: 'code', message: /Gebietsschlüssel fehlt/, count: 2 },
		{
			name: 'open ring',
			features: [feature({ code: '1', name: 'A' }, { type: 'Polygon', coordinates: [ring().slice(0, 4).concat([[6.951, 50.94]])] })],
			at: 1,
			field: 'geometry',
			message: /nicht geschlossen/
		},
		{ name: 'ring with three points', features: [feature({ code: '1', name: 'A' }, polygon(ring().slice(2)))], at: 1, field: 'geometry', message: /weniger als vier Punkte/ },
		{ name: 'longitude out of range', features: [feature({ code: '1', name: 'A' }, polygon(ring(356000, 5645000)))], at: 1, field: 'geometry', message: /\[356000, 5645000\] liegt nicht in WGS84/ },
		{ name: 'latitude out of range', features: [feature({ code: '1', name: 'A' }, polygon(ring(7, 95)))], at: 1, field: 'geometry', message: /nicht in WGS84/ },
		{ name: 'coordinate not a number', features: [feature({ code: '1', name: 'A' }, polygon([[6.9, 'x'] as never, ...ring().slice(1)]))], at: 1, field: 'geometry', message: /keine Zahlenfolge/ },
		{ name: 'Point geometry', features: [feature({ code: '1', name: 'A' }, { type: 'Point', coordinates: [6.95, 50.94] })], at: 1, field: 'geometry', message: /„Point“ wird nicht unterstützt/ },
		{ name: 'no geometry', features: [feature({ code: '1', name: 'A' }, null)], at: 1, field: 'geometry', message: /keine Geometrie/ },
		{ name: 'empty multipolygon', features: [feature({ code: '1', name: 'A' }, { type: 'MultiPolygon', coordinates: [] })], at: 1, field: 'geometry', message: /Multipolygon hat keine/ }
	])('$name → feature $at', ({ features, at, field, message, count = 1 }) => {
		const { areas, problems } = parseAreasGeoJson(collection(features), withCode);
		expect(areas).toEqual([]);
		expect(problems).toHaveLength(count);
		expect(problems[0]).toMatchObject({ feature: at, field });
		expect(problems[0]!.message).toMatch(message);
	});

	it('duplicate codes: the problem names both feature numbers', () => {
		const text = collection([feature({ code: '5', name: 'A' }), feature({ code: '6', name: 'B' }), feature({ code: '5', name: 'C' })]);
		const { areas, problems } = parseAreasGeoJson(text);
		expect(areas).toEqual([]);
		expect(problems).toEqual([{ feature: 3, field: 'code', message: 'Der Schlüssel „5“ kommt schon bei Objekt 1 vor.' }]);
	});

	it('all or nothing: one bad feature among good ones yields no areas, and every problem is listed', () => {
		const text = collection([
			feature({ code: '1', name: 'A' }),
			feature({ code: '2', name: 'B' }, { type: 'LineString', coordinates: [] }),
			feature({ code: '3', name: '' }),
			feature({ code: '4', name: 'D' })
		]);
		const { areas, problems } = parseAreasGeoJson(text, withCode);
		expect(areas).toEqual([]);
		expect(problems.map((p) => p.feature)).toEqual([2, 3]);
	});

	it('accepts MultiPolygon and polygons with holes', () => {
		const hole = ring(6.952, 50.942, 0.002);
		const multi = { type: 'MultiPolygon', coordinates: [[ring()], [ring(7.1, 50.9), hole]] };
		const { areas, problems } = parseAreasGeoJson(collection([feature({ code: '1', name: 'A' }, multi)]));
		expect(problems).toEqual([]);
		expect(areas[0]!.geometry).toEqual(multi);
	});
});

describe('parent code derivation', () => {
	it.each([
		{ code: '101', drop: 2, parent: '1' },
		{ code: '909', drop: 2, parent: '9' },
		{ code: '1001', drop: 2, parent: '10' },
		{ code: '0102', drop: 2, parent: '1' },
		{ code: '61', drop: 1, parent: '6' },
		{ code: '101', drop: 0, parent: null }
	])('"$code" dropping $drop digits → $parent', ({ code, drop, parent }) => {
		const { areas, problems } = parseAreasGeoJson(collection([feature({ code, name: 'X' })]), { parentCodeDropDigits: drop });
		expect(problems).toEqual([]);
		expect(areas[0]!.parentCode).toBe(parent);
	});

	it('a code too short to drop digits from is a problem', () => {
		const { problems } = parseAreasGeoJson(collection([feature({ code: '101', name: 'X' }), feature({ code: '7', name: 'Y' })]), { parentCodeDropDigits: 2 });
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ feature: 2, field: 'code' });
		expect(problems[0]!.message).toMatch(/„7“/);
	});
});

describe('the real Köln open-data files', () => {
	it('stadtbezirke.geojson: 9 districts with codes 1..9 and no problems', () => {
		const { areas, problems } = parseAreasGeoJson(fs.readFileSync(`${KOELN}/stadtbezirke.geojson`, 'utf8'));
		expect(problems).toEqual([]);
		expect(areas).toHaveLength(9);
		expect(areas.map((a) => a.code).sort(compareAreaCodes)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(areas.map((a) => a.name)).toContain('Porz');
		expect(areas.every((a) => a.parentCode === null && checkGeometry(a.geometry) === null)).toBe(true);
	});

	it('stadtteile.geojson: 86 quarters, each with a parent district 1..9', () => {
		const { areas, problems } = parseAreasGeoJson(fs.readFileSync(`${KOELN}/stadtteile.geojson`, 'utf8'), { parentCodeDropDigits: 2 });
		expect(problems).toEqual([]);
		expect(areas).toHaveLength(86);
		expect(new Set(areas.map((a) => a.code)).size).toBe(86);
		expect(new Set(areas.map((a) => a.parentCode))).toEqual(new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9']));
		expect(areas.find((a) => a.code === '909')).toMatchObject({ name: 'Flittard', parentCode: '9' });
	});
});

describe('compareAreaCodes', () => {
	it('sorts numerically', () => {
		expect(['10', '9', '101', '1', '2a', '2'].sort(compareAreaCodes)).toEqual(['1', '2', '2a', '9', '10', '101']);
	});
});
