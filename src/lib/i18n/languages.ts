/** The languages of the public portal. The back office speaks German only. */
export const PUBLIC_LANGUAGES = ['de', 'en', 'tr', 'ru', 'uk', 'ar', 'fa'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

export const RTL_LANGUAGES: readonly PublicLanguage[] = ['ar', 'fa'];

/** Each language named in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<PublicLanguage, string> = {
	de: 'Deutsch',
	en: 'English',
	tr: 'Türkçe',
	ru: 'Русский',
	uk: 'Українська',
	ar: 'العربية',
	fa: 'فارسی'
};

export function isPublicLanguage(value: string): value is PublicLanguage {
	return (PUBLIC_LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: string): 'rtl' | 'ltr' {
	return (RTL_LANGUAGES as readonly string[]).includes(language) ? 'rtl' : 'ltr';
}

/** Picks the best enabled language from an Accept-Language header; German when nothing fits. */
export function negotiateLanguage(acceptLanguage: string | null, enabled: readonly string[]): PublicLanguage {
	if (acceptLanguage) {
		const wanted = acceptLanguage
			.split(',')
			.map((part) => {
				const [rawTag = '', ...params] = part.split(';');
				const tag = rawTag.trim();
				const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
				return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
			})
			.filter((w) => w.q > 0)
			.sort((a, b) => b.q - a.q);
		for (const w of wanted) if (isPublicLanguage(w.base) && enabled.includes(w.base)) return w.base;
	}
	return 'de';
}

/**
 * Wraps a name in Unicode isolate marks (FSI … PDI), so that a German name like "Stadt Bottrop (Demo)"
 * keeps its own direction inside an Arabic or Farsi sentence instead of scrambling its brackets.
 */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** The name of a language (ISO 639 code) in the visitor's language; the code itself when unknown. */
export function languageNameIn(code: string, lang: string): string {
	// Building an Intl.DisplayNames is costly; one per display language is kept.
	let names = displayNames.get(lang);
	if (names === undefined) {
		try {
			names = new Intl.DisplayNames([lang], { type: 'language' });
		} catch {
			names = null;
		}
		displayNames.set(lang, names);
	}
	try {
		return names?.of(code) ?? code;
	} catch {
		return code;
	}
}
