/**
 * API answers → the plain rows the charts draw. Pure functions: the chart, its table view
 * and its CSV are all built from what these return, so the three always agree.
 */

import type { MilestoneState } from '../../../server/domain/milestones.ts';
import type { Dimension } from '../../../server/domain/types.ts';
import type { ComparisonRow, CompletenessRow } from '../../../server/modules/comparison/schemas.ts';
import type { ProvinceSummary } from '../../../server/modules/provinces/schemas.ts';
import type {
  SeriesDto,
  StatusCode,
  TargetRef,
} from '../../../server/modules/trajectory/schemas.ts';
import type { GapMode } from '../state/viewState.ts';
import { MILESTONE_ORDER, REPORT_ORDER, type ReportState } from './config.ts';

// ------------------------------------------------------------------ trajectory

export interface TrajectoryRow {
  period: string;
  /** reported coverage, % (null: no report that quarter) */
  actual: number | null;
  /** exact decimal text from the API (a count, or 万元 with two decimals on the fund dimension) */
  numerator: string | null;
  denominator: string | null;
  planned: number | null;
  owed: number | null;
  nationalPlanned: number | null;
  nationalOwed: number | null;
  notYetDue: boolean;
  stage: string | null;
  targetsInForce: TargetRef[];
  nextTarget: TargetRef | null;
}

/** The quarters up to `until` (the period the view is judged at; later figures would contradict the title). */
export function trajectoryRows(series: SeriesDto, until?: string | null): TrajectoryRow[] {
  const points = until ? series.points.filter((p) => p.period <= until) : series.points;
  return points.map((p) => ({
    period: p.period,
    actual: p.actual?.pct ?? null,
    numerator: p.actual?.numerator ?? null,
    denominator: p.actual?.denominator ?? null,
    planned: p.planned,
    owed: p.owed,
    nationalPlanned: p.nationalPlanned,
    nationalOwed: p.nationalOwed,
    notYetDue: p.notYetDue,
    stage: p.stage,
    targetsInForce: p.targetsInForce,
    nextTarget: p.nextTarget,
  }));
}

