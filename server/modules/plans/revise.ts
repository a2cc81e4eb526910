/**
 * Revising plans through the API. A revision is a new version (draft); publishing it
 * supersedes the version in force, which is kept. Admins manage every plan; a province's
 * editors may draft and edit their own plan while the version is a draft.
 */
import type { Db, Prisma } from '../../db/client.ts';
import { planProblems } from '../../domain/plan-validation.ts';
import type { AdminSession, EditorSession, Reader } from '../../permissions/session.ts';
import { mayReadPlanDrafts } from '../../permissions/visibility.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { bumpDataVersion } from '../results/versions.ts';
import type { PlanContentBody } from './plan-file.ts';
import { planDraft } from './queries.ts';
import { writePlanVersion } from './write.ts';

/** Who drafts: an admin, or the province's editor (the route checked mayDraftPlan). */
type Drafter = AdminSession | EditorSession;

export async function requirePlan(db: Db, slug: string) {
  const plan = await db.plan.findUnique({ where: { slug } });
  if (!plan) throw notFound(`Plan ${slug}`, `计划 ${slug}`, '/params/slug');
  return plan;
}

/** The same rules as the seed files (server/domain/plan-validation.ts), every problem at once. */
async function checkContent(
  db: Db,
  plan: { slug: string; provinceCode: string | null; isNational: boolean },
  body: PlanContentBody,
) {
  // a provincial plan names its own regions; the national plan names none
  const regions = plan.provinceCode
    ? await db.coordinatingRegion.findMany({
        where: { provinceCode: plan.provinceCode },
        select: { code: true },
      })
    : [];
  const problems = planProblems(
    {
      national: plan.isNational,
      province: plan.provinceCode,
      document: body.document,
      cohorts: body.cohorts,
      targets: body.targets,
    },
    new Set(regions.map((r) => r.code)),
  );
  if (problems.length)
    throw new Problem(
      422,
      'invalidPlan',
      `计划内容有 ${problems.length} 处错误`,
      `The plan has ${problems.length} problem(s)`,
      problems.map((p) => ({ ...p, path: `/body${p.path}` })),
    );
}

export async function createPlan(
  db: Db,
  user: Drafter,
  provinceCode: string,
  slug: string,
  body: PlanContentBody,
) {
  if (await db.plan.findFirst({ where: { OR: [{ slug }, { provinceCode }] } }))
    throw new Problem(
      409,
      'planExists',
      '该省已有计划或该标识已被使用：请提交修订版本',
      'The province already has a plan (or the slug is taken): submit a revision instead',
      [{ path: '/body/slug', code: 'planExists', zh: '已有计划', en: 'a plan exists' }],
    );
  const plan = { slug, provinceCode, isNational: false };
  await checkContent(db, plan, body);
  return db.$transaction(
    async (tx) => {
      const created = await tx.plan.create({ data: plan });
      const v = await writePlanVersion(tx, created.id, body, {
        status: 'draft',
        seedHash: null,
        createdById: user.id,
        note: body.note ?? null,
      });
      await bumpDataVersion(tx, provinceCode);
      await recordAudit(tx, {
        actor: user,
        action: 'plan.create',
        entityType: 'plan',
        entityId: slug,
        provinceCode,
        after: { version: v.version, status: v.status, content: body },
      });
      return { slug, version: v.version, status: v.status, etag: draftEtag(v.id) };
    },
    { timeout: 30_000 },
  );
}

/**
 * A draft's ETag. Every edit writes the draft as a new row (the old one is deleted), so the row's
 * id names exactly one content, and no id comes back after a publish.
 */
export const draftEtag = (versionId: number) => `"${versionId}"`;

/** The draft as its editors and reviewers read it, with the ETag to send back when saving. */
export async function readDraft(db: Db, reader: Reader, slug: string) {
  const plan = await requirePlan(db, slug);
  const draft = mayReadPlanDrafts(reader, plan) ? await planDraft(db, plan.id) : null;
  if (!draft) throw notFound(`Draft of plan ${slug}`, `计划 ${slug} 的草稿`, '/params/slug');
  return draft;
}

