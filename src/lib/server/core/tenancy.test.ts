import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, findMunicipalityBySlug, updateMunicipalitySettings } from './tenancy.ts';
import { ConflictError, ValidationError, ForbiddenError } from './errors.ts';
import { createTestWorld, contextFor, userWith, caught, type TestWorld } from '../test/factories.ts';
import { listAuditEvents } from './audit.ts';

let world: TestWorld;
beforeAll(async () => {
	world = await createTestWorld();
});
afterAll(async () => world?.close());

const valid = {
	slug: 'neustadt',
	name: 'Stadt Neustadt',
	kind: 'independent_city',
	ags: '05999100',
	parentSlug: '',
	officeName: 'Integrationsbüro Neustadt',
	street: 'Markt 1',
	postalCode: '45000',
	city: 'Neustadt',
	email: 'integration@neustadt.test',
	phone: '0201 1234-0',
	website: '',
	representedBy: 'Die Bürgermeisterin',
	dataProtectionOfficer: 'Datenschutzbeauftragte',
	dataProtectionEmail: 'datenschutz@neustadt.test',
	accessibilityEmail: 'barrierefreiheit@neustadt.test',
	enabledLanguages: ['de', 'tr']
};

describe('createMunicipality (operator, command line)', () => {
	it('creates a tenant and records it in its own audit trail', async () => {
		const created = await createMunicipality(world.db, world.clock.now(), valid);
		expect(created).toMatchObject({ slug: 'neustadt', kind: 'independent_city', isDemo: false, parentId: null });
		const admin = await userWith(world, created, 'integration_office');
		const audit = await listAuditEvents(contextFor(world, admin, created), { action: 'municipality.create' });
		expect(audit.total).toBe(1);
	});

	it.each([
		[{ slug: 'neustadt' }, ConflictError, 'slug'],
		[{ slug: 'Neu Stadt' }, ValidationError, 'slug'],
		[{ slug: 'x-1', ags: '1234' }, ValidationError, 'ags'],
		[{ slug: 'x-2', parentSlug: 'gibtsnicht', kind: 'county_municipality' }, ValidationError, 'parentSlug'],
		[{ slug: 'x-3', parentSlug: 'kreis-muster', kind: 'independent_city' }, ValidationError, 'kind'],
		[{ slug: 'x-4', parentSlug: 'musterstadt', kind: 'county_municipality' }, ValidationError, 'parentSlug'],
		[{ slug: 'x-5', enabledLanguages: ['tr'] }, ValidationError, 'enabledLanguages']
	])('refuses %o with a message on the field', async (change, errorType, field) => {
		const error = await caught(() => createMunicipality(world.db, world.clock.now(), { ...valid, ags: '05999199', ...change }));
		expect(error).toBeInstanceOf(errorType);
		expect(Object.keys((error as ValidationError).fieldErrors)).toContain(field);
	});

	it('links a member town to its county', async () => {
		const town = await createMunicipality(world.db, world.clock.now(), { ...valid, slug: 'neudorf', ags: '05999011', kind: 'county_municipality', parentSlug: 'kreis-muster' });
		expect(town.parentId).toBe(world.county.id);
		expect((await findMunicipalityBySlug(world.db, 'neudorf'))?.id).toBe(town.id);
	});
});

describe('updateMunicipalitySettings', () => {
	it('only the integration office of that municipality may change the legal data', async () => {
		const editor = await userWith(world, world.a, 'editor');
		expect(await caught(() => updateMunicipalitySettings(contextFor(world, editor, world.a), valid))).toBeInstanceOf(ForbiddenError);
		const adminOfB = await userWith(world, world.b, 'integration_office');
		expect(await caught(() => updateMunicipalitySettings(contextFor(world, adminOfB, world.a), valid))).toBeInstanceOf(ForbiddenError);
		const admin = await userWith(world, world.a, 'integration_office');
		const after = await updateMunicipalitySettings(contextFor(world, admin, world.a), { ...valid, officeName: 'Neues Integrationsbüro' });
		expect(after.officeName).toBe('Neues Integrationsbüro');
		expect(after.slug).toBe('musterstadt'); // slug and AGS are not settings
	});
});
