/** The tile-grid map of the provinces on the chosen dimension, in a captioned frame. */
import type { ProvinceSummary } from '../../api/client.ts';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { STATUS_META } from '../../charts/config.ts';
import { type Column, round } from '../../charts/csv.ts';
import { safeFilename } from '../../charts/export.ts';
import type { GapGridRow } from '../../charts/shape.ts';
import type { SourceInfo } from '../../charts/source.ts';
import { TileMap, type TileMapProvince, tileLegend } from '../../charts/TileMap.tsx';
import { formatPct, formatPeriod } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/useT.ts';
import { useT } from '../../i18n/useT.ts';
import { linkProps } from '../../state/useViewState.ts';
import type { ViewState } from '../../state/viewState.ts';

export function ProvinceTiles({
  grid,
  shown,
  provinces,
  view,
  period,
  source,
}: {
  grid: GapGridRow[];
  /** codes the filters keep */
  shown: Set<string>;
  provinces: ProvinceSummary[];
  view: ViewState;
  period: string;
  source: SourceInfo;
}) {
  const { t, lang } = useT();
  const shortOf = new Map(provinces.map((p) => [p.code, p.shortZh]));
  const tiles: TileMapProvince[] = grid.map((r) => ({
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    shortZh: shortOf.get(r.code) ?? r.nameZh,
    cell: r.cells[view.dimension],
    shown: shown.has(r.code),
  }));
  const dimension = t(`dimension.${view.dimension}`);
  return (
    <ChartFrame
      testId="chart-tile-map"
      title={t('overview.tileTitle', { dimension })}
      subtitle={t('overview.tileSubtitle', { period: formatPeriod(period, lang) })}
      legend={tileLegend(t, tiles)}
      source={source}
      filename={safeFilename('tile-map', view.dimension, period)}
      table={{ columns: tileColumns(t, lang), rows: tiles, rowKey: (r) => r.code }}
      hiddenTable={false}
    >
      <TileMap
        provinces={tiles}
        testId="tile-map"
        link={(code) => linkProps({ ...view, page: 'province', province: code })}
      />
      <p className="footnote">{t('overview.tileNote')}</p>
    </ChartFrame>
  );
}

function tileColumns(t: Translate, lang: Lang): Column<TileMapProvince>[] {
  return [
    { key: 'code', header: t('column.provinceCode'), value: (r) => r.code },
    {
      key: 'province',
      header: t('column.province'),
      value: (r) => (lang === 'en' ? r.nameEn : r.nameZh),
    },
    {
      key: 'status',
      header: t('column.status'),
      value: (r) => t(`status.${r.cell?.status ?? 'noReport'}`),
      display: (r) =>
        `${STATUS_META[r.cell?.status ?? 'noReport'].icon} ${t(`status.${r.cell?.status ?? 'noReport'}`)}`,
    },
    {
      key: 'actual',
      header: t('column.actualPct'),
      numeric: true,
      value: (r) => round(r.cell?.actual),
      display: (r) => formatPct(r.cell?.actual, lang),
    },
  ];
}
