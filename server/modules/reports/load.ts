/**
 * Reading a quarterly report: the report, its rows, comments, missing regions and the previous
 * quarter's reported figures in one SQL query, and the DTO the API sends, built from them.
 *
 * One query instead of Prisma relation includes: a 400-row quarter read back through includes
 * (report, rows, regions, comments, users, then the previous quarter the same way) cost more
 * than the whole write it described.
 */
import { LRUCache } from 'lru-cache';
import { type Db, Prisma, pgSql, prismaSql, type Sql } from '../../db/client.ts';
import { addQuarters, parsePeriod } from '../../domain/periods.ts';
import type { RuleProblem } from '../../domain/report-rules.ts';
import { type PreviousFigures, warnings } from '../../domain/report-warnings.ts';
import type { Stage } from '../../domain/types.ts';
import type { Reader } from '../../permissions/session.ts';
import {
  mayReadAccountNames,
  mayReadReport,
  PUBLIC_REPORT_STATUSES,
} from '../../permissions/visibility.ts';
import { notFound } from '../../plugins/problem.ts';
import { EVERY_PROVINCE } from '../results/versions.ts';
import {
  type NamedRegion,
  namedRegion,
  provinceRegions,
  type RegionTuple,
  regionsJson,
  withNamed,
} from './check.ts';
import type { ReportDto } from './schemas.ts';

export type Tx = Prisma.TransactionClient;

/**
 * Options of every transaction that writes a report. Many editors saving one quarter at once
 * wait for a pooled connection and then for the report's row lock; Prisma's defaults (2 s to get
 * a connection, 5 s in all) would turn that wait into an error instead of a 409.
 */
export const WRITE_TX = { maxWait: 10_000, timeout: 20_000 } as const;
export type Status = ReportDto['status'];

/** A stored row as the DTO shows it (money as the column's two-decimal text). */
export type StoredRow = ReportDto['rows'][number];

export interface LoadedReport {
  id: number;
  provinceCode: string;
  period: string;
  status: Status;
  version: number;
  isDemo: boolean;
  submittedAt: Date | null;
  acceptedAt: Date | null;
  updatedAt: Date;
  /** the account that saved it last (its username) */
  updatedBy: string | null;
  preparedBy: string | null;
  checkedBy: string | null;
  contactPhone: string | null;
  /** YYYY-MM-DD */
  filledOn: string | null;
  submittedWarnings: unknown;
  /** in the regions' order */
  rows: StoredRow[];
  comments: ReportDto['comments'];
  /** the province's regions with no row, in their order */
  missingRegions: string[];
  /** the previous quarter's reported figures by region: what the warnings compare with */
  previous: Map<string, PreviousFigures>;
}

/** The Stage enum as the database spells it (schema.prisma @map), both ways. */
export const DB_STAGE = {
  notStarted: 'not_started',
  preparing: 'preparing',
  simulated: 'simulated',
  actual: 'actual',
} as const satisfies Record<Stage, string>;
const STAGE_OF: Record<string, Stage> = Object.fromEntries(
  Object.entries(DB_STAGE).map(([k, v]) => [v, k as Stage]),
);

/** A report's own columns, as `loadReport` and a save's UPDATE … RETURNING read them. */
export const REPORT_COLUMNS = Prisma.sql`r.id, r.province_code AS "provinceCode", r.period,
  r.status::text AS status, r.version, r.is_demo AS "isDemo", r.submitted_at AS "submittedAt",
  r.accepted_at AS "acceptedAt", r.updated_at AS "updatedAt", r.prepared_by AS "preparedBy",
  r.checked_by AS "checkedBy", r.contact_phone AS "contactPhone",
  to_char(r.filled_on, 'YYYY-MM-DD') AS "filledOn", r.submitted_warnings AS "submittedWarnings"`;

/**
 * The report's rows, one JSON array each (RowTuple), by region id: the names and the order are
 * the regions' (read once beside them), so 400 rows travel without them and unsorted.
 */
