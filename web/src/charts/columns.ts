/** The columns of each chart's table view and CSV, in the reader's language. */
import type { Dimension } from '../../../server/domain/types.ts';
import type { CompletenessRow } from '../../../server/modules/comparison/schemas.ts';
import { formatDate, formatFigure, formatGap, formatPct, formatPeriod } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import type { Translate } from '../i18n/useT.ts';
import { MILESTONE_META, STATUS_META } from './config.ts';
import { type Column, round } from './csv.ts';
import type { MilestoneRow } from './milestones.ts';
import type { GapGridRow, RankingRow, RegionRow, TrajectoryRow } from './shape.ts';

function pctColumn<R>(
  key: string,
  header: string,
  get: (r: R) => number | null | undefined,
  lang: Lang,
): Column<R> {
  return {
    key,
    header,
    numeric: true,
    value: (r) => round(get(r)),
    display: (r) => formatPct(get(r), lang),
  };
}

export function trajectoryColumns(t: Translate, lang: Lang): Column<TrajectoryRow>[] {
  const p = (key: 'actual' | 'planned' | 'owed' | 'nationalOwed', header: string) =>
    pctColumn<TrajectoryRow>(key, t(header), (r) => r[key], lang);
  return [
    {
      key: 'period',
      header: t('column.period'),
      value: (r) => r.period,
      display: (r) => formatPeriod(r.period, lang),
    },
    p('actual', 'column.actualPct'),
    {
      key: 'numerator',
      header: t('column.numerator'),
      numeric: true,
      value: (r) => r.numerator,
      display: (r) => formatFigure(r.numerator, lang),
    },
    {
      key: 'denominator',
      header: t('column.denominator'),
      numeric: true,
      value: (r) => r.denominator,
      display: (r) => formatFigure(r.denominator, lang),
    },
    p('planned', 'column.plannedPct'),
    p('owed', 'column.owedPct'),
    p('nationalOwed', 'column.nationalOwedPct'),
    {
      key: 'notYetDue',
      header: t('column.notYetDue'),
      value: (r) => (r.notYetDue ? t('column.yes') : t('column.no')),
    },
  ];
}

/** Small multiples: the same columns with the province in front. */
export function compareColumns(
  t: Translate,
  lang: Lang,
): Column<TrajectoryRow & { province: string; document: string | null }>[] {
  return [
    { key: 'province', header: t('column.province'), value: (r) => r.province },
    ...(trajectoryColumns(t, lang) as Column<
      TrajectoryRow & { province: string; document: string | null }
    >[]),
    { key: 'document', header: t('column.planDocument'), value: (r) => r.document },
  ];
}

export function gapGridColumns(
  t: Translate,
  lang: Lang,
  dimensions: readonly Dimension[],
): Column<GapGridRow>[] {
  const name = (r: GapGridRow) => (lang === 'en' ? r.nameEn : r.nameZh);
  return [
    { key: 'code', header: t('column.provinceCode'), value: (r) => r.code },
    { key: 'province', header: t('column.province'), value: name },
    {
      key: 'plan',
      header: t('column.planDocument'),
      value: (r) => r.planDocument ?? t('plan.noPlan'),
    },
    ...dimensions.flatMap((d): Column<GapGridRow>[] => [
      pctColumn(
        `${d}-actual`,
        `${t(`dimension.${d}`)} ${t('column.actualPct')}`,
        (r) => r.cells[d]?.actual,
        lang,
      ),
      {
        key: `${d}-gap`,
        header: `${t(`dimension.${d}`)} ${t('column.gap')}`,
        numeric: true,
        value: (r) => round(r.cells[d]?.gap),
        display: (r) => formatGap(r.cells[d]?.gap, lang),
      },
      {
        key: `${d}-against`,
        header: `${t(`dimension.${d}`)} ${t('column.gapMode')}`,
        value: (r) => (r.cells[d] ? t(`gapMode.${r.cells[d].against}`) : null),
      },
      {
        key: `${d}-status`,
        header: `${t(`dimension.${d}`)} ${t('column.status')}`,
        value: (r) => (r.cells[d] ? t(`status.${r.cells[d].status}`) : null),
      },
    ]),
  ];
}

