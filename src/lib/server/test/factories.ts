/**
 * Building blocks for service tests: a migrated database with four municipalities, Better Auth,
 * a fixed clock, the captured mailer, and helpers to create users with roles and service contexts.
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { createTestDb, type TestDb } from './database.ts';
import { createAuth, type Auth } from '../core/auth.ts';
import { fixedClock } from '../core/clock.ts';
import { createMailer, type Mailer } from '../core/mail.ts';
import type { ServiceContext } from '../core/context.ts';
import type { Municipality } from '../core/tenancy.ts';
import type { Actor, Role } from '../core/roles.ts';
import { municipality, outboxMail, roleAssignment, session } from '../core/schema.ts';
import { organizationMember } from '../modules/organizations/schema.ts';
import { loadActor } from '../modules/users/index.ts';

export const TEST_ORIGIN = 'https://teilhabe.test';
export const TEST_PASSWORD = 'Richtiges-Passwort-2026';
export const TEST_NOW = '2026-03-02T09:00:00.000Z';
export const anonymous: Actor = { kind: 'anonymous' };
export const system: Actor = { kind: 'system', label: 'Testlauf (System)' };

export interface CapturedReset {
	email: string;
	name: string;
	token: string;
	callbackURL: string;
}

export interface TestWorld {
	testDb: TestDb;
	db: Db;
	clock: ReturnType<typeof fixedClock>;
	mail: Mailer;
	auth: Auth;
	/** Every password-reset token Better Auth handed out, in order. */
	resetTokens: CapturedReset[];
	/** Two independent tenants … */
	a: Municipality;
	b: Municipality;
	/** … and a county with one member town. */
	county: Municipality;
	town: Municipality;
	close(): Promise<void>;
}

let sequence = 0;
const nextId = () => `${Date.now().toString(36)}${(++sequence).toString(36)}`;

export async function createMunicipality(
	db: Db,
	values: { slug: string; name: string; ags: string; kind?: Municipality['kind']; parentId?: string | null }
): Promise<Municipality> {
	const [row] = await db
		.insert(municipality)
		.values({
			kind: 'independent_city',
			parentId: null,
			...values,
			enabledLanguages: ['de', 'en', 'ar'],
			officeName: `Integrationsbüro ${values.name}`,
			street: 'Rathausplatz 1',
			postalCode: '12345',
			city: values.name,
			email: `integration@${values.slug}.test`,
			phone: '01234 5678',
			representedBy: 'Bürgermeisterin',
			dataProtectionOfficer: 'Datenschutz',
			dataProtectionEmail: `datenschutz@${values.slug}.test`,
			accessibilityEmail: `barrierefreiheit@${values.slug}.test`
		})
		.returning();
	return row!;
}

export async function createTestWorld(): Promise<TestWorld> {
	const testDb = await createTestDb();
	const db = testDb.handle.db;
	const clock = fixedClock(TEST_NOW);
	const resetTokens: CapturedReset[] = [];
	const auth = createAuth({
		db,
		secret: 'test-secret-that-is-at-least-32-characters-long',
		baseURL: TEST_ORIGIN,
		secureCookies: false,
		sendPasswordReset: async (reset) => void resetTokens.push(reset)
	});
	const mail = createMailer({ db, clock, smtpUrl: null, from: 'Teilhabe <test@teilhabe.test>' });
	const a = await createMunicipality(db, { slug: 'musterstadt', name: 'Musterstadt', ags: '05999001' });
	const b = await createMunicipality(db, { slug: 'beispielstadt', name: 'Beispielstadt', ags: '05999002' });
	const county = await createMunicipality(db, { slug: 'kreis-muster', name: 'Kreis Muster', ags: '05999000', kind: 'county' });
	const town = await createMunicipality(db, { slug: 'musterdorf', name: 'Musterdorf', ags: '05999010', kind: 'county_municipality', parentId: county.id });
	return { testDb, db, clock, mail, auth, resetTokens, a, b, county, town, close: () => testDb.close() };
}

export interface Grant {
	in: Municipality;
	roles: Role[];
	organizationIds?: string[];
}

/**
 * Creates an account through Better Auth (real password hash) and assigns roles; returns the actor
 * as the platform would load it. The session Better Auth opens on sign-up is removed again.
 */
export async function createUser(
	world: TestWorld,
	grants: Grant[],
	options: { email?: string; name?: string; password?: string } = {}
): Promise<Extract<Actor, { kind: 'user' }>> {
	const email = options.email ?? `person-${nextId()}@example.test`;
	const created = await world.auth.api.signUpEmail({ body: { email, password: options.password ?? TEST_PASSWORD, name: options.name ?? `Person ${email}` } });
	const userId = created.user.id;
	await world.db.delete(session).where(eq(session.userId, userId));
	for (const g of grants) {
		if (g.roles.length) await world.db.insert(roleAssignment).values(g.roles.map((role) => ({ municipalityId: g.in.id, userId, role })));
		for (const organizationId of g.organizationIds ?? [])
			await world.db.insert(organizationMember).values({ municipalityId: g.in.id, organizationId, userId });
	}
	return (await loadActor(world.db, created.user)) as Extract<Actor, { kind: 'user' }>;
}

/** Shorthand: a user with the given roles in one municipality. */
export function userWith(world: TestWorld, m: Municipality, ...roles: Role[]) {
	return createUser(world, [{ in: m, roles }]);
}

export function contextFor(world: TestWorld, actor: Actor, m: Municipality, extra: Partial<ServiceContext> = {}): ServiceContext {
	return { db: world.db, clock: world.clock, mail: world.mail, auth: world.auth, actor, municipality: m, origin: TEST_ORIGIN, address: '192.0.2.1', ...extra };
}

/** All captured mails (newest first by the test clock). */
export function outbox(db: Db) {
	return db.select().from(outboxMail).orderBy(desc(outboxMail.createdAt));
}

/** Runs `work` and returns what it threw (fails the test when it does not throw). */
export async function caught(work: () => Promise<unknown>): Promise<unknown> {
	try {
		await work();
	} catch (e) {
		return e;
	}
	throw new Error('expected an error, but none was thrown');
}
