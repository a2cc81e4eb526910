/**
 * Warnings about a quarter's figures: saved with the report and shown to reviewers, never a
 * reason to refuse it (DHIS2's "validation rule violations" of the warning kind). They compare
 * each region with the previous quarter's reported figures — submitted or accepted only, a
 * draft is its bureau's own and never shown through another report's warnings.
 */
import { diseaseGroupCoverage } from './coverage.ts';
import { moneyCents } from './numbers.ts';
import { paidCasesMissing } from './report-optional-figures.ts';
import type { ReportRowInput, RuleProblem } from './report-rules.ts';
import type { Stage } from './types.ts';
import { FIELD_WORDS, STAGE_WORDS } from './vocabulary.ts';

/** What a warning compares of the previous quarter's row: the figures, not its notes or method. */
export type PreviousFigures = Pick<
  ReportRowInput,
  | 'regionCode'
  | 'stage'
  | 'eligibleInstitutions'
  | 'coveredInstitutions'
  | 'inpatientCases'
  | 'groupedCases'
  | 'inpatientFund'
  | 'drgDipFund'
  | 'paidInstitutionCases'
  | 'paidInstitutionGroupedCases'
>;

/** The 入组率 of this quarter and the last, on the same basis (else no jump is measured). */
function groupingRates(
  r: ReportRowInput,
  p: PreviousFigures,
): [string, number | null, number | null] {
  const rate = (x: PreviousFigures) =>
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
  previous: Map<string, PreviousFigures>,
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
