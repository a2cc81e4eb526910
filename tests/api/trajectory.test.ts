import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTrajectory } from '../../server/modules/trajectory/compact.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
let editor: Agent;

/** Hunan: 长沙 launches and pays in 2022, 株洲 launches only in 2023, the rest have not started. */
async function reportHunan(
  period: string,
  stageOf: (code: string) => 'notStarted' | 'preparing' | 'actual',
  covered: (code: string) => number,
) {
  const rows = (await validRows(ctx, '430000')).map((r) => ({
    ...r,
    stage: stageOf(r.regionCode),
    method: stageOf(r.regionCode) === 'notStarted' ? null : r.method,
    coveredInstitutions: covered(r.regionCode),
  }));
  const saved = await ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/430000/reports/${period}`,
    headers: editor.headers(),
    payload: { rows },
  });
  expect(saved.statusCode).toBe(200);
  const submitted = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/430000/reports/${period}/submit`,
    headers: editor.headers({ 'if-match': `"${saved.json().version}"` }),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
}

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', '430000');
  await reportHunan(
    '2022Q4',
    (c) => (c === '430100' ? 'actual' : 'notStarted'),
    (c) => (c === '430100' ? 45 : 0),
  );
  await reportHunan(
    '2023Q4',
    (c) => (c === '430100' ? 'actual' : c === '430200' ? 'preparing' : 'notStarted'),
    (c) => (c === '430100' ? 60 : 0),
  );
});
afterAll(async () => ctx.close());

type Series = {
  scope: string;
  key: string;
  points: {
    period: string;
    actual: { numerator: string; denominator: string; pct: number } | null;
    planned: number;
    owed: number;
    nationalOwed: number;
    notYetDue: boolean;
    targetsInForce: { key: string; source: { document: string; quote: string } }[];
  }[];
  status: { status: string };
  nationalStatus: { status: string };
  projection: { enough: boolean; reason: string | null };
};

