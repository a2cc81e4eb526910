/** Provinces × dimensions, each cell coloured by the gap to target and carrying the gap and a status icon as text. */
import { type MouseEvent, memo } from 'react';
import type { Dimension } from '../../../server/domain/types.ts';
import { formatGap, formatPct } from '../i18n/format.ts';
import { type Translate, useT } from '../i18n/useT.ts';
import { GAP_SCALE, gapStep, MILESTONE_META, STATUS_META, STATUS_ORDER } from './config.ts';
import { HATCH, type LegendItem } from './Legend.tsx';
import type { GapCell, GapGridRow } from './shape.ts';
import { type Drawing, type Measure, type TableCell, tableDrawing } from './svg-draw.ts';

export interface GapGridProps {
  rows: GapGridRow[];
  dimensions: readonly Dimension[];
  testId: string;
  provinceLink: (code: string) => Link;
  /** a cell opens its province at that dimension */
  cellLink: (code: string, dimension: Dimension) => Link;
}

type Link = { href: string; onClick: (e: MouseEvent<HTMLAnchorElement>) => void };

export function gapLegend(t: Translate, lang: 'zh-CN' | 'en'): LegendItem[] {
  const fmt = (v: number) => formatGap(v, lang, 0);
  const scale = GAP_SCALE.map((s, i): LegendItem => {
    const lo = GAP_SCALE[i - 1]?.upTo;
    const label =
      lo === undefined
        ? `< ${fmt(s.upTo)}`
        : s.upTo === Infinity
          ? `≥ ${fmt(lo)}`
          : `${fmt(lo)} ~ ${fmt(s.upTo)}`;
    return {
      key: `gap${i}`,
      label: `${label} ${t('gap.ppShort')}`,
      colour: s.colour,
      swatch: 'box',
    };
  });
  const statuses = STATUS_ORDER.map(
    (s): LegendItem => ({
      key: s,
      label: t(`status.${s}`),
      colour: '#ffffff',
      swatch: 'box',
      icon: STATUS_META[s].icon,
    }),
  );
  return [
    ...scale,
    { key: 'none', label: t('gap.noValue'), colour: '#ffffff', swatch: 'box', hatched: true },
    ...statuses,
  ];
}

/** The grid as the SVG export draws it: the same cells as rectangles and text. */
export function gapGridDrawing(
  rows: GapGridRow[],
  dimensions: readonly Dimension[],
  t: Translate,
  lang: 'zh-CN' | 'en',
  measure: Measure,
): Drawing {
  const header = [t('overview.province'), ...dimensions.map((d) => t(`dimension.${d}`))];
  const cells = rows.map((r): TableCell[] => [
    {
      text: lang === 'en' ? r.nameEn : r.nameZh,
      sub: r.hasPlan ? (r.planDocument ?? '') : t('plan.noPlan'),
    },
    ...dimensions.map((d): TableCell => {
      const cell = r.cells[d];
      if (!cell) return { text: '—', hatched: true };
      const step = gapStep(cell.gap);
      return {
        text: `${formatGap(cell.gap, lang)} ${STATUS_META[cell.status].icon}`,
        fill: step?.colour,
        ink: step?.ink,
        hatched: !step,
      };
    }),
  ]);
  return tableDrawing(header, cells, measure, { maxColumn: 300, minColumn: 96 });
}

export function GapGrid({ rows, dimensions, testId, provinceLink, cellLink }: GapGridProps) {
  const { t, lang } = useT();
  return (
    <div className="table-scroll" data-testid={testId}>
      <table className="gap-grid">
        <thead>
          <tr>
            <th scope="col">{t('overview.province')}</th>
            {dimensions.map((d) => (
              <th key={d} scope="col">
                {t(`dimension.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-province={r.code}>
              <th scope="row">
                <a {...provinceLink(r.code)}>{lang === 'en' ? r.nameEn : r.nameZh}</a>
                {r.hasPlan ? (
                  <span className="plan-doc">{r.planDocument}</span>
                ) : (
                  <span className="no-plan">{t('plan.noPlan')}</span>
                )}
                {r.milestonesMissed > 0 ? (
                  <span className="milestones-missed" data-testid={`milestones-missed-${r.code}`}>
                    {MILESTONE_META.missed.icon}{' '}
                    {t('statusDetail.milestonesMissed', { count: r.milestonesMissed })}
                  </span>
                ) : null}
              </th>
              {dimensions.map((d) => (
                <GapGridCell
                  key={d}
                  cell={r.cells[d]}
                  t={t}
                  lang={lang}
                  link={cellLink(r.code, d)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface CellProps {
  cell: GapCell | null;
  t: Translate;
  lang: 'zh-CN' | 'en';
  link: Link;
}

/**
 * A cell is drawn again only when its figures, language or link target change: switching the
 * dimension leaves all 128 as they were. A link's click handler goes where its href says, so
 * the same href is the same link.
 */
const GapGridCell = memo(
  GapGridCellView,
  (a: CellProps, b: CellProps) =>
    a.cell === b.cell && a.t === b.t && a.lang === b.lang && a.link.href === b.link.href,
);

function GapGridCellView({ cell, t, lang, link }: CellProps) {
  if (!cell)
    return (
      <td className="gap-cell" style={{ background: HATCH }}>
        —
      </td>
    );
  const step = gapStep(cell.gap);
  const meta = STATUS_META[cell.status];
  const detail = [
    `${t('series.actual')} ${formatPct(cell.actual, lang)}`,
    `${t(cell.against === 'plan' ? 'series.planned' : 'series.nationalPlanned')} ${formatPct(cell.target, lang)}`,
    cell.gap == null ? t('gap.noValue') : t('gap.pp', { value: formatGap(cell.gap, lang) }),
    t(`status.${cell.status}`),
  ].join(lang === 'en' ? '; ' : '；');
  return (
    <td
      className={`gap-cell${cell.against === 'national' ? ' against-national' : ''}`}
      style={{ background: step ? step.colour : HATCH, color: step ? step.ink : '#000' }}
      data-status={cell.status}
      data-dimension={cell.dimension}
      data-gap={cell.gap ?? ''}
    >
      {/* the figures once: the link's name for a screen reader (instead of the short text on
          screen), and its tooltip for a pointer (a title equal to the name is not read again) */}
      <a
        href={link.href}
        onClick={link.onClick}
        aria-label={detail}
        title={detail}
        className="gap-cell-link"
        style={{ color: 'inherit' }}
      >
        <span className="gap-value">{formatGap(cell.gap, lang)}</span>
        <span className="gap-icon">{meta.icon}</span>
      </a>
    </td>
  );
}
