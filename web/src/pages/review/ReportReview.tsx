/** One submitted report under review: figures with warnings at their cells, comments, history, and the decision. */
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { MouseEvent } from 'react';
import { addQuarters } from '../../../../server/domain/periods.ts';
import type { HistoryEntry, ReportDto } from '../../api/client.ts';
import { queries } from '../../api/queries.ts';
import { ReportBadge } from '../../charts/StatusBadge.tsx';
import { formatPeriod } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';
import { problemsByField } from '../entry/form.ts';
import { CoverageTable } from '../report/CoverageTable.tsx';
import { reportCoverage } from '../report/coverage.ts';
import { FiguresTable } from '../report/FiguresTable.tsx';
import { formatDateTime } from '../report/time.ts';
import { Decision } from './Decision.tsx';
import { ReviewWarnings } from './ReviewWarnings.tsx';

interface Props {
  province: string;
  period: string;
  back: { href: string; onClick: (e: MouseEvent<HTMLAnchorElement>) => void };
}

export function ReportReview({ province, period, back }: Props) {
  const { t } = useT();
  const report = useQuery(queries.report(province, period));
  const history = useQuery(queries.reportHistory(province, period));
  return (
    <>
      <p>
        <a {...back} data-testid="review-back">
          ← {t('review.back')}
        </a>
      </p>
      <LoadState loaded={report} testId="review-report">
        {(r) =>
          r ? (
            <ReportBody report={r} history={history} onStale={() => void report.refetch()} />
          ) : (
            <p data-testid="review-no-report">{t('review.noReport')}</p>
          )
        }
      </LoadState>
    </>
  );
}

function ReportBody({
  report,
  history,
  onStale,
}: {
  report: ReportDto;
  history: UseQueryResult<HistoryEntry[]>;
  onStale: () => void;
}) {
  const { t, lang } = useT();
  const provinces = useQuery(queries.provinces());
  const p = provinces.data?.find((x) => x.code === report.provinceCode);
  const provinceName = p ? (lang === 'en' ? p.nameEn : p.nameZh) : report.provinceCode;
  const codes = report.rows.map((r) => r.regionCode);
  const warnings = problemsByField(report.warnings, codes);
  // compared with the previous quarter as reported (a draft is still its bureau's own)
  const previousPeriod = addQuarters(report.period, -1);
  const prevQuery = useQuery(queries.report(report.provinceCode, previousPeriod));
  const prev =
    prevQuery.data &&
    (prevQuery.data.status === 'submitted' || prevQuery.data.status === 'accepted')
      ? prevQuery.data
      : null;
  const previousRows = prev ? new Map(prev.rows.map((r) => [r.regionCode, r])) : null;
  const regionName = (code: string) => {
    const r = report.rows.find((x) => x.regionCode === code);
    return r ? (lang === 'en' ? r.regionNameEn : r.regionNameZh) : code;
  };
  return (
    <article
      className="report-review"
      data-testid="review-report"
      data-status={report.status}
      data-version={report.version}
    >
      <h3>
        {t('review.reportHeading', {
          province: provinceName,
          period: formatPeriod(report.period, lang),
        })}{' '}
        <ReportBadge state={report.status} />
      </h3>
      <p className="report-meta">
        {t('entry.version', { version: report.version })} · {t('review.submittedAt')}
        {lang === 'en' ? ': ' : '：'}
        {formatDateTime(report.submittedAt, lang)}
      </p>
      {report.isDemo ? (
        <p className="demo-tag demo-note" role="note" data-testid="review-demo">
          <span aria-hidden="true">⚠ </span>
          {t('demo.banner')}
        </p>
      ) : null}

      <CoverageTable
        caption={t('review.coverageTitle')}
        testId="review-coverage"
        regions={report.rows.map((r) => ({ code: r.regionCode, name: regionName(r.regionCode) }))}
        now={reportCoverage(report)}
        previous={prev ? reportCoverage(prev) : null}
      />
      {prev || prevQuery.isPending ? null : (
        <p className="hint" data-testid="review-no-previous">
          {t('review.previousNone', { period: formatPeriod(previousPeriod, lang) })}
        </p>
      )}

      <FiguresTable
        report={report}
        caption={t('review.figures')}
        testId="review-figures"
        notes={warnings.byField}
        previous={previousRows}
      />

      <ReviewWarnings report={report} regionName={regionName} />

      <section aria-labelledby="review-comments" data-testid="review-comments">
        <h4 id="review-comments">{t('review.comments')}</h4>
        {report.comments.length === 0 ? (
          <p>{t('review.noComments')}</p>
        ) : (
          <ul className="comment-list">
            {report.comments.map((c) => (
              <li key={`${c.at}|${c.kind}|${c.author}`}>
                <strong>{c.author ?? '—'}</strong> · {formatDateTime(c.at, lang)} ·{' '}
                {t(`review.actions.${c.kind}`, { defaultValue: c.kind })}
                <blockquote>{c.body}</blockquote>
              </li>
            ))}
          </ul>
        )}
      </section>

      <Decision
        report={report}
        title={`${provinceName} ${formatPeriod(report.period, lang)}`}
        onStale={onStale}
      />

      <section aria-labelledby="review-history">
        <h4 id="review-history">{t('review.history')}</h4>
        <LoadState loaded={history} testId="review-history">
          {(entries) =>
            entries.length ? (
              <HistoryTable entries={entries} />
            ) : (
              <p data-testid="review-history">{t('review.noHistory')}</p>
            )
          }
        </LoadState>
      </section>
    </article>
  );
}

function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const { t, lang } = useT();
  const comment = (e: HistoryEntry) =>
    e.after && typeof e.after === 'object' && 'comment' in e.after
      ? (e.after as { comment?: string | null }).comment
      : null;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="review-history">
        <caption className="sr-only">{t('review.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('review.when')}</th>
            <th scope="col">{t('review.who')}</th>
            <th scope="col">{t('review.action')}</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.id}>
              <th scope="row">{formatDateTime(e.at, lang)}</th>
              <td>{e.actor}</td>
              <td>
                {t(`review.actions.${e.action.replace(/^report\./, '')}`, {
                  defaultValue: e.action,
                })}
                {comment(e) ? `${lang === 'en' ? ': ' : '：'}${comment(e)}` : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
