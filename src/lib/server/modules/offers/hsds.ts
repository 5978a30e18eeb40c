import { languageNameIn } from '#lib/i18n/languages.ts';
import crypto from 'node:crypto';
import { and, eq, gte, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import type { Municipality } from '../../core/tenancy.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, service, taxonomy, taxonomyTerm, translation, type TaxonomyKind } from './schema.ts';
import { OFFER_STATUS_LABELS, TRANSLATABLE_FIELDS, VISIBLE_STATUSES, type OfferContent, type TranslatedTexts } from './content.ts';
import { markdownToPlainText } from './markdown.ts';
import { describeSchedule, nextOccurrence, type Schedule, type ScheduleLanguage } from './schedule.ts';
import { allMatchingOfferIds, searchOfferIds, type OfferSearch } from './search-index.ts';
import type { SearchLanguage } from './search-text.ts';
import { ensureDefaultTaxonomies, termLabel } from './taxonomies.ts';
import { portalScope } from './public.ts';
import { WHEELCHAIR_LABELS } from './locations.ts';

/**
 * Open Referral HSDS 3.0 read API of the Integrationswegweiser, per municipality (a Kreis includes
 * its member towns), and the open-data download of all published offers (CSV, JSON).
 *
 * Only published offers whose published status is visible on the portal are exposed; drafts and
 * working copies never are. The objects carry only fields of the HSDS schemas: nested records
 * that have no table of their own (languages, phones, schedules, addresses …) get deterministic
 * UUIDs (version 5, derived from the owning record), so they are stable across requests.
 */

export const HSDS_VERSION = '3.0';
export const HSDS_PROFILE = 'https://docs.openreferral.org/en/v3.0/';
export const HSDS_OPENAPI_URL = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json';
export const HSDS_DEFAULT_PER_PAGE = 50;
export const HSDS_MAX_PER_PAGE = 100;

/* ---------- HSDS object shapes (the subset this API fills) ---------- */

export interface HsdsPage<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: T[];
}

export interface HsdsTaxonomy {
	id: string;
	name: string;
	description: string;
}

export interface HsdsTaxonomyTerm {
	id: string;
	code: string;
	name: string;
	description: string;
	parent_id?: string;
	taxonomy: string;
	taxonomy_id: string;
	language: string;
	taxonomy_detail?: HsdsTaxonomy;
}

