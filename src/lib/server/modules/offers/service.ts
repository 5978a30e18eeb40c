import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Tx } from '../../db/client.ts';
import { roleAssignment, user } from '../../core/schema.ts';
import { organization, organizationMember } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, service, translation, type ReviewState } from './schema.ts';
import { offerContentInput, textsDiffer, translatedTextsInput, type OfferContent } from './content.ts';
import { mayWriteForOrganization, writableOrganizations } from './permissions.ts';
import { countExistingTerms, ensureDefaultTaxonomies } from './taxonomies.ts';
import { rebuildSearchDocuments } from './search-index.ts';
import { recordConfirmation } from './confirmation.ts';

export type Offer = typeof service.$inferSelect;

const notFound = () => new NotFoundError('Dieses Angebot gibt es in Ihrer Kommune nicht.');

/** Staff who may see the offer: editors all of their municipality's, providers those of their organizations. */
function mayRead(ctx: ServiceContext, offer: Pick<Offer, 'organizationId'>): boolean {
	return can(ctx, 'offers.read') || mayWriteForOrganization(ctx.actor, ctx.municipality.id, offer.organizationId);
}

async function findOffer(ctx: ServiceContext, tx: ServiceContext['db'] | Tx, id: string, forUpdate = false): Promise<Offer> {
	if (!isUuid(id)) throw notFound();
	const query = tx.select().from(service).where(and(eq(service.municipalityId, ctx.municipality.id), eq(service.id, id)));
	const [row] = forUpdate ? await query.for('update') : await query;
	if (!row || !mayRead(ctx, row)) throw notFound();
	return row;
}

function requireBackoffice(ctx: ServiceContext) {
	authorize(ctx, 'backoffice.enter');
	if (!can(ctx, 'offers.read') && !can(ctx, 'offers.editOwn')) throw new ForbiddenError();
}

/** Ids in the content must belong to this municipality (and venues to the offer's organization). */
async function checkReferences(tx: ServiceContext['db'] | Tx, municipalityId: string, organizationId: string, content: OfferContent) {
	const errors: Record<string, string> = {};
	if (!(await countExistingTerms(tx, municipalityId, content.termIds))) errors.termIds = 'Eine der gewählten Kategorien gibt es nicht.';
	if (content.areaIds.length) {
		const [n] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(area)
			.where(and(eq(area.municipalityId, municipalityId), inArray(area.id, content.areaIds)));
		if (n?.n !== new Set(content.areaIds).size) errors.areaIds = 'Einen der gewählten Stadtteile gibt es nicht.';
	}
	if (content.locationIds.length) {
		const [n] = await tx
			.select({ n: sql<number>`count(*)::int` })
			.from(location)
			.where(and(eq(location.municipalityId, municipalityId), eq(location.organizationId, organizationId), inArray(location.id, content.locationIds)));
		if (n?.n !== new Set(content.locationIds).size) errors.locationIds = 'Die Orte müssen zum Träger des Angebots gehören.';
	}
	if (Object.keys(errors).length) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', errors);
}

function parseContent(raw: unknown): OfferContent {
	const input = parseInput(offerContentInput, raw);
	return {
		...input,
		termIds: [...new Set(input.termIds)],
		areaIds: [...new Set(input.areaIds)],
		locationIds: [...new Set(input.locationIds)],
		languages: [...new Set(input.languages)]
	};
}

/* ---------- lists and details for the back office ---------- */

export interface OfferListFilter {
	state?: ReviewState | 'pending';
	organizationId?: string;
	text?: string;
}

