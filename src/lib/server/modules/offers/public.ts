import { languageNameIn } from '#lib/i18n/languages.ts';
import { DEFAULT_TAXONOMIES } from './defaults.ts';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { recordAudit } from '../../core/audit.ts';
import { NotFoundError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { consumeRateLimit, type RateLimit } from '../../core/rate-limit.ts';
import { listMemberTowns, type Municipality } from '../../core/tenancy.ts';
import { municipality as municipalityTable } from '../../core/schema.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, offerReport, service, translation, type TaxonomyKind } from './schema.ts';
import { TRANSLATABLE_FIELDS, VISIBLE_STATUSES, type OfferContent, type TranslatedTexts } from './content.ts';
import { markdownToPlainText, renderMarkdown } from './markdown.ts';
import { describeSchedule, type ScheduleLanguage } from './schedule.ts';
import { ensureDefaultTaxonomies, groupTerms, listTerms, termLabel, type Term } from './taxonomies.ts';
import { searchOfferIds } from './search-index.ts';
import type { SearchLanguage } from './search-text.ts';

/** How the visitor's language version of an offer relates to the source. */
export type TranslationState = 'source' | 'current' | 'outdated' | 'missing';

export interface LocalisedText {
	text: string;
	/** Language of the text actually shown (the source language when untranslated). */
	lang: string;
}

/** The municipality itself and, for a Kreis, its member towns: whose published offers the portal shows. */
export async function portalScope(db: DbOrTx, m: Municipality): Promise<Municipality[]> {
	return m.kind === 'county' ? [m, ...(await listMemberTowns(db, m.id))] : [m];
}



interface Loaded {
	row: typeof service.$inferSelect & { published: OfferContent };
	translation: typeof translation.$inferSelect | null;
}

function localise(loaded: Loaded, lang: string) {
	const { row, translation: t } = loaded;
	const source = row.published;
	const state: TranslationState = lang === row.sourceLanguage ? 'source' : !t ? 'missing' : t.sourceVersion < row.textVersion ? 'outdated' : 'current';
	const texts = Object.fromEntries(
		TRANSLATABLE_FIELDS.map((f) => {
			const own = t?.texts[f];
			return [f, own ? { text: own, lang } : { text: source[f], lang: row.sourceLanguage }];
		})
	) as Record<keyof TranslatedTexts, LocalisedText>;
	return { state, machineMade: t?.machineMade ?? false, texts };
}

async function loadPublished(db: DbOrTx, scopeIds: string[], ids: string[], lang: string): Promise<Loaded[]> {
	if (!ids.length) return [];
	const rows = await db
		.select()
		.from(service)
		.where(and(inArray(service.municipalityId, scopeIds), inArray(service.id, ids), sql`${service.published} is not null`, isNull(service.hiddenAt)));
	const translations = await db
		.select()
		.from(translation)
		.where(and(inArray(translation.serviceId, ids), eq(translation.language, lang)));
	return rows
		.filter((r) => VISIBLE_STATUSES.includes(r.published!.status))
		.map((row) => ({ row: row as Loaded['row'], translation: translations.find((t) => t.serviceId === row.id) ?? null }));
}

function termsView(terms: Term[], ids: readonly string[], lang: string) {
	const mine = terms.filter((t) => ids.includes(t.id));
	const byKind = groupTerms(mine);
	return Object.fromEntries(Object.entries(byKind).map(([kind, list]) => [kind, list.map((t) => termLabel(t, lang))])) as Record<TaxonomyKind, LocalisedText[]>;
}

/* ---------- search page ---------- */

export interface PublicSearchParams {
	text: string;
	category: string;
	targetGroup: string;
	immigrantGroup: string;
	offerType: string;
	offerLanguage: string;
	area: string;
	town: string;
	free: boolean;
	age: string;
	page: number;
}

export function searchParamsFrom(url: URL): PublicSearchParams {
	const get = (k: string) => (url.searchParams.get(k) ?? '').slice(0, 200);
	const page = Number.parseInt(get('seite'), 10);
	return {
		text: get('q').trim(),
		category: get('kategorie'),
		targetGroup: get('zielgruppe'),
		immigrantGroup: get('gruppe'),
		offerType: get('art'),
		offerLanguage: get('sprache'),
		area: get('gebiet'),
		town: get('ort'),
		free: get('kostenlos') === '1',
		age: get('alter').trim(),
		page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1
	};
}

export const PAGE_SIZE = 20;

export async function searchPublicOffers(db: DbOrTx, m: Municipality, lang: SearchLanguage, params: PublicSearchParams, now: Date) {
	const scope = await portalScope(db, m);
	const scopeIds = scope.map((s) => s.id);
	const towns = scope.filter((s) => s.id !== m.id);
	const municipalityIds = params.town ? scope.filter((s) => s.slug === params.town).map((s) => s.id) : scopeIds;

	let terms = (await Promise.all(scopeIds.map((id) => listTerms(db, id)))).flat();
	// A municipality gets its default vocabularies on first use; once they exist, nothing more is asked.
	const unseeded = scope.filter((s) => DEFAULT_TAXONOMIES.some((t) => !terms.some((term) => term.municipalityId === s.id && term.kind === t.kind)));
	if (unseeded.length) {
		for (const s of unseeded) await ensureDefaultTaxonomies(db, s.id, now);
		terms = (await Promise.all(scopeIds.map((id) => listTerms(db, id)))).flat();
	}
	// A Kreis and its towns each have their own vocabularies: the filters use the Kreis's terms, matched by code in the towns.
	const ownTerms = terms.filter((t) => t.municipalityId === m.id);
	const filterTermCodes: { kind: TaxonomyKind; code: string }[] = [];
	for (const [kind, value] of [
		['category', params.category],
		['target_group', params.targetGroup],
		['immigrant_group', params.immigrantGroup],
		['offer_type', params.offerType]
	] as const)
		if (value && ownTerms.some((t) => t.kind === kind && t.code === value)) filterTermCodes.push({ kind, code: value });

	const areas = await db.select({ id: area.id, name: area.name, code: area.code, level: area.level, parentId: area.parentId }).from(area).where(eq(area.municipalityId, m.id));
	const chosenArea = areas.find((a) => a.id === params.area);
	const ageNumber = /^\d{1,3}$/.test(params.age) ? Number(params.age) : undefined;

	let hits: Awaited<ReturnType<typeof searchOfferIds>> = { hits: [], total: 0, corrected: new Map() };
	if (municipalityIds.length) {
		// With several vocabularies (Kreis), an offer matches a filter when it carries a term with that code in its own town.
		const termSets = filterTermCodes.map((f) => terms.filter((t) => t.kind === f.kind && t.code === f.code).map((t) => t.id));
		hits = await searchWithTermSets(db, {
			municipalityIds,
			lang,
			text: params.text,
			termSets,
			offerLanguage: params.offerLanguage && /^[a-z]{2,3}$/.test(params.offerLanguage) ? params.offerLanguage : undefined,
			areaIds: chosenArea ? [chosenArea.id, ...areas.filter((a) => a.parentId === chosenArea.id).map((a) => a.id)] : undefined,
			free: params.free || undefined,
			age: ageNumber,
			page: params.page
		});
	}

	const loaded = await loadPublished(db, scopeIds, hits.hits.map((h) => h.serviceId), lang);
	const byId = new Map(loaded.map((l) => [l.row.id, l]));
	const orgIds = [...new Set(loaded.map((l) => l.row.organizationId))];
	const orgs = orgIds.length ? await db.select({ id: organization.id, name: organization.name }).from(organization).where(inArray(organization.id, orgIds)) : [];
	const locIds = [...new Set(loaded.flatMap((l) => l.row.published.locationIds))];
	const venues = locIds.length
		? await db.select({ id: location.id, name: location.name, street: location.street, city: location.city, areaName: area.name, lat: location.latitude, lng: location.longitude }).from(location).leftJoin(area, eq(area.id, location.areaId)).where(inArray(location.id, locIds))
		: [];
	const offerLanguages = new Set<string>();
	const results = hits.hits
		.map((h) => byId.get(h.serviceId))
		.filter((l): l is Loaded => !!l)
		.map((l) => {
			const view = localise(l, lang);
			const c = l.row.published;
			const summary = markdownToPlainText(view.texts.description.text);
			return {
				id: l.row.id,
				townSlug: l.row.municipalityId === m.id ? null : (scope.find((s) => s.id === l.row.municipalityId)?.slug ?? null),
				townName: l.row.municipalityId === m.id ? null : (scope.find((s) => s.id === l.row.municipalityId)?.name ?? null),
				name: view.texts.name,
				summary: { text: summary.length > 220 ? summary.slice(0, 217).trimEnd() + '…' : summary, lang: view.texts.description.lang },
				state: view.state,
				status: c.status,
				free: c.free,
				organization: orgs.find((o) => o.id === l.row.organizationId)?.name ?? '',
				categories: termsView(terms, c.termIds, lang).category,
				schedule: c.schedules[0] ? describeSchedule(c.schedules[0], lang as ScheduleLanguage) : null,
				venues: venues.filter((v) => c.locationIds.includes(v.id)).map((v) => ({ id: v.id, name: v.name, street: v.street, city: v.city, area: v.areaName, lat: v.lat, lng: v.lng }))
			};
		});
	for (const code of ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa', 'pl', 'ro', 'bg', 'ku', 'fr', 'es', 'it', 'el', 'sq', 'ti', 'so', 'prs', 'ps']) offerLanguages.add(code);

	const grouped = groupTerms(ownTerms);
	const option = (t: Term) => ({ value: t.code, ...termLabel(t, lang) });
	return {
		params,
		results,
		total: hits.total,
		pageCount: Math.max(1, Math.ceil(hits.total / PAGE_SIZE)),
		corrected: [...hits.corrected.entries()].map(([from, to]) => ({ from, to })),
		filters: {
			categories: grouped.category.map(option),
			targetGroups: grouped.target_group.map(option),
			immigrantGroups: grouped.immigrant_group.map(option),
			offerTypes: grouped.offer_type.map(option),
			languages: [...offerLanguages].map((code) => ({ value: code, text: languageNameIn(code, lang) })).sort((a, b) => a.text.localeCompare(b.text, lang)),
			areas: areas
				.filter((a) => a.level === 'district' || areas.length <= 40)
				.sort((a, b) => a.name.localeCompare(b.name, 'de'))
				.map((a) => ({ value: a.id, text: a.name })),
			towns: towns.map((t) => ({ value: t.slug, text: t.name }))
		}
	};
}

/** Each set: the offer carries at least one term of the set (several vocabularies in a Kreis). */
async function searchWithTermSets(db: DbOrTx, search: Omit<Parameters<typeof searchOfferIds>[1], 'termIds'> & { termSets: string[][] }) {
	const { termSets, ...rest } = search;
	if (termSets.some((set) => !set.length)) return { hits: [], total: 0, corrected: new Map<string, string>() };
	if (termSets.every((set) => set.length === 1)) return searchOfferIds(db, { ...rest, termIds: termSets.map((s) => s[0]!) });
	return searchOfferIds(db, { ...rest, anyTermSets: termSets });
}

/* ---------- offer page ---------- */

export async function getPublicOffer(db: DbOrTx, m: Municipality, id: string, lang: string) {
	if (!isUuid(id)) throw new NotFoundError();
	const scope = await portalScope(db, m);
	const [loaded] = await loadPublished(db, scope.map((s) => s.id), [id], lang);
	if (!loaded) throw new NotFoundError();
	const c = loaded.row.published;
	const view = localise(loaded, lang);
	const [org] = await db.select().from(organization).where(eq(organization.id, loaded.row.organizationId));
	const terms = await listTerms(db, loaded.row.municipalityId);
	const venues = c.locationIds.length
		? await db.select({ location, areaName: area.name }).from(location).leftJoin(area, eq(area.id, location.areaId)).where(and(eq(location.municipalityId, loaded.row.municipalityId), inArray(location.id, c.locationIds)))
		: [];
	const serviceAreas = c.areaIds.length ? await db.select({ name: area.name }).from(area).where(and(eq(area.municipalityId, loaded.row.municipalityId), inArray(area.id, c.areaIds))) : [];
	const [home] = await db.select({ slug: municipalityTable.slug, name: municipalityTable.name }).from(municipalityTable).where(eq(municipalityTable.id, loaded.row.municipalityId));
	return {
		id: loaded.row.id,
		town: loaded.row.municipalityId === m.id ? null : home!,
		state: view.state,
		machineMade: view.machineMade,
		name: view.texts.name,
		descriptionHtml: { text: renderMarkdown(view.texts.description.text), lang: view.texts.description.lang },
		applicationHtml: view.texts.applicationProcess.text ? { text: renderMarkdown(view.texts.applicationProcess.text), lang: view.texts.applicationProcess.lang } : null,
		eligibilityHtml: view.texts.eligibilityDescription.text ? { text: renderMarkdown(view.texts.eligibilityDescription.text), lang: view.texts.eligibilityDescription.lang } : null,
		fees: view.texts.feesDescription.text ? view.texts.feesDescription : null,
		status: c.status,
		free: c.free,
		minimumAge: c.minimumAge,
		maximumAge: c.maximumAge,
		terms: termsView(terms, c.termIds, lang),
		languages: c.languages.map((code) => ({ code, name: languageNameIn(code, lang) })),
		schedules: c.schedules.map((s) => ({ text: describeSchedule(s, lang as ScheduleLanguage), notes: s.notes })),
		contact: { name: c.contactName, email: c.email, phone: c.phone, url: c.url },
		organization: org ? { name: org.name, website: org.website, email: org.email, phone: org.phone } : null,
		venues: venues.map((v) => ({
			name: v.location.name,
			street: v.location.street,
			postalCode: v.location.postalCode,
			city: v.location.city,
			area: v.areaName,
			wheelchairAccess: v.location.wheelchairAccess,
			accessibleToilet: v.location.accessibleToilet,
			accessibilityNotes: v.location.accessibilityNotes,
			transitNotes: v.location.transitNotes,
			latitude: v.location.latitude,
			longitude: v.location.longitude
		})),
		serviceAreas: serviceAreas.map((a) => a.name),
		publishedAt: loaded.row.publishedAt,
		/** For the calendar download. */
		rawSchedules: c.schedules,
		sourceName: c.name
	};
}

/* ---------- "report wrong information" ---------- */

export const OFFER_REPORTS_PER_ADDRESS: RateLimit = { action: 'offer_report', max: 5, windowMs: 60 * 60 * 1000 };

/** Message codes, shown in the visitor's language by the portal. */
export const offerReportInput = z.object({
	message: z.string().trim().min(10, 'description_short').max(3000, 'too_long'),
	email: z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email('email_invalid'))]).default(''),
	website: z.string().max(0, 'rejected').default('')
});

