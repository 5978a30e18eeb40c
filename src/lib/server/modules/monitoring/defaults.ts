import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { baseFigure } from './schema.ts';

/*
 * The catalogue every municipality starts with: the base figures the council documents name —
 * the district statistics of the Bottrop Integrationsbericht (seed 003) and the indicators of the
 * Ratingen Integrationskonzept (seed 001, chapters 3.4 and 4) — grouped by the fields of the
 * "Integrationsmonitoring der Länder" where they fit. Entries without values are definitions waiting
 * for their first delivery: an import with the same name fills them.
 */

export interface DefaultBaseFigure {
	code: string;
	name: string;
	topic: string;
	unit: 'count' | 'percent' | 'number';
	breakdownLabel: string;
	source: string;
	definition: string;
}

const POPULATION = 'Bevölkerung';
const REGISTER = 'Einwohnermeldeamt / kommunale Statistikstelle';

export const DEFAULT_BASE_FIGURES: readonly DefaultBaseFigure[] = [
	{ code: 'einwohner', name: 'Einwohnerinnen und Einwohner', topic: POPULATION, unit: 'count', breakdownLabel: 'Altersgruppe', source: REGISTER, definition: 'Personen mit Hauptwohnsitz in der Kommune am Stichtag 31.12., nach den Altersgruppen 0–3, 4–5, 6–9, 10–15, 16–18, 19–29, 30–49, 50–64, 65 und älter.' },
	{ code: 'einwohner_mh', name: 'Einwohnerinnen und Einwohner mit Migrationshintergrund', topic: POPULATION, unit: 'count', breakdownLabel: 'Altersgruppe', source: REGISTER, definition: 'Ausländerinnen und Ausländer, Deutsche mit zweiter Staatsangehörigkeit, Eingebürgerte, (Spät-)Aussiedler, im Ausland geborene Zugewanderte sowie Kinder unter 18 Jahren im Haushalt eines Elternteils mit Migrationshintergrund (MigraPro).' },
	{ code: 'einwohner_staatsangehoerigkeit', name: 'Einwohnerinnen und Einwohner nach (früherer) Staatsangehörigkeit', topic: POPULATION, unit: 'count', breakdownLabel: 'Staatsangehörigkeit', source: REGISTER, definition: 'Nach der ersten bzw. früheren Staatsangehörigkeit; Grundlage für die Zahl der Staatsangehörigkeiten mit mindestens 10 Einwohnerinnen und Einwohnern im Gebiet.' },
	{ code: 'auslaender_15_64', name: 'Ausländerinnen und Ausländer von 15 bis 64 Jahren', topic: POPULATION, unit: 'count', breakdownLabel: '', source: REGISTER, definition: 'Bevölkerung im erwerbsfähigen Alter ohne deutsche Staatsangehörigkeit; Nenner für Arbeitsmarkt- und SGB-II-Anteile.' },
	{ code: 'arbeitslose_auslaender', name: 'Arbeitslose Ausländerinnen und Ausländer', topic: 'Arbeitsmarkt', unit: 'count', breakdownLabel: '', source: 'Bundesagentur für Arbeit, Statistik', definition: 'Arbeitslos gemeldete Personen ohne deutsche Staatsangehörigkeit am Stichtag (SGB II und SGB III).' },
	{ code: 'beschaeftigte_auslaender', name: 'Sozialversicherungspflichtig beschäftigte Ausländerinnen und Ausländer', topic: 'Arbeitsmarkt', unit: 'count', breakdownLabel: '', source: 'Bundesagentur für Arbeit, Beschäftigungsstatistik (Wohnort)', definition: 'Sozialversicherungspflichtig Beschäftigte ohne deutsche Staatsangehörigkeit mit Wohnort in der Kommune, 30.06.' },
	{ code: 'sgb2_auslaender', name: 'Ausländerinnen und Ausländer mit Leistungen nach dem SGB II', topic: 'Einkommen und Transferleistungen', unit: 'count', breakdownLabel: '', source: 'Bundesagentur für Arbeit, Grundsicherungsstatistik', definition: 'Regelleistungsberechtigte ohne deutsche Staatsangehörigkeit in Bedarfsgemeinschaften nach dem SGB II.' },
	{ code: 'kita_kinder', name: 'Kinder in Kindertageseinrichtungen', topic: 'Frühkindliche Bildung', unit: 'count', breakdownLabel: 'Migrationshintergrund', source: 'Jugendamt, Kita-Statistik (KiBiz.web)', definition: 'Betreute Kinder bis zum Schuleintritt am 01.03.; Merkmal: mindestens ein Elternteil ausländischer Herkunft bzw. in der Familie vorrangig nicht Deutsch gesprochen.' },
	{ code: 'vierjaehrige_sprachfoerderung', name: 'Vierjährige mit zusätzlichem Sprachförderbedarf', topic: 'Frühkindliche Bildung', unit: 'count', breakdownLabel: 'Familiensprache', source: 'Jugendamt, alltagsintegrierte Sprachbildung und Beobachtung', definition: 'Kinder im Alter von vier Jahren, bei denen ein zusätzlicher Sprachförderbedarf festgestellt wurde; dazu als Nenner die beobachteten Kinder dieses Jahrgangs.' },
	{ code: 'vierjaehrige_beobachtet', name: 'Vierjährige mit Sprachstandsbeobachtung', topic: 'Frühkindliche Bildung', unit: 'count', breakdownLabel: 'Familiensprache', source: 'Jugendamt', definition: 'Kinder im Alter von vier Jahren, deren Sprachstand beobachtet wurde.' },
	{ code: 'schulabgaenger', name: 'Schulabgängerinnen und Schulabgänger nach Abschluss', topic: 'Bildung', unit: 'count', breakdownLabel: 'Abschluss', source: 'IT.NRW, Schulstatistik', definition: 'Abgängerinnen und Abgänger allgemeinbildender Schulen eines Schuljahres nach Abschluss (ohne Hauptschulabschluss, Hauptschulabschluss, mittlerer Abschluss, Fachhochschulreife, allgemeine Hochschulreife).' },
	{ code: 'schulabgaenger_auslaender', name: 'Ausländische Schulabgängerinnen und Schulabgänger nach Abschluss', topic: 'Bildung', unit: 'count', breakdownLabel: 'Abschluss', source: 'IT.NRW, Schulstatistik', definition: 'Wie oben, nur Schülerinnen und Schüler ohne deutsche Staatsangehörigkeit.' },
	{ code: 'einbuergerungen', name: 'Einbürgerungen', topic: 'Rechtliche Integration', unit: 'count', breakdownLabel: 'frühere Staatsangehörigkeit', source: 'Einbürgerungsbehörde', definition: 'Im Kalenderjahr vollzogene Einbürgerungen.' },
	{ code: 'verwaltung_beschaeftigte', name: 'Beschäftigte der Kommunalverwaltung', topic: 'Interkulturelle Öffnung', unit: 'count', breakdownLabel: 'Migrationshintergrund', source: 'Personalamt (freiwillige, anonyme Beschäftigtenbefragung)', definition: 'Beschäftigte der Verwaltung; Merkmal: Migrationshintergrund nach Selbstauskunft. Nur aus freiwilligen Angaben, nie aus Personalakten.' },
	{ code: 'auszubildende_verwaltung', name: 'Auszubildende der Kommunalverwaltung', topic: 'Interkulturelle Öffnung', unit: 'count', breakdownLabel: 'Migrationshintergrund', source: 'Personalamt (freiwillige Angabe)', definition: 'Neu eingestellte Auszubildende eines Jahres; Merkmal: Migrationshintergrund nach Selbstauskunft.' }
];

/** Adds the default entries a municipality does not have yet (by code); existing entries stay as edited. */
export async function ensureDefaultCatalogue(db: DbOrTx, municipalityId: string, now: Date): Promise<void> {
	const codes = DEFAULT_BASE_FIGURES.map((f) => f.code);
	const existing = await db
		.select({ code: baseFigure.code, name: baseFigure.name })
		.from(baseFigure)
		.where(and(eq(baseFigure.municipalityId, municipalityId), inArray(baseFigure.code, codes)));
	if (existing.length === codes.length) return;
	const have = new Set(existing.map((e) => e.code));
	const missing = DEFAULT_BASE_FIGURES.filter((f) => !have.has(f.code));
	// A figure of the same name imported before keeps its own code; the default is not added twice.
	await db
		.insert(baseFigure)
		.values(missing.map((f) => ({ ...f, municipalityId, createdAt: now, updatedAt: now })))
		.onConflictDoNothing();
}
