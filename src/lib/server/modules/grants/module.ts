import type { ModuleManifest } from '../registry.ts';

export const grantsModule: ModuleManifest = {
	id: 'grants',
	title: 'Verfügungsfonds',
	description: 'Kleinförderung für Stadtteilprojekte: Richtlinie, Anträge, Vorprüfung, Jury, Bescheide, Abrechnung und Haushaltsbuch.',
	permissions: ['grants.read', 'grants.manage', 'grants.vote'],
	navigation: [
		{ label: 'Verfügungsfonds', path: 'foerderung', permission: 'grants.read' },
		{ label: 'Jurysitzungen', path: 'foerderung', permission: 'grants.vote' }
	],
	reportSections: [{ id: 'grants-year', title: 'Verfügungsfonds: Anträge und Förderungen des Jahres' }]
};
