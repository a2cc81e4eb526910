import type { Db } from '../../db/client.ts';
import type { Reader } from '../../permissions/session.ts';
import { mayReadReport } from '../../permissions/visibility.ts';
import type { ReportListItemDto } from './schemas.ts';

export async function listReports(
  db: Db,
  reader: Reader,
  q: { period?: string; province?: string; status?: ReportListItemDto['status'] },
): Promise<ReportListItemDto[]> {
  const reports = await db.report.findMany({
    where: { period: q.period, provinceCode: q.province, status: q.status },
    include: { province: true, _count: { select: { rows: true } } },
    orderBy: [{ period: 'desc' }, { province: { sortOrder: 'asc' } }],
    take: 2000,
  });
  return reports
    .filter((r) => mayReadReport(reader, r))
    .map((r) => ({
      provinceCode: r.provinceCode,
      provinceNameZh: r.province.nameZh,
      provinceNameEn: r.province.nameEn,
      period: r.period,
      status: r.status,
      version: r.version,
      isDemo: r.isDemo,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      rowCount: r._count.rows,
    }));
}
