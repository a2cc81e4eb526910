import { describe, expect, it } from 'vitest';
import { blankRow } from '../entry/form.ts';
import { formCoverage, rowCoverage, totalCoverage } from './coverage.ts';

const row = (code: string, figures: Record<string, string>) => ({ ...blankRow(code), ...figures });

describe('coverage in the browser', () => {
  it('reads what the editor typed, separators and full-width digits included', () => {
    const c = rowCoverage(
      row('a', {
        eligibleInstitutions: '1,200',
        coveredInstitutions: '６００',
        inpatientCases: '40000',
        groupedCases: '30000',
        paidInstitutionCases: '20000',
        paidInstitutionGroupedCases: '18000',
        inpatientFund: '9000.50',
        drgDipFund: '4500.25',
      }),
    );
    expect(c.institutions?.pct).toBe(50);
    // 入组率 on the paid institutions' cases, as the plans measure it
    expect(c.diseaseGroups).toMatchObject({ pct: 90, basis: 'paidInstitutions' });
    expect(c.fund?.pct).toBe(50);
  });

  it('leaves a share out while its figures are missing or not numbers', () => {
    const c = rowCoverage(row('a', { eligibleInstitutions: '100', coveredInstitutions: 'abc' }));
    expect(c).toEqual({ institutions: null, diseaseGroups: null, fund: null });
  });

  it('weighs each region by its denominator in the province total', () => {
    const rows = formCoverage([
      row('a', { eligibleInstitutions: '300', coveredInstitutions: '300' }),
      row('b', { eligibleInstitutions: '100', coveredInstitutions: '0' }),
      row('c', {}),
    ]);
    expect(totalCoverage([...rows.values()]).institutions).toMatchObject({
      numerator: 300,
      denominator: 400,
      pct: 75,
    });
  });
});
