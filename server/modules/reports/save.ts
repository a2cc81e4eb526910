/**
 * Saving a draft, and the If-Match version check that saves and workflow steps go through.
 *
 * Every write is one transaction that bumps `version` only if the client edited the current
 * one (If-Match), validates before writing, and appends the before/after state to the audit
 * trail.
 */
import { type Db, Prisma, pgConnection, pgSql, prismaSql, type Sql } from '../../db/client.ts';
import { centsText, moneyCents } from '../../domain/numbers.ts';
import { FIRST_PERIOD, parsePeriod } from '../../domain/periods.ts';
import { periodReportable } from '../../domain/reporting-duty.ts';
import type { EditorSession } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { auditInsert } from '../audit/record.ts';
import { figuresFromInstitutions } from '../institutions/roll-up.ts';
import { provinceNotFound } from '../provinces/queries.ts';
import { dataVersionBump } from '../results/versions.ts';
import { serialized } from './answer.ts';
import { auditState } from './audit-state.ts';
import { figureProblems, invalidFigures, type NamedRegion } from './check.ts';
import {
  inRegionOrder,
  type LoadedReport,
  loadKept,
  loadReport,
  missingRegionCodes,
  REPORT_COLUMNS,
  reportHeader,
  type Status,
  type StoredRow,
  type Tx,
  toDto,
} from './load.ts';
import { rowsReplace } from './replace-rows.ts';
import type { ReportDto, ReportRowBody, SignOffDto } from './schemas.ts';

/**
 * A new quarter can be created from the first year of the plans the province follows (its
 * own, the national one) to the current quarter — never capped at a plan's last year. A
 * quarter that already exists (a returned report, say) can always be saved again.
 */
async function checkPeriodReportable(db: Db, provinceCode: string, period: string): Promise<void> {
  const versions = await db.planVersion.findMany({
    where: { status: 'published', plan: { OR: [{ provinceCode }, { isNational: true }] } },
    select: { startYear: true },
  });
  const first = Math.min(...versions.map((v) => v.startYear), parsePeriod(FIRST_PERIOD)!.year);
  const verdict = periodReportable(period, first, new Date());
  if (verdict === 'beforePlans')
    throw new Problem(
      422,
      'periodOutsidePlans',
      `${period} 早于任何行动计划的起始年份`,
      `${period} is before every plan's first year`,
      [
        {
          path: '/params/period',
          code: 'outsidePlans',
          zh: '早于计划年份',
          en: 'before plan years',
        },
      ],
    );
  if (verdict === 'future')
    throw new Problem(
      422,
      'periodInFuture',
      `${period} 尚未开始，不能填报`,
      `${period} has not begun; it cannot be reported yet`,
      [{ path: '/params/period', code: 'future', zh: '尚未开始的季度', en: 'quarter not begun' }],
    );
}

/** 409: the version edited is not the report's (`current`: the report now, null when there is none). */
function conflict(current: ReportDto | null, zh: string, en: string): Problem {
  return new Problem(
    409,
    'versionConflict',
    zh,
    en,
    [{ path: '/headers/if-match', code: 'stale', zh: '版本已过期', en: 'stale version' }],
    { current },
  );
}

const ALL_STATUSES: Status[] = ['draft', 'submitted', 'accepted', 'returned'];

/**
 * The version check every write goes through. `ifMatch` null means the client believes there is
 * no report yet (it is creating the quarter): since there is one, that is a conflict like any
 * other, answered with the report as it stands. The version itself is bumped by the write
 * (lockForWrite, or a save's one UPDATE), in the statement that checks it again.
 */
