/**
 * The rules of a Verfügungsfonds (Bottrop, "Richtlinie Förderung Stadtteilarbeit", § 1–§ 7) as pure
 * functions: caps, money left, the jury's majority, deadlines in Europe/Berlin, early start, settlement
 * deadline, the three-quote rule. No I/O; the service feeds them and stores their verdicts.
 */
import { endOfBerlinDay, startOfBerlinDay } from '../../core/clock.ts';
import { formatEuro, germanDate } from '../../../i18n/grants-format.ts';

export { formatEuro, germanDate };

/** What a guideline version fixes. Amounts in integer cents. */
export interface GuidelineRules {
	annualBudgetCents: number;
	capCents: number;
	cooperationCapCents: number;
	/** From this amount per expense, several quotes are needed (Bottrop: 500 EUR, three quotes). */
	quoteThresholdCents: number;
	quotesRequired: number;
	/** Settlement within this many months after the project ends. */
	settlementMonths: number;
	/** The jury decides within this many weeks after a deadline. */
	decisionWeeks: number;
	/** Regular deadlines per year as month/day (Bottrop: 01.04. and 01.10.). */
	deadlines: { month: number; day: number }[];
	/** 'present': more yes votes than half of the members present who may vote (the guideline's "Mehrheit der erschienenen Mitglieder"); 'votes_cast': more yes than no. */
	majority: 'present' | 'votes_cast';
}

export const CENTS_PER_EURO = 100;

// ---------------------------------------------------------------- money

/**
 * Reads an amount as people type it in Germany: "1.500", "1500,50", "1.500,50 €", "99.5", "EUR 20".
 * Returns cents, or null when the text is no amount (negative amounts and more than two decimals are none).
 */
export function parseEuro(text: string): number | null {
	const t = text.replace(/\s|€|EUR/gi, '').trim();
	if (!t) return null;
	let normalised: string;
	if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t)) normalised = t.replace(/\./g, '').replace(',', '.');
	else if (/^\d+(,\d{1,2})?$/.test(t)) normalised = t.replace(',', '.');
	else if (/^\d+\.\d{1,2}$/.test(t)) normalised = t;
	else return null;
	const [whole, frac = ''] = normalised.split('.');
	const cents = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? cents : null;
}

/** The cap of one project: cooperation projects may receive more (§ 6). */
export function capFor(rules: Pick<GuidelineRules, 'capCents' | 'cooperationCapCents'>, isCooperation: boolean): number {
	return isCooperation ? rules.cooperationCapCents : rules.capCents;
}

export interface GrantLimit {
	maxCents: number;
	/** Which limit binds: the cap, the amount applied for, or the money left in the fund year. */
	limitedBy: 'cap' | 'requested' | 'budget';
}

/** The most a grant may be: never above its cap, the amount applied for, or what is left in the year. */
export function grantLimit(input: { capCents: number; requestedCents: number; leftCents: number }): GrantLimit {
	const candidates: [number, GrantLimit['limitedBy']][] = [
		[input.requestedCents, 'requested'],
		[input.capCents, 'cap'],
		[input.leftCents, 'budget']
	];
	let best = candidates[0]!;
	for (const c of candidates) if (c[0] < best[0]) best = c;
	return { maxCents: Math.max(0, best[0]), limitedBy: best[1] };
}

/** Why an amount cannot be granted, in German, or null when it can. */
export function grantAmountError(amountCents: number, limit: GrantLimit): string | null {
	if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return 'Bitte einen Betrag über 0 € angeben.';
	if (amountCents <= limit.maxCents) return null;
	const max = formatEuro(limit.maxCents);
	if (limit.limitedBy === 'budget') return `Im Förderjahr sind nur noch ${max} frei.`;
	if (limit.limitedBy === 'cap') return `Die Förderhöchstgrenze für dieses Projekt liegt bei ${max}.`;
	return `Beantragt wurden nur ${max}.`;
}

