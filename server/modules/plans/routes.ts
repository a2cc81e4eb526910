import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { diffPlans } from '../../domain/plan-diff.ts';
import { mayDraftPlan, mayPublishPlan, REFUSED } from '../../permissions/plans.ts';
import { refuse } from '../../permissions/session.ts';
import { mayReadPlanDrafts } from '../../permissions/visibility.ts';
import { notFound } from '../../plugins/problem.ts';
import { auditTrail } from '../audit/record.ts';
import { HistorySchema } from '../audit/schemas.ts';
import { requireProvince } from '../provinces/queries.ts';
import { ProvinceParams } from '../provinces/schemas.ts';
import { parseIfMatch } from '../shared/if-match.ts';
import { planContents } from './content.ts';
import { PlanContentBody } from './plan-file.ts';
import { nationalPlan, planForProvince } from './queries.ts';
import {
  createPlan,
  draftEtag,
  draftRevision,
  planVersions,
  publishDraft,
  readDraft,
  requirePlan,
} from './revise.ts';
import { PlanCompareSchema, PlanResponseSchema, PlanVersionSchema } from './schemas.ts';

const NewPlanBody = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 60 }),
    ...PlanContentBody.properties,
  },
  { additionalProperties: false },
);
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }) });
const VersionResult = Type.Object({
  slug: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  /** a draft's ETag, for the next edit's If-Match */
  etag: Type.Optional(Type.String()),
});

const VersionContent = Type.Object({
  versionId: Type.Integer(),
  version: Type.Integer(),
  content: PlanContentBody,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provinces/:code/plan',
    {
      schema: {
        tags: ['plans'],
        summary:
          '省级方案及其目标（无省级方案时返回国家方案作参照） The province plan and its targets (the national plan as reference when none)',
        params: ProvinceParams,
        response: { 200: PlanResponseSchema },
      },
    },
    async (request) => {
      await requireProvince(app.db, request.params.code);
      return planForProvince(app.db, request.params.code);
    },
  );

  app.get(
    '/plans/national',
    {
      schema: {
        tags: ['plans'],
        summary: '国家三年行动计划 医保发〔2021〕48号 The national plan',
        response: { 200: PlanResponseSchema },
      },
    },
    async () => nationalPlan(app.db),
  );

  app.post(
    '/provinces/:code/plans',
    {
      schema: {
        tags: ['plans'],
        summary: '为没有计划的省份录入计划（草稿） Enter a plan for a province (draft)',
        params: ProvinceParams,
        body: NewPlanBody,
        response: { 201: VersionResult },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!mayDraftPlan(user, request.params.code)) throw refuse(user, REFUSED.draft);
      await requireProvince(app.db, request.params.code);
      const { slug, ...content } = request.body;
      return reply
        .status(201)
        .send(await createPlan(app.db, user, request.params.code, slug, content));
    },
  );

  app.get(
    '/plans/:slug/versions',
    {
      schema: {
        tags: ['plans'],
        summary: '计划的各个版本 Versions of a plan',
        params: SlugParams,
        response: {
          200: Type.Array(PlanVersionSchema),
        },
      },
    },
    async (request) => planVersions(app.db, request.user, request.params.slug),
  );

  app.put(
    '/plans/:slug/draft',
    {
      schema: {
        tags: ['plans'],
        summary:
          '新建或修改修订草稿（保留现行版本；修改时 If-Match 为读取草稿时的 ETag） Create or edit the revision draft',
        params: SlugParams,
        body: PlanContentBody,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: VersionResult },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const plan = await requirePlan(app.db, request.params.slug);
      if (!mayDraftPlan(user, plan.provinceCode)) throw refuse(user, REFUSED.draft);
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const saved = await draftRevision(app.db, user, plan, request.body, ifMatch);
      reply.header('etag', saved.etag);
      return saved;
    },
  );

  app.get(
    '/plans/:slug/draft',
    {
      schema: {
        tags: ['plans'],
        summary:
          '读取修订草稿（ETag 用于保存时的 If-Match；仅本省填报人员、审核与管理员） Read the revision draft',
        params: SlugParams,
        response: { 200: PlanResponseSchema },
      },
    },
    async (request, reply) => {
      const draft = await readDraft(app.db, request.user, request.params.slug);
      reply.header('etag', draftEtag(draft.versionId));
      return draft.plan;
    },
  );

  app.post(
    '/plans/:slug/publish',
    {
      schema: {
        tags: ['plans'],
        summary: '发布草稿，现行版本转为历史版本（管理员） Publish the draft',
        params: SlugParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: VersionResult },
      },
    },
    async (request) => {
      const user = request.user;
      if (!mayPublishPlan(user)) throw refuse(user, REFUSED.publish);
      return publishDraft(
        app.db,
        user,
        request.params.slug,
        parseIfMatch(request.headers['if-match']),
      );
    },
  );

  app.get(
    '/plans/:slug/content',
    {
      schema: {
        tags: ['plans'],
        summary:
          '计划内容（修订草稿的格式）：现行版本，及可读时的草稿 A plan as revision content: in force, and the draft',
        params: SlugParams,
        response: {
          200: Type.Object({
            published: Type.Union([VersionContent, Type.Null()]),
            draft: Type.Union([VersionContent, Type.Null()]),
          }),
        },
      },
    },
    async (request, reply) => {
      const plan = await requirePlan(app.db, request.params.slug);
      const { published, draft } = await planContents(app.db, plan.id);
      const readable = mayReadPlanDrafts(request.user, plan) ? draft : null;
      if (readable) reply.header('etag', draftEtag(readable.versionId));
      return { published, draft: readable };
    },
  );

  app.get(
    '/plans/:slug/compare',
    {
      schema: {
        tags: ['plans'],
        summary: '草稿与现行版本的差异 What the draft changes against the version in force',
        params: SlugParams,
        response: { 200: PlanCompareSchema },
      },
    },
    async (request, reply) => {
      const plan = await requirePlan(app.db, request.params.slug);
      const { published, draft } = await planContents(app.db, plan.id);
      if (!draft || !mayReadPlanDrafts(request.user, plan))
        throw notFound(`Draft of plan ${plan.slug}`, `计划 ${plan.slug} 的草稿`, '/params/slug');
      reply.header('etag', draftEtag(draft.versionId));
      const diff = diffPlans(published?.content ?? { document: {}, targets: [] }, draft.content);
      return {
        slug: plan.slug,
        inForce: published && { version: published.version },
        draft: { version: draft.version },
        ...diff,
      };
    },
  );

  app.get(
    '/plans/:slug/history',
    {
      schema: {
        tags: ['plans'],
        summary: '计划修改记录 History of a plan',
        params: SlugParams,
        response: { 200: HistorySchema },
      },
    },
    async (request) => {
      const plan = await requirePlan(app.db, request.params.slug);
      // drafts, and who wrote them, only for those who may read the drafts (visibility.ts)
      return auditTrail(app.db, 'plan', plan.slug, mayReadPlanDrafts(request.user, plan));
    },
  );
};
export default routes;
