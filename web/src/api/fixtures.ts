/**
 * Made-up but well-typed answers of every endpoint, for tests and for `VITE_FIXTURES=1`
 * development while the server is not running. Shapes follow the server's schemas exactly
 * (the types are the server's); numbers are deterministic noise around plausible paths.
 */
import type { Dimension } from '../../../server/domain/types.ts';
import type { ComparisonRow } from '../../../server/modules/comparison/schemas.ts';
import type { TargetRowDto } from '../../../server/modules/plans/schemas.ts';
import { compactTrajectory } from '../../../server/modules/trajectory/compact.ts';
import type {
  Point,
  SeriesDto,
  StatusDto,
  TargetRef,
} from '../../../server/modules/trajectory/schemas.ts';
import type {
  ComparisonResponse,
  CompletenessResponse,
  Fetcher,
  PlanResponse,
  ProvinceSummary,
  TrajectoryResponse,
} from './client.ts';

const P: [string, string, string][] = [
  ['110000', '北京市', 'Beijing'],
  ['120000', '天津市', 'Tianjin'],
  ['130000', '河北省', 'Hebei'],
  ['140000', '山西省', 'Shanxi'],
  ['150000', '内蒙古自治区', 'Inner Mongolia'],
  ['210000', '辽宁省', 'Liaoning'],
  ['220000', '吉林省', 'Jilin'],
  ['230000', '黑龙江省', 'Heilongjiang'],
  ['310000', '上海市', 'Shanghai'],
  ['320000', '江苏省', 'Jiangsu'],
  ['330000', '浙江省', 'Zhejiang'],
  ['340000', '安徽省', 'Anhui'],
  ['350000', '福建省', 'Fujian'],
  ['360000', '江西省', 'Jiangxi'],
  ['370000', '山东省', 'Shandong'],
  ['410000', '河南省', 'Henan'],
  ['420000', '湖北省', 'Hubei'],
  ['430000', '湖南省', 'Hunan'],
  ['440000', '广东省', 'Guangdong'],
  ['450000', '广西壮族自治区', 'Guangxi'],
  ['460000', '海南省', 'Hainan'],
  ['500000', '重庆市', 'Chongqing'],
  ['510000', '四川省', 'Sichuan'],
  ['520000', '贵州省', 'Guizhou'],
  ['530000', '云南省', 'Yunnan'],
  ['540000', '西藏自治区', 'Tibet'],
  ['610000', '陕西省', 'Shaanxi'],
  ['620000', '甘肃省', 'Gansu'],
  ['630000', '青海省', 'Qinghai'],
  ['640000', '宁夏回族自治区', 'Ningxia'],
  ['650000', '新疆维吾尔自治区', 'Xinjiang'],
  ['660000', '新疆生产建设兵团', 'XPCC'],
];
const PLANS: Record<string, { slug: string; number: string; start: number }> = {
  '150000': { slug: 'inner-mongolia-2021-92', number: '内政办发〔2021〕92号', start: 2022 },
  '210000': { slug: 'liaoning-2022-1', number: '辽医保发〔2022〕1号', start: 2022 },
  '340000': { slug: 'anhui-2021-123', number: '皖医保秘〔2021〕123号', start: 2022 },
  '350000': { slug: 'fujian-2022-2', number: '闽医保〔2022〕2号', start: 2022 },
  '430000': { slug: 'hunan-2021-75', number: '湘医保发〔2021〕75号', start: 2022 },
};
export const NATIONAL = {
  slug: 'national-2021-48',
  versionId: 1,
  version: 1,
  documentNumber: '医保发〔2021〕48号',
};
export const FIXTURE_LATEST = '2024Q2';
const PERIODS = quarters('2022Q1', FIXTURE_LATEST);
const LADDER: Record<Dimension, number[]> = {
  regions: [40, 70, 100],
  institutions: [40, 70, 100],
  diseaseGroups: [70, 80, 90],
  fund: [30, 50, 70],
};

