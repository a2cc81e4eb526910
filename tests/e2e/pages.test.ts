/**
 * Every page works in Chinese and in English: it opens in Chinese, the language switch
 * turns its heading (and the document's lang) to English. Screenshots of each page in both
 * languages go to test-results/screenshots/ for a human to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, openPage, screenshot, tid, waitForText } from './browser.ts';
import type { AccountName } from './server.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface PageCase {
  name: string;
  url: string;
  as?: AccountName;
  /** shown once the page has its data */
  ready: string;
  heading: string;
  zh: string | RegExp;
  en: string | RegExp;
  /** more text that must be translated, checked in English */
  alsoEn?: [selector: string, text: string | RegExp];
}

const cases: PageCase[] = [
  {
    name: 'overview',
    url: '/',
    ready: `${tid('gap-grid')}`,
    heading: '#overview-heading',
    zh: '全国总览',
    en: 'National overview',
    alsoEn: [tid('chart-ranking'), 'provinces ranked'],
  },
  {
    name: 'province',
    url: '/province/210000',
    ready: `${tid('chart-trajectory-regions')} svg`,
    heading: '#province-heading',
    zh: '辽宁省',
    en: 'Liaoning',
    alsoEn: [tid('chart-trajectory-institutions'), 'Actual'],
  },
  {
    name: 'compare',
    url: '/compare?compare=210000,430000,350000',
    ready: `${tid('chart-compare')} svg`,
    heading: '#compare-heading',
    zh: '省际对比',
    en: 'Compare provinces',
  },
  {
    name: 'entry',
    url: '/entry?province=210000&period=2025Q4',
    as: 'editorLn',
    ready: tid('entry-table'),
    heading: '#entry-heading',
    zh: '季度填报',
    en: 'Enter a quarter',
    alsoEn: [tid('entry-table'), 'Eligible institutions'],
  },
  {
    name: 'review-queue',
    url: '/review',
    as: 'reviewer',
    ready: tid('review-queue'),
    heading: '#review-heading',
    zh: '审核',
    en: 'Review',
    alsoEn: [tid('review-queue'), 'Submitted at'],
  },
  {
    name: 'review-report',
    url: '/review?province=350000&period=2024Q4',
    as: 'reviewer',
    ready: tid('review-history'),
    heading: '#review-heading',
    zh: '审核',
    en: 'Review',
    alsoEn: [tid('review-decision'), 'Accept'],
  },
];

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('each page in Chinese and English', () => {
  it.each(cases)('$name', async (c) => {
    const { context, page } = await openPage(browser, { as: c.as });
    try {
      await page.goto(c.url);
      await page.locator(c.ready).first().waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await text(page, c.heading)).toMatch(c.zh);
      await screenshot(page, `${c.name}-zh`);

      await page.click(tid('lang-switch'));
      await waitForText(page, c.heading, c.en);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(page.url()).toContain('lang=en');
      if (c.alsoEn) await waitForText(page, c.alsoEn[0], c.alsoEn[1]);
      await page.locator(c.ready).first().waitFor();
      await screenshot(page, `${c.name}-en`);

      // and back
      await page.click(tid('lang-switch'));
      await waitForText(page, c.heading, c.zh);
    } finally {
      await context.close();
    }
  });
});
