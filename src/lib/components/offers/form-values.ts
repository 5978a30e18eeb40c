/**
 * The offer form works on flat, form-shaped values: what the server loads from an offer and what a
 * failed submission sends back look the same, so the form always shows what was typed.
 */
export type FormValues = Record<string, unknown>;

export const ARRAY_FIELDS = ['languages', 'termIds', 'areaIds', 'locationIds'];
export const MAX_SCHEDULES = 10;
/** Field names that carry several values (checkbox groups), for formToObject. */
export const OFFER_FORM_ARRAYS = [...ARRAY_FIELDS, ...Array.from({ length: MAX_SCHEDULES }, (_, i) => `schedule.${i}.byday`)];

interface ScheduleLike {
	freq: string;
	interval: number;
	byday: string[];
	ordinal: number | null;
	dtstart: string;
	until: string | null;
	opensAt: string;
	closesAt: string;
	notes: string;
}

/** An offer's stored content as form values. */
export function contentToFormValues(content: Record<string, unknown> & { schedules?: ScheduleLike[] }): FormValues {
	const out: FormValues = { ...content };
	delete out.schedules;
	for (const key of ['minimumAge', 'maximumAge']) out[key] = content[key] ?? '';
	(content.schedules ?? []).forEach((s, i) => {
		out[`schedule.${i}.freq`] = s.freq;
		out[`schedule.${i}.interval`] = String(s.interval);
		out[`schedule.${i}.byday`] = s.byday;
		out[`schedule.${i}.ordinal`] = s.ordinal === null ? '' : String(s.ordinal);
		out[`schedule.${i}.dtstart`] = s.dtstart;
		out[`schedule.${i}.until`] = s.until ?? '';
		out[`schedule.${i}.opensAt`] = s.opensAt;
		out[`schedule.${i}.closesAt`] = s.closesAt;
		out[`schedule.${i}.notes`] = s.notes;
	});
	return out;
}

/** How many schedule rows the values hold (the form adds one blank row). */
export function scheduleRowCount(values: FormValues): number {
	let n = 0;
	for (const key of Object.keys(values)) {
		const m = /^schedule\.(\d+)\./.exec(key);
		if (m) n = Math.max(n, Number(m[1]) + 1);
	}
	return n;
}

export function asList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	return value === undefined || value === null || value === '' ? [] : [String(value)];
}
