/** The shell: header with navigation and language switch, the demo-data banner, and the page the URL names. */

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { queries } from './api/queries.ts';
import { useSession } from './api/session.ts';
import { AccountMenu } from './auth/SignIn.tsx';
import { formatDate, formatPeriod } from './i18n/format.ts';
import { applyLang } from './i18n/index.ts';
import { useT } from './i18n/useT.ts';
import { ProvinceOptions } from './pages/controls.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { lastUpdated, latestReported } from './state/periods.ts';
import { linkProps, navigate, useViewState } from './state/useViewState.ts';

// Pages other than the overview load on demand (they bring Recharts).
const ProvincePage = lazy(() => import('./pages/ProvincePage.tsx'));
const ComparePage = lazy(() => import('./pages/ComparePage.tsx'));
const EntryPage = lazy(() => import('./pages/EntryPage.tsx'));
const ReviewPage = lazy(() => import('./pages/ReviewPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));

export function App() {
  const [view, update] = useViewState();
  const { t, lang } = useT();
  const provinces = useQuery(queries.provinces());
  const { user } = useSession();
  useEffect(() => applyLang(view.lang), [view.lang]);
  useEffect(() => {
    document.title = `${t(`nav.${view.page}`)} · ${t('app.title')}`;
  }, [view.page, t]);

  // on a province's page the banner speaks for that province; elsewhere for any figure shown
  const shown =
    view.page === 'province' && view.province
      ? provinces.data?.filter((p) => p.code === view.province)
      : provinces.data;
  // entry and review label demo figures on the report itself
  const hasDemo =
    view.page !== 'entry' &&
    view.page !== 'review' &&
    view.page !== 'admin' &&
    (shown?.some((p) => p.hasDemoData) ?? false);
  // the role decides what is offered: editors enter their quarter, reviewers review; everyone reads
  const pages = [
    'overview',
    'province',
    'compare',
    ...(user?.role === 'editor' ? (['entry'] as const) : []),
    ...(user?.role === 'reviewer' ? (['review'] as const) : []),
    ...(user?.role === 'admin' ? (['admin'] as const) : []),
  ] as const;
  const nav = pages.map((page) => ({
    page,
    ...linkProps({
      ...view,
      page,
      province: page === 'province' ? view.province : null,
      period: page === 'entry' || page === 'review' ? null : view.period,
    }),
  }));

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <h1 className="site-title">
          <a {...linkProps({ ...view, page: 'overview', province: null })}>{t('app.title')}</a>
        </h1>
        <nav aria-label={t('nav.main')} className="site-nav">
          <ul>
            {nav.map(({ page, href, onClick }) => (
              <li key={page}>
                <a
                  href={href}
                  onClick={onClick}
                  aria-current={view.page === page ? 'page' : undefined}
                  data-testid={`nav-${page}`}
                >
                  {t(`nav.${page}`)}
                </a>
              </li>
            ))}
          </ul>
          <label className="control inline">
            <span className="sr-only">{t('nav.chooseProvince')}</span>
            <select
              data-testid="province-select"
              value={view.page === 'province' ? (view.province ?? '') : ''}
              onChange={(e) =>
                e.target.value && navigate({ ...view, page: 'province', province: e.target.value })
              }
            >
              <option value="">{t('nav.chooseProvince')}</option>
              <ProvinceOptions provinces={provinces.data} />
            </select>
          </label>
          <button
            type="button"
            className="lang-switch"
            data-testid="lang-switch"
            lang={lang === 'en' ? 'zh-CN' : 'en'}
            aria-label={t('app.switchToLabel')}
            onClick={() => update({ lang: lang === 'en' ? 'zh-CN' : 'en' }, { replace: true })}
          >
            {t('app.switchTo')}
          </button>
          <AccountMenu />
        </nav>
      </header>
      {hasDemo ? (
        <p className="demo-banner" role="note" data-testid="demo-banner">
          <span aria-hidden="true">⚠ </span>
          {t('demo.banner')}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">{t('overview.loading')}</p>}>
          {view.page === 'overview' && <OverviewPage view={view} update={update} />}
          {view.page === 'province' && <ProvincePage view={view} update={update} />}
          {view.page === 'compare' && <ComparePage view={view} update={update} />}
          {view.page === 'entry' && <EntryPage view={view} update={update} />}
          {view.page === 'review' && <ReviewPage view={view} />}
          {view.page === 'admin' && <AdminPage view={view} update={update} />}
        </Suspense>
      </main>
      <footer className="site-footer" data-testid="site-footer">
        {shown && latestReported(shown) ? (
          <p data-testid="data-as-of">
            {lastUpdated(shown)
              ? t('chart.asOfUpdated', {
                  period: formatPeriod(latestReported(shown)!, lang),
                  updated: formatDate(lastUpdated(shown), lang),
                })
              : t('chart.asOf', { period: formatPeriod(latestReported(shown)!, lang) })}
          </p>
        ) : null}
        <p className="print-only page-url">{window.location.href}</p>
      </footer>
    </>
  );
}
