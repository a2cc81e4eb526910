import { describe, expect, it } from 'vitest';
import type { GapCell, GapGridRow } from '../../charts/shape.ts';
import { DEFAULT_VIEW } from '../../state/viewState.ts';
import { arrangeProvinces } from './arrange.ts';

const cell = (status: GapCell['status'], gap: number | null, actual: number | null): GapCell => ({
  dimension: 'institutions',
  actual,
  target: 50,
  gap,
  status,
  against: 'plan',
  reportState: actual == null ? 'none' : 'accepted',
});
const row = (code: string, hasPlan: boolean, c: GapCell | null): GapGridRow => ({
  code,
  nameZh: code,
  nameEn: code,
  hasPlan,
  planDocument: hasPlan ? 'doc' : null,
  milestonesMissed: 0,
  cells: { regions: null, institutions: c, diseaseGroups: null, fund: null },
});

const rows = [
  row('110000', false, cell('met', 5, 80)),
  row('210000', true, cell('overdue', -30, 40)),
  row('430000', true, cell('onTrack', -2, 60)),
  row('440000', false, cell('noReport', null, null)),
  row('650000', false, cell('accelerationNeeded', -12, 45)),
];
const view = { ...DEFAULT_VIEW, dimension: 'institutions' as const };
const codes = (r: GapGridRow[]) => r.map((x) => x.code);

describe('the overview a reviewer can scan', () => {
  it('keeps the administrative order by default', () => {
    expect(codes(arrangeProvinces(rows, view))).toEqual(codes(rows));
  });

  it('sorts by gap, furthest behind first, and provinces without a figure last', () => {
    expect(codes(arrangeProvinces(rows, { ...view, sort: 'gap' }))).toEqual([
      '210000',
      '650000',
      '430000',
      '110000',
      '440000',
    ]);
  });

  it('sorts by status, worst first', () => {
    expect(codes(arrangeProvinces(rows, { ...view, sort: 'status' }))[0]).toBe('210000');
    expect(codes(arrangeProvinces(rows, { ...view, sort: 'status' })).at(-1)).toBe('440000');
  });

  it('sorts by actual coverage, highest first', () => {
    expect(codes(arrangeProvinces(rows, { ...view, sort: 'actual' })).slice(0, 2)).toEqual([
      '110000',
      '430000',
    ]);
  });

  it('filters by status, by plan or national plan, and to provinces with data', () => {
    expect(
      codes(arrangeProvinces(rows, { ...view, statuses: ['overdue', 'accelerationNeeded'] })),
    ).toEqual(['210000', '650000']);
    expect(codes(arrangeProvinces(rows, { ...view, plans: 'own' }))).toEqual(['210000', '430000']);
    expect(codes(arrangeProvinces(rows, { ...view, plans: 'national' }))).toEqual([
      '110000',
      '440000',
      '650000',
    ]);
    expect(codes(arrangeProvinces(rows, { ...view, withData: true }))).not.toContain('440000');
  });
});
