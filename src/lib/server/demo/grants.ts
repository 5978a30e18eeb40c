/**
 * The demo Verfügungsfonds of Bottrop: the guideline of seed 003, a jury of nine seats and a deputy, and
 * invented neighbourhood projects in every state of the procedure. Everything goes through the services with a
 * clock that walks through the last fund year, so the demo holds the same letters, steps and ledger as real use.
 */
import { fixedClock } from '../core/clock.ts';
import type { ServiceContext } from '../core/context.ts';
import type { Actor } from '../core/roles.ts';
import {
	addJuryMember,
	castVote,
	closeSession,
	completeSettlement,
	checkReceipt,
	createFund,
	createSession,
	forwardToJury,
	grantApplication,
	issueInvitation,
	payAdvance,
	rejectAfterPrecheck,
	rejectApplication,
	requestRevision,
	savePrecheck,
	sessionView,
	setAttendance,
	setRecusal,
	startApplication,
	submitApplication,
	submitSettlement,
	uploadDocument,
	withdrawApplication,
	officeView,
	PRECHECK_CRITERIA
} from '../modules/grants/index.ts';
import { bottropFund } from '../modules/grants/defaults.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n% Demo-Beleg\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface Project {
	title: string;
	organizationName: string;
	organizationKind: 'group' | 'association' | 'institution';
	contactName: string;
	district: string;
	goals: string[];
	description: string;
	costs: [string, string, boolean?][];
	own?: string;
	sponsor?: string;
	requested: string;
	cooperation?: string;
	advance?: string;
	consent?: boolean;
	start: string;
	end: string;
}

function form(p: Project): Record<string, unknown> {
	const out: Record<string, unknown> = {
		organizationName: p.organizationName,
		organizationKind: p.organizationKind,
		contactName: p.contactName,
		contactEmail: `${p.contactName.split(' ')[0]!.toLowerCase()}@verein.example`,
		contactPhone: '02041 123456',
		postalAddress: `${p.organizationName}\nMusterstraße 1\n46236 Bottrop`,
		title: p.title,
		description: p.description,
		district: p.district,
		goals: p.goals,
		isCooperation: p.cooperation ? 'on' : '',
		cooperationPartners: p.cooperation ?? '',
		startDate: p.start,
		endDate: p.end,
		ownFunds: p.own ?? '',
		sponsorFunds: p.sponsor ?? '',
		sponsorNote: p.sponsor ? 'Spende eines örtlichen Unternehmens' : '',
		requested: p.requested,
		advanceRequested: p.advance ? 'on' : '',
		advanceReason: p.advance ?? '',
		publishConsent: p.consent === false ? '' : 'on'
	};
	p.costs.forEach(([label, amount, freelance], i) => {
		out[`costLabel${i}`] = label;
		out[`costAmount${i}`] = amount;
		if (freelance) out[`costFreelance${i}`] = 'on';
	});
	return out;
}

const allMet = Object.fromEntries(PRECHECK_CRITERIA.flatMap((c) => [[`mark_${c.key}`, 'met'], [`note_${c.key}`, '']]));