export interface HsdsAttribute {
	id: string;
	link_id: string;
	link_entity: string;
	taxonomy_term_id: string;
	taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsOrganization {
	id: string;
	name: string;
	description: string;
	email?: string;
	website?: string;
	phones?: HsdsPhone[];
	locations?: HsdsLocation[];
	services?: HsdsService[];
}

export interface HsdsPhone {
	id: string;
	service_id?: string;
	organization_id?: string;
	number: string;
	type?: string;
}

export interface HsdsLanguage {
	id: string;
	service_id: string;
	name: string;
	code: string;
}

export interface HsdsSchedule {
	id: string;
	service_id: string;
	valid_from?: string;
	valid_to?: string;
	dtstart?: string;
	until?: string;
	wkst?: 'MO';
	freq?: 'WEEKLY' | 'MONTHLY';
	interval?: number;
	byday?: string;
	bymonthday?: string;
	description?: string;
	opens_at?: string;
	closes_at?: string;
	notes?: string;
}

export interface HsdsAddress {
	id: string;
	location_id: string;
	address_1: string;
	city: string;
	state_province: string;
	postal_code: string;
	country: string;
	address_type: 'physical' | 'postal';
}

export interface HsdsAccessibility {
	id: string;
	location_id: string;
	description: string;
	details?: string;
}

export interface HsdsLocation {
	id: string;
	location_type: 'physical' | 'postal';
	organization_id?: string;
	name?: string;
	description?: string;
	transportation?: string;
	latitude?: number;
	longitude?: number;
	addresses?: HsdsAddress[];
	accessibility?: HsdsAccessibility[];
}

export interface HsdsServiceAtLocation {
	id: string;
	service_id: string;
	location_id: string;
	location?: HsdsLocation;
	service?: HsdsService;
}

export interface HsdsService {
	id: string;
	organization_id: string;
	name: string;
	description?: string;
	url?: string;
	email?: string;
	status: OfferContent['status'];
	application_process?: string;
	fees_description?: string;
	eligibility_description?: string;
	minimum_age?: number;
	maximum_age?: number;
	last_modified: string;
	organization?: HsdsOrganization;
	phones?: HsdsPhone[];
	schedules?: HsdsSchedule[];
	service_areas?: { id: string; service_id: string; name: string }[];
	service_at_locations?: HsdsServiceAtLocation[];
	languages?: HsdsLanguage[];
	cost_options?: { id: string; service_id: string; option?: string; currency?: string; amount?: number; amount_description?: string }[];
	contacts?: { id: string; service_id: string; name?: string; email?: string }[];
	attributes?: HsdsAttribute[];
}

/* ---------- deterministic ids ---------- */

/** Fixed namespace of this platform's derived HSDS ids. */
const ID_NAMESPACE = Buffer.from('6f1e3c2a9b7d4e58a1c0d2b3e4f50617', 'hex');

/** A UUID version 5 (RFC 9562, SHA-1) of the parts: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
	const hash = crypto.createHash('sha1').update(ID_NAMESPACE).update(parts.join('/'), 'utf8').digest();
	hash[6] = (hash[6]! & 0x0f) | 0x50;
	hash[8] = (hash[8]! & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The id of the link between an offer and one of its venues (there is no table for it). */
export function serviceAtLocationId(serviceId: string, locationId: string): string {
	return derivedId('service_at_location', serviceId, locationId);
}

/* ---------- query parameters ---------- */

export type HsdsQuery = URLSearchParams | Record<string, string | undefined>;

export interface HsdsParams {
	page: number;
	perPage: number;
	search: string;
	modifiedAfter: Date | null;
	taxonomyTermId: string | null;
	taxonomyId: string | null;
	organizationId: string | null;
	parentId: string | null;
	postcode: string | null;
	topOnly: boolean;
	full: boolean;
	fullService: boolean;
	lang: string;
}

function getter(query: HsdsQuery) {
	return (key: string): string | null => {
		const value = query instanceof URLSearchParams ? query.get(key) : query[key];
		return value === undefined || value === null ? null : value;
	};
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseModifiedAfter(raw: string): Date | null {
	// An unencoded "+01:00" arrives as " 01:00" (a plus in a query string is a space).
	const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
	const m = DATE_TIME.exec(value);
	if (!m) return null;
	// Date would roll 2026-02-30 over into March.
	const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	if (day.getUTCMonth() !== Number(m[2]) - 1 || day.getUTCDate() !== Number(m[3])) return null;
	const hasTime = m[4] !== undefined;
	const iso = hasTime ? (m[7] ? value.replace(' ', 'T') : `${value.replace(' ', 'T')}Z`) : `${value}T00:00:00Z`;
	const date = new Date(iso);
	return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Reads and checks the query parameters of the openapi.json of HSDS 3.0 (plus `lang`, a portal
 * language). Anything malformed is a 400 with a German message per parameter.
 */
export function parseHsdsParams(query: HsdsQuery, m: Pick<Municipality, 'enabledLanguages'>): HsdsParams {
	const get = getter(query);
	const errors: Record<string, string> = {};

	const integer = (key: string, fallback: number, maxValue: number, message: string): number => {
		const raw = get(key);
		if (raw === null || raw.trim() === '') return fallback;
		if (!/^\d{1,9}$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > maxValue) {
			errors[key] = message;
			return fallback;
		}
		return Number(raw);
	};
	const page = integer('page', 1, 1_000_000, 'Der Parameter page muss eine ganze Zahl ab 1 sein.');
	const perPage = integer('per_page', HSDS_DEFAULT_PER_PAGE, HSDS_MAX_PER_PAGE, `Der Parameter per_page muss eine ganze Zahl von 1 bis ${HSDS_MAX_PER_PAGE} sein.`);

	const uuidParam = (key: string): string | null => {
		const raw = get(key)?.trim() ?? '';
		if (!raw) return null;
		if (!isUuid(raw)) {
			errors[key] = `Der Parameter ${key} muss eine UUID sein, z. B. 3f7b145d-84af-42d7-8fae-eaca714b02b2.`;
			return null;
		}
		return raw.toLowerCase();
	};
	const taxonomyTermId = uuidParam('taxonomy_term_id');
	const taxonomyId = uuidParam('taxonomy_id');
	const organizationId = uuidParam('organization_id');
	const parentId = uuidParam('parent_id');

	const bool = (key: string): boolean => {
		const raw = get(key)?.trim().toLowerCase() ?? '';
		if (raw === '' || raw === 'false' || raw === '0') return false;
		if (raw === 'true' || raw === '1') return true;
		errors[key] = `Der Parameter ${key} muss true oder false sein.`;
		return false;
	};
	const full = bool('full');
	const fullService = bool('full_service');
	const topOnly = bool('top_only');

	let modifiedAfter: Date | null = null;
	const modifiedRaw = get('modified_after');
	if (modifiedRaw !== null && modifiedRaw.trim() !== '') {
		modifiedAfter = parseModifiedAfter(modifiedRaw);
		if (!modifiedAfter) errors.modified_after = 'Der Parameter modified_after muss ein Zeitpunkt nach ISO 8601 sein, z. B. 2026-03-01T00:00:00Z.';
	}

	const postcodeRaw = get('postcode')?.trim() ?? '';
	if (postcodeRaw && !/^\d{5}$/.test(postcodeRaw)) errors.postcode = 'Der Parameter postcode muss eine fünfstellige Postleitzahl sein.';

	const format = get('format')?.trim().toLowerCase() ?? '';
	if (format && format !== 'json') errors.format = 'Diese Schnittstelle liefert nur format=json.';

	const lang = get('lang')?.trim() || 'de';
	if (lang !== 'de' && !m.enabledLanguages.includes(lang))
		errors.lang = `Unbekannte Sprache „${lang.slice(0, 20)}“. Erlaubt: ${[...new Set(['de', ...m.enabledLanguages])].join(', ')}.`;

	const search = (get('search') ?? '').trim().slice(0, 200);

	if (Object.keys(errors).length) throw new ValidationError('Ungültige Abfrageparameter.', errors);
	return {
		page,
		perPage,
		search,
		modifiedAfter,
		taxonomyTermId,
		taxonomyId,
		organizationId,
		parentId,
		postcode: postcodeRaw || null,
		topOnly,
		full,
		fullService,
		lang
	};
}

function paged<T>(all: readonly T[], p: Pick<HsdsParams, 'page' | 'perPage'>): HsdsPage<T> {
	const contents = all.slice((p.page - 1) * p.perPage, p.page * p.perPage);
	return envelope(contents, all.length, p);
}

function envelope<T>(contents: T[], total: number, p: Pick<HsdsParams, 'page' | 'perPage'>): HsdsPage<T> {
	const totalPages = Math.ceil(total / p.perPage);
	return {
		total_items: total,
		total_pages: totalPages,
		page_number: p.page,
		size: contents.length,
		first_page: p.page === 1,
		last_page: p.page >= totalPages,
		empty: contents.length === 0,
		contents
	};
}

/* ---------- the data of a request: the municipalities in scope and their reference tables ---------- */

type ServiceRow = typeof service.$inferSelect & { published: OfferContent };
type OrganizationRow = typeof organization.$inferSelect;
type LocationRow = typeof location.$inferSelect;
type TaxonomyRow = typeof taxonomy.$inferSelect;
type TermRow = typeof taxonomyTerm.$inferSelect & { kind: TaxonomyKind };

interface Candidate {
	id: string;
	municipalityId: string;
	organizationId: string;
	name: string;
	termIds: string[];
	locationIds: string[];
	lastModified: Date;
}

interface Scope {
	m: Municipality;
	municipalities: Map<string, Municipality>;
	ids: string[];
	organizations: Map<string, OrganizationRow>;
	locations: Map<string, LocationRow>;
	taxonomies: Map<string, TaxonomyRow>;
	terms: Map<string, TermRow>;
	areas: Map<string, { id: string; municipalityId: string; name: string }>;
	/** Published, visible offers, sorted by name. */
	offers: Candidate[];
}

const jsonArray = (value: unknown): string[] => {
	const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
	return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

const latest = (...dates: (Date | null | undefined)[]): Date => new Date(Math.max(...dates.filter((d): d is Date => !!d).map((d) => d.getTime()), 0));

/**
 * The municipalities in scope with their reference tables (organizations, venues, vocabularies, areas:
 * hundreds to a few thousand rows). With `offers`, also every exposed offer: the endpoints that list
 * venues or organizations need them all; /services pages in SQL instead (offersById).
 */
async function loadScope(db: DbOrTx, m: Municipality, options: { offers: boolean } = { offers: true }): Promise<Scope> {
	// Without the offers, venues are loaded with the page that needs them (offersById): a city has thousands.
	const scope = await portalScope(db, m);
	const ids = scope.map((s) => s.id);
	const [orgRows, locationRows, taxonomyRows, termRows, areaRows, offerRows, translated] = await Promise.all([
		db.select().from(organization).where(inArray(organization.municipalityId, ids)),
		options.offers ? db.select().from(location).where(inArray(location.municipalityId, ids)) : [],
		db.select().from(taxonomy).where(inArray(taxonomy.municipalityId, ids)),
		db
			.select({ term: taxonomyTerm, kind: taxonomy.kind })
			.from(taxonomyTerm)
			.innerJoin(taxonomy, eq(taxonomy.id, taxonomyTerm.taxonomyId))
			.where(inArray(taxonomyTerm.municipalityId, ids)),
		db.select({ id: area.id, municipalityId: area.municipalityId, name: area.name }).from(area).where(inArray(area.municipalityId, ids)),
		options.offers ? exposedOfferRows(db, ids) : [],
		options.offers
			? db
					.select({ serviceId: translation.serviceId, updatedAt: max(translation.updatedAt) })
					.from(translation)
					.where(inArray(translation.municipalityId, ids))
					.groupBy(translation.serviceId)
			: []
	]);
	const organizations = new Map(orgRows.map((o) => [o.id, o]));
	const locations = new Map(locationRows.map((l) => [l.id, l]));
	const terms = new Map(termRows.map((r) => [r.term.id, { ...r.term, kind: r.kind }]));
	const translatedAt = new Map(translated.map((t) => [t.serviceId, t.updatedAt]));
	const result: Scope = {
		m,
		municipalities: new Map(scope.map((s) => [s.id, s])),
		ids,
		organizations,
		locations,
		taxonomies: new Map(taxonomyRows.map((t) => [t.id, t])),
		terms,
		areas: new Map(areaRows.map((a) => [a.id, a])),
		offers: []
	};
	result.offers = offerRows.map((r) => candidateOf(result, r, translatedAt.get(r.id))).sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
	return result;
}

/** Published offers of the municipalities that the portal shows (not hidden, status active or temporarily closed). */
function exposedOfferRows(db: DbOrTx, municipalityIds: string[], serviceIds?: string[]) {
	return db
		.select({
			id: service.id,
			municipalityId: service.municipalityId,
			organizationId: service.organizationId,
			publishedAt: service.publishedAt,
			name: sql<string>`${service.published}->>'name'`,
			termIds: sql<unknown>`${service.published}->'termIds'`,
			locationIds: sql<unknown>`${service.published}->'locationIds'`
		})
		.from(service)
		.where(
			and(
				inArray(service.municipalityId, municipalityIds),
				serviceIds ? inArray(service.id, serviceIds) : undefined,
				isNotNull(service.published),
				isNull(service.hiddenAt),
				inArray(sql<string>`${service.published}->>'status'`, [...VISIBLE_STATUSES])
			)
		);
}

type OfferRow = Awaited<ReturnType<typeof exposedOfferRows>>[number];

function candidateOf(scope: Scope, r: OfferRow, translatedAt: Date | null | undefined): Candidate {
	const termIds = jsonArray(r.termIds).filter((id) => scope.terms.get(id)?.municipalityId === r.municipalityId);
	const locationIds = jsonArray(r.locationIds).filter((id) => scope.locations.get(id)?.municipalityId === r.municipalityId);
	// "The datetime when the service, or any related information about the service, has changed."
	const lastModified = latest(
		r.publishedAt,
		translatedAt,
		scope.organizations.get(r.organizationId)?.updatedAt,
		...locationIds.map((id) => scope.locations.get(id)?.updatedAt),
		...termIds.map((id) => scope.terms.get(id)?.updatedAt)
	);
	return { id: r.id, municipalityId: r.municipalityId, organizationId: r.organizationId, name: r.name, termIds, locationIds, lastModified };
}

/** The exposed offers with these ids, in the order given (a page of /services). */
async function offersById(db: DbOrTx, scope: Scope, ids: string[]): Promise<Candidate[]> {
	if (!ids.length) return [];
	const rows = await exposedOfferRows(db, scope.ids, ids);
	const missing = [...new Set(rows.flatMap((r) => jsonArray(r.locationIds)))].filter((id) => isUuid(id) && !scope.locations.has(id));
	if (missing.length) for (const l of await db.select().from(location).where(and(inArray(location.municipalityId, scope.ids), inArray(location.id, missing)))) scope.locations.set(l.id, l);
	const translated = await db
		.select({ serviceId: translation.serviceId, updatedAt: max(translation.updatedAt) })
		.from(translation)
		.where(inArray(translation.serviceId, ids))
		.groupBy(translation.serviceId);
	const translatedAt = new Map(translated.map((t) => [t.serviceId, t.updatedAt]));
	const byId = new Map(rows.map((r) => [r.id, candidateOf(scope, r, translatedAt.get(r.id))]));
	return ids.map((id) => byId.get(id)).filter((c): c is Candidate => !!c);
}

/** Organizations shown: public ones, and internal ones that carry at least one exposed offer. */
function exposedOrganizations(scope: Scope): OrganizationRow[] {
	const carrying = new Set(scope.offers.map((o) => o.organizationId));
	return [...scope.organizations.values()]
		.filter((o) => o.visibility === 'public' || carrying.has(o.id))
		.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
}

const SEARCH_LANGUAGES: readonly string[] = ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'] satisfies SearchLanguage[];

/** The offers matching the filters of /service_at_locations, in result order (best match first with search words). */
async function filteredOffers(db: DbOrTx, scope: Scope, p: HsdsParams): Promise<Candidate[]> {
	const search = searchFor(
		scope,
		p,
		[...scope.locations.values()].filter((l) => p.modifiedAfter && l.updatedAt.getTime() >= p.modifiedAfter.getTime()).map((l) => l.id)
	);
	if (!search) return [];
	if (!search.text && !search.organizationId && !search.termIds && !search.anyTermSets && !search.modifiedSince) return scope.offers;
	const ids = await allMatchingOfferIds(db, search);
	const byId = new Map(scope.offers.map((o) => [o.id, o]));
	// Without search words, scope.offers is already in German alphabetical order.
	if (!p.search) {
		const matching = new Set(ids);
		return scope.offers.filter((o) => matching.has(o.id));
	}
	return ids.map((id) => byId.get(id)).filter((o): o is Candidate => !!o);
}

async function loadServiceRows(db: DbOrTx, scope: Scope, ids: string[], lang: string) {
	if (!ids.length) return { rows: new Map<string, ServiceRow>(), translations: new Map<string, TranslatedTexts>() };
	const [rows, translations] = await Promise.all([
		db
			.select()
			.from(service)
			.where(and(inArray(service.municipalityId, scope.ids), inArray(service.id, ids), isNotNull(service.published), isNull(service.hiddenAt))),
		lang === 'de' ? [] : db.select().from(translation).where(and(inArray(translation.serviceId, ids), eq(translation.language, lang)))
	]);
	return {
		rows: new Map(rows.filter((r) => r.published && VISIBLE_STATUSES.includes(r.published.status)).map((r) => [r.id, r as ServiceRow])),
		translations: new Map(translations.map((t) => [t.serviceId, t.texts]))
	};
}

/* ---------- mapping (pure) ---------- */

const STATES: Record<string, string> = {
	'01': 'Schleswig-Holstein',
	'02': 'Hamburg',
	'03': 'Niedersachsen',
	'04': 'Bremen',
	'05': 'Nordrhein-Westfalen',
	'06': 'Hessen',
	'07': 'Rheinland-Pfalz',
	'08': 'Baden-Württemberg',
	'09': 'Bayern',
	'10': 'Saarland',
	'11': 'Berlin',
	'12': 'Brandenburg',
	'13': 'Mecklenburg-Vorpommern',
	'14': 'Sachsen',
	'15': 'Sachsen-Anhalt',
	'16': 'Thüringen'
};

/** The Land of a municipality, from the first two digits of its Amtlicher Gemeindeschlüssel. */
export function stateOf(ags: string | undefined): string {
	return STATES[(ags ?? '').slice(0, 2)] ?? 'Nordrhein-Westfalen';
}

/**
 * Drops empty optional values: the HSDS schemas type their fields as strings, numbers and arrays,
 * never null. Fields named in `keep` (required by HSDS) stay even when they are an empty string.
 */
function compact<T extends object>(value: T, keep: readonly string[] = []): T {
	return Object.fromEntries(
		Object.entries(value).filter(([k, v]) => v !== undefined && v !== null && (v !== '' || keep.includes(k)) && !(Array.isArray(v) && v.length === 0))
	) as T;
}

function httpUrl(value: string): string | undefined {
	if (!value) return undefined;
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
	} catch {
		return undefined;
	}
}

const plain = (markdown: string) => (markdown ? markdownToPlainText(markdown).trim() : '');



const FREE_OF_CHARGE: Record<string, string> = {
	de: 'Kostenlos',
	en: 'Free of charge',
	tr: 'Ücretsiz',
	ru: 'Бесплатно',
	uk: 'Безкоштовно',
	ar: 'مجاني',
	fa: 'رایگان'
};

function taxonomyName(t: TaxonomyRow, scope: Scope): string {
	const town = t.municipalityId === scope.m.id ? null : scope.municipalities.get(t.municipalityId);
	return town ? `${t.name} (${town.name})` : t.name;
}

function taxonomyOf(t: TaxonomyRow, scope: Scope): HsdsTaxonomy {
	return { id: t.id, name: taxonomyName(t, scope), description: t.description };
}

function termOf(term: TermRow, scope: Scope, lang: string): HsdsTaxonomyTerm {
	const tax = scope.taxonomies.get(term.taxonomyId);
	const label = termLabel(term, lang);
	return compact(
		{
			id: term.id,
			code: term.code,
			name: label.text,
			description: term.description,
			parent_id: term.parentId ?? undefined,
			taxonomy: tax ? taxonomyName(tax, scope) : '',
			taxonomy_detail: tax ? taxonomyOf(tax, scope) : undefined,
			language: label.lang,
			taxonomy_id: term.taxonomyId
		},
		['description']
	) as HsdsTaxonomyTerm;
}

function organizationOf(o: OrganizationRow): HsdsOrganization {
	return compact({ id: o.id, name: o.name, description: o.description, email: o.email || undefined, website: httpUrl(o.website) }, ['description']);
}

function time(value: string | undefined): string | undefined {
	return value && /^\d{2}:\d{2}$/.test(value) ? `${value}:00` : undefined;
}

const SCHEDULE_LANGUAGES = ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'];

function describe(s: Schedule, lang: string): string | undefined {
	try {
		return describeSchedule(s, (SCHEDULE_LANGUAGES.includes(lang) ? lang : 'de') as ScheduleLanguage) || undefined;
	} catch {
		return undefined;
	}
}

const BERLIN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The first day that fits the rule. schedule.ts counts intervals from the first occurrence, which is
 * RFC 5545 with DTSTART on that occurrence (RFC 5545 leaves a DTSTART off the rule undefined).
 */
function firstOccurrence(s: Schedule): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s.dtstart)) return s.dtstart;
	// From the evening before in Berlin, so that an early opening time on the first day still counts.
	const next = nextOccurrence(s, new Date(Date.parse(`${s.dtstart}T00:00:00Z`) - 3 * 60 * 60 * 1000));
	return next ? BERLIN_DATE.format(next) : s.dtstart;
}