const rowsOf = (report: Prisma.Sql) => Prisma.sql`(
  SELECT coalesce(json_agg(json_build_array(rr.region_id, rr.method, rr.stage,
      rr.eligible_institutions, rr.covered_institutions, rr.inpatient_cases, rr.grouped_cases,
      rr.inpatient_fund::text, rr.drg_dip_fund::text, rr.subset_eligible_institutions,
      rr.subset_covered_institutions, rr.paid_institution_cases,
      rr.paid_institution_grouped_cases, rr.note, ic.n)), '[]')
  FROM report_row rr
    -- institutions behind the row (机构明细): its figures are their roll-up
    LEFT JOIN (SELECT i.region_id, count(*)::int AS n
      FROM institution_quarter f JOIN institution i ON i.id = f.institution_id
      WHERE f.report_id = ${report} GROUP BY i.region_id) ic ON ic.region_id = rr.region_id
  WHERE rr.report_id = ${report})`;

type RowTuple = [
  number,
  'DRG' | 'DIP' | null,
  string,
  number,
  number,
  number,
  number,
  string,
  string,
  number | null,
  number | null,
  number | null,
  number | null,
  string | null,
  number | null,
];

const storedRow = (g: NamedRegion, t: RowTuple): StoredRow => ({
  regionCode: g.code,
  regionNameZh: g.nameZh,
  regionNameEn: g.nameEn,
  method: t[1],
  stage: STAGE_OF[t[2]]!,
  eligibleInstitutions: t[3],
  coveredInstitutions: t[4],
  inpatientCases: t[5],
  groupedCases: t[6],
  inpatientFund: t[7],
  drgDipFund: t[8],
  subsetEligibleInstitutions: t[9],
  subsetCoveredInstitutions: t[10],
  paidInstitutionCases: t[11],
  paidInstitutionGroupedCases: t[12],
  note: t[13],
  ...(t[14] ? { institutions: t[14] } : {}),
});

/** The previous quarter's rows: only what the warnings compare (PreviousFigures), by region id. */
const previousOf = (report: Prisma.Sql) => Prisma.sql`(
  SELECT coalesce(json_agg(json_build_array(rr.region_id, rr.stage, rr.eligible_institutions,
      rr.covered_institutions, rr.inpatient_cases, rr.grouped_cases, rr.inpatient_fund::text,
      rr.drg_dip_fund::text, rr.paid_institution_cases, rr.paid_institution_grouped_cases)), '[]')
  FROM report_row rr WHERE rr.report_id = ${report})`;

type PreviousTuple = [
  number,
  string,
  number,
  number,
  number,
  number,
  string,
  string,
  number | null,
  number | null,
];

const previousFigures = (code: string, t: PreviousTuple): PreviousFigures => ({
  regionCode: code,
  stage: STAGE_OF[t[1]]!,
  eligibleInstitutions: t[2],
  coveredInstitutions: t[3],
  inpatientCases: t[4],
  groupedCases: t[5],
  inpatientFund: t[6],
  drgDipFund: t[7],
  paidInstitutionCases: t[8],
  paidInstitutionGroupedCases: t[9],
});

type Loaded = Omit<LoadedReport, 'rows' | 'comments' | 'previous' | 'missingRegions'> & {
  rows: RowTuple[];
  comments: [string, string, string | null, number][];
  /** null: the same as kept (`regionsKey`, `previousKey`) */
  previous: PreviousTuple[] | null;
  regions: RegionTuple[] | null;
  regionsKey: string;
  previousKey: string | null;
  found: boolean;
};

/**
 * What reading a report needs that seldom changes, kept by an app instance between its reads (a
 * bureau opens and saves the same quarter again and again): the province's regions, by the `*`
 * data version (every change to the register bumps it, versions.ts), and the previous
 * quarter's figures, by that report's id and version (every change to its rows or status bumps
 * the version; demo data is made anew, with new ids). A save's read and GET ask for each only
 * when the key they find, in the same query, differs from the one kept: what they use is never
 * older than the read, whichever instance wrote last (tests/api/kept-results.test.ts).
 */
class KeptParts {
  readonly regions = new LRUCache<string, { key: string; tuples: RegionTuple[] }>({ max: 64 });
  readonly previous = new LRUCache<string, { key: string; tuples: PreviousTuple[] }>({ max: 64 });
}

const keptParts = new WeakMap<Db, KeptParts>();

/**
 * loadReportWith through `pg`, with this app instance's KeptParts (one per database client):
 * how GET and a save's read (readForSave) read a report.
 */
export function loadKept<T extends Record<string, unknown>>(
  db: Db,
  provinceCode: string,
  period: string,
  beside: { [K in keyof T]: Prisma.Sql },
) {
  let kept = keptParts.get(db);
  if (!kept) {
    kept = new KeptParts();
    keptParts.set(db, kept);
  }
  const sql = pgSql(db);
  return loadReportWith<T>((q) => sql(q, 'report-load'), provinceCode, period, beside, kept);
}

