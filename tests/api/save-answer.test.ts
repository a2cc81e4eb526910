/**
 * A save answers with the report it stored, built from the rows it wrote rather than read back:
 * the answer and a later GET must agree field by field — the rows in the regions' order whatever
 * order they were sent in, money as stored, missing regions, the warnings against the previous
 * quarter, comments and sign-off — and the audit trail's "after" on the report's own state (the
 * audit leaves out region names and warnings). Older audit entries, which kept the whole answer,
 * still read as they were stored.
 */
import Value from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportDto, ReportSchema } from '../../server/modules/reports/schemas.ts';
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
const history = async (period: string) =>
  (
    await ctx.app.inject({
      method: 'GET',
      url: `${url(period)}/history`,
      headers: editor.headers(),
    })
  ).json();
const lastAfter = async (period: string) => (await history(period)).at(-1).after;

/** What the audit keeps of a report: all but the region names and the warnings. */
const ownState = ({
  warnings: _w,
  warningsAt: _a,
  currentWarnings: _c,
  rows,
  ...rest
}: ReportDto) => ({
  ...rest,
  rows: rows.map(({ regionNameZh: _z, regionNameEn: _e, ...r }) => r),
});

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
    expect(await lastAfter('2024Q3')).toEqual(ownState(answer));
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
    expect(await lastAfter('2024Q3')).toEqual(ownState(answer));
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
    expect(await lastAfter('2024Q1')).toEqual(ownState(answer));
  });
});

/**
 * A report answer is sent as written by JSON.stringify (reports/answer.ts), not through the
 * response schema's serializer: it must still be exactly what ReportSchema documents.
 */
function expectDocumented(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json: () => unknown;
}) {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.json() as ReportDto;
  expect(res.headers.etag).toBe(`"${body.version}"`);
  expect([...Value.Errors(ReportSchema, body)]).toEqual([]);
  // nothing the schema does not name, at any depth
  expect(Value.Clean(ReportSchema, structuredClone(body))).toEqual(body);
}

describe('every report answer is the documented schema, nothing more or less', () => {
  it('save, read, comment, submit, and a read from outside the province', async () => {
    const q = url('2023Q2');
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: q,
      headers: editor.headers(),
      payload: { rows: await unusualRows() },
    });
    expectDocumented(saved);
    expectDocumented(await ctx.app.inject({ method: 'GET', url: q, headers: editor.headers() }));
    const commented = await ctx.app.inject({
      method: 'POST',
      url: `${q}/comments`,
      headers: editor.headers(),
      payload: { body: '核对' },
    });
    expectDocumented(commented);
    const complete = await ctx.app.inject({
      method: 'PUT',
      url: q,
      headers: editor.headers({ 'if-match': `"${commented.json().version}"` }),
      payload: { rows: await validRows(ctx, LN, 6) },
    });
    expectDocumented(complete);
    const submitted = await ctx.app.inject({
      method: 'POST',
      url: `${q}/submit`,
      headers: editor.headers({ 'if-match': `"${complete.json().version}"` }),
      payload: {},
    });
    expectDocumented(submitted);
    const outsider = await signIn(ctx, 'editor', '110000');
    const outside = await ctx.app.inject({ method: 'GET', url: q, headers: outsider.headers() });
    expectDocumented(outside);
    expect(outside.json().comments).toEqual([]);
  });
});