/**
 * An offer's schedule as an HSDS schedule: RFC 5545 RRULE parts, times as local time in Germany
 * (HSDS `timezone` is a number, a fixed UTC offset, which Europe/Berlin with summer time is not;
 * so it is left out). `valid_from`/`valid_to` give the period as entered, `dtstart` the first occurrence.
 */
export function scheduleOf(s: Schedule, index: number, serviceId: string, lang: string): HsdsSchedule {
	const once = s.freq === 'once';
	const until = once ? s.dtstart : (s.until ?? undefined);
	const dtstart = once ? s.dtstart : firstOccurrence(s);
	let byday: string | undefined;
	let bymonthday: string | undefined;
	if (s.freq === 'weekly') byday = s.byday.join(',') || undefined;
	// Monthly: "the first Wednesday" is BYDAY=1WE, "the last Friday" BYDAY=-1FR; without an ordinal, the day of the month of dtstart.
	else if (s.freq === 'monthly' && s.ordinal !== null && s.byday.length) byday = s.byday.map((d) => `${s.ordinal}${d}`).join(',');
	else if (s.freq === 'monthly') bymonthday = String(Number(dtstart.slice(8, 10)));
	return compact({
		id: derivedId('schedule', serviceId, String(index)),
		service_id: serviceId,
		valid_from: s.dtstart,
		valid_to: until,
		dtstart,
		until: once ? undefined : until,
		wkst: once ? undefined : ('MO' as const),
		freq: once ? undefined : s.freq === 'weekly' ? ('WEEKLY' as const) : ('MONTHLY' as const),
		interval: once ? undefined : Math.max(1, s.interval || 1),
		byday,
		bymonthday,
		description: describe(s, lang),
		opens_at: time(s.opensAt),
		closes_at: time(s.closesAt),
		notes: s.notes?.trim() || undefined
	});
}

