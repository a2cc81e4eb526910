/**
 * The provinces as a tile grid (tileLayout.ts): one equal cell per province in its rough
 * geographic place, coloured by its status on one dimension, with the status icon and the
 * short name as text so colour is never the only cue. Each tile opens the province's page
 * at that dimension. Pure props in; it fetches nothing.
 */
import type { MouseEvent } from 'react';
import { formatGap, formatPct } from '../i18n/format.ts';
import type { Translate } from '../i18n/useT.ts';
import { useT } from '../i18n/useT.ts';
import { STATUS_META, STATUS_ORDER } from './config.ts';
import type { LegendItem } from './Legend.tsx';
import type { GapCell } from './shape.ts';
import { TILE_COLUMNS, TILE_POSITIONS, TILE_ROWS } from './tileLayout.ts';

export interface TileMapProvince {
  code: string;
  shortZh: string;
  nameEn: string;
  nameZh: string;
  cell: GapCell | null;
  /** false: left out by the overview's filters (drawn faded, still in place) */
  shown: boolean;
}

export interface TileMapProps {
  provinces: TileMapProvince[];
  testId: string;
  link: (code: string) => { href: string; onClick: (e: MouseEvent<HTMLAnchorElement>) => void };
}

/** The statuses the map shows, worst first, each with its colour and icon. */
export function tileLegend(t: Translate, provinces: TileMapProvince[]): LegendItem[] {
  const present = new Set(provinces.map((p) => p.cell?.status ?? 'noReport'));
  return STATUS_ORDER.filter((s) => present.has(s)).map((s) => ({
    key: s,
    label: t(`status.${s}`),
    colour: STATUS_META[s].colour,
    swatch: 'box',
    icon: STATUS_META[s].icon,
  }));
}

export function TileMap({ provinces, testId, link }: TileMapProps) {
  const { t, lang } = useT();
  return (
    <ul
      className="tile-map"
      data-testid={testId}
      style={{
        gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${TILE_ROWS}, auto)`,
      }}
    >
      {provinces.map((p) => {
        const pos = TILE_POSITIONS[p.code];
        if (!pos) return null;
        const status = p.cell?.status ?? 'noReport';
        const meta = STATUS_META[status];
        const name = lang === 'en' ? p.nameEn : p.nameZh;
        const to = link(p.code);
        const detail = [
          name,
          t(`status.${status}`),
          p.cell?.actual != null ? `${t('series.actual')} ${formatPct(p.cell.actual, lang)}` : null,
          p.cell?.gap != null ? t('gap.pp', { value: formatGap(p.cell.gap, lang) }) : null,
        ]
          .filter(Boolean)
          .join(lang === 'en' ? '; ' : '；');
        return (
          <li
            key={p.code}
            className={`tile${p.shown ? '' : ' tile-faded'}`}
            style={{ gridColumn: pos[0] + 1, gridRow: pos[1] + 1 }}
            data-province={p.code}
            data-status={status}
          >
            {/* named by its figures (read once: a title equal to the name is not read again) */}
            <a
              href={to.href}
              onClick={to.onClick}
              aria-label={detail}
              title={detail}
              style={{ background: meta.colour, color: meta.ink }}
            >
              <span className="tile-name">{lang === 'en' ? p.nameEn : p.shortZh}</span>
              <span className="tile-icon">{meta.icon}</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
