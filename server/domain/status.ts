/**
 * Progress status: is a region (or province) getting to its next requirement in time?
 *
 * Adapted from the Statistics Canada method used by Open SDG (open-sdg/open-sdg
 * docs/progress-methodology.md; open-sdg/sdg-build sdg/ProgressMeasure.py): compare the
 * growth observed since the baseline with the growth needed to reach the target on time,
 *   ratio = [(xt − x0) / (t − t0)] / [(x* − x0) / (T − t0)],
 * and classify with its thresholds: ≥ 0.95 on track, 0.60–0.95 acceleration needed,
 * 0–0.60 limited progress, < 0 deterioration. Like Open SDG, a single observation cannot
 * show growth: that is "insufficient data", never a green default.
 *
 * One deliberate difference: Open SDG uses compound annual growth rates. Coverage here
 * starts at 0 at launch by definition, where a compound rate is undefined (Open SDG swaps a
 * 0 for 0.001, which makes any progress look explosive), and it is a share capped at 100,
 * where planned growth is linear in percentage points. So rates are linear: percentage
 * points per year (years = days / 365.25; the unit cancels out of the ratio).
 *
 * Two states do not come from the ratio: a deadline passed unmet is "overdue" (逾期未达标),
 * with the date it has been overdue since and for how many quarters; and a yes/no measure
 * (a single region is in actual payment or not) is met, overdue or not yet due.
 */
import { periodIndex, periodOfDate, quarterEnd, yearsBetween } from './periods.ts';
import { PCT_TOLERANCE, reaches, shortOf } from './tolerance.ts';
import type { Period } from './types.ts';

export const PROGRESS_STATUSES = [
  'met',
  'onTrack',
  'accelerationNeeded',
  'limitedProgress',
  'deterioration',
  'overdue',
  'insufficientData',
  'notYetDue',
  'noData',
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
  /** a report exists for the quarter even though `pct` is null (a figure left out, 0 of 0) */
  reported?: boolean;
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
  /** a yes/no measure (one region in actual payment or not): met / overdue / not yet due */
  binary?: boolean;
}

export interface Overdue {
  /** the first deadline the current value does not meet */
  since: string;
  /** whole quarters from the quarter of that deadline to the quarter assessed (0: due this quarter) */
  quarters: number;
}

export interface ProgressAssessment {
  status: ProgressStatus;
  ratio: number | null;
  baseline: { date: string; pct: number } | null;
  current: { date: string; pct: number } | null;
  target: { dueOn: string; pct: number; overdue: boolean } | null;
  /** percentage points per year */
  rates: { actual: number; required: number } | null;
  overdue: Overdue | null;
  note: string;
}

type GrowthStatus = 'onTrack' | 'accelerationNeeded' | 'limitedProgress' | 'deterioration';

export function statusOfRatio(ratio: number): GrowthStatus {
  // the same tolerance as levels: a ratio of 0.9499999999999999 is 0.95
  if (ratio >= RATIO_THRESHOLDS.onTrack - PCT_TOLERANCE) return 'onTrack';
  if (ratio >= RATIO_THRESHOLDS.accelerationNeeded - PCT_TOLERANCE) return 'accelerationNeeded';
  if (ratio >= RATIO_THRESHOLDS.limitedProgress - PCT_TOLERANCE) return 'limitedProgress';
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
    overdue: null,
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

/** Overdue since the first deadline in force the current value does not meet. */
function overdueOf(
  inForce: { dueOn: string; pct: number }[],
  current: number,
  at: string,
): Overdue {
  const since = inForce
    .filter((r) => shortOf(current, r.pct))
    .map((r) => r.dueOn)
    .sort()[0]!;
  return { since, quarters: periodIndex(periodOfDate(at)) - periodIndex(periodOfDate(since)) };
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
  if (!currentObs || (currentObs.pct === null && !currentObs.reported))
    return result('noReport', 'No report for this quarter.');
  if (currentObs.pct === null)
    return result('noData', 'The report for this quarter does not give this figure.');
  const current = { date: input.at, pct: currentObs.pct };

  const inForce = input.requirements.filter((r) => r.dueOn <= input.at);
  const owedNow = inForce.reduce((a, r) => Math.max(a, r.pct), 0);
  if (input.binary) return binaryStatus(current, inForce, owedNow, input.at);
  const baseline = baselineOf(input) ?? current;

  if (shortOf(current.pct, owedNow)) {
    const dueOn = inForce
      .filter((r) => reaches(r.pct, owedNow))
      .map((r) => r.dueOn)
      .sort()[0]!;
    const target = { dueOn, pct: owedNow, overdue: true };
    // The share of the required rise achieved by now, for scale (a missed deadline is never "on track").
    const ratio =
      shortOf(baseline.pct, owedNow) && current.date > baseline.date
        ? (current.pct - baseline.pct) / (owedNow - baseline.pct)
        : null;
    return result(
      'overdue',
      'A deadline has passed and the level it set is not reached; ratio = (xt − x0) / (x* − x0).',
      { ratio, baseline, current, target, overdue: overdueOf(inForce, current.pct, input.at) },
    );
  }

  const upcoming = input.requirements
    .filter((r) => r.dueOn > input.at && shortOf(current.pct, r.pct))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0];
  if (!upcoming)
    return result(
      'met',
      'Every requirement in force is met and none ahead is above the current value.',
      { baseline, current },
    );
  const target = { dueOn: upcoming.dueOn, pct: upcoming.pct, overdue: false };
  if (reaches(baseline.pct, upcoming.pct))
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
      'insufficientData',
      'One observation since the clock started: growth cannot be measured yet.',
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

/**
 * One region in actual payment or not (the national "…统筹地区开展DRG/DIP支付方式改革并实际付费"):
 * there is no growth to measure. Paying: met. Not paying past a deadline: overdue. Not
 * paying with nothing due yet: not yet due.
 */
function binaryStatus(
  current: { date: string; pct: number },
  inForce: { dueOn: string; pct: number }[],
  owedNow: number,
  at: string,
): ProgressAssessment {
  if (reaches(current.pct, 100)) return result('met', 'In actual payment.', { current });
  if (shortOf(current.pct, owedNow)) {
    const overdue = overdueOf(inForce, current.pct, at);
    return result('overdue', 'Not in actual payment after the deadline to be.', {
      current,
      target: { dueOn: overdue.since, pct: owedNow, overdue: true },
      overdue,
    });
  }
  return result('notYetDue', 'Not in actual payment yet, and not yet due to be.', { current });
}
