/** The ledger of a fund year, the yearly report, and the public list of funded projects. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { application, fund, fundYear, ledgerEntry, round } from './schema.ts';
import { guidelineAt, loadFund } from './common.ts';
import { berlinDate, fundYearLedger, regularDeadlines } from './rules.ts';
import { GRANTED_STATUSES as GRANTED, PENDING_STATUSES as PENDING } from './schema.ts';

/** Budget, reserved, granted, paid, refunded and left of one fund year. */
export async function ledgerForYear(ctx: ServiceContext, fundId: string, year: number) {
	if (!can(ctx, 'grants.vote')) authorize(ctx, 'grants.read');
	const f = await loadFund(ctx.db, ctx, fundId);
	return computeLedger(ctx, f.id, year);
}

async function computeLedger(ctx: ServiceContext, fundId: string, year: number) {
	const [fy] = await ctx.db
		.select()
		.from(fundYear)
		.where(and(eq(fundYear.fundId, fundId), eq(fundYear.year, year)));
	// Before the first grant of a year its row does not exist yet; the budget is the guideline's for that year.
	const budget = fy?.budgetCents ?? (await guidelineAt(ctx.db, fundId, new Date(Date.UTC(year, 0, 1)))).annualBudgetCents;
	const entries = fy ? await ctx.db.select({ kind: ledgerEntry.kind, amountCents: ledgerEntry.amountCents }).from(ledgerEntry).where(eq(ledgerEntry.fundYearId, fy.id)) : [];
	const [pending] = await ctx.db
		.select({ sum: sql<number>`coalesce(sum(${application.requestedCents}), 0)::int` })
		.from(application)
		.innerJoin(round, eq(round.id, application.roundId))
		.where(and(eq(application.fundId, fundId), eq(round.year, year), inArray(application.status, PENDING)));
	return fundYearLedger(budget, entries, pending?.sum ?? 0);
}

export async function ledgerEntries(ctx: ServiceContext, fundId: string, year: number) {
	authorize(ctx, 'grants.read');
	const f = await loadFund(ctx.db, ctx, fundId);
	return ctx.db
		.select({ entry: ledgerEntry, reference: application.reference, title: application.title })
		.from(ledgerEntry)
		.innerJoin(fundYear, eq(fundYear.id, ledgerEntry.fundYearId))
		.innerJoin(application, eq(application.id, ledgerEntry.applicationId))
		.where(and(eq(fundYear.fundId, f.id), eq(fundYear.year, year)))
		.orderBy(asc(ledgerEntry.at));
}

export interface ReportRow {
	key: string;
	applications: number;
	approved: number;
	rejected: number;
	requestedCents: number;
	grantedCents: number;
}

/** The yearly report: applications, approvals, rejections and amounts, by district and by goal. */
export async function yearReport(ctx: ServiceContext, fundId: string, year: number) {
	authorize(ctx, 'grants.read');
	const f = await loadFund(ctx.db, ctx, fundId);
	const apps = await ctx.db
		.select({ a: application })
		.from(application)
		.innerJoin(round, eq(round.id, application.roundId))
		.where(and(eq(application.fundId, f.id), eq(round.year, year), sql`${application.status} not in ('draft', 'withdrawn')`));
	const g = await guidelineAt(ctx.db, f.id, new Date(Date.UTC(year, 11, 31)));
	const row = (key: string, list: typeof apps): ReportRow => ({
		key,
		applications: list.length,
		approved: list.filter((x) => GRANTED.includes(x.a.status)).length,
		rejected: list.filter((x) => x.a.status === 'rejected' || x.a.status === 'ineligible').length,
		requestedCents: list.reduce((s, x) => s + x.a.requestedCents, 0),
		grantedCents: list.filter((x) => GRANTED.includes(x.a.status)).reduce((s, x) => s + x.a.grantedCents, 0)
	});
	const districts = [...new Set(apps.map((x) => x.a.district))].sort((a, b) => a.localeCompare(b, 'de'));
	const goalLabels = new Map(g.goals.map((x) => [x.key, x.label]));
	const goalKeys = [...new Set(apps.flatMap((x) => x.a.goals))];
	return {
		fund: f,
		year,
		total: row('Insgesamt', apps),
		pending: apps.filter((x) => PENDING.includes(x.a.status)).length,
		byDistrict: districts.map((d) => row(d, apps.filter((x) => x.a.district === d))),
		// One application may serve several goals: the rows do not add up to the total.
		byGoal: goalKeys.map((k) => row(goalLabels.get(k) ?? k, apps.filter((x) => x.a.goals.includes(k)))).sort((a, b) => b.applications - a.applications),
		ledger: await computeLedger(ctx, f.id, year)
	};
}

/** Public: funds with their current rules, next deadline and money left in the current year. */
export async function publicFunds(ctx: ServiceContext) {
	const funds = await ctx.db.select().from(fund).where(eq(fund.municipalityId, ctx.municipality.id)).orderBy(asc(fund.name));
	const now = ctx.clock.now();
	const today = berlinDate(now);
	const year = Number(today.slice(0, 4));
	return Promise.all(
		funds.map(async (f) => {
			const g = await guidelineAt(ctx.db, f.id, now);
			const extra = await ctx.db
				.select({ deadline: round.deadline })
				.from(round)
				.where(and(eq(round.fundId, f.id), eq(round.status, 'open'), sql`${round.deadline} >= ${today}`));
			const next = [...regularDeadlines(g, year), ...regularDeadlines(g, year + 1), ...extra.map((e) => e.deadline)].filter((d) => d >= today).sort()[0] ?? null;
			// Money left is that of the fund year the next deadline belongs to: that is where a new application will be paid from.
			return { fund: f, guideline: g, nextDeadline: next, ledger: await computeLedger(ctx, f.id, next ? Number(next.slice(0, 4)) : year) };
		})
	);
}

/** Public: funded projects whose applicants agreed to be named. */
export async function fundedProjects(ctx: ServiceContext, fundId: string) {
	return ctx.db
		.select({ title: application.title, organizationName: application.organizationName, district: application.district, grantedCents: application.grantedCents, year: round.year, description: application.description })
		.from(application)
		.innerJoin(round, eq(round.id, application.roundId))
		.where(and(eq(application.fundId, fundId), eq(application.municipalityId, ctx.municipality.id), eq(application.publishConsent, true), inArray(application.status, GRANTED)))
		.orderBy(sql`${round.year} desc`, asc(application.title));
}


/** Public: one fund with the rules in force, for the application form. */
export async function publicFundBySlug(ctx: ServiceContext, slug: string) {
	const f = await loadFund(ctx.db, ctx, slug);
	return { fund: f, guideline: await guidelineAt(ctx.db, f.id, ctx.clock.now()) };
}

/** Whether the municipality runs a fund at all (portal navigation). */
export async function hasFunds(db: ServiceContext['db'], municipalityId: string): Promise<boolean> {
	const [row] = await db.select({ id: fund.id }).from(fund).where(eq(fund.municipalityId, municipalityId)).limit(1);
	return !!row;
}
