import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../core/context.ts';
import { log } from '../core/log.ts';
import { baseFigure } from '../modules/monitoring/schema.ts';
import { commitTable, uploadTable } from '../modules/monitoring/table-service.ts';
import { createPercentKeyFigure, createRateKeyFigure, createShareKeyFigure, updateBaseFigure } from '../modules/monitoring/figures.ts';
import { updateTableMapping } from '../modules/monitoring/table-service.ts';
import { addIndicatorStatement, createIndicator } from '../modules/monitoring/indicators.ts';

/**
 * Köln's real population figures 2005–2012 by Stadtbezirk and Stadtteil, imported through the same
 * services as an upload in the back office, and three key figures computed from them: two shares and a
 * rate per 1,000 (internal, so the portal still shows the one published share).
 */
export async function seedKoelnMonitoring(ctx: ServiceContext, sharedDataDir: string): Promise<void> {
	const file = path.join(sharedDataDir, 'data', 'koeln', 'stats', 'bevoelkerung_2005-2012.csv');
	if (!fs.existsSync(file)) {
		log.warn('Köln statistics not imported (set SHARED_DATA_DIR to the folder with data/koeln/stats)', { file });
		return;
	}
	const id = await uploadTable(ctx, { name: 'bevoelkerung_2005-2012.csv', bytes: new Uint8Array(fs.readFileSync(file)) }, 'Stadt Köln, Offene Daten: Einwohnerstatistik 2005–2012 (CC BY)');
	const result = await commitTable(ctx, id);
	log.info('demo statistics imported', result);
	const figures = await ctx.db.select().from(baseFigure).where(eq(baseFigure.municipalityId, ctx.municipality.id));
	const idOf = (name: string) => figures.find((f) => f.name === name)?.id;
	const residents = idOf('Einwohner in Köln');
	const background = idOf('Einwohner mit Migrationshintergrund');
	if (!residents || !background) {
		log.warn('Köln statistics: the expected tables are missing; no key figures created', { figures: figures.map((f) => f.name) });
		return;
	}
	await createShareKeyFigure(ctx, {
		name: 'Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund',
		description: 'Einwohnerinnen und Einwohner mit Migrationshintergrund je 100 Einwohnerinnen und Einwohner (Hauptwohnsitz), jeweils am 31. Dezember.',
		numeratorFigure: background,
		numeratorCategory: 'Einwohner mit Migrationshintergrund',
		denominatorFigure: residents,
		denominatorCategory: 'Einwohner',
		isPublic: 'on',
		statements: 'migration_background'
	});
	await createShareKeyFigure(ctx, {
		name: 'Anteil der Ausländerinnen und Ausländer',
		description: 'Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit je 100 Einwohnerinnen und Einwohner.',
		numeratorFigure: background,
		numeratorCategory: 'Ausländer',
		denominatorFigure: residents,
		denominatorCategory: 'Einwohner',
		statements: 'none'
	});
	await createRateKeyFigure(ctx, {
		name: 'Ausländerinnen und Ausländer je 1.000 Einwohnerinnen und Einwohner',
		description: 'Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit je 1.000 Einwohnerinnen und Einwohner, wie die Statistikstelle die Ausländerdichte angibt.',
		numeratorFigure: background,
		numeratorCategory: 'Ausländer',
		denominatorFigure: residents,
		denominatorCategory: 'Einwohner',
		per: '1000'
	});
}

/**
 * Bottrop: the shares of residents with a migration background by age group in 2008 and 2018, as the
 * Integrationsbericht prints them for 11-Altstadt, 61-Ebel/Welheimer Mark and the whole town (no counts
 * are published, so the base figure is in percent). Entered through the same import as any table.
 */