function quarters(from: string, to: string): string[] {
  const idx = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p.slice(5)) - 1;
  const out: string[] = [];
  for (let i = idx(from); i <= idx(to); i++) out.push(`${Math.floor(i / 4)}Q${(i % 4) + 1}`);
  return out;
}
function noise(seed: string): number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}
const name = (code: string) => P.find(([c]) => c === code) ?? [code, code, code];

export function fixtureProvinces(): ProvinceSummary[] {
  return P.map(([code, nameZh, nameEn]) => {
    const plan = PLANS[code];
    return {
      code,
      nameZh,
      nameEn,
      shortZh: nameZh.slice(0, 2),
      kind: code === '660000' ? 'corps' : 'province',
      hasPlan: !!plan,
      plan: plan
        ? {
            slug: plan.slug,
            documentNumber: plan.number,
            version: 1,
            startYear: 2022,
            endYear: 2024,
          }
        : null,
      regionCount: 8 + Math.round(noise(code) * 8),
      latestPeriod: code === '540000' ? '2023Q4' : FIXTURE_LATEST,
      updatedAt: '2025-01-10T08:00:00.000Z',
      hasDemoData: true,
    };
  });
}

const clause = (document: string, clauseRef: string, quote: string, line: number | null) => ({
  document,
  clauseRef,
  quote,
  line,
});
function target(key: string, dimension: Dimension, over: Partial<TargetRowDto>): TargetRowDto {
  return {
    key,
    kind: 'eventLadder',
    dimension,
    year: null,
    cohort: null,
    minPct: null,
    scope: 'province',
    regions: [],
    appliesTo: 'eachRegion',
    subset: null,
    dueOn: null,
    event: 'launch',
    stepYears: [],
    steps: LADDER[dimension],
    compressFromYear: 2024,
    compressedSteps: [],
    clockFloorYear: 2022,
    withinYears: null,
    requiredStage: null,
    soft: false,
    interpretation: null,
    interpretationZh: null,
    conflictsWith: [],
    source: clause('医保发〔2021〕48号', '三、（二）', '每年进度应分别不低于40%、30%、30%', null),
    ...over,
  };
}

