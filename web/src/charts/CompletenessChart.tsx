/** Who has reported this quarter: a stacked bar of report states, and every province with its state, regions reported and overdue flag. */
import type { CompletenessRow } from '../../../server/modules/comparison/schemas.ts';
import { formatNumber, punct } from '../i18n/format.ts';
import { type Translate, useT } from '../i18n/useT.ts';
import { REPORT_META, REPORT_ORDER } from './config.ts';
import { HATCH, type LegendItem } from './Legend.tsx';
import { ReportBadge } from './StatusBadge.tsx';
import { completenessSummary } from './shape.ts';

export function completenessLegend(t: Translate): LegendItem[] {
  return [...REPORT_ORDER, 'overdue' as const].map((s) => ({
    key: s,
    label: t(`report.${s}`),
    colour: REPORT_META[s].colour,
    swatch: 'box',
    icon: REPORT_META[s].icon,
    hatched: s === 'none',
  }));
}

export function CompletenessChart({ rows, testId }: { rows: CompletenessRow[]; testId: string }) {
  const { t, lang } = useT();
  const summary = completenessSummary(rows);
  return (
    <div data-testid={testId} className="completeness">
      <div
        className="stacked-bar"
        role="img"
        aria-label={
          summary.byState
            .map((s) => `${t(`report.${s.state}`)} ${s.count}`)
            .join(punct(lang).comma) +
          `${punct(lang).comma}${t('report.overdue')} ${summary.overdue}`
        }
      >
        {summary.byState
          .filter((s) => s.count > 0)
          .map((s) => {
            const meta = REPORT_META[s.state];
            return (
              <span
                key={s.state}
                className="stacked-seg"
                style={{
                  flexGrow: s.count,
                  background: s.state === 'none' ? HATCH : meta.colour,
                  color: s.state === 'none' ? '#000' : meta.ink,
                }}
                data-state={s.state}
              >
                {meta.icon} {t(`report.${s.state}`)} {formatNumber(s.count, lang)}
              </span>
            );
          })}
      </div>
      <p className="overdue-line">
        <span aria-hidden="true">{REPORT_META.overdue.icon}</span> {t('report.overdue')}
        {punct(lang).colon}
        {formatNumber(summary.overdue, lang)} / {formatNumber(summary.total, lang)}
      </p>
      <ul className="province-chips">
        {rows.map((r) => (
          <li
            key={r.province.code}
            className={r.overdue ? 'chip overdue' : 'chip'}
            data-province={r.province.code}
          >
            <span className="chip-name">
              {lang === 'en' ? r.province.nameEn : r.province.nameZh}
            </span>
            <ReportBadge state={r.status} overdue={r.overdue} />
            <span className="chip-regions">
              {t('overview.regionsReported')} {formatNumber(r.regionsReported, lang)}/
              {formatNumber(r.regionCount, lang)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
