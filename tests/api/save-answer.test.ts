/**
 * A save answers with the report it stored, built from the rows it wrote rather than read back:
 * the answer, a later GET and the audit trail's "after" must agree field by field — the rows in
 * the regions' order whatever order they were sent in, money as stored, missing regions, the
 * warnings against the previous quarter, comments and sign-off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const LN = '210000';
let ctx: TestContext;
let editor: Agent;

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
});
afterAll(async () => ctx?.close());

/** A quarter stored directly, as a report accepted earlier. */
async function storeQuarter(period: string, extra: { isDemo?: boolean } = {}) {
  const regions = await ctx.db.coordinatingRegion.findMany({ where: { provinceCode: LN } });
  const rows = await validRows(ctx, LN);
  await ctx.db.report.create({
    data: {
      provinceCode: LN,
      period,
      status: 'accepted',
      submittedAt: new Date(),
      acceptedAt: new Date(),
      ...extra,
      rows: {
        create: rows.map(({ regionCode, ...r }) => ({
          regionId: regions.find((g) => g.code === regionCode)!.id,
          ...r,
          // much higher coverage last quarter: this quarter's figures raise warnings
          coveredInstitutions: r.eligibleInstitutions,
        })),
      },
      comments: extra.isDemo ? { create: [{ kind: 'comment', body: 'demo note' }] } : undefined,
    },
  });
}

const url = (period: string) => `/api/provinces/${LN}/reports/${period}`;
const read = async (period: string) =>
  (await ctx.app.inject({ method: 'GET', url: url(period), headers: editor.headers() })).json();
const lastAfter = async (period: string) => {
  const history = (
    await ctx.app.inject({
      method: 'GET',
      url: `${url(period)}/history`,
      headers: editor.headers(),
    })
  ).json();
  return history.at(-1).after;
};

/** Rows sent out of order, money as numbers and as padded text, optional figures here and there. */
async function unusualRows() {
  const rows = (await validRows(ctx, LN)).slice(1).reverse();
  return rows.map((r, i) => ({
    ...r,
    inpatientFund:
      i % 2 ? Number(r.inpatientFund) + 0.5 : `0${r.inpatientFund.replace('.00', '.1')}`,
    ...(i === 0
      ? {
          subsetEligibleInstitutions: 10,
          subsetCoveredInstitutions: 5,
          paidInstitutionCases: 1000,
          paidInstitutionGroupedCases: 900,
          note: '=含公式样的备注',
        }
      : {}),
  }));
}

describe('what a save answers is what a later read shows', () => {
  it('a new quarter: rows in region order, money as stored, the missing region and the warnings', async () => {
    await storeQuarter('2024Q2');
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: editor.headers(),
      payload: { rows: await unusualRows() },
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer.missingRegions).toHaveLength(1);
    expect(answer.warnings.length).toBeGreaterThan(0);
    expect(answer.rows.map((r: { inpatientFund: string }) => r.inpatientFund)).toContain(
      '80010.10',
    );
    expect(await read('2024Q3')).toEqual(answer);
    expect(await lastAfter('2024Q3')).toEqual(answer);
  });

  it('saving over a draft with a comment keeps the comment in the answer', async () => {
    const commented = await ctx.app.inject({
      method: 'POST',
      url: `${url('2024Q3')}/comments`,
      headers: editor.headers(),
      payload: { body: '请核对第二行' },
    });
    expect(commented.statusCode).toBe(200);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: editor.headers({ 'if-match': `"${commented.json().version}"` }),
      payload: { rows: await validRows(ctx, LN, 3) },
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer.comments.map((c: { body: string }) => c.body)).toEqual(['请核对第二行']);
    expect(answer.missingRegions).toEqual([]);
    expect(await read('2024Q3')).toEqual(answer);
    expect(await lastAfter('2024Q3')).toEqual(answer);
  });

  it('real figures over a demo quarter: no demo comments, review dates or label in the answer', async () => {
    await storeQuarter('2024Q1', { isDemo: true });
    const demo = await read('2024Q1');
    expect(demo.comments).toHaveLength(1);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q1'),
      headers: editor.headers({ 'if-match': `"${demo.version}"` }),
      payload: { rows: await validRows(ctx, LN, 2) },
    });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    expect(answer).toMatchObject({
      isDemo: false,
      status: 'draft',
      submittedAt: null,
      acceptedAt: null,
      comments: [],
      updatedBy: editor.username,
      version: demo.version + 1,
    });
    expect(await read('2024Q1')).toEqual(answer);
    expect(await lastAfter('2024Q1')).toEqual(answer);
  });
});
