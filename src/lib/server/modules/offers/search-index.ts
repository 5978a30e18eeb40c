import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { municipality } from '../../core/schema.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, searchDocument, searchState, searchWord, service, taxonomyTerm, translation } from './schema.ts';
import { textsOf, VISIBLE_STATUSES, type TranslatedTexts } from './content.ts';
import { markdownToPlainText } from './markdown.ts';
import { buildTsQuery, documentExtraText, queryWords, textSearchConfig, words, type SearchLanguage } from './search-text.ts';

/**
 * The public search reads `offers_search_document`: one row per published, visible offer and portal
 * language. Its tsvector holds the text in the visitor's language (when translated) and always the
 * German source, so a Turkish visitor finds an untranslated offer by its German words too.
 */

const plain = (texts: TranslatedTexts) =>
	[texts.description, texts.applicationProcess, texts.eligibilityDescription].map(markdownToPlainText).concat(texts.feesDescription).join('\n');

/** Rebuilds the search rows of one offer (all languages). Runs inside the writing transaction. */
export async function rebuildSearchDocuments(tx: DbOrTx, serviceId: string): Promise<void> {
	const removed = await tx.delete(searchDocument).where(eq(searchDocument.serviceId, serviceId)).returning({ municipalityId: searchDocument.municipalityId });
	const [s] = await tx.select().from(service).where(eq(service.id, serviceId));
	const touched = s?.municipalityId ?? removed[0]?.municipalityId;
	if (touched) await bumpSearchGeneration(tx, touched);
	const content = s?.published;
	// Offers hidden for want of a yearly confirmation stay out of the search until someone confirms them.
	if (!s || !content || s.hiddenAt || !VISIBLE_STATUSES.includes(content.status)) return;
	const [m] = await tx.select({ languages: municipality.enabledLanguages }).from(municipality).where(eq(municipality.id, s.municipalityId));
	// One after the other: a transaction is one connection, and pg no longer queues parallel queries on it.
	const translations = await tx.select().from(translation).where(eq(translation.serviceId, serviceId));
	const terms = content.termIds.length ? await tx.select().from(taxonomyTerm).where(and(eq(taxonomyTerm.municipalityId, s.municipalityId), inArray(taxonomyTerm.id, content.termIds))) : [];
	const [org] = await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, s.organizationId));
	const venues = content.locationIds.length ? await tx.select().from(location).where(and(eq(location.municipalityId, s.municipalityId), inArray(location.id, content.locationIds))) : [];
	const areas = content.areaIds.length ? await tx.select({ id: area.id, name: area.name }).from(area).where(and(eq(area.municipalityId, s.municipalityId), inArray(area.id, content.areaIds))) : [];
	const source = textsOf(content);
	const venueAreaIds = venues.map((v) => v.areaId).filter((id): id is string => !!id);
	const venueAreas = venueAreaIds.length ? await tx.select({ name: area.name }).from(area).where(inArray(area.id, venueAreaIds)) : [];
	const germanRest = [
		plain(source),
		terms.map((t) => t.name).join(', '),
		org?.name ?? '',
		venues.map((v) => `${v.name} ${v.street} ${v.city}`).join('\n'),
		[...areas, ...venueAreas].map((a) => a.name).join(', ')
	].join('\n');
	const germanExtra = documentExtraText(`${source.name}\n${germanRest}`, 'de');
	const vocabulary: { language: string; word: string }[] = words(`${source.name}\n${germanRest}`, 'de').map((word) => ({ language: 'de', word }));

	for (const lang of (m?.languages ?? ['de']) as SearchLanguage[]) {
		const own = lang === 'de' ? null : (translations.find((t) => t.language === lang)?.texts ?? null);
		const termText = lang === 'de' ? '' : terms.map((t) => t.labels[lang] ?? '').join(', ');
		const ownRest = own ? `${plain(own)}\n${termText}` : termText;
		const cfg = textSearchConfig(lang);
		const document = sql`setweight(to_tsvector(${cfg}::regconfig, ${own?.name ?? ''}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${ownRest}), 'B') || setweight(to_tsvector('german', ${source.name}), 'A') || setweight(to_tsvector('german', ${germanRest + '\n' + germanExtra}), 'C')`;
		await tx.insert(searchDocument).values({
			serviceId,
			language: lang,
			municipalityId: s.municipalityId,
			organizationId: s.organizationId,
			name: own?.name ?? source.name,
			document: document as unknown as string,
			termIds: content.termIds,
			areaIds: [...new Set([...content.areaIds, ...venueAreaIds])],
			offerLanguages: content.languages,
			free: content.free,
			minimumAge: content.minimumAge,
			maximumAge: content.maximumAge,
			status: content.status
		});
		if (lang !== 'de') for (const word of words(`${own?.name ?? ''}\n${ownRest}`, lang)) vocabulary.push({ language: lang, word });
	}
	const unique = [...new Map(vocabulary.filter((v) => v.word.length >= 3 && v.word.length <= 60).map((v) => [`${v.language}:${v.word}`, v])).values()];
	for (let i = 0; i < unique.length; i += 500)
		await tx
			.insert(searchWord)
			.values(unique.slice(i, i + 500).map((v) => ({ municipalityId: s.municipalityId, ...v })))
			.onConflictDoNothing();
}

