/**
 * A bureau that reports institution by institution: on the entry page, once the quarter's region
 * rows are saved, it imports its institutions' sheet and sees each region's figures become their
 * sums; a sheet naming another province's region is refused, with its row.
 */
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, connectBrowser, openPage, tid, validRows, waitForText } from './browser.ts';

const PERIOD = '2026Q1';
const url = `/api/provinces/210000/reports/${PERIOD}`;
let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sheet = (regionCode: string, other = regionCode) =>
  Buffer.from(
    `\uFEFF${Papa.unparse([
      [
        '机构编码',
        '机构名称',
        '统筹地区编码',
        '是否符合条件',
        '是否DRG/DIP付费',
        '付费方式',
        '住院病例数',
        '入组病例数',
        '住院基金支出(万元)',
        'DRG/DIP付费基金支出(万元)',
      ],
      ['E2E-H1', '沈阳市测试一院', regionCode, '是', '是', 'DRG', '1000', '900', '500.5', '300'],
      ['E2E-H2', '沈阳市测试二院', other, '是', '否', '', '400', '300', '200', '0'],
      ['E2E-H3', '沈阳市测试三院', regionCode, '否', '否', '', '50', '40', '10', '0'],
    ])}`,
  );

describe('institution figures on the entry page', () => {
  it('imports the sheet: the region takes its institutions’ sums; another province’s region is refused by row', async () => {
    const rows = await validRows('210000');
    const saved = await callApi('PUT', url, { as: 'editorLn', json: { rows } });
    expect(saved.status).toBe(200);
    const region = rows[0]!.regionCode;
    const { context, page } = await openPage(browser, { as: 'editorLn' });
    try {
      await page.goto(`/entry?province=210000&period=${PERIOD}`);
      await page.locator(tid('institutions-import-panel')).waitFor();
      const upload = async (file: Buffer) => {
        await page.setInputFiles(tid('institutions-import-file'), {
          name: '辽宁_机构明细.csv',
          mimeType: 'text/csv',
          buffer: file,
        });
        await page.click(tid('institutions-import-upload'));
      };

      await upload(sheet(region, '220100'));
      await page.locator(tid('institutions-import-errors')).waitFor();
      expect(await page.locator(tid('import-error')).allInnerTexts()).toEqual([
        expect.stringContaining('第 3 行'),
      ]);

      await upload(sheet(region));
      await waitForText(page, tid('entry-notice'), '已导入 3 家机构');
      const field = (f: string) => tid(`field-${region}-${f}`);
      expect(await page.locator(field('eligibleInstitutions')).inputValue()).toBe('2');
      expect(await page.locator(field('coveredInstitutions')).inputValue()).toBe('1');
      // the figures are the institutions' now: shown, not typed; the stage stays the region's
      await waitForText(page, tid(`rolled-up-${region}`), '3 家机构的汇总');
      expect(await page.locator(field('inpatientCases')).isDisabled()).toBe(true);
      expect(await page.locator(field('stage')).isDisabled()).toBe(false);
      const report = (await callApi('GET', url, { as: 'editorLn' })).body;
      expect(report.rows[0]).toMatchObject({ inpatientCases: 1450, inpatientFund: '710.50' });
      expect((await callApi('GET', `${url}/institutions`, { as: 'editorLn' })).body.total).toBe(3);
    } finally {
      await context.close();
    }
  });
});
