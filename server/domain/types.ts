/**
 * The domain's vocabulary, shared by the engine (pure functions in server/domain), the
 * seed loader, the API and the web app. Nothing here imports Fastify or Prisma.
 */

export const DIMENSIONS = ['regions', 'institutions', 'diseaseGroups', 'fund'] as const;
/** regions 统筹地区 · institutions 医疗机构 · diseaseGroups 病种/病组入组率 · fund 医保基金支出占比 */
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * What a coordinating region (统筹地区) is: a prefecture-level division (地级市 / 地区 / 自治州 /
 * 盟), a municipality (直辖市) pooling as one, a county-level unit pooling on its own (仙桃, 济源,
 * 河南's 省直管县), a division (师) of the Xinjiang Production and Construction Corps, a
 * provincial pool (省本级 / 省直), or another special zone (平潭综合实验区).
 */
export const REGION_KINDS = [
  'prefecture',
  'municipality',
  'countyLevel',
  'corpsDivision',
  'provincialPool',
  'other',
] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** 未启动 / 准备 (launched) / 模拟付费 / 实际付费, in order */
export const STAGES = ['notStarted', 'preparing', 'simulated', 'actual'] as const;
export type Stage = (typeof STAGES)[number];

/** A quarterly report's state (draft → submitted → accepted, or returned). */
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What an account may do (server/plugins/auth.ts, README "Accounts, roles"). */
export const ROLES = ['admin', 'reviewer', 'editor', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Named subsets of institutions a target may be set on: secondaryPublic = 二级及以上公立医院
 * (Inner Mongolia: "2022年，…付费覆盖所有统筹区二级及以上公立医院"), measured on the report's
 * subset figures (subsetEligibleInstitutions / subsetCoveredInstitutions).
 */
export const SUBSETS = ['secondaryPublic'] as const;
export type Subset = (typeof SUBSETS)[number];

export const PAYMENT_METHODS = ['DRG', 'DIP'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Events on a coordinating region's clock: 启动 (launch), 模拟付费, 实际付费. */
export const REGION_EVENTS = ['launch', 'simulatedPayment', 'actualPayment'] as const;
export type RegionEventKind = (typeof REGION_EVENTS)[number];

/** The stage a region is in once the event has happened. */
export const STAGE_OF_EVENT: Record<RegionEventKind, Stage> = {
  launch: 'preparing',
  simulatedPayment: 'simulated',
  actualPayment: 'actual',
};

export const TARGET_KINDS = [
  'calendarLevel',
  'eventLadder',
  'eventDeadline',
  'levelAtEvent',
  'stageMilestone',
] as const;
/**
 * - calendarLevel: `minPct` owed from `dueOn` (any date) on.
 * - eventLadder: `steps[i]` (cumulative %) owed at the end of year i+1 of the region's
 *   clock, year 1 being the calendar year of `event` (never before `clockFloorYear`).
 *   A region whose event falls in `compressFromYear` or later follows `compressedSteps`
 *   instead (the national "2024年启动地区须于两年内完成").
 * - eventDeadline: `minPct` owed from `event` + `withinYears` years on.
 * - levelAtEvent: `minPct` owed from the day `event` happens on.
 * - stageMilestone: the region is in `requiredStage` (or later) by `dueOn`, or by
 *   `event` + `withinYears` years. Dimension is `regions`; only milestones that require
 *   `actual` count towards the share of regions in actual payment.
 */
export type TargetKind = (typeof TARGET_KINDS)[number];

export type TargetScope =
  | { kind: 'province' } // every coordinating region of the province
  | { kind: 'cohort'; cohort: string } // every region of the cohort (key within the plan)
  | { kind: 'regions'; regions: string[] }; // named regions (region codes)

/** eachRegion: every region in scope owes the level; aggregate: the scope as a whole does. */
export type AppliesTo = 'eachRegion' | 'aggregate';

export interface ClauseSource {
  /** document number, e.g. 湘医保发〔2021〕75号 */
  document: string;
  /** clause reference as the document numbers it, e.g. 三、（一）2 */
  clauseRef: string;
  /** the clause text, quoted */
  quote: string;
  /** line in shared/policy-docs/004_…txt (null for the national plan, not reproduced there) */
  line: number | null;
}

export interface Target {
  /** stable key, unique within the plan */
  key: string;
  kind: TargetKind;
  dimension: Dimension;
  scope: TargetScope;
  appliesTo: AppliesTo;
  /** named subset of institutions (e.g. 'secondaryPublic' = 二级及以上公立医院) or null */
  subset: string | null;
  minPct: number | null;
  /** ISO date (YYYY-MM-DD) */
  dueOn: string | null;
  event: RegionEventKind | null;
  steps: number[];
  compressFromYear: number | null;
  compressedSteps: number[];
  clockFloorYear: number | null;
  /** the year the plan expects the clock to start; used only to list a ladder by calendar year */
  nominalStartYear: number | null;
  withinYears: number | null;
  requiredStage: Stage | null;
  /** "原则上", "基本实现": the level is an interpretation (see `interpretation`) */
  soft: boolean;
  interpretation: string | null;
  /** the same, in Chinese */
  interpretationZh: string | null;
  /** keys of targets of the same plan that this clause disagrees with */
  conflictsWith: string[];
  source: ClauseSource;
}

export interface Cohort {
  key: string;
  nameZh: string;
  nameEn: string;
  definedAs: string | null;
  members: { region: string; source: string | null; inferred: boolean }[];
}

export interface PlanModel {
  /** plan slug, e.g. hunan-2021-75 */
  slug: string;
  /** PlanVersion id in the database (0 when not stored) */
  versionId: number;
  version: number;
  provinceCode: string | null;
  isNational: boolean;
  document: {
    number: string;
    title: string;
    issuer: string;
    issuedOn: string;
    startYear: number;
    endYear: number;
  };
  cohorts: Cohort[];
  targets: Target[];
}

export interface RegionInfo {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** ISO dates on which each event is taken to have happened (null: not yet). */
export type RegionTimeline = Record<RegionEventKind, string | null>;

/** `2024Q3` */
export type Period = string;

/** One coordinating region's raw figures for one quarter (fund in cents of 万元, year to date). */
export interface RegionQuarter {
  regionCode: string;
  period: Period;
  method: PaymentMethod | null;
  stage: Stage;
  eligibleInstitutions: number;
  coveredInstitutions: number;
  /** region-wide: every institution's inpatient cases, and those grouped (year to date) */
  inpatientCases: number;
  groupedCases: number;
  /**
   * The same at the institutions paid by DRG/DIP — the plans' 入组率 ("DRG/DIP 付费医疗机构
   * 病组（病种）入组率"). null: the report predates these figures (coverage.ts says how it is read).
   */
  paidInstitutionCases: number | null;
  paidInstitutionGroupedCases: number | null;
  /** 万元 × 100 (integer cents of 万元, see numbers.ts), year to date: sums stay exact */
  inpatientFundCents: number;
  drgDipFundCents: number;
  subsetEligibleInstitutions: number | null;
  subsetCoveredInstitutions: number | null;
}
