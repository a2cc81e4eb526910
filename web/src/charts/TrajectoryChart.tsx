/**
 * Actual quarterly coverage against the planned path, the owed steps and the national
 * minimum; year ends and target dates marked; quarters with nothing due yet shaded.
 * Pure props in, SVG out.
 */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, formatPct, formatPeriod, formatPeriodShort, punct } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import { useT } from '../i18n/useT.ts';
import { OKABE_ITO, TRAJECTORY_SERIES, type TrajectorySeriesKey } from './config.ts';
import type { LegendItem } from './Legend.tsx';
import type { Marker, TrajectoryRow } from './shape.ts';
import { staticLine } from './staticLine.tsx';
import { TooltipActual } from './TooltipActual.tsx';

export interface TrajectoryChartProps {
  rows: TrajectoryRow[];
  markers: Marker[];
  notYetDue: { from: string; to: string } | null;
  /** which lines to draw (national minimum off when it equals the plan, say) */
  series?: TrajectorySeriesKey[];
  height?: number;
  compact?: boolean;
  /** the quarter under the pointer, for a clause panel beside the chart */
  onActivePeriod?: (period: string | null) => void;
  /** a quarter to mark (the selected period) */
  highlight?: string | null;
  testId: string;
  ariaLabel: string;
}

/** px the final step runs on past the last quarter (the x axis leaves that much room) */
const TAIL = 14;

const ALL: TrajectorySeriesKey[] = ['nationalOwed', 'owed', 'planned', 'actual'];

export function trajectoryLegend(
  t: (k: string) => string,
  series: TrajectorySeriesKey[] = ALL,
  withNotYetDue = true,
): LegendItem[] {
  const items: LegendItem[] = [...series].reverse().map((key) => {
    const c = TRAJECTORY_SERIES[key];
    return {
      key,
      label: t(c.labelKey),
      colour: c.colour,
      dash: 'dash' in c ? c.dash : undefined,
      width: c.width,
      swatch: c.swatch,
    };
  });
  items.push({
    key: 'target',
    label: t('series.targetDate'),
    colour: OKABE_ITO.vermillion,
    dash: '4 3',
    swatch: 'tick',
  });
  if (withNotYetDue)
    items.push({
      key: 'notYetDue',
      label: t('series.notYetDue'),
      colour: OKABE_ITO.skyBlue,
      swatch: 'area',
    });
  return items;
}

