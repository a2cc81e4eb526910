/**
 * Institution-level detail (医疗机构): each institution's quarter is stored on its own
 * (institution_quarter), and its region's row of the report holds the roll-up, computed here in
 * SQL in the writing transaction. The engine, the trajectory and the comparison keep reading
 * region rows: 60,000 institutions cost them nothing more than their 400 regions do.
 *
 * A region row's figures from its institutions:
 *   eligible institutions   = institutions eligible this quarter
 *   covered institutions    = eligible and paid by DRG/DIP
 *   cases, grouped, fund    = sums over every institution of the region
 *   paid institutions' cases and grouped cases (the plans' 入组率) = sums over the paid ones
 *   二级及以上公立医院 subset = the same counts over the institutions in that subset
 */
import { Prisma, type Sql } from '../../db/client.ts';
import { moneyCents } from '../../domain/numbers.ts';
import type { FieldProblem } from '../../domain/problem.ts';
import { bumpDataVersion } from '../results/versions.ts';

type Tx = Prisma.TransactionClient;

export interface InstitutionFigures {
  institutionId: number;
  eligible: boolean;
  paid: boolean;
  method: 'DRG' | 'DIP' | null;
  inpatientCases: number;
  groupedCases: number;
  /** 万元, decimal text with at most two decimals */
  inpatientFund: string;
  drgDipFund: string;
}

/** The roll-up of one report's institutions, per region (read-only; the same query rollUp writes). */
export function regionRollUp(tx: Tx, reportId: number) {
  return tx.$queryRaw<
    {
      region_id: number;
      institutions: number;
      eligible: number;
      covered: number;
      cases: number;
      grouped: number;
      paid_cases: number;
      paid_grouped: number;
      fund: string;
      drg_dip_fund: string;
      subset_eligible: number;
      subset_covered: number;
    }[]
  >(rollUp(reportId));
}

const rollUp = (reportId: number) => Prisma.sql`
  SELECT i.region_id, count(*)::int AS institutions,
    count(*) FILTER (WHERE f.eligible)::int AS eligible,
    count(*) FILTER (WHERE f.eligible AND f.paid)::int AS covered,
    sum(f.inpatient_cases)::int AS cases,
    sum(f.grouped_cases)::int AS grouped,
    coalesce(sum(f.inpatient_cases) FILTER (WHERE f.paid), 0)::int AS paid_cases,
    coalesce(sum(f.grouped_cases) FILTER (WHERE f.paid), 0)::int AS paid_grouped,
    sum(f.inpatient_fund)::text AS fund,
    sum(f.drg_dip_fund)::text AS drg_dip_fund,
    count(*) FILTER (WHERE f.eligible AND i.secondary_public)::int AS subset_eligible,
    count(*) FILTER (WHERE f.eligible AND f.paid AND i.secondary_public)::int AS subset_covered
  FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
  WHERE f.report_id = ${reportId}
  GROUP BY i.region_id`;

/**
 * Replaces a report's institution figures and writes their roll-up into its region rows, in the
 * caller's transaction (the one that checked the report's version). Region rows must exist for
 * every region named; a region without institution detail keeps the figures it was saved with.
 */
export async function replaceInstitutionQuarter(
  tx: Tx,
  report: { id: number; provinceCode: string },
  figures: InstitutionFigures[],
): Promise<void> {
  await tx.institutionQuarter.deleteMany({ where: { reportId: report.id } });
  // one statement, one array per column (Prisma's createMany of 4,437 rows took seconds)
  const column = <T>(f: (x: InstitutionFigures) => T): T[] => figures.map(f);
  await tx.$executeRaw`
    INSERT INTO institution_quarter (report_id, institution_id, eligible, paid, method,
      inpatient_cases, grouped_cases, inpatient_fund, drg_dip_fund)
    SELECT ${report.id}::int, * FROM unnest(
      ${column((x) => x.institutionId)}::int[],
      ${column((x) => x.eligible)}::boolean[],
      ${column((x) => x.paid)}::boolean[],
      ${column((x) => x.method)}::text[]::"PaymentMethod"[],
      ${column((x) => x.inpatientCases)}::int[],
      ${column((x) => x.groupedCases)}::int[],
      ${column((x) => x.inpatientFund)}::numeric[],
      ${column((x) => x.drgDipFund)}::numeric[])`;
  await applyRollUp(tx, report.id);
  await bumpDataVersion(tx, report.provinceCode);
}

/**
 * Writes the roll-up into the report's region rows: the figures of a region with institution
 * detail are its institutions' (a region-level save keeps its stage, method and note, and its
 * figures are put back to the roll-up by this same statement).
 */
export async function applyRollUp(tx: Tx, reportId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE report_row rr SET
      eligible_institutions = x.eligible, covered_institutions = x.covered,
      inpatient_cases = x.cases, grouped_cases = x.grouped,
      paid_institution_cases = x.paid_cases, paid_institution_grouped_cases = x.paid_grouped,
      inpatient_fund = x.fund::numeric, drg_dip_fund = x.drg_dip_fund::numeric,
      subset_eligible_institutions = x.subset_eligible,
      subset_covered_institutions = x.subset_covered
    FROM (${rollUp(reportId)}) x
    WHERE rr.report_id = ${reportId} AND rr.region_id = x.region_id`;
}

/** The report-row fields a region's institutions decide, and their roll-up column. */
const ROLLED_UP = [
  ['eligibleInstitutions', 'eligible'],
  ['coveredInstitutions', 'covered'],
  ['inpatientCases', 'cases'],
  ['groupedCases', 'grouped'],
  ['paidInstitutionCases', 'paid_cases'],
  ['paidInstitutionGroupedCases', 'paid_grouped'],
  ['inpatientFund', 'fund'],
  ['drgDipFund', 'drg_dip_fund'],
  ['subsetEligibleInstitutions', 'subset_eligible'],
  ['subsetCoveredInstitutions', 'subset_covered'],
] as const;

/**
 * A region-level save of a quarter with institution detail: the figures of a region that has
 * institutions are theirs, so a row that sends other figures for it is refused at the field
 * (the form and the template send the roll-up back as they showed it; its stage, method and
 * note are the region's own). Paths as the save's body (`/rows/3/inpatientCases`).
 */
export async function figuresFromInstitutions(
  sql: Sql,
  reportId: number,
  rows: readonly Record<string, unknown>[],
): Promise<FieldProblem[]> {
  const rolled = await sql<
    { region_code: string } & Record<(typeof ROLLED_UP)[number][1], number | string>
  >(Prisma.sql`SELECT g.code AS region_code, x.* FROM (${rollUp(reportId)}) x
    JOIN coordinating_region g ON g.id = x.region_id`);
  if (rolled.length === 0) return [];
  const byRegion = new Map(rolled.map((r) => [r.region_code, r]));
  const out: FieldProblem[] = [];
  rows.forEach((row, i) => {
    const sums = byRegion.get(row.regionCode as string);
    if (!sums) return;
    for (const [field, column] of ROLLED_UP) {
      const sent = row[field];
      const same =
        typeof sums[column] === 'string'
          ? moneyCents(sent as string | number) === moneyCents(sums[column] as string)
          : sent === sums[column];
      if (!same)
        out.push({
          path: `/rows/${i}/${field}`,
          code: 'fromInstitutions',
          zh: `统筹地区 ${row.regionCode} 已报送机构明细：此项为其机构的汇总（${sums[column]}），请修改机构明细`,
          en: `Region ${row.regionCode} reports institution by institution: this figure is their roll-up (${sums[column]}); change the institutions instead`,
        });
    }
  });
  return out;
}
