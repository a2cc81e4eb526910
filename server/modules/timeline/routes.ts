import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { refuse } from '../../permissions/session.ts';
import { mayCorrectTimeline, REFUSED } from '../../permissions/timeline.ts';
import { mayReadAccountNames } from '../../permissions/visibility.ts';
import { loadQuarters } from '../progress/queries.ts';
import { requireProvince } from '../provinces/queries.ts';
import { ProvinceParams } from '../provinces/schemas.ts';
import { IdParam } from '../shared/schema.ts';
import { CorrectionBody, RegionTimelineSchema } from './schemas.ts';
import { correctEvent, retractEvent, timelineDetails } from './service.ts';

const RegionParams = Type.Object({ code: Type.String({ pattern: '^\\d{6}(-[A-Z0-9]+)?$' }) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provinces/:code/timeline',
    {
      schema: {
        tags: ['progress'],
        summary: '各统筹地区的时间线（启动、模拟付费、实际付费） Region timelines',
        params: ProvinceParams,
        response: { 200: Type.Array(RegionTimelineSchema) },
      },
    },
    async (request) => {
      await requireProvince(app.db, request.params.code);
      const { quarters } = await loadQuarters(app.db, request.params.code);
      const details = await timelineDetails(app.db, request.params.code, quarters);
      if (mayReadAccountNames(request.user, request.params.code)) return details;
      // corrections are admins': outsiders read the role, not the account (visibility.ts)
      return details.map((d) => ({
        ...d,
        corrections: d.corrections.map((c) => ({ ...c, by: c.by === 'seed' ? 'seed' : 'admin' })),
      }));
    },
  );

  app.post(
    '/regions/:code/events',
    {
      schema: {
        tags: ['progress'],
        summary:
          '更正统筹地区时间线（管理员，需注明来源） Correct a region timeline (admin, with a source)',
        params: RegionParams,
        body: CorrectionBody,
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!mayCorrectTimeline(user)) throw refuse(user, REFUSED.correct);
      return reply
        .status(201)
        .send(await correctEvent(app.db, user, request.params.code, request.body));
    },
  );

  app.delete(
    '/regions/:code/events/:id',
    {
      schema: {
        tags: ['progress'],
        summary: '撤回一条更正 Retract a correction',
        params: Type.Object({ code: RegionParams.properties.code, id: IdParam() }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!mayCorrectTimeline(user)) throw refuse(user, REFUSED.correct);
      await retractEvent(app.db, user, request.params.code, request.params.id);
      return reply.status(204).send(null);
    },
  );
};
export default routes;
