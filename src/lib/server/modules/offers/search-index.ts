import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { municipality } from '../../core/schema.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, searchDocument, searchWord, service, taxonomyTerm, translation } from './schema.ts';
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
	await tx.delete(searchDocument).where(eq(searchDocument.serviceId, serviceId));
	const [s] = await tx.select().from(service).where(eq(service.id, serviceId));
	const content = s?.published;
	// Offers hidden for want of a yearly confirmation stay out of the search until someone confirms them.
	if (!s || !content || s.hiddenAt || !VISIBLE_STATUSES.includes(content.status)) return;
	const [m] = await tx.select({ languages: municipality.enabledLanguages }).from(municipality).where(eq(municipality.id, s.municipalityId));
	const [translations, terms, [org], venues, areas] = await Promise.all([
		tx.select().from(translation).where(eq(translation.serviceId, serviceId)),
		content.termIds.length ? tx.select().from(taxonomyTerm).where(and(eq(taxonomyTerm.municipalityId, s.municipalityId), inArray(taxonomyTerm.id, content.termIds))) : [],
		tx.select({ name: organization.name }).from(organization).where(eq(organization.id, s.organizationId)),
		content.locationIds.length ? tx.select().from(location).where(and(eq(location.municipalityId, s.municipalityId), inArray(location.id, content.locationIds))) : [],
		content.areaIds.length ? tx.select({ id: area.id, name: area.name }).from(area).where(and(eq(area.municipalityId, s.municipalityId), inArray(area.id, content.areaIds))) : []
	]);
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
	page?: number;
	pageSize?: number;
}

export interface OfferHit {
	serviceId: string;
	municipalityId: string;
	name: string;
	total: number;
}

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

export async function searchOfferIds(db: DbOrTx, search: OfferSearch): Promise<{ hits: OfferHit[]; total: number; corrected: Map<string, string> }> {
	// The portal asks for 20 at a time; the HSDS API takes all matches (ranked) in one go and pages itself.
	const pageSize = Math.min(Math.max(search.pageSize ?? 20, 1), 10_000);
	const page = Math.min(Math.max(search.page ?? 1, 1), 10_000);
	const conditions: SQL[] = [inArray(searchDocument.municipalityId, search.municipalityIds), eq(searchDocument.language, search.lang)];
	let rank: SQL | null = null;
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
		const query = sql.join(parts, sql` || `);
		conditions.push(sql`${searchDocument.document} @@ (${query})`);
		// ts_rank rather than ts_rank_cd: the same weights (title before text), a third cheaper on broad queries (bench/README.md).
		rank = sql`ts_rank(${searchDocument.document}, ${query})`;
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
	const rows = await db
		.select({
			serviceId: searchDocument.serviceId,
			municipalityId: searchDocument.municipalityId,
			name: searchDocument.name,
			total: sql<number>`(count(*) over ())::int`
		})
		.from(searchDocument)
		.where(and(...conditions))
		.orderBy(...(rank ? [sql`${rank} desc`] : []), asc(searchDocument.name), asc(searchDocument.serviceId))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return { hits: rows, total: rows[0]?.total ?? 0, corrected };
}

/** Literal uuid[] from validated ids (callers pass only ids that passed isUuid). */
function uuidArray(ids: readonly string[]): string {
	const safe = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
	return `array[${safe.map((id) => `'${id}'`).join(',')}]::uuid[]`;
}
