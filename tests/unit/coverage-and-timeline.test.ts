import { describe, expect, it } from 'vitest';
import { coverageOf, rollUpCoverage } from '../../server/domain/coverage.ts';
import {
  deriveTimeline,
  detectStageRegressions,
  timelineAsOf,
  timelineOrderProblems,
} from '../../server/domain/timeline.ts';
import { quarter } from './fixtures.ts';

describe('coverage of a region-quarter', () => {
  const row = quarter('430100', '2023Q4', 'actual', {
    eligibleInstitutions: 200,
    coveredInstitutions: 90,
    inpatientCases: 5000,
    groupedCases: 4600,
    inpatientFundCents: 8_000_000,
    drgDipFundCents: 4_000_000,
    subsetEligibleInstitutions: 40,
    subsetCoveredInstitutions: 30,
  });

  it('each dimension divides the figures the plans name', () => {
    expect(coverageOf(row, 'institutions')).toEqual({ numerator: 90, denominator: 200, pct: 45 });
    expect(coverageOf(row, 'diseaseGroups').pct).toBe(92);
    expect(coverageOf(row, 'fund').pct).toBe(50);
    expect(coverageOf(row, 'institutions', 'secondaryPublic').pct).toBe(75);
  });

  it('a region counts as covered on the regions dimension only once it pays for real', () => {
    expect(coverageOf(row, 'regions')).toEqual({ numerator: 1, denominator: 1, pct: 100 });
    expect(coverageOf({ ...row, stage: 'simulated' }, 'regions')).toEqual({
      numerator: 0,
      denominator: 1,
      pct: 0,
    });
  });

  it('nothing to cover gives no percentage rather than 0 % or 100 %', () => {
    expect(
      coverageOf({ ...row, eligibleInstitutions: 0, coveredInstitutions: 0 }, 'institutions').pct,
    ).toBeNull();
    expect(
      coverageOf(
        { ...row, subsetEligibleInstitutions: null, subsetCoveredInstitutions: null },
        'institutions',
        'secondaryPublic',
      ).pct,
    ).toBeNull();
  });

  it("a province's coverage is weighted by each region's denominator", () => {
    const big = { numerator: 270, denominator: 300, pct: 90 };
    const small = { numerator: 3, denominator: 30, pct: 10 };
    expect(rollUpCoverage([big, small]).pct).toBeCloseTo((273 / 330) * 100, 10);
  });
});

describe("a region's clock from its reports", () => {
  const reports = [
    quarter('210500', '2022Q3', 'notStarted'),
    quarter('210500', '2022Q4', 'simulated'),
    quarter('210500', '2023Q3', 'simulated'),
    quarter('210500', '2023Q4', 'actual'),
  ];

  it('an event is dated at the quarter end of the first report that reaches its stage', () => {
    // Skipping straight to 'simulated' in 2022Q4 means it had launched by then too.
    expect(deriveTimeline(reports)).toEqual({
      launch: '2022-12-31',
      simulatedPayment: '2022-12-31',
      actualPayment: '2023-12-31',
    });
  });

  it('a correction with a source beats the reports, and pulls implied earlier events back', () => {
    const t = deriveTimeline(reports, [{ kind: 'actualPayment', occurredOn: '2022-10-15' }]);
    expect(t).toEqual({
      launch: '2022-10-15',
      simulatedPayment: '2022-10-15',
      actualPayment: '2022-10-15',
    });
    const explicit = deriveTimeline(reports, [{ kind: 'launch', occurredOn: '2022-03-01' }]);
    expect(explicit.launch).toBe('2022-03-01');
    expect(
      timelineOrderProblems(
        deriveTimeline(
          [],
          [
            { kind: 'launch', occurredOn: '2023-01-01' },
            { kind: 'actualPayment', occurredOn: '2022-06-30' },
          ],
        ),
      ),
    ).toEqual([
      { earlier: 'launch', later: 'simulatedPayment' },
      { earlier: 'launch', later: 'actualPayment' },
    ]);
  });

  it('a stage going backwards is flagged as a warning and keeps the first date', () => {
    const back = [...reports, quarter('210500', '2024Q1', 'simulated')];
    expect(detectStageRegressions(back)).toEqual([
      { regionCode: '210500', period: '2024Q1', from: 'actual', to: 'simulated' },
    ]);
    expect(deriveTimeline(back).actualPayment).toBe('2023-12-31');
  });

  it('as of an earlier date, later events had not happened', () => {
    expect(timelineAsOf(deriveTimeline(reports), '2023-06-30')).toEqual({
      launch: '2022-12-31',
      simulatedPayment: '2022-12-31',
      actualPayment: null,
    });
  });
});