export function TrajectoryChart({
  rows,
  markers,
  notYetDue,
  series = ALL,
  height = 300,
  compact = false,
  onActivePeriod,
  highlight,
  testId,
  ariaLabel,
}: TrajectoryChartProps) {
  const { t, lang } = useT();
  return (
    <div data-testid={testId} className="trajectory-chart">
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={rows}
          title={ariaLabel}
          desc={t('chart.keyboardHint')}
          margin={{ top: compact ? 8 : 34, right: compact ? 8 : 24, bottom: 4, left: 0 }}
          onMouseMove={(state) =>
            onActivePeriod?.(state.activeLabel != null ? String(state.activeLabel) : null)
          }
          onMouseLeave={() => onActivePeriod?.(null)}
        >
          <CartesianGrid stroke="#e4e4e4" vertical={false} />
          <XAxis
            dataKey="period"
            // room after the last quarter for the final step (see stepAfterWithTail)
            padding={{ left: 0, right: TAIL }}
            tickFormatter={formatPeriodShort}
            tick={{ fontSize: compact ? 10 : 12, fill: '#333' }}
            interval={compact ? 3 : 'preserveStartEnd'}
          />
          <YAxis
            domain={[0, 100]}
            ticks={compact ? [0, 50, 100] : [0, 20, 40, 60, 80, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: compact ? 10 : 12, fill: '#333' }}
            width={compact ? 36 : 44}
          />
          {notYetDue ? (
            <ReferenceArea
              x1={notYetDue.from}
              x2={notYetDue.to}
              fill={OKABE_ITO.skyBlue}
              fillOpacity={0.15}
              stroke={OKABE_ITO.skyBlue}
              strokeDasharray="2 2"
              label={
                compact
                  ? undefined
                  : {
                      value: t('series.notYetDue'),
                      position: 'insideTop',
                      fontSize: 11,
                      fill: '#1a5b80',
                    }
              }
            />
          ) : null}
          {labelledMarkers(markers, rows).map(({ marker: m, showLabel, anchor }) => {
            const target = m.kind === 'target';
            const text = target
              ? `${m.label.endsWith('-12-31') ? t('series.yearEndOf', { year: m.label.slice(0, 4) }) : formatDate(m.label, lang)}${m.level != null ? ` ≥${m.level}%` : ''}`
              : t('series.yearEndOf', { year: m.label });
            return (
              <ReferenceLine
                key={`${target ? 't' : 'y'}${m.period}`}
                x={m.period}
                stroke={target ? OKABE_ITO.vermillion : '#9a9a9a'}
                strokeDasharray={target ? '4 3' : '1 3'}
                label={
                  compact || !showLabel
                    ? undefined
                    : (props: { viewBox?: { x?: number; y?: number } }) => (
                        <MarkerLabel
                          viewBox={props.viewBox}
                          text={text}
                          anchor={anchor}
                          // targets on the upper row, year ends under them: both above the plot, off the data
                          dy={target ? -14 : -3}
                          fill={target ? '#8a3a00' : '#666'}
                        />
                      )
                }
              />
            );
          })}
          {highlight ? <ReferenceLine x={highlight} stroke="#000" strokeWidth={1} /> : null}
          {series.map((key) => {
            const c = TRAJECTORY_SERIES[key];
            return (
              <Line
                key={key}
                dataKey={key}
                name={t(c.labelKey)}
                type={c.swatch === 'step' ? stepAfterWithTail : 'linear'}
                stroke={c.colour}
                strokeWidth={c.width}
                strokeDasharray={'dash' in c ? c.dash : undefined}
                dot={
                  key === 'actual'
                    ? { r: compact ? 2 : 3, fill: c.colour, stroke: '#fff', strokeWidth: 1 }
                    : false
                }
                activeDot={key === 'actual' ? { r: 5 } : false}
                connectNulls={false}
                isAnimationActive={false}
                shape={staticLine}
              />
            );
          })}
          <Tooltip
            content={({ active, label }) =>
              active && label != null ? (
                <TrajectoryTooltip row={rows.find((r) => r.period === String(label))} lang={lang} />
              ) : null
            }
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Labels only where they fit: targets and year ends each keep to their own row above the
 * plot, and a label within three quarters of the last one on its row stays off (the aside
 * names it). Labels in the right third of the chart read leftwards from their line, so the
 * edge never clips them.
 */
function labelledMarkers(markers: Marker[], rows: TrajectoryRow[]) {
  const index = new Map(rows.map((r, i) => [r.period, i]));
  const at = (m: Marker) => index.get(m.period) ?? 0;
  const targets = new Set(markers.filter((m) => m.kind === 'target').map((m) => m.period));
  const last = { target: -Infinity, yearEnd: -Infinity };
  return [...markers]
    .sort((a, b) => at(a) - at(b))
    .map((marker) => {
      // a year end on a target's quarter: the target's label says it
      const showLabel =
        at(marker) - last[marker.kind] >= 3 &&
        !(marker.kind === 'yearEnd' && targets.has(marker.period));
      if (showLabel) last[marker.kind] = at(marker);
      const anchor: 'start' | 'end' = at(marker) > (rows.length - 1) * 0.66 ? 'end' : 'start';
      return { marker, showLabel, anchor };
    });
}

function MarkerLabel({
  viewBox,
  text,
  anchor,
  dy,
  fill,
}: {
  viewBox?: { x?: number; y?: number };
  text: string;
  anchor: 'start' | 'end';
  dy: number;
  fill: string;
}) {
  if (viewBox?.x == null || viewBox.y == null) return null;
  return (
    <text
      x={viewBox.x + (anchor === 'start' ? 3 : -3)}
      y={viewBox.y + dy}
      textAnchor={anchor}
      fontSize={10}
      fill={fill}
    >
      {text}
    </text>
  );
}

/**
 * d3's step-after curve, with the last step drawn on for TAIL px (inside the axis padding):
 * otherwise a level that changes in the final quarter is only a vertical tick at the edge.
 */

function stepAfterWithTail(context: {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
}) {
  let x0 = Number.NaN;
  let y0 = Number.NaN;
  let i = 0;
  return {
    areaStart() {},
    areaEnd() {},
    lineStart() {
      i = 0;
    },
    lineEnd() {
      if (i > 0) context.lineTo(x0 + TAIL, y0);
    },
    point(x: number, y: number) {
      if (i === 0) context.moveTo(x, y);
      else {
        context.lineTo(x, y0);
        context.lineTo(x, y);
      }
      i++;
      x0 = x;
      y0 = y;
    },
  };
}

function TrajectoryTooltip({ row, lang }: { row: TrajectoryRow | undefined; lang: Lang }) {
  const { t } = useT();
  if (!row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatPeriod(row.period, lang)}</strong>
      <dl>
        <TooltipActual row={row} lang={lang} />
        <dt>{t('series.planned')}</dt>
        <dd>{formatPct(row.planned, lang)}</dd>
        <dt>{t('series.owed')}</dt>
        <dd>{row.notYetDue ? t('series.notYetDue') : formatPct(row.owed, lang)}</dd>
        <dt>{t('series.nationalOwed')}</dt>
        <dd>{formatPct(row.nationalOwed, lang)}</dd>
      </dl>
      {row.targetsInForce.map((tg) => (
        <p key={`${tg.key}${tg.dueOn}`} className="tooltip-clause">
          {tg.source.document} {tg.source.clauseRef}
          {punct(lang).colon}≥{tg.level}%{punct(lang).paren(formatDate(tg.dueOn, lang))}
        </p>
      ))}
    </div>
  );
}
