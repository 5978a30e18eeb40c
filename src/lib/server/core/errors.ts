/**
 * Errors a service may raise on purpose. Routes map them to HTTP status codes and readable German
 * messages (back office) or localised messages (portal); anything else is a bug and becomes a 500.
 */
export class AppError extends Error {
	constructor(
		public readonly status: number,
		public readonly code: string,
		message: string,
		public readonly fieldErrors: Record<string, string> = {}
	) {
		super(message);
	}
}

export class ValidationError extends AppError {
	constructor(message: string, fieldErrors: Record<string, string> = {}) {
		super(400, 'validation_failed', message, fieldErrors);
	}
}
export class UnauthenticatedError extends AppError {
	constructor(message = 'Bitte melden Sie sich an.') {
		super(401, 'unauthenticated', message);
	}
}
export class ForbiddenError extends AppError {
	constructor(message = 'Dafür fehlt Ihnen die Berechtigung.') {
		super(403, 'forbidden', message);
	}
}
/** Also used when a record exists in another municipality: its existence is not revealed. */
export class NotFoundError extends AppError {
	constructor(message = 'Nicht gefunden.') {
		super(404, 'not_found', message);
	}
}
export class ConflictError extends AppError {
	constructor(message: string, fieldErrors: Record<string, string> = {}) {
		super(409, 'conflict', message, fieldErrors);
	}
}
export class TooManyRequestsError extends AppError {
	constructor(
		message: string,
		public readonly retryAfterSeconds: number
	) {
		super(429, 'too_many_requests', message);
	}
}

/** Turn a zod error into field messages keyed by the first path segment. */
export function fieldErrorsFrom(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) {
		const key = issue.path.map(String).join('.') || '_form';
		if (!(key in out)) out[key] = issue.message;
	}
	return out;
}

/** Validates untrusted input against a zod schema; on failure a ValidationError with a message per field. */
export function parseInput<T>(
	schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
	raw: unknown,
	message = 'Bitte prüfen Sie die markierten Felder.'
): T {
	const result = schema.safeParse(raw);
	if (!result.success) throw new ValidationError(message, fieldErrorsFrom(result.error.issues));
	return result.data;
}
