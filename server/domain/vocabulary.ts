/**
 * Every word a user reads about the domain — statuses, report states, stages, roles,
 * dimensions, the lines of a chart, plan terms, export columns — declared once, with its
 * Simplified Chinese and English forms. The web's message catalogues (web/src/i18n), the
 * server's CSV/XLSX exports, report warnings and the README's glossary all take their words
 * from here; tests/unit/vocabulary.test.ts checks the three against this file.
 *
 * To add a word: add the code to its list where the code lives (PROGRESS_STATUSES in
 * status.ts, STAGES/REPORT_STATUSES/ROLES/DIMENSIONS in types.ts …) and its `{ zh, en }` to
 * the table below (a missing one is a type error); add its row to the README glossary
 * (`npm run glossary -- --write` rewrites them). Use the word in the UI with `t('status.<code>')`
 * and in the server with `STATUS_WORDS[code].zh`; never write it out again elsewhere.
 */

import type { MilestoneState } from './milestones.ts';
import type { ReportingFrequency } from './reporting-duty.ts';
import type { ProgressStatus } from './status.ts';
import type {
  Dimension,
  RegionEventKind,
  ReportStatus,
  Role,
  Stage,
  Subset,
  TargetKind,
} from './types.ts';

export interface Word {
  zh: string;
  en: string;
}

/** The two languages the product speaks; the web's `Lang` is the same union. */
export type WordLang = 'zh-CN' | 'en';

export const wordIn = (word: Word, lang: WordLang) => (lang === 'en' ? word.en : word.zh);

/** A table of words in one language, e.g. for an i18n catalogue section: `{ met: '已达标', … }`. */
export function wordsIn<K extends string>(
  table: Record<K, Word>,
  lang: WordLang,
): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Word>(table).map(([k, w]) => [k, wordIn(w, lang)]),
  ) as Record<K, string>;
}

/** The four dimensions of coverage, short (grid headers, pickers). */
export const DIMENSION_WORDS = {
  regions: { zh: '统筹地区', en: 'Coordinating regions' },
  institutions: { zh: '医疗机构', en: 'Institutions' },
  diseaseGroups: { zh: '病种', en: 'Disease groups' },
  fund: { zh: '医保基金', en: 'Fund' },
} as const satisfies Record<Dimension, Word>;

/** …and what each measures (chart titles). */
export const MEASURE_WORDS = {
  regions: { zh: '实际付费统筹地区占比', en: 'Share of coordinating regions in actual payment' },
  institutions: { zh: '付费医疗机构覆盖率', en: 'Share of eligible institutions paid by DRG/DIP' },
  /** the plans' own words: "DRG/DIP 付费医疗机构病组（病种）入组率" (Liaoning 2277, Hunan 4884) */
  diseaseGroups: {
    zh: 'DRG/DIP付费医疗机构病组（病种）入组率',
    en: 'Share of cases grouped at DRG/DIP-paid institutions',
  },
  fund: {
    zh: 'DRG/DIP 付费医保基金支出占比',
    en: 'Share of inpatient fund spending paid by DRG/DIP',
  },
} as const satisfies Record<Dimension, Word>;

/** Named subsets of institutions a target may be set on (types.ts SUBSETS). */
export const SUBSET_WORDS = {
  secondaryPublic: { zh: '二级及以上公立医院', en: 'Secondary and higher public hospitals' },
} as const satisfies Record<Subset, Word>;