export function fixturePlan(code: string | null): PlanResponse {
  const plan = code ? PLANS[code] : undefined;
  const doc = plan ?? { slug: NATIONAL.slug, number: NATIONAL.documentNumber, start: 2022 };
  const hunan = code === '430000';
  const liaoning = code === '210000';
  const targets: TargetRowDto[] = hunan
    ? [
        target('inst-ladder', 'institutions', {
          source: clause(
            doc.number,
            '三、（二）1',
            '各市州启动 DRG/DIP 付费改革工作后，按三年安排实现符合条件的开展住院服务的医疗机构全面覆盖，每年进度应分别不低于40%、30%、30%',
            4834,
          ),
        }),
        target('dg-ladder', 'diseaseGroups', {
          source: clause(
            doc.number,
            '三、（二）2',
            '病种全面覆盖（原则上达到90%），每年进度应分别不低于70%、80%、90%',
            4836,
          ),
          soft: true,
          interpretation: '“原则上达到90%”按 90% 计',
        }),
        target('fund-ladder', 'fund', {
          source: clause(
            doc.number,
            '三、（二）3',
            '医保基金全面覆盖（原则上达到70%），每年进度应分别不低于30%、50%、70%',
            4838,
          ),
          soft: true,
          interpretation: '“原则上达到70%”按 70% 计',
        }),
        target('regions-2022', 'regions', {
          kind: 'stageMilestone',
          event: null,
          steps: [],
          dueOn: '2024-12-31',
          year: 2024,
          minPct: 100,
          requiredStage: 'actual',
          source: clause(
            doc.number,
            '三、（一）',
            '2022年全省各市州全面启动 DRG/DIP 付费改革工作',
            4801,
          ),
        }),
        target('inst-2024', 'institutions', {
          kind: 'calendarLevel',
          event: null,
          steps: [],
          dueOn: '2024-12-31',
          year: 2024,
          minPct: 100,
          conflictsWith: [
            { key: 'inst-ladder', note: '2025年全面覆盖 vs 2024年底验收', noteZh: null },
          ],
          source: clause(
            doc.number,
            '四、（三）',
            '2024年底前对各市州 DRG/DIP 付费改革工作进行考核验收',
            4884,
          ),
        }),
      ]
    : (['regions', 'institutions', 'diseaseGroups', 'fund'] as const).map((d) =>
        target(
          `${d}-national`,
          d,
          d === 'regions'
            ? {
                kind: 'calendarLevel',
                event: null,
                steps: [],
                dueOn: '2024-12-31',
                year: 2024,
                minPct: 100,
              }
            : {},
        ),
      );
  return {
    reference: !plan,
    document: {
      slug: doc.slug,
      versionId: 1,
      version: 1,
      status: 'published',
      isNational: !plan,
      provinceCode: plan ? code : null,
      number: doc.number,
      title: plan
        ? `${name(code!)[1]} DRG/DIP 支付方式改革三年行动计划`
        : 'DRG/DIP支付方式改革三年行动计划',
      issuer: plan ? `${name(code!)[1]}医疗保障局` : '国家医疗保障局',
      issuedOn: '2021-12-30',
      publishedOn: null,
      startYear: 2022,
      endYear: 2024,
      sourceRef: null,
      reportingDuty: plan ? '季调度' : null,
      reportingFrequency: plan ? 'quarterly' : 'none',
      reportingStartsOn: null,
      reportingDeadlineDays: null,
      summary: null,
    },
    cohorts: liaoning
      ? [
          {
            key: 'pilots',
            nameZh: '国家试点城市',
            nameEn: 'National pilots',
            definedAs: '沈阳、大连、葫芦岛',
            members: [],
          },
          {
            key: 'former',
            nameZh: '原省级试点城市',
            nameEn: 'Former provincial pilots',
            definedAs: '鞍山、丹东、锦州、盘锦、营口',
            members: [],
          },
          { key: 'others', nameZh: '其他市', nameEn: 'Other cities', definedAs: null, members: [] },
        ]
      : [],
    targets,
  };
}

function status(s: StatusDto['status'], note = ''): StatusDto {
  return {
    status: s,
    ratio: s === 'onTrack' ? 1.02 : 0.7,
    target: null,
    baseline: null,
    overdue: null,
    note,
  };
}
const ref = (level: number, dueOn: string, document: string): TargetRef => ({
  key: `t-${dueOn}`,
  planSlug: 'x',
  level,
  dueOn,
  soft: false,
  interpretation: null,
  interpretationZh: null,
  source: clause(document, '三、（二）', '每年进度应分别不低于…', null),
});

