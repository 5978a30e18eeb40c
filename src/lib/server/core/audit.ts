import { and, desc, eq, gte, lte, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { auditEvent } from './schema.ts';
import type { ServiceContext } from './context.ts';
import { actorLabel } from './roles.ts';
import { authorize } from './authorize.ts';

export interface AuditEntry {
	action: string;
	entityType: string;
	entityId: string;
	before?: unknown;
	after?: unknown;
}

/** Secrets never reach the audit trail, whatever a service hands over. */
const REDACTED_KEYS = new Set(['password', 'token', 'tokenHash', 'secret']);
function redact(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(redact);
	if (typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACTED_KEYS.has(k) ? '[entfernt]' : redact(v)])
		);
	}
	return value;
}

export async function recordAudit(tx: DbOrTx, ctx: ServiceContext, entry: AuditEntry) {
	await tx.insert(auditEvent).values({
		municipalityId: ctx.municipality.id,
		actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
		actorLabel: actorLabel(ctx.actor),
		action: entry.action,
		entityType: entry.entityType,
		entityId: entry.entityId,
		before: redact(entry.before) as object | null,
		after: redact(entry.after) as object | null,
		createdAt: ctx.clock.now()
	});
}

export interface AuditFilter {
	entityType?: string;
	action?: string;
	actor?: string;
	from?: Date;
	to?: Date;
	page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(ctx: ServiceContext, filter: AuditFilter) {
	authorize(ctx, 'audit.read');
	const conditions: SQL[] = [eq(auditEvent.municipalityId, ctx.municipality.id)];
	if (filter.entityType) conditions.push(eq(auditEvent.entityType, filter.entityType));
	if (filter.action) conditions.push(eq(auditEvent.action, filter.action));
	if (filter.actor) {
		const pattern = `%${filter.actor.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
		conditions.push(or(ilike(auditEvent.actorLabel, pattern), eq(auditEvent.entityId, filter.actor))!);
	}
	if (filter.from) conditions.push(gte(auditEvent.createdAt, filter.from));
	if (filter.to) conditions.push(lte(auditEvent.createdAt, filter.to));
	const page = Number.isSafeInteger(filter.page) ? Math.min(Math.max(1, filter.page!), 1_000_000) : 1;
	const where = and(...conditions);
	const [rows, [count]] = await Promise.all([
		ctx.db
			.select()
			.from(auditEvent)
			.where(where)
			.orderBy(desc(auditEvent.createdAt), desc(auditEvent.id))
			.limit(AUDIT_PAGE_SIZE)
			.offset((page - 1) * AUDIT_PAGE_SIZE),
		ctx.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(where)
	]);
	const facets = await ctx.db
		.selectDistinct({ entityType: auditEvent.entityType, action: auditEvent.action })
		.from(auditEvent)
		.where(eq(auditEvent.municipalityId, ctx.municipality.id));
	return {
		rows,
		total: count?.n ?? 0,
		page,
		pageCount: Math.max(1, Math.ceil((count?.n ?? 0) / AUDIT_PAGE_SIZE)),
		entityTypes: [...new Set(facets.map((f) => f.entityType))].sort(),
		actions: [...new Set(facets.map((f) => f.action))].sort()
	};
}
