/**
 * The Integrationswegweiser with 50,000 offers on PostgreSQL: generates the directory (offers, venues,
 * translations into six languages, search rows) in a database of its own, then loads the public search
 * page and the HSDS /services search from closed-loop clients on loopback.
 *
 *   npm run build && npm run bench:offers
 *   BENCH_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres  (where the bench database is created)
 *   BENCH_OFFERS=50000 BENCH_SECONDS=10 BENCH_CONCURRENCY=1,10,50 BENCH_REGENERATE=1 (to build it anew)
 *
 * The search rows are written in bulk with the same helpers and SQL expressions as
 * modules/offers/search-index.ts (rebuildSearchDocuments), so the benchmark measures the real query.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { eq, sql } from 'drizzle-orm';
import { startPlatform } from '../src/lib/server/platform.ts';
import { municipality } from '../src/lib/server/core/schema.ts';
import { organization } from '../src/lib/server/modules/organizations/schema.ts';
import { area } from '../src/lib/server/modules/areas/schema.ts';
import { location, searchWord, service, translation } from '../src/lib/server/modules/offers/schema.ts';
import { ensureDefaultTaxonomies, listTerms } from '../src/lib/server/modules/offers/taxonomies.ts';
import { markdownToPlainText } from '../src/lib/server/modules/offers/markdown.ts';
import { documentExtraText, textSearchConfig, words, type SearchLanguage } from '../src/lib/server/modules/offers/search-text.ts';
import type { OfferContent, TranslatedTexts } from '../src/lib/server/modules/offers/content.ts';

const root = path.resolve(import.meta.dirname, '..');
const OFFERS = Number(process.env.BENCH_OFFERS ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = 'teilhabe_bench_offers';
const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const LANGS: SearchLanguage[] = ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'];

/* ---------- deterministic texts ---------- */

let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const KINDS = [
	['Sprachcafé', 'Wir sprechen Deutsch bei Tee und Kuchen, Anfängerinnen und Anfänger sind willkommen.', 'sprache', { en: 'Language café', tr: 'Dil kafesi', ru: 'Языковое кафе', uk: 'Мовне кафе', ar: 'مقهى اللغة', fa: 'کافه زبان' }],
	['Deutschkurs für Frauen', 'Ein Sprachkurs mit Kinderbetreuung: Alltagsdeutsch für Einkaufen, Arzt und Schule.', 'sprache', { en: 'German course for women', tr: 'Kadınlar için Almanca kursu', ru: 'Курс немецкого для женщин', uk: 'Курс німецької для жінок', ar: 'دورة ألمانية للنساء', fa: 'کلاس آلمانی برای زنان' }],
	['Integrationskurs', 'Deutsch bis B1 und Orientierungskurs zu Geschichte, Recht und Zusammenleben.', 'sprache', { en: 'Integration course', tr: 'Uyum kursu', ru: 'Интеграционный курс', uk: 'Інтеграційний курс', ar: 'دورة الاندماج', fa: 'دوره ادغام' }],
	['Hausaufgabenhilfe', 'Ehrenamtliche helfen Schulkindern bei den Hausaufgaben und beim Lesen.', 'schule', { en: 'Homework help', tr: 'Ödev yardımı', ru: 'Помощь с домашними заданиями', uk: 'Допомога з домашніми завданнями', ar: 'مساعدة في الواجبات', fa: 'کمک به تکالیف' }],
	['Migrationsberatung', 'Beratung zu Aufenthalt, Arbeit, Wohnen und Sprachkursen für Erwachsene.', 'beratung', { en: 'Migration counselling', tr: 'Göç danışmanlığı', ru: 'Миграционная консультация', uk: 'Міграційна консультація', ar: 'استشارات الهجرة', fa: 'مشاوره مهاجرت' }],
	['Müttercafé', 'Mütter mit kleinen Kindern treffen sich, spielen und tauschen sich aus.', 'eltern-kind', { en: 'Mothers café', tr: 'Anneler kafesi', ru: 'Кафе для мам', uk: 'Кафе для мам', ar: 'مقهى الأمهات', fa: 'کافه مادران' }],
	['Bewerbungstraining', 'Lebenslauf, Anschreiben und Vorstellungsgespräch üben, mit Feedback.', 'arbeit', { en: 'Job application training', tr: 'İş başvurusu eğitimi', ru: 'Тренинг по поиску работы', uk: 'Тренінг з пошуку роботи', ar: 'تدريب على طلبات العمل', fa: 'آموزش درخواست کار' }],
	['Nähkurs', 'Nähen lernen an der Maschine, Stoffe sind vorhanden.', 'kultur', { en: 'Sewing course', tr: 'Dikiş kursu', ru: 'Курс шитья', uk: 'Курс шиття', ar: 'دورة خياطة', fa: 'کلاس خیاطی' }],
	['Schwimmkurs für Frauen', 'Schwimmen lernen in einer Frauengruppe mit Trainerin.', 'sport', { en: 'Swimming for women', tr: 'Kadınlar için yüzme kursu', ru: 'Плавание для женщин', uk: 'Плавання для жінок', ar: 'سباحة للنساء', fa: 'شنا برای زنان' }],
	['Flüchtlingsberatung', 'Unabhängige Beratung im Asylverfahren und bei Fragen des Alltags.', 'beratung', { en: 'Refugee counselling', tr: 'Mülteci danışmanlığı', ru: 'Консультация для беженцев', uk: 'Консультація для біженців', ar: 'استشارة اللاجئين', fa: 'مشاوره پناهندگان' }]
] as const;
const DISTRICTS = ['Altstadt', 'Nord', 'Süd', 'Ost', 'West', 'Hafen', 'Bahnhofsviertel', 'Am Markt', 'Neustadt', 'Gartenstadt'];

