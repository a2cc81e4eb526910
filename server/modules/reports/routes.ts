import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mayComment, mayEnterReport, mayMoveReport, REFUSED } from '../../permissions/reports.ts';
import { refuse } from '../../permissions/session.ts';
import { mayReadAccountNames } from '../../permissions/visibility.ts';
import { auditTrail } from '../audit/record.ts';
import { requireProvince } from '../provinces/queries.ts';
import { parseIfMatch } from '../shared/if-match.ts';
import { sendReport } from './answer.ts';
import { refusedBody } from './check.ts';
import { earlyRead } from './early-read.ts';
import { listReports } from './list.ts';
import { readReport, reportId } from './load.ts';
import { saveDraft } from './save.ts';
import {
  CommentBody,
  HistorySchema,
  ReportListItem,
  ReportListQuery,
  ReportParams,
  ReportSchema,
  SaveReportBody,
  TransitionBody,
} from './schemas.ts';
import { addComment, transition } from './transitions.ts';

const base = '/provinces/:code/reports/:period';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const saveRead = earlyRead(app.db);
  app.get(
    '/reports',
    {
      schema: {
        tags: ['reports'],
        summary: '报表列表（审核队列） Reports, e.g. the review queue',
        querystring: ReportListQuery,
        response: { 200: Type.Array(ReportListItem) },
      },
    },
    async (request) =>
      listReports(app.db, request.user, request.query, app.config.reportDeadlineDays),
  );

  app.get(
    base,
    {
      schema: {
        tags: ['reports'],
        summary: '一个省一个季度的报表 One province × one quarter',
        params: ReportParams,
        response: { 200: ReportSchema },
      },
    },
    async (request, reply) => {
      const report = await readReport(
        app.db,
        request.user,
        request.params.code,
        request.params.period,
      );
      return sendReport(reply, report);
    },
  );

  app.put(
    base,
    {
      schema: {
        tags: ['reports'],
        summary:
          '保存草稿（整季度，一次事务；If-Match 为所编辑的版本） Save the quarter as a draft',
        params: ReportParams,
        body: SaveReportBody,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        response: { 200: ReportSchema },
      },
      // a body the schema refuses is still checked row by row: every problem in one answer
      attachValidation: true,
      // what the save reads is read while its 400 rows come in and are parsed and checked
      preParsing: saveRead.preParsing,
    },
    async (request, reply) => {
      const user = request.user;
      const refused = request.validationError;
      if (refused && refused.validationContext !== 'body') throw refused;
      if (!mayEnterReport(user, request.params.code)) throw refuse(user, REFUSED.enter);
      // a body that passed its schema: saveDraft checks the province in the query it reads with
      if (refused) {
        await requireProvince(app.db, request.params.code);
        throw await refusedBody(app.db, request.params.code, request.body, refused);
      }
      const report = await saveDraft(
        app.db,
        user,
        request.params.code,
        request.params.period,
        request.body.rows,
        parseIfMatch(request.headers['if-match']),
        { read: saveRead.of(request) },
      );
      return sendReport(reply, report);
    },
  );

  for (const action of ['submit', 'return', 'accept'] as const) {
    app.post(
      `${base}/${action}`,
      {
        schema: {
          tags: ['reports'],
          summary: {
            submit: '提交 Submit',
            return: '退回（需意见） Return with a comment',
            accept: '接收 Accept',
          }[action],
          params: ReportParams,
          body: Type.Union([TransitionBody, Type.Null()]),
          headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
          response: { 200: ReportSchema },
        },
      },
      async (request, reply) => {
        const user = request.user;
        if (!mayMoveReport(user, request.params.code, action))
          throw refuse(user, action === 'submit' ? REFUSED.submit : REFUSED.review);
        const report = await transition(
          app.db,
          user,
          request.params.code,
          request.params.period,
          action,
          parseIfMatch(request.headers['if-match']),
          request.body?.comment,
        );
        return sendReport(reply, report);
      },
    );
  }

  app.post(
    `${base}/comments`,
    {
      schema: {
        tags: ['reports'],
        summary: '评论 Comment',
        params: ReportParams,
        body: CommentBody,
        response: { 200: ReportSchema },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!mayComment(user, request.params.code)) throw refuse(user, REFUSED.comment);
      return sendReport(
        reply,
        await addComment(
          app.db,
          user,
          request.params.code,
          request.params.period,
          request.body.body,
        ),
      );
    },
  );

  app.get(
    `${base}/history`,
    {
      schema: {
        tags: ['reports'],
        summary: '报表修改记录（谁、何时、改前改后） History: who, when, before and after',
        params: ReportParams,
        response: { 200: HistorySchema },
      },
    },
    async (request) => {
      const { code, period } = request.params;
      const id = await reportId(app.db, request.user, code, period);
      // outsiders read the submissions and acceptances only, without account names (visibility.ts)
      return auditTrail(app.db, 'report', id, mayReadAccountNames(request.user, code));
    },
  );
};
export default routes;