/** The quarter a date falls in: 2024-06-30 → 2024Q2. */
export function periodOfDate(iso: string): string {
  const year = iso.slice(0, 4);
  const month = Number(iso.slice(5, 7));
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

export interface Marker {
  period: string;
  kind: 'yearEnd' | 'target';
  /** ISO due date for targets, the year for year ends */
  label: string;
  level: number | null;
}

/**
 * Vertical markers: every year end in range, and every distinct target due date the
 * series meets (in force or next), placed on the quarter that contains it. A target date
 * on a year end replaces the year-end marker there.
 */
export function trajectoryMarkers(rows: TrajectoryRow[]): Marker[] {
  const inRange = new Set(rows.map((r) => r.period));
  const targets = new Map<string, Marker>();
  for (const r of rows) {
    for (const t of [...r.targetsInForce, ...(r.nextTarget ? [r.nextTarget] : [])]) {
      const period = periodOfDate(t.dueOn);
      if (!inRange.has(period)) continue;
      const prior = targets.get(period);
      if (!prior || (prior.level ?? 0) < t.level)
        targets.set(period, { period, kind: 'target', label: t.dueOn, level: t.level });
    }
  }
  const yearEnds = rows
    .filter((r) => r.period.endsWith('Q4') && !targets.has(r.period))
    .map(
      (r): Marker => ({
        period: r.period,
        kind: 'yearEnd',
        label: r.period.slice(0, 4),
        level: null,
      }),
    );
  return [...yearEnds, ...targets.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/** The first run of quarters with nothing due yet (shaded "not yet due"), or null. */
export function notYetDueSpan(rows: TrajectoryRow[]): { from: string; to: string } | null {
  const first = rows.findIndex((r) => r.notYetDue);
  if (first < 0) return null;
  let last = first;
  while (rows[last + 1]?.notYetDue) last++;
  return { from: rows[first]!.period, to: rows[last]!.period };
}

/** Every distinct target a series refers to, by due date: what the chart's "targets" panel lists. */
export function targetsOfRows(rows: TrajectoryRow[]): TargetRef[] {
  const byKey = new Map<string, TargetRef>();
  for (const r of rows)
    for (const t of [...r.targetsInForce, ...(r.nextTarget ? [r.nextTarget] : [])])
      byKey.set(`${t.key}|${t.dueOn}|${t.level}`, t);
  return [...byKey.values()].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.level - b.level);
}

/** The row of a period, or the latest reported one when the period is not given or not in range. */
export function rowAt(rows: TrajectoryRow[], period: string | null): TrajectoryRow | undefined {
  return (
    (period ? rows.find((r) => r.period === period) : undefined) ??
    rows.findLast((r) => r.actual != null) ??
    rows.at(-1)
  );
}

// ------------------------------------------------------------------ gap grid (overview)

export interface GapCell {
  dimension: Dimension;
  actual: number | null;
  /** what the gap is measured against, % */
  target: number | null;
  gap: number | null;
  status: StatusCode;
  /** 'national' when the gap is to the national plan — by choice, or because the province has no plan */
  against: GapMode;
  reportState: ReportState;
}

export interface GapGridRow {
  code: string;
  nameZh: string;
  nameEn: string;
  hasPlan: boolean;
  planDocument: string | null;
  cells: Record<Dimension, GapCell | null>;
  /** stage milestones its regions have missed at the period (0: none) */
  milestonesMissed: number;
}

/**
 * One row per province (in the order of `provinces`), one cell per dimension. A province
 * without a plan of its own is measured against the national plan in both modes — and says so.
 */
export function gapGrid(
  rows: ComparisonRow[],
  provinces: Pick<ProvinceSummary, 'code' | 'nameZh' | 'nameEn' | 'hasPlan' | 'plan'>[],
  dimensions: readonly Dimension[],
  mode: GapMode,
): GapGridRow[] {
  const byKey = new Map(rows.map((r) => [`${r.province.code}|${r.dimension}`, r]));
  return provinces.map((p) => {
    const cells = {} as Record<Dimension, GapCell | null>;
    for (const d of dimensions) {
      const r = byKey.get(`${p.code}|${d}`);
      cells[d] = r ? gapCell(r, mode) : null;
    }
    return {
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      hasPlan: p.hasPlan,
      planDocument: p.plan?.documentNumber ?? null,
      cells,
      milestonesMissed: dimensions
        .map((d) => byKey.get(`${p.code}|${d}`)?.milestones.missed ?? 0)
        .reduce((a, b) => Math.max(a, b), 0),
    };
  });
}

export function gapCell(r: ComparisonRow, mode: GapMode): GapCell {
  const against: GapMode = mode === 'national' || !r.hasPlan ? 'national' : 'plan';
  return {
    dimension: r.dimension,
    actual: r.actual?.pct ?? null,
    target: against === 'plan' ? r.planned : r.nationalPlanned,
    gap: against === 'plan' ? r.gapToPlan : r.gapToNational,
    status: against === 'plan' ? r.status : r.nationalStatus,
    against,
    reportState: r.report?.status ?? 'none',
  };
}

// ------------------------------------------------------------------ ranking (overview)

export interface RankingRow {
  code: string;
  nameZh: string;
  nameEn: string;
  actual: number | null;
  /** the level the province owes now (or its next target when nothing is owed yet), % */
  target: number | null;
  status: StatusCode;
  hasPlan: boolean;
  against: GapMode;
}

/** Provinces by actual coverage in one dimension, highest first; those that did not report last. */
export function rankingRows(
  rows: ComparisonRow[],
  dimension: Dimension,
  mode: GapMode,
): RankingRow[] {
  return rows
    .filter((r) => r.dimension === dimension)
    .map((r): RankingRow => {
      const against: GapMode = mode === 'national' || !r.hasPlan ? 'national' : 'plan';
      return {
        code: r.province.code,
        nameZh: r.province.nameZh,
        nameEn: r.province.nameEn,
        actual: r.actual?.pct ?? null,
        target: against === 'plan' ? (r.owed ?? r.target?.level ?? null) : r.nationalOwed,
        status: against === 'plan' ? r.status : r.nationalStatus,
        hasPlan: r.hasPlan,
        against,
      };
    })
    .sort((a, b) => (b.actual ?? -1) - (a.actual ?? -1) || byDigits(a.code, b.code));
}

/** Province codes (six digits) in order; not localeCompare, whose first call loads ICU's collator. */
const byDigits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ------------------------------------------------------------------ completeness (overview)

export interface CompletenessSummary {
  state: ReportState;
  count: number;
}

/** How many provinces are in each report state (every state listed, zeros included), and how many are overdue. */
export function completenessSummary(rows: CompletenessRow[]): {
  byState: CompletenessSummary[];
  overdue: number;
  total: number;
} {
  const byState = REPORT_ORDER.map((state) => ({
    state,
    count: rows.filter((r) => r.status === state).length,
  }));
  return { byState, overdue: rows.filter((r) => r.overdue).length, total: rows.length };
}

// ------------------------------------------------------------------ regions table (province page)

export interface RegionRow {
  code: string;
  nameZh: string;
  nameEn: string;
  /** 统筹地区's stage that quarter (from the regions dimension) */
  stage: string | null;
  /** DRG or DIP, when the API reports it */
  method: string | null;
  values: Partial<Record<Dimension, { pct: number | null; status: StatusCode }>>;
  /** its stage milestones at the period: how many in each state, and the worst state (null: none) */
  milestones: { counts: Record<MilestoneState, number>; worst: MilestoneState | null };
}

/**
 * One row per coordinating region, its figures at `asOf` (or the latest quarter) in each
 * dimension the trajectories cover.
 */
export function regionRows(
  trajectories: { dimension: Dimension; series: SeriesDto[] }[],
  asOf: string | null,
): RegionRow[] {
  const rows = new Map<string, RegionRow>();
  for (const tr of trajectories) {
    for (const s of tr.series.filter((x) => x.scope === 'region')) {
      const row = rows.get(s.key) ?? {
        code: s.key,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        stage: null,
        method: null,
        values: {},
        milestones: milestoneSummaryOf(s.milestones),
      };
      const point = (asOf ? s.points.find((p) => p.period === asOf) : undefined) ?? s.points.at(-1);
      row.values[tr.dimension] = { pct: point?.actual?.pct ?? null, status: s.status.status };
      if (point?.stage && (tr.dimension === 'regions' || !row.stage)) row.stage = point.stage;
      if (point?.method) row.method = point.method;
      rows.set(s.key, row);
    }
  }
  return [...rows.values()];
}

function milestoneSummaryOf(milestones: { state: MilestoneState }[]): RegionRow['milestones'] {
  const counts = Object.fromEntries(MILESTONE_ORDER.map((s) => [s, 0])) as Record<
    MilestoneState,
    number
  >;
  for (const m of milestones) counts[m.state]++;
  return { counts, worst: MILESTONE_ORDER.find((s) => counts[s] > 0) ?? null };
}
