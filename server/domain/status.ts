/**
 * Progress status: is a region (or province) getting to its next requirement in time?
 *
 * Adapted from the Statistics Canada method used by Open SDG (open-sdg/open-sdg
 * docs/progress-methodology.md; open-sdg/sdg-build sdg/ProgressMeasure.py): compare the
 * growth observed since the baseline with the growth needed to reach the target on time,
 *   ratio = [(xt − x0) / (t − t0)] / [(x* − x0) / (T − t0)],
 * and classify with its thresholds: ≥ 0.95 on track, 0.60–0.95 acceleration needed,
 * 0–0.60 limited progress, < 0 deterioration.
 *
 * One deliberate difference: Open SDG uses compound annual growth rates. Coverage here
 * starts at 0 at launch by definition, where a compound rate is undefined (Open SDG swaps a
 * 0 for 0.001, which makes any progress look explosive), and it is a share capped at 100,
 * where planned growth is linear in percentage points. So rates are linear: percentage
 * points per year (years = days / 365.25; the unit cancels out of the ratio).
 */
import { quarterEnd, yearsBetween } from './periods.ts';
import type { Period } from './types.ts';

export const PROGRESS_STATUSES = [
  'met',
  'onTrack',
  'accelerationNeeded',
  'limitedProgress',
  'deterioration',
  'notYetDue',
  'noPlan',
  'noReport',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const RATIO_THRESHOLDS = {
  onTrack: 0.95,
  accelerationNeeded: 0.6,
  limitedProgress: 0,
} as const;

export interface Observation {
  period: Period;
  /** null: no report (or nothing to cover) that quarter */
  pct: number | null;
}

export interface ProgressInput {
  hasPlan: boolean;
  /** the date assessed: the quarter end of the period */
  at: string;
  observations: Observation[];
  /** the earliest clock start of the targets (null or later than `at`: not yet due) */
  clock: { start: string; zeroAtStart: boolean } | null;
  /** the owed staircase: level owed from each due date on */
  requirements: { dueOn: string; pct: number }[];
}

export interface ProgressAssessment {
  status: ProgressStatus;
  ratio: number | null;
  baseline: { date: string; pct: number } | null;
  current: { date: string; pct: number } | null;
  target: { dueOn: string; pct: number; overdue: boolean } | null;
  /** percentage points per year */
  rates: { actual: number; required: number } | null;
  note: string;
}

type GrowthStatus = 'onTrack' | 'accelerationNeeded' | 'limitedProgress' | 'deterioration';

export function statusOfRatio(ratio: number): GrowthStatus {
  if (ratio >= RATIO_THRESHOLDS.onTrack) return 'onTrack';
  if (ratio >= RATIO_THRESHOLDS.accelerationNeeded) return 'accelerationNeeded';
  if (ratio >= RATIO_THRESHOLDS.limitedProgress) return 'limitedProgress';
  return 'deterioration';
}

/** Linear growth ratio on numeric times (years); null when no time has passed or none is left. */
export function growthRatio(
  base: { t: number; x: number },
  current: { t: number; x: number },
  target: { t: number; x: number },
) {
  if (current.t <= base.t || target.t <= base.t || target.x === base.x) return null;
  const actual = (current.x - base.x) / (current.t - base.t);
  const required = (target.x - base.x) / (target.t - base.t);
  return { actual, required, ratio: actual / required };
}

const SEVERITY: GrowthStatus[] = [
  'deterioration',
  'limitedProgress',
  'accelerationNeeded',
  'onTrack',
];

function atMost(status: GrowthStatus, cap: GrowthStatus): GrowthStatus {
  return SEVERITY.indexOf(status) > SEVERITY.indexOf(cap) ? cap : status;
}

function result(
  status: ProgressStatus,
  note: string,
  extra: Partial<ProgressAssessment> = {},
): ProgressAssessment {
  return {
    status,
    ratio: null,
    baseline: null,
    current: null,
    target: null,
    rates: null,
    note,
    ...extra,
  };
}

/**
 * The baseline (t0, x0). A clock started by the region's own event starts from coverage 0
 * (nothing is paid by DRG/DIP before launch) unless a report speaks for that very day;
 * otherwise it is the first report at or after the clock start.
 */
function baselineOf(input: ProgressInput): { date: string; pct: number } | null {
  const clock = input.clock!;
  const reported = input.observations
    .filter((o): o is { period: Period; pct: number } => o.pct !== null)
    .map((o) => ({ date: quarterEnd(o.period), pct: o.pct }));
  if (clock.zeroAtStart)
    return reported.find((o) => o.date === clock.start) ?? { date: clock.start, pct: 0 };
  return (
    reported
      .filter((o) => o.date >= clock.start && o.date <= input.at)
      .sort((a, b) => a.date.localeCompare(b.date))[0] ?? null
  );
}

/**
 * Which requirement to measure against: the strictest requirement in force that is not met
 * (overdue), else the earliest upcoming requirement above the current value. None: 'met'
 * (everything owed is met and nothing ahead is above the current value yet).
 */
export function assessProgress(input: ProgressInput): ProgressAssessment {
  if (!input.hasPlan)
    return result('noPlan', 'The province has no plan of its own on this dimension.');
  if (input.clock === null || input.clock.start > input.at)
    return result('notYetDue', 'No target has started its clock yet.');
  const currentObs = input.observations.find((o) => quarterEnd(o.period) === input.at);
  if (!currentObs || currentObs.pct === null)
    return result('noReport', 'No report for this quarter.');
  const current = { date: input.at, pct: currentObs.pct };
  const baseline = baselineOf(input) ?? current;

  const inForce = input.requirements.filter((r) => r.dueOn <= input.at);
  const owedNow = inForce.reduce((a, r) => Math.max(a, r.pct), 0);
  if (current.pct < owedNow) {
    const dueOn = inForce
      .filter((r) => r.pct >= owedNow)
      .map((r) => r.dueOn)
      .sort()[0]!;
    const target = { dueOn, pct: owedNow, overdue: true };
    // Evaluated at t = T: the share of the required rise achieved by the deadline.
    if (owedNow <= baseline.pct)
      return result('deterioration', 'Overdue and below the baseline.', {
        baseline,
        current,
        target,
      });
    const ratio = (current.pct - baseline.pct) / (owedNow - baseline.pct);
    // A missed deadline is never "on track", however close the value is.
    const status = atMost(statusOfRatio(ratio), 'accelerationNeeded');
    return result(status, 'Overdue: ratio = (xt − x0) / (x* − x0); capped at accelerationNeeded.', {
      ratio,
      baseline,
      current,
      target,
    });
  }

  const upcoming = input.requirements
    .filter((r) => r.dueOn > input.at && r.pct > current.pct)
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  if (!upcoming)
    return result(
      'met',
      'Every requirement in force is met and none ahead is above the current value.',
      { baseline, current },
    );
  const target = { dueOn: upcoming.dueOn, pct: upcoming.pct, overdue: false };
  if (upcoming.pct <= baseline.pct)
    return result('deterioration', 'Fell below a level already reached at the baseline.', {
      baseline,
      current,
      target,
    });
  const g = growthRatio(
    { t: 0, x: baseline.pct },
    { t: yearsBetween(baseline.date, current.date), x: current.pct },
    { t: yearsBetween(baseline.date, target.dueOn), x: target.pct },
  );
  if (g === null)
    return result(
      'onTrack',
      'Baseline quarter: no time has passed to measure growth; nothing is overdue.',
      { baseline, current, target },
    );
  return result(statusOfRatio(g.ratio), 'ratio = [(xt − x0)/(t − t0)] / [(x* − x0)/(T − t0)]', {
    ratio: g.ratio,
    baseline,
    current,
    target,
    rates: { actual: g.actual, required: g.required },
  });
}
