/**
 * Issue 11 on the province page: a reviewer sees a missed stage milestone and 逾期未达标 with
 * how long it has been overdue. Hunan reports 2026Q2 — after every plan's last year — with
 * 92 % of institutions paid where 100 % is owed since 2024-12-31; the demo's late regions
 * give the missed milestone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, connectBrowser, openPage, tid, validRows } from './browser.ts';

const PROVINCE = '430000';
const PERIOD = '2026Q2';
const reportUrl = `/api/provinces/${PROVINCE}/reports/${PERIOD}`;
let browser: Browser;
/** the shared build machine is often loaded: these pages read several trajectories at once */
const SLOW = { timeout: 90_000 };
const waitText = (page: Page, selector: string, text: string | RegExp) =>
  page.locator(selector).filter({ hasText: text }).first().waitFor(SLOW);
/** a (province, quarter) in the demo data where a region has missed a stage milestone */
let missed: { province: string; period: string; nameZh: string };

interface RegionsAnswer {
  series: { scope: string; key: string; nameZh: string; milestones: { state: string }[] }[];
}

beforeAll(async () => {
  browser = await connectBrowser();
  // the demo keeps some regions late: find a quarter at which one has missed a deadline
  search: for (const province of ['210000', '430000', '340000'])
    for (const period of ['2022Q4', '2023Q2', '2023Q4', '2024Q2', '2024Q4']) {
      const answer = (
        await callApi(
          'GET',
          `/api/provinces/${province}/trajectory?dimension=regions&asOf=${period}`,
        )
      ).body as RegionsAnswer;
      const region = answer.series.find(
        (s) => s.scope === 'region' && s.milestones.some((m) => m.state === 'missed'),
      );
      if (region) {
        missed = { province, period, nameZh: region.nameZh };
        break search;
      }
    }
  expect(missed).toBeDefined();
  // Hunan 2026Q2: 90-odd % of institutions, where 100 % is owed since 2024-12-31
  const rows = (await validRows(PROVINCE)).map((r) => ({
    ...r,
    eligibleInstitutions: 100,
    coveredInstitutions: 92,
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
  it('逾期未达标 with how long it has been overdue, and the projection says "overdue since", in Chinese and English', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`/province/${PROVINCE}?period=${PERIOD}`);
      // institutions: 100 % owed since 2024-12-31, 92 % reported in 2026Q2 → 6 quarters overdue
      const status = tid('aside-institutions-status');
      await waitText(page, status, '逾期未达标');
      expect(await page.locator(status).innerText()).toContain('6 个季度');
      expect(await page.locator(tid('aside-institutions-projection')).innerText()).toContain(
        '逾期',
      );
      await page.click(tid('lang-switch'));
      await waitText(page, status, 'Overdue');
      expect(await page.locator(status).innerText()).toContain('6 quarter');
      expect(await page.locator(tid('aside-institutions-projection')).innerText()).toContain(
        'Overdue since',
      );
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a missed stage milestone in the milestones table and the region table', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(`/province/${missed.province}?period=${missed.period}`);
      const firstRow = page.locator(`${tid('milestones-table')} tbody tr`).first();
      await firstRow.waitFor(SLOW);
      // missed first: never below the fold
      expect(await firstRow.innerText()).toContain('未完成');
      expect(
        await page
          .locator(`${tid('milestones-table')} tbody tr`)
          .filter({ hasText: missed.nameZh })
          .filter({ hasText: '未完成' })
          .count(),
      ).toBeGreaterThan(0);
      expect(await page.locator(tid('milestone-counts')).innerText()).toMatch(/未完成 [1-9]/);
      const regionRow = page
        .locator(`${tid('regions-table')} tr`)
        .filter({ hasText: missed.nameZh });
      await regionRow.first().waitFor(SLOW);
      expect(await regionRow.first().innerText()).toContain('未完成');
      await page.click(tid('lang-switch'));
      await waitText(page, tid('milestone-counts'), 'Missed');
    } finally {
      await context.close();
    }
  }, 300_000);
});
