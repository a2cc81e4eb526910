import { describe, expect, it } from 'vitest';
import { evaluateTrajectory } from '../../server/domain/evaluate.ts';
import { deriveTimeline } from '../../server/domain/timeline.ts';
import type { Dimension, PlanModel, RegionQuarter } from '../../server/domain/types.ts';
import {
  ANHUI,
  anhuiPlan,
  HUNAN,
  hunanPlan,
  LIAONING,
  liaoningPlan,
  nationalPlan,
  plan,
  quarter,
  regionInfo,
  target,
} from './fixtures.ts';

function run(
  plan: PlanModel | null,
  quarters: RegionQuarter[],
  codes: string[],
  periods: string[],
  dimension: Dimension,
) {
  const timelines = Object.fromEntries(
    codes.map((c) => [c, deriveTimeline(quarters.filter((q) => q.regionCode === c))]),
  );
  return evaluateTrajectory({
    plan,
    national: nationalPlan,
    provinceCode: plan?.provinceCode ?? '000000',
    regions: codes.map(regionInfo),
    timelines,
    quarters,
    periods,
    dimension,
  }).periods;
}

// Hunan: 长沙 launched 2022Q2 (300 eligible), 株洲 launched 2023Q2 (100), 湘潭 launched 2022Q2 (100) and skipped 2023Q1.
const hunanQuarters: RegionQuarter[] = [
  ...['2022Q2', '2022Q3', '2022Q4', '2023Q1', '2023Q2'].map((p, i) =>
    quarter(HUNAN.changsha, p, 'preparing', {
      eligibleInstitutions: 300,
      coveredInstitutions: 30 * (i + 1),
    }),
  ),
  ...['2022Q4', '2023Q1'].map((p) =>
    quarter(HUNAN.zhuzhou, p, 'notStarted', { eligibleInstitutions: 100 }),
  ),
  quarter(HUNAN.zhuzhou, '2023Q2', 'preparing', {
    eligibleInstitutions: 100,
    coveredInstitutions: 10,
  }),
  ...['2022Q2', '2022Q3', '2022Q4', '2023Q2'].map((p) =>
    quarter(HUNAN.xiangtan, p, 'simulated', { eligibleInstitutions: 100, coveredInstitutions: 50 }),
  ),
];
const hunanCodes = [HUNAN.changsha, HUNAN.zhuzhou, HUNAN.xiangtan];

describe('trajectory of a province, its cohorts and its regions', () => {
  const [end2022, q1, q2] = run(
    hunanPlan,
    hunanQuarters,
    hunanCodes,
    ['2022Q4', '2023Q1', '2023Q2'],
    'institutions',
  );

  it("a province's owed and planned values are the denominator-weighted roll-up of its regions'", () => {
    // Owed at end-2022: 长沙 40 × 300, 湘潭 40 × 100, and 株洲 40 × 100: it had not launched by
    // the deadline "2022 年全省各市州启动", so it owes what a region launched on 2022-12-31 owes.
    expect(end2022!.province.owed).toBeCloseTo(40, 10);
    expect(end2022!.regions[HUNAN.zhuzhou]).toMatchObject({ notYetDue: false, owed: 40 });
    expect(end2022!.regions[HUNAN.zhuzhou]!.status.status).toBe('overdue');
    expect(end2022!.province.weighting).toBe('reported');
    const r = end2022!.regions;
    const weighted =
      (r[HUNAN.changsha]!.planned! * 300 +
        r[HUNAN.zhuzhou]!.planned! * 100 +
        r[HUNAN.xiangtan]!.planned! * 100) /
      500;
    expect(end2022!.province.planned).toBeCloseTo(weighted, 10);
    // Actual: (90 + 0 + 50) / 500.
    expect(end2022!.province.actual).toMatchObject({ numerator: 140, denominator: 500 });
    expect(end2022!.province.actual!.pct).toBeCloseTo(28, 10);
  });

  it('a region with no report for the quarter gives actual null and status noReport, and drops out of the weights', () => {
    const xiangtan = q1!.regions[HUNAN.xiangtan]!;
    expect(xiangtan.actual).toBeNull();
    expect(xiangtan.status.status).toBe('noReport');
    expect(xiangtan.owed).toBe(40);
    // Only 长沙 (300) and 株洲 (100) reported in 2023Q1: (40 × 300 + 40 × 100) / 400.
    expect(q1!.province.owed).toBeCloseTo(40, 10);
  });

  it('a region whose clock has not started shows notYetDue with 0 owed, never a gap', () => {
    // The national institutions ladder counts from launch: 株洲 had not launched in 2023Q1.
    const zhuzhou = q1!.regions[HUNAN.zhuzhou]!;
    expect(zhuzhou.national).toMatchObject({ notYetDue: true, owed: 0, planned: 0 });
    expect(zhuzhou.national.status.status).toBe('notYetDue');
    expect(zhuzhou.actual).toEqual({ numerator: 0, denominator: 100, pct: 0 });
    expect(q2!.regions[HUNAN.zhuzhou]!.national.notYetDue).toBe(false);
  });

  it('the national plan is evaluated for every province, with or without a plan of its own', () => {
    const [noPlan] = run(null, hunanQuarters, hunanCodes, ['2022Q4'], 'institutions');
    expect(noPlan!.province).toMatchObject({ planned: null, owed: null, notYetDue: false });
    expect(noPlan!.province.status.status).toBe('noPlan');
    expect(noPlan!.province.national.owed).toBeCloseTo(32, 10); // same ladder as Hunan's for these clocks
    expect(noPlan!.cohorts).toEqual({});
  });

  it('a province point is notYetDue while no region in scope owes anything and none has launched', () => {
    const early = [quarter(HUNAN.zhuzhou, '2022Q1', 'notStarted')];
    const [p] = run(hunanPlan, early, [HUNAN.zhuzhou], ['2022Q1'], 'institutions');
    expect(p!.province.national).toMatchObject({ notYetDue: true, owed: 0 });
    // Hunan's end-2024 acceptance is a far calendar end-state: it does not make an unlaunched
    // 市州 "behind" in 2022Q1, when nothing is owed yet.
    expect(p!.province).toMatchObject({ notYetDue: true, owed: 0, planned: 0 });
    expect(p!.province.status.status).toBe('notYetDue');
    // once launched, the same region is on its clock
    const launched = [quarter(HUNAN.zhuzhou, '2022Q1', 'preparing')];
    const [q] = run(hunanPlan, launched, [HUNAN.zhuzhou], ['2022Q1'], 'institutions');
    expect(q!.province.notYetDue).toBe(false);
  });
});

