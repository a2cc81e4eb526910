/**
 * Coverage of one coordinating region (统筹地区) in one quarter, per dimension, computed from
 * the raw figures of its report row. Percentages are never stored: they are computed here,
 * when read, from a numerator and a denominator (STYLE.md habit 6).
 */
import type { Dimension, RegionQuarter } from './types.ts';

export interface Coverage {
  /** whole numbers: counts, or cents of 万元 for the fund (numbers.ts figureText writes them out) */
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100; null when the denominator is 0 (nothing to cover) */
  pct: number | null;
}

export function coverage(numerator: number, denominator: number): Coverage {
  return {
    numerator,
    denominator,
    pct: denominator === 0 ? null : (numerator / denominator) * 100,
  };
}

/**
 * One region-quarter's coverage in `dimension`.
 * - institutions: 付费医疗机构 / 符合条件的开展住院服务的医疗机构
 * - diseaseGroups: 入组病例 / 住院病例 (病组（病种）入组率)
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
      return coverage(row.groupedCases, row.inpatientCases);
    case 'fund':
      return coverage(row.drgDipFundCents, row.inpatientFundCents);
    case 'regions':
      return coverage(row.stage === 'actual' ? 1 : 0, 1);
  }
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
  return coverage(numerator, denominator);
}
