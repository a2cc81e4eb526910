/**
 * Stage deadlines: by when a region must have launched (启动), be simulating (模拟付费) or pay
 * for real (实际付费) — judged as milestones (met / met late / missed / not yet due), and used
 * to keep a region that missed one on the clock it should have started.
 *
 * A deadline comes from a plan's stage milestone ("亳州市、池州市以及省直医保 … 2023 年 6 月底前
 * 实现实际付费"), or from a target on the share of regions that asks for all of them: the
 * national "分别启动不少于40%、30%、30%的统筹地区开展DRG/DIP支付方式改革并实际付费" reaches
 * 100 % at end-2024, so every region is to pay for real by 2024-12-31.
 */
import { yearStart } from './periods.ts';
import { appliesToRegion, milestoneDueOn, regionMilestones } from './targets.ts';
import { eventOfStage, stageRank } from './timeline.ts';
import { reaches } from './tolerance.ts';
import type { ClauseSource, PlanModel, RegionTimeline, Stage, Target } from './types.ts';
import { REGION_EVENTS, STAGE_OF_EVENT } from './types.ts';

export const MILESTONE_STATES = ['met', 'metLate', 'missed', 'notYetDue'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export interface StageDeadline {
  target: Target;
  requiredStage: Stage;
  /** null: counted from an event that has not happened */
  dueOn: string | null;
  /** read from a target on the share of regions that asks for every region */
  fromShareOfRegions: boolean;
}

/** Every stage deadline `plan` sets for one region (dates from its timeline where counted from an event). */
export function stageDeadlines(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
): StageDeadline[] {
  const own = regionMilestones(plan, regionCode).map((t) => ({
    target: t,
    requiredStage: t.requiredStage!,
    dueOn: milestoneDueOn(t, timeline),
    fromShareOfRegions: false,
  }));
  const everyRegion = plan.targets
    .filter(
      (t) =>
        t.appliesTo === 'aggregate' &&
        t.dimension === 'regions' &&
        t.kind === 'calendarLevel' &&
        t.dueOn !== null &&
        t.minPct !== null &&
        reaches(t.minPct, 100) &&
        t.scope.kind !== 'regions' &&
        appliesToRegion(plan, t, regionCode),
    )
    .map((t) => ({
      target: t,
      requiredStage: 'actual' as const,
      dueOn: t.dueOn,
      fromShareOfRegions: true,
    }));
  return [...own, ...everyRegion];
}

/**
 * The clock a region owes on, as of `date`: an event whose deadline has passed counts as
 * having happened on that deadline, unless it really happened earlier. A region that has not
 * launched a year after "2022 年全省各市州启动" owes what a region launched on 2022-12-31 owes,
 * and one that launches late keeps that clock (launching late never lowers what is owed).
 * Reaching a stage implies the earlier ones: a missed actual-payment deadline dates launch and
 * simulation too.
 */
export function timelineOwed(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
  date: string,
): RegionTimeline {
  const out: RegionTimeline = { ...timeline };
  for (const d of stageDeadlines(plan, regionCode, timeline)) {
    if (d.dueOn === null || d.dueOn > date) continue;
    for (const event of REGION_EVENTS) {
      if (stageRank(STAGE_OF_EVENT[event]) > stageRank(d.requiredStage)) continue;
      const on = out[event];
      if (on === null || on > d.dueOn) out[event] = d.dueOn;
    }
  }
  return out;
}

export interface MilestoneStatus {
  key: string;
  planSlug: string;
  requiredStage: Stage;
  /** null: counted from an event that has not happened by the date */
  dueOn: string | null;
  /** when the region reached the stage, if it had by the date */
  reachedOn: string | null;
  state: MilestoneState;
  /** the deadline is read from a target on the share of regions (every region by then) */
  fromShareOfRegions: boolean;
  source: ClauseSource;
  soft: boolean;
  interpretation: string | null;
  interpretationZh: string | null;
}

/**
 * Every stage deadline of `plan` for one region, judged as of `date`. Events dated after
 * `date` had not happened yet. Reached by the deadline: met (even if the deadline is still
 * ahead); reached after it: metLate; deadline passed and not reached: missed; else notYetDue.
 */
export function milestonesAt(
  plan: PlanModel,
  regionCode: string,
  timeline: RegionTimeline,
  date: string,
): MilestoneStatus[] {
  return stageDeadlines(plan, regionCode, timeline).map((d) => {
    const t = d.target;
    const event = eventOfStage(d.requiredStage);
    const reached = event === null ? yearStart(plan.document.startYear) : timeline[event];
    const reachedOn = reached !== null && reached <= date ? reached : null;
    const dueOn =
      d.dueOn !== null &&
      (t.dueOn !== null || t.event === null || (timeline[t.event] ?? '9999') <= date)
        ? d.dueOn
        : null;
    let state: MilestoneState = 'notYetDue';
    if (reachedOn !== null && (dueOn === null || reachedOn <= dueOn)) state = 'met';
    else if (dueOn !== null && dueOn <= date) state = reachedOn !== null ? 'metLate' : 'missed';
    return {
      key: t.key,
      planSlug: plan.slug,
      requiredStage: d.requiredStage,
      dueOn,
      reachedOn,
      state,
      fromShareOfRegions: d.fromShareOfRegions,
      source: t.source,
      soft: t.soft,
      interpretation: t.interpretation,
      interpretationZh: t.interpretationZh,
    };
  });
}