/** Cached results of a municipality are void from now on (see searchState). Locks the counter until commit. */
async function bumpSearchGeneration(tx: DbOrTx, municipalityId: string): Promise<void> {
	await tx
		.insert(searchState)
		.values({ municipalityId, generation: 1 })
		.onConflictDoUpdate({ target: searchState.municipalityId, set: { generation: sql`${searchState.generation} + 1`, changedAt: sql`now()` } });
}

/** After a term's labels changed: rebuild every published offer that uses one of the terms. */
export async function rebuildSearchDocumentsForMunicipality(tx: DbOrTx, municipalityId: string, termIds?: readonly string[]): Promise<void> {
	const where = termIds?.length
		? and(eq(service.municipalityId, municipalityId), sql`${service.published}->'termIds' ?| ${sql.raw(`array[${termIds.map((id) => `'${id.replace(/[^0-9a-f-]/gi, '')}'`).join(',')}]`)}`)
		: eq(service.municipalityId, municipalityId);
	const rows = await tx.select({ id: service.id }).from(service).where(where);
	for (const r of rows) await rebuildSearchDocuments(tx, r.id);
}

/* ---------- searching ---------- */

export interface OfferSearch {
	/** The municipality and, for a Kreis, the member towns whose offers are searched. */
	municipalityIds: string[];
	lang: SearchLanguage;
	text?: string;
	/** All of these terms (any vocabulary) must be attached. */
	termIds?: string[];
	/** For each set, at least one of its terms must be attached (a Kreis searching several vocabularies). */
	anyTermSets?: string[][];
	/** Offers held in this language. */
	offerLanguage?: string;
	/** Offers serving one of these areas (an area and its sub-areas). */
	areaIds?: string[];
	free?: boolean;
	age?: number;
	/** Offers of one organization (HSDS `organization_id`). */
	organizationId?: string;
	/** Offers that changed, or whose related records changed, since a moment (HSDS `modified_after`). */
	modifiedSince?: ModifiedSince;
	page?: number;
	pageSize?: number;
}

/**
 * HSDS asks for offers where "the service, or any related information about the service" changed: the
 * publication, a translation, the organization, a venue or a taxonomy term. The caller names the related
 * records that changed since `at`; the offers pointing at them count as changed.
 */
export interface ModifiedSince {
	at: Date;
	organizationIds: string[];
	locationIds: string[];
	termIds: string[];
}

export interface OfferHit {
	serviceId: string;
	municipalityId: string;
	name: string;
}

export interface OfferSearchResult {
	hits: OfferHit[];
	total: number;
	/** Typing errors of the query and the word searched instead. */
	corrected: Map<string, string>;
}

