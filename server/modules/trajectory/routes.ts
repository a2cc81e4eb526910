import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DIMENSIONS } from '../../domain/types.ts';
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
        }),
        response: { 200: TrajectoryWireSchema },
      },
    },
    async (request, reply) =>
      serve(
        request,
        reply,
        await keptTrajectory(app, request.params.code, {
          dimension: request.query.dimension,
          asOf: request.query.asOf,
        }),
      ),
  );
};
export default routes;
