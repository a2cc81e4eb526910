/**
 * Signing in, its further steps, and signing out. Sign-in checks the password under the
 * lockout (throttle.ts); when the account has a second factor, must enrol one, or signed in
 * with a password the rule no longer accepts, the session it opens has those steps pending
 * and can do nothing else until they are done (README "Security").
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { passwordProblems } from '../../domain/password-rule.ts';
import {
  accountChangingPassword,
  accountProvingSecondFactor,
  type PendingStep,
  REFUSED,
  sessionReader,
} from '../../permissions/account.ts';
import { refuse } from '../../permissions/session.ts';
import { createSession, SESSION_COOKIE, toSessionUser } from '../../plugins/auth.ts';
import { Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { checkPassword, dummyHash, hashPassword } from './passwords.ts';
import { CodeBody, PasswordChangeBody, SessionSchema, SignInBody } from './schemas.ts';
import { acceptCode, wrongCode } from './second-factor.ts';
import secondFactorRoutes from './second-factor-routes.ts';
import { checkPasswordRule } from './service.ts';
import { sessionAnswer, stepDone } from './session-answer.ts';
import { attemptFailed, attemptSucceeded, refuseIfLocked, reserveAttempt } from './throttle.ts';

const badCredentials = () =>
  new Problem(401, 'badCredentials', '用户名或密码错误', 'Wrong username or password');

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['users'],
        summary: '登录 Sign in',
        body: SignInBody,
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      await refuseIfLocked(app, username, request.ip);
      const attempt = await reserveAttempt(app, username, request.ip);
      const user = await app.db.user.findUnique({ where: { username } });
      // an unknown name costs the same time as a wrong password (no username probing)
      const hash = user?.passwordHash ?? (await dummyHash());
      const ok = (await checkPassword(hash, password)) && user !== null;
      if (!user || !ok || !user.active)
        throw (await attemptFailed(app, attempt)) ?? badCredentials();
      await attemptSucceeded(app, attempt);
      const steps: PendingStep[] = [];
      if (user.totpEnabledAt) steps.push('secondFactor');
      // a password set before the rule, or by an admin who typed a weak one: replaced now
      if (passwordProblems(password, user.username).length) steps.push('changePassword');
      const session = await createSession(app, reply, user.id, steps);
      request.sessionId = session.id;
      request.csrfToken = session.csrfToken;
      request.pending = { user: toSessionUser(user), steps };
      await app.db.user.update({ where: { id: user.id }, data: { lastSignInAt: app.now() } });
      return sessionAnswer(app, request);
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags: ['users'], summary: '退出 Sign out', response: { 204: Type.Null() } } },
    async (request, reply) => {
      if (request.sessionId) await app.db.session.deleteMany({ where: { id: request.sessionId } });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['users'],
        summary: '当前登录状态 Current session',
        response: { 200: SessionSchema },
      },
    },
    async (request) => sessionAnswer(app, request),
  );

  app.post(
    '/auth/second-factor',
    {
      schema: {
        tags: ['users'],
        summary: '登录第二步：动态验证码 Sign-in step two: the authenticator code',
        body: CodeBody,
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const account = accountProvingSecondFactor(request);
      if (!account) throw refuse(sessionReader(request), REFUSED.step);
      const u = await app.db.user.findUniqueOrThrow({ where: { id: account.id } });
      await refuseIfLocked(app, u.username, request.ip);
      const attempt = await reserveAttempt(app, u.username, request.ip);
      if (
        !u.totpSecret ||
        !(await acceptCode(app.db, u, u.totpSecret, request.body.code, app.now()))
      )
        throw (await attemptFailed(app, attempt)) ?? wrongCode();
      await attemptSucceeded(app, attempt);
      await stepDone(app, request.sessionId!, 'secondFactor');
      return sessionAnswer(app, request);
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['users'],
        summary: '修改本人密码 Change my password',
        body: PasswordChangeBody,
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const account = accountChangingPassword(request);
      if (!account) throw refuse(sessionReader(request), REFUSED.step);
      const { currentPassword, newPassword } = request.body;
      const u = await app.db.user.findUniqueOrThrow({ where: { id: account.id } });
      await refuseIfLocked(app, u.username, request.ip);
      const attempt = await reserveAttempt(app, u.username, request.ip);
      if (!(await checkPassword(u.passwordHash, currentPassword)))
        throw (
          (await attemptFailed(app, attempt)) ??
          new Problem(401, 'badCredentials', '当前密码错误', 'The current password is wrong', [
            { path: '/body/currentPassword', code: 'wrong', zh: '密码错误', en: 'wrong password' },
          ])
        );
      await attemptSucceeded(app, attempt);
      checkPasswordRule(newPassword, u.username, '/body/newPassword');
      if (newPassword === currentPassword)
        throw new Problem(
          422,
          'samePassword',
          '新密码不能与当前密码相同',
          'Choose a new password',
          [{ path: '/body/newPassword', code: 'same', zh: '与当前密码相同', en: 'same as now' }],
        );
      const passwordHash = await hashPassword(newPassword);
      await app.db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: u.id }, data: { passwordHash } });
        // every other session of the account ends: whoever knew the old password is out
        await tx.session.deleteMany({ where: { userId: u.id, id: { not: request.sessionId! } } });
        await recordAudit(tx, {
          actor: account,
          action: 'user.passwordChange',
          entityType: 'user',
          entityId: u.id,
          provinceCode: u.provinceCode,
        });
      });
      await stepDone(app, request.sessionId!, 'changePassword');
      return sessionAnswer(app, request);
    },
  );

  await app.register(secondFactorRoutes);
};
export default routes;
