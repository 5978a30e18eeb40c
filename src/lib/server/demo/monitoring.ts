import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../core/context.ts';
import { log } from '../core/log.ts';
import { baseFigure } from '../modules/monitoring/schema.ts';
import { commitTable, uploadTable } from '../modules/monitoring/table-service.ts';
import { createShareKeyFigure } from '../modules/monitoring/figures.ts';

/**
 * Köln's real population figures 2005–2012 by Stadtbezirk and Stadtteil, imported through the same
 * services as an upload in the back office, and two key figures computed from them.
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
}
