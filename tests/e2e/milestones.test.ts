/**
 * Issue 11 on the province page: a reviewer sees a missed stage milestone and 逾期未达标 with
 * how long it has been overdue. Hunan reports 2026Q2 — after every plan's last year — with
 * 90 % of institutions paid where 100 % is owed since 2024-12-31, and one region still not
 * paying for real.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  launchBrowser,
  openPage,
  screenshot,
  tid,
  validRows,
  waitForText,
} from './browser.ts';

const PROVINCE = '430000';
const PERIOD = '2026Q2';
const reportUrl = `/api/provinces/${PROVINCE}/reports/${PERIOD}`;
let browser: Browser;
/** the region that never reached actual payment, and its name */
let laggard: { code: string; nameZh: string };

beforeAll(async () => {
  browser = await launchBrowser();
  // a region no earlier report shows in actual payment (the demo keeps some late)
  const before = (
    await callApi('GET', `/api/provinces/${PROVINCE}/trajectory?dimension=regions&asOf=2024Q4`)
  ).body as {
    series: {
      scope: string;
      key: string;
      nameZh: string;
      milestones: { requiredStage: string; reachedOn: string | null }[];
    }[];
  };
  const notPaying = before.series.filter(
    (s) =>
      s.scope === 'region' &&
      s.milestones.some((m) => m.requiredStage === 'actual' && m.reachedOn === null),
  );
  expect(notPaying.length).toBeGreaterThan(0);
  laggard = { code: notPaying[0]!.key, nameZh: notPaying[0]!.nameZh };
  const rows = (await validRows(PROVINCE)).map((r) => ({
    ...r,
    eligibleInstitutions: 100,
    coveredInstitutions: r.regionCode === laggard.code ? 0 : 95,
    stage: r.regionCode === laggard.code ? 'simulated' : 'actual',
    drgDipFund: r.regionCode === laggard.code ? '0.00' : r.drgDipFund,
  }));
  const saved = await callApi('PUT', reportUrl, { as: 'editorHn', json: { rows } });
  expect(saved.status).toBe(200);
  const sub = await callApi('POST', `${reportUrl}/submit`, {
    as: 'editorHn',
    json: {},
    ifMatch: saved.body.version,
  });
  expect(sub.status).toBe(200);
  const accepted = await callApi('POST', `${reportUrl}/accept`, {
    as: 'reviewer',
    json: {},
    ifMatch: sub.body.version,
  });
  expect(accepted.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

describe('the province page shows what a reviewer must not miss', () => {
  it('a missed stage milestone in the milestones table and the region table, and 逾期未达标 with its length, in Chinese and English', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`/province/${PROVINCE}?period=${PERIOD}`);
      // institutions: 100 % owed since 2024-12-31, 90-odd % reported in 2026Q2 → 6 quarters overdue
      const status = tid('aside-institutions-status');
      await waitForText(page, status, '逾期未达标');
      expect(await page.locator(status).innerText()).toContain('6 个季度');
      expect(await page.locator(tid('aside-institutions-projection')).innerText()).toContain(
        '逾期',
      );
      // the milestones table lists the laggard's missed deadline first
      const firstRow = page.locator(`${tid('milestones-table')} tbody tr`).first();
      await firstRow.waitFor();
      expect(await firstRow.innerText()).toContain('未完成');
      expect(
        await page
          .locator(`${tid('milestones-table')} tbody tr`)
          .filter({ hasText: laggard.nameZh })
          .filter({ hasText: '未完成' })
          .count(),
      ).toBeGreaterThan(0);
      expect(await page.locator(tid('milestone-counts')).innerText()).toMatch(/未完成 [1-9]/);
      // the region table says it too, beside the region's figures
      const regionRow = page
        .locator(`${tid('regions-table')} tr`)
        .filter({ hasText: laggard.nameZh });
      await regionRow.first().waitFor();
      expect(await regionRow.first().innerText()).toContain('未完成');
      await screenshot(page, 'province-milestones-zh');

      await page.click(tid('lang-switch'));
      await waitForText(page, status, 'Overdue');
      expect(await page.locator(status).innerText()).toContain('6 quarter');
      await waitForText(page, tid('milestone-counts'), 'Missed');
      await screenshot(page, 'province-milestones-en');
    } finally {
      await context.close();
    }
  });

  it('the overview flags the province with a missed milestone', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`/?period=${PERIOD}`);
      await waitForText(page, tid(`milestones-missed-${PROVINCE}`), '阶段节点未完成');
    } finally {
      await context.close();
    }
  });
});
