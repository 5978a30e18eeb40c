import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { contextOf, failForm, formToObject, loadOrError } from '#lib/server/http.ts';
import { applicantView, deleteDocument, saveApplication, submitApplication, submitSettlement, uploadDocument, withdrawApplication, COST_ROWS, MAX_COST_ROWS, DOCUMENT_KINDS_PUBLIC } from '#lib/server/modules/grants/index.ts';
import { centsForInput } from '#lib/i18n/grants-format.ts';

export const load: PageServerLoad = async (event) => {
	// The address of this page is the key to the application: it must not leak through referrers or caches.
	event.setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const view = await loadOrError(() => applicantView(contextOf(event), event.params.token));
	const a = view.application;
	const formValues: Record<string, unknown> = {
		organizationName: a.organizationName,
		organizationKind: a.organizationKind,
		contactName: a.contactName,
		contactEmail: a.contactEmail,
		contactPhone: a.contactPhone,
		postalAddress: a.postalAddress,
		title: a.title,
		description: a.description,
		district: a.district,
		goals: a.goals,
		isCooperation: a.isCooperation ? 'on' : '',
		cooperationPartners: a.cooperationPartners,
		startDate: a.startDate ?? '',
		endDate: a.endDate ?? '',
		ownFunds: centsForInput(a.ownFundsCents),
		sponsorFunds: centsForInput(a.sponsorFundsCents),
		sponsorNote: a.sponsorNote,
		requested: centsForInput(a.requestedCents),
		advanceRequested: a.advanceRequested ? 'on' : '',
		advanceReason: a.advanceReason,
		publishConsent: a.publishConsent ? 'on' : ''
	};
	a.costItems.forEach((c, i) => {
		formValues[`costLabel${i}`] = c.label;
		formValues[`costAmount${i}`] = centsForInput(c.amountCents);
		formValues[`costFreelance${i}`] = c.isFreelance ? 'on' : '';
	});
	const revision = [...view.steps].reverse().find((s) => s.kind === 'revision_requested' || s.kind === 'settlement_returned');
	return {
		token: event.params.token,
		isNew: event.url.searchParams.has('neu'),
		application: a,
		formValues,
		fund: { name: view.fund.name, office: view.fund.managingOffice, email: view.fund.email, districts: view.fund.districts },
		round: view.round ? { deadline: view.round.deadline } : null,
		rules: {
			goals: view.guideline.goals,
			capCents: view.guideline.capCents,
			cooperationCapCents: view.guideline.cooperationCapCents,
			quoteThresholdCents: view.guideline.quoteThresholdCents,
			quotesRequired: view.guideline.quotesRequired
		},
		steps: view.steps,
		documents: view.documents,
		letters: view.letters,
		editable: view.editable,
		settlementOpen: view.settlementOpen,
		revisionMessage: (a.status === 'revision_requested' || a.status === 'approved') && revision ? revision.message : null,
		costRows: Math.min(MAX_COST_ROWS, Math.max(COST_ROWS, a.costItems.length + 3)),
		documentKinds: DOCUMENT_KINDS_PUBLIC
	};
};

function fail(e: unknown, values: Record<string, unknown>, form: string) {
	return failForm(e, { ...values, form });
}

export const actions: Actions = {
	save: async (event) => {
		const values = formToObject(await event.request.formData(), ['goals']);
		try {
			await saveApplication(contextOf(event), event.params.token, values);
		} catch (e) {
			return fail(e, values, 'application');
		}
		return { saved: true };
	},
	submit: async (event) => {
		const values = formToObject(await event.request.formData(), ['goals']);
		const ctx = contextOf(event);
		try {
			// The form on the page is saved first, so nothing typed is lost when submitting right away.
			if (values.title !== undefined && values.organizationName !== undefined) await saveApplication(ctx, event.params.token, values);
			await submitApplication(ctx, event.params.token, event.params.lang);
		} catch (e) {
			return fail(e, values, 'application');
		}
		redirect(303, `${event.url.pathname}?eingereicht=1`);
	},
	upload: async (event) => {
		const data = await event.request.formData();
		const values = formToObject(data);
		const file = data.get('file');
		try {
			const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
			const kind = String(values.kind || 'attachment');
			await uploadDocument(contextOf(event), event.params.token, {
				kind: (DOCUMENT_KINDS_PUBLIC as readonly string[]).includes(kind) ? (kind as (typeof DOCUMENT_KINDS_PUBLIC)[number]) : 'attachment',
				file: { name: file instanceof File ? file.name : '', type: file instanceof File ? file.type : '', bytes },
				costItemIndex: values.costItemIndex === undefined || values.costItemIndex === '' ? null : Number(values.costItemIndex),
				amount: String(values.amount ?? ''),
				supplier: String(values.supplier ?? ''),
				chosen: values.chosen === 'on',
				note: String(values.note ?? '')
			});
		} catch (e) {
			return fail(e, values, 'upload');
		}
		return { uploaded: true };
	},
	deleteDocument: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await deleteDocument(contextOf(event), event.params.token, String(values.documentId ?? ''));
		} catch (e) {
			return fail(e, values, 'documents');
		}
		return { deleted: true };
	},
	withdraw: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await withdrawApplication(contextOf(event), event.params.token);
		} catch (e) {
			return fail(e, values, 'withdraw');
		}
		return { withdrawn: true };
	},
	settlement: async (event) => {
		const values = formToObject(await event.request.formData());
		try {
			await submitSettlement(contextOf(event), event.params.token, values);
		} catch (e) {
			return fail(e, values, 'settlement');
		}
		return { settled: true };
	}
};
