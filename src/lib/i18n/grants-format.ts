/** Amounts and dates in German, as on letters and in the back office. */
/** "1.500,00 €" — German format, always two decimals. */
export function formatEuro(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(Math.trunc(cents));
	const euros = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

/** "01.04.2026" */
export function germanDate(isoDate: string): string {
	const [y, m, d] = isoDate.split('-');
	return `${d}.${m}.${y}`;
}


/** Amounts and dates on the portal in the visitor's language (Latin digits, as on the letters and receipts). */
export function formatEuroIn(lang: string, cents: number): string {
	return new Intl.NumberFormat(`${lang}-u-nu-latn`, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatDate(lang: string, isoDate: string): string {
	return new Intl.DateTimeFormat(`${lang}-u-nu-latn`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatDateTime(lang: string, at: Date | string): string {
	return new Intl.DateTimeFormat(`${lang}-u-nu-latn`, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(at));
}

/** Cents as the form shows them for editing: "1500,00" in German, "1500.00" elsewhere would confuse; the form always takes both. */
export function centsForInput(cents: number): string {
	return cents ? (cents / 100).toFixed(2).replace('.', ',') : '';
}
