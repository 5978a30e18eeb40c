import type { ModuleManifest } from '../registry.ts';

export const usersModule: ModuleManifest = {
	id: 'users',
	title: 'Verwaltung',
	description: 'Benutzerkonten, Rollen, Einladungen und das Änderungsprotokoll.',
	permissions: ['users.read', 'users.manage', 'audit.read', 'municipality.settings', 'mail.outbox.read'],
	navigation: [
		{ label: 'Benutzer und Rollen', path: 'verwaltung/benutzer', permission: 'users.read' },
		{ label: 'Änderungsprotokoll', path: 'verwaltung/protokoll', permission: 'audit.read' },
		{ label: 'Angaben der Kommune', path: 'verwaltung/kommune', permission: 'municipality.settings' },
		{ label: 'Postausgang', path: 'verwaltung/postausgang', permission: 'mail.outbox.read' }
	],
	reportSections: []
};
