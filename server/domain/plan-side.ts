/**
 * One plan's side of a chart point: planned, owed, the targets behind them and the status —
 * for one region, or rolled up over a cohort or a province.
 *
 * Roll-up rule: planned and owed are weighted by the same denominators as the actual figure
 * (Σ region value × region denominator / Σ denominators), so the planned line and the actual
 * line of a province are comparable. A region whose clock has not started owes 0 and still
 * counts with its denominator: the province as a whole is that much further from the line.
 * Targets on the scope as a whole (e.g. the national 40 / 70 / 100 % of regions in actual
 * payment) then set a floor: the roll-up owes the higher of the two.
 */

import type { MilestoneStatus } from './milestones.ts';
import type { Observation, ProgressAssessment } from './status.ts';
import { assessProgress } from './status.ts';
import type { NextStep, Schedule, TargetInForce } from './targets-in-force.ts';
import { breakpoints, clockStartOf, owedOn, owedStaircase, plannedOn } from './targets-in-force.ts';

export interface PlanSide {
  /** the interpolated planned path (null: no plan) */
  planned: number | null;
  /** the step function: what is due by now (null: no plan) */
  owed: number | null;
  /** no target's clock has started: nothing is due, and this is not a gap in the data */
  notYetDue: boolean;
  targetsInForce: TargetInForce[];
  nextTarget: NextStep | null;
  status: ProgressAssessment;
  /** stage deadlines judged at the date (single regions only) */
  milestones?: MilestoneStatus[];
}

/** The plan side of a province without a plan of its own (a fresh object: callers may extend it). */
export function noPlanSide(): PlanSide {
  return {
    planned: null,
    owed: null,
    notYetDue: false,
    targetsInForce: [],
    nextTarget: null,
    status: {
      status: 'noPlan',
      ratio: null,
      baseline: null,
      current: null,
      target: null,
      rates: null,
      overdue: null,
      note: 'The province has no plan of its own.',
    },
  };
}

function started(schedule: Schedule, date: string): boolean {
  const start = clockStartOf(schedule);
  return start !== null && start <= date;
}

function clockFor(schedule: Schedule): { start: string; zeroAtStart: boolean } | null {
  const start = clockStartOf(schedule);
  if (start === null) return null;
  const first = schedule.items.filter((i) => i.clockStart === start);
  return { start, zeroAtStart: first.every((i) => i.zeroAtClockStart) };
}

/**
 * A region is "not yet due" while no clock of its targets has started, or while it owes
 * nothing yet and has not launched: the national plan lets a region launch as late as 2024
 * ("2024年启动地区须于两年内完成"), so a far calendar end-state (e.g. full coverage by 2025)
 * does not by itself make an unlaunched region "behind".
 */
export function isDormant(schedule: Schedule, date: string, launch: string | null): boolean {
  if (!started(schedule, date)) return true;
  return owedOn(schedule, date).level === 0 && !(launch !== null && launch <= date);
}

/**
 * A region is judged from its own start: growth is measured from its launch (coverage 0 then,
 * by definition) when it launched after the earliest clock of its targets — a region launched
 * in 2024 is not measured from a report of 2022 that shows it had not started.
 */
function ownClock(
  schedule: Schedule,
  date: string,
  launch: string | null,
): { start: string; zeroAtStart: boolean } | null {
  const clock = clockFor(schedule);
  if (clock === null || launch === null || launch <= clock.start || launch > date) return clock;
  return { start: launch, zeroAtStart: true };
}

/**
 * One region's side. `launch` is the launch date of the clock the region owes on (with a
 * missed launch deadline, that deadline: see milestones.ts timelineOwed). On the `regions`
 * dimension a region is in actual payment or not: met / overdue / not yet due, no ratio.
 */
