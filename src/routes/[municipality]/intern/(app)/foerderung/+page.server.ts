import type { PageServerLoad } from './$types';
import { contextOf, loadOrError } from '#lib/server/http.ts';
import { listFunds, sessionsForMe, ownJurySeats } from '#lib/server/modules/grants/index.ts';

export const load: PageServerLoad = async (event) => {
	const ctx = contextOf(event);
	return loadOrError(async () => ({
		funds: (await listFunds(ctx)).map((f) => ({ id: f.id, name: f.name, office: f.managingOffice })),
		sessions: (await sessionsForMe(ctx)).map((s) => ({ id: s.jurySession.id, fundId: s.jurySession.fundId, fundName: s.fundName, startsAt: s.jurySession.startsAt, location: s.jurySession.location, status: s.jurySession.status })),
		isJuryMember: (await ownJurySeats(ctx)).length > 0
	}));
};
