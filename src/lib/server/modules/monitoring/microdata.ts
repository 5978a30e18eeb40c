import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ValidationError } from '../../core/errors.ts';
import { normaliseAreaCode, type ImportRecord } from './table-import.ts';
import { createMigraProAggregator, hasMigrationBackground, MIGRATION_STATUS_LABELS, RegisterOrderError, RegisterValidationError, type MigraProResult } from './migrapro.ts';
import { readRegisterCsvBatches, RegisterCsvError } from './register-csv.ts';
import { areaTree, type AreaNode } from './protection.ts';
import { loadMonitoringSettings } from './settings.ts';
import { storeValues } from './table-service.ts';

/*
 * The microdata run of the statistics office: an anonymised extract of the population register is
 * streamed from the upload through the MigraPro derivation (migrapro.ts) into counts. The extract is
 * never written anywhere — not to disk, not to the database, not to a log; only the counts are stored,
 * as base figures of the catalogue, and pass the same disclosure control as any other number when
 * they are shown. Rules: docs/monitoring-migrapro.md.
 */

export const MICRODATA_FIGURES = {
	residents: 'Einwohner (Melderegister)',
	withBackground: 'Einwohner mit Migrationshintergrund (Melderegister)',
	byStatus: 'Einwohner nach Migrationsstatus (Melderegister)',
	byAge: 'Einwohner nach Altersgruppe (Melderegister)',
	withBackgroundByAge: 'Einwohner mit Migrationshintergrund nach Altersgruppe (Melderegister)',
	byCountry: 'Einwohner mit Migrationshintergrund nach Bezugsland (Melderegister)'
} as const;

export interface MicrodataRunResult {
	residents: number;
	households: number;
	withBackground: number;
	values: number;
	newFigures: number;
	superseded: number;
	warnings: number;
	referenceDate: string;
}

/**
 * Counts per area (the register's areas), summed up the area hierarchy (Stadtteil → Stadtbezirk) and
 * to the whole municipality, for each figure and category. Pure, for tests.
 */
export function recordsFromResult(result: MigraProResult, areas: readonly AreaNode[], referenceDate: string): Omit<ImportRecord, 'line'>[] {
	const byCode = new Map(areas.map((a) => [normaliseAreaCode(a.code), a]));
	const byId = new Map(areas.map((a) => [a.id, a]));
	const sums = new Map<string, number>();
	const add = (figure: string, category: string, areaId: string | null, n: number) => {
		// The cell itself and every area above it, up to the whole municipality (null).
		let current: string | null = areaId;
		for (;;) {
			const key = JSON.stringify([figure, category, current]);
			sums.set(key, (sums.get(key) ?? 0) + n);
			if (current === null) break;
			current = byId.get(current)?.parentId ?? null;
		}
	};
	for (const cell of result.cells) {
		const area = byCode.get(normaliseAreaCode(cell.areaCode));
		if (!area) continue; // checked while reading; cannot happen for a validated run
		const background = hasMigrationBackground(cell.status);
		// Each breakdown carries its own total (''), so the disclosure control sees that the categories add
		// up to it and no hidden category can be recomputed as the total minus the others.
		add(MICRODATA_FIGURES.residents, '', area.id, cell.count);
		for (const [figure, category] of [
			[MICRODATA_FIGURES.byStatus, MIGRATION_STATUS_LABELS[cell.status]],
			[MICRODATA_FIGURES.byAge, cell.ageBand]
		] as const) {
			add(figure, category, area.id, cell.count);
			add(figure, '', area.id, cell.count);
		}
		if (background) {
			add(MICRODATA_FIGURES.withBackground, '', area.id, cell.count);
			for (const [figure, category] of [
				[MICRODATA_FIGURES.withBackgroundByAge, cell.ageBand],
				[MICRODATA_FIGURES.byCountry, cell.referenceCountryGroup]
			] as const) {
				add(figure, category, area.id, cell.count);
				add(figure, '', area.id, cell.count);
			}
		}
	}
	return [...sums].map(([key, value]) => {
		const [figure, category, areaId] = JSON.parse(key) as [string, string, string | null];
		return { figure, category, areaId, areaCode: areaId ? byId.get(areaId)!.code : '', referenceDate, value, status: 'ok' as const };
	});
}

