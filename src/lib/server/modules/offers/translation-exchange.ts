import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { NotFoundError, ValidationError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { service, translation } from './schema.ts';
import { TRANSLATABLE_FIELDS, textsOf, translatedTextsInput, type TranslatedTexts } from './content.ts';
import { rebuildSearchDocuments } from './search-index.ts';
import { buildXliff, parseXliff } from './xliff.ts';
import { providerFromConfig, translateOfferTexts, type TranslationProvider } from './translation-provider.ts';

/*
 * Exchange with translation agencies (XLIFF files) and a machine-translation provider. Both only ever
 * produce suggestions or whole files that the editors decide on; nothing is translated behind their back.
 */

export const XLIFF_SCOPES = ['open', 'all'] as const;
export type XliffScope = (typeof XLIFF_SCOPES)[number];

function requireLanguage(ctx: ServiceContext, language: string) {
	if (language === 'de' || !ctx.municipality.enabledLanguages.includes(language)) throw new NotFoundError('Diese Sprache ist im Portal nicht eingeschaltet.');
}

/** An XLIFF 1.2 file of the published offers that lack a current translation (`open`) or of all of them. */
export async function exportXliff(ctx: ServiceContext, language: string, scope: XliffScope): Promise<{ filename: string; xml: string; count: number }> {
	authorize(ctx, 'offers.review');
	requireLanguage(ctx, language);
	const offers = await ctx.db
		.select({ id: service.id, published: service.published, textVersion: service.textVersion, sourceLanguage: service.sourceLanguage })
		.from(service)
		.where(and(eq(service.municipalityId, ctx.municipality.id), isNotNull(service.published)))
		.orderBy(asc(sql`${service.published}->>'name'`));
	const existing = new Map(
		(
			await ctx.db
				.select()
				.from(translation)
				.where(and(eq(translation.municipalityId, ctx.municipality.id), eq(translation.language, language)))
		).map((t) => [t.serviceId, t])
	);
	const units = offers
		.filter((o) => scope === 'all' || !existing.has(o.id) || existing.get(o.id)!.sourceVersion < o.textVersion)
		.map((o) => ({
			offerId: o.id,
			textVersion: o.textVersion,
			offerName: o.published!.name,
			source: textsOf(o.published!),
			existingTarget: existing.get(o.id)?.texts
		}));
	const xml = buildXliff({ sourceLanguage: 'de', targetLanguage: language, municipalitySlug: ctx.municipality.slug, units });
	const day = ctx.clock.now().toISOString().slice(0, 10);
	return { filename: `wegweiser-${ctx.municipality.slug}-de-${language}-${day}.xlf`, xml, count: units.length };
}

const importMeta = z.object({
	translator: z.string().trim().min(2, 'Bitte geben Sie an, wer übersetzt hat (Büro oder Person).').max(200, 'Höchstens 200 Zeichen.'),
	machineMade: z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean())
});

export interface XliffImportResult {
	saved: number;
	/** Offers whose source changed after the file was made: saved, but shown as outdated. */
	stale: string[];
	warnings: string[];
}

/**
 * Imports a translated XLIFF file, all or nothing: every unit must belong to a published offer of this
 * municipality and every text must pass the same checks as the form. Each translation keeps the text
 * version it was made from, so an offer changed since the export shows its new translation as outdated.
 */
