import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { permissionsIn } from '#lib/server/core/roles.ts';
import { listBaseFigures, listKeyFigures } from '#lib/server/modules/monitoring/figures.ts';
import { monitoringSettingsFor } from '#lib/server/modules/monitoring/settings.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => ({
		figures: await listBaseFigures(ctx),
		keyFigures: (await listKeyFigures(ctx)).map((k) => ({ id: k.id, name: k.name, description: k.description, isPublic: k.isPublic })),
		canManage: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.manage'),
		threshold: (await monitoringSettingsFor(ctx)).disclosure.threshold,
		canRunMicrodata: permissionsIn(ctx.actor, ctx.municipality.id).has('monitoring.microdata')
	}));
};
