/**
 * Stage milestones (阶段节点) as the province page shows them: one row per region and
 * deadline, worst first, from the regions' `milestones` in a trajectory answer (the engine's
 * milestonesAt: met / met late / missed / not yet due as of the period viewed).
 */
import type { MilestoneState } from '../../../server/domain/milestones.ts';
import type { MilestoneDto, SeriesDto } from '../../../server/modules/trajectory/schemas.ts';
import { MILESTONE_ORDER } from './config.ts';

export interface MilestoneRow {
  region: string;
  nameZh: string;
  nameEn: string;
  key: string;
  document: string;
  clauseRef: string;
  quote: string;
  requiredStage: MilestoneDto['requiredStage'];
  dueOn: string | null;
  reachedOn: string | null;
  state: MilestoneState;
  soft: boolean;
}

/** Every region's milestones, missed first, then by due date and region. */
export function milestoneRows(series: SeriesDto[]): MilestoneRow[] {
  const rank = (s: MilestoneState) => MILESTONE_ORDER.indexOf(s);
  return series
    .filter((s) => s.scope === 'region')
    .flatMap((s) =>
      s.milestones.map(
        (m): MilestoneRow => ({
          region: s.key,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          key: `${s.key}|${m.planSlug}|${m.key}`,
          document: m.source.document,
          clauseRef: m.source.clauseRef,
          quote: m.source.quote,
          requiredStage: m.requiredStage,
          dueOn: m.dueOn,
          reachedOn: m.reachedOn,
          state: m.state,
          soft: m.soft,
        }),
      ),
    )
    .sort(
      (a, b) =>
        rank(a.state) - rank(b.state) ||
        (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
        a.region.localeCompare(b.region),
    );
}

/** How many milestones are in each state (every state listed, zeros included). */
export function milestoneCounts(milestones: { state: MilestoneState }[]) {
  return MILESTONE_ORDER.map((state) => ({
    state,
    count: milestones.filter((m) => m.state === state).length,
  }));
}
