/**
 * Letters of the fund procedure: default German wording per kind, the municipality's own wording on top,
 * and the frozen HTML document that becomes the PDF. Templates are plain text with {{placeholders}};
 * blank lines separate paragraphs, lines starting with "- " become a list. Values are always escaped;
 * only the tables the platform builds itself ({{tabelle}}) are inserted as HTML.
 */
import type { LetterKind } from './schema.ts';

export interface LetterTemplateText {
	subject: string;
	body: string;
}

export const LETTER_LABELS: Record<LetterKind, string> = {
	receipt_confirmation: 'Eingangsbestätigung',
	revision_request: 'Aufforderung zur Nachbesserung',
	precheck_rejection: 'Ablehnung nach Vorprüfung',
	invitation: 'Einladung zur Jurysitzung',
	minutes: 'Niederschrift der Jurysitzung',
	approval: 'Zuwendungsbescheid',
	rejection: 'Ablehnungsbescheid (mit Begründung und Rechtsbehelfsbelehrung)',
	rejection_without_reasons: 'Ablehnungsbescheid (ohne Begründung, wie in der Richtlinie)',
	payment_order: 'Auszahlungsanordnung',
	settlement_record: 'Prüfvermerk zur Abrechnung',
	refund_demand: 'Rückforderung'
};

/** Placeholders each template may use, with an explanation for the template editor. */
export const PLACEHOLDERS: Record<string, string> = {
	anrede: 'Anrede mit Namen der Kontaktperson',
	antragsteller: 'Gruppe, Verein oder Institution',
	aktenzeichen: 'Aktenzeichen des Antrags',
	projekt: 'Titel des Projekts',
	stadtteil: 'Stadtteil',
	fonds: 'Name des Fonds',
	geschaeftsfuehrung: 'Geschäftsführung des Fonds',
	eingang: 'Eingangsdatum',
	frist: 'Antragsfrist der Runde',
	beantragt: 'beantragter Betrag',
	betrag: 'bewilligter oder ausgezahlter Betrag',
	zeitraum: 'Projektzeitraum',
	abrechnungsfrist: 'Frist für die Abrechnung',
	schwelle: 'Betrag, ab dem drei Angebote nötig sind',
	gruende: 'Begründung der Entscheidung',
	auflagen: 'zusätzliche Auflagen',
	nachricht: 'Text der Nachfrage',
	gericht: 'zuständiges Verwaltungsgericht',
	statuslink: 'Seite des Fonds im Portal (der persönliche Link steht nie in einem Schreiben)',
	sitzung: 'Datum, Uhrzeit und Ort der Sitzung',
	rest: 'noch verfügbare Mittel im Förderjahr',
	rueckforderung: 'zurückzuzahlender Betrag',
	tabelle: 'Tabelle (Tagesordnung, Abstimmungen oder Belege), vom System erstellt'
};

