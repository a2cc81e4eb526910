import { describe, expect, it } from 'vitest';
import type { ProgressInput } from '../../server/domain/status.ts';
import { assessProgress, growthRatio, statusOfRatio } from '../../server/domain/status.ts';

describe('progress status: observed growth over required growth', () => {
  it('worked example: 10 in 2015, 20 in 2020, target 50 in 2030 → ratio 0.75, acceleration needed', () => {
    const g = growthRatio({ t: 2015, x: 10 }, { t: 2020, x: 20 }, { t: 2030, x: 50 })!;
    expect(g.actual).toBe(2); // (20 − 10) / 5 = 2 points a year
    expect(g.required).toBeCloseTo(40 / 15, 12); // (50 − 10) / 15 ≈ 2.667 points a year
    expect(g.ratio).toBeCloseTo(0.75, 12);
    expect(statusOfRatio(g.ratio)).toBe('accelerationNeeded');
  });

  it('the same example on quarter-end dates gives the same verdict', () => {
    const a = assessProgress({
      hasPlan: true,
      at: '2020-12-31',
      observations: [
        { period: '2015Q4', pct: 10 },
        { period: '2020Q4', pct: 20 },
      ],
      clock: { start: '2015-12-31', zeroAtStart: false },
      requirements: [{ dueOn: '2030-12-31', pct: 50 }],
    });
    expect(a.status).toBe('accelerationNeeded');
    expect(a.ratio).toBeCloseTo(0.75, 3);
    expect(a.baseline).toEqual({ date: '2015-12-31', pct: 10 });
    expect(a.target).toEqual({ dueOn: '2030-12-31', pct: 50, overdue: false });
  });

  it('thresholds: 0.95 is on track, 0.60 needs acceleration, 0 is limited progress, below 0 deterioration', () => {
    expect(statusOfRatio(0.95)).toBe('onTrack');
    expect(statusOfRatio(0.9499)).toBe('accelerationNeeded');
    expect(statusOfRatio(0.6)).toBe('accelerationNeeded');
    expect(statusOfRatio(0.5999)).toBe('limitedProgress');
    expect(statusOfRatio(0)).toBe('limitedProgress');
    expect(statusOfRatio(-0.0001)).toBe('deterioration');
  });
});

