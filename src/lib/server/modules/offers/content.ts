import { z } from 'zod';
import { scheduleInput, type Schedule } from './schedule.ts';
import { checkMarkdown } from './markdown.ts';

/** HSDS 3.0 service status. */
export const OFFER_STATUSES = ['active', 'temporarily closed', 'inactive', 'defunct'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
	active: 'Läuft',
	'temporarily closed': 'Vorübergehend geschlossen',
	inactive: 'Ruht (nicht im Portal)',
	defunct: 'Eingestellt (nicht im Portal)'
};
/** Statuses under which a published offer appears on the portal. */
export const VISIBLE_STATUSES: readonly OfferStatus[] = ['active', 'temporarily closed'];

/** Everything an offer says about itself; stored as the working copy and as the published copy. */
export interface OfferContent {
	name: string;
	/** Small Markdown subset (markdown.ts). */
	description: string;
	applicationProcess: string;
	eligibilityDescription: string;
	feesDescription: string;
	status: OfferStatus;
	minimumAge: number | null;
	maximumAge: number | null;
	free: boolean;
	contactName: string;
	email: string;
	phone: string;
	url: string;
	/** Languages the offer is held in (ISO 639-1). */
	languages: string[];
	/** Terms of all four taxonomies (category, target group, immigrant group, offer type). */
	termIds: string[];
	/** Areas the offer serves (HSDS service_area). */
	areaIds: string[];
	/** Venues (HSDS service_at_location). */
	locationIds: string[];
	schedules: Schedule[];
}

/** The texts of an offer that are translated. */
export const TRANSLATABLE_FIELDS = ['name', 'description', 'applicationProcess', 'eligibilityDescription', 'feesDescription'] as const;
export type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number];
export type TranslatedTexts = Record<TranslatableField, string>;

export const FIELD_LABELS: Record<string, string> = {
	name: 'Titel des Angebots',
	description: 'Beschreibung',
	applicationProcess: 'So nehmen Sie teil',
	eligibilityDescription: 'Voraussetzungen',
	feesDescription: 'Kosten (Erläuterung)',
	status: 'Status',
	minimumAge: 'Mindestalter',
	maximumAge: 'Höchstalter',
	free: 'Kostenlos',
	contactName: 'Ansprechperson',
	email: 'E-Mail',
	phone: 'Telefon',
	url: 'Website',
	languages: 'Sprachen des Angebots',
	termIds: 'Kategorien und Zielgruppen',
	areaIds: 'Stadtteile',
	locationIds: 'Orte',
	schedules: 'Termine',
	organizationId: 'Träger'
};

/** Languages an offer may be held in: the portal languages and those of large immigrant groups in NRW. */
export const OFFER_LANGUAGES = [
	'de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa', 'pl', 'ro', 'bg', 'ku', 'ti', 'so', 'fr', 'es', 'it', 'el', 'sq', 'sr', 'hr', 'bs', 'vi', 'zh', 'ps', 'ur', 'prs'
] as const;

function markdownText(label: string, max: number) {
	return z
		.string()
		.trim()
		.max(max, `${label}: höchstens ${max} Zeichen.`)
		.superRefine((value, ctx) => {
			const problems = checkMarkdown(value);
			if (problems.length) ctx.addIssue({ code: 'custom', message: `Zeile ${problems[0]!.line}: ${problems[0]!.message}` });
		});
}

/** An age in whole years, or empty. */
const optionalAge = z.preprocess(
	(v) => (v === '' || v === null || v === undefined ? null : typeof v === 'string' ? (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN) : v),
	z
		.number({ message: 'Bitte geben Sie das Alter als ganze Zahl an.' })
		.int('Bitte geben Sie das Alter als ganze Zahl an.')
		.min(0, 'Das Alter kann nicht negativ sein.')
		.max(120, 'Bitte prüfen Sie das Alter.')
		.nullable()
);

const uuidList = (message: string) => z.array(z.uuid(message)).default([]);

