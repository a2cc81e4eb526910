/**
 * Is the provincial plan at least as demanding as the national one (医保发〔2021〕48号)?
 * Quarter by quarter and region by region, the level the provincial plan makes a region owe
 * is compared with the level the national plan makes it owe, both on the region's clock as
 * the provincial plan itself schedules it. Where the province asks less, the plan is
 * "laxer"; where it asks more, it goes "beyond" the national minimum.
 */
import { alternativeReading, CONTESTED_READING } from './contested-reading.ts';
import { periodsBetween, quarterEnd, yearOf } from './periods.ts';
import { milestoneDueOn, regionMilestones } from './targets.ts';
import type { Owed, Schedule } from './targets-in-force.ts';
import { aggregateSchedule, breakpoints, owedOn, regionSchedule } from './targets-in-force.ts';
import { EMPTY_TIMELINE } from './timeline.ts';
import type {
  ClauseSource,
  Dimension,
  Period,
  PlanModel,
  RegionInfo,
  RegionTimeline,
  Stage,
} from './types.ts';
import { REGION_EVENTS, STAGE_OF_EVENT } from './types.ts';

export interface AmbitionSide {
  level: number;
  /** the target whose level is owed (null: nothing owed yet) */
  key: string | null;
  source: ClauseSource | null;
  /** what this plan asks next, so that a "0 owed" side still names its clause */
  next: { key: string; level: number; dueOn: string; source: ClauseSource } | null;
}

export interface AmbitionSpan {
  /** null: the province as a whole (share of regions in actual payment) */
  region: string | null;
  dimension: Dimension;
  from: Period;
  to: Period;
  provincial: AmbitionSide;
  national: AmbitionSide;
  verdict: 'laxer' | 'stricter';
  /** province-level regions spans: regions the provincial plan has not put in actual payment by then */
  regionsBehind?: string[];
  /**
   * The gap exists under only one reading of a contested national clause (CONTESTED_READING):
   * it is listed so a reviewer sees it, not asserted. `reading` says which reading gives the
   * national side shown: 'adopted' (the tracker's) or 'alternative'.
   */
  contested: boolean;
  reading: 'adopted' | 'alternative';
}

export interface LateMilestone {
  region: string;
  key: string;
  requiredStage: Stage;
  dueOn: string;
  /** the date by which the national regions ladder wants every region in actual payment */
  nationalDueOn: string;
  source: ClauseSource;
  nationalSource: ClauseSource;
}

export interface AmbitionReport {
  laxer: AmbitionSpan[];
  beyond: AmbitionSpan[];
  lateMilestones: LateMilestone[];
  /** the contested reading the `contested` spans depend on (null: the national plan has none) */
  contestedReading: { targets: string[]; zh: string; en: string } | null;
}

const LEVEL_DIMENSIONS: Dimension[] = ['institutions', 'diseaseGroups', 'fund'];
const EPSILON = 1e-9;

/**
 * The region's clock as the provincial plan schedules it: an event the plan sets a stage
 * milestone for happens on the latest date the plan allows (the earliest of its deadlines),
 * unless it already happened earlier; other events keep the given date. A later event pulls
 * earlier ones back ("实际付费" by 2023-12-31 means launched by then too).
 */
export function timelineAsPlanned(
  plan: PlanModel,
  regionCode: string,
  given: RegionTimeline,
): RegionTimeline {
  const out: RegionTimeline = { ...EMPTY_TIMELINE };
  const milestones = regionMilestones(plan, regionCode);
  for (const event of REGION_EVENTS) {
    const deadlines = milestones
      .filter((m) => m.requiredStage === STAGE_OF_EVENT[event])
      .map((m) => milestoneDueOn(m, { ...given, ...out }))
      .filter((d): d is string => d !== null)
      .sort();
    const latestAllowed = deadlines[0] ?? null;
    const happened = given[event];
    out[event] =
      latestAllowed === null
        ? happened
        : happened !== null && happened < latestAllowed
          ? happened
          : latestAllowed;
  }
  for (let i = REGION_EVENTS.length - 2; i >= 0; i--) {
    const event = REGION_EVENTS[i]!;
    const later = out[REGION_EVENTS[i + 1]!];
    if (later !== null && (out[event] === null || later < out[event]!)) out[event] = later;
  }
  return out;
}

