import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProvinceParams } from '../provinces/schemas.ts';
import { requireProvince } from '../provinces/queries.ts';
import { nationalPlan, planForProvince } from './queries.ts';
import { PlanResponseSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/provinces/:code/plan', {
    schema: {
      tags: ['plans'],
      summary: '省级行动计划及其目标（无计划时返回国家计划作参照） The province plan and its targets (the national plan as reference when none)',
      params: ProvinceParams,
      response: { 200: PlanResponseSchema },
    },
  }, async (request) => {
    await requireProvince(app.db, request.params.code);
    return planForProvince(app.db, request.params.code);
  });

  app.get('/plans/national', {
    schema: { tags: ['plans'], summary: '国家三年行动计划 医保发〔2021〕48号 The national plan', response: { 200: PlanResponseSchema } },
  }, async () => nationalPlan(app.db));
};
export default routes;