function series(
  scope: SeriesDto['scope'],
  key: string,
  nameZh: string,
  nameEn: string,
  dim: Dimension,
  document: string,
  lag: number,
): SeriesDto {
  const ladder = LADDER[dim];
  const points: Point[] = PERIODS.map((period, i) => {
    const year = Number(period.slice(0, 4));
    const yIdx = year - 2022;
    const q = Number(period.slice(5));
    const owedLevel =
      q === 4 ? (ladder[yIdx] ?? 100) : yIdx > 0 ? (ladder[yIdx - 1] ?? null) : null;
    const planned = Math.min(ladder[2]!, ((yIdx * 4 + q) / 4) * (ladder[0]! * 0.9 + 4));
    const reported = !(scope === 'region' && i === PERIODS.length - 1 && lag > 0.8);
    const pct = Math.max(
      0,
      Math.min(100, planned * (0.75 + lag * 0.4) + (noise(key + dim + period) - 0.5) * 6),
    );
    const denominator =
      dim === 'regions' ? 14 : dim === 'fund' ? 120_000 : dim === 'institutions' ? 420 : 880_000;
    const inForce =
      owedLevel == null ? [] : [ref(owedLevel, `${q === 4 ? year : year - 1}-12-31`, document)];
    return {
      period,
      actual: reported
        ? {
            numerator: String(Math.round((pct / 100) * denominator)),
            denominator: String(denominator),
            pct: Math.round(pct * 100) / 100,
          }
        : null,
      planned,
      owed: owedLevel,
      nationalPlanned: planned * 0.95,
      nationalOwed: owedLevel,
      notYetDue: owedLevel == null,
      targetsInForce: inForce,
      nextTarget: ref(
        ladder[Math.min(2, q === 4 ? yIdx + 1 : yIdx)]!,
        `${q === 4 ? year + 1 : year}-12-31`,
        document,
      ),
      stage:
        scope === 'region' ? (pct > 60 ? 'actual' : pct > 30 ? 'simulated' : 'preparing') : null,
      method: scope === 'region' ? (i % 2 ? 'DIP' : 'DRG') : null,
    };
  });
  const last = lag > 0.6 ? 'onTrack' : lag > 0.3 ? 'accelerationNeeded' : 'limitedProgress';
  return {
    scope,
    key,
    nameZh,
    nameEn,
    points,
    status: status(last),
    nationalStatus: status(lag > 0.5 ? 'met' : 'accelerationNeeded'),
    projection: {
      enough: lag > 0.5,
      reason: lag > 0.5 ? null : 'growth too slow',
      reasonZh: lag > 0.5 ? null : '增速不足',
      targetDate: '2024-12-31',
      targetLevel: ladder[2]!,
      projectedPct: ladder[2]! * (0.8 + lag * 0.3),
      reachesInPeriod: lag > 0.5 ? '2024Q4' : null,
      overdueSince: null,
    },
    milestones: [],
  };
}

export function fixtureTrajectory(code: string, dimension: Dimension): TrajectoryResponse {
  const [, nameZh, nameEn] = name(code);
  const plan = PLANS[code];
  const document = plan?.number ?? NATIONAL.documentNumber;
  const list: SeriesDto[] = [
    series('province', code, nameZh, nameEn, dimension, document, noise(code + dimension)),
  ];
  if (code === '210000')
    for (const c of fixturePlan(code).cohorts)
      list.push(series('cohort', c.key, c.nameZh, c.nameEn, dimension, document, noise(c.key)));
  for (let i = 1; i <= 6; i++) {
    const rc = `${code.slice(0, 2)}${String(i).padStart(2, '0')}00`;
    list.push(
      series(
        'region',
        rc,
        `${nameZh.slice(0, 2)}第${i}市`,
        `${nameEn} city ${i}`,
        dimension,
        document,
        noise(rc + dimension),
      ),
    );
  }
  return {
    province: { code, nameZh, nameEn },
    dimension,
    subset: null,
    plan: plan ? { slug: plan.slug, versionId: 1, version: 1, documentNumber: plan.number } : null,
    national: NATIONAL,
    isDemo: true,
    periods: PERIODS,
    asOf: FIXTURE_LATEST,
    provinceScope: {
      regions: list.filter((s) => s.scope === 'region').map((s) => s.key),
      leftOut: [],
    },
    series: list,
  };
}

