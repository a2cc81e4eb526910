import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { ReportFilter, ReportListItemDto } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useSession } from '../api/session.ts';
import { SignInForm } from '../auth/SignIn.tsx';
import { ReportBadge } from '../charts/StatusBadge.tsx';
import { formatDate, formatPeriod } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { linkProps } from '../state/useViewState.ts';
import type { ViewState } from '../state/viewState.ts';
import { LoadState, ProvinceOptions } from './controls.tsx';
import { formatDateTime } from './report/time.ts';
import { ReportReview } from './review/ReportReview.tsx';

export default function ReviewPage({ view }: { view: ViewState }) {
  const { t } = useT();
  const session = useSession();
  const opened =
    view.province && view.period ? { province: view.province, period: view.period } : null;
  let body: ReactNode;
  if (!session.loaded) body = <p className="loading">{t('overview.loading')}</p>;
  else if (!session.user) body = <SignInForm intro={t('auth.required')} />;
  else if (session.user.role !== 'reviewer')
    body = <p data-testid="review-not-reviewer">{t('review.notReviewer')}</p>;
  else if (opened)
    body = (
      <ReportReview
        key={`${opened.province}|${opened.period}`}
        province={opened.province}
        period={opened.period}
        back={linkProps({ ...view, province: null, period: null })}
      />
    );
  else body = <Queue view={view} />;
  return (
    <section aria-labelledby="review-heading" data-testid="page-review">
      <h2 id="review-heading">{t('review.heading')}</h2>
      {body}
    </section>
  );
}

const QUEUE_STATUSES = ['submitted', 'accepted', 'returned', 'draft'] as const;

/** The queue, narrowed by province, status (submitted by default) and overdue. */
function Queue({ view }: { view: ViewState }) {
  const { t } = useT();
  const [filter, setFilter] = useState<ReportFilter>({ status: 'submitted' });
  const provinces = useQuery(queries.provinces());
  const queue = useQuery(queries.reportList(filter));
  return (
    <>
      <div className="controls" data-testid="queue-filters">
        <label className="control">
          <span>{t('review.filterProvince')}</span>
          <select
            data-testid="queue-province"
            value={filter.province ?? ''}
            onChange={(e) => setFilter({ ...filter, province: e.target.value || undefined })}
          >
            <option value="">{t('review.allProvinces')}</option>
            <ProvinceOptions provinces={provinces.data} />
          </select>
        </label>
        <label className="control">
          <span>{t('review.filterStatus')}</span>
          <select
            data-testid="queue-status"
            value={filter.status ?? ''}
            onChange={(e) =>
              setFilter({
                ...filter,
                status: (e.target.value || undefined) as ReportFilter['status'],
              })
            }
          >
            <option value="">{t('review.allStatuses')}</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`report.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="control inline">
          <input
            type="checkbox"
            data-testid="queue-overdue"
            checked={filter.overdue === true}
            onChange={(e) => setFilter({ ...filter, overdue: e.target.checked || undefined })}
          />
          <span>{t('review.onlyOverdue')}</span>
        </label>
      </div>
      <QueueBody queue={queue} view={view} />
    </>
  );
}

function QueueBody({
  queue,
  view,
}: {
  queue: UseQueryResult<ReportListItemDto[]>;
  view: ViewState;
}) {
  const { t, lang } = useT();
  return (
    <LoadState loaded={queue} testId="review-queue">
      {(items) =>
        items.length === 0 ? (
          <p data-testid="review-queue-empty">{t('review.empty')}</p>
        ) : (
          <QueueTable items={items} view={view} lang={lang} />
        )
      }
    </LoadState>
  );
}

function QueueTable({
  items,
  view,
  lang,
}: {
  items: ReportListItemDto[];
  view: ViewState;
  lang: 'zh-CN' | 'en';
}) {
  const { t } = useT();
  // oldest submission first: the one waiting longest is reviewed first
  const sorted = [...items].sort(
    (a, b) =>
      (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') ||
      a.provinceCode.localeCompare(b.provinceCode),
  );
  return (
    <div className="table-scroll">
      <table className="data-table review-queue" data-testid="review-queue">
        <caption>
          {t('review.queue')} ({items.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('review.province')}</th>
            <th scope="col">{t('review.period')}</th>
            <th scope="col">{t('review.status')}</th>
            <th scope="col">{t('review.submittedAt')}</th>
            <th scope="col">{t('review.deadline')}</th>
            <th scope="col" className="num">
              {t('review.rows')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('review.open')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr
              key={`${r.provinceCode}|${r.period}`}
              data-testid={`queue-${r.provinceCode}-${r.period}`}
            >
              <th scope="row">
                {lang === 'en' ? r.provinceNameEn : r.provinceNameZh}
                {r.isDemo ? <span className="demo-tag small"> {t('demo.tag')}</span> : null}
              </th>
              <td>{formatPeriod(r.period, lang)}</td>
              <td>
                <ReportBadge state={r.status} />
              </td>
              <td>{formatDateTime(r.submittedAt, lang)}</td>
              <td data-testid={`deadline-${r.provinceCode}-${r.period}`}>
                {r.deadline ? formatDate(r.deadline, lang) : '—'}
                {r.overdue ? (
                  <strong className="overdue-tag">
                    {' '}
                    <span aria-hidden="true">⚠ </span>
                    {t('review.overdue')}
                  </strong>
                ) : null}
              </td>
              <td className="num">{r.rowCount}</td>
              <td>
                <a
                  {...linkProps({ ...view, province: r.provinceCode, period: r.period })}
                  data-testid={`open-${r.provinceCode}-${r.period}`}
                >
                  {t('review.open')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
