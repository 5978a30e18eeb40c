/**
 * Table-driven tests of the pure rules of the Verfügungsfonds (Bottrop, "Richtlinie Förderung Stadtteilarbeit").
 * Every expected value is worked out by hand from the guideline: cap 1.500 € (2.000 € for cooperation projects),
 * 15.000 € per year, deadlines 01.04. and 01.10., decision within 4 weeks, settlement within 2 months after the
 * project ends, three quotes from 500 € per expense, fee contract for freelance work, simple majority of the members
 * present (recused members do not vote, a tie is no majority), dates in Europe/Berlin (a deadline day counts until
 * 23:59:59 local time; CEST = UTC+2 from the last Sunday in March to the last Sunday in October, CET = UTC+1).
 */
import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	berlinDate,
	capFor,
	checkExpense,
	councilConfirmationDue,
	decisionDueDate,
	deadlineState,
	EXPENSE_FINDING_TEXT,
	formatEuro,
	fundYearLedger,
	germanDate,
	grantAmountError,
	grantLimit,
	isBeforeDeadline,
	isIsoDate,
	parseEuro,
	PRECHECK_CRITERIA,
	precheckOutcome,
	regularDeadlines,
	roundFor,
	settlementDueDate,
	settlementOutcome,
	startsBeforeApproval,
	tallyVotes,
	votingSeats,
	type DeadlineState,
	type ExpenseCheckInput,
	type ExpenseFinding,
	type GrantLimit,
	type GuidelineRules,
	type JuryMemberRef,
	type LedgerKind,
	type Precheck,
	type PrecheckKey,
	type QuoteRef,
	type VoteChoice
} from './rules.ts';

/** The Bottrop guideline as a rules object. */
const BOTTROP: GuidelineRules = {
	annualBudgetCents: 1_500_000,
	capCents: 150_000,
	cooperationCapCents: 200_000,
	quoteThresholdCents: 50_000,
	quotesRequired: 3,
	settlementMonths: 2,
	decisionWeeks: 4,
	deadlines: [
		{ month: 4, day: 1 },
		{ month: 10, day: 1 }
	],
	majority: 'present'
};

const at = (iso: string) => new Date(iso);

// ================================================================ money

describe('formatEuro', () => {
	it.each([
		{ name: 'zero', cents: 0, text: '0,00 €' },
		{ name: 'one cent', cents: 1, text: '0,01 €' },
		{ name: 'cents below one euro', cents: 99, text: '0,99 €' },
		{ name: 'one euro', cents: 100, text: '1,00 €' },
		{ name: 'ten cents keep their zero', cents: 1_010, text: '10,10 €' },
		{ name: 'largest amount without a thousands separator', cents: 99_999, text: '999,99 €' },
		{ name: 'exactly one thousand', cents: 100_000, text: '1.000,00 €' },
		{ name: 'the quote threshold', cents: 50_000, text: '500,00 €' },
		{ name: 'the project cap', cents: 150_000, text: '1.500,00 €' },
		{ name: 'the cap with cents', cents: 150_050, text: '1.500,50 €' },
		{ name: 'the cooperation cap', cents: 200_000, text: '2.000,00 €' },
		{ name: 'the annual budget', cents: 1_500_000, text: '15.000,00 €' },
		{ name: 'six digits of euros', cents: 12_345_678, text: '123.456,78 €' },
		{ name: 'one million', cents: 100_000_000, text: '1.000.000,00 €' },
		{ name: 'millions with cents', cents: 123_456_789, text: '1.234.567,89 €' },
		{ name: 'negative cents only', cents: -5, text: '-0,05 €' },
		{ name: 'negative euro', cents: -100, text: '-1,00 €' },
		{ name: 'negative thousands', cents: -150_000, text: '-1.500,00 €' },
		{ name: 'negative millions', cents: -123_456_789, text: '-1.234.567,89 €' }
	])('$name: $cents → "$text"', ({ cents, text }) => {
		expect(formatEuro(cents)).toBe(text);
	});
});

describe('parseEuro', () => {
	it.each([
		{ name: 'plain euros', text: '1500', cents: 150_000 },
		{ name: 'German thousands point means thousands, not decimals', text: '1.500', cents: 150_000 },
		{ name: 'German decimal comma, one digit', text: '1,5', cents: 150 },
		{ name: 'German decimal comma, two digits', text: '1,50', cents: 150 },
		{ name: 'German decimal comma with leading zero cent', text: '1,05', cents: 105 },
		{ name: 'euros and cents without thousands point', text: '1500,50', cents: 150_050 },
		{ name: 'thousands point and decimal comma with €', text: '1.500,50 €', cents: 150_050 },
		{ name: 'thousands point and one decimal', text: '1.500,5', cents: 150_050 },
		{ name: 'prefix EUR', text: 'EUR 20', cents: 2_000 },
		{ name: 'suffix EUR', text: '20 EUR', cents: 2_000 },
		{ name: 'lowercase eur', text: 'eur 20', cents: 2_000 },
		{ name: '€ without space', text: '20€', cents: 2_000 },
		{ name: 'leading € sign', text: '€ 20,00', cents: 2_000 },
		{ name: 'surrounding whitespace', text: '  42  ', cents: 4_200 },
		{ name: 'space as thousands separator', text: '1 500', cents: 150_000 },
		{ name: 'point as decimal separator, one digit', text: '99.5', cents: 9_950 },
		{ name: 'point as decimal separator, two digits', text: '99.05', cents: 9_905 },
		{ name: 'point with two digits is a decimal, not thousands', text: '1.50', cents: 150 },
		{ name: 'zero', text: '0', cents: 0 },
		{ name: 'one cent', text: '0,01', cents: 1 },
		{ name: 'millions with points', text: '1.000.000', cents: 100_000_000 },
		{ name: 'millions with points and cents', text: '1.234.567,89', cents: 123_456_789 }
	])('$name: "$text" → $cents cents', ({ text, cents }) => {
		expect(parseEuro(text)).toBe(cents);
	});

	it.each([
		{ name: 'negative amount', text: '-5' },
		{ name: 'negative amount with cents', text: '-5,00' },
		{ name: 'explicit plus sign', text: '+5' },
		{ name: 'three decimals after a comma', text: '1,234' },
		{ name: 'three decimals after a comma, larger', text: '12,345' },
		{ name: 'four decimals after a point', text: '1.2345' },
		{ name: 'three decimals after thousands and comma', text: '1.500,505' },
		{ name: 'letters', text: 'abc' },
		{ name: 'misplaced points', text: '1.50.0' },
		{ name: 'thousands group too short', text: '1.500.00' },
		{ name: 'thousands groups of wrong size', text: '12.34.567' },
		{ name: 'English format with comma thousands', text: '1,500.00' },
		{ name: 'empty text', text: '' },
		{ name: 'only whitespace', text: '   ' },
		{ name: 'only the currency sign', text: '€' },
		{ name: 'only the currency code', text: 'EUR' },
		{ name: 'decimals without euros', text: ',5' },
		{ name: 'trailing comma', text: '5,' },
		{ name: 'exponent notation', text: '1e3' },
		{ name: 'too large to be exact', text: '99999999999999999' }
	])('rejects $name: "$text"', ({ text }) => {
		expect(parseEuro(text)).toBeNull();
	});
});

