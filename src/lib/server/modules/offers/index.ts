// Public surface of the offers module (Integrationswegweiser): routes and other modules import only this file.
export {
	listOffers,
	getOffer,
	organizationsForOffers,
	createOffer,
	updateOffer,
	submitOffer,
	returnOffer,
	publishOffer,
	unpublishOffer,
	saveTranslation,
	deleteTranslation,
	translationDashboard,
	type Offer
} from './service.ts';
export { listLocations, getLocation, createLocation, updateLocation, WHEELCHAIR_LABELS, type Location } from './locations.ts';
export { ensureDefaultTaxonomies, listTerms, groupTerms, termLabel, createTerm, updateTerm, TAXONOMY_KIND_LABELS, type Term } from './taxonomies.ts';
export { searchPublicOffers, searchParamsFrom, getPublicOffer, reportWrongInformation, portalScope, PAGE_SIZE, type PublicSearchParams, type TranslationState } from './public.ts';
export { OFFER_STATUSES, OFFER_STATUS_LABELS, OFFER_LANGUAGES, FIELD_LABELS, TRANSLATABLE_FIELDS, schedulesFromForm, type OfferContent } from './content.ts';
export { TAXONOMY_KINDS, type TaxonomyKind, type ReviewState } from './schema.ts';
export { WEEKDAYS, describeSchedule, toICalendar, type Schedule } from './schedule.ts';
export { offersModule } from './module.ts';
export { offerFormOptions } from './form-options.ts';
export { hsdsIndex, hsdsServices, hsdsService, hsdsServiceAtLocations, hsdsServiceAtLocation, hsdsOrganizations, hsdsOrganization, hsdsTaxonomies, hsdsTaxonomy, hsdsTaxonomyTerms, hsdsTaxonomyTerm, openDataCsv, openDataJson, type HsdsPage, type HsdsService } from './hsds.ts';
export {
	confirmOffers,
	confirmationOverview,
	confirmationState,
	getOfferSettings,
	updateOfferSettings,
	runConfirmationDuties,
	CONFIRMATION_STATUS_LABELS,
	DEFAULT_OFFER_SETTINGS,
	type ConfirmationStatus,
	type OfferSettings
} from './confirmation.ts';
export { participationReport, berlinYear, type ParticipationReport } from './participation.ts';
export { listOfferReports, countOpenOfferReports, resolveOfferReport } from './reports.ts';
