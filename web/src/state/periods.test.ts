import { describe, expect, it } from 'vitest';
import { effectivePeriod, lastFullQuarter, latestReported, periodOptions } from './periods.ts';

describe('period picker', () => {
  it('offers every quarter from the latest back to 2022Q1', () => {
    expect(periodOptions('2022Q3')).toEqual(['2022Q3', '2022Q2', '2022Q1']);
    expect(periodOptions('2024Q4')).toHaveLength(12);
  });

  it('"latest" is the newest quarter any province reported', () => {
    expect(
      latestReported([
        { latestPeriod: '2023Q4' },
        { latestPeriod: null },
        { latestPeriod: '2024Q1' },
        { latestPeriod: '2023Q2' },
      ]),
    ).toBe('2024Q1');
    expect(latestReported([{ latestPeriod: null }])).toBeNull();
  });

  it('falls back to the latest when the URL asks for a quarter outside the range', () => {
    expect(effectivePeriod('2023Q2', '2024Q2')).toBe('2023Q2');
    expect(effectivePeriod('2030Q1', '2024Q2')).toBe('2024Q2');
    expect(effectivePeriod('2019Q4', '2024Q2')).toBe('2024Q2');
    expect(effectivePeriod(null, '2024Q2')).toBe('2024Q2');
  });

  it('without any report, the last quarter that has ended', () => {
    expect(lastFullQuarter(new Date(Date.UTC(2024, 6, 15)))).toBe('2024Q2');
    expect(lastFullQuarter(new Date(Date.UTC(2024, 0, 2)))).toBe('2023Q4');
  });
});
