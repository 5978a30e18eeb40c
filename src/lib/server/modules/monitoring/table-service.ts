import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import type { Tx } from '../../db/client.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { SpreadsheetError, type Sheet } from '../../core/spreadsheet.ts';
import { area } from '../areas/schema.ts';
import { baseFigure, figureValue, tableImport } from './schema.ts';
import { areaLookupFrom, readStatisticsTable, checkAreaTotals, interpretTable, normaliseAreaCode, suggestTableMapping, type AreaLookup, type ImportRecord, type TableMapping } from './table-import.ts';

/*
 * Aggregated tables from the statistics office: upload (CSV in any encoding and delimiter, or XLSX), map
 * the columns, check every row, then an all-or-nothing commit. A reference date that is delivered again
 * replaces the current values of that figure and date; the replaced rows stay, marked as superseded.
 */

/** Uploads nobody imported are removed after a week: they are working copies, not records. */
const OPEN_IMPORT_DAYS = 7;

export async function uploadTable(ctx: ServiceContext, file: { name: string; bytes: Uint8Array } | null, source = '') {
	authorize(ctx, 'monitoring.manage');
	if (!file || !file.bytes.length) throw new ValidationError('Bitte wählen Sie eine Datei.', { file: 'Bitte wählen Sie eine Datei (.csv oder .xlsx).' });
	let sheet: Sheet;
	try {
		sheet = readStatisticsTable(file.bytes, file.name);
	} catch (e) {
		if (e instanceof SpreadsheetError) throw new ValidationError(e.message, { file: e.message });
		throw e;
	}
	const now = ctx.clock.now();
	await ctx.db
		.delete(tableImport)
		.where(and(eq(tableImport.municipalityId, ctx.municipality.id), eq(tableImport.status, 'open'), lt(tableImport.createdAt, new Date(now.getTime() - OPEN_IMPORT_DAYS * 86_400_000))));
	const { mapping } = suggestTableMapping(sheet);
	const [row] = await ctx.db
		.insert(tableImport)
		.values({
			municipalityId: ctx.municipality.id,
			userId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
			filename: file.name.slice(0, 200),
			sheet,
			mapping,
			source: source.trim().slice(0, 300),
			createdAt: now
		})
		.returning({ id: tableImport.id });
	return row!.id;
}

async function findImport(ctx: ServiceContext, id: string) {
	if (!isUuid(id)) throw new NotFoundError('Diesen Import gibt es nicht.');
	const [row] = await ctx.db
		.select()
		.from(tableImport)
		.where(and(eq(tableImport.municipalityId, ctx.municipality.id), eq(tableImport.id, id)));
	if (!row) throw new NotFoundError('Diesen Import gibt es nicht (mehr).');
	return row;
}

interface AreaRow {
	id: string;
	code: string;
	name: string;
	level: string;
	parentId: string | null;
}

async function areasOf(ctx: ServiceContext): Promise<AreaRow[]> {
	return ctx.db
		.select({ id: area.id, code: area.code, name: area.name, level: area.level, parentId: area.parentId })
		.from(area)
		.where(eq(area.municipalityId, ctx.municipality.id))
		.orderBy(asc(area.code));
}

/**
 * Area codes of the file are matched to the municipality's areas by their official code, leading zeros
 * aside ("001" is Stadtbezirk 1). A code used on two levels (a district "1" and a quarter "1") is
 * ambiguous and matched to neither, so the row is reported rather than booked to the wrong area.
 */
export function areaLookupOf(areas: AreaRow[], municipalityName: string): AreaLookup {
	const lookup = areaLookupFrom(areas, municipalityName.replace(/\s*\(Demo\)\s*$/, ''));
	const seen = new Set<string>();
	for (const a of areas) {
		const key = normaliseAreaCode(a.code);
		if (seen.has(key)) lookup.codes.delete(key);
		seen.add(key);
	}
	return lookup;
}

export interface ImportPlan {
	records: ImportRecord[];
	problems: ReturnType<typeof interpretTable>['problems'];
	figures: (ReturnType<typeof interpretTable>['figures'][number] & { existing: boolean; replacedValues: number })[];
	totals: ReturnType<typeof checkAreaTotals>;
	areaNames: Map<string, string>;
}