export const MAX_PAGE_SIZE = 100;

/**
 * Typing errors: words of the query that occur nowhere in the vocabulary are matched to the most
 * similar known word (trigram similarity); the query then accepts either.
 */
async function typoReplacements(db: DbOrTx, municipalityIds: string[], languages: string[], typed: string[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	if (!typed.length) return out;
	const known = await db
		.select({ word: searchWord.word })
		.from(searchWord)
		.where(and(inArray(searchWord.municipalityId, municipalityIds), inArray(searchWord.language, languages), inArray(searchWord.word, typed)));
	const knownSet = new Set(known.map((k) => k.word));
	for (const w of typed) {
		if (knownSet.has(w)) continue;
		const [best] = await db
			.select({ word: searchWord.word })
			.from(searchWord)
			.where(and(inArray(searchWord.municipalityId, municipalityIds), inArray(searchWord.language, languages), sql`${searchWord.word} % ${w}`))
			.orderBy(sql`similarity(${searchWord.word}, ${w}) desc`, asc(searchWord.word))
			.limit(1);
		if (best && best.word !== w) out.set(w, best.word);
	}
	return out;
}

/**
 * Recently computed result lists, per database handle. A broad query ("Deutschkurs") matches a third of a
 * large directory, and ranking those rows costs tens of milliseconds each time (bench/README.md), while a
 * portal sees the same few queries and filter combinations again and again. An entry holds the first
 * CACHED_HITS hits and the total, computed under the municipalities' search generations: any change to
 * their search rows (publication, translation, hiding, term labels) raises a generation and so retires
 * the entry in every server process. Entries also expire after CACHE_TTL_MS and the least recently used
 * go first beyond CACHE_ENTRIES.
 */
const CACHED_HITS = 200;
const CACHE_ENTRIES = 500;
const CACHE_TTL_MS = 5 * 60_000;

interface CacheEntry {
	generation: string;
	storedAt: number;
	hits: OfferHit[];
	total: number;
	corrected: [string, string][];
}

const caches = new WeakMap<object, Map<string, CacheEntry>>();

function cacheOf(db: DbOrTx): Map<string, CacheEntry> | null {
	// Inside a transaction the rows may include uncommitted changes that could still roll back.
	if (db instanceof PgTransaction) return null;
	let cache = caches.get(db);
	if (!cache) caches.set(db, (cache = new Map()));
	return cache;
}

async function searchGeneration(db: DbOrTx, municipalityIds: string[]): Promise<string> {
	const rows = await db
		.select({ municipalityId: searchState.municipalityId, generation: searchState.generation })
		.from(searchState)
		.where(inArray(searchState.municipalityId, municipalityIds));
	return rows
		.map((r) => `${r.municipalityId}:${r.generation}`)
		.sort()
		.join(',');
}

const sortedCopy = (values: readonly string[] | undefined) => (values ? [...values].sort() : undefined);

function cacheKey(search: OfferSearch): string {
	return JSON.stringify([
		sortedCopy(search.municipalityIds),
		search.lang,
		(search.text ?? '').trim().toLocaleLowerCase(search.lang).replace(/\s+/g, ' '),
		sortedCopy(search.termIds),
		search.anyTermSets?.map((set) => [...set].sort()),
		sortedCopy(search.areaIds),
		search.offerLanguage,
		!!search.free,
		search.age,
		search.organizationId
	]);
}

/** Clamped paging: the portal shows 20 per page, HSDS up to 100. */
function paging(search: OfferSearch): { limit: number; offset: number } {
	const limit = Math.min(Math.max(Math.trunc(search.pageSize ?? 20), 1), MAX_PAGE_SIZE);
	const page = Math.min(Math.max(Math.trunc(search.page ?? 1), 1), 100_000);
	return { limit, offset: (page - 1) * limit };
}

/** Published, visible offers matching the search, best match first (by name without search words). */
export async function searchOfferIds(db: DbOrTx, search: OfferSearch): Promise<OfferSearchResult> {
	if (!search.municipalityIds.length) return { hits: [], total: 0, corrected: new Map() };
	const { limit, offset } = paging(search);
	const cache = search.modifiedSince ? null : cacheOf(db);
	const deep = offset + limit > CACHED_HITS;
	// Deep pages with search words are ranked anew each time (the count comes with the ranking anyway).
	if (!cache || (deep && search.text?.trim())) return runSearch(db, search, limit, offset);

	const key = cacheKey(search);
	const generation = await searchGeneration(db, search.municipalityIds);
	let entry = cache.get(key);
	if (!entry || entry.generation !== generation || Date.now() - entry.storedAt > CACHE_TTL_MS) {
		const fresh = await runSearch(db, search, CACHED_HITS, 0);
		entry = { generation, storedAt: Date.now(), hits: fresh.hits, total: fresh.total, corrected: [...fresh.corrected] };
		cache.delete(key);
		if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
	} else cache.delete(key); // re-inserted below: a Map keeps insertion order, so this marks it recently used
	cache.set(key, entry);
	// A deep page of a list by name (HSDS paging through the directory): only the page itself is asked for.
	if (deep) return runSearch(db, search, limit, offset, entry.total);
	return { hits: entry.hits.slice(offset, offset + limit), total: entry.total, corrected: new Map(entry.corrected) };
}

/** Every match, best first: for lists that page by something other than the offer (HSDS service_at_locations). */
export async function allMatchingOfferIds(db: DbOrTx, search: OfferSearch): Promise<string[]> {
	if (!search.municipalityIds.length) return [];
	return (await runSearch(db, search, null, 0)).hits.map((h) => h.serviceId);
}

/** `limit` null: all matches. `knownTotal`: the count of a list without search words, when a fresh cache entry holds it. */
async function runSearch(db: DbOrTx, search: OfferSearch, limit: number | null, offset: number, knownTotal?: number): Promise<OfferSearchResult> {
	const conditions: SQL[] = [inArray(searchDocument.municipalityId, search.municipalityIds), eq(searchDocument.language, search.lang)];
	let query: SQL | null = null;
	let corrected = new Map<string, string>();
	const text = search.text?.trim() ?? '';
	if (text) {
		const languages = search.lang === 'de' ? ['de'] : [search.lang, 'de'];
		const typed = [...new Set([...queryWords(text, search.lang), ...(search.lang === 'de' ? [] : queryWords(text, 'de'))])];
		corrected = await typoReplacements(db, search.municipalityIds, languages, typed);
		const german = buildTsQuery(text, 'de', corrected);
		const own = search.lang === 'de' ? null : buildTsQuery(text, search.lang, corrected);
		const parts: SQL[] = [];
		if (own) parts.push(sql`to_tsquery(${textSearchConfig(search.lang)}::regconfig, ${own})`);
		if (german) parts.push(sql`to_tsquery('german', ${german})`);
		if (!parts.length) return { hits: [], total: 0, corrected };
		query = sql.join(parts, sql` || `);
		conditions.push(sql`${searchDocument.document} @@ (${query})`);
	}
	if (search.termIds?.length) conditions.push(sql`${searchDocument.termIds} @> ${sql.raw(uuidArray(search.termIds))}`);
	for (const set of search.anyTermSets ?? []) conditions.push(sql`${searchDocument.termIds} && ${sql.raw(uuidArray(set))}`);
	if (search.areaIds?.length) conditions.push(sql`${searchDocument.areaIds} && ${sql.raw(uuidArray(search.areaIds))}`);
	if (search.offerLanguage) conditions.push(sql`${search.offerLanguage} = any(${searchDocument.offerLanguages})`);
	if (search.free) conditions.push(eq(searchDocument.free, true));
	if (search.age !== undefined) {
		conditions.push(sql`(${searchDocument.minimumAge} is null or ${searchDocument.minimumAge} <= ${search.age})`);
		conditions.push(sql`(${searchDocument.maximumAge} is null or ${searchDocument.maximumAge} >= ${search.age})`);
	}
	if (search.organizationId) conditions.push(eq(searchDocument.organizationId, search.organizationId));
	if (search.modifiedSince) conditions.push(modifiedCondition(search.modifiedSince));
	const where = and(...conditions)!;

	if (!query) {
		// Without search words the order is the name: the page comes from the (municipality, language, name)
		// index, and a plain count is far cheaper than a window over every matching row.
		const total = knownTotal ?? (await countMatches(db, where));
		if (!total || offset >= total) return { hits: [], total, corrected };
		const ordered = db
			.select({ serviceId: searchDocument.serviceId, municipalityId: searchDocument.municipalityId, name: searchDocument.name })
			.from(searchDocument)
			.where(where)
			.orderBy(asc(searchDocument.name), asc(searchDocument.serviceId));
		const hits = limit === null ? await ordered : await ordered.limit(limit).offset(offset);
		return { hits, total, corrected };
	}
	// The rank is computed in a subquery (`offset 0` keeps the planner from merging it), so the count over
	// all matches carries only id, name and rank rather than every row's tsvector.
	// ts_rank rather than ts_rank_cd: the same weights (title before text), a third cheaper on broad queries.
	const rows = (await db.execute(sql`
		select service_id as "serviceId", municipality_id as "municipalityId", name, (count(*) over ())::int as total
		from (
			select ${searchDocument.serviceId}, ${searchDocument.municipalityId}, ${searchDocument.name}, ts_rank(${searchDocument.document}, ${query}) as rank
			from ${searchDocument}
			where ${where}
			offset 0
		) ranked
		order by rank desc, name asc, service_id asc
		limit ${limit === null ? sql.raw('all') : limit} offset ${offset}`)) as unknown as { rows: (OfferHit & { total: number })[] };
	const hits = rows.rows.map((r) => ({ serviceId: r.serviceId, municipalityId: r.municipalityId, name: r.name }));
	// A page past the end has no rows to carry the count; ask for it then.
	const total = rows.rows[0]?.total ?? (offset > 0 ? await countMatches(db, where) : 0);
	return { hits, total, corrected };
}

async function countMatches(db: DbOrTx, where: SQL): Promise<number> {
	const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(searchDocument).where(where);
	return row?.total ?? 0;
}

function modifiedCondition(since: ModifiedSince): SQL {
	const changedService = sql`exists (select 1 from ${service} where ${service.id} = ${searchDocument.serviceId} and (${service.publishedAt} >= ${since.at}${
		since.locationIds.length ? sql` or (${service.published}->'locationIds') ?| ${sql.raw(textArray(since.locationIds))}` : sql``
	}))`;
	const parts: SQL[] = [
		changedService,
		sql`exists (select 1 from ${translation} where ${translation.serviceId} = ${searchDocument.serviceId} and ${translation.updatedAt} >= ${since.at})`
	];
	if (since.organizationIds.length) parts.push(sql`${searchDocument.organizationId} = any(${sql.raw(uuidArray(since.organizationIds))})`);
	if (since.termIds.length) parts.push(sql`${searchDocument.termIds} && ${sql.raw(uuidArray(since.termIds))}`);
	return sql`(${sql.join(parts, sql` or `)})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Literal uuid[] from validated ids (callers pass only ids that passed isUuid; anything else is dropped). */
function uuidArray(ids: readonly string[]): string {
	return `array[${ids
		.filter((id) => UUID.test(id))
		.map((id) => `'${id}'`)
		.join(',')}]::uuid[]`;
}

/** Literal text[] of uuids, for the jsonb `?|` operator. */
function textArray(ids: readonly string[]): string {
	return `array[${ids
		.filter((id) => UUID.test(id))
		.map((id) => `'${id}'`)
		.join(',')}]::text[]`;
}
