/**
 * What a region (or a province / cohort as a whole) owes on a date, and the planned path.
 *
 * - owed: a step function. At each date the level owed is the MAX over the targets that
 *   apply of each target's latest step due by then — "the strictest in force wins", since a
 *   region that meets the strictest clause meets them all.
 * - planned: the owed staircase joined with straight lines. From the clock start (the
 *   region's event, or the plan's start for calendar targets) the path rises linearly from 0
 *   to the first owed level at its due date, then from each owed level to the next, and holds
 *   the last level afterwards. On the `regions` dimension a single region is either in actual
 *   payment or not, so its planned value is its owed value (no interpolation).
 */
import { fractionOfSpan, minDate } from './periods.ts';
import type { LevelStep } from './targets.ts';
import { clockStartFor, levelStepsFor, regionTargets, zeroAtClockStart } from './targets.ts';
import { EMPTY_TIMELINE } from './timeline.ts';
import { sameLevel } from './tolerance.ts';
import type { ClauseSource, Dimension, PlanModel, RegionTimeline, Target } from './types.ts';

export interface ScheduledTarget {
  target: Target;
  planSlug: string;
  clockStart: string;
  zeroAtClockStart: boolean;
  steps: LevelStep[];
}

/** Every target with a started clock that applies to one region (or one scope) in one dimension. */
export interface Schedule {
  dimension: Dimension;
  items: ScheduledTarget[];
  /** planned = owed (a single region on the `regions` dimension) */
  stepwise: boolean;
}

export interface TargetInForce {
  key: string;
  planSlug: string;
  level: number;
  dueOn: string;
  source: ClauseSource;
  soft: boolean;
  interpretation: string | null;
  interpretationZh: string | null;
  /** true for the target(s) whose level is the one owed */
  decides: boolean;
}

export interface NextStep {
  key: string;
  planSlug: string;
  level: number;
  dueOn: string;
  source: ClauseSource;
}

export interface Owed {
  /** 0 when nothing is due yet */
  level: number;
  /** some target's clock has started on or before the date; false = not yet due */
  clockStarted: boolean;
  inForce: TargetInForce[];
  next: NextStep | null;
}

function scheduled(
  plan: PlanModel,
  target: Target,
  timeline: RegionTimeline,
): ScheduledTarget | null {
  const steps = levelStepsFor(target, timeline);
  const clockStart = clockStartFor(target, timeline, plan);
  if (steps.length === 0 || clockStart === null) return null;
  return {
    target,
    planSlug: plan.slug,
    clockStart,
    zeroAtClockStart: zeroAtClockStart(target, timeline),
    steps,
  };
}

export function regionSchedule(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
  dimension: Dimension,
  subset: string | null = null,
): Schedule {
  const items = regionTargets(plan, regionCode, dimension, subset).flatMap(
    (t) => scheduled(plan, t, timeline) ?? [],
  );
  return { dimension, items, stepwise: dimension === 'regions' };
}

export type AggregateScope = { kind: 'province' } | { kind: 'cohort'; cohort: string };

/**
 * Targets on a scope as a whole (appliesTo 'aggregate'), e.g. the national "分别启动不少于
 * 40%、30%、30%的统筹地区…并实际付费": 40 / 70 / 100 % of the province's regions. Only
 * calendar-dated kinds can be owed by a whole scope (a province has no launch date of its
 * own); aggregate targets on named regions have no point of their own and are not evaluated.
 */
export function aggregateSchedule(
  plan: PlanModel,
  scope: AggregateScope,
  dimension: Dimension,
  subset: string | null = null,
): Schedule {
  const items = plan.targets
    .filter(
      (t) =>
        t.appliesTo === 'aggregate' &&
        t.dimension === dimension &&
        (dimension === 'regions' || t.subset === subset),
    )
    .filter((t) =>
      scope.kind === 'province'
        ? t.scope.kind === 'province'
        : t.scope.kind === 'cohort' && t.scope.cohort === scope.cohort,
    )
    .flatMap((t) => scheduled(plan, t, EMPTY_TIMELINE) ?? []);
  return { dimension, items, stepwise: false };
}

