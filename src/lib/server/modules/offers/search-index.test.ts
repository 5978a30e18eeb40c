import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, system, type TestWorld } from '../../test/factories.ts';
import type { ServiceContext } from '../../core/context.ts';
import { municipality } from '../../core/schema.ts';
import { organization } from '../organizations/schema.ts';
import { createOffer, publishOffer, saveTranslation, unpublishOffer, updateOffer } from './service.ts';
import { allMatchingOfferIds, searchOfferIds } from './search-index.ts';
import { searchDocument, searchState } from './schema.ts';

/*
 * The search keeps recently computed result lists per database handle (search-index.ts). These tests
 * prove that a cached list never outlives a change: every publication, withdrawal and translation is
 * visible to the very next search, and paging beyond the cached part gives the same order.
 */

let world: TestWorld;
let ctx: ServiceContext;
let orgId: string;
const names = (hits: { name: string }[]) => hits.map((h) => h.name);

beforeAll(async () => {
	world = await createTestWorld();
	await world.db.update(municipality).set({ enabledLanguages: ['de', 'tr'] }).where(eq(municipality.id, world.a.id));
	world.a = { ...world.a, enabledLanguages: ['de', 'tr'] };
	ctx = contextFor(world, system, world.a);
	const [o] = await world.db.insert(organization).values({ municipalityId: world.a.id, name: 'Volkshochschule', type: 'club' }).returning();
	orgId = o!.id;
	// 230 published offers: more than the 200 hits a cached result list holds.
	for (let i = 0; i < 230; i++) {
		const created = await createOffer(ctx, {
			organizationId: orgId,
			name: `Sprachkurs ${String(i).padStart(3, '0')}`,
			description: i % 2 ? 'Deutsch lernen am Abend.' : 'Deutsch lernen am Vormittag mit Kinderbetreuung.',
			languages: ['de']
		});
		await publishOffer(ctx, created.id);
	}
}, 120_000);
afterAll(() => world?.close());

const base = () => ({ municipalityIds: [world.a.id], lang: 'de' as const });

describe('cached result lists', () => {
	it('a publication is found by the next search, a withdrawal disappears from it', async () => {
		expect((await searchOfferIds(world.db, { ...base(), text: 'Schwimmkurs' })).total).toBe(0);
		const created = await createOffer(ctx, { organizationId: orgId, name: 'Schwimmkurs für Frauen', description: 'Schwimmen lernen in der Gruppe.', languages: ['de'] });
		expect((await searchOfferIds(world.db, { ...base(), text: 'Schwimmkurs' })).total).toBe(0); // a draft is not public
		await publishOffer(ctx, created.id);
		const found = await searchOfferIds(world.db, { ...base(), text: 'Schwimmkurs' });
		expect(names(found.hits)).toEqual(['Schwimmkurs für Frauen']);
		await unpublishOffer(ctx, created.id);
		expect((await searchOfferIds(world.db, { ...base(), text: 'Schwimmkurs' })).total).toBe(0);
	});

	it('a new translation is searchable at once in its language', async () => {
		const [first] = (await searchOfferIds(world.db, { ...base(), text: 'Sprachkurs 007' })).hits;
		expect((await searchOfferIds(world.db, { ...base(), lang: 'tr', text: 'yüzme' })).total).toBe(0);
		await saveTranslation(ctx, first!.serviceId, 'tr', { name: 'Yüzme ve Almanca', description: 'Kadınlar için yüzme kursu, her salı akşamı.' });
		const found = await searchOfferIds(world.db, { ...base(), lang: 'tr', text: 'yüzme' });
		expect(found.hits.map((h) => h.serviceId)).toEqual([first!.serviceId]);
	});

	it('a changed name is listed under the new name at once', async () => {
		const before = await searchOfferIds(world.db, { ...base() });
		const target = before.hits[0]!;
		await updateOffer(ctx, target.serviceId, { organizationId: orgId, name: 'Zeichenkurs', description: 'Zeichnen lernen mit Bleistift und Kohle, für alle Altersgruppen.', languages: ['de'] });
		// A change waits for review; the published text and so the list stay as they were …
		expect(names((await searchOfferIds(world.db, { ...base() })).hits)[0]).toBe(target.name);
		// … until the change is published.
		await publishOffer(ctx, target.serviceId);
		const after = await searchOfferIds(world.db, { ...base(), page: 12, pageSize: 20 });
		expect(names(after.hits)).toContain('Zeichenkurs');
		expect(names((await searchOfferIds(world.db, { ...base() })).hits)[0]).not.toBe(target.name);
	});

	it('pages past the cached part continue the same order, and the total is exact', async () => {
		const all = await allMatchingOfferIds(world.db, { ...base(), text: 'Deutsch' });
		expect(all.length).toBeGreaterThan(200);
		const pages: string[] = [];
		let total = 0;
		for (let page = 1; page <= Math.ceil(all.length / 20); page++) {
			const result = await searchOfferIds(world.db, { ...base(), text: 'Deutsch', page, pageSize: 20 });
			total = result.total;
			pages.push(...result.hits.map((h) => h.serviceId));
		}
		expect(total).toBe(all.length);
		expect(pages).toEqual(all);
		// The best matches first: "Vormittag mit Kinderbetreuung" and "Abend" rank alike, so the name decides.
		const beyond = await searchOfferIds(world.db, { ...base(), text: 'Deutsch', page: 99, pageSize: 20 });
		expect(beyond).toMatchObject({ hits: [], total: all.length });
	});

	it('a search inside a transaction sees its uncommitted rows, and nothing of it is cached', async () => {
		const [hit] = (await searchOfferIds(world.db, { ...base(), text: 'Sprachkurs 001' })).hits;
		await expect(
			world.db.transaction(async (tx) => {
				// Without raising the generation: were this result cached, the next search would return it.
				await tx.delete(searchDocument).where(eq(searchDocument.serviceId, hit!.serviceId));
				expect((await searchOfferIds(tx, { ...base(), text: 'Sprachkurs 001' })).total).toBe(0);
				throw new Error('rollback');
			})
		).rejects.toThrow('rollback');
		expect((await searchOfferIds(world.db, { ...base(), text: 'Sprachkurs 001' })).hits).toEqual([hit]);
	});

	it('every change raises the generation counter', async () => {
		const generation = async () => (await world.db.select().from(searchState).where(eq(searchState.municipalityId, world.a.id)))[0]!.generation;
		const before = await generation();
		const created = await createOffer(ctx, { organizationId: orgId, name: 'Nähcafé', description: 'Nähen und Deutsch sprechen.', languages: ['de'] });
		expect(await generation()).toBe(before);
		await publishOffer(ctx, created.id);
		expect(await generation()).toBe(before + 1);
		await unpublishOffer(ctx, created.id);
		expect(await generation()).toBe(before + 2);
	});
});