/** The regions' own order, the one a quarter's rows and missing regions are given in. */
export const inRegionOrder = (x: NamedRegion, y: NamedRegion) =>
  x.sortOrder - y.sortOrder || x.id - y.id;

/** The province's regions (among `regions`) with no row, by region id in `present`, in order. */
export const missingRegionCodes = (
  regions: readonly NamedRegion[],
  provinceCode: string,
  present: ReadonlySet<number>,
) =>
  regions
    .filter((g) => g.provinceCode === provinceCode && !present.has(g.id))
    .sort(inRegionOrder)
    .map((g) => g.code);

/**
 * The quarter's report (null when there is none yet), and the previous quarter's reported
 * figures, which a new report's warnings need as well. Reported: submitted or accepted; a draft
 * or a returned report is still its bureau's own work in progress.
 */
export async function loadReport(
  sql: Sql,
  provinceCode: string,
  period: string,
): Promise<{ report: LoadedReport | null; previous: Map<string, PreviousFigures> }> {
  return loadReportWith(sql, provinceCode, period, {});
}

/**
 * loadReport, with more values read beside it in the same query (`beside`: a SQL expression
 * each, in which `r.id` is the report's id or null): what a save checks next, without a round
 * trip of its own. `regions` are the province's and those the report has rows for (a region
 * since moved to another province keeps its rows here: read by a second query, when there is one).
 */
export async function loadReportWith<T extends Record<string, unknown>>(
  sql: Sql,
  provinceCode: string,
  period: string,
  beside: { [K in keyof T]: Prisma.Sql },
  kept?: KeptParts,
): Promise<{
  report: LoadedReport | null;
  previous: Map<string, PreviousFigures>;
  regions: NamedRegion[];
  beside: T;
}> {
  const pairs = Object.entries<Prisma.Sql>(beside).flatMap(([k, v]) => [Prisma.sql`${k}::text`, v]);
  const before = addQuarters(period, -1);
  const keptRegions = kept?.regions.get(provinceCode);
  const keptPrevious = kept?.previous.get(`${provinceCode}|${before}`);
  const regionsKey = Prisma.sql`(SELECT coalesce(max(version), 0)::text FROM data_version
    WHERE scope = ${EVERY_PROVINCE})`;
  const previousKey = Prisma.sql`p.id || '.' || p.version`;
  const [one] = await sql<Loaded & { beside: T }>(Prisma.sql`
    SELECT r.id IS NOT NULL AS found, ${REPORT_COLUMNS}, u.username AS "updatedBy",
      json_build_object(${pairs.length ? Prisma.join(pairs) : Prisma.empty}) AS beside,
      ${regionsKey} AS "regionsKey",
      CASE WHEN ${regionsKey} = ${keptRegions?.key ?? ''} THEN NULL
        ELSE ${regionsJson(provinceRegions(provinceCode))} END AS regions,
      ${rowsOf(Prisma.sql`r.id`)} AS rows,
      (SELECT coalesce(json_agg(json_build_array(c.kind, c.body, a.username,
          floor(extract(epoch FROM c.created_at) * 1000)) ORDER BY c.id), '[]')
        FROM report_comment c LEFT JOIN app_user a ON a.id = c.author_id
        WHERE c.report_id = r.id) AS comments,
      ${previousKey} AS "previousKey",
      CASE WHEN ${previousKey} = ${keptPrevious?.key ?? ''} THEN NULL
        ELSE ${previousOf(Prisma.sql`p.id`)} END AS previous
    FROM (VALUES (1)) AS one(x)
      LEFT JOIN report r ON r.province_code = ${provinceCode} AND r.period = ${period}
      LEFT JOIN app_user u ON u.id = r.updated_by_id
      LEFT JOIN report p ON p.province_code = ${provinceCode} AND p.period = ${before}
        AND p.status::text = ANY(${[...PUBLIC_REPORT_STATUSES]})`);
  const regionTuples = one!.regions ?? keptRegions!.tuples;
  const previousTuples = one!.previous ?? keptPrevious?.tuples ?? [];
  if (kept && one!.regions)
    kept.regions.set(provinceCode, { key: one!.regionsKey, tuples: one!.regions });
  if (kept && one!.previous && one!.previousKey)
    kept.previous.set(`${provinceCode}|${before}`, {
      key: one!.previousKey,
      tuples: one!.previous,
    });
  const regions = await withNamed(sql, regionTuples.map(namedRegion), {
    ids: one!.rows.map((t) => t[0]),
  });
  const byId = new Map(regions.map((g) => [g.id, g]));
  // a previous row whose region is not read here is no region of this quarter's: nothing to compare
  const previous = new Map<string, PreviousFigures>();
  for (const t of previousTuples) {
    const g = byId.get(t[0]);
    if (g) previous.set(g.code, previousFigures(g.code, t));
  }
  if (!one!.found) return { report: null, previous, regions, beside: one!.beside };
  const {
    found: _,
    beside: also,
    regions: _r,
    previous: _p,
    regionsKey: _rk,
    previousKey: _pk,
    ...rep
  } = one!;
  const rows = rep.rows
    .map((t) => ({ g: byId.get(t[0])!, t }))
    .sort((a, b) => inRegionOrder(a.g, b.g));
  const present = new Set(rows.map((r) => r.g.id));
  return {
    beside: also,
    regions,
    report: {
      ...rep,
      rows: rows.map(({ g, t }) => storedRow(g, t)),
      comments: rep.comments.map(([kind, body, author, ms]) => ({
        kind,
        body,
        author,
        at: new Date(ms).toISOString(),
      })),
      missingRegions: missingRegionCodes(regions, provinceCode, present),
      previous,
    },
    previous,
  };
}

