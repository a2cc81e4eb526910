/**
 * A reviewer's queue can be narrowed to a province, a status, and the reports that came (or
 * are still missing) after their deadline — each province's deadline under its own plan's
 * reporting duty (Liaoning and Hunan: quarterly, 15 days after the quarter ends).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
let reviewer: Agent;
beforeAll(async () => {
  ctx = await build();
  reviewer = await signIn(ctx, 'reviewer');
  const ln = await signIn(ctx, 'editor', '210000');
  const hn = await signIn(ctx, 'editor', '430000');
  // Liaoning submits 2024Q1 and 2024Q2 (today: long after their deadlines); Hunan keeps a draft
  for (const [editor, code, period, submit] of [
    [ln, '210000', '2024Q1', true],
    [ln, '210000', '2024Q2', true],
    [hn, '430000', '2024Q2', false],
  ] as const) {
    const url = `/api/provinces/${code}/reports/${period}`;
    const saved = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: editor.headers(),
      payload: { rows: await validRows(ctx, code) },
    });
    expect(saved.statusCode, saved.body.slice(0, 200)).toBe(200);
    if (submit) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `${url}/submit`,
        headers: editor.headers({ 'if-match': `"${saved.json().version}"` }),
      });
      expect(res.statusCode).toBe(200);
    }
  }
  // 2024Q1 was in fact submitted on time, on 10 April 2024
  await ctx.db.report.update({
    where: { provinceCode_period: { provinceCode: '210000', period: '2024Q1' } },
    data: { submittedAt: new Date('2024-04-10T02:00:00Z') },
  });
});
afterAll(async () => ctx?.close());

const list = async (query: string) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/reports?${query}`,
    headers: reviewer.headers(),
  });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res.json() as {
    provinceCode: string;
    period: string;
    status: string;
    deadline: string | null;
    overdue: boolean;
  }[];
};
const names = (items: { provinceCode: string; period: string }[]) =>
  items.map((r) => `${r.provinceCode} ${r.period}`);

describe('the review queue', () => {
  it('gives each report its deadline and whether it was late', async () => {
    const all = await list('');
    const q1 = all.find((r) => r.provinceCode === '210000' && r.period === '2024Q1')!;
    const q2 = all.find((r) => r.provinceCode === '210000' && r.period === '2024Q2')!;
    expect(q1).toMatchObject({ status: 'submitted', deadline: '2024-04-15', overdue: false });
    expect(q2).toMatchObject({ status: 'submitted', deadline: '2024-07-15', overdue: true });
    // a draft whose deadline has passed is overdue too
    expect(all.find((r) => r.provinceCode === '430000')).toMatchObject({
      status: 'draft',
      overdue: true,
    });
  });

  it('filters by province, status and overdue, together', async () => {
    expect(names(await list('status=submitted&overdue=true'))).toEqual(['210000 2024Q2']);
    expect(names(await list('status=submitted&overdue=false'))).toEqual(['210000 2024Q1']);
    expect(names(await list('province=430000'))).toEqual(['430000 2024Q2']);
    expect(names(await list('province=430000&status=submitted'))).toEqual([]);
  });

  it('refuses a filter it cannot read, naming it', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports?overdue=maybe',
      headers: reviewer.headers(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('overdue');
  });
});