export interface FundYearLedger {
	budgetCents: number;
	/** Applied for by submitted applications that are not decided yet. */
	reservedCents: number;
	/** Granted, net of amounts released after settlement or withdrawal. */
	grantedCents: number;
	paidCents: number;
	refundedCents: number;
	/** Budget minus granted: what the jury may still give. */
	leftCents: number;
	/** Left minus reserved: what remains if every pending application got what it asks. */
	leftAfterReservedCents: number;
}

export type LedgerKind = 'commitment' | 'release' | 'payment' | 'refund';

/** The ledger of a fund year from its bookings and the applications still pending. */
export function fundYearLedger(budgetCents: number, entries: { kind: LedgerKind; amountCents: number }[], pendingRequestedCents: number): FundYearLedger {
	const sum = (kind: LedgerKind) => entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountCents, 0);
	const grantedCents = sum('commitment') - sum('release');
	const leftCents = budgetCents - grantedCents;
	return {
		budgetCents,
		reservedCents: pendingRequestedCents,
		grantedCents,
		paidCents: sum('payment') - sum('refund'),
		refundedCents: sum('refund'),
		leftCents,
		leftAfterReservedCents: leftCents - pendingRequestedCents
	};
}

// ---------------------------------------------------------------- jury

export type VoteChoice = 'yes' | 'no' | 'abstain';

export interface JuryMemberRef {
	id: string;
	/** A deputy stands in for this member. */
	deputyOf: string | null;
}

/**
 * Who may vote in a session: the members present; a deputy only when the member they stand in for is absent
 * (one seat, one vote).
 */
export function votingSeats(members: JuryMemberRef[], presentIds: ReadonlySet<string>): string[] {
	const seatTaken = new Set<string>();
	const out: string[] = [];
	for (const m of members) {
		if (!presentIds.has(m.id)) continue;
		if (!m.deputyOf) out.push(m.id);
		// A deputy votes only for an absent member, and only one deputy per seat.
		else if (!presentIds.has(m.deputyOf) && !seatTaken.has(m.deputyOf)) {
			seatTaken.add(m.deputyOf);
			out.push(m.id);
		}
	}
	return out;
}

export interface JuryTally {
	yes: number;
	no: number;
	abstain: number;
	/** Present and entitled to vote on this item (recused members excluded). */
	entitled: number;
	/** Entitled members whose vote is not recorded (count as abstaining when the session closes). */
	notVoted: string[];
	/** Yes votes needed for a majority. */
	needed: number;
	outcome: 'approved' | 'rejected';
}

/** Votes to a result. Throws for a vote that may not count; a tie is never a majority. */
export function tallyVotes(input: { entitledIds: string[]; recusedIds: ReadonlySet<string>; votes: { memberId: string; choice: VoteChoice }[]; majority: GuidelineRules['majority'] }): JuryTally {
	const entitled = input.entitledIds.filter((id) => !input.recusedIds.has(id));
	const entitledSet = new Set(entitled);
	const seen = new Set<string>();
	let yes = 0,
		no = 0,
		abstain = 0;
	for (const v of input.votes) {
		if (input.recusedIds.has(v.memberId)) throw new Error(`Befangenes Mitglied ${v.memberId} hat abgestimmt.`);
		if (!entitledSet.has(v.memberId)) throw new Error(`Mitglied ${v.memberId} ist nicht stimmberechtigt.`);
		if (seen.has(v.memberId)) throw new Error(`Mitglied ${v.memberId} hat doppelt abgestimmt.`);
		seen.add(v.memberId);
		if (v.choice === 'yes') yes++;
		else if (v.choice === 'no') no++;
		else abstain++;
	}
	const notVoted = entitled.filter((id) => !seen.has(id));
	const needed = input.majority === 'present' ? Math.floor(entitled.length / 2) + 1 : no + 1;
	const outcome = entitled.length > 0 && yes >= needed && yes > no ? 'approved' : 'rejected';
	return { yes, no, abstain, entitled: entitled.length, notVoted, needed, outcome };
}

