import { m } from '#lib/paraglide/messages.js';

/** Field error codes from the grants services → text in the visitor's language. */
const TEXTS: Record<string, () => string> = {
	required: m.grants_error_required,
	email_invalid: m.grants_error_email_invalid,
	too_long: m.grants_error_too_long,
	date_invalid: m.grants_error_date_invalid,
	amount_invalid: m.grants_error_amount_invalid,
	start_in_past: m.grants_error_start_in_past,
	end_before_start: m.grants_error_end_before_start,
	goals_required: m.grants_error_goals_required,
	district_unknown: m.grants_error_district_unknown,
	costs_required: m.grants_error_costs_required,
	over_cap: m.grants_error_over_cap,
	over_cooperation_cap: m.grants_error_over_cooperation_cap,
	over_gap: m.grants_error_over_gap,
	file_missing: m.grants_error_file_missing,
	file_too_large: m.grants_error_file_too_large,
	file_type: m.grants_error_file_type,
	too_many_files: m.grants_error_too_many_files,
	report_short: m.grants_error_report_short,
	receipts_missing: m.grants_error_receipts_missing,
	locked: m.grants_error_locked,
	no_round: m.grants_error_no_round,
	incomplete: m.grants_error_incomplete,
	rate_limited: m.form_error_rate_limited,
	rejected: m.grants_error_rejected
};

export function grantsErrorText(code: unknown): string {
	return (TEXTS[String(code)] ?? m.grants_error_rejected)();
}

export function grantsFieldErrors(fieldErrors: Record<string, unknown> | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, code]) => [k, grantsErrorText(code)]));
}

/** The form-level message, unless it only repeats that fields are wrong. */
export function grantsMessage(message: unknown): string | undefined {
	if (!message || message === 'invalid') return undefined;
	return grantsErrorText(message);
}