function texts(kind: (typeof KINDS)[number], district: string, n: number): TranslatedTexts {
	return { name: `${kind[0]} ${district} ${n}`, description: `${kind[1]}\n\n- im Stadtteil ${district}\n- Treffpunkt Nr. ${n}`, applicationProcess: 'Einfach vorbeikommen oder anrufen.', eligibilityDescription: '', feesDescription: '' };
}
function translated(kind: (typeof KINDS)[number], lang: Exclude<SearchLanguage, 'de'>, district: string, n: number): TranslatedTexts {
	const name = `${kind[3][lang]} ${district} ${n}`;
	return { name, description: `${name}. ${kind[3][lang]}.`, applicationProcess: '', eligibilityDescription: '', feesDescription: '' };
}

/* ---------- generation ---------- */

async function prepareDatabase(): Promise<boolean> {
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount;
	if (exists && !process.env.BENCH_REGENERATE) {
		const probe = new pg.Client({ connectionString: databaseUrl });
		await probe.connect();
		const n = await probe
			.query(`select count(*)::int as n from offers_service s join core_municipality m on m.id = s.municipality_id where m.slug = 'grossstadt'`)
			.then((r) => r.rows[0].n as number)
			.catch(() => 0);
		await probe.end();
		if (n === OFFERS) {
			await admin.end();
			return false;
		}
	}
	await admin.query(`drop database if exists ${dbName} with (force)`);
	await admin.query(`create database ${dbName}`);
	await admin.end();
	return true;
}

