/**
 * A quarter's coverage per region and for the province, computed in the browser by the
 * domain's own functions (server/domain/coverage.ts, numbers.ts) — the same numerators and
 * denominators the dashboards use — from the form's text or a report's figures.
 */
import {
  type Coverage,
  coverage,
  diseaseGroupCoverage,
  rollUpCoverage,
} from '../../../../server/domain/coverage.ts';
import { moneyCents } from '../../../../server/domain/numbers.ts';
import type { ReportDto } from '../../api/client.ts';
import { type FormRow, normaliseNumber } from '../entry/form.ts';

export const MEASURES = ['institutions', 'diseaseGroups', 'fund'] as const;
export type Measure = (typeof MEASURES)[number];
export type RowCoverage = Record<Measure, Coverage | null>;

type Figure = number | string | null | undefined;
interface Figures {
  eligibleInstitutions: Figure;
  coveredInstitutions: Figure;
  inpatientCases: Figure;
  groupedCases: Figure;
  paidInstitutionCases: Figure;
  paidInstitutionGroupedCases: Figure;
  inpatientFund: Figure;
  drgDipFund: Figure;
}

/** A whole count ≥ 0, or null when the text is not one (yet). */
function count(v: Figure): number | null {
  if (v === null || v === undefined) return null;
  const text = normaliseNumber(String(v));
  return /^\d+$/.test(text) ? Number(text) : null;
}
const cents = (v: Figure) =>
  v === null || v === undefined || String(v).trim() === ''
    ? null
    : moneyCents(normaliseNumber(String(v)));

/** One region's three shares; a share whose figures are missing or unreadable is null. */
export function rowCoverage(f: Figures): RowCoverage {
  const eligible = count(f.eligibleInstitutions);
  const covered = count(f.coveredInstitutions);
  const cases = count(f.inpatientCases);
  const grouped = count(f.groupedCases);
  const paid = cents(f.drgDipFund);
  const total = cents(f.inpatientFund);
  return {
    institutions: eligible !== null && covered !== null ? coverage(covered, eligible) : null,
    diseaseGroups:
      cases !== null && grouped !== null
        ? diseaseGroupCoverage({
            inpatientCases: cases,
            groupedCases: grouped,
            paidInstitutionCases: count(f.paidInstitutionCases),
            paidInstitutionGroupedCases: count(f.paidInstitutionGroupedCases),
          })
        : null,
    fund: paid !== null && total !== null ? coverage(paid, total) : null,
  };
}

/** The province's shares: numerators and denominators summed over the regions that have them. */
export function totalCoverage(rows: RowCoverage[]): RowCoverage {
  const out = {} as RowCoverage;
  for (const m of MEASURES) {
    const parts = rows.flatMap((r) => (r[m] ? [r[m]] : []));
    out[m] = parts.length ? rollUpCoverage(parts) : null;
  }
  return out;
}

export const formCoverage = (rows: FormRow[]) =>
  new Map(rows.map((r) => [r.regionCode, rowCoverage(r)]));

export const reportCoverage = (report: Pick<ReportDto, 'rows'> | null | undefined) =>
  new Map((report?.rows ?? []).map((r) => [r.regionCode, rowCoverage(r)]));