describe('capFor', () => {
	it.each([
		{ name: 'an ordinary project gets 1.500 €', isCooperation: false, cap: 150_000 },
		{ name: 'a cooperation project gets 2.000 €', isCooperation: true, cap: 200_000 }
	])('$name', ({ isCooperation, cap }) => {
		expect(capFor(BOTTROP, isCooperation)).toBe(cap);
	});
});

describe('grantLimit', () => {
	it.each<{ name: string; capCents: number; requestedCents: number; leftCents: number; expected: GrantLimit }>([
		{ name: 'cap binds when more is requested', capCents: 150_000, requestedCents: 250_000, leftCents: 1_000_000, expected: { maxCents: 150_000, limitedBy: 'cap' } },
		{ name: 'cooperation cap binds', capCents: 200_000, requestedCents: 300_000, leftCents: 1_000_000, expected: { maxCents: 200_000, limitedBy: 'cap' } },
		{ name: 'requested amount binds', capCents: 150_000, requestedCents: 80_000, leftCents: 1_000_000, expected: { maxCents: 80_000, limitedBy: 'requested' } },
		{ name: 'money left in the year binds', capCents: 150_000, requestedCents: 120_000, leftCents: 50_000, expected: { maxCents: 50_000, limitedBy: 'budget' } },
		{ name: 'money left binds by one cent', capCents: 150_000, requestedCents: 150_000, leftCents: 149_999, expected: { maxCents: 149_999, limitedBy: 'budget' } },
		{ name: 'tie requested = cap: requested is named', capCents: 150_000, requestedCents: 150_000, leftCents: 1_000_000, expected: { maxCents: 150_000, limitedBy: 'requested' } },
		{ name: 'tie requested = left: requested is named', capCents: 150_000, requestedCents: 90_000, leftCents: 90_000, expected: { maxCents: 90_000, limitedBy: 'requested' } },
		{ name: 'tie cap = left: cap is named', capCents: 150_000, requestedCents: 200_000, leftCents: 150_000, expected: { maxCents: 150_000, limitedBy: 'cap' } },
		{ name: 'three-way tie: requested is named', capCents: 150_000, requestedCents: 150_000, leftCents: 150_000, expected: { maxCents: 150_000, limitedBy: 'requested' } },
		{ name: 'nothing left', capCents: 150_000, requestedCents: 100_000, leftCents: 0, expected: { maxCents: 0, limitedBy: 'budget' } },
		{ name: 'negative left (overbooked year) becomes 0', capCents: 150_000, requestedCents: 100_000, leftCents: -30_000, expected: { maxCents: 0, limitedBy: 'budget' } }
	])('$name', ({ capCents, requestedCents, leftCents, expected }) => {
		expect(grantLimit({ capCents, requestedCents, leftCents })).toEqual(expected);
	});
});

describe('grantAmountError', () => {
	const cap: GrantLimit = { maxCents: 150_000, limitedBy: 'cap' };
	const budget: GrantLimit = { maxCents: 120_050, limitedBy: 'budget' };
	const requested: GrantLimit = { maxCents: 80_000, limitedBy: 'requested' };
	const empty: GrantLimit = { maxCents: 0, limitedBy: 'budget' };
	const noAmount = 'Bitte einen Betrag über 0 € angeben.';

	it.each([
		{ name: 'zero', amount: 0, limit: cap, error: noAmount },
		{ name: 'negative', amount: -100, limit: cap, error: noAmount },
		{ name: 'fraction of a cent', amount: 100.5, limit: cap, error: noAmount },
		{ name: 'NaN', amount: Number.NaN, limit: cap, error: noAmount },
		{ name: 'infinity', amount: Number.POSITIVE_INFINITY, limit: cap, error: noAmount },
		{ name: 'one cent', amount: 1, limit: cap, error: null },
		{ name: 'exactly at the cap', amount: 150_000, limit: cap, error: null },
		{ name: 'one cent above the cap', amount: 150_001, limit: cap, error: 'Die Förderhöchstgrenze für dieses Projekt liegt bei 1.500,00 €.' },
		{ name: 'exactly the money left', amount: 120_050, limit: budget, error: null },
		{ name: 'one cent above the money left', amount: 120_051, limit: budget, error: 'Im Förderjahr sind nur noch 1.200,50 € frei.' },
		{ name: 'anything when nothing is left', amount: 1, limit: empty, error: 'Im Förderjahr sind nur noch 0,00 € frei.' },
		{ name: 'exactly the amount applied for', amount: 80_000, limit: requested, error: null },
		{ name: 'one cent above the amount applied for', amount: 80_001, limit: requested, error: 'Beantragt wurden nur 800,00 €.' }
	])('$name', ({ amount, limit, error }) => {
		expect(grantAmountError(amount, limit)).toBe(error);
	});
});

describe('fundYearLedger', () => {
	type Entry = { kind: LedgerKind; amountCents: number };
	const e = (kind: LedgerKind, amountCents: number): Entry => ({ kind, amountCents });

	it.each<{ name: string; budget: number; entries: Entry[]; pending: number; expected: ReturnType<typeof fundYearLedger> }>([
		{
			name: 'fresh year, nothing booked',
			budget: 1_500_000,
			entries: [],
			pending: 0,
			expected: { budgetCents: 1_500_000, reservedCents: 0, grantedCents: 0, paidCents: 0, refundedCents: 0, leftCents: 1_500_000, leftAfterReservedCents: 1_500_000 }
		},
		{
			name: 'pending applications only reserve, they do not reduce left',
			budget: 1_500_000,
			entries: [],
			pending: 350_000,
			expected: { budgetCents: 1_500_000, reservedCents: 350_000, grantedCents: 0, paidCents: 0, refundedCents: 0, leftCents: 1_500_000, leftAfterReservedCents: 1_150_000 }
		},
		{
			name: 'commitments reduce left, payments do not',
			budget: 1_500_000,
			entries: [e('commitment', 150_000), e('commitment', 200_000), e('payment', 150_000)],
			pending: 0,
			expected: { budgetCents: 1_500_000, reservedCents: 0, grantedCents: 350_000, paidCents: 150_000, refundedCents: 0, leftCents: 1_150_000, leftAfterReservedCents: 1_150_000 }
		},
		{
			name: 'releases give money back to the year',
			budget: 1_500_000,
			entries: [e('commitment', 150_000), e('release', 30_000)],
			pending: 0,
			expected: { budgetCents: 1_500_000, reservedCents: 0, grantedCents: 120_000, paidCents: 0, refundedCents: 0, leftCents: 1_380_000, leftAfterReservedCents: 1_380_000 }
		},
		{
			name: 'refunds reduce net payments and are reported',
			budget: 1_500_000,
			entries: [e('commitment', 150_000), e('commitment', 200_000), e('release', 30_000), e('payment', 100_000), e('payment', 50_000), e('refund', 20_000)],
			pending: 120_000,
			expected: { budgetCents: 1_500_000, reservedCents: 120_000, grantedCents: 320_000, paidCents: 130_000, refundedCents: 20_000, leftCents: 1_180_000, leftAfterReservedCents: 1_060_000 }
		},
		{
			name: 'left after reserved can go negative',
			budget: 1_500_000,
			entries: [e('commitment', 1_400_000)],
			pending: 300_000,
			expected: { budgetCents: 1_500_000, reservedCents: 300_000, grantedCents: 1_400_000, paidCents: 0, refundedCents: 0, leftCents: 100_000, leftAfterReservedCents: -200_000 }
		},
		{
			name: 'budget used up exactly',
			budget: 1_500_000,
			entries: Array.from({ length: 10 }, () => e('commitment', 150_000)),
			pending: 0,
			expected: { budgetCents: 1_500_000, reservedCents: 0, grantedCents: 1_500_000, paidCents: 0, refundedCents: 0, leftCents: 0, leftAfterReservedCents: 0 }
		}
	])('$name', ({ budget, entries, pending, expected }) => {
		expect(fundYearLedger(budget, entries, pending)).toEqual(expected);
	});
});

