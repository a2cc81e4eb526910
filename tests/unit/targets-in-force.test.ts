import { describe, expect, it } from 'vitest';
import { milestonesAt } from '../../server/domain/milestones.ts';
import { requirementsFor } from '../../server/domain/targets.ts';
import { owedAt, plannedAt } from '../../server/domain/targets-in-force.ts';
import { deriveTimeline, EMPTY_TIMELINE, timelineAsOf } from '../../server/domain/timeline.ts';
import type { RegionTimeline } from '../../server/domain/types.ts';
import {
  ANHUI,
  anhuiPlan,
  HUNAN,
  hunanPlan,
  LIAONING,
  liaoningPlan,
  nationalPlan,
  quarter,
} from './fixtures.ts';

const launched = (on: string): RegionTimeline => ({ ...EMPTY_TIMELINE, launch: on });
const hunanLadder = hunanPlan.targets.find((t) => t.key === 'institutions-ladder')!;

describe('Hunan: institutions counted from each 市州 launch (40 / 30 / 30 a year)', () => {
  it('a 市州 that launched in 2022 owes 40 % at end-2022 and 70 % at end-2023', () => {
    const t = launched('2022-06-30');
    expect(owedAt(hunanPlan, HUNAN.changsha, t, '2022-12-31', 'institutions').level).toBe(40);
    expect(owedAt(hunanPlan, HUNAN.changsha, t, '2023-12-31', 'institutions').level).toBe(70);
    expect(owedAt(hunanPlan, HUNAN.changsha, t, '2022-09-30', 'institutions').level).toBe(0);
  });

  it('a 市州 that launched in 2023 owes 40 % at end-2023, and nothing at end-2022: not yet due', () => {
    const t = launched('2023-06-30');
    const end2023 = owedAt(hunanPlan, HUNAN.zhuzhou, t, '2023-12-31', 'institutions');
    expect(end2023.level).toBe(40);
    expect(end2023.inForce.find((x) => x.decides)?.key).toBe('institutions-ladder');
    // At end-2022 the ladder's clock had not started (no launch yet): nothing is owed.
    expect(requirementsFor(hunanLadder, timelineAsOf(t, '2022-12-31'))).toEqual([]);
    const end2022 = owedAt(hunanPlan, HUNAN.zhuzhou, t, '2022-12-31', 'institutions');
    expect(end2022.level).toBe(0);
    expect(end2022.inForce).toEqual([]);
    expect(end2022.next).toMatchObject({
      key: 'institutions-ladder',
      level: 40,
      dueOn: '2023-12-31',
    });
  });

  it('the strictest target in force wins: the end-2024 acceptance (100 %) beats the ladder (70 %) for a 2023 starter', () => {
    const owed = owedAt(
      hunanPlan,
      HUNAN.zhuzhou,
      launched('2023-06-30'),
      '2024-12-31',
      'institutions',
    );
    expect(owed.level).toBe(100);
    expect(owed.inForce.map((t) => [t.key, t.level, t.decides])).toEqual([
      ['institutions-acceptance-2024', 100, true],
      ['institutions-ladder', 70, false],
    ]);
  });

  it('a pilot that launched before the plan starts its ladder in the floor year', () => {
    expect(requirementsFor(hunanLadder, launched('2019-07-01')).map((r) => r.dueOn)).toEqual([
      '2022-12-31',
      '2023-12-31',
      '2024-12-31',
    ]);
  });
});

describe('national plan: "2024年启动地区须于两年内完成"', () => {
  it('a region launching in 2024 owes 40 % at end-2024 and 100 % of institutions at end-2025', () => {
    const t = launched('2024-03-31');
    expect(owedAt(nationalPlan, '430100', t, '2024-12-31', 'institutions').level).toBe(40);
    expect(owedAt(nationalPlan, '430100', t, '2025-12-31', 'institutions').level).toBe(100);
  });

  it('a region launching in 2023 follows the full ladder: 40 / 70 / 100', () => {
    const t = launched('2023-03-31');
    expect(
      ['2023-12-31', '2024-12-31', '2025-12-31'].map(
        (d) => owedAt(nationalPlan, '430100', t, d, 'institutions').level,
      ),
    ).toEqual([40, 70, 100]);
  });
});