// ---------------------------------------------------------------- dates (Europe/Berlin)

/** The calendar date in Berlin of an instant, as YYYY-MM-DD. */
export function berlinDate(at: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function isIsoDate(value: string): boolean {
	return startOfBerlinDay(value) !== null;
}

/** Adds days to a calendar date. */
export function addDays(isoDate: string, days: number): string {
	const d = new Date(`${isoDate}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Adds calendar months; a day that the target month lacks becomes its last day (31.12. + 2 months = 28./29.02.). */
export function addMonths(isoDate: string, months: number): string {
	const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
	const total = y * 12 + (m - 1) + months;
	const ty = Math.floor(total / 12);
	const tm = total % 12;
	const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
	return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The regular deadlines of a calendar year, in order. */
export function regularDeadlines(rules: Pick<GuidelineRules, 'deadlines'>, year: number): string[] {
	return rules.deadlines
		.map((d) => `${year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`)
		.filter(isIsoDate)
		.sort();
}

/** A deadline day counts until 23:59:59 local time. */
export function isBeforeDeadline(deadline: string, at: Date): boolean {
	const end = endOfBerlinDay(deadline);
	return end !== null && at.getTime() <= end.getTime();
}

/** The round an application submitted at `at` belongs to: the earliest open round whose deadline has not passed. */
export function roundFor<R extends { deadline: string; status: string }>(rounds: R[], at: Date): R | null {
	return [...rounds].filter((r) => r.status === 'open' && isBeforeDeadline(r.deadline, at)).sort((a, b) => a.deadline.localeCompare(b.deadline))[0] ?? null;
}

/** The jury decides within n weeks after a deadline. */
export function decisionDueDate(deadline: string, weeks: number): string {
	return addDays(deadline, weeks * 7);
}

/** The project must not start before approval: its first day may be the day of the decision, not earlier. */
export function startsBeforeApproval(startDate: string, decidedAt: Date): boolean {
	return startDate < berlinDate(decidedAt);
}

/** Settlement is due n months after the project's last day. */
export function settlementDueDate(endDate: string, months: number): string {
	return addMonths(endDate, months);
}

export type DeadlineState = 'open' | 'due_soon' | 'overdue';

/** Where a date-bound duty stands at an instant; due soon within `soonDays` days. */
export function deadlineState(due: string, at: Date, soonDays = 14): DeadlineState {
	if (!isBeforeDeadline(due, at)) return 'overdue';
	return berlinDate(at) >= addDays(due, -soonDays) ? 'due_soon' : 'open';
}

/** Changes of the guideline decided by the jury must be confirmed by the council within 3 months. */
export function councilConfirmationDue(decidedOn: string, months = 3): string {
	return addMonths(decidedOn, months);
}

// ---------------------------------------------------------------- settlement

export interface QuoteRef {
	supplier: string;
	amountCents: number;
	chosen: boolean;
}

export interface ExpenseCheckInput {
	label: string;
	amountCents: number;
	quotes: QuoteRef[];
	/** Why a quote other than the cheapest was chosen. */
	choiceReason: string;
	isFreelance: boolean;
	hasFeeContract: boolean;
}

export type ExpenseFinding = 'quotes_missing' | 'no_quote_chosen' | 'not_cheapest_without_reason' | 'fee_contract_missing';

export const EXPENSE_FINDING_TEXT: Record<ExpenseFinding, string> = {
	quotes_missing: 'Es fehlen Vergleichsangebote.',
	no_quote_chosen: 'Es ist nicht vermerkt, welches Angebot gewählt wurde.',
	not_cheapest_without_reason: 'Gewählt wurde nicht das wirtschaftlichste Angebot, und eine Begründung fehlt.',
	fee_contract_missing: 'Für die Honorartätigkeit fehlt der Honorarvertrag.'
};

/** The three-quote rule from 500 EUR and the fee contract for freelance work (§ 6). */
export function checkExpense(e: ExpenseCheckInput, rules: Pick<GuidelineRules, 'quoteThresholdCents' | 'quotesRequired'>): ExpenseFinding[] {
	const findings: ExpenseFinding[] = [];
	if (e.amountCents >= rules.quoteThresholdCents) {
		if (e.quotes.length < rules.quotesRequired) findings.push('quotes_missing');
		const chosen = e.quotes.filter((q) => q.chosen);
		if (e.quotes.length > 0 && chosen.length !== 1) findings.push('no_quote_chosen');
		else if (chosen.length === 1) {
			const cheapest = Math.min(...e.quotes.map((q) => q.amountCents));
			if (chosen[0]!.amountCents > cheapest && !e.choiceReason.trim()) findings.push('not_cheapest_without_reason');
		}
	}
	if (e.isFreelance && !e.hasFeeContract) findings.push('fee_contract_missing');
	return findings;
}

/**
 * What the fund pays after settlement. The grant fills the gap (Fehlbedarfsfinanzierung): accepted costs minus
 * own and sponsor money, never more than granted. Whatever was paid in advance beyond that is refunded; the
 * rest of the grant goes back to the fund year.
 */
export function settlementOutcome(input: { grantedCents: number; acceptedCostsCents: number; ownCents: number; sponsorCents: number; advancePaidCents: number }) {
	const payableCents = Math.max(0, Math.min(input.grantedCents, input.acceptedCostsCents - input.ownCents - input.sponsorCents));
	return {
		payableCents,
		paymentDueCents: Math.max(0, payableCents - input.advancePaidCents),
		refundDueCents: Math.max(0, input.advancePaidCents - payableCents),
		releasedCents: input.grantedCents - payableCents
	};
}

// ---------------------------------------------------------------- pre-check

export const PRECHECK_CRITERIA = [
	{ key: 'applicant', label: 'Antragsberechtigt: Gruppe, Verein oder Institution mit Projekten im Stadtteil (§ 5)' },
	{ key: 'district', label: 'Eindeutiger Bezug zu einem Stadtteil, in dem das Projekt wirkt (§ 1)' },
	{ key: 'excluded_area', label: 'Kein Gebiet mit eigenem Fonds der Städtebauförderung und ähnlichem Inhalt (§ 5)' },
	{ key: 'goals', label: 'Dient mindestens einem Ziel des Fonds (§ 1)' },
	{ key: 'timely_result', label: 'Führt zeitnah zu einem Ergebnis (§ 1)' },
	{ key: 'small_scale', label: 'Kleinteilig, nicht kommerziell und sozial (§ 1)' },
	{ key: 'no_regular_funding', label: 'Ersetzt keine Regelfinanzierung (§ 1)' },
	{ key: 'lawful', label: 'Verstößt nicht gegen Recht, Bestimmungen oder die guten Sitten (§ 5)' },
	{ key: 'financing', label: 'Kostenplan nachvollziehbar, Betrag innerhalb der Höchstgrenze (§ 6)' },
	{ key: 'no_early_start', label: 'Projekt beginnt nicht vor der Bewilligung (§ 4)' }
] as const;
export type PrecheckKey = (typeof PRECHECK_CRITERIA)[number]['key'];
export type PrecheckMark = 'met' | 'not_met' | 'open';
export type Precheck = Partial<Record<PrecheckKey, { mark: PrecheckMark; note: string }>>;

/** Eligible when every criterion is met; not eligible when one is not met; otherwise still open. */
export function precheckOutcome(check: Precheck): 'eligible' | 'not_eligible' | 'open' {
	const marks = PRECHECK_CRITERIA.map((c) => check[c.key]?.mark ?? 'open');
	if (marks.includes('not_met')) return 'not_eligible';
	return marks.every((m) => m === 'met') ? 'eligible' : 'open';
}
