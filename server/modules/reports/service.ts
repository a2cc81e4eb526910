/**
 * The quarterly report workflow: draft → submitted → accepted, or returned (with a
 * reviewer's comment) → draft again. Every write is one transaction that bumps `version`
 * only if the client edited the current one (If-Match), validates before writing, and
 * appends the before/after state to the audit trail.
 */
import type { Db, Prisma } from '../../db/client.ts';
import { addQuarters, parsePeriod } from '../../domain/periods.ts';
import {
  hardErrors,
  moneyCents,
  type ReportRowInput,
  warnings,
} from '../../domain/report-rules.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { refuse } from '../../plugins/auth.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { canComment, canEditReport, canReadReport, canReview } from './permissions.ts';
import { rowFigures } from './row-figures.ts';
import type { ReportDto, ReportRowBody } from './schemas.ts';

type Tx = Prisma.TransactionClient;
type Status = ReportDto['status'];

const reportInclude = {
  rows: { include: { region: true }, orderBy: { region: { sortOrder: 'asc' } } },
  comments: { include: { author: true }, orderBy: { id: 'asc' } },
  updatedBy: true,
} as const;

async function findReport(db: Db | Tx, provinceCode: string, period: string) {
  return db.report.findUnique({
    where: { provinceCode_period: { provinceCode, period } },
    include: reportInclude,
  });
}
type LoadedReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;

const rowInput = (r: LoadedReport['rows'][number]): ReportRowInput => ({
  ...rowFigures(r),
  inpatientFund: r.inpatientFund.toFixed(2),
  drgDipFund: r.drgDipFund.toFixed(2),
  note: r.note,
});

async function previousRows(
  db: Db | Tx,
  provinceCode: string,
  period: string,
): Promise<Map<string, ReportRowInput>> {
  const prev = await findReport(db, provinceCode, addQuarters(period, -1));
  return new Map((prev?.rows ?? []).map((r) => [r.region.code, rowInput(r)]));
}

async function toDto(db: Db | Tx, rep: LoadedReport): Promise<ReportDto> {
  const rows = rep.rows.map(rowInput);
  const regions = await db.coordinatingRegion.findMany({
    where: { provinceCode: rep.provinceCode },
    select: { code: true },
    orderBy: { sortOrder: 'asc' },
  });
  const present = new Set(rows.map((r) => r.regionCode));
  const sameYear = parsePeriod(rep.period)!.quarter > 1;
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
    rows: rep.rows.map((r, i) => ({
      ...rows[i]!,
      regionNameZh: r.region.nameZh,
      regionNameEn: r.region.nameEn,
      subsetEligibleInstitutions: r.subsetEligibleInstitutions,
      subsetCoveredInstitutions: r.subsetCoveredInstitutions,
      note: r.note,
      inpatientFund: rows[i]!.inpatientFund as string,
      drgDipFund: rows[i]!.drgDipFund as string,
    })),
    missingRegions: regions.map((r) => r.code).filter((c) => !present.has(c)),
    warnings: warnings(rows, await previousRows(db, rep.provinceCode, rep.period), sameYear),
    comments: rep.comments.map((c) => ({
      kind: c.kind,
      body: c.body,
      author: c.author?.username ?? null,
      at: c.createdAt.toISOString(),
    })),
  };
}

/** `If-Match: "3"` (or W/"3", or 3) → 3 */
export function parseIfMatch(header: string | undefined): number | null {
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m)
    throw new Problem(
      400,
      'badIfMatch',
      'If-Match 头格式错误，应为报表版本号',
      'If-Match must carry the report version',
      [{ path: '/headers/if-match', code: 'pattern', zh: '格式错误', en: 'malformed' }],
    );
  return Number(m[1]);
}

export async function readReport(
  db: Db,
  user: SessionUser | null,
  provinceCode: string,
  period: string,
  publicDashboard: boolean,
): Promise<ReportDto> {
  const rep = await findReport(db, provinceCode, period);
  if (!rep || !canReadReport(user, provinceCode, rep.status, publicDashboard))
    throw notFound(
      `Report ${provinceCode} ${period}`,
      `${provinceCode} ${period} 报表`,
      '/params/period',
    );
  return toDto(db, rep);
}

