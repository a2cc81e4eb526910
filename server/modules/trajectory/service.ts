/**
 * The one place the API asks the engine (server/domain/evaluate.ts) what a province owes:
 * the trajectory endpoint, the comparison endpoint and the dashboard all come through here,
 * so there is no second copy of the rules.
 */
import type { Db } from '../../db/client.ts';
import type { Coverage } from '../../domain/coverage.ts';
import type { Point as EnginePoint } from '../../domain/evaluate.ts';
import { evaluateTrajectory } from '../../domain/evaluate.ts';
import { figureText, roundPercent } from '../../domain/numbers.ts';
import {
  comparePeriods,
  FIRST_PERIOD,
  latestFullQuarter,
  periodsBetween,
} from '../../domain/periods.ts';
import { projectToTarget } from '../../domain/projection.ts';
import type { ProgressAssessment } from '../../domain/status.ts';
import type { NextStep, TargetInForce } from '../../domain/targets-in-force.ts';
import type { Dimension, Period, PlanModel } from '../../domain/types.ts';
import { nationalPlanModel, provincePlanModel } from '../plans/queries.ts';
import { loadQuarters } from '../progress/queries.ts';
import { requireProvince } from '../provinces/queries.ts';
import { provinceTimelines } from '../timeline/service.ts';
import type {
  Point,
  ProjectionDto,
  SeriesDto,
  StatusDto,
  TargetRef,
  TrajectoryResponse,
} from './schemas.ts';

const planRef = (p: PlanModel) => ({
  slug: p.slug,
  versionId: p.versionId,
  version: p.version,
  documentNumber: p.document.number,
});

const targetRef = (t: TargetInForce | NextStep): TargetRef => ({
  key: t.key,
  planSlug: t.planSlug,
  level: t.level,
  dueOn: t.dueOn,
  soft: 'soft' in t ? t.soft : false,
  interpretation: 'interpretation' in t ? t.interpretation : null,
  interpretationZh: 'interpretationZh' in t ? t.interpretationZh : null,
  source: t.source,
});

function statusDto(
  a: ProgressAssessment,
  side: { targetsInForce: TargetInForce[]; nextTarget: NextStep | null },
  actual: EnginePoint['actual'],
  period: Period,
): StatusDto {
  const noReport = actual === null && a.status !== 'noPlan' && a.status !== 'notYetDue';
  const target = a.target
    ? [...side.targetsInForce, ...(side.nextTarget ? [side.nextTarget] : [])].find(
        (t) => t.dueOn === a.target!.dueOn && Math.abs(t.level - a.target!.pct) < 1e-9,
      )
    : undefined;
  return {
    status: noReport ? 'noReport' : a.status,
    ratio: noReport ? null : a.ratio,
    target: target ? targetRef(target) : null,
    baseline: a.baseline ? { period: a.baseline.date, pct: a.baseline.pct } : null,
    note: noReport ? `No report for ${period}.` : a.note,
  };
}

/** The engine's exact coverage as the API writes it: decimal text, percentages at two decimals. */
function actualDto(c: Coverage | null, dimension: Dimension): Point['actual'] {
  if (!c) return null;
  return {
    numerator: figureText(c.numerator, dimension),
    denominator: figureText(c.denominator, dimension),
    pct: roundPercent(c.pct),
    ...(c.basis ? { basis: c.basis } : {}),
  };
}

function pointDto(
  period: Period,
  p: EnginePoint,
  dimension: Dimension,
  stage: Point['stage'],
  method: Point['method'] = null,
): Point {
  return {
    period,
    actual: actualDto(p.actual, dimension),
    planned: roundPercent(p.planned),
    owed: roundPercent(p.owed),
    nationalPlanned: roundPercent(p.national.planned),
    nationalOwed: roundPercent(p.national.owed),
    notYetDue: p.notYetDue,
    targetsInForce: p.targetsInForce.map(targetRef),
    nextTarget: p.nextTarget ? targetRef(p.nextTarget) : null,
    stage,
    method,
  };
}

function projection(points: Point[], at: Period): ProjectionDto {
  const upTo = points.filter((p) => comparePeriods(p.period, at) <= 0);
  const next = upTo.at(-1)?.nextTarget ?? upTo.at(-1)?.targetsInForce[0] ?? null;
  if (!next)
    return {
      enough: false,
      reason: 'No target ahead to project to.',
      reasonZh: '没有待完成的目标可供预测',
      targetDate: null,
      targetLevel: null,
      projectedPct: null,
      reachesInPeriod: null,
    };
  const pr = projectToTarget(
    upTo.map((p) => ({ period: p.period, pct: p.actual?.pct ?? null })),
    { dueOn: next.dueOn, pct: next.level },
  );
  return pr.enough
    ? {
        enough: true,
        reason: null,
        reasonZh: null,
        targetDate: next.dueOn,
        targetLevel: next.level,
        projectedPct: pr.projectedAtTarget,
        reachesInPeriod: pr.reachesTargetIn,
      }
    : {
        enough: false,
        reason: pr.reason,
        reasonZh: `已报送的季度少于 ${Math.max(pr.basedOn.length, 3)} 个，数据不足，无法预测`,
        targetDate: next.dueOn,
        targetLevel: next.level,
        projectedPct: null,
        reachesInPeriod: null,
      };
}

export interface EvaluateOptions {
  dimension: Dimension;
  /** quarters to return; default 2022Q1 → the later of the latest full quarter and the plans' last year */
  periods?: Period[];
  /** the quarter statuses and projections are judged at; default the latest reported quarter */
  asOf?: Period;
  today?: Date;
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
  const evaluated = evaluateTrajectory({
    plan,
    national,
    provinceCode: code,
    regions: regions.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn })),
    timelines,
    quarters: data.quarters,
    periods: [...new Set([...periods, asOf])].sort(comparePeriods),
    dimension: opts.dimension,
  });
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
    return {
      scope,
      key,
      nameZh,
      nameEn,
      points,
      status: statusDto(now.status, now, now.actual, asOf),
      nationalStatus: statusDto(now.national.status, now.national, now.actual, asOf),
      projection: projection(
        points.some((p) => p.period === asOf)
          ? points
          : [...points, pointDto(asOf, now, opts.dimension, null)].sort((a, b) =>
              comparePeriods(a.period, b.period),
            ),
        asOf,
      ),
    };
  };

  return {
    province: { code, nameZh: province.nameZh, nameEn: province.nameEn },
    dimension: opts.dimension,
    plan: plan ? planRef(plan) : null,
    national: planRef(national),
    isDemo: data.isDemo,
    periods,
    asOf,
    series: [
      series('province', code, province.nameZh, province.nameEn, (e) => e.province),
      ...(plan?.cohorts ?? []).map((c) =>
        series('cohort', c.key, c.nameZh, c.nameEn, (e) => e.cohorts[c.key]),
      ),
      ...regions.map((r) => series('region', r.code, r.nameZh, r.nameEn, (e) => e.regions[r.code])),
    ],
  };
}
