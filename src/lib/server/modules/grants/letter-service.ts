/** Issued letters: the frozen HTML for the print view and the PDF made from it by Chromium. */
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { renderPdf } from '../../core/pdf.ts';
import { application, letter } from './schema.ts';
import { sha256 } from './common.ts';

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
	if (!isUuid(letterId) || !/^[A-Za-z0-9_-]{30,60}$/.test(token)) throw new NotFoundError();
	const [row] = await ctx.db
		.select({ letter })
		.from(letter)
		.innerJoin(application, eq(application.id, letter.applicationId))
		.where(and(eq(letter.municipalityId, ctx.municipality.id), eq(letter.id, letterId), eq(letter.toApplicant, true), eq(application.accessTokenHash, sha256(token))));
	if (!row) throw new NotFoundError();
	return row.letter;
}

export async function letterPdf(l: Letter): Promise<Uint8Array> {
	return renderPdf(l.html, { title: l.subject });
}

/** A file name like "SF-2026-003_Zuwendungsbescheid.pdf". */
export function letterFileName(l: Letter, label: string): string {
	const ref = /Aktenzeichen: ([A-Z0-9-]+)/.exec(l.html)?.[1];
	return `${ref ? ref + '_' : ''}${label}`.replace(/[^A-Za-z0-9äöüÄÖÜß_-]+/g, '_') + '.pdf';
}
