import { and, asc, eq, inArray, isNotNull, isNull, lte, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Clock } from '../../core/clock.ts';
import type { Mailer } from '../../core/mail.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { municipality as municipalityTable, roleAssignment, user } from '../../core/schema.ts';
import { organization, organizationMember } from '../organizations/schema.ts';
import { offerConfirmation, offerSettings, service, taxonomy, taxonomyTerm, type CONFIRMATION_KINDS } from './schema.ts';
import { mayWriteForOrganization, writableOrganizations } from './permissions.ts';
import { rebuildSearchDocuments } from './search-index.ts';
import type { Municipality } from '../../core/tenancy.ts';

/*
 * Yearly confirmation ("Aktualitätsprüfung"). Every published offer is due for confirmation a set number
 * of months after it was last published or confirmed. Providers are reminded in advance and again when it
 * is overdue (then the editors hear of it too); after a grace period the offer leaves the portal until
 * someone confirms it. Every confirmation is kept: the annual report counts them (participation.ts).
 */

export interface OfferSettings {
	confirmationIntervalMonths: number;
	reminderLeadDays: number;
	graceDays: number;
}

export const DEFAULT_OFFER_SETTINGS: OfferSettings = { confirmationIntervalMonths: 12, reminderLeadDays: 28, graceDays: 42 };

const DAY = 24 * 60 * 60 * 1000;

/** `from` plus whole months, clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb), as PostgreSQL does. */
export function addMonths(from: Date, months: number): Date {
	const d = new Date(from.getTime());
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, lastDay));
	return d;
}

export type ConfirmationStatus = 'unpublished' | 'current' | 'due_soon' | 'overdue' | 'hidden';

export const CONFIRMATION_STATUS_LABELS: Record<ConfirmationStatus, string> = {
	unpublished: 'Nicht veröffentlicht',
	current: 'Aktuell',
	due_soon: 'Bald zu bestätigen',
	overdue: 'Bestätigung überfällig',
	hidden: 'Ausgeblendet (nicht bestätigt)'
};

export interface ConfirmationState {
	status: ConfirmationStatus;
	dueAt: Date | null;
	/** The day the offer leaves the portal if nobody confirms it. */
	hideAt: Date | null;
}

/** Where an offer stands, given its dates and the municipality's rules. Pure: the table tests pin it down. */
export function confirmationState(
	offer: { isPublished: boolean; confirmationDueAt: Date | null; hiddenAt: Date | null },
	settings: OfferSettings,
	now: Date
): ConfirmationState {
	if (!offer.isPublished || !offer.confirmationDueAt) return { status: 'unpublished', dueAt: null, hideAt: null };
	const dueAt = offer.confirmationDueAt;
	const hideAt = new Date(dueAt.getTime() + settings.graceDays * DAY);
	if (offer.hiddenAt) return { status: 'hidden', dueAt, hideAt };
	if (now >= dueAt) return { status: 'overdue', dueAt, hideAt };
	if (now.getTime() >= dueAt.getTime() - settings.reminderLeadDays * DAY) return { status: 'due_soon', dueAt, hideAt };
	return { status: 'current', dueAt, hideAt };
}

export async function getOfferSettings(db: DbOrTx, municipalityId: string): Promise<OfferSettings> {
	const [row] = await db.select().from(offerSettings).where(eq(offerSettings.municipalityId, municipalityId));
	return row ? { confirmationIntervalMonths: row.confirmationIntervalMonths, reminderLeadDays: row.reminderLeadDays, graceDays: row.graceDays } : DEFAULT_OFFER_SETTINGS;
}

const intIn = (min: number, max: number, label: string) =>
	z.coerce
		.number({ error: `Bitte geben Sie ${label} als ganze Zahl an.` })
		.int(`Bitte geben Sie ${label} als ganze Zahl an.`)
		.min(min, `${label} muss mindestens ${min} sein.`)
		.max(max, `${label} darf höchstens ${max} sein.`);

const settingsInput = z
	.object({
		confirmationIntervalMonths: intIn(1, 36, 'den Abstand in Monaten'),
		reminderLeadDays: intIn(0, 120, 'die Vorlaufzeit in Tagen'),
		graceDays: intIn(0, 365, 'die Nachfrist in Tagen')
	})
	.refine((s) => s.reminderLeadDays < s.confirmationIntervalMonths * 28, {
		path: ['reminderLeadDays'],
		message: 'Die Erinnerung muss innerhalb des Bestätigungszeitraums liegen.'
	});

