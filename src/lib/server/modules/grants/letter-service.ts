/** Issued letters: the frozen HTML for the print view and the PDF made from it by Chromium. */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { renderPdf } from '../../core/pdf.ts';
import { application, letter, letterTemplate, LETTER_KINDS, type LetterKind } from './schema.ts';
import { isAccessToken, loadFund, sha256 } from './common.ts';
import { DEFAULT_TEMPLATES, bodyHtml, fillLine, letterDocument, tableHtml } from './letters.ts';

type Letter = typeof letter.$inferSelect;

/** A letter for the office (any) or a jury member (session letters only). */
export async function officeLetter(ctx: ServiceContext, letterId: string): Promise<Letter> {
	if (!can(ctx, 'grants.read')) authorize(ctx, 'grants.vote');
	if (!isUuid(letterId)) throw new NotFoundError('Dieses Schreiben gibt es nicht.');
	const [row] = await ctx.db
		.select()
		.from(letter)
		.where(and(eq(letter.municipalityId, ctx.municipality.id), eq(letter.id, letterId)));
	if (!row || (!can(ctx, 'grants.read') && !row.sessionId)) throw new NotFoundError('Dieses Schreiben gibt es nicht.');
	return row;
}

/** A letter addressed to the applicant, by the application's secret link. */
export async function applicantLetter(ctx: ServiceContext, token: string, letterId: string): Promise<Letter> {
	if (!isUuid(letterId) || !isAccessToken(token)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ letter })
		.from(letter)
		.innerJoin(application, eq(application.id, letter.applicationId))
		.where(and(eq(letter.municipalityId, ctx.municipality.id), eq(letter.id, letterId), eq(letter.toApplicant, true), eq(application.accessTokenHash, sha256(token))));
	if (!row) throw new NotFoundError();
	return row.letter;
}

/** The letter's PDF: rendered once by Chromium, then served from the database (the HTML is frozen). */
export async function letterPdf(ctx: ServiceContext, l: Letter): Promise<Uint8Array> {
	if (l.pdf) return l.pdf;
	const pdf = await renderPdf(l.html, { title: l.subject });
	await ctx.db.update(letter).set({ pdf }).where(and(eq(letter.id, l.id), eq(letter.municipalityId, ctx.municipality.id)));
	return pdf;
}

/** A file name like "SF-2026-003_Zuwendungsbescheid.pdf". */
export function letterFileName(l: Letter, label: string): string {
	const ref = /Aktenzeichen: ([A-Z0-9-]+)/.exec(l.html)?.[1];
	return `${ref ? ref + '_' : ''}${label}`.replace(/[^A-Za-z0-9äöüÄÖÜß_-]+/g, '_') + '.pdf';
}

/** Sample values for the template preview: every placeholder filled, so the editor sees the whole letter. */
const SAMPLE: Record<string, string> = {
	anrede: 'Guten Tag Frau Muster,',
	antragsteller: 'Nachbarschaftsinitiative Beispielstraße',
	aktenzeichen: 'SF-2026-099',
	projekt: 'Beispielprojekt: Nachbarschaftsfest',
	stadtteil: 'Altstadt',
	eingang: '15.03.2026',
	frist: '01.04.2026',
	beantragt: '1.200,00 €',
	betrag: '1.000,00 €',
	zeitraum: '01.06.2026 bis 30.06.2026',
	abrechnungsfrist: '31.08.2026',
	schwelle: '500,00 €',
	gruende: 'Hier stehen die Gründe der Entscheidung.',
	auflagen: 'Hier stehen zusätzliche Auflagen, falls es welche gibt.',
	nachricht: 'Hier steht die Nachfrage der Geschäftsführung.',
	statuslink: 'https://…/foerderung',
	sitzung: '22.04.2026, 17:00 Uhr, Rathaus, Raum 214',
	rest: '9.990,30 €',
	rueckforderung: '165,00 €'
};

/** The current wording of a template (the municipality's own or the default) as a complete sample letter. */
export async function previewTemplate(ctx: ServiceContext, fundId: string, kind: string): Promise<string> {
	authorize(ctx, 'grants.manage');
	if (!(LETTER_KINDS as readonly string[]).includes(kind)) throw new NotFoundError('Diese Vorlage gibt es nicht.');
	const f = await loadFund(ctx.db, ctx, fundId);
	const [custom] = await ctx.db
		.select()
		.from(letterTemplate)
		.where(and(eq(letterTemplate.fundId, f.id), eq(letterTemplate.kind, kind as LetterKind)));
	const t = custom ?? DEFAULT_TEMPLATES[kind as LetterKind];
	const values = { ...SAMPLE, fonds: f.name, geschaeftsfuehrung: f.managingOffice, gericht: f.court };
	const subject = fillLine(t.subject, values);
	return letterDocument({
		municipalityName: ctx.municipality.name,
		managingOffice: f.managingOffice,
		officeAddress: f.address,
		officeEmail: f.email,
		recipient: ['Nachbarschaftsinitiative Beispielstraße', 'z. Hd. Frau Muster', 'Beispielstraße 1', '46236 Bottrop'],
		date: '01.05.2026',
		reference: 'SF-2026-099',
		subject: `Vorschau: ${subject}`,
		bodyHtml: bodyHtml(t.body, values, tableHtml(['Spalte', 'Betrag €'], [['Beispielzeile', '100,00 €']])),
		signature: ctx.actor.kind === 'user' ? ctx.actor.name : f.managingOffice,
		demo: true
	});
}
