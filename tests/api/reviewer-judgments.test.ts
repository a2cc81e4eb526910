/**
 * Issue 11, as a careful national reviewer checks it: controlled reports entered through the
 * API, answers read back from the real engine on the seeded plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
const editors: Record<string, Agent> = {};
let reviewer: Agent;

type Row = Awaited<ReturnType<typeof validRows>>[number];
type RowChange = Omit<Partial<Row>, 'stage' | 'method'> & {
  subsetEligibleInstitutions?: number;
  subsetCoveredInstitutions?: number;
  stage?: 'notStarted' | 'preparing' | 'simulated' | 'actual';
  method?: 'DRG' | 'DIP' | null;
  paidInstitutionCases?: number;
  paidInstitutionGroupedCases?: number;
};

async function report(code: string, period: string, shape: (r: Row) => RowChange) {
  const rows = (await validRows(ctx, code)).map((r) => ({ ...r, ...shape(r) }));
  const saved = await ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${code}/reports/${period}`,
    headers: editors[code]!.headers(),
    payload: { rows },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${code}/reports/${period}/submit`,
    headers: editors[code]!.headers({ 'if-match': `"${saved.json().version}"` }),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return submitted.json();
}

interface Status {
  status: string;
  ratio: number | null;
  overdue: { since: string; quarters: number } | null;
}
interface Series {
  scope: string;
  key: string;
  points: { period: string; owed: number; nationalOwed: number; notYetDue: boolean }[];
  status: Status;
  nationalStatus: Status;
  projection: { overdueSince: string | null; targetDate: string | null };
  milestones: { key: string; state: string; dueOn: string | null }[];
}
async function trajectory(code: string, dimension: string, asOf: string, extra = '') {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/${code}/trajectory?dimension=${dimension}&asOf=${asOf}${extra}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { series: Series[]; provinceScope: { leftOut: string[] } };
}
const seriesOf = (t: { series: Series[] }, key: string) => t.series.find((s) => s.key === key)!;
const point = (s: Series, period: string) => s.points.find((p) => p.period === period)!;

const NATIONAL_PILOTS = ['210100', '210400', '210800'];
const FORMER_PROVINCIAL = ['210200', '210300', '210600', '210700', '211100'];

beforeAll(async () => {
  ctx = await build();
  for (const code of ['210000', '350000', '340000', '430000', '150000'])
    editors[code] = await signIn(ctx, 'editor', code);
  reviewer = await signIn(ctx, 'reviewer');
  // Liaoning at end-2022, exactly as scheduled: 3 national pilots and 5 former provincial
  // pilots pay for real (8 of 14), the other 6 simulate with nobody paid yet. The former
  // provincial pilots' paying hospitals group 60 % of their cases.
  await report('210000', '2022Q4', (r) => {
    const paying = [...NATIONAL_PILOTS, ...FORMER_PROVINCIAL].includes(r.regionCode);
    return {
      stage: paying ? 'actual' : 'simulated',
      eligibleInstitutions: 100,
      coveredInstitutions: paying ? 70 : 0,
      paidInstitutionCases: paying ? 10_000 : 0,
      paidInstitutionGroupedCases: paying ? 6_000 : 0,
      drgDipFund: paying ? r.drgDipFund : '0.00',
    };
  });
  // 2026Q3, after every plan's last year: 95.4 % of institutions where 100 % is owed since end-2024.
  await report('210000', '2026Q3', () => ({
    stage: 'actual',
    eligibleInstitutions: 500,
    coveredInstitutions: 477,
  }));
  // Inner Mongolia 2022Q4: 呼和浩特 pays every 二级及以上公立医院 (30 of 30), 包头 20 of 25, the
  // rest leave the subset figures out.
  await report('150000', '2022Q4', (r) =>
    r.regionCode === '150100'
      ? { subsetEligibleInstitutions: 30, subsetCoveredInstitutions: 30 }
      : r.regionCode === '150200'
        ? { subsetEligibleInstitutions: 25, subsetCoveredInstitutions: 20 }
        : {},
  );
  // Fujian 2025Q3: 宁德 has still not launched, nine months after "2024 年底前全省各统筹区实施".
  await report('350000', '2025Q3', (r) =>
    r.regionCode === '350900'
      ? { stage: 'notStarted', method: null, coveredInstitutions: 0, drgDipFund: '0.00' }
      : {},
  );
});
afterAll(async () => ctx.close());

describe('missed milestones are shown and laggards are never "not yet due" (11.1, 11.3)', () => {
  it('a Fujian city never launched nine months after the end-2024 deadline has missed its milestone and is overdue, not dormant', async () => {
    const t = await trajectory('350000', 'institutions', '2025Q3');
    const ningde = seriesOf(t, '350900');
    expect(ningde.milestones).toContainEqual(
      expect.objectContaining({
        key: 'fj-regions-actual-2024',
        state: 'missed',
        dueOn: '2024-12-31',
      }),
    );
    expect(point(ningde, '2025Q3').notYetDue).toBe(false);
    expect(ningde.status.status).not.toBe('notYetDue');
    const regions = await trajectory('350000', 'regions', '2025Q3');
    // a single region is in actual payment or not: overdue, with how long, and no growth ratio
    expect(seriesOf(regions, '350900').status).toMatchObject({
      status: 'overdue',
      ratio: null,
      overdue: { since: '2024-12-31', quarters: 3 },
    });
    expect(seriesOf(regions, '350100').status.status).toBe('met');
    // the overview's comparison counts it
    const cmp = await ctx.app.inject({
      method: 'GET',
      url: '/api/comparison?period=2025Q3&dimension=institutions',
    });
    const fujian = cmp
      .json()
      .rows.find((r: { province: { code: string } }) => r.province.code === '350000');
    expect(fujian.milestones.missed).toBeGreaterThan(0);
    expect(fujian.milestones.regionsMissing).toContain('350900');
  });
});

describe('exact comparisons, and no green default for one observation (11.2, 11.4)', () => {
  it('Liaoning with exactly 8 of 14 cities paying, as scheduled, is not behind; its first quarter is 数据不足, not "on track"', async () => {
    const t = await trajectory('210000', 'regions', '2022Q4');
    const province = t.series.find((s) => s.scope === 'province')!;
    const p = province.points.find((x) => x.period === '2022Q4')! as Series['points'][number] & {
      actual: { pct: number };
    };
    expect(p.owed).toBeCloseTo((8 / 14) * 100, 2);
    expect(p.actual.pct).toBe(p.owed);
    expect(province.status.status).toBe('insufficientData');
    expect(province.status.ratio).toBeNull();
  });
});

describe('overdue is called overdue, with its length (11.5)', () => {
  it('Liaoning institutions at 95.4 % in 2026Q3 against 100 % owed since 2024-12-31: 逾期未达标 for 7 quarters, projected as "overdue since"', async () => {
    const t = await trajectory('210000', 'institutions', '2026Q3');
    const province = t.series.find((s) => s.scope === 'province')!;
    expect(province.status.status).toBe('overdue');
    expect(province.status.overdue).toEqual({ since: '2024-12-31', quarters: 7 });
    expect(province.projection.overdueSince).toBe('2024-12-31');
    expect(province.projection.targetDate).toBeNull();
  });
});

describe('Liaoning 二、（三）（四）: "其他市" is the other 11 cities (11.6)', () => {
  it('a former provincial pilot paying from end-2022 owes 90 % disease groups from then, and is overdue at 60 %', async () => {
    const t = await trajectory('210000', 'diseaseGroups', '2022Q4');
    const dalian = seriesOf(t, '210200');
    expect(point(dalian, '2022Q4').owed).toBe(90);
    expect(dalian.status.status).toBe('overdue');
  });

  it('and owes a 70 % fund share within two years of its actual payment', async () => {
    const t = await trajectory('210000', 'fund', '2026Q3');
    const dalian = seriesOf(t, '210200');
    expect(point(dalian, '2024Q4').owed).toBe(70);
  });
});

describe('the national ladders count from actual payment (11.7)', () => {
  it('a Liaoning city simulating in 2022, as its plan schedules, owes the national plan nothing on institutions that year', async () => {
    const t = await trajectory('210000', 'institutions', '2022Q4');
    const benxi = seriesOf(t, '210500');
    expect(point(benxi, '2022Q4').nationalOwed).toBe(0);
    expect(benxi.nationalStatus.status).not.toBe('overdue');
    // a national pilot paying since before the plan owes 40 % at end-2022 (clock floor 2022)
    expect(point(seriesOf(t, '210100'), '2022Q4').nationalOwed).toBe(40);
  });

  it('the ambition check marks a gap that holds only if 启动 means launch as contested, instead of asserting it', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/plans/liaoning-2022-1/ambition' });
    const a = res.json();
    const benxi = a.laxer.filter(
      (s: { region: string; dimension: string }) =>
        s.region === '210500' && s.dimension === 'institutions',
    );
    expect(benxi.length).toBeGreaterThan(0);
    expect(benxi.every((s: { contested: boolean }) => s.contested)).toBe(true);
    expect(a.contestedReading.targets).toContain('nat-institutions-ladder');
  });
});

describe('a subset target is evaluated where reported (11.8)', () => {
  it('Inner Mongolia’s "覆盖所有统筹区二级及以上公立医院" by end-2022: met at 30 of 30, 逾期未达标 at 20 of 25, no data where the figures are left out', async () => {
    const t = await trajectory('150000', 'institutions', '2022Q4', '&subset=secondaryPublic');
    const huhhot = seriesOf(t, '150100');
    expect(point(huhhot, '2022Q4').owed).toBe(100);
    expect(huhhot.status.status).toBe('met');
    expect(seriesOf(t, '150200').status).toMatchObject({
      status: 'overdue',
      overdue: { since: '2022-12-31', quarters: 0 },
    });
    expect(seriesOf(t, '150300').status.status).toBe('noData');
    // the whole institutions dimension is judged without the subset figures
    const all = await trajectory('150000', 'institutions', '2022Q4');
    expect(point(seriesOf(all, '150100'), '2022Q4').owed).toBe(0);
  });

  it('a subset asked on another dimension is refused with its field', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/provinces/150000/trajectory?dimension=fund&subset=secondaryPublic',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/subset');
  });
});

describe('completeness follows each plan’s reporting duty (11.11)', () => {
  it('Hunan’s 2022Q1 is not owed ("2022年6月份起"), Inner Mongolia owes none, Fujian’s monthly duty is shown as unenforceable', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=2022Q1' });
    expect(res.statusCode).toBe(200);
    const row = (code: string) =>
      res.json().rows.find((r: { province: { code: string } }) => r.province.code === code);
    expect(row('430000')).toMatchObject({
      overdue: false,
      duty: { frequency: 'quarterly', owed: false, startsOn: '2022-06-01' },
    });
    expect(row('150000')).toMatchObject({
      overdue: false,
      duty: { frequency: 'none', owed: false },
    });
    expect(row('350000')).toMatchObject({
      overdue: true,
      duty: { frequency: 'monthly', finerThanQuarter: true },
    });
    // Liaoning's 季调度 owes every quarter from 2022; nothing was reported for 2022Q1
    expect(row('210000')).toMatchObject({ overdue: true, duty: { owed: true } });
    const hunanQ2 = (
      await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=2022Q2' })
    )
      .json()
      .rows.find((r: { province: { code: string } }) => r.province.code === '430000');
    expect(hunanQ2).toMatchObject({ overdue: true, duty: { owed: true } });
  });
});

describe('time does not stop at 2025 (11.12)', () => {
  it('an editor saves a quarter after every plan’s last year; a quarter not yet begun is refused with its field', async () => {
    const rows = await validRows(ctx, '340000');
    const late = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/340000/reports/2026Q2',
      headers: editors['340000']!.headers(),
      payload: { rows },
    });
    expect(late.statusCode, late.body).toBe(200);
    const future = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/340000/reports/2099Q1',
      headers: editors['340000']!.headers(),
      payload: { rows },
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({
      code: 'periodInFuture',
      errors: [expect.objectContaining({ path: '/params/period' })],
    });
  });

  it('a 2026 report a reviewer returns can be opened and saved again by its editor', async () => {
    const submitted = await report('430000', '2026Q1', () => ({}));
    const returned = await ctx.app.inject({
      method: 'POST',
      url: '/api/provinces/430000/reports/2026Q1/return',
      headers: reviewer.headers({ 'if-match': `"${submitted.version}"` }),
      payload: { comment: '请核对机构数' },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const again = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/430000/reports/2026Q1',
      headers: editors['430000']!.headers({ 'if-match': `"${returned.json().version}"` }),
      payload: { rows: await validRows(ctx, '430000', 2) },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('draft');
  });
});