function locationOf(l: LocationRow, scope: Scope, full: boolean): HsdsLocation {
	const one = compact({
		id: l.id,
		location_type: 'physical' as const,
		organization_id: l.organizationId,
		name: l.name,
		description: l.areaId ? scope.areas.get(l.areaId)?.name : undefined,
		transportation: l.transitNotes || undefined,
		latitude: l.latitude ?? undefined,
		longitude: l.longitude ?? undefined
	}) as HsdsLocation;
	if (!full) return one;
	const access = [WHEELCHAIR_LABELS[l.wheelchairAccess], l.accessibleToilet ? 'Barrierefreie Toilette vorhanden' : ''].filter(Boolean).join('. ');
	return {
		...one,
		addresses: [
			{
				id: derivedId('address', l.id),
				location_id: l.id,
				address_1: l.street,
				city: l.city,
				state_province: stateOf(scope.municipalities.get(l.municipalityId)?.ags),
				postal_code: l.postalCode,
				country: 'DE',
				address_type: 'physical'
			}
		],
		accessibility: [compact({ id: derivedId('accessibility', l.id), location_id: l.id, description: access, details: l.accessibilityNotes || undefined }) as HsdsAccessibility]
	};
}

type ServiceShape = 'list' | 'full' | 'nested';

/**
 * An offer as an HSDS service. `list`: the one-to-one fields and the organization (service_list);
 * `full`: everything (service); `nested`: everything but the organization and the venues
 * (inside an organization or a service_at_location, which carry those themselves).
 */
