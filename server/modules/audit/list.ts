/** The audit trail, filtered and paged, newest first (GET /api/audit). */
import type { Db, Prisma } from '../../db/client.ts';
import { stateAsRead } from '../reports/audit-state.ts';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  province?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const where: Prisma.AuditEventWhereInput = {
    action: f.action?.endsWith('.') ? { startsWith: f.action } : f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    actorLabel: f.actor,
    provinceCode: f.province,
    at:
      f.from || f.to
        ? { gte: f.from ? new Date(f.from) : undefined, lt: f.to ? new Date(f.to) : undefined }
        : undefined,
  };
  const [total, rows] = await db.$transaction([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    }),
  ]);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    entries: rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      provinceCode: r.provinceCode,
      before: stateAsRead(r.before ?? null),
      after: stateAsRead(r.after ?? null),
    })),
  };
}
