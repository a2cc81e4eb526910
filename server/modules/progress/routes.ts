import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DIMENSIONS } from '../../domain/types.ts';
import { pct, sendTable } from '../exports/tabular.ts';
import { ProvinceParams } from '../provinces/schemas.ts';
import { provinceProgress } from './progress.ts';
import { ProgressQuery, ProgressResponseSchema } from './schemas.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/provinces/:code/progress',
    {
      schema: {
        tags: ['progress'],
        summary:
          '季度覆盖进展（全省及各组城市，含分子分母） Quarterly coverage per dimension, province-wide and per cohort',
        params: ProvinceParams,
        querystring: ProgressQuery,
        response: { 200: ProgressResponseSchema },
      },
    },
    async (request, reply) => {
      const progress = await provinceProgress(app.db, request.params.code);
      const format = request.query.format ?? 'json';
      if (format === 'json') return progress;
      const rows = DIMENSIONS.flatMap((d) =>
        progress.dimensions[d].flatMap((s) => s.points.map((p) => ({ d, s, p }))),
      );
      return sendTable(
        reply,
        {
          filename: `${progress.province.nameZh}_DRG-DIP进展`,
          sheet: progress.province.nameZh,
          notes: [
            `${progress.province.nameZh} DRG/DIP 付费改革季度进展${progress.isDemo ? '（演示数据 demo data）' : ''}`,
          ],
          columns: [
            { header: '季度 period', value: (r) => r.p.period },
            { header: '维度 dimension', value: (r) => r.d },
            {
              header: '范围 scope',
              value: (r) =>
                r.s.scope === 'province' ? '全省 province' : `${r.s.nameZh} ${r.s.key}`,
            },
            { header: '分子 numerator', value: (r) => r.p.numerator },
            { header: '分母 denominator', value: (r) => r.p.denominator },
            { header: '覆盖率 % coverage', value: (r) => pct(r.p.pct) },
            { header: '填报地区数 regions reported', value: (r) => r.p.regionsReported },
          ],
          rows,
        },
        format,
      );
    },
  );
};
export default routes;
