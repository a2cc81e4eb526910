/**
 * Rules for a quarter's figures. Hard errors reject the save (nothing is written); warnings
 * are saved with the report and shown to reviewers, like DHIS2's validation rules.
 * Every problem carries the JSON pointer of the field (`/rows/3/coveredInstitutions`).
 */

import { diseaseGroupCoverage } from './coverage.ts';
import { moneyCents } from './numbers.ts';
import { optionalFigureProblems, paidCasesMissing } from './report-optional-figures.ts';
import { STAGES, type Stage } from './types.ts';
import { FIELD_WORDS, STAGE_WORDS } from './vocabulary.ts';

export interface ReportRowInput {
  regionCode: string;
  method: 'DRG' | 'DIP' | null;
  stage: Stage;
  eligibleInstitutions: number;
  coveredInstitutions: number;
  inpatientCases: number;
  groupedCases: number;
  /** 万元, year to date, as decimal strings or numbers (two decimals at most) */
  inpatientFund: string | number;
  drgDipFund: string | number;
  subsetEligibleInstitutions?: number | null;
  subsetCoveredInstitutions?: number | null;
  /** cases and grouped cases at the institutions paid by DRG/DIP (the plans' 入组率) */
  paidInstitutionCases?: number | null;
  paidInstitutionGroupedCases?: number | null;
  note?: string | null;
}

export interface RuleProblem {
  path: string;
  code: string;
  zh: string;
  en: string;
}

const COUNT_FIELDS = [
  'eligibleInstitutions',
  'coveredInstitutions',
  'inpatientCases',
  'groupedCases',
] as const;
const MONEY_FIELDS = ['inpatientFund', 'drgDipFund'] as const;

/** Hard errors: anything here means the quarter is rejected whole. */
export function hardErrors(
  rows: ReportRowInput[],
  ctx: { provinceRegions: Set<string>; knownRegions: Map<string, string> },
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (path: string, code: string, zh: string, en: string) =>
    out.push({ path, code, zh, en });
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const at = `/rows/${i}`;
    if (!ctx.provinceRegions.has(r.regionCode)) {
      const other = ctx.knownRegions.get(r.regionCode);
      if (other)
        add(
          `${at}/regionCode`,
          'regionOfAnotherProvince',
          `统筹地区 ${r.regionCode} 属于其他省份`,
          `Region ${r.regionCode} belongs to province ${other}`,
        );
      else
        add(
          `${at}/regionCode`,
          'unknownRegion',
          `未知的统筹地区编码 ${r.regionCode}`,
          `Unknown region code ${r.regionCode}`,
        );
    }
    if (seen.has(r.regionCode))
      add(
        `${at}/regionCode`,
        'duplicateRegion',
        `统筹地区 ${r.regionCode} 重复（已在第 ${seen.get(r.regionCode)! + 1} 行）`,
        `Region ${r.regionCode} appears twice (also row ${seen.get(r.regionCode)! + 1})`,
      );
    seen.set(r.regionCode, i);
    if (!STAGES.includes(r.stage))
      add(
        `${at}/stage`,
        'unknownStage',
        '改革阶段不在列表中',
        'Stage is not one of the allowed values',
      );
    if (r.method !== null && r.method !== 'DRG' && r.method !== 'DIP')
      add(
        `${at}/method`,
        'unknownMethod',
        '付费方式应为 DRG 或 DIP',
        'Payment method must be DRG or DIP',
      );
    for (const f of COUNT_FIELDS) {
      const v = r[f];
      if (!Number.isInteger(v) || v < 0)
        add(
          `${at}/${f}`,
          'notACount',
          `${FIELD_WORDS[f].zh}应为非负整数`,
          `${FIELD_WORDS[f].en} must be a whole number ≥ 0`,
        );
    }
    const cents = Object.fromEntries(MONEY_FIELDS.map((f) => [f, moneyCents(r[f])]));
    for (const f of MONEY_FIELDS) {
      if (cents[f] === null)
        add(
          `${at}/${f}`,
          'notAnAmount',
          `${FIELD_WORDS[f].zh}应为非负金额，最多两位小数`,
          `${FIELD_WORDS[f].en} must be an amount ≥ 0 with at most two decimals`,
        );
    }
    if (Number.isInteger(r.coveredInstitutions) && r.coveredInstitutions > r.eligibleInstitutions)
      add(
        `${at}/coveredInstitutions`,
        'coveredAboveEligible',
        '付费医疗机构数大于符合条件的医疗机构数',
        'Covered institutions exceed eligible institutions',
      );
    if (Number.isInteger(r.groupedCases) && r.groupedCases > r.inpatientCases)
      add(
        `${at}/groupedCases`,
        'groupedAboveCases',
        '入组病例数大于住院病例数',
        'Grouped cases exceed inpatient cases',
      );
    if (
      cents.drgDipFund !== null &&
      cents.inpatientFund !== null &&
      cents.drgDipFund! > cents.inpatientFund!
    )
      add(
        `${at}/drgDipFund`,
        'fundAboveTotal',
        'DRG/DIP付费基金支出大于住院医保基金支出',
        'DRG/DIP-paid fund exceeds inpatient fund',
      );
    out.push(...optionalFigureProblems(r, at));
  });
  return out;
}

