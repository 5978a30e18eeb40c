import { z } from 'zod';
import { PUBLIC_LANGUAGES } from '../../i18n/languages.ts';
import { ROLES } from './roles.ts';

const required = (label: string) => z.string().trim().min(1, `${label} fehlt.`);
const email = (label: string) => z.string().trim().toLowerCase().pipe(z.email(`${label}: Bitte geben Sie eine gültige E-Mail-Adresse an.`));

export const municipalitySettingsInput = z.object({
	officeName: required('Die Bezeichnung der Stelle'),
	street: z.string().trim().min(1, 'Straße und Hausnummer fehlen.'),
	postalCode: z.string().trim().regex(/^\d{5}$/, 'Die Postleitzahl hat fünf Ziffern.'),
	city: required('Der Ort'),
	email: email('E-Mail'),
	phone: z
		.string()
		.trim()
		.regex(/^[+0-9][0-9 ()/-]{5,}$/, 'Bitte geben Sie eine Telefonnummer an, z. B. 02041 70-0.'),
	website: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt, z. B. https://www.bottrop.de' })]).default(''),
	representedBy: required('Die vertretungsberechtigte Person'),
	dataProtectionOfficer: required('Der oder die Datenschutzbeauftragte'),
	dataProtectionEmail: email('E-Mail Datenschutz'),
	accessibilityEmail: email('E-Mail Barrierefreiheit'),
	enabledLanguages: z
		.array(z.enum(PUBLIC_LANGUAGES))
		.refine((l) => l.includes('de'), 'Deutsch kann nicht abgeschaltet werden.')
});
export type MunicipalitySettingsInput = z.infer<typeof municipalitySettingsInput>;

export const signInInput = z.object({
	email: email('E-Mail'),
	password: z.string().min(1, 'Bitte geben Sie Ihr Passwort ein.')
});

export const PASSWORD_MIN_LENGTH = 12;
export const newPasswordInput = z
	.object({
		password: z.string().min(PASSWORD_MIN_LENGTH, `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein.`).max(128, 'Das Passwort darf höchstens 128 Zeichen lang sein.'),
		passwordRepeat: z.string()
	})
	.refine((v) => v.password === v.passwordRepeat, { path: ['passwordRepeat'], message: 'Die beiden Passwörter stimmen nicht überein.' });

export const inviteInput = z.object({
	name: required('Der Name'),
	email: email('E-Mail'),
	roles: z.array(z.enum(ROLES)).min(1, 'Bitte wählen Sie mindestens eine Rolle.'),
	organizationIds: z.array(z.uuid()).default([])
});

export const rolesInput = z.object({
	roles: z.array(z.enum(ROLES)),
	organizationIds: z.array(z.uuid()).default([])
});

/** A new tenant, as the operator creates it on the command line (scripts/create-municipality.ts). */
export const newMunicipalityInput = municipalitySettingsInput.extend({
	slug: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'Der Kurzname (slug) besteht aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. "bottrop".'),
	name: required('Der Name'),
	kind: z.enum(['county', 'independent_city', 'county_municipality'], { message: 'Die Art ist county, independent_city oder county_municipality.' }),
	ags: z.string().trim().regex(/^\d{8}$/, 'Der Amtliche Gemeindeschlüssel hat acht Ziffern, z. B. 05512000.'),
	parentSlug: z.string().trim().default('')
});
export type NewMunicipalityInput = z.infer<typeof newMunicipalityInput>;
