import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { levenshtein } from '../../core/text.ts';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { readSpreadsheet, SpreadsheetError, type Sheet } from '../../core/spreadsheet.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, offerImport, service } from './schema.ts';
import { offerContentInput, OFFER_LANGUAGES, OFFER_STATUS_LABELS, type OfferContent } from './content.ts';
import { ensureDefaultTaxonomies, listTerms, type Term } from './taxonomies.ts';
import { createOffer, publishOffer } from './service.ts';
import { createLocation } from './locations.ts';
import type { TaxonomyKind } from './schema.ts';

/*
 * Spreadsheet import for the editors: upload (CSV in any encoding and delimiter, or XLSX), map the columns,
 * see every problem with line and column, then import all rows in one transaction – or none.
 */

export const IMPORT_FIELDS = {
	name: { label: 'Titel des Angebots', required: true, synonyms: ['titel', 'angebot', 'name des angebots', 'bezeichnung', 'angebotsname', 'name'] },
	organization: { label: 'Träger', required: true, synonyms: ['träger', 'anbieter', 'organisation', 'einrichtung', 'träger / anbieter', 'institution'] },
	description: { label: 'Beschreibung', required: true, synonyms: ['beschreibung', 'inhalt', 'kurzbeschreibung', 'angebotsbeschreibung', 'text'] },
	applicationProcess: { label: 'So nehmen Sie teil', required: false, synonyms: ['so nehmen sie teil', 'anmeldung', 'teilnahme', 'zugang'] },
	eligibilityDescription: { label: 'Voraussetzungen', required: false, synonyms: ['voraussetzungen', 'voraussetzung', 'bedingungen'] },
	categories: { label: 'Kategorien', required: true, synonyms: ['kategorien', 'kategorie', 'bereich', 'handlungsfeld', 'themen', 'thema'] },
	targetGroups: { label: 'Zielgruppen', required: false, synonyms: ['zielgruppen', 'zielgruppe', 'für wen'] },
	immigrantGroups: { label: 'Zuwanderergruppen', required: false, synonyms: ['zuwanderergruppen', 'zuwanderergruppe', 'zuwanderungsgruppe', 'gruppe'] },
	offerTypes: { label: 'Angebotsform', required: false, synonyms: ['angebotsform', 'angebotsformen', 'angebotstyp', 'art', 'art des angebots'] },
	languages: { label: 'Sprachen', required: false, synonyms: ['sprachen', 'sprache', 'angebotssprachen'] },
	free: { label: 'Kostenlos', required: false, synonyms: ['kostenlos', 'kostenfrei', 'gebührenfrei'] },
	feesDescription: { label: 'Kosten', required: false, synonyms: ['kosten', 'gebühr', 'gebühren', 'preis', 'teilnahmegebühr'] },
	minimumAge: { label: 'Alter von', required: false, synonyms: ['alter von', 'mindestalter', 'ab alter', 'alter ab'] },
	maximumAge: { label: 'Alter bis', required: false, synonyms: ['alter bis', 'höchstalter', 'bis alter'] },
	contactName: { label: 'Ansprechperson', required: false, synonyms: ['ansprechperson', 'ansprechpartner', 'ansprechpartnerin', 'ansprechpartner(in)', 'kontakt', 'kontaktperson'] },
	email: { label: 'E-Mail', required: false, synonyms: ['e-mail', 'email', 'mail', 'e-mail-adresse'] },
	phone: { label: 'Telefon', required: false, synonyms: ['telefon', 'tel', 'telefonnummer', 'tel.'] },
	url: { label: 'Internet', required: false, synonyms: ['internet', 'webseite', 'website', 'homepage', 'url', 'link'] },
	venueName: { label: 'Veranstaltungsort (Name)', required: false, synonyms: ['veranstaltungsort', 'ort des angebots', 'räumlichkeit', 'standort'] },
	street: { label: 'Straße und Hausnummer', required: false, synonyms: ['straße', 'strasse', 'adresse', 'anschrift', 'straße und hausnummer'] },
	postalCode: { label: 'PLZ', required: false, synonyms: ['plz', 'postleitzahl'] },
	city: { label: 'Ort', required: false, synonyms: ['ort', 'stadt', 'wohnort', 'gemeinde'] },
	areas: { label: 'Stadtteile', required: false, synonyms: ['stadtteile', 'stadtteil', 'sozialraum', 'quartier', 'stadtbezirk', 'bezirk'] },
	schedule: { label: 'Termine (als Text)', required: false, synonyms: ['termine', 'zeiten', 'öffnungszeiten', 'wann', 'termin', 'sprechzeiten'] },
	status: { label: 'Status', required: false, synonyms: ['status'] }
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export type Mapping = Partial<Record<ImportField, number | null>>;

const normalise = (s: string) =>
	s
		.toLowerCase()
		.normalize('NFKC')
		.replace(/ae/g, 'ä')
		.replace(/oe/g, 'ö')
		.replace(/ue/g, 'ü')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

/** Header → field by name or synonym, case-, umlaut- and punctuation-insensitive; each column used once. */
export function suggestMapping(headers: readonly string[]): Mapping {
	const mapping: Mapping = {};
	const used = new Set<number>();
	for (const [field, def] of Object.entries(IMPORT_FIELDS) as [ImportField, (typeof IMPORT_FIELDS)[ImportField]][]) {
		const names = [def.label, ...def.synonyms].map(normalise);
		const index = headers.findIndex((h, i) => !used.has(i) && names.includes(normalise(h)));
		mapping[field] = index >= 0 ? index : null;
		if (index >= 0) used.add(index);
	}
	return mapping;
}

export interface RowError {
	line: number;
	column: string;
	message: string;
}

export interface ImportContext {
	terms: Term[];
	organizations: { id: string; name: string }[];
	areas: { id: string; name: string; code: string }[];
	venues: { id: string; organizationId: string; name: string; street: string; postalCode: string }[];
	existingOffers: { organizationId: string; name: string }[];
	createOrganizations: boolean;
}

export interface PlannedOffer {
	line: number;
	/** An existing organization id, or `new:<name>`. */
	organization: string;
	organizationName: string;
	venue: { existingId: string } | { key: string; name: string; street: string; postalCode: string; city: string } | null;
	content: Omit<OfferContent, 'locationIds'>;
}

function closest(value: string, names: readonly string[]): string | null {
	const v = normalise(value);
	let best: string | null = null;
	let bestDistance = Infinity;
	for (const n of names) {
		const d = levenshtein(v, normalise(n));
		if (d < bestDistance) {
			best = n;
			bestDistance = d;
		}
	}
	return best && bestDistance <= Math.max(2, Math.floor(v.length / 3)) ? best : null;
}

/** A cell with several values: the whole cell first (a term may contain "/"), else split. */
function valuesOf(cell: string, known: (v: string) => boolean): string[] {
	const whole = cell.trim();
	if (!whole) return [];
	if (known(whole)) return [whole];
	return whole
		.split(/[,;\n]|\s\/\s|\//)
		.map((v) => v.trim())
		.filter(Boolean);
}

const germanLanguage = new Intl.DisplayNames(['de'], { type: 'language' });
const LANGUAGE_ALIASES: Record<string, string> = { farsi: 'fa', persisch: 'fa', dari: 'prs', kurdisch: 'ku', arabisch: 'ar', türkisch: 'tr', russisch: 'ru', ukrainisch: 'uk', englisch: 'en', deutsch: 'de' };
function languageCode(value: string): string | null {
	const v = normalise(value);
	if ((OFFER_LANGUAGES as readonly string[]).includes(v)) return v;
	if (LANGUAGE_ALIASES[v]) return LANGUAGE_ALIASES[v]!;
	return OFFER_LANGUAGES.find((code) => normalise(germanLanguage.of(code) ?? '') === v) ?? null;
}

const YES = new Set(['ja', 'j', 'x', 'yes', 'wahr', 'true', '1', 'kostenlos', 'kostenfrei', 'frei', 'gratis']);
const NO = new Set(['nein', 'n', 'no', 'falsch', 'false', '0', 'kostenpflichtig']);

/** Validates every row against the same rules as the form; returns the plan or every problem. */
export function planImport(sheet: Pick<Sheet, 'headers' | 'rows'>, mapping: Mapping, context: ImportContext): { offers: PlannedOffer[]; errors: RowError[]; newOrganizations: string[]; newVenues: number } {
	const errors: RowError[] = [];
	const offers: PlannedOffer[] = [];
	const columnName = (field: ImportField) => {
		const i = mapping[field];
		return i === null || i === undefined ? IMPORT_FIELDS[field].label : `${sheet.headers[i] ?? IMPORT_FIELDS[field].label} (Spalte ${i + 1})`;
	};
	for (const [field, def] of Object.entries(IMPORT_FIELDS) as [ImportField, (typeof IMPORT_FIELDS)[ImportField]][])
		if (def.required && (mapping[field] === null || mapping[field] === undefined)) errors.push({ line: 1, column: def.label, message: `Bitte ordnen Sie der Angabe „${def.label}“ eine Spalte zu.` });
	if (errors.length) return { offers, errors, newOrganizations: [], newVenues: 0 };

	const termsOf = (kind: TaxonomyKind) => context.terms.filter((t) => t.kind === kind);
	const orgByName = new Map(context.organizations.map((o) => [normalise(o.name), o]));
	const areaByName = new Map(context.areas.flatMap((a) => [[normalise(a.name), a] as const, [normalise(a.code), a] as const]));
	const seen = new Map<string, number>();
	const existing = new Set(context.existingOffers.map((o) => `${o.organizationId}|${normalise(o.name)}`));
	const newOrganizations = new Set<string>();
	const newVenueKeys = new Set<string>();

	for (const row of sheet.rows) {
		const get = (field: ImportField) => {
			const i = mapping[field];
			return i === null || i === undefined ? '' : (row.cells[i] ?? '').trim();
		};
		const problem = (field: ImportField, message: string) => errors.push({ line: row.line, column: columnName(field), message });
		const before = errors.length;

		// Organization
		const orgName = get('organization');
		let organizationId = '';
		if (!orgName) problem('organization', 'Bitte geben Sie den Träger an.');
		else {
			const known = orgByName.get(normalise(orgName));
			if (known) organizationId = known.id;
			else if (context.createOrganizations) {
				organizationId = `new:${orgName}`;
				newOrganizations.add(orgName);
			} else {
				const suggestion = closest(orgName, context.organizations.map((o) => o.name));
				problem('organization', `Den Träger „${orgName}“ gibt es noch nicht${suggestion ? ` – meinten Sie „${suggestion}“?` : '. Legen Sie ihn an oder lassen Sie neue Träger beim Import anlegen.'}`);
			}
		}

		// Terms of the four taxonomies
		const termIds: string[] = [];
		for (const [field, kind] of [
			['categories', 'category'],
			['targetGroups', 'target_group'],
			['immigrantGroups', 'immigrant_group'],
			['offerTypes', 'offer_type']
		] as const) {
			const vocabulary = termsOf(kind);
			const byName = new Map(vocabulary.flatMap((t) => [[normalise(t.name), t] as const, [normalise(t.code), t] as const]));
			for (const value of valuesOf(get(field), (v) => byName.has(normalise(v)))) {
				const term = byName.get(normalise(value));
				if (term) termIds.push(term.id);
				else {
					const suggestion = closest(value, vocabulary.map((t) => t.name));
					problem(field, `Unbekannte ${IMPORT_FIELDS[field].label === 'Kategorien' ? 'Kategorie' : 'Angabe'} „${value}“${suggestion ? ` – meinten Sie „${suggestion}“?` : '.'}`);
				}
			}
		}
		if (!get('categories')) problem('categories', 'Bitte geben Sie mindestens eine Kategorie an.');

		// Languages
		const languages: string[] = [];
		for (const value of valuesOf(get('languages'), () => false)) {
			const code = languageCode(value);
			if (code) languages.push(code);
			else problem('languages', `Unbekannte Sprache „${value}“.`);
		}

		// Areas
		const areaIds: string[] = [];
		for (const value of valuesOf(get('areas'), (v) => areaByName.has(normalise(v)))) {
			const a = areaByName.get(normalise(value));
			if (a) areaIds.push(a.id);
			else {
				const suggestion = closest(value, context.areas.map((x) => x.name));
				problem('areas', `Unbekannter Stadtteil „${value}“${suggestion ? ` – meinten Sie „${suggestion}“?` : '.'}`);
			}
		}

		// Costs
		const freeCell = normalise(get('free'));
		const fees = get('feesDescription');
		let free = !fees;
		if (freeCell) {
			if (YES.has(freeCell)) free = true;
			else if (NO.has(freeCell)) free = false;
			else problem('free', `„${get('free')}“ ist keine Angabe zu den Kosten. Bitte „ja“ oder „nein“.`);
		}

		// Status
		const statusCell = get('status');
		const status = statusCell ? (Object.entries(OFFER_STATUS_LABELS).find(([code, label]) => normalise(label).startsWith(normalise(statusCell)) || code === statusCell)?.[0] ?? null) : 'active';
		if (!status) problem('status', `Unbekannter Status „${statusCell}“ (möglich: ${Object.values(OFFER_STATUS_LABELS).join(', ')}).`);

		// Texts and contact through the same rules as the form
		const schedule = get('schedule');
		const description = get('description');
		const candidate = {
			name: get('name'),
			description: schedule && description ? `${description}\n\nTermine: ${schedule}` : description,
			applicationProcess: get('applicationProcess'),
			eligibilityDescription: get('eligibilityDescription'),
			feesDescription: fees,
			status: status ?? 'active',
			minimumAge: get('minimumAge'),
			maximumAge: get('maximumAge'),
			free,
			contactName: get('contactName'),
			email: get('email').replace(/^mailto:/i, '').trim(),
			phone: get('phone'),
			url: webAddress(get('url')),
			languages: languages.length ? [...new Set(languages)] : ['de'],
			termIds: [...new Set(termIds)],
			areaIds: [...new Set(areaIds)],
			locationIds: [],
			schedules: []
		};
		const parsed = offerContentInput.safeParse(candidate);
		const fieldOf: Record<string, ImportField> = { name: 'name', description: 'description', applicationProcess: 'applicationProcess', eligibilityDescription: 'eligibilityDescription', feesDescription: 'feesDescription', minimumAge: 'minimumAge', maximumAge: 'maximumAge', contactName: 'contactName', email: 'email', phone: 'phone', url: 'url' };
		if (!parsed.success)
			for (const issue of parsed.error.issues) {
				const field = fieldOf[String(issue.path[0])];
				if (field) problem(field, `${issue.message}${get(field) ? ` („${get(field).slice(0, 60)}“)` : ''}`);
			}

		// Venue
		let venue: PlannedOffer['venue'] = null;
		const street = get('street');
		const postalCode = get('postalCode');
		const city = get('city');
		if (street || postalCode || get('venueName')) {
			if (!street) problem('street', 'Für den Veranstaltungsort fehlen Straße und Hausnummer.');
			else if (!/^\d{5}$/.test(postalCode)) problem('postalCode', postalCode ? `„${postalCode}“ ist keine Postleitzahl (fünf Ziffern).` : 'Für den Veranstaltungsort fehlt die Postleitzahl.');
			else if (organizationId) {
				const match = context.venues.find((v) => v.organizationId === organizationId && normalise(v.street) === normalise(street) && v.postalCode === postalCode);
				if (match) venue = { existingId: match.id };
				else {
					const key = `${organizationId}|${normalise(street)}|${postalCode}`;
					newVenueKeys.add(key);
					venue = { key, name: get('venueName') || street, street, postalCode, city: city || '' };
					if (!city) problem('city', 'Für den Veranstaltungsort fehlt der Ort.');
				}
			}
		}

		// Duplicates in the file and against the directory
		const name = get('name');
		if (name && organizationId) {
			const key = `${organizationId}|${normalise(name)}`;
			if (seen.has(key)) problem('name', `Dieses Angebot steht schon in Zeile ${seen.get(key)}.`);
			else seen.set(key, row.line);
			if (existing.has(key)) problem('name', `Ein Angebot „${name}“ dieses Trägers gibt es bereits im Wegweiser.`);
		}

		if (errors.length === before && parsed.success)
			offers.push({ line: row.line, organization: organizationId, organizationName: orgName, venue, content: { ...parsed.data, termIds: [...new Set(termIds)], areaIds: [...new Set(areaIds)] } });
	}
	return { offers, errors, newOrganizations: [...newOrganizations], newVenues: newVenueKeys.size };
}

/* ---------- service: upload, mapping, preview, import ---------- */

async function contextFor(ctx: ServiceContext, createOrganizations: boolean): Promise<ImportContext> {
	await ensureDefaultTaxonomies(ctx.db, ctx.municipality.id, ctx.clock.now());
	const [terms, organizations, areas, venues, existingOffers] = await Promise.all([
		listTerms(ctx.db, ctx.municipality.id),
		ctx.db.select({ id: organization.id, name: organization.name }).from(organization).where(eq(organization.municipalityId, ctx.municipality.id)),
		ctx.db.select({ id: area.id, name: area.name, code: area.code }).from(area).where(eq(area.municipalityId, ctx.municipality.id)),
		ctx.db
			.select({ id: location.id, organizationId: location.organizationId, name: location.name, street: location.street, postalCode: location.postalCode })
			.from(location)
			.where(eq(location.municipalityId, ctx.municipality.id)),
		ctx.db
			.select({ organizationId: service.organizationId, name: sql<string>`${service.draft}->>'name'` })
			.from(service)
			.where(eq(service.municipalityId, ctx.municipality.id))
	]);
	return { terms, organizations, areas, venues, existingOffers, createOrganizations };
}

export async function uploadImport(ctx: ServiceContext, file: { name: string; bytes: Uint8Array } | null) {
	authorize(ctx, 'offers.review');
	if (!file || !file.bytes.length) throw new ValidationError('Bitte wählen Sie eine Datei.', { file: 'Bitte wählen Sie eine Datei (.csv oder .xlsx).' });
	let sheet: Sheet;
	try {
		sheet = readSpreadsheet(file.bytes, file.name);
	} catch (e) {
		if (e instanceof SpreadsheetError) throw new ValidationError(e.message, { file: e.message });
		throw e;
	}
	const now = ctx.clock.now();
	// Uploads nobody imported are not kept longer than a day: they may contain personal contact data.
	await ctx.db.delete(offerImport).where(and(eq(offerImport.municipalityId, ctx.municipality.id), eq(offerImport.status, 'open'), lt(offerImport.createdAt, new Date(now.getTime() - 86_400_000))));
	const [row] = await ctx.db
		.insert(offerImport)
		.values({
			municipalityId: ctx.municipality.id,
			userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
			filename: file.name.slice(0, 200),
			sheet,
			mapping: suggestMapping(sheet.headers) as Record<string, number | null>,
			createdAt: now
		})
		.returning({ id: offerImport.id });
	return row!.id;
}

async function findImport(ctx: ServiceContext, id: string) {
	if (!isUuid(id)) throw new NotFoundError('Diesen Import gibt es nicht.');
	const [row] = await ctx.db
		.select()
		.from(offerImport)
		.where(and(eq(offerImport.municipalityId, ctx.municipality.id), eq(offerImport.id, id)));
	if (!row) throw new NotFoundError('Diesen Import gibt es nicht (mehr).');
	return row;
}

export async function importPreview(ctx: ServiceContext, id: string) {
	authorize(ctx, 'offers.review');
	const row = await findImport(ctx, id);
	if (row.status === 'imported') return { row, plan: null };
	const plan = planImport(row.sheet, row.mapping as Mapping, await contextFor(ctx, row.createOrganizations));
	return { row, plan };
}

const mappingInput = z.object({
	publish: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
	createOrganizations: z.preprocess((v) => v === 'on' || v === true, z.boolean())
});

export async function updateImportMapping(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	authorize(ctx, 'offers.review');
	const row = await findImport(ctx, id);
	if (row.status === 'imported') throw new ConflictError('Diese Datei wurde bereits importiert.');
	const options = mappingInput.parse(raw);
	const mapping: Mapping = {};
	for (const field of Object.keys(IMPORT_FIELDS) as ImportField[]) {
		const value = String(raw[`map.${field}`] ?? '');
		const index = /^\d+$/.test(value) ? Number(value) : null;
		mapping[field] = index !== null && index < row.sheet.headers.length ? index : null;
	}
	await ctx.db
		.update(offerImport)
		.set({ mapping: mapping as Record<string, number | null>, publish: options.publish, createOrganizations: options.createOrganizations })
		.where(eq(offerImport.id, row.id));
}

/** All rows or none: one transaction creates organizations, venues and offers (published if chosen). */
export async function commitImport(ctx: ServiceContext, id: string) {
	authorize(ctx, 'offers.review');
	const row = await findImport(ctx, id);
	if (row.status === 'imported') throw new ConflictError('Diese Datei wurde bereits importiert.');
	if (row.createOrganizations) authorize(ctx, 'organizations.manage');
	const plan = planImport(row.sheet, row.mapping as Mapping, await contextFor(ctx, row.createOrganizations));
	if (plan.errors.length)
		throw new ValidationError(`Die Datei hat noch ${plan.errors.length} ${plan.errors.length === 1 ? 'Fehler' : 'Fehler'}. Es wurde nichts importiert.`);
	if (!plan.offers.length) throw new ValidationError('Die Datei enthält keine Angebote.');
	return inTransaction(ctx, async (tx) => {
		const txCtx: ServiceContext = { ...ctx, db: tx as unknown as ServiceContext['db'] };
		const now = ctx.clock.now();
		const orgIds = new Map<string, string>();
		for (const name of plan.newOrganizations) {
			const [created] = await tx.insert(organization).values({ municipalityId: ctx.municipality.id, name, type: 'other', createdAt: now, updatedAt: now }).returning();
			orgIds.set(`new:${name}`, created!.id);
			await recordAudit(tx, ctx, { action: 'organization.create', entityType: 'organization', entityId: created!.id, after: { name, source: `Import ${row.filename}` } });
		}
		const venueIds = new Map<string, string>();
		for (const offer of plan.offers) {
			const organizationId = orgIds.get(offer.organization) ?? offer.organization;
			let locationIds: string[] = [];
			if (offer.venue && 'existingId' in offer.venue) locationIds = [offer.venue.existingId];
			else if (offer.venue) {
				const key = offer.venue.key.replace(offer.organization, organizationId);
				if (!venueIds.has(key)) {
					const created = await createLocation(txCtx, { organizationId, name: offer.venue.name, street: offer.venue.street, postalCode: offer.venue.postalCode, city: offer.venue.city });
					venueIds.set(key, created.id);
				}
				locationIds = [venueIds.get(key)!];
			}
			const c = offer.content;
			const created = await createOffer(txCtx, {
				...c,
				organizationId,
				minimumAge: c.minimumAge === null ? '' : String(c.minimumAge),
				maximumAge: c.maximumAge === null ? '' : String(c.maximumAge),
				locationIds
			});
			if (row.publish) await publishOffer(txCtx, created.id);
		}
		const result = { offers: plan.offers.length, organizations: plan.newOrganizations.length, locations: venueIds.size };
		await tx
			.update(offerImport)
			.set({ status: 'imported', importedAt: now, result, sheet: { headers: row.sheet.headers, rows: [], format: row.sheet.format } })
			.where(eq(offerImport.id, row.id));
		await recordAudit(tx, ctx, { action: 'offer.import', entityType: 'offer_import', entityId: row.id, after: { filename: row.filename, ...result, published: row.publish } });
		return result;
	});
}

export async function recentImports(ctx: ServiceContext) {
	authorize(ctx, 'offers.review');
	return ctx.db
		.select({ id: offerImport.id, filename: offerImport.filename, status: offerImport.status, result: offerImport.result, createdAt: offerImport.createdAt, importedAt: offerImport.importedAt })
		.from(offerImport)
		.where(eq(offerImport.municipalityId, ctx.municipality.id))
		.orderBy(desc(offerImport.createdAt))
		.limit(10);
}

/**
 * Lists kept by hand write "www.caritas-bottrop.de" or "caritas-bottrop.de"; the form insists on a full
 * address, so a bare host name gets https:// in front. Anything else is left for the form's rules to judge.
 */
export function webAddress(cell: string): string {
	const value = cell.trim();
	if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
	return /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?:[/?#]\S*)?$/u.test(value) ? `https://${value}` : value;
}
