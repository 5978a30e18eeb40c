/**
 * Reading area boundaries from GeoJSON. Pure: text in, validated areas or located errors out.
 * Accepts a FeatureCollection of Polygon/MultiPolygon features in WGS84 (CRS84 or EPSG:4326), as the
 * Köln open-data files come.
 */
export type AreaLevel = 'district' | 'quarter' | 'social_space';

export const AREA_LEVEL_LABELS: Record<AreaLevel, string> = {
	district: 'Stadtbezirk',
	quarter: 'Stadtteil / statistischer Bezirk',
	social_space: 'Quartier / Sozialraum'
};

export interface Geometry {
	type: 'Polygon' | 'MultiPolygon';
	coordinates: number[][][] | number[][][][];
}

export interface ParsedArea {
	code: string;
	name: string;
	geometry: Geometry;
	/** Code of the parent area (one level up), when derived from the code. */
	parentCode: string | null;
}

export interface GeoJsonImportOptions {
	/** Property holding the official code; detected when empty. */
	codeProperty?: string;
	/** Property holding the name; detected when empty. */
	nameProperty?: string;
	/** Derive the parent's code by dropping this many trailing digits (Köln: "101" → "1"). 0 = no parent. */
	parentCodeDropDigits?: number;
}

export interface ImportProblem {
	/** 1-based feature number, or 0 for the file as a whole. */
	feature: number;
	field: string;
	message: string;
}

const CODE_CANDIDATES = ['code', 'CODE', 'STT_NR', 'STB_NR', 'nr', 'NR', 'nummer', 'NUMMER', 'id', 'ID', 'schluessel', 'SCHLUESSEL'];
const NAME_CANDIDATES = ['name', 'NAME', 'STT_NAME', 'STB_NAME', 'bezeichnung', 'BEZEICHNUNG', 'Name'];
const ACCEPTED_CRS = ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326', 'urn:ogc:def:crs:EPSG::4326'];

function pickProperty(props: Record<string, unknown>[], wanted: string | undefined, candidates: string[]): string | null {
	if (wanted) return wanted;
	return candidates.find((c) => props.every((p) => p[c] !== undefined && p[c] !== null && String(p[c]).trim() !== '')) ?? null;
}

function checkPosition(pos: unknown): string | null {
	if (!Array.isArray(pos) || pos.length < 2 || !pos.every((n) => typeof n === 'number' && Number.isFinite(n)))
		return 'Eine Koordinate ist keine Zahlenfolge [Länge, Breite].';
	const [lon, lat] = pos as number[];
	if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90)
		return `Die Koordinate [${lon}, ${lat}] liegt nicht in WGS84 (Länge −180…180, Breite −90…90). Bitte exportieren Sie die Datei in WGS84 (EPSG:4326).`;
	return null;
}

function checkRing(ring: unknown): string | null {
	if (!Array.isArray(ring) || ring.length < 4) return 'Ein Umring hat weniger als vier Punkte.';
	for (const pos of ring) {
		const problem = checkPosition(pos);
		if (problem) return problem;
	}
	const first = ring[0] as number[];
	const last = ring[ring.length - 1] as number[];
	if (first[0] !== last[0] || first[1] !== last[1]) return 'Ein Umring ist nicht geschlossen (erster und letzter Punkt verschieden).';
	return null;
}

export function checkGeometry(geometry: unknown): string | null {
	if (!geometry || typeof geometry !== 'object') return 'Das Objekt hat keine Geometrie.';
	const g = geometry as { type?: unknown; coordinates?: unknown };
	if (g.type === 'Polygon') {
		if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'Das Polygon hat keine Koordinaten.';
		for (const ring of g.coordinates) {
			const p = checkRing(ring);
			if (p) return p;
		}
		return null;
	}
	if (g.type === 'MultiPolygon') {
		if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'Das Multipolygon hat keine Koordinaten.';
		for (const polygon of g.coordinates) {
			if (!Array.isArray(polygon) || polygon.length === 0) return 'Ein Teilpolygon hat keine Koordinaten.';
			for (const ring of polygon) {
				const p = checkRing(ring);
				if (p) return p;
			}
		}
		return null;
	}
	return `Der Geometrietyp „${String(g.type)}“ wird nicht unterstützt; erwartet werden Polygon oder MultiPolygon.`;
}

