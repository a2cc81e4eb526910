/** A status as icon + words on its colour: readable without seeing colour. */

import type { StatusCode, StatusDto } from '../../../server/modules/trajectory/schemas.ts';
import { formatDate, punct } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import { type Translate, useT } from '../i18n/useT.ts';
import { REPORT_META, type ReportState, STATUS_META } from './config.ts';

export function StatusBadge({
  status,
  prefix,
  overdue,
  testId,
}: {
  status: StatusCode;
  prefix?: string;
  /** 逾期未达标: since when and for how many quarters (shown with the word) */
  overdue?: StatusDto['overdue'];
  testId?: string;
}) {
  const { t, lang } = useT();
  const meta = STATUS_META[status];
  const length =
    status === 'overdue' && overdue ? overdueText(t, lang, overdue.since, overdue.quarters) : null;
  return (
    <span
      className={`badge status-${status}`}
      style={{ background: meta.colour, color: meta.ink }}
      data-testid={testId}
      data-status={status}
      data-svg-text=""
    >
      <span aria-hidden="true" className="badge-icon">
        {meta.icon}
      </span>
      {prefix ? (
        <span className="badge-prefix">
          {prefix}
          {punct(lang).colon}
        </span>
      ) : null}
      {t(`status.${status}`)}
      {length ? <span className="badge-detail"> · {length}</span> : null}
    </span>
  );
}

/** "自 2024年12月31日 起逾期 7 个季度" — how long a deadline has been missed. */
export function overdueText(t: Translate, lang: Lang, since: string, quarters: number): string {
  const date = formatDate(since, lang);
  return quarters > 0
    ? t('statusDetail.overdueFor', { since: date, count: quarters })
    : t('statusDetail.dueThisQuarter', { since: date });
}

export function ReportBadge({ state, overdue }: { state: ReportState; overdue?: boolean }) {
  const { t } = useT();
  const meta = REPORT_META[state];
  return (
    <span className="report-badges">
      <span
        className={`badge report-${state}`}
        style={{ background: meta.colour, color: meta.ink }}
        data-report={state}
      >
        <span aria-hidden="true" className="badge-icon">
          {meta.icon}
        </span>
        {t(`report.${state}`)}
      </span>
      {overdue ? (
        <span
          className="badge report-overdue"
          style={{ background: REPORT_META.overdue.colour, color: REPORT_META.overdue.ink }}
        >
          <span aria-hidden="true" className="badge-icon">
            {REPORT_META.overdue.icon}
          </span>
          {t('report.overdue')}
        </span>
      ) : null}
    </span>
  );
}
