/** Quarterly coverage per dimension, province-wide and per cohort, with numerators and denominators. */
import type { Db } from '../../db/client.ts';
import { coverageOf, rollUpCoverage } from '../../domain/coverage.ts';
import { figureText, roundPercent } from '../../domain/numbers.ts';
import { DIMENSIONS, type RegionQuarter } from '../../domain/types.ts';
import { provincePlanModel } from '../plans/queries.ts';
import { requireProvince } from '../provinces/queries.ts';
import { loadQuarters } from './queries.ts';
import type { ProgressResponse, ProgressSeries } from './schemas.ts';

function series(
  byPeriod: Map<string, RegionQuarter[]>,
  periods: string[],
  dimension: (typeof DIMENSIONS)[number],
  scope: Omit<ProgressSeries, 'points'>,
  members: Set<string> | null,
): ProgressSeries {
  return {
    ...scope,
    points: periods.map((period) => {
      const all = byPeriod.get(period) ?? [];
      const rows = members ? all.filter((q) => members.has(q.regionCode)) : all;
      const c = rollUpCoverage(rows.map((r) => coverageOf(r, dimension)));
      return {
        period,
        numerator: figureText(c.numerator, dimension),
        denominator: figureText(c.denominator, dimension),
        pct: roundPercent(c.pct),
        regionsReported: rows.length,
      };
    }),
  };
}

export async function provinceProgress(db: Db, code: string): Promise<ProgressResponse> {
  const province = await requireProvince(db, code);
  const [{ quarters: rows, periods, isDemo }, plan] = await Promise.all([
    loadQuarters(db, code),
    provincePlanModel(db, code),
  ]);
  // grouped once: scanning every row per period, series and dimension grew with rows × periods
  const quarters = Map.groupBy(rows, (q) => q.period);
  const dimensions = Object.fromEntries(
    DIMENSIONS.map((d) => [
      d,
      [
        series(
          quarters,
          periods,
          d,
          { scope: 'province', key: code, nameZh: province.nameZh, nameEn: province.nameEn },
          null,
        ),
        ...(plan?.cohorts ?? []).map((c) =>
          series(
            quarters,
            periods,
            d,
            { scope: 'cohort', key: c.key, nameZh: c.nameZh, nameEn: c.nameEn },
            new Set(c.members.map((m) => m.region)),
          ),
        ),
      ],
    ]),
  ) as ProgressResponse['dimensions'];
  return {
    province: { code, nameZh: province.nameZh, nameEn: province.nameEn },
    isDemo,
    periods,
    dimensions,
  };
}