export async function findReport(db: Db | Tx, provinceCode: string, period: string) {
  return (await loadReport(prismaSql(db), provinceCode, period)).report;
}

/** The warnings of a report's figures as they stand now, against the previous quarter. */
export function currentWarnings(rep: LoadedReport): RuleProblem[] {
  const sameYear = parsePeriod(rep.period)!.quarter > 1;
  return warnings(rep.rows, rep.previous, sameYear);
}

/**
 * What the reviewer decides on is what was submitted: a submitted or accepted report shows
 * the warnings kept at its submission (`submission`), whatever happened to the previous
 * quarter since; the same rules over today's figures come beside them as `currentWarnings`,
 * labelled as recomputed. A draft, a returned report, and one submitted before warnings were
 * kept show the warnings of now (`now`).
 */
function warningsOf(rep: LoadedReport) {
  const now = currentWarnings(rep);
  const frozen = rep.submittedWarnings as RuleProblem[] | null;
  if ((rep.status === 'submitted' || rep.status === 'accepted') && Array.isArray(frozen))
    return { warnings: frozen, warningsAt: 'submission' as const, currentWarnings: now };
  return { warnings: now, warningsAt: 'now' as const, currentWarnings: null };
}

/** A report's own fields as the API spells them: the DTO's first part, and the audit's states'. */
export function reportHeader(
  rep: Omit<LoadedReport, 'rows' | 'comments' | 'missingRegions' | 'previous'>,
) {
  return {
    provinceCode: rep.provinceCode,
    period: rep.period,
    status: rep.status,
    version: rep.version,
    isDemo: rep.isDemo,
    submittedAt: rep.submittedAt?.toISOString() ?? null,
    acceptedAt: rep.acceptedAt?.toISOString() ?? null,
    updatedAt: rep.updatedAt.toISOString(),
    updatedBy: rep.updatedBy ?? (rep.isDemo ? 'demo' : null),
    signOff: {
      preparedBy: rep.preparedBy,
      checkedBy: rep.checkedBy,
      contactPhone: rep.contactPhone,
      filledOn: rep.filledOn,
    },
  };
}

export function toDto(rep: LoadedReport): ReportDto {
  return {
    ...reportHeader(rep),
    rows: rep.rows,
    missingRegions: rep.missingRegions,
    ...warningsOf(rep),
    comments: rep.comments,
  };
}

export async function readReport(
  db: Db,
  reader: Reader,
  provinceCode: string,
  period: string,
): Promise<ReportDto> {
  const { report: rep } = await loadKept(db, provinceCode, period, {});
  if (!rep || !mayReadReport(reader, rep))
    throw notFound(
      `Report ${provinceCode} ${period}`,
      `${provinceCode} ${period} 报表`,
      '/params/period',
    );
  const dto = toDto(rep);
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
