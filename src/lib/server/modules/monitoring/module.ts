import type { ModuleManifest } from '../registry.ts';

export const monitoringModule: ModuleManifest = {
	id: 'monitoring',
	title: 'Integrationsmonitoring',
	description: 'Grundzahlen aus der Statistik nach Gebieten, daraus berechnete Kennzahlen mit Geheimhaltung, Karten und Aussagen für Bericht und Portal.',
	permissions: ['monitoring.read', 'monitoring.manage', 'monitoring.microdata'],
	navigation: [{ label: 'Monitoring', path: 'monitoring', permission: 'monitoring.read' }],
	reportSections: [{ id: 'monitoring.key_figures', title: 'Kennzahlen des Integrationsmonitorings' }]
};