/**
 * Changes the rules. Due dates of published offers are recomputed from their last confirmation; an offer
 * whose due date moves later gets its reminders again at the new time. Hidden offers stay hidden until
 * someone confirms them.
 */
export async function updateOfferSettings(ctx: ServiceContext, raw: unknown): Promise<OfferSettings> {
	authorize(ctx, 'offers.review');
	const input = parseInput(settingsInput, raw);
	return inTransaction(ctx, async (tx) => {
		const before = await getOfferSettings(tx, ctx.municipality.id);
		const now = ctx.clock.now();
		await tx
			.insert(offerSettings)
			.values({ municipalityId: ctx.municipality.id, ...input, updatedAt: now })
			.onConflictDoUpdate({ target: offerSettings.municipalityId, set: { ...input, updatedAt: now } });
		if (before.confirmationIntervalMonths !== input.confirmationIntervalMonths) {
			const newDue = sql`coalesce(${service.confirmedAt}, ${service.firstPublishedAt}) + make_interval(months => ${input.confirmationIntervalMonths})`;
			await tx
				.update(service)
				.set({
					reminderStage: sql`case when ${newDue} > ${service.confirmationDueAt} then 0 else ${service.reminderStage} end`,
					confirmationDueAt: newDue
				})
				.where(and(eq(service.municipalityId, ctx.municipality.id), isNotNull(service.published), isNotNull(service.confirmationDueAt)));
		}
		await recordAudit(tx, ctx, { action: 'offer_settings.update', entityType: 'municipality', entityId: ctx.municipality.id, before, after: input });
		return input;
	});
}

async function categoryIdsOf(tx: DbOrTx, municipalityId: string, termIds: readonly string[]): Promise<string[]> {
	if (!termIds.length) return [];
	const rows = await tx
		.select({ id: taxonomyTerm.id })
		.from(taxonomyTerm)
		.innerJoin(taxonomy, eq(taxonomy.id, taxonomyTerm.taxonomyId))
		.where(and(eq(taxonomyTerm.municipalityId, municipalityId), eq(taxonomy.kind, 'category'), inArray(taxonomyTerm.id, [...termIds])));
	return rows.map((r) => r.id);
}

/**
 * Records a publication or confirmation inside the caller's transaction: the next due date, reminders
 * reset, visible again, and a row in the confirmation log for the annual report.
 */
export async function recordConfirmation(
	tx: DbOrTx,
	ctx: ServiceContext,
	offer: { id: string; organizationId: string; termIds: readonly string[] },
	kind: (typeof CONFIRMATION_KINDS)[number]
): Promise<Date> {
	const now = ctx.clock.now();
	const settings = await getOfferSettings(tx, ctx.municipality.id);
	const dueAt = addMonths(now, settings.confirmationIntervalMonths);
	await tx.update(service).set({ confirmedAt: now, confirmationDueAt: dueAt, reminderStage: 0, hiddenAt: null }).where(eq(service.id, offer.id));
	await tx.insert(offerConfirmation).values({
		municipalityId: ctx.municipality.id,
		serviceId: offer.id,
		organizationId: offer.organizationId,
		kind,
		confirmedAt: now,
		userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
		categoryIds: await categoryIdsOf(tx, ctx.municipality.id, offer.termIds)
	});
	return dueAt;
}

const confirmInput = z.object({ ids: z.array(z.string()).min(1, 'Bitte wählen Sie mindestens ein Angebot.').max(500) });