function checkWritable(
  rep: LoadedReport,
  ifMatch: number | null,
  editable: Status[],
  opts: { creating?: boolean } = {},
): void {
  if (ifMatch === null && opts.creating)
    throw conflict(
      toDto(rep),
      `该季度已有报表（版本 ${rep.version}），未保存任何内容：请查看后在 If-Match 中提供您编辑的版本`,
      `This quarter already has a report (version ${rep.version}); nothing was saved: review it and send the version you edited in If-Match`,
    );
  if (ifMatch === null)
    throw new Problem(
      428,
      'ifMatchRequired',
      '请在 If-Match 中提供所编辑的报表版本号',
      'Send the version you edited in If-Match',
      [{ path: '/headers/if-match', code: 'required', zh: '必填', en: 'required' }],
      { current: toDto(rep) },
    );
  if (ifMatch !== rep.version)
    throw conflict(
      toDto(rep),
      `报表已被他人修改（当前版本 ${rep.version}，您编辑的是 ${ifMatch}），未保存任何内容`,
      `The report changed since you opened it (now version ${rep.version}, you edited ${ifMatch}); nothing was saved`,
    );
  if (!editable.includes(rep.status))
    throw new Problem(
      409,
      'wrongStatus',
      `报表状态为 ${rep.status}，不能执行此操作`,
      `The report is ${rep.status}: this is not allowed now`,
      [],
      { current: toDto(rep) },
    );
}

/** The version check, then the version bumped (a workflow step). */
export async function lockForWrite(
  tx: Tx,
  rep: LoadedReport,
  ifMatch: number | null,
  editable: Status[],
): Promise<void> {
  checkWritable(rep, ifMatch, editable);
  // Bumping the version in the same statement that checks it: a concurrent writer waits for this
  // transaction, then matches 0 rows.
  const bumped = await tx.report.updateMany({
    where: { id: rep.id, version: rep.version },
    data: { version: { increment: 1 } },
  });
  if (bumped.count === 0) throw await justChanged(prismaSql(tx), rep.provinceCode, rep.period);
}

async function justChanged(sql: Sql, provinceCode: string, period: string): Promise<Problem> {
  return conflict(
    toDto((await loadReport(sql, provinceCode, period)).report!),
    '报表刚被他人修改，未保存任何内容',
    'The report was just changed by someone else; nothing was saved',
  );
}

type ReportHeader = Omit<LoadedReport, 'rows' | 'comments' | 'missingRegions' | 'previous'>;

const signOffColumns = (signOff: SignOffDto | undefined) =>
  signOff
    ? Prisma.sql`, prepared_by = ${signOff.preparedBy}, checked_by = ${signOff.checkedBy},
        contact_phone = ${signOff.contactPhone},
        filled_on = ${signOff.filledOn}::date`
    : Prisma.empty;

/**
 * The write's first part, and the report's own fields as it will return them (what the audit
 * records as "after", in the same statement; tests/api/save-answer.test.ts holds the two equal).
 */
interface Head {
  sql: Prisma.Sql;
  after: ReportHeader;
}

/**
 * The existing report made this user's draft, if it is still at the version read: the UPDATE
 * checks it and bumps it, so a concurrent writer matches no row. Demo figures are not a
 * bureau's: replacing them drops their comments and review dates.
 */
function updateHead(
  user: EditorSession,
  rep: LoadedReport,
  signOff: SignOffDto | undefined,
  now: Date,
): Head {
  const demo = rep.isDemo
    ? Prisma.sql`, is_demo = false, created_by_id = ${user.id}, submitted_at = NULL,
        accepted_at = NULL`
    : Prisma.empty;
  const { rows: _r, comments: _c, missingRegions: _m, previous: _p, ...before } = rep;
  return {
    sql: Prisma.sql`UPDATE report r SET version = r.version + 1, status = 'draft',
        updated_by_id = ${user.id}, updated_at = ${now} ${signOffColumns(signOff)} ${demo}
      WHERE r.id = ${rep.id} AND r.version = ${rep.version}
      RETURNING ${REPORT_COLUMNS}`,
    after: {
      ...before,
      version: rep.version + 1,
      status: 'draft',
      updatedAt: now,
      ...(signOff ?? {}),
      ...(rep.isDemo ? { isDemo: false, submittedAt: null, acceptedAt: null } : {}),
    },
  };
}

/**
 * The quarter's report created, or no row when a concurrent save created it first:
 * `ON CONFLICT DO NOTHING` waits for that other transaction.
 */
