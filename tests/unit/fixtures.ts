/**
 * Plans built in code for the engine's tests: the clauses the tests rely on, encoded the way
 * the seeds encode them, with their quotes. Not read from seeds/ on purpose — a test states
 * the plan it checks.
 */
import type {
  Cohort,
  PlanModel,
  RegionInfo,
  RegionQuarter,
  Stage,
  Target,
} from '../../server/domain/types.ts';

export function target(t: Partial<Target> & Pick<Target, 'key' | 'kind' | 'dimension'>): Target {
  return {
    scope: { kind: 'province' },
    appliesTo: 'eachRegion',
    subset: null,
    minPct: null,
    dueOn: null,
    event: null,
    steps: [],
    compressFromYear: null,
    compressedSteps: [],
    clockFloorYear: null,
    nominalStartYear: null,
    withinYears: null,
    requiredStage: null,
    soft: false,
    interpretation: null,
    interpretationZh: null,
    conflictsWith: [],
    source: { document: 'test', clauseRef: t.key, quote: t.key, line: null },
    ...t,
  };
}

function source(document: string, clauseRef: string, quote: string, line: number | null) {
  return { document, clauseRef, quote, line };
}

export function plan(p: {
  slug: string;
  provinceCode: string | null;
  number: string;
  startYear: number;
  endYear: number;
  cohorts?: Cohort[];
  targets: Target[];
}): PlanModel {
  return {
    slug: p.slug,
    versionId: 0,
    version: 1,
    provinceCode: p.provinceCode,
    isNational: p.provinceCode === null,
    document: {
      number: p.number,
      title: p.slug,
      issuer: 'test',
      issuedOn: `${p.startYear - 1}-12-30`,
      startYear: p.startYear,
      endYear: p.endYear,
    },
    cohorts: p.cohorts ?? [],
    targets: p.targets,
  };
}

export function cohort(key: string, regions: string[]): Cohort {
  return {
    key,
    nameZh: key,
    nameEn: key,
    definedAs: null,
    members: regions.map((region) => ({ region, source: 'test', inferred: false })),
  };
}

export function regionInfo(code: string): RegionInfo {
  return { code, nameZh: code, nameEn: code };
}

/** One report row; figures default to nothing covered out of round denominators. */
export function quarter(
  regionCode: string,
  period: string,
  stage: Stage,
  f: Partial<RegionQuarter> = {},
): RegionQuarter {
  return {
    regionCode,
    period,
    method: stage === 'notStarted' ? null : 'DRG',
    stage,
    eligibleInstitutions: 100,
    coveredInstitutions: 0,
    inpatientCases: 1000,
    groupedCases: 0,
    inpatientFundCents: 1_000_000,
    drgDipFundCents: 0,
    subsetEligibleInstitutions: null,
    subsetCoveredInstitutions: null,
    paidInstitutionCases: null,
    paidInstitutionGroupedCases: null,
    ...f,
  };
}

// ---------------------------------------------------------------- 医保发〔2021〕48号

const NATIONAL_DOC = '医保发〔2021〕48号';
const NATIONAL_LADDER_QUOTE =
  '统筹地区启动DRG/DIP付费改革工作后，按三年安排实现符合条件的开展住院服务的医疗机构全面覆盖，每年进度应分别不低于40%、30%、30%，2024年启动地区须于两年内完成';

