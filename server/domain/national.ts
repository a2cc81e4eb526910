/**
 * The country (全国) from its provinces, one quarter at a time. Actual coverage adds every
 * reporting province's numerators and denominators, as a province adds its regions'
 * (coverage.ts rollUpCoverage). The national plan's planned path and level owed for the
 * country weight each reporting province's own national figures by the same denominator, so
 * the planned and actual lines stay comparable (README "From regions to the province").
 * A province that did not report that quarter is left out of both; when none reported (a
 * future quarter), each province weighs by its number of regions, i.e. every region the same.
 */
import { type Coverage, rollUpCoverage } from './coverage.ts';

export interface ProvinceAtQuarter {
  /** the province's coverage over all its regions that reported; null: no public report */
  actual: Coverage | null;
  /** the national plan's planned path and level owed for this province, % (null: nothing computed) */
  nationalPlanned: number | null;
  nationalOwed: number | null;
  regionCount: number;
  /** regions in the public report (0 when none) */
  regionsReported: number;
  isDemo: boolean;
}

export interface CountryAtQuarter {
  actual: Coverage | null;
  nationalPlanned: number | null;
  nationalOwed: number | null;
  weighting: 'reported' | 'equal';
  provincesReported: number;
  regionsReported: number;
  /** provinces whose figures this quarter are demo data */
  demoProvinces: number;
}

function weightedMean(parts: { value: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const p of parts) {
    if (p.value === null || p.weight <= 0) continue;
    sum += p.value * p.weight;
    weight += p.weight;
  }
  return weight === 0 ? null : sum / weight;
}

export function rollUpCountry(provinces: ProvinceAtQuarter[]): CountryAtQuarter {
  const reported = provinces.filter((p) => p.actual !== null);
  const reportedWeight = reported.reduce((n, p) => n + p.actual!.denominator, 0);
  const weighting = reportedWeight > 0 ? 'reported' : 'equal';
  const weighted = (pick: (p: ProvinceAtQuarter) => number | null) =>
    weighting === 'reported'
      ? weightedMean(reported.map((p) => ({ value: pick(p), weight: p.actual!.denominator })))
      : weightedMean(provinces.map((p) => ({ value: pick(p), weight: p.regionCount })));
  return {
    actual: reported.length === 0 ? null : rollUpCoverage(reported.map((p) => p.actual!)),
    nationalPlanned: weighted((p) => p.nationalPlanned),
    nationalOwed: weighted((p) => p.nationalOwed),
    weighting,
    provincesReported: reported.length,
    regionsReported: reported.reduce((n, p) => n + p.regionsReported, 0),
    demoProvinces: reported.filter((p) => p.isDemo).length,
  };
}
