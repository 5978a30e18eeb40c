import type { TaxonomyKind } from './schema.ts';

/**
 * The vocabularies every municipality starts with; each can edit its own copy afterwards.
 * Categories: the 17 service categories of the Bottrop Integrationsbericht 2018 (seed 003).
 * Names other than German are machine-made translations (the portal says so).
 *
 * Row: code, de, en, tr, ru, uk, ar, fa
 */
type Row = readonly [code: string, de: string, en: string, tr: string, ru: string, uk: string, ar: string, fa: string];

export interface DefaultTaxonomy {
	kind: TaxonomyKind;
	name: string;
	description: string;
	terms: readonly Row[];
}

export const DEFAULT_TAXONOMIES: readonly DefaultTaxonomy[] = [
	{
		kind: 'category',
		name: 'Kategorien',
		description: 'Die 17 Kategorien der Integrationsdienstleistungen (Integrationsbericht Bottrop 2018).',
		terms: [
			['beratung', 'Beratung', 'Counselling', 'Danışmanlık', 'Консультации', 'Консультації', 'استشارات', 'مشاوره'],
			['arbeit', 'Eingliederung in den Arbeitsmarkt und berufliche Bildung', 'Work and vocational training', 'İşe giriş ve mesleki eğitim', 'Работа и профессиональное обучение', 'Робота та професійне навчання', 'العمل والتدريب المهني', 'ورود به بازار کار و آموزش حرفه‌ای'],
			['eltern-kind', 'Eltern-Kind-Arbeit', 'Parents and children', 'Ebeveyn ve çocuk', 'Родители и дети', 'Батьки та діти', 'الآباء والأطفال', 'والدین و کودکان'],
			['entspannung', 'Entspannung und Kreativität', 'Relaxation and creativity', 'Rahatlama ve yaratıcılık', 'Отдых и творчество', 'Відпочинок і творчість', 'الاسترخاء والإبداع', 'آرامش و خلاقیت'],
			['ehrenamt', 'Förderung ehrenamtlicher Integrationshelfer', 'Support for volunteers', 'Gönüllülere destek', 'Поддержка волонтёров', 'Підтримка волонтерів', 'دعم المتطوعين', 'حمایت از داوطلبان'],
			['frauen', 'Frauenarbeit', 'For women', 'Kadınlara yönelik', 'Для женщин', 'Для жінок', 'للنساء', 'ویژه زنان'],
			['gesundheit', 'Gesundheit', 'Health', 'Sağlık', 'Здоровье', "Здоров'я", 'الصحة', 'سلامت'],
			['begegnung', 'Interkulturelle Begegnung', 'Intercultural encounters', 'Kültürlerarası buluşma', 'Межкультурные встречи', 'Міжкультурні зустрічі', 'لقاءات بين الثقافات', 'دیدارهای میان‌فرهنگی'],
			['kinder-jugend', 'Kinder- und Jugendarbeit', 'Children and youth', 'Çocuk ve gençlik', 'Дети и молодёжь', 'Діти та молодь', 'الأطفال والشباب', 'کودکان و نوجوانان'],
			['kultur', 'Kulturangebote', 'Culture', 'Kültür', 'Культура', 'Культура', 'الثقافة', 'فرهنگ'],
			['materielle-hilfe', 'Materielle Unterstützung', 'Material support', 'Maddi destek', 'Материальная помощь', 'Матеріальна допомога', 'الدعم المادي', 'کمک‌های مادی'],
			['persoenlichkeit', 'Persönlichkeitstrainings', 'Personal development', 'Kişisel gelişim', 'Личностный рост', 'Особистісний розвиток', 'تطوير الذات', 'رشد فردی'],
			['politische-bildung', 'Politische Bildung', 'Civic education', 'Siyasi eğitim', 'Политическое образование', 'Громадянська освіта', 'التربية المدنية', 'آموزش مدنی'],
			['senioren', 'Seniorenarbeit', 'Older people', 'Yaşlılar', 'Пожилые люди', 'Люди похилого віку', 'كبار السن', 'سالمندان'],
			['sport', 'Sport', 'Sport', 'Spor', 'Спорт', 'Спорт', 'الرياضة', 'ورزش'],
			['sprache', 'Sprachförderung', 'Language learning', 'Dil öğrenimi', 'Изучение языка', 'Вивчення мови', 'تعلم اللغة', 'آموزش زبان'],
			['schule', 'Schulische Förderung', 'Help with school', 'Okul desteği', 'Помощь в учёбе', 'Допомога в навчанні', 'الدعم المدرسي', 'کمک درسی']
		]
	},
	{
		kind: 'target_group',
		name: 'Zielgruppen',
		description: 'Für wen das Angebot gedacht ist.',
		terms: [
			['kinder-0-3', 'Kinder unter 3 Jahren', 'Children under 3', '3 yaş altı çocuklar', 'Дети до 3 лет', 'Діти до 3 років', 'أطفال دون 3 سنوات', 'کودکان زیر ۳ سال'],
			['kinder-3-6', 'Kinder von 3 bis 6 Jahren', 'Children aged 3 to 6', '3-6 yaş çocuklar', 'Дети от 3 до 6 лет', 'Діти від 3 до 6 років', 'أطفال من 3 إلى 6 سنوات', 'کودکان ۳ تا ۶ سال'],
			['kinder-6-12', 'Schulkinder (6 bis 12 Jahre)', 'School children (6 to 12)', 'Okul çağındaki çocuklar (6-12)', 'Школьники (6–12 лет)', 'Школярі (6–12 років)', 'أطفال المدارس (6 إلى 12)', 'کودکان دبستانی (۶ تا ۱۲ سال)'],
			['jugendliche', 'Jugendliche', 'Young people', 'Gençler', 'Подростки', 'Підлітки', 'المراهقون', 'نوجوانان'],
			['junge-erwachsene', 'Junge Erwachsene (18 bis 27 Jahre)', 'Young adults (18 to 27)', 'Genç yetişkinler (18-27)', 'Молодые взрослые (18–27 лет)', 'Молодь (18–27 років)', 'الشباب (18 إلى 27)', 'جوانان (۱۸ تا ۲۷ سال)'],
			['erwachsene', 'Erwachsene', 'Adults', 'Yetişkinler', 'Взрослые', 'Дорослі', 'البالغون', 'بزرگسالان'],
			['eltern', 'Eltern', 'Parents', 'Ebeveynler', 'Родители', 'Батьки', 'الآباء والأمهات', 'والدین'],
			['frauen', 'Frauen', 'Women', 'Kadınlar', 'Женщины', 'Жінки', 'النساء', 'زنان'],
			['maenner', 'Männer', 'Men', 'Erkekler', 'Мужчины', 'Чоловіки', 'الرجال', 'مردان'],
			['familien', 'Familien', 'Families', 'Aileler', 'Семьи', "Сім'ї", 'العائلات', 'خانواده‌ها'],
			['senioren', 'Seniorinnen und Senioren', 'Older people', 'Yaşlılar', 'Пожилые люди', 'Люди похилого віку', 'كبار السن', 'سالمندان']
		]
	},
	{
		kind: 'immigrant_group',
		name: 'Zuwanderungsgruppen',
		description: 'An welche Gruppen von Zugewanderten sich das Angebot richtet.',
		terms: [
			['alle', 'Alle Zugewanderten', 'All immigrants', 'Tüm göçmenler', 'Все мигранты', 'Усі мігранти', 'جميع المهاجرين', 'همه مهاجران'],
			['gefluechtete', 'Geflüchtete', 'Refugees', 'Mülteciler', 'Беженцы', 'Біженці', 'اللاجئون', 'پناهندگان'],
			['neuzugewanderte', 'Neu Zugewanderte', 'Newcomers', 'Yeni gelenler', 'Недавно приехавшие', 'Нещодавно прибулі', 'القادمون الجدد', 'تازه‌واردان'],
			['eu', 'Zugewanderte aus der EU', 'Immigrants from the EU', "AB'den gelen göçmenler", 'Мигранты из ЕС', 'Мігранти з ЄС', 'المهاجرون من الاتحاد الأوروبي', 'مهاجران از اتحادیه اروپا'],
			['spaetaussiedler', 'Spätaussiedlerinnen und Spätaussiedler', 'Ethnic German resettlers', 'Geç göçmenler (Spätaussiedler)', 'Поздние переселенцы', 'Пізні переселенці', 'العائدون من أصل ألماني', 'بازگشتگان آلمانی‌تبار']
		]
	},
	{
		kind: 'offer_type',
		name: 'Angebotsarten',
		description: 'In welcher Form das Angebot stattfindet.',
		terms: [
			['kurs', 'Kurs', 'Course', 'Kurs', 'Курс', 'Курс', 'دورة', 'دوره آموزشی'],
			['beratung', 'Beratung', 'Counselling', 'Danışmanlık', 'Консультация', 'Консультація', 'استشارة', 'مشاوره'],
			['offener-treff', 'Offener Treff', 'Drop-in meeting', 'Açık buluşma', 'Открытая встреча', 'Відкрита зустріч', 'لقاء مفتوح', 'دیدار آزاد'],
			['begleitung', 'Einzelbegleitung', 'One-to-one support', 'Bireysel destek', 'Индивидуальное сопровождение', 'Індивідуальний супровід', 'مرافقة فردية', 'همراهی فردی'],
			['veranstaltung', 'Veranstaltung', 'Event', 'Etkinlik', 'Мероприятие', 'Захід', 'فعالية', 'رویداد'],
			['online', 'Online-Angebot', 'Online', 'Çevrimiçi', 'Онлайн', 'Онлайн', 'عبر الإنترنت', 'آنلاین']
		]
	}
];

export const LABEL_LANGUAGES = ['en', 'tr', 'ru', 'uk', 'ar', 'fa'] as const;

export function labelsOf(row: Row): Record<string, string> {
	const [, , ...rest] = row;
	return Object.fromEntries(LABEL_LANGUAGES.map((lang, i) => [lang, rest[i]!]));
}