/** If-Match against the draft in force: 428 without it, 409 with the current draft when stale. */
async function checkDraftVersion(
  tx: Prisma.TransactionClient,
  planId: number,
  draftId: number | null,
  ifMatch: number | null,
) {
  if (draftId === null && ifMatch === null) return;
  const current = draftId === null ? null : await planDraft(tx, planId);
  const extra = { current: current?.plan ?? null, etag: draftId && draftEtag(draftId) };
  const field = (code: string, zh: string, en: string) => [
    { path: '/headers/if-match', code, zh, en },
  ];
  if (ifMatch === null)
    throw new Problem(
      428,
      'ifMatchRequired',
      '该计划已有修订草稿：请在 If-Match 中提供您读取草稿时的 ETag',
      'The plan has a draft: send the ETag you read it with in If-Match',
      field('required', '必填', 'required'),
      extra,
    );
  if (ifMatch !== draftId)
    throw new Problem(
      409,
      'versionConflict',
      draftId === null
        ? '该草稿已发布或不存在，未保存任何内容'
        : '草稿已被他人修改，未保存任何内容；当前草稿见 current',
      draftId === null
        ? 'The draft was published or no longer exists; nothing was saved'
        : 'The draft changed since you read it; nothing was saved (the current draft is in `current`)',
      field('stale', '版本已过期', 'stale version'),
      extra,
    );
}

/** One writer per plan at a time: the next one waits here, then checks its ETag against this draft. */
const lockPlan = (tx: Prisma.TransactionClient, planId: number) =>
  tx.$queryRaw`SELECT id FROM plan WHERE id = ${planId} FOR UPDATE`;

export async function draftRevision(
  db: Db,
  user: Drafter,
  plan: { id: number; slug: string; provinceCode: string | null; isNational: boolean },
  body: PlanContentBody,
  ifMatch: number | null,
) {
  const slug = plan.slug;
  await checkContent(db, plan, body);
  return db.$transaction(
    async (tx) => {
      await lockPlan(tx, plan.id);
      const draft = await tx.planVersion.findFirst({ where: { planId: plan.id, status: 'draft' } });
      await checkDraftVersion(tx, plan.id, draft?.id ?? null, ifMatch);
      const before = draft ? { version: draft.version, status: draft.status } : null;
      if (draft) await tx.planVersion.delete({ where: { id: draft.id } });
      const v = await writePlanVersion(tx, plan.id, body, {
        status: 'draft',
        seedHash: null,
        createdById: user.id,
        note: body.note ?? null,
        version: draft?.version,
      });
      await bumpDataVersion(tx, plan.provinceCode);
      await recordAudit(tx, {
        actor: user,
        action: draft ? 'plan.editDraft' : 'plan.draft',
        entityType: 'plan',
        entityId: slug,
        provinceCode: plan.provinceCode,
        before,
        after: { version: v.version, status: v.status, content: body },
      });
      return { slug, version: v.version, status: v.status, etag: draftEtag(v.id) };
    },
    { timeout: 30_000 },
  );
}

export async function publishDraft(
  db: Db,
  user: AdminSession,
  slug: string,
  ifMatch: number | null,
) {
  const plan = await requirePlan(db, slug);
  return db.$transaction(async (tx) => {
    await lockPlan(tx, plan.id);
    const draft = await tx.planVersion.findFirst({ where: { planId: plan.id, status: 'draft' } });
    // optional here: an admin who read the draft publishes that draft, not a later edit
    if (ifMatch !== null) await checkDraftVersion(tx, plan.id, draft?.id ?? null, ifMatch);
    if (!draft)
      throw new Problem(
        409,
        'noDraft',
        '没有待发布的草稿版本',
        'There is no draft version to publish',
      );
    const previous = await tx.planVersion.findFirst({
      where: { planId: plan.id, status: 'published' },
    });
    await tx.planVersion.updateMany({
      where: { planId: plan.id, status: 'published' },
      data: { status: 'superseded' },
    });
    await tx.planVersion.update({ where: { id: draft.id }, data: { status: 'published' } });
    // a national plan is read by every province: null bumps them all
    await bumpDataVersion(tx, plan.isNational ? null : plan.provinceCode);
    await recordAudit(tx, {
      actor: user,
      action: 'plan.publish',
      entityType: 'plan',
      entityId: slug,
      provinceCode: plan.provinceCode,
      before: previous ? { version: previous.version, status: 'published' } : null,
      after: { version: draft.version, status: 'published' },
    });
    return { slug, version: draft.version, status: 'published' as const };
  });
}

export async function planVersions(db: Db, reader: Reader, slug: string) {
  const plan = await requirePlan(db, slug);
  const versions = await db.planVersion.findMany({
    where: { planId: plan.id },
    orderBy: { version: 'asc' },
    include: { createdBy: true, _count: { select: { targets: true } } },
  });
  const names = mayReadPlanDrafts(reader, plan);
  return versions
    .filter((v) => v.status !== 'draft' || names)
    .map((v) => ({
      versionId: v.id,
      version: v.version,
      status: v.status,
      documentNumber: v.documentNumber,
      createdAt: v.createdAt.toISOString(),
      // the account for those who read the drafts; its role for everyone else (visibility.ts)
      createdBy:
        (names ? v.createdBy?.username : v.createdBy?.role) ?? (v.seedHash ? 'seed' : null),
      note: v.note,
      targets: v._count.targets,
    }));
}
