/** Reading a quarterly report: loading it with rows and comments, and the DTO the API sends. */
import type { Db, Prisma } from '../../db/client.ts';
import { addQuarters, parsePeriod } from '../../domain/periods.ts';
import type { ReportRowInput, RuleProblem } from '../../domain/report-rules.ts';
import { warnings } from '../../domain/report-warnings.ts';
import type { Reader } from '../../permissions/session.ts';
import {
  isPublicReport,
  mayReadAccountNames,
  mayReadReport,
} from '../../permissions/visibility.ts';
import { notFound } from '../../plugins/problem.ts';
import { rowFigures } from './row-figures.ts';
import type { ReportDto } from './schemas.ts';

export type Tx = Prisma.TransactionClient;

/**
 * Options of every transaction that writes a report. Many editors saving one quarter at once
 * wait for a pooled connection and then for the report's row lock; Prisma's defaults (2 s to get
 * a connection, 5 s in all) would turn that wait into an error instead of a 409.
 */
export const WRITE_TX = { maxWait: 10_000, timeout: 20_000 } as const;
export type Status = ReportDto['status'];

const reportInclude = {
  rows: { include: { region: true }, orderBy: { region: { sortOrder: 'asc' } } },
  comments: { include: { author: true }, orderBy: { id: 'asc' } },
  updatedBy: true,
} as const;

export async function findReport(db: Db | Tx, provinceCode: string, period: string) {
  return db.report.findUnique({
    where: { provinceCode_period: { provinceCode, period } },
    include: reportInclude,
  });
}
export type LoadedReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;

const rowInput = (r: LoadedReport['rows'][number]): ReportRowInput => ({
  ...rowFigures(r),
  inpatientFund: r.inpatientFund.toFixed(2),
  drgDipFund: r.drgDipFund.toFixed(2),
  note: r.note,
});

/**
 * The previous quarter's figures the warnings compare with: reported ones only (submitted or
 * accepted). A draft or a returned report is still its bureau's own work in progress.
 */
async function previousRows(
  db: Db | Tx,
  provinceCode: string,
  period: string,
): Promise<Map<string, ReportRowInput>> {
  const prev = await findReport(db, provinceCode, addQuarters(period, -1));
  if (!prev || !isPublicReport(prev.status)) return new Map();
  return new Map(prev.rows.map((r) => [r.region.code, rowInput(r)]));
}

/** The warnings of a report's figures as they stand now, against the previous quarter. */
export async function currentWarnings(db: Db | Tx, rep: LoadedReport): Promise<RuleProblem[]> {
  const sameYear = parsePeriod(rep.period)!.quarter > 1;
  return warnings(
    rep.rows.map(rowInput),
    await previousRows(db, rep.provinceCode, rep.period),
    sameYear,
  );
}

/**
 * What the reviewer decides on is what was submitted: a submitted or accepted report shows
 * the warnings kept at its submission (`submission`), whatever happened to the previous
 * quarter since; the same rules over today's figures come beside them as `currentWarnings`,
 * labelled as recomputed. A draft, a returned report, and one submitted before warnings were
 * kept show the warnings of now (`now`).
 */
async function warningsOf(db: Db | Tx, rep: LoadedReport) {
  const now = await currentWarnings(db, rep);
  const frozen = rep.submittedWarnings as RuleProblem[] | null;
  if ((rep.status === 'submitted' || rep.status === 'accepted') && Array.isArray(frozen))
    return { warnings: frozen, warningsAt: 'submission' as const, currentWarnings: now };
  return { warnings: now, warningsAt: 'now' as const, currentWarnings: null };
}

/**
 * What a report's DTO reads besides the report: its province's regions. A write that makes the
 * DTO before and after passes one, so both read them once.
 */
export interface DtoReads {
  regions?: { code: string }[];
}

export async function toDto(
  db: Db | Tx,
  rep: LoadedReport,
  reads: DtoReads = {},
): Promise<ReportDto> {
  const rows = rep.rows.map(rowInput);
  reads.regions ??= await db.coordinatingRegion.findMany({
    where: { provinceCode: rep.provinceCode },
    select: { code: true },
    orderBy: { sortOrder: 'asc' },
  });
  const regions = reads.regions;
  const present = new Set(rows.map((r) => r.regionCode));
  return {
    provinceCode: rep.provinceCode,
    period: rep.period,
    status: rep.status,
    version: rep.version,
    isDemo: rep.isDemo,
    submittedAt: rep.submittedAt?.toISOString() ?? null,
    acceptedAt: rep.acceptedAt?.toISOString() ?? null,
    updatedAt: rep.updatedAt.toISOString(),
    updatedBy: rep.updatedBy?.username ?? (rep.isDemo ? 'demo' : null),
    signOff: {
      preparedBy: rep.preparedBy,
      checkedBy: rep.checkedBy,
      contactPhone: rep.contactPhone,
      filledOn: rep.filledOn?.toISOString().slice(0, 10) ?? null,
    },
    rows: rep.rows.map((r, i) => ({
      ...rows[i]!,
      regionNameZh: r.region.nameZh,
      regionNameEn: r.region.nameEn,
      subsetEligibleInstitutions: r.subsetEligibleInstitutions,
      subsetCoveredInstitutions: r.subsetCoveredInstitutions,
      paidInstitutionCases: r.paidInstitutionCases,
      paidInstitutionGroupedCases: r.paidInstitutionGroupedCases,
      note: r.note,
      inpatientFund: rows[i]!.inpatientFund as string,
      drgDipFund: rows[i]!.drgDipFund as string,
    })),
    missingRegions: regions.map((r) => r.code).filter((c) => !present.has(c)),
    ...(await warningsOf(db, rep)),
    comments: rep.comments.map((c) => ({
      kind: c.kind,
      body: c.body,
      author: c.author?.username ?? null,
      at: c.createdAt.toISOString(),
    })),
  };
}

export async function readReport(
  db: Db,
  reader: Reader,
  provinceCode: string,
  period: string,
): Promise<ReportDto> {
  const rep = await findReport(db, provinceCode, period);
  if (!rep || !mayReadReport(reader, rep))
    throw notFound(
      `Report ${provinceCode} ${period}`,
      `${provinceCode} ${period} 报表`,
      '/params/period',
    );
  const dto = await toDto(db, rep);
  // who saved it and the review comments are the insiders' (visibility.ts)
  if (mayReadAccountNames(reader, provinceCode)) return dto;
  return { ...dto, updatedBy: rep.isDemo ? 'demo' : null, comments: [] };
}

export async function reportId(
  db: Db,
  reader: Reader,
  provinceCode: string,
  period: string,
): Promise<number> {
  const rep = await db.report.findUnique({
    where: { provinceCode_period: { provinceCode, period } },
    select: { id: true, status: true, provinceCode: true },
  });
  if (!rep || !mayReadReport(reader, rep))
    throw notFound(
      `Report ${provinceCode} ${period}`,
      `${provinceCode} ${period} 报表`,
      '/params/period',
    );
  return rep.id;
}
