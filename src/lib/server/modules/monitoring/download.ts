import { writeCsv, writeXlsx } from '../../core/spreadsheet.ts';

/** A table as a download: CSV (semicolons, UTF-8 with BOM, for German Excel) or XLSX. */
export function tableDownload(table: { headers: string[]; rows: string[][] }, format: string | null, name: string, sheet: string): Response {
	const csv = format === 'csv';
	const body = csv ? writeCsv(table.headers, table.rows) : writeXlsx(sheet, table.headers, table.rows);
	const filename = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100);
	return new Response(body as BodyInit, {
		headers: {
			'content-type': csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${filename}.${csv ? 'csv' : 'xlsx'}"`,
			'cache-control': 'no-store'
		}
	});
}
