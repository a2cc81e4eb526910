import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProvinceParams } from '../provinces/schemas.ts';
import { provinceProgress } from './progress.ts';
import { ProgressResponseSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/provinces/:code/progress', {
    schema: {
      tags: ['progress'],
      summary: '季度覆盖进展（全省及各组城市，含分子分母） Quarterly coverage per dimension, province-wide and per cohort',
      params: ProvinceParams,
      response: { 200: ProgressResponseSchema },
    },
  }, async (request) => provinceProgress(app.db, request.params.code));
};
export default routes;
