/**
 * Actual vs planned, quarter by quarter, for a province, its cohorts and each coordinating
 * region — under the province's own plan and, beside it, under the national plan
 * (医保发〔2021〕48号), which every province owes whether or not it has a plan of its own.
 */

import type { Coverage } from './coverage.ts';
import { coverageOf, rollUpCoverage } from './coverage.ts';
import { comparePeriods, quarterEnd } from './periods.ts';
import type { PlanSide, WeightedSchedule } from './plan-side.ts';
import { noPlanSide, regionPlanSide, rolledUpPlanSide } from './plan-side.ts';
import type { Observation } from './status.ts';
import type { AggregateScope, Schedule } from './targets-in-force.ts';
import { aggregateSchedule, milestonesAt, regionSchedule } from './targets-in-force.ts';
import { EMPTY_TIMELINE } from './timeline.ts';
import type {
  Dimension,
  Period,
  PlanModel,
  RegionInfo,
  RegionQuarter,
  RegionTimeline,
} from './types.ts';

export interface EvaluateInput {
  plan: PlanModel | null;
  national: PlanModel;
  provinceCode: string;
  regions: RegionInfo[];
  timelines: Record<string, RegionTimeline>;
  quarters: RegionQuarter[];
  periods: Period[];
  dimension: Dimension;
  /** named subset of institutions (e.g. 'secondaryPublic'); null/absent: the whole dimension */
  subset?: string | null;
}

/** The province's own plan's side, the figures, and the national plan's side. */
export interface Point extends PlanSide {
  /** null: no report for the period (noReport), never read as 0 */
  actual: Coverage | null;
  national: PlanSide;
  /**
   * Roll-ups: 'reported' = weighted by the denominators of the regions that reported;
   * 'equal' = nobody in scope reported (e.g. future quarters), each region weighs the same.
   */
  weighting?: 'reported' | 'equal';
}

export interface TrajectoryPeriod {
  period: Period;
  province: Point;
  cohorts: Record<string, Point>;
  regions: Record<string, Point>;
}

interface PlanModelSchedules {
  regions: Map<string, Schedule>;
  aggregates: Map<string, Schedule>;
}

const PROVINCE_SCOPE = 'province';

function schedulesOf(
  plan: PlanModel,
  input: EvaluateInput,
  subset: string | null,
): PlanModelSchedules {
  const regions = new Map<string, Schedule>();
  for (const r of input.regions)
    regions.set(
      r.code,
      regionSchedule(
        plan,
        r.code,
        input.timelines[r.code] ?? EMPTY_TIMELINE,
        input.dimension,
        subset,
      ),
    );
  const aggregates = new Map<string, Schedule>();
  const scopes: [string, AggregateScope][] = [
    [PROVINCE_SCOPE, { kind: 'province' }],
    ...plan.cohorts.map((c): [string, AggregateScope] => [
      `cohort:${c.key}`,
      { kind: 'cohort', cohort: c.key },
    ]),
  ];
  for (const [key, scope] of scopes)
    aggregates.set(key, aggregateSchedule(plan, scope, input.dimension, subset));
  return { regions, aggregates };
}

/**
 * Evaluates every requested period. Region points use that region's report (actual null when
 * it did not report) and its own clock; cohort and province points roll regions up (see
 * plan-side.ts). With no provincial plan, the plan side is 'noPlan' and only `national` is
 * computed.
 */
