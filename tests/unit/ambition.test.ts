import { describe, expect, it } from 'vitest';
import { ambitionCheck, timelineAsPlanned } from '../../server/domain/ambition.ts';
import { EMPTY_TIMELINE } from '../../server/domain/timeline.ts';
import {
  LIAONING,
  liaoningPlan,
  nationalPlan,
  nationalPlanFromActualPayment,
  plan,
  regionInfo,
  target,
} from './fixtures.ts';

const timelines = {
  [LIAONING.shenyang]: {
    launch: '2019-07-01',
    simulatedPayment: '2020-12-31',
    actualPayment: '2021-12-31',
  },
  [LIAONING.dalian]: {
    launch: '2021-06-30',
    simulatedPayment: '2021-12-31',
    actualPayment: '2022-06-30',
  },
  [LIAONING.benxi]: EMPTY_TIMELINE,
};
const regions = [LIAONING.shenyang, LIAONING.dalian, LIAONING.benxi].map(regionInfo);

describe('ambition: the provincial plan against the national minimum', () => {
  const report = ambitionCheck(liaoningPlan, nationalPlan, regions, timelines);

  it("a region's clock is taken as the provincial plan schedules it: the latest date its milestones allow", () => {
    // 其他市: 模拟付费 by end-2022, 实际付费 by end-2023; launch is implied by simulation.
    expect(timelineAsPlanned(liaoningPlan, LIAONING.benxi, EMPTY_TIMELINE)).toEqual({
      launch: '2022-12-31',
      simulatedPayment: '2022-12-31',
      actualPayment: '2023-12-31',
    });
    // A region already past a milestone keeps its own earlier date.
    expect(
      timelineAsPlanned(liaoningPlan, LIAONING.benxi, {
        ...EMPTY_TIMELINE,
        launch: '2022-03-31',
        actualPayment: '2023-06-30',
      }).actualPayment,
    ).toBe('2023-06-30');
  });

  it('a provincial target later than the national one is listed as laxer, naming both clauses', () => {
    const benxi = report.laxer.filter(
      (s) => s.region === LIAONING.benxi && s.dimension === 'institutions',
    );
    expect(benxi.map((s) => [s.from, s.to, s.provincial.level, s.national.level])).toEqual([
      ['2022Q4', '2023Q3', 0, 40],
      ['2023Q4', '2024Q3', 40, 70],
    ]);
    // Owing nothing yet, the provincial side still names the clause that will apply.
    expect(benxi[0]!.provincial).toMatchObject({
      key: null,
      next: { key: 'institutions-other-2023', level: 40, dueOn: '2023-12-31' },
    });
    expect(benxi[0]!.provincial.next!.source.quote).toContain('其他市 2023 年底前不低于 40%');
    expect(benxi[0]!.national).toMatchObject({
      key: 'institutions-ladder',
      source: { document: '医保发〔2021〕48号' },
    });
    expect(benxi[1]!.provincial).toMatchObject({
      key: 'institutions-other-2023',
      source: { document: '辽医保发〔2022〕1号', line: 2275 },
    });
  });

  it('"2 年之内" of actual payment leaves the fund laxer than the national 30 / 50 / 70 until 2025', () => {
    const fund = report.laxer.filter((s) => s.region === LIAONING.benxi && s.dimension === 'fund');
    expect(fund.map((s) => [s.from, s.to, s.provincial.level, s.national.level])).toEqual([
      ['2022Q4', '2023Q3', 0, 30],
      ['2023Q4', '2024Q3', 0, 50],
      ['2024Q4', '2025Q3', 0, 70],
    ]);
  });

  it('a provincial target stricter than the national one is listed as beyond', () => {
    const shenyang = report.beyond.filter(
      (s) => s.region === LIAONING.shenyang && s.dimension === 'institutions',
    );
    expect(
      shenyang.map((s) => [s.from, s.to, s.provincial.key, s.provincial.level, s.national.level]),
    ).toEqual([
      ['2022Q4', '2023Q3', 'institutions-pilot-2022', 70, 40],
      ['2023Q4', '2024Q3', 'institutions-pilot-2023', 100, 70],
    ]);
    expect(report.beyond.every((s) => s.verdict === 'stricter')).toBe(true);
    expect(report.laxer.every((s) => s.verdict === 'laxer')).toBe(true);
  });

  it("Liaoning's schedule keeps the share of regions in actual payment at or above the national ladder", () => {
    expect(report.laxer.filter((s) => s.dimension === 'regions')).toEqual([]);
    expect(report.lateMilestones).toEqual([]);
  });
});

