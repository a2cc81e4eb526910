/**
 * Coverage of one coordinating region (统筹地区) in one quarter, per dimension, computed from
 * the raw figures of its report row. Percentages are never stored: they are computed here,
 * when read, from a numerator and a denominator (STYLE.md habit 6).
 */
import type { Dimension, RegionQuarter } from './types.ts';

/**
 * Whose cases a disease-group rate counts: the institutions paid by DRG/DIP, as the plans
 * define 入组率, or — for reports saved before those figures were collected — the whole
 * region's ('regionWide'); 'mixed' when a roll-up holds both.
 */
export const CASE_BASES = ['paidInstitutions', 'regionWide', 'mixed'] as const;
export type CaseBasis = (typeof CASE_BASES)[number];

export interface Coverage {
  /** whole numbers: counts, or cents of 万元 for the fund (numbers.ts figureText writes them out) */
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100; null when the denominator is 0 (nothing to cover) */
  pct: number | null;
  /** disease groups only: whose cases the rate counts */
  basis?: CaseBasis;
}

export function coverage(numerator: number, denominator: number): Coverage {
  return {
    numerator,
    denominator,
    // ×100 first: 5700 × 100 / 10000 is exactly 57, where 5700 / 10000 × 100 is 56.99999999999999
    pct: denominator === 0 ? null : (numerator * 100) / denominator,
  };
}

/**
 * One region-quarter's coverage in `dimension`.
 * - institutions: 付费医疗机构 / 符合条件的开展住院服务的医疗机构
 * - diseaseGroups: 入组病例 / 住院病例 at the institutions paid by DRG/DIP (diseaseGroupCoverage)
 * - fund: DRG/DIP 付费医保基金支出 / 统筹区内住院医保基金支出 (both in cents of 万元, year
 *   to date: whole numbers, so the province's sums are exact)
 * - regions: the region counts 1 of 1 once it is in 实际付费 — the national ladder counts
 *   regions "开展DRG/DIP支付方式改革并实际付费", so launch or simulation counts 0.
 *
 * `subset` (e.g. 'secondaryPublic', 二级及以上公立医院) switches institutions to the subset
 * figures; a row that did not report them gives 0 / 0, i.e. pct null.
 */
export function coverageOf(
  row: RegionQuarter,
  dimension: Dimension,
  subset: string | null = null,
): Coverage {
  switch (dimension) {
    case 'institutions':
      if (subset !== null)
        return coverage(row.subsetCoveredInstitutions ?? 0, row.subsetEligibleInstitutions ?? 0);
      return coverage(row.coveredInstitutions, row.eligibleInstitutions);
    case 'diseaseGroups':
      return diseaseGroupCoverage(row);
    case 'fund':
      return coverage(row.drgDipFundCents, row.inpatientFundCents);
    case 'regions':
      return coverage(row.stage === 'actual' ? 1 : 0, 1);
  }
}

/**
 * 病组（病种）入组率 as the plans define it: "DRG/DIP 付费医疗机构病组（病种）入组率" (Liaoning
 * 二、（三）, Hunan 四、（二）; national "DRG/DIP付费医疗机构病种…覆盖") — cases grouped at the
 * institutions paid by DRG/DIP over those institutions' inpatient cases. A region with cases
 * but no case at a paying institution groups none of them for payment: 0 %, not "nothing to
 * cover". A row saved before the paying institutions' figures were collected is read on the
 * region-wide figures and says so (`basis: 'regionWide'`); as grouping happens at the paying
 * institutions, that rate is usually the lower of the two.
 */
export function diseaseGroupCoverage(
  row: Pick<
    RegionQuarter,
    'inpatientCases' | 'groupedCases' | 'paidInstitutionCases' | 'paidInstitutionGroupedCases'
  >,
): Coverage {
  if (row.paidInstitutionCases === null || row.paidInstitutionGroupedCases === null)
    return { ...coverage(row.groupedCases, row.inpatientCases), basis: 'regionWide' };
  const c = coverage(row.paidInstitutionGroupedCases, row.paidInstitutionCases);
  const pct = c.pct === null && row.inpatientCases > 0 ? 0 : c.pct;
  return { ...c, pct, basis: 'paidInstitutions' };
}

/**
 * Province (or cohort) coverage: numerators and denominators are summed, so the result is
 * weighted by each region's denominator — a city with 300 eligible hospitals weighs more
 * than one with 30. An empty list gives 0 / 0 (pct null).
 */
export function rollUpCoverage(parts: Coverage[]): Coverage {
  let numerator = 0;
  let denominator = 0;
  for (const p of parts) {
    numerator += p.numerator;
    denominator += p.denominator;
  }
  const out = coverage(numerator, denominator);
  // Regions with cases but none at a paying institution (0 %, see diseaseGroupCoverage).
  if (out.pct === null && parts.some((p) => p.pct !== null)) out.pct = 0;
  const bases = new Set(parts.flatMap((p) => (p.basis ? [p.basis] : [])));
  if (bases.size > 0) out.basis = bases.size === 1 ? [...bases][0]! : 'mixed';
  return out;
}
