/**
 * The figures a report row may leave out, which come in pairs: the 二级及以上公立医院 subset
 * (Inner Mongolia's 2022 target) and the cases at the institutions paid by DRG/DIP, on which
 * the plans measure 入组率 ("DRG/DIP 付费医疗机构病组（病种）入组率"). Each pair is given whole
 * or not at all, and each sits inside the region-wide figure it is part of.
 */
import type { ReportRowInput, RuleProblem } from './report-rules.ts';
import { FIELD_WORDS, type RuleCode } from './vocabulary.ts';

type PairField =
  | 'subsetEligibleInstitutions'
  | 'subsetCoveredInstitutions'
  | 'paidInstitutionCases'
  | 'paidInstitutionGroupedCases';

const value = (r: ReportRowInput, f: PairField) => r[f] ?? null;

/** Hard errors of one row's optional pairs; `at` is the row's path (`/rows/3`). */
export function optionalFigureProblems(r: ReportRowInput, at: string): RuleProblem[] {
  const out: RuleProblem[] = [];
  const add = (f: PairField, code: RuleCode, zh: string, en: string) =>
    out.push({ path: `${at}/${f}`, code, zh, en });
  const pair = (whole: PairField, part: PairField, code: RuleCode, zh: string, en: string) => {
    const w = value(r, whole);
    const p = value(r, part);
    if ((w === null) !== (p === null)) add(w === null ? whole : part, code, zh, en);
    for (const f of [whole, part]) {
      const v = value(r, f);
      if (v !== null && (!Number.isInteger(v) || v < 0))
        add(
          f,
          'notACount',
          `${FIELD_WORDS[f].zh}应为非负整数`,
          `${FIELD_WORDS[f].en} must be a whole number ≥ 0`,
        );
    }
    return w !== null && p !== null && Number.isInteger(w) && Number.isInteger(p) ? { w, p } : null;
  };

  const subset = pair(
    'subsetEligibleInstitutions',
    'subsetCoveredInstitutions',
    'subsetIncomplete',
    '子集的机构数与付费数需同时填写',
    'Give both subset figures or neither',
  );
  if (subset && subset.p > subset.w)
    add(
      'subsetCoveredInstitutions',
      'coveredAboveEligible',
      '子集付费数大于子集机构数',
      'Subset covered exceeds subset eligible',
    );
  const se = value(r, 'subsetEligibleInstitutions');
  if (se !== null && se > r.eligibleInstitutions)
    add(
      'subsetEligibleInstitutions',
      'subsetAboveEligible',
      '子集机构数大于符合条件的医疗机构数',
      'Subset exceeds eligible institutions',
    );

  const paid = pair(
    'paidInstitutionCases',
    'paidInstitutionGroupedCases',
    'paidCasesIncomplete',
    '付费医疗机构的住院病例数与入组病例数需同时填写',
    'Give both case figures of the DRG/DIP-paid institutions or neither',
  );
  if (!paid) return out;
  if (paid.p > paid.w)
    add(
      'paidInstitutionGroupedCases',
      'groupedAboveCases',
      '付费医疗机构入组病例数大于其住院病例数',
      'Grouped cases at paid institutions exceed their inpatient cases',
    );
  if (paid.w > r.inpatientCases)
    add(
      'paidInstitutionCases',
      'paidCasesAboveCases',
      '付费医疗机构住院病例数大于全地区住院病例数',
      'Cases at paid institutions exceed the region’s inpatient cases',
    );
  if (paid.p > r.groupedCases)
    add(
      'paidInstitutionGroupedCases',
      'paidGroupedAboveGrouped',
      '付费医疗机构入组病例数大于全地区入组病例数',
      'Grouped cases at paid institutions exceed the region’s grouped cases',
    );
  if (paid.w > 0 && r.coveredInstitutions === 0)
    add(
      'paidInstitutionCases',
      'paidCasesWithoutInstitutions',
      '没有DRG/DIP付费医疗机构，却填报了付费医疗机构的住院病例数',
      'Cases at paid institutions are given, but no institution is paid by DRG/DIP',
    );
  return out;
}

/**
 * A warning, not an error: a region whose institutions are paid by DRG/DIP but that leaves
 * out their cases has its 入组率 read on the region-wide figures (coverage.ts).
 */
export function paidCasesMissing(r: ReportRowInput, at: string): RuleProblem | null {
  if (r.coveredInstitutions === 0 || value(r, 'paidInstitutionCases') !== null) return null;
  return {
    path: `${at}/paidInstitutionCases`,
    code: 'paidCasesMissing',
    zh: '未填报付费医疗机构的住院病例数与入组病例数：入组率暂按全地区病例计算，低于方案口径',
    en: 'Cases at the paid institutions are missing: the grouping rate is read on all the region’s cases, below the plans’ measure',
  };
}