describe('regions dimension: share of regions in actual payment', () => {
  const quarters = [
    ...['2022Q4', '2023Q2'].map((p) => quarter(ANHUI.hefei, p, 'actual')),
    ...['2022Q4', '2023Q2'].map((p) => quarter(ANHUI.bozhou, p, 'simulated')),
    quarter(ANHUI.chizhou, '2022Q4', 'simulated'),
    quarter(ANHUI.chizhou, '2023Q2', 'actual'),
  ];
  const [end2022, mid2023] = run(
    anhuiPlan,
    quarters,
    [ANHUI.hefei, ANHUI.bozhou, ANHUI.chizhou],
    ['2022Q4', '2023Q2'],
    'regions',
  );

  it('the national ladder applies to the province as a whole: 40 % of regions at end-2022', () => {
    expect(end2022!.province.national.owed).toBe(40);
    expect(end2022!.province.national.targetsInForce[0]).toMatchObject({
      key: 'regions-2022',
      decides: true,
    });
    expect(end2022!.regions[ANHUI.hefei]!.national.notYetDue).toBe(true);
    expect(end2022!.province.actual?.pct).toBeCloseTo(100 / 3, 10);
  });

  it("Anhui's own milestone makes 亳州 and 池州 owe actual payment from 2023-06-30; 亳州 missed it", () => {
    expect(mid2023!.province.owed).toBeCloseTo(200 / 3, 10);
    expect(mid2023!.regions[ANHUI.bozhou]!.milestones?.[0]?.state).toBe('missed');
    expect(mid2023!.regions[ANHUI.chizhou]!.milestones?.[0]?.state).toBe('met');
    expect(mid2023!.cohorts.newRegions!.actual).toEqual({
      numerator: 1,
      denominator: 2,
      pct: 50,
    });
  });
});

describe('cohorts', () => {
  it("Liaoning's other cities owe nothing on the fund before actual payment: notYetDue, not a gap", () => {
    const quarters = [
      quarter(LIAONING.benxi, '2023Q3', 'simulated'),
      quarter(LIAONING.benxi, '2023Q4', 'actual'),
    ];
    const [q3, q4] = run(
      liaoningPlan,
      quarters,
      [LIAONING.benxi, LIAONING.shenyang],
      ['2023Q3', '2023Q4'],
      'fund',
    );
    expect(q3!.cohorts.otherCities).toMatchObject({ notYetDue: true, owed: 0 });
    expect(q4!.cohorts.otherCities).toMatchObject({ notYetDue: false, owed: 0 });
    expect(q4!.cohorts.otherCities!.nextTarget).toMatchObject({
      key: 'fund-other-within-2-years',
      dueOn: '2025-12-31',
      level: 70,
    });
  });
});

describe('baselines on the region’s own clock (11.10)', () => {
  const endState = plan({
    slug: 'own-clock',
    provinceCode: '990000',
    number: 'test〔2022〕2号',
    startYear: 2022,
    endYear: 2025,
    targets: [
      target({
        key: 'all-by-2025',
        kind: 'calendarLevel',
        dimension: 'institutions',
        minPct: 100,
        dueOn: '2025-12-31',
      }),
      target({
        key: 'ladder',
        kind: 'eventLadder',
        dimension: 'institutions',
        event: 'launch',
        steps: [40, 70, 100],
      }),
    ],
  });
  const code = '990100';
  const quarters = [
    quarter(code, '2022Q4', 'notStarted'),
    quarter(code, '2023Q4', 'notStarted'),
    quarter(code, '2024Q2', 'preparing', { coveredInstitutions: 10 }),
    quarter(code, '2024Q4', 'preparing', { coveredInstitutions: 30 }),
  ];

  it('a region that launched in 2024 is judged from its launch, not from a 2022 report that shows it had not started', () => {
    const [at] = run(endState, quarters, [code], ['2024Q4'], 'institutions');
    const status = at!.regions[code]!.status;
    expect(status.baseline).toEqual({ date: '2024-06-30', pct: 10 });
    // 40 % owed at end-2024 (year 1 of its ladder), 30 % reached: overdue, since 2024-12-31
    expect(status.status).toBe('overdue');
    expect(status.overdue).toEqual({ since: '2024-12-31', quarters: 0 });
  });
});