async function plan(ctx: ServiceContext, sheet: Sheet, mapping: TableMapping): Promise<ImportPlan> {
	const areas = await areasOf(ctx);
	const interpreted = interpretTable(sheet, mapping, areaLookupOf(areas, ctx.municipality.name));
	const parentOf = new Map(areas.map((a) => [a.id, a.parentId]));
	const totals = checkAreaTotals(interpreted.records, (id) => parentOf.get(id) ?? null);
	const existing = await ctx.db
		.select({ id: baseFigure.id, name: baseFigure.name })
		.from(baseFigure)
		.where(eq(baseFigure.municipalityId, ctx.municipality.id));
	const existingByName = new Map(existing.map((f) => [f.name, f.id]));
	const figures = [];
	for (const f of interpreted.figures) {
		const id = existingByName.get(f.name);
		let replacedValues = 0;
		if (id && f.referenceDates.length) {
			const [row] = await ctx.db
				.select({ n: sql<number>`count(*)::int` })
				.from(figureValue)
				.where(and(eq(figureValue.baseFigureId, id), inArray(figureValue.referenceDate, f.referenceDates), isNull(figureValue.supersededAt)));
			replacedValues = row?.n ?? 0;
		}
		figures.push({ ...f, existing: !!id, replacedValues });
	}
	return { records: interpreted.records, problems: interpreted.problems, figures, totals, areaNames: new Map(areas.map((a) => [a.id, `${a.code} ${a.name}`])) };
}

export async function tablePreview(ctx: ServiceContext, id: string) {
	authorize(ctx, 'monitoring.manage');
	const row = await findImport(ctx, id);
	if (row.status !== 'open') return { row, plan: null, mappingError: null };
	try {
		return { row, plan: await plan(ctx, row.sheet as Sheet, row.mapping), mappingError: null };
	} catch (e) {
		// A mapping that cannot be applied (the same column twice, no value column) is shown, not thrown.
		if (e instanceof Error && !(e instanceof ValidationError)) return { row, plan: null, mappingError: e.message };
		throw e;
	}
}

const column = (raw: Record<string, unknown>, name: string, count: number): number | null => {
	const value = String(raw[name] ?? '');
	return /^\d+$/.test(value) && Number(value) < count ? Number(value) : null;
};

export async function updateTableMapping(ctx: ServiceContext, id: string, raw: Record<string, unknown>) {
	authorize(ctx, 'monitoring.manage');
	const row = await findImport(ctx, id);
	if (row.status !== 'open') throw new ConflictError('Diese Datei wurde bereits importiert oder verworfen.');
	const count = row.sheet.headers.length;
	const area = column(raw, 'map.area', count);
	const rawValues = raw['map.values'];
	const values = (Array.isArray(rawValues) ? rawValues : rawValues === undefined ? [] : [rawValues])
		.map(String)
		.filter((v) => /^\d+$/.test(v) && Number(v) < count)
		.map(Number);
	const fixedFigure = String(raw.fixedFigure ?? '')
		.trim()
		.slice(0, 200);
	const figure = column(raw, 'map.figure', count);
	const errors: Record<string, string> = {};
	if (area === null) errors['map.area'] = 'Bitte wählen Sie die Spalte mit dem Gebietsschlüssel.';
	if (!values.length) errors['map.values'] = 'Bitte wählen Sie mindestens eine Spalte mit Zahlen.';
	if (figure === null && !fixedFigure) errors.fixedFigure = 'Ohne Spalte für die Grundzahl braucht die Tabelle einen Namen, z. B. „Einwohnerinnen und Einwohner“.';
	if (Object.keys(errors).length) throw new ValidationError('Bitte prüfen Sie die Zuordnung.', errors);
	const mapping: TableMapping = {
		area: area!,
		areaName: column(raw, 'map.areaName', count),
		year: column(raw, 'map.year', count),
		figure,
		fixedFigure: fixedFigure || undefined,
		category: column(raw, 'map.category', count),
		values,
		decimal: raw.decimal === 'comma' ? 'comma' : 'point'
	};
	await ctx.db
		.update(tableImport)
		.set({
			mapping,
			source: String(raw.source ?? row.source)
				.trim()
				.slice(0, 300)
		})
		.where(eq(tableImport.id, row.id));
}

/** A code for formulas from a figure's name: "Einwohner nach Alter" → "einwohner_nach_alter". */
export function figureCode(name: string, taken: ReadonlySet<string>): string {
	const base =
		name
			.toLocaleLowerCase('de')
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.replace(/ß/g, 'ss')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_+|_+$/g, '')
			.slice(0, 60) || 'grundzahl';
	let code = base;
	for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
	return code;
}

const CHUNK = 1000;

type ValueRecord = Pick<ImportRecord, 'figure' | 'category' | 'areaId' | 'areaCode' | 'referenceDate' | 'value' | 'status'>;

/**
 * Writes values inside the caller's transaction: base figures that do not exist yet are created (code
 * from the name), the current values of every (figure, reference date) delivered are superseded, and
 * the new values inserted. Shared by the table import and the microdata run.
 */