/** Progress status of a province, cohort or region (status.ts). */
export const STATUS_WORDS = {
  met: { zh: '已达标', en: 'Met' },
  onTrack: { zh: '进度正常', en: 'On track' },
  accelerationNeeded: { zh: '需加快', en: 'Acceleration needed' },
  limitedProgress: { zh: '进展有限', en: 'Limited progress' },
  deterioration: { zh: '倒退', en: 'Deterioration' },
  /** a deadline has passed and its level is not reached (shown with how many quarters) */
  overdue: { zh: '逾期未达标', en: 'Overdue' },
  /** one observation since the clock started: growth cannot be measured yet */
  insufficientData: { zh: '数据不足', en: 'Insufficient data' },
  notYetDue: { zh: '未到期', en: 'Not yet due' },
  /** reported, but without this figure (e.g. no 二级及以上公立医院 figures) */
  noData: { zh: '无数据', en: 'No data' },
  noPlan: { zh: '参照国家方案', en: 'National plan applies' },
  noReport: { zh: '未报送', en: 'Not reported' },
} as const satisfies Record<ProgressStatus, Word>;

/** A quarterly report's state, plus "none" (no report) and "overdue" (past the deadline, not submitted). */
export const REPORT_STATE_WORDS = {
  none: { zh: '未报送', en: 'Not reported' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '审核通过', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  overdue: { zh: '逾期', en: 'Overdue' },
} as const satisfies Record<ReportStatus | 'none' | 'overdue', Word>;

/** A coordinating region's stage of the reform, in order. */
export const STAGE_WORDS = {
  notStarted: { zh: '未启动', en: 'Not started' },
  preparing: { zh: '准备', en: 'Preparing' },
  simulated: { zh: '模拟付费', en: 'Simulated payment' },
  actual: { zh: '实际付费', en: 'Actual payment' },
} as const satisfies Record<Stage, Word>;

/** Events on a region's clock, written inside sentences ("自启动起逐年 …", "yearly from launch"). */
export const EVENT_WORDS = {
  launch: { zh: '启动', en: 'launch' },
  simulatedPayment: { zh: '模拟付费', en: 'simulated payment' },
  actualPayment: { zh: '实际付费', en: 'actual payment' },
} as const satisfies Record<RegionEventKind, Word>;

/** A stage milestone judged as of a date (targets-in-force.ts). */
export const MILESTONE_WORDS = {
  met: { zh: '按期完成', en: 'Met' },
  metLate: { zh: '逾期完成', en: 'Met late' },
  missed: { zh: '未完成', en: 'Missed' },
  notYetDue: { zh: '未到期', en: 'Not yet due' },
} as const satisfies Record<MilestoneState, Word>;

/** A plan's reporting duty (reporting-duty.ts): how often its regions report progress. */
export const DUTY_WORDS = {
  quarterly: { zh: '按季度报送', en: 'Quarterly reports' },
  /** Fujian's "每月底报送": the tracker collects quarters, so only quarter ends are checked */
  monthly: { zh: '按月报送（仅核查季末）', en: 'Monthly reports (quarter ends checked only)' },
  unspecified: { zh: '未规定报送频次', en: 'No reporting frequency set' },
  none: { zh: '无定期报送要求', en: 'No periodic reporting duty' },
} as const satisfies Record<ReportingFrequency, Word>;

export const ROLE_WORDS = {
  editor: { zh: '填报人员', en: 'Editor' },
  reviewer: { zh: '审核人员', en: 'Reviewer' },
  admin: { zh: '管理员', en: 'Administrator' },
  auditor: { zh: '审计员', en: 'Auditor' },
} as const satisfies Record<Role, Word>;

/** How a plan words a target (types.ts TARGET_KINDS). */
export const TARGET_KIND_WORDS = {
  calendarLevel: { zh: '按日期达到的水平', en: 'Level by a date' },
  eventLadder: { zh: '自启动起逐年进度', en: 'Yearly ladder from launch' },
  eventDeadline: { zh: '事件后期限内达到', en: 'Level within years of an event' },
  levelAtEvent: { zh: '事件发生时达到', en: 'Level when an event happens' },
  stageMilestone: { zh: '阶段节点', en: 'Stage milestone' },
} as const satisfies Record<TargetKind, Word>;

/** The lines of a trajectory chart, and the marks on it. */
export const SERIES_WORDS = {
  actual: { zh: '实际覆盖', en: 'Actual coverage' },
  /** the path interpolated between target dates */
  planned: { zh: '序时进度', en: 'Planned path' },
  /** the staircase of levels due by each quarter's end */
  owed: { zh: '应达水平', en: 'Level owed' },
  nationalPlanned: { zh: '国家序时进度', en: 'National planned path' },
  nationalOwed: { zh: '国家最低要求', en: 'National minimum' },
  targetDate: { zh: '目标期限', en: 'Target date' },
  notYetDue: { zh: '未到期', en: 'Not yet due' },
} as const;

/** Plans and their targets. */
export const PLAN_WORDS = {
  provincialPlan: { zh: '省级方案', en: 'Provincial plan' },
  nationalPlan: { zh: '国家方案', en: 'National plan' },
  /** a province that has not issued (or we have not entered) a plan of its own */
  noPlan: { zh: '无省级方案，参照国家方案', en: 'No provincial plan: the national plan applies' },
  wholeProvince: { zh: '全省', en: 'Whole province' },
  targetsInForce: { zh: '适用目标', en: 'Targets in force' },
  nextTarget: { zh: '下一目标', en: 'Next target' },
  soft: { zh: '原则性表述', en: 'Soft wording' },
} as const;

/** What a gap is measured against (overview). */
export const GAP_MODE_WORDS = {
  plan: { zh: '对照省级方案', en: 'Against the provincial plan' },
  national: { zh: '对照国家最低要求', en: 'Against the national minimum' },
} as const;

/** The figures of a report row (entry form, template, import errors, warnings). */
export const FIELD_WORDS = {
  regionCode: { zh: '统筹地区编码', en: 'Region code' },
  method: { zh: '付费方式', en: 'Payment method' },
  stage: { zh: '改革阶段', en: 'Stage' },
  eligibleInstitutions: { zh: '符合条件的医疗机构数', en: 'Eligible institutions' },
  coveredInstitutions: { zh: 'DRG/DIP付费医疗机构数', en: 'Institutions paid by DRG/DIP' },
  inpatientCases: { zh: '全地区住院病例数', en: 'Inpatient cases, whole region' },
  groupedCases: { zh: '全地区入组病例数', en: 'Cases grouped, whole region' },
  paidInstitutionCases: {
    zh: 'DRG/DIP付费医疗机构住院病例数',
    en: 'Inpatient cases at DRG/DIP-paid institutions',
  },
  paidInstitutionGroupedCases: {
    zh: 'DRG/DIP付费医疗机构入组病例数',
    en: 'Cases grouped at DRG/DIP-paid institutions',
  },
  inpatientFund: { zh: '住院医保基金支出（万元）', en: 'Inpatient fund (10k CNY)' },
  drgDipFund: { zh: 'DRG/DIP付费基金支出（万元）', en: 'DRG/DIP-paid fund (10k CNY)' },
  subsetEligibleInstitutions: { zh: '二级及以上公立医院数', en: 'Secondary+ public hospitals' },
  subsetCoveredInstitutions: { zh: '其中DRG/DIP付费数', en: 'of which paid by DRG/DIP' },
  note: { zh: '备注', en: 'Note' },
  row: { zh: '整行', en: 'Row' },
} as const;

/**
 * The rules a report's figures are checked by (report-rules.ts, report-optional-figures.ts,
 * report-warnings.ts), named as a reviewer reads them beside each error or warning, as DHIS2
 * names its validation rules. The code is the `code` of the problem the rule raises.
 */
export const RULE_WORDS = {
  // the form of a figure
  notARow: { zh: '每行一个统筹地区', en: "One region's figures a row" },
  required: { zh: '必填项', en: 'Required figure' },
  unknownRegion: { zh: '统筹地区编码有效', en: 'Known region code' },
  regionOfAnotherProvince: { zh: '统筹地区属于本省', en: 'Region of this province' },
  duplicateRegion: { zh: '统筹地区不重复', en: 'Each region once' },
  unknownStage: { zh: '改革阶段取值', en: 'Stage from the list' },
  unknownMethod: { zh: '付费方式取值', en: 'Payment method DRG or DIP' },
  notACount: { zh: '整数', en: 'Whole number' },
  notAnAmount: { zh: '金额（最多两位小数）', en: 'Amount, two decimals at most' },
  tooLong: { zh: '备注长度', en: 'Length of the note' },
  // rules between figures (hard errors)
  coveredAboveEligible: {
    zh: '付费机构数不超过符合条件的机构数',
    en: 'Covered institutions ≤ eligible',
  },
  groupedAboveCases: { zh: '入组病例数不超过住院病例数', en: 'Grouped cases ≤ inpatient cases' },
  fundAboveTotal: {
    zh: 'DRG/DIP付费基金不超过住院医保基金',
    en: 'DRG/DIP-paid fund ≤ inpatient fund',
  },
  subsetIncomplete: { zh: '子集两项同时填写', en: 'Subset figures together' },
  subsetAboveEligible: { zh: '子集不超过符合条件的机构数', en: 'Subset ≤ eligible institutions' },
  paidCasesIncomplete: {
    zh: '付费机构病例两项同时填写',
    en: 'Paid-institution case figures together',
  },
  paidCasesAboveCases: {
    zh: '付费机构病例不超过全地区病例',
    en: 'Paid-institution cases ≤ region’s cases',
  },
  paidGroupedAboveGrouped: {
    zh: '付费机构入组病例不超过全地区入组病例',
    en: 'Paid-institution grouped ≤ region’s grouped',
  },
  paidCasesWithoutInstitutions: {
    zh: '有付费机构病例须有付费机构',
    en: 'Paid-institution cases need a paid institution',
  },
  missingRegion: { zh: '每个统筹地区均须填报', en: 'Every region reported' },
  // warnings (saved with the report, shown to the reviewer)
  actualWithoutInstitutions: {
    zh: '实际付费须有付费机构',
    en: 'Actual payment has paid institutions',
  },
  paidCasesMissing: {
    zh: '填报付费机构的病例数',
    en: 'Cases at paid institutions reported',
  },
  stageWentBack: { zh: '改革阶段不倒退', en: 'Stage does not go back' },
  cumulativeFell: { zh: '累计数不比上季度减少', en: 'Cumulative figures do not fall' },
  jump: { zh: '覆盖率季度变化幅度', en: 'Quarter-on-quarter coverage change' },
} as const satisfies Record<string, Word>;
export type RuleCode = keyof typeof RULE_WORDS;

/**
 * Column headers of every table export (the charts' CSV downloads and the server's
 * CSV/XLSX). Precision: numbers.ts (percentages and gaps one decimal, money two).
 */
export const COLUMN_WORDS = {
  province: { zh: '省份', en: 'Province' },
  provinceCode: { zh: '省份代码', en: 'Province code' },
  region: { zh: '统筹地区', en: 'Region' },
  regionCode: { zh: '统筹地区代码', en: 'Region code' },
  cohort: { zh: '批次', en: 'Cohort' },
  scope: { zh: '范围', en: 'Scope' },
  period: { zh: '报告期', en: 'Period' },
  dimension: { zh: '维度', en: 'Dimension' },
  actualPct: { zh: '实际覆盖率(%)', en: 'Actual (%)' },
  numerator: { zh: '分子', en: 'Numerator' },
  denominator: { zh: '分母', en: 'Denominator' },
  plannedPct: { zh: '序时进度(%)', en: 'Planned path (%)' },
  owedPct: { zh: '应达水平(%)', en: 'Level owed (%)' },
  nationalPlannedPct: { zh: '国家序时进度(%)', en: 'National planned path (%)' },
  nationalOwedPct: { zh: '国家最低要求(%)', en: 'National minimum (%)' },
  targetPct: { zh: '适用目标(%)', en: 'Target in force (%)' },
  gap: { zh: '差距(百分点)', en: 'Gap (pp)' },
  gapMode: { zh: '差距口径', en: 'Gap measured against' },
  gapToPlan: { zh: '与序时进度差距(百分点)', en: 'Gap to planned path (pp)' },
  gapToNational: { zh: '与国家序时进度差距(百分点)', en: 'Gap to national path (pp)' },
  status: { zh: '进展状态', en: 'Status' },
  nationalStatus: { zh: '对照国家方案的状态', en: 'Status against the national plan' },
  hasPlan: { zh: '有省级方案', en: 'Has a provincial plan' },
  planDocument: { zh: '方案文件', en: 'Plan document' },
  clause: { zh: '依据条款', en: 'Clause' },
  reportStatus: { zh: '报送状态', en: 'Report status' },
  regionsReported: { zh: '已报送统筹地区数', en: 'Regions reported' },
  regionCount: { zh: '统筹地区数', en: 'Regions' },
  submittedAt: { zh: '提交时间', en: 'Submitted at' },
  acceptedAt: { zh: '审核通过时间', en: 'Accepted at' },
  overdue: { zh: '逾期', en: 'Overdue' },
  isDemo: { zh: '演示数据', en: 'Demo data' },
  notYetDue: { zh: '未到期', en: 'Not yet due' },
  stage: { zh: '改革阶段', en: 'Stage' },
  method: { zh: '付费方式', en: 'Payment method' },
  /** stage milestones: a region's summary, and the columns of the milestones table */
  milestones: { zh: '阶段节点', en: 'Stage milestones' },
  requiredStage: { zh: '要求阶段', en: 'Stage required' },
  dueOn: { zh: '期限', en: 'Due' },
  reachedOn: { zh: '达到日期', en: 'Reached on' },
  milestoneState: { zh: '完成情况', en: 'State' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
} as const;

/**
 * The country (全国) and NHSA's published figures beside it: each published figure says how
 * its definition compares with the tracker's measure (seeds/published-figures.yaml).
 */
export const NATIONAL_WORDS = {
  country: { zh: '全国', en: 'China (all provinces)' },
  published: { zh: '国家医保局公布数', en: 'Published by NHSA' },
  definitionSame: { zh: '口径相同', en: 'Same definition' },
  definitionDifferent: { zh: '口径不同', en: 'Different definition' },
  definitionUnclear: { zh: '口径未说明', en: 'Definition not stated' },
  boundAbove: { zh: '超过', en: 'more than' },
  boundAtLeast: { zh: '不低于', en: 'at least' },
} as const satisfies Record<string, Word>;

/** Every table above, by the catalogue section it fills (and the README glossary shows). */
export const VOCABULARY = {
  dimension: DIMENSION_WORDS,
  dimensionLong: MEASURE_WORDS,
  subset: SUBSET_WORDS,
  status: STATUS_WORDS,
  report: REPORT_STATE_WORDS,
  stage: STAGE_WORDS,
  event: EVENT_WORDS,
  milestone: MILESTONE_WORDS,
  duty: DUTY_WORDS,
  role: ROLE_WORDS,
  targetKind: TARGET_KIND_WORDS,
  series: SERIES_WORDS,
  plan: PLAN_WORDS,
  gapMode: GAP_MODE_WORDS,
  field: FIELD_WORDS,
  rule: RULE_WORDS,
  column: COLUMN_WORDS,
  national: NATIONAL_WORDS,
} as const satisfies Record<string, Record<string, Word>>;

/**
 * Words that said the same thing as one above and must not come back: each maps to the
 * word that replaced it. The vocabulary test looks for them in the catalogues, the
 * server's exports and the README.
 */
export const RETIRED_WORDS: Record<string, string> = {
  已接收: '审核通过',
  已审核: '审核通过',
  退步: '倒退',
  无计划: '无省级方案',
  无省级计划: '无省级方案',
  尚未到期: '未到期',
  计划路径: '序时进度',
  应达目标: '应达水平',
  当期有效目标: '适用目标',
  国家计划: '国家方案',
  省级计划: '省级方案',
};
