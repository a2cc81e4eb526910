/**
 * After a write, every view that shows the changed figures shows the new ones, in the same
 * browser session: Anhui's 2024Q2 report is returned, so its figures leave the dashboards;
 * the editor resubmits it with a changed region, and the province page's region table and
 * the compare page (both read several trajectories at once) show the new figures without a
 * reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, connectBrowser, openPage, tid, waitForText } from './browser.ts';

const PROVINCE = '340000';
const PERIOD = '2024Q2';
const reportUrl = `/api/provinces/${PROVINCE}/reports/${PERIOD}`;

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
  // the demo quarter was accepted; a reviewer returns it, so its figures leave the dashboards
  const report = (await callApi('GET', reportUrl, { as: 'reviewer' })).body;
  const returned = await callApi('POST', `${reportUrl}/return`, {
    as: 'reviewer',
    json: { comment: '请核对机构数' },
    ifMatch: report.version,
  });
  expect(returned.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

/** The text of the compare table's row for Anhui at 2024Q2 (the chart's table view). */
async function compareRow(page: Page) {
  const table = page.locator(tid('chart-compare-data'));
  if (!(await table.isVisible())) await page.click(tid('chart-compare-table'));
  return table
    .locator('tr')
    .filter({ hasText: '安徽省' })
    .filter({ hasText: '2024年第2季度' })
    .innerText();
}

describe('figures after a write', () => {
  it('the region table and the compare page show resubmitted figures without a reload', async () => {
    const { context, page } = await openPage(browser, { as: 'editorAh' });
    try {
      const regions = (await callApi('GET', `/api/provinces/${PROVINCE}/regions`)).body as {
        code: string;
        nameZh: string;
      }[];
      const changed = regions[0]!;
      // both views, read once before the change (the returned quarter shows no figures)
      await page.goto(`/compare?compare=${PROVINCE}&period=${PERIOD}&dimension=institutions`);
      const before = await compareRow(page);
      expect(before).toContain('—');
      // through the header, so the compare set stays in the view
      await page.selectOption(tid('province-select'), PROVINCE);
      await page.waitForURL(new RegExp(`/province/${PROVINCE}\\?`));
      const regionRow = page
        .locator(`${tid('regions-table')} tr`)
        .filter({ hasText: changed.nameZh });
      await regionRow.waitFor();
      expect(await regionRow.innerText()).not.toContain('61.5%');

      // the editor resubmits the quarter with 123 of 200 institutions in the first region
      await page.click(tid('nav-entry'));
      await page.locator(tid('quarter-form')).waitFor();
      await page.selectOption(tid('entry-period'), PERIOD);
      await page.locator(`${tid('quarter-form')}[data-status="returned"]`).waitFor();
      await page.fill(tid(`field-${changed.code}-eligibleInstitutions`), '200');
      await page.fill(tid(`field-${changed.code}-coveredInstitutions`), '123');
      await page.click(tid('entry-submit'));
      await page.locator(`${tid('quarter-form')}[data-status="submitted"]`).waitFor();

      // back through the header, no reload: the region table shows the new share
      await page.click(tid('nav-province'));
      await waitForText(page, `${tid('regions-table')} tr`, '61.5%');
      expect(await regionRow.innerText()).toContain('61.5%');

      // and the compare page shows the province's new figures
      const trajectory = (
        await callApi(
          'GET',
          `/api/provinces/${PROVINCE}/trajectory?dimension=institutions&asOf=${PERIOD}`,
        )
      ).body;
      const point = trajectory.series
        .find((s: { scope: string }) => s.scope === 'province')
        .points.find((p: { period: string }) => p.period === PERIOD);
      expect(point.actual).not.toBeNull();
      await page.click(tid('nav-compare'));
      await page.locator(tid('chart-compare')).waitFor();
      const after = await compareRow(page);
      expect(after).toContain(
        Number(point.actual.numerator).toLocaleString('zh-CN', { maximumFractionDigits: 2 }),
      );
      expect(after).not.toBe(before);
    } finally {
      await context.close();
    }
  });

  it('after an accept, the overview’s reporting completeness says so without a reload', async () => {
    const { context, page } = await openPage(browser, { as: 'reviewer' });
    const completenessRow = async () => {
      const table = page.locator(tid('chart-completeness-data'));
      if (!(await table.isVisible())) await page.click(tid('chart-completeness-table'));
      const row = table.locator('tr').filter({ hasText: '辽宁省' });
      await row.waitFor();
      return row;
    };
    try {
      await page.goto('/?period=2024Q4');
      expect(await (await completenessRow()).innerText()).toContain('已提交');
      // the reviewer accepts Liaoning's quarter from the queue, confirming it
      await page.click(tid('nav-review'));
      await page.click(tid('open-210000-2024Q4'));
      await page.click(tid('review-accept'));
      await page.click(tid('review-confirm'));
      await waitForText(page, tid('review-notice'), '审核通过');
      // back through the header: the completeness row reads accepted
      await page.click(tid('nav-overview'));
      const row = await completenessRow();
      await row.filter({ hasText: '审核通过' }).waitFor();
      expect(await row.innerText()).not.toContain('已提交');
    } finally {
      await context.close();
    }
  });
});