export async function listOffers(ctx: ServiceContext, filter: OfferListFilter = {}) {
	requireBackoffice(ctx);
	const conditions: SQL[] = [eq(service.municipalityId, ctx.municipality.id)];
	if (!can(ctx, 'offers.read')) {
		const own = writableOrganizations(ctx.actor, ctx.municipality.id);
		if (own !== 'all') {
			if (!own.length) return [];
			conditions.push(inArray(service.organizationId, [...own]));
		}
	}
	if (filter.state === 'pending') conditions.push(eq(service.reviewState, 'submitted'));
	else if (filter.state) conditions.push(eq(service.reviewState, filter.state));
	if (filter.organizationId && isUuid(filter.organizationId)) conditions.push(eq(service.organizationId, filter.organizationId));
	if (filter.text) conditions.push(sql`(${service.draft}->>'name') ilike ${'%' + filter.text.replace(/[%_\\]/g, (c) => '\\' + c) + '%'}`);
	return ctx.db
		.select({
			id: service.id,
			name: sql<string>`${service.draft}->>'name'`,
			status: sql<string>`coalesce(${service.published}->>'status', ${service.draft}->>'status')`,
			reviewState: service.reviewState,
			isPublished: sql<boolean>`${service.published} is not null`,
			organizationId: service.organizationId,
			organizationName: organization.name,
			submittedAt: service.submittedAt,
			updatedAt: service.updatedAt
		})
		.from(service)
		.innerJoin(organization, eq(organization.id, service.organizationId))
		.where(and(...conditions))
		.orderBy(sql`case ${service.reviewState} when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2 else 3 end`, asc(sql`${service.draft}->>'name'`));
}

export async function getOffer(ctx: ServiceContext, id: string) {
	requireBackoffice(ctx);
	const offer = await findOffer(ctx, ctx.db, id);
	const [org] = await ctx.db.select().from(organization).where(eq(organization.id, offer.organizationId));
	const translations = await ctx.db.select().from(translation).where(eq(translation.serviceId, offer.id)).orderBy(asc(translation.language));
	return {
		offer,
		organization: org!,
		translations: translations.map((t) => ({ ...t, outdated: t.sourceVersion < offer.textVersion })),
		mayWrite: mayWriteForOrganization(ctx.actor, ctx.municipality.id, offer.organizationId),
		mayReview: can(ctx, 'offers.review')
	};
}

/** Organizations the actor may create offers for (editors: all of the municipality). */
export async function organizationsForOffers(ctx: ServiceContext) {
	requireBackoffice(ctx);
	const writable = writableOrganizations(ctx.actor, ctx.municipality.id);
	if (writable !== 'all' && !writable.length) return [];
	return ctx.db
		.select({ id: organization.id, name: organization.name })
		.from(organization)
		.where(writable === 'all' ? eq(organization.municipalityId, ctx.municipality.id) : and(eq(organization.municipalityId, ctx.municipality.id), inArray(organization.id, [...writable])))
		.orderBy(asc(organization.name));
}

/* ---------- writing: providers and editors ---------- */

const createInput = z.object({ organizationId: z.uuid('Bitte wählen Sie den Träger.') });

export async function createOffer(ctx: ServiceContext, raw: Record<string, unknown>) {
	requireBackoffice(ctx);
	const { organizationId } = parseInput(createInput, raw);
	if (!mayWriteForOrganization(ctx.actor, ctx.municipality.id, organizationId))
		throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { organizationId: 'Für diesen Träger dürfen Sie keine Angebote anlegen.' });
	const content = parseContent(raw);
	return inTransaction(ctx, async (tx) => {
		const [org] = await tx.select({ id: organization.id }).from(organization).where(and(eq(organization.municipalityId, ctx.municipality.id), eq(organization.id, organizationId)));
		if (!org) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', { organizationId: 'Diesen Träger gibt es nicht.' });
		await ensureDefaultTaxonomies(tx, ctx.municipality.id, ctx.clock.now());
		await checkReferences(tx, ctx.municipality.id, organizationId, content);
		const now = ctx.clock.now();
		const [row] = await tx
			.insert(service)
			.values({ municipalityId: ctx.municipality.id, organizationId, draft: content, reviewState: 'draft', createdAt: now, updatedAt: now })
			.returning();
		await recordAudit(tx, ctx, { action: 'offer.create', entityType: 'offer', entityId: row!.id, after: { organizationId, draft: content } });
		return row!;
	});
}

