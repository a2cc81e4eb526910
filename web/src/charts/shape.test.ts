import { describe, expect, it } from 'vitest';
import type { ComparisonRow, CompletenessRow } from '../../../server/modules/comparison/schemas.ts';
import type {
  Point,
  SeriesDto,
  StatusDto,
  TargetRef,
} from '../../../server/modules/trajectory/schemas.ts';
import { STATUSES } from '../../../server/modules/trajectory/schemas.ts';
import { fixtureComparison, fixtureProvinces, fixtureTrajectory } from '../api/fixtures.ts';
import { gapStep, OKABE_ITO, REPORT_META, STATUS_META } from './config.ts';
import {
  completenessSummary,
  gapGrid,
  notYetDueSpan,
  periodOfDate,
  rankingRows,
  regionRows,
  rowAt,
  targetsOfRows,
  trajectoryMarkers,
  trajectoryRows,
} from './shape.ts';

const target = (level: number, dueOn: string, key = `t${level}`): TargetRef => ({
  key,
  planSlug: 'hunan-2021-75',
  level,
  dueOn,
  soft: false,
  interpretation: null,
  interpretationZh: null,
  source: {
    document: '湘医保发〔2021〕75号',
    clauseRef: '三、（二）',
    quote: '每年进度应分别不低于40%、30%、30%',
    line: 4834,
  },
});
const point = (period: string, over: Partial<Point> = {}): Point => ({
  period,
  actual: null,
  planned: null,
  owed: null,
  nationalPlanned: null,
  nationalOwed: null,
  notYetDue: false,
  targetsInForce: [],
  nextTarget: null,
  stage: null,
  method: null,
  ...over,
});
const status = (s: StatusDto['status']): StatusDto => ({
  status: s,
  ratio: null,
  target: null,
  baseline: null,
  overdue: null,
  note: '',
});
const series = (points: Point[], over: Partial<SeriesDto> = {}): SeriesDto => ({
  scope: 'province',
  key: '430000',
  nameZh: '湖南省',
  nameEn: 'Hunan',
  points,
  status: status('onTrack'),
  nationalStatus: status('met'),
  projection: {
    enough: true,
    reason: null,
    reasonZh: null,
    targetDate: null,
    targetLevel: null,
    projectedPct: null,
    reachesInPeriod: null,
    overdueSince: null,
  },
  milestones: [],
  ...over,
});

// a 2022 launch on the 40/70/100 ladder: nothing due until end-2022
const hunan = series([
  point('2022Q3', {
    actual: { numerator: '80', denominator: '400', pct: 20 },
    planned: 30,
    notYetDue: true,
    nextTarget: target(40, '2022-12-31'),
  }),
  point('2022Q4', {
    actual: { numerator: '180', denominator: '400', pct: 45 },
    planned: 40,
    owed: 40,
    nationalOwed: 40,
    targetsInForce: [target(40, '2022-12-31')],
    nextTarget: target(70, '2023-12-31'),
  }),
  point('2023Q1', {
    actual: null,
    planned: 47.5,
    owed: 40,
    nationalOwed: 40,
    targetsInForce: [target(40, '2022-12-31')],
    nextTarget: target(70, '2023-12-31'),
  }),
  point('2023Q2', {
    actual: { numerator: '220', denominator: '410', pct: 53.6585 },
    planned: 55,
    owed: 40,
    nationalOwed: 40,
    targetsInForce: [target(40, '2022-12-31')],
    nextTarget: target(70, '2023-12-31'),
  }),
]);

