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
import type { EditorSession } from '../../permissions/session.ts';
import { type FieldProblem, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { findReport, type Tx, WRITE_TX } from '../reports/load.ts';
import { lockForWrite } from '../reports/save.ts';
import {
  institutionContext,
  institutionProblems,
  invalidInstitutions,
  type Registered,
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
  return { register: ctx.register, ctx, problems: institutionProblems(rows, ctx, opts.skip) };
}

export async function saveInstitutions(
  db: Db,
  user: EditorSession,
  provinceCode: string,
  period: string,
  rows: InstitutionRow[],
  ifMatch: number | null,
) {
  const { ctx, problems } = await checkInstitutionSheet(db, provinceCode, rows, {
    limitPath: '/body/rows',
  });
  if (problems.length) throw invalidInstitutions(atBody(problems));
  return writeInstitutions(db, user, { provinceCode, period, rows, ifMatch }, ctx.register, atBody);
}

const atBody = (ps: FieldProblem[]) => ps.map((p) => ({ ...p, path: `/body${p.path}` }));

/**
 * The write, once the sheet is known to be sound. `place` turns a row problem found under the
 * lock (a region without a row in the report) into the caller's terms (a body path, a file row).
 */
export async function writeInstitutions(
  db: Db,
  user: EditorSession,
  sheet: { provinceCode: string; period: string; rows: InstitutionRow[]; ifMatch: number | null },
  /** the register as the checks read it (institutionContext) */
  register: Map<string, Registered>,
  place: (ps: FieldProblem[]) => FieldProblem[],
) {
  const { provinceCode, period, rows, ifMatch } = sheet;
  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    if (!rep) throw noReport(provinceCode, period);
    await lockForWrite(tx, rep, ifMatch, ['draft', 'returned']);
    // the roll-up writes into region rows: each region named must have its row (stage, method)
    const inReport = new Set(rep.rows.map((r) => r.regionCode));
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
    const { ids, created } = await registerInstitutions(tx, provinceCode, rows, register);
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
    // The report's rules between a region's figures hold for the roll-up by construction: each
    // institution was checked (paid ⇒ eligible, grouped ≤ cases, paid fund ≤ fund), so its sums
    // keep covered ≤ eligible, grouped ≤ cases, paid-institution cases ≤ cases, subset ≤ eligible.
    await replaceInstitutionQuarter(tx, { id: rep.id, provinceCode }, figures);
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
 * follow the sheet where it gives them and differs. The register was read by the checks, before
 * the lock: a code another save registered since is found by ON CONFLICT and checked here.
 */
async function registerInstitutions(
  tx: Tx,
  provinceCode: string,
  rows: InstitutionRow[],
  register: Map<string, Registered>,
) {
  const ids = new Map([...register].map(([code, r]) => [code, r.id]));
  const fresh = rows.filter((r) => !register.has(r.institutionCode));
  let created = 0;
  if (fresh.length) {
    const inserted = await tx.$queryRaw<{ id: number; code: string }[]>`
      INSERT INTO institution (code, region_id, name_zh, secondary_public)
      SELECT x.code, g.id, x.name, coalesce(x.secondary, false)
      FROM unnest(${fresh.map((r) => r.institutionCode)}::text[],
        ${fresh.map((r) => r.regionCode)}::text[],
        ${fresh.map((r) => r.name?.trim() || r.institutionCode)}::text[],
        ${fresh.map((r) => r.secondaryPublic ?? null)}::boolean[]) AS x(code, region, name, secondary)
      JOIN coordinating_region g ON g.code = x.region AND g.province_code = ${provinceCode}
      ON CONFLICT (code) DO NOTHING
      RETURNING id, code`;
    created = inserted.length;
    for (const r of inserted) ids.set(r.code, r.id);
    const raced = fresh.filter((r) => !ids.has(r.institutionCode));
    if (raced.length) {
      const found = await tx.$queryRaw<{ id: number; code: string; region_code: string }[]>`
        SELECT i.id, i.code, g.code AS region_code FROM institution i
        JOIN coordinating_region g ON g.id = i.region_id
        WHERE i.code = ANY(${raced.map((r) => r.institutionCode)}::text[])`;
      const byCode = new Map(found.map((f) => [f.code, f]));
      const moved = raced.find((r) => byCode.get(r.institutionCode)?.region_code !== r.regionCode);
      if (moved)
        throw new Problem(
          409,
          'institutionJustRegistered',
          `机构 ${moved.institutionCode} 刚被登记在其他统筹地区，未保存任何数据`,
          `Institution ${moved.institutionCode} was just registered under another region; nothing was saved`,
        );
      for (const f of found) ids.set(f.code, f.id);
    }
  }
  const changed = rows.filter((r) => {
    const known = register.get(r.institutionCode);
    const name = r.name?.trim();
    return (
      known &&
      ((name && name !== known.name) ||
        (r.secondaryPublic != null && r.secondaryPublic !== known.secondaryPublic))
    );
  });
  if (changed.length)
    await tx.$executeRaw`
      UPDATE institution i SET name_zh = coalesce(nullif(trim(x.name), ''), i.name_zh),
        secondary_public = coalesce(x.secondary, i.secondary_public)
      FROM unnest(${changed.map((r) => r.institutionCode)}::text[],
        ${changed.map((r) => r.name ?? null)}::text[],
        ${changed.map((r) => r.secondaryPublic ?? null)}::boolean[]) AS x(code, name, secondary)
      WHERE i.code = x.code`;
  return { ids, created };
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
