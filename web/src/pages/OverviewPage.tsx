/** National overview (the default page): gap grid, ranking per dimension, reporting completeness — for one period. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { Dimension } from '../../../server/domain/types.ts';
import {
  type ComparisonResponse,
  type CompletenessResponse,
  downloadHref,
  type ProvinceSummary,
  paths,
} from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { CompletenessChart, completenessLegend } from '../charts/CompletenessChart.tsx';
import { completenessColumns, gapGridColumns, rankingColumns } from '../charts/columns.ts';
import { safeFilename } from '../charts/export.ts';
import { GapGrid, gapGridDrawing, gapLegend } from '../charts/GapGrid.tsx';
import { RankingChart, rankingLegend } from '../charts/RankingChart.tsx';
import { gapGrid, rankingRows } from '../charts/shape.ts';
import { formatDate, formatPeriod, punct } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { lastUpdated, periodOptions } from '../state/periods.ts';
import { linkProps, type UpdateView } from '../state/useViewState.ts';
import { DIMENSION_KEYS, type ViewState } from '../state/viewState.ts';
import { DimensionPicker, GapModeToggle, LoadState, PeriodPicker } from './controls.tsx';
import { arrangeProvinces } from './overview/arrange.ts';
import { BelowTheFold } from './overview/BelowTheFold.tsx';
import { overviewPeriod, prefetchOtherDimensions } from './overview/firstView.ts';
import { NationalSection } from './overview/NationalSection.tsx';
import { OverviewFilters } from './overview/OverviewFilters.tsx';
import { ProvinceTiles } from './overview/ProvinceTiles.tsx';

export function OverviewPage({ view, update }: { view: ViewState; update: UpdateView }) {
  const { t } = useT();
  const provinces = useQuery(queries.provinces());
  return (
    <section aria-labelledby="overview-heading" data-testid="page-overview">
      <h2 id="overview-heading">{t('overview.heading')}</h2>
      <LoadState loaded={provinces} testId="provinces">
        {(list) => <Overview provinces={list} view={view} update={update} />}
      </LoadState>
    </section>
  );
}

function Overview({
  provinces,
  view,
  update,
}: {
  provinces: ProvinceSummary[];
  view: ViewState;
  update: UpdateView;
}) {
  const { t, lang } = useT();
  const { latest, period } = overviewPeriod(provinces, view.period);
  const comparison = useQuery(queries.comparison(period));
  const completeness = useQuery(queries.completeness(period));
  const client = useQueryClient();
  const drawn = comparison.data !== undefined;
  const { dimension } = view;
  // after the first view, never before it: its own requests go first
  useEffect(() => {
    if (!drawn) return;
    const timer = setTimeout(() => prefetchOtherDimensions(client, dimension), 0);
    return () => clearTimeout(timer);
  }, [drawn, client, dimension]);

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of controls, not a form section */}
      <div className="controls" role="group" aria-label={t('overview.heading')}>
        <PeriodPicker
          value={view.period}
          options={periodOptions(latest)}
          latest={latest}
          onChange={(p) => update({ period: p })}
        />
        <GapModeToggle value={view.gap} onChange={(gap) => update({ gap })} />
        <DimensionPicker
          value={view.dimension}
          onChange={(dimension) => update({ dimension })}
          testId="ranking-dimension"
        />
        <span className="downloads">
          {t('overview.downloadAll')}
          {punct(lang).colon}
          <a
            href={downloadHref(paths.comparison(period, 'all'), 'csv', lang)}
            data-testid="download-comparison-csv"
            download
          >
            CSV
          </a>{' '}
          <a
            href={downloadHref(paths.comparison(period, 'all'), 'xlsx', lang)}
            data-testid="download-comparison-xlsx"
            download
          >
            XLSX
          </a>
        </span>
      </div>
      <NationalSection dimension={view.dimension} period={period} />
      <LoadState loaded={comparison} testId="comparison">
        {(data) =>
          data.rows.length === 0 ? (
            <p>{t('overview.noData')}</p>
          ) : (
            <ComparisonCharts data={data} provinces={provinces} view={view} update={update} />
          )
        }
      </LoadState>
      <LoadState loaded={completeness} testId="completeness">
        {(data) => (
          <BelowTheFold>
            <Completeness data={data} updatedAt={lastUpdated(provinces)} />
          </BelowTheFold>
        )}
      </LoadState>
    </>
  );
}

const byCode = (r: { code: string }) => r.code;

/** The previous array while its rows are the same objects in the same order. */
function useSameRows<R>(rows: R[]): R[] {
  const kept = useRef(rows);
  const same = kept.current.length === rows.length && kept.current.every((r, i) => r === rows[i]);
  if (!same) kept.current = rows;
  return kept.current;
}

