import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Platform } from '../platform.ts';
import type { ServiceContext } from '../core/context.ts';
import type { Municipality } from '../core/tenancy.ts';
import { AppError } from '../core/errors.ts';
import { user } from '../core/schema.ts';
import { area } from '../modules/areas/schema.ts';
import { loadActor } from '../modules/users/index.ts';
import { createOffer, publishOffer, returnOffer, saveTranslation, submitOffer, updateOffer } from '../modules/offers/service.ts';
import { createLocation } from '../modules/offers/locations.ts';
import { offerConfirmation, service, taxonomy, taxonomyTerm } from '../modules/offers/schema.ts';
import { addMonths, getOfferSettings } from '../modules/offers/confirmation.ts';
import { ensureDefaultTaxonomies, listTerms } from '../modules/offers/taxonomies.ts';
import { TRANSLATABLE_FIELDS, type OfferStatus } from '../modules/offers/content.ts';

/**
 * The demo directory of integration offers (Integrationswegweiser). Everything is fictional: names,
 * people, phone numbers (0000 …), e-mail addresses and websites on the reserved .example domain.
 *
 * The data below is plain: venues and offers per municipality, referring to organizations by their
 * key in DEMO_ORGANIZATIONS, to venues by their key, to terms by their code and to areas by their
 * code or name. One loop creates everything through the real services, as editors would.
 */

/* ---------- shapes of the demo data ---------- */

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
type TranslationLanguage = 'en' | 'tr' | 'ru' | 'uk' | 'ar' | 'fa';

/** The schedule as the offer form sends it (see schedule.ts). */
interface RawSchedule {
	freq: 'once' | 'weekly' | 'monthly';
	interval: string;
	byday: Day[];
	ordinal: string;
	dtstart: string;
	until: string;
	opensAt: string;
	closesAt: string;
	notes: string;
}

interface Texts {
	name: string;
	/** Markdown subset: paragraphs, **bold**, "- " lists, [text](https://…) links. */
	description: string;
	applicationProcess?: string;
	eligibilityDescription?: string;
	/** An offer that costs something says so here; an offer without it is free. */
	feesDescription?: string;
}

interface VenueDef {
	key: string;
	/** Organization key (DEMO_ORGANIZATIONS). */
	org: string;
	name: string;
	street: string;
	postalCode: string;
	city: string;
	/** Area code (Bottrop: '11') or quarter name (Köln: 'Kalk'); left empty when the area is missing. */
	area?: string;
	lat?: number;
	lng?: number;
	wheelchair: 'yes' | 'partial' | 'no' | 'unknown';
	toilet?: boolean;
	accessibilityNotes?: string;
	transitNotes?: string;
}

interface OfferDef extends Texts {
	key: string;
	org: string;
	venues?: string[];
	areas?: string[];
	/** Term codes per vocabulary (defaults.ts). */
	categories: string[];
	targetGroups: string[];
	immigrantGroups: string[];
	types: string[];
	languages: string[];
	minAge?: number;
	maxAge?: number;
	status?: OfferStatus;
	contactName?: string;
	email?: string;
	phone?: string;
	url?: string;
	schedules: RawSchedule[];
	/** Left unpublished in this review state; published otherwise. */
	state?: 'draft' | 'submitted' | 'returned';
	/** Demo account (e-mail) that writes the offer; the system otherwise. */
	by?: string;
	/** state 'returned': the editor's comment and the demo account that returns it. */
	returned?: { by: string; comment: string };
	/** Machine-made translations of the published texts. */
	translations?: Partial<Record<TranslationLanguage, Texts>>;
	/** A major change published after the translations were made: they become outdated. */
	laterChange?: { description: string; schedules?: RawSchedule[] };
}

interface DemoDirectory {
	municipalitySlug: string;
	venues: VenueDef[];
	offers: OfferDef[];
	/**
	 * Earlier years of the yearly confirmation, for the participation figures: years back from now →
	 * organizations that confirmed (all their published offers) in that year.
	 */
	history?: Record<number, string[]>;
	/** Offers whose next confirmation is due this many days from now (negative: overdue), to show reminders. */
	dueInDays?: Record<string, number>;
}

/* ---------- schedules ---------- */

const DAY_INDEX: Record<Day, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The first day on or after `from` that falls on one of the weekdays. */
function firstOnOrAfter(from: string, days: readonly Day[]): string {
	const d = new Date(`${from}T00:00:00Z`);
	for (let i = 0; i < 7; i++) {
		if (days.some((day) => DAY_INDEX[day] === d.getUTCDay())) return isoDate(d);
		d.setUTCDate(d.getUTCDate() + 1);
	}
	return from;
}

/** The n-th (or with -1 the last) weekday of a month 'YYYY-MM'. */
function nthWeekdayOfMonth(month: string, ordinal: number, day: Day): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	if (ordinal > 0) {
		const first = new Date(Date.UTC(y, m - 1, 1));
		const offset = (DAY_INDEX[day] - first.getUTCDay() + 7) % 7;
		return isoDate(new Date(Date.UTC(y, m - 1, 1 + offset + (ordinal - 1) * 7)));
	}
	const last = new Date(Date.UTC(y, m, 0));
	const back = (last.getUTCDay() - DAY_INDEX[day] + 7) % 7;
	return isoDate(new Date(Date.UTC(y, m - 1, last.getUTCDate() - back)));
}

interface ScheduleExtras {
	until?: string;
	notes?: string;
	interval?: number;
}

/** Every (or every n-th) week on the given days, starting with the first such day on or after `from`. */
function weekly(days: Day[], from: string, opensAt: string, closesAt: string, extras: ScheduleExtras = {}): RawSchedule {
	return {
		freq: 'weekly',
		interval: String(extras.interval ?? 1),
		byday: days,
		ordinal: '',
		dtstart: firstOnOrAfter(from, days),
		until: extras.until ?? '',
		opensAt,
		closesAt,
		notes: extras.notes ?? ''
	};
}

/** On the n-th (-1: last) weekday of every month, starting in month 'YYYY-MM'. */
function monthly(ordinal: 1 | 2 | 3 | 4 | -1, day: Day, fromMonth: string, opensAt: string, closesAt: string, extras: ScheduleExtras = {}): RawSchedule {
	return {
		freq: 'monthly',
		interval: String(extras.interval ?? 1),
		byday: [day],
		ordinal: String(ordinal),
		dtstart: nthWeekdayOfMonth(fromMonth, ordinal, day),
		until: extras.until ?? '',
		opensAt,
		closesAt,
		notes: extras.notes ?? ''
	};
}

function once(date: string, opensAt: string, closesAt: string, notes = ''): RawSchedule {
	return { freq: 'once', interval: '1', byday: [], ordinal: '', dtstart: date, until: '', opensAt, closesAt, notes };
}

/* ---------- Bottrop ---------- */