// ================================================================ jury

describe('votingSeats', () => {
	const members: JuryMemberRef[] = [
		{ id: 'A', deputyOf: null },
		{ id: 'A2', deputyOf: 'A' },
		{ id: 'B', deputyOf: null },
		{ id: 'B2', deputyOf: 'B' },
		{ id: 'C', deputyOf: null }
	];

	it.each([
		{ name: 'all principals present, deputies too: deputies do not vote', present: ['A', 'A2', 'B', 'B2', 'C'], seats: ['A', 'B', 'C'] },
		{ name: 'all principals present, no deputies', present: ['A', 'B', 'C'], seats: ['A', 'B', 'C'] },
		{ name: 'principal absent: the deputy votes', present: ['A2', 'B', 'C'], seats: ['A2', 'B', 'C'] },
		{ name: 'principal absent, deputy present, other deputy idle', present: ['A2', 'B', 'B2', 'C'], seats: ['A2', 'B', 'C'] },
		{ name: 'principal and deputy of one seat present: one vote', present: ['A', 'A2'], seats: ['A'] },
		{ name: 'only deputies present', present: ['A2', 'B2'], seats: ['A2', 'B2'] },
		{ name: 'absent deputy of an absent principal: seat empty', present: ['B', 'C'], seats: ['B', 'C'] },
		{ name: 'unknown ids are ignored', present: ['X', 'C'], seats: ['C'] },
		{ name: 'nobody present', present: [], seats: [] }
	])('$name', ({ present, seats }) => {
		expect(votingSeats(members, new Set(present))).toEqual(seats);
	});

	it('two deputies of one absent member share one seat: only the first votes', () => {
		const withTwo: JuryMemberRef[] = [...members, { id: 'A3', deputyOf: 'A' }];
		expect(votingSeats(withTwo, new Set(['A2', 'A3', 'B']))).toEqual(['A2', 'B']);
		expect(votingSeats(withTwo, new Set(['A3', 'B']))).toEqual(['B', 'A3']);
	});
});

