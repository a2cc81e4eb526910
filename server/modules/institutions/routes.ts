/**
 * Institution-level figures of a province's quarter: save (JSON), import (CSV/XLSX), read back
 * (JSON pages, CSV/XLSX), and the template. Saving and importing go through the same checks, the
 * same row limit and the same transaction (save.ts); they need what saving the report needs: the
 * province's editor, an editable report (draft or returned) and its version in If-Match.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mayEnterReport, REFUSED } from '../../permissions/reports.ts';
import { refuse } from '../../permissions/session.ts';
import type { FieldProblem } from '../../plugins/problem.ts';
import { sendTable } from '../exports/tabular.ts';
import type { ImportProblem } from '../imports/parse.ts';
import { uploadReader } from '../imports/read-upload.ts';
import { importFile } from '../imports/uploaded-file.ts';
import { requireProvince } from '../provinces/queries.ts';
import { reportId } from '../reports/load.ts';
import { ReportParams } from '../reports/schemas.ts';
import { parseIfMatch } from '../shared/if-match.ts';
import { oneOf } from '../shared/schema.ts';
import { invalidInstitutions, MAX_LISTED_PROBLEMS, tooManyInstitutions } from './check.ts';
import { columnHeader, institutionColumn, MAX_INSTITUTION_ROWS } from './columns.ts';
import { institutionTable, listInstitutions, registerOf } from './list.ts';
import { checkInstitutionSheet, saveInstitutions, writeInstitutions } from './save.ts';
import {
  InstitutionListQuery,
  InstitutionListSchema,
  SavedInstitutionsSchema,
  SaveInstitutionsBody,
} from './schemas.ts';

const base = '/provinces/:code/reports/:period/institutions';

/** 20,000 institutions are about 4 MB of JSON: room for them, not for much more. */
const BODY_LIMIT = 16 * 1024 * 1024;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = app.config.uploads;
  const reader = uploadReader(limits);
  app.addHook('onClose', () => reader.close());
  await app.register(multipart, { limits: { fileSize: limits.maxFileBytes, files: 1 } });

  app.get(
    base,
    {
      schema: {
        tags: ['institutions'],
        summary:
          '一个季度的机构明细（JSON 分页；format=csv/xlsx 导出全部，可再次导入） Institution figures of the quarter',
        params: ReportParams,
        querystring: InstitutionListQuery,
        response: { 200: InstitutionListSchema },
      },
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const { format = 'json', offset = 0, limit = 1000, region } = request.query;
      const id = await reportId(app.db, request.user, code, period);
      if (format !== 'json') {
        const { rows } = await listInstitutions(app.db, id, { offset: 0, limit: null, region });
        const name = `${code}_${period}_机构明细`;
        return sendTable(reply, institutionTable(name, `${code} ${period} 机构明细`, rows), format);
      }
      const [page, rep] = await Promise.all([
        listInstitutions(app.db, id, { offset, limit, region }),
        app.db.report.findUniqueOrThrow({ where: { id }, select: { version: true } }),
      ]);
      reply.header('etag', `"${rep.version}"`);
      return { provinceCode: code, period, version: rep.version, offset, limit, ...page };
    },
  );

  app.get(
    `${base}/template`,
    {
      schema: {
        tags: ['institutions'],
        summary: '下载机构明细模板（已列出本季度或登记的机构） Download the institution template',
        params: ReportParams,
        querystring: Type.Object({ format: Type.Optional(oneOf(['csv', 'xlsx'] as const)) }),
      },
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const province = await requireProvince(app.db, code);
      // the quarter's figures where the user may read them, otherwise the register's institutions
      const id = await reportId(app.db, request.user, code, period).catch(() => null);
      const sent = id ? (await listInstitutions(app.db, id, { offset: 0, limit: null })).rows : [];
      const rows = sent.length
        ? sent
        : (await registerOf(app.db, code)).map((r) => ({
            institutionCode: r.institution_code,
            name: r.name,
            regionCode: r.region_code,
            secondaryPublic: r.secondary_public,
          }));
      const title = `${province.nameZh} ${period} 医疗机构明细（病例数与基金支出为年度累计；基金单位：万元；每季度最多 ${MAX_INSTITUTION_ROWS} 家机构）`;
      const table = institutionTable(`${province.nameZh}_${period}_机构明细模板`, title, rows);
      return sendTable(reply, table, request.query.format ?? 'xlsx');
    },
  );

  app.put(
    base,
    {
      bodyLimit: BODY_LIMIT,
      // over the limit is the same answer as the import's, whatever the rows hold (no 400 first)
      preValidation: async (request) => {
        const rows = (request.body as { rows?: unknown } | null)?.rows;
        if (Array.isArray(rows) && rows.length > MAX_INSTITUTION_ROWS)
          throw tooManyInstitutions(rows.length, '/body/rows');
      },
      schema: {
        tags: ['institutions'],
        summary:
          '保存本季度的机构明细（整体替换，一次事务；汇总写入各统筹地区行；If-Match 为报表版本） Save the institutions',
        params: ReportParams,
        body: SaveInstitutionsBody,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: SavedInstitutionsSchema },
      },
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const user = request.user;
      if (!mayEnterReport(user, code)) throw refuse(user, REFUSED.enter);
      await requireProvince(app.db, code);
      const saved = await saveInstitutions(
        app.db,
        user,
        code,
        period,
        request.body.rows,
        parseIfMatch(request.headers['if-match']),
      );
      reply.header('etag', `"${saved.version}"`);
      return saved;
    },
  );

  app.post(
    `${base}/import`,
    {
      schema: {
        tags: ['institutions'],
        summary:
          '导入机构明细（CSV 或 XLSX，全部成功或全部不保存） Import the institutions, all or nothing',
        params: ReportParams,
        consumes: ['multipart/form-data'],
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: SavedInstitutionsSchema },
      },
    },
    async (request, reply) => {
      const { code, period } = request.params;
      const { user, buffer: buf, filename } = await importFile(request, code, limits);
      const parsed = await reader.institutions(buf, filename, () =>
        tooManyInstitutions(null, '/body/file'),
      );
      if (parsed.overLimit) throw tooManyInstitutions(parsed.overLimit, '/body/file');
      const unreadable = new Set(parsed.problems.map((p) => p.path));
      const checked = unreadable.has('/file')
        ? null
        : await checkInstitutionSheet(app.db, code, parsed.rows, {
            limitPath: '/body/file',
            skip: unreadable,
          });
      const rules = checked?.problems ?? [];
      const place = (ps: FieldProblem[]) => ps.map(atFileRow(parsed.fileRows));
      const problems = [...parsed.problems, ...place(rules)];
      if (problems.length) {
        problems.sort((a, b) => a.row - b.row);
        throw invalidInstitutions(problems, {
          rows: [...new Set(problems.map((p) => p.row))].slice(0, MAX_LISTED_PROBLEMS),
        });
      }
      const saved = await writeInstitutions(
        app.db,
        user,
        {
          provinceCode: code,
          period,
          rows: parsed.rows,
          ifMatch: parseIfMatch(request.headers['if-match']),
        },
        checked!.register,
        place,
      );
      reply.header('etag', `"${saved.version}"`);
      return saved;
    },
  );
};
export default routes;

/** A rule broken in an entry, named by the file's row and column. */
const atFileRow =
  (fileRows: number[]) =>
  (p: FieldProblem): ImportProblem => {
    const [, index, key] = /\/rows\/(\d+)\/?(\w*)/.exec(p.path) ?? [];
    const row = fileRows[Number(index)] ?? 0;
    const column = institutionColumn(key ?? '');
    return {
      ...p,
      zh: `第 ${row} 行${column ? `「${column.zh}」` : ''}：${p.zh}`,
      en: `Row ${row}${column ? `, ${column.en}` : ''}: ${p.en}`,
      row,
      column: column ? columnHeader(column) : '',
    };
  };
