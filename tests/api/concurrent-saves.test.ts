/**
 * Many editors of one province saving the same quarter at once, through the real app on a real
 * PostgreSQL: exactly one save wins, every other one gets 409 with the report as it now stands,
 * and versions of a (province, quarter) only ever go up — also when real figures replace demo ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const LN = '210000';
let ctx: TestContext;
let editors: Agent[];
/** 20 writers: five editors of the province, each saving from four browser tabs */
const writers = Array.from({ length: 20 }, (_, i) => i);

beforeAll(async () => {
  ctx = await build();
  editors = [];
  for (let i = 0; i < 5; i++) editors.push(await signIn(ctx, 'editor', LN));
});
afterAll(async () => ctx?.close());

/** A demo report as `npm start` loads it (accepted, labelled demo, version 1). */
async function demoReport(period: string) {
  const regions = await ctx.db.coordinatingRegion.findMany({ where: { provinceCode: LN } });
  const rows = await validRows(ctx, LN);
  await ctx.db.report.create({
    data: {
      provinceCode: LN,
      period,
      status: 'accepted',
      isDemo: true,
      submittedAt: new Date(),
      acceptedAt: new Date(),
      rows: {
        create: rows.map(({ regionCode, ...r }) => ({
          regionId: regions.find((g) => g.code === regionCode)!.id,
          ...r,
        })),
      },
    },
  });
}

/** Writer i's own figures: every writer types something different, so a silent overwrite shows. */
async function figuresOf(i: number) {
  return (await validRows(ctx, LN)).map((r, k) =>
    k === 0 ? { ...r, coveredInstitutions: i, note: `writer ${i}` } : r,
  );
}

const save = async (i: number, period: string, ifMatch?: string) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${LN}/reports/${period}`,
    headers: editors[i % editors.length]!.headers(
      ifMatch === undefined ? {} : { 'if-match': ifMatch },
    ),
    payload: { rows: await figuresOf(i) },
  });

const stored = async (period: string) =>
  (
    await ctx.app.inject({
      method: 'GET',
      url: `/api/provinces/${LN}/reports/${period}`,
      headers: editors[0]!.headers(),
    })
  ).json();

describe('saving over a demo quarter', () => {
  it('two editors who both read demo version 1: the second gets 409 with the first one’s figures', async () => {
    await demoReport('2022Q4');
    const x = await save(1, '2022Q4', '"1"');
    expect(x.statusCode, x.body.slice(0, 300)).toBe(200);
    expect(x.json()).toMatchObject({ isDemo: false, status: 'draft', version: 2 });
    const y = await save(2, '2022Q4', '"1"');
    expect(y.statusCode).toBe(409);
    expect(y.json().code).toBe('versionConflict');
    expect(y.json().current).toMatchObject({ version: 2, isDemo: false });
    expect(y.json().current.rows[0].note).toBe('writer 1');
    expect((await stored('2022Q4')).rows[0].note).toBe('writer 1');
  });

  it('a save over demo figures without the version read gets 409 with them, nothing replaced', async () => {
    await demoReport('2023Q1');
    const res = await save(3, '2023Q1');
    expect(res.statusCode).toBe(409);
    expect(res.json().current).toMatchObject({ isDemo: true, version: 1 });
    expect((await stored('2023Q1')).isDemo).toBe(true);
  });

  it('20 editors at once on a demo quarter: one wins, 19 get 409 with the winner’s report, none 500', async () => {
    await demoReport('2023Q2');
    const answers = await Promise.all(writers.map((i) => save(i, '2023Q2', '"1"')));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, ...Array(19).fill(409)]);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect(winner.version).toBe(2);
    for (const loser of answers.filter((a) => a.statusCode === 409)) {
      expect(loser.headers['content-type']).toContain('application/problem+json');
      expect(loser.json().current).toMatchObject({ version: 2, isDemo: false });
      expect(loser.json().current.rows[0].note).toBe(winner.rows[0].note);
    }
    const now = await stored('2023Q2');
    expect(now).toMatchObject({ version: 2, isDemo: false });
    expect(now.rows[0].note).toBe(winner.rows[0].note);
  });
});

describe('creating a new quarter', () => {
  it('20 editors at once on a quarter nobody has entered: one creates it, 19 get 409 with it, none 500', async () => {
    const answers = await Promise.all(writers.map((i) => save(i, '2023Q3')));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, ...Array(19).fill(409)]);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect(winner.version).toBe(1);
    for (const loser of answers.filter((a) => a.statusCode === 409)) {
      expect(loser.json().code).toBe('versionConflict');
      expect(loser.json().current).toMatchObject({ version: 1 });
      expect(loser.json().current.rows[0].note).toBe(winner.rows[0].note);
    }
    expect((await stored('2023Q3')).rows[0].note).toBe(winner.rows[0].note);
  });

  it('a save that names a version of a quarter nobody has entered gets 409, and creates nothing', async () => {
    // the editor's tab showed a report that has since gone (a test database reset, say)
    const res = await save(0, '2023Q4', '"3"');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'versionConflict', current: null });
    expect(res.json().en).toContain('no longer exists');
    expect(
      await ctx.db.report.findUnique({
        where: { provinceCode_period: { provinceCode: LN, period: '2023Q4' } },
      }),
    ).toBeNull();
  });

  it('20 editors at once on the same version of a draft: one wins, the version goes up by one', async () => {
    const answers = await Promise.all(writers.map((i) => save(i, '2023Q3', '"1"')));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect((await stored('2023Q3')).version).toBe(2);
  });
});
