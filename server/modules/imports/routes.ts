import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RuleProblem } from '../../domain/report-rules.ts';
import { Problem } from '../../plugins/problem.ts';
import { sendFile, sendTable, XLSX_TYPE } from '../exports/tabular.ts';
import { requireProvince } from '../provinces/queries.ts';
import { sendReport } from '../reports/answer.ts';
import { figureProblems } from '../reports/check.ts';
import { earlyRead } from '../reports/early-read.ts';
import { readReport } from '../reports/load.ts';
import { readForSave, saveDraft } from '../reports/save.ts';
import { ReportParams, ReportSchema } from '../reports/schemas.ts';
import { parseIfMatch } from '../shared/if-match.ts';
import { oneOf } from '../shared/schema.ts';
import type { ImportProblem } from './parse.ts';
import { uploadReader } from './read-upload.ts';
import { STAGE_LABELS, TEMPLATE_COLUMNS } from './template.ts';
import { templateXlsx } from './template-xlsx.ts';
import { importFile } from './uploaded-file.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = app.config.uploads;
  const reader = uploadReader(limits);
  app.addHook('onClose', () => reader.close());
  const readUpload = reader.read;
  const saveRead = earlyRead(app.db);
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes, files: 1 } });

  app.get(
    '/provinces/:code/reports/:period/template',
    {
      schema: {
        tags: ['reports'],
        summary: '下载季度填报模板（中文表头，已列出统筹地区） Download the quarterly template',
        params: ReportParams,
        querystring: Type.Object({ format: Type.Optional(oneOf(['csv', 'xlsx'] as const)) }),
      },
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const province = await requireProvince(app.db, code);
      const regions = await app.db.coordinatingRegion.findMany({
        where: { provinceCode: code },
        orderBy: { sortOrder: 'asc' },
      });
      // prefill with the figures the user may already read (their draft, or the public report)
      const existing = await readReport(app.db, request.user, code, period).catch(() => null);
      const byRegion = new Map(existing?.rows.map((r) => [r.regionCode, r]) ?? []);
      const rows = regions.map((r) => ({ region: r, figures: byRegion.get(r.code) }));
      const title = `${province.nameZh} ${period} DRG/DIP 付费改革进展填报（病例数与基金支出为年度累计；基金单位：万元）`;
      const filename = `${province.nameZh}_${period}_DRG-DIP填报模板`;
      if ((request.query.format ?? 'xlsx') === 'xlsx') {
        const file = await templateXlsx({
          title,
          sheet: period,
          signOff: existing?.signOff ?? undefined,
          rows: rows.map(({ region, figures }) => ({
            regionCode: region.code,
            regionName: region.nameZh,
            figures: figures ? { ...figures, stage: STAGE_LABELS[figures.stage] } : null,
          })),
        });
        return sendFile(reply, `${filename}.xlsx`, XLSX_TYPE, file);
      }
      return sendTable(
        reply,
        {
          filename,
          sheet: period,
          notes: [title],
          columns: TEMPLATE_COLUMNS.map((c) => ({
            header: c.header,
            value: ({ region, figures }: (typeof rows)[number]) => {
              if (c.key === 'regionCode') return region.code;
              if (c.key === 'regionName') return region.nameZh;
              if (!figures) return null;
              if (c.key === 'stage') return STAGE_LABELS[figures.stage];
              return (figures as Record<string, string | number | null>)[c.key] ?? null;
            },
          })),
          rows,
        },
        'csv',
      );
    },
  );

  app.post(
    '/provinces/:code/reports/:period/import',
    {
      schema: {
        tags: ['reports'],
        summary:
          '导入填好的模板（CSV 或 XLSX，全部成功或全部不保存） Import a filled template, all or nothing',
        params: ReportParams,
        consumes: ['multipart/form-data'],
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: ReportSchema },
      },
      // what the save reads is read while the file comes in and is parsed
      preParsing: saveRead.preParsing,
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const { user, buffer: buf, filename } = await importFile(request, code, limits);
      // what the save reads (the report, its regions) was begun before the upload came in
      const read = saveRead.of(request) ?? readForSave(app.db, code, period);
      // size, rows and unpacked size are checked first; a small template is read here, any other
      // file in a worker thread (read-upload.ts)
      const parsed = await readUpload(buf, filename);
      // the rows the file could be read into are checked by the rules too, so one answer
      // lists every bad row: cells that could not be read, and rules between readable ones
      const unreadable = new Set(parsed.problems.map((p) => p.path));
      const rules = unreadable.has('/file')
        ? []
        : await figureProblems(app.db, code, parsed.rows, unreadable, (await read).regions);
      const problems = [...parsed.problems.map(fileProblem), ...rules.map(ruleProblem(parsed))];
      const stale = parsed.problems.find((p) => p.code === 'templateVersion');
      if (stale)
        throw new Problem(422, 'templateVersion', stale.zh, stale.en, [fileProblem(stale)]);
      if (problems.length) {
        const order = (p: (typeof problems)[number]) =>
          p.row * 100 + TEMPLATE_COLUMNS.findIndex((c) => c.header === p.column);
        problems.sort((a, b) => order(a) - order(b));
        throw new Problem(
          422,
          'importRejected',
          `文件有 ${problems.length} 处错误，未导入任何数据`,
          `The file has ${problems.length} problem(s); nothing was imported`,
          problems,
          { rows: [...new Set(problems.map((p) => p.row))] },
        );
      }
      const report = await saveDraft(
        app.db,
        user,
        code,
        period,
        parsed.rows,
        parseIfMatch(request.headers['if-match']),
        { read, imported: { signOff: parsed.signOff } },
      );
      return sendReport(reply, report);
    },
  );
};
export default routes;

const fileProblem = (p: ImportProblem) => ({
  path: p.path,
  code: p.code,
  zh: p.zh,
  en: p.en,
  row: p.row,
  column: p.column,
});

/** A rule broken between readable cells, named by the spreadsheet row and column. */
const ruleProblem =
  (parsed: { fileRows: number[] }) =>
  (p: RuleProblem): ReturnType<typeof fileProblem> => {
    const [, index, key] = /\/rows\/(\d+)\/?(\w*)/.exec(p.path) ?? [];
    const row = parsed.fileRows[Number(index)] ?? 0;
    return {
      ...p,
      zh: `第 ${row} 行：${p.zh}`,
      en: `Row ${row}: ${p.en}`,
      row,
      column: TEMPLATE_COLUMNS.find((c) => c.key === key)?.header ?? '',
    };
  };