export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplateText> = {
	receipt_confirmation: {
		subject: 'Eingangsbestätigung – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

Ihr Antrag „{{projekt}}“ auf Förderung aus dem {{fonds}} ist am {{eingang}} bei uns eingegangen. Er trägt das Aktenzeichen {{aktenzeichen}} und wird zur Antragsfrist {{frist}} bearbeitet; die Anträge werden in der Reihenfolge ihres Eingangs geprüft.

Beantragt sind {{beantragt}}. Wir prüfen zunächst, ob das Vorhaben nach der Richtlinie förderfähig ist. Förderfähige Anträge legen wir dem Entscheidungsgremium vor.

Bitte beginnen Sie mit dem Projekt nicht, bevor Sie einen Zuwendungsbescheid erhalten haben. Ausgaben vor der Bewilligung können nicht gefördert werden.

Den Stand Ihres Antrags sehen Sie über den persönlichen Link aus unserer E-Mail. Haben Sie ihn nicht mehr, können Sie unter {{statuslink}} mit dem Aktenzeichen einen neuen anfordern.`
	},
	revision_request: {
		subject: 'Bitte ergänzen Sie Ihren Antrag – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

bei der Vorprüfung Ihres Antrags „{{projekt}}“ sind uns Punkte aufgefallen, die wir vor einer Vorlage an das Entscheidungsgremium geklärt haben möchten:

{{nachricht}}

Bitte ergänzen Sie den Antrag über Ihre Statusseite ({{statuslink}}) und reichen Sie ihn dort erneut ein.

Für Rückfragen stehen wir Ihnen gern zur Verfügung.`
	},
	precheck_rejection: {
		subject: 'Ihr Antrag ist nicht förderfähig – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

wir haben Ihren Antrag „{{projekt}}“ geprüft. Leider kann das Vorhaben nach der Richtlinie des {{fonds}} nicht gefördert werden, weil:

{{gruende}}

Wir legen den Antrag deshalb dem Entscheidungsgremium nicht vor. Gern beraten wir Sie, ob das Vorhaben in veränderter Form oder aus einem anderen Programm gefördert werden kann.

Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden. Die Klage ist beim {{gericht}} schriftlich oder in elektronischer Form einzureichen.`
	},
	invitation: {
		subject: 'Einladung zur Sitzung des Entscheidungsgremiums am {{sitzung}}',
		body: `Sehr geehrte Mitglieder des Entscheidungsgremiums,

hiermit lade ich Sie zur Sitzung des Entscheidungsgremiums des {{fonds}} ein: {{sitzung}}.

Im Förderjahr sind noch {{rest}} verfügbar. Zur Entscheidung liegen die folgenden förderfähigen Anträge vor:

{{tabelle}}

Die Anträge und die Vermerke der Vorprüfung finden Sie im Backoffice. Wer bei einem Antrag befangen ist, wirkt an dessen Beratung und Abstimmung nicht mit; bitte teilen Sie uns dies vorab mit. Ist ein Mitglied verhindert, nimmt die Stellvertretung teil.`
	},
	minutes: {
		subject: 'Niederschrift der Sitzung des Entscheidungsgremiums am {{sitzung}}',
		body: `Sitzung des Entscheidungsgremiums des {{fonds}} am {{sitzung}}.

Das Gremium entscheidet mit einfacher Mehrheit der erschienenen Mitglieder. Befangene Mitglieder haben an Beratung und Abstimmung des jeweiligen Antrags nicht mitgewirkt.

{{tabelle}}

Nach der Sitzung sind im Förderjahr noch {{rest}} verfügbar.`
	},
	approval: {
		subject: 'Zuwendungsbescheid – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

auf Ihren Antrag vom {{eingang}} bewillige ich Ihnen aus dem {{fonds}} eine Zuwendung in Höhe von {{betrag}} für das Projekt „{{projekt}}“ im Stadtteil {{stadtteil}}.

Zweck: Die Zuwendung ist ausschließlich für das beantragte Projekt nach dem eingereichten Kostenplan zu verwenden.
Bewilligungszeitraum: {{zeitraum}}

Die Bewilligung ist mit folgenden Nebenbestimmungen verbunden:
- Mit dem Projekt darf nicht vor dem Datum dieses Bescheids begonnen werden.
- Die Zuwendung wird nach Abschluss des Projekts gegen Vorlage der Einzelbelege ausgezahlt, es sei denn, eine Vorauszahlung wurde ausdrücklich bewilligt.
- Die Abrechnung mit Belegen und einem kurzen Sachbericht ist bis zum {{abrechnungsfrist}} einzureichen.
- Für jede Ausgabe ab {{schwelle}} sind drei Angebote einzuholen; das wirtschaftlichste ist zu wählen oder die Wahl eines anderen zu begründen.
- Für selbstständige Tätigkeiten sind Honorarverträge abzuschließen und mit der Abrechnung vorzulegen.
- Nicht zweckentsprechend verwendete Mittel werden zurückgefordert.

{{auflagen}}

Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden. Die Klage ist beim {{gericht}} schriftlich oder in elektronischer Form einzureichen.`
	},
	rejection: {
		subject: 'Ablehnungsbescheid – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

das Entscheidungsgremium des {{fonds}} hat über Ihren Antrag „{{projekt}}“ vom {{eingang}} beraten. Ich muss Ihnen leider mitteilen, dass der Antrag abgelehnt wurde.

Begründung:
{{gruende}}

Ein Anspruch auf Förderung besteht nach der Richtlinie weder dem Grunde noch der Höhe nach. Ein neuer Antrag zu einer späteren Frist ist möglich.

Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden. Die Klage ist beim {{gericht}} schriftlich oder in elektronischer Form einzureichen.`
	},
	rejection_without_reasons: {
		subject: 'Ablehnungsbescheid – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

das Entscheidungsgremium des {{fonds}} hat über Ihren Antrag „{{projekt}}“ vom {{eingang}} beraten und ihn abgelehnt. Ein Anspruch auf Förderung besteht nach der Richtlinie weder dem Grunde noch der Höhe nach.`
	},
	payment_order: {
		subject: 'Auszahlungsanordnung – {{projekt}} ({{aktenzeichen}})',
		body: `Empfänger: {{antragsteller}}
Projekt: {{projekt}} ({{aktenzeichen}})
Auszuzahlender Betrag: {{betrag}}

Die sachliche und rechnerische Richtigkeit wurde geprüft. Die Mittel stammen aus dem {{fonds}}.

{{tabelle}}`
	},
	settlement_record: {
		subject: 'Prüfvermerk zur Abrechnung – {{projekt}} ({{aktenzeichen}})',
		body: `Prüfvermerk zur Abrechnung des Projekts „{{projekt}}“ ({{aktenzeichen}}) von {{antragsteller}}.

Bewilligt: {{betrag}}. Die Belege wurden mit dem Kostenplan abgeglichen; für Ausgaben ab {{schwelle}} wurden die Vergleichsangebote, für Honorare die Honorarverträge geprüft.

{{tabelle}}

{{gruende}}`
	},
	refund_demand: {
		subject: 'Rückforderung – {{projekt}} ({{aktenzeichen}})',
		body: `{{anrede}}

nach Prüfung Ihrer Abrechnung zum Projekt „{{projekt}}“ wurden Mittel in Höhe von {{rueckforderung}} nicht wie bewilligt verwendet. Ich fordere diesen Betrag zurück und bitte Sie, ihn innerhalb eines Monats unter Angabe des Aktenzeichens {{aktenzeichen}} zu überweisen.

Gründe:
{{gruende}}

Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage erhoben werden. Die Klage ist beim {{gericht}} schriftlich oder in elektronischer Form einzureichen.`
	}
};

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Names of placeholders in a template that the platform does not know (shown to the editor as an error). */
export function unknownPlaceholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/gi)].map((m) => m[1]!).filter((n) => !(n in PLACEHOLDERS)))];
}

