import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { getOffer, saveTranslation, deleteTranslation, TRANSLATABLE_FIELDS, FIELD_LABELS } from '#lib/server/modules/offers/index.ts';
import { authorize } from '#lib/server/core/authorize.ts';
import { LANGUAGE_NAMES, directionOf, isPublicLanguage } from '#lib/i18n/languages.ts';
import { redirect } from '@sveltejs/kit';
import { configuredTranslationProvider, suggestMachineTranslation } from '#lib/server/modules/offers/translation-exchange.ts';
import { TranslationProviderError } from '#lib/server/modules/offers/translation-provider.ts';
import { log } from '#lib/server/core/log.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	const lang = event.params.lang;
	if (!isPublicLanguage(lang) || lang === 'de' || !ctx.municipality.enabledLanguages.includes(lang)) error(404, 'Diese Sprache ist im Portal nicht eingeschaltet.');
	return loadOrError(async () => {
		authorize(ctx, 'offers.review');
		const detail = await getOffer(ctx, event.params.id);
		if (!detail.offer.published) error(409, 'Übersetzt wird die veröffentlichte Fassung. Bitte veröffentlichen Sie das Angebot zuerst.');
		const existing = detail.translations.find((t) => t.language === lang) ?? null;
		return {
			offerId: detail.offer.id,
			offerName: detail.offer.published.name,
			lang,
			langName: LANGUAGE_NAMES[lang],
			dir: directionOf(lang),
			fields: TRANSLATABLE_FIELDS.map((f) => ({ name: f, label: FIELD_LABELS[f] ?? f, source: detail.offer.published![f], multiline: f !== 'name' && f !== 'feesDescription' })),
			provider: providerName(),
			existing: existing
				? { texts: existing.texts, machineMade: existing.machineMade, translator: existing.translator, outdated: existing.outdated, updatedAt: existing.updatedAt }
				: null
		};
	});
};

/** The configured machine-translation service, if any; a broken configuration is logged, not shown. */
function providerName(): string | null {
	try {
		return configuredTranslationProvider()?.name ?? null;
	} catch (e) {
		log.warn('translation provider misconfigured', { error: String(e) });
		return null;
	}
}

export const actions: Actions = {
	/** Fills the form with a machine translation to review; nothing is saved until the editor saves. */
	suggest: async (event) => {
		const ctx = contextOf(event);
		try {
			const provider = configuredTranslationProvider();
			if (!provider) return fail(404, { message: 'Es ist kein Übersetzungsdienst eingerichtet.', values: {} });
			const texts = await suggestMachineTranslation(ctx, provider, event.params.id, event.params.lang);
			return { suggested: true, values: { ...texts, machineMade: 'on', translator: provider.name } };
		} catch (e) {
			if (e instanceof TranslationProviderError) return fail(502, { message: e.message, values: {} });
			return failForm(e, {});
		}
	},
	save: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await saveTranslation(contextOf(event), event.params.id, event.params.lang, values);
		} catch (e) {
			return failForm(e, values);
		}
		return { saved: true };
	},
	delete: async (event) => {
		try {
			await deleteTranslation(contextOf(event), event.params.id, event.params.lang);
		} catch (e) {
			return failForm(e, {});
		}
		redirect(303, `/${event.params.municipality}/intern/angebote/${event.params.id}`);
	}
};
