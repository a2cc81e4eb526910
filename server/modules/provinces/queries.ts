import type { Db } from '../../db/client.ts';
import { PUBLIC_REPORT_STATUSES } from '../../permissions/visibility.ts';
import { notFound } from '../../plugins/problem.ts';
import type { ProvinceSummary, RegionDto } from './schemas.ts';

export async function listProvinces(db: Db): Promise<ProvinceSummary[]> {
  const [provinces, latest, updated] = await Promise.all([
    db.province.findMany({
      orderBy: { sortOrder: 'asc' },
      include: {
        _count: { select: { regions: true } },
        plans: {
          include: {
            versions: { where: { status: 'published' }, orderBy: { version: 'desc' }, take: 1 },
          },
        },
      },
    }),
    db.report.groupBy({ by: ['provinceCode', 'isDemo'], _max: { period: true } }),
    db.report.groupBy({
      by: ['provinceCode'],
      where: { status: { in: [...PUBLIC_REPORT_STATUSES] } },
      _max: { updatedAt: true },
    }),
  ]);
  const updatedAt = new Map(updated.map((u) => [u.provinceCode, u._max.updatedAt]));
  return provinces.map((p) => {
    const version = p.plans[0]?.versions[0];
    const reports = latest.filter((r) => r.provinceCode === p.code);
    const periods = reports
      .map((r) => r._max.period)
      .filter((x): x is string => !!x)
      .sort();
    return {
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      shortZh: p.shortZh,
      kind: p.kind,
      hasPlan: !!version,
      plan: version
        ? {
            slug: p.plans[0]!.slug,
            documentNumber: version.documentNumber,
            version: version.version,
            startYear: version.startYear,
            endYear: version.endYear,
          }
        : null,
      regionCount: p._count.regions,
      latestPeriod: periods.at(-1) ?? null,
      updatedAt: updatedAt.get(p.code)?.toISOString() ?? null,
      hasDemoData: reports.some((r) => r.isDemo),
    };
  });
}

export const provinceNotFound = (code: string) =>
  notFound(`Province ${code}`, `省份 ${code}`, '/params/code');

export async function requireProvince(db: Db, code: string) {
  const province = await db.province.findUnique({ where: { code } });
  if (!province) throw provinceNotFound(code);
  return province;
}

export async function listRegions(db: Db, provinceCode: string): Promise<RegionDto[]> {
  const regions = await db.coordinatingRegion.findMany({
    where: { provinceCode },
    orderBy: { sortOrder: 'asc' },
  });
  return regions.map((r) => ({
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    kind: r.kind,
    codeSource: r.codeSource,
  }));
}