/** Fills a one-line text (the subject). */
export function fillLine(template: string, values: Record<string, string>): string {
	return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (_, n: string) => values[n] ?? '');
}

/** Template body → HTML: escaped values, paragraphs, lists; `tableHtml` goes where {{tabelle}} stands. */
export function bodyHtml(template: string, values: Record<string, string>, tableHtml = ''): string {
	const blocks = template.replace(/\r\n/g, '\n').split(/\n{2,}/);
	const out: string[] = [];
	for (const block of blocks) {
		if (/^\s*\{\{\s*tabelle\s*\}\}\s*$/.test(block)) {
			if (tableHtml) out.push(tableHtml);
			continue;
		}
		// Values may hold several lines or paragraphs (reasons, messages): they are filled first, then split.
		const filled = fillLine(escapeHtml(block), Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)])));
		if (!filled.trim()) continue;
		for (const para of filled.split(/\n{2,}/)) {
			const lines = para.split('\n');
			const listStart = lines.findIndex((l) => l.startsWith('- '));
			if (listStart >= 0 && lines.slice(listStart).every((l) => l.startsWith('- '))) {
				if (listStart > 0) out.push(`<p>${lines.slice(0, listStart).join('<br>')}</p>`);
				out.push(`<ul>${lines
					.slice(listStart)
					.map((l) => `<li>${l.slice(2)}</li>`)
					.join('')}</ul>`);
			} else out.push(`<p>${lines.join('<br>')}</p>`);
		}
	}
	return out.join('\n');
}

export interface LetterFrame {
	municipalityName: string;
	managingOffice: string;
	officeAddress: string;
	officeEmail: string;
	/** Recipient block lines; empty for internal documents (minutes, payment order). */
	recipient: string[];
	date: string;
	reference: string;
	subject: string;
	bodyHtml: string;
	signature: string;
	/** Marks letters of a demo municipality. */
	demo: boolean;
}

/** A complete, self-contained HTML document (no external resources) for print and PDF. */
export function letterDocument(f: LetterFrame): string {
	const lines = (xs: string[]) => xs.map(escapeHtml).join('<br>');
	return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>${escapeHtml(f.subject)}</title>
<style>
@page { size: A4; margin: 20mm 20mm 22mm 25mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #000; }
.head { display: flex; justify-content: space-between; border-bottom: 1px solid #444; padding-bottom: 4mm; margin-bottom: 8mm; }
.head .town { font-size: 14pt; font-weight: bold; }
.sender { font-size: 8pt; text-decoration: underline; margin-bottom: 2mm; }
.recipient { min-height: 30mm; }
.meta { text-align: right; margin: 6mm 0; }
h1 { font-size: 12pt; margin: 6mm 0 4mm; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9.5pt; }
th, td { border: 1px solid #888; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.signature { margin-top: 12mm; }
.demo { border: 1px solid #000; padding: 2mm; margin-bottom: 4mm; font-weight: bold; }
</style></head>
<body>
${f.demo ? '<p class="demo">Demo – kein echtes Schreiben.</p>' : ''}
<div class="head"><div><div class="town">${escapeHtml(f.municipalityName)}</div><div>${escapeHtml(f.managingOffice)}</div></div><div>${lines(f.officeAddress.split('\n'))}<br>${escapeHtml(f.officeEmail)}</div></div>
${f.recipient.length ? `<div class="sender">${escapeHtml(f.municipalityName)} · ${escapeHtml(f.managingOffice)}</div><div class="recipient">${lines(f.recipient)}</div>` : ''}
<p class="meta">${f.reference ? `Aktenzeichen: ${escapeHtml(f.reference)}<br>` : ''}Datum: ${escapeHtml(f.date)}</p>
<h1>${escapeHtml(f.subject)}</h1>
${f.bodyHtml}
${f.recipient.length ? `<p class="signature">Mit freundlichen Grüßen<br>Im Auftrag<br><br>${escapeHtml(f.signature)}</p>` : `<p class="signature">Gezeichnet<br><br>${escapeHtml(f.signature)}</p>`}
</body></html>`;
}

/** A simple table as HTML, every cell escaped. Columns whose header ends with "€" are right-aligned. */
export function tableHtml(headers: string[], rows: string[][]): string {
	const num = headers.map((h) => /€|Anzahl|Ja|Nein|Enth/.test(h));
	return `<table><thead><tr>${headers.map((h, i) => `<th${num[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
		.map((r) => `<tr>${r.map((c, i) => `<td${num[i] ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
		.join('')}</tbody></table>`;
}
