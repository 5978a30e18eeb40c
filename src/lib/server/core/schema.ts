import {
	pgTable,
	text,
	uuid,
	timestamp,
	boolean,
	jsonb,
	bigserial,
	index,
	uniqueIndex,
	char,
	pgEnum,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { ROLES } from './roles.ts';

/* ---------- tenants ---------- */

export const municipalityKind = pgEnum('municipality_kind', [
	'county', // Kreis
	'independent_city', // kreisfreie Stadt
	'county_municipality' // kreisangehörige Stadt/Gemeinde
]);

export const municipality = pgTable(
	'core_municipality',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		kind: municipalityKind('kind').notNull(),
		/** Amtlicher Gemeindeschlüssel, 8 digits. */
		ags: char('ags', { length: 8 }).notNull(),
		parentId: uuid('parent_id').references((): AnyPgColumn => municipality.id),
		enabledLanguages: text('enabled_languages').array().notNull(),
		isDemo: boolean('is_demo').notNull().default(false),
		// Contact data for Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit.
		officeName: text('office_name').notNull(),
		street: text('street').notNull(),
		postalCode: text('postal_code').notNull(),
		city: text('city').notNull(),
		email: text('email').notNull(),
		phone: text('phone').notNull(),
		website: text('website'),
		representedBy: text('represented_by').notNull(),
		dataProtectionOfficer: text('data_protection_officer').notNull(),
		dataProtectionEmail: text('data_protection_email').notNull(),
		accessibilityEmail: text('accessibility_email').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('core_municipality_slug_uq').on(t.slug), uniqueIndex('core_municipality_ags_uq').on(t.ags)]
);

/* ---------- accounts (tables used by Better Auth; names mapped in core/auth.ts) ---------- */

export const user = pgTable('auth_user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const session = pgTable(
	'auth_session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		token: text('token').notNull().unique(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [index('auth_session_user_idx').on(t.userId)]
);

export const account = pgTable(
	'auth_account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		password: text('password'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('auth_account_user_idx').on(t.userId)]
);

export const verification = pgTable(
	'auth_verification',
	{
		id: text('id').primaryKey(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('auth_verification_identifier_idx').on(t.identifier)]
);

/** Failed sign-in attempts, for throttling per account and per address (see core/login-throttle.ts). */
export const loginFailure = pgTable(
	'auth_login_failure',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		scope: text('scope', { enum: ['account', 'address'] }).notNull(),
		key: text('key').notNull(),
		failedAt: timestamp('failed_at', { withTimezone: true }).notNull()
	},
	(t) => [index('auth_login_failure_key_idx').on(t.scope, t.key, t.failedAt)]
);

/* ---------- roles per municipality ---------- */

export const roleName = pgEnum('role_name', ROLES);

export const roleAssignment = pgTable(
	'core_role_assignment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: roleName('role').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('core_role_assignment_uq').on(t.municipalityId, t.userId, t.role)]
);

export const invitation = pgTable(
	'core_invitation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id),
		email: text('email').notNull(),
		name: text('name').notNull(),
		roles: text('roles').array().notNull(),
		organizationIds: uuid('organization_ids').array().notNull().default([]),
		/** SHA-256 of the token sent by mail; the token itself is never stored. */
		tokenHash: text('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		invitedBy: text('invited_by').references(() => user.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('core_invitation_municipality_idx').on(t.municipalityId, t.createdAt),
		uniqueIndex('core_invitation_token_uq').on(t.tokenHash)
	]
);

/* ---------- audit trail ---------- */

export const auditEvent = pgTable(
	'core_audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		municipalityId: uuid('municipality_id').references(() => municipality.id),
		actorUserId: text('actor_user_id'),
		actorLabel: text('actor_label').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		before: jsonb('before'),
		after: jsonb('after'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [
		index('core_audit_event_municipality_idx').on(t.municipalityId, t.createdAt),
		index('core_audit_event_entity_idx').on(t.municipalityId, t.entityType, t.entityId)
	]
);

/* ---------- mail ---------- */

export const outboxMail = pgTable(
	'core_outbox_mail',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id').references(() => municipality.id),
		recipient: text('recipient').notNull(),
		subject: text('subject').notNull(),
		textBody: text('text_body').notNull(),
		transport: text('transport', { enum: ['captured', 'smtp'] }).notNull(),
		/** The body holds a one-time link (invitation, password reset): shown only in demo municipalities. */
		containsSecret: boolean('contains_secret').notNull().default(false),
		status: text('status', { enum: ['captured', 'sent', 'failed'] }).notNull(),
		error: text('error'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull()
	},
	(t) => [index('core_outbox_mail_municipality_idx').on(t.municipalityId, t.createdAt)]
);

/* ---------- rate limits of public forms ---------- */

/** One row per accepted request of a rate-limited action (e.g. barrier reports per address). */
export const rateEvent = pgTable(
	'core_rate_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		action: text('action').notNull(),
		key: text('key').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull()
	},
	(t) => [index('core_rate_event_key_idx').on(t.action, t.key, t.at)]
);
