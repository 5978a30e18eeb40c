import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import type { ServiceContext } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { authorize, can } from '../../core/authorize.ts';
import { recordAudit } from '../../core/audit.ts';
import { ValidationError } from '../../core/errors.ts';
import { monitoringSettings } from './schema.ts';
import { DEFAULT_DISCLOSURE_CONFIG, type DisclosureConfig } from './disclosure.ts';
import { DEFAULT_HIGHLIGHT_RULES, type HighlightComparison, type HighlightMeasure, type HighlightRule } from './highlights.ts';
import { ageBandIndex, BOTTROP_AGE_BANDS, type AgeBand } from './migrapro.ts';

/*
 * The monitoring rules each municipality sets for itself: how small a count must be to be withheld,
 * how large a group must be for a share to be read as reliable, which cells of a table are marked,
 * and the age bands of a register run. Without a row of its own a municipality uses the defaults
 * (threshold 3, minimum denominator 30, the Bottrop marks and age bands).
 */

export interface MonitoringSettings {
	disclosure: DisclosureConfig;
	highlightRules: HighlightRule[];
	ageBands: AgeBand[];
	/** Whether the municipality has changed anything (false: all defaults). */
	customised: boolean;
}

/**
 * Lower bound of the threshold. A threshold of 2 would publish every count of 2, so each of the two
 * people could read the other's attribute off the table; 3 is the rule German statistics offices use.
 */
export const MIN_THRESHOLD = 3;
export const MAX_THRESHOLD = 50;
export const MAX_MIN_DENOMINATOR = 1000;
export const MAX_RULES = 8;

export const DEFAULT_SETTINGS: Readonly<MonitoringSettings> = Object.freeze({
	disclosure: { ...DEFAULT_DISCLOSURE_CONFIG },
	highlightRules: [...DEFAULT_HIGHLIGHT_RULES],
	ageBands: [...BOTTROP_AGE_BANDS],
	customised: false
});

export async function loadMonitoringSettings(db: DbOrTx, municipalityId: string): Promise<MonitoringSettings> {
	const [row] = await db.select().from(monitoringSettings).where(eq(monitoringSettings.municipalityId, municipalityId));
	if (!row) return { ...DEFAULT_SETTINGS, disclosure: { ...DEFAULT_SETTINGS.disclosure } };
	return {
		disclosure: { threshold: row.suppressionThreshold, minDenominator: row.minDenominator },
		highlightRules: row.highlightRules,
		ageBands: row.ageBands,
		customised: true
	};
}

/* ---------- age bands as people write them: "0-3, 4-5, …, 65+" ---------- */

export function formatAgeBands(bands: readonly AgeBand[]): string {
	return bands.map((b) => (b.max === null ? `${b.min}+` : b.min === b.max ? `${b.min}` : `${b.min}-${b.max}`)).join(', ');
}

/** Parses "0-3, 4-5, 6-9, …, 65+" (also "0–3" and "65 und älter"); the bands must cover every age once. */
export function parseAgeBands(text: string): { bands: AgeBand[] } | { error: string } {
	const parts = text
		.split(/[,;\n]+/)
		.map((p) => p.trim())
		.filter(Boolean);
	if (parts.length < 2) return { error: 'Bitte geben Sie mindestens zwei Altersgruppen an, durch Kommas getrennt, zum Beispiel „0-17, 18-64, 65+“.' };
	if (parts.length > 30) return { error: 'Höchstens 30 Altersgruppen.' };
	const bands: AgeBand[] = [];
	for (const part of parts) {
		const range = /^(\d{1,3})\s*[-–]\s*(\d{1,3})$/.exec(part);
		const open = /^(\d{1,3})\s*(\+|und\s+älter|u\.\s*ä\.)$/i.exec(part);
		const single = /^(\d{1,3})$/.exec(part);
		if (range) {
			const min = Number(range[1]);
			const max = Number(range[2]);
			if (max < min) return { error: `„${part}“: das höhere Alter muss hinten stehen.` };
			bands.push({ label: `${min}-${max}`, min, max });
		} else if (open) bands.push({ label: `${Number(open[1])}+`, min: Number(open[1]), max: null });
		else if (single) bands.push({ label: `${Number(single[1])}`, min: Number(single[1]), max: Number(single[1]) });
		else return { error: `„${part}“ ist keine Altersgruppe. Schreiben Sie „von-bis“ (zum Beispiel „6-9“) und für die letzte Gruppe „ab+“ (zum Beispiel „65+“).` };
	}
	try {
		ageBandIndex(bands);
	} catch (e) {
		return { error: `${(e as Error).message} Die Gruppen müssen bei 0 beginnen, lückenlos aufeinander folgen und mit einer offenen Gruppe wie „65+“ enden.` };
	}
	return { bands };
}

