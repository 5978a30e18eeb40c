import { m } from '#lib/paraglide/messages.js';
import { changeText, valueText, type KeyFigureView } from './figures.ts';
import type { KeyFigureUnit } from './key-figures.ts';

/** What the key-figure pages (back office and portal) print, formatted in the page's language and the key figure's unit. */
export function keyFigurePageRows(view: KeyFigureView, lang: string) {
	const row = (r: KeyFigureView['rows'][number], name: string) => ({
		id: r.id,
		name,
		isTotal: r.isTotal,
		value: valueText(r.value, view.unit, lang),
		earlier: r.earlier ? valueText(r.earlier, view.unit, lang) : null,
		change: r.change ? changeText(r.change, view.unit, lang) : null,
		marks: r.marks
	});
	return {
		dates: view.dates,
		date: view.date,
		compareWith: view.compareWith,
		level: view.level,
		categories: view.categories.length > 1 ? view.categories : [],
		category: view.category,
		rows: view.rows.map((r) => row(r, r.isTotal ? r.name : `${r.code} ${r.name}`)),
		focus: view.focus,
		focusChoices: view.focusChoices,
		categoryRows: view.categoryRows.map((r) => ({ ...row(r, r.category || 'insgesamt'), id: `c:${r.category}` })),
		statements: view.statements.map((s) => ({ text: s.text, dir: s.dir, reviewed: s.reviewed })),
		unit: { unit: view.unit, per: view.per ?? null, perLabel: view.perLabel ?? null }
	};
}

/** The unit of a key figure in a portal language: "Anteil in Prozent", "je 1.000", "Verhältnis", "Anzahl". */
export function portalUnitLabel(unit: KeyFigureUnit, per: number | undefined, lang: string): string {
	const locale = { locale: lang as never };
	if (unit === 'rate') return m.monitoring_unit_rate({ per: new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang).format(per ?? 1000) }, locale);
	if (unit === 'ratio') return m.monitoring_unit_ratio({}, locale);
	if (unit === 'count') return m.monitoring_unit_count({}, locale);
	return m.figure_legend_title({}, locale);
}