/** The years some plan (the province's or the national one) covers. */
async function checkPeriodInPlans(db: Db, provinceCode: string, period: string): Promise<void> {
  const year = parsePeriod(period)!.year;
  const versions = await db.planVersion.findMany({
    where: { status: 'published', plan: { OR: [{ provinceCode }, { isNational: true }] } },
    select: { startYear: true, endYear: true },
  });
  const inside = versions.some((v) => year >= v.startYear && year <= v.endYear);
  if (!inside)
    throw new Problem(
      422,
      'periodOutsidePlans',
      `${period} 不在任何行动计划的年份范围内`,
      `${period} is outside every plan's years`,
      [
        {
          path: '/params/period',
          code: 'outsidePlans',
          zh: '超出计划年份',
          en: 'outside plan years',
        },
      ],
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

async function lockForWrite(tx: Tx, rep: LoadedReport, ifMatch: number | null, editable: Status[]) {
  if (ifMatch === null)
    throw new Problem(
      428,
      'ifMatchRequired',
      '请在 If-Match 中提供所编辑的报表版本号',
      'Send the version you edited in If-Match',
      [{ path: '/headers/if-match', code: 'required', zh: '必填', en: 'required' }],
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
  // Bumping the version in the same statement that checks it: a concurrent writer gets 0 rows.
  const bumped = await tx.report.updateMany({
    where: { id: rep.id, version: rep.version },
    data: { version: { increment: 1 } },
  });
  if (bumped.count === 0)
    throw conflict(
      await toDto(tx, (await findReport(tx, rep.provinceCode, rep.period))!),
      '报表刚被他人修改，未保存任何内容',
      'The report was just changed by someone else; nothing was saved',
    );
}

export async function saveDraft(
  db: Db,
  user: SessionUser | null,
  provinceCode: string,
  period: string,
  rows: ReportRowBody[],
  ifMatch: number | null,
): Promise<ReportDto> {
  if (!canEditReport(user, provinceCode))
    throw refuse(
      user,
      '只有本省的填报人员可以录入本省报表',
      "Only this province's editors can enter its report",
    );
  await checkPeriodInPlans(db, provinceCode, period);
  const regions = await db.coordinatingRegion.findMany({
    select: { id: true, code: true, provinceCode: true },
  });
  const provinceRegions = new Set(
    regions.filter((r) => r.provinceCode === provinceCode).map((r) => r.code),
  );
  const errors = hardErrors(rows, {
    provinceRegions,
    knownRegions: new Map(regions.map((r) => [r.code, r.provinceCode])),
  });
  if (errors.length)
    throw new Problem(
      422,
      'invalidFigures',
      `报表有 ${errors.length} 处错误，未保存`,
      `The report has ${errors.length} error(s); nothing was saved`,
      errors.map((e) => ({ ...e, path: `/body${e.path}` })),
    );
  const regionId = new Map(regions.map((r) => [r.code, r.id]));

  return db.$transaction(async (tx) => {
    let rep = await findReport(tx, provinceCode, period);
    const replacingDemo = rep?.isDemo ?? false;
    if (rep?.isDemo) {
      // demo figures are not a bureau's: the first real save replaces them
      await tx.report.delete({ where: { id: rep.id } });
      await recordAudit(tx, {
        actor: user!,
        action: 'report.replaceDemo',
        entityType: 'report',
        entityId: rep.id,
        provinceCode,
        before: { period, isDemo: true },
      });
      rep = null;
    }
    const before = rep ? await toDto(tx, rep) : null;
    let id: number;
    if (rep) {
      await lockForWrite(tx, rep, ifMatch, ['draft', 'returned']);
      await tx.reportRow.deleteMany({ where: { reportId: rep.id } });
      id = rep.id;
    } else {
      // a client that edited the demo report sends its version: that is not a conflict
      if (ifMatch !== null && ifMatch !== 0 && !replacingDemo)
        throw new Problem(
          409,
          'versionConflict',
          '该报表已不存在，未保存任何内容',
          'The report no longer exists; nothing was saved',
        );
      id = (await tx.report.create({ data: { provinceCode, period, createdById: user!.id } })).id;
    }
    await tx.reportRow.createMany({
      data: rows.map((r) => ({
        reportId: id,
        regionId: regionId.get(r.regionCode)!,
        method: r.method,
        stage: r.stage,
        eligibleInstitutions: r.eligibleInstitutions,
        coveredInstitutions: r.coveredInstitutions,
        inpatientCases: r.inpatientCases,
        groupedCases: r.groupedCases,
        inpatientFund: (moneyCents(r.inpatientFund)! / 100).toFixed(2),
        drgDipFund: (moneyCents(r.drgDipFund)! / 100).toFixed(2),
        subsetEligibleInstitutions: r.subsetEligibleInstitutions ?? null,
        subsetCoveredInstitutions: r.subsetCoveredInstitutions ?? null,
        note: r.note ?? null,
      })),
    });
    await tx.report.update({ where: { id }, data: { status: 'draft', updatedById: user!.id } });
    const after = await toDto(tx, (await findReport(tx, provinceCode, period))!);
    await recordAudit(tx, {
      actor: user!,
      action: rep ? 'report.save' : 'report.create',
      entityType: 'report',
      entityId: id,
      provinceCode,
      before,
      after,
    });
    return after;
  });
}

type Action = 'submit' | 'return' | 'accept';
const TRANSITIONS: Record<Action, { from: Status[]; to: Status }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted', 'accepted'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
};

export async function transition(
  db: Db,
  user: SessionUser | null,
  provinceCode: string,
  period: string,
  action: Action,
  ifMatch: number | null,
  comment?: string,
): Promise<ReportDto> {
  const allowed = action === 'submit' ? canEditReport(user, provinceCode) : canReview(user);
  if (!allowed)
    throw refuse(
      user,
      action === 'submit'
        ? '只有本省的填报人员可以提交本省报表'
        : '只有国家审核人员可以接收或退回报表',
      action === 'submit'
        ? "Only this province's editors can submit its report"
        : 'Only national reviewers can accept or return reports',
    );
  if (action === 'return' && !comment?.trim())
    throw new Problem(
      422,
      'commentRequired',
      '退回报表时必须填写意见',
      'Returning a report needs a comment',
      [{ path: '/body/comment', code: 'required', zh: '必填', en: 'required' }],
    );
  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    if (!rep || !canReadReport(user, provinceCode, rep.status, true))
      throw notFound(
        `Report ${provinceCode} ${period}`,
        `${provinceCode} ${period} 报表`,
        '/params/period',
      );
    const before = await toDto(tx, rep);
    if (action === 'submit' && before.missingRegions.length)
      throw new Problem(
        422,
        'incompleteReport',
        `还有 ${before.missingRegions.length} 个统筹地区未填报：${before.missingRegions.join('、')}`,
        `${before.missingRegions.length} region(s) have no figures: ${before.missingRegions.join(', ')}`,
        before.missingRegions.map((c) => ({
          path: `/rows/${c}`,
          code: 'missingRegion',
          zh: '未填报',
          en: 'missing',
        })),
      );
    await lockForWrite(tx, rep, ifMatch, TRANSITIONS[action].from);
    const now = new Date();
    await tx.report.update({
      where: { id: rep.id },
      data: {
        status: TRANSITIONS[action].to,
        updatedById: user!.id,
        ...(action === 'submit' ? { submittedAt: now } : {}),
        ...(action === 'accept' ? { acceptedAt: now } : {}),
        ...(action === 'return' ? { acceptedAt: null } : {}),
      },
    });
    if (comment?.trim())
      await tx.reportComment.create({
        data: { reportId: rep.id, authorId: user!.id, kind: action, body: comment.trim() },
      });
    const after = await toDto(tx, (await findReport(tx, provinceCode, period))!);
    await recordAudit(tx, {
      actor: user!,
      action: `report.${action}`,
      entityType: 'report',
      entityId: rep.id,
      provinceCode,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, comment: comment?.trim() ?? null },
    });
    return after;
  });
}

