/**
 * Actual vs planned, quarter by quarter, for a province, its cohorts and each coordinating
 * region — under the province's own plan and, beside it, under the national plan
 * (医保发〔2021〕48号), which every province owes whether or not it has a plan of its own.
 */

import type { Coverage } from './coverage.ts';
import { coverageOf, rollUpCoverage } from './coverage.ts';
import { milestonesAt, timelineOwed } from './milestones.ts';
import { comparePeriods, quarterEnd } from './periods.ts';
import type { PlanSide, WeightedSchedule } from './plan-side.ts';
import { noPlanSide, regionPlanSide, rolledUpPlanSide } from './plan-side.ts';
import type { Observation } from './status.ts';
import { appliesToRegion } from './targets.ts';
import type { AggregateScope, Schedule } from './targets-in-force.ts';
import { aggregateSchedule, regionSchedule } from './targets-in-force.ts';
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

export interface Trajectory {
  periods: TrajectoryPeriod[];
  /**
   * The regions the province point rolls up: those the provincial plan binds (Hunan's
   * clauses address "各市州", so 湖南省本级 is left out), or every region without a plan.
   */
  provinceScope: { regions: string[]; leftOut: string[] };
}

const PROVINCE_SCOPE = 'province';

/** Regions any target of `plan` names (its province, a cohort, or named regions). */
export function regionsBound(plan: PlanModel, codes: string[]): string[] {
  return codes.filter((code) => plan.targets.some((t) => appliesToRegion(plan, t, code)));
}

/**
 * Schedules of one plan, built on the clock each region owes on as of a date (a missed
 * stage deadline starts the clock on that deadline; see milestones.ts). Cached by that
 * clock, which changes only at deadlines and events.
 */
function plannedSchedules(plan: PlanModel, input: EvaluateInput, subset: string | null) {
  const cache = new Map<string, Schedule>();
  const region = (code: string, date: string) => {
    const timeline = timelineOwed(plan, code, input.timelines[code] ?? EMPTY_TIMELINE, date);
    const key = `${code}|${timeline.launch}|${timeline.simulatedPayment}|${timeline.actualPayment}`;
    let s = cache.get(key);
    if (!s) {
      s = regionSchedule(plan, code, timeline, input.dimension, subset);
      cache.set(key, s);
    }
    return { schedule: s, launch: timeline.launch };
  };
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
  return { plan, region, aggregates };
}
type PlannedSchedules = ReturnType<typeof plannedSchedules>;

/**
 * Evaluates every requested period. Region points use that region's report (actual null when
 * it did not report) and its own clock; cohort and province points roll regions up (see
 * plan-side.ts). With no provincial plan, the plan side is 'noPlan' and only `national` is
 * computed.
 */
export function evaluateTrajectory(input: EvaluateInput): Trajectory {
  const subset = input.subset ?? null;
  const codes = input.regions.map((r) => r.code);
  const byRegionPeriod = new Map<string, RegionQuarter>();
  for (const q of input.quarters) byRegionPeriod.set(`${q.regionCode}|${q.period}`, q);
  const actualOf = (code: string, period: Period): Coverage | null => {
    const q = byRegionPeriod.get(`${code}|${period}`);
    return q ? coverageOf(q, input.dimension, subset) : null;
  };
  const observe = (c: Coverage | null, period: Period): Observation => ({
    period,
    pct: c?.pct ?? null,
    reported: c !== null,
  });

  const allPeriods = [...new Set([...input.periods, ...input.quarters.map((q) => q.period)])].sort(
    comparePeriods,
  );
  const regionSeries = new Map(
    codes.map((c) => [c, allPeriods.map((p) => observe(actualOf(c, p), p))]),
  );

  // Scopes that roll up: the province (the regions its plan binds), and each cohort of the plan.
  const bound = input.plan ? regionsBound(input.plan, codes) : codes;
  const scopes: { key: string; outKey: string | null; members: string[] }[] = [
    { key: PROVINCE_SCOPE, outKey: null, members: bound },
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
    scopes.map((s) => [s.key, allPeriods.map((p) => observe(rolledActual(s.members, p), p))]),
  );

  const own = input.plan ? plannedSchedules(input.plan, input, subset) : null;
  const national = plannedSchedules(input.national, input, subset);
  const upTo = (series: Observation[], period: Period) =>
    series.filter((o) => comparePeriods(o.period, period) <= 0);

  const periods = input.periods.map((period) => {
    const date = quarterEnd(period);
    const regions: Record<string, Point> = {};
    for (const code of codes) {
      const observations = upTo(regionSeries.get(code)!, period);
      const timeline = input.timelines[code] ?? EMPTY_TIMELINE;
      const side = (s: PlannedSchedules): PlanSide => {
        const r = s.region(code, date);
        return {
          ...regionPlanSide(r.schedule, date, observations, r.launch),
          milestones: milestonesAt(s.plan, code, timeline, date),
        };
      };
      regions[code] = {
        ...(own ? side(own) : noPlanSide()),
        actual: actualOf(code, period),
        national: side(national),
      };
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
      const side = (s: PlannedSchedules) => {
        const parts: WeightedSchedule[] = weights.map((w) => {
          const r = s.region(w.code, date);
          return { schedule: r.schedule, weight: w.weight, launch: r.launch };
        });
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
  return {
    periods,
    provinceScope: { regions: bound, leftOut: codes.filter((c) => !bound.includes(c)) },
  };
}