export const nationalPlan = plan({
  slug: 'national-2021-48',
  provinceCode: null,
  number: NATIONAL_DOC,
  startYear: 2022,
  endYear: 2024,
  targets: [
    ...[
      ['2022', 40],
      ['2023', 70],
      ['2024', 100],
    ].map(([year, minPct]) =>
      target({
        key: `regions-${year}`,
        kind: 'calendarLevel',
        dimension: 'regions',
        appliesTo: 'aggregate',
        minPct: Number(minPct),
        dueOn: `${year}-12-31`,
        source: source(
          NATIONAL_DOC,
          '二、（一）',
          '以省（自治区、直辖市）为单位，分别启动不少于40%、30%、30%的统筹地区开展DRG/DIP支付方式改革并实际付费',
          null,
        ),
      }),
    ),
    target({
      key: 'institutions-ladder',
      kind: 'eventLadder',
      dimension: 'institutions',
      event: 'launch',
      steps: [40, 70, 100],
      compressFromYear: 2024,
      compressedSteps: [40, 100],
      clockFloorYear: 2022,
      source: source(NATIONAL_DOC, '二、（二）', NATIONAL_LADDER_QUOTE, null),
    }),
    target({
      key: 'fund-ladder',
      kind: 'eventLadder',
      dimension: 'fund',
      event: 'launch',
      steps: [30, 50, 70],
      compressFromYear: 2024,
      compressedSteps: [30, 70],
      clockFloorYear: 2022,
      source: source(
        NATIONAL_DOC,
        '二、（四）',
        '每年进度应分别不低于30%、50%、70%，2024年启动地区须于两年内完成',
        null,
      ),
    }),
  ],
});

/**
 * The national plan as seeded since issue 11: its ladders count from the year a region starts
 * actual payment ("启动…并实际付费", seeds/README.md "Readings changed"). `nationalPlan` above keeps
 * them on launch, the other reading, which the ladder mechanics tests use as a plain ladder.
 */
export const nationalPlanFromActualPayment: PlanModel = {
  ...nationalPlan,
  targets: nationalPlan.targets.map((t) =>
    t.kind === 'eventLadder' ? { ...t, event: 'actualPayment' } : t,
  ),
};

// ---------------------------------------------------------------- 湘医保发〔2021〕75号

const HUNAN_DOC = '湘医保发〔2021〕75号';
export const HUNAN = { changsha: '430100', zhuzhou: '430200', xiangtan: '430300' };

export const hunanPlan = plan({
  slug: 'hunan-2021-75',
  provinceCode: '430000',
  number: HUNAN_DOC,
  startYear: 2022,
  endYear: 2024,
  targets: [
    target({
      key: 'institutions-ladder',
      kind: 'eventLadder',
      dimension: 'institutions',
      event: 'launch',
      steps: [40, 70, 100],
      clockFloorYear: 2022,
      source: source(
        HUNAN_DOC,
        '三、（一）2',
        '各市州启动 DRG/DIP 付费改革工作后，按三年安排实现符合条件的开展住院服务的医疗机构全面覆盖，每年进度应分别不低于 40%、30%、30%。',
        4834,
      ),
    }),
    target({
      key: 'institutions-acceptance-2024',
      kind: 'calendarLevel',
      dimension: 'institutions',
      minPct: 100,
      dueOn: '2024-12-31',
      conflictsWith: ['institutions-ladder'],
      source: source(
        HUNAN_DOC,
        '四、（三）',
        '2024年底前，省局将围绕覆盖全部符合条件开展住院业务医疗机构……进行考核验收',
        4884,
      ),
    }),
    target({
      key: 'regions-launch-2022',
      kind: 'stageMilestone',
      dimension: 'regions',
      requiredStage: 'preparing',
      dueOn: '2022-12-31',
      source: source(HUNAN_DOC, '三、（一）1', '2022 年全省各市州启动 DRG/DIP 改革', 4830),
    }),
  ],
});

// ---------------------------------------------------------------- 辽医保发〔2022〕1号

const LIAONING_DOC = '辽医保发〔2022〕1号';
export const LIAONING = { shenyang: '210100', dalian: '210200', benxi: '210500', fuxin: '210900' };

