/**
 * Reports as a list (the review queue): filtered by period, province, status and whether they
 * are overdue. A report is overdue when its province's reporting duty (the plan's, see
 * server/domain/reporting-duty.ts) owed it by a deadline and it was submitted after that day,
 * or has still not been submitted (a draft, a returned report) now that the day has passed.
 */
import type { Db } from '../../db/client.ts';
import { dutyOfPlan, quarterDuty } from '../../domain/reporting-duty.ts';
import type { Reader } from '../../permissions/session.ts';
import { mayReadReport } from '../../permissions/visibility.ts';
import { planInForceDuty } from '../shared/plan-duty.ts';
import type { ReportListItemDto } from './schemas.ts';

export interface ListFilter {
  period?: string;
  province?: string;
  status?: ReportListItemDto['status'];
  overdue?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function listReports(
  db: Db,
  reader: Reader,
  q: ListFilter,
  deadlineDays: number,
  today = new Date(),
): Promise<ReportListItemDto[]> {
  const reports = await db.report.findMany({
    where: { period: q.period, provinceCode: q.province, status: q.status },
    include: {
      province: {
        include: {
          plans: planInForceDuty,
        },
      },
      _count: { select: { rows: true } },
    },
    orderBy: [{ period: 'desc' }, { province: { sortOrder: 'asc' } }],
    take: 2000,
  });
  const todayIso = iso(today)!;
  return reports
    .filter((r) => mayReadReport(reader, r))
    .map((r) => {
      const version = r.province.plans.flatMap((p) => p.versions)[0];
      const { deadline } = quarterDuty(
        dutyOfPlan(version),
        version?.startYear ?? 2022,
        r.period,
        deadlineDays,
      );
      const submitted = r.status === 'submitted' || r.status === 'accepted';
      const late =
        deadline !== null &&
        (submitted ? (iso(r.submittedAt) ?? todayIso) > deadline : todayIso > deadline);
      return {
        provinceCode: r.provinceCode,
        provinceNameZh: r.province.nameZh,
        provinceNameEn: r.province.nameEn,
        period: r.period,
        status: r.status,
        version: r.version,
        isDemo: r.isDemo,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        rowCount: r._count.rows,
        deadline,
        overdue: late,
      };
    })
    .filter((r) => q.overdue === undefined || r.overdue === q.overdue);
}