describe('tallyVotes', () => {
	const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);
	/** The first `yes` voters say yes, the next `no` say no, the next `abstain` abstain (recused members skipped). */
	const cast = (voters: string[], yes: number, no: number, abstain: number) => {
		const choices: VoteChoice[] = [...Array<VoteChoice>(yes).fill('yes'), ...Array<VoteChoice>(no).fill('no'), ...Array<VoteChoice>(abstain).fill('abstain')];
		return choices.map((choice, i) => ({ memberId: voters[i]!, choice }));
	};

	it.each<{ name: string; present: number; recused: number; yes: number; no: number; abstain: number; majority: GuidelineRules['majority']; entitled: number; needed: number; outcome: 'approved' | 'rejected' }>([
		{ name: '7 present, 4 yes 3 no (present) → approved', present: 7, recused: 0, yes: 4, no: 3, abstain: 0, majority: 'present', entitled: 7, needed: 4, outcome: 'approved' },
		{ name: '7 present, 4 yes 3 no (votes cast) → approved', present: 7, recused: 0, yes: 4, no: 3, abstain: 0, majority: 'votes_cast', entitled: 7, needed: 4, outcome: 'approved' },
		{ name: '8 present, 4 yes 2 no 2 abstain (present) → rejected, 4 is only half', present: 8, recused: 0, yes: 4, no: 2, abstain: 2, majority: 'present', entitled: 8, needed: 5, outcome: 'rejected' },
		{ name: '8 present, 4 yes 2 no 2 abstain (votes cast) → approved', present: 8, recused: 0, yes: 4, no: 2, abstain: 2, majority: 'votes_cast', entitled: 8, needed: 3, outcome: 'approved' },
		{ name: '6 present, one recused, 3 yes 2 no (present) → approved, base is 5', present: 6, recused: 1, yes: 3, no: 2, abstain: 0, majority: 'present', entitled: 5, needed: 3, outcome: 'approved' },
		{ name: '7 present, two recused, 3 yes 2 no (present) → approved, base is 5 not 7', present: 7, recused: 2, yes: 3, no: 2, abstain: 0, majority: 'present', entitled: 5, needed: 3, outcome: 'approved' },
		{ name: 'tie 4:4 of 8 (present) → rejected', present: 8, recused: 0, yes: 4, no: 4, abstain: 0, majority: 'present', entitled: 8, needed: 5, outcome: 'rejected' },
		{ name: 'tie 3:3 of 6 (votes cast) → rejected', present: 6, recused: 0, yes: 3, no: 3, abstain: 0, majority: 'votes_cast', entitled: 6, needed: 4, outcome: 'rejected' },
		{ name: 'tie 2:2 with 3 abstentions (votes cast) → rejected', present: 7, recused: 0, yes: 2, no: 2, abstain: 3, majority: 'votes_cast', entitled: 7, needed: 3, outcome: 'rejected' },
		{ name: 'tie 2:2 with 3 abstentions (present) → rejected', present: 7, recused: 0, yes: 2, no: 2, abstain: 3, majority: 'present', entitled: 7, needed: 4, outcome: 'rejected' },
		{ name: 'exactly half yes, rest abstain (present) → rejected', present: 6, recused: 0, yes: 3, no: 0, abstain: 3, majority: 'present', entitled: 6, needed: 4, outcome: 'rejected' },
		{ name: 'exactly half yes, rest abstain (votes cast) → approved', present: 6, recused: 0, yes: 3, no: 0, abstain: 3, majority: 'votes_cast', entitled: 6, needed: 1, outcome: 'approved' },
		{ name: 'one yes, all others abstain (votes cast) → approved', present: 5, recused: 0, yes: 1, no: 0, abstain: 4, majority: 'votes_cast', entitled: 5, needed: 1, outcome: 'approved' },
		{ name: 'everybody abstains (votes cast) → rejected', present: 3, recused: 0, yes: 0, no: 0, abstain: 3, majority: 'votes_cast', entitled: 3, needed: 1, outcome: 'rejected' },
		{ name: 'everybody abstains (present) → rejected', present: 3, recused: 0, yes: 0, no: 0, abstain: 3, majority: 'present', entitled: 3, needed: 2, outcome: 'rejected' },
		{ name: 'unanimous no (present) → rejected', present: 5, recused: 0, yes: 0, no: 5, abstain: 0, majority: 'present', entitled: 5, needed: 3, outcome: 'rejected' },
		{ name: 'majority of 5 with two not voted (present) → approved', present: 5, recused: 0, yes: 3, no: 0, abstain: 0, majority: 'present', entitled: 5, needed: 3, outcome: 'approved' },
		{ name: '2 of 5 yes, three not voted (present) → rejected', present: 5, recused: 0, yes: 2, no: 0, abstain: 0, majority: 'present', entitled: 5, needed: 3, outcome: 'rejected' },
		{ name: '2 of 5 yes, three not voted (votes cast) → approved', present: 5, recused: 0, yes: 2, no: 0, abstain: 0, majority: 'votes_cast', entitled: 5, needed: 1, outcome: 'approved' },
		{ name: 'single member, yes (present) → approved', present: 1, recused: 0, yes: 1, no: 0, abstain: 0, majority: 'present', entitled: 1, needed: 1, outcome: 'approved' },
		{ name: 'nobody present (present) → rejected', present: 0, recused: 0, yes: 0, no: 0, abstain: 0, majority: 'present', entitled: 0, needed: 1, outcome: 'rejected' },
		{ name: 'nobody present (votes cast) → rejected', present: 0, recused: 0, yes: 0, no: 0, abstain: 0, majority: 'votes_cast', entitled: 0, needed: 1, outcome: 'rejected' },
		{ name: 'everybody recused (present) → rejected', present: 2, recused: 2, yes: 0, no: 0, abstain: 0, majority: 'present', entitled: 0, needed: 1, outcome: 'rejected' },
		{ name: 'everybody recused (votes cast) → rejected', present: 2, recused: 2, yes: 0, no: 0, abstain: 0, majority: 'votes_cast', entitled: 0, needed: 1, outcome: 'rejected' }
	])('$name', ({ present, recused, yes, no, abstain, majority, entitled, needed, outcome }) => {
		const entitledIds = ids(present);
		// The last `recused` members are recused; the others vote in order.
		const recusedIds = new Set(entitledIds.slice(present - recused));
		const voters = entitledIds.slice(0, present - recused);
		const tally = tallyVotes({ entitledIds, recusedIds, votes: cast(voters, yes, no, abstain), majority });
		expect(tally).toMatchObject({ yes, no, abstain, entitled, needed, outcome });
		expect(tally.notVoted).toEqual(voters.slice(yes + no + abstain));
	});

	it('lists the entitled members who have not voted, in seat order, without recused ones', () => {
		const tally = tallyVotes({
			entitledIds: ['m1', 'm2', 'm3', 'm4', 'm5'],
			recusedIds: new Set(['m2']),
			votes: [
				{ memberId: 'm4', choice: 'no' },
				{ memberId: 'm1', choice: 'yes' }
			],
			majority: 'present'
		});
		expect(tally).toEqual({ yes: 1, no: 1, abstain: 0, entitled: 4, notVoted: ['m3', 'm5'], needed: 3, outcome: 'rejected' });
	});

	it.each<{ name: string; recused: string[]; votes: { memberId: string; choice: VoteChoice }[]; error: RegExp }>([
		{ name: 'a vote by a recused member', recused: ['m2'], votes: [{ memberId: 'm2', choice: 'yes' }], error: /Befangenes Mitglied m2/ },
		{ name: 'a vote by a recused member who is also listed as absent', recused: ['x'], votes: [{ memberId: 'x', choice: 'no' }], error: /Befangenes Mitglied x/ },
		{ name: 'a vote by an absent member', recused: [], votes: [{ memberId: 'absent', choice: 'yes' }], error: /Mitglied absent ist nicht stimmberechtigt/ },
		{ name: 'a vote by a deputy whose principal is present (not a seat)', recused: [], votes: [{ memberId: 'm1-deputy', choice: 'yes' }], error: /nicht stimmberechtigt/ },
		{
			name: 'a double vote',
			recused: [],
			votes: [
				{ memberId: 'm1', choice: 'yes' },
				{ memberId: 'm1', choice: 'yes' }
			],
			error: /Mitglied m1 hat doppelt abgestimmt/
		},
		{
			name: 'a double vote with a changed choice',
			recused: [],
			votes: [
				{ memberId: 'm3', choice: 'no' },
				{ memberId: 'm3', choice: 'yes' }
			],
			error: /doppelt/
		}
	])('throws for $name', ({ recused, votes, error }) => {
		for (const majority of ['present', 'votes_cast'] as const) {
			expect(() => tallyVotes({ entitledIds: ['m1', 'm2', 'm3'], recusedIds: new Set(recused), votes, majority })).toThrow(error);
		}
	});
});

// ================================================================ dates

describe('berlinDate', () => {
	it.each([
		{ name: 'noon in winter', instant: '2026-01-15T12:00:00Z', date: '2026-01-15' },
		{ name: 'last second of a winter day (23:59:59 CET)', instant: '2026-01-15T22:59:59Z', date: '2026-01-15' },
		{ name: 'winter midnight (00:00 CET)', instant: '2026-01-15T23:00:00Z', date: '2026-01-16' },
		{ name: 'last millisecond of a summer day (23:59:59.999 CEST)', instant: '2026-03-31T21:59:59.999Z', date: '2026-03-31' },
		{ name: 'summer midnight (00:00 CEST)', instant: '2026-03-31T22:00:00Z', date: '2026-04-01' },
		{ name: 'half past midnight on 1 April (UTC still 31 March)', instant: '2026-03-31T22:30:00Z', date: '2026-04-01' },
		{ name: 'New Year in Berlin while UTC is still in the old year', instant: '2026-12-31T23:00:00Z', date: '2027-01-01' },
		{ name: 'New Year’s Eve 23:59:59 CET', instant: '2026-12-31T22:59:59Z', date: '2026-12-31' },
		{ name: 'spring switch: last second before midnight (CET)', instant: '2026-03-28T22:59:59Z', date: '2026-03-28' },
		{ name: 'spring switch: midnight CET of 29 March', instant: '2026-03-28T23:00:00Z', date: '2026-03-29' },
		{ name: 'spring switch: 01:30 CET before the jump', instant: '2026-03-29T00:30:00Z', date: '2026-03-29' },
		{ name: 'spring switch: 03:30 CEST after the jump', instant: '2026-03-29T01:30:00Z', date: '2026-03-29' },
		{ name: 'spring switch: 23:59:59 CEST of 29 March', instant: '2026-03-29T21:59:59Z', date: '2026-03-29' },
		{ name: 'spring switch: midnight CEST of 30 March', instant: '2026-03-29T22:00:00Z', date: '2026-03-30' },
		{ name: 'autumn switch: 23:59:59 CEST of 24 October', instant: '2026-10-24T21:59:59Z', date: '2026-10-24' },
		{ name: 'autumn switch: midnight CEST of 25 October', instant: '2026-10-24T22:00:00Z', date: '2026-10-25' },
		{ name: 'autumn switch: first 02:30 (CEST)', instant: '2026-10-25T00:30:00Z', date: '2026-10-25' },
		{ name: 'autumn switch: second 02:30 (CET)', instant: '2026-10-25T01:30:00Z', date: '2026-10-25' },
		{ name: 'autumn switch: 23:59:59 CET of 25 October', instant: '2026-10-25T22:59:59Z', date: '2026-10-25' },
		{ name: 'autumn switch: midnight CET of 26 October', instant: '2026-10-25T23:00:00Z', date: '2026-10-26' },
		{ name: 'leap day', instant: '2028-02-29T12:00:00Z', date: '2028-02-29' }
	])('$name: $instant → $date', ({ instant, date }) => {
		expect(berlinDate(at(instant))).toBe(date);
	});
});

