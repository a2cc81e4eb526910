/** Appends to the audit trail. Call it inside the transaction that makes the change, with the before state read in that transaction. */
import { Prisma } from '../../db/client.ts';
import type { SessionUser } from '../../permissions/session.ts';
import { PUBLIC_HISTORY_ACTIONS } from '../../permissions/visibility.ts';
import { stateAsRead } from '../reports/audit-state.ts';

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  actor: SessionUser | 'seed' | 'system';
  action: string;
  entityType: string;
  entityId: string | number;
  provinceCode?: string | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) =>
  v === undefined || v === null
    ? undefined
    : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

const actorOf = (e: Pick<AuditEntry, 'actor'>) =>
  typeof e.actor === 'string'
    ? { actorId: null, actorLabel: e.actor }
    : { actorId: e.actor.id, actorLabel: e.actor.username };

function row(e: AuditEntry) {
  return {
    ...actorOf(e),
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    provinceCode: e.provinceCode ?? null,
    before: json(e.before),
    after: json(e.after),
  };
}

/** JSON text for a jsonb column; null when there is nothing to record. */
const jsonText = (v: unknown) =>
  v === undefined || v === null ? null : (JSON.stringify(v) ?? null);

/**
 * One statement with the before and after states as JSON text: a 400-row report's two states
 * took half a second through Prisma's Json input, and a few milliseconds as text cast to jsonb.
 */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.$executeRaw(auditInsert(e));
}

/**
 * The statement recordAudit runs, for a write that runs its own (pgSql). With `of`, a
 * relation (a data-modifying CTE's rows, such as the report a save wrote): one entry per row,
 * that row's `id` the entity's, and none when it has no row.
 */
export function auditInsert(
  e: AuditEntry | (Omit<AuditEntry, 'entityId'> & { of: Prisma.Sql }),
): Prisma.Sql {
  const { actorId, actorLabel } = actorOf(e);
  const of = 'of' in e ? e.of : null;
  return Prisma.sql`
    INSERT INTO audit_event (actor_id, actor_label, action, entity_type, entity_id, province_code,
      before, after)
    SELECT ${actorId}::int, ${actorLabel}::text, ${e.action}::text, ${e.entityType}::text,
      ${of ? Prisma.sql`w.id::text` : Prisma.sql`${String((e as AuditEntry).entityId)}::text`},
      ${e.provinceCode ?? null}::text, ${jsonText(e.before)}::jsonb, ${jsonText(e.after)}::jsonb
    ${of ? Prisma.sql`FROM ${of} w` : Prisma.empty}`;
}

/** Many entries in one statement (a generated batch: one per demo report). */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await tx.auditEvent.createMany({ data: entries.map(row) });
}

/**
 * A history as GET …/history answers it. `full` (an insider, see visibility.ts): every event,
 * with the account. Otherwise only the events that made content public, the account's role
 * instead of its name, and of the states before and after only their status and version.
 */
export async function auditTrail(
  db: Tx,
  entityType: string,
  entityId: string | number,
  full: boolean,
) {
  const rows = await db.auditEvent.findMany({
    where: {
      entityType,
      entityId: String(entityId),
      ...(full ? {} : { action: { in: [...PUBLIC_HISTORY_ACTIONS] } }),
    },
    include: { actor: { select: { role: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: full ? r.actorLabel : (r.actor?.role ?? r.actorLabel),
    action: r.action,
    before: full ? stateAsRead(r.before ?? null) : statusOnly(r.before),
    after: full ? stateAsRead(r.after ?? null) : statusOnly(r.after),
  }));
}

const statusOnly = (state: unknown) => {
  if (!state || typeof state !== 'object') return null;
  const { status, version } = state as { status?: unknown; version?: unknown };
  return { status: status ?? null, version: version ?? null };
};