const BOTTROP_SHARES = [
	'Gebiet;Name;Altersgruppe;2008;2018',
	'11;Altstadt;0-3;52,7;76,3',
	'11;Altstadt;4-5;49,4;71,8',
	'11;Altstadt;6-9;49,7;73,8',
	'11;Altstadt;10-15;47,2;68,0',
	'11;Altstadt;16-18;42,9;59,4',
	'11;Altstadt;19-29;35,4;51,3',
	'11;Altstadt;30-49;31,3;45,1',
	'11;Altstadt;50-64;21,3;27,1',
	'11;Altstadt;>64;9,8;13,0',
	'11;Altstadt;gesamt;27,7;40,1',
	'61;Ebel/Welheimer Mark;0-3;44,2;37,9',
	'61;Ebel/Welheimer Mark;4-5;53,4;56,4',
	'61;Ebel/Welheimer Mark;6-9;45,3;47,2',
	'61;Ebel/Welheimer Mark;10-15;42,4;43,4',
	'61;Ebel/Welheimer Mark;16-18;36,6;46,7',
	'61;Ebel/Welheimer Mark;19-29;38,7;29,5',
	'61;Ebel/Welheimer Mark;30-49;29,6;32,2',
	'61;Ebel/Welheimer Mark;50-64;16,7;20,9',
	'61;Ebel/Welheimer Mark;>64;10,1;16,6',
	'61;Ebel/Welheimer Mark;gesamt;28,2;29,3',
	'000;Stadt Bottrop;0-3;35,1;43,5',
	'000;Stadt Bottrop;4-5;35,0;42,8',
	'000;Stadt Bottrop;6-9;30,2;44,0',
	'000;Stadt Bottrop;10-15;28,2;39,7',
	'000;Stadt Bottrop;16-18;24,5;34,8',
	'000;Stadt Bottrop;19-29;24,8;27,9',
	'000;Stadt Bottrop;30-49;19,0;26,4',
	'000;Stadt Bottrop;50-64;12,1;13,0',
	'000;Stadt Bottrop;>64;6,1;9,1',
	'000;Stadt Bottrop;gesamt;17,5;21,8',
];

export async function seedBottropMonitoring(ctx: ServiceContext): Promise<void> {
	const name = 'Anteil der Einwohner mit Migrationshintergrund nach Altersgruppen';
	const id = await uploadTable(ctx, { name: 'integrationsbericht-2018-altersgruppen.csv', bytes: new TextEncoder().encode(BOTTROP_SHARES.join('\r\n')) }, 'Stadt Bottrop, Integrationsbericht 2018');
	await updateTableMapping(ctx, id, { 'map.area': '0', 'map.areaName': '1', 'map.category': '2', 'map.values': ['3', '4'], fixedFigure: name, decimal: 'comma', source: 'Stadt Bottrop, Integrationsbericht 2018' });
	await commitTable(ctx, id);
	const [figure] = await ctx.db.select().from(baseFigure).where(eq(baseFigure.municipalityId, ctx.municipality.id));
	await updateBaseFigure(ctx, figure!.id, {
		name,
		unit: 'percent',
		breakdownLabel: 'Altersgruppe',
		source: 'Stadt Bottrop, Integrationsbericht 2018 (Bevölkerungsstatistik, Stichtag 31.12.)',
		definition: 'Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund an allen Einwohnerinnen und Einwohnern der Altersgruppe, in Prozent.'
	});
	await createPercentKeyFigure(ctx, {
		name: 'Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund nach Altersgruppen',
		description: 'Wie im Integrationsbericht 2018: 2008 und 2018 im Vergleich, für zwei statistische Bezirke und die ganze Stadt.',
		figure: figure!.id,
		isPublic: 'on',
		statements: 'migration_background'
	});
}

/**
 * Ratingen: the qualitative side of its Integrationskonzept (chapter 3.4) — statements with the
 * evidence they rest on. Demo content, marked as such like everything in the demo municipalities.
 */
export async function seedRatingenIndicators(ctx: ServiceContext): Promise<void> {
	const network = await createIndicator(ctx, {
		name: 'Das Netzwerk Integration arbeitet verbindlich zusammen',
		topic: 'Steuerung und Vernetzung',
		description: 'Ob Verwaltung, Wohlfahrtsverbände und Migrantenorganisationen ihre Angebote abstimmen – sichtbar an regelmäßigen Treffen und gemeinsamen Vorhaben.'
	});
	await addIndicatorStatement(ctx, network.id, {
		statedOn: '2025-12-31',
		statement: 'Das Netzwerk hat sich 2025 viermal getroffen; zwei Migrantenorganisationen sind neu dabei, und die Sprachkursträger stimmen ihre Kurszeiten nun gemeinsam ab.',
		evidence: 'Protokolle der Netzwerktreffen 2025 (Demo)'
	});
	await createIndicator(ctx, {
		name: 'Die Verwaltung öffnet sich interkulturell',
		topic: 'Interkulturelle Öffnung',
		description: 'Fortbildungen, mehrsprachige Informationen und Beschäftigte mit Migrationsgeschichte in der Stadtverwaltung.'
	});
}