const trajectory = async (dimension: string, asOf?: string) => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/430000/trajectory?dimension=${dimension}${asOf ? `&asOf=${asOf}` : ''}`,
  });
  expect(res.statusCode).toBe(200);
  // the answer names each target once; the web client expands it as here
  return expandTrajectory(res.json()) as unknown as {
    plan: { documentNumber: string };
    series: Series[];
    isDemo: boolean;
  };
};
const point = (s: Series, period: string) => s.points.find((p) => p.period === period)!;

describe('GET /api/provinces/:code/trajectory', () => {
  it('judges each Hunan 市州 on its own clock, and 株洲, launched a year after "2022 年全省各市州启动", on the clock it should have started', async () => {
    const t = await trajectory('institutions', '2023Q4');
    expect(t.plan.documentNumber).toBe('湘医保发〔2021〕75号');
    const changsha = t.series.find((s) => s.key === '430100')!;
    const zhuzhou = t.series.find((s) => s.key === '430200')!;
    expect(point(changsha, '2022Q4').owed).toBe(40);
    expect(point(changsha, '2023Q4').owed).toBe(70);
    // not launched at end-2022: owes what a 市州 launched on the deadline owes, and is overdue
    expect(point(zhuzhou, '2022Q4')).toMatchObject({ owed: 40, notYetDue: false });
    expect(point(zhuzhou, '2023Q4').owed).toBe(70);
    expect(zhuzhou.status.status).toBe('overdue');
    // the national plan sets no launch deadline in 2022: nothing owed under it yet
    expect(point(zhuzhou, '2022Q4').nationalOwed).toBe(0);
    const clause = point(changsha, '2023Q4').targetsInForce.find(
      (x) => x.source.document === '湘医保发〔2021〕75号',
    )!;
    expect(clause.source.quote).toContain('40%');
  });

  it('shows a region whose clock has not started as not yet due under the national plan, not as a gap', async () => {
    const t = await trajectory('institutions', '2022Q4');
    const zhuzhou = t.series.find((s) => s.key === '430200')!;
    expect(zhuzhou.nationalStatus.status).toBe('notYetDue');
    expect(point(zhuzhou, '2022Q4').nationalOwed).toBe(0);
  });

  it("gives the province's planned value as the denominator-weighted roll-up of the regions its plan binds", async () => {
    const t = (await trajectory('institutions', '2023Q4')) as Awaited<
      ReturnType<typeof trajectory>
    > & { provinceScope: { regions: string[]; leftOut: string[] } };
    // Hunan's clauses address "各市州": 湖南省本级 is not rolled into the plan's province figure
    expect(t.provinceScope.leftOut).toEqual(['430000-P']);
    expect(t.provinceScope.regions).toHaveLength(14);
    const regions = t.series
      .filter((s) => s.scope === 'region' && !t.provinceScope.leftOut.includes(s.key))
      .map((s) => point(s, '2023Q4'))
      .filter((p) => p.actual);
    const weighted =
      regions.reduce((a, p) => a + p.planned * Number(p.actual!.denominator), 0) /
      regions.reduce((a, p) => a + Number(p.actual!.denominator), 0);
    const province = point(t.series.find((s) => s.scope === 'province')!, '2023Q4');
    // the API writes percentages with two decimals
    expect(province.planned).toBeCloseTo(weighted, 1);
    expect(province.actual!.numerator).toBe(
      String(regions.reduce((a, p) => a + Number(p.actual!.numerator), 0)),
    );
  });

  it('says no report for a quarter nobody reported, and when the data are too few to project', async () => {
    const t = await trajectory('fund', '2024Q2');
    const province = t.series.find((s) => s.scope === 'province')!;
    expect(point(province, '2024Q2').actual).toBeNull();
    expect(province.status.status).toBe('noReport');
    expect(province.projection.enough).toBe(false);
    expect(province.projection.reason).toBeTruthy();
  });

  it('rejects an unknown dimension with the field path', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/provinces/430000/trajectory?dimension=beds',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/dimension');
  });

  it('evaluates the national plan for a province with no plan of its own', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/provinces/110000/trajectory?dimension=regions',
    });
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(t.plan).toBeNull();
    expect(t.national.documentNumber).toBe('医保发〔2021〕48号');
    expect(t.series[0].status.status).toBe('noPlan');
  });

  it('feeds the comparison endpoint from the same engine', async () => {
    const cmp = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/comparison?period=2023Q4&dimension=institutions',
      })
    ).json();
    const hunan = cmp.rows.find(
      (r: { province: { code: string } }) => r.province.code === '430000',
    );
    const t = await trajectory('institutions', '2023Q4');
    const province = point(t.series.find((s) => s.scope === 'province')!, '2023Q4');
    expect(hunan.planned).toBeCloseTo(province.planned, 9);
    expect(hunan.actual.pct).toBeCloseTo(province.actual!.pct, 9);
    expect(hunan.gapToPlan).toBeCloseTo(province.actual!.pct - province.planned, 9);
    expect(hunan.report.status).toBe('submitted');
  });
});

describe('GET /api/plans/:slug/ambition', () => {
  it("lists where Liaoning's plan is laxer than the national one and where it goes beyond, each with both clauses", async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/plans/liaoning-2022-1/ambition' });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    // national pilots: 70 % of institutions by end-2022 where the national ladder asks 40 %
    const beyond = a.beyond.find(
      (s: { region: string; dimension: string; from: string }) =>
        s.region === '210100' && s.dimension === 'institutions' && s.from === '2022Q4',
    );
    expect(beyond).toMatchObject({
      verdict: 'stricter',
      provincial: { level: 70 },
      national: { level: 40 },
    });
    expect(beyond.provincial.source.document).toBe('辽医保发〔2022〕1号');
    expect(beyond.national.source.document).toBe('医保发〔2021〕48号');
    // no disease-group level for 2022 in the Liaoning plan, where the national ladder asks 70 %
    const laxer = a.laxer.find(
      (s: { region: string; dimension: string; from: string }) =>
        s.region === '210100' && s.dimension === 'diseaseGroups' && s.from === '2022Q4',
    );
    expect(laxer).toMatchObject({
      verdict: 'laxer',
      provincial: { level: 0 },
      national: { level: 70 },
    });
    expect(laxer.national.source.quote).toContain('70%');
  });

  it('refuses to compare the national plan with itself, and 404s an unknown plan', async () => {
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/plans/national-2021-48/ambition' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/plans/no-such-plan/ambition' })).statusCode,
    ).toBe(404);
  });
});