export async function storeValues(tx: Tx, ctx: ServiceContext, records: readonly ValueRecord[], origin: { source: string; importId: string | null }) {
	const now = ctx.clock.now();
	const existing = await tx.select().from(baseFigure).where(eq(baseFigure.municipalityId, ctx.municipality.id));
	const idByName = new Map(existing.map((f) => [f.name, f.id]));
	const codes = new Set(existing.map((f) => f.code));
	const datesByFigure = new Map<string, Set<string>>();
	for (const r of records) {
		if (!datesByFigure.has(r.figure)) datesByFigure.set(r.figure, new Set());
		datesByFigure.get(r.figure)!.add(r.referenceDate);
	}
	let newFigures = 0;
	let superseded = 0;
	for (const [name, dates] of datesByFigure) {
		if (idByName.has(name)) {
			const replaced = await tx
				.update(figureValue)
				.set({ supersededAt: now })
				.where(and(eq(figureValue.baseFigureId, idByName.get(name)!), inArray(figureValue.referenceDate, [...dates]), isNull(figureValue.supersededAt)))
				.returning({ id: figureValue.id });
			superseded += replaced.length;
			continue;
		}
		const code = figureCode(name, codes);
		codes.add(code);
		const [created] = await tx
			.insert(baseFigure)
			.values({ municipalityId: ctx.municipality.id, code, name, source: origin.source, createdAt: now, updatedAt: now })
			.returning({ id: baseFigure.id });
		idByName.set(name, created!.id);
		newFigures++;
		await recordAudit(tx, ctx, { action: 'monitoring.base_figure.create', entityType: 'monitoring_base_figure', entityId: created!.id, after: { name, code, source: origin.source } });
	}
	for (let i = 0; i < records.length; i += CHUNK)
		await tx.insert(figureValue).values(
			records.slice(i, i + CHUNK).map((r) => ({
				municipalityId: ctx.municipality.id,
				baseFigureId: idByName.get(r.figure)!,
				areaId: r.areaId,
				areaCode: r.areaId ? r.areaCode : '',
				category: r.category,
				referenceDate: r.referenceDate,
				value: r.value,
				sourceStatus: r.status,
				importId: origin.importId,
				createdAt: now
			}))
		);
	return { newFigures, superseded };
}

/** All rows or none: new figures, the superseding of replaced values and every new value in one transaction. */
export async function commitTable(ctx: ServiceContext, id: string) {
	authorize(ctx, 'monitoring.manage');
	const row = await findImport(ctx, id);
	if (row.status !== 'open') throw new ConflictError('Diese Datei wurde bereits importiert oder verworfen.');
	let p: ImportPlan;
	try {
		p = await plan(ctx, row.sheet as Sheet, row.mapping);
	} catch (e) {
		if (e instanceof Error && !(e instanceof ValidationError)) throw new ValidationError(e.message);
		throw e;
	}
	if (p.problems.length) throw new ValidationError(`Die Datei hat noch ${p.problems.length} ${p.problems.length === 1 ? 'Fehler' : 'Fehler'}. Es wurde nichts importiert.`);
	if (!p.records.length) throw new ValidationError('Die Datei enthält keine Werte.');
	return inTransaction(ctx, async (tx) => {
		const now = ctx.clock.now();
		const { newFigures, superseded } = await storeValues(tx, ctx, p.records, { source: row.source, importId: row.id });
		const referenceDates = [...new Set(p.figures.flatMap((f) => f.referenceDates))].sort();
		const result = { figures: p.figures.length, newFigures, values: p.records.length, superseded, referenceDates };
		await tx
			.update(tableImport)
			.set({ status: 'imported', importedAt: now, result, sheet: { headers: row.sheet.headers, rows: [], format: row.sheet.format } })
			.where(eq(tableImport.id, row.id));
		await recordAudit(tx, ctx, { action: 'monitoring.import', entityType: 'monitoring_import', entityId: row.id, after: { filename: row.filename, source: row.source, ...result } });
		return result;
	});
}

export async function discardTable(ctx: ServiceContext, id: string) {
	authorize(ctx, 'monitoring.manage');
	const row = await findImport(ctx, id);
	if (row.status !== 'open') throw new ConflictError('Diese Datei wurde bereits importiert oder verworfen.');
	await ctx.db
		.update(tableImport)
		.set({ status: 'discarded', sheet: { headers: row.sheet.headers, rows: [], format: row.sheet.format } })
		.where(eq(tableImport.id, row.id));
}

export async function recentTableImports(ctx: ServiceContext) {
	authorize(ctx, 'monitoring.manage');
	return ctx.db
		.select({ id: tableImport.id, filename: tableImport.filename, source: tableImport.source, status: tableImport.status, result: tableImport.result, createdAt: tableImport.createdAt, importedAt: tableImport.importedAt })
		.from(tableImport)
		.where(eq(tableImport.municipalityId, ctx.municipality.id))
		.orderBy(desc(tableImport.createdAt))
		.limit(10);
}
