/**
 * Issue 11.9: the plans measure 入组率 within the institutions paid by DRG/DIP ("DRG/DIP 付费
 * 医疗机构病组（病种）入组率"). A region with 40 % of its institutions paying, whose paying
 * hospitals group 95 % of their cases, meets a 70 % disease-group level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
let editor: Agent;
const HN = '430000';
const CHANGSHA = '430100';

/** Hunan 2022Q4: 长沙 pays (40 of 100 institutions), the others have not started. */
async function rows(paid: boolean) {
  return (await validRows(ctx, HN)).map((r) =>
    r.regionCode === CHANGSHA
      ? {
          ...r,
          eligibleInstitutions: 100,
          coveredInstitutions: 40,
          inpatientCases: 50_000,
          groupedCases: 28_500,
          paidInstitutionCases: paid ? 30_000 : null,
          paidInstitutionGroupedCases: paid ? 28_500 : null,
        }
      : { ...r, stage: 'notStarted' as const, method: null, coveredInstitutions: 0 },
  );
}

async function saveAndSubmit(period: string, body: { rows: unknown[] }) {
  const saved = await ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${HN}/reports/${period}`,
    headers: editor.headers(),
    payload: body,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${HN}/reports/${period}/submit`,
    headers: editor.headers({ 'if-match': `"${saved.json().version}"` }),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return saved.json();
}

async function changsha(period: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/${HN}/trajectory?dimension=diseaseGroups&asOf=${period}`,
  });
  expect(res.statusCode).toBe(200);
  const s = res.json().series.find((x: { key: string }) => x.key === CHANGSHA);
  return { point: s.points.find((p: { period: string }) => p.period === period), status: s.status };
}

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', HN);
});
afterAll(async () => ctx?.close());

describe('the disease-group rate follows the documents', () => {
  it('a region whose paying hospitals group 95 % meets Hunan’s 70 %, though only 57 % of all its cases are grouped', async () => {
    await saveAndSubmit('2022Q4', { rows: await rows(true) });
    const { point, status } = await changsha('2022Q4');
    expect(point.actual).toEqual({
      numerator: '28500',
      denominator: '30000',
      pct: 95,
      basis: 'paidInstitutions',
    });
    expect(point.owed).toBe(70);
    expect(status.status).toBe('met');
  });

  it('a report without the paying institutions’ cases is judged on the region-wide cases, marked so, and warned about', async () => {
    const report = await saveAndSubmit('2023Q1', { rows: await rows(false) });
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ code: 'paidCasesMissing', path: '/rows/0/paidInstitutionCases' }),
    );
    const { point, status } = await changsha('2023Q1');
    expect(point.actual).toMatchObject({ pct: 57, basis: 'regionWide' });
    expect(status.status).not.toBe('met');
  });

  it('half of the pair, or more grouped cases than cases, is refused at the field and nothing is saved', async () => {
    const bad = (await rows(true)).map((r) =>
      r.regionCode === CHANGSHA ? { ...r, paidInstitutionGroupedCases: null } : r,
    );
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${HN}/reports/2023Q2`,
      headers: editor.headers(),
      payload: { rows: bad },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({
        path: '/body/rows/0/paidInstitutionGroupedCases',
        code: 'paidCasesIncomplete',
      }),
    );
    const stored = await ctx.db.report.findUnique({
      where: { provinceCode_period: { provinceCode: HN, period: '2023Q2' } },
    });
    expect(stored).toBeNull();
  });

  it('the template asks for the paying institutions’ cases, and a template filled before they were asked for still imports', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/provinces/${HN}/reports/2023Q3/template?format=csv`,
      headers: { cookie: editor.cookie },
    });
    expect(res.statusCode).toBe(200);
    const header = res.body.split('\r\n')[0]!;
    expect(header).toContain('DRG/DIP付费医疗机构住院病例数');
    expect(header).toContain('DRG/DIP付费医疗机构入组病例数');
    expect(header).toContain('全地区住院病例数');

    // the columns of the earlier template: cases and grouped cases without "全地区", no paid pair
    const old = [
      [
        '统筹地区编码 (region code)',
        '付费方式 DRG/DIP (method)',
        '改革阶段 未启动/准备/模拟付费/实际付费 (stage)',
        '符合条件的开展住院服务的医疗机构数 (eligible institutions)',
        'DRG/DIP付费医疗机构数 (covered institutions)',
        '住院病例数，年度累计 (inpatient cases, YTD)',
        '入组病例数，年度累计 (grouped cases, YTD)',
        '住院医保基金支出 万元，年度累计 (inpatient fund, 10k CNY, YTD)',
        'DRG/DIP付费医保基金支出 万元，年度累计 (DRG/DIP-paid fund, 10k CNY, YTD)',
      ]
        .map((h) => `"${h}"`)
        .join(','),
      `${CHANGSHA},DRG,实际付费,100,40,50000,28500,80000.00,30000.00`,
    ].join('\r\n');
    const body = multipartFile('old.csv', Buffer.from(`\uFEFF${old}`, 'utf8'), 'text/csv');
    const imported = await ctx.app.inject({
      method: 'POST',
      url: `/api/provinces/${HN}/reports/2023Q3/import`,
      payload: body.payload,
      headers: { ...editor.headers(), ...body.headers },
    });
    expect(imported.statusCode, imported.body.slice(0, 300)).toBe(200);
    expect(imported.json().rows[0]).toMatchObject({
      regionCode: CHANGSHA,
      inpatientCases: 50_000,
      groupedCases: 28_500,
      paidInstitutionCases: null,
      paidInstitutionGroupedCases: null,
    });
  });
});
