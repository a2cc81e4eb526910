import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ReportListItemDto } from '../api/client.ts';
import { queries } from '../api/queries.ts';
import { useSession } from '../api/session.ts';
import { SignInForm } from '../auth/SignIn.tsx';
import { formatPeriod } from '../i18n/format.ts';
import { useT } from '../i18n/useT.ts';
import { linkProps } from '../state/useViewState.ts';
import type { ViewState } from '../state/viewState.ts';
import { LoadState } from './controls.tsx';
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

function Queue({ view }: { view: ViewState }) {
  const { t, lang } = useT();
  const queue = useQuery(queries.reportList('submitted'));
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
            <th scope="col">{t('review.submittedAt')}</th>
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
              <td>{formatDateTime(r.submittedAt, lang)}</td>
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