describe('germanDate', () => {
	it.each([
		{ iso: '2026-04-01', german: '01.04.2026' },
		{ iso: '2026-10-01', german: '01.10.2026' },
		{ iso: '2027-12-31', german: '31.12.2027' },
		{ iso: '2028-02-29', german: '29.02.2028' }
	])('$iso → $german', ({ iso, german }) => {
		expect(germanDate(iso)).toBe(german);
	});
});

describe('isIsoDate', () => {
	it.each([
		{ name: 'an ordinary date', value: '2026-04-01', valid: true },
		{ name: 'the last day of a year', value: '2026-12-31', valid: true },
		{ name: 'a leap day', value: '2028-02-29', valid: true },
		{ name: '29 February outside a leap year', value: '2026-02-29', valid: false },
		{ name: '31 February', value: '2026-02-31', valid: false },
		{ name: '31 April', value: '2026-04-31', valid: false },
		{ name: 'month 13', value: '2026-13-01', valid: false },
		{ name: 'month 00', value: '2026-00-10', valid: false },
		{ name: 'day 00', value: '2026-04-00', valid: false },
		{ name: 'no leading zeros', value: '2026-4-1', valid: false },
		{ name: 'German format', value: '01.04.2026', valid: false },
		{ name: 'with a time', value: '2026-04-01T00:00', valid: false },
		{ name: 'empty', value: '', valid: false }
	])('$name: "$value" → $valid', ({ value, valid }) => {
		expect(isIsoDate(value)).toBe(valid);
	});
});

describe('addDays', () => {
	it.each([
		{ name: 'one day', date: '2026-04-01', days: 1, result: '2026-04-02' },
		{ name: 'zero days', date: '2026-04-01', days: 0, result: '2026-04-01' },
		{ name: 'over the spring DST switch', date: '2026-03-28', days: 2, result: '2026-03-30' },
		{ name: 'over the autumn DST switch', date: '2026-10-24', days: 2, result: '2026-10-26' },
		{ name: 'into a leap day', date: '2028-02-28', days: 1, result: '2028-02-29' },
		{ name: 'over the end of February in a common year', date: '2026-02-28', days: 1, result: '2026-03-01' },
		{ name: 'over New Year', date: '2026-12-31', days: 1, result: '2027-01-01' },
		{ name: 'backwards over a month end', date: '2026-03-01', days: -1, result: '2026-02-28' },
		{ name: 'backwards 14 days', date: '2026-06-30', days: -14, result: '2026-06-16' }
	])('$name: $date + $days → $result', ({ date, days, result }) => {
		expect(addDays(date, days)).toBe(result);
	});
});

describe('isBeforeDeadline', () => {
	it.each([
		{ name: 'summer deadline: first instant of the day', deadline: '2026-04-01', instant: '2026-03-31T22:00:00Z', before: true },
		{ name: 'summer deadline: 23:59:59 CEST', deadline: '2026-04-01', instant: '2026-04-01T21:59:59Z', before: true },
		{ name: 'summer deadline: 23:59:59.999 CEST', deadline: '2026-04-01', instant: '2026-04-01T21:59:59.999Z', before: true },
		{ name: 'summer deadline: midnight after (00:00 CEST)', deadline: '2026-04-01', instant: '2026-04-01T22:00:00Z', before: false },
		{ name: 'summer deadline: 00:30 CEST next day, UTC still deadline day', deadline: '2026-04-01', instant: '2026-04-01T22:30:00Z', before: false },
		{ name: 'summer deadline: long before', deadline: '2026-04-01', instant: '2025-12-01T00:00:00Z', before: true },
		{ name: '01.10. is still summer time: 23:59:59.999 CEST', deadline: '2026-10-01', instant: '2026-10-01T21:59:59.999Z', before: true },
		{ name: '01.10. is still summer time: 00:00 CEST next day', deadline: '2026-10-01', instant: '2026-10-01T22:00:00Z', before: false },
		{ name: '01.10. is still summer time: 22:59:59 UTC is already late', deadline: '2026-10-01', instant: '2026-10-01T22:59:59Z', before: false },
		{ name: 'winter deadline: 23:59:59 CET', deadline: '2026-12-01', instant: '2026-12-01T22:59:59Z', before: true },
		{ name: 'winter deadline: 23:59:59.999 CET', deadline: '2026-12-01', instant: '2026-12-01T22:59:59.999Z', before: true },
		{ name: 'winter deadline: midnight after (00:00 CET)', deadline: '2026-12-01', instant: '2026-12-01T23:00:00Z', before: false },
		{ name: 'winter deadline: 22:00 UTC is still 23:00 CET', deadline: '2026-12-01', instant: '2026-12-01T22:00:00Z', before: true },
		{ name: 'deadline on the autumn switch day: 23:59:59.999 CET', deadline: '2026-10-25', instant: '2026-10-25T22:59:59.999Z', before: true },
		{ name: 'deadline on the autumn switch day: 00:00 CET next day', deadline: '2026-10-25', instant: '2026-10-25T23:00:00Z', before: false },
		{ name: 'deadline on the spring switch day: 23:59:59.999 CEST', deadline: '2026-03-29', instant: '2026-03-29T21:59:59.999Z', before: true },
		{ name: 'deadline on the spring switch day: 00:00 CEST next day', deadline: '2026-03-29', instant: '2026-03-29T22:00:00Z', before: false },
		{ name: 'invalid deadline 31.02. never accepts', deadline: '2026-02-31', instant: '2026-01-01T00:00:00Z', before: false },
		{ name: 'garbage deadline never accepts', deadline: 'soon', instant: '2026-01-01T00:00:00Z', before: false }
	])('$name ($deadline at $instant → $before)', ({ deadline, instant, before }) => {
		expect(isBeforeDeadline(deadline, at(instant))).toBe(before);
	});
});