function createHead(
  user: EditorSession,
  provinceCode: string,
  period: string,
  signOff: SignOffDto | undefined,
  now: Date,
): Head {
  const own = {
    preparedBy: signOff?.preparedBy ?? null,
    checkedBy: signOff?.checkedBy ?? null,
    contactPhone: signOff?.contactPhone ?? null,
    filledOn: signOff?.filledOn ?? null,
  };
  return {
    sql: Prisma.sql`INSERT INTO report AS r (province_code, period, status, version, is_demo,
        created_by_id, updated_by_id, prepared_by, checked_by, contact_phone, filled_on, updated_at)
      VALUES (${provinceCode}, ${period}, 'draft', 1, false, ${user.id}, ${user.id},
        ${own.preparedBy}, ${own.checkedBy}, ${own.contactPhone}, ${own.filledOn}::date, ${now})
      ON CONFLICT (province_code, period) DO NOTHING
      RETURNING ${REPORT_COLUMNS}`,
    after: {
      id: 0, // the database's; the audit takes it from the row written
      provinceCode,
      period,
      status: 'draft',
      version: 1,
      isDemo: false,
      submittedAt: null,
      acceptedAt: null,
      updatedAt: now,
      updatedBy: user.username,
      ...own,
      submittedWarnings: null,
    },
  };
}

/** The rows as stored (money as the column's text), in the regions' order: the saved state. */
function storedRows(rows: ReportRowBody[], regions: Map<string, NamedRegion>): StoredRow[] {
  const money = (v: ReportRowBody['inpatientFund']) => centsText(moneyCents(v)!);
  const place = (code: string) => regions.get(code)!;
  return rows
    .map((r) => ({
      regionCode: r.regionCode,
      regionNameZh: place(r.regionCode).nameZh,
      regionNameEn: place(r.regionCode).nameEn,
      method: r.method ?? null,
      stage: r.stage,
      eligibleInstitutions: r.eligibleInstitutions,
      coveredInstitutions: r.coveredInstitutions,
      inpatientCases: r.inpatientCases,
      groupedCases: r.groupedCases,
      inpatientFund: money(r.inpatientFund),
      drgDipFund: money(r.drgDipFund),
      subsetEligibleInstitutions: r.subsetEligibleInstitutions ?? null,
      subsetCoveredInstitutions: r.subsetCoveredInstitutions ?? null,
      paidInstitutionCases: r.paidInstitutionCases ?? null,
      paidInstitutionGroupedCases: r.paidInstitutionGroupedCases ?? null,
      note: r.note ?? null,
    }))
    .sort((a, b) => inRegionOrder(place(a.regionCode), place(b.regionCode)));
}

/**
 * What a save reads before it writes, in one query: the report, the previous quarter's figures,
 * the province's regions, whether the province exists and whether the report's figures come
 * from institutions. Begun as soon as the quarter is known and the user may enter it: before
 * a save's body is parsed, before an import's file is read, so the two run at once.
 */
export function readForSave(db: Db, provinceCode: string, period: string) {
  const reading = loadKept<{ provinceFound: boolean; fromInstitutions: boolean }>(
    db,
    provinceCode,
    period,
    {
      provinceFound: Prisma.sql`EXISTS (SELECT 1 FROM province WHERE code = ${provinceCode})`,
      fromInstitutions: Prisma.sql`EXISTS (SELECT 1 FROM institution_quarter f
        WHERE f.report_id = r.id)`,
    },
  );
  reading.catch(() => {}); // awaited by the save; an upload refused before then leaves it unread
  return reading;
}

export type SaveRead = ReturnType<typeof readForSave>;

/**
 * Saves the quarter as a draft; `user` is the province's editor (the route checked it).
 *
 * The report is read once (readForSave), checked, and written in one statement: the report's
 * UPDATE (or INSERT) that checks the version read and bumps it, the rows, the data version and
 * the audit entry, each a data-modifying CTE that writes only if the report's did. One
 * statement is one transaction: a concurrent writer either committed before it (then the
 * version no longer matches and nothing is written: 409) or waits for it. The state after is
 * built from the rows sent, not read back: the audit's before and after and the answer come
 * from the same two states. The checks come in the order a user meets them: the quarter, the
 * figures, then the version.
 */