export async function seedBottropGrants(base: ServiceContext, office: Actor, juryUserEmail: string) {
	// The scenario plays in the last fund year whose two deadlines and sessions are over.
	const now = base.clock.now();
	const y = now.getUTCMonth() >= 11 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
	const clock = fixedClock(`${y}-01-15T09:00:00Z`);
	const at = (iso: string) => clock.set(iso);
	const asOffice: ServiceContext = { ...base, clock, actor: office };
	const asApplicant: ServiceContext = { ...base, clock, actor: { kind: 'anonymous' }, address: 'demo-antrag' };

	const f = await createFund(asOffice, bottropFund());
	const seats = [
		['Bezirksbürgermeisterin Mitte', 'Gabriele Hoffmann'],
		['Bezirksbürgermeister Süd', 'Klaus Brandt'],
		['Bezirksbürgermeister Kirchhellen', 'Heinz-Josef Terhorst'],
		['Sozialamt', 'Petra Lindemann'],
		['Fachbereich Jugend und Schule', 'Markus Wiegand'],
		['Stadtplanungsamt', 'Sabine Kowalski'],
		['Kulturamt', 'Dirk Osterkamp'],
		['Wirtschaftsförderung', 'Yvonne Brinkmann'],
		['Referat Migration', 'Julia Jury']
	];
	const members: string[] = [];
	for (const [seat, name] of seats) {
		const m = await addJuryMember(asOffice, f.id, { seat, name, email: name === 'Julia Jury' ? juryUserEmail : '' });
		members.push(m.id);
	}
	await addJuryMember(asOffice, f.id, { seat: 'Sozialamt', name: 'Tobias Reuter', email: '', deputyOf: members[3] });

	async function apply(p: Project, when: string, submit = true) {
		at(when);
		const { token, id } = await startApplication(asApplicant, f.slug, form(p));
		await uploadDocument(asApplicant, token, { kind: 'attachment', file: { name: 'Projektskizze.pdf', type: 'application/pdf', bytes: PDF } });
		if (submit) await submitApplication(asApplicant, token);
		return { token, id };
	}
	async function eligible(id: string, when: string) {
		at(when);
		await savePrecheck(asOffice, id, allMet);
		await forwardToJury(asOffice, id);
	}
	async function vote(sessionId: string, votes: Record<string, ('yes' | 'no' | 'abstain')[]>) {
		const view = await sessionView(asOffice, sessionId);
		for (const item of view.items) {
			const choices = votes[item.application.title] ?? [];
			for (let i = 0; i < choices.length; i++) {
				const memberId = view.seats.filter((s) => !item.recused.includes(s))[i]!;
				await castVote(asOffice, item.id, memberId, { choice: choices[i] });
			}
		}
	}

	// ---- spring round (deadline 01.04.)
	const fest = await apply(
		{
			title: 'Nachbarschaftsfest an der Welheimer Mark',
			organizationName: 'Nachbarschaftsinitiative Welheimer Mark',
			organizationKind: 'group',
			contactName: 'Birgit Sommer',
			district: 'Welheimer Mark',
			goals: ['neighbourhood', 'integration', 'culture'],
			description: 'Ein Straßenfest für alle Nachbarinnen und Nachbarn mit Musik, Essen aus vielen Küchen und Spielen für Kinder. Vereine und Gemeinden aus dem Stadtteil stellen sich vor.',
			costs: [
				['Bühnentechnik (Miete)', '450,00'],
				['Spielmobil', '300,00'],
				['Werbung und Plakate', '150,00'],
				['Verpflegung Helferinnen und Helfer', '200,00']
			],
			own: '100,00',
			requested: '1.000,00',
			start: `${y}-06-13`,
			end: `${y}-06-13`
		},
		`${y}-02-10T10:00:00Z`
	);
	const cafe = await apply(
		{
			title: 'Müttercafé Ebel',
			organizationName: 'Deutsch-Türkischer Kulturverein (Demo)',
			organizationKind: 'association',
			contactName: 'Ayşe Yıldız',
			district: 'Ebel',
			goals: ['integration', 'self_help', 'neighbourhood'],
			description: 'Ein wöchentliches Café für Mütter aus dem Stadtteil mit Kinderbetreuung, Austausch und Besuchen von Beratungsstellen. Gemeinsam mit dem Familienzentrum.',
			costs: [
				['Kinderbetreuung', '960,00', true],
				['Lebensmittel und Getränke', '520,00'],
				['Spielmaterial', '320,00']
			],
			requested: '1.800,00',
			cooperation: 'Familienzentrum Ebel (Demo)',
			start: `${y}-05-04`,
			end: `${y}-09-28`
		},
		`${y}-03-03T08:30:00Z`
	);
	const graffiti = await apply(
		{
			title: 'Graffiti-Aktion in der Unterführung Altstadt',
			organizationName: 'Jugendtreff Altstadt',
			organizationKind: 'institution',
			contactName: 'Jonas Weber',
			district: 'Altstadt',
			goals: ['image', 'activation', 'identity'],
			description: 'Jugendliche gestalten mit einem Graffiti-Künstler die Unterführung am Bahnhof neu. Vorher sammeln sie Motive bei den Anwohnenden.',
			costs: [
				['Workshop mit einem Graffiti-Künstler', '600,00', true],
				['Farben und Schutzausrüstung', '700,00'],
				['Abschlussfest', '200,00']
			],
			requested: '1.500,00',
			advance: 'Der Jugendtreff kann die Farben nicht vorfinanzieren.',
			start: `${y}-05-15`,
			end: `${y}-07-31`
		},
		`${y}-03-20T14:00:00Z`
	);
	const flohmarkt = await apply(
		{
			title: 'Flohmarkt mit Standgebühren',
			organizationName: 'Event-Agentur Ruhr (Demo)',
			organizationKind: 'institution',
			contactName: 'Peter Hahn',
			district: 'Boy',
			goals: ['culture'],
			description: 'Ein Flohmarkt, bei dem die Händler Standgebühren zahlen, die der Agentur zugutekommen.',
			costs: [['Absperrungen und Toiletten', '1.200,00']],
			requested: '1.200,00',
			start: `${y}-08-01`,
			end: `${y}-08-01`
		},
		`${y}-03-25T09:00:00Z`
	);
	const kino = await apply(
		{
			title: 'Sommerkino auf dem Marktplatz Boy',
			organizationName: 'Bürgerverein Boy',
			organizationKind: 'association',
			contactName: 'Renate Kühn',
			district: 'Boy',
			goals: ['culture', 'neighbourhood'],
			description: 'Drei Filmabende unter freiem Himmel mit Filmen, die die Nachbarschaft vorher auswählt.',
			costs: [
				['Leinwand und Projektor (Miete)', '1.100,00'],
				['Filmlizenzen', '400,00']
			],
			requested: '1.500,00',
			start: `${y}-07-01`,
			end: `${y}-08-31`
		},
		`${y}-03-31T20:00:00Z`
	);
	await eligible(fest.id, `${y}-04-03T09:00:00Z`);
	await eligible(cafe.id, `${y}-04-03T10:00:00Z`);
	await eligible(graffiti.id, `${y}-04-03T11:00:00Z`);
	await eligible(kino.id, `${y}-04-03T12:00:00Z`);
	at(`${y}-04-06T09:00:00Z`);
	await savePrecheck(asOffice, flohmarkt.id, { ...allMet, mark_small_scale: 'not_met', note_small_scale: 'Die Standgebühren gehen an die Agentur: Das Projekt ist kommerziell.' });
	await rejectAfterPrecheck(asOffice, flohmarkt.id, {
		reasons: 'Der Fonds fördert nur nicht kommerzielle Projekte (§ 1 der Richtlinie). Die Standgebühren des Flohmarkts kommen der Agentur zugute.'
	});

	at(`${y}-04-08T09:00:00Z`);
	const spring = await createSession(asOffice, f.id, { date: `${y}-04-22`, time: '17:00', location: 'Rathaus Bottrop, Raum 214' });
	await issueInvitation(asOffice, spring.id);
	at(`${y}-04-22T15:00:00Z`);
	await setAttendance(asOffice, spring.id, [members[0]!, members[1]!, members[2]!, members[4]!, members[5]!, members[6]!, members[8]!, (await sessionView(asOffice, spring.id)).members.find((m) => m.deputyOf)!.id]);
	const springView = await sessionView(asOffice, spring.id);
	const cafeItem = springView.items.find((i) => i.applicationId === cafe.id)!;
	// The district mayor of the south is a member of the Kulturverein: she declares a conflict.
	await setRecusal(asOffice, cafeItem.id, members[1]!, true);
	await vote(spring.id, {
		'Nachbarschaftsfest an der Welheimer Mark': ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'abstain'],
		'Müttercafé Ebel': ['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'yes'],
		'Graffiti-Aktion in der Unterführung Altstadt': ['yes', 'yes', 'no', 'yes', 'yes', 'yes', 'abstain', 'yes'],
		'Sommerkino auf dem Marktplatz Boy': ['yes', 'no', 'no', 'abstain', 'yes', 'no', 'yes', 'abstain']
	});
	at(`${y}-04-22T18:30:00Z`);
	await closeSession(asOffice, spring.id, { minutesNote: 'Das Gremium bittet die Geschäftsführung, beim Sommerkino auf Angebote der Stadtbibliothek hinzuweisen.' });
	at(`${y}-04-24T09:00:00Z`);
	await grantApplication(asOffice, fest.id, { amount: '1.000,00' });
	await grantApplication(asOffice, cafe.id, { amount: '1.800,00' });
	await grantApplication(asOffice, graffiti.id, { amount: '1.500,00', conditions: 'Die Eigentümerin der Unterführung muss der Gestaltung vor Beginn schriftlich zustimmen.' });
	await rejectApplication(asOffice, kino.id, {
		reasons: 'Das Gremium hält die Kosten für Technik im Verhältnis zu drei Abenden für zu hoch und sieht mit dem Open-Air-Kino der Stadtbibliothek ein vergleichbares Angebot im Stadtteil.'
	});
	at(`${y}-04-28T09:00:00Z`);
	await payAdvance(asOffice, graffiti.id);

	// Settlements: the festival (paid), the graffiti action (spent less than the advance), the mothers' café (submitted).
	at(`${y}-06-30T10:00:00Z`);
	for (const [label, amount, index] of [
		['Rechnung Bühnentechnik', '450,00', 0],
		['Rechnung Spielmobil', '300,00', 1],
		['Druckerei', '138,50', 2],
		['Kassenbons Verpflegung', '186,20', 3]
	] as const)
		await uploadDocument(asApplicant, fest.token, { kind: 'receipt', costItemIndex: index, amount, supplier: label, file: { name: `${label}.pdf`, type: 'application/pdf', bytes: PDF } });
	await submitSettlement(asApplicant, fest.token, { report: 'Rund 400 Gäste kamen zum Fest, zwölf Vereine und Gemeinden haben sich vorgestellt. Drei neue Ehrenamtliche wollen beim nächsten Fest mitorganisieren.' });
	at(`${y}-07-08T09:00:00Z`);
	for (const d of (await officeView(asOffice, fest.id)).documents.filter((x) => x.kind === 'receipt')) await checkReceipt(asOffice, fest.id, d.id, { accepted: 'yes' });
	await completeSettlement(asOffice, fest.id, {});

	at(`${y}-08-20T10:00:00Z`);
	for (const [supplier, amount, chosen] of [
		['Farbenhandel Kruse', '640,00', true],
		['Malerbedarf Ruhr', '712,00', false],
		['Baumarkt Bottrop', '689,90', false]
	] as const)
		await uploadDocument(asApplicant, graffiti.token, { kind: 'quote', costItemIndex: 1, amount, supplier, chosen, file: { name: `Angebot ${supplier}.pdf`, type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, graffiti.token, { kind: 'fee_contract', costItemIndex: 0, supplier: 'Honorarvertrag Workshop', file: { name: 'Honorarvertrag.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, graffiti.token, { kind: 'receipt', costItemIndex: 0, amount: '600,00', supplier: 'Honorar Workshop', file: { name: 'Honorarrechnung.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, graffiti.token, { kind: 'receipt', costItemIndex: 1, amount: '640,00', supplier: 'Farbenhandel Kruse', file: { name: 'Rechnung Farben.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, graffiti.token, { kind: 'receipt', costItemIndex: 2, amount: '95,00', supplier: 'Getränke Abschlussfest', file: { name: 'Bon.pdf', type: 'application/pdf', bytes: PDF } });
	await submitSettlement(asApplicant, graffiti.token, { report: 'Zwanzig Jugendliche haben an vier Samstagen die Unterführung gestaltet. Das Abschlussfest fiel wegen Regens kleiner aus als geplant.' });
	at(`${y}-09-02T09:00:00Z`);
	for (const d of (await officeView(asOffice, graffiti.id)).documents.filter((x) => x.kind === 'receipt')) await checkReceipt(asOffice, graffiti.id, d.id, { accepted: 'yes' });
	await completeSettlement(asOffice, graffiti.id, { note: 'Vom Abschlussfest wurden nur 95,00 € verbraucht; der Rest der Vorauszahlung ist zurückzuzahlen.' });

	at(`${y}-10-20T10:00:00Z`);
	await uploadDocument(asApplicant, cafe.token, { kind: 'fee_contract', costItemIndex: 0, supplier: 'Honorarvertrag Kinderbetreuung', file: { name: 'Honorarvertrag.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, cafe.token, { kind: 'receipt', costItemIndex: 0, amount: '960,00', supplier: 'Kinderbetreuung Mai–September', file: { name: 'Honorarabrechnung.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, cafe.token, { kind: 'receipt', costItemIndex: 1, amount: '547,35', supplier: 'Lebensmittel (Sammelbeleg)', file: { name: 'Kassenbons.pdf', type: 'application/pdf', bytes: PDF } });
	await uploadDocument(asApplicant, cafe.token, { kind: 'receipt', costItemIndex: 2, amount: '289,99', supplier: 'Spielwaren Becker', file: { name: 'Rechnung Spielmaterial.pdf', type: 'application/pdf', bytes: PDF } });
	await submitSettlement(asApplicant, cafe.token, { report: 'Das Café fand 20-mal statt, im Schnitt kamen 14 Mütter mit 18 Kindern. Die Migrationsberatung und die Hebammenpraxis waren zu Gast.' });

	// ---- autumn round (deadline 01.10.)
	const kochen = await apply(
		{
			title: 'Interkultureller Kochabend Fuhlenbrock',
			organizationName: 'Ev. Kirchengemeinde Fuhlenbrock (Demo)',
			organizationKind: 'institution',
			contactName: 'Miriam Albers',
			district: 'Fuhlenbrock',
			goals: ['integration', 'neighbourhood'],
			description: 'Einmal im Monat kochen Nachbarinnen und Nachbarn aus verschiedenen Ländern zusammen im Gemeindehaus.',
			costs: [
				['Lebensmittel', '900,00'],
				['Küchengeräte', '300,00']
			],
			own: '200,00',
			requested: '1.000,00',
			start: `${y + 1}-01-10`,
			end: `${y + 1}-06-30`
		},
		`${y}-09-15T09:00:00Z`
	);
	const lesepaten = await apply(
		{
			title: 'Lesepatenschaften in Eigen',
			organizationName: 'Förderverein Grundschule Eigen (Demo)',
			organizationKind: 'association',
			contactName: 'Thomas Bauer',
			district: 'Eigen',
			goals: ['volunteering', 'integration'],
			description: 'Ehrenamtliche lesen mit Kindern, die zu Hause wenig Deutsch sprechen. Der Fonds bezahlt Bücher und eine Schulung der Lesepatinnen und -paten.',
			costs: [
				['Bücher', '700,00'],
				['Schulung der Lesepaten', '400,00', true]
			],
			requested: '1.100,00',
			start: `${y + 1}-01-15`,
			end: `${y + 1}-07-15`
		},
		`${y}-09-28T11:00:00Z`
	);
	await eligible(kochen.id, `${y}-10-05T09:00:00Z`);
	await eligible(lesepaten.id, `${y}-10-05T10:00:00Z`);
	at(`${y}-10-07T09:00:00Z`);
	const autumn = await createSession(asOffice, f.id, { date: `${y}-10-21`, time: '17:00', location: 'Rathaus Bottrop, Raum 214' });
	await issueInvitation(asOffice, autumn.id);
	at(`${y}-10-21T15:00:00Z`);
	await setAttendance(asOffice, autumn.id, [members[0]!, members[2]!, members[3]!, members[5]!, members[7]!, members[8]!]);
	await vote(autumn.id, {
		'Interkultureller Kochabend Fuhlenbrock': ['yes', 'yes', 'yes', 'yes', 'abstain', 'yes'],
		'Lesepatenschaften in Eigen': ['yes', 'yes', 'yes', 'no', 'yes', 'yes']
	});
	at(`${y}-10-21T18:00:00Z`);
	await closeSession(asOffice, autumn.id, {});
	at(`${y}-10-23T09:00:00Z`);
	await grantApplication(asOffice, kochen.id, { amount: '900,00', reasons: 'Das Gremium fördert die Lebensmittel; die Küchengeräte stellt das Gemeindehaus.' });
	// Lesepatenschaften: approved by the jury, the Zuwendungsbescheid is still to be issued (see the back office).

	// ---- the round that is open now (next deadline 01.04.)
	const open = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
	await apply(
		{
			title: 'Spielplatzfest Batenbrock',
			organizationName: 'Elterninitiative Batenbrock',
			organizationKind: 'group',
			contactName: 'Sven Krüger',
			district: 'Batenbrock-Südwest',
			goals: ['neighbourhood', 'activation'],
			description: 'Ein Fest zur Wiedereröffnung des Spielplatzes mit Kinderschminken, Kuchen und einer Pflanzaktion.',
			costs: [
				['Hüpfburg (Miete)', '250,00'],
				['Pflanzen und Erde', '300,00']
			],
			requested: '550,00',
			start: `${y + 1}-05-16`,
			end: `${y + 1}-05-16`
		},
		open(20)
	);
	const repair = await apply(
		{
			title: 'Repair-Café Lehmkuhle',
			organizationName: 'Repair-Café-Gruppe Lehmkuhle',
			organizationKind: 'group',
			contactName: 'Elena Popescu',
			district: 'Lehmkuhle',
			goals: ['self_help', 'volunteering'],
			description: 'Ehrenamtliche reparieren monatlich mit Nachbarinnen und Nachbarn Geräte, Fahrräder und Kleidung.',
			costs: [['Werkzeug', '800,00']],
			requested: '800,00',
			start: `${y + 1}-04-20`,
			end: `${y + 1}-12-31`
		},
		open(15)
	);
	at(open(10));
	await requestRevision(asOffice, repair.id, {
		message: 'Bitte schlüsseln Sie die Werkzeugkosten nach einzelnen Posten auf. Für Anschaffungen ab 500 € brauchen wir später drei Angebote.'
	});
	const spaziergang = await apply(
		{
			title: 'Geschichtsspaziergänge Vonderort',
			organizationName: 'Heimatverein Vonderort (Demo)',
			organizationKind: 'association',
			contactName: 'Walter Schulte',
			district: 'Vonderort',
			goals: ['identity', 'image'],
			description: 'Ältere und neue Bewohnerinnen und Bewohner erzählen an Orten des Stadtteils ihre Geschichte; daraus entstehen vier geführte Spaziergänge und ein Faltblatt in fünf Sprachen.',
			costs: [
				['Übersetzungen', '500,00', true],
				['Druck Faltblatt', '450,00']
			],
			sponsor: '150,00',
			requested: '800,00',
			start: `${y + 1}-05-01`,
			end: `${y + 1}-09-30`
		},
		open(9)
	);
	await eligible(spaziergang.id, open(5));
	const hoffest = await apply(
		{
			title: 'Hoffest im Innenhof',
			organizationName: 'Hausgemeinschaft Gladbecker Straße',
			organizationKind: 'group',
			contactName: 'Nina Wolf',
			district: 'Altstadt',
			goals: ['neighbourhood'],
			description: 'Ein Fest der Hausgemeinschaft im Innenhof.',
			costs: [['Getränke', '150,00']],
			requested: '150,00',
			start: `${y + 1}-06-01`,
			end: `${y + 1}-06-01`
		},
		open(8)
	);
	at(open(7));
	await withdrawApplication(asApplicant, hoffest.token);
	await apply(
		{
			title: 'Seniorentanz im Bürgerhaus Kirchhellen',
			organizationName: 'Seniorenkreis Kirchhellen',
			organizationKind: 'group',
			contactName: 'Hildegard Brune',
			district: 'Kirchhellen-Mitte',
			goals: ['neighbourhood'],
			description: 'Monatlicher Tanznachmittag',
			costs: [],
			requested: '',
			start: '',
			end: ''
		},
		open(2),
		false
	);
	at(open(1));
	await createSession(asOffice, f.id, { date: `${y + 1}-04-21`, time: '17:00', location: 'Rathaus Bottrop, Raum 214' });
}
