/**
 * A national reviewer opens the overview at 2024Q4 (demo data for all 32 provincial units):
 * every province has a status on the tile-grid map and in the grid, the national (全国) line
 * shows NHSA's published figures with their sources, and sorting and filtering narrow the
 * 32 rows — each choice kept in the URL, so a reload or a shared link shows the same.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_STATUSES } from '../../server/domain/status.ts';
import { connectBrowser, openPage, SCREENSHOTS, tid } from './browser.ts';

/** The overview asks the engine for all 32 provinces at once; on a busy 2-core machine that takes a while. */
const SLOW = { timeout: 90_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const gridRows = (page: Page) => page.locator(`${tid('gap-grid')} tbody tr`);
/** [province code, data-gap of the institutions cell] of every row, in order */
const institutionGaps = (page: Page) =>
  gridRows(page).evaluateAll((trs) =>
    trs.map((tr) => {
      const td = tr.querySelector('td[data-dimension="institutions"]');
      return [tr.getAttribute('data-province'), td?.getAttribute('data-gap') ?? ''] as const;
    }),
  );

describe('the overview of the whole country at 2024Q4', { timeout: 240_000 }, () => {
  it('gives every province a status on the tile map and in the grid', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/?period=2024Q4');
      await page.locator(tid('gap-grid')).waitFor(SLOW);
      const tiles = page.locator(`${tid('tile-map')} li`);
      expect(await tiles.count()).toBe(32);
      const statuses = await tiles.evaluateAll((lis) => lis.map((li) => li.dataset.status ?? ''));
      for (const s of statuses) expect(PROGRESS_STATUSES).toContain(s);
      // the demo's latest quarter has one province in draft and one not reported: at most those two
      expect(statuses.filter((s) => s === 'noReport').length).toBeLessThanOrEqual(2);
      // one equal cell each, and a legend naming every status drawn
      const legend = await page.locator(`${tid('chart-tile-map')} .legend`).innerText();
      expect(legend).toContain('已达标');
      const boxes = await tiles.evaluateAll((lis) =>
        lis.map((li) => {
          const r = li.getBoundingClientRect();
          return `${Math.round(r.width)}×${Math.round(r.height)}`;
        }),
      );
      expect(new Set(boxes).size).toBe(1);
      expect(await page.locator(tid('chart-tile-map')).innerText()).toContain('审图号');
      // the grid: 32 rows, four dimensions each with a status
      expect(await gridRows(page).count()).toBe(32);
      expect(await page.locator(`${tid('gap-grid')} td[data-status]`).count()).toBe(128);
      await page.locator(tid('chart-tile-map')).screenshot({
        path: `${SCREENSHOTS}/tile-map-2024Q4.png`,
      });
      // a tile opens its province
      await page.click(`${tid('tile-map')} li[data-province="440000"] a`);
      await page.waitForURL(/\/province\/440000/, SLOW);
      await page.locator('#province-heading').waitFor(SLOW);
      expect(await page.locator('#province-heading').textContent()).toBe('广东省');
    } finally {
      await context.close();
    }
  });

  it('draws the national line with the published figures and their sources', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/?period=2024Q4');
      const frame = page.locator(tid('chart-national'));
      await page
        .locator(`${tid('national-chart')} svg`)
        .first()
        .waitFor();
      const legend = await frame.locator('.legend').innerText();
      for (const word of ['实际覆盖', '国家序时进度', '国家最低要求', '国家医保局公布数'])
        expect(legend).toContain(word);
      // regions: end-2023 "超过九成…开展改革" (not actual payment), and April 2025's 393 regions
      const published = page.locator(`${tid('national-published')} li`);
      expect(await published.count()).toBe(2);
      const first = await published.first().innerText();
      expect(first).toContain('超过 90%');
      expect(first).toContain('口径不同');
      expect(first).toContain('国家医疗保障局');
      expect(first).toContain('2024-07-23');
      const footer = await page.locator(tid('chart-national-source')).innerText();
      expect(footer).toContain('国家医保局公布数');
      expect(footer).toContain('医保发〔2021〕48号');
      expect(footer).toContain('演示数据');
      // one mark per published figure on the chart (the list and the footer give their sources)
      const marks = page.locator(`${tid('national-chart')} .recharts-scatter-symbol`);
      expect(await marks.count()).toBe(2);
      // each mark sits at its own quarter (2023Q4, 2025Q2), and the quarters run in order
      // (marks once took the first two quarters and pushed theirs to the end of the axis)
      // the time axis' ticks read "23Q4" (the value axis' read "80%")
      const QUARTER = /^(\d{2})Q([1-4])$/;
      const ticks = (
        await page
          .locator(`${tid('national-chart')} .recharts-cartesian-axis-tick-value`)
          .evaluateAll((xs) =>
            xs.map((x) => {
              const box = x.getBoundingClientRect();
              return { label: x.textContent ?? '', x: box.x + box.width / 2 };
            }),
          )
      ).filter((t) => QUARTER.test(t.label));
      // as a count of quarters, the ticks must rise along the axis, one step per quarter
      const quarterOf = (label: string) => {
        const m = QUARTER.exec(label)!;
        return Number(m[1]) * 4 + Number(m[2]) - 1;
      };
      expect(ticks.length).toBeGreaterThan(4);
      const qs = ticks.map((t) => quarterOf(t.label));
      expect(qs).toEqual([...qs].sort((x, y) => x - y));
      const [start, end] = [ticks[0]!, ticks.at(-1)!];
      const step = (end.x - start.x) / (quarterOf(end.label) - quarterOf(start.label));
      const markX = await marks.evaluateAll((xs) =>
        xs.map((x) => {
          const box = x.getBoundingClientRect();
          return box.x + box.width / 2;
        }),
      );
      const expected = ['23Q4', '25Q2'].map(
        (q) => start.x + (quarterOf(q) - quarterOf(start.label)) * step,
      );
      for (const [i, x] of expected.entries()) expect(Math.abs(markX[i]! - x)).toBeLessThan(2);
      // another dimension, another published figure: 病种覆盖率 95 %, not the tracker's 入组率
      await page.locator(tid('ranking-dimension-diseaseGroups')).check({ force: true });
      await page.waitForURL(/dim=diseaseGroups/);
      await page.locator(tid('national-published')).filter({ hasText: '95%' }).waitFor(SLOW);
      expect(await page.locator(tid('national-published')).innerText()).toContain('入组率');
      await frame.screenshot({ path: `${SCREENSHOTS}/national-diseaseGroups.png` });
    } finally {
      await context.close();
    }
  });

  it('marks the chosen quarter on the national line, and draws another dimension at once', async () => {
    const { context, page } = await openPage(browser);
    try {
      // the other dimensions' series are asked for once the first view is drawn
      const others = ['institutions', 'diseaseGroups', 'fund'].map((d) =>
        page.waitForResponse((r) => r.url().includes(`/api/national?dimension=${d}`), SLOW),
      );
      await page.goto('/?period=2024Q4');
      await page.locator(tid('gap-grid')).waitFor(SLOW);
      const chart = page.locator(tid('national-chart'));
      const lineX = () =>
        chart
          .locator('.recharts-reference-line-line')
          .evaluate((l) => l.getBoundingClientRect().x + l.getBoundingClientRect().width / 2);
      const tickX = (label: string) =>
        chart
          .locator('.recharts-cartesian-axis-tick-value')
          .filter({ hasText: new RegExp(`^${label}$`) })
          .evaluate((t) => t.getBoundingClientRect().x + t.getBoundingClientRect().width / 2);
      expect(Math.abs((await lineX()) - (await tickX('24Q4')))).toBeLessThan(2);
      await page.locator(tid('period-picker')).selectOption('2024Q3');
      await page.locator(tid('chart-gap-grid')).filter({ hasText: '2024年第3季度' }).waitFor(SLOW);
      expect(Math.abs((await lineX()) - (await tickX('24Q3')))).toBeLessThan(2);

      await Promise.all(others);
      // watched from before the click: the chart's place never shows "loading"
      await page.evaluate(`window.__loadingSeen = false;
        new MutationObserver(() => {
          if (document.querySelector('[data-testid="national-loading"]')) window.__loadingSeen = true;
        }).observe(document.body, { childList: true, subtree: true });`);
      const title = page.locator(`${tid('chart-national')} h3`);
      const before = await title.innerText();
      await page.locator(tid('ranking-dimension-fund')).check({ force: true });
      await page.waitForURL(/dim=fund/);
      await title.filter({ hasNotText: before }).waitFor(SLOW);
      expect(await page.evaluate('window.__loadingSeen')).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('sorts and filters the provinces, and the URL keeps the view', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/?period=2024Q4&dim=institutions');
      await page.locator(tid('gap-grid')).waitFor(SLOW);

      // furthest behind first on the chosen dimension; provinces without a figure last
      await page.selectOption(tid('overview-sort'), 'gap');
      await page.waitForURL(/sort=gap/);
      const gaps = (await institutionGaps(page)).map(([, g]) => g);
      const numbers = gaps.filter((g) => g !== '').map(Number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(gaps.slice(numbers.length).every((g) => g === '')).toBe(true);

      // only provinces measured against the national plan (参照国家方案)
      await page.selectOption(tid('overview-plans'), 'national');
      await page.waitForURL(/plans=national/);
      expect(await gridRows(page).count()).toBe(27);
      expect(await page.locator(`${tid('gap-grid')} tbody .plan-doc`).count()).toBe(0);
      expect(await page.locator(tid('overview-shown')).innerText()).toContain('27 / 32');

      // by status on the chosen dimension: only overdue
      await page.click(tid('overview-status-overdue'));
      await page.waitForURL(/status=overdue/);
      const overdue = await page
        .locator(`${tid('gap-grid')} td[data-dimension="institutions"]`)
        .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-status')));
      expect(overdue.length).toBeGreaterThan(0);
      expect(new Set(overdue)).toEqual(new Set(['overdue']));
      const kept = await institutionGaps(page);
      // the ranking shows the same provinces
      expect(await page.locator(`${tid('chart-ranking')} ${tid('ranking')}`).count()).toBe(1);

      // a reload (or a shared link) gives the same view
      await page.reload();
      await page.locator(tid('gap-grid')).waitFor(SLOW);
      expect(await institutionGaps(page)).toEqual(kept);
      expect(await page.locator(tid('overview-sort')).inputValue()).toBe('gap');
      // faded on the map, not removed
      expect(await page.locator(`${tid('tile-map')} li`).count()).toBe(32);
      expect(await page.locator(`${tid('tile-map')} li.tile-faded`).count()).toBe(32 - kept.length);

      // clear, then only provinces with reported figures (the demo's one draft and one missing left out)
      await page.click(tid('overview-clear'));
      await page.click(tid('overview-with-data'));
      await page.waitForURL(/data=1/);
      expect(await gridRows(page).count()).toBe(30);

      // a cell opens its province at that dimension
      await page.click(`${tid('gap-grid')} tr[data-province="440000"] td[data-dimension="fund"] a`);
      await page.waitForURL(/\/province\/440000\?.*dim=fund/);
      await page.locator(tid('chart-trajectory-fund')).waitFor(SLOW);
    } finally {
      await context.close();
    }
  });
});
