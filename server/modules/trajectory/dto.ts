/** The engine's answers as the trajectory API writes them: exact figures, stated precision. */
import type { Coverage } from '../../domain/coverage.ts';
import type { Point as EnginePoint } from '../../domain/evaluate.ts';
import type { MilestoneStatus } from '../../domain/milestones.ts';
import { figureText, roundPercent } from '../../domain/numbers.ts';
import { comparePeriods } from '../../domain/periods.ts';
import { projectToTarget } from '../../domain/projection.ts';
import type { ProgressAssessment } from '../../domain/status.ts';
import type { NextStep, TargetInForce } from '../../domain/targets-in-force.ts';
import { roundRatio, sameLevel } from '../../domain/tolerance.ts';
import type { Dimension, Period } from '../../domain/types.ts';
import type { MilestoneDto, Point, ProjectionDto, StatusDto, TargetRef } from './schemas.ts';

export const targetRef = (t: TargetInForce | NextStep): TargetRef => ({
  key: t.key,
  planSlug: t.planSlug,
  level: t.level,
  dueOn: t.dueOn,
  soft: 'soft' in t ? t.soft : false,
  interpretation: 'interpretation' in t ? t.interpretation : null,
  interpretationZh: 'interpretationZh' in t ? t.interpretationZh : null,
  source: t.source,
});

export function statusDto(
  a: ProgressAssessment,
  side: { targetsInForce: TargetInForce[]; nextTarget: NextStep | null },
  actual: EnginePoint['actual'],
  period: Period,
): StatusDto {
  const noReport = actual === null && a.status !== 'noPlan' && a.status !== 'notYetDue';
  const target = a.target
    ? [...side.targetsInForce, ...(side.nextTarget ? [side.nextTarget] : [])].find(
        (t) => t.dueOn === a.target!.dueOn && sameLevel(t.level, a.target!.pct),
      )
    : undefined;
  return {
    status: noReport ? 'noReport' : a.status,
    ratio: noReport ? null : roundRatio(a.ratio),
    target: target ? targetRef(target) : null,
    baseline: a.baseline ? { period: a.baseline.date, pct: roundPercent(a.baseline.pct)! } : null,
    overdue: noReport ? null : a.overdue,
    note: noReport ? `No report for ${period}.` : a.note,
  };
}

/** The engine's exact coverage as the API writes it: decimal text, percentages at two decimals. */
export function actualDto(c: Coverage | null, dimension: Dimension): Point['actual'] {
  if (!c) return null;
  return {
    numerator: figureText(c.numerator, dimension),
    denominator: figureText(c.denominator, dimension),
    pct: roundPercent(c.pct),
    ...(c.basis ? { basis: c.basis } : {}),
  };
}

export function pointDto(
  period: Period,
  p: EnginePoint,
  dimension: Dimension,
  stage: Point['stage'],
  method: Point['method'] = null,
): Point {
  return {
    period,
    actual: actualDto(p.actual, dimension),
    planned: roundPercent(p.planned),
    owed: roundPercent(p.owed),
    nationalPlanned: roundPercent(p.national.planned),
    nationalOwed: roundPercent(p.national.owed),
    notYetDue: p.notYetDue,
    targetsInForce: p.targetsInForce.map(targetRef),
    nextTarget: p.nextTarget ? targetRef(p.nextTarget) : null,
    stage,
    method,
  };
}

export const milestoneDto = (m: MilestoneStatus): MilestoneDto => ({
  key: m.key,
  planSlug: m.planSlug,
  requiredStage: m.requiredStage,
  dueOn: m.dueOn,
  reachedOn: m.reachedOn,
  state: m.state,
  fromShareOfRegions: m.fromShareOfRegions,
  soft: m.soft,
  interpretation: m.interpretation,
  interpretationZh: m.interpretationZh,
  source: m.source,
});

const NONE: ProjectionDto = {
  enough: false,
  reason: 'No target ahead to project to.',
  reasonZh: '没有待完成的目标可供预测',
  targetDate: null,
  targetLevel: null,
  projectedPct: null,
  reachesInPeriod: null,
  overdueSince: null,
};

/**
 * "If the recent pace continues". Overdue: when the line reaches the level owed since the
 * missed deadline (no target date in the past). Otherwise: where the line stands at the next
 * target's date, and when it reaches that level.
 */
export function projection(points: Point[], at: Period, status: StatusDto): ProjectionDto {
  const upTo = points.filter((p) => comparePeriods(p.period, at) <= 0);
  const series = upTo.map((p) => ({ period: p.period, pct: p.actual?.pct ?? null }));
  if (status.status === 'overdue' && status.overdue && status.target) {
    const level = status.target.level;
    const pr = projectToTarget(series, { dueOn: status.overdue.since, pct: level });
    return {
      ...NONE,
      enough: pr.enough,
      reason: pr.enough ? null : pr.reason,
      reasonZh: pr.enough ? null : tooFewZh(pr.basedOn.length),
      targetLevel: level,
      reachesInPeriod: pr.enough ? pr.reachesTargetIn : null,
      overdueSince: status.overdue.since,
    };
  }
  const next = upTo.at(-1)?.nextTarget ?? upTo.at(-1)?.targetsInForce[0] ?? null;
  if (!next) return NONE;
  const pr = projectToTarget(series, { dueOn: next.dueOn, pct: next.level });
  return {
    ...NONE,
    enough: pr.enough,
    reason: pr.enough ? null : pr.reason,
    reasonZh: pr.enough ? null : tooFewZh(pr.basedOn.length),
    targetDate: next.dueOn,
    targetLevel: next.level,
    projectedPct: pr.enough ? roundPercent(pr.projectedAtTarget) : null,
    reachesInPeriod: pr.enough ? pr.reachesTargetIn : null,
  };
}

const tooFewZh = (n: number) => `已报送的季度少于 ${Math.max(n, 3)} 个，数据不足，无法预测`;