describe('roundFor', () => {
	const rounds = [
		{ id: 'autumn', deadline: '2026-10-01', status: 'open' },
		{ id: 'spring', deadline: '2026-04-01', status: 'open' },
		{ id: 'closed-early', deadline: '2026-03-15', status: 'closed' },
		{ id: 'decided', deadline: '2026-03-20', status: 'decided' },
		{ id: 'past', deadline: '2026-02-01', status: 'open' }
	];

	it.each([
		{ name: 'earliest open round, closed ones and past deadlines ignored', instant: '2026-03-01T10:00:00Z', id: 'spring' },
		{ name: 'in January: the February round is still open and earliest', instant: '2026-01-20T10:00:00Z', id: 'past' },
		{ name: 'last millisecond of the spring deadline', instant: '2026-04-01T21:59:59.999Z', id: 'spring' },
		{ name: 'just after the spring deadline: the autumn round', instant: '2026-04-01T22:00:00Z', id: 'autumn' },
		{ name: 'last millisecond of the autumn deadline', instant: '2026-10-01T21:59:59.999Z', id: 'autumn' },
		{ name: 'after every deadline: none', instant: '2026-10-01T22:00:00Z', id: null }
	])('$name', ({ instant, id }) => {
		expect(roundFor(rounds, at(instant))?.id ?? null).toBe(id);
	});

	it.each([
		{ name: 'no rounds at all', rounds: [] },
		{ name: 'only closed rounds', rounds: [{ id: 'x', deadline: '2026-12-01', status: 'closed' }] }
	])('null when $name', ({ rounds: list }) => {
		expect(roundFor(list, at('2026-03-01T10:00:00Z'))).toBeNull();
	});

	it('does not reorder the rounds it is given', () => {
		const copy = rounds.map((r) => r.id);
		roundFor(rounds, at('2026-03-01T10:00:00Z'));
		expect(rounds.map((r) => r.id)).toEqual(copy);
	});
});

describe('decisionDueDate', () => {
	it.each([
		{ name: 'spring deadline + 4 weeks (Wednesday to Wednesday)', deadline: '2026-04-01', weeks: 4, due: '2026-04-29' },
		{ name: 'autumn deadline + 4 weeks (Thursday to Thursday)', deadline: '2026-10-01', weeks: 4, due: '2026-10-29' },
		{ name: 'over the autumn DST switch', deadline: '2026-10-20', weeks: 1, due: '2026-10-27' },
		{ name: 'over New Year', deadline: '2026-12-15', weeks: 4, due: '2027-01-12' },
		{ name: 'over a leap day', deadline: '2028-02-15', weeks: 2, due: '2028-02-29' },
		{ name: 'zero weeks', deadline: '2026-04-01', weeks: 0, due: '2026-04-01' }
	])('$name: $deadline → $due', ({ deadline, weeks, due }) => {
		expect(decisionDueDate(deadline, weeks)).toBe(due);
	});
});

describe('startsBeforeApproval', () => {
	it.each([
		{ name: 'start on the day of the decision is allowed', start: '2026-05-02', decided: '2026-05-02T08:00:00Z', early: false },
		{ name: 'start the day before the decision is too early', start: '2026-05-01', decided: '2026-05-02T08:00:00Z', early: true },
		{ name: 'start after the decision is fine', start: '2026-05-10', decided: '2026-05-02T08:00:00Z', early: false },
		{ name: 'decision at 00:30 CEST on 2 May: start on 1 May is too early', start: '2026-05-01', decided: '2026-05-01T22:30:00Z', early: true },
		{ name: 'decision at 00:30 CEST on 2 May: start on 2 May is allowed', start: '2026-05-02', decided: '2026-05-01T22:30:00Z', early: false },
		{ name: 'decision at 23:59:59 CEST on 1 May: start on 1 May is allowed', start: '2026-05-01', decided: '2026-05-01T21:59:59Z', early: false },
		{ name: 'winter decision at 00:30 CET on 2 December: start on 1 December is too early', start: '2026-12-01', decided: '2026-12-01T23:30:00Z', early: true },
		{ name: 'winter decision at 23:30 CET on 1 December: start on 1 December is allowed', start: '2026-12-01', decided: '2026-12-01T22:30:00Z', early: false },
		{ name: 'start in the previous year', start: '2026-12-31', decided: '2027-01-05T10:00:00Z', early: true }
	])('$name', ({ start, decided, early }) => {
		expect(startsBeforeApproval(start, at(decided))).toBe(early);
	});
});

describe('addMonths', () => {
	it.each([
		{ name: 'zero months', date: '2026-05-31', months: 0, result: '2026-05-31' },
		{ name: 'ordinary month', date: '2026-01-15', months: 1, result: '2026-02-15' },
		{ name: '31.01. + 1 → 28.02.', date: '2026-01-31', months: 1, result: '2026-02-28' },
		{ name: '31.01. + 1 in a leap year → 29.02.', date: '2028-01-31', months: 1, result: '2028-02-29' },
		{ name: '31.12. + 2 → 28.02.', date: '2026-12-31', months: 2, result: '2027-02-28' },
		{ name: '31.12. + 2 before a leap year → 29.02.2028', date: '2027-12-31', months: 2, result: '2028-02-29' },
		{ name: '30.06. + 2 → 30.08.', date: '2026-06-30', months: 2, result: '2026-08-30' },
		{ name: '31.08. + 2 → 31.10.', date: '2026-08-31', months: 2, result: '2026-10-31' },
		{ name: '31.03. + 1 → 30.04.', date: '2026-03-31', months: 1, result: '2026-04-30' },
		{ name: 'year wrap 15.11. + 2 → 15.01.', date: '2026-11-15', months: 2, result: '2027-01-15' },
		{ name: 'year wrap 01.12. + 1 → 01.01.', date: '2026-12-01', months: 1, result: '2027-01-01' },
		{ name: 'twelve months', date: '2026-05-31', months: 12, result: '2027-05-31' },
		{ name: 'leap day + 12 months → 28.02.', date: '2028-02-29', months: 12, result: '2029-02-28' },
		{ name: 'leap day + 48 months → 29.02.', date: '2028-02-29', months: 48, result: '2032-02-29' },
		{ name: 'backwards one month', date: '2026-03-31', months: -1, result: '2026-02-28' },
		{ name: 'backwards over New Year', date: '2026-01-15', months: -1, result: '2025-12-15' }
	])('$name', ({ date, months, result }) => {
		expect(addMonths(date, months)).toBe(result);
	});
});

describe('settlementDueDate (2 months after the last project day)', () => {
	it.each([
		{ end: '2026-06-30', due: '2026-08-30' },
		{ end: '2026-08-31', due: '2026-10-31' },
		{ end: '2026-12-31', due: '2027-02-28' },
		{ end: '2026-12-30', due: '2027-02-28' },
		{ end: '2027-12-31', due: '2028-02-29' },
		{ end: '2027-12-29', due: '2028-02-29' },
		{ end: '2026-11-15', due: '2027-01-15' },
		{ end: '2026-10-31', due: '2026-12-31' },
		{ end: '2026-07-31', due: '2026-09-30' }
	])('project ends $end → settlement due $due', ({ end, due }) => {
		expect(settlementDueDate(end, BOTTROP.settlementMonths)).toBe(due);
	});
});