describe("a save replaces the quarter's rows", () => {
  it('a region left out loses its row, one named again gets it back, the others keep the figures sent', async () => {
    const all = await validRows(ctx, LN, 5);
    const first = await read('2024Q3');
    const fewer = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: editor.headers({ 'if-match': `"${first.version}"` }),
      payload: { rows: all.slice(1) },
    });
    expect(fewer.statusCode).toBe(200);
    expect((await read('2024Q3')).missingRegions).toEqual([all[0]!.regionCode]);
    expect(
      await ctx.db.reportRow.count({ where: { report: { provinceCode: LN, period: '2024Q3' } } }),
    ).toBe(all.length - 1);
    const again = all.map((r, i) => (i === 1 ? { ...r, coveredInstitutions: 7, note: '复核' } : r));
    const back = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: editor.headers({ 'if-match': `"${fewer.json().version}"` }),
      payload: { rows: again },
    });
    expect(back.statusCode).toBe(200);
    const stored = await read('2024Q3');
    expect(stored.missingRegions).toEqual([]);
    expect(stored.rows.map((r: { regionCode: string }) => r.regionCode)).toEqual(
      all.map((r) => r.regionCode),
    );
    expect(stored.rows[1]).toMatchObject({ coveredInstitutions: 7, note: '复核' });
    expect(stored.rows[0]).toMatchObject({
      coveredInstitutions: all[0]!.coveredInstitutions,
      note: null,
    });
  });
});

describe('the audit trail of a save', () => {
  it('keeps the rows as one array per field, without names or warnings, and reads them as rows', async () => {
    const before = await read('2024Q3');
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url('2024Q3'),
      headers: editor.headers({ 'if-match': `"${before.version}"` }),
      payload: { rows: await validRows(ctx, LN, 4) },
    });
    expect(res.statusCode).toBe(200);
    const [stored] = await ctx.db.auditEvent.findMany({ orderBy: { id: 'desc' }, take: 1 });
    const after = stored!.after as { rows: Record<string, unknown[]> };
    expect(after.rows.regionCode).toEqual(
      res.json().rows.map((r: { regionCode: string }) => r.regionCode),
    );
    expect(after.rows.coveredInstitutions).toHaveLength(res.json().rows.length);
    const text = JSON.stringify([stored!.before, stored!.after]);
    expect(text).not.toContain('regionNameZh');
    expect(text).not.toContain('warnings');
    const [saved] = (await history('2024Q3')).slice(-1);
    expect(saved.before).toEqual(ownState(before));
    expect(saved.after).toEqual(ownState(res.json()));
  });

  it('an entry recorded as the whole answer, before the compact form, reads as it was stored', async () => {
    const old = await read('2024Q3');
    expect(old.rows[0].regionNameZh).toBeTruthy();
    const report = await ctx.db.report.findUniqueOrThrow({
      where: { provinceCode_period: { provinceCode: LN, period: '2024Q3' } },
    });
    await ctx.db.auditEvent.create({
      data: {
        actorLabel: editor.username,
        action: 'report.save',
        entityType: 'report',
        entityId: String(report.id),
        provinceCode: LN,
        before: old,
        after: old,
      },
    });
    const entry = (await history('2024Q3')).at(-1);
    expect(entry.before).toEqual(old);
    expect(entry.after).toEqual(old);
    const auditor = await signIn(ctx, 'auditor');
    const page = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/audit?entityType=report&entityId=${report.id}`,
        headers: { cookie: auditor.cookie },
      })
    ).json();
    const [newest, compact] = page.entries;
    expect(newest.after).toEqual(old);
    // the auditors' trail reads the compact form as rows too
    expect(compact.after.rows[0]).toMatchObject({
      regionCode: old.rows[0].regionCode,
      coveredInstitutions: old.rows[0].coveredInstitutions,
    });
  });
});

describe('a region the register has since moved to another province', () => {
  it("keeps its row, name and place in the quarter it was reported in, and is not 'missing'", async () => {
    await storeQuarter('2023Q4');
    const before: ReportDto = await read('2023Q4');
    const moved = before.rows[1]!;
    await ctx.db.coordinatingRegion.update({
      where: { code: moved.regionCode },
      data: { provinceCode: '110000' },
    });
    try {
      const after: ReportDto = await read('2023Q4');
      expect(after.rows.map((r) => r.regionCode)).toEqual(before.rows.map((r) => r.regionCode));
      expect(after.rows[1]).toEqual(moved);
      expect(after.missingRegions).toEqual(before.missingRegions);
    } finally {
      await ctx.db.coordinatingRegion.update({
        where: { code: moved.regionCode },
        data: { provinceCode: LN },
      });
    }
  });
});
