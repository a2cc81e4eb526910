/** A status as icon + words on its colour: readable without seeing colour. */

import type { StatusCode } from '../../../server/modules/trajectory/schemas.ts';
import { punct } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { REPORT_META, type ReportState, STATUS_META } from './config.ts';

export function StatusBadge({
  status,
  prefix,
  testId,
}: {
  status: StatusCode;
  prefix?: string;
  testId?: string;
}) {
  const { t, lang } = useT();
  const meta = STATUS_META[status];
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
    </span>
  );
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
