/**
 * `npm run bench`: size and speed budgets of the dashboard, measured in Debian's Chromium
 * against a real server (the e2e setup: fresh database, demo data to 2024Q4, built dashboard).
 *
 *   initial JS    gzip size of every script the overview loads before it is usable   ≤ 300 KB
 *   interactive   cold load (fresh browser context) → gap grid and period picker are
 *                 rendered and the main thread is free to answer input (median of 5)   < 1.5 s
 *   redraw        switching period or dimension (answers already loaded) → the DOM
 *                 shows the new view and a frame has been painted (median of 10)      < 100 ms
 *   API latency   GET /api/comparison?period=2024Q4&dimension=all (informational)
 *
 * Prints a table; exits 1 when a budget fails.
 */
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildDashboard } from '../e2e/build.ts';
import { startServerProcess, stopServerProcess } from '../e2e/server-process.ts';

const BUDGET = { initialJsKb: 300, interactiveMs: 1500, redrawMs: 100 };
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
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

async function apiLatency(base: string) {
  const url = `${base}/api/comparison?period=2024Q4&dimension=all`;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return { first: times[0]!, median: median(times.slice(1)), p95: percentile(times.slice(1), 95) };
}

async function main() {
  console.log('Building the dashboard…');
  buildDashboard({ force: true });
  console.log('Starting the server (fresh database, demo data to 2024Q4)…');
  // its own process, as in production: the server does not share an event loop with the measuring
  const tracker = await startServerProcess();
  const browser = await chromium.launch(LAUNCH);
  try {
    const url = `${tracker.baseUrl}/`;
    const api = await apiLatency(tracker.baseUrl); // also warms the server's caches and connection pool
    const js = await initialJs(browser, url);
    const runs: Load[] = [];
    for (let i = 0; i < 5; i++) runs.push(await interactive(browser, url));
    const loads = runs.map((r) => r.ready);
    const redraw = await redraws(browser, url);

    const results = [
      {
        figure: 'initial JS of the overview (gzip)',
        value: `${js.kb.toFixed(1)} KB`,
        budget: `≤ ${BUDGET.initialJsKb} KB`,
        pass: js.kb <= BUDGET.initialJsKb,
      },
      {
        figure: 'time to interactive, cold load (median of 5)',
        value: `${ms(median(loads))} (${loads.map((x) => x.toFixed(0)).join(' / ')})`,
        budget: `< ${BUDGET.interactiveMs} ms`,
        pass: median(loads) < BUDGET.interactiveMs,
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
      {
        figure: 'API GET /api/comparison?period=2024Q4&dimension=all',
        value: `first ${ms(api.first)}, median ${ms(api.median)}, p95 ${ms(api.p95)}`,
        budget: '(informational)',
        pass: null,
      },
    ];
    console.log('\nScripts the overview loads:');
    for (const f of js.files)
      console.log(
        `  ${f.url.padEnd(48)} ${(f.raw / 1024).toFixed(1).padStart(7)} KB raw  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
      );
    const m = (k: keyof Load) => ms(median(runs.map((r) => r[k])));
    console.log(
      `\nCold load, medians after navigation start: scripts loaded ${m('scripts')} → /api/provinces answered ${m('provinces')} → /api/comparison answered ${m('comparison')} → grid drawn and idle ${m('ready')}`,
    );
    console.log('');
    const w = [
      Math.max(...results.map((r) => r.figure.length)),
      Math.max(...results.map((r) => r.value.length)),
      16,
    ];
    const line = (a: string, b: string, c: string, d: string) =>
      `| ${a.padEnd(w[0]!)} | ${b.padEnd(w[1]!)} | ${c.padEnd(w[2]!)} | ${d.padEnd(6)} |`;
    console.log(line('figure', 'measured', 'budget', 'result'));
    console.log(
      `|${'-'.repeat(w[0]! + 2)}|${'-'.repeat(w[1]! + 2)}|${'-'.repeat(w[2]! + 2)}|--------|`,
    );
    for (const r of results)
      console.log(
        line(r.figure, r.value, r.budget, r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL'),
      );
    const failed = results.filter((r) => r.pass === false);
    if (failed.length) {
      console.error(`\n${failed.length} budget(s) failed.`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await stopServerProcess(tracker.child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