export async function saveDraft(
  db: Db,
  user: EditorSession,
  provinceCode: string,
  period: string,
  rows: ReportRowBody[],
  ifMatch: number | null,
  opts: {
    /** the read begun (readForSave) while the figures came in: an upload read, a body parsed */
    read?: SaveRead;
    /**
     * Figures from an imported file: its sign-off cells, and the rows already checked by the
     * import (which names each problem by its file row), so they are not checked twice.
     */
    imported?: { signOff?: SignOffDto };
  } = {},
): Promise<ReportDto> {
  const { imported } = opts;
  const signOff = imported?.signOff;
  const sql = pgSql(db);
  const {
    report: rep,
    previous,
    regions,
    beside: { provinceFound, fromInstitutions },
  } = await (opts.read ?? readForSave(db, provinceCode, period));
  if (!provinceFound) throw provinceNotFound(provinceCode);
  // a quarter that already exists (a returned report, say) can always be saved again
  if (!rep) await checkPeriodReportable(db, provinceCode, period);
  const errors = imported ? [] : await figureProblems(db, provinceCode, rows, undefined, regions);
  if (errors.length) throw invalidFigures(errors.map((e) => ({ ...e, path: `/body${e.path}` })));

  const now = new Date();
  let head: Head;
  if (rep) {
    // Demo figures are not a bureau's: any status may be replaced, but through the same
    // version check, in place, so the version continues and exactly one writer wins.
    checkWritable(rep, ifMatch, rep.isDemo ? ALL_STATUSES : ['draft', 'returned'], {
      creating: true,
    });
    const overridden = fromInstitutions ? await figuresFromInstitutions(sql, rep.id, rows) : [];
    if (overridden.length)
      throw invalidFigures(overridden.map((e) => ({ ...e, path: `/body${e.path}` })));
    head = updateHead(user, rep, signOff, now);
  } else {
    if (ifMatch !== null && ifMatch !== 0)
      throw conflict(
        null,
        '该报表已不存在，未保存任何内容',
        'The report no longer exists; nothing was saved',
      );
    head = createHead(user, provinceCode, period, signOff, now);
  }
  const byCode = new Map(regions.map((r) => [r.code, r]));
  // a region reporting institution by institution keeps that mark (its figures were checked equal)
  const counted = new Map(rep?.rows.map((r) => [r.regionCode, r.institutions]) ?? []);
  const written = storedRows(rows, byCode).map((r) =>
    counted.get(r.regionCode) ? { ...r, institutions: counted.get(r.regionCode) } : r,
  );
  const present = new Set(written.map((r) => byCode.get(r.regionCode)!.id));
  const state = {
    updatedBy: user.username,
    rows: written,
    comments: rep && !rep.isDemo ? rep.comments : [],
    missingRegions: missingRegionCodes(regions, provinceCode, present),
  };
  const wrote = Prisma.raw('head');
  const write = Prisma.sql`WITH head AS (${head.sql}),
      ${rep?.isDemo ? Prisma.sql`cleared AS (DELETE FROM report_comment WHERE report_id = (SELECT id FROM head)),` : Prisma.empty}
      ${rowsReplace(wrote, rows, new Map(regions.map((r) => [r.code, r.id])))},
      bumped AS (${dataVersionBump(provinceCode, wrote)}),
      audited AS (${auditInsert({
        actor: user,
        action: rep?.isDemo ? 'report.replaceDemo' : rep ? 'report.save' : 'report.create',
        entityType: 'report',
        of: wrote,
        provinceCode,
        before: rep && auditState(rep),
        after: auditState({ ...head.after, ...state }),
      })})
    SELECT * FROM head`;
  // The answer, as the statement will leave the report, is made while PostgreSQL writes (the
  // statement is on its way, on the connection held): its warnings and JSON are most of a
  // save's own CPU. It is sent only if the report came back as expected; otherwise it is made
  // again from what came back.
  const [header, expected] = await pgConnection(db, async (held) => {
    const writing = held<ReportHeader>(write, 'report-save');
    const expected = serialized(toDto({ ...head.after, ...state, previous }));
    return [(await writing)[0], expected] as const;
  });
  if (!header) throw await justChanged(sql, provinceCode, period);
  const same = (h: ReportHeader) => JSON.stringify(reportHeader({ ...h, ...state }));
  return same(header) === same(head.after) ? expected : toDto({ ...header, ...state, previous });
}
