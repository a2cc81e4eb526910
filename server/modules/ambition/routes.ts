import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ambitionCheck } from '../../domain/ambition.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { nationalPlanModel, planModelBySlug } from '../plans/queries.ts';
import { loadQuarters } from '../progress/queries.ts';
import { provinceTimelines } from '../timeline/service.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans/:slug/ambition',
    {
      schema: {
        tags: ['plans'],
        summary:
          '与国家方案比较：何处宽于国家要求、何处超出（各附两条条款） Is the plan at least as strict as the national plan?',
        params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }) }),
      },
    },
    async (request) => {
      const plan = await planModelBySlug(app.db, request.params.slug);
      if (!plan)
        throw notFound(
          `Plan ${request.params.slug}`,
          `计划 ${request.params.slug}`,
          '/params/slug',
        );
      if (plan.isNational || !plan.provinceCode)
        throw new Problem(
          400,
          'nationalPlan',
          '国家方案无需与自身比较',
          'The national plan is the reference itself',
          [{ path: '/params/slug', code: 'national', zh: '国家方案', en: 'national plan' }],
        );
      const national = await nationalPlanModel(app.db);
      const regions = await app.db.coordinatingRegion.findMany({
        where: { provinceCode: plan.provinceCode },
        orderBy: { sortOrder: 'asc' },
      });
      const { quarters } = await loadQuarters(app.db, plan.provinceCode);
      const timelines = await provinceTimelines(app.db, plan.provinceCode, quarters);
      const report = ambitionCheck(
        plan,
        national,
        regions.map((r) => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn })),
        timelines,
      );
      return {
        plan: {
          slug: plan.slug,
          versionId: plan.versionId,
          version: plan.version,
          documentNumber: plan.document.number,
        },
        national: { slug: national.slug, documentNumber: national.document.number },
        ...report,
      };
    },
  );
};
export default routes;
