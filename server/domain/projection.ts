/**
 * "If the recent pace continues": a least-squares line through the last (up to 4) reported
 * quarters, extended to the next target's due date. Four quarters is one reporting year —
 * recent enough to reflect the current pace, long enough not to chase one noisy quarter;
 * three is the fewest that can show whether the pace holds.
 */
import { comparePeriods, periodFromIndex, periodIndex, periodOfDate } from './periods.ts';
import type { Observation } from './status.ts';
import type { Period } from './types.ts';

export interface ProjectionOptions {
  /** quarters used at most (default 4) */
  window?: number;
  /** quarters needed at least (default 3) */
  minimum?: number;
  /** how far ahead of the last report to look for the target being reached (default 20) */
  horizonQuarters?: number;
}

export type Projection =
  | { enough: false; reason: string; basedOn: Period[] }
  | {
      enough: true;
      basedOn: Period[];
      /** percentage points per quarter */
      slopePerQuarter: number;
      /** the line's value in the quarter containing the due date, clamped to 0–100 */
      projectedAtTarget: number;
      /** first quarter, from the last report on, in which the line reaches the level (null: not within the horizon) */
      reachesTargetIn: Period | null;
    };

/** Least squares y = a + b·x. */
function fitLine(points: { x: number; y: number }[]): { a: number; b: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: my - b * mx, b };
}

/**
 * Projects `series` to `target`. Quarters without a report are skipped, not read as 0: the
 * line runs through what was reported. Quarters are evenly spaced on the x axis, so the due
 * date is taken as the quarter that contains it (plan deadlines are quarter ends).
 */
export function projectToTarget(
  series: Observation[],
  target: { dueOn: string; pct: number },
  options: ProjectionOptions = {},
): Projection {
  const window = options.window ?? 4;
  const minimum = options.minimum ?? 3;
  const horizon = options.horizonQuarters ?? 20;
  const reported = series
    .filter((o): o is { period: Period; pct: number } => o.pct !== null)
    .sort((a, b) => comparePeriods(a.period, b.period))
    .slice(-window);
  const basedOn = reported.map((o) => o.period);
  if (reported.length < minimum) {
    return {
      enough: false,
      reason: `A projection needs at least ${minimum} reported quarters; ${reported.length} available.`,
      basedOn,
    };
  }
  const { a, b } = fitLine(reported.map((o) => ({ x: periodIndex(o.period), y: o.pct })));
  const at = (x: number) => a + b * x;
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  const last = periodIndex(reported.at(-1)!.period);
  let reachesTargetIn: Period | null = null;
  for (let x = last; x <= last + horizon; x++) {
    // A small tolerance keeps a line that lands exactly on the level from missing it by rounding.
    if (at(x) >= target.pct - 1e-9) {
      reachesTargetIn = periodFromIndex(x);
      break;
    }
  }
  return {
    enough: true,
    basedOn,
    slopePerQuarter: b,
    projectedAtTarget: clamp(at(periodIndex(periodOfDate(target.dueOn)))),
    reachesTargetIn,
  };
}
