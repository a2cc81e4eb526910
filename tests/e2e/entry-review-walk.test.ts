/**
 * Anhui's editor and a national reviewer walk through a quarter, in Chinese and in English:
 * last quarter's figures beside each input and "copy last quarter"; live coverage per region
 * and for the province; three broken rules in three rows shown at their inputs before anything
 * is sent; a guard when leaving unsaved figures through the header; then the reviewer filters
 * the queue, sees coverage with the previous quarter and the change, the warnings kept at
 * submission with the rule that raised them, and confirms the decision.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, connectBrowser, openPage, screenshot, tid, waitForText } from './browser.ts';

const AH = '340000';
let browser: Browser;
let regions: { code: string; nameZh: string; nameEn: string }[];
beforeAll(async () => {
  browser = await connectBrowser();
  regions = (await callApi('GET', `/api/provinces/${AH}/regions`)).body;
});
afterAll(async () => {
  await browser?.close();
});

const field = (code: string, f: string) => tid(`field-${code}-${f}`);

const WORDS = {
  'zh-CN': {
    period: '2025Q1',
    previous: '上季度',
    leave: '未保存的修改',
    rule: '实际付费须有付费机构',
    atSubmission: '提交时的提示',
    confirmAccept: '确认审核通过',
    accepted: '审核通过',
    generated: '系统生成',
    copied: '已复制',
    groupedRule: '入组病例数大于住院病例数',
  },
  en: {
    period: '2025Q2',
    previous: 'Last quarter',
    leave: 'unsaved changes',
    rule: 'Actual payment has paid institutions',
    atSubmission: 'Warnings at submission',
    confirmAccept: 'Accept',
    accepted: 'Accepted',
    generated: 'generated',
    copied: 'Copied',
    groupedRule: 'Grouped cases exceed inpatient cases',
  },
} as const;

/** PUTs the page sends to the report (a save the browser's checks stopped sends none). */
function countSaves(page: Page) {
  const seen = { count: 0 };
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes(`/api/provinces/${AH}/reports/`)) seen.count++;
  });
  return seen;
}