describe('Liaoning other cities: fund 70 % "于 2 年之内" of actual payment', () => {
  const reports = [
    quarter(LIAONING.benxi, '2023Q3', 'simulated'),
    quarter(LIAONING.benxi, '2023Q4', 'actual'),
  ];
  const timeline = deriveTimeline(reports);

  it('actual payment reported first in 2023Q4 is dated 2023-12-31', () => {
    expect(timeline.actualPayment).toBe('2023-12-31');
  });

  it('owes fund ≥ 70 % by end-2025 and not before', () => {
    expect(owedAt(liaoningPlan, LIAONING.benxi, timeline, '2025-09-30', 'fund').level).toBe(0);
    const due = owedAt(liaoningPlan, LIAONING.benxi, timeline, '2025-12-31', 'fund');
    expect(due.level).toBe(70);
    expect(due.inForce[0]).toMatchObject({ key: 'fund-other-within-2-years', soft: true });
  });

  it("a national pilot city is not bound by the other cities' clause", () => {
    expect(
      owedAt(liaoningPlan, LIAONING.shenyang, timeline, '2025-12-31', 'fund').clockStarted,
    ).toBe(false);
  });
});

describe('Anhui: 亳州 in actual payment "2023 年 6 月底前"', () => {
  const simulatedThrough2023Q2 = deriveTimeline([
    quarter(ANHUI.bozhou, '2022Q4', 'simulated'),
    quarter(ANHUI.bozhou, '2023Q2', 'simulated'),
  ]);

  it('not in actual payment at 2023Q2: the milestone is missed', () => {
    expect(milestonesAt(anhuiPlan, ANHUI.bozhou, simulatedThrough2023Q2, '2023-06-30')).toEqual([
      expect.objectContaining({
        key: 'new-actual-2023-06',
        state: 'missed',
        dueOn: '2023-06-30',
        reachedOn: null,
      }),
      // launched ("2022 年，全省 17 个统筹地区全部开展") by its 2022Q4 report: on time
      expect.objectContaining({ key: 'all-launch-2022', state: 'met', reachedOn: '2022-12-31' }),
    ]);
  });

  it('at 2023Q1 it is not yet due', () => {
    expect(
      milestonesAt(anhuiPlan, ANHUI.bozhou, simulatedThrough2023Q2, '2023-03-31')[0]!.state,
    ).toBe('notYetDue');
  });

  it('reaching actual payment in 2023Q3 is "met late"; in 2023Q2 it is met', () => {
    const late = deriveTimeline([quarter(ANHUI.bozhou, '2023Q3', 'actual')]);
    expect(milestonesAt(anhuiPlan, ANHUI.bozhou, late, '2023-09-30')[0]!.state).toBe('metLate');
    const onTime = deriveTimeline([quarter(ANHUI.bozhou, '2023Q2', 'actual')]);
    expect(milestonesAt(anhuiPlan, ANHUI.bozhou, onTime, '2023-06-30')[0]!.state).toBe('met');
  });

  it('an actual-payment milestone makes the region owe 100 on the regions dimension from its deadline', () => {
    expect(
      owedAt(anhuiPlan, ANHUI.bozhou, simulatedThrough2023Q2, '2023-03-31', 'regions').level,
    ).toBe(0);
    expect(
      owedAt(anhuiPlan, ANHUI.bozhou, simulatedThrough2023Q2, '2023-06-30', 'regions').level,
    ).toBe(100);
    expect(
      owedAt(anhuiPlan, ANHUI.hefei, simulatedThrough2023Q2, '2023-06-30', 'regions').clockStarted,
    ).toBe(false);
  });
});

describe('planned path: the owed staircase joined with straight lines', () => {
  const t = launched('2022-06-30');

  it('rises from 0 at the launch to the first step, then from step to step, and holds the last', () => {
    // Hunan ladder from 2022-06-30: 40 at 2022-12-31; calendar acceptance starts the clock at 2022-01-01.
    expect(plannedAt(hunanPlan, HUNAN.changsha, t, '2021-12-31', 'institutions')).toBeNull();
    expect(plannedAt(hunanPlan, HUNAN.changsha, t, '2022-12-31', 'institutions')).toBe(40);
    expect(plannedAt(hunanPlan, HUNAN.changsha, t, '2023-07-02', 'institutions')).toBeCloseTo(
      55,
      0,
    );
    expect(plannedAt(hunanPlan, HUNAN.changsha, t, '2026-06-30', 'institutions')).toBe(100);
    const mid2022 = plannedAt(hunanPlan, HUNAN.changsha, t, '2022-07-02', 'institutions')!;
    expect(mid2022).toBeGreaterThan(19);
    expect(mid2022).toBeLessThan(21);
  });

  it('owed is a step function: between due dates it stays at the last level', () => {
    expect(owedAt(hunanPlan, HUNAN.changsha, t, '2023-07-02', 'institutions').level).toBe(40);
  });
});
