/** One stored report row as plain figures (region code, method, stage, counts, subset); callers choose how money is read. */
import type { Prisma } from '../../db/client.ts';

type StoredRow = Prisma.ReportRowGetPayload<{ include: { region: { select: { code: true } } } }>;

export function rowFigures(r: StoredRow) {
  return {
    regionCode: r.region.code,
    method: r.method,
    stage: r.stage,
    eligibleInstitutions: r.eligibleInstitutions,
    coveredInstitutions: r.coveredInstitutions,
    inpatientCases: r.inpatientCases,
    groupedCases: r.groupedCases,
    paidInstitutionCases: r.paidInstitutionCases,
    paidInstitutionGroupedCases: r.paidInstitutionGroupedCases,
    subsetEligibleInstitutions: r.subsetEligibleInstitutions,
    subsetCoveredInstitutions: r.subsetCoveredInstitutions,
  };
}
