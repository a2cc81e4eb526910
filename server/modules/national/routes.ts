import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { keptNational, serve } from '../results/serve.ts';
import { NationalQuery, NationalResponseSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/national',
    {
      schema: {
        tags: ['progress'],
        summary:
          '全国：各省已报送数据汇总的实际覆盖、国家方案的序时进度与最低要求、国家医保局公布数 The country: actual, national plan, published figures',
        querystring: NationalQuery,
        response: { 200: NationalResponseSchema },
      },
    },
    async (request, reply) =>
      serve(request, reply, await keptNational(app, request.query.dimension)),
  );
};
export default routes;
