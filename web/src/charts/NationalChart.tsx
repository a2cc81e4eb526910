/**
 * The country (全国) on one dimension: actual coverage, the national plan's planned path and
 * level owed, and NHSA's published figures as marked points — each labelled with its value;
 * the tooltip gives its definition and source. Pure props in, SVG out.
 */

import { useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  DefaultZIndexes,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  usePlotArea,
  useXAxisScale,
  XAxis,
  YAxis,
  ZIndexLayer,
} from 'recharts';
import { formatPct, formatPeriod, formatPeriodShort, punct } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import { useT } from '../i18n/useT.ts';
import { TRAJECTORY_SERIES } from './config.ts';
import { definitionKey, type NationalRow, publishedValueText } from './national.ts';
import { PUBLISHED_COLOUR } from './national-legend.ts';
import { staticLine } from './staticLine.tsx';
import { TooltipActual } from './TooltipActual.tsx';

const PLANNED = TRAJECTORY_SERIES.planned;
const OWED = TRAJECTORY_SERIES.nationalOwed;
const ACTUAL = TRAJECTORY_SERIES.actual;

export interface NationalChartProps {
  rows: NationalRow[];
  highlight: string | null;
  testId: string;
  ariaLabel: string;
}

// fixed props kept as constants: Recharts recomputes a layer whenever one of its props is a new object
const MARGIN = { top: 20, right: 24, bottom: 4, left: 0 };
const TICK = { fontSize: 12, fill: '#333' };
const Y_DOMAIN = [0, 100];
const Y_TICKS = [0, 20, 40, 60, 80, 100];
const percentTick = (v: number) => `${v}%`;
const ACTUAL_DOT = { r: 3, fill: ACTUAL.colour, stroke: '#fff', strokeWidth: 1 };
const PUBLISHED_LABEL = {
  position: 'top' as const,
  fontSize: 11,
  fill: '#5a2a4a',
  formatter: (v: unknown) => (typeof v === 'number' ? `◆${v}%` : ''),
};

export default function NationalChart({ rows, highlight, testId, ariaLabel }: NationalChartProps) {
  const { t, lang } = useT();
  const published = useMemo(() => rows.filter((r) => r.publishedValue != null), [rows]);
  // Made once per series and language: a period switch moves only the highlight line, and
  // Recharts then redraws that line alone instead of every axis, line, dot and mark.
  const [axes, series] = useMemo(
    () => [
      <>
        <CartesianGrid stroke="#e4e4e4" vertical={false} />
        <XAxis
          dataKey="period"
          // the published marks come with their own rows: placed by quarter, not by their index
          allowDuplicatedCategory={false}
          tickFormatter={formatPeriodShort}
          tick={TICK}
          interval="preserveStartEnd"
        />
        <YAxis
          domain={Y_DOMAIN}
          ticks={Y_TICKS}
          tickFormatter={percentTick}
          tick={TICK}
          width={44}
        />
      </>,
      <>
        <Line
          dataKey="nationalOwed"
          name={t('series.nationalOwed')}
          type="stepAfter"
          stroke={OWED.colour}
          strokeWidth={OWED.width}
          strokeDasharray={OWED.dash}
          dot={false}
          isAnimationActive={false}
          shape={staticLine}
        />
        <Line
          dataKey="nationalPlanned"
          name={t('series.nationalPlanned')}
          stroke={PLANNED.colour}
          strokeWidth={PLANNED.width}
          strokeDasharray={PLANNED.dash}
          dot={false}
          isAnimationActive={false}
          shape={staticLine}
        />
        <Line
          dataKey="actual"
          name={t('series.actual')}
          stroke={ACTUAL.colour}
          strokeWidth={ACTUAL.width}
          dot={ACTUAL_DOT}
          connectNulls={false}
          isAnimationActive={false}
          shape={staticLine}
        />
        <Scatter
          data={published}
          dataKey="publishedValue"
          name={t('national.published')}
          fill={PUBLISHED_COLOUR}
          shape="diamond"
          isAnimationActive={false}
          label={PUBLISHED_LABEL}
        />
        <Tooltip
          content={({ active, label, payload }) => {
            // on a published mark the tooltip is the mark's own (no axis label): its row says the quarter
            const period =
              label ?? (payload?.[0]?.payload as { period?: string } | undefined)?.period;
            return active && period != null ? (
              <NationalTooltip row={rows.find((r) => r.period === String(period))} lang={lang} />
            ) : null;
          }}
        />
      </>,
    ],
    [rows, published, t, lang],
  );
  return (
    <div data-testid={testId} className="trajectory-chart">
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} title={ariaLabel} desc={t('chart.keyboardHint')} margin={MARGIN}>
          {axes}
          {highlight ? <PeriodLine period={highlight} /> : null}
          {series}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * The chosen quarter's vertical line, drawn as Recharts' `ReferenceLine` draws it (same layer,
 * classes and attributes), but without registering in the chart's store: a `ReferenceLine`
 * whose `x` moves makes every part of the chart check its inputs again, which was most of the
 * chart's share of a period switch.
 */
function PeriodLine({ period }: { period: string }) {
  const x = useXAxisScale()?.(period, { position: 'middle' });
  const area = usePlotArea();
  if (x == null || !Number.isFinite(x) || !area) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      <g className="recharts-layer recharts-reference-line">
        <line
          stroke="#000"
          strokeWidth={1}
          fill="none"
          fillOpacity={1}
          x1={x}
          y1={area.y + area.height}
          x2={x}
          y2={area.y}
          className="recharts-reference-line-line"
        />
      </g>
    </ZIndexLayer>
  );
}

function NationalTooltip({ row, lang }: { row: NationalRow | undefined; lang: Lang }) {
  const { t } = useT();
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatPeriod(row.period, lang)}</strong>
      <dl>
        <TooltipActual row={row} lang={lang} />
        <dt>{t('national.coverage')}</dt>
        <dd>
          {t('national.coverageValue', {
            provinces: row.provincesReported,
            regions: row.regionsReported,
          })}
        </dd>
        <dt>{t('series.nationalPlanned')}</dt>
        <dd>{formatPct(row.nationalPlanned, lang)}</dd>
        <dt>{t('series.nationalOwed')}</dt>
        <dd>{formatPct(row.nationalOwed, lang)}</dd>
      </dl>
      {row.published.map((f) => (
        <p key={f.key} className="tooltip-clause" data-testid="national-tooltip-published">
          ◆ {t('national.published')} {publishedValueText(f, t)}
          {punct(lang).paren(t(definitionKey(f.definition)))}
          {lang === 'en' ? f.measureEn : f.measureZh}
          {punct(lang).comma}
          {t('chart.source')}
          {punct(lang).colon}
          {lang === 'en' ? f.source.publisherEn : f.source.publisherZh}
          {punct(lang).comma}
          {f.source.publishedOn}
        </p>
      ))}
    </div>
  );
}