export async function reportWrongInformation(ctx: ServiceContext, id: string, raw: unknown, lang: string) {
	if (!ctx.municipality.enabledLanguages.includes(lang)) throw new NotFoundError();
	const offer = await getPublicOffer(ctx.db, ctx.municipality, id, lang);
	const input = parseInput(offerReportInput, raw, 'invalid');
	await consumeRateLimit(ctx.db, OFFER_REPORTS_PER_ADDRESS, ctx.address ?? 'unknown', ctx.clock.now(), 'rate_limited');
	const home = offer.town ?? { slug: ctx.municipality.slug, name: ctx.municipality.name };
	const [target] = await ctx.db.select().from(municipalityTable).where(eq(municipalityTable.slug, home.slug));
	const row = await inTransaction(ctx, async (tx) => {
		const [created] = await tx
			.insert(offerReport)
			.values({ municipalityId: target!.id, serviceId: offer.id, message: input.message, email: input.email, language: lang, createdAt: ctx.clock.now() })
			.returning();
		await recordAudit(tx, { ...ctx, municipality: target! }, { action: 'offer_report.create', entityType: 'offer', entityId: offer.id, after: { reportId: created!.id, language: lang } });
		return created!;
	});
	await ctx.mail.send({
		municipalityId: target!.id,
		to: target!.email,
		subject: `Hinweis auf falsche Angaben: ${offer.sourceName}`.slice(0, 200),
		text: [
			`Zum Angebot „${offer.sourceName}“ kam über das Portal ein Hinweis auf falsche oder veraltete Angaben (Sprache: ${lang}).`,
			'',
			input.message,
			'',
			input.email ? `Antwort erbeten an: ${input.email}` : 'Keine Kontaktangabe.',
			'',
			`Im Backoffice: ${ctx.origin}/${target!.slug}/intern/angebote/${offer.id}`
		].join('\n')
	});
	return row;
}
