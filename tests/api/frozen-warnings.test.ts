/**
 * What the reviewer decides on is what was submitted. A report's warnings are kept when it is
 * submitted: importing (or later submitting) the previous quarter changes what today's
 * figures would raise, never what the submitted report shows; that recomputed list comes
 * apart, labelled. Generated (demo) reports carry their warnings and a history too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/modules/demo/load.ts';
import type { ReportRowBody } from '../../server/modules/reports/schemas.ts';
import { type Agent, build, signIn, type TestContext } from './helper.ts';
import { type Bureau, figures, filledXlsx, LN, setUpImport, upload } from './import/helpers.ts';

let ctx: TestContext;
let bureau: Bureau;
let reviewer: Agent;
beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
  reviewer = await signIn(ctx, 'reviewer');
});
afterAll(async () => ctx?.close());

const url = (period: string) => `/api/provinces/${LN}/reports/${period}`;
const read = async (period: string, as: Agent = bureau.editor) => {
  const res = await ctx.app.inject({ method: 'GET', url: url(period), headers: as.headers() });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const step = async (
  period: string,
  action: string,
  as: Agent,
  version: number,
  comment?: string,
) => {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${url(period)}/${action}`,
    headers: as.headers({ 'if-match': `"${version}"` }),
    payload: comment ? { comment } : {},
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};
const codes = (ws: { path: string; code: string }[]) => ws.map((w) => `${w.path} ${w.code}`);

/** Small figures for every region, paid-institution cases given; two rows raise one warning each. */
function quarterWithTwoWarnings(): ReportRowBody[] {
  return bureau.regionCodes.map((regionCode, i) => ({
    regionCode,
    method: 'DRG',
    stage: 'actual',
    eligibleInstitutions: 100,
    // the first region pays for real with no institution paid: actualWithoutInstitutions
    coveredInstitutions: i === 0 ? 0 : 60,
    inpatientCases: 5_000,
    groupedCases: 4_500,
    // the second leaves out its paid institutions' cases: paidCasesMissing
    paidInstitutionCases: i === 0 ? 0 : i === 1 ? null : 3_000,
    paidInstitutionGroupedCases: i === 0 ? 0 : i === 1 ? null : 2_900,
    inpatientFund: '1000.00',
    drgDipFund: '600.00',
  }));
}

describe('warnings are kept at submission', () => {
  it('a report submitted with 2 warnings still shows 2 after the previous quarter is imported and submitted', async () => {
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: bureau.editor.headers(),
      payload: { rows: quarterWithTwoWarnings() },
    });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(200);
    const submitted = await step('2024Q3', 'submit', bureau.editor, saved.json().version);
    const atSubmission = [
      '/rows/0/coveredInstitutions actualWithoutInstitutions',
      '/rows/1/paidInstitutionCases paidCasesMissing',
    ];
    expect(codes(submitted.warnings)).toEqual(atSubmission);
    expect(submitted.warningsAt).toBe('submission');

    // an unrelated draft of the previous quarter, much larger figures, arrives by import
    const file = await filledXlsx(bureau, '2024Q2', figures(bureau));
    const imported = await upload(bureau, '2024Q2', 'q2.xlsx', file);
    expect(imported.statusCode, imported.body.slice(0, 300)).toBe(200);
    for (const as of [bureau.editor, reviewer]) {
      const r = await read('2024Q3', as);
      expect(codes(r.warnings)).toEqual(atSubmission);
      expect(r.warningsAt).toBe('submission');
      // a draft is its bureau's own: today's figures raise nothing new against it either
      expect(codes(r.currentWarnings)).toEqual(atSubmission);
    }

    // the previous quarter is then submitted: the rules over today's figures now find falls,
    // shown apart; what was submitted stays as it was
    const q2 = await read('2024Q2');
    await step('2024Q2', 'submit', bureau.editor, q2.version);
    const r = await read('2024Q3', reviewer);
    expect(codes(r.warnings)).toEqual(atSubmission);
    expect(r.currentWarnings.length).toBeGreaterThan(10);
    expect(r.currentWarnings.map((w: { code: string }) => w.code)).toContain('cumulativeFell');
  });

  it('accepting keeps the submitted warnings; a return shows today’s, and the next submission keeps those', async () => {
    const before = await read('2024Q3', reviewer);
    const accepted = await step('2024Q3', 'accept', reviewer, before.version);
    expect(codes(accepted.warnings)).toEqual(codes(before.warnings));
    expect(accepted.warningsAt).toBe('submission');

    const returned = await step('2024Q3', 'return', reviewer, accepted.version, '请核对');
    expect(returned.warningsAt).toBe('now');
    expect(returned.currentWarnings).toBeNull();
    expect(codes(returned.warnings)).toEqual(codes(before.currentWarnings));

    const resubmitted = await step('2024Q3', 'submit', bureau.editor, returned.version);
    expect(resubmitted.warningsAt).toBe('submission');
    expect(codes(resubmitted.warnings)).toEqual(codes(before.currentWarnings));
  });
});

describe('generated reports', () => {
  it('carry the warnings of their generation and a history that starts with it', async () => {
    await loadDemo(ctx.db, { until: '2023Q4' });
    const demo = await ctx.db.report.findFirstOrThrow({
      where: { isDemo: true, status: 'accepted', period: '2023Q3' },
      include: { rows: true },
    });
    const at = `/api/provinces/${demo.provinceCode}/reports/2023Q3`;
    const r = (
      await ctx.app.inject({ method: 'GET', url: at, headers: reviewer.headers() })
    ).json();
    expect(r.isDemo).toBe(true);
    expect(r.warningsAt).toBe('submission');
    expect(Array.isArray(r.warnings)).toBe(true);
    const history = await ctx.app.inject({
      method: 'GET',
      url: `${at}/history`,
      headers: reviewer.headers(),
    });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      expect.objectContaining({
        actor: 'system',
        action: 'report.generateDemo',
        after: expect.objectContaining({ status: 'accepted', isDemo: true }),
      }),
    ]);
  });
});