function serviceOf(row: ServiceRow, own: TranslatedTexts | undefined, candidate: Candidate, scope: Scope, lang: string, shape: ServiceShape): HsdsService {
	const c = row.published;
	const texts = Object.fromEntries(TRANSLATABLE_FIELDS.map((f) => [f, own?.[f] || c[f]])) as TranslatedTexts;
	const org = scope.organizations.get(row.organizationId);
	const one: HsdsService = compact({
		id: row.id,
		organization_id: row.organizationId,
		name: texts.name,
		description: plain(texts.description),
		url: httpUrl(c.url),
		email: c.email || undefined,
		status: c.status,
		application_process: plain(texts.applicationProcess),
		fees_description: texts.feesDescription.trim(),
		eligibility_description: plain(texts.eligibilityDescription),
		minimum_age: c.minimumAge ?? undefined,
		maximum_age: c.maximumAge ?? undefined,
		last_modified: candidate.lastModified.toISOString()
	});
	if (shape === 'list') return org ? { ...one, organization: organizationOf(org) } : one;

	const id = row.id;
	const costs: NonNullable<HsdsService['cost_options']> = c.free
		? [compact({ id: derivedId('cost_option', id, 'free'), service_id: id, option: FREE_OF_CHARGE[lang] ?? FREE_OF_CHARGE.de, currency: 'EUR', amount: 0, amount_description: texts.feesDescription.trim() || undefined })]
		: texts.feesDescription.trim()
			? [{ id: derivedId('cost_option', id, 'fees'), service_id: id, currency: 'EUR', amount_description: texts.feesDescription.trim() }]
			: [];
	const nested: HsdsService = compact({
		...one,
		phones: c.phone ? [{ id: derivedId('phone', id), service_id: id, number: c.phone, type: 'voice' }] : undefined,
		contacts:
			c.contactName || c.email
				? [compact({ id: derivedId('contact', id), service_id: id, name: c.contactName || undefined, email: c.email || undefined })]
				: undefined,
		schedules: (c.schedules ?? []).map((s, i) => scheduleOf(s, i, id, lang)),
		languages: c.languages.map((code) => ({ id: derivedId('language', id, code), service_id: id, name: languageNameIn(code, lang), code })),
		cost_options: costs,
		service_areas: c.areaIds
			.map((areaId) => scope.areas.get(areaId))
			.filter((a) => !!a && a.municipalityId === row.municipalityId)
			.map((a) => ({ id: derivedId('service_area', id, a!.id), service_id: id, name: a!.name })),
		attributes: candidate.termIds.map((termId) => ({
			id: derivedId('attribute', id, termId),
			link_id: id,
			link_entity: 'service',
			taxonomy_term_id: termId,
			taxonomy_term: termOf(scope.terms.get(termId)!, scope, lang)
		}))
	});
	if (shape === 'nested') return nested;
	return compact({
		...nested,
		organization: org ? organizationOf(org) : undefined,
		service_at_locations: candidate.locationIds.map((locationId) => ({
			id: serviceAtLocationId(id, locationId),
			service_id: id,
			location_id: locationId,
			location: locationOf(scope.locations.get(locationId)!, scope, true)
		}))
	});
}

async function servicesFor(db: DbOrTx, scope: Scope, candidates: Candidate[], lang: string, shape: ServiceShape): Promise<HsdsService[]> {
	const { rows, translations } = await loadServiceRows(db, scope, candidates.map((c) => c.id), lang);
	return candidates.filter((c) => rows.has(c.id)).map((c) => serviceOf(rows.get(c.id)!, translations.get(c.id), c, scope, lang, shape));
}

/* ---------- endpoints ---------- */

/** GET / — which HSDS version this API implements. */
export function hsdsIndex(): { version: string; profile: string; openapi_url: string } {
	return { version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: HSDS_OPENAPI_URL };
}

const serviceNotFound = () => new NotFoundError('Dieses Angebot gibt es hier nicht.');

