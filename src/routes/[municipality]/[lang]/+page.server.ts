import type { PageServerLoad } from './$types';
import { loadPortalHome } from '#lib/server/modules/portal/index.ts';

export const load: PageServerLoad = async ({ locals }) => loadPortalHome(locals.platform.database.db, locals.municipality!);