export function evaluateTrajectory(input: EvaluateInput): TrajectoryPeriod[] {
  const subset = input.subset ?? null;
  const codes = input.regions.map((r) => r.code);
  const byRegionPeriod = new Map<string, RegionQuarter>();
  for (const q of input.quarters) byRegionPeriod.set(`${q.regionCode}|${q.period}`, q);
  const actualOf = (code: string, period: Period): Coverage | null => {
    const q = byRegionPeriod.get(`${code}|${period}`);
    return q ? coverageOf(q, input.dimension, subset) : null;
  };

  const allPeriods = [...new Set([...input.periods, ...input.quarters.map((q) => q.period)])].sort(
    comparePeriods,
  );
  const regionSeries = new Map(
    codes.map((c) => [
      c,
      allPeriods.map((p): Observation => ({ period: p, pct: actualOf(c, p)?.pct ?? null })),
    ]),
  );

  // Scopes that roll up: the province, and each cohort of the provincial plan (members in this province).
  const scopes: { key: string; outKey: string | null; members: string[] }[] = [
    { key: PROVINCE_SCOPE, outKey: null, members: codes },
  ];
  for (const c of input.plan?.cohorts ?? []) {
    scopes.push({
      key: `cohort:${c.key}`,
      outKey: c.key,
      members: c.members.map((m) => m.region).filter((code) => codes.includes(code)),
    });
  }
  const rolledActual = (members: string[], period: Period): Coverage | null => {
    const reported = members
      .map((c) => actualOf(c, period))
      .filter((a): a is Coverage => a !== null);
    return reported.length === 0 ? null : rollUpCoverage(reported);
  };
  const scopeSeries = new Map(
    scopes.map((s) => [
      s.key,
      allPeriods.map(
        (p): Observation => ({ period: p, pct: rolledActual(s.members, p)?.pct ?? null }),
      ),
    ]),
  );

  const own = input.plan ? schedulesOf(input.plan, input, subset) : null;
  const national = schedulesOf(input.national, input, subset);
  const upTo = (series: Observation[], period: Period) =>
    series.filter((o) => comparePeriods(o.period, period) <= 0);

  return input.periods.map((period) => {
    const date = quarterEnd(period);
    const regions: Record<string, Point> = {};
    for (const code of codes) {
      const observations = upTo(regionSeries.get(code)!, period);
      const launch = (input.timelines[code] ?? EMPTY_TIMELINE).launch;
      const side = (s: PlanModelSchedules) =>
        regionPlanSide(s.regions.get(code)!, date, observations, launch);
      const ownSide = own ? side(own) : noPlanSide();
      if (input.plan && input.dimension === 'regions')
        ownSide.milestones = milestonesAt(
          input.plan,
          code,
          input.timelines[code] ?? EMPTY_TIMELINE,
          date,
        );
      regions[code] = { ...ownSide, actual: actualOf(code, period), national: side(national) };
    }

    const rollUp = (scope: (typeof scopes)[number]): Point => {
      const reported = scope.members
        .map((c) => ({ code: c, actual: actualOf(c, period) }))
        .filter((r) => r.actual !== null);
      const reportedWeight = reported.reduce((a, r) => a + r.actual!.denominator, 0);
      const weighting = reportedWeight > 0 ? 'reported' : 'equal';
      const weights =
        weighting === 'reported'
          ? reported.map((r) => ({ code: r.code, weight: r.actual!.denominator }))
          : scope.members.map((code) => ({ code, weight: 1 }));
      const observations = upTo(scopeSeries.get(scope.key)!, period);
      const side = (s: PlanModelSchedules) => {
        const parts: WeightedSchedule[] = weights.map((w) => ({
          schedule: s.regions.get(w.code)!,
          weight: w.weight,
          launch: (input.timelines[w.code] ?? EMPTY_TIMELINE).launch,
        }));
        // The national plan has no cohorts: its cohort roll-ups use region targets only.
        const aggregate = s.aggregates.get(scope.key) ?? {
          dimension: input.dimension,
          items: [],
          stepwise: false,
        };
        return rolledUpPlanSide(parts, aggregate, date, observations);
      };
      return {
        ...(own ? side(own) : noPlanSide()),
        actual: rolledActual(scope.members, period),
        national: side(national),
        weighting,
      };
    };

    const cohorts: Record<string, Point> = {};
    for (const scope of scopes.slice(1)) cohorts[scope.outKey!] = rollUp(scope);
    return { period, province: rollUp(scopes[0]!), cohorts, regions };
  });
}
