/** One submitted report under review: figures with warnings at their cells, comments, history, and the decision. */
import { type UseQueryResult, useMutation, useQuery } from '@tanstack/react-query';
import { type MouseEvent, useState } from 'react';
import { ApiError, type HistoryEntry, type ReportDto } from '../../api/client.ts';
import { mutations } from '../../api/mutations.ts';
import { queries } from '../../api/queries.ts';
import { ReportBadge } from '../../charts/StatusBadge.tsx';
import { formatPeriod } from '../../i18n/format.ts';
import { useT } from '../../i18n/useT.ts';
import { LoadState } from '../controls.tsx';
import { messageText } from '../entry/FormTable.tsx';
import { problemsByField } from '../entry/form.ts';
import { FiguresTable } from '../report/FiguresTable.tsx';
import { formatDateTime } from '../report/time.ts';

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

      <FiguresTable
        report={report}
        caption={t('review.figures')}
        testId="review-figures"
        notes={warnings.byField}
      />

      <section
        className="warning-box"
        aria-labelledby="review-warnings"
        data-testid="review-warnings"
      >
        <h4 id="review-warnings">{t('review.warnings')}</h4>
        {warnings.byField.size + warnings.other.length === 0 ? (
          <p>{t('review.noWarnings')}</p>
        ) : (
          <ul>
            {[...warnings.byField].map(([key, ms]) => {
              const [code, field] = key.split('/') as [string, string];
              return (
                <li key={key}>
                  <span aria-hidden="true">⚠ </span>
                  {t('entry.problemAt', {
                    region: regionName(code),
                    field: t(`field.${field}`),
                    message: ms.map((m) => messageText(m, t, lang)).join('；'),
                  })}
                </li>
              );
            })}
            {warnings.other.map((w) => (
              <li key={`${w.path}|${w.code}|${w.en}`}>{lang === 'en' ? w.en : w.zh}</li>
            ))}
          </ul>
        )}
      </section>

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

      <Decision report={report} onStale={onStale} />

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

/** Accept, or return with a comment (required); and a plain comment at any time. */
function Decision({ report, onStale }: { report: ReportDto; onStale: () => void }) {
  const { t, lang } = useT();
  const transition = useMutation(mutations.transition());
  const addComment = useMutation(mutations.comment());
  const at = { code: report.provinceCode, period: report.period };
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canAccept = report.status === 'submitted';
  const canReturn = report.status === 'submitted' || report.status === 'accepted';

  const act = async (run: () => Promise<ReportDto>, done: (r: ReportDto) => string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await run();
      setComment('');
      setNotice(done(r));
    } catch (e) {
      setError(e instanceof ApiError ? (lang === 'en' ? e.en : e.zh) : String(e));
      // someone else decided first: show the report as it is now
      if (e instanceof ApiError && e.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };
  const returnIt = () => {
    if (!comment.trim()) {
      setError(t('review.commentRequired'));
      document.getElementById('review-comment')?.focus();
      return;
    }
    void act(
      () =>
        transition.mutateAsync({
          ...at,
          action: 'return',
          version: report.version,
          comment: comment.trim(),
        }),
      (r) => t('review.returnedDone', { version: r.version }),
    );
  };

  return (
    <section className="decision" aria-label={t('review.accept')} data-testid="review-decision">
      {canAccept || canReturn ? null : (
        <p>{t('review.notSubmitted', { status: t(`report.${report.status}`) })}</p>
      )}
      <label htmlFor="review-comment">
        {canReturn ? t('review.returnComment') : t('review.comment')}
      </label>
      <textarea
        id="review-comment"
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={error === t('review.commentRequired') || undefined}
        aria-describedby={error ? 'review-error' : undefined}
        data-testid="review-comment"
      />
      {error ? (
        <p id="review-error" role="alert" className="error-inline" data-testid="review-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="notice-ok" data-testid="review-notice">
          <span aria-hidden="true">✓ </span>
          {notice}
        </p>
      ) : null}
      <div className="button-row">
        {canAccept ? (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void act(
                () =>
                  transition.mutateAsync({
                    ...at,
                    action: 'accept',
                    version: report.version,
                    comment: comment.trim() || undefined,
                  }),
                (r) => t('review.accepted', { version: r.version }),
              )
            }
            data-testid="review-accept"
          >
            {busy ? t('review.working') : t('review.accept')}
          </button>
        ) : null}
        {canReturn ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={returnIt}
            data-testid="review-return"
          >
            {t('review.return')}
          </button>
        ) : null}
        <button
          type="button"
          disabled={busy || !comment.trim()}
          onClick={() =>
            void act(
              () => addComment.mutateAsync({ ...at, body: comment.trim() }),
              () => t('review.commented'),
            )
          }
          data-testid="review-add-comment"
        >
          {t('review.addComment')}
        </button>
      </div>
    </section>
  );
}