/** A provider (for their organizations) or an editor confirms that published offers are still current. */
export async function confirmOffers(ctx: ServiceContext, raw: unknown): Promise<number> {
	authorize(ctx, 'backoffice.enter');
	if (!can(ctx, 'offers.review') && !can(ctx, 'offers.editOwn')) throw new ForbiddenError();
	const { ids } = parseInput(confirmInput, raw);
	const unique = [...new Set(ids)];
	if (unique.some((id) => !isUuid(id))) throw new NotFoundError('Eines der Angebote gibt es in Ihrer Kommune nicht.');
	return inTransaction(ctx, async (tx) => {
		const rows = await tx
			.select()
			.from(service)
			.where(and(eq(service.municipalityId, ctx.municipality.id), inArray(service.id, unique)))
			.for('update');
		if (rows.length !== unique.length) throw new NotFoundError('Eines der Angebote gibt es in Ihrer Kommune nicht.');
		for (const row of rows) {
			if (!mayWriteForOrganization(ctx.actor, ctx.municipality.id, row.organizationId)) throw new ForbiddenError('Sie dürfen nur Angebote Ihrer eigenen Organisation bestätigen.');
			if (!row.published) throw new ConflictError(`„${row.draft.name}“ ist nicht veröffentlicht und muss nicht bestätigt werden.`);
		}
		for (const row of rows) {
			const dueAt = await recordConfirmation(tx, ctx, { id: row.id, organizationId: row.organizationId, termIds: row.published!.termIds }, 'confirm');
			if (row.hiddenAt) await rebuildSearchDocuments(tx, row.id);
			await recordAudit(tx, ctx, {
				action: 'offer.confirm',
				entityType: 'offer',
				entityId: row.id,
				before: { confirmedAt: row.confirmedAt, confirmationDueAt: row.confirmationDueAt, hiddenAt: row.hiddenAt },
				after: { confirmedAt: ctx.clock.now(), confirmationDueAt: dueAt, hiddenAt: null }
			});
		}
		return rows.length;
	});
}

export interface ConfirmationRow {
	id: string;
	name: string;
	organizationId: string;
	organizationName: string;
	confirmedAt: Date | null;
	state: ConfirmationState;
}

/** Published offers the actor may confirm, with where each stands, the most urgent first. */
export async function confirmationOverview(ctx: ServiceContext): Promise<{ settings: OfferSettings; rows: ConfirmationRow[] }> {
	authorize(ctx, 'backoffice.enter');
	if (!can(ctx, 'offers.read') && !can(ctx, 'offers.editOwn')) throw new ForbiddenError();
	const settings = await getOfferSettings(ctx.db, ctx.municipality.id);
	const own = writableOrganizations(ctx.actor, ctx.municipality.id);
	const readsAll = can(ctx, 'offers.read');
	if (!readsAll && own !== 'all' && !own.length) return { settings, rows: [] };
	const rows = await ctx.db
		.select({
			id: service.id,
			name: sql<string>`${service.published}->>'name'`,
			organizationId: service.organizationId,
			organizationName: organization.name,
			confirmedAt: service.confirmedAt,
			confirmationDueAt: service.confirmationDueAt,
			hiddenAt: service.hiddenAt
		})
		.from(service)
		.innerJoin(organization, eq(organization.id, service.organizationId))
		.where(
			and(
				eq(service.municipalityId, ctx.municipality.id),
				isNotNull(service.published),
				readsAll || own === 'all' ? undefined : inArray(service.organizationId, [...own])
			)
		)
		.orderBy(asc(service.confirmationDueAt), asc(sql`${service.published}->>'name'`));
	const now = ctx.clock.now();
	return {
		settings,
		rows: rows.map((r) => ({
			id: r.id,
			name: r.name,
			organizationId: r.organizationId,
			organizationName: r.organizationName,
			confirmedAt: r.confirmedAt,
			state: confirmationState({ isPublished: true, confirmationDueAt: r.confirmationDueAt, hiddenAt: r.hiddenAt }, settings, now)
		}))
	};
}

/* ---------- the scheduled duty: reminders, notices to editors, hiding ---------- */

export interface ConfirmationDutyResult {
	reminded: number;
	overdue: number;
	hidden: number;
	mails: number;
}

interface DutyDeps {
	db: Db;
	mail: Mailer;
	clock: Clock;
	origin: string;
}

const berlinDate = (d: Date) => d.toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });

async function memberEmails(db: DbOrTx, municipalityId: string, organizationId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ email: user.email })
		.from(organizationMember)
		.innerJoin(user, eq(user.id, organizationMember.userId))
		.where(and(eq(organizationMember.municipalityId, municipalityId), eq(organizationMember.organizationId, organizationId)))
		.orderBy(asc(user.email));
	return rows.map((r) => r.email);
}