export function regionPlanSide(
  schedule: Schedule,
  date: string,
  observations: Observation[],
  launch: string | null = null,
): PlanSide {
  const owed = owedOn(schedule, date);
  const notYetDue = isDormant(schedule, date, launch);
  const status = assessProgress({
    hasPlan: true,
    at: date,
    observations,
    clock: notYetDue ? null : ownClock(schedule, date, launch),
    requirements: owedStaircase(schedule),
    binary: schedule.stepwise,
  });
  return {
    planned: notYetDue ? 0 : (plannedOn(schedule, date) ?? 0),
    owed: notYetDue ? 0 : owed.level,
    notYetDue,
    targetsInForce: owed.inForce,
    nextTarget: owed.next,
    status,
  };
}

export interface WeightedSchedule {
  schedule: Schedule;
  weight: number;
  /** the region's launch date (null: not launched) */
  launch?: string | null;
}

/** Σ weight × value / Σ weight, where a region not yet due at `date` counts 0. */
function weightedMean(
  parts: WeightedSchedule[],
  date: string,
  value: (s: Schedule) => number,
): number {
  const total = parts.reduce((a, p) => a + p.weight, 0);
  if (total === 0) return 0;
  return (
    parts.reduce(
      (a, p) =>
        a + p.weight * (isDormant(p.schedule, date, p.launch ?? null) ? 0 : value(p.schedule)),
      0,
    ) / total
  );
}

function earlier(a: NextStep | null, b: NextStep | null): NextStep | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? a : b;
  return a.level >= b.level ? a : b;
}

/** Roll-up of `parts` (regions with their weights) plus the scope's own `aggregate` targets. */
export function rolledUpPlanSide(
  parts: WeightedSchedule[],
  aggregate: Schedule,
  date: string,
  observations: Observation[],
): PlanSide {
  const owedAt = (d: string) =>
    Math.max(
      owedOn(aggregate, d).level,
      weightedMean(parts, d, (s) => owedOn(s, d).level),
    );
  const plannedAtDate = (d: string) =>
    Math.max(
      plannedOn(aggregate, d) ?? 0,
      weightedMean(parts, d, (s) => plannedOn(s, d) ?? 0),
    );
  const notYetDue =
    !started(aggregate, date) && parts.every((p) => isDormant(p.schedule, date, p.launch ?? null));

  const aggregateOwed = owedOn(aggregate, date);
  const regionOwed = weightedMean(parts, date, (s) => owedOn(s, date).level);
  const aggregateWins = aggregateOwed.level >= regionOwed && aggregateOwed.inForce.length > 0;
  const seen = new Map<string, TargetInForce>();
  let next: NextStep | null = aggregateOwed.next;
  for (const p of parts) {
    const o = owedOn(p.schedule, date);
    next = earlier(next, o.next);
    for (const t of o.inForce) {
      const id = `${t.planSlug}/${t.key}/${t.level}/${t.dueOn}`;
      const prior = seen.get(id);
      seen.set(id, { ...t, decides: !aggregateWins && (t.decides || (prior?.decides ?? false)) });
    }
  }
  for (const t of aggregateOwed.inForce)
    seen.set(`${t.planSlug}/${t.key}/${t.level}/${t.dueOn}`, {
      ...t,
      decides: aggregateWins && t.decides,
    });
  const targetsInForce = [...seen.values()].sort(
    (a, b) => b.level - a.level || a.key.localeCompare(b.key),
  );

  const dates = [
    ...new Set([...breakpoints(aggregate), ...parts.flatMap((p) => breakpoints(p.schedule))]),
  ].sort();
  const starts = [aggregate, ...parts.map((p) => p.schedule)]
    .map(clockStartOf)
    .filter((s): s is string => s !== null)
    .sort();
  const status = assessProgress({
    hasPlan: true,
    at: date,
    observations,
    // A roll-up mixes clocks: its baseline is its first report after the earliest start.
    clock: starts[0] && !notYetDue ? { start: starts[0], zeroAtStart: false } : null,
    requirements: dates.map((d) => ({ dueOn: d, pct: owedAt(d) })),
  });
  return {
    planned: notYetDue ? 0 : plannedAtDate(date),
    owed: notYetDue ? 0 : owedAt(date),
    notYetDue,
    targetsInForce,
    nextTarget: next !== null && next.level > owedAt(date) ? next : null,
    status,
  };
}
