import type { ModuleManifest } from '../registry.ts';

export const accessibilityModule: ModuleManifest = {
	id: 'accessibility',
	title: 'Barrierefreiheit',
	description: 'Meldungen von Barrieren aus dem Portal (Feedback-Mechanismus nach BITV NRW).',
	permissions: ['barrierReports.read', 'barrierReports.manage'],
	navigation: [{ label: 'Gemeldete Barrieren', path: 'barrieren', permission: 'barrierReports.read' }],
	reportSections: []
};
