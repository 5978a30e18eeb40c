import type { Role } from '../core/roles.ts';
import { PUBLIC_LANGUAGES } from '../../i18n/languages.ts';

/** The one password of every demo account. It is printed in the README and on the console. */
export const DEMO_PASSWORD = 'Teilhabe-Demo-2026';

const legal = (city: string, postalCode: string, street: string, officeName: string, domain: string) => ({
	officeName,
	street,
	postalCode,
	city,
	email: `integration@${domain}`,
	phone: '0000 000000',
	website: null,
	representedBy: 'Demo – keine echte Person',
	dataProtectionOfficer: 'Datenschutzbeauftragte (Demo)',
	dataProtectionEmail: `datenschutz@${domain}`,
	accessibilityEmail: `barrierefreiheit@${domain}`,
	enabledLanguages: [...PUBLIC_LANGUAGES]
});

/** Order matters: a county comes before its member towns. */
export const DEMO_MUNICIPALITIES = [
	{ slug: 'bottrop', name: 'Stadt Bottrop (Demo)', kind: 'independent_city' as const, ags: '05512000', parentSlug: null, ...legal('Bottrop', '46236', 'Ernst-Wilczok-Platz 1', 'Integrationsbüro der Stadt Bottrop (Demo)', 'bottrop.example') },
	{ slug: 'kreis-mettmann', name: 'Kreis Mettmann (Demo)', kind: 'county' as const, ags: '05158000', parentSlug: null, ...legal('Mettmann', '40822', 'Düsseldorfer Straße 26', 'Kommunales Integrationszentrum Kreis Mettmann (Demo)', 'kreis-mettmann.example') },
	{ slug: 'ratingen', name: 'Stadt Ratingen (Demo)', kind: 'county_municipality' as const, ags: '05158028', parentSlug: 'kreis-mettmann', ...legal('Ratingen', '40878', 'Minoritenstraße 2–6', 'Integrationsbeauftragte der Stadt Ratingen (Demo)', 'ratingen.example') },
	{ slug: 'koeln', name: 'Stadt Köln (Demo)', kind: 'independent_city' as const, ags: '05315000', parentSlug: null, ...legal('Köln', '50667', 'Rathausplatz 1', 'Kommunales Integrationszentrum Köln (Demo)', 'koeln.example') }
];

/** The statistical districts of Bottrop that the Integrationsbericht 2018 names. */
export const BOTTROP_STATISTICAL_DISTRICTS = [
	{ level: 'quarter' as const, code: '11', name: 'Altstadt' },
	{ level: 'quarter' as const, code: '61', name: 'Ebel/Welheimer Mark' }
];

