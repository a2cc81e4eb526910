import { describe, expect, it } from 'vitest';
import { entryPeriods } from '../../state/periods.ts';
import {
  blankRow,
  differences,
  type FormRow,
  fieldKey,
  formRows,
  normaliseNumber,
  problemsByField,
  toBody,
} from './form.ts';

const filled = (code: string, patch: Partial<FormRow> = {}): FormRow => ({
  ...blankRow(code),
  method: 'DRG',
  stage: 'actual',
  eligibleInstitutions: '120',
  coveredInstitutions: '80',
  inpatientCases: '50000',
  groupedCases: '45000',
  paidInstitutionCases: '40000',
  paidInstitutionGroupedCases: '38000',
  inpatientFund: '80000.50',
  drgDipFund: '60000',
  ...patch,
});

describe('the entry form', () => {
  it('reads numbers the way people type them: separators, full-width digits, spaces', () => {
    expect(normaliseNumber('1,234')).toBe('1234');
    expect(normaliseNumber('1，234，567')).toBe('1234567');
    expect(normaliseNumber(' １２３４．５ ')).toBe('1234.5');
    expect(normaliseNumber('12 345')).toBe('12345');
  });

  it('sends only regions with something typed, numbers normalised, and remembers which row is which', () => {
    const body = toBody([
      blankRow('210100'),
      filled('210200', { eligibleInstitutions: '1,234', inpatientFund: '80,000.50', note: '  ' }),
    ]);
    expect(body.errors.size).toBe(0);
    expect(body.sent).toEqual(['210200']);
    expect(body.rows).toEqual([
      {
        regionCode: '210200',
        method: 'DRG',
        stage: 'actual',
        eligibleInstitutions: 1234,
        coveredInstitutions: 80,
        inpatientCases: 50000,
        groupedCases: 45000,
        inpatientFund: '80000.50',
        drgDipFund: '60000',
        subsetEligibleInstitutions: null,
        subsetCoveredInstitutions: null,
        paidInstitutionCases: 40000,
        paidInstitutionGroupedCases: 38000,
        note: null,
      },
    ]);
  });

  it('checks with the API’s own rules before sending: every form and rule problem at its field', () => {
    const body = toBody([
      filled('210100', { coveredInstitutions: 'abc', groupedCases: '', stage: '' }),
      filled('210200', { coveredInstitutions: '121' }),
      filled('210300', { inpatientFund: '1.234' }),
    ]);
    expect([...body.errors.keys()].sort()).toEqual([
      '210100/coveredInstitutions',
      '210100/groupedCases',
      '210100/stage',
      '210200/coveredInstitutions',
      '210300/inpatientFund',
    ]);
    expect(body.errors.get('210100/coveredInstitutions')).toEqual([
      {
        zh: 'DRG/DIP付费医疗机构数应为 0 到 100000000 之间的整数',
        en: 'Institutions paid by DRG/DIP must be a whole number from 0 to 100000000',
      },
    ]);
    expect(body.errors.get('210200/coveredInstitutions')).toEqual([
      {
        zh: '付费医疗机构数大于符合条件的医疗机构数',
        en: 'Covered institutions exceed eligible institutions',
      },
    ]);
  });

  it('puts the API’s problems back at the input they name, through the order the rows were sent in', () => {
    const sent = ['210200', '210300'];
    const { byField, other } = problemsByField(
      [
        {
          path: '/body/rows/1/coveredInstitutions',
          code: 'coveredAboveEligible',
          zh: '付费医疗机构数大于符合条件的医疗机构数',
          en: 'Covered institutions exceed eligible institutions',
        },
        { path: '/rows/210400', code: 'missingRegion', zh: '未填报', en: 'missing' },
        {
          path: '/params/period',
          code: 'outsidePlans',
          zh: '超出计划年份',
          en: 'outside plan years',
        },
      ],
      sent,
    );
    expect(byField.get(fieldKey('210300', 'coveredInstitutions'))).toEqual([
      {
        zh: '付费医疗机构数大于符合条件的医疗机构数',
        en: 'Covered institutions exceed eligible institutions',
      },
    ]);
    expect(byField.has(fieldKey('210400', 'row'))).toBe(true);
    expect(other.map((p) => p.path)).toEqual(['/params/period']);
  });

  it('compares what was typed with another version by value, not by spelling', () => {
    const theirs = formRows(['210100', '210200'], {
      rows: [
        {
          regionCode: '210100',
          regionNameZh: '沈阳市',
          regionNameEn: 'Shenyang',
          method: 'DRG',
          stage: 'actual',
          eligibleInstitutions: 1234,
          coveredInstitutions: 80,
          inpatientCases: 50000,
          groupedCases: 45000,
          inpatientFund: '80000.50',
          drgDipFund: '60000.00',
          subsetEligibleInstitutions: null,
          subsetCoveredInstitutions: null,
          paidInstitutionCases: 40000,
          paidInstitutionGroupedCases: 38000,
          note: null,
        },
      ],
    });
    const mine = [
      filled('210100', { eligibleInstitutions: '1,234', coveredInstitutions: '90' }),
      blankRow('210200'),
    ];
    expect([...differences(mine, theirs)]).toEqual(['210100/coveredInstitutions']);
  });

  it('offers every quarter up to the last full one, past the plans’ last year too', () => {
    // time does not stop at the plans' last year: 2026 is offered like any year
    expect(entryPeriods(new Date('2026-11-23'))[0]).toBe('2026Q3');
    expect(entryPeriods(new Date('2025-05-02'))[0]).toBe('2025Q1');
    expect(entryPeriods(new Date('2025-05-02')).at(-1)).toBe('2022Q1');
  });
});
