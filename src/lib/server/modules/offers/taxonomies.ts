import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ConflictError, NotFoundError, parseInput } from '../../core/errors.ts';
import { isUuid } from '../../core/ids.ts';
import { taxonomy, taxonomyTerm, TAXONOMY_KINDS, type TaxonomyKind } from './schema.ts';
import { DEFAULT_TAXONOMIES, LABEL_LANGUAGES, labelsOf } from './defaults.ts';
import { rebuildSearchDocumentsForMunicipality } from './search-index.ts';

export type Term = typeof taxonomyTerm.$inferSelect & { kind: TaxonomyKind };

/** Gives a municipality the default vocabularies once; later calls change nothing. */
export async function ensureDefaultTaxonomies(db: DbOrTx, municipalityId: string, now: Date): Promise<void> {
	const existing = await db.select({ kind: taxonomy.kind }).from(taxonomy).where(eq(taxonomy.municipalityId, municipalityId));
	const have = new Set(existing.map((e) => e.kind));
	for (const t of DEFAULT_TAXONOMIES) {
		if (have.has(t.kind)) continue;
		const [created] = await db
			.insert(taxonomy)
			.values({ municipalityId, kind: t.kind, name: t.name, description: t.description, createdAt: now, updatedAt: now })
			.onConflictDoNothing()
			.returning();
		if (!created) continue;
		await db.insert(taxonomyTerm).values(
			t.terms.map((row, position) => ({
				municipalityId,
				taxonomyId: created.id,
				code: row[0],
				name: row[1],
				labels: labelsOf(row),
				position,
				createdAt: now,
				updatedAt: now
			}))
		);
	}
}

export async function listTerms(db: DbOrTx, municipalityId: string): Promise<Term[]> {
	const rows = await db
		.select({ term: taxonomyTerm, kind: taxonomy.kind })
		.from(taxonomyTerm)
		.innerJoin(taxonomy, eq(taxonomy.id, taxonomyTerm.taxonomyId))
		.where(eq(taxonomyTerm.municipalityId, municipalityId))
		.orderBy(asc(taxonomy.kind), asc(taxonomyTerm.position), asc(taxonomyTerm.name));
	return rows.map((r) => ({ ...r.term, kind: r.kind }));
}

export async function listTaxonomies(db: DbOrTx, municipalityId: string) {
	return db.select().from(taxonomy).where(eq(taxonomy.municipalityId, municipalityId)).orderBy(asc(taxonomy.kind));
}

/** Terms grouped by vocabulary, in the order the forms and filters show them. */
export function groupTerms(terms: readonly Term[]): Record<TaxonomyKind, Term[]> {
	const out = Object.fromEntries(TAXONOMY_KINDS.map((k) => [k, [] as Term[]])) as Record<TaxonomyKind, Term[]>;
	for (const t of terms) out[t.kind].push(t);
	return out;
}

/** A term's name in a portal language; German (the source) when no label exists. */
export function termLabel(term: Pick<Term, 'name' | 'labels'>, lang: string): { text: string; lang: string } {
	const label = lang === 'de' ? '' : term.labels[lang];
	return label ? { text: label, lang } : { text: term.name, lang: 'de' };
}

export async function countExistingTerms(db: DbOrTx, municipalityId: string, ids: readonly string[]): Promise<boolean> {
	if (!ids.length) return true;
	if (!ids.every(isUuid)) return false;
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(taxonomyTerm)
		.where(and(eq(taxonomyTerm.municipalityId, municipalityId), inArray(taxonomyTerm.id, [...ids])));
	return row?.n === new Set(ids).size;
}

/* ---------- editing the vocabularies (editors) ---------- */

export const TAXONOMY_KIND_LABELS: Record<TaxonomyKind, string> = {
	category: 'Kategorien',
	target_group: 'Zielgruppen',
	immigrant_group: 'Zuwanderungsgruppen',
	offer_type: 'Angebotsarten'
};

const labelFields = Object.fromEntries(LABEL_LANGUAGES.map((l) => [`label_${l}`, z.string().trim().max(200, 'Höchstens 200 Zeichen.').default('')]));

const termInput = z.object({
	name: z.string().trim().min(2, 'Bitte geben Sie einen Namen an.').max(200, 'Höchstens 200 Zeichen.'),
	code: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Der Schlüssel besteht aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. "sprachcafe".'),
	...labelFields
});

function labelsFrom(input: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(LABEL_LANGUAGES.map((l) => [l, String(input[`label_${l}`] ?? '')]).filter(([, v]) => v));
}

export async function createTerm(ctx: ServiceContext, kind: string, raw: unknown) {
	authorize(ctx, 'offers.taxonomies.manage');
	if (!(TAXONOMY_KINDS as readonly string[]).includes(kind)) throw new NotFoundError('Dieses Verzeichnis gibt es nicht.');
	const input = parseInput(termInput, raw);
	return inTransaction(ctx, async (tx) => {
		await ensureDefaultTaxonomies(tx, ctx.municipality.id, ctx.clock.now());
		const [tax] = await tx.select().from(taxonomy).where(and(eq(taxonomy.municipalityId, ctx.municipality.id), eq(taxonomy.kind, kind as TaxonomyKind)));
		const [{ max } = { max: 0 }] = await tx
			.select({ max: sql<number>`coalesce(max(${taxonomyTerm.position}), 0)::int` })
			.from(taxonomyTerm)
			.where(eq(taxonomyTerm.taxonomyId, tax!.id));
		const [row] = await tx
			.insert(taxonomyTerm)
			.values({
				municipalityId: ctx.municipality.id,
				taxonomyId: tax!.id,
				code: input.code,
				name: input.name,
				labels: labelsFrom(input),
				position: max + 1,
				createdAt: ctx.clock.now(),
				updatedAt: ctx.clock.now()
			})
			.onConflictDoNothing()
			.returning();
		if (!row) throw new ConflictError('Diesen Schlüssel gibt es in diesem Verzeichnis schon.', { code: 'Schon vergeben.' });
		await recordAudit(tx, ctx, { action: 'taxonomy_term.create', entityType: 'taxonomy_term', entityId: row.id, after: row });
		return row;
	});
}

export async function updateTerm(ctx: ServiceContext, id: string, raw: unknown) {
	authorize(ctx, 'offers.taxonomies.manage');
	const input = parseInput(termInput.omit({ code: true }), raw);
	return inTransaction(ctx, async (tx) => {
		const [before] = isUuid(id) ? await tx.select().from(taxonomyTerm).where(and(eq(taxonomyTerm.municipalityId, ctx.municipality.id), eq(taxonomyTerm.id, id))) : [];
		if (!before) throw new NotFoundError('Diesen Eintrag gibt es nicht.');
		const [after] = await tx
			.update(taxonomyTerm)
			.set({ name: input.name, labels: labelsFrom(input), updatedAt: ctx.clock.now() })
			.where(eq(taxonomyTerm.id, id))
			.returning();
		await recordAudit(tx, ctx, { action: 'taxonomy_term.update', entityType: 'taxonomy_term', entityId: id, before, after });
		// Term names are part of every search document that uses them.
		await rebuildSearchDocumentsForMunicipality(tx, ctx.municipality.id, [id]);
		return after!;
	});
}