export const DEMO_ORGANIZATIONS = [
	{ key: 'bot-integration', municipalitySlug: 'bottrop', name: 'Integrationsbüro der Stadt Bottrop (Demo)', type: 'administration' as const, description: 'Koordiniert die Integrationsarbeit der Stadt.', city: 'Bottrop', postalCode: '46236' },
	{ key: 'bot-quartier', municipalitySlug: 'bottrop', name: 'Quartiersbüro Altstadt (Demo)', type: 'welfare_association' as const, description: 'Anlaufstelle für Nachbarschaftsarbeit in der Altstadt.', city: 'Bottrop', postalCode: '46236' },
	{ key: 'bot-mo', municipalitySlug: 'bottrop', name: 'Deutsch-Türkischer Kulturverein (Demo)', type: 'migrant_organization' as const, description: 'Migrantenorganisation mit Elterncafé und Hausaufgabenhilfe.', city: 'Bottrop', postalCode: '46242' },
	{ key: 'bot-familie', municipalitySlug: 'bottrop', name: 'Familienbildungsstätte (Demo)', type: 'club' as const, description: 'Eltern-Kind-Kurse und Sprachcafé.', city: 'Bottrop', postalCode: '46236', visibility: 'internal' as const },
	{ key: 'bot-wohlfahrt', municipalitySlug: 'bottrop', name: 'Wohlfahrtsverband Bottrop (Demo)', type: 'welfare_association' as const, description: 'Migrations- und Flüchtlingsberatung, Schuldnerberatung, Nähkurs und Kleiderstube.', city: 'Bottrop', postalCode: '46236' },
	{ key: 'bot-vhs', municipalitySlug: 'bottrop', name: 'Volkshochschule Bottrop (Demo)', type: 'school' as const, description: 'Integrationskurse, Alphabetisierung, Berufssprachkurse und politische Bildung.', city: 'Bottrop', postalCode: '46236' },
	{ key: 'bot-jmd', municipalitySlug: 'bottrop', name: 'Jugendmigrationsdienst Bottrop (Demo)', type: 'welfare_association' as const, description: 'Beratung und Begleitung für junge Zugewanderte von 12 bis 27 Jahren.', city: 'Bottrop', postalCode: '46236' },
	{ key: 'bot-sport', municipalitySlug: 'bottrop', name: 'Sportverein Welheimer Mark (Demo)', type: 'club' as const, description: 'Breitensport für alle Generationen, Schwimmkurse für Frauen.', city: 'Bottrop', postalCode: '46238' },
	{ key: 'kme-ki', municipalitySlug: 'kreis-mettmann', name: 'Kommunales Integrationszentrum Kreis Mettmann (Demo)', type: 'administration' as const, description: 'Koordiniert die Integrationsarbeit im Kreis und unterstützt die kreisangehörigen Städte.', city: 'Mettmann', postalCode: '40822' },
	{ key: 'rat-west', municipalitySlug: 'ratingen', name: 'Stadtteilzentrum Ratingen West (Demo)', type: 'welfare_association' as const, description: 'Gemeinwesenarbeit im Stadtteil Ratingen West.', city: 'Ratingen', postalCode: '40880' },
	{ key: 'rat-mo', municipalitySlug: 'ratingen', name: 'Russischsprachiger Elternverein (Demo)', type: 'migrant_organization' as const, description: 'Treffpunkt für Familien, Beratung in russischer Sprache.', city: 'Ratingen', postalCode: '40880' },
	{ key: 'koe-ki', municipalitySlug: 'koeln', name: 'Kommunales Integrationszentrum Köln (Demo)', type: 'administration' as const, description: 'Koordination der Integrationsarbeit in Köln.', city: 'Köln', postalCode: '50667' },
	{ key: 'koe-mbe', municipalitySlug: 'koeln', name: 'Migrationsberatung Köln-Mülheim (Demo)', type: 'welfare_association' as const, description: 'Migrationsberatung für Erwachsene.', city: 'Köln', postalCode: '51063' }
];

interface DemoAccount {
	email: string;
	name: string;
	municipalitySlug: string;
	roles: Role[];
	organizations?: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
	{ email: 'integrationsbuero@bottrop.example', name: 'Ines Integrationsbüro', municipalitySlug: 'bottrop', roles: ['integration_office'] },
	{ email: 'redaktion@bottrop.example', name: 'Rolf Redaktion', municipalitySlug: 'bottrop', roles: ['editor'] },
	{ email: 'statistik@bottrop.example', name: 'Sara Statistik', municipalitySlug: 'bottrop', roles: ['statistics_office'] },
	{ email: 'anbieter@bottrop.example', name: 'Anton Anbieter', municipalitySlug: 'bottrop', roles: ['provider'], organizations: ['bot-mo'] },
	{ email: 'jury@bottrop.example', name: 'Julia Jury', municipalitySlug: 'bottrop', roles: ['jury_member'] },
	{ email: 'fallmanagement@bottrop.example', name: 'Fatma Fallmanagement', municipalitySlug: 'bottrop', roles: ['case_manager'] },
	{ email: 'ausschuss@bottrop.example', name: 'Ali Ausschuss', municipalitySlug: 'bottrop', roles: ['council_member'] },
	{ email: 'integrationsbuero@kreis-mettmann.example', name: 'Klara Kreis', municipalitySlug: 'kreis-mettmann', roles: ['integration_office'] },
	{ email: 'integrationsbuero@ratingen.example', name: 'Rainer Ratingen', municipalitySlug: 'ratingen', roles: ['integration_office'] },
	{ email: 'integrationsbuero@koeln.example', name: 'Katrin Köln', municipalitySlug: 'koeln', roles: ['integration_office'] },
	{ email: 'statistik@koeln.example', name: 'Stefan Statistik', municipalitySlug: 'koeln', roles: ['statistics_office'] }
];
