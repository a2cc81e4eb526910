/**
 * One target, one region: what the target requires of that region, as dated steps.
 * Which fields each kind uses (types.ts documents the kinds):
 *
 * | kind           | uses                                                                    |
 * | -------------- | ----------------------------------------------------------------------- |
 * | calendarLevel  | minPct, dueOn                                                           |
 * | eventLadder    | event, steps, compressFromYear, compressedSteps, clockFloorYear          |
 * | eventDeadline  | event, withinYears, minPct                                              |
 * | levelAtEvent   | event, minPct                                                           |
 * | stageMilestone | requiredStage, and dueOn or (event, withinYears)                        |
 *
 * The plan's text is encoded as written and read here; nothing is flattened to
 * "year → percent" before this point.
 */
import { addYears, maxDate, minDate, yearEnd, yearOf, yearStart } from './periods.ts';
import { EMPTY_TIMELINE } from './timeline.ts';
import type { Dimension, PlanModel, RegionTimeline, Stage, Target } from './types.ts';

/** A level owed from `dueOn` on. */
export interface LevelRequirement {
  kind: 'level';
  dueOn: string;
  minPct: number;
}

/** The region is in `requiredStage` (or later) by `dueOn`. */
export interface StageRequirement {
  kind: 'stage';
  dueOn: string;
  requiredStage: Stage;
}

export type Requirement = LevelRequirement | StageRequirement;

export interface LevelStep {
  dueOn: string;
  minPct: number;
}

/** Year 1 of a ladder and the steps it follows; null when the event has not happened. */
export function ladderClock(
  target: Target,
  timeline: RegionTimeline,
): { year1: number; steps: number[] } | null {
  const on = target.event ? timeline[target.event] : null;
  if (on === null) return null;
  // "每年进度应分别不低于40%、30%、30%" counts from the launch year; a pilot that launched
  // before the plan starts its ladder in clockFloorYear, not years before the plan existed.
  const year1 = Math.max(yearOf(on), target.clockFloorYear ?? Number.NEGATIVE_INFINITY);
  // "2024年启动地区须于两年内完成": late starters follow the shorter ladder.
  const compressed =
    target.compressFromYear !== null &&
    year1 >= target.compressFromYear &&
    target.compressedSteps.length > 0;
  return { year1, steps: compressed ? target.compressedSteps : target.steps };
}

/**
 * What `target` requires of a region with `timeline`. Empty means the region's clock for
 * this target has not started (its event has not happened): not yet due.
 */
export function requirementsFor(target: Target, timeline: RegionTimeline): Requirement[] {
  const eventOn = target.event ? timeline[target.event] : null;
  switch (target.kind) {
    case 'calendarLevel':
      return target.dueOn !== null && target.minPct !== null
        ? [{ kind: 'level', dueOn: target.dueOn, minPct: target.minPct }]
        : [];
    case 'eventLadder': {
      const clock = ladderClock(target, timeline);
      if (!clock) return [];
      // Step i is due on 31 December of year (year1 + i): year 1 ends on 31 Dec of year1.
      return clock.steps.map((minPct, i) => ({
        kind: 'level',
        dueOn: yearEnd(clock.year1 + i),
        minPct,
      }));
    }
    case 'eventDeadline':
      if (eventOn === null || target.withinYears === null || target.minPct === null) return [];
      return [
        { kind: 'level', dueOn: addYears(eventOn, target.withinYears), minPct: target.minPct },
      ];
    case 'levelAtEvent':
      if (eventOn === null || target.minPct === null) return [];
      return [{ kind: 'level', dueOn: eventOn, minPct: target.minPct }];
    case 'stageMilestone': {
      if (target.requiredStage === null) return [];
      const dueOn = milestoneDueOn(target, timeline);
      return dueOn === null ? [] : [{ kind: 'stage', dueOn, requiredStage: target.requiredStage }];
    }
  }
}

/** A stage milestone's deadline: its date, or its event + withinYears (null: event pending). */
export function milestoneDueOn(target: Target, timeline: RegionTimeline): string | null {
  if (target.dueOn !== null) return target.dueOn;
  const eventOn = target.event ? timeline[target.event] : null;
  if (eventOn === null || target.withinYears === null) return null;
  return addYears(eventOn, target.withinYears);
}

