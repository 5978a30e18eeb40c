import { pgTable, text, uuid, jsonb, timestamp, pgEnum, uniqueIndex, index, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { municipality } from '../../core/schema.ts';

export const areaLevel = pgEnum('area_level', ['district', 'quarter', 'social_space']);

/** Small areas for statistics and offers: Stadtbezirk (district), Stadtteil (quarter), Sozialraum. */
export const area = pgTable(
	'areas_area',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		level: areaLevel('level').notNull(),
		/** Official code, e.g. "11" (11-Altstadt, Bottrop) or "101" (a Köln Stadtteil). */
		code: text('code').notNull(),
		name: text('name').notNull(),
		parentId: uuid('parent_id').references((): AnyPgColumn => area.id),
		/** GeoJSON Polygon or MultiPolygon in WGS84, or null when no boundary is known. */
		geometry: jsonb('geometry'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('areas_area_code_uq').on(t.municipalityId, t.level, t.code),
		index('areas_area_parent_idx').on(t.municipalityId, t.parentId)
	]
);