export async function addComment(
  db: Db,
  user: SessionUser | null,
  provinceCode: string,
  period: string,
  body: string,
): Promise<ReportDto> {
  if (!canComment(user, provinceCode)) throw refuse(user);
  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    if (!rep || !canReadReport(user, provinceCode, rep.status, true))
      throw notFound(
        `Report ${provinceCode} ${period}`,
        `${provinceCode} ${period} 报表`,
        '/params/period',
      );
    const c = await tx.reportComment.create({
      data: { reportId: rep.id, authorId: user!.id, kind: 'comment', body },
    });
    await recordAudit(tx, {
      actor: user!,
      action: 'report.comment',
      entityType: 'report',
      entityId: rep.id,
      provinceCode,
      after: { commentId: c.id, body },
    });
    return toDto(tx, (await findReport(tx, provinceCode, period))!);
  });
}

export async function reportId(
  db: Db,
  user: SessionUser | null,
  provinceCode: string,
  period: string,
  publicDashboard: boolean,
): Promise<number> {
  const rep = await db.report.findUnique({
    where: { provinceCode_period: { provinceCode, period } },
    select: { id: true, status: true },
  });
  if (!rep || !canReadReport(user, provinceCode, rep.status, publicDashboard))
    throw notFound(
      `Report ${provinceCode} ${period}`,
      `${provinceCode} ${period} 报表`,
      '/params/period',
    );
  return rep.id;
}