for (const lang of ['zh-CN', 'en'] as const) {
  const w = WORDS[lang];
  const q = lang === 'en' ? '&lang=en' : '';
  describe(`an editor and a reviewer (${lang})`, () => {
    it('the editor copies last quarter, sees coverage live, is stopped at three rules before sending, and is asked before leaving', async () => {
      const { context, page } = await openPage(browser, { as: 'editorAh', lang });
      try {
        const saves = countSaves(page);
        await page.goto(`/entry?province=${AH}&period=${w.period}${q}`);
        await page.locator(tid('entry-table')).waitFor();
        const [a, b, c, d] = regions.map((r) => r.code);
        // last quarter's figure beside the input
        await waitForText(page, tid(`prev-${a}-eligibleInstitutions`), w.previous);
        const last = (
          await callApi('GET', `/api/provinces/${AH}/reports/${prevOf(w.period)}`, {
            as: 'editorAh',
          })
        ).body;
        await page.click(tid('entry-copy-previous'));
        await waitForText(page, tid('entry-notice'), w.copied);
        expect(await page.locator(field(a!, 'eligibleInstitutions')).inputValue()).toBe(
          String(last.rows[0].eligibleInstitutions),
        );
        expect(saves.count).toBe(0);

        // coverage follows the typing: 123 of 200 institutions is 61.5 %
        await page.fill(field(a!, 'eligibleInstitutions'), '200');
        await page.fill(field(a!, 'coveredInstitutions'), '123');
        await waitForText(page, tid(`entry-coverage-${a}`), '61.5%');
        expect(await page.locator(tid('entry-coverage-total')).innerText()).toMatch(/\d+(\.\d)?%/);

        // three rules broken in three rows: all three at their inputs, nothing sent
        await page.fill(field(a!, 'coveredInstitutions'), '201');
        const cases = Number(await page.inputValue(field(b!, 'inpatientCases')));
        await page.fill(field(b!, 'groupedCases'), String(cases + 1));
        await page.fill(field(c!, 'drgDipFund'), '99999999');
        await page.click(tid('entry-save'));
        await page.locator(tid(`error-${a}-coveredInstitutions`)).waitFor();
        await waitForText(page, tid(`error-${b}-groupedCases`), w.groupedRule);
        await page.locator(tid(`error-${c}-drgDipFund`)).waitFor();
        expect(await page.locator('[aria-invalid="true"]').count()).toBe(3);
        expect(saves.count).toBe(0);
        await screenshot(page, `walk-entry-errors-${lang}`);

        // fixed, with one warning for the reviewer: actual payment with no paid institution
        await page.fill(field(a!, 'coveredInstitutions'), '123');
        await page.fill(
          field(b!, 'groupedCases'),
          await page.inputValue(field(b!, 'inpatientCases')),
        );
        await page.fill(field(c!, 'drgDipFund'), '0');
        await page.selectOption(field(d!, 'stage'), 'actual');
        await page.fill(field(d!, 'coveredInstitutions'), '0');
        await page.fill(field(d!, 'paidInstitutionCases'), '');
        await page.fill(field(d!, 'paidInstitutionGroupedCases'), '');

        // leaving through the header asks; dismissed, the form and its figures stay
        let asked = '';
        page.once('dialog', (dialog) => {
          asked = dialog.message();
          void dialog.dismiss();
        });
        await page.click(tid('nav-overview'));
        expect(asked).toContain(w.leave);
        expect(page.url()).toContain('/entry');
        expect(await page.locator(field(a!, 'coveredInstitutions')).inputValue()).toBe('123');

        await page.click(tid('entry-submit'));
        await page.locator(`${tid('quarter-form')}[data-status="submitted"]`).waitFor();
        expect(saves.count).toBe(1);
        await screenshot(page, `walk-entry-submitted-${lang}`);
      } finally {
        await context.close();
      }
    });

    it('the reviewer filters the queue, compares with last quarter, reads the rule, and confirms', async () => {
      const { context, page } = await openPage(browser, { as: 'reviewer', lang });
      try {
        await page.goto(`/review${q ? `?${q.slice(1)}` : ''}`);
        await page.selectOption(tid('queue-province'), AH);
        const row = page.locator(tid(`queue-${AH}-${w.period}`));
        await row.waitFor();
        // Anhui's plan sets no reporting frequency ("建立工作交流、调度督导机制"): no deadline,
        // so never overdue — the overdue filter leaves it out
        expect(await page.locator(tid(`deadline-${AH}-${w.period}`)).innerText()).toBe('—');
        await page.check(tid('queue-overdue'));
        await row.waitFor({ state: 'detached' });
        await page.uncheck(tid('queue-overdue'));
        await row.waitFor();
        await page.selectOption(tid('queue-status'), 'accepted');
        await row.waitFor({ state: 'detached' });
        await page.selectOption(tid('queue-status'), 'submitted');
        await page.click(tid(`open-${AH}-${w.period}`));

        const a = regions[0]!.code;
        await waitForText(page, tid(`review-coverage-${a}`), '61.5%');
        await page.locator(tid('review-coverage-total')).waitFor();
        // last quarter's figures beside this quarter's, with the change
        await waitForText(page, tid(`review-figures-${a}-eligibleInstitutions`), w.previous);
        const warnings = page.locator(tid('review-warnings'));
        await waitForText(page, tid('review-warnings'), w.atSubmission);
        expect(await warnings.locator('h4').getAttribute('data-warnings-at')).toBe('submission');
        const rule = warnings.locator('[data-rule="actualWithoutInstitutions"]');
        expect(await rule.innerText()).toContain(w.rule);
        await screenshot(page, `walk-review-${lang}`);

        // accept asks first, naming the report; cancelled, nothing changes
        await page.click(tid('review-accept'));
        await waitForText(page, tid('review-confirm-text'), w.confirmAccept);
        await page.click(tid('review-cancel'));
        const url = `/api/provinces/${AH}/reports/${w.period}`;
        expect((await callApi('GET', url, { as: 'reviewer' })).body.status).toBe('submitted');
        await page.click(tid('review-accept'));
        await page.click(tid('review-confirm'));
        await waitForText(page, tid('review-notice'), w.accepted);
        expect((await callApi('GET', url, { as: 'reviewer' })).body.status).toBe('accepted');

        // a generated (demo) report has a history too
        await page.goto(`/review?province=${AH}&period=2024Q4${q}`);
        await waitForText(page, tid('review-history'), w.generated);
      } finally {
        await context.close();
      }
    });
  });
}

function prevOf(period: string) {
  const [y, qq] = period.split('Q').map(Number) as [number, number];
  return qq === 1 ? `${y - 1}Q4` : `${y}Q${qq - 1}`;
}