export async function runMicrodata(ctx: ServiceContext, upload: { name: string; stream: AsyncIterable<Uint8Array> } | null, raw: Record<string, unknown>): Promise<MicrodataRunResult> {
	authorize(ctx, 'monitoring.microdata');
	const thisYear = Number(ctx.clock.now().toISOString().slice(0, 4));
	const yearText = String(raw.referenceYear ?? '').trim();
	const referenceYear = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
	const errors: Record<string, string> = {};
	if (!(referenceYear >= 1950 && referenceYear <= thisYear)) errors.referenceYear = `Bitte geben Sie das Jahr des Stichtags an (31.12.), zwischen 1950 und ${thisYear}.`;
	if (!upload) errors.file = 'Bitte wählen Sie den Auszug aus dem Melderegister (.csv).';
	if (Object.keys(errors).length) throw new ValidationError('Bitte prüfen Sie die markierten Felder.', errors);

	const areas = await areaTree(ctx.db, ctx.municipality.id);
	const known = new Set(areas.map((a) => normaliseAreaCode(a.code)));
	// The municipality's age bands (Bottrop's unless it set its own), for the figures by age group.
	const { ageBands } = await loadMonitoringSettings(ctx.db, ctx.municipality.id);
	const aggregator = createMigraProAggregator({ referenceYear, firstRowNumber: 2, ageBands });
	const unknownAreas = new Map<string, number>();
	let result: MigraProResult;
	try {
		for await (const batch of readRegisterCsvBatches(upload!.stream))
			for (const { line, row } of batch) {
				const code = normaliseAreaCode(String(row.areaCode ?? ''));
				if (!known.has(code)) {
					if (!unknownAreas.has(code)) unknownAreas.set(code, line);
					continue;
				}
				aggregator.add(row);
			}
		result = aggregator.finish();
	} catch (e) {
		if (e instanceof RegisterCsvError || e instanceof RegisterOrderError || e instanceof RegisterValidationError) throw new ValidationError(e.message, { file: e.message });
		throw e;
	}
	if (unknownAreas.size) {
		const list = [...unknownAreas].slice(0, 5).map(([code, line]) => `„${code}“ (zuerst in Zeile ${line})`);
		const message = `Der Auszug nennt ${unknownAreas.size === 1 ? 'einen Gebietsschlüssel' : `${unknownAreas.size} Gebietsschlüssel`}, den es in ${ctx.municipality.name} nicht gibt: ${list.join(', ')}${unknownAreas.size > 5 ? ' …' : ''}. Es wurde nichts gespeichert.`;
		throw new ValidationError(message, { file: message });
	}
	if (!result.rows) throw new ValidationError('Der Auszug enthält keine Einwohnerinnen und Einwohner.', { file: 'Der Auszug enthält keine Zeilen.' });
	const referenceDate = `${referenceYear}-12-31`;
	const records = recordsFromResult(result, areas, referenceDate);
	const source = `Melderegister, Auszug zum 31.12.${referenceYear}, ausgewertet nach MigraPro-Regeln`;
	return inTransaction(ctx, async (tx) => {
		const stored = await storeValues(tx, ctx, records, { source, importId: null });
		const withBackground = Object.entries(result.byStatus).reduce((n, [status, count]) => n + (status === 'none' ? 0 : count), 0);
		const summary: MicrodataRunResult = {
			residents: result.rows,
			households: result.households,
			withBackground,
			values: records.length,
			newFigures: stored.newFigures,
			superseded: stored.superseded,
			warnings: result.warnings.count,
			referenceDate
		};
		// The audit names the run and its totals; nothing about any person.
		await recordAudit(tx, ctx, { action: 'monitoring.microdata.run', entityType: 'monitoring_microdata', entityId: referenceDate, after: { filename: upload!.name.slice(0, 200), ...summary } });
		return summary;
	});
}