describe('deadlineState', () => {
	it.each<{ name: string; due: string; instant: string; soonDays?: number; state: DeadlineState }>([
		{ name: 'weeks ahead', due: '2026-06-30', instant: '2026-06-01T10:00:00Z', state: 'open' },
		{ name: 'last instant before the 14-day window (15.06. 23:59:59.999 CEST)', due: '2026-06-30', instant: '2026-06-15T21:59:59.999Z', state: 'open' },
		{ name: 'first instant of the 14-day window (16.06. 00:00 CEST)', due: '2026-06-30', instant: '2026-06-15T22:00:00Z', state: 'due_soon' },
		{ name: 'on the due day', due: '2026-06-30', instant: '2026-06-30T08:00:00Z', state: 'due_soon' },
		{ name: 'last millisecond of the due day (23:59:59.999 CEST)', due: '2026-06-30', instant: '2026-06-30T21:59:59.999Z', state: 'due_soon' },
		{ name: 'midnight after the due day (00:00 CEST)', due: '2026-06-30', instant: '2026-06-30T22:00:00Z', state: 'overdue' },
		{ name: 'long after', due: '2026-06-30', instant: '2026-09-01T10:00:00Z', state: 'overdue' },
		{ name: 'winter: last instant before the window (30.11. 23:59:59 CET)', due: '2026-12-15', instant: '2026-11-30T22:59:59Z', state: 'open' },
		{ name: 'winter: first instant of the window (01.12. 00:00 CET)', due: '2026-12-15', instant: '2026-11-30T23:00:00Z', state: 'due_soon' },
		{ name: 'winter: 23:59:59 CET on the due day', due: '2026-12-15', instant: '2026-12-15T22:59:59Z', state: 'due_soon' },
		{ name: 'winter: 00:00 CET after the due day', due: '2026-12-15', instant: '2026-12-15T23:00:00Z', state: 'overdue' },
		{ name: 'custom 3-day window: just outside', due: '2026-06-30', instant: '2026-06-26T21:59:59Z', soonDays: 3, state: 'open' },
		{ name: 'custom 3-day window: just inside', due: '2026-06-30', instant: '2026-06-26T22:00:00Z', soonDays: 3, state: 'due_soon' },
		{ name: 'window of 0 days: only the due day itself', due: '2026-06-30', instant: '2026-06-29T21:59:59Z', soonDays: 0, state: 'open' },
		{ name: 'window of 0 days: the due day', due: '2026-06-30', instant: '2026-06-29T22:00:00Z', soonDays: 0, state: 'due_soon' }
	])('$name → $state', ({ due, instant, soonDays, state }) => {
		expect(deadlineState(due, at(instant), soonDays)).toBe(state);
	});
});

describe('councilConfirmationDue', () => {
	it.each([
		{ name: 'default 3 months', decided: '2026-03-15', months: undefined, due: '2026-06-15' },
		{ name: '31.03. + 3 → 30.06.', decided: '2026-03-31', months: undefined, due: '2026-06-30' },
		{ name: '31.05. + 3 → 31.08.', decided: '2026-05-31', months: undefined, due: '2026-08-31' },
		{ name: '30.11. + 3 → 28.02.', decided: '2026-11-30', months: undefined, due: '2027-02-28' },
		{ name: '30.11. + 3 before a leap year → 29.02.', decided: '2027-11-30', months: undefined, due: '2028-02-29' },
		{ name: 'year wrap 15.10. + 3 → 15.01.', decided: '2026-10-15', months: undefined, due: '2027-01-15' },
		{ name: 'custom 6 months: 31.08. → 28.02.', decided: '2026-08-31', months: 6, due: '2027-02-28' }
	])('$name', ({ decided, months, due }) => {
		expect(councilConfirmationDue(decided, months)).toBe(due);
	});
});

describe('regularDeadlines', () => {
	it.each<{ name: string; deadlines: GuidelineRules['deadlines']; year: number; result: string[] }>([
		{ name: 'Bottrop: 01.04. and 01.10.', deadlines: BOTTROP.deadlines, year: 2026, result: ['2026-04-01', '2026-10-01'] },
		{
			name: 'given out of order, returned in order',
			deadlines: [
				{ month: 10, day: 1 },
				{ month: 4, day: 1 },
				{ month: 1, day: 15 }
			],
			year: 2027,
			result: ['2027-01-15', '2027-04-01', '2027-10-01']
		},
		{
			name: 'single digits are padded and sorted as dates, not as text',
			deadlines: [
				{ month: 11, day: 5 },
				{ month: 2, day: 10 },
				{ month: 9, day: 30 }
			],
			year: 2026,
			result: ['2026-02-10', '2026-09-30', '2026-11-05']
		},
		{
			name: 'invalid 31.02. is dropped',
			deadlines: [
				{ month: 2, day: 31 },
				{ month: 10, day: 1 },
				{ month: 4, day: 1 }
			],
			year: 2026,
			result: ['2026-04-01', '2026-10-01']
		},
		{ name: 'invalid 31.04. is dropped', deadlines: [{ month: 4, day: 31 }], year: 2026, result: [] },
		{ name: 'leap day is kept in a leap year', deadlines: [{ month: 2, day: 29 }], year: 2028, result: ['2028-02-29'] },
		{ name: 'no deadlines', deadlines: [], year: 2026, result: [] }
	])('$name', ({ deadlines, year, result }) => {
		expect(regularDeadlines({ deadlines }, year)).toEqual(result);
	});
});

// ================================================================ settlement

