/**
 * Saving a province-quarter's institution figures: the whole sheet replaces the quarter's, in
 * one transaction with the report's If-Match check, the register's new institutions, the
 * roll-up into region rows, the data version and the audit entry. All or nothing.
 *
 * Institutions the register does not know are created under the region the row names (the list
 * of 定点医疗机构 grows every year; refusing them would make the bureau file a register change
 * before every report). A code registered under another region, of this or another province, is
 * refused: moving an institution is a register change, not a quarter's figure.
 */
import type { Db } from '../../db/client.ts';
import { centsText, moneyCents } from '../../domain/numbers.ts';
import { hardErrors } from '../../domain/report-rules.ts';
import type { EditorSession } from '../../permissions/session.ts';
import { type FieldProblem, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { findReport, type Tx, WRITE_TX } from '../reports/load.ts';
import { rowFigures } from '../reports/row-figures.ts';
import { lockForWrite } from '../reports/save.ts';
import {
  institutionContext,
  institutionProblems,
  invalidInstitutions,
  tooManyInstitutions,
} from './check.ts';
import { MAX_INSTITUTION_ROWS } from './columns.ts';
import { type InstitutionFigures, regionRollUp, replaceInstitutionQuarter } from './roll-up.ts';
import type { InstitutionRow, RegionRollUpDto } from './schemas.ts';

/** 20,000 rows are written in well under a second; the wait for the report's lock is the rest. */
const INSTITUTION_TX = { ...WRITE_TX, timeout: 60_000 } as const;

/** Checks everything that does not need the report's lock: the limit, each row, the register. */
export async function checkInstitutionSheet(
  db: Db,
  provinceCode: string,
  rows: InstitutionRow[],
  opts: { limitPath: string; skip?: ReadonlySet<string> },
) {
  if (rows.length > MAX_INSTITUTION_ROWS) throw tooManyInstitutions(rows.length, opts.limitPath);
  const ctx = await institutionContext(db, provinceCode, rows);
  return { ctx, problems: institutionProblems(rows, ctx, opts.skip) };
}

export async function saveInstitutions(
  db: Db,
  user: EditorSession,
  provinceCode: string,
  period: string,
  rows: InstitutionRow[],
  ifMatch: number | null,
) {
  const { problems } = await checkInstitutionSheet(db, provinceCode, rows, {
    limitPath: '/body/rows',
  });
  if (problems.length) throw invalidInstitutions(atBody(problems));
  return writeInstitutions(db, user, provinceCode, period, rows, ifMatch, atBody);
}

const atBody = (ps: FieldProblem[]) => ps.map((p) => ({ ...p, path: `/body${p.path}` }));

/**
 * The write, once the sheet is known to be sound. `place` turns a row problem found under the
 * lock (a region without a row in the report) into the caller's terms (a body path, a file row).
 */
export async function writeInstitutions(
  db: Db,
  user: EditorSession,
  provinceCode: string,
  period: string,
  rows: InstitutionRow[],
  ifMatch: number | null,
  place: (ps: FieldProblem[]) => FieldProblem[],
) {
  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    if (!rep) throw noReport(provinceCode, period);
    await lockForWrite(tx, rep, ifMatch, ['draft', 'returned']);
    // the roll-up writes into region rows: each region named must have its row (stage, method)
    const inReport = new Set(rep.rows.map((r) => r.region.code));
    const firstOf = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!inReport.has(r.regionCode) && !firstOf.has(r.regionCode)) firstOf.set(r.regionCode, i);
    });
    if (firstOf.size)
      throw invalidInstitutions(
        place(
          [...firstOf].map(([code, i]) => ({
            path: `/rows/${i}/regionCode`,
            code: 'regionNotInReport',
            zh: `统筹地区 ${code} 在本季度报表中还没有一行：请先在报表中保存该地区的改革阶段和付费方式`,
            en: `Region ${code} has no row in this quarter's report yet: save its stage and method in the report first`,
          })),
        ),
      );
    const before = await summary(tx, rep.id);
    const { ids, created } = await registerInstitutions(tx, provinceCode, rows);
    const figures: InstitutionFigures[] = rows.map((r) => ({
      institutionId: ids.get(r.institutionCode)!,
      eligible: r.eligible,
      paid: r.paid,
      method: r.method,
      inpatientCases: r.inpatientCases,
      groupedCases: r.groupedCases,
      inpatientFund: centsText(moneyCents(r.inpatientFund)!),
      drgDipFund: centsText(moneyCents(r.drgDipFund)!),
    }));
    await replaceInstitutionQuarter(tx, { id: rep.id, provinceCode }, figures);
    await regionRowsStillSound(tx, provinceCode, period);
    const updated = await tx.report.update({
      where: { id: rep.id },
      data: { status: 'draft', updatedById: user.id },
      select: { version: true, status: true },
    });
    const after = await summary(tx, rep.id);
    // the audit keeps each region's counts before and after, not the 20,000 rows themselves
    await recordAudit(tx, {
      actor: user,
      action: 'report.saveInstitutions',
      entityType: 'report',
      entityId: rep.id,
      provinceCode,
      before: { version: rep.version, status: rep.status, institutionRegions: before },
      after: {
        version: updated.version,
        status: updated.status,
        institutions: rows.length,
        createdInstitutions: created,
        institutionRegions: after,
      },
    });
    return {
      provinceCode,
      period,
      version: updated.version,
      status: updated.status,
      institutions: rows.length,
      createdInstitutions: created,
      regions: after,
    };
  }, INSTITUTION_TX);
}

