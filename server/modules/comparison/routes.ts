import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { latestFullQuarter } from '../../domain/periods.ts';
import { pct, sendTable } from '../exports/tabular.ts';
import { oneOf, PeriodString } from '../shared/schema.ts';
import { comparison } from './comparison.ts';
import { completeness } from './completeness.ts';
import {
  ComparisonQuery,
  ComparisonResponseSchema,
  CompletenessResponseSchema,
} from './schemas.ts';

const DIM_ZH = {
  regions: '统筹地区',
  institutions: '医疗机构',
  diseaseGroups: '病种',
  fund: '医保基金',
} as const;
const STATUS_ZH: Record<string, string> = {
  met: '已达标',
  onTrack: '进度正常',
  accelerationNeeded: '需加快',
  limitedProgress: '进展有限',
  deterioration: '倒退',
  notYetDue: '尚未到期',
  noPlan: '无省级计划',
  noReport: '未报送',
};
const REPORT_ZH: Record<string, string> = {
  none: '未填报',
  draft: '草稿',
  submitted: '已提交',
  accepted: '已接收',
  returned: '已退回',
};

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
      const result = await comparison(app.db, period, dimension);
      if (format === 'json') return result;
      return sendTable(
        reply,
        {
          filename: `DRG-DIP各省比较_${period}`,
          sheet: period,
          notes: [
            `DRG/DIP 付费改革各省比较 ${period}${result.isDemo ? '（含演示数据 demo data）' : ''}`,
            `计划值规则 Rule: ${result.rule}`,
            `国家计划 ${result.national.documentNumber}`,
          ],
          columns: [
            { header: '省份编码 code', value: (r) => r.province.code },
            { header: '省份 province', value: (r) => r.province.nameZh },
            { header: '维度 dimension', value: (r) => `${DIM_ZH[r.dimension]} ${r.dimension}` },
            { header: '省级计划 plan', value: (r) => r.plan?.documentNumber ?? '无 none' },
            {
              header: '报表状态 report',
              value: (r) =>
                r.report
                  ? `${REPORT_ZH[r.report.status]}${r.report.isDemo ? '（演示）' : ''}`
                  : REPORT_ZH.none!,
            },
            { header: '分子 numerator', value: (r) => r.actual?.numerator ?? null },
            { header: '分母 denominator', value: (r) => r.actual?.denominator ?? null },
            { header: '实际 % actual', value: (r) => pct(r.actual?.pct ?? null) },
            { header: '计划 % planned', value: (r) => pct(r.planned) },
            { header: '应达 % owed', value: (r) => pct(r.owed) },
            { header: '国家计划 % national', value: (r) => pct(r.nationalPlanned) },
            { header: '与计划差距 gap to plan', value: (r) => pct(r.gapToPlan) },
            { header: '与国家差距 gap to national', value: (r) => pct(r.gapToNational) },
            { header: '状态 status', value: (r) => `${STATUS_ZH[r.status]} ${r.status}` },
            {
              header: '国家计划下状态 national status',
              value: (r) => `${STATUS_ZH[r.nationalStatus]} ${r.nationalStatus}`,
            },
            {
              header: '依据条款 clause',
              value: (r) =>
                r.target
                  ? `${r.target.source.document} ${r.target.source.clauseRef}：${r.target.source.quote}`
                  : null,
            },
          ],
          rows: result.rows,
        },
        format,
      );
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
          format: Type.Optional(oneOf(['json', 'csv', 'xlsx'] as const)),
        }),
        response: { 200: CompletenessResponseSchema },
      },
    },
    async (request, reply) => {
      const period = request.query.period ?? latestFullQuarter(new Date());
      const result = await completeness(app.db, period, app.config.reportDeadlineDays);
      const format = request.query.format ?? 'json';
      if (format === 'json') return result;
      return sendTable(
        reply,
        {
          filename: `DRG-DIP报送情况_${period}`,
          sheet: period,
          notes: [`${period} 报送情况，截止日期 deadline ${result.deadline}`],
          columns: [
            { header: '省份编码 code', value: (r) => r.province.code },
            { header: '省份 province', value: (r) => r.province.nameZh },
            { header: '有省级计划 has plan', value: (r) => (r.hasPlan ? '是 yes' : '否 no') },
            { header: '统筹地区数 regions', value: (r) => r.regionCount },
            { header: '已填报地区 reported', value: (r) => r.regionsReported },
            {
              header: '状态 status',
              value: (r) => `${REPORT_ZH[r.status]} ${r.status}${r.isDemo ? '（演示 demo）' : ''}`,
            },
            { header: '提交时间 submitted', value: (r) => r.submittedAt },
            { header: '接收时间 accepted', value: (r) => r.acceptedAt },
            { header: '逾期 overdue', value: (r) => (r.overdue ? '是 yes' : '否 no') },
          ],
          rows: result.rows,
        },
        format,
      );
    },
  );
};
export default routes;
