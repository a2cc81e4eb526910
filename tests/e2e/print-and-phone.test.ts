/**
 * A province page printed as an A4 quarterly bulletin (no buttons, charts kept whole, the
 * data-as-of line and the page's address on paper); the overview and a province page read on
 * a 390 px phone without the page scrolling sideways; the plan's targets as an official reads
 * them (each ladder once, clauses by number, no field names). Screenshots and the PDF go to
 * test-results/ for a human to look at.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, openPage, SCREENSHOTS, screenshot, tid } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('print, phones and the plan as an official reads it', () => {
  it('a province page prints as a clean A4 quarterly bulletin', async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      await page.goto('/province/430000?period=2024Q3');
      await page.locator(`${tid('chart-trajectory-fund')} .recharts-surface`).waitFor();
      await page.locator(tid('plan-targets')).waitFor();
      await page.emulateMedia({ media: 'print' });
      // Recharts redraws at the printed width
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.recharts-surface')].every((s) => {
          const r = s.getBoundingClientRect();
          return r.width > 0 && r.right <= document.documentElement.clientWidth;
        }),
      );
      await screenshot(page, 'print-province-430000');
      const printed = await page.evaluate(() => {
        const visible = (el: Element) => getComputedStyle(el).display !== 'none';
        return {
          buttons: [...document.querySelectorAll('button, select')].filter(visible).length,
          title: (document.querySelector('[data-testid="print-title"]') as HTMLElement)?.innerText,
          frames: [...document.querySelectorAll('.chart-frame')].map(
            (f) => getComputedStyle(f).breakInside,
          ),
          asOf: (document.querySelector('[data-testid="data-as-of"]') as HTMLElement)?.innerText,
          url: (document.querySelector('.page-url') as HTMLElement)?.innerText,
          widest: Math.max(
            ...[...document.querySelectorAll('.recharts-surface')].map(
              (s) => s.getBoundingClientRect().right,
            ),
          ),
        };
      });
      expect(printed.buttons).toBe(0);
      expect(printed.title).toBe('湖南省 DRG/DIP 支付方式改革进展季度通报（2024年第3季度）');
      expect(printed.frames.length).toBeGreaterThan(4);
      for (const b of printed.frames) expect(b).toBe('avoid');
      // the newest quarter the province has reported, and the day its figures last changed
      expect(printed.asOf).toMatch(/^数据截至2024年第[34]季度，更新于\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(printed.url).toContain('/province/430000');
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      await fs.mkdir(SCREENSHOTS, { recursive: true });
      await fs.writeFile(path.join(SCREENSHOTS, 'print-province-430000.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString('ascii')).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(1);
    } finally {
      await context.close();
    }
  });

  it('the overview and a province page read on a 390 px phone; the grid scrolls inside its box', async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [name, url, ready] of [
        ['phone-overview', '/?period=2024Q4', tid('gap-grid')],
        ['phone-province-430000', '/province/430000?period=2024Q3', tid('plan-targets')],
      ] as const) {
        await page.goto(url);
        await page.locator(ready).waitFor();
        await page.locator('.recharts-surface, .ranking-chart').first().waitFor();
        // charts first draw at a default width, then fit their box: wait for the page to settle
        await page
          .waitForFunction(() => document.documentElement.scrollWidth <= 390, null, {
            timeout: 30_000,
          })
          .catch(() => undefined);
        await screenshot(page, name);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
        }));
        expect(widths.page, name).toBeLessThanOrEqual(390);
        expect(widths.body, name).toBeLessThanOrEqual(390);
      }
      await page.goto('/?period=2024Q4');
      const grid = page.locator(tid('gap-grid'));
      await grid.waitFor();
      const box = await grid.evaluate((el) => ({
        scroll: el.scrollWidth,
        client: el.clientWidth,
        overflow: getComputedStyle(el).overflowX,
      }));
      expect(box.scroll).toBeGreaterThan(box.client);
      expect(box.overflow).toBe('auto');
    } finally {
      await context.close();
    }
  });

  it("lists Hunan's 11 targets once each, cited by document and clause, with no field names", async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      await page.goto('/province/430000');
      const plan = page.locator(tid('plan-targets'));
      await plan.waitFor();
      expect(await plan.locator('[data-target]').count()).toBe(11);
      const keys = await plan
        .locator('[data-target]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-target')));
      expect(new Set(keys).size).toBe(11);
      for (const lang of ['zh-CN', 'en'] as const) {
        if (lang === 'en') await page.click(tid('lang-switch'));
        await page.locator(tid('plan-targets')).waitFor();
        const text = await page.locator(tid('plan-targets')).innerText();
        expect(text, lang).not.toMatch(/[a-z]+[A-Z][a-zA-Z]+/); // nominalStartYear, clockFloorYear…
        expect(text, lang).not.toMatch(/第\s*\d{3,}\s*行|\bline \d{3,}/i);
        expect(text, lang).not.toMatch(/\bhn-[a-z-]+/);
        expect(text, lang).not.toMatch(/\b(preparing|notStarted|simulated)\b(?! payment| stage)/);
        expect(text).toContain('湘医保发〔2021〕75号 三、（一）2');
      }
    } finally {
      await context.close();
    }
  });
});
