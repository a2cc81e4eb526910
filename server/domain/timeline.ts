/**
 * A coordinating region's clock: when it launched (启动), began simulated payment (模拟付费)
 * and actual payment (实际付费). Event-counted targets ("统筹地区启动DRG/DIP付费改革工作后，
 * 按三年安排…") run from these dates, so they decide what a region owes.
 */
import { comparePeriods, quarterEnd } from './periods.ts';
import type { Period, RegionEventKind, RegionQuarter, RegionTimeline, Stage } from './types.ts';
import { REGION_EVENTS, STAGE_OF_EVENT, STAGES } from './types.ts';

/** A dated fact entered by an admin or a seed, with a source; it beats what reports imply. */
export interface TimelineCorrection {
  kind: RegionEventKind;
  occurredOn: string;
}

export interface StageRegression {
  regionCode: string;
  period: Period;
  from: Stage;
  to: Stage;
}

/** Shared and frozen: copy it (`{ ...EMPTY_TIMELINE }`) before filling it in. */
export const EMPTY_TIMELINE: Readonly<RegionTimeline> = Object.freeze({
  launch: null,
  simulatedPayment: null,
  actualPayment: null,
});

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** The event whose happening puts a region in `stage` (null for 'notStarted'). */
export function eventOfStage(stage: Stage): RegionEventKind | null {
  return REGION_EVENTS.find((e) => STAGE_OF_EVENT[e] === stage) ?? null;
}

function sortedByPeriod(quarters: RegionQuarter[]): RegionQuarter[] {
  return [...quarters].sort((a, b) => comparePeriods(a.period, b.period));
}

/**
 * Derives a region's timeline from its quarterly reports, then applies corrections.
 *
 * From reports: an event is dated at the quarter end of the first report whose stage has
 * reached the event's stage. A report is a statement about the quarter's last day, so
 * "actual payment in 2023Q4" dates actual payment 2023-12-31 — the latest date consistent
 * with the reports, never an earlier guess. Reaching 'actual' implies launch and simulation
 * had happened by then (a region may skip a stage between two reports).
 *
 * Corrections (a later one for the same kind wins; the caller passes them oldest first and
 * without retracted rows) replace the derived date of their event. Events not corrected are
 * then pulled back so that the order launch ≤ simulated ≤ actual holds: if a source dates
 * actual payment 2022-07-01, the region had launched by then too. A corrected date is kept
 * as the source gives it, even if it breaks the order; `timelineOrderProblems` reports that.
 */
export function deriveTimeline(
  quarters: RegionQuarter[],
  corrections: TimelineCorrection[] = [],
): RegionTimeline {
  const timeline: RegionTimeline = { ...EMPTY_TIMELINE };
  for (const q of sortedByPeriod(quarters)) {
    for (const event of REGION_EVENTS) {
      if (timeline[event] === null && stageRank(q.stage) >= stageRank(STAGE_OF_EVENT[event]))
        timeline[event] = quarterEnd(q.period);
    }
  }
  const corrected = new Set<RegionEventKind>();
  for (const c of corrections) {
    timeline[c.kind] = c.occurredOn;
    corrected.add(c.kind);
  }
  // Walk from the latest event back: an uncorrected earlier event is no later than any later one.
  for (let i = REGION_EVENTS.length - 2; i >= 0; i--) {
    const event = REGION_EVENTS[i]!;
    if (corrected.has(event)) continue;
    for (const later of REGION_EVENTS.slice(i + 1)) {
      const laterDate = timeline[later];
      const own = timeline[event];
      if (laterDate !== null && (own === null || laterDate < own)) timeline[event] = laterDate;
    }
  }
  return timeline;
}

/** Pairs of events whose dates run backwards (only possible through corrections). */
export function timelineOrderProblems(
  timeline: RegionTimeline,
): { earlier: RegionEventKind; later: RegionEventKind }[] {
  const problems: { earlier: RegionEventKind; later: RegionEventKind }[] = [];
  REGION_EVENTS.forEach((earlier, i) => {
    for (const later of REGION_EVENTS.slice(i + 1)) {
      const a = timeline[earlier];
      const b = timeline[later];
      if (b !== null && (a === null || b < a)) problems.push({ earlier, later });
    }
  });
  return problems;
}

/**
 * Quarters in which a region reported an earlier stage than in its previous report
 * (e.g. 'actual' then 'simulated'). A warning for the reviewer, not an error: a region may
 * really suspend actual payment, and the timeline keeps the first date it was reached.
 */
export function detectStageRegressions(quarters: RegionQuarter[]): StageRegression[] {
  const out: StageRegression[] = [];
  const previous = new Map<string, RegionQuarter>();
  for (const q of sortedByPeriod(quarters)) {
    const before = previous.get(q.regionCode);
    if (before && stageRank(q.stage) < stageRank(before.stage))
      out.push({ regionCode: q.regionCode, period: q.period, from: before.stage, to: q.stage });
    previous.set(q.regionCode, q);
  }
  return out;
}

/** The timeline as it stood on `date`: events dated later had not happened yet. */
export function timelineAsOf(timeline: RegionTimeline, date: string): RegionTimeline {
  const out: RegionTimeline = { ...EMPTY_TIMELINE };
  for (const event of REGION_EVENTS) {
    const on = timeline[event];
    out[event] = on !== null && on <= date ? on : null;
  }
  return out;
}
