/**
 * Liaoning's editors enter quarters through the form: a rejected figure is shown at its
 * input and nothing is saved; a version conflict keeps what was typed; the template comes
 * down and goes back up, with file rows named when it is rejected.
 */
import { buffer } from 'node:stream/consumers';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
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
let regions: { code: string; nameZh: string }[];
beforeAll(async () => {
  browser = await connectBrowser();
  regions = (await callApi('GET', '/api/provinces/210000/regions')).body;
});
afterAll(async () => {
  await browser?.close();
});

const field = (code: string, f: string) => tid(`field-${code}-${f}`);

/** Types one region's figures the way a person would (selects by their Chinese label). */
async function typeRow(
  page: Page,
  code: string,
  figures: {
    eligible: string;
    covered: string;
    cases?: string;
    grouped?: string;
    fund?: string;
    paid?: string;
  },
) {
  await page.selectOption(field(code, 'method'), { label: 'DRG' });
  await page.selectOption(field(code, 'stage'), { label: '实际付费' });
  await page.fill(field(code, 'eligibleInstitutions'), figures.eligible);
  await page.fill(field(code, 'coveredInstitutions'), figures.covered);
  await page.fill(field(code, 'inpatientCases'), figures.cases ?? '52,000');
  await page.fill(field(code, 'groupedCases'), figures.grouped ?? '47,500');
  await page.fill(field(code, 'inpatientFund'), figures.fund ?? '80,000.50');
  await page.fill(field(code, 'drgDipFund'), figures.paid ?? '61000');
}

