import { describe, expect, it } from 'vitest';
import {
  addQuarters,
  addYears,
  comparePeriods,
  formatPeriod,
  latestFullQuarter,
  nextPeriod,
  parsePeriod,
  periodOfDate,
  periodsBetween,
  quarterEnd,
  quarterStart,
  yearsBetween,
} from '../../server/domain/periods.ts';

describe('quarters and dates', () => {
  it('a quarterly report speaks for the last day of its quarter', () => {
    expect(quarterEnd('2023Q2')).toBe('2023-06-30');
    expect(quarterEnd('2023Q4')).toBe('2023-12-31');
    expect(quarterEnd('2024Q1')).toBe('2024-03-31');
    expect(quarterStart('2023Q3')).toBe('2023-07-01');
  });

  it('parses and formats periods, and refuses anything else', () => {
    expect(parsePeriod('2024Q3')).toEqual({ year: 2024, quarter: 3 });
    expect(parsePeriod('2024Q5')).toBeNull();
    expect(parsePeriod('2024-Q3')).toBeNull();
    expect(formatPeriod(2024, 3)).toBe('2024Q3');
  });

  it('steps across year ends and lists ranges inclusively', () => {
    expect(nextPeriod('2023Q4')).toBe('2024Q1');
    expect(addQuarters('2024Q1', -1)).toBe('2023Q4');
    expect(addQuarters('2022Q2', 7)).toBe('2024Q1');
    expect(periodsBetween('2023Q3', '2024Q2')).toEqual(['2023Q3', '2023Q4', '2024Q1', '2024Q2']);
    expect(periodsBetween('2024Q2', '2023Q3')).toEqual([]);
    expect(comparePeriods('2023Q4', '2024Q1')).toBeLessThan(0);
  });

  it('finds the quarter of a date and the latest full quarter, in UTC', () => {
    expect(periodOfDate('2023-06-30')).toBe('2023Q2');
    expect(periodOfDate('2023-07-01')).toBe('2023Q3');
    // 2024-07-01 00:30 in Beijing is still 30 June in UTC: Q2 has not ended there yet.
    expect(latestFullQuarter(new Date('2024-06-30T16:30:00Z'))).toBe('2024Q1');
    expect(latestFullQuarter(new Date('2024-07-01T00:00:00Z'))).toBe('2024Q2');
  });

  it('"within 2 years" keeps month and day, and 29 February falls back to the 28th', () => {
    expect(addYears('2023-12-31', 2)).toBe('2025-12-31');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(yearsBetween('2022-01-01', '2023-01-01')).toBeCloseTo(365 / 365.25, 10);
  });
});
