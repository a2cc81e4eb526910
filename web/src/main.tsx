import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { setFetcher } from './api/client.ts';
import { queries, queryClient } from './api/queries.ts';
import { loadSession } from './api/session.ts';
import { initI18n } from './i18n/index.ts';
import { prefetchOverview } from './pages/overview/firstView.ts';
import { canonicaliseUrl, currentViewState } from './state/useViewState.ts';
import './styles.css';

async function start() {
  // `VITE_FIXTURES=1 npx vite …` answers the API from made-up data, for work without a server.
  if (import.meta.env.VITE_FIXTURES === '1') {
    const { fixtureFetcher } = await import('./api/fixtures.ts');
    setFetcher(fixtureFetcher);
  }
  // every page starts from the province list: ask for it before React's first render, not after
  void queryClient.prefetchQuery(queries.provinces());
  const view = currentViewState();
  if (view.page === 'overview') void prefetchOverview(queryClient, view);
  initI18n(view.lang);
  void loadSession();
  canonicaliseUrl();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
void start();
