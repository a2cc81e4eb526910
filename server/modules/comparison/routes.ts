import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { latestFullQuarter } from '../../domain/periods.ts';
import { sendTable } from '../exports/tabular.ts';
import { keptComparison, serve } from '../results/serve.ts';
import { ExportQueryFields, PeriodString } from '../shared/schema.ts';
import { completeness } from './completeness.ts';
import { comparisonTable, completenessTable } from './export.ts';
import {
  ComparisonQuery,
  ComparisonResponseSchema,
  CompletenessResponseSchema,
} from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/comparison',
    {
      schema: {
        tags: ['progress'],
        summary:
          '各省比较：实际、计划、国家最低要求、差距与状态（format=csv|xlsx 下载） Provinces compared',
        querystring: ComparisonQuery,
        response: { 200: ComparisonResponseSchema },
      },
    },
    async (request, reply) => {
      const { period, dimension = 'all', format = 'json' } = request.query;
      const kept = await keptComparison(app, period, dimension);
      if (format === 'json') return serve(request, reply, kept);
      const result = (await kept.answer()).value;
      return sendTable(reply, comparisonTable(result, request.query.lang ?? 'zh-CN'), format);
    },
  );

  app.get(
    '/completeness',
    {
      schema: {
        tags: ['reports'],
        summary:
          '报送完整性与及时性（format=csv|xlsx 下载） Who reported, submitted, was accepted; who is overdue',
        querystring: Type.Object({
          period: Type.Optional(PeriodString()),
          ...ExportQueryFields,
        }),
        response: { 200: CompletenessResponseSchema },
      },
    },
    async (request, reply) => {
      const period = request.query.period ?? latestFullQuarter(new Date());
      const result = await completeness(app.db, period, app.config.reportDeadlineDays);
      const format = request.query.format ?? 'json';
      if (format === 'json') return result;
      return sendTable(reply, completenessTable(result, request.query.lang ?? 'zh-CN'), format);
    },
  );
};
export default routes;