function sideOf(owed: Owed): AmbitionSide {
  const decider = owed.inForce.find((t) => t.decides) ?? null;
  const next = owed.next
    ? {
        key: owed.next.key,
        level: owed.next.level,
        dueOn: owed.next.dueOn,
        source: owed.next.source,
      }
    : null;
  return { level: owed.level, key: decider?.key ?? null, source: decider?.source ?? null, next };
}

function verdictOf(provincial: number, national: number): 'laxer' | 'stricter' | null {
  if (provincial < national - EPSILON) return 'laxer';
  if (provincial > national + EPSILON) return 'stricter';
  return null;
}

/** Merges consecutive quarters with the same verdict, levels and clauses into spans. */
function addToSpans(
  spans: AmbitionSpan[],
  quarter: Omit<AmbitionSpan, 'from' | 'to'>,
  period: Period,
  previous: Period | null,
): void {
  const last = spans.at(-1);
  const same =
    last !== undefined &&
    previous !== null &&
    last.to === previous &&
    last.region === quarter.region &&
    last.dimension === quarter.dimension &&
    last.verdict === quarter.verdict &&
    last.contested === quarter.contested &&
    last.reading === quarter.reading &&
    last.provincial.level === quarter.provincial.level &&
    last.provincial.key === quarter.provincial.key &&
    last.national.level === quarter.national.level &&
    last.national.key === quarter.national.key;
  if (same) last.to = period;
  else spans.push({ ...quarter, from: period, to: period });
}

function lastDueYear(schedules: Schedule[]): number {
  return schedules.flatMap(breakpoints).reduce((a, d) => Math.max(a, yearOf(d)), 0);
}

/**
 * Compares the provincial plan with the national one, from the provincial plan's first
 * quarter to the later of both plans' end years — extended to the last due date either plan
 * sets for these regions (the national "2024年启动地区须于两年内完成" reaches into 2025).
 * Subset targets (e.g. 二级及以上公立医院) have no national counterpart and are left out.
 */
