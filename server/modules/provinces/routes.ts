import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listProvinces, listRegions, requireProvince } from './queries.ts';
import { ProvinceParams, ProvinceSummarySchema, RegionSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provinces',
    {
      schema: {
        tags: ['provinces'],
        summary: '全部省级行政区及是否已录入行动计划 All provinces, with whether they have a plan',
        response: { 200: Type.Array(ProvinceSummarySchema) },
      },
    },
    async () => listProvinces(app.db),
  );

  app.get(
    '/provinces/:code/regions',
    {
      schema: {
        tags: ['provinces'],
        summary: '统筹地区 Coordinating regions of a province',
        params: ProvinceParams,
        response: { 200: Type.Array(RegionSchema) },
      },
    },
    async (request) => {
      await requireProvince(app.db, request.params.code);
      return listRegions(app.db, request.params.code);
    },
  );
};
export default routes;
