/** Issue 11.11: which quarters a plan makes a province report, and by when. */
import { describe, expect, it } from 'vitest';
import { quarterDuty } from '../../server/domain/reporting-duty.ts';

const DEFAULT_DAYS = 15;

describe('a plan’s reporting duty', () => {
  const hunan = { frequency: 'quarterly', startsOn: '2022-06-01', deadlineDays: null } as const;

  it('Hunan dispatches "2022年6月份起，按季度": 2022Q1 is not owed, 2022Q2 is, 15 days after June', () => {
    expect(quarterDuty(hunan, 2022, '2022Q1', DEFAULT_DAYS)).toMatchObject({
      owed: false,
      deadline: null,
    });
    expect(quarterDuty(hunan, 2022, '2022Q2', DEFAULT_DAYS)).toEqual({
      owed: true,
      deadline: '2022-07-15',
      startsOn: '2022-06-01',
      finerThanQuarter: false,
    });
  });

  it('a quarterly duty with no start of its own runs from 1 January of the plan’s first year', () => {
    const liaoning = { frequency: 'quarterly', startsOn: null, deadlineDays: null } as const;
    expect(quarterDuty(liaoning, 2022, '2022Q1', DEFAULT_DAYS).owed).toBe(true);
    expect(quarterDuty(liaoning, 2022, '2021Q4', DEFAULT_DAYS).owed).toBe(false);
  });

  it('a plan’s own deadline replaces the default, and is counted in calendar days', () => {
    const d = quarterDuty(
      { frequency: 'quarterly', startsOn: null, deadlineDays: 31 },
      2022,
      '2024Q4',
      DEFAULT_DAYS,
    );
    expect(d.deadline).toBe('2025-01-31');
  });

  it('Fujian’s monthly dispatch is owed quarter by quarter and marked finer than the tracker checks', () => {
    const fujian = { frequency: 'monthly', startsOn: null, deadlineDays: null } as const;
    expect(quarterDuty(fujian, 2022, '2023Q3', DEFAULT_DAYS)).toMatchObject({
      owed: true,
      finerThanQuarter: true,
    });
  });

  it('Inner Mongolia (no periodic duty) and Anhui (a mechanism, no frequency) owe no quarter', () => {
    for (const frequency of ['none', 'unspecified'] as const)
      expect(
        quarterDuty({ frequency, startsOn: null, deadlineDays: null }, 2022, '2023Q3', 15),
      ).toEqual({ owed: false, deadline: null, startsOn: null, finerThanQuarter: false });
  });
});
