import type { ModuleManifest } from '../registry.ts';

export const organizationsModule: ModuleManifest = {
	id: 'organizations',
	title: 'Organisationen',
	description: 'Akteure: Dienststellen, Wohlfahrtsverbände, Migrantenorganisationen, Vereine, Schulen und Unternehmen.',
	permissions: ['organizations.read', 'organizations.manage', 'organizations.editOwn'],
	navigation: [{ label: 'Organisationen', path: 'organisationen', permission: 'organizations.read' }],
	reportSections: []
};