describe('ambition: stage milestones later than the national regions ladder allows', () => {
  const late = plan({
    slug: 'late-province',
    provinceCode: '990000',
    number: 'test〔2022〕1号',
    startYear: 2022,
    endYear: 2025,
    targets: [
      target({
        key: 'x-actual-2025-06',
        kind: 'stageMilestone',
        dimension: 'regions',
        scope: { kind: 'regions', regions: ['990200'] },
        requiredStage: 'actual',
        dueOn: '2025-06-30',
      }),
    ],
  });
  const report = ambitionCheck(late, nationalPlan, ['990100', '990200'].map(regionInfo), {
    '990100': { ...EMPTY_TIMELINE, actualPayment: '2022-03-31' },
  });

  it('an actual-payment deadline after end-2024 is listed against the national "all regions by end-2024"', () => {
    expect(report.lateMilestones).toEqual([
      expect.objectContaining({
        region: '990200',
        key: 'x-actual-2025-06',
        dueOn: '2025-06-30',
        nationalDueOn: '2024-12-31',
        nationalSource: expect.objectContaining({ document: '医保发〔2021〕48号' }),
      }),
    ]);
  });

  it('and the province-level share of regions falls short of the ladder until the milestone, naming the region behind', () => {
    const regionsSpans = report.laxer.filter((s) => s.dimension === 'regions');
    expect(
      regionsSpans.map((s) => [
        s.region,
        s.from,
        s.to,
        s.provincial.level,
        s.national.level,
        s.regionsBehind,
      ]),
    ).toEqual([
      [null, '2023Q4', '2024Q3', 50, 70, ['990200']],
      [null, '2024Q4', '2025Q1', 50, 100, ['990200']],
    ]);
    // Regions already paying for real are facts, not the plan's ambition: never listed as "beyond".
    expect(report.beyond.filter((s) => s.dimension === 'regions')).toEqual([]);
  });
});

describe('ambition: the national ladders count from actual payment ("启动…并实际付费")', () => {
  const report = ambitionCheck(liaoningPlan, nationalPlanFromActualPayment, regions, timelines);

  it('a Liaoning city that simulates in 2022 and pays in 2023, as its plan schedules, is not called laxer on institutions', () => {
    // 本溪 pays from end-2023: the national ladder owes 40 % at end-2023, as Liaoning does.
    const asserted = report.laxer.filter(
      (s) => s.region === LIAONING.benxi && s.dimension === 'institutions' && !s.contested,
    );
    expect(asserted).toEqual([]);
  });

  it('a gap that exists only if 启动 is read as launch is listed as contested, with the national side of that reading', () => {
    const contested = report.laxer.filter(
      (s) => s.region === LIAONING.benxi && s.dimension === 'institutions',
    );
    expect(
      contested.map((s) => [s.from, s.to, s.provincial.level, s.national.level, s.contested]),
    ).toEqual([
      ['2022Q4', '2023Q3', 0, 40, true],
      ['2023Q4', '2024Q3', 40, 70, true],
    ]);
    expect(contested.every((s) => s.reading === 'alternative')).toBe(true);
    expect(report.contestedReading).toMatchObject({
      targets: ['institutions-ladder', 'fund-ladder'],
    });
    expect(report.contestedReading!.zh).toContain('启动…开展DRG/DIP支付方式改革并实际付费');
  });

  it('a gap under both readings is asserted, not contested', () => {
    // the national pilots owe 70 % at end-2022 where the national ladder asks 40 under either reading
    const beyond = report.beyond.filter(
      (s) => s.region === LIAONING.shenyang && s.dimension === 'institutions',
    );
    expect(beyond.map((s) => [s.from, s.contested])).toEqual([
      ['2022Q4', false],
      ['2023Q4', false],
    ]);
  });
});