/**
 * Requirements as levels on the target's own dimension. A stage milestone counts on the
 * `regions` dimension only when it requires 实际付费: the region then owes 100 (it is one of
 * the regions "实际付费"); preparing/simulated milestones are judged by `milestonesAt`.
 */
export function levelStepsFor(target: Target, timeline: RegionTimeline): LevelStep[] {
  return requirementsFor(target, timeline).flatMap((r): LevelStep[] => {
    if (r.kind === 'level') return [{ dueOn: r.dueOn, minPct: r.minPct }];
    return r.requiredStage === 'actual' ? [{ dueOn: r.dueOn, minPct: 100 }] : [];
  });
}

/** 1 January of the plan's first year: calendar targets run from here. */
export function planStart(plan: PlanModel): string {
  return yearStart(plan.document.startYear);
}

/**
 * Where a target's planned path starts from 0 (null: not started). Event-counted targets
 * start at their event — a ladder floored to clockFloorYear starts on 1 January of that year;
 * calendar targets and dated milestones start at the plan's start.
 */
export function clockStartFor(
  target: Target,
  timeline: RegionTimeline,
  plan: PlanModel,
): string | null {
  const steps = requirementsFor(target, timeline);
  if (steps.length === 0) return null;
  const first = steps.reduce((a, s) => minDate(a, s.dueOn), steps[0]!.dueOn);
  if (
    target.kind === 'calendarLevel' ||
    (target.kind === 'stageMilestone' && target.dueOn !== null)
  )
    return minDate(planStart(plan), first);
  const eventOn = target.event ? timeline[target.event] : null;
  if (eventOn === null) return null;
  if (target.kind === 'eventLadder' && target.clockFloorYear !== null)
    return minDate(maxDate(eventOn, yearStart(target.clockFloorYear)), first);
  return minDate(eventOn, first);
}

/**
 * Whether the baseline of a status assessment is 0 at the clock start by definition: true
 * for clocks started by the region's own event (coverage before launch is nil), false for
 * calendar clocks and floored ladders (the region may already have been paying by DRG/DIP).
 */
export function zeroAtClockStart(target: Target, timeline: RegionTimeline): boolean {
  if (target.event === null || target.dueOn !== null) return false;
  if (target.kind !== 'eventLadder' || target.clockFloorYear === null) return true;
  const eventOn = timeline[target.event];
  return eventOn !== null && yearOf(eventOn) >= target.clockFloorYear;
}

/** Whether `target` names `regionCode` (province scope: every region of the plan's province). */
export function appliesToRegion(plan: PlanModel, target: Target, regionCode: string): boolean {
  const scope = target.scope;
  switch (scope.kind) {
    case 'province':
      return true;
    case 'regions':
      return scope.regions.includes(regionCode);
    case 'cohort':
      return plan.cohorts.some(
        (c) => c.key === scope.cohort && c.members.some((m) => m.region === regionCode),
      );
  }
}

/** Targets each region in scope owes on `dimension` (subset null: the whole dimension). */
export function regionTargets(
  plan: PlanModel,
  regionCode: string,
  dimension: Dimension,
  subset: string | null = null,
): Target[] {
  return plan.targets.filter(
    (t) =>
      t.appliesTo === 'eachRegion' &&
      t.dimension === dimension &&
      (dimension === 'regions' || t.subset === subset) &&
      levelStepsFor(t, ALL_EVENTS_HAPPENED).length > 0 &&
      appliesToRegion(plan, t, regionCode),
  );
}

/** Used only to ask "can this target ever give a level?" (drops preparing/simulated milestones). */
const ALL_EVENTS_HAPPENED: RegionTimeline = {
  ...EMPTY_TIMELINE,
  launch: '2000-01-01',
  simulatedPayment: '2000-01-01',
  actualPayment: '2000-01-01',
};

/** Stage milestones of the plan that apply to `regionCode`. */
export function regionMilestones(plan: PlanModel, regionCode: string): Target[] {
  return plan.targets.filter(
    (t) =>
      t.kind === 'stageMilestone' &&
      t.requiredStage !== null &&
      appliesToRegion(plan, t, regionCode),
  );
}
