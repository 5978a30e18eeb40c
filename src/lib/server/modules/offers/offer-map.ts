import { and, eq, isNotNull, max, count } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { area } from '../areas/schema.ts';

/*
 * The map of the public search: the municipality's area boundaries as a background and the venues of the
 * offers on the current page as numbered points, drawn on the server as SVG – no tile server, no script.
 * The numbered result list next to it is the text alternative.
 */

type Position = [number, number];
type Ring = Position[];
interface Geometry {
	type: string;
	coordinates: unknown;
}

export interface MapPoint {
	/** Drawn in the marker, e.g. "3". */
	marker: string;
	/** What the marker stands for, e.g. "Sprachcafé, Hansastraße 20"; the accessible name is "3: " plus this. */
	label: string;
	lat: number;
	lng: number;
	href: string;
}

export interface Projection {
	minLng: number;
	maxLat: number;
	kx: number;
	ky: number;
	width: number;
	height: number;
}

const WIDTH = 800;
const MARGIN = 16;
const MAX_HEIGHT = 1000;

export function polygonsOf(g: Geometry): Ring[][] {
	if (g.type === 'Polygon') return [g.coordinates as Ring[]];
	if (g.type === 'MultiPolygon') return g.coordinates as Ring[][];
	return [];
}

export function fit(bounds: { minLng: number; maxLng: number; minLat: number; maxLat: number }): Projection {
	// Equirectangular with the scale of the mean latitude: true to shape at the size of a town.
	const meanLat = ((bounds.minLat + bounds.maxLat) / 2) * (Math.PI / 180);
	const spanX = Math.max((bounds.maxLng - bounds.minLng) * Math.cos(meanLat), 1e-6);
	const spanY = Math.max(bounds.maxLat - bounds.minLat, 1e-6);
	const scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (MAX_HEIGHT - 2 * MARGIN) / spanY);
	const height = Math.round(spanY * scale + 2 * MARGIN);
	return { minLng: bounds.minLng, maxLat: bounds.maxLat, kx: scale * Math.cos(meanLat), ky: scale, width: WIDTH, height };
}

export function project(p: Projection, lng: number, lat: number): Position {
	return [MARGIN + (lng - p.minLng) * p.kx, MARGIN + (p.maxLat - lat) * p.ky];
}

/** Douglas–Peucker in screen pixels: detail below `tolerance` is invisible anyway. */
export function simplify(points: Position[], tolerance: number): Position[] {
	if (points.length <= 3) return points;
	const [fx, fy] = points[0]!;
	const [lx, ly] = points[points.length - 1]!;
	if (fx === lx && fy === ly) {
		// A closed ring has no base line: split it at the point farthest from its start and simplify both halves.
		let far = 1;
		for (let i = 1; i < points.length - 1; i++) if (Math.hypot(points[i]![0] - fx, points[i]![1] - fy) > Math.hypot(points[far]![0] - fx, points[far]![1] - fy)) far = i;
		return [...simplifyOpen(points.slice(0, far + 1), tolerance).slice(0, -1), ...simplifyOpen(points.slice(far), tolerance)];
	}
	return simplifyOpen(points, tolerance);
}

