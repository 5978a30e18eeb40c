import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { AppError } from '#lib/server/core/errors.ts';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import {
	getOffer,
	offerFormOptions,
	updateOffer,
	submitOffer,
	publishOffer,
	returnOffer,
	unpublishOffer,
	schedulesFromForm,
	confirmOffers,
	confirmationState,
	getOfferSettings,
	listOfferReports,
	resolveOfferReport,
	CONFIRMATION_STATUS_LABELS,
	OFFER_STATUS_LABELS
} from '#lib/server/modules/offers/index.ts';
import { contentToFormValues, OFFER_FORM_ARRAYS } from '#lib/components/offers/form-values.ts';
import { LANGUAGE_NAMES, isPublicLanguage } from '#lib/i18n/languages.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => {
		const detail = await getOffer(ctx, event.params.id);
		const options = await offerFormOptions(ctx, detail.offer.organizationId);
		const translations = new Map(detail.translations.map((t) => [t.language, t]));
		const settings = await getOfferSettings(ctx.db, ctx.municipality.id);
		const confirmation = confirmationState(
			{ isPublished: detail.offer.published !== null, confirmationDueAt: detail.offer.confirmationDueAt, hiddenAt: detail.offer.hiddenAt },
			settings,
			ctx.clock.now()
		);
		return {
			confirmation: { ...confirmation, label: CONFIRMATION_STATUS_LABELS[confirmation.status], confirmedAt: detail.offer.confirmedAt },
			reports: detail.mayReview ? await listOfferReports(ctx, { open: true, serviceId: detail.offer.id }) : [],
			offer: {
				id: detail.offer.id,
				name: detail.offer.draft.name,
				reviewState: detail.offer.reviewState,
				reviewComment: detail.offer.reviewComment,
				isPublished: detail.offer.published !== null,
				publishedName: detail.offer.published?.name ?? null,
				publishedStatus: detail.offer.published ? OFFER_STATUS_LABELS[detail.offer.published.status] : null,
				publishedAt: detail.offer.publishedAt,
				textVersion: detail.offer.textVersion,
				draftMinor: detail.offer.draftMinor
			},
			organization: { id: detail.organization.id, name: detail.organization.name },
			formValues: contentToFormValues(detail.offer.draft as never),
			options,
			mayWrite: detail.mayWrite,
			mayReview: detail.mayReview,
			languages: ctx.municipality.enabledLanguages
				.filter((l) => l !== 'de' && isPublicLanguage(l))
				.map((l) => {
					const t = translations.get(l);
					return { code: l, name: isPublicLanguage(l) ? LANGUAGE_NAMES[l] : l, state: !t ? 'missing' : t.outdated ? 'outdated' : 'current', machineMade: t?.machineMade ?? false };
				}),
			created: event.url.searchParams.has('angelegt')
		};
	});
};

async function run(work: () => Promise<unknown>, values: Record<string, unknown>) {
	try {
		await work();
	} catch (e) {
		return failForm(e, values);
	}
	return null;
}

/** Workflow buttons carry no fields: a refusal (e.g. already submitted) is one message. */
async function step(work: () => Promise<unknown>) {
	try {
		await work();
	} catch (e) {
		if (e instanceof AppError) return fail(e.status, { workflowError: e.message });
		throw e;
	}
	return null;
}

export const actions: Actions = {
	save: async (event) => {
		const values = formToObject(await event.request.formData(), OFFER_FORM_ARRAYS);
		return (await run(() => updateOffer(contextOf(event), event.params.id, { ...values, schedules: schedulesFromForm(values) }), values)) ?? { done: 'saved' };
	},
	submit: async (event) => (await step(() => submitOffer(contextOf(event), event.params.id))) ?? { done: 'submitted' },
	publish: async (event) => (await step(() => publishOffer(contextOf(event), event.params.id))) ?? { done: 'published' },
	unpublish: async (event) => (await step(() => unpublishOffer(contextOf(event), event.params.id))) ?? { done: 'unpublished' },
	confirm: async (event) => (await step(() => confirmOffers(contextOf(event), { ids: [event.params.id] }))) ?? { done: 'confirmed' },
	resolveReport: async (event) => {
		const values = formToObject(await event.request.formData());
		return (await run(() => resolveOfferReport(contextOf(event), String(values.id ?? ''), values), { ...values, action: 'resolveReport' })) ?? { done: 'reportResolved' };
	},
	return: async (event) => {
		const values = formToObject(await event.request.formData());
		return (await run(() => returnOffer(contextOf(event), event.params.id, values), { ...values, action: 'return' })) ?? { done: 'returned' };
	}
};
