/**
 * Moving a report through the workflow (submit, return, accept), and commenting on it.
 *
 * The quarterly report workflow: draft → submitted → accepted, or returned (with a
 * reviewer's comment) → draft again. A step is one transaction through the same version
 * check as a save (lockForWrite) and appends the before/after state to the audit trail.
 */
import type { Db } from '../../db/client.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { refuse } from '../../plugins/auth.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { findReport, type Status, toDto } from './load.ts';
import { canComment, canEditReport, canReadReport, canReview } from './permissions.ts';
import { lockForWrite } from './save.ts';
import type { ReportDto } from './schemas.ts';

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