describe('checkExpense', () => {
	const q = (supplier: string, amountCents: number, chosen = false): QuoteRef => ({ supplier, amountCents, chosen });
	const expense = (over: Partial<ExpenseCheckInput>): ExpenseCheckInput => ({
		label: 'Bühnentechnik',
		amountCents: 60_000,
		quotes: [],
		choiceReason: '',
		isFreelance: false,
		hasFeeContract: false,
		...over
	});
	const threeCheapestChosen = [q('A', 60_000, true), q('B', 65_000), q('C', 70_000)];

	it.each<{ name: string; input: Partial<ExpenseCheckInput>; findings: ExpenseFinding[] }>([
		{ name: 'small expense needs no quotes', input: { amountCents: 10_000 }, findings: [] },
		{ name: '499,99 € needs no quotes', input: { amountCents: 49_999 }, findings: [] },
		{ name: '499,99 € with a dearer quote chosen and no reason is fine', input: { amountCents: 49_999, quotes: [q('A', 40_000), q('B', 49_999, true)] }, findings: [] },
		{ name: 'exactly 500,00 € without quotes → quotes missing', input: { amountCents: 50_000 }, findings: ['quotes_missing'] },
		{ name: 'exactly 500,00 € with three quotes, cheapest chosen', input: { amountCents: 50_000, quotes: [q('A', 50_000, true), q('B', 52_000), q('C', 55_000)] }, findings: [] },
		{ name: 'three quotes, cheapest chosen', input: { quotes: threeCheapestChosen }, findings: [] },
		{ name: 'four quotes, cheapest chosen', input: { quotes: [...threeCheapestChosen, q('D', 80_000)] }, findings: [] },
		{ name: 'only two quotes → quotes missing', input: { quotes: [q('A', 60_000, true), q('B', 65_000)] }, findings: ['quotes_missing'] },
		{ name: 'one quote → quotes missing', input: { quotes: [q('A', 60_000, true)] }, findings: ['quotes_missing'] },
		{ name: 'three quotes, none chosen', input: { quotes: [q('A', 60_000), q('B', 65_000), q('C', 70_000)] }, findings: ['no_quote_chosen'] },
		{ name: 'three quotes, two chosen', input: { quotes: [q('A', 60_000, true), q('B', 65_000, true), q('C', 70_000)] }, findings: ['no_quote_chosen'] },
		{ name: 'two quotes, none chosen', input: { quotes: [q('A', 60_000), q('B', 65_000)] }, findings: ['quotes_missing', 'no_quote_chosen'] },
		{ name: 'dearer quote chosen with a reason', input: { quotes: [q('A', 55_000), q('B', 60_000, true), q('C', 70_000)], choiceReason: 'Nur B liefert rechtzeitig.' }, findings: [] },
		{ name: 'dearer quote chosen without a reason', input: { quotes: [q('A', 55_000), q('B', 60_000, true), q('C', 70_000)] }, findings: ['not_cheapest_without_reason'] },
		{ name: 'dearer quote chosen, reason only whitespace', input: { quotes: [q('A', 55_000), q('B', 60_000, true), q('C', 70_000)], choiceReason: '   ' }, findings: ['not_cheapest_without_reason'] },
		{ name: 'chosen quote ties with the cheapest', input: { quotes: [q('A', 60_000), q('B', 60_000, true), q('C', 70_000)] }, findings: [] },
		{ name: 'freelance without a fee contract (below the threshold)', input: { amountCents: 30_000, isFreelance: true }, findings: ['fee_contract_missing'] },
		{ name: 'freelance with a fee contract', input: { amountCents: 30_000, isFreelance: true, hasFeeContract: true }, findings: [] },
		{ name: 'fee contract irrelevant for non-freelance work', input: { amountCents: 30_000, isFreelance: false, hasFeeContract: false }, findings: [] },
		{ name: 'freelance above the threshold, two quotes, no contract', input: { isFreelance: true, quotes: [q('A', 60_000, true), q('B', 65_000)] }, findings: ['quotes_missing', 'fee_contract_missing'] }
	])('$name → $findings', ({ input, findings }) => {
		expect(checkExpense(expense(input), BOTTROP)).toEqual(findings);
	});

	it('has a German text for every finding', () => {
		for (const finding of ['quotes_missing', 'no_quote_chosen', 'not_cheapest_without_reason', 'fee_contract_missing'] as const) {
			expect(EXPENSE_FINDING_TEXT[finding]).toMatch(/\.$/);
		}
	});
});

describe('settlementOutcome', () => {
	it.each([
		{
			name: 'full use: the gap equals the grant',
			input: { grantedCents: 150_000, acceptedCostsCents: 200_000, ownCents: 50_000, sponsorCents: 0, advancePaidCents: 0 },
			expected: { payableCents: 150_000, paymentDueCents: 150_000, refundDueCents: 0, releasedCents: 0 }
		},
		{
			name: 'full use after a full advance: nothing more to pay',
			input: { grantedCents: 150_000, acceptedCostsCents: 150_000, ownCents: 0, sponsorCents: 0, advancePaidCents: 150_000 },
			expected: { payableCents: 150_000, paymentDueCents: 0, refundDueCents: 0, releasedCents: 0 }
		},
		{
			name: 'costs above the grant: never more than granted',
			input: { grantedCents: 150_000, acceptedCostsCents: 300_000, ownCents: 0, sponsorCents: 0, advancePaidCents: 0 },
			expected: { payableCents: 150_000, paymentDueCents: 150_000, refundDueCents: 0, releasedCents: 0 }
		},
		{
			name: 'under-spend releases the rest of the grant',
			input: { grantedCents: 150_000, acceptedCostsCents: 120_000, ownCents: 0, sponsorCents: 0, advancePaidCents: 100_000 },
			expected: { payableCents: 120_000, paymentDueCents: 20_000, refundDueCents: 0, releasedCents: 30_000 }
		},
		{
			name: 'own and sponsor money reduce what is payable',
			input: { grantedCents: 150_000, acceptedCostsCents: 150_000, ownCents: 20_000, sponsorCents: 30_000, advancePaidCents: 0 },
			expected: { payableCents: 100_000, paymentDueCents: 100_000, refundDueCents: 0, releasedCents: 50_000 }
		},
		{
			name: 'advance above what is payable is refunded',
			input: { grantedCents: 150_000, acceptedCostsCents: 80_000, ownCents: 0, sponsorCents: 0, advancePaidCents: 150_000 },
			expected: { payableCents: 80_000, paymentDueCents: 0, refundDueCents: 70_000, releasedCents: 70_000 }
		},
		{
			name: 'own money covers everything: payable 0, whole advance refunded',
			input: { grantedCents: 150_000, acceptedCostsCents: 10_000, ownCents: 20_000, sponsorCents: 5_000, advancePaidCents: 50_000 },
			expected: { payableCents: 0, paymentDueCents: 0, refundDueCents: 50_000, releasedCents: 150_000 }
		},
		{
			name: 'no accepted costs at all',
			input: { grantedCents: 200_000, acceptedCostsCents: 0, ownCents: 0, sponsorCents: 0, advancePaidCents: 0 },
			expected: { payableCents: 0, paymentDueCents: 0, refundDueCents: 0, releasedCents: 200_000 }
		}
	])('$name', ({ input, expected }) => {
		expect(settlementOutcome(input)).toEqual(expected);
	});
});

// ================================================================ pre-check

describe('precheckOutcome', () => {
	const keys = PRECHECK_CRITERIA.map((c) => c.key) as PrecheckKey[];
	const all = (mark: 'met' | 'not_met' | 'open'): Precheck => Object.fromEntries(keys.map((k) => [k, { mark, note: '' }]));
	const allMetExcept = (key: PrecheckKey, mark: 'not_met' | 'open' | 'missing'): Precheck => {
		const check = all('met');
		if (mark === 'missing') delete check[key];
		else check[key] = { mark, note: 'geprüft' };
		return check;
	};

	it('knows the ten criteria of the guideline', () => {
		expect(keys).toHaveLength(10);
		expect(new Set(keys).size).toBe(10);
	});

	it.each<{ name: string; check: Precheck; outcome: 'eligible' | 'not_eligible' | 'open' }>([
		{ name: 'all criteria met', check: all('met'), outcome: 'eligible' },
		{ name: 'one criterion not met (early start)', check: allMetExcept('no_early_start', 'not_met'), outcome: 'not_eligible' },
		{ name: 'one criterion not met (applicant)', check: allMetExcept('applicant', 'not_met'), outcome: 'not_eligible' },
		{ name: 'one criterion still open', check: allMetExcept('financing', 'open'), outcome: 'open' },
		{ name: 'one criterion missing', check: allMetExcept('district', 'missing'), outcome: 'open' },
		{ name: 'not met wins over open', check: { applicant: { mark: 'not_met', note: '' }, goals: { mark: 'open', note: '' } }, outcome: 'not_eligible' },
		{ name: 'everything open', check: all('open'), outcome: 'open' },
		{ name: 'nothing checked yet', check: {}, outcome: 'open' },
		{ name: 'everything not met', check: all('not_met'), outcome: 'not_eligible' }
	])('$name → $outcome', ({ check, outcome }) => {
		expect(precheckOutcome(check)).toBe(outcome);
	});
});