export const liaoningPlan = plan({
  slug: 'liaoning-2022-1',
  provinceCode: '210000',
  number: LIAONING_DOC,
  startYear: 2022,
  endYear: 2024,
  cohorts: [
    cohort('nationalPilots', [LIAONING.shenyang]),
    cohort('provincialPilots', [LIAONING.dalian]),
    cohort('otherCities', [LIAONING.benxi, LIAONING.fuxin]),
  ],
  targets: [
    target({
      key: 'other-simulated-2022',
      kind: 'stageMilestone',
      dimension: 'regions',
      scope: { kind: 'cohort', cohort: 'otherCities' },
      requiredStage: 'simulated',
      dueOn: '2022-12-31',
      source: source(
        LIAONING_DOC,
        '二、（一）',
        '其他市……于 2022 年启动 DRG/DIP 付费改革，并于 2022 年底前开展模拟付费；2023 年底前实现实际付费。',
        2273,
      ),
    }),
    target({
      key: 'other-actual-2023',
      kind: 'stageMilestone',
      dimension: 'regions',
      scope: { kind: 'cohort', cohort: 'otherCities' },
      requiredStage: 'actual',
      dueOn: '2023-12-31',
      source: source(LIAONING_DOC, '二、（一）', '其他市……2023 年底前实现实际付费。', 2273),
    }),
    ...[
      ['pilot', 'nationalPilots', '2022-12-31', 70],
      ['pilot', 'nationalPilots', '2023-12-31', 100],
      ['other', 'otherCities', '2023-12-31', 40],
      ['other', 'otherCities', '2024-12-31', 100],
    ].map(([who, cohortKey, dueOn, minPct]) =>
      target({
        key: `institutions-${who}-${String(dueOn).slice(0, 4)}`,
        kind: 'calendarLevel',
        dimension: 'institutions',
        scope: { kind: 'cohort', cohort: String(cohortKey) },
        minPct: Number(minPct),
        dueOn: String(dueOn),
        source: source(
          LIAONING_DOC,
          '二、（二）',
          '沈阳、抚顺、营口 3 市，2022 年底前不低于 70%，2023 年底前实现全覆盖；……其他市 2023 年底前不低于 40%，2024 年底前实现全覆盖',
          2275,
        ),
      }),
    ),
    target({
      key: 'fund-other-within-2-years',
      kind: 'eventDeadline',
      dimension: 'fund',
      scope: { kind: 'cohort', cohort: 'otherCities' },
      event: 'actualPayment',
      withinYears: 2,
      minPct: 70,
      soft: true,
      interpretation: '“原则上”: read as 70 %, owed two years after actual payment began.',
      source: source(
        LIAONING_DOC,
        '二、（四）',
        '其他市启动 DRG/DIP 实际付费后，原则上应于 2 年之内实现基金支出占比达到 70% 以上。',
        2279,
      ),
    }),
  ],
});

// ---------------------------------------------------------------- 皖医保秘〔2021〕123号

const ANHUI_DOC = '皖医保秘〔2021〕123号';
export const ANHUI = { hefei: '340100', bozhou: '341600', chizhou: '341700' };

export const anhuiPlan = plan({
  slug: 'anhui-2021-123',
  provinceCode: '340000',
  number: ANHUI_DOC,
  startYear: 2022,
  endYear: 2024,
  cohorts: [cohort('newRegions', [ANHUI.bozhou, ANHUI.chizhou])],
  targets: [
    target({
      key: 'new-actual-2023-06',
      kind: 'stageMilestone',
      dimension: 'regions',
      scope: { kind: 'cohort', cohort: 'newRegions' },
      requiredStage: 'actual',
      dueOn: '2023-06-30',
      source: source(
        ANHUI_DOC,
        '二、（一）2',
        '亳州市、池州市以及省直医保……2022 年底启动模拟付费；2023 年 6 月底前实现实际付费。',
        3506,
      ),
    }),
    target({
      key: 'all-launch-2022',
      kind: 'stageMilestone',
      dimension: 'regions',
      requiredStage: 'preparing',
      dueOn: '2022-12-31',
      source: source(
        ANHUI_DOC,
        '二、（一）',
        '2022 年，全省 17 个统筹地区全部开展 DRG/DIP 付费改革',
        3504,
      ),
    }),
  ],
});
