import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DIMENSIONS } from '../../domain/types.ts';
import { DIMENSION_WORDS, PLAN_WORDS, wordIn } from '../../domain/vocabulary.ts';
import { header, pct, sendTable } from '../exports/tabular.ts';
import { ProvinceParams } from '../provinces/schemas.ts';
import { keptProgress, serve } from '../results/serve.ts';
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
      const kept = await keptProgress(app, request.params.code);
      const format = request.query.format ?? 'json';
      if (format === 'json') return serve(request, reply, kept);
      const progress = (await kept.answer()).value;
      const rows = DIMENSIONS.flatMap((d) =>
        progress.dimensions[d].flatMap((s) => s.points.map((p) => ({ d, s, p }))),
      );
      const lang = request.query.lang ?? 'zh-CN';
      const en = lang === 'en';
      const name = en ? progress.province.nameEn : progress.province.nameZh;
      return sendTable(
        reply,
        {
          filename: en ? `${name}_DRG-DIP-progress` : `${name}_DRG-DIP进展`,
          sheet: name,
          notes: [
            en
              ? `${name}: DRG/DIP payment reform, quarterly progress${progress.isDemo ? ' (demo data)' : ''}`
              : `${name} DRG/DIP 支付方式改革季度进展${progress.isDemo ? '（演示数据）' : ''}`,
          ],
          columns: [
            { header: header('period', lang), value: (r) => r.p.period },
            { header: header('dimension', lang), value: (r) => wordIn(DIMENSION_WORDS[r.d], lang) },
            {
              header: header('scope', lang),
              value: (r) =>
                r.s.scope === 'province'
                  ? wordIn(PLAN_WORDS.wholeProvince, lang)
                  : en
                    ? r.s.nameEn
                    : r.s.nameZh,
            },
            { header: header('numerator', lang), value: (r) => r.p.numerator, figure: true },
            { header: header('denominator', lang), value: (r) => r.p.denominator, figure: true },
            { header: header('actualPct', lang), value: (r) => pct(r.p.pct) },
            { header: header('regionsReported', lang), value: (r) => r.p.regionsReported },
          ],
          rows,
        },
        format,
      );
    },
  );
};
export default routes;
