import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, contextFor, createUser, userWith, caught, type TestWorld } from '../../test/factories.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/context.ts';
import { organization } from '../organizations/schema.ts';
import { translation } from './schema.ts';
import { createOffer, publishOffer, updateOffer } from './service.ts';
import { ensureDefaultTaxonomies, listTerms } from './taxonomies.ts';
import { exportXliff, importXliff } from './translation-exchange.ts';
import { getPublicOffer } from './public.ts';

let world: TestWorld;
let editor: ServiceContext;
let offerId: string;
let otherId: string;
const fill = (xml: string, f: (s: string) => string) =>
	xml.replace(/<source xml:space="preserve">([\s\S]*?)<\/source>(<target[^>]*>[\s\S]*?<\/target>)?/g, (_m, s: string) => `<source xml:space="preserve">${s}</source><target state="translated">${f(s)}</target>`);

beforeAll(async () => {
	world = await createTestWorld();
	editor = contextFor(world, await userWith(world, world.a, 'editor'), world.a);
	const [org] = await world.db.insert(organization).values({ municipalityId: world.a.id, name: 'Verein', type: 'club' }).returning();
	await ensureDefaultTaxonomies(world.db, world.a.id, world.clock.now());
	const cat = (await listTerms(world.db, world.a.id)).find((t) => t.kind === 'category')!;
	const base = { organizationId: org!.id, languages: ['de'], termIds: [cat.id] };
	offerId = (await createOffer(editor, { ...base, name: 'Sprachcafé', description: 'Jeden Dienstag üben wir zusammen Deutsch bei Tee.' })).id;
	otherId = (await createOffer(editor, { ...base, name: 'Nähcafé', description: 'Gemeinsam nähen, reparieren und plaudern, jeden Mittwoch.' })).id;
	await publishOffer(editor, offerId);
	await publishOffer(editor, otherId);
});
afterAll(() => world?.close());

describe('XLIFF exchange with a translation agency', () => {
	it('exports what is open, imports the agency’s file all at once, and the portal shows it', async () => {
		const file = await exportXliff(editor, 'ar', 'open');
		expect(file.count).toBe(2);
		expect(file.filename).toMatch(/^wegweiser-musterstadt-de-ar-\d{4}-\d{2}-\d{2}\.xlf$/);
		const done = fill(file.xml, (s) => `عربي: ${s}`);
		const result = await importXliff(editor, 'ar', done, { translator: 'Übersetzungsbüro Rhein-Ruhr', machineMade: '' });
		expect(result).toEqual({ saved: 2, stale: [], warnings: [] });
		const page = await getPublicOffer(world.db, world.a, offerId, 'ar');
		expect(page.state).toBe('current');
		expect(page.name.text).toBe('عربي: Sprachcafé');
		const [row] = await world.db.select().from(translation).where(and(eq(translation.serviceId, offerId), eq(translation.language, 'ar')));
		expect(row).toMatchObject({ translator: 'Übersetzungsbüro Rhein-Ruhr', machineMade: false, sourceVersion: 1 });
		expect((await exportXliff(editor, 'ar', 'open')).count).toBe(0);
		expect((await exportXliff(editor, 'ar', 'all')).count).toBe(2);
	});

	it('a file made before a major change is saved, but shown as outdated', async () => {
		const file = await exportXliff(editor, 'en', 'open');
		await updateOffer(editor, offerId, { organizationId: undefined, name: 'Sprachcafé', description: 'Jetzt donnerstags: Wir üben zusammen Deutsch bei Tee und Kuchen.', languages: ['de'], termIds: (await listTerms(world.db, world.a.id)).filter((t) => t.kind === 'category').slice(0, 1).map((t) => t.id) });
		await publishOffer(editor, offerId);
		const result = await importXliff(editor, 'en', fill(file.xml, (s) => `EN ${s}`), { translator: 'Agentur', machineMade: 'on' });
		expect(result.stale).toEqual(['Sprachcafé']);
		expect((await getPublicOffer(world.db, world.a, offerId, 'en')).state).toBe('outdated');
		expect((await getPublicOffer(world.db, world.a, otherId, 'en')).state).toBe('current');
	});

	it('one bad unit refuses the whole file; nothing is saved', async () => {
		const file = await exportXliff(editor, 'en', 'all');
		// escaped markup arrives as text and is refused like in the form
		const bad = fill(file.xml, (s) => (s.startsWith('Gemeinsam') ? '&lt;script&gt;alert(1)&lt;/script&gt; Nähen für alle, jeden Mittwoch' : `EN2 ${s}`));
		const refused = await caught(() => importXliff(editor, 'en', fill(file.xml, (s) => (s.startsWith('Gemeinsam') ? 'x' : `EN2 ${s}`)), { translator: 'Agentur', machineMade: '' }));
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as ValidationError).message).toMatch(/Nähcafé.*mindestens 20 Zeichen/s);
		expect((await getPublicOffer(world.db, world.a, offerId, 'en')).name.text).toBe('EN Sprachcafé');
		expect(((await caught(() => importXliff(editor, 'en', bad, { translator: 'Agentur', machineMade: '' }))) as ValidationError).message).toMatch(/HTML wie/);
		expect((await getPublicOffer(world.db, world.a, otherId, 'en')).name.text).toBe('EN Nähcafé');
		expect(((await caught(() => importXliff(editor, 'en', '', { translator: 'Agentur', machineMade: '' }))) as ValidationError).fieldErrors.file).toMatch(/XLIFF-Datei/);
		expect(((await caught(() => importXliff(editor, 'en', file.xml, { translator: '', machineMade: '' }))) as ValidationError).fieldErrors.translator).toMatch(/wer übersetzt hat/);
	});

	it('other municipalities, providers and disabled languages are refused', async () => {
		const file = await exportXliff(editor, 'ar', 'all');
		const foreign = contextFor(world, await userWith(world, world.b, 'editor'), world.b);
		const refused = await caught(() => importXliff(foreign, 'ar', fill(file.xml, (s) => `عربي ${s}`), { translator: 'Büro X', machineMade: '' }));
		expect((refused as ValidationError).message).toMatch(/gibt es in Beispielstadt nicht/);
		expect((await exportXliff(foreign, 'ar', 'all')).count).toBe(0);
		const provider = contextFor(world, await createUser(world, [{ in: world.a, roles: ['provider'] }]), world.a);
		expect(await caught(() => exportXliff(provider, 'ar', 'all'))).toBeInstanceOf(ForbiddenError);
		expect(await caught(() => exportXliff(editor, 'tr', 'all'))).toBeInstanceOf(NotFoundError);
		expect(await caught(() => exportXliff(editor, 'de', 'all'))).toBeInstanceOf(NotFoundError);
	});
});
