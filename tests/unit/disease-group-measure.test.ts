/**
 * 入组率 as the plans define it: "DRG/DIP 付费医疗机构病组（病种）入组率" (Liaoning 二、（三）,
 * Hunan 四、（二）) — the cases grouped at the institutions paid by DRG/DIP over those
 * institutions' cases, not over every inpatient case of the region.
 */
import { describe, expect, it } from 'vitest';
import { coverageOf, rollUpCoverage } from '../../server/domain/coverage.ts';
import { hardErrors, type ReportRowInput } from '../../server/domain/report-rules.ts';
import { warnings } from '../../server/domain/report-warnings.ts';
import { quarter } from './fixtures.ts';

describe('the disease-group rate a reviewer reads', () => {
  // 40 % of institutions paid by DRG/DIP; their hospitals group 95 % of their cases.
  const row = quarter('430100', '2023Q4', 'actual', {
    eligibleInstitutions: 100,
    coveredInstitutions: 40,
    inpatientCases: 10_000,
    groupedCases: 5_700,
    paidInstitutionCases: 6_000,
    paidInstitutionGroupedCases: 5_700,
  });

  it('counts the cases at the paid institutions, as the plans do, not the whole region', () => {
    expect(coverageOf(row, 'diseaseGroups')).toEqual({
      numerator: 5_700,
      denominator: 6_000,
      pct: 95,
      basis: 'paidInstitutions',
    });
  });

  it('reads a report saved before those figures existed on the region-wide cases, and says so', () => {
    const old = { ...row, paidInstitutionCases: null, paidInstitutionGroupedCases: null };
    expect(coverageOf(old, 'diseaseGroups')).toEqual({
      numerator: 5_700,
      denominator: 10_000,
      pct: 57,
      basis: 'regionWide',
    });
  });

  it('a region with cases but no paid institution groups none of them for payment: 0 %', () => {
    const none = quarter('430200', '2023Q4', 'preparing', {
      inpatientCases: 8_000,
      paidInstitutionCases: 0,
      paidInstitutionGroupedCases: 0,
    });
    expect(coverageOf(none, 'diseaseGroups').pct).toBe(0);
    const province = rollUpCoverage([
      coverageOf(row, 'diseaseGroups'),
      coverageOf(none, 'diseaseGroups'),
    ]);
    // the province rate is over the paid institutions' cases only
    expect(province).toMatchObject({ numerator: 5_700, denominator: 6_000, pct: 95 });
    expect(rollUpCoverage([coverageOf(none, 'diseaseGroups')]).pct).toBe(0);
  });

  it('a province mixing old and new reports says its rate is on a mixed basis', () => {
    const old = { ...row, paidInstitutionCases: null, paidInstitutionGroupedCases: null };
    expect(
      rollUpCoverage([coverageOf(row, 'diseaseGroups'), coverageOf(old, 'diseaseGroups')]),
    ).toMatchObject({ basis: 'mixed' });
    expect(coverageOf(row, 'institutions').basis).toBeUndefined();
  });
});

describe('the figures of the paid institutions in a report', () => {
  const base: ReportRowInput = {
    regionCode: '430100',
    method: 'DRG',
    stage: 'actual',
    eligibleInstitutions: 100,
    coveredInstitutions: 40,
    inpatientCases: 10_000,
    groupedCases: 5_800,
    paidInstitutionCases: 6_000,
    paidInstitutionGroupedCases: 5_700,
    inpatientFund: '1000.00',
    drgDipFund: '400.00',
  };
  const ctx = { provinceRegions: new Set(['430100']), knownRegions: new Map<string, string>() };
  const errors = (r: Partial<ReportRowInput>) =>
    hardErrors([{ ...base, ...r }], ctx).map((p) => `${p.path} ${p.code}`);

  it('are accepted when they sit inside the region-wide figures', () => {
    expect(errors({})).toEqual([]);
  });

  it('come both or not at all', () => {
    expect(errors({ paidInstitutionGroupedCases: null })).toEqual([
      '/rows/0/paidInstitutionGroupedCases paidCasesIncomplete',
    ]);
    expect(errors({ paidInstitutionCases: null, paidInstitutionGroupedCases: null })).toEqual([]);
  });

  it('cannot exceed the region-wide cases, nor group more than they hold', () => {
    expect(errors({ paidInstitutionCases: 10_001, paidInstitutionGroupedCases: 5_000 })).toEqual([
      '/rows/0/paidInstitutionCases paidCasesAboveCases',
    ]);
    expect(errors({ paidInstitutionGroupedCases: 6_001 })).toEqual([
      '/rows/0/paidInstitutionGroupedCases groupedAboveCases',
      '/rows/0/paidInstitutionGroupedCases paidGroupedAboveGrouped',
    ]);
    expect(errors({ coveredInstitutions: 0 })).toEqual([
      '/rows/0/paidInstitutionCases paidCasesWithoutInstitutions',
    ]);
    expect(errors({ paidInstitutionCases: -1 })).toContain(
      '/rows/0/paidInstitutionCases notACount',
    );
  });

  it('when left out by a paying region, the reviewer is told the rate is read region-wide', () => {
    const w = warnings(
      [{ ...base, paidInstitutionCases: null, paidInstitutionGroupedCases: null }],
      new Map(),
      true,
    );
    expect(w.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/rows/0/paidInstitutionCases paidCasesMissing',
    ]);
    const notPaying = { ...base, stage: 'preparing' as const, coveredInstitutions: 0 };
    expect(warnings([{ ...notPaying, paidInstitutionCases: null }], new Map(), true)).toEqual([]);
  });

  it('a jump in the rate is measured on the paid institutions when both quarters have them', () => {
    const before = { ...base, paidInstitutionCases: 3_000, paidInstitutionGroupedCases: 1_500 };
    const w = warnings([base], new Map([['430100', before]]), true);
    expect(w.map((p) => `${p.path} ${p.code}`)).toContain(
      '/rows/0/paidInstitutionGroupedCases jump',
    );
  });
});
