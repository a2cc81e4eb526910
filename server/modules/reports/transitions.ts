/**
 * Moving a report through the workflow (submit, return, accept), and commenting on it.
 *
 * The quarterly report workflow: draft → submitted → accepted, or returned (with a
 * reviewer's comment) → draft again. A step is one transaction through the same version
 * check as a save (lockForWrite) and appends the before/after state to the audit trail.
 */
import type { Db, Prisma } from '../../db/client.ts';
import type { ReportAction } from '../../permissions/reports.ts';
import type { EditorSession, ReviewerSession } from '../../permissions/session.ts';
import { mayReadReport } from '../../permissions/visibility.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { bumpDataVersion } from '../results/versions.ts';
import { findReport, type Status, toDto, WRITE_TX } from './load.ts';
import { lockForWrite } from './save.ts';
import type { ReportDto } from './schemas.ts';

const TRANSITIONS: Record<ReportAction, { from: Status[]; to: Status }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted', 'accepted'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
};

/** One workflow step; `user` may take it (the route checked mayMoveReport). */
export async function transition(
  db: Db,
  user: EditorSession | ReviewerSession,
  provinceCode: string,
  period: string,
  action: ReportAction,
  ifMatch: number | null,
  comment?: string,
): Promise<ReportDto> {
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
    if (!rep || !mayReadReport(user, rep))
      throw notFound(
        `Report ${provinceCode} ${period}`,
        `${provinceCode} ${period} 报表`,
        '/params/period',
      );
    const before = toDto(rep);
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
        updatedById: user.id,
        // what the reviewer will see is what is submitted: the warnings of this moment are kept
        ...(action === 'submit'
          ? { submittedAt: now, submittedWarnings: before.warnings as Prisma.InputJsonValue }
          : {}),
        ...(action === 'accept' ? { acceptedAt: now } : {}),
        ...(action === 'return' ? { acceptedAt: null } : {}),
      },
    });
    if (comment?.trim())
      await tx.reportComment.create({
        data: { reportId: rep.id, authorId: user.id, kind: action, body: comment.trim() },
      });
    const after = toDto((await findReport(tx, provinceCode, period))!);
    await bumpDataVersion(tx, provinceCode);
    await recordAudit(tx, {
      actor: user,
      action: `report.${action}`,
      entityType: 'report',
      entityId: rep.id,
      provinceCode,
      before: { status: before.status, version: before.version },
      after: { status: after.status, version: after.version, comment: comment?.trim() ?? null },
    });
    return after;
  }, WRITE_TX);
}

/** `user` may comment (the route checked mayComment). */
export async function addComment(
  db: Db,
  user: EditorSession | ReviewerSession,
  provinceCode: string,
  period: string,
  body: string,
): Promise<ReportDto> {
  return db.$transaction(async (tx) => {
    const rep = await findReport(tx, provinceCode, period);
    if (!rep || !mayReadReport(user, rep))
      throw notFound(
        `Report ${provinceCode} ${period}`,
        `${provinceCode} ${period} 报表`,
        '/params/period',
      );
    const c = await tx.reportComment.create({
      data: { reportId: rep.id, authorId: user.id, kind: 'comment', body },
    });
    await recordAudit(tx, {
      actor: user,
      action: 'report.comment',
      entityType: 'report',
      entityId: rep.id,
      provinceCode,
      after: { commentId: c.id, body },
    });
    return toDto((await findReport(tx, provinceCode, period))!);
  }, WRITE_TX);
}
