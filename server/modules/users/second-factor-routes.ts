/**
 * Enrolling a second factor (TOTP): start (a new secret and its otpauth:// URI), then confirm
 * with a code from the app, which puts it in force. Any signed-in user may enrol; a role in
 * SECOND_FACTOR_ROLES must, before anything else. An enrolled factor is removed only by an
 * administrator (PATCH /users/:id `resetSecondFactor`, for a lost phone).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { accountEnrolling, REFUSED, sessionReader } from '../../permissions/account.ts';
import { refuse } from '../../permissions/session.ts';
import { Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { CodeBody, EnrollmentSchema, SessionSchema } from './schemas.ts';
import { acceptCode, newTotpSecret, totpUri, wrongCode } from './second-factor.ts';
import { sessionAnswer, stepDone } from './session-answer.ts';
import { attemptFailed, attemptSucceeded, refuseIfLocked, reserveAttempt } from './throttle.ts';

const alreadyEnrolled = () =>
  new Problem(
    409,
    'secondFactorEnrolled',
    '已绑定动态验证码；如需更换请联系管理员重置',
    'A second factor is already enrolled; an administrator can reset it',
  );

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/second-factor/enrollment',
    {
      schema: {
        tags: ['users'],
        summary: '开始绑定验证器 Start enrolling an authenticator',
        response: { 201: EnrollmentSchema },
      },
    },
    async (request, reply) => {
      const account = accountEnrolling(request);
      if (!account) throw refuse(sessionReader(request), REFUSED.step);
      const secret = newTotpSecret();
      // only a factor not yet in force is replaced (starting again gives a new secret)
      const set = await app.db.user.updateMany({
        where: { id: account.id, totpEnabledAt: null },
        data: { totpSecret: secret, totpLastStep: null },
      });
      if (set.count === 0) throw alreadyEnrolled();
      return reply.status(201).send({ secret, uri: totpUri(secret, account.username) });
    },
  );

  app.post(
    '/auth/second-factor/enrollment/confirm',
    {
      schema: {
        tags: ['users'],
        summary: '确认绑定验证器 Confirm the authenticator with a code',
        body: CodeBody,
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const account = accountEnrolling(request);
      if (!account) throw refuse(sessionReader(request), REFUSED.step);
      const u = await app.db.user.findUniqueOrThrow({ where: { id: account.id } });
      if (u.totpEnabledAt) throw alreadyEnrolled();
      if (!u.totpSecret)
        throw new Problem(
          409,
          'enrollmentNotStarted',
          '请先开始绑定验证器',
          'Start the enrolment first',
        );
      await refuseIfLocked(app, u.username, request.ip);
      const attempt = await reserveAttempt(app, u.username, request.ip);
      if (!(await acceptCode(app.db, u, u.totpSecret, request.body.code, app.now())))
        throw (await attemptFailed(app, attempt)) ?? wrongCode();
      await attemptSucceeded(app, attempt);
      await app.db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: u.id }, data: { totpEnabledAt: app.now() } });
        await recordAudit(tx, {
          actor: account,
          action: 'user.secondFactorEnrol',
          entityType: 'user',
          entityId: u.id,
          provinceCode: u.provinceCode,
        });
      });
      if (request.sessionId) await stepDone(app, request.sessionId, 'enrollSecondFactor');
      return sessionAnswer(app, request);
    },
  );
};
export default routes;