/**
 * Saves the working copy. The published copy stays as it is until the editors publish the change;
 * a provider's edit of a submitted offer takes it back to draft (it has to be submitted again).
 */
export async function updateOffer(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	requireBackoffice(ctx);
	const content = parseContent(raw);
	const minor = raw.minor === 'on' || raw.minor === true || raw.minor === 'true';
	return inTransaction(ctx, async (tx) => {
		const before = await findOffer(ctx, tx, id, true);
		if (!mayWriteForOrganization(ctx.actor, ctx.municipality.id, before.organizationId)) throw new ForbiddenError('Sie dürfen nur die Angebote Ihrer eigenen Organisation bearbeiten.');
		await checkReferences(tx, ctx.municipality.id, before.organizationId, content);
		const [after] = await tx
			.update(service)
			.set({
				draft: content,
				// A minor declaration only holds while every change since publication was declared minor.
				draftMinor: minor && (before.reviewState === 'published' || before.draftMinor),
				reviewState: 'draft',
				updatedAt: ctx.clock.now()
			})
			.where(eq(service.id, before.id))
			.returning();
		await recordAudit(tx, ctx, { action: 'offer.update', entityType: 'offer', entityId: before.id, before: { draft: before.draft, reviewState: before.reviewState }, after: { draft: content, minor } });
		return after!;
	});
}

/** The provider hands the working copy to the editors. */
export async function submitOffer(ctx: ServiceContext, id: string) {
	requireBackoffice(ctx);
	const result = await inTransaction(ctx, async (tx) => {
		const before = await findOffer(ctx, tx, id, true);
		if (!mayWriteForOrganization(ctx.actor, ctx.municipality.id, before.organizationId)) throw new ForbiddenError();
		if (before.reviewState === 'submitted') throw new ConflictError('Das Angebot liegt der Redaktion bereits vor.');
		if (before.reviewState === 'published') throw new ConflictError('Es gibt keine Änderung, die geprüft werden müsste.');
		const now = ctx.clock.now();
		await tx.update(service).set({ reviewState: 'submitted', submittedAt: now, updatedAt: now }).where(eq(service.id, before.id));
		await recordAudit(tx, ctx, { action: 'offer.submit', entityType: 'offer', entityId: before.id, before: { reviewState: before.reviewState }, after: { reviewState: 'submitted' } });
		return before;
	});
	await notifyEditors(ctx, result);
	return result;
}

async function notifyEditors(ctx: ServiceContext, offer: Offer) {
	const rows = await ctx.db
		.selectDistinct({ email: user.email })
		.from(roleAssignment)
		.innerJoin(user, eq(user.id, roleAssignment.userId))
		.where(and(eq(roleAssignment.municipalityId, ctx.municipality.id), inArray(roleAssignment.role, ['editor', 'integration_office'])))
		.orderBy(asc(user.email));
	for (const r of rows)
		await ctx.mail.send({
			municipalityId: ctx.municipality.id,
			to: r.email,
			subject: `Angebot zur Prüfung: ${offer.draft.name}`.slice(0, 200),
			text: [
				`Ein Angebot wartet auf die redaktionelle Prüfung: „${offer.draft.name}“.`,
				'',
				`Zur Prüfung: ${ctx.origin}/${ctx.municipality.slug}/intern/angebote/${offer.id}`
			].join('\n')
		});
}

const returnInput = z.object({ comment: z.string().trim().min(5, 'Bitte schreiben Sie dem Träger, was zu ändern ist.').max(4000, 'Höchstens 4000 Zeichen.') });

