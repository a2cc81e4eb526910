import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { setFetcher } from './api/client.ts';
import { initI18n } from './i18n/index.ts';
import { canonicaliseUrl, currentViewState } from './state/useViewState.ts';
import './styles.css';

async function start() {
  // `VITE_FIXTURES=1 npx vite …` answers the API from made-up data, for work without a server.
  if (import.meta.env.VITE_FIXTURES === '1') {
    const { fixtureFetcher } = await import('./api/fixtures.ts');
    setFetcher(fixtureFetcher);
  }
  initI18n(currentViewState().lang);
  canonicaliseUrl();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void start();
