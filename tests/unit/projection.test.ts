import { describe, expect, it } from 'vitest';
import { projectToTarget } from '../../server/domain/projection.ts';

describe('projection to the next target', () => {
  it('too few reported quarters says so instead of guessing', () => {
    const p = projectToTarget(
      [
        { period: '2023Q3', pct: 40 },
        { period: '2023Q4', pct: null },
        { period: '2024Q1', pct: 45 },
      ],
      { dueOn: '2024-12-31', pct: 70 },
    );
    expect(p).toEqual({
      enough: false,
      reason: 'A projection needs at least 3 reported quarters; 2 available.',
      basedOn: ['2023Q3', '2024Q1'],
    });
  });

  it('a straight line of +5 points a quarter from 55 % reaches 70 % in the third quarter after', () => {
    const p = projectToTarget(
      [
        { period: '2023Q1', pct: 40 },
        { period: '2023Q2', pct: 45 },
        { period: '2023Q3', pct: 50 },
        { period: '2023Q4', pct: 55 },
      ],
      { dueOn: '2024-12-31', pct: 70 },
    );
    expect(p.enough).toBe(true);
    if (!p.enough) return;
    expect(p.slopePerQuarter).toBeCloseTo(5, 10);
    expect(p.reachesTargetIn).toBe('2024Q3');
    expect(p.projectedAtTarget).toBeCloseTo(75, 10);
  });

  it('uses only the last four reported quarters, and a flat line never reaches a higher target', () => {
    const p = projectToTarget(
      [
        { period: '2022Q1', pct: 0 },
        { period: '2022Q2', pct: 30 },
        { period: '2022Q3', pct: 30 },
        { period: '2022Q4', pct: 30 },
        { period: '2023Q1', pct: 30 },
      ],
      { dueOn: '2023-12-31', pct: 70 },
    );
    expect(p).toMatchObject({
      enough: true,
      basedOn: ['2022Q2', '2022Q3', '2022Q4', '2023Q1'],
      slopePerQuarter: 0,
      reachesTargetIn: null,
      projectedAtTarget: 30,
    });
  });

  it('the projected value is kept within 0–100 %', () => {
    const p = projectToTarget(
      [
        { period: '2023Q1', pct: 70 },
        { period: '2023Q2', pct: 85 },
        { period: '2023Q3', pct: 100 },
      ],
      { dueOn: '2025-12-31', pct: 100 },
    );
    expect(p).toMatchObject({ enough: true, projectedAtTarget: 100, reachesTargetIn: '2023Q3' });
  });
});
