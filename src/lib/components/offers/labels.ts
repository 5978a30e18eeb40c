/** German labels of the back office for the offer workflow (shared by list and detail pages). */
export const REVIEW_STATE_LABELS: Record<string, string> = {
	draft: 'Entwurf',
	submitted: 'Zur Prüfung eingereicht',
	returned: 'Zurückgegeben zur Überarbeitung',
	published: 'Veröffentlicht'
};