describe('trajectory chart data', () => {
  it('draws actual, planned path and owed steps per quarter; a missing report stays a gap, not a zero', () => {
    const rows = trajectoryRows(hunan);
    expect(rows.map((r) => [r.period, r.actual, r.planned, r.owed])).toEqual([
      ['2022Q3', 20, 30, null],
      ['2022Q4', 45, 40, 40],
      ['2023Q1', null, 47.5, 40],
      ['2023Q2', 53.6585, 55, 40],
    ]);
    expect(rows[0]).toMatchObject({ numerator: '80', denominator: '400', notYetDue: true });
    expect(trajectoryRows(hunan, '2022Q4').map((r) => r.period)).toEqual(['2022Q3', '2022Q4']);
  });

  it('marks year ends and target dates, a target date taking the year end’s place', () => {
    const rows = trajectoryRows(hunan);
    expect(trajectoryMarkers(rows)).toEqual([
      { period: '2022Q4', kind: 'target', label: '2022-12-31', level: 40 },
    ]);
    const longer = trajectoryRows(
      series([
        point('2023Q4'),
        point('2024Q1', { nextTarget: target(100, '2024-06-30') }),
        point('2024Q2'),
      ]),
    );
    expect(trajectoryMarkers(longer)).toEqual([
      { period: '2023Q4', kind: 'yearEnd', label: '2023', level: null },
      { period: '2024Q2', kind: 'target', label: '2024-06-30', level: 100 },
    ]);
  });

  it('shades the quarters when nothing is due yet', () => {
    expect(notYetDueSpan(trajectoryRows(hunan))).toEqual({ from: '2022Q3', to: '2022Q3' });
    expect(notYetDueSpan(trajectoryRows(series([point('2022Q1')])))).toBeNull();
  });

  it('lists each target once, by due date; picks the quarter to explain', () => {
    const rows = trajectoryRows(hunan);
    expect(targetsOfRows(rows).map((t) => [t.level, t.dueOn])).toEqual([
      [40, '2022-12-31'],
      [70, '2023-12-31'],
    ]);
    expect(rowAt(rows, '2023Q1')?.period).toBe('2023Q1');
    expect(rowAt(rows, null)?.period).toBe('2023Q2');
    expect(rowAt(rows, '2030Q1')?.period).toBe('2023Q2');
  });

  it('puts a due date in its quarter', () => {
    expect(periodOfDate('2023-06-30')).toBe('2023Q2');
    expect(periodOfDate('2024-12-31')).toBe('2024Q4');
    expect(periodOfDate('2022-01-01')).toBe('2022Q1');
  });
});

const row = (code: string, over: Partial<ComparisonRow>): ComparisonRow => ({
  province: { code, nameZh: code, nameEn: code },
  dimension: 'fund',
  hasPlan: true,
  plan: null,
  report: { status: 'accepted', isDemo: true },
  actual: null,
  planned: null,
  owed: null,
  nationalPlanned: null,
  nationalOwed: null,
  gapToPlan: null,
  gapToNational: null,
  status: 'onTrack',
  nationalStatus: 'met',
  target: null,
  milestones: { missed: 0, regionsMissing: [] },
  ...over,
});

describe('overview: gaps and ranking', () => {
  const rows = [
    row('430000', {
      actual: { numerator: '40', denominator: '100', pct: 40 },
      planned: 50,
      nationalPlanned: 35,
      owed: 30,
      nationalOwed: 30,
      gapToPlan: -10,
      gapToNational: 5,
      status: 'accelerationNeeded',
      nationalStatus: 'onTrack',
    }),
    row('110000', {
      hasPlan: false,
      actual: { numerator: '60', denominator: '100', pct: 60 },
      nationalPlanned: 50,
      nationalOwed: 50,
      gapToNational: 10,
      status: 'noPlan',
      nationalStatus: 'met',
    }),
    row('540000', { hasPlan: false, report: null, status: 'noReport', nationalStatus: 'noReport' }),
  ];
  const provinces = ['110000', '430000', '540000'].map((code) => ({
    code,
    nameZh: code,
    nameEn: code,
    hasPlan: code === '430000',
    plan:
      code === '430000'
        ? {
            slug: 'h',
            documentNumber: '湘医保发〔2021〕75号',
            version: 1,
            startYear: 2022,
            endYear: 2024,
          }
        : null,
  }));

  it('measures the gap to the province’s plan, or to the national plan on request', () => {
    const byPlan = gapGrid(rows, provinces, ['fund'], 'plan');
    expect(byPlan.map((r) => r.code)).toEqual(['110000', '430000', '540000']);
    expect(byPlan[1]!.cells.fund).toMatchObject({
      gap: -10,
      target: 50,
      status: 'accelerationNeeded',
      against: 'plan',
    });
    expect(gapGrid(rows, provinces, ['fund'], 'national')[1]!.cells.fund).toMatchObject({
      gap: 5,
      target: 35,
      status: 'onTrack',
      against: 'national',
    });
  });

  it('measures a province without a plan against the national plan, and says so', () => {
    const cell = gapGrid(rows, provinces, ['fund'], 'plan')[0]!;
    expect(cell.hasPlan).toBe(false);
    expect(cell.planDocument).toBeNull();
    expect(cell.cells.fund).toMatchObject({ gap: 10, against: 'national', status: 'met' });
  });

  it('shows a province that did not report as such, and a dimension with no row as empty', () => {
    const grid = gapGrid(rows, provinces, ['fund', 'regions'], 'plan');
    expect(grid[2]!.cells.fund).toMatchObject({
      gap: null,
      status: 'noReport',
      reportState: 'none',
    });
    expect(grid[0]!.cells.regions).toBeNull();
  });

  it('ranks by actual coverage, non-reporters last, each with its own target', () => {
    const ranked = rankingRows(rows, 'fund', 'plan');
    expect(ranked.map((r) => [r.code, r.actual, r.target])).toEqual([
      ['110000', 60, 50],
      ['430000', 40, 30],
      ['540000', null, null],
    ]);
  });

  it('colours gaps on a diverging step, exactly on target counting as not behind', () => {
    expect(gapStep(-35)?.index).toBe(0);
    expect(gapStep(-0.1)?.index).toBe(2);
    expect(gapStep(0)?.index).toBe(3);
    expect(gapStep(45)?.index).toBe(5);
    expect(gapStep(null)).toBeNull();
  });

  it('works on the whole fixture set: 32 provinces × 4 dimensions', () => {
    const grid = gapGrid(
      fixtureComparison('2024Q2').rows,
      fixtureProvinces(),
      ['regions', 'institutions', 'diseaseGroups', 'fund'],
      'plan',
    );
    expect(grid).toHaveLength(32);
    expect(grid.every((r) => Object.values(r.cells).every((c) => c !== null))).toBe(true);
  });
});