const BOTTROP: DemoDirectory = {
	municipalitySlug: 'bottrop',
	venues: [
		{
			key: 'b-rathaus',
			org: 'bot-integration',
			name: 'Integrationsbüro im Rathaus',
			street: 'Ernst-Wilczok-Platz 1',
			postalCode: '46236',
			city: 'Bottrop',
			area: '11',
			lat: 51.5236,
			lng: 6.9285,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Stufenloser Zugang über den Seiteneingang, Aufzug in alle Etagen.',
			transitNotes: 'Haltestelle Berliner Platz (ZOB), etwa 5 Minuten zu Fuß.'
		},
		{
			key: 'b-ankommen',
			org: 'bot-integration',
			name: 'Ankommenstreffpunkt Batenbrock',
			street: 'Batenbrockstraße 60',
			postalCode: '46238',
			city: 'Bottrop',
			lat: 51.5372,
			lng: 6.9468,
			wheelchair: 'yes',
			toilet: false,
			accessibilityNotes: 'Ebenerdiger Eingang; die barrierefreie Toilette ist im Nachbarhaus (Gemeindezentrum).',
			transitNotes: 'Bushaltestelle direkt vor dem Haus.'
		},
		{
			key: 'b-quartier',
			org: 'bot-quartier',
			name: 'Quartiersbüro Altstadt',
			street: 'Hochstraße 28',
			postalCode: '46236',
			city: 'Bottrop',
			area: '11',
			lat: 51.5228,
			lng: 6.9251,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Eingang mit Rampe, Tür öffnet auf Knopfdruck.',
			transitNotes: 'Fußgängerzone; nächste Haltestelle Pferdemarkt.'
		},
		{
			key: 'b-verein',
			org: 'bot-mo',
			name: 'Vereinsheim des Deutsch-Türkischen Kulturvereins',
			street: 'Ebelstraße 40',
			postalCode: '46242',
			city: 'Bottrop',
			area: '61',
			lat: 51.5331,
			lng: 6.9583,
			wheelchair: 'no',
			accessibilityNotes: 'Die Vereinsräume liegen im ersten Obergeschoss, es gibt keinen Aufzug. Bei Bedarf weichen wir in den Begegnungsraum Welheimer Mark aus.'
		},
		{
			key: 'b-welheim',
			org: 'bot-mo',
			name: 'Begegnungsraum Welheimer Mark',
			street: 'Welheimer Straße 12',
			postalCode: '46238',
			city: 'Bottrop',
			area: '61',
			lat: 51.5302,
			lng: 6.9614,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Alles im Erdgeschoss, Spielecke für Kleinkinder.'
		},
		{
			key: 'b-fbs',
			org: 'bot-familie',
			name: 'Familienbildungsstätte, Kursräume',
			street: 'Kirchplatz 5',
			postalCode: '46236',
			city: 'Bottrop',
			area: '11',
			lat: 51.5241,
			lng: 6.9268,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Aufzug, Wickelraum und Stellplatz für Kinderwagen.'
		},
		{
			key: 'b-kita',
			org: 'bot-familie',
			name: 'Kita Sonnenblume, Elternraum',
			street: 'Prosperstraße 90',
			postalCode: '46236',
			city: 'Bottrop',
			lat: 51.5302,
			lng: 6.9398,
			wheelchair: 'partial',
			accessibilityNotes: 'Zwei Stufen am Haupteingang; der Hintereingang über den Garten ist stufenlos.'
		},
		{
			key: 'b-wohlfahrt',
			org: 'bot-wohlfahrt',
			name: 'Beratungszentrum Gladbecker Straße',
			street: 'Gladbecker Straße 15',
			postalCode: '46236',
			city: 'Bottrop',
			area: '11',
			lat: 51.5262,
			lng: 6.9331,
			wheelchair: 'partial',
			toilet: false,
			accessibilityNotes: 'Beratungsräume im Erdgeschoss stufenlos; Kursraum und Kleiderstube im Untergeschoss nur über eine Treppe.',
			transitNotes: 'Haltestelle Gladbecker Straße, 2 Minuten zu Fuß.'
		},
		{
			key: 'b-vhs',
			org: 'bot-vhs',
			name: 'VHS-Zentrum Bottrop',
			street: 'Böckenhoffstraße 30',
			postalCode: '46236',
			city: 'Bottrop',
			area: '11',
			lat: 51.5219,
			lng: 6.9302,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Aufzug; Raum 1.04 hat eine Induktionsschleife für Hörgeräte.',
			transitNotes: 'Haltestelle Berliner Platz (ZOB), 3 Minuten zu Fuß.'
		},
		{
			key: 'b-jmd',
			org: 'bot-jmd',
			name: 'Büro des Jugendmigrationsdienstes',
			street: 'Osterfelder Straße 20',
			postalCode: '46236',
			city: 'Bottrop',
			lat: 51.5198,
			lng: 6.9238,
			wheelchair: 'unknown'
		},
		{
			key: 'b-sport',
			org: 'bot-sport',
			name: 'Sporthalle und Lehrschwimmbecken Welheim',
			street: 'Gungstraße 50',
			postalCode: '46238',
			city: 'Bottrop',
			area: '61',
			lat: 51.5281,
			lng: 6.9652,
			wheelchair: 'partial',
			toilet: true,
			accessibilityNotes: 'Umkleiden und Halle stufenlos; das Schwimmbecken ist nur über eine Treppe ohne Lifter erreichbar.'
		}
	],
	offers: [
		{
			key: 'sprachcafe',
			org: 'bot-quartier',
			venues: ['b-quartier'],
			areas: ['11'],
			name: 'Sprachcafé Altstadt',
			description:
				'Beim Sprachcafé üben Sie Deutsch im Gespräch – ohne Prüfung und ohne Hausaufgaben. Ehrenamtliche aus der Nachbarschaft sitzen mit an den Tischen und helfen weiter, wenn ein Wort fehlt.\n\nEs gibt Kaffee, Tee und jede Woche ein anderes Alltagsthema, zum Beispiel **Einkaufen**, **Arzttermin** oder **Elternabend**. Anfängerinnen und Anfänger sind genauso willkommen wie Fortgeschrittene.',
			applicationProcess: 'Kommen Sie einfach vorbei, eine Anmeldung ist nicht nötig.',
			categories: ['sprache', 'begegnung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de'],
			contactName: 'Team Sprachcafé',
			email: 'sprachcafe@bottrop.example',
			phone: '0000 0000-110',
			schedules: [weekly(['TU'], '2026-01-13', '15:00', '17:00')],
			translations: {
				tr: {
					name: 'Dil Kafesi Altstadt',
					description:
						'Dil Kafesi’nde Almancayı sohbet ederek pratik edersiniz – sınav ve ödev yok. Mahalleden gönüllüler sizinle aynı masada oturur ve aklınıza bir kelime gelmediğinde yardımcı olur.\n\nKahve ve çay ikram edilir; her hafta farklı bir gündelik konu konuşulur, örneğin **alışveriş**, **doktor randevusu** veya **veli toplantısı**. Yeni başlayanlar da ileri seviyedekiler de aynı şekilde hoş karşılanır.',
					applicationProcess: 'Kayıt gerekmez, doğrudan gelebilirsiniz.'
				},
				ar: {
					name: 'مقهى اللغة في البلدة القديمة (Altstadt)',
					description:
						'في مقهى اللغة تتدرّبون على الألمانية من خلال المحادثة، دون امتحانات ودون واجبات منزلية. يجلس متطوعون من الحي معكم إلى الطاولات ويساعدونكم عندما تغيب عنكم كلمة.\n\nنقدّم القهوة والشاي، وفي كل أسبوع نتناول موضوعًا مختلفًا من الحياة اليومية، مثل **التسوّق** أو **موعد الطبيب** أو **اجتماع أولياء الأمور**. المبتدئون مرحَّب بهم تمامًا مثل المتقدّمين.',
					applicationProcess: 'تعالوا ببساطة، لا حاجة إلى التسجيل.'
				}
			}
		},
		{
			key: 'griffbereit',
			org: 'bot-familie',
			venues: ['b-kita'],
			name: 'Griffbereit – Spielgruppe für Eltern mit Kindern von 1 bis 3 Jahren',
			description:
				'Griffbereit ist ein Programm für Mütter, Väter und ihre Kleinkinder. Gemeinsam wird gespielt, gesungen und erzählt – in der **Familiensprache** und auf Deutsch. So lernen die Kinder beide Sprachen gut, und die Eltern erfahren, wie sie die Entwicklung zu Hause unterstützen können.\n\nDie Gruppe leitet eine zweisprachige Elternbegleiterin. Nebenbei entstehen Kontakte zu anderen Familien und zur Kita.',
			applicationProcess: 'Bitte melden Sie sich telefonisch oder per E-Mail an. Ein Einstieg ist jederzeit möglich, solange Plätze frei sind.',
			eligibilityDescription: 'Für Eltern mit Kindern von 1 bis 3 Jahren, die noch keine Kita besuchen.',
			categories: ['eltern-kind', 'sprache'],
			targetGroups: ['kinder-0-3', 'eltern', 'familien'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr', 'ar'],
			minAge: 1,
			maxAge: 3,
			contactName: 'Frau Öztürk',
			email: 'griffbereit@bottrop.example',
			phone: '0000 0000-140',
			url: 'https://familienbildung-bottrop.example/griffbereit',
			schedules: [weekly(['WE'], '2026-02-04', '09:30', '11:00', { until: '2027-06-30' })],
			translations: {
				tr: {
					name: 'Griffbereit – 1-3 yaş arası çocuğu olan ebeveynler için oyun grubu',
					description:
						'Griffbereit, anneler, babalar ve küçük çocukları için bir programdır. Birlikte oyun oynanır, şarkı söylenir ve hikâye anlatılır – hem **aile dilinde** hem de Almanca. Böylece çocuklar iki dili de iyi öğrenir, ebeveynler de çocuklarının gelişimini evde nasıl destekleyebileceklerini öğrenir.\n\nGruba iki dilli bir ebeveyn rehberi liderlik eder. Bu arada başka ailelerle ve kreşle de tanışma fırsatı doğar.',
					applicationProcess: 'Lütfen telefonla veya e-posta ile kaydolun. Boş yer olduğu sürece istediğiniz zaman katılabilirsiniz.',
					eligibilityDescription: 'Henüz kreşe gitmeyen 1-3 yaş arası çocukları olan ebeveynler içindir.'
				}
			}
		},
		{
			key: 'rucksack-kita',
			org: 'bot-familie',
			venues: ['b-fbs'],
			areas: ['11'],
			name: 'Rucksack KiTa – Elternprogramm zur Sprachbildung',
			description:
				'Im Programm Rucksack KiTa treffen sich Eltern, deren Kinder eine Kita besuchen, einmal in der Woche. Sie bekommen Spielideen, Bilderbücher und Materialien, mit denen sie zu Hause in ihrer Familiensprache üben – zu denselben Themen, die in der Kita gerade auf Deutsch behandelt werden.\n\nSo wächst das Kind **in beiden Sprachen**, und Eltern und Kita arbeiten Hand in Hand.',
			applicationProcess: 'Die Anmeldung läuft über die Kita Ihres Kindes oder direkt über die Familienbildungsstätte.',
			eligibilityDescription: 'Für Eltern von Kindern zwischen 3 und 6 Jahren, die eine Kita in Bottrop besuchen.',
			categories: ['eltern-kind', 'sprache'],
			targetGroups: ['eltern', 'kinder-3-6'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr', 'ar', 'ru'],
			contactName: 'Frau Lindner',
			email: 'rucksack@bottrop.example',
			schedules: [weekly(['TH'], '2026-01-15', '08:30', '10:30', { until: '2027-07-01' })]
		},
		{
			key: 'rucksack-schule',
			org: 'bot-mo',
			venues: ['b-verein'],
			areas: ['61'],
			name: 'Rucksack Schule – Eltern begleiten ihre Kinder durch die Grundschule',
			description:
				'Eltern von Grundschulkindern treffen sich jede Woche mit einer Elternbegleiterin. Besprochen wird, was die Kinder gerade im Unterricht lernen und wie die Eltern das zu Hause in ihrer Familiensprache aufgreifen können.\n\nAußerdem geht es um Fragen rund um die Schule:\n\n- Wie läuft ein Elternsprechtag ab?\n- Was steht im Zeugnis?\n- Wer hilft, wenn es Probleme gibt?',
			applicationProcess: 'Sprechen Sie die Klassenlehrerin oder den Klassenlehrer an oder kommen Sie direkt zum ersten Treffen in den Verein.',
			eligibilityDescription: 'Für Eltern von Kindern der Klassen 1 bis 4.',
			categories: ['eltern-kind', 'schule'],
			targetGroups: ['eltern', 'kinder-6-12'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr'],
			contactName: 'Frau Kaya',
			email: 'rucksack-schule@bottrop.example',
			schedules: [weekly(['FR'], '2026-02-06', '08:15', '10:15', { until: '2027-06-25' })]
		},
		{
			key: 'integrationskurs',
			org: 'bot-vhs',
			venues: ['b-vhs'],
			name: 'Integrationskurs Deutsch mit Orientierungskurs',
			description:
				'Der Integrationskurs besteht aus einem **Sprachkurs** bis zum Niveau B1 und einem **Orientierungskurs** über Geschichte, Rechte und das Zusammenleben in Deutschland. Am Ende stehen der Deutsch-Test für Zuwanderer und der Test „Leben in Deutschland“.\n\nVor Kursbeginn stellen wir in einem kurzen Einstufungstest fest, welcher Kursabschnitt zu Ihnen passt. Mehr Informationen finden Sie auf der [Seite der Volkshochschule](https://vhs-bottrop.example/integrationskurse).',
			applicationProcess: 'Vereinbaren Sie einen Termin für den Einstufungstest. Bringen Sie Ihren Ausweis und – falls vorhanden – den Berechtigungsschein oder die Verpflichtung mit.',
			eligibilityDescription:
				'Sie brauchen eine Berechtigung oder Verpflichtung vom Bundesamt für Migration und Flüchtlinge, von der Ausländerbehörde oder vom Jobcenter. Wir helfen beim Antrag.',
			feesDescription:
				'Kostenbeitrag pro Unterrichtsstunde nach den Regeln des Bundesamts. Wer Bürgergeld oder Leistungen nach dem Asylbewerberleistungsgesetz bekommt, kann sich befreien lassen.',
			categories: ['sprache', 'politische-bildung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['neuzugewanderte', 'gefluechtete', 'eu', 'spaetaussiedler'],
			types: ['kurs'],
			languages: ['de'],
			contactName: 'Beratung Integrationskurse',
			email: 'integrationskurse@bottrop.example',
			phone: '0000 0000-200',
			url: 'https://vhs-bottrop.example/integrationskurse',
			schedules: [
				weekly(['MO', 'TU', 'WE', 'TH', 'FR'], '2026-09-07', '08:30', '12:45', { until: '2027-06-25' }),
				weekly(['MO', 'TU', 'WE', 'TH'], '2027-01-11', '17:30', '20:45', { until: '2027-12-16', notes: 'Abendkurs' })
			],
			translations: {
				tr: {
					name: 'Oryantasyon kurslu Almanca uyum kursu (Integrationskurs)',
					description:
						'Uyum kursu, B1 seviyesine kadar bir **dil kursundan** ve Almanya’nın tarihi, haklar ve birlikte yaşam hakkında bir **oryantasyon kursundan** oluşur. Kursun sonunda göçmenler için Almanca sınavı (Deutsch-Test für Zuwanderer) ve „Almanya’da Yaşam“ (Leben in Deutschland) testi yapılır.\n\nKurs başlamadan önce kısa bir seviye tespit sınavıyla size hangi kurs bölümünün uygun olduğunu belirliyoruz. Daha fazla bilgiyi [Halk Eğitim Merkezi’nin sayfasında](https://vhs-bottrop.example/integrationskurse) bulabilirsiniz.',
					applicationProcess:
						'Seviye tespit sınavı için randevu alın. Kimliğinizi ve – varsa – katılım hakkı belgenizi (Berechtigungsschein) ya da katılım yükümlülüğü belgenizi yanınızda getirin.',
					eligibilityDescription:
						'Federal Göç ve Mülteciler Dairesi’nden (BAMF), Yabancılar Dairesi’nden veya Jobcenter’dan alınmış bir katılım hakkına ya da katılım yükümlülüğüne ihtiyacınız var. Başvuruda size yardımcı oluyoruz.',
					feesDescription:
						'Ders saati başına katkı payı, Federal Daire’nin kurallarına göre alınır. Bürgergeld veya Sığınmacılara Yardım Yasası (Asylbewerberleistungsgesetz) kapsamında yardım alanlar bu ücretten muaf tutulabilir.'
				},
				ar: {
					name: 'دورة الاندماج: اللغة الألمانية مع دورة التوجيه',
					description:
						'تتكوّن دورة الاندماج من **دورة لغة** حتى المستوى B1 و**دورة توجيه** عن تاريخ ألمانيا والحقوق والعيش المشترك فيها. وفي النهاية يُجرى اختبار اللغة الألمانية للمهاجرين (Deutsch-Test für Zuwanderer) واختبار «الحياة في ألمانيا» (Leben in Deutschland).\n\nقبل بدء الدورة نحدّد من خلال اختبار قصير لتحديد المستوى أيّ مرحلة من الدورة تناسبكم. تجدون مزيدًا من المعلومات على [صفحة الجامعة الشعبية](https://vhs-bottrop.example/integrationskurse).',
					applicationProcess: 'احجزوا موعدًا لاختبار تحديد المستوى. أحضروا معكم بطاقة الهوية، وإن وُجدت، وثيقة الأحقية (Berechtigungsschein) أو وثيقة الإلزام بالمشاركة.',
					eligibilityDescription: 'تحتاجون إلى أحقية أو إلزام بالمشاركة صادر عن المكتب الاتحادي للهجرة واللاجئين أو عن دائرة الأجانب أو عن مركز العمل (Jobcenter). نساعدكم في تقديم الطلب.',
					feesDescription: 'مساهمة مالية عن كل حصة دراسية وفق قواعد المكتب الاتحادي. ويمكن لمن يحصل على المساعدة الأساسية (Bürgergeld) أو على إعانات بموجب قانون إعانات طالبي اللجوء الحصول على إعفاء.'
				},
				en: {
					name: 'Integration course: German with orientation course',
					description:
						'The integration course consists of a **language course** up to level B1 and an **orientation course** on history, rights and living together in Germany. At the end you take the German test for immigrants (Deutsch-Test für Zuwanderer) and the test “Living in Germany” (Leben in Deutschland).\n\nBefore the course starts, a short placement test shows which part of the course suits you. You will find more information on the [website of the adult education centre](https://vhs-bottrop.example/integrationskurse).',
					applicationProcess: 'Make an appointment for the placement test. Bring your ID and, if you have one, your certificate of entitlement (Berechtigungsschein) or your obligation to attend.',
					eligibilityDescription: 'You need an entitlement or an obligation to attend from the Federal Office for Migration and Refugees, the immigration office or the Jobcenter. We help you apply.',
					feesDescription: 'A contribution per teaching hour according to the rules of the Federal Office. People who receive Bürgergeld or benefits under the Asylum Seekers’ Benefits Act can be exempted.'
				}
			}
		},
		{
			key: 'alphakurs',
			org: 'bot-vhs',
			venues: ['b-vhs'],
			name: 'Integrationskurs mit Alphabetisierung',
			description:
				'Dieser Kurs ist für Erwachsene, die noch nicht oder nur wenig lesen und schreiben können – oder die bisher nur eine andere Schrift gelernt haben. Sie lernen in kleinen Schritten die lateinische Schrift und gleichzeitig Deutsch für den Alltag.\n\nDer Kurs hat **kleine Gruppen** und mehr Unterrichtsstunden als der allgemeine Integrationskurs. Eine Kinderbetreuung kann auf Nachfrage organisiert werden.',
			applicationProcess: 'Kommen Sie zur offenen Beratung der Volkshochschule. Dort klären wir gemeinsam, welcher Kurs passt.',
			eligibilityDescription: 'Sie brauchen eine Berechtigung zum Integrationskurs. Wer noch keine hat, bekommt in der Beratung Hilfe beim Antrag.',
			feesDescription: 'Kostenbeitrag wie beim Integrationskurs; mit Bürgergeld oder Asylbewerberleistungen ist eine Befreiung möglich.',
			categories: ['sprache'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['gefluechtete', 'neuzugewanderte'],
			types: ['kurs'],
			languages: ['de'],
			email: 'integrationskurse@bottrop.example',
			phone: '0000 0000-200',
			url: 'https://vhs-bottrop.example/alphabetisierung',
			schedules: [weekly(['MO', 'TU', 'WE', 'TH'], '2026-08-24', '13:30', '16:45', { until: '2027-08-20' })]
		},
		{
			key: 'mbe',
			org: 'bot-wohlfahrt',
			venues: ['b-wohlfahrt'],
			areas: ['11', '61'],
			name: 'Migrationsberatung für Erwachsene (MBE)',
			description:
				'Die Migrationsberatung unterstützt Sie in den ersten Jahren in Deutschland. Wir beraten unter anderem zu:\n\n- Aufenthalt, Familiennachzug und Einbürgerung\n- Integrationskurs und Anerkennung von Berufsabschlüssen\n- Wohnung, Arbeit, Kita und Schule\n- Briefen von Ämtern und Anträgen\n\nDie Beratung ist **vertraulich**. Auf Wunsch kommt eine Sprachmittlerin oder ein Sprachmittler dazu.',
			applicationProcess: 'Kommen Sie in die offene Sprechstunde oder vereinbaren Sie telefonisch einen Termin. Bringen Sie wichtige Unterlagen mit.',
			eligibilityDescription: 'Für zugewanderte Erwachsene ab 27 Jahren. Jüngere Menschen berät der Jugendmigrationsdienst.',
			categories: ['beratung'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle', 'neuzugewanderte', 'spaetaussiedler', 'eu'],
			types: ['beratung'],
			languages: ['de', 'ar', 'fa', 'ru'],
			minAge: 27,
			contactName: 'Team Migrationsberatung',
			email: 'mbe@bottrop.example',
			phone: '0000 0000-300',
			url: 'https://wohlfahrt-bottrop.example/migrationsberatung',
			schedules: [
				weekly(['TU'], '2026-01-06', '09:00', '12:00', { notes: 'Offene Sprechstunde' }),
				weekly(['TH'], '2026-01-08', '13:00', '16:00', { notes: 'Nur mit Termin' })
			],
			translations: {
				tr: {
					name: 'Yetişkinler için Göç Danışmanlığı (MBE)',
					description:
						'Göç danışmanlığı, Almanya’daki ilk yıllarınızda size destek olur. Başka konuların yanı sıra şu konularda danışmanlık veriyoruz:\n\n- Oturum, aile birleşimi ve vatandaşlığa geçiş\n- Uyum kursu ve meslek diplomalarının denkliği\n- Konut, iş, kreş ve okul\n- Resmî dairelerden gelen mektuplar ve başvurular\n\nDanışmanlık **gizlidir**. İsterseniz görüşmeye bir dil aracısı (tercüman) da katılır.',
					applicationProcess: 'Açık danışma saatine gelin veya telefonla randevu alın. Önemli belgelerinizi yanınızda getirin.',
					eligibilityDescription: '27 yaş ve üzeri göçmen yetişkinler içindir. Daha genç kişilere Gençlik Göç Servisi (Jugendmigrationsdienst) danışmanlık yapar.'
				},
				ar: {
					name: 'استشارة الهجرة للبالغين (MBE)',
					description:
						'تدعمكم استشارة الهجرة في سنواتكم الأولى في ألمانيا. نقدّم الاستشارة في مواضيع منها:\n\n- الإقامة ولمّ شمل الأسرة والتجنّس\n- دورة الاندماج والاعتراف بالشهادات المهنية\n- السكن والعمل ورياض الأطفال والمدرسة\n- رسائل الدوائر الرسمية وتقديم الطلبات\n\nالاستشارة **سرّية**. ويمكن عند الرغبة أن يحضر معكم مترجم أو مترجمة.',
					applicationProcess: 'تعالوا في ساعات الاستشارة المفتوحة أو احجزوا موعدًا عبر الهاتف. أحضروا معكم المستندات المهمة.',
					eligibilityDescription: 'للبالغين المهاجرين من عمر 27 عامًا فما فوق. أما الأصغر سنًّا فتقدّم لهم خدمة هجرة الشباب (Jugendmigrationsdienst) الاستشارة.'
				},
				ru: {
					name: 'Миграционная консультация для взрослых (MBE)',
					description:
						'Миграционная консультация поддерживает вас в первые годы жизни в Германии. Мы консультируем, в частности, по следующим вопросам:\n\n- вид на жительство, воссоединение семьи и получение гражданства\n- интеграционный курс и признание профессиональных дипломов\n- жильё, работа, детский сад и школа\n- письма из ведомств и заявления\n\nКонсультация **конфиденциальна**. По желанию к разговору подключится переводчик.',
					applicationProcess: 'Приходите в часы открытого приёма или запишитесь по телефону. Возьмите с собой важные документы.',
					eligibilityDescription: 'Для взрослых мигрантов от 27 лет. Молодых людей консультирует Молодёжная миграционная служба (Jugendmigrationsdienst).'
				}
			}
		},
		{
			key: 'jmd',
			org: 'bot-jmd',
			venues: ['b-jmd'],
			name: 'Jugendmigrationsdienst: Beratung und Begleitung für junge Menschen',
			description:
				'Der Jugendmigrationsdienst begleitet junge Zugewanderte zwischen 12 und 27 Jahren auf ihrem Weg in Schule, Ausbildung und Beruf. Gemeinsam mit Ihnen erstellen wir einen **persönlichen Plan**: Welche Schule, welcher Sprachkurs, welche Ausbildung passt zu Ihnen?\n\nWir helfen auch bei Anträgen, bei Problemen in der Familie oder wenn Sie einfach nicht weiterwissen. Die Beratung ist kostenlos und vertraulich.',
			applicationProcess: 'Schreiben Sie uns eine E-Mail oder eine Nachricht, rufen Sie an oder kommen Sie montags oder mittwochs vorbei.',
			eligibilityDescription: 'Für junge Menschen mit Migrationsgeschichte von 12 bis 27 Jahren; Eltern können gern mitkommen.',
			categories: ['beratung', 'kinder-jugend', 'arbeit'],
			targetGroups: ['jugendliche', 'junge-erwachsene'],
			immigrantGroups: ['alle'],
			types: ['beratung', 'begleitung'],
			languages: ['de', 'en', 'ar', 'uk'],
			minAge: 12,
			maxAge: 27,
			email: 'jmd@bottrop.example',
			phone: '0000 0000-600',
			url: 'https://jmd-bottrop.example',
			schedules: [weekly(['MO', 'WE'], '2026-01-05', '10:00', '16:00')],
			translations: {
				en: {
					name: 'Youth Migration Service: advice and support for young people',
					description:
						'The Youth Migration Service supports young immigrants between 12 and 27 on their way into school, vocational training and work. Together with you we draw up a **personal plan**: which school, which language course, which training suits you?\n\nWe also help with applications, with problems in the family, or when you simply don’t know what to do next. The advice is free of charge and confidential.',
					applicationProcess: 'Send us an e-mail or a message, give us a call, or drop by on a Monday or Wednesday.',
					eligibilityDescription: 'For young people with a migration background aged 12 to 27; parents are welcome to come along.'
				},
				uk: {
					name: 'Молодіжна міграційна служба: консультації та супровід для молоді',
					description:
						'Молодіжна міграційна служба супроводжує молодих мігрантів віком від 12 до 27 років на шляху до школи, професійного навчання та роботи. Разом з вами ми складаємо **особистий план**: яка школа, який мовний курс, яке професійне навчання вам підходять?\n\nМи також допомагаємо із заявами, у разі проблем у сім’ї або коли ви просто не знаєте, що робити далі. Консультація безкоштовна та конфіденційна.',
					applicationProcess: 'Напишіть нам електронного листа чи повідомлення, зателефонуйте або приходьте в понеділок чи середу.',
					eligibilityDescription: 'Для молоді з міграційною історією віком від 12 до 27 років; батьки можуть прийти разом з вами.'
				}
			}
		},
		{
			key: 'hausaufgabenhilfe',
			org: 'bot-mo',
			venues: ['b-verein'],
			areas: ['61'],
			name: 'Hausaufgabenhilfe im Kulturverein',
			description:
				'Nach der Schule machen Kinder hier in Ruhe ihre Hausaufgaben. Ehrenamtliche Helferinnen und Helfer erklären, was im Unterricht nicht klar geworden ist, und üben Lesen und Rechnen.\n\nEs gibt einen **kleinen Snack** und danach Zeit zum Spielen. Die Betreuerinnen sprechen Deutsch und Türkisch.',
			applicationProcess: 'Melden Sie Ihr Kind bitte einmal im Verein an. Danach kann es an allen Tagen kommen.',
			eligibilityDescription: 'Für Grundschulkinder und Kinder der Klassen 5 und 6.',
			categories: ['schule', 'kinder-jugend'],
			targetGroups: ['kinder-6-12'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de', 'tr'],
			minAge: 6,
			maxAge: 12,
			contactName: 'Herr Yılmaz',
			email: 'hausaufgaben@bottrop.example',
			schedules: [weekly(['MO', 'TU', 'TH'], '2026-01-12', '14:00', '16:00', { until: '2027-07-09' })],
			translations: {
				tr: {
					name: 'Kültür Derneği’nde ödev yardımı',
					description:
						'Çocuklar okuldan sonra burada ödevlerini sakin bir ortamda yapar. Gönüllü yardımcılar derste anlaşılmayan konuları açıklar, okuma ve hesap alıştırmaları yapar.\n\n**Küçük bir atıştırmalık** verilir, ardından oyun zamanı gelir. Eğitmenler Almanca ve Türkçe konuşur.',
					applicationProcess: 'Lütfen çocuğunuzu bir kez dernekte kaydettirin. Sonrasında her gün gelebilir.',
					eligibilityDescription: 'İlkokul çocukları ile 5. ve 6. sınıf öğrencileri içindir.'
				}
			},
			// Published after the Turkish translation: the translation is outdated on purpose.
			laterChange: {
				description:
					'Nach der Schule machen Kinder hier in Ruhe ihre Hausaufgaben. Ehrenamtliche Helferinnen und Helfer erklären, was im Unterricht nicht klar geworden ist, und üben Lesen und Rechnen.\n\n**Neu:** Mittwochs gibt es zusätzlich eine Mathe-Werkstatt für die Klassen 3 bis 6, geleitet von einer Lehramtsstudentin. Es gibt einen kleinen Snack und danach Zeit zum Spielen. Die Betreuerinnen sprechen Deutsch und Türkisch.',
				schedules: [
					weekly(['MO', 'TU', 'TH'], '2026-01-12', '14:00', '16:00', { until: '2027-07-09' }),
					weekly(['WE'], '2026-11-25', '14:00', '15:30', { until: '2027-07-07', notes: 'Mathe-Werkstatt' })
				]
			}
		},
		{
			key: 'muettercafe',
			org: 'bot-mo',
			venues: ['b-welheim'],
			areas: ['61'],
			name: 'Müttercafé Welheimer Mark',
			description:
				'Ein offener Treffpunkt für Mütter – mit und ohne Kinderwagen. Bei Tee und Gebäck tauschen sich Frauen aus, knüpfen Kontakte und bekommen Antworten auf Alltagsfragen.\n\nEinmal im Monat kommt ein Gast dazu, zum Beispiel eine **Hebamme**, eine Erzieherin oder jemand von der Schuldnerberatung. Kleine Kinder spielen in der Spielecke nebenan.',
			applicationProcess: 'Ohne Anmeldung – kommen Sie einfach vorbei.',
			categories: ['frauen', 'eltern-kind', 'begegnung'],
			targetGroups: ['frauen', 'eltern'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de', 'tr', 'ar'],
			contactName: 'Frau Kaya',
			email: 'muettercafe@bottrop.example',
			schedules: [weekly(['FR'], '2026-01-09', '09:30', '11:30')],
			translations: {
				tr: {
					name: 'Welheimer Mark Anneler Kafesi',
					description:
						'Anneler için açık bir buluşma yeri – bebek arabasıyla ya da bebek arabası olmadan. Kadınlar çay ve kurabiye eşliğinde sohbet eder, yeni tanışıklıklar kurar ve gündelik sorularına yanıt bulur.\n\nAyda bir kez bir konuk gelir; örneğin bir **ebe**, bir anaokulu öğretmeni ya da borç danışmanlığından biri. Küçük çocuklar yan taraftaki oyun köşesinde oynar.',
					applicationProcess: 'Kayıt gerekmez – doğrudan gelebilirsiniz.'
				}
			}
		},
		{
			key: 'naehkurs',
			org: 'bot-wohlfahrt',
			venues: ['b-wohlfahrt'],
			name: 'Nähkurs für geflüchtete Frauen',
			description:
				'In diesem Kurs lernen Frauen das Nähen an der Maschine – vom ersten Saum bis zur eigenen Tasche oder Kinderkleidung. Stoffe, Garn und Nähmaschinen sind vorhanden.\n\nDer Kurs ist **nur für Frauen**, die Kursleiterin spricht Deutsch und etwas Arabisch. Während des Kurses werden kleine Kinder im Nebenraum betreut.\n\n**Wichtig:** Der Kurs pausiert zurzeit, weil der Kursraum renoviert wird. Sobald es weitergeht, stehen die neuen Termine hier.',
			applicationProcess: 'Bitte melden Sie sich telefonisch oder per E-Mail an, damit wir wissen, wie viele Kinder wir betreuen.',
			eligibilityDescription: 'Für geflüchtete Frauen; Vorkenntnisse sind nicht nötig.',
			categories: ['frauen', 'entspannung'],
			targetGroups: ['frauen'],
			immigrantGroups: ['gefluechtete'],
			types: ['kurs'],
			languages: ['de', 'ar', 'fa'],
			status: 'temporarily closed',
			contactName: 'Frau Haddad',
			email: 'naehkurs@bottrop.example',
			phone: '0000 0000-330',
			schedules: [weekly(['WE'], '2026-03-04', '14:00', '16:30', { until: '2027-03-31' })],
			translations: {
				ar: {
					name: 'دورة خياطة للنساء اللاجئات',
					description:
						'في هذه الدورة تتعلّم النساء الخياطة على الماكينة، من أول حاشية حتى خياطة حقيبة خاصة بهنّ أو ملابس للأطفال. الأقمشة والخيوط وماكينات الخياطة متوفرة.\n\nالدورة **للنساء فقط**، والمدرّبة تتحدث الألمانية وقليلًا من العربية. وخلال الدورة يُعتنى بالأطفال الصغار في الغرفة المجاورة.\n\n**مهم:** الدورة متوقفة حاليًا لأن قاعة الدورة قيد التجديد. وسننشر المواعيد الجديدة هنا فور استئنافها.',
					applicationProcess: 'يرجى التسجيل عبر الهاتف أو البريد الإلكتروني، حتى نعرف عدد الأطفال الذين سنعتني بهم.',
					eligibilityDescription: 'للنساء اللاجئات، ولا يلزم وجود معرفة مسبقة.'
				},
				fa: {
					name: 'کلاس خیاطی برای زنان پناهنده',
					description:
						'در این کلاس زنان خیاطی با چرخ خیاطی را یاد می‌گیرند؛ از اولین لبه‌دوزی تا دوختن یک کیف برای خودشان یا لباس کودک. پارچه، نخ و چرخ خیاطی در محل موجود است.\n\nاین کلاس **فقط برای زنان** است و مربی به زبان آلمانی و کمی عربی صحبت می‌کند. در طول کلاس از کودکان خردسال در اتاق کناری نگهداری می‌شود.\n\n**مهم:** کلاس در حال حاضر تعطیل است، چون اتاق کلاس در حال بازسازی است. به محض ادامه‌ی کلاس، تاریخ‌های جدید همین‌جا اعلام می‌شود.',
					applicationProcess: 'لطفاً تلفنی یا از طریق ایمیل ثبت‌نام کنید تا بدانیم از چند کودک باید نگهداری کنیم.',
					eligibilityDescription: 'برای زنان پناهنده؛ به هیچ آشنایی قبلی نیازی نیست.'
				}
			}
		},
		{
			key: 'ankommenstreff',
			org: 'bot-integration',
			venues: ['b-ankommen'],
			name: 'Ankommenstreffpunkt Batenbrock',
			description:
				'Neu in Bottrop? Im Ankommenstreffpunkt bekommen Sie Orientierung für die ersten Wochen: Wo melde ich mich an, wie finde ich einen Kita-Platz, wo gibt es einen Deutschkurs?\n\nHaupt- und Ehrenamtliche helfen beim Ausfüllen von Formularen und vermitteln an die richtigen Stellen weiter. Dazu gibt es Kaffee und die Gelegenheit, andere Familien kennenzulernen.',
			applicationProcess: 'Kommen Sie donnerstags ohne Termin vorbei.',
			categories: ['begegnung', 'beratung'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['neuzugewanderte', 'gefluechtete'],
			types: ['offener-treff', 'beratung'],
			languages: ['de', 'ar', 'uk', 'fa'],
			contactName: 'Integrationsbüro',
			email: 'ankommen@bottrop.example',
			phone: '0000 0000-120',
			schedules: [weekly(['TH'], '2026-01-08', '10:00', '13:00')],
			translations: {
				uk: {
					name: 'Пункт зустрічі для новоприбулих у Батенброку',
					description:
						'Ви нещодавно в Ботропі? У пункті зустрічі для новоприбулих ви отримаєте орієнтири на перші тижні: де зареєструватися, як знайти місце в дитячому садку, де є курс німецької мови?\n\nШтатні працівники та волонтери допомагають заповнювати формуляри й скеровують до потрібних установ. Крім того, тут можна випити кави та познайомитися з іншими сім’ями.',
					applicationProcess: 'Приходьте в четвер без попереднього запису.'
				}
			}
		},
		{
			key: 'ehrenamt',
			org: 'bot-integration',
			venues: ['b-rathaus'],
			name: 'Ehrenamtskoordination: Engagiert für Integration',
			description:
				'Sie möchten Menschen beim Ankommen in Bottrop helfen – als Lernpatin, als Sprachmittler, als Begleitung zu Behörden oder im Sprachcafé? Die Ehrenamtskoordination berät Sie, welches Engagement zu Ihnen passt, und vermittelt Sie an Vereine und Initiativen.\n\nEhrenamtliche erhalten **kostenlose Schulungen**, Versicherungsschutz und einen monatlichen Stammtisch zum Austausch. Zugewanderte, die sich selbst engagieren möchten, sind ausdrücklich willkommen.',
			applicationProcess: 'Vereinbaren Sie per E-Mail ein Kennenlerngespräch oder kommen Sie zum Stammtisch.',
			categories: ['ehrenamt'],
			targetGroups: ['erwachsene', 'junge-erwachsene', 'senioren'],
			immigrantGroups: ['alle'],
			types: ['beratung', 'veranstaltung'],
			languages: ['de'],
			contactName: 'Ehrenamtskoordination',
			email: 'ehrenamt@bottrop.example',
			url: 'https://bottrop.example/ehrenamt',
			schedules: [monthly(-1, 'TU', '2026-01', '18:00', '20:00', { notes: 'Stammtisch' }), once('2027-02-13', '10:00', '16:00', 'Schulungstag Interkulturelle Kommunikation')]
		},
		{
			key: 'schuldnerberatung',
			org: 'bot-wohlfahrt',
			venues: ['b-wohlfahrt'],
			name: 'Schuldner- und Insolvenzberatung',
			description:
				'Rechnungen, Mahnungen, Ratenverträge – wenn die Schulden über den Kopf wachsen, hilft die Schuldnerberatung. Gemeinsam verschaffen wir uns einen Überblick, verhandeln mit den Gläubigern und prüfen, ob ein **Pfändungsschutzkonto** oder eine Insolvenz in Frage kommt.\n\nBei Bedarf beraten wir auch auf Türkisch oder Russisch.',
			applicationProcess: 'Rufen Sie an oder kommen Sie montags in die offene Sprechstunde. Bringen Sie alle Briefe Ihrer Gläubiger mit.',
			eligibilityDescription: 'Für Menschen, die in Bottrop wohnen.',
			categories: ['beratung', 'materielle-hilfe'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle'],
			types: ['beratung'],
			languages: ['de', 'tr', 'ru'],
			email: 'schuldnerberatung@bottrop.example',
			phone: '0000 0000-310',
			schedules: [weekly(['MO'], '2026-01-05', '13:00', '16:00', { notes: 'Offene Sprechstunde' })]
		},
		{
			key: 'berufssprachkurs',
			org: 'bot-vhs',
			venues: ['b-vhs'],
			name: 'Berufssprachkurs Deutsch B2',
			description:
				'Der Berufssprachkurs bereitet Sie auf Deutsch im Arbeitsleben vor: E-Mails schreiben, Telefonate führen, an Besprechungen teilnehmen und Fachbegriffe verstehen. Der Kurs endet mit einer **Prüfung auf Niveau B2**.\n\nDer Unterricht findet abends statt, damit Sie ihn neben der Arbeit besuchen können.',
			applicationProcess:
				'Melden Sie sich zur Beratung an. Wenn Sie Arbeit suchen, sprechen Sie vorher mit Ihrer Beraterin oder Ihrem Berater im Jobcenter oder bei der Agentur für Arbeit.',
			eligibilityDescription: 'Sie haben den Integrationskurs abgeschlossen oder Deutschkenntnisse auf Niveau B1.',
			feesDescription: 'Für Arbeitsuchende kostenlos. Wer berufstätig ist, zahlt einen Eigenanteil pro Unterrichtsstunde; den kann der Arbeitgeber übernehmen.',
			categories: ['arbeit', 'sprache'],
			targetGroups: ['erwachsene', 'junge-erwachsene'],
			immigrantGroups: ['neuzugewanderte', 'gefluechtete', 'eu'],
			types: ['kurs'],
			languages: ['de'],
			email: 'berufssprachkurse@bottrop.example',
			url: 'https://vhs-bottrop.example/berufssprachkurse',
			schedules: [weekly(['MO', 'WE'], '2027-01-11', '17:30', '20:45', { until: '2027-09-29' })]
		},
		{
			key: 'bewerbungstraining',
			org: 'bot-jmd',
			venues: ['b-jmd'],
			name: 'Bewerbungstraining für junge Leute',
			description:
				'An zwei Samstagen üben wir alles, was zu einer guten Bewerbung gehört:\n\n- einen Lebenslauf schreiben, der Ihre Stärken zeigt\n- ein Anschreiben für einen Ausbildungsplatz\n- ein Vorstellungsgespräch als Rollenspiel\n\nBringen Sie Ihre Zeugnisse mit, wenn Sie welche haben. Laptops stehen zur Verfügung.',
			applicationProcess: 'Anmeldung bis eine Woche vor dem ersten Termin per E-Mail oder persönlich beim Jugendmigrationsdienst.',
			eligibilityDescription: 'Für junge Menschen von 16 bis 27 Jahren, die eine Ausbildung oder Arbeit suchen.',
			categories: ['arbeit', 'persoenlichkeit'],
			targetGroups: ['jugendliche', 'junge-erwachsene'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'en', 'ar'],
			minAge: 16,
			maxAge: 27,
			email: 'jmd@bottrop.example',
			schedules: [once('2027-02-06', '10:00', '15:00'), once('2027-02-13', '10:00', '15:00')]
		},
		{
			key: 'frauenschwimmen',
			org: 'bot-sport',
			venues: ['b-sport'],
			areas: ['61'],
			name: 'Schwimmkurs für Frauen',
			description:
				'Schwimmen lernen in geschützter Atmosphäre: Während des Kurses ist die Halle **nur für Frauen** geöffnet, die Fenster sind verhängt, und es unterrichten ausschließlich Trainerinnen.\n\nDer Kurs richtet sich an Anfängerinnen, die sich im Wasser noch unsicher fühlen. Burkini und Badeanzug sind gleichermaßen erlaubt.',
			applicationProcess: 'Melden Sie sich per E-Mail oder telefonisch an. Die Plätze werden in der Reihenfolge der Anmeldungen vergeben.',
			eligibilityDescription: 'Für Frauen ab 16 Jahren.',
			feesDescription: '25 € für zehn Termine. Mit einem Nachweis über Bürgergeld, Wohngeld oder Asylbewerberleistungen ist der Kurs kostenlos.',
			categories: ['sport', 'frauen', 'gesundheit'],
			targetGroups: ['frauen'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr', 'ar'],
			minAge: 16,
			email: 'schwimmen@bottrop.example',
			phone: '0000 0000-400',
			schedules: [weekly(['SA'], '2026-09-05', '16:00', '17:30', { until: '2027-03-27' })],
			translations: {
				tr: {
					name: 'Kadınlar için yüzme kursu',
					description:
						'Korunaklı bir ortamda yüzme öğrenin: Kurs sırasında salon **yalnızca kadınlara** açıktır, pencereler örtülüdür ve sadece kadın antrenörler ders verir.\n\nKurs, suda kendini henüz güvende hissetmeyen yeni başlayanlara yöneliktir. Haşema (burkini) de mayo da aynı şekilde serbesttir.',
					applicationProcess: 'E-posta veya telefonla kaydolun. Yerler kayıt sırasına göre verilir.',
					eligibilityDescription: '16 yaş ve üzeri kadınlar içindir.',
					feesDescription: 'On ders için 25 €. Bürgergeld, konut yardımı (Wohngeld) veya sığınmacı yardımı aldığınızı belgelerseniz kurs ücretsizdir.'
				}
			}
		},
		{
			key: 'fussball',
			org: 'bot-sport',
			venues: ['b-sport'],
			areas: ['61'],
			name: 'Offenes Fußballtraining für Kinder und Jugendliche',
			description:
				'Zweimal pro Woche wird auf dem Kunstrasenplatz trainiert – für alle, die Lust auf Fußball haben. In den ersten Monaten ist keine Vereinsmitgliedschaft nötig, **Schuhe und Trikots** können ausgeliehen werden.\n\nDas Training leiten lizenzierte Trainer, unterstützt von Jugendlichen aus dem Verein.',
			applicationProcess: 'Einfach in Sportkleidung zum Training kommen. Beim ersten Mal füllen die Eltern ein kurzes Anmeldeblatt aus.',
			eligibilityDescription: 'Für Kinder und Jugendliche von 8 bis 16 Jahren.',
			categories: ['sport', 'kinder-jugend'],
			targetGroups: ['kinder-6-12', 'jugendliche'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de'],
			minAge: 8,
			maxAge: 16,
			contactName: 'Jugendabteilung',
			email: 'fussball@bottrop.example',
			schedules: [weekly(['TU', 'TH'], '2026-03-03', '17:00', '18:30')]
		},
		{
			key: 'seniorentreff',
			org: 'bot-quartier',
			venues: ['b-quartier'],
			areas: ['11'],
			name: 'Interkultureller Seniorentreff',
			description:
				'Zweimal im Monat treffen sich Seniorinnen und Senioren aus vielen Herkunftsländern zu Kaffee, Kuchen und Gesprächen. Manchmal gibt es einen Vortrag, zum Beispiel zu **Pflege und Rente**, manchmal wird gemeinsam gesungen oder ein Ausflug geplant.\n\nDie Räume sind stufenlos erreichbar.',
			applicationProcess: 'Ohne Anmeldung. Wer abgeholt werden möchte, ruft bitte vorher an.',
			eligibilityDescription: 'Für Menschen ab 60 Jahren und ihre Angehörigen.',
			categories: ['senioren', 'begegnung'],
			targetGroups: ['senioren'],
			immigrantGroups: ['alle', 'spaetaussiedler'],
			types: ['offener-treff'],
			languages: ['de', 'tr', 'ru'],
			minAge: 60,
			phone: '0000 0000-111',
			schedules: [monthly(2, 'WE', '2026-01', '14:30', '17:00'), monthly(4, 'WE', '2026-01', '14:30', '17:00')],
			translations: {
				ru: {
					name: 'Межкультурный клуб для пожилых людей',
					description:
						'Два раза в месяц пожилые люди из многих стран встречаются за кофе, пирогом и беседой. Иногда бывает доклад, например на тему **ухода и пенсии**, иногда вместе поют или планируют поездку.\n\nВ помещения можно попасть без ступенек.',
					applicationProcess: 'Без предварительной записи. Если вас нужно забрать из дома, пожалуйста, позвоните заранее.',
					eligibilityDescription: 'Для людей от 60 лет и их родственников.'
				}
			}
		},
		{
			key: 'kochtreff',
			org: 'bot-quartier',
			venues: ['b-quartier'],
			areas: ['11'],
			name: 'Kochtreff „Töpfe der Welt“',
			description:
				'Einmal im Monat kocht eine Gruppe aus der Nachbarschaft Gerichte aus einem anderen Land – angeleitet von Menschen, die das Rezept von zu Hause kennen. Danach wird gemeinsam gegessen.\n\nNebenbei geht es um **gesunde und günstige Ernährung**: Was ist gerade Saison, was lässt sich gut vorkochen? Die Rezepte gibt es zum Mitnehmen.',
			applicationProcess: 'Die Plätze sind begrenzt: Bitte melden Sie sich bis zum Mittwoch davor an.',
			feesDescription: '3 € pro Abend für die Zutaten.',
			categories: ['begegnung', 'gesundheit'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle'],
			types: ['veranstaltung'],
			languages: ['de', 'ar', 'fa', 'uk'],
			email: 'kochtreff@bottrop.example',
			schedules: [monthly(3, 'FR', '2026-02', '17:00', '20:00')]
		},
		{
			key: 'nachhilfe',
			org: 'bot-quartier',
			venues: ['b-quartier'],
			name: 'Lernpatenschaften: Nachhilfe für Schülerinnen und Schüler',
			description:
				'Ehrenamtliche Lernpatinnen und Lernpaten unterstützen Jugendliche einmal pro Woche beim Lernen – in **Deutsch, Mathematik und Englisch** oder bei der Vorbereitung auf Prüfungen.\n\nDie Treffen finden einzeln oder in kleinen Gruppen statt. Wir achten darauf, dass Lernpate und Schüler gut zusammenpassen.',
			applicationProcess: 'Melden Sie sich im Quartiersbüro. Nach einem kurzen Gespräch suchen wir eine passende Lernpatin oder einen passenden Lernpaten.',
			eligibilityDescription: 'Für Schülerinnen und Schüler weiterführender Schulen von 12 bis 18 Jahren.',
			categories: ['schule'],
			targetGroups: ['jugendliche'],
			immigrantGroups: ['alle'],
			types: ['begleitung'],
			languages: ['de', 'ar', 'uk'],
			minAge: 12,
			maxAge: 18,
			email: 'lernpaten@bottrop.example',
			schedules: [weekly(['WE'], '2026-01-14', '15:00', '17:00')]
		},
		{
			key: 'dolmetscherpool',
			org: 'bot-integration',
			venues: ['b-rathaus'],
			name: 'Dolmetscherpool: Sprachmittlung für wichtige Termine',
			description:
				'Geschulte ehrenamtliche Sprachmittlerinnen und Sprachmittler begleiten Sie zu Terminen bei Ämtern, in der Schule, in der Kita oder beim Arzt. Sie übersetzen das Gespräch – **neutral und vertraulich**.\n\nDerzeit vermitteln wir unter anderem Arabisch, Farsi, Kurdisch, Russisch, Tigrinya, Türkisch und Ukrainisch. Auch Einrichtungen wie Schulen und Beratungsstellen können Sprachmittlung anfragen.',
			applicationProcess: 'Fragen Sie mindestens eine Woche vor dem Termin telefonisch oder per E-Mail an. Nennen Sie Sprache, Datum, Uhrzeit und Ort.',
			eligibilityDescription: 'Für Bürgerinnen und Bürger sowie Einrichtungen in Bottrop. Rechtliche Termine wie Gerichtsverhandlungen sind ausgenommen.',
			categories: ['beratung', 'gesundheit', 'ehrenamt'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle'],
			types: ['begleitung'],
			languages: ['de', 'tr', 'ar', 'fa', 'ru', 'uk', 'ku', 'ti'],
			contactName: 'Koordination Sprachmittlung',
			email: 'sprachmittlung@bottrop.example',
			phone: '0000 0000-130',
			schedules: [weekly(['MO', 'WE', 'FR'], '2026-01-05', '09:00', '12:00', { notes: 'Telefonische Anfragen' })]
		},
		{
			key: 'fluechtlingsberatung',
			org: 'bot-wohlfahrt',
			venues: ['b-wohlfahrt'],
			name: 'Flüchtlingsberatung',
			description:
				'Die Flüchtlingsberatung unterstützt Geflüchtete in allen Fragen rund um das Asylverfahren: Vorbereitung auf die **Anhörung**, Briefe vom Bundesamt, Duldung, Familiennachzug und Wege zu einem sicheren Aufenthalt.\n\nWir arbeiten mit Rechtsanwältinnen und Rechtsanwälten zusammen und vermitteln bei Bedarf weiter. Auch Ehrenamtliche, die Geflüchtete begleiten, können sich beraten lassen.',
			applicationProcess: 'Dienstags offene Sprechstunde, freitags nur mit Termin. Bringen Sie Ihre Papiere vom Bundesamt und von der Ausländerbehörde mit.',
			categories: ['beratung'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['gefluechtete'],
			types: ['beratung'],
			languages: ['de', 'ar', 'fa', 'en'],
			email: 'fluechtlingsberatung@bottrop.example',
			phone: '0000 0000-320',
			schedules: [weekly(['TU'], '2026-01-06', '13:00', '16:00', { notes: 'Offene Sprechstunde' }), weekly(['FR'], '2026-01-09', '09:00', '12:00', { notes: 'Nur mit Termin' })],
			translations: {
				ar: {
					name: 'استشارة اللاجئين',
					description:
						'تدعم استشارة اللاجئين اللاجئات واللاجئين في جميع المسائل المتعلقة بإجراءات اللجوء: التحضير **لجلسة الاستماع**، ورسائل المكتب الاتحادي، ووثيقة وقف الترحيل (Duldung)، ولمّ شمل الأسرة، والطرق المؤدية إلى إقامة آمنة.\n\nنتعاون مع محاميات ومحامين، ونحيلكم إليهم عند الحاجة. ويمكن أيضًا للمتطوعين الذين يرافقون اللاجئين الحصول على الاستشارة.',
					applicationProcess: 'يوم الثلاثاء ساعات استشارة مفتوحة، ويوم الجمعة بموعد مسبق فقط. أحضروا معكم أوراقكم من المكتب الاتحادي ومن دائرة الأجانب.'
				},
				fa: {
					name: 'مشاوره برای پناهندگان',
					description:
						'مشاوره‌ی پناهندگان در همه‌ی پرسش‌های مربوط به روند پناهندگی به پناهندگان کمک می‌کند: آمادگی برای **مصاحبه**، نامه‌های اداره‌ی فدرال مهاجرت و پناهندگان، دولدونگ (Duldung)، پیوستن خانواده و راه‌های رسیدن به اقامت امن.\n\nما با وکلا همکاری می‌کنیم و در صورت نیاز شما را به آن‌ها معرفی می‌کنیم. داوطلبانی که پناهندگان را همراهی می‌کنند نیز می‌توانند مشاوره بگیرند.',
					applicationProcess: 'سه‌شنبه‌ها ساعت مشاوره‌ی آزاد است و جمعه‌ها فقط با وقت قبلی. مدارک خود از اداره‌ی فدرال و اداره‌ی اتباع خارجی را همراه بیاورید.'
				}
			}
		},
		{
			key: 'integration-point',
			org: 'bot-integration',
			venues: ['b-rathaus'],
			name: 'Sprechstunde des Integration Point: Arbeit, Ausbildung, Anerkennung',
			description:
				'Zweimal im Monat berät der Integration Point im Rathaus Geflüchtete und Neuzugewanderte zu Arbeit und Ausbildung. Themen sind zum Beispiel:\n\n- Welche Arbeit passt zu meinen Erfahrungen?\n- Wie lasse ich meinen Abschluss anerkennen?\n- Welche Förderung gibt es für eine Ausbildung oder Umschulung?\n\nDer Integration Point ist eine gemeinsame Stelle von Jobcenter und Agentur für Arbeit.',
			applicationProcess: 'Bitte vereinbaren Sie einen Termin über das Integrationsbüro. Bringen Sie, wenn vorhanden, Zeugnisse und Ihren Lebenslauf mit.',
			eligibilityDescription: 'Für Geflüchtete und Neuzugewanderte ab 18 Jahren, die Arbeit oder eine Ausbildung suchen.',
			categories: ['arbeit', 'beratung'],
			targetGroups: ['erwachsene', 'junge-erwachsene'],
			immigrantGroups: ['gefluechtete', 'neuzugewanderte'],
			types: ['beratung'],
			languages: ['de', 'ar', 'en', 'uk'],
			minAge: 18,
			email: 'integration-point@bottrop.example',
			phone: '0000 0000-150',
			schedules: [monthly(2, 'TH', '2026-01', '09:00', '12:00'), monthly(4, 'TH', '2026-01', '09:00', '12:00')],
			translations: {
				en: {
					name: 'Integration Point consultation hours: work, training, recognition',
					description:
						'Twice a month, the Integration Point advises refugees and newcomers at the town hall on work and vocational training. Topics include, for example:\n\n- Which job fits my experience?\n- How do I get my qualification recognised?\n- What support is there for vocational training or retraining?\n\nThe Integration Point is a joint office of the Jobcenter and the Federal Employment Agency.',
					applicationProcess: 'Please make an appointment through the integration office. Bring your certificates and your CV, if you have them.',
					eligibilityDescription: 'For refugees and newcomers aged 18 and over who are looking for work or vocational training.'
				}
			}
		},
		{
			key: 'musikgruppe',
			org: 'bot-mo',
			venues: ['b-verein'],
			name: 'Musikgruppe: Bağlama und Gesang',
			description:
				'In der Musikgruppe des Kulturvereins lernen Sie die Bağlama, die türkische Langhalslaute, und singen gemeinsam Lieder aus Anatolien und aus Deutschland. Noten lesen müssen Sie nicht.\n\nDie Gruppe tritt ein- bis zweimal im Jahr auf, zum Beispiel beim **Stadtteilfest**. Leihinstrumente sind vorhanden.',
			applicationProcess: 'Kommen Sie zu einer kostenlosen Schnupperstunde. Danach melden Sie sich beim Vorstand an.',
			feesDescription: '10 € im Monat; Mitglieder des Vereins zahlen 5 €.',
			categories: ['kultur', 'entspannung', 'begegnung'],
			targetGroups: ['jugendliche', 'erwachsene'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr'],
			minAge: 12,
			email: 'musik@bottrop.example',
			schedules: [weekly(['SA'], '2026-01-10', '11:00', '13:00')],
			translations: {
				tr: {
					name: 'Müzik grubu: Bağlama ve şan',
					description:
						'Kültür derneğinin müzik grubunda uzun saplı Türk çalgısı bağlamayı öğrenir, Anadolu’dan ve Almanya’dan şarkıları birlikte söylersiniz. Nota bilmeniz gerekmez.\n\nGrup yılda bir iki kez sahneye çıkar, örneğin **mahalle şenliğinde**. Ödünç verilebilecek çalgılar mevcuttur.',
					applicationProcess: 'Ücretsiz bir deneme dersine gelin. Ardından dernek yönetimine kaydolun.',
					feesDescription: 'Aylık 10 €; dernek üyeleri 5 € öder.'
				}
			}
		},
		{
			key: 'demokratie',
			org: 'bot-vhs',
			venues: ['b-vhs'],
			name: 'Demokratie im Alltag: Gesprächsabende zu Rechten und Mitbestimmung',
			description:
				'Wie funktionieren Wahlen in Deutschland? Was macht der Integrationsrat? Welche Rechte habe ich als Mieterin, als Arbeitnehmer, als Mutter eines Schulkinds? An drei Abenden sprechen wir darüber in einfacher Sprache.\n\nEine Referentin gibt einen kurzen Überblick, danach ist **viel Zeit für Fragen**. Sprachmittlung ins Türkische und Arabische ist vorhanden.',
			applicationProcess: 'Eine Anmeldung hilft uns bei der Planung, ist aber nicht nötig.',
			categories: ['politische-bildung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['alle'],
			types: ['veranstaltung'],
			languages: ['de', 'tr', 'ar'],
			email: 'politische-bildung@bottrop.example',
			schedules: [once('2027-01-19', '18:00', '20:00', 'Wahlen und Integrationsrat'), once('2027-02-16', '18:00', '20:00', 'Rechte im Alltag'), once('2027-03-16', '18:00', '20:00', 'Mitreden in Schule und Stadtteil')]
		},
		{
			key: 'selbstbehauptung',
			org: 'bot-jmd',
			venues: ['b-jmd'],
			name: 'Stark im Alltag: Selbstbehauptungskurs für Mädchen und junge Frauen',
			description:
				'In acht Treffen üben Mädchen und junge Frauen, Grenzen zu setzen, selbstbewusst aufzutreten und sich in schwierigen Situationen Hilfe zu holen – mit Rollenspielen, Körperübungen und Gesprächen in der Gruppe.\n\nDer Kurs wird von zwei Trainerinnen geleitet und findet in einem **geschützten Raum** statt.',
			applicationProcess: 'Anmeldung beim Jugendmigrationsdienst, persönlich oder per E-Mail.',
			eligibilityDescription: 'Für Mädchen und junge Frauen von 13 bis 21 Jahren.',
			categories: ['persoenlichkeit', 'frauen', 'kinder-jugend'],
			targetGroups: ['jugendliche', 'frauen'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'ar', 'fa'],
			minAge: 13,
			maxAge: 21,
			email: 'jmd@bottrop.example',
			schedules: [weekly(['MO'], '2027-01-11', '16:00', '18:00', { until: '2027-03-01' })]
		},
		{
			key: 'kleiderstube',
			org: 'bot-wohlfahrt',
			venues: ['b-wohlfahrt'],
			areas: ['11'],
			name: 'Kleiderstube und Möbelbörse',
			description:
				'In der Kleiderstube gibt es gut erhaltene Kleidung für Erwachsene und Kinder, Bettwäsche und Haushaltswaren. Über die Möbelbörse vermitteln wir gespendete Möbel, etwa für die erste eigene Wohnung.\n\nSpenden nehmen wir zu den Öffnungszeiten gern entgegen – bitte **nur saubere und heile Sachen**.',
			applicationProcess: 'Kommen Sie zu den Öffnungszeiten vorbei. Wegen Möbeln rufen Sie bitte vorher an.',
			feesDescription: 'Kleidung gegen eine kleine Spende ab 50 Cent; Möbel sind kostenlos, den Transport organisieren Sie selbst.',
			categories: ['materielle-hilfe'],
			targetGroups: ['familien', 'erwachsene'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de'],
			phone: '0000 0000-340',
			schedules: [weekly(['TU', 'TH'], '2026-01-06', '10:00', '13:00')]
		},
		{
			key: 'gesundheit',
			org: 'bot-mo',
			venues: ['b-welheim'],
			areas: ['61'],
			name: 'Gesundheitsnachmittag: Arztbesuch, Vorsorge, Krankenkasse',
			description:
				'Am ersten Mittwoch im Monat beantworten zweisprachige Gesundheitslotsinnen Fragen rund um die Gesundheit: Wie finde ich eine Kinderärztin? Welche **Vorsorgeuntersuchungen** stehen meinem Kind zu? Was zahlt die Krankenkasse?\n\nJedes Treffen hat ein Schwerpunktthema, das vorher im Verein aushängt.',
			applicationProcess: 'Ohne Anmeldung.',
			categories: ['gesundheit'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle'],
			types: ['veranstaltung'],
			languages: ['de', 'tr', 'ar'],
			email: 'gesundheit@bottrop.example',
			schedules: [monthly(1, 'WE', '2026-02', '16:00', '18:00')]
		},
		/* Not published: what the back office shows as work in progress. */
		{
			key: 'radfahrkurs',
			org: 'bot-sport',
			venues: ['b-sport'],
			state: 'draft',
			name: 'Radfahren lernen für Erwachsene',
			description:
				'Viele Erwachsene haben nie Fahrradfahren gelernt. In diesem Kurs üben Sie auf einem abgesperrten Platz – erst das Gleichgewicht, dann Bremsen, Kurven und die wichtigsten Verkehrsregeln. Fahrräder und Helme werden gestellt.',
			feesDescription: '30 € für sechs Termine.',
			categories: ['sport'],
			targetGroups: ['erwachsene', 'frauen'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de'],
			schedules: [weekly(['SA'], '2027-04-10', '10:00', '12:00', { until: '2027-05-15' })]
		},
		{
			key: 'elterncafe',
			org: 'bot-mo',
			areas: ['61'],
			state: 'submitted',
			by: 'anbieter@bottrop.example',
			name: 'Elterncafé an der Grundschule Ebel',
			description:
				'Jeden zweiten Dienstag treffen sich Eltern nach dem Bringen der Kinder im Elterncafé der Grundschule. Bei einem kleinen Frühstück sprechen wir über Schule, Erziehung und Freizeitangebote im Stadtteil.\n\nDie Schulsozialarbeiterin ist regelmäßig dabei und beantwortet Fragen.',
			applicationProcess: 'Ohne Anmeldung.',
			categories: ['eltern-kind', 'begegnung'],
			targetGroups: ['eltern'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de', 'tr'],
			email: 'elterncafe@bottrop.example',
			schedules: [weekly(['TU'], '2027-01-12', '08:15', '10:00', { interval: 2 })]
		},
		{
			key: 'theatergruppe',
			org: 'bot-mo',
			state: 'returned',
			by: 'anbieter@bottrop.example',
			returned: {
				by: 'redaktion@bottrop.example',
				comment:
					'Vielen Dank für das Angebot! Bitte ergänzen Sie noch, für welches Alter die Gruppe gedacht ist, und wählen Sie den Ort der Proben aus. Außerdem sagt der Linktext „hier“ nicht, wohin der Link führt – besser wäre zum Beispiel „Mehr über die Theatergruppe“.'
			},
			name: 'Theatergruppe für Jugendliche',
			description:
				'Wir spielen Theater! Gemeinsam entwickeln wir ein eigenes Stück über das Leben zwischen zwei Kulturen und führen es am Ende des Schuljahres auf. Mehr Infos [hier](https://kulturverein-bottrop.example/theater).',
			categories: ['kultur', 'kinder-jugend'],
			targetGroups: ['jugendliche'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr'],
			schedules: [weekly(['FR'], '2027-01-15', '17:00', '19:00')]
		}
	],
	// The Quartiersbüro joined last year; the Sportverein missed last year's confirmation and is back this year.
	history: {
		2: ['bot-integration', 'bot-wohlfahrt', 'bot-vhs', 'bot-mo', 'bot-familie', 'bot-jmd', 'bot-sport'],
		1: ['bot-integration', 'bot-wohlfahrt', 'bot-vhs', 'bot-mo', 'bot-familie', 'bot-jmd', 'bot-quartier']
	},
	// The Kulturverein (demo provider Anton Anbieter) has confirmations to do: two soon, one overdue.
	dueInDays: { musikgruppe: 12, gesundheit: 20, muettercafe: -9 }
};

/* ---------- Ratingen (Kreis Mettmann) ---------- */

const RATINGEN: DemoDirectory = {
	municipalitySlug: 'ratingen',
	venues: [
		{
			key: 'r-west',
			org: 'rat-west',
			name: 'Stadtteilzentrum Ratingen West',
			street: 'Berliner Platz 8',
			postalCode: '40880',
			city: 'Ratingen',
			lat: 51.2994,
			lng: 6.8207,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Aufzug zum Gruppenraum im ersten Obergeschoss.',
			transitNotes: 'Bushaltestelle Berliner Platz.'
		},
		{
			key: 'r-familie',
			org: 'rat-west',
			name: 'Familienzentrum West, Lernraum',
			street: 'Dürerring 30',
			postalCode: '40880',
			city: 'Ratingen',
			lat: 51.3012,
			lng: 6.8231,
			wheelchair: 'partial',
			accessibilityNotes: 'Zwei Stufen am Eingang, eine mobile Rampe ist vorhanden.'
		},
		{
			key: 'r-verein',
			org: 'rat-mo',
			name: 'Vereinsraum des Russischsprachigen Elternvereins',
			street: 'Düsseldorfer Straße 50',
			postalCode: '40878',
			city: 'Ratingen',
			lat: 51.2921,
			lng: 6.8472,
			wheelchair: 'no',
			accessibilityNotes: 'Souterrain, fünf Stufen ohne Handlauf.'
		}
	],
	offers: [
		{
			key: 'stadtteilbuero',
			org: 'rat-west',
			venues: ['r-west'],
			name: 'Stadtteilbüro Ratingen West: Beratung und Nachbarschaft',
			description:
				'Das Stadtteilbüro ist Anlaufstelle für alle, die in Ratingen West wohnen. Wir helfen bei Anträgen und Briefen, vermitteln an Fachberatungsstellen und unterstützen Nachbarinnen und Nachbarn, die selbst etwas auf die Beine stellen wollen – vom **Hoffest** bis zum Gemeinschaftsgarten.',
			applicationProcess: 'Kommen Sie in die offene Sprechstunde oder rufen Sie an.',
			categories: ['beratung', 'begegnung'],
			targetGroups: ['erwachsene', 'familien'],
			immigrantGroups: ['alle'],
			types: ['beratung', 'offener-treff'],
			languages: ['de', 'tr', 'ru', 'ar'],
			email: 'stadtteilbuero-west@ratingen.example',
			phone: '0000 0000-500',
			schedules: [weekly(['MO', 'WE'], '2026-01-05', '10:00', '13:00')]
		},
		{
			key: 'sprachcafe-west',
			org: 'rat-west',
			venues: ['r-west'],
			name: 'Sprachcafé Ratingen West',
			description:
				'Deutsch sprechen üben in entspannter Runde: Jeden Donnerstag treffen sich Menschen mit ganz unterschiedlichen Deutschkenntnissen. Ehrenamtliche begleiten die Tische, für den Einstieg gibt es **Spiele und Bildkarten**.',
			applicationProcess: 'Ohne Anmeldung.',
			categories: ['sprache', 'begegnung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de'],
			email: 'sprachcafe@ratingen.example',
			schedules: [weekly(['TH'], '2026-01-08', '16:00', '18:00')]
		},
		{
			key: 'hausaufgaben-west',
			org: 'rat-west',
			venues: ['r-familie'],
			name: 'Hausaufgabenhilfe im Familienzentrum West',
			description:
				'Montags bis donnerstags helfen Ehrenamtliche Grundschulkindern bei den Hausaufgaben. Danach ist Zeit für Lesen, Spiele und Bewegung. Mit den Lehrkräften der Grundschulen in der Nähe stehen wir in Kontakt.',
			applicationProcess: 'Anmeldung im Familienzentrum; die Plätze sind begrenzt.',
			eligibilityDescription: 'Für Kinder von 6 bis 10 Jahren.',
			categories: ['schule', 'kinder-jugend'],
			targetGroups: ['kinder-6-12'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de', 'ru', 'tr'],
			minAge: 6,
			maxAge: 10,
			email: 'familienzentrum-west@ratingen.example',
			schedules: [weekly(['MO', 'TU', 'WE', 'TH'], '2026-01-12', '13:30', '15:30', { until: '2027-07-02' })]
		},
		{
			key: 'familienberatung-ru',
			org: 'rat-mo',
			venues: ['r-verein'],
			name: 'Familienberatung in russischer Sprache',
			description:
				'Der Elternverein berät Familien auf Russisch und Deutsch – zu Kita und Schule, zu Erziehungsfragen und zum Umgang mit Behörden. Viele von uns sind selbst als Spätaussiedler oder jüdische Kontingentflüchtlinge nach Deutschland gekommen und kennen diese Fragen aus eigener Erfahrung.\n\nAuch **ukrainische Familien** sind herzlich willkommen.',
			applicationProcess: 'Am ersten Samstag im Monat ohne Termin, sonst nach Vereinbarung per E-Mail.',
			categories: ['beratung', 'eltern-kind'],
			targetGroups: ['eltern', 'familien'],
			immigrantGroups: ['spaetaussiedler', 'gefluechtete', 'alle'],
			types: ['beratung'],
			languages: ['de', 'ru', 'uk'],
			email: 'elternverein@ratingen.example',
			schedules: [monthly(1, 'SA', '2026-01', '11:00', '14:00')],
			translations: {
				ru: {
					name: 'Консультации для семей на русском языке',
					description:
						'Родительское объединение консультирует семьи на русском и немецком языках – по вопросам детского сада и школы, воспитания и общения с ведомствами. Многие из нас сами приехали в Германию как поздние переселенцы или еврейские контингентные беженцы и знают эти вопросы по собственному опыту.\n\nМы также сердечно приглашаем **украинские семьи**.',
					applicationProcess: 'В первую субботу месяца – без записи, в остальное время – по договорённости по электронной почте.'
				}
			}
		},
		{
			key: 'spielgruppe-ru',
			org: 'rat-mo',
			venues: ['r-verein'],
			name: 'Zweisprachige Spielgruppe für Kinder von 3 bis 6 Jahren',
			description:
				'Samstags spielen, basteln und singen Kinder auf Russisch und Deutsch. Die Gruppe hilft, die **Familiensprache** lebendig zu halten und zugleich gut Deutsch zu lernen. Während die Kinder spielen, können die Eltern im Nebenraum Kaffee trinken und sich austauschen.',
			applicationProcess: 'Bitte melden Sie Ihr Kind per E-Mail an. Eine Schnupperstunde ist kostenlos.',
			eligibilityDescription: 'Für Kinder von 3 bis 6 Jahren.',
			feesDescription: '15 € im Monat; für Geschwisterkinder die Hälfte.',
			categories: ['eltern-kind', 'kinder-jugend', 'sprache'],
			targetGroups: ['kinder-3-6', 'familien'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['ru', 'de'],
			minAge: 3,
			maxAge: 6,
			email: 'elternverein@ratingen.example',
			schedules: [weekly(['SA'], '2026-01-10', '10:00', '12:00')],
			translations: {
				ru: {
					name: 'Двуязычная игровая группа для детей от 3 до 6 лет',
					description:
						'По субботам дети играют, мастерят и поют на русском и немецком языках. Группа помогает сохранить живым **язык семьи** и в то же время хорошо выучить немецкий. Пока дети играют, родители могут выпить кофе в соседней комнате и пообщаться.',
					applicationProcess: 'Пожалуйста, запишите ребёнка по электронной почте. Пробное занятие бесплатное.',
					eligibilityDescription: 'Для детей от 3 до 6 лет.',
					feesDescription: '15 € в месяц; за братьев и сестёр – половина стоимости.'
				}
			}
		},
		{
			key: 'seniorentreff-west',
			org: 'rat-west',
			venues: ['r-west'],
			name: 'Seniorentreff West',
			description:
				'Am dritten Dienstag im Monat treffen sich ältere Menschen aus der Nachbarschaft zu Kaffee und Kuchen. Es wird erzählt, gespielt und manchmal gemeinsam gekocht. Wer Hilfe beim Ausfüllen von Formularen braucht, kann eine Mitarbeiterin des Stadtteilbüros ansprechen.',
			applicationProcess: 'Ohne Anmeldung.',
			categories: ['senioren', 'begegnung'],
			targetGroups: ['senioren'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de', 'ru', 'tr'],
			minAge: 60,
			phone: '0000 0000-501',
			schedules: [monthly(3, 'TU', '2026-01', '14:30', '17:00')]
		}
	]
};

/* ---------- Kreis Mettmann ---------- */

const KREIS_METTMANN: DemoDirectory = {
	municipalitySlug: 'kreis-mettmann',
	venues: [
		{
			key: 'km-kreishaus',
			org: 'kme-ki',
			name: 'Kreishaus Mettmann, Seminarraum',
			street: 'Düsseldorfer Straße 26',
			postalCode: '40822',
			city: 'Mettmann',
			lat: 51.2517,
			lng: 6.9747,
			wheelchair: 'yes',
			toilet: true,
			accessibilityNotes: 'Aufzug und Behindertenparkplätze am Haupteingang.',
			transitNotes: 'S-Bahn Mettmann Stadtwald, dann 10 Minuten zu Fuß.'
		}
	],
	offers: [
		{
			key: 'fortbildung-ehrenamt',
			org: 'kme-ki',
			venues: ['km-kreishaus'],
			name: 'Fortbildung für Ehrenamtliche in der Integrationsarbeit',
			description:
				'Das Kommunale Integrationszentrum lädt Ehrenamtliche aus allen Städten des Kreises zu Fortbildungstagen ein. Themen sind **interkulturelle Kommunikation**, Grundlagen des Aufenthaltsrechts und der Umgang mit belastenden Situationen.\n\nDie Fortbildungen sind kostenlos, für Verpflegung ist gesorgt.',
			applicationProcess: 'Anmeldung per E-Mail bis zwei Wochen vor dem Termin.',
			categories: ['ehrenamt', 'politische-bildung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['alle'],
			types: ['veranstaltung'],
			languages: ['de'],
			email: 'ki@kreis-mettmann.example',
			url: 'https://kreis-mettmann.example/integration/fortbildungen',
			schedules: [once('2027-03-06', '10:00', '16:00'), once('2027-09-18', '10:00', '16:00')]
		},
		{
			key: 'anerkennung-online',
			org: 'kme-ki',
			name: 'Online-Sprechstunde zur Anerkennung ausländischer Abschlüsse',
			description:
				'Sie haben im Ausland einen Beruf gelernt oder studiert und möchten in Deutschland in diesem Beruf arbeiten? In der Online-Sprechstunde klären wir, ob eine **Anerkennung** nötig ist, welche Stelle zuständig ist und welche Unterlagen Sie brauchen.\n\nDen Link zur Videoberatung bekommen Sie nach der Anmeldung per E-Mail.',
			applicationProcess: 'Melden Sie sich per E-Mail an und nennen Sie Ihren Beruf und das Land, in dem Sie den Abschluss gemacht haben.',
			eligibilityDescription: 'Für Menschen, die in einer Stadt des Kreises Mettmann wohnen.',
			categories: ['arbeit', 'beratung'],
			targetGroups: ['erwachsene', 'junge-erwachsene'],
			immigrantGroups: ['alle'],
			types: ['beratung', 'online'],
			languages: ['de', 'en', 'ru', 'ar'],
			email: 'anerkennung@kreis-mettmann.example',
			schedules: [monthly(1, 'TU', '2026-02', '09:00', '12:00')]
		}
	]
};

/* ---------- Köln ---------- */

const KOELN: DemoDirectory = {
	municipalitySlug: 'koeln',
	venues: [
		{
			key: 'k-muelheim',
			org: 'koe-mbe',
			name: 'Beratungsstelle Mülheim',
			street: 'Frankfurter Straße 30',
			postalCode: '51063',
			city: 'Köln',
			area: 'Mülheim',
			lat: 50.9628,
			lng: 7.0083,
			wheelchair: 'yes',
			toilet: true,
			transitNotes: 'Haltestelle Wiener Platz, etwa 5 Minuten zu Fuß.'
		},
		{
			key: 'k-kalk',
			org: 'koe-mbe',
			name: 'Stadtteilraum Kalk',
			street: 'Kalker Hauptstraße 120',
			postalCode: '51103',
			city: 'Köln',
			area: 'Kalk',
			lat: 50.9391,
			lng: 6.9961,
			wheelchair: 'partial',
			accessibilityNotes: 'Eine Stufe am Eingang, Klingel für die mobile Rampe.'
		},
		{
			key: 'k-chorweiler',
			org: 'koe-ki',
			name: 'Stadtteilraum Chorweiler',
			street: 'Pariser Platz 3',
			postalCode: '50765',
			city: 'Köln',
			area: 'Chorweiler',
			lat: 51.0277,
			lng: 6.8963,
			wheelchair: 'yes',
			toilet: true
		},
		{
			key: 'k-ehrenfeld',
			org: 'koe-ki',
			name: 'Familientreff Ehrenfeld',
			street: 'Venloer Straße 400',
			postalCode: '50825',
			city: 'Köln',
			area: 'Ehrenfeld',
			lat: 50.9493,
			lng: 6.9168,
			wheelchair: 'no',
			accessibilityNotes: 'Altbau mit drei Stufen am Eingang; Kinderwagen können im Flur abgestellt werden.'
		}
	],
	offers: [
		{
			key: 'mbe-muelheim',
			org: 'koe-mbe',
			venues: ['k-muelheim', 'k-kalk'],
			areas: ['Mülheim', 'Kalk'],
			name: 'Migrationsberatung für Erwachsene in Mülheim und Kalk',
			description:
				'Wir beraten Zugewanderte ab 27 Jahren zu Aufenthalt, Sprachkursen, Arbeit, Wohnen und Familie. Gemeinsam erstellen wir einen **Förderplan** mit den nächsten Schritten.\n\nDie Beratung findet in Mülheim statt; donnerstags gibt es zusätzlich eine Außensprechstunde in Kalk.',
			applicationProcess: 'Termine telefonisch oder per E-Mail; dienstags gibt es eine offene Sprechstunde.',
			eligibilityDescription: 'Für Zugewanderte ab 27 Jahren.',
			categories: ['beratung'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['alle'],
			types: ['beratung'],
			languages: ['de', 'tr', 'ar', 'ru'],
			minAge: 27,
			email: 'mbe-muelheim@koeln.example',
			phone: '0000 0000-700',
			schedules: [weekly(['TU'], '2026-01-06', '09:00', '12:00', { notes: 'Offene Sprechstunde in Mülheim' }), weekly(['TH'], '2026-01-08', '13:00', '16:00', { notes: 'Außensprechstunde in Kalk' })]
		},
		{
			key: 'eu-beratung',
			org: 'koe-mbe',
			venues: ['k-kalk'],
			areas: ['Kalk'],
			name: 'Beratung für Zugewanderte aus der EU',
			description:
				'Sie kommen aus Polen, Rumänien, Bulgarien oder einem anderen EU-Land und arbeiten in Köln oder suchen Arbeit? Wir beraten zu **Arbeitsverträgen, Lohn und Krankenversicherung** und helfen, wenn der Arbeitgeber nicht zahlt.',
			applicationProcess: 'Mittwochs ohne Termin.',
			categories: ['beratung', 'arbeit'],
			targetGroups: ['erwachsene'],
			immigrantGroups: ['eu'],
			types: ['beratung'],
			languages: ['de', 'pl', 'ro', 'bg'],
			email: 'eu-beratung@koeln.example',
			schedules: [weekly(['WE'], '2026-01-07', '13:00', '16:00')]
		},
		{
			key: 'sprachcafe-chorweiler',
			org: 'koe-ki',
			venues: ['k-chorweiler'],
			areas: ['Chorweiler'],
			name: 'Sprachcafé Chorweiler',
			description:
				'Jeden Freitagvormittag wird im Stadtteilraum Deutsch gesprochen – bei Tee und Gebäck. Ehrenamtliche aus dem Viertel helfen beim Üben. Für Kinder gibt es eine **Spielecke**.',
			applicationProcess: 'Ohne Anmeldung.',
			categories: ['sprache', 'begegnung'],
			targetGroups: ['erwachsene', 'eltern'],
			immigrantGroups: ['alle'],
			types: ['offener-treff'],
			languages: ['de'],
			schedules: [weekly(['FR'], '2026-01-09', '10:00', '12:00')]
		},
		{
			key: 'griffbereit-ehrenfeld',
			org: 'koe-ki',
			venues: ['k-ehrenfeld'],
			areas: ['Ehrenfeld'],
			name: 'Griffbereit im Familientreff Ehrenfeld',
			description:
				'Eltern und ihre Kinder zwischen einem und drei Jahren spielen, singen und reimen zusammen – auf Deutsch und in ihrer **Familiensprache**. Eine Elternbegleiterin gibt Anregungen, wie Sprache im Alltag gefördert werden kann.',
			applicationProcess: 'Anmeldung per E-Mail oder vor Ort.',
			eligibilityDescription: 'Für Eltern mit Kindern von 1 bis 3 Jahren.',
			categories: ['eltern-kind', 'sprache'],
			targetGroups: ['kinder-0-3', 'eltern'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr', 'ar'],
			minAge: 1,
			maxAge: 3,
			email: 'griffbereit@koeln.example',
			schedules: [weekly(['MO'], '2026-02-02', '09:30', '11:00', { until: '2027-07-05' })]
		},
		{
			key: 'rucksack-chorweiler',
			org: 'koe-ki',
			venues: ['k-chorweiler'],
			areas: ['Chorweiler'],
			name: 'Rucksack Schule in Chorweiler',
			description:
				'Eltern von Grundschulkindern lernen, wie sie ihre Kinder beim Lernen begleiten – in ihrer Familiensprache. Die Themen folgen dem Unterricht: Was die Kinder in der Schule auf Deutsch lernen, greifen die Eltern zu Hause auf.',
			applicationProcess: 'Anmeldung über die Grundschulen in Chorweiler oder beim Kommunalen Integrationszentrum.',
			categories: ['eltern-kind', 'schule'],
			targetGroups: ['eltern', 'kinder-6-12'],
			immigrantGroups: ['alle'],
			types: ['kurs'],
			languages: ['de', 'tr', 'ar', 'ru'],
			email: 'rucksack@koeln.example',
			schedules: [weekly(['WE'], '2026-09-02', '08:30', '10:30', { until: '2027-06-30' })]
		},
		{
			key: 'fest-ehrenfeld',
			org: 'koe-ki',
			venues: ['k-ehrenfeld'],
			areas: ['Ehrenfeld'],
			name: 'Nachbarschaftsfest der Kulturen in Ehrenfeld',
			description:
				'Musik, Tanz und Essen aus vielen Ländern: Vereine und Initiativen aus Ehrenfeld stellen sich vor. Für Kinder gibt es **Spielstationen** und Kinderschminken. Der Eintritt ist frei.',
			applicationProcess: 'Keine Anmeldung nötig.',
			categories: ['begegnung', 'kultur'],
			targetGroups: ['familien'],
			immigrantGroups: ['alle'],
			types: ['veranstaltung'],
			languages: ['de', 'tr', 'ar', 'fa'],
			url: 'https://koeln.example/fest-der-kulturen',
			schedules: [once('2027-06-19', '14:00', '20:00')]
		}
	]
};

export const DEMO_DIRECTORIES: readonly DemoDirectory[] = [BOTTROP, RATINGEN, KREIS_METTMANN, KOELN];

const TRANSLATOR = 'Demo (maschinell übersetzt)';

/* ---------- creating it through the services ---------- */

/** Runs one step; a refused input names the demo record and the fields, so a broken demo fails readably. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof AppError) throw new Error(`Demo-Daten: ${what}: ${e.message} ${JSON.stringify(e.fieldErrors)}`, { cause: e });
		throw e;
	}
}

const textsWithDefaults = (t: Texts) => ({
	name: t.name,
	description: t.description,
	applicationProcess: t.applicationProcess ?? '',
	eligibilityDescription: t.eligibilityDescription ?? '',
	feesDescription: t.feesDescription ?? ''
});

/** A translation has exactly the texts the German source has. */
function checkTranslation(o: OfferDef, lang: string, t: Texts) {
	const source = textsWithDefaults(o);
	const target = textsWithDefaults(t);
	for (const f of TRANSLATABLE_FIELDS)
		if (!source[f] !== !target[f]) throw new Error(`Demo-Daten: Angebot ${o.key}, Übersetzung ${lang}: Feld ${f} passt nicht zum deutschen Text.`);
}

export async function seedDemoOffers(platform: Platform, bySlug: Map<string, Municipality>, orgIds: Map<string, string>): Promise<void> {
	for (const directory of DEMO_DIRECTORIES) {
		const m = bySlug.get(directory.municipalitySlug);
		if (!m) throw new Error(`Demo-Daten: Kommune ${directory.municipalitySlug} fehlt.`);
		await seedDirectory(platform, m, orgIds, directory);
	}
}

async function seedDirectory(platform: Platform, m: Municipality, orgIds: Map<string, string>, directory: DemoDirectory): Promise<void> {
	const db = platform.database.db;
	const base = { db, clock: platform.clock, mail: platform.mail, auth: platform.auth, municipality: m, origin: platform.origin };
	const system: ServiceContext = { ...base, actor: { kind: 'system', label: 'Demo-Daten' } };

	/** A demo account acting in the back office (provider, editor). */
	const contextOf = async (email: string | undefined): Promise<ServiceContext> => {
		if (!email) return system;
		const [account] = await db.select().from(user).where(eq(user.email, email));
		if (!account) throw new Error(`Demo-Daten: Konto ${email} fehlt.`);
		return { ...base, actor: await loadActor(db, account) };
	};

	const orgId = (key: string) => {
		const id = orgIds.get(key);
		if (!id) throw new Error(`Demo-Daten: Organisation ${key} fehlt.`);
		return id;
	};

	await ensureDefaultTaxonomies(db, m.id, platform.clock.now());
	const termIds = new Map((await listTerms(db, m.id)).map((t) => [`${t.kind}:${t.code}`, t.id]));
	const term = (kind: string, code: string) => {
		const id = termIds.get(`${kind}:${code}`);
		if (!id) throw new Error(`Demo-Daten: Begriff ${kind}:${code} fehlt.`);
		return id;
	};

	// Areas by code and by name; a quarter wins over a district of the same name (Köln: Kalk, Mülheim …).
	// Missing areas (the Köln boundaries were not imported) are left out.
	const areaRows = await db.select({ id: area.id, code: area.code, name: area.name, level: area.level }).from(area).where(eq(area.municipalityId, m.id)).orderBy(asc(area.code));
	const areaIds = new Map<string, string>();
	for (const level of ['social_space', 'district', 'quarter'] as const)
		for (const a of areaRows.filter((r) => r.level === level)) {
			areaIds.set(a.code, a.id);
			areaIds.set(a.name, a.id);
		}
	const areasOf = (refs: readonly string[] = []) => refs.map((r) => areaIds.get(r)).filter((id): id is string => !!id);

	const offerIds = new Map<string, string>();
	const venueIds = new Map<string, { id: string; org: string }>();
	for (const v of directory.venues) {
		const row = await step(`Ort ${v.key}`, () =>
			createLocation(system, {
				organizationId: orgId(v.org),
				name: v.name,
				street: v.street,
				postalCode: v.postalCode,
				city: v.city,
				areaId: areasOf(v.area ? [v.area] : [])[0] ?? '',
				latitude: v.lat === undefined ? '' : String(v.lat),
				longitude: v.lng === undefined ? '' : String(v.lng),
				wheelchairAccess: v.wheelchair,
				accessibleToilet: v.toilet ?? false,
				accessibilityNotes: v.accessibilityNotes ?? '',
				transitNotes: v.transitNotes ?? ''
			})
		);
		venueIds.set(v.key, { id: row.id, org: v.org });
	}

	for (const o of directory.offers) {
		const locationIds = (o.venues ?? []).map((key) => {
			const venue = venueIds.get(key);
			if (!venue || venue.org !== o.org) throw new Error(`Demo-Daten: Angebot ${o.key}: Ort ${key} fehlt oder gehört nicht zu ${o.org}.`);
			return venue.id;
		});
		const raw = {
			organizationId: orgId(o.org),
			...textsWithDefaults(o),
			status: o.status ?? 'active',
			minimumAge: o.minAge === undefined ? '' : String(o.minAge),
			maximumAge: o.maxAge === undefined ? '' : String(o.maxAge),
			free: !o.feesDescription,
			contactName: o.contactName ?? '',
			email: o.email ?? '',
			phone: o.phone ?? '',
			url: o.url ?? '',
			languages: o.languages,
			termIds: [
				...o.categories.map((c) => term('category', c)),
				...o.targetGroups.map((c) => term('target_group', c)),
				...o.immigrantGroups.map((c) => term('immigrant_group', c)),
				...o.types.map((c) => term('offer_type', c))
			],
			areaIds: areasOf(o.areas),
			locationIds,
			schedules: o.schedules
		};
		const author = await contextOf(o.by);
		const created = await step(`Angebot ${o.key}`, () => createOffer(author, raw));
		offerIds.set(o.key, created.id);

		if (o.state === 'draft') continue;
		if (o.state === 'submitted' || o.state === 'returned') {
			await step(`Angebot ${o.key} einreichen`, () => submitOffer(author, created.id));
			if (o.state === 'returned') {
				const comment = o.returned?.comment ?? 'Bitte überarbeiten Sie das Angebot.';
				const reviewer = await contextOf(o.returned?.by);
				await step(`Angebot ${o.key} zurückgeben`, () => returnOffer(reviewer, created.id, { comment }));
			}
			continue;
		}

		await step(`Angebot ${o.key} veröffentlichen`, () => publishOffer(system, created.id));
		for (const [lang, texts] of Object.entries(o.translations ?? {})) {
			checkTranslation(o, lang, texts);
			await step(`Angebot ${o.key}, Übersetzung ${lang}`, () =>
				saveTranslation(system, created.id, lang, { ...textsWithDefaults(texts), machineMade: 'on', translator: TRANSLATOR })
			);
		}
		if (o.laterChange) {
			const change = { ...raw, description: o.laterChange.description, schedules: o.laterChange.schedules ?? raw.schedules };
			await step(`Angebot ${o.key} ändern`, () => updateOffer(system, created.id, change));
			await step(`Angebot ${o.key} erneut veröffentlichen`, () => publishOffer(system, created.id));
		}
	}
	await seedConfirmationHistory(platform, m, directory, orgId, offerIds);
}

/**
 * Earlier years and due dates are written directly: the services only ever confirm "now". Each earlier
 * year gets one confirmation per published offer of the listed organizations, in spring of that year.
 */
async function seedConfirmationHistory(platform: Platform, m: Municipality, directory: DemoDirectory, orgId: (key: string) => string, offerIds: Map<string, string>) {
	const db = platform.database.db;
	const now = platform.clock.now();
	const published = await db
		.select({ id: service.id, organizationId: service.organizationId, published: service.published })
		.from(service)
		.where(and(eq(service.municipalityId, m.id), isNotNull(service.published)));
	const categories = new Set(
		(
			await db
				.select({ id: taxonomyTerm.id })
				.from(taxonomyTerm)
				.innerJoin(taxonomy, eq(taxonomy.id, taxonomyTerm.taxonomyId))
				.where(and(eq(taxonomyTerm.municipalityId, m.id), eq(taxonomy.kind, 'category')))
		).map((t) => t.id)
	);
	for (const [yearsBack, orgKeys] of Object.entries(directory.history ?? {})) {
		const at = new Date(Date.UTC(now.getUTCFullYear() - Number(yearsBack), 3, 15, 9));
		const ids = new Set(orgKeys.map(orgId));
		const rows = published
			.filter((o) => ids.has(o.organizationId))
			.map((o) => ({
				municipalityId: m.id,
				serviceId: o.id,
				organizationId: o.organizationId,
				kind: 'confirm' as const,
				confirmedAt: at,
				categoryIds: o.published!.termIds.filter((t) => categories.has(t))
			}));
		if (rows.length) await db.insert(offerConfirmation).values(rows);
	}
	const settings = await getOfferSettings(db, m.id);
	for (const [key, days] of Object.entries(directory.dueInDays ?? {})) {
		const id = offerIds.get(key);
		if (!id || !published.some((o) => o.id === id)) throw new Error(`Demo-Daten: Angebot ${key} fehlt oder ist nicht veröffentlicht (Fälligkeit).`);
		const dueAt = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
		await db
			.update(service)
			.set({ confirmationDueAt: dueAt, confirmedAt: addMonths(dueAt, -settings.confirmationIntervalMonths) })
			.where(eq(service.id, id));
	}
}