/** GET /services — paged; `full=true` gives fully nested services. */
export async function hsdsServices(db: DbOrTx, m: Municipality, query: HsdsQuery = {}): Promise<HsdsPage<HsdsService>> {
	const p = parseHsdsParams(query, m);
	const scope = await loadScope(db, m, { offers: false });
	const changedLocations = p.modifiedAfter
		? (await db.select({ id: location.id }).from(location).where(and(inArray(location.municipalityId, scope.ids), gte(location.updatedAt, p.modifiedAfter)))).map((l) => l.id)
		: [];
	const search = searchFor(scope, p, changedLocations);
	if (!search) return envelope([], 0, p);
	// Filtering, ranking, counting and paging happen in the database (search-index.ts); only the page is loaded.
	const { hits, total } = await searchOfferIds(db, { ...search, page: p.page, pageSize: p.perPage });
	const page = await offersById(db, scope, hits.map((h) => h.serviceId));
	return envelope(await servicesFor(db, scope, page, p.lang, p.full ? 'full' : 'list'), total, p);
}

/**
 * The filters of /services as a search over the search rows. Rows exist per portal language and always
 * carry the German source text, so a search in the requested language finds untranslated offers too;
 * without search words the German rows (every exposed offer has one) are listed by name.
 * Null when a filter cannot match anything (a taxonomy without terms).
 */
function searchFor(scope: Scope, p: HsdsParams, changedLocations: string[] = []): OfferSearch | null {
	const lang = (p.search && SEARCH_LANGUAGES.includes(p.lang) ? p.lang : 'de') as SearchLanguage;
	const search: OfferSearch = { municipalityIds: scope.ids, lang, text: p.search || undefined };
	if (p.organizationId) search.organizationId = p.organizationId;
	if (p.taxonomyTermId) search.termIds = [p.taxonomyTermId];
	if (p.taxonomyId) {
		const inTaxonomy = [...scope.terms.values()].filter((t) => t.taxonomyId === p.taxonomyId).map((t) => t.id);
		if (!inTaxonomy.length) return null;
		search.anyTermSets = [inTaxonomy];
	}
	if (p.modifiedAfter) {
		const at = p.modifiedAfter;
		const since = (d: Date | null | undefined) => !!d && d.getTime() >= at.getTime();
		search.modifiedSince = {
			at,
			organizationIds: [...scope.organizations.values()].filter((o) => since(o.updatedAt)).map((o) => o.id),
			locationIds: changedLocations,
			termIds: [...scope.terms.values()].filter((t) => since(t.updatedAt)).map((t) => t.id)
		};
	}
	return search;
}

/** GET /services/{id} — a fully nested service; 404 for drafts and for offers of other municipalities. */
export async function hsdsService(db: DbOrTx, m: Municipality, id: string, query: HsdsQuery = {}): Promise<HsdsService> {
	const p = parseHsdsParams(query, m);
	if (!isUuid(id)) throw serviceNotFound();
	const scope = await loadScope(db, m, { offers: false });
	const [candidate] = await offersById(db, scope, [id.toLowerCase()]);
	if (!candidate) throw serviceNotFound();
	const [found] = await servicesFor(db, scope, [candidate], p.lang, 'full');
	if (!found) throw serviceNotFound();
	return found;
}

interface Link {
	id: string;
	offer: Candidate;
	location: LocationRow;
}

function linksOf(scope: Scope, offers: Candidate[], postcode: string | null): Link[] {
	return offers.flatMap((offer) =>
		offer.locationIds
			.map((locationId) => scope.locations.get(locationId)!)
			.filter((l) => !postcode || l.postalCode === postcode)
			.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id))
			.map((l) => ({ id: serviceAtLocationId(offer.id, l.id), offer, location: l }))
	);
}

async function serviceAtLocationsFor(db: DbOrTx, scope: Scope, links: Link[], lang: string, full: boolean): Promise<HsdsServiceAtLocation[]> {
	const offers = [...new Map(links.map((l) => [l.offer.id, l.offer])).values()];
	const services = new Map((await servicesFor(db, scope, offers, lang, full ? 'nested' : 'list')).map((s) => [s.id, s]));
	return links
		.filter((link) => services.has(link.offer.id))
		.map((link) => ({
			id: link.id,
			service_id: link.offer.id,
			location_id: link.location.id,
			location: locationOf(link.location, scope, full),
			service: full ? { ...services.get(link.offer.id)!, organization: organizationOf(scope.organizations.get(link.offer.organizationId)!) } : services.get(link.offer.id)!
		}));
}

/** GET /service_at_locations — one entry per offer and venue; the same filters as /services plus `postcode`. */
export async function hsdsServiceAtLocations(db: DbOrTx, m: Municipality, query: HsdsQuery = {}): Promise<HsdsPage<HsdsServiceAtLocation>> {
	const p = parseHsdsParams(query, m);
	const scope = await loadScope(db, m);
	const links = linksOf(scope, await filteredOffers(db, scope, p), p.postcode);
	const page = links.slice((p.page - 1) * p.perPage, p.page * p.perPage);
	return envelope(await serviceAtLocationsFor(db, scope, page, p.lang, p.full), links.length, p);
}

/** GET /service_at_locations/{id} — fully nested. */
export async function hsdsServiceAtLocation(db: DbOrTx, m: Municipality, id: string, query: HsdsQuery = {}): Promise<HsdsServiceAtLocation> {
	const p = parseHsdsParams(query, m);
	const notFound = () => new NotFoundError('Diesen Angebotsort gibt es hier nicht.');
	if (!isUuid(id)) throw notFound();
	const scope = await loadScope(db, m);
	const link = linksOf(scope, scope.offers, null).find((l) => l.id === id.toLowerCase());
	if (!link) throw notFound();
	const [found] = await serviceAtLocationsFor(db, scope, [link], p.lang, true);
	if (!found) throw notFound();
	return found;
}

