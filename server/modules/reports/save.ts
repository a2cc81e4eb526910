/**
 * Saving a draft, and the If-Match version check that saves and workflow steps go through.
 *
 * Every write is one transaction that bumps `version` only if the client edited the current
 * one (If-Match), validates before writing, and appends the before/after state to the audit
 * trail.
 */
import type { Db } from '../../db/client.ts';
import { FIRST_PERIOD, parsePeriod } from '../../domain/periods.ts';
import { periodReportable } from '../../domain/reporting-duty.ts';
import type { EditorSession } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { figuresFromInstitutions } from '../institutions/roll-up.ts';
import { bumpDataVersion } from '../results/versions.ts';
import { figureProblems, invalidFigures } from './check.ts';
import { insertRows } from './insert-rows.ts';
import {
  type DtoReads,
  findReport,
  type LoadedReport,
  type Status,
  type Tx,
  toDto,
  WRITE_TX,
} from './load.ts';
import type { ReportDto, ReportRowBody, SignOffDto } from './schemas.ts';

/**
 * A new quarter can be created from the first year of the plans the province follows (its
 * own, the national one) to the current quarter — never capped at a plan's last year. A
 * quarter that already exists (a returned report, say) can always be saved again.
 */
async function checkPeriodReportable(db: Db, provinceCode: string, period: string): Promise<void> {
  const existing = await db.report.findUnique({
    where: { provinceCode_period: { provinceCode, period } },
    select: { id: true },
  });
  if (existing) return;
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

function conflict(current: ReportDto, zh: string, en: string): Problem {
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
 * other, answered with the report as it stands.
 */
export async function lockForWrite(
  tx: Tx,
  rep: LoadedReport,
  ifMatch: number | null,
  editable: Status[],
  opts: { creating?: boolean } = {},
) {
  if (ifMatch === null && opts.creating)
    throw conflict(
      await toDto(tx, rep),
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
      { current: await toDto(tx, rep) },
    );
  if (ifMatch !== rep.version)
    throw conflict(
      await toDto(tx, rep),
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
      { current: await toDto(tx, rep) },
    );
  // Bumping the version in the same statement that checks it: a concurrent writer waits for this
  // transaction, then matches 0 rows.
  const bumped = await tx.report.updateMany({
    where: { id: rep.id, version: rep.version },
    data: { version: { increment: 1 } },
  });
  if (bumped.count === 0) throw await justChanged(tx, rep.provinceCode, rep.period);
}

async function justChanged(tx: Tx, provinceCode: string, period: string): Promise<Problem> {
  return conflict(
    await toDto(tx, (await findReport(tx, provinceCode, period))!),
    '报表刚被他人修改，未保存任何内容',
    'The report was just changed by someone else; nothing was saved',
  );
}

/**
 * Creates the quarter's report, or answers 409 with the one a concurrent save created first.
 * `ON CONFLICT DO NOTHING` waits for that other transaction, so the report read next is its.
 */
async function createReport(
  tx: Tx,
  user: EditorSession,
  provinceCode: string,
  period: string,
): Promise<number> {
  const created = await tx.report.createMany({
    data: [{ provinceCode, period, createdById: user.id }],
    skipDuplicates: true,
  });
  if (created.count === 0) throw await justChanged(tx, provinceCode, period);
  return (
    await tx.report.findUniqueOrThrow({
      where: { provinceCode_period: { provinceCode, period } },
      select: { id: true },
    })
  ).id;
}

/** Saves the quarter as a draft; `user` is the province's editor (the route checked it). */
export async function saveDraft(
  db: Db,
  user: EditorSession,
  provinceCode: string,
  period: string,
  rows: ReportRowBody[],
  ifMatch: number | null,
  /** the template's sign-off cells, when the figures come from an imported file */
  signOff?: SignOffDto,
): Promise<ReportDto> {
  await checkPeriodReportable(db, provinceCode, period);
  const errors = await figureProblems(db, provinceCode, rows);
  if (errors.length) throw invalidFigures(errors.map((e) => ({ ...e, path: `/body${e.path}` })));
  const regions = await db.coordinatingRegion.findMany({
    where: { provinceCode },
    select: { id: true, code: true },
  });
  const regionId = new Map(regions.map((r) => [r.code, r.id]));

  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    const reads: DtoReads = {};
    const before = rep ? await toDto(tx, rep, reads) : null;
    let id: number;
    if (rep) {
      // Demo figures are not a bureau's: any status may be replaced, but through the same
      // version check, in place, so the version continues and exactly one writer wins.
      await lockForWrite(tx, rep, ifMatch, rep.isDemo ? ALL_STATUSES : ['draft', 'returned'], {
        creating: true,
      });
      const overridden = await figuresFromInstitutions(tx, rep.id, rows);
      if (overridden.length)
        throw invalidFigures(overridden.map((e) => ({ ...e, path: `/body${e.path}` })));
      await tx.reportRow.deleteMany({ where: { reportId: rep.id } });
      if (rep.isDemo) {
        await tx.reportComment.deleteMany({ where: { reportId: rep.id } });
        await tx.report.update({
          where: { id: rep.id },
          data: { isDemo: false, createdById: user.id, submittedAt: null, acceptedAt: null },
        });
      }
      id = rep.id;
    } else {
      if (ifMatch !== null && ifMatch !== 0)
        throw new Problem(
          409,
          'versionConflict',
          '该报表已不存在，未保存任何内容',
          'The report no longer exists; nothing was saved',
          [{ path: '/headers/if-match', code: 'stale', zh: '版本已过期', en: 'stale version' }],
          { current: null },
        );
      id = await createReport(tx, user, provinceCode, period);
    }
    if (signOff)
      await tx.report.update({
        where: { id },
        data: {
          preparedBy: signOff.preparedBy,
          checkedBy: signOff.checkedBy,
          contactPhone: signOff.contactPhone,
          filledOn: signOff.filledOn ? new Date(`${signOff.filledOn}T00:00:00Z`) : null,
        },
      });
    await insertRows(tx, id, rows, regionId);
    await tx.report.update({ where: { id }, data: { status: 'draft', updatedById: user.id } });
    const after = await toDto(tx, (await findReport(tx, provinceCode, period))!, reads);
    await bumpDataVersion(tx, provinceCode);
    await recordAudit(tx, {
      actor: user,
      action: rep?.isDemo ? 'report.replaceDemo' : rep ? 'report.save' : 'report.create',
      entityType: 'report',
      entityId: id,
      provinceCode,
      before,
      after,
    });
    return after;
  }, WRITE_TX);
}