function simplifyOpen(points: Position[], tolerance: number): Position[] {
	if (points.length <= 2) return points;
	const keep = new Uint8Array(points.length);
	keep[0] = keep[points.length - 1] = 1;
	const stack: [number, number][] = [[0, points.length - 1]];
	while (stack.length) {
		const [a, b] = stack.pop()!;
		const [ax, ay] = points[a]!;
		const [bx, by] = points[b]!;
		const dx = bx - ax;
		const dy = by - ay;
		const length = Math.hypot(dx, dy) || 1;
		let worst = -1;
		let worstDistance = 0;
		for (let i = a + 1; i < b; i++) {
			const [px, py] = points[i]!;
			const distance = Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
			if (distance > worstDistance) {
				worstDistance = distance;
				worst = i;
			}
		}
		if (worst >= 0 && worstDistance > tolerance) {
			keep[worst] = 1;
			stack.push([a, worst], [worst, b]);
		}
	}
	return points.filter((_, i) => keep[i]);
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (n: number) => (Math.round(n * 10) / 10).toString();

export interface AreaShape {
	name: string;
	geometry: Geometry;
}

/** The projected, simplified background of one municipality; the expensive part, cached per area set. */
export interface MapBase {
	projection: Projection;
	paths: string;
	hasAreas: boolean;
}

export function buildMapBase(areas: AreaShape[], fallbackPoints: { lat: number; lng: number }[] = []): MapBase | null {
	const bounds = { minLng: Infinity, maxLng: -Infinity, minLat: Infinity, maxLat: -Infinity };
	const extend = (lng: number, lat: number) => {
		if (!Number.isFinite(lng) || !Number.isFinite(lat)) return;
		bounds.minLng = Math.min(bounds.minLng, lng);
		bounds.maxLng = Math.max(bounds.maxLng, lng);
		bounds.minLat = Math.min(bounds.minLat, lat);
		bounds.maxLat = Math.max(bounds.maxLat, lat);
	};
	for (const a of areas) for (const polygon of polygonsOf(a.geometry)) for (const ring of polygon) for (const [lng, lat] of ring) extend(lng, lat);
	if (!areas.length) {
		for (const p of fallbackPoints) extend(p.lng, p.lat);
		if (!Number.isFinite(bounds.minLng)) return null;
		// A few points, or one: leave room around them (about 1 km).
		const pad = 0.01;
		bounds.minLng -= pad;
		bounds.maxLng += pad;
		bounds.minLat -= pad * 0.6;
		bounds.maxLat += pad * 0.6;
	}
	if (!Number.isFinite(bounds.minLng)) return null;
	const projection = fit(bounds);
	const paths = areas
		.map((a) => {
			const d = polygonsOf(a.geometry)
				.flatMap((polygon) =>
					polygon.map((ring, i) => {
						const simplified = simplify(
							ring.map(([lng, lat]) => project(projection, lng, lat)),
							0.7
						);
						// Tiny holes and islands vanish; the outer ring of each polygon always stays.
						return simplified.length >= 3 || i === 0 ? 'M' + simplified.map(([x, y]) => `${num(x)} ${num(y)}`).join('L') + 'Z' : '';
					})
				)
				.join('');
			return `<path d="${d}"><title>${escapeXml(a.name)}</title></path>`;
		})
		.join('');
	return { projection, paths, hasAreas: areas.length > 0 };
}

/**
 * Renders the map. Points at the same spot (several offers at one venue) share one marker that lists
 * their numbers. Only links to paths of this site are drawn as links.
 */
export function renderOfferMap(base: MapBase, points: MapPoint[], options: { title: string; description: string; id: string }): string {
	const { projection } = base;
	const groups = new Map<string, { x: number; y: number; points: MapPoint[] }>();
	for (const p of points) {
		if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue;
		const [x, y] = project(projection, p.lng, p.lat);
		if (x < 0 || y < 0 || x > projection.width || y > projection.height) continue;
		const key = `${Math.round(x / 4)}:${Math.round(y / 4)}`;
		const group = groups.get(key) ?? { x, y, points: [] };
		group.points.push(p);
		groups.set(key, group);
	}
	const markers = [...groups.values()]
		.map((g) => {
			const text = g.points.map((p) => p.marker).join(',');
			const width = Math.max(26, 10 + text.length * 8.5);
			// The accessible name starts with the visible numbers (WCAG 2.5.3, label in name).
			const label = `${text}: ${g.points.map((p) => p.label).join('; ')}`;
			const href = g.points[0]!.href;
			const shape =
				`<rect x="${num(g.x - width / 2)}" y="${num(g.y - 13)}" width="${num(width)}" height="26" rx="13" class="map-marker"/>` +
				`<text x="${num(g.x)}" y="${num(g.y + 5)}" text-anchor="middle" direction="ltr" aria-hidden="true">${escapeXml(text)}</text>`;
			return href.startsWith('/') ? `<a href="${escapeXml(href)}" class="map-point" aria-label="${escapeXml(label)}">${shape}</a>` : `<g role="img" aria-label="${escapeXml(label)}">${shape}</g>`;
		})
		.join('');
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${projection.width} ${projection.height}" class="offer-map" aria-labelledby="${options.id}-title ${options.id}-desc">`,
		`<title id="${options.id}-title">${escapeXml(options.title)}</title><desc id="${options.id}-desc">${escapeXml(options.description)}</desc>`,
		`<g class="map-areas" fill-rule="evenodd">${base.paths}</g>`,
		`<g class="map-points">${markers}</g>`,
		'</svg>'
	].join('');
}

/* ---------- the areas of a municipality, cached ---------- */

const cache = new Map<string, { key: string; base: MapBase | null; areas: AreaShape[] }>();

/**
 * The areas drawn as background: the coarsest level that has boundaries (districts rather than
 * quarters), so the map stays readable and small. Cached until an area changes.
 */
export async function mapAreas(db: DbOrTx, municipalityId: string): Promise<{ areas: AreaShape[]; base: MapBase | null; key: string }> {
	const [stamp] = await db
		.select({ changed: max(area.updatedAt), n: count() })
		.from(area)
		.where(and(eq(area.municipalityId, municipalityId), isNotNull(area.geometry)));
	const key = `${stamp?.n ?? 0}:${stamp?.changed?.toISOString() ?? ''}`;
	const hit = cache.get(municipalityId);
	if (hit && hit.key === key) return hit;
	const rows = stamp?.n
		? await db
				.select({ name: area.name, level: area.level, geometry: area.geometry })
				.from(area)
				.where(and(eq(area.municipalityId, municipalityId), isNotNull(area.geometry)))
		: [];
	const level = (['district', 'quarter', 'social_space'] as const).find((l) => rows.some((r) => r.level === l));
	const areas = rows.filter((r) => r.level === level).map((r) => ({ name: r.name, geometry: r.geometry as Geometry }));
	const entry = { key, areas, base: areas.length ? buildMapBase(areas) : null };
	cache.set(municipalityId, entry);
	return entry;
}

/** The SVG for a page of results, or null when none of them has a place with coordinates. */
export async function offerMapSvg(db: DbOrTx, municipalityId: string, input: { points: MapPoint[]; title: string; description: string; id: string }): Promise<string | null> {
	if (!input.points.length) return null;
	const { base } = await mapAreas(db, municipalityId);
	const drawn = base ?? buildMapBase([], input.points);
	return drawn ? renderOfferMap(drawn, input.points, input) : null;
}