/** Texts that every language version has (the source and each translation). */
export const translatedTextsInput = z.object({
	name: z.string().trim().min(3, 'Bitte geben Sie einen Titel an (mindestens 3 Zeichen).').max(160, 'Der Titel ist zu lang (höchstens 160 Zeichen).'),
	description: markdownText('Beschreibung', 5000).refine((v) => v.length >= 20, 'Bitte beschreiben Sie das Angebot in wenigen Sätzen (mindestens 20 Zeichen).'),
	applicationProcess: markdownText('So nehmen Sie teil', 2000).default(''),
	eligibilityDescription: markdownText('Voraussetzungen', 2000).default(''),
	feesDescription: z.string().trim().max(500, 'Die Erläuterung der Kosten ist zu lang (höchstens 500 Zeichen).').default('')
});

export const offerContentInput = translatedTextsInput
	.extend({
		status: z.enum(OFFER_STATUSES, { message: 'Bitte wählen Sie einen Status.' }).default('active'),
		minimumAge: optionalAge,
		maximumAge: optionalAge,
		free: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === 'yes', z.boolean()),
		contactName: z.string().trim().max(200, 'Der Name ist zu lang.').default(''),
		email: z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email('Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. beratung@verein.de.'))]).default(''),
		phone: z
			.union([z.literal(''), z.string().trim().regex(/^\+?[0-9][0-9 ()/-]{5,30}$/, 'Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen, / und - an, z. B. 02041 70-3000.')])
			.default(''),
		url: z
			.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt.' })])
			.default(''),
		languages: z.array(z.enum(OFFER_LANGUAGES, { message: 'Unbekannte Sprache.' })).min(1, 'Bitte wählen Sie mindestens eine Sprache, in der das Angebot stattfindet.'),
		termIds: uuidList('Unbekannte Kategorie.'),
		areaIds: uuidList('Unbekannter Stadtteil.'),
		locationIds: uuidList('Unbekannter Ort.'),
		schedules: z.array(scheduleInput).max(10, 'Höchstens zehn Termine.').default([])
	})
	.superRefine((v, ctx) => {
		if (v.minimumAge !== null && v.maximumAge !== null && v.maximumAge < v.minimumAge)
			ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: 'Das Höchstalter liegt unter dem Mindestalter.' });
	});

export type OfferContentInput = z.input<typeof offerContentInput>;

/** Translations carry only the texts. */
export function textsOf(content: Pick<OfferContent, TranslatableField>): TranslatedTexts {
	return Object.fromEntries(TRANSLATABLE_FIELDS.map((f) => [f, content[f]])) as TranslatedTexts;
}

/** Whether two versions differ in their translatable texts (only then can an edit be "major"). */
export function textsDiffer(a: Pick<OfferContent, TranslatableField>, b: Pick<OfferContent, TranslatableField>): boolean {
	return TRANSLATABLE_FIELDS.some((f) => a[f] !== b[f]);
}

/**
 * Collects the schedule rows of a form (`schedule.0.freq`, `schedule.0.byday` …) into a list.
 * Rows left completely empty (the blank row the form always offers) are dropped.
 */
export function schedulesFromForm(values: Record<string, unknown>): Record<string, unknown>[] {
	const rows = new Map<number, Record<string, unknown>>();
	for (const [key, value] of Object.entries(values)) {
		const m = /^schedule\.(\d{1,2})\.(\w+)$/.exec(key);
		if (!m) continue;
		const index = Number(m[1]);
		const row = rows.get(index) ?? {};
		row[m[2]!] = value;
		rows.set(index, row);
	}
	return [...rows.entries()]
		.sort(([a], [b]) => a - b)
		.map(([, row]) => row)
		.filter((row) => ['dtstart', 'opensAt', 'closesAt', 'notes'].some((k) => String(row[k] ?? '').trim() !== '') || (Array.isArray(row.byday) && row.byday.length > 0));
}
