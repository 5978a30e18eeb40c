import { pointsText, shareText, type KeyFigureView } from './figures.ts';

/** What the key-figure pages (back office and portal) print, formatted in the page's language. */
export function keyFigurePageRows(view: KeyFigureView, lang: string) {
	const row = (r: KeyFigureView['rows'][number], name: string) => ({
		id: r.id,
		name,
		isTotal: r.isTotal,
		value: shareText(r.value, lang),
		earlier: r.earlier ? shareText(r.earlier, lang) : null,
		change: r.change ? pointsText(r.change, lang) : null,
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
		statements: view.statements.map((s) => ({ text: s.text, dir: s.dir, reviewed: s.reviewed }))
	};
}