/** The editors send the working copy back with comments; the published copy (if any) stays online. */
export async function returnOffer(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'offers.review');
	const { comment } = parseInput(returnInput, raw);
	const offer = await inTransaction(ctx, async (tx) => {
		const before = await findOffer(ctx, tx, id, true);
		if (before.reviewState !== 'submitted') throw new ConflictError('Nur eingereichte Angebote können zurückgegeben werden.');
		await tx.update(service).set({ reviewState: 'returned', reviewComment: comment, updatedAt: ctx.clock.now() }).where(eq(service.id, before.id));
		await recordAudit(tx, ctx, { action: 'offer.return', entityType: 'offer', entityId: before.id, before: { reviewState: before.reviewState }, after: { reviewState: 'returned', comment } });
		return before;
	});
	const members = await ctx.db
		.select({ email: user.email })
		.from(organizationMember)
		.innerJoin(user, eq(user.id, organizationMember.userId))
		.where(and(eq(organizationMember.municipalityId, ctx.municipality.id), eq(organizationMember.organizationId, offer.organizationId)));
	for (const m of members)
		await ctx.mail.send({
			municipalityId: ctx.municipality.id,
			to: m.email,
			subject: `Bitte überarbeiten: ${offer.draft.name}`.slice(0, 200),
			text: [
				`Die Redaktion hat Ihr Angebot „${offer.draft.name}“ mit Anmerkungen zurückgegeben:`,
				'',
				comment,
				'',
				`Zum Angebot: ${ctx.origin}/${ctx.municipality.slug}/intern/angebote/${offer.id}`
			].join('\n')
		});
}

/**
 * The editors publish the working copy. Unless the change was declared minor, a change of the texts
 * raises the text version: every translation made from an older version is then outdated.
 */
export async function publishOffer(ctx: ServiceContext, id: string) {
	authorize(ctx, 'offers.review');
	return inTransaction(ctx, async (tx) => {
		const before = await findOffer(ctx, tx, id, true);
		if (before.reviewState === 'published') throw new ConflictError('Diese Fassung ist bereits veröffentlicht.');
		await checkReferences(tx, ctx.municipality.id, before.organizationId, before.draft);
		const major = before.published !== null && !before.draftMinor && textsDiffer(before.published, before.draft);
		const now = ctx.clock.now();
		const [after] = await tx
			.update(service)
			.set({
				published: before.draft,
				reviewState: 'published',
				reviewComment: '',
				draftMinor: false,
				textVersion: major ? before.textVersion + 1 : before.textVersion,
				publishedAt: now,
				firstPublishedAt: before.firstPublishedAt ?? now,
				updatedAt: now
			})
			.where(eq(service.id, before.id))
			.returning();
		// Publishing counts as confirming that the offer is current (and brings a hidden offer back).
		await recordConfirmation(tx, ctx, { id: before.id, organizationId: before.organizationId, termIds: before.draft.termIds }, 'publish');
		await rebuildSearchDocuments(tx, before.id);
		const [confirmed] = await tx.select().from(service).where(eq(service.id, before.id));
		await recordAudit(tx, ctx, {
			action: 'offer.publish',
			entityType: 'offer',
			entityId: before.id,
			before: { published: before.published, textVersion: before.textVersion },
			after: { published: after!.published, textVersion: after!.textVersion }
		});
		return confirmed!;
	});
}

/** The editors take an offer off the portal at once (e.g. wrong or harmful content). */
export async function unpublishOffer(ctx: ServiceContext, id: string) {
	authorize(ctx, 'offers.review');
	return inTransaction(ctx, async (tx) => {
		const before = await findOffer(ctx, tx, id, true);
		if (!before.published) throw new ConflictError('Das Angebot ist nicht veröffentlicht.');
		await tx
			.update(service)
			.set({ published: null, publishedAt: ctx.clock.now(), reviewState: before.reviewState === 'published' ? 'draft' : before.reviewState, updatedAt: ctx.clock.now() })
			.where(eq(service.id, before.id));
		await rebuildSearchDocuments(tx, before.id);
		await recordAudit(tx, ctx, { action: 'offer.unpublish', entityType: 'offer', entityId: before.id, before: { published: before.published }, after: { published: null } });
	});
}

/* ---------- translations ---------- */

const translationMeta = z.object({
	machineMade: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean()),
	translator: z.string().trim().max(200, 'Höchstens 200 Zeichen.').default('')
});