const noReport = (provinceCode: string, period: string) =>
  new Problem(
    409,
    'reportRequired',
    `${provinceCode} ${period} 还没有报表：请先保存各统筹地区的改革阶段和付费方式，再报送机构明细`,
    `${provinceCode} ${period} has no report yet: save each region's stage and method first, then the institutions`,
    [{ path: '/params/period', code: 'reportRequired', zh: '报表不存在', en: 'no report' }],
  );

/**
 * New codes are created under their region; the name and the 二级及以上公立医院 flag of known ones
 * follow the sheet where it gives them. ON CONFLICT: a code another province's save registered a
 * moment ago is found by the lookup after, and refused like any code of another region.
 */
async function registerInstitutions(tx: Tx, provinceCode: string, rows: InstitutionRow[]) {
  const inserted = await tx.$queryRaw<{ code: string }[]>`
    INSERT INTO institution (code, region_id, name_zh, secondary_public)
    SELECT x.code, g.id, x.name, coalesce(x.secondary, false)
    FROM unnest(${rows.map((r) => r.institutionCode)}::text[], ${rows.map((r) => r.regionCode)}::text[],
      ${rows.map((r) => r.name?.trim() || r.institutionCode)}::text[],
      ${rows.map((r) => r.secondaryPublic ?? null)}::boolean[]) AS x(code, region, name, secondary)
    JOIN coordinating_region g ON g.code = x.region AND g.province_code = ${provinceCode}
    ON CONFLICT (code) DO NOTHING
    RETURNING code`;
  await tx.$executeRaw`
    UPDATE institution i SET name_zh = coalesce(nullif(trim(x.name), ''), i.name_zh),
      secondary_public = coalesce(x.secondary, i.secondary_public)
    FROM unnest(${rows.map((r) => r.institutionCode)}::text[], ${rows.map((r) => r.name ?? null)}::text[],
      ${rows.map((r) => r.secondaryPublic ?? null)}::boolean[]) AS x(code, name, secondary)
    WHERE i.code = x.code
      AND (i.name_zh IS DISTINCT FROM coalesce(nullif(trim(x.name), ''), i.name_zh)
        OR i.secondary_public IS DISTINCT FROM coalesce(x.secondary, i.secondary_public))`;
  const found = await tx.$queryRaw<{ id: number; code: string; region_code: string }[]>`
    SELECT i.id, i.code, g.code AS region_code FROM institution i
    JOIN coordinating_region g ON g.id = i.region_id
    WHERE i.code = ANY(${rows.map((r) => r.institutionCode)}::text[])`;
  const byCode = new Map(found.map((f) => [f.code, f]));
  const moved = rows.findIndex((r) => byCode.get(r.institutionCode)?.region_code !== r.regionCode);
  if (moved >= 0)
    throw new Problem(
      409,
      'institutionJustRegistered',
      '机构刚被登记在其他统筹地区，请重试',
      'An institution was just registered under another region; try again',
      [
        {
          path: `/body/rows/${moved}/institutionCode`,
          code: 'institutionOfAnotherRegion',
          zh: '已登记在其他统筹地区',
          en: 'registered under another region',
        },
      ],
    );
  return { ids: new Map(found.map((f) => [f.code, f.id])), created: inserted.length };
}

/**
 * The report's rules hold for its region rows after the roll-up too (they do by construction —
 * covered ≤ eligible, grouped ≤ cases — so a failure here is a bug, answered without saving).
 */
async function regionRowsStillSound(tx: Tx, provinceCode: string, period: string) {
  const rep = (await findReport(tx, provinceCode, period))!;
  const rows = rep.rows.map((r) => ({
    ...rowFigures(r),
    inpatientFund: r.inpatientFund.toFixed(2),
    drgDipFund: r.drgDipFund.toFixed(2),
    note: r.note,
  }));
  const codes = new Set(rows.map((r) => r.regionCode));
  const errors = hardErrors(rows, {
    provinceRegions: codes,
    knownRegions: new Map([...codes].map((c) => [c, provinceCode])),
  });
  if (errors.length)
    throw invalidInstitutions(
      errors.map((e) => {
        const region = rows[Number(/\/rows\/(\d+)/.exec(e.path)?.[1])]?.regionCode;
        return {
          ...e,
          path: `/regions/${region}`,
          zh: `统筹地区 ${region} 的汇总：${e.zh}`,
          en: `Region ${region}'s roll-up: ${e.en}`,
        };
      }),
    );
}

/** Each region's roll-up, as the answer and the audit trail show it. */
async function summary(tx: Tx, reportId: number): Promise<RegionRollUpDto[]> {
  const rows = await regionRollUp(tx, reportId);
  if (rows.length === 0) return [];
  const regions = await tx.coordinatingRegion.findMany({
    where: { id: { in: rows.map((r) => r.region_id) } },
    select: { id: true, code: true, sortOrder: true },
  });
  const byId = new Map(regions.map((r) => [r.id, r]));
  return rows
    .sort((a, b) => byId.get(a.region_id)!.sortOrder - byId.get(b.region_id)!.sortOrder)
    .map((r) => ({
      regionCode: byId.get(r.region_id)!.code,
      institutions: r.institutions,
      eligibleInstitutions: r.eligible,
      coveredInstitutions: r.covered,
      inpatientCases: r.cases,
      groupedCases: r.grouped,
      inpatientFund: r.fund,
      drgDipFund: r.drg_dip_fund,
    }));
}