export async function importXliff(ctx: ServiceContext, language: string, xml: string, raw: Record<string, unknown>): Promise<XliffImportResult> {
	authorize(ctx, 'offers.review');
	requireLanguage(ctx, language);
	const meta = parseInput(importMeta, raw);
	if (!xml.trim()) throw new ValidationError('Bitte wählen Sie eine XLIFF-Datei.', { file: 'Bitte wählen Sie eine XLIFF-Datei.' });
	const parsed = parseXliff(xml, { targetLanguage: language });
	if (!parsed.ok) {
		const lines = parsed.errors.slice(0, 20).map((e) => (e.line ? `Zeile ${e.line}: ${e.message}` : e.message));
		throw new ValidationError(`Die Datei wurde nicht übernommen:\n${lines.join('\n')}`, { file: lines[0] ?? 'Die Datei ist fehlerhaft.' });
	}
	if (!parsed.units.length) throw new ValidationError('Die Datei enthält keine Übersetzungen.', { file: 'Die Datei enthält keine Übersetzungen.' });
	const badId = parsed.units.find((u) => !isUuid(u.offerId));
	if (badId) throw new ValidationError(`Die Datei nennt ein unbekanntes Angebot („${badId.offerId.slice(0, 60)}“).`, { file: 'Die Datei nennt ein unbekanntes Angebot.' });
	const ids = [...new Set(parsed.units.map((u) => u.offerId))];
	return inTransaction(ctx, async (tx) => {
		const offers = new Map(
			(
				await tx
					.select()
					.from(service)
					.where(and(eq(service.municipalityId, ctx.municipality.id), inArray(service.id, ids)))
					.for('update')
			).map((o) => [o.id, o])
		);
		const problems: string[] = [];
		const planned: { offerId: string; texts: TranslatedTexts; version: number }[] = [];
		const stale: string[] = [];
		for (const unit of parsed.units) {
			const offer = offers.get(unit.offerId);
			if (!offer?.published) {
				problems.push(`Das Angebot ${unit.offerId} gibt es in ${ctx.municipality.name} nicht (mehr) oder es ist nicht veröffentlicht.`);
				continue;
			}
			const [current] = await tx.select().from(translation).where(and(eq(translation.serviceId, offer.id), eq(translation.language, language)));
			// Fields the file leaves out keep their current translation.
			const merged = { ...Object.fromEntries(TRANSLATABLE_FIELDS.map((f) => [f, current?.texts[f] ?? ''])), ...unit.texts };
			const checked = translatedTextsInput.safeParse(merged);
			if (!checked.success) {
				problems.push(`„${offer.published.name}“: ${checked.error.issues.map((i) => i.message).join(' ')}`);
				continue;
			}
			if (unit.textVersion > offer.textVersion) {
				problems.push(`„${offer.published.name}“: Die Datei nennt die Textfassung ${unit.textVersion}, veröffentlicht ist Fassung ${offer.textVersion}.`);
				continue;
			}
			if (unit.textVersion < offer.textVersion) stale.push(offer.published.name);
			planned.push({ offerId: offer.id, texts: checked.data, version: unit.textVersion });
		}
		if (problems.length) throw new ValidationError(`Die Datei wurde nicht übernommen:\n${problems.slice(0, 20).join('\n')}`, { file: problems[0]! });
		const now = ctx.clock.now();
		for (const p of planned) {
			const [before] = await tx.select().from(translation).where(and(eq(translation.serviceId, p.offerId), eq(translation.language, language)));
			const values = {
				texts: p.texts,
				sourceVersion: p.version,
				machineMade: meta.machineMade,
				translator: meta.translator,
				updatedByUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
				updatedAt: now
			};
			const [after] = before
				? await tx.update(translation).set(values).where(eq(translation.id, before.id)).returning()
				: await tx
						.insert(translation)
						.values({ ...values, municipalityId: ctx.municipality.id, serviceId: p.offerId, language, createdAt: now })
						.returning();
			await rebuildSearchDocuments(tx, p.offerId);
			await recordAudit(tx, ctx, { action: 'offer_translation.import', entityType: 'offer', entityId: p.offerId, before: before ?? null, after });
		}
		return { saved: planned.length, stale, warnings: parsed.warnings };
	});
}

/** The configured machine-translation provider, or null (then the back office offers none). */
export function configuredTranslationProvider(env: Record<string, string | undefined> = process.env): TranslationProvider | null {
	return providerFromConfig(env);
}

/**
 * A machine translation of the published texts as a suggestion for the translation form. It is not saved:
 * the editor reviews it, and the form marks it as machine-made.
 */
export async function suggestMachineTranslation(ctx: ServiceContext, provider: TranslationProvider, id: string, language: string): Promise<TranslatedTexts> {
	authorize(ctx, 'offers.review');
	requireLanguage(ctx, language);
	if (!isUuid(id)) throw new NotFoundError('Dieses Angebot gibt es nicht.');
	const [offer] = await ctx.db
		.select()
		.from(service)
		.where(and(eq(service.municipalityId, ctx.municipality.id), eq(service.id, id)));
	if (!offer?.published) throw new NotFoundError('Dieses Angebot gibt es nicht oder es ist nicht veröffentlicht.');
	return translateOfferTexts(provider, textsOf(offer.published), offer.sourceLanguage, language);
}