export function fixtureComparison(
  period: string,
  dimension: Dimension | 'all' = 'all',
): ComparisonResponse {
  const dims: Dimension[] =
    dimension === 'all' ? ['regions', 'institutions', 'diseaseGroups', 'fund'] : [dimension];
  const rows: ComparisonRow[] = P.flatMap(([code]) =>
    dims.map((d) => {
      const tr = fixtureTrajectory(code, d);
      const s = tr.series[0]!;
      const pt = s.points.find((p) => p.period === period) ?? s.points.at(-1)!;
      const [, nameZh, nameEn] = name(code);
      const missing = code === '540000' && period > '2023Q4';
      const actual = missing ? null : pt.actual;
      return {
        province: { code, nameZh, nameEn },
        dimension: d,
        hasPlan: !!tr.plan,
        plan: tr.plan,
        report: missing ? null : { status: 'accepted' as const, isDemo: true },
        actual,
        planned: tr.plan ? pt.planned : null,
        owed: tr.plan ? pt.owed : null,
        nationalPlanned: pt.nationalPlanned,
        nationalOwed: pt.nationalOwed,
        gapToPlan:
          tr.plan && actual?.pct != null && pt.planned != null ? actual.pct - pt.planned : null,
        gapToNational:
          actual?.pct != null && pt.nationalPlanned != null
            ? actual.pct - pt.nationalPlanned
            : null,
        status: missing ? 'noReport' : tr.plan ? s.status.status : 'noPlan',
        nationalStatus: missing ? 'noReport' : s.nationalStatus.status,
        target: pt.targetsInForce[0] ?? pt.nextTarget,
        milestones: { missed: 0, regionsMissing: [] },
      };
    }),
  );
  return {
    period,
    dimensions: dims,
    national: NATIONAL,
    isDemo: true,
    rule: 'planned: linear between target dates',
    rows,
  };
}

export function fixtureCompleteness(period: string): CompletenessResponse {
  const statuses = ['accepted', 'accepted', 'submitted', 'draft', 'returned', 'none'] as const;
  return {
    period,
    deadline: '2024-07-31',
    rows: fixtureProvinces().map((p) => {
      const status =
        p.code === '540000'
          ? 'none'
          : statuses[Math.floor(noise(p.code + period) * statuses.length)]!;
      const reported =
        status === 'none' ? 0 : status === 'draft' ? Math.floor(p.regionCount / 2) : p.regionCount;
      return {
        province: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn },
        hasPlan: p.hasPlan,
        regionCount: p.regionCount,
        regionsReported: reported,
        status,
        submittedAt:
          status === 'submitted' || status === 'accepted' ? '2024-07-10T08:00:00Z' : null,
        acceptedAt: status === 'accepted' ? '2024-07-20T08:00:00Z' : null,
        duty: {
          frequency: p.hasPlan ? ('quarterly' as const) : ('none' as const),
          owed: p.hasPlan,
          deadline: p.hasPlan ? '2024-07-15' : null,
          startsOn: p.hasPlan ? '2022-01-01' : null,
          finerThanQuarter: false,
        },
        overdue: p.hasPlan && (status === 'none' || status === 'draft'),
        isDemo: true,
      };
    }),
  };
}

/** Answers the client's paths from the fixtures (dev mode). */
export const fixtureFetcher: Fetcher = async (path) => {
  const url = new URL(path, 'http://fixtures');
  const parts = url.pathname.split('/').filter(Boolean); // api, provinces, 430000, plan
  const q = url.searchParams;
  await new Promise((r) => setTimeout(r, 80));
  if (url.pathname === '/api/provinces') return fixtureProvinces();
  if (url.pathname === '/api/plans/national') return fixturePlan(null);
  if (url.pathname === '/api/comparison')
    return fixtureComparison(
      q.get('period') ?? FIXTURE_LATEST,
      (q.get('dimension') ?? 'all') as Dimension | 'all',
    );
  if (url.pathname === '/api/completeness')
    return fixtureCompleteness(q.get('period') ?? FIXTURE_LATEST);
  if (parts[1] === 'provinces' && parts[3] === 'plan') return fixturePlan(parts[2]!);
  if (parts[1] === 'provinces' && parts[3] === 'trajectory')
    return compactTrajectory(
      fixtureTrajectory(parts[2]!, (q.get('dimension') ?? 'regions') as Dimension),
    );
  if (parts[1] === 'provinces' && parts[3] === 'regions')
    return fixtureTrajectory(parts[2]!, 'regions')
      .series.filter((s) => s.scope === 'region')
      .map((s) => ({
        code: s.key,
        nameZh: s.nameZh,
        nameEn: s.nameEn,
        kind: 'city',
        codeSource: 'GB/T 2260',
      }));
  throw new Error(`no fixture for ${path}`);
};
