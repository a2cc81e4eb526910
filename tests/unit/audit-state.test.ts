/**
 * The audit keeps a save's before and after compactly (rows as one array per field) and reads
 * them back as rows; what it recorded before that form reads as it was stored.
 */
import { describe, expect, it } from 'vitest';
import { auditState, stateAsRead } from '../../server/modules/reports/audit-state.ts';
import type { LoadedReport, StoredRow } from '../../server/modules/reports/load.ts';

const row = (regionCode: string, over: Partial<StoredRow> = {}): StoredRow => ({
  regionCode,
  regionNameZh: '沈阳市',
  regionNameEn: 'Shenyang',
  method: 'DRG',
  stage: 'actual',
  eligibleInstitutions: 100,
  coveredInstitutions: 60,
  inpatientCases: 5000,
  groupedCases: 4000,
  inpatientFund: '1234.50',
  drgDipFund: '1000.00',
  subsetEligibleInstitutions: null,
  subsetCoveredInstitutions: null,
  paidInstitutionCases: null,
  paidInstitutionGroupedCases: null,
  note: null,
  ...over,
});

const report = (rows: StoredRow[]): Omit<LoadedReport, 'previous'> => ({
  id: 7,
  provinceCode: '210000',
  period: '2024Q3',
  status: 'draft',
  version: 3,
  isDemo: false,
  submittedAt: null,
  acceptedAt: null,
  updatedAt: new Date('2026-12-02T06:00:00Z'),
  updatedBy: 'editor',
  preparedBy: '张三',
  checkedBy: null,
  contactPhone: null,
  filledOn: '2026-12-01',
  submittedWarnings: null,
  rows,
  comments: [
    { kind: 'comment', body: '请核对', author: 'reviewer', at: '2026-12-01T00:00:00.000Z' },
  ],
  missingRegions: ['210300'],
});

const withoutNames = ({ regionNameZh: _z, regionNameEn: _e, ...r }: StoredRow) => r;

describe("a save's state in the audit trail", () => {
  it('keeps the rows as one array per field and reads them back as rows, without names', () => {
    const rows = [
      row('210100'),
      row('210200', {
        method: null,
        stage: 'preparing',
        note: '=备注',
        paidInstitutionCases: 10,
        paidInstitutionGroupedCases: 9,
      }),
    ];
    const kept = auditState(report(rows));
    expect(kept.rows.regionCode).toEqual(['210100', '210200']);
    expect(kept.rows.coveredInstitutions).toEqual([60, 60]);
    expect(kept.rows).not.toHaveProperty('institutions');
    expect(JSON.stringify(kept)).not.toContain('沈阳市');
    const read = stateAsRead(JSON.parse(JSON.stringify(kept))) as { rows: unknown[] };
    expect(read).toMatchObject({ version: 3, status: 'draft', signOff: { preparedBy: '张三' } });
    expect(read.rows).toEqual(rows.map(withoutNames));
  });

  it('keeps the institutions behind a row only where a row has them', () => {
    const rows = [row('210100', { institutions: 12 }), row('210200')];
    const read = stateAsRead(JSON.parse(JSON.stringify(auditState(report(rows))))) as {
      rows: Record<string, unknown>[];
    };
    expect(read.rows[0]!.institutions).toBe(12);
    expect(read.rows[1]).not.toHaveProperty('institutions');
  });

  it('reads a state recorded as the whole answer, and any other state, as stored', () => {
    const whole = { status: 'draft', version: 2, rows: [row('210100')], warnings: [] };
    expect(stateAsRead(whole)).toEqual(whole);
    expect(stateAsRead({ status: 'returned', version: 4, comment: '请核实' })).toEqual({
      status: 'returned',
      version: 4,
      comment: '请核实',
    });
    expect(stateAsRead(null)).toBeNull();
  });
});
