/**
 * A national reviewer works through the queue: opens a submitted report (figures, warnings,
 * comments, history), cannot return it without a comment, returns it with one, and accepts
 * another. Hunan's editor submits the two reports through the API first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  account,
  callApi,
  connectBrowser,
  openPage,
  tid,
  validRows,
  waitForText,
} from './browser.ts';

let browser: Browser;
const reportUrl = (period: string) => `/api/provinces/430000/reports/${period}`;

async function submitted(period: string) {
  const rows = await validRows('430000');
  // one region falls back from actual payment to simulation: a warning for the reviewer
  rows[0]!.stage = 'simulated';
  const saved = await callApi('PUT', reportUrl(period), { as: 'editorHn', json: { rows } });
  expect(saved.status).toBe(200);
  const sub = await callApi('POST', `${reportUrl(period)}/submit`, {
    as: 'editorHn',
    json: {},
    ifMatch: saved.body.version,
  });
  expect(sub.status).toBe(200);
}

beforeAll(async () => {
  browser = await connectBrowser();
  await submitted('2025Q1');
  await submitted('2025Q2');
});
afterAll(async () => {
  await browser?.close();
});

describe('reviewing submitted reports', () => {
  it('opens a report from the queue, refuses a return without comment, returns with one, accepts another', async () => {
    const { context, page } = await openPage(browser, { as: 'reviewer' });
    try {
      await page.goto('/review');
      await page.locator(tid('nav-review')).waitFor();
      expect(await page.locator(tid('nav-entry')).count()).toBe(0);
      const row = page.locator(tid('queue-430000-2025Q1'));
      await row.waitFor();
      expect(await row.innerText()).toContain('湖南省');
      expect(await row.innerText()).toContain('2025年第1季度');

      await page.click(tid('open-430000-2025Q1'));
      await page.waitForURL(/\/review\?province=430000&period=2025Q1/);
      const report = page.locator(tid('review-report'));
      await report.waitFor();
      expect(await report.locator('h3').first().innerText()).toContain('湖南省 2025年第1季度');
      const regions = (await callApi('GET', '/api/provinces/430000/regions')).body as {
        code: string;
        nameZh: string;
      }[];
      expect(await page.locator(`${tid('review-figures')} tbody tr`).count()).toBe(regions.length);
      expect(
        await page.locator(tid(`review-figures-${regions[0]!.code}-stage`)).innerText(),
      ).toContain('模拟付费');
      // history: who submitted, and when
      await waitForText(page, tid('review-history'), '提交');
      expect(await page.locator(tid('review-history')).innerText()).toContain(
        account('editorHn').username,
      );

      // a return needs a comment
      await page.click(tid('review-return'));
      await waitForText(page, tid('review-error'), '退回报表时必须填写意见');
      expect(await page.locator(tid('review-comment')).getAttribute('aria-invalid')).toBe('true');
      expect((await callApi('GET', reportUrl('2025Q1'), { as: 'reviewer' })).body.status).toBe(
        'submitted',
      );

      await page.fill(tid('review-comment'), '长沙市机构数与上季度不一致，请核实后重新提交。');
      await page.click(tid('review-return'));
      // asked once more, with the comment that goes back to the editor
      await waitForText(page, tid('review-confirm-text'), '长沙市机构数与上季度不一致');
      await page.click(tid('review-confirm'));
      await waitForText(page, tid('review-notice'), '已退回');
      await waitForText(page, tid('review-comments'), '长沙市机构数与上季度不一致');
      await waitForText(page, tid('review-history'), '退回');
      const returned = (await callApi('GET', reportUrl('2025Q1'), { as: 'reviewer' })).body;
      expect(returned.status).toBe('returned');
      expect(returned.comments).toEqual([
        expect.objectContaining({
          kind: 'return',
          author: account('reviewer').username,
          body: '长沙市机构数与上季度不一致，请核实后重新提交。',
        }),
      ]);

      // back to the queue: the returned report has left it; accept the other one
      await page.click(tid('review-back'));
      await page.locator(tid('queue-430000-2025Q2')).waitFor();
      // the list shown first may be the cached one: wait for the refetched queue to drop it
      await page.locator(tid('queue-430000-2025Q1')).waitFor({ state: 'detached' });
      await page.click(tid('open-430000-2025Q2'));
      await page.click(tid('review-accept'));
      await page.click(tid('review-confirm'));
      await waitForText(page, tid('review-notice'), '审核通过');
      expect((await callApi('GET', reportUrl('2025Q2'))).body.status).toBe('accepted');
    } finally {
      await context.close();
    }
  });

  it('an editor sees a returned report with the reviewer’s comment, editable again', async () => {
    await submitted('2025Q3');
    const current = (await callApi('GET', reportUrl('2025Q3'), { as: 'reviewer' })).body;
    expect(
      (
        await callApi('POST', `${reportUrl('2025Q3')}/return`, {
          as: 'reviewer',
          json: { comment: '基金支出口径有误' },
          ifMatch: current.version,
        })
      ).status,
    ).toBe(200);
    const { context, page } = await openPage(browser, { as: 'editorHn' });
    try {
      await page.goto('/entry?province=430000&period=2025Q3');
      await waitForText(page, tid('entry-returned'), '基金支出口径有误');
      expect(await page.locator(tid('entry-save')).isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
