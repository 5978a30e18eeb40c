import { z } from 'zod';

export const ORGANIZATION_TYPES = [
	'administration',
	'welfare_association',
	'migrant_organization',
	'club',
	'school',
	'company',
	'religious_community',
	'other'
] as const;

export const ORGANIZATION_TYPE_LABELS: Record<(typeof ORGANIZATION_TYPES)[number], string> = {
	administration: 'Dienststelle der Verwaltung',
	welfare_association: 'Wohlfahrtsverband',
	migrant_organization: 'Migrantenorganisation',
	club: 'Verein oder Initiative',
	school: 'Schule oder Bildungseinrichtung',
	company: 'Unternehmen',
	religious_community: 'Religionsgemeinschaft',
	other: 'Sonstige'
};

const optional = z.string().trim().max(500).default('');

export const organizationInput = z.object({
	name: z.string().trim().min(2, 'Bitte geben Sie den Namen der Organisation an.').max(200, 'Der Name ist zu lang (höchstens 200 Zeichen).'),
	type: z.enum(ORGANIZATION_TYPES, { message: 'Bitte wählen Sie eine Art.' }),
	description: z.string().trim().max(2000, 'Die Beschreibung ist zu lang (höchstens 2000 Zeichen).').default(''),
	street: optional,
	postalCode: z.union([z.literal(''), z.string().trim().regex(/^\d{5}$/, 'Die Postleitzahl hat fünf Ziffern.')]).default(''),
	city: optional,
	email: z.union([z.literal(''), z.string().trim().toLowerCase().pipe(z.email('Bitte geben Sie eine gültige E-Mail-Adresse an.'))]).default(''),
	phone: z.union([z.literal(''), z.string().trim().regex(/^[+0-9][0-9 ()/-]{5,}$/, 'Bitte geben Sie eine gültige Telefonnummer an, z. B. 02041 70-3000.')]).default(''),
	website: z
		.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt.' })])
		.default(''),
	visibility: z.enum(['public', 'internal']).default('public')
});
export type OrganizationInput = z.infer<typeof organizationInput>;