export function parseAreasGeoJson(text: string, options: GeoJsonImportOptions = {}): { areas: ParsedArea[]; problems: ImportProblem[] } {
	const problems: ImportProblem[] = [];
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		const detail = e instanceof Error ? e.message : '';
		return { areas: [], problems: [{ feature: 0, field: 'Datei', message: `Die Datei ist kein gültiges JSON (${detail}).` }] };
	}
	const root = data as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
	if (root?.type !== 'FeatureCollection' || !Array.isArray(root.features))
		return { areas: [], problems: [{ feature: 0, field: 'Datei', message: 'Erwartet wird eine GeoJSON-FeatureCollection.' }] };
	const crsName = root.crs?.properties?.name;
	if (crsName !== undefined && !ACCEPTED_CRS.includes(String(crsName)))
		return { areas: [], problems: [{ feature: 0, field: 'crs', message: `Das Koordinatensystem „${String(crsName)}“ wird nicht unterstützt. Bitte liefern Sie WGS84 (EPSG:4326).` }] };
	const features = root.features as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown }[];
	if (features.length === 0) return { areas: [], problems: [{ feature: 0, field: 'Datei', message: 'Die Datei enthält keine Gebiete.' }] };

	const props = features.map((f) => f?.properties ?? {});
	const codeKey = pickProperty(props, options.codeProperty, CODE_CANDIDATES);
	const nameKey = pickProperty(props, options.nameProperty, NAME_CANDIDATES);
	if (!codeKey) problems.push({ feature: 0, field: 'Schlüssel', message: 'In den Eigenschaften wurde kein Feld mit dem Gebietsschlüssel gefunden. Bitte geben Sie den Feldnamen an.' });
	if (!nameKey) problems.push({ feature: 0, field: 'Name', message: 'In den Eigenschaften wurde kein Feld mit dem Gebietsnamen gefunden. Bitte geben Sie den Feldnamen an.' });
	if (problems.length) return { areas: [], problems };

	const drop = options.parentCodeDropDigits ?? 0;
	const seen = new Map<string, number>();
	const areas: ParsedArea[] = [];
	features.forEach((f, i) => {
		const n = i + 1;
		const p = f?.properties ?? {};
		const code = String(p[codeKey!] ?? '').trim();
		const name = String(p[nameKey!] ?? '').trim();
		if (!code) problems.push({ feature: n, field: codeKey!, message: 'Der Gebietsschlüssel fehlt.' });
		if (!name) problems.push({ feature: n, field: nameKey!, message: 'Der Gebietsname fehlt.' });
		if (code && seen.has(code)) problems.push({ feature: n, field: codeKey!, message: `Der Schlüssel „${code}“ kommt schon bei Objekt ${seen.get(code)} vor.` });
		if (code) seen.set(code, n);
		const geometryProblem = checkGeometry(f?.geometry);
		if (geometryProblem) problems.push({ feature: n, field: 'geometry', message: geometryProblem });
		let parentCode: string | null = null;
		if (drop > 0 && code) {
			if (code.length <= drop) problems.push({ feature: n, field: codeKey!, message: `Aus dem Schlüssel „${code}“ lässt sich kein übergeordnetes Gebiet ableiten.` });
			else parentCode = String(Number(code.slice(0, code.length - drop)));
		}
		if (code && name && !geometryProblem) areas.push({ code, name, geometry: f.geometry as Geometry, parentCode });
	});
	return problems.length ? { areas: [], problems } : { areas, problems };
}

/** Sorting by official code: numeric where the codes are numbers ("9" before "10"). */
export function compareAreaCodes(a: string, b: string): number {
	return a.localeCompare(b, 'de', { numeric: true });
}