describe('status of a region against its owed staircase', () => {
  const base: ProgressInput = {
    hasPlan: true,
    at: '2023-06-30',
    observations: [
      { period: '2022Q4', pct: 10 },
      { period: '2023Q2', pct: 30 },
    ],
    clock: { start: '2022-06-30', zeroAtStart: true },
    requirements: [
      { dueOn: '2022-12-31', pct: 40 },
      { dueOn: '2023-12-31', pct: 70 },
    ],
  };

  it('a missed deadline is overdue (逾期未达标), never "acceleration needed", however close: 39 of 40', () => {
    const a = assessProgress({ ...base, observations: [{ period: '2023Q2', pct: 39 }] });
    expect(a.status).toBe('overdue');
    expect(a.target).toEqual({ dueOn: '2022-12-31', pct: 40, overdue: true });
    // overdue since end-2022, two quarters on at 2023Q2
    expect(a.overdue).toEqual({ since: '2022-12-31', quarters: 2 });
    expect(a.ratio).toBeCloseTo(39 / 40, 10); // the share of the required rise, for scale
  });

  it('overdue counts from the first deadline the current value misses, not from the last one', () => {
    const a = assessProgress({
      ...base,
      at: '2024-09-30',
      observations: [{ period: '2024Q3', pct: 50 }],
    });
    // 40 % (end-2022) is met; 70 % (end-2023) is not: overdue since 2023-12-31, 3 quarters
    expect(a).toMatchObject({ status: 'overdue', overdue: { since: '2023-12-31', quarters: 3 } });
  });

  it('coverage at launch is 0 by definition when no report speaks for that day', () => {
    const a = assessProgress({
      ...base,
      at: '2022-09-30',
      observations: [{ period: '2022Q3', pct: 20 }],
    });
    expect(a.baseline).toEqual({ date: '2022-06-30', pct: 0 });
    // 20 points in one quarter against 40 points in two: ratio ≈ 1 → on track for end-2022.
    expect(a.status).toBe('onTrack');
  });

  it('everything owed met and nothing ahead above the current value: met', () => {
    expect(
      assessProgress({ ...base, at: '2023-12-31', observations: [{ period: '2023Q4', pct: 72 }] })
        .status,
    ).toBe('met');
  });

  it('no clock, no report and no plan are statuses of their own, not gaps', () => {
    expect(assessProgress({ ...base, clock: null }).status).toBe('notYetDue');
    expect(
      assessProgress({ ...base, clock: { start: '2024-03-31', zeroAtStart: true } }).status,
    ).toBe('notYetDue');
    expect(assessProgress({ ...base, observations: [{ period: '2022Q4', pct: 10 }] }).status).toBe(
      'noReport',
    );
    expect(assessProgress({ ...base, hasPlan: false }).status).toBe('noPlan');
  });

  it('falling back below the baseline is deterioration', () => {
    const a = assessProgress({
      ...base,
      clock: { start: '2022-01-01', zeroAtStart: false },
      observations: [
        { period: '2022Q1', pct: 50 },
        { period: '2022Q3', pct: 45 },
      ],
      at: '2022-09-30',
      requirements: [{ dueOn: '2023-12-31', pct: 70 }],
    });
    expect(a.ratio).toBeLessThan(0);
    expect(a.status).toBe('deterioration');
  });

  it('one observation cannot show growth: insufficient data (数据不足), not a green "on track"', () => {
    const a = assessProgress({
      ...base,
      clock: { start: '2022-01-01', zeroAtStart: false },
      observations: [{ period: '2022Q2', pct: 10 }],
      at: '2022-06-30',
      requirements: [{ dueOn: '2022-12-31', pct: 40 }],
    });
    expect(a.status).toBe('insufficientData');
    expect(a.ratio).toBeNull();
    // a second quarter gives a rate: 10 → 25 in a quarter against 30 points in two
    const b = assessProgress({
      ...base,
      clock: { start: '2022-01-01', zeroAtStart: false },
      observations: [
        { period: '2022Q2', pct: 10 },
        { period: '2022Q3', pct: 25 },
      ],
      at: '2022-09-30',
      requirements: [{ dueOn: '2022-12-31', pct: 40 }],
    });
    expect(b.status).toBe('onTrack');
  });

  it('a region in actual payment or not is met, overdue or not yet due — never a growth ratio', () => {
    const binary = { ...base, binary: true, requirements: [{ dueOn: '2023-06-30', pct: 100 }] };
    const at = (period: string, pct: number) =>
      assessProgress({ ...binary, at: period, observations: [{ period: '2023Q2', pct }] });
    expect(at('2023-06-30', 100)).toMatchObject({ status: 'met', ratio: null });
    expect(at('2023-06-30', 0)).toMatchObject({
      status: 'overdue',
      ratio: null,
      overdue: { since: '2023-06-30', quarters: 0 },
    });
    const early = assessProgress({
      ...binary,
      at: '2023-03-31',
      observations: [{ period: '2023Q1', pct: 0 }],
    });
    expect(early).toMatchObject({ status: 'notYetDue', ratio: null });
  });

  it('exactly on the level owed is met, even when the two routes differ in the last binary digit', () => {
    // Anhui at 2022Q4: owed 82.3529411764706 by the roll-up, actual 82.35294117647058 (14 of 17)
    const a = assessProgress({
      ...base,
      at: '2022-12-31',
      observations: [{ period: '2022Q4', pct: 82.35294117647058 }],
      requirements: [{ dueOn: '2022-12-31', pct: 82.3529411764706 }],
    });
    expect(a.status).toBe('met');
  });

  it('a report without the figure is "no data", not "not reported"', () => {
    const a = assessProgress({
      ...base,
      observations: [{ period: '2023Q2', pct: null, reported: true }],
    });
    expect(a.status).toBe('noData');
  });
});
