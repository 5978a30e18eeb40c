import { pgTable, text, uuid, timestamp, pgEnum, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { municipality, user } from '../../core/schema.ts';

export const organizationType = pgEnum('organization_type', [
	'administration', // Dienststelle der Verwaltung
	'welfare_association', // Wohlfahrtsverband
	'migrant_organization', // Migrantenorganisation
	'club', // Verein
	'school', // Schule / Bildungseinrichtung
	'company', // Unternehmen
	'religious_community', // Religionsgemeinschaft
	'other'
]);

export const organization = pgTable(
	'organizations_organization',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		name: text('name').notNull(),
		type: organizationType('type').notNull(),
		description: text('description').notNull().default(''),
		street: text('street').notNull().default(''),
		postalCode: text('postal_code').notNull().default(''),
		city: text('city').notNull().default(''),
		email: text('email').notNull().default(''),
		phone: text('phone').notNull().default(''),
		website: text('website').notNull().default(''),
		/** Whether the organization appears on the public portal. */
		visibility: text('visibility', { enum: ['public', 'internal'] }).notNull().default('public'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('organizations_name_uq').on(t.municipalityId, t.name)]
);

/** Users who act for an organization (providers). */
export const organizationMember = pgTable(
	'organizations_member',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organization.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('organizations_member_uq').on(t.organizationId, t.userId),
		index('organizations_member_user_idx').on(t.municipalityId, t.userId)
	]
);