export function rankingColumns(t: Translate, lang: Lang): Column<RankingRow>[] {
  return [
    { key: 'code', header: t('column.provinceCode'), value: (r) => r.code },
    {
      key: 'province',
      header: t('column.province'),
      value: (r) => (lang === 'en' ? r.nameEn : r.nameZh),
    },
    pctColumn<RankingRow>('actual', t('column.actualPct'), (r) => r.actual, lang),
    pctColumn<RankingRow>('target', t('column.targetPct'), (r) => r.target, lang),
    { key: 'against', header: t('column.gapMode'), value: (r) => t(`gapMode.${r.against}`) },
    { key: 'status', header: t('column.status'), value: (r) => t(`status.${r.status}`) },
  ];
}

export function completenessColumns(t: Translate, lang: Lang): Column<CompletenessRow>[] {
  return [
    { key: 'code', header: t('column.provinceCode'), value: (r) => r.province.code },
    {
      key: 'province',
      header: t('column.province'),
      value: (r) => (lang === 'en' ? r.province.nameEn : r.province.nameZh),
    },
    { key: 'status', header: t('column.reportStatus'), value: (r) => t(`report.${r.status}`) },
    {
      key: 'regionsReported',
      header: t('column.regionsReported'),
      numeric: true,
      value: (r) => r.regionsReported,
    },
    {
      key: 'regionCount',
      header: t('column.regionCount'),
      numeric: true,
      value: (r) => r.regionCount,
    },
    {
      key: 'overdue',
      header: t('column.overdue'),
      value: (r) => (r.overdue ? t('column.yes') : t('column.no')),
    },
    {
      key: 'isDemo',
      header: t('column.isDemo'),
      value: (r) => (r.isDemo ? t('column.yes') : t('column.no')),
    },
  ];
}

export function regionColumns(
  t: Translate,
  lang: Lang,
  dimensions: readonly Dimension[],
): Column<RegionRow>[] {
  return [
    {
      key: 'region',
      header: t('column.region'),
      value: (r) => (lang === 'en' ? r.nameEn : r.nameZh),
    },
    { key: 'code', header: t('column.regionCode'), value: (r) => r.code },
    {
      key: 'milestones',
      header: t('column.milestones'),
      value: (r) => milestoneSummary(t, r),
      display: (r) => {
        const text = milestoneSummary(t, r);
        return text ? `${MILESTONE_META[r.milestones.worst!].icon} ${text}` : '—';
      },
    },
    { key: 'method', header: t('column.method'), value: (r) => r.method },
    {
      key: 'stage',
      header: t('column.stage'),
      value: (r) => (r.stage ? t(`stage.${r.stage}`) : null),
    },
    ...dimensions.flatMap((d): Column<RegionRow>[] => [
      pctColumn(
        `${d}-pct`,
        `${t(`dimension.${d}`)} ${t('column.actualPct')}`,
        (r) => r.values[d]?.pct,
        lang,
      ),
      {
        key: `${d}-status`,
        header: `${t(`dimension.${d}`)} ${t('column.status')}`,
        value: (r) => (r.values[d] ? t(`status.${r.values[d].status}`) : null),
        display: (r) =>
          r.values[d]
            ? `${STATUS_META[r.values[d].status].icon} ${t(`status.${r.values[d].status}`)}`
            : '—',
      },
    ]),
  ];
}

/** "未完成 2" — the worst state of a region's milestones and how many are in it. */
function milestoneSummary(t: Translate, r: RegionRow): string | null {
  const worst = r.milestones.worst;
  return worst ? `${t(`milestone.${worst}`)} ${r.milestones.counts[worst]}` : null;
}

export function milestoneColumns(t: Translate, lang: Lang): Column<MilestoneRow>[] {
  return [
    {
      key: 'region',
      header: t('column.region'),
      value: (r) => (lang === 'en' ? r.nameEn : r.nameZh),
    },
    {
      key: 'state',
      header: t('column.milestoneState'),
      value: (r) => t(`milestone.${r.state}`),
      display: (r) => `${MILESTONE_META[r.state].icon} ${t(`milestone.${r.state}`)}`,
    },
    {
      key: 'requiredStage',
      header: t('column.requiredStage'),
      value: (r) => t(`stage.${r.requiredStage}`),
    },
    {
      key: 'dueOn',
      header: t('column.dueOn'),
      value: (r) => r.dueOn,
      display: (r) => formatDate(r.dueOn, lang),
    },
    {
      key: 'reachedOn',
      header: t('column.reachedOn'),
      value: (r) => r.reachedOn,
      display: (r) => formatDate(r.reachedOn, lang),
    },
    { key: 'document', header: t('column.planDocument'), value: (r) => r.document },
    { key: 'clause', header: t('column.clause'), value: (r) => `${r.clauseRef} ${r.quote}` },
  ];
}
