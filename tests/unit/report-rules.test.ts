import { describe, expect, it } from 'vitest';
import { hardErrors, MAX_COUNT } from '../../server/domain/report-rules.ts';

const ctx = {
  provinceRegions: new Set(['210100', '210200', '210300']),
  knownRegions: new Map([
    ['210100', '210000'],
    ['210200', '210000'],
    ['210300', '210000'],
    ['430100', '430000'],
  ]),
};
const row = (regionCode: string, over: Record<string, unknown> = {}) => ({
  regionCode,
  method: 'DRG',
  stage: 'actual',
  eligibleInstitutions: 100,
  coveredInstitutions: 60,
  inpatientCases: 5000,
  groupedCases: 4000,
  inpatientFund: '800.00',
  drgDipFund: '500.00',
  ...over,
});
const found = (rows: unknown[], skip?: Set<string>) =>
  hardErrors(rows, ctx, skip).map((p) => `${p.path} ${p.code}`);

describe('a quarter is checked in one pass', () => {
  it('three different rules broken in three rows are all named', () => {
    expect(
      found([
        row('210100', { coveredInstitutions: 101 }),
        row('210200', { groupedCases: 5001 }),
        row('210300', { drgDipFund: '800.01' }),
      ]),
    ).toEqual([
      '/rows/0/coveredInstitutions coveredAboveEligible',
      '/rows/1/groupedCases groupedAboveCases',
      '/rows/2/drgDipFund fundAboveTotal',
    ]);
  });

  it('a 3-decimal amount in one row and covered > eligible in another come back together', () => {
    expect(
      found([
        row('210100', { inpatientFund: '800.123' }),
        row('210200', { coveredInstitutions: 200 }),
      ]),
    ).toEqual([
      '/rows/0/inpatientFund notAnAmount',
      '/rows/1/coveredInstitutions coveredAboveEligible',
    ]);
  });

  it('a number with three decimals is refused, never rounded to two', () => {
    expect(found([row('210100', { drgDipFund: 1.234 })])).toEqual([
      '/rows/0/drgDipFund notAnAmount',
    ]);
    expect(found([row('210100', { drgDipFund: 1.23 })])).toEqual([]);
  });

  it('missing fields, wrong kinds and a row that is not a row are problems at their place, never an exception', () => {
    const { eligibleInstitutions: _e, ...noEligible } = row('210100');
    expect(
      found([
        noEligible,
        row('210200', { stage: 7, method: 'CHS', inpatientCases: '5000', note: { a: 1 } }),
        'a row',
        row('210300', { coveredInstitutions: MAX_COUNT + 1, eligibleInstitutions: MAX_COUNT + 2 }),
      ]),
    ).toEqual([
      '/rows/0/eligibleInstitutions required',
      '/rows/1/stage unknownStage',
      '/rows/1/method unknownMethod',
      '/rows/1/inpatientCases notACount',
      '/rows/1/note tooLong',
      '/rows/2 notARow',
      '/rows/3/eligibleInstitutions notACount',
      '/rows/3/coveredInstitutions notACount',
    ]);
  });

  it('a rule needing an unreadable field is not applied, and a field judged elsewhere is not judged twice', () => {
    // eligible unreadable: covered > eligible cannot be judged, and nothing is said twice
    expect(found([row('210100', { eligibleInstitutions: 'x', coveredInstitutions: 5 })])).toEqual([
      '/rows/0/eligibleInstitutions notACount',
    ]);
    const { eligibleInstitutions: _e, ...fromFile } = row('210100', { coveredInstitutions: 500 });
    expect(found([fromFile], new Set(['/rows/0/eligibleInstitutions']))).toEqual([]);
  });

  it('regions of another province, unknown and repeated ones are named', () => {
    expect(found([row('210100'), row('430100'), row('999999'), row('210100')])).toEqual([
      '/rows/1/regionCode regionOfAnotherProvince',
      '/rows/2/regionCode unknownRegion',
      '/rows/3/regionCode duplicateRegion',
    ]);
  });
});
