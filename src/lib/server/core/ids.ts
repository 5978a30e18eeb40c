const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are untrusted: anything that is not a UUID simply matches nothing. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}