describe('entering a quarter', () => {
  it('an editor signs in, is refused an impossible figure at its input, fixes it, saves and submits', async () => {
    const { context, page } = await openPage(browser);
    const report = '/api/provinces/210000/reports/2025Q1';
    try {
      await page.goto('/entry?province=210000&period=2025Q1');
      // signed out: the page asks to sign in first
      await page.fill(tid('sign-in-username'), account('editorLn').username);
      await page.fill(tid('sign-in-password'), account('editorLn').password);
      await page.click(tid('sign-in-submit'));
      await waitForText(page, tid('account-user'), '填报人员');
      await page.locator(tid('nav-entry')).waitFor();
      expect(await page.locator(tid('nav-review')).count()).toBe(0);
      await page.locator(tid('entry-table')).waitFor();
      expect(await page.locator(tid('entry-period')).inputValue()).toBe('2025Q1');
      expect(await page.locator(tid('report-meta')).textContent()).toContain('新报表');
      // inputs are labelled with their region and field
      expect(
        await page
          .locator(field(regions[0]!.code, 'coveredInstitutions'))
          .getAttribute('aria-label'),
      ).toBe(`${regions[0]!.nameZh} DRG/DIP付费医疗机构数`);

      const bad = regions[2]!.code;
      for (const [i, r] of regions.entries()) {
        const eligible = i === 0 ? '1,234' : String(100 + i);
        // the third region reports more covered than eligible institutions; the second covers none while paying for real (a warning)
        const covered = i === 2 ? String(100 + i + 1) : i === 1 ? '0' : String(60 + i);
        await typeRow(page, r.code, { eligible, covered });
      }
      await page.click(tid('entry-save'));
      await waitForText(
        page,
        tid(`error-${bad}-coveredInstitutions`),
        '付费医疗机构数大于符合条件的医疗机构数',
      );
      expect(
        await page.locator(field(bad, 'coveredInstitutions')).getAttribute('aria-invalid'),
      ).toBe('true');
      expect(
        await page.locator(field(bad, 'coveredInstitutions')).getAttribute('aria-describedby'),
      ).toContain(`field-${bad}-coveredInstitutions-msg`);
      expect(await page.locator(tid('entry-errors')).innerText()).toContain(regions[2]!.nameZh);
      expect(await page.locator('[aria-invalid="true"]').count()).toBe(1);
      // nothing was saved
      expect((await callApi('GET', report, { as: 'editorLn' })).status).toBe(404);
      // and nothing typed was lost
      expect(await page.locator(field(regions[0]!.code, 'eligibleInstitutions')).inputValue()).toBe(
        '1,234',
      );

      await page.fill(field(bad, 'coveredInstitutions'), '90');
      expect(await page.locator(tid(`error-${bad}-coveredInstitutions`)).count()).toBe(0);
      await page.click(tid('entry-save'));
      await waitForText(page, tid('entry-notice'), '已保存草稿（第 1 版）');
      // the warning is shown at its input after the save
      await waitForText(
        page,
        tid(`warning-${regions[1]!.code}-coveredInstitutions`),
        '付费医疗机构数为 0',
      );
      expect(
        await page
          .locator(field(regions[1]!.code, 'coveredInstitutions'))
          .getAttribute('aria-invalid'),
      ).toBeNull();
      const saved = await callApi('GET', report, { as: 'editorLn' });
      expect(saved.body).toMatchObject({
        status: 'draft',
        version: 1,
        isDemo: false,
        missingRegions: [],
      });
      expect(saved.body.rows[0]).toMatchObject({
        regionCode: regions[0]!.code,
        eligibleInstitutions: 1234,
        stage: 'actual',
        method: 'DRG',
        inpatientCases: 52000,
        inpatientFund: '80000.50',
      });
      expect(saved.body.rows[2].coveredInstitutions).toBe(90);

      await page.click(tid('entry-submit'));
      await waitForText(page, tid('entry-notice'), '已提交');
      await page.locator(tid('entry-readonly')).waitFor();
      expect(await page.locator(field(bad, 'coveredInstitutions')).isDisabled()).toBe(true);
      expect(await page.locator(tid('entry-save')).count()).toBe(0);
      const submitted = await callApi('GET', report, { as: 'editorLn' });
      expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });
      expect(submitted.body.submittedAt).toBeTruthy();
    } finally {
      await context.close();
    }
  });

  it('a version conflict keeps what the editor typed, shows the other figures, and overwrites only when asked', async () => {
    const url = '/api/provinces/210000/reports/2025Q2';
    const first = await validRows('210000', 0);
    expect((await callApi('PUT', url, { as: 'editorLn2', json: { rows: first } })).status).toBe(
      200,
    );
    const { context, page } = await openPage(browser, { as: 'editorLn' });
    try {
      await page.goto('/entry?province=210000&period=2025Q2');
      await page.locator(`${tid('quarter-form')}[data-version="1"]`).waitFor();
      // meanwhile a colleague saves version 2
      const theirs = await validRows('210000', 7);
      expect(
        (await callApi('PUT', url, { as: 'editorLn2', json: { rows: theirs }, ifMatch: 1 })).status,
      ).toBe(200);

      const code = regions[0]!.code;
      await page.fill(field(code, 'eligibleInstitutions'), '777');
      await page.click(tid('entry-save'));
      await page.locator(tid('conflict')).waitFor();
      const notice = await page.locator(tid('conflict')).innerText();
      expect(notice).toContain(account('editorLn2').username);
      expect(notice).toContain('第 2 版');
      // what was typed is still there; their figures are shown with the differing cells marked
      expect(await page.locator(field(code, 'eligibleInstitutions')).inputValue()).toBe('777');
      expect(
        await page.locator(tid(`conflict-figures-${code}-eligibleInstitutions`)).innerText(),
      ).toContain('100');
      expect(
        await page
          .locator(tid(`conflict-figures-${code}-eligibleInstitutions`))
          .getAttribute('class'),
      ).toContain('cell-marked');
      expect(
        await page
          .locator(tid(`conflict-figures-${regions[1]!.code}-coveredInstitutions`))
          .getAttribute('class'),
      ).toContain('cell-marked');
      expect((await callApi('GET', url, { as: 'editorLn' })).body).toMatchObject({ version: 2 });

      await page.click(tid('conflict-overwrite'));
      await waitForText(page, tid('entry-notice'), '已保存草稿（第 3 版）');
      expect(await page.locator(tid('conflict')).count()).toBe(0);
      const after = (await callApi('GET', url, { as: 'editorLn' })).body;
      expect(after.version).toBe(3);
      expect(after.rows[0].eligibleInstitutions).toBe(777);
      expect(after.rows[1].coveredInstitutions).toBe(first[1]!.coveredInstitutions);
    } finally {
      await context.close();
    }
  });

  it('labels demo figures, and the first save replaces them with the editor’s own', async () => {
    const url = '/api/provinces/430000/reports/2024Q3';
    expect((await callApi('GET', url, { as: 'editorHn' })).body.isDemo).toBe(true);
    const { context, page } = await openPage(browser, { as: 'editorHn' });
    try {
      await page.goto('/entry?province=430000&period=2024Q3');
      await waitForText(page, tid('entry-demo'), '演示数据');
      const first = (await callApi('GET', '/api/provinces/430000/regions')).body[0].code as string;
      expect(await page.locator(field(first, 'eligibleInstitutions')).inputValue()).not.toBe('');
      await page.fill(field(first, 'note'), '按本局台账核对');
      await page.click(tid('entry-save'));
      await waitForText(page, tid('entry-notice'), '已保存草稿');
      expect(await page.locator(tid('entry-demo')).count()).toBe(0);
      const saved = (await callApi('GET', url, { as: 'editorHn' })).body;
      // the demo version 1 it replaced is continued, never restarted
      expect(saved).toMatchObject({
        isDemo: false,
        status: 'draft',
        version: 2,
        updatedBy: account('editorHn').username,
      });
      expect(saved.rows[0].note).toBe('按本局台账核对');
    } finally {
      await context.close();
    }
  });

  it('downloads the template and imports it; a rejected file names its rows and saves nothing', async () => {
    const url = '/api/provinces/210000/reports/2025Q3';
    const { context, page } = await openPage(browser, { as: 'editorLn' });
    try {
      await page.goto('/entry?province=210000&period=2025Q3');
      await page.locator(tid('entry-table')).waitFor();
      const [dl] = await Promise.all([
        page.waitForEvent('download'),
        page.click(tid('template-csv')),
      ]);
      // the shared browser is connected, not launched here: its downloads have no local path
      const template = (await buffer(await dl.createReadStream())).toString('utf8');
      expect(template.charCodeAt(0)).toBe(0xfeff);
      const [header, ...rows] = Papa.parse<string[]>(template.slice(1).trim()).data;
      expect(header![0]).toContain('统筹地区编码');
      expect(rows.map((r) => r[0])).toEqual(regions.map((r) => r.code));

      const fill = (coveredInFourthRow: string) =>
        '\uFEFF' +
        Papa.unparse([
          header!,
          ...rows.map((r, i) => [
            r[0]!,
            r[1]!,
            'DIP',
            '模拟付费',
            '1,200',
            i === 2 ? coveredInFourthRow : '300',
            '40000',
            '30000',
            '20000',
            '18000',
            '9000.5',
            '5000',
            '',
            '',
            '',
          ]),
        ]);
      const upload = async (csv: string) => {
        await page.setInputFiles(tid('import-file'), {
          name: '辽宁_2025Q3.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(csv, 'utf8'),
        });
        await page.click(tid('import-upload'));
      };

      await upload(fill('1300'));
      await page.locator(tid('import-errors')).waitFor();
      // the third region is the file's fourth row (the header is row 1)
      expect(await page.locator(tid('import-error')).allInnerTexts()).toEqual([
        expect.stringContaining('第 4 行'),
      ]);
      expect((await callApi('GET', url, { as: 'editorLn' })).status).toBe(404);

      await upload(fill('600'));
      await waitForText(page, tid('entry-notice'), `已导入 ${regions.length} 行`);
      expect(await page.locator(field(regions[2]!.code, 'coveredInstitutions')).inputValue()).toBe(
        '600',
      );
      expect(await page.locator(field(regions[0]!.code, 'stage')).inputValue()).toBe('simulated');
      const saved = (await callApi('GET', url, { as: 'editorLn' })).body;
      expect(saved).toMatchObject({ status: 'draft', version: 1 });
      expect(saved.rows[2]).toMatchObject({
        eligibleInstitutions: 1200,
        coveredInstitutions: 600,
        stage: 'simulated',
        method: 'DIP',
        inpatientFund: '9000.50',
      });
    } finally {
      await context.close();
    }
  });
});