describe('status and report states: never colour alone', () => {
  it('gives every status its own colour and its own icon', () => {
    const metas = STATUSES.map((s) => STATUS_META[s]);
    expect(new Set(metas.map((m) => m.icon)).size).toBe(STATUSES.length);
    expect(new Set(metas.map((m) => m.colour)).size).toBe(STATUSES.length);
    expect(STATUS_META.met.colour).toBe(OKABE_ITO.bluishGreen);
  });

  it('gives every report state an icon', () => {
    for (const m of Object.values(REPORT_META)) expect(m.icon).not.toBe('');
  });

  it('counts provinces per report state, overdue apart', () => {
    const c = (
      code: string,
      status: CompletenessRow['status'],
      overdue: boolean,
    ): CompletenessRow => ({
      province: { code, nameZh: code, nameEn: code },
      hasPlan: false,
      regionCount: 1,
      regionsReported: 0,
      status,
      submittedAt: null,
      acceptedAt: null,
      duty: {
        frequency: 'quarterly',
        owed: true,
        deadline: '2024-10-15',
        startsOn: '2022-01-01',
        finerThanQuarter: false,
      },
      overdue,
      isDemo: true,
    });
    const s = completenessSummary([
      c('1', 'none', true),
      c('2', 'accepted', false),
      c('3', 'none', true),
      c('4', 'draft', true),
    ]);
    expect(s.byState).toEqual([
      { state: 'none', count: 2 },
      { state: 'draft', count: 1 },
      { state: 'returned', count: 0 },
      { state: 'submitted', count: 0 },
      { state: 'accepted', count: 1 },
    ]);
    expect(s.overdue).toBe(3);
    expect(s.total).toBe(4);
  });
});

describe('region table', () => {
  it('gathers each region’s stage and figures across the four dimensions at the chosen quarter', () => {
    const trs = (['regions', 'fund'] as const).map((d) => fixtureTrajectory('430000', d));
    const rows = regionRows(trs, '2023Q4');
    expect(rows).toHaveLength(6);
    const fundSeries = trs[1]!.series.find((s) => s.key === rows[0]!.code)!;
    expect(rows[0]!.values.fund?.pct).toBe(
      fundSeries.points.find((p) => p.period === '2023Q4')!.actual!.pct,
    );
    expect(rows[0]!.stage).toBe(
      trs[0]!.series
        .find((s) => s.key === rows[0]!.code)!
        .points.find((p) => p.period === '2023Q4')!.stage,
    );
    expect(rows[0]!.method).toBe(
      trs[0]!.series
        .find((s) => s.key === rows[0]!.code)!
        .points.find((p) => p.period === '2023Q4')!.method,
    );
    expect(rows[0]!.method).toMatch(/^(DRG|DIP)$/);
  });
});
