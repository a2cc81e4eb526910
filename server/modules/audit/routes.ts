/** GET /api/audit: the whole audit trail for auditors, with filters and pages. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mayReadAuditTrail, REFUSED } from '../../permissions/audit.ts';
import { refuse } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { Nullable } from '../shared/schema.ts';
import { listAudit } from './list.ts';

const Text = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }));
const Instant = (description: string) =>
  Type.Optional(
    Type.String({
      pattern:
        '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2})?)?$',
      description,
    }),
  );

/** A date the pattern lets through but the calendar does not (2024-13-01) is a 400 at its field. */
function checkInstants(q: { from?: string; to?: string }) {
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v !== undefined && Number.isNaN(new Date(v).getTime()))
      throw new Problem(400, 'invalidRequest', '日期无效', `Not a date: ${v}`, [
        { path: `/querystring/${key}`, code: 'date', zh: '日期无效', en: 'not a date' },
      ]);
  }
}

export const AuditQuery = Type.Object(
  {
    action: Text('e.g. report.submit; ending in "." matches a prefix (signIn.)'),
    entityType: Text('report, plan, user, region, signIn…'),
    entityId: Text('the entity id as recorded'),
    actor: Text('username, or seed / system'),
    province: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
    from: Instant('from this instant (inclusive), ISO 8601'),
    to: Instant('before this instant, ISO 8601'),
    page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const AuditPageSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      actor: Type.String(),
      action: Type.String(),
      entityType: Type.String(),
      entityId: Type.String(),
      provinceCode: Nullable(Type.String()),
      before: Type.Unknown(),
      after: Type.Unknown(),
    }),
  ),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 The audit trail (auditors)',
        querystring: AuditQuery,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => {
      if (!mayReadAuditTrail(request.user)) throw refuse(request.user, REFUSED.read);
      checkInstants(request.query);
      return listAudit(app.db, request.query);
    },
  );
};
export default routes;
