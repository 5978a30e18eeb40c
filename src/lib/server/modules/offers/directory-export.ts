import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { ForbiddenError } from '../../core/errors.ts';
import { organization } from '../organizations/schema.ts';
import { area } from '../areas/schema.ts';
import { location, service } from './schema.ts';
import { listTerms } from './taxonomies.ts';
import { OFFER_STATUS_LABELS, type OfferContent } from './content.ts';
import { describeSchedule } from './schedule.ts';
import { writableOrganizations } from './permissions.ts';
import type { TaxonomyKind } from './schema.ts';

/*
 * The directory as a table for the editors (CSV/XLSX from the back office). The column names are the ones
 * the spreadsheet import recognises, so an exported file can be corrected and imported again. Unlike the
 * open-data download it includes drafts and offers under review, with their working copy.
 */

export const EXPORT_COLUMNS = [
	'Titel',
	'Träger',
	'Beschreibung',
	'So nehmen Sie teil',
	'Voraussetzungen',
	'Kategorien',
	'Zielgruppen',
	'Zuwanderergruppen',
	'Angebotsform',
	'Sprachen',
	'Kostenlos',
	'Kosten',
	'Alter von',
	'Alter bis',
	'Ansprechperson',
	'E-Mail',
	'Telefon',
	'Internet',
	'Veranstaltungsort',
	'Straße',
	'PLZ',
	'Ort',
	'Stadtteile',
	'Termine',
	'Status',
	'Bearbeitungsstand',
	'Veröffentlicht am',
	'Zuletzt bestätigt',
	'ID'
] as const;

const REVIEW_LABELS: Record<string, string> = { draft: 'Entwurf', submitted: 'Zur Prüfung eingereicht', returned: 'Zurückgegeben', published: 'Veröffentlicht' };
const germanLanguage = new Intl.DisplayNames(['de'], { type: 'language' });
const day = (d: Date | null) => (d ? d.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' }) : '');

export async function exportDirectory(ctx: ServiceContext): Promise<{ headers: string[]; rows: string[][] }> {
	authorize(ctx, 'backoffice.enter');
	if (!can(ctx, 'offers.read') && !can(ctx, 'offers.editOwn')) throw new ForbiddenError();
	const own = can(ctx, 'offers.read') ? 'all' : writableOrganizations(ctx.actor, ctx.municipality.id);
	if (own !== 'all' && !own.length) return { headers: [...EXPORT_COLUMNS], rows: [] };
	const offers = await ctx.db
		.select({
			id: service.id,
			draft: service.draft,
			published: service.published,
			reviewState: service.reviewState,
			publishedAt: service.publishedAt,
			confirmedAt: service.confirmedAt,
			organizationName: organization.name
		})
		.from(service)
		.innerJoin(organization, eq(organization.id, service.organizationId))
		.where(and(eq(service.municipalityId, ctx.municipality.id), own === 'all' ? undefined : inArray(service.organizationId, [...own])))
		.orderBy(asc(sql`${service.draft}->>'name'`));
	const terms = new Map((await listTerms(ctx.db, ctx.municipality.id)).map((t) => [t.id, t]));
	const areas = new Map((await ctx.db.select({ id: area.id, name: area.name }).from(area).where(eq(area.municipalityId, ctx.municipality.id))).map((a) => [a.id, a.name]));
	const venues = new Map((await ctx.db.select().from(location).where(eq(location.municipalityId, ctx.municipality.id))).map((l) => [l.id, l]));
	const termsOf = (c: OfferContent, kind: TaxonomyKind) =>
		c.termIds
			.map((id) => terms.get(id))
			.filter((t) => t?.kind === kind)
			.map((t) => t!.name)
			.join('; ');
	const rows = offers.map((o) => {
		// The working copy is what the editors work on; for published offers without pending changes it equals the published one.
		const c = o.draft;
		const venue = c.locationIds.map((id) => venues.get(id)).find(Boolean);
		return [
			c.name,
			o.organizationName,
			c.description,
			c.applicationProcess,
			c.eligibilityDescription,
			termsOf(c, 'category'),
			termsOf(c, 'target_group'),
			termsOf(c, 'immigrant_group'),
			termsOf(c, 'offer_type'),
			c.languages.map((l) => germanLanguage.of(l) ?? l).join('; '),
			c.free ? 'ja' : 'nein',
			c.feesDescription,
			c.minimumAge === null ? '' : String(c.minimumAge),
			c.maximumAge === null ? '' : String(c.maximumAge),
			c.contactName,
			c.email,
			c.phone,
			c.url,
			venue?.name ?? '',
			venue?.street ?? '',
			venue?.postalCode ?? '',
			venue?.city ?? '',
			c.areaIds.map((id) => areas.get(id) ?? '').filter(Boolean).join('; '),
			c.schedules.map((s) => describeSchedule(s, 'de') + (s.notes ? ` (${s.notes})` : '')).join('; '),
			OFFER_STATUS_LABELS[c.status],
			REVIEW_LABELS[o.reviewState] ?? o.reviewState,
			o.published ? day(o.publishedAt) : '',
			day(o.confirmedAt),
			o.id
		];
	});
	return { headers: [...EXPORT_COLUMNS], rows };
}