/**
 * Saves the translation of the published texts into one portal language. It records the text version
 * it was made from, so a later major change of the source shows it as outdated.
 */
export async function saveTranslation(ctx: ServiceContext, id: string, language: string, raw: Record<string, unknown>) {
	authorize(ctx, 'offers.review');
	if (!ctx.municipality.enabledLanguages.includes(language) || language === 'de') throw new NotFoundError('Diese Sprache ist im Portal nicht eingeschaltet.');
	const texts = parseInput(translatedTextsInput, raw);
	const meta = parseInput(translationMeta, raw);
	return inTransaction(ctx, async (tx) => {
		const offer = await findOffer(ctx, tx, id, true);
		if (!offer.published) throw new ConflictError('Übersetzt wird die veröffentlichte Fassung. Bitte veröffentlichen Sie das Angebot zuerst.');
		const now = ctx.clock.now();
		const [before] = await tx.select().from(translation).where(and(eq(translation.serviceId, offer.id), eq(translation.language, language)));
		const values = {
			texts,
			sourceVersion: offer.textVersion,
			machineMade: meta.machineMade,
			translator: meta.translator,
			updatedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
			updatedAt: now
		};
		const [after] = before
			? await tx.update(translation).set(values).where(eq(translation.id, before.id)).returning()
			: await tx
					.insert(translation)
					.values({ ...values, municipalityId: ctx.municipality.id, serviceId: offer.id, language, createdAt: now })
					.returning();
		await rebuildSearchDocuments(tx, offer.id);
		await recordAudit(tx, ctx, { action: before ? 'offer_translation.update' : 'offer_translation.create', entityType: 'offer', entityId: offer.id, before: before ?? null, after });
		return after!;
	});
}

export async function deleteTranslation(ctx: ServiceContext, id: string, language: string) {
	authorize(ctx, 'offers.review');
	await inTransaction(ctx, async (tx) => {
		const offer = await findOffer(ctx, tx, id, true);
		const deleted = await tx.delete(translation).where(and(eq(translation.serviceId, offer.id), eq(translation.language, language))).returning();
		if (!deleted.length) throw new NotFoundError('Diese Übersetzung gibt es nicht.');
		await rebuildSearchDocuments(tx, offer.id);
		await recordAudit(tx, ctx, { action: 'offer_translation.delete', entityType: 'offer', entityId: offer.id, before: deleted[0] });
	});
}

/** Per portal language: how many published offers are translated, and which translations are outdated. */
export async function translationDashboard(ctx: ServiceContext) {
	authorize(ctx, 'offers.review');
	const published = await ctx.db
		.select({ id: service.id, name: sql<string>`${service.published}->>'name'`, textVersion: service.textVersion })
		.from(service)
		.where(and(eq(service.municipalityId, ctx.municipality.id), sql`${service.published} is not null`))
		.orderBy(asc(sql`${service.published}->>'name'`));
	const translations = await ctx.db
		.select({ serviceId: translation.serviceId, language: translation.language, sourceVersion: translation.sourceVersion, machineMade: translation.machineMade, updatedAt: translation.updatedAt })
		.from(translation)
		.where(eq(translation.municipalityId, ctx.municipality.id))
		.orderBy(desc(translation.updatedAt));
	const versions = new Map(published.map((p) => [p.id, p]));
	return ctx.municipality.enabledLanguages
		.filter((l) => l !== 'de')
		.map((language) => {
			const mine = translations.filter((t) => t.language === language && versions.has(t.serviceId));
			const outdated = mine.filter((t) => t.sourceVersion < versions.get(t.serviceId)!.textVersion);
			const done = new Set(mine.map((t) => t.serviceId));
			return {
				language,
				published: published.length,
				translated: mine.length - outdated.length,
				outdated: outdated.map((t) => ({ id: t.serviceId, name: versions.get(t.serviceId)!.name })),
				machineMade: mine.filter((t) => t.machineMade).length,
				missing: published.filter((p) => !done.has(p.id)).map((p) => ({ id: p.id, name: p.name }))
			};
		});
}