function ComparisonCharts({
  data,
  provinces,
  view,
  update,
}: {
  data: ComparisonResponse;
  provinces: ProvinceSummary[];
  view: ViewState;
  update: UpdateView;
}) {
  const { t, lang } = useT();
  // kept between redraws: a switch of dimension leaves the grid's rows (and cells) as they were,
  // so the memoised cells and tables below redraw only what changed
  const dims = useMemo(() => DIMENSION_KEYS.filter((d) => data.dimensions.includes(d)), [data]);
  const all = useMemo(
    () => gapGrid(data.rows, provinces, dims, view.gap),
    [data, provinces, dims, view.gap],
  );
  const { dimension } = view;
  // the same provinces in the same order keep the same array, so the grid's table is not redrawn
  const grid = useSameRows(arrangeProvinces(all, view));
  const shown = useMemo(() => new Set(grid.map((r) => r.code)), [grid]);
  const ranking = useMemo(
    () => rankingRows(data.rows, dimension, view.gap).filter((r) => shown.has(r.code)),
    [data, dimension, view.gap, shown],
  );
  const gridColumns = useMemo(() => gapGridColumns(t, lang, dims), [t, lang, dims]);
  const rankColumns = useMemo(() => rankingColumns(t, lang), [t, lang]);
  const periodText = formatPeriod(data.period, lang);
  const documents = provinces.flatMap((p) => (p.plan ? [p.plan.documentNumber] : []));
  const source = {
    provinces: 'all' as const,
    period: data.period,
    isDemo: data.isDemo,
    documents: view.gap === 'plan' ? documents : [],
    national: data.national.documentNumber,
    updatedAt: lastUpdated(provinces),
  };
  const provinceLink = (code: string) => linkProps({ ...view, page: 'province', province: code });
  const cellLink = (code: string, dimension: Dimension) =>
    linkProps({ ...view, page: 'province', province: code, dimension });

  return (
    <>
      <OverviewFilters view={view} update={update} shown={grid.length} total={all.length} />
      <ProvinceTiles
        grid={all}
        shown={shown}
        provinces={provinces}
        view={view}
        period={data.period}
        source={source}
      />
      <ChartFrame
        testId="chart-gap-grid"
        title={t('overview.gridTitle')}
        subtitle={t('overview.gridSubtitle', {
          period: periodText,
          against: t(view.gap === 'plan' ? 'series.planned' : 'series.nationalPlanned'),
        })}
        legend={gapLegend(t, lang)}
        source={source}
        filename={safeFilename('gap-grid', data.period, view.gap)}
        table={{ columns: gridColumns, rows: grid, rowKey: byCode }}
        drawing={(measure) => gapGridDrawing(grid, dims, t, lang, measure)}
        hiddenTable={false}
      >
        {grid.length === 0 ? <p data-testid="overview-none">{t('overview.noneShown')}</p> : null}
        <GapGrid
          rows={grid}
          dimensions={dims}
          testId="gap-grid"
          provinceLink={provinceLink}
          cellLink={cellLink}
        />
      </ChartFrame>

      <BelowTheFold>
        <ChartFrame
          testId="chart-ranking"
          title={t('overview.rankingTitle', { dimension: t(`dimension.${view.dimension}`) })}
          subtitle={t('overview.rankingSubtitle', {
            period: periodText,
            measure: t(`dimensionLong.${view.dimension}`),
          })}
          legend={rankingLegend(t)}
          source={source}
          filename={safeFilename('ranking', view.dimension, data.period, view.gap)}
          table={{ columns: rankColumns, rows: ranking, rowKey: byCode }}
        >
          <RankingChart
            rows={ranking}
            testId="ranking"
            ariaLabel={t('overview.rankingTitle', { dimension: t(`dimension.${view.dimension}`) })}
          />
          {ranking.some((r) => !r.hasPlan) ? (
            <p className="footnote" data-svg-text="">
              * {t('plan.noPlan')}
            </p>
          ) : null}
        </ChartFrame>
      </BelowTheFold>
    </>
  );
}

/** Reporting completeness depends on the period only: a dimension or filter switch leaves it be. */
const Completeness = memo(function Completeness({
  data,
  updatedAt,
}: {
  data: CompletenessResponse;
  updatedAt: string | null;
}) {
  const { t, lang } = useT();
  return (
    <ChartFrame
      testId="chart-completeness"
      title={t('overview.completenessTitle')}
      subtitle={t('overview.completenessSubtitle', {
        period: formatPeriod(data.period, lang),
        deadline: formatDate(data.deadline, lang),
      })}
      legend={completenessLegend(t)}
      source={{
        provinces: 'all',
        period: data.period,
        isDemo: data.rows.some((r) => r.isDemo),
        documents: [],
        updatedAt,
      }}
      // an HTML bar and list on screen; the export draws the table of every province's state
      drawing="table"
      filename={safeFilename('completeness', data.period)}
      table={{
        columns: completenessColumns(t, lang),
        rows: data.rows,
        rowKey: (r) => r.province.code,
      }}
    >
      <CompletenessChart rows={data.rows} testId="completeness" />
    </ChartFrame>
  );
});
