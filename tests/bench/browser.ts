/**
 * The dashboard in Debian's Chromium against a running server: the overview's initial JS
 * (gzip), its time to interactive from a cold load (median of 5), and the redraw after
 * switching period or dimension (median of 10).
 */
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_OPTIONS } from '../e2e/chromium.ts';

const BUDGET = { initialJsKb: 300, interactiveMs: 1500, redrawMs: 100 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Marks `window.__ready` once the grid and the period picker exist and a task after the next frame has run. */
const READY_PROBE = `
  (() => {
    const ready = () => document.querySelector('[data-testid="gap-grid"] tbody tr') && document.querySelector('[data-testid="period-picker"]:not([disabled])');
    const done = () => requestAnimationFrame(() => setTimeout(() => { window.__ready = performance.now(); }, 0));
    const obs = new MutationObserver(() => { if (ready()) { obs.disconnect(); done(); } });
    document.addEventListener('DOMContentLoaded', () => { if (ready()) done(); else obs.observe(document.body, { childList: true, subtree: true }); });
  })();
`;

async function initialJs(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const bodies: Promise<{ url: string; raw: number; gzip: number }>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    bodies.push(
      res.body().then((b) => ({
        url: new URL(res.url()).pathname,
        raw: b.length,
        gzip: gzipSync(b, { level: 9 }).length,
      })),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.locator('[data-testid="gap-grid"] tbody tr').first().waitFor();
  const files = await Promise.all(bodies);
  await context.close();
  return { kb: files.reduce((s, f) => s + f.gzip, 0) / 1024, files };
}

interface Load {
  ready: number;
  /** when each request of the load had its answer (ms after navigation start) */
  scripts: number;
  provinces: number;
  comparison: number;
}

async function interactive(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript(READY_PROBE);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  // polled (the time is taken in the page; waitForFunction's string form is refused by the app's CSP)
  let t: number | undefined;
  for (
    const start = Date.now();
    t === undefined && Date.now() - start < 30_000;
    await page.waitForTimeout(20)
  )
    t = (await page.evaluate('window.__ready')) as number | undefined;
  if (t === undefined) throw new Error('the overview did not become interactive within 30 s');
  const entries = (await page.evaluate(
    "performance.getEntriesByType('resource').map((e) => [e.name, e.initiatorType, e.responseEnd])",
  )) as [string, string, number][];
  const end = (test: (name: string, type: string) => boolean) =>
    Math.max(0, ...entries.filter(([n, ty]) => test(n, ty)).map((e) => e[2]));
  await context.close();
  return {
    ready: t,
    scripts: end((n) => n.endsWith('.js')),
    provinces: end((n) => n.includes('/api/provinces')),
    comparison: end((n) => n.includes('/api/comparison')),
  };
}

/**
 * In the page: makes the change as a user would, then waits until the watched chart's
 * header shows the new view and a frame has been painted. Kept as source text: tsx's
 * transform would add helpers the page does not have to a function passed directly.
 */
const TIME_REDRAW = `async (kind, value) => {
  const header = (id) => document.querySelector('[data-testid="' + id + '"] .chart-header')?.textContent ?? '';
  const watched = kind === 'period' ? 'chart-gap-grid' : 'chart-ranking';
  const before = header(watched);
  const t0 = performance.now();
  if (kind === 'period') {
    const select = document.querySelector('[data-testid="period-picker"]');
    // React tracks the value it set; the prototype's setter changes it as a user would
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  } else {
    document.querySelector('[data-testid="ranking-dimension-' + value + '"]').click();
  }
  // a header that is gone means the view is still loading: not drawn yet
  while (header(watched) === before || header(watched) === '') await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}`;

async function timeRedraw(
  page: Page,
  kind: 'period' | 'dimension',
  value: string,
): Promise<number> {
  return page.evaluate(
    `(${TIME_REDRAW})(${JSON.stringify(kind)}, ${JSON.stringify(value)})`,
  ) as Promise<number>;
}

async function redraws(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="gap-grid"] tbody tr').first().waitFor();
  const rows = await page.locator('[data-testid="gap-grid"] tbody tr').count();
  // load the other period's answers once: what is timed is the redraw, not the network
  await timeRedraw(page, 'period', '2024Q3');
  await page
    .locator('[data-testid="chart-completeness"]')
    .filter({ hasText: '2024年第3季度' })
    .waitFor();
  await timeRedraw(page, 'period', '2024Q4');
  const period: number[] = [];
  const dimension: number[] = [];
  const dims = ['institutions', 'diseaseGroups', 'fund', 'regions'];
  for (let i = 0; i < 10; i++) {
    period.push(await timeRedraw(page, 'period', i % 2 ? '2024Q4' : '2024Q3'));
    dimension.push(await timeRedraw(page, 'dimension', dims[i % dims.length]!));
  }
  await context.close();
  return { rows, period, dimension };
}

export interface BudgetRow {
  figure: string;
  value: string;
  budget: string;
  pass: boolean | null;
}

export async function measureBrowser(base: string): Promise<BudgetRow[]> {
  const browser = await chromium.launch(CHROMIUM_OPTIONS);
  try {
    const url = `${base}/`;
    const js = await initialJs(browser, url);
    const runs: Load[] = [];
    for (let i = 0; i < 5; i++) runs.push(await interactive(browser, url));
    const loads = runs.map((r) => r.ready);
    const redraw = await redraws(browser, url);
    const m = (k: keyof Load) => ms(median(runs.map((r) => r[k])));
    console.log(
      `  cold load, medians after navigation start: scripts ${m('scripts')} → /api/provinces ${m('provinces')} → /api/comparison ${m('comparison')} → grid drawn and idle ${m('ready')}`,
    );
    return [
      {
        figure: 'initial JS of the overview (gzip)',
        value: `${js.kb.toFixed(1)} KB`,
        budget: `≤ ${BUDGET.initialJsKb} KB`,
        pass: js.kb <= BUDGET.initialJsKb,
      },
      {
        figure: 'overview interactive, cold load (median of 5)',
        value: `${ms(median(loads))} (${loads.map((x) => x.toFixed(0)).join(' / ')})`,
        budget: `≤ ${BUDGET.interactiveMs} ms`,
        pass: median(loads) <= BUDGET.interactiveMs,
      },
      {
        figure: `redraw after switching period, ${redraw.rows} provinces (median of 10)`,
        value: `${ms(median(redraw.period))} (max ${ms(Math.max(...redraw.period))})`,
        budget: `< ${BUDGET.redrawMs} ms`,
        pass: median(redraw.period) < BUDGET.redrawMs,
      },
      {
        figure: 'redraw after switching dimension (median of 10)',
        value: `${ms(median(redraw.dimension))} (max ${ms(Math.max(...redraw.dimension))})`,
        budget: `< ${BUDGET.redrawMs} ms`,
        pass: median(redraw.dimension) < BUDGET.redrawMs,
      },
    ];
  } finally {
    await browser.close();
  }
}
