import type { ModuleManifest } from '../registry.ts';

export const areasModule: ModuleManifest = {
	id: 'areas',
	title: 'Gebiete',
	description: 'Stadtbezirke, Stadtteile und Sozialräume mit amtlichem Schlüssel und Grenzen.',
	permissions: ['areas.read', 'areas.manage'],
	navigation: [{ label: 'Gebiete', path: 'gebiete', permission: 'areas.read' }],
	reportSections: []
};
