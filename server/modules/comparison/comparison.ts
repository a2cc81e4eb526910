/**
 * Per province and dimension for one quarter: actual, planned (the interpolated path),
 * owed, the national minimum, the gaps and a status — from the same engine as the trajectory.
 */
import type { Db } from '../../db/client.ts';
import { roundPercent } from '../../domain/numbers.ts';
import { DIMENSIONS, type Dimension, type PlanModel } from '../../domain/types.ts';
import { nationalPlanModel } from '../plans/queries.ts';
import type { SeriesDto } from '../trajectory/schemas.ts';
import { type ProvinceContext, provinceContext, trajectoryOf } from '../trajectory/service.ts';
import type { ComparisonResponse, ComparisonRow } from './schemas.ts';

/** How the planned value of a quarter is derived (the API's `rule`; the exports' note). */
export const PLANNED_RULE = {
  zh: '序时进度：从统筹地区改革起点的 0 起，按直线连到各目标期限的应达水平（取适用目标中最严者）；全省数值按各统筹地区所报分母加权；改革尚未起步的统筹地区应达水平为 0。',
  en:
    'planned = the level owed by the strictest target in force, with straight lines between target dates from 0 at the clock start; ' +
    'province values weight each region by the denominator of its reported figures; a region whose clock has not started owes 0.',
};

/** actual − planned in percentage points, at the API's precision (both are rounded already). */
const gap = (actual: number | null | undefined, planned: number | null) =>
  actual === null || actual === undefined || planned === null
    ? null
    : roundPercent(actual - planned);

/**
 * Keeps a province's rows between requests (server/modules/results): called with the province,
 * and the computation to run when its rows for this period and these dimensions are not kept.
 */
export type ProvinceMemo = (
  provinceCode: string,
  compute: () => Promise<ProvinceRows>,
) => Promise<ProvinceRows>;
export interface ProvinceRows {
  rows: ComparisonRow[];
  isDemo: boolean;
}

/** The regions' missed stage milestones (the same on every dimension: they are about stages). */
function missedMilestones(series: SeriesDto[]): ComparisonRow['milestones'] {
  const missing = series
    .filter((s) => s.scope === 'region')
    .map((s) => ({ key: s.key, missed: s.milestones.filter((m) => m.state === 'missed').length }))
    .filter((r) => r.missed > 0);
  return {
    missed: missing.reduce((a, r) => a + r.missed, 0),
    regionsMissing: missing.map((r) => r.key),
  };
}

export async function comparison(
  db: Db,
  period: string,
  dimension: Dimension | 'all',
  memo: ProvinceMemo = (_code, compute) => compute(),
): Promise<ComparisonResponse> {
  const dimensions = dimension === 'all' ? [...DIMENSIONS] : [dimension];
  const [provinces, national] = await Promise.all([
    db.province.findMany({
      orderBy: { sortOrder: 'asc' },
      include: {
        plans: { select: { id: true } },
        reports: { where: { period }, select: { status: true, isDemo: true } },
        _count: { select: { regions: true } },
      },
    }),
    nationalPlanModel(db),
  ]);
  const rows: ComparisonRow[] = [];
  let isDemo = false;
  for (const p of provinces) {
    const mine = await memo(p.code, () => provinceRows(db, p, period, dimensions, national));
    rows.push(...mine.rows);
    isDemo ||= mine.isDemo;
  }
  return {
    period,
    dimensions,
    national: {
      slug: national.slug,
      versionId: national.versionId,
      version: national.version,
      documentNumber: national.document.number,
    },
    isDemo,
    rule: PLANNED_RULE.en,
    rows,
  };
}

interface ProvinceEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  plans: { id: number }[];
  reports: NonNullable<ComparisonRow['report']>[];
  _count: { regions: number };
}

async function provinceRows(
  db: Db,
  p: ProvinceEntry,
  period: string,
  dimensions: Dimension[],
  national: PlanModel,
): Promise<ProvinceRows> {
  const rows: ComparisonRow[] = [];
  let isDemo = false;
  const report = p.reports[0] ? { status: p.reports[0].status, isDemo: p.reports[0].isDemo } : null;
  let context: ProvinceContext | undefined;
  for (const d of dimensions) {
    const base = {
      province: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn },
      dimension: d,
      hasPlan: p.plans.length > 0,
      report,
    };
    if (p._count.regions === 0) {
      // no coordinating regions registered: nothing can be reported or evaluated region by region
      rows.push({
        ...base,
        plan: null,
        actual: null,
        planned: null,
        owed: null,
        nationalPlanned: null,
        nationalOwed: null,
        gapToPlan: null,
        gapToNational: null,
        status: p.plans.length ? 'noReport' : 'noPlan',
        nationalStatus: 'noReport',
        target: null,
        milestones: { missed: 0, regionsMissing: [] },
      });
      continue;
    }
    context ??= await provinceContext(db, p.code, national);
    const t = trajectoryOf(context, { dimension: d, periods: [period], asOf: period });
    isDemo ||= t.isDemo;
    const s = t.series[0]!;
    const pt = s.points[0]!;
    rows.push({
      ...base,
      plan: t.plan,
      actual: pt.actual,
      planned: t.plan ? pt.planned : null,
      owed: t.plan ? pt.owed : null,
      nationalPlanned: pt.nationalPlanned,
      nationalOwed: pt.nationalOwed,
      gapToPlan: t.plan ? gap(pt.actual?.pct, pt.planned) : null,
      gapToNational: gap(pt.actual?.pct, pt.nationalPlanned),
      status: s.status.status,
      nationalStatus: s.nationalStatus.status,
      target: s.status.target,
      milestones: missedMilestones(t.series),
    });
  }
  return { rows, isDemo };
}