async function organizationFull(db: DbOrTx, scope: Scope, o: OrganizationRow, lang: string, fullService: boolean): Promise<HsdsOrganization> {
	const offers = scope.offers.filter((s) => s.organizationId === o.id);
	const venueIds = [...new Set(offers.flatMap((s) => s.locationIds))];
	const venues = venueIds.map((id) => locationOf(scope.locations.get(id)!, scope, true));
	if (o.visibility === 'public' && o.street && o.postalCode && o.city) {
		const postalId = derivedId('organization_address', o.id);
		venues.push({
			id: postalId,
			location_type: 'postal',
			organization_id: o.id,
			name: o.name,
			addresses: [
				{
					id: derivedId('address', postalId),
					location_id: postalId,
					address_1: o.street,
					city: o.city,
					state_province: stateOf(scope.municipalities.get(o.municipalityId)?.ags),
					postal_code: o.postalCode,
					country: 'DE',
					address_type: 'postal'
				}
			]
		});
	}
	const services = await servicesFor(db, scope, offers, lang, fullService ? 'nested' : 'list');
	return compact(
		{
			...organizationOf(o),
			phones: o.phone ? [{ id: derivedId('phone', o.id), organization_id: o.id, number: o.phone, type: 'voice' }] : undefined,
			locations: venues,
			// Without full_service: the one-to-one fields (the organization is this one).
			services: fullService ? services : services.map(({ organization: _, ...rest }) => rest)
		},
		['description']
	);
}

/** GET /organizations — public organizations and those carrying an exposed offer; `search` matches name and description. */
export async function hsdsOrganizations(db: DbOrTx, m: Municipality, query: HsdsQuery = {}): Promise<HsdsPage<HsdsOrganization>> {
	const p = parseHsdsParams(query, m);
	const scope = await loadScope(db, m);
	let list = exposedOrganizations(scope);
	if (p.search) {
		const needle = p.search.toLocaleLowerCase('de');
		list = list.filter((o) => `${o.name}\n${o.description}`.toLocaleLowerCase('de').includes(needle));
	}
	const page = paged(list, p);
	const contents = p.full ? await Promise.all(page.contents.map((o) => organizationFull(db, scope, o, p.lang, p.fullService))) : page.contents.map(organizationOf);
	return { ...page, contents };
}

/** GET /organizations/{id} — fully nested, with its exposed offers and venues. */
export async function hsdsOrganization(db: DbOrTx, m: Municipality, id: string, query: HsdsQuery = {}): Promise<HsdsOrganization> {
	const p = parseHsdsParams(query, m);
	const notFound = () => new NotFoundError('Diese Organisation gibt es hier nicht.');
	if (!isUuid(id)) throw notFound();
	const scope = await loadScope(db, m);
	const o = exposedOrganizations(scope).find((x) => x.id === id.toLowerCase());
	if (!o) throw notFound();
	return organizationFull(db, scope, o, p.lang, p.fullService);
}

async function vocabularyScope(db: DbOrTx, m: Municipality, now: Date): Promise<Scope> {
	for (const s of await portalScope(db, m)) await ensureDefaultTaxonomies(db, s.id, now);
	return loadScope(db, m);
}

function sortedTaxonomies(scope: Scope): TaxonomyRow[] {
	const rank = (t: TaxonomyRow) => (t.municipalityId === scope.m.id ? '0' : '1' + (scope.municipalities.get(t.municipalityId)?.name ?? ''));
	return [...scope.taxonomies.values()].sort((a, b) => rank(a).localeCompare(rank(b), 'de') || a.kind.localeCompare(b.kind));
}

/** GET /taxonomies — the four vocabularies (of the municipality and, in a Kreis, of each member town). */
export async function hsdsTaxonomies(db: DbOrTx, m: Municipality, query: HsdsQuery = {}, now: Date = new Date()): Promise<HsdsPage<HsdsTaxonomy>> {
	const p = parseHsdsParams(query, m);
	const scope = await vocabularyScope(db, m, now);
	let list = sortedTaxonomies(scope).map((t) => taxonomyOf(t, scope));
	if (p.search) {
		const needle = p.search.toLocaleLowerCase('de');
		list = list.filter((t) => `${t.name}\n${t.description}`.toLocaleLowerCase('de').includes(needle));
	}
	return paged(list, p);
}

/** GET /taxonomies/{id} */
export async function hsdsTaxonomy(db: DbOrTx, m: Municipality, id: string, now: Date = new Date()): Promise<HsdsTaxonomy> {
	if (!isUuid(id)) throw new NotFoundError('Dieses Verzeichnis gibt es hier nicht.');
	const scope = await vocabularyScope(db, m, now);
	const t = scope.taxonomies.get(id.toLowerCase());
	if (!t) throw new NotFoundError('Dieses Verzeichnis gibt es hier nicht.');
	return taxonomyOf(t, scope);
}

/** GET /taxonomy_terms — filter by `taxonomy_id`, `parent_id`, `top_only`, `search`; names in `lang`. */
export async function hsdsTaxonomyTerms(db: DbOrTx, m: Municipality, query: HsdsQuery = {}, now: Date = new Date()): Promise<HsdsPage<HsdsTaxonomyTerm>> {
	const p = parseHsdsParams(query, m);
	const scope = await vocabularyScope(db, m, now);
	const order = new Map(sortedTaxonomies(scope).map((t, i) => [t.id, i]));
	let terms = [...scope.terms.values()].sort(
		(a, b) => (order.get(a.taxonomyId) ?? 0) - (order.get(b.taxonomyId) ?? 0) || a.position - b.position || a.name.localeCompare(b.name, 'de')
	);
	if (p.taxonomyId) terms = terms.filter((t) => t.taxonomyId === p.taxonomyId);
	if (p.parentId) terms = terms.filter((t) => t.parentId === p.parentId);
	if (p.topOnly) terms = terms.filter((t) => !t.parentId);
	if (p.search) {
		const needle = p.search.toLocaleLowerCase('de');
		terms = terms.filter((t) => [t.name, t.code, t.description, ...Object.values(t.labels)].join('\n').toLocaleLowerCase('de').includes(needle));
	}
	return paged(
		terms.map((t) => termOf(t, scope, p.lang)),
		p
	);
}

/** GET /taxonomy_terms/{id} */
export async function hsdsTaxonomyTerm(db: DbOrTx, m: Municipality, id: string, query: HsdsQuery = {}, now: Date = new Date()): Promise<HsdsTaxonomyTerm> {
	const p = parseHsdsParams(query, m);
	if (!isUuid(id)) throw new NotFoundError('Diesen Eintrag gibt es hier nicht.');
	const scope = await vocabularyScope(db, m, now);
	const t = scope.terms.get(id.toLowerCase());
	if (!t) throw new NotFoundError('Diesen Eintrag gibt es hier nicht.');
	return termOf(t, scope, p.lang);
}

/* ---------- open data: all published offers as JSON and CSV (German) ---------- */