async function editorEmails(db: DbOrTx, municipalityId: string): Promise<string[]> {
	const rows = await db
		.selectDistinct({ email: user.email })
		.from(roleAssignment)
		.innerJoin(user, eq(user.id, roleAssignment.userId))
		.where(and(eq(roleAssignment.municipalityId, municipalityId), inArray(roleAssignment.role, ['editor', 'integration_office'])))
		.orderBy(asc(user.email));
	return rows.map((r) => r.email);
}

type DueOffer = { id: string; name: string; organizationId: string; organizationName: string; dueAt: Date };

function byOrganization(offers: DueOffer[]): Map<string, DueOffer[]> {
	const map = new Map<string, DueOffer[]>();
	for (const o of offers) map.set(o.organizationId, [...(map.get(o.organizationId) ?? []), o]);
	return map;
}

/**
 * Runs for every municipality: sends due reminders, tells providers and editors about overdue offers and
 * hides those past the grace period. Idempotent: the reminder stage on each offer records what was sent,
 * so running it every hour sends each message once per due date.
 */
export async function runConfirmationDuties(deps: DutyDeps): Promise<ConfirmationDutyResult> {
	const result: ConfirmationDutyResult = { reminded: 0, overdue: 0, hidden: 0, mails: 0 };
	const municipalities = await deps.db.select().from(municipalityTable).orderBy(asc(municipalityTable.slug));
	for (const m of municipalities) {
		const r = await dutiesFor(deps, m as Municipality);
		result.reminded += r.reminded;
		result.overdue += r.overdue;
		result.hidden += r.hidden;
		result.mails += r.mails;
	}
	return result;
}

