/** Who has reported a period, submitted, been accepted; who is overdue against the deadline. */
import type { Db } from '../../db/client.ts';
import { quarterEnd } from '../../domain/periods.ts';
import type { CompletenessResponse } from './schemas.ts';

export function reportingDeadline(period: string, deadlineDays: number): string {
  const end = new Date(`${quarterEnd(period)}T00:00:00Z`);
  return new Date(end.getTime() + deadlineDays * 86_400_000).toISOString().slice(0, 10);
}

export async function completeness(
  db: Db,
  period: string,
  deadlineDays: number,
  today = new Date(),
): Promise<CompletenessResponse> {
  const deadline = reportingDeadline(period, deadlineDays);
  const overduePossible = today.toISOString().slice(0, 10) > deadline;
  const provinces = await db.province.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      _count: { select: { regions: true } },
      plans: { select: { id: true } },
      reports: { where: { period }, include: { _count: { select: { rows: true } } } },
    },
  });
  return {
    period,
    deadline,
    rows: provinces.map((p) => {
      const rep = p.reports[0];
      const done = rep?.status === 'submitted' || rep?.status === 'accepted';
      return {
        province: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn },
        hasPlan: p.plans.length > 0,
        regionCount: p._count.regions,
        regionsReported: rep?._count.rows ?? 0,
        status: rep?.status ?? 'none',
        submittedAt: rep?.submittedAt?.toISOString() ?? null,
        acceptedAt: rep?.acceptedAt?.toISOString() ?? null,
        // only provinces whose coordinating regions are registered can report
        overdue: overduePossible && p._count.regions > 0 && !done,
        isDemo: rep?.isDemo ?? false,
      };
    }),
  };
}