export function ambitionCheck(
  provincialPlan: PlanModel,
  nationalPlan: PlanModel,
  regions: RegionInfo[],
  timelines: Record<string, RegionTimeline>,
): AmbitionReport {
  const planned = new Map(
    regions.map((r) => [
      r.code,
      timelineAsPlanned(provincialPlan, r.code, timelines[r.code] ?? EMPTY_TIMELINE),
    ]),
  );
  const alternative = alternativeReading(nationalPlan);
  const pairs = regions.flatMap((r) =>
    LEVEL_DIMENSIONS.map((dimension) => ({
      region: r.code,
      dimension,
      provincial: regionSchedule(provincialPlan, r.code, planned.get(r.code)!, dimension),
      national: regionSchedule(nationalPlan, r.code, planned.get(r.code)!, dimension),
      alternative: alternative
        ? regionSchedule(alternative.plan, r.code, planned.get(r.code)!, dimension)
        : null,
    })),
  );
  const provincialRegions = aggregateSchedule(provincialPlan, { kind: 'province' }, 'regions');
  const nationalRegions = aggregateSchedule(nationalPlan, { kind: 'province' }, 'regions');
  const endYear = Math.max(
    provincialPlan.document.endYear,
    nationalPlan.document.endYear,
    lastDueYear([
      ...pairs.flatMap((p) => [p.provincial, p.national]),
      provincialRegions,
      nationalRegions,
    ]),
  );
  const quarters = periodsBetween(`${provincialPlan.document.startYear}Q1`, `${endYear}Q4`);

  const spans: AmbitionSpan[] = [];
  for (const pair of pairs) {
    let previous: Period | null = null;
    for (const period of quarters) {
      const date = quarterEnd(period);
      const provincial = sideOf(owedOn(pair.provincial, date));
      const national = sideOf(owedOn(pair.national, date));
      const verdict = verdictOf(provincial.level, national.level);
      const other = pair.alternative ? sideOf(owedOn(pair.alternative, date)) : national;
      const otherVerdict = verdictOf(provincial.level, other.level);
      const base = { region: pair.region, dimension: pair.dimension, provincial };
      if (verdict)
        addToSpans(
          spans,
          { ...base, national, verdict, contested: otherVerdict !== verdict, reading: 'adopted' },
          period,
          previous,
        );
      else if (otherVerdict)
        // a gap only under the alternative reading: shown, marked as depending on it
        addToSpans(
          spans,
          {
            ...base,
            national: other,
            verdict: otherVerdict,
            contested: true,
            reading: 'alternative',
          },
          period,
          previous,
        );
      previous = period;
    }
  }

  // The share of regions in actual payment, province as a whole.
  let previous: Period | null = null;
  for (const period of quarters) {
    const date = quarterEnd(period);
    const behind = regions.filter((r) => {
      const on = planned.get(r.code)!.actualPayment;
      return on === null || on > date;
    });
    const scheduledShare =
      regions.length === 0 ? 0 : (100 * (regions.length - behind.length)) / regions.length;
    const aggregate = owedOn(provincialRegions, date);
    const provincial =
      aggregate.level >= scheduledShare && aggregate.inForce.length > 0
        ? sideOf(aggregate)
        : { ...sideOf(aggregate), level: scheduledShare, key: null, source: null };
    const national = sideOf(owedOn(nationalRegions, date));
    // Only a shortfall is reported: regions already paying for real are facts, not ambition.
    const verdict = verdictOf(provincial.level, national.level);
    if (verdict === 'laxer')
      addToSpans(
        spans,
        {
          region: null,
          dimension: 'regions',
          provincial,
          national,
          verdict,
          regionsBehind: behind.map((r) => r.code),
          contested: false,
          reading: 'adopted',
        },
        period,
        previous,
      );
    previous = period;
  }

  return {
    laxer: spans.filter((s) => s.verdict === 'laxer'),
    beyond: spans.filter((s) => s.verdict === 'stricter'),
    lateMilestones: lateMilestones(provincialPlan, regions, planned, nationalRegions),
    contestedReading: alternative ? { targets: alternative.targets, ...CONTESTED_READING } : null,
  };
}

/**
 * Actual-payment milestones due after the date on which the national ladder wants every
 * region paying for real ("2024年底前…全面覆盖": the step at which it owes 100 %).
 */
function lateMilestones(
  plan: PlanModel,
  regions: RegionInfo[],
  planned: Map<string, RegionTimeline>,
  nationalRegions: Schedule,
): LateMilestone[] {
  const full = breakpoints(nationalRegions).find(
    (d) => owedOn(nationalRegions, d).level >= 100 - EPSILON,
  );
  if (full === undefined) return [];
  const fullTarget = owedOn(nationalRegions, full).inForce.find((t) => t.decides)!;
  return regions.flatMap((r) =>
    regionMilestones(plan, r.code)
      .filter((m) => m.requiredStage === 'actual')
      .flatMap((m): LateMilestone[] => {
        // An event-counted milestone whose event the plan never schedules cannot be dated: skipped.
        const dueOn = milestoneDueOn(m, planned.get(r.code)!);
        if (dueOn === null || dueOn <= full) return [];
        return [
          {
            region: r.code,
            key: m.key,
            requiredStage: 'actual',
            dueOn,
            nationalDueOn: full,
            source: m.source,
            nationalSource: fullTarget.source,
          },
        ];
      }),
  );
}