export interface OpenDataOffer {
	id: string;
	name: string;
	description: string;
	descriptionMarkdown: string;
	organization: { id: string; name: string };
	municipality: { slug: string; name: string };
	status: OfferContent['status'];
	statusLabel: string;
	free: boolean;
	feesDescription: string;
	minimumAge: number | null;
	maximumAge: number | null;
	applicationProcess: string;
	eligibilityDescription: string;
	contact: { name: string; email: string; phone: string; url: string };
	categories: string[];
	targetGroups: string[];
	immigrantGroups: string[];
	offerTypes: string[];
	languages: { code: string; name: string }[];
	venues: {
		id: string;
		name: string;
		street: string;
		postalCode: string;
		city: string;
		area: string | null;
		latitude: number | null;
		longitude: number | null;
		wheelchairAccess: string;
		accessibleToilet: boolean;
	}[];
	serviceAreas: string[];
	schedules: (Schedule & { description: string })[];
	lastModified: string;
	firstPublishedAt: string | null;
	portalUrl: string | null;
}

export interface OpenDataOptions {
	/** Base URL of the platform, for the links to the portal pages. */
	origin?: string;
	now?: Date;
}

async function openDataOffers(db: DbOrTx, m: Municipality, options: OpenDataOptions): Promise<OpenDataOffer[]> {
	const scope = await loadScope(db, m);
	const { rows } = await loadServiceRows(db, scope, scope.offers.map((o) => o.id), 'de');
	return scope.offers
		.filter((o) => rows.has(o.id))
		.map((o) => {
			const row = rows.get(o.id)!;
			const c = row.published;
			const home = scope.municipalities.get(row.municipalityId) ?? m;
			const org = scope.organizations.get(row.organizationId);
			const termsOf = (kind: TaxonomyKind) => o.termIds.map((id) => scope.terms.get(id)!).filter((t) => t.kind === kind).map((t) => t.name);
			return {
				id: row.id,
				name: c.name,
				description: plain(c.description),
				descriptionMarkdown: c.description,
				organization: { id: row.organizationId, name: org?.name ?? '' },
				municipality: { slug: home.slug, name: home.name },
				status: c.status,
				statusLabel: OFFER_STATUS_LABELS[c.status],
				free: c.free,
				feesDescription: c.feesDescription,
				minimumAge: c.minimumAge,
				maximumAge: c.maximumAge,
				applicationProcess: plain(c.applicationProcess),
				eligibilityDescription: plain(c.eligibilityDescription),
				contact: { name: c.contactName, email: c.email, phone: c.phone, url: c.url },
				categories: termsOf('category'),
				targetGroups: termsOf('target_group'),
				immigrantGroups: termsOf('immigrant_group'),
				offerTypes: termsOf('offer_type'),
				languages: c.languages.map((code) => ({ code, name: languageNameIn(code, 'de') })),
				venues: o.locationIds.map((id) => {
					const l = scope.locations.get(id)!;
					return {
						id: l.id,
						name: l.name,
						street: l.street,
						postalCode: l.postalCode,
						city: l.city,
						area: l.areaId ? (scope.areas.get(l.areaId)?.name ?? null) : null,
						latitude: l.latitude,
						longitude: l.longitude,
						wheelchairAccess: WHEELCHAIR_LABELS[l.wheelchairAccess],
						accessibleToilet: l.accessibleToilet
					};
				}),
				serviceAreas: c.areaIds
					.map((id) => scope.areas.get(id))
					.filter((a) => !!a && a.municipalityId === row.municipalityId)
					.map((a) => a!.name),
				schedules: (c.schedules ?? []).map((s) => ({ ...s, description: describe(s, 'de') ?? '' })),
				lastModified: o.lastModified.toISOString(),
				firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
				portalUrl: options.origin ? `${options.origin}/${home.slug}/de/angebote/${row.id}` : null
			};
		});
}

/** All published offers of the municipality (and, in a Kreis, its towns) as structured JSON, German texts. */
export async function openDataJson(db: DbOrTx, m: Municipality, options: OpenDataOptions = {}) {
	const offers = await openDataOffers(db, m, options);
	return {
		municipality: { slug: m.slug, name: m.name },
		generatedAt: (options.now ?? new Date()).toISOString(),
		count: offers.length,
		offers
	};
}

export const OPEN_DATA_CSV_COLUMNS = [
	'ID',
	'Titel',
	'Beschreibung',
	'Träger',
	'Kommune',
	'Status',
	'Kategorien',
	'Zielgruppen',
	'Zuwanderungsgruppen',
	'Angebotsarten',
	'Sprachen',
	'Kostenlos',
	'Kosten',
	'Mindestalter',
	'Höchstalter',
	'So nehmen Sie teil',
	'Voraussetzungen',
	'Ansprechperson',
	'E-Mail',
	'Telefon',
	'Website',
	'Orte',
	'Stadtteile',
	'Termine',
	'Zuletzt geändert',
	'Link'
] as const;

/** One CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused with a leading apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-][\d\s()/-]*$/.test(text))) text = `'${text}`;
	return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * All published offers as CSV for spreadsheets: UTF-8 with byte order mark (Excel), `;` between
 * cells, CRLF between rows, one row per offer, German texts; lists inside a cell are separated by " | ".
 */
export async function openDataCsv(db: DbOrTx, m: Municipality, options: OpenDataOptions = {}): Promise<string> {
	const offers = await openDataOffers(db, m, options);
	const list = (items: string[]) => items.join(' | ');
	const lines = [OPEN_DATA_CSV_COLUMNS.map(csvCell).join(';')];
	for (const o of offers)
		lines.push(
			[
				o.id,
				o.name,
				o.description,
				o.organization.name,
				o.municipality.name,
				o.statusLabel,
				list(o.categories),
				list(o.targetGroups),
				list(o.immigrantGroups),
				list(o.offerTypes),
				list(o.languages.map((l) => l.name)),
				o.free ? 'ja' : 'nein',
				o.feesDescription,
				o.minimumAge,
				o.maximumAge,
				o.applicationProcess,
				o.eligibilityDescription,
				o.contact.name,
				o.contact.email,
				o.contact.phone,
				o.contact.url,
				list(o.venues.map((v) => `${v.name}, ${v.street}, ${v.postalCode} ${v.city}`)),
				list(o.serviceAreas),
				list(o.schedules.map((s) => [s.description, s.notes].filter(Boolean).join(' – '))),
				o.lastModified,
				o.portalUrl
			]
				.map(csvCell)
				.join(';')
		);
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