export function clockStartOf(schedule: Schedule): string | null {
  return schedule.items.reduce<string | null>(
    (a, i) => (a === null ? i.clockStart : minDate(a, i.clockStart)),
    null,
  );
}

/** Each target's latest step due by `date` ("the strictest in force wins"). */
export function owedOn(schedule: Schedule, date: string): Owed {
  const inForce: TargetInForce[] = [];
  for (const item of schedule.items) {
    const due = item.steps.filter((s) => s.dueOn <= date);
    const latest = due.reduce<LevelStep | null>(
      (a, s) => (a === null || s.dueOn >= a.dueOn ? s : a),
      null,
    );
    if (!latest) continue;
    const t = item.target;
    inForce.push({
      key: t.key,
      planSlug: item.planSlug,
      level: latest.minPct,
      dueOn: latest.dueOn,
      source: t.source,
      soft: t.soft,
      interpretation: t.interpretation,
      interpretationZh: t.interpretationZh,
      decides: false,
    });
  }
  const level = inForce.reduce((a, t) => Math.max(a, t.level), 0);
  for (const t of inForce) t.decides = sameLevel(t.level, level);
  inForce.sort((a, b) => b.level - a.level || a.key.localeCompare(b.key));
  const clockStart = clockStartOf(schedule);
  return {
    level,
    clockStarted: clockStart !== null && clockStart <= date,
    inForce,
    next: nextStepAfter(schedule, date, level),
  };
}

/** Earliest step due after `date` that raises the level owed (ties: the higher level). */
function nextStepAfter(schedule: Schedule, date: string, owed: number): NextStep | null {
  let best: NextStep | null = null;
  for (const item of schedule.items) {
    for (const s of item.steps) {
      if (s.dueOn <= date || s.minPct <= owed) continue;
      if (
        best === null ||
        s.dueOn < best.dueOn ||
        (s.dueOn === best.dueOn && s.minPct > best.level)
      ) {
        best = {
          key: item.target.key,
          planSlug: item.planSlug,
          level: s.minPct,
          dueOn: s.dueOn,
          source: item.target.source,
        };
      }
    }
  }
  return best;
}

/** Due dates at which the owed staircase may change, ascending. */
export function breakpoints(schedule: Schedule): string[] {
  return [...new Set(schedule.items.flatMap((i) => i.steps.map((s) => s.dueOn)))].sort();
}

/** The owed staircase as (dueOn, level) points: what status and projection measure against. */
export function owedStaircase(schedule: Schedule): { dueOn: string; pct: number }[] {
  return breakpoints(schedule).map((dueOn) => ({ dueOn, pct: owedOn(schedule, dueOn).level }));
}

/** The planned path at `date` (module comment gives the rule); null before the clock starts. */
export function plannedOn(schedule: Schedule, date: string): number | null {
  const start = clockStartOf(schedule);
  if (start === null || date < start) return null;
  if (schedule.stepwise) return owedOn(schedule, date).level;
  const points = breakpoints(schedule);
  const prev = points.filter((p) => p <= date).at(-1);
  const next = points.find((p) => p > date);
  if (next === undefined) return prev === undefined ? 0 : owedOn(schedule, prev).level;
  const from = prev ?? start;
  const fromLevel = prev === undefined ? 0 : owedOn(schedule, prev).level;
  const toLevel = owedOn(schedule, next).level;
  return fromLevel + (toLevel - fromLevel) * fractionOfSpan(from, next, date);
}

/** What one region owes on `date` under `plan` (see owedOn). */
export function owedAt(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
  date: string,
  dimension: Dimension,
  subset: string | null = null,
): Owed {
  return owedOn(regionSchedule(plan, regionCode, timeline, dimension, subset), date);
}

/** One region's planned path value on `date` under `plan` (null: its clock has not started). */
export function plannedAt(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
  date: string,
  dimension: Dimension,
  subset: string | null = null,
): number | null {
  return plannedOn(regionSchedule(plan, regionCode, timeline, dimension, subset), date);
}
