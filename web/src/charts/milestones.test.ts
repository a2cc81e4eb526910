import { describe, expect, it } from 'vitest';
import type { MilestoneDto, SeriesDto } from '../../../server/modules/trajectory/schemas.ts';
import { milestoneCounts, milestoneRows } from './milestones.ts';
import { regionRows } from './shape.ts';

const milestone = (key: string, state: MilestoneDto['state'], dueOn: string): MilestoneDto => ({
  key,
  planSlug: 'hunan-2021-75',
  requiredStage: 'preparing',
  dueOn,
  reachedOn: state === 'met' ? '2022-06-30' : null,
  state,
  fromShareOfRegions: false,
  soft: false,
  interpretation: null,
  interpretationZh: null,
  source: {
    document: '湘医保发〔2021〕75号',
    clauseRef: '二、',
    quote: '2022 年全省各市州启动',
    line: 4830,
  },
});
const region = (key: string, milestones: MilestoneDto[]) =>
  ({
    scope: 'region',
    key,
    nameZh: key,
    nameEn: key,
    points: [],
    milestones,
    status: { status: 'met', ratio: null, target: null, baseline: null, overdue: null, note: '' },
  }) as unknown as SeriesDto;

describe('stage milestones on the province page', () => {
  const series = [
    region('430100', [milestone('hn-launch-2022', 'met', '2022-12-31')]),
    region('430200', [milestone('hn-launch-2022', 'missed', '2022-12-31')]),
  ];

  it('lists a missed milestone first, so a region behind on a deadline is never below the fold', () => {
    expect(milestoneRows(series).map((r) => [r.region, r.state])).toEqual([
      ['430200', 'missed'],
      ['430100', 'met'],
    ]);
  });

  it('counts every state, zeros included', () => {
    expect(milestoneCounts(milestoneRows(series))).toEqual([
      { state: 'missed', count: 1 },
      { state: 'metLate', count: 0 },
      { state: 'notYetDue', count: 0 },
      { state: 'met', count: 1 },
    ]);
  });

  it('gives each region of the region table its worst milestone state', () => {
    const rows = regionRows([{ dimension: 'regions', series }], null);
    expect(rows.find((r) => r.code === '430200')!.milestones).toMatchObject({
      worst: 'missed',
      counts: { missed: 1 },
    });
    expect(rows.find((r) => r.code === '430100')!.milestones.worst).toBe('met');
  });
});
