/**
 * The one place the API asks the engine (server/domain/evaluate.ts) what a province owes:
 * the trajectory endpoint, the comparison endpoint and the dashboard all come through here,
 * so there is no second copy of the rules.
 */
import type { Db } from '../../db/client.ts';
import type { Point as EnginePoint } from '../../domain/evaluate.ts';
import { evaluateTrajectory } from '../../domain/evaluate.ts';
import {
  comparePeriods,
  FIRST_PERIOD,
  latestFullQuarter,
  periodsBetween,
} from '../../domain/periods.ts';
import type { Dimension, Period, PlanModel, Subset } from '../../domain/types.ts';
import { nationalPlanModel, provincePlanModel } from '../plans/queries.ts';
import { loadQuarters } from '../progress/queries.ts';
import { requireProvince } from '../provinces/queries.ts';
import { provinceTimelines } from '../timeline/service.ts';
import { milestoneDto, pointDto, projection, statusDto } from './dto.ts';
import type { SeriesDto, TrajectoryResponse } from './schemas.ts';

const planRef = (p: PlanModel) => ({
  slug: p.slug,
  versionId: p.versionId,
  version: p.version,
  documentNumber: p.document.number,
});

export interface EvaluateOptions {
  dimension: Dimension;
  /** quarters to return; default 2022Q1 → the later of the latest full quarter and the plans' last year */
  periods?: Period[];
  /** the quarter statuses and projections are judged at; default the latest reported quarter */
  asOf?: Period;
  today?: Date;
  /** a named subset of institutions (institutions only): its figures, against its targets */
  subset?: Subset | null;
}

/** Everything the engine needs about one province, loaded once (the comparison asks four dimensions of it). */
export async function provinceContext(db: Db, code: string, national?: PlanModel) {
  const province = await requireProvince(db, code);
  const [plan, nationalPlan, data, regions] = await Promise.all([
    provincePlanModel(db, code),
    national ?? nationalPlanModel(db),
    loadQuarters(db, code),
    db.coordinatingRegion.findMany({
      where: { provinceCode: code },
      orderBy: { sortOrder: 'asc' },
    }),
  ]);
  const timelines = await provinceTimelines(db, code, data.quarters);
  return { code, province, plan, national: nationalPlan, data, regions, timelines };
}
export type ProvinceContext = Awaited<ReturnType<typeof provinceContext>>;

export async function provinceTrajectory(
  db: Db,
  code: string,
  opts: EvaluateOptions,
): Promise<TrajectoryResponse & { asOf: Period }> {
  return trajectoryOf(await provinceContext(db, code), opts);
}

export function trajectoryOf(
  ctx: ProvinceContext,
  opts: EvaluateOptions,
): TrajectoryResponse & { asOf: Period } {
  const { code, province, plan, national, data, regions, timelines } = ctx;
  const lastYear = Math.max(national.document.endYear, plan?.document.endYear ?? 0, 2025);
  const latest = latestFullQuarter(opts.today ?? new Date());
  const end = comparePeriods(latest, `${lastYear}Q4`) > 0 ? latest : `${lastYear}Q4`;
  const periods = opts.periods ?? periodsBetween(FIRST_PERIOD, end);
  const asOf = opts.asOf ?? data.periods.at(-1) ?? latest;
  const trajectory = evaluateTrajectory({
    plan,
    national,
    provinceCode: code,
    regions: regions.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn })),
    timelines,
    quarters: data.quarters,
    periods: [...new Set([...periods, asOf])].sort(comparePeriods),
    dimension: opts.dimension,
    subset: opts.subset ?? null,
  });
  const evaluated = trajectory.periods;
  const rowOf = new Map(data.quarters.map((q) => [`${q.regionCode}|${q.period}`, q]));
  const at = evaluated.find((e) => e.period === asOf)!;
  const keep = new Set(periods);

  const series = (
    scope: SeriesDto['scope'],
    key: string,
    nameZh: string,
    nameEn: string,
    pick: (e: (typeof evaluated)[number]) => EnginePoint | undefined,
  ): SeriesDto => {
    const points = evaluated
      .filter((e) => keep.has(e.period))
      .map((e) => {
        const row = scope === 'region' ? rowOf.get(`${key}|${e.period}`) : undefined;
        return pointDto(
          e.period,
          pick(e)!,
          opts.dimension,
          row?.stage ?? null,
          row?.method ?? null,
        );
      });
    const now = pick(at)!;
    const status = statusDto(now.status, now, now.actual, asOf);
    return {
      scope,
      key,
      nameZh,
      nameEn,
      points,
      status,
      nationalStatus: statusDto(now.national.status, now.national, now.actual, asOf),
      projection: projection(
        points.some((p) => p.period === asOf)
          ? points
          : [...points, pointDto(asOf, now, opts.dimension, null)].sort((a, b) =>
              comparePeriods(a.period, b.period),
            ),
        asOf,
        status,
      ),
      milestones: [...(now.milestones ?? []), ...(now.national.milestones ?? [])].map(milestoneDto),
    };
  };

  return {
    province: { code, nameZh: province.nameZh, nameEn: province.nameEn },
    dimension: opts.dimension,
    subset: opts.subset ?? null,
    plan: plan ? planRef(plan) : null,
    national: planRef(national),
    isDemo: data.isDemo,
    periods,
    asOf,
    provinceScope: trajectory.provinceScope,
    series: [
      series('province', code, province.nameZh, province.nameEn, (e) => e.province),
      ...(plan?.cohorts ?? []).map((c) =>
        series('cohort', c.key, c.nameZh, c.nameEn, (e) => e.cohorts[c.key]),
      ),
      ...regions.map((r) => series('region', r.code, r.nameZh, r.nameEn, (e) => e.regions[r.code])),
    ],
  };
}