async function generate() {
	const started = performance.now();
	const platform = await startPlatform({ env: { ...process.env, DATABASE_URL: databaseUrl, DEMO_DATA: 'off', JOBS_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn' } });
	const db = platform.database.db;
	const now = new Date();
	const [m] = await db
		.insert(municipality)
		.values({
			slug: 'grossstadt', name: 'Großstadt (Benchmark)', kind: 'independent_city', ags: '05999999', parentId: null, enabledLanguages: LANGS,
			officeName: 'Kommunales Integrationszentrum', street: 'Rathausplatz 1', postalCode: '45000', city: 'Großstadt', email: 'ki@grossstadt.example', phone: '0200 1',
			representedBy: 'Oberbürgermeisterin', dataProtectionOfficer: 'Datenschutz', dataProtectionEmail: 'ds@grossstadt.example', accessibilityEmail: 'bf@grossstadt.example'
		})
		.returning();
	await ensureDefaultTaxonomies(db, m!.id, now);
	const terms = await listTerms(db, m!.id);
	const byKind = (k: string) => terms.filter((t) => t.kind === k);
	const categoryByCode = new Map(byKind('category').map((t) => [t.code, t]));
	const orgs = await db.insert(organization).values(Array.from({ length: 400 }, (_, i) => ({ municipalityId: m!.id, name: `Träger ${i + 1}`, type: 'club' as const }))).returning({ id: organization.id, name: organization.name });
	const areas = await db.insert(area).values(DISTRICTS.flatMap((d, i) => Array.from({ length: 4 }, (_, j) => ({ municipalityId: m!.id, level: 'quarter' as const, code: `${i + 1}${j + 1}`, name: `${d} ${j + 1}` })))).returning({ id: area.id, name: area.name });
	const venues: { id: string; organizationId: string; areaId: string; name: string; street: string; city: string; areaName: string }[] = [];
	for (let b = 0; b < 2000; b += 500) {
		const rows = Array.from({ length: 500 }, (_, i) => {
			const a = areas[(b + i) % areas.length]!;
			return { municipalityId: m!.id, organizationId: orgs[(b + i) % orgs.length]!.id, name: `Treffpunkt ${b + i + 1}`, street: `Hauptstraße ${b + i + 1}`, postalCode: '45000', city: 'Großstadt', areaId: a.id, latitude: 51.4 + random() * 0.1, longitude: 6.9 + random() * 0.15 };
		});
		const inserted = await db.insert(location).values(rows).returning({ id: location.id, organizationId: location.organizationId, areaId: location.areaId, name: location.name, street: location.street, city: location.city });
		for (const v of inserted) venues.push({ ...v, areaId: v.areaId!, areaName: areas.find((a) => a.id === v.areaId)!.name });
	}
	const vocabulary = new Set<string>();
	const plain = (t: TranslatedTexts) => [t.description, t.applicationProcess, t.eligibilityDescription].map(markdownToPlainText).concat(t.feesDescription).join('\n');
	const BATCH = 500;
	for (let b = 0; b < OFFERS; b += BATCH) {
		const offers = Array.from({ length: Math.min(BATCH, OFFERS - b) }, (_, i) => {
			const n = b + i + 1;
			const kind = pick(KINDS);
			const district = pick(DISTRICTS);
			const venue = venues[n % venues.length]!;
			const category = categoryByCode.get(kind[2])!;
			const termIds = [category.id, pick(byKind('target_group')).id, pick(byKind('immigrant_group')).id, pick(byKind('offer_type')).id];
			const source = texts(kind, district, n);
			const content: OfferContent = {
				...source, status: 'active', minimumAge: random() < 0.3 ? 6 : null, maximumAge: random() < 0.3 ? 16 : null, free: random() < 0.8, contactName: '', email: `angebot${n}@example.org`, phone: '', url: '',
				languages: ['de', pick(['tr', 'ar', 'ru', 'uk', 'fa', 'en'])], termIds, areaIds: [venue.areaId], locationIds: [venue.id],
				schedules: [{ freq: 'weekly', interval: 1, byday: [pick(['MO', 'TU', 'WE', 'TH', 'FR'] as const)], ordinal: null, dtstart: '2026-01-05', until: null, opensAt: '10:00', closesAt: '12:00', notes: '' }]
			};
			return { n, kind, district, venue, category, content, source, terms: termIds.map((id) => terms.find((t) => t.id === id)!) };
		});
		const inserted = await db
			.insert(service)
			.values(offers.map((o) => ({ municipalityId: m!.id, organizationId: o.venue.organizationId, reviewState: 'published' as const, draft: o.content, published: o.content, publishedAt: now, firstPublishedAt: now, confirmedAt: now, confirmationDueAt: new Date(now.getTime() + 365 * 86_400_000), textVersion: 1 })))
			.returning({ id: service.id });
		const rows: { id: string; o: (typeof offers)[number]; own: Partial<Record<SearchLanguage, TranslatedTexts>> }[] = inserted.map((r, i) => ({ id: r.id, o: offers[i]!, own: {} }));
		const translationRows = rows.flatMap((r) =>
			LANGS.filter((l) => l !== 'de').map((lang) => {
				const t = translated(r.o.kind, lang as Exclude<SearchLanguage, 'de'>, r.o.district, r.o.n);
				r.own[lang] = t;
				return { municipalityId: m!.id, serviceId: r.id, language: lang, texts: t, sourceVersion: 1, machineMade: true, translator: 'Benchmark' };
			})
		);
		await db.insert(translation).values(translationRows);
		// The same document as rebuildSearchDocuments: own language (A, B), German source (A), German rest with compound parts (C).
		const docValues = rows.flatMap((r) => {
			const org = orgs.find((x) => x.id === r.o.venue.organizationId)!;
			const germanRest = [plain(r.o.source), r.o.terms.map((t) => t.name).join(', '), org.name, `${r.o.venue.name} ${r.o.venue.street} ${r.o.venue.city}`, r.o.venue.areaName].join('\n');
			const germanExtra = documentExtraText(`${r.o.source.name}\n${germanRest}`, 'de');
			for (const w of words(`${r.o.source.name}\n${germanRest}`, 'de')) vocabulary.add(`de\u0000${w}`);
			return LANGS.map((lang) => {
				const own = lang === 'de' ? null : r.own[lang]!;
				const termText = lang === 'de' ? '' : r.o.terms.map((t) => t.labels[lang] ?? '').join(', ');
				const ownRest = own ? `${plain(own)}\n${termText}` : termText;
				if (own) for (const w of words(`${own.name}\n${ownRest}`, lang)) vocabulary.add(`${lang}\u0000${w}`);
				const cfg = textSearchConfig(lang);
				return sql`(${r.id}::uuid, ${lang}, ${m!.id}::uuid, ${r.o.venue.organizationId}::uuid, ${own?.name ?? r.o.source.name},
					setweight(to_tsvector(${cfg}::regconfig, ${own?.name ?? ''}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${ownRest}), 'B') || setweight(to_tsvector('german', ${r.o.source.name}), 'A') || setweight(to_tsvector('german', ${germanRest + '\n' + germanExtra}), 'C'),
					${`{${r.o.content.termIds.join(',')}}`}::uuid[], ${`{${r.o.venue.areaId}}`}::uuid[], ${`{${r.o.content.languages.join(',')}}`}::text[], ${r.o.content.free}, ${r.o.content.minimumAge}::int, ${r.o.content.maximumAge}::int, 'active')`;
			});
		});
		for (let i = 0; i < docValues.length; i += 1000)
			await db.execute(
				sql`insert into offers_search_document (service_id, language, municipality_id, organization_id, name, document, term_ids, area_ids, offer_languages, free, minimum_age, maximum_age, status) values ${sql.join(docValues.slice(i, i + 1000), sql`, `)}`
			);
		if ((b / BATCH) % 10 === 0) process.stderr.write(`  ${b + offers.length} offers …\n`);
	}
	const vocab = [...vocabulary].map((k) => k.split('\u0000') as [string, string]).filter(([, w]) => w.length >= 3 && w.length <= 60);
	for (let i = 0; i < vocab.length; i += 1000)
		await db
			.insert(searchWord)
			.values(vocab.slice(i, i + 1000).map(([language, word]) => ({ municipalityId: m!.id, language, word })))
			.onConflictDoNothing();
	const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(service).where(eq(service.municipalityId, m!.id));
	await platform.database.close();
	console.log(`Generated ${count!.n} offers, ${count!.n * 6} translations, ${count!.n * 7} search rows in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

/* ---------- load ---------- */

const cursors = new WeakMap<string[], number>();

async function run(urls: string[], concurrency: number, check: (body: string) => boolean) {
	const latencies: number[] = [];
	let errors = 0;
	// Carries on where the previous run of the same case stopped, so no address is asked twice early.
	let next = cursors.get(urls) ?? 0;
	const until = performance.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < until) {
				const url = urls[next++ % urls.length]!;
				const t = performance.now();
				const res = await fetch(url);
				const body = await res.text();
				if (!res.ok || !check(body)) errors++;
				latencies.push(performance.now() - t);
			}
		})
	);
	cursors.set(urls, next);
	latencies.sort((a, b) => a - b);
	const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
	return { requests: latencies.length, rps: (latencies.length / seconds).toFixed(0), p50: q(0.5), p95: q(0.95), errors };
}

if (await prepareDatabase()) await generate();
else console.log(`Using the existing ${OFFERS} offers in ${dbName} (BENCH_REGENERATE=1 builds them anew).`);
await settle();

/**
 * Applies pending migrations, then vacuums and analyses: the state autovacuum reaches in production a
 * while after bulk writes (visibility map for index-only counts, statistics for the planner).
 */
async function settle() {
	const platform = await startPlatform({ env: { ...process.env, DATABASE_URL: databaseUrl, DEMO_DATA: 'off', JOBS_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn' } });
	await platform.database.db.execute(sql`vacuum (analyze)`);
	await platform.database.close();
}

const port = 3950 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['server.js'], {
	cwd: root,
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, DEMO_DATA: 'off', JOBS_INTERVAL_MINUTES: '0', LOG_LEVEL: 'warn', AUTH_SECRET: 'benchmark-secret-that-is-long-enough-to-pass', NODE_ENV: 'production' },
	stdio: 'ignore'
});
try {
	for (let i = 0; i < 300; i++) {
		if (await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false)) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	const page = `${base}/grossstadt`;
	const api = `${base}/api/v1/municipalities/grossstadt/hsds/services`;
	const hasResults = (b: string) => b.includes('class="offer-results"');
	const hasServices = (b: string) => /"total_items":\s*[1-9]/.test(b);
	const cases = [
		{ name: 'search page, German compound (Deutschkurs, Sprachkurs …)', urls: ['Deutschkurs', 'Sprachkurs', 'Hausaufgabenhilfe', 'Beratung Altstadt', 'Schwimmkurs Frauen'].map((q) => `${page}/de/angebote?q=${encodeURIComponent(q)}`), check: hasResults },
		{ name: 'search page, Turkish with category filter', urls: ['Almanca kursu', 'Dil kafesi', 'danışmanlığı', 'Ödev yardımı'].map((q) => `${page}/tr/angebote?q=${encodeURIComponent(q)}&kategorie=sprache`), check: (b: string) => b.includes('role="status"') },
		{ name: 'search page, typing error (Hausaufgabenhilfr, Migrazionsberatung)', urls: ['Hausaufgabenhilfr', 'Migrazionsberatung', 'Schwimkurs'].map((q) => `${page}/de/angebote?q=${encodeURIComponent(q)}`), check: hasResults },
		{
			// 1,000 different addresses (10 queries × 100 ages) in turn: every request misses the result cache.
			name: 'search page, a different query each time (no cached result)',
			urls: ['Deutschkurs', 'Sprachkurs', 'Deutschkurse', 'Sprachkurse', 'Kurs Deutsch', 'Integrationskurs', 'Sprachcafe', 'Beratung', 'Migrationsberatung', 'Hausaufgaben'].flatMap((q) =>
				Array.from({ length: 100 }, (_, age) => `${page}/de/angebote?q=${encodeURIComponent(q)}&alter=${age}`)
			),
			check: hasResults
		},
		{ name: 'HSDS /services?search=', urls: ['Sprachcafe', 'Deutschkurs', 'Beratung', 'Nähkurs'].map((q) => `${api}?search=${encodeURIComponent(q)}&per_page=20`), check: hasServices },
		{ name: 'HSDS /services?page=50 (no search)', urls: [50, 51, 52, 53].map((p) => `${api}?page=${p}&per_page=20`), check: hasServices }
	];
	const first = await (await fetch(cases[0]!.urls[0]!)).text();
	console.log(`First search page holds results: ${hasResults(first)} (${/Gefundene Angebote: ([\d.]+)/.exec(first)?.[1] ?? '?'} found for "Deutschkurs").`);
	console.log(`| case | clients | requests | req/s | p50 ms | p95 ms | errors |\n|---|---|---|---|---|---|---|`);
	for (const c of cases)
		for (const n of levels) {
			const r = await run(c.urls, n, c.check);
			console.log(`| ${c.name} | ${n} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.errors} |`);
		}
} finally {
	server.kill('SIGTERM');
	await new Promise((r) => server.once('exit', r));
}