async function dutiesFor(deps: DutyDeps, m: Municipality): Promise<ConfirmationDutyResult> {
	const now = deps.clock.now();
	const settings = await getOfferSettings(deps.db, m.id);
	const ctx: ServiceContext = {
		db: deps.db,
		clock: deps.clock,
		mail: deps.mail,
		auth: undefined as never,
		actor: { kind: 'system', label: 'Aktualitätsprüfung' },
		municipality: m,
		origin: deps.origin
	};
	const backoffice = `${deps.origin}/${m.slug}/intern`;
	const select = async (where: ReturnType<typeof and>): Promise<DueOffer[]> =>
		(await deps.db
			.select({
				id: service.id,
				name: sql<string>`${service.published}->>'name'`,
				organizationId: service.organizationId,
				organizationName: organization.name,
				dueAt: service.confirmationDueAt
			})
			.from(service)
			.innerJoin(organization, eq(organization.id, service.organizationId))
			.where(and(eq(service.municipalityId, m.id), isNotNull(service.published), isNull(service.hiddenAt), isNotNull(service.confirmationDueAt), where))
			.orderBy(asc(organization.name), asc(sql`${service.published}->>'name'`))) as DueOffer[];
	const result: ConfirmationDutyResult = { reminded: 0, overdue: 0, hidden: 0, mails: 0 };
	const send = async (to: string, subject: string, text: string) => {
		await deps.mail.send({ municipalityId: m.id, to, subject: subject.slice(0, 200), text });
		result.mails++;
	};
	const list = (offers: DueOffer[]) => offers.map((o) => `- ${o.name} (fällig am ${berlinDate(o.dueAt)})`).join('\n');

	// 1. Hide what is past the grace period (before the other steps, so an offer is not reminded and hidden in one run).
	const graceCut = new Date(now.getTime() - settings.graceDays * DAY);
	const expired = await select(lte(service.confirmationDueAt, graceCut));
	if (expired.length) {
		await inTransaction(ctx, async (tx) => {
			for (const o of expired) {
				await tx.update(service).set({ hiddenAt: now, reminderStage: 2 }).where(eq(service.id, o.id));
				await rebuildSearchDocuments(tx, o.id);
				await recordAudit(tx, ctx, { action: 'offer.hide_unconfirmed', entityType: 'offer', entityId: o.id, before: { hiddenAt: null }, after: { hiddenAt: now, dueAt: o.dueAt } });
			}
		});
		result.hidden = expired.length;
		for (const [orgId, offers] of byOrganization(expired))
			for (const to of await memberEmails(deps.db, m.id, orgId))
				await send(
					to,
					`Nicht mehr im Wegweiser: ${offers.length === 1 ? offers[0]!.name : `${offers.length} Angebote`}`,
					[
						`Guten Tag,`,
						'',
						`diese Angebote von „${offers[0]!.organizationName}“ wurden nicht rechtzeitig als aktuell bestätigt und sind deshalb im Portal nicht mehr zu sehen:`,
						list(offers),
						'',
						`Sobald Sie sie bestätigen, erscheinen sie wieder: ${backoffice}/angebote/bestaetigen`
					].join('\n')
				);
	}

	// 2. Overdue: the provider is told again, the editors get one list per run.
	const overdue = await select(and(lte(service.confirmationDueAt, now), lt(service.reminderStage, 2)));
	if (overdue.length) {
		const hideAt = (o: DueOffer) => berlinDate(new Date(o.dueAt.getTime() + settings.graceDays * DAY));
		for (const [orgId, offers] of byOrganization(overdue))
			for (const to of await memberEmails(deps.db, m.id, orgId))
				await send(
					to,
					`Bestätigung überfällig: ${offers.length === 1 ? offers[0]!.name : `${offers.length} Angebote`}`,
					[
						`Guten Tag,`,
						'',
						`bitte bestätigen Sie, dass diese Angebote von „${offers[0]!.organizationName}“ noch stimmen – oder ändern Sie, was nicht mehr stimmt:`,
						offers.map((o) => `- ${o.name} (fällig seit ${berlinDate(o.dueAt)}, wird am ${hideAt(o)} ausgeblendet)`).join('\n'),
						'',
						`Zur Bestätigung: ${backoffice}/angebote/bestaetigen`
					].join('\n')
				);
		const withoutAccount = new Set<string>();
		for (const orgId of byOrganization(overdue).keys()) if (!(await memberEmails(deps.db, m.id, orgId)).length) withoutAccount.add(orgId);
		for (const to of await editorEmails(deps.db, m.id))
			await send(
				to,
				`Wegweiser: ${overdue.length} ${overdue.length === 1 ? 'Angebot ist' : 'Angebote sind'} nicht bestätigt`,
				[
					`Diese Angebote wurden nicht rechtzeitig als aktuell bestätigt. Ohne Bestätigung werden sie nach ${settings.graceDays} Tagen Nachfrist im Portal ausgeblendet.`,
					'',
					overdue
						.map((o) => `- ${o.name} – ${o.organizationName}${withoutAccount.has(o.organizationId) ? ' (der Träger hat kein Konto; bitte selbst nachfragen)' : ''}, ausgeblendet ab ${hideAt(o)}`)
						.join('\n'),
					'',
					`Übersicht: ${backoffice}/angebote/bestaetigen`
				].join('\n')
			);
		await deps.db.update(service).set({ reminderStage: 2 }).where(inArray(service.id, overdue.map((o) => o.id)));
		result.overdue = overdue.length;
	}

	// 3. Reminders ahead of the due date.
	const leadCut = new Date(now.getTime() + settings.reminderLeadDays * DAY);
	const soon = await select(and(lte(service.confirmationDueAt, leadCut), lt(service.reminderStage, 1)));
	if (soon.length) {
		for (const [orgId, offers] of byOrganization(soon))
			for (const to of await memberEmails(deps.db, m.id, orgId))
				await send(
					to,
					`Bitte bestätigen: ${offers.length === 1 ? offers[0]!.name : `${offers.length} Angebote`} im Wegweiser`,
					[
						`Guten Tag,`,
						'',
						`einmal im Jahr bitten wir Sie zu prüfen, ob Ihre Angaben im Integrationswegweiser noch stimmen. Für „${offers[0]!.organizationName}“ steht die Bestätigung bald an:`,
						list(offers),
						'',
						`Bestätigen oder ändern: ${backoffice}/angebote/bestaetigen`
					].join('\n')
				);
		await deps.db.update(service).set({ reminderStage: 1 }).where(inArray(service.id, soon.map((o) => o.id)));
		result.reminded = soon.length;
	}
	return result;
}

/** Ids of offers that need attention in the editors' lists. */
export function overdueCondition(now: Date) {
	return or(isNotNull(service.hiddenAt), lte(service.confirmationDueAt, now));
}