/** The 入组率 of this quarter and the last, on the same basis (else no jump is measured). */
function groupingRates(
  r: ReportRowInput,
  p: ReportRowInput,
): [string, number | null, number | null] {
  const rate = (x: ReportRowInput) =>
    diseaseGroupCoverage({
      inpatientCases: x.inpatientCases,
      groupedCases: x.groupedCases,
      paidInstitutionCases: x.paidInstitutionCases ?? null,
      paidInstitutionGroupedCases: x.paidInstitutionGroupedCases ?? null,
    });
  const now = rate(r);
  const before = rate(p);
  const paid = now.basis === 'paidInstitutions';
  return [
    paid ? 'paidInstitutionGroupedCases' : 'groupedCases',
    now.pct,
    now.basis === before.basis ? before.pct : null,
  ];
}

export interface WarningOptions {
  /** a jump in a coverage share above this many percentage points from the previous quarter */
  jumpPoints: number;
}

const STAGE_RANK: Record<Stage, number> = { notStarted: 0, preparing: 1, simulated: 2, actual: 3 };

/**
 * Warnings against the previous quarter's figures of the same region. Fund and case figures
 * are year to date, so they are compared only within one year (Q1 starts again).
 */
export function warnings(
  rows: ReportRowInput[],
  previous: Map<string, ReportRowInput>,
  sameYear: boolean,
  opts: WarningOptions = { jumpPoints: 30 },
): RuleProblem[] {
  const out: RuleProblem[] = [];
  rows.forEach((r, i) => {
    const at = `/rows/${i}`;
    if (r.stage === 'actual' && r.coveredInstitutions === 0)
      out.push({
        path: `${at}/coveredInstitutions`,
        code: 'actualWithoutInstitutions',
        zh: '已实际付费但付费医疗机构数为 0',
        en: 'In actual payment but no covered institutions',
      });
    const missing = paidCasesMissing(r, at);
    if (missing) out.push(missing);
    const p = previous.get(r.regionCode);
    if (!p) return;
    if (STAGE_RANK[r.stage] < STAGE_RANK[p.stage])
      out.push({
        path: `${at}/stage`,
        code: 'stageWentBack',
        zh: `改革阶段倒退（上季度为${STAGE_WORDS[p.stage].zh}）`,
        en: `Stage went backwards (was ${STAGE_WORDS[p.stage].en.toLowerCase()} last quarter)`,
      });
    if (r.coveredInstitutions < p.coveredInstitutions)
      out.push({
        path: `${at}/coveredInstitutions`,
        code: 'cumulativeFell',
        zh: `付费医疗机构数比上季度减少（${p.coveredInstitutions} → ${r.coveredInstitutions}）`,
        en: `Covered institutions fell from last quarter (${p.coveredInstitutions} → ${r.coveredInstitutions})`,
      });
    if (sameYear) {
      for (const f of [
        'inpatientCases',
        'groupedCases',
        'paidInstitutionCases',
        'paidInstitutionGroupedCases',
      ] as const) {
        const now = r[f] ?? null;
        const before = p[f] ?? null;
        if (now !== null && before !== null && now < before)
          out.push({
            path: `${at}/${f}`,
            code: 'cumulativeFell',
            zh: `${FIELD_WORDS[f].zh}（年度累计）比上季度减少`,
            en: `${FIELD_WORDS[f].en} (year to date) fell from last quarter`,
          });
      }
      for (const f of ['inpatientFund', 'drgDipFund'] as const) {
        const now = moneyCents(r[f]);
        const before = moneyCents(p[f]);
        if (now !== null && before !== null && now < before)
          out.push({
            path: `${at}/${f}`,
            code: 'cumulativeFell',
            zh: `${FIELD_WORDS[f].zh}（年度累计）比上季度减少`,
            en: `${FIELD_WORDS[f].en} (year to date) fell from last quarter`,
          });
      }
    }
    const share = (n: number, d: number) => (d > 0 ? (100 * n) / d : null);
    const pairs: [string, number | null, number | null][] = [
      [
        'coveredInstitutions',
        share(r.coveredInstitutions, r.eligibleInstitutions),
        share(p.coveredInstitutions, p.eligibleInstitutions),
      ],
      groupingRates(r, p),
      [
        'drgDipFund',
        share(moneyCents(r.drgDipFund) ?? 0, moneyCents(r.inpatientFund) ?? 0),
        share(moneyCents(p.drgDipFund) ?? 0, moneyCents(p.inpatientFund) ?? 0),
      ],
    ];
    for (const [f, now, before] of pairs) {
      if (now !== null && before !== null && Math.abs(now - before) > opts.jumpPoints)
        out.push({
          path: `${at}/${f}`,
          code: 'jump',
          zh: `覆盖率较上季度变化超过 ${opts.jumpPoints} 个百分点（${before.toFixed(1)}% → ${now.toFixed(1)}%）`,
          en: `Coverage moved more than ${opts.jumpPoints} points from last quarter (${before.toFixed(1)}% → ${now.toFixed(1)}%)`,
        });
    }
  });
  return out;
}
