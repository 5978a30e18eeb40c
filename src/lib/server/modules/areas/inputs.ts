import { z } from 'zod';

export const AREA_LEVELS = ['district', 'quarter', 'social_space'] as const;

export const areaInput = z.object({
	level: z.enum(AREA_LEVELS, { message: 'Bitte wählen Sie die Ebene.' }),
	code: z.string().trim().min(1, 'Bitte geben Sie den amtlichen Schlüssel an.').max(20, 'Der Schlüssel ist zu lang.').regex(/^[0-9A-Za-z.-]+$/, 'Der Schlüssel darf nur Ziffern, Buchstaben, Punkt und Bindestrich enthalten.'),
	name: z.string().trim().min(2, 'Bitte geben Sie den Namen an.').max(200, 'Der Name ist zu lang.'),
	parentId: z.union([z.literal(''), z.uuid()]).default('')
});

export const geoJsonImportInput = z.object({
	level: z.enum(AREA_LEVELS, { message: 'Bitte wählen Sie die Ebene.' }),
	codeProperty: z.string().trim().max(100).default(''),
	nameProperty: z.string().trim().max(100).default(''),
	parentCodeDropDigits: z.coerce.number().int().min(0).max(6).default(0)
});
