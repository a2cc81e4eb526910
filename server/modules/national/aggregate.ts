/**
 * The country (全国), quarter by quarter, on one dimension: actual coverage from every
 * province's public (submitted or accepted) reports, the national plan's planned path and
 * level owed for the country, and NHSA's published figures as reference points. Each
 * province goes through the same engine as its own page (trajectory/service.ts).
 */
import type { Db } from '../../db/client.ts';
import { type Coverage, coverageOf, rollUpCoverage } from '../../domain/coverage.ts';
import { type ProvinceAtQuarter, rollUpCountry } from '../../domain/national.ts';
import { roundPercent } from '../../domain/numbers.ts';
import type { Dimension, Period } from '../../domain/types.ts';
import { nationalPlanModel } from '../plans/queries.ts';
import { REPORTED } from '../progress/queries.ts';
import { publishedFigures } from '../reference/published-figures.ts';
import { actualDto } from '../trajectory/dto.ts';
import { provinceContext, trajectoryOf } from '../trajectory/service.ts';
import type { NationalResponse } from './schemas.ts';

export const NATIONAL_RULE = {
  zh: '全国实际覆盖：各省已报送（已提交或审核通过）报告的分子、分母分别相加。国家序时进度与国家最低要求：各省按国家方案计算的数值，以其实际覆盖的分母加权；未报送的省份不计入；无人报送的季度按统筹地区数等权。',
  en:
    "Country actual: the numerators and denominators of every province's reported (submitted or accepted) report added up. " +
    "National planned path and minimum: each province's national-plan figures weighted by its actual denominator; " +
    'provinces that did not report are left out; a quarter nobody reported weighs every region the same.',
};

/** 2025-04 → 2025Q2; 2023-12-31 → 2023Q4 */
export const periodOfDate = (d: string): Period =>
  `${d.slice(0, 4)}Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;

export async function nationalTrajectory(db: Db, dimension: Dimension): Promise<NationalResponse> {
  const [provinces, national, figures, reports] = await Promise.all([
    db.province.findMany({ orderBy: { sortOrder: 'asc' }, select: { code: true } }),
    nationalPlanModel(db),
    publishedFigures(),
    db.report.findMany({
      where: { status: { in: [...REPORTED] } },
      select: { provinceCode: true, period: true, isDemo: true },
    }),
  ]);
  const demo = new Set(reports.filter((r) => r.isDemo).map((r) => `${r.provinceCode}|${r.period}`));
  const contexts = await Promise.all(provinces.map((p) => provinceContext(db, p.code, national)));

  let periods: Period[] = [];
  const byPeriod = new Map<Period, ProvinceAtQuarter[]>();
  for (const ctx of contexts) {
    const t = trajectoryOf(ctx, { dimension });
    periods = t.periods;
    const own = t.series[0]!;
    // every region counts in the country's figure (a plan's province scope may leave one out)
    const coverages = new Map<Period, Coverage[]>();
    for (const q of ctx.data.quarters) {
      const list = coverages.get(q.period) ?? [];
      list.push(coverageOf(q, dimension));
      coverages.set(q.period, list);
    }
    for (const point of own.points) {
      const parts = coverages.get(point.period);
      const list = byPeriod.get(point.period) ?? [];
      list.push({
        actual: parts ? rollUpCoverage(parts) : null,
        nationalPlanned: point.nationalPlanned,
        nationalOwed: point.nationalOwed,
        regionCount: ctx.regions.length,
        regionsReported: parts?.length ?? 0,
        isDemo: demo.has(`${ctx.code}|${point.period}`),
      });
      byPeriod.set(point.period, list);
    }
  }

  const points = periods.map((period) => {
    const c = rollUpCountry(byPeriod.get(period) ?? []);
    return {
      period,
      actual: actualDto(c.actual, dimension),
      nationalPlanned: roundPercent(c.nationalPlanned),
      nationalOwed: roundPercent(c.nationalOwed),
      weighting: c.weighting,
      provincesReported: c.provincesReported,
      regionsReported: c.regionsReported,
      demoProvinces: c.demoProvinces,
    };
  });
  return {
    dimension,
    national: {
      slug: national.slug,
      versionId: national.versionId,
      version: national.version,
      documentNumber: national.document.number,
    },
    provinceCount: provinces.length,
    regionCount: contexts.reduce((n, c) => n + c.regions.length, 0),
    isDemo: points.some((p) => p.demoProvinces > 0),
    points,
    published: figures
      .filter((f) => f.dimension === dimension)
      .map((f) => ({ ...f, period: periodOfDate(f.asOf) })),
    rule: NATIONAL_RULE,
  };
}
