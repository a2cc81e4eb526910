/** Provinces ranked by actual coverage in one dimension, each with its own target ticked on its bar. Plain SVG. */
import { useId } from 'react';
import { formatPct, punct } from '../i18n/format.ts';
import { type Translate, useT } from '../i18n/useT.ts';
import { OKABE_ITO, STATUS_META, STATUS_ORDER } from './config.ts';
import type { LegendItem } from './Legend.tsx';
import type { RankingRow } from './shape.ts';

const W = 960;
const LABEL = 150;
const VALUE = 96;
const ROW = 20;
const TOP = 24;
const x = (pct: number) => LABEL + (Math.max(0, Math.min(100, pct)) / 100) * (W - LABEL - VALUE);

export function rankingLegend(t: Translate): LegendItem[] {
  return [
    { key: 'target', label: t('series.owed'), colour: OKABE_ITO.black, swatch: 'tick' },
    ...STATUS_ORDER.filter((s) => s !== 'noReport').map(
      (s): LegendItem => ({
        key: s,
        label: t(`status.${s}`),
        colour: STATUS_META[s].colour,
        swatch: 'box',
        icon: STATUS_META[s].icon,
      }),
    ),
    {
      key: 'noReport',
      label: t('status.noReport'),
      colour: '#ffffff',
      swatch: 'box',
      hatched: true,
      icon: STATUS_META.noReport.icon,
    },
  ];
}

export function RankingChart({
  rows,
  testId,
  ariaLabel,
}: {
  rows: RankingRow[];
  testId: string;
  ariaLabel: string;
}) {
  const { t, lang } = useT();
  const hatchId = useId().replace(/:/g, '');
  const height = TOP + rows.length * ROW + 8;
  return (
    <svg
      data-testid={testId}
      viewBox={`0 0 ${W} ${height}`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={ariaLabel}
      className="ranking-chart"
      fontSize="12"
    >
      <defs>
        <pattern
          id={hatchId}
          width="4"
          height="4"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="4" height="4" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="4" stroke="#9a9a9a" strokeWidth="1.2" />
        </pattern>
      </defs>
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={TOP - 4} y2={height - 8} stroke="#e0e0e0" />
          <text x={x(v)} y={TOP - 8} textAnchor="middle" fill="#555" fontSize="11">
            {v}%
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = TOP + i * ROW;
        const meta = STATUS_META[r.status];
        const name = (lang === 'en' ? r.nameEn : r.nameZh) + (r.hasPlan ? '' : ' *');
        const { colon, comma } = punct(lang);
        const tip = `${name}${colon}${t('series.actual')} ${formatPct(r.actual, lang)}${comma}${t('column.targetPct')} ${formatPct(r.target, lang)}${comma}${t(`status.${r.status}`)}`;
        return (
          <g key={r.code} data-province={r.code}>
            <title>{tip}</title>
            <text x={LABEL - 6} y={y + ROW / 2 + 4} textAnchor="end" fill="#222">
              {name}
            </text>
            {r.actual == null ? (
              <rect
                x={x(0)}
                y={y + 3}
                width={x(100) - x(0)}
                height={ROW - 6}
                fill={`url(#${hatchId})`}
              />
            ) : (
              <rect
                x={x(0)}
                y={y + 3}
                width={Math.max(1, x(r.actual) - x(0))}
                height={ROW - 6}
                fill={meta.colour}
                stroke="#333"
                strokeWidth="0.5"
              />
            )}
            {r.target != null ? (
              <g>
                <line
                  x1={x(r.target)}
                  x2={x(r.target)}
                  y1={y + 1}
                  y2={y + ROW - 1}
                  stroke={OKABE_ITO.black}
                  strokeWidth="2.5"
                />
                <line
                  x1={x(r.target)}
                  x2={x(r.target)}
                  y1={y + 1}
                  y2={y + ROW - 1}
                  stroke="#fff"
                  strokeWidth="0.8"
                />
              </g>
            ) : null}
            <text x={W - VALUE + 6} y={y + ROW / 2 + 4} fill="#222">
              {meta.icon} {r.actual == null ? t('status.noReport') : formatPct(r.actual, lang)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
