/** The Bottrop fund as its guideline describes it (seed 003): a template for setup, the demo and tests. */
import type { NewFund } from './funds.ts';
import { DEFAULT_GOALS } from './funds.ts';

/** Statistical districts of Bottrop a neighbourhood project may name; Batenbrock-Südwest has its own Quartiersfonds. */
export const BOTTROP_DISTRICTS = [
	'Altstadt',
	'Batenbrock-Nord',
	'Batenbrock-Süd',
	'Batenbrock-Südwest',
	'Boy',
	'Ebel',
	'Eigen',
	'Feldhausen',
	'Fuhlenbrock',
	'Grafenwald',
	'Kirchhellen-Mitte',
	'Lehmkuhle',
	'Vonderort',
	'Welheim',
	'Welheimer Mark'
];

export function bottropFund(effectiveAt = new Date('2019-09-30T22:00:00Z')): NewFund {
	return {
		slug: 'stadtteilfonds',
		name: 'Verfügungsfonds zur Förderung der Stadtteilarbeit',
		managingOffice: 'Koordinierungsstelle Integrierte Stadtentwicklung',
		address: 'Ernst-Wilczok-Platz 2\n46236 Bottrop',
		email: 'stadtteilfonds@bottrop.example',
		referencePrefix: 'SF',
		court: 'Verwaltungsgericht Gelsenkirchen, Bahnhofsvorplatz 3, 45879 Gelsenkirchen',
		districts: BOTTROP_DISTRICTS,
		guideline: {
			title: 'Richtlinie Förderung Stadtteilarbeit',
			effectiveAt,
			annualBudgetCents: 15_000_00,
			capCents: 1_500_00,
			cooperationCapCents: 2_000_00,
			quoteThresholdCents: 500_00,
			quotesRequired: 3,
			settlementMonths: 2,
			decisionWeeks: 4,
			deadlines: [
				{ month: 4, day: 1 },
				{ month: 10, day: 1 }
			],
			majority: 'present',
			goals: DEFAULT_GOALS,
			excludedDistricts: ['Batenbrock-Südwest']
		}
	};
}
