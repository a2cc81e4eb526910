/**
 * 全国: the country's actual coverage on the chosen dimension against the national plan,
 * with NHSA's published figures marked and listed below the chart with their own
 * definitions and sources (the list is part of the frame, so it travels with a download).
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, memo, Suspense, useMemo } from 'react';
import type { Dimension } from '../../../../server/domain/types.ts';
import type { NationalResponse } from '../../api/client.ts';
import { queries } from '../../api/queries.ts';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { nationalColumns } from '../../charts/columns-national.ts';
import { safeFilename } from '../../charts/export.ts';
import {
  definitionKey,
  type NationalRow,
  nationalRows,
  publishedValueText,
} from '../../charts/national.ts';
import { nationalLegend } from '../../charts/national-legend.ts';
import { formatPeriod, punct } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';
import { loadNationalChart } from './firstView.ts';

// Recharts comes with the chart, after the overview's first paint (asked for early: firstView.ts)
const NationalChart = lazy(loadNationalChart);

export function NationalSection({ dimension, period }: { dimension: Dimension; period: string }) {
  const national = useQuery(queries.national(dimension));
  return (
    <LoadState loaded={national} testId="national">
      {(data) => <National data={data} period={period} />}
    </LoadState>
  );
}

function National({ data, period }: { data: NationalResponse; period: string }) {
  const { t, lang } = useT();
  // the same rows and columns while only the period moves: the chart's table is not redrawn
  const rows = useMemo(() => nationalRows(data), [data]);
  const columns = useMemo(() => nationalColumns(t, lang), [t, lang]);
  const at = rows.find((r) => r.period === period);
  const title = t('national.title', { dimension: t(`dimensionLong.${data.dimension}`) });
  const published = data.published.map(
    (f) =>
      `◆ ${publishedValueText(f, t)}${punct(lang).paren(t(definitionKey(f.definition)))} ${
        lang === 'en' ? f.source.publisherEn : f.source.publisherZh
      } ${f.source.publishedOn}`,
  );
  return (
    <ChartFrame
      testId="chart-national"
      title={title}
      subtitle={t('national.subtitle', {
        from: formatPeriod(rows[0]?.period, lang),
        to: formatPeriod(rows.at(-1)?.period, lang),
        period: formatPeriod(period, lang),
        provinces: at?.provincesReported ?? 0,
        total: data.provinceCount,
      })}
      legend={nationalLegend(t)}
      source={{
        provinces: 'all',
        period: [rows[0]?.period ?? period, rows.at(-1)?.period ?? period],
        isDemo: data.isDemo,
        documents: [],
        national: data.national.documentNumber,
        notes: published.length
          ? [`${t('national.published')}${punct(lang).colon}${published.join('；')}`]
          : [],
      }}
      filename={safeFilename('national', data.dimension)}
      table={{ columns, rows, rowKey: byPeriod }}
    >
      <Suspense fallback={<p className="loading">{t('overview.loading')}</p>}>
        <NationalChart rows={rows} highlight={period} testId="national-chart" ariaLabel={title} />
      </Suspense>
      <PublishedList data={data} />
    </ChartFrame>
  );
}

const byPeriod = (r: NationalRow) => r.period;

/** NHSA's figures for the dimension: the same whatever period is chosen. */
const PublishedList = memo(function PublishedList({ data }: { data: NationalResponse }) {
  const { t, lang } = useT();
  if (data.published.length === 0) return <p className="footnote">{t('national.nonePublished')}</p>;
  return (
    <div>
      <h4>{t('national.published')}</h4>
      <ol className="published-figures" data-testid="national-published">
        {data.published.map((f) => (
          <li key={f.key} data-definition={f.definition}>
            <strong>
              ◆ {formatPeriod(f.period, lang)} {publishedValueText(f, t)}
            </strong>{' '}
            <span className="definition">{t(definitionKey(f.definition))}</span>
            {punct(lang).colon}
            {lang === 'en' ? f.measureEn : f.measureZh}
            <br />“{lang === 'en' ? f.statementEn : f.statementZh}”
            {f.wording === 'summary' ? punct(lang).paren(t('national.summary')) : null}
            <br />
            {lang === 'en' ? f.noteEn : f.noteZh}
            <br />
            {t('chart.source')}
            {punct(lang).colon}
            {lang === 'en' ? f.source.publisherEn : f.source.publisherZh}
            {punct(lang).comma}
            {lang === 'en' ? f.source.titleEn : f.source.titleZh}
            {punct(lang).comma}
            {f.source.publishedOn}
          </li>
        ))}
      </ol>
    </div>
  );
});
