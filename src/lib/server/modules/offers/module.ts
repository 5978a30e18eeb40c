import type { ModuleManifest } from '../registry.ts';

export const offersModule: ModuleManifest = {
	id: 'offers',
	title: 'Integrationswegweiser',
	description: 'Das mehrsprachige Verzeichnis der Integrationsangebote (Open Referral HSDS 3.0) mit redaktioneller Prüfung und Übersetzungen.',
	permissions: ['offers.read', 'offers.review', 'offers.editOwn', 'offers.taxonomies.manage'],
	navigation: [
		{ label: 'Angebote', path: 'angebote', permission: 'offers.read' },
		{ label: 'Meine Angebote', path: 'angebote', permission: 'offers.editOwn' },
		{ label: 'Orte', path: 'orte', permission: 'offers.editOwn' },
		{ label: 'Orte', path: 'orte', permission: 'offers.read' },
		{ label: 'Übersetzungen', path: 'uebersetzungen', permission: 'offers.review' },
		{ label: 'Kategorien', path: 'kategorien', permission: 'offers.taxonomies.manage' }
	],
	reportSections: [{ id: 'offers.participation', title: 'Beteiligte Organisationen und Angebote' }]
};
