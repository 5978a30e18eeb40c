import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { ValidationError } from '../../core/errors.ts';
import { endOfBerlinDay, startOfBerlinDay } from '../../core/clock.ts';
import { organization } from '../organizations/schema.ts';
import { offerConfirmation, taxonomy, taxonomyTerm } from './schema.ts';

/*
 * Participation figures for the annual integration report ("Beteiligung von Einrichtungen, Vereinen und
 * städtischen Dienststellen"): an organization takes part in a year when it published or confirmed at
 * least one offer in that year – the yearly confirmation is the survey. Arrivals and departures compare
 * with the year before; the spectrum counts the categories each organization served ("1 to 13 of 17").
 */

export interface ParticipatingOrganization {
	id: string;
	name: string;
	offers: number;
	categories: string[];
}

export interface ParticipationReport {
	year: number;
	/** The year is not over: departures may still confirm. */
	provisional: boolean;
	organizations: ParticipatingOrganization[];
	categoryTotal: number;
	spectrum: { min: number; max: number } | null;
	arrivals: { id: string; name: string }[];
	departures: { id: string; name: string }[];
	previousCount: number;
	/** Participating organizations per year, oldest first, for the "participation over time" chart. */
	timeline: { year: number; count: number }[];
	/** How many offers serve each category this year (organizations counted once per category). */
	byCategory: { name: string; organizations: number }[];
}

export function berlinYear(at: Date): number {
	return Number(at.toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric' }));
}

/** The organizations of one year, with the categories of each offer as last confirmed in that year. */
async function participantsOf(ctx: ServiceContext, year: number) {
	const from = startOfBerlinDay(`${year}-01-01`)!;
	const to = endOfBerlinDay(`${year}-12-31`)!;
	// Latest confirmation per offer within the year: an offer whose categories changed counts as it stood last.
	const latest = ctx.db
		.selectDistinctOn([offerConfirmation.serviceId], {
			serviceId: offerConfirmation.serviceId,
			organizationId: offerConfirmation.organizationId,
			categoryIds: offerConfirmation.categoryIds
		})
		.from(offerConfirmation)
		.where(and(eq(offerConfirmation.municipalityId, ctx.municipality.id), gte(offerConfirmation.confirmedAt, from), lte(offerConfirmation.confirmedAt, to)))
		.orderBy(offerConfirmation.serviceId, sql`${offerConfirmation.confirmedAt} desc`)
		.as('latest');
	const rows = await ctx.db
		.select({
			id: latest.organizationId,
			name: organization.name,
			offers: sql<number>`count(distinct ${latest.serviceId})::int`,
			categoryIds: sql<string[]>`coalesce(array_agg(distinct c.id) filter (where c.id is not null), '{}')`
		})
		.from(latest)
		.innerJoin(organization, eq(organization.id, latest.organizationId))
		.leftJoin(sql`unnest(${latest.categoryIds}) as c(id)`, sql`true`)
		.groupBy(latest.organizationId, organization.name)
		.orderBy(asc(organization.name));
	return rows;
}

export async function participationReport(ctx: ServiceContext, year: number): Promise<ParticipationReport> {
	authorize(ctx, 'offers.read');
	const currentYear = berlinYear(ctx.clock.now());
	if (!Number.isInteger(year) || year < 2000 || year > currentYear) throw new ValidationError(`Bitte wählen Sie ein Berichtsjahr zwischen 2000 und ${currentYear}.`);
	const categories = await ctx.db
		.select({ id: taxonomyTerm.id, name: taxonomyTerm.name })
		.from(taxonomyTerm)
		.innerJoin(taxonomy, eq(taxonomy.id, taxonomyTerm.taxonomyId))
		.where(and(eq(taxonomyTerm.municipalityId, ctx.municipality.id), eq(taxonomy.kind, 'category')))
		.orderBy(asc(taxonomyTerm.position), asc(taxonomyTerm.name));
	const nameOf = new Map(categories.map((c) => [c.id, c.name]));
	const [current, previous] = await Promise.all([participantsOf(ctx, year), participantsOf(ctx, year - 1)]);
	const organizations = current.map((o) => ({
		id: o.id,
		name: o.name,
		offers: o.offers,
		// A category deleted since then is no longer in the vocabulary: it is not counted.
		categories: o.categoryIds.map((id) => nameOf.get(id)).filter((n): n is string => !!n).sort((a, b) => a.localeCompare(b, 'de'))
	}));
	const counts = organizations.map((o) => o.categories.length);
	const currentIds = new Set(current.map((o) => o.id));
	const previousIds = new Set(previous.map((o) => o.id));
	const timelineRows = await ctx.db
		.select({
			year: sql<number>`extract(year from ${offerConfirmation.confirmedAt} at time zone 'Europe/Berlin')::int`,
			count: sql<number>`count(distinct ${offerConfirmation.organizationId})::int`
		})
		.from(offerConfirmation)
		.where(eq(offerConfirmation.municipalityId, ctx.municipality.id))
		.groupBy(sql`1`)
		.orderBy(sql`1`);
	return {
		year,
		provisional: year === currentYear,
		organizations,
		categoryTotal: categories.length,
		spectrum: counts.length ? { min: Math.min(...counts), max: Math.max(...counts) } : null,
		arrivals: current.filter((o) => !previousIds.has(o.id)).map(({ id, name }) => ({ id, name })),
		departures: previous.filter((o) => !currentIds.has(o.id)).map(({ id, name }) => ({ id, name })),
		previousCount: previous.length,
		timeline: timelineRows.filter((r) => r.year <= year),
		byCategory: categories
			.map((c) => ({ name: c.name, organizations: organizations.filter((o) => o.categories.includes(c.name)).length }))
			.filter((c) => c.organizations > 0)
			.sort((a, b) => b.organizations - a.organizations || a.name.localeCompare(b.name, 'de'))
	};
}
