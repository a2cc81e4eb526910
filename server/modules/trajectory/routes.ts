import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DIMENSIONS, SUBSETS } from '../../domain/types.ts';
import { Problem } from '../../plugins/problem.ts';
import { ProvinceParams } from '../provinces/schemas.ts';
import { keptTrajectory, serve } from '../results/serve.ts';
import { oneOf, PeriodString } from '../shared/schema.ts';
import { TrajectoryWireSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provinces/:code/trajectory',
    {
      schema: {
        tags: ['progress'],
        summary:
          '实际与计划：每季度全省、各组城市、各统筹地区的实际值、计划值、应达值与所依据的条款 Actual vs planned per quarter',
        params: ProvinceParams,
        querystring: Type.Object({
          dimension: oneOf(DIMENSIONS),
          asOf: Type.Optional(
            PeriodString({
              description: 'quarter at which status is judged (default: latest reported)',
            }),
          ),
          subset: Type.Optional(
            oneOf(SUBSETS, {
              description:
                'a named subset of institutions (secondaryPublic = 二级及以上公立医院): the subset figures against the targets set on it',
            }),
          ),
        }),
        response: { 200: TrajectoryWireSchema },
      },
    },
    async (request, reply) => {
      if (request.query.subset && request.query.dimension !== 'institutions')
        throw new Problem(
          400,
          'subsetDimension',
          '机构子集只适用于医疗机构维度',
          'A subset of institutions applies to the institutions dimension only',
          [
            {
              path: '/querystring/subset',
              code: 'institutionsOnly',
              zh: '仅限医疗机构维度',
              en: 'institutions only',
            },
          ],
        );
      return serve(
        request,
        reply,
        await keptTrajectory(app, request.params.code, {
          dimension: request.query.dimension,
          asOf: request.query.asOf,
          subset: request.query.subset ?? null,
        }),
      );
    },
  );
};
export default routes;