/* ---------- highlight rules in the words of the table legend ---------- */

/** The kinds of mark a municipality can choose: a share above or below a value, a rise or a fall. */
export const RULE_KINDS = ['value_gt', 'value_gte', 'value_lt', 'value_lte', 'rise', 'fall'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const KIND_SHAPE: Record<RuleKind, { measure: HighlightMeasure; comparison: HighlightComparison; sign: 1 | -1 }> = {
	value_gt: { measure: 'value', comparison: 'gt', sign: 1 },
	value_gte: { measure: 'value', comparison: 'gte', sign: 1 },
	value_lt: { measure: 'value', comparison: 'lt', sign: 1 },
	value_lte: { measure: 'value', comparison: 'lte', sign: 1 },
	rise: { measure: 'change', comparison: 'gte', sign: 1 },
	fall: { measure: 'change', comparison: 'lte', sign: -1 }
};

export function kindOf(rule: HighlightRule): RuleKind | null {
	if (rule.measure === 'value') return `value_${rule.comparison}` as RuleKind;
	if (rule.comparison === 'gte' && rule.threshold > 0) return 'rise';
	if (rule.comparison === 'lte' && rule.threshold < 0) return 'fall';
	return null;
}

/** The size of a rule as the form shows it: 10 for "a rise of 10 points", 10 for "a fall of 10 points". */
export const ruleAmount = (rule: HighlightRule): number => Math.abs(rule.threshold);

type Lang = 'de' | 'en' | 'tr' | 'ru' | 'uk' | 'ar' | 'fa';

/* Legend texts per language; {n} is the number in the language's format. Non-German texts are machine-made, like the statements. */
const RULE_TEXT: Record<Lang, Record<RuleKind, string>> = {
	de: { value_gt: 'Anteil über {n} %', value_gte: 'Anteil mindestens {n} %', value_lt: 'Anteil unter {n} %', value_lte: 'Anteil höchstens {n} %', rise: 'Anstieg um mindestens {n} Prozentpunkte', fall: 'Rückgang um mindestens {n} Prozentpunkte' },
	en: { value_gt: 'share above {n} %', value_gte: 'share at least {n} %', value_lt: 'share below {n} %', value_lte: 'share at most {n} %', rise: 'rise of at least {n} percentage points', fall: 'fall of at least {n} percentage points' },
	tr: { value_gt: 'oran %{n} üzerinde', value_gte: 'oran en az %{n}', value_lt: 'oran %{n} altında', value_lte: 'oran en fazla %{n}', rise: 'en az {n} yüzde puan artış', fall: 'en az {n} yüzde puan düşüş' },
	ru: { value_gt: 'доля выше {n} %', value_gte: 'доля не менее {n} %', value_lt: 'доля ниже {n} %', value_lte: 'доля не более {n} %', rise: 'рост не менее чем на {n} процентных пункта', fall: 'снижение не менее чем на {n} процентных пункта' },
	uk: { value_gt: 'частка понад {n} %', value_gte: 'частка щонайменше {n} %', value_lt: 'частка нижче {n} %', value_lte: 'частка щонайбільше {n} %', rise: 'зростання щонайменше на {n} відсоткових пункти', fall: 'зниження щонайменше на {n} відсоткових пункти' },
	ar: { value_gt: 'نسبة أعلى من {n} %', value_gte: 'نسبة لا تقل عن {n} %', value_lt: 'نسبة أقل من {n} %', value_lte: 'نسبة لا تزيد عن {n} %', rise: 'ارتفاع بمقدار {n} نقطة مئوية على الأقل', fall: 'انخفاض بمقدار {n} نقطة مئوية على الأقل' },
	fa: { value_gt: 'سهم بیش از {n} ٪', value_gte: 'سهم دست‌کم {n} ٪', value_lt: 'سهم کمتر از {n} ٪', value_lte: 'سهم حداکثر {n} ٪', rise: 'افزایش دست‌کم {n} واحد درصد', fall: 'کاهش دست‌کم {n} واحد درصد' }
};

/** The legend text of a rule in a portal language (German when the language is unknown). */
export function ruleLabel(rule: HighlightRule, lang: string = 'de'): string {
	const kind = kindOf(rule);
	const texts = RULE_TEXT[(lang in RULE_TEXT ? lang : 'de') as Lang];
	const n = new Intl.NumberFormat(lang === 'fa' ? 'fa' : lang in RULE_TEXT ? lang : 'de', { maximumFractionDigits: 1 }).format(ruleAmount(rule));
	return kind ? texts[kind].replace('{n}', n) : rule.label;
}

/** A kind of mark as the settings form offers it, the amount left open: "Anteil über … %". */
export const ruleKindText = (kind: RuleKind): string => RULE_TEXT.de[kind].replace('{n}', '…');

/** A rule from the form's kind and amount; its id is stable for the same rule, so marks keep their meaning. */
export function ruleFrom(kind: RuleKind, amount: number): HighlightRule {
	const shape = KIND_SHAPE[kind];
	const threshold = shape.sign * amount;
	const rule: HighlightRule = { id: '', measure: shape.measure, comparison: shape.comparison, threshold, label: '' };
	// The Bottrop rules keep their ids: pages translate those two with their own messages.
	const bottrop = DEFAULT_HIGHLIGHT_RULES.find((d) => d.measure === rule.measure && d.comparison === rule.comparison && d.threshold === threshold);
	return { ...rule, id: bottrop?.id ?? `${kind}_${String(amount).replace('.', '_')}`, label: ruleLabel(rule, 'de') };
}

/* ---------- the settings form ---------- */

const integerIn = (raw: unknown, min: number, max: number): number | null => {
	const text = String(raw ?? '').trim();
	if (!/^\d{1,6}$/.test(text)) return null;
	const n = Number(text);
	return n >= min && n <= max ? n : null;
};

/** Reads an amount as people type it, with a decimal comma or point; null when it is not a number. */
const amountOf = (raw: unknown): number | null => {
	const text = String(raw ?? '')
		.trim()
		.replace(',', '.');
	if (!/^\d{1,3}(\.\d)?$/.test(text)) return null;
	return Number(text);
};

export interface SettingsForm {
	threshold: string;
	minDenominator: string;
	ageBands: string;
	rules: { kind: string; amount: string }[];
}

/** The form's fields as they are stored now, for a page that shows them. */
export function settingsForm(settings: MonitoringSettings): SettingsForm {
	return {
		threshold: String(settings.disclosure.threshold),
		minDenominator: String(settings.disclosure.minDenominator),
		ageBands: formatAgeBands(settings.ageBands),
		rules: settings.highlightRules.map((r) => ({ kind: kindOf(r) ?? '', amount: String(ruleAmount(r)).replace('.', ',') }))
	};
}

/**
 * Saves the settings. The statistics office (`monitoring.disclosure`) decides the disclosure rules and
 * the age bands; whoever manages the monitoring decides the marks. A user without the first permission
 * keeps the stored disclosure values whatever the form sends.
 */
export async function updateMonitoringSettings(ctx: ServiceContext, raw: Record<string, unknown>): Promise<MonitoringSettings> {
	authorize(ctx, 'monitoring.manage');
	const before = await loadMonitoringSettings(ctx.db, ctx.municipality.id);
	const mayDisclose = can(ctx, 'monitoring.disclosure');
	const errors: Record<string, string> = {};

	let disclosure = before.disclosure;
	let ageBands = before.ageBands;
	if (mayDisclose) {
		const threshold = integerIn(raw.threshold, MIN_THRESHOLD, MAX_THRESHOLD);
		if (threshold === null) errors.threshold = `Bitte geben Sie eine ganze Zahl von ${MIN_THRESHOLD} bis ${MAX_THRESHOLD} an. Unter ${MIN_THRESHOLD} würden Angaben über einzelne Personen veröffentlicht.`;
		const minDenominator = integerIn(raw.minDenominator, 1, MAX_MIN_DENOMINATOR);
		if (minDenominator === null) errors.minDenominator = `Bitte geben Sie eine ganze Zahl von 1 bis ${MAX_MIN_DENOMINATOR.toLocaleString('de-DE')} an.`;
		else if (threshold !== null && minDenominator < threshold) errors.minDenominator = 'Die Mindestgröße für Anteile darf nicht kleiner sein als die Geheimhaltungsschwelle.';
		const parsed = parseAgeBands(String(raw.ageBands ?? ''));
		if ('error' in parsed) errors.ageBands = parsed.error;
		else ageBands = parsed.bands;
		if (threshold !== null && minDenominator !== null) disclosure = { threshold, minDenominator };
	}

	const rules: HighlightRule[] = [];
	for (let i = 0; i < MAX_RULES; i++) {
		const kind = String(raw[`rule.${i}.kind`] ?? '').trim();
		const amountText = String(raw[`rule.${i}.amount`] ?? '').trim();
		if (kind === '' && amountText === '') continue;
		if (raw[`rule.${i}.remove`] === 'on') continue;
		if (!(RULE_KINDS as readonly string[]).includes(kind)) {
			errors[`rule.${i}.kind`] = 'Bitte wählen Sie, was markiert werden soll.';
			continue;
		}
		const amount = amountOf(amountText);
		const isShare = kind.startsWith('value_');
		if (amount === null || (isShare ? amount > 100 : amount === 0)) {
			errors[`rule.${i}.amount`] = isShare ? 'Bitte geben Sie einen Prozentwert von 0 bis 100 an (höchstens eine Nachkommastelle).' : 'Bitte geben Sie die Prozentpunkte an, größer als 0 (höchstens eine Nachkommastelle).';
			continue;
		}
		const rule = ruleFrom(kind as RuleKind, amount);
		if (rules.some((r) => r.id === rule.id)) {
			errors[`rule.${i}.kind`] = 'Diese Markierung steht schon in der Liste.';
			continue;
		}
		rules.push(rule);
	}
	if (Object.keys(errors).length) throw new ValidationError('Die Einstellungen wurden nicht gespeichert. Bitte prüfen Sie die markierten Felder.', errors);

	const after: MonitoringSettings = { disclosure, highlightRules: rules, ageBands, customised: true };
	await inTransaction(ctx, async (tx) => {
		// The row as it is now, locked: two saves at once audit each other's values, not a stale read.
		await tx.select({ id: monitoringSettings.municipalityId }).from(monitoringSettings).where(eq(monitoringSettings.municipalityId, ctx.municipality.id)).for('update');
		const current = await loadMonitoringSettings(tx, ctx.municipality.id);
		const values = {
			suppressionThreshold: disclosure.threshold,
			minDenominator: disclosure.minDenominator,
			highlightRules: rules,
			ageBands,
			updatedAt: ctx.clock.now(),
			updatedBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null
		};
		await tx
			.insert(monitoringSettings)
			.values({ municipalityId: ctx.municipality.id, ...values })
			.onConflictDoUpdate({ target: monitoringSettings.municipalityId, set: values });
		await recordAudit(tx, ctx, {
			action: 'monitoring.settings.update',
			entityType: 'monitoring_settings',
			entityId: ctx.municipality.id,
			before: settingsForm(current),
			after: settingsForm(after)
		});
	});
	return after;
}

/** The current settings for the back-office page. */
export async function monitoringSettingsFor(ctx: ServiceContext): Promise<MonitoringSettings & { mayDisclose: boolean }> {
	authorize(ctx, 'monitoring.read');
	return { ...(await loadMonitoringSettings(ctx.db, ctx.municipality.id)), mayDisclose: can(ctx, 'monitoring.disclosure') };
}
