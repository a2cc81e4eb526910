import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { refuse } from '../../permissions/session.ts';
import { mayManageAccounts, REFUSED } from '../../permissions/users.ts';
import { createSession, SESSION_COOKIE } from '../../plugins/auth.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { IdParam } from '../shared/schema.ts';
import { checkPassword, dummyHash, hashPassword } from './passwords.ts';
import { NewUserBody, SessionSchema, SignInBody, UserPatchBody, UserSchema } from './schemas.ts';
import { checkKeepsAnAdmin, checkRoleProvince, createUser, toUserDto } from './service.ts';
import {
  attemptFailed,
  attemptSucceeded,
  refuseIfLocked,
  reserveAttempt,
  unlockAccount,
} from './throttle.ts';

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
        throw (
          (await attemptFailed(app, attempt)) ??
          new Problem(401, 'badCredentials', '用户名或密码错误', 'Wrong username or password')
        );
      await attemptSucceeded(app, attempt);
      const csrfToken = await createSession(app, reply, user.id);
      await app.db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      return { user: toUserDto(user), csrfToken };
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
    async (request) => {
      if (!request.user) return { user: null, csrfToken: null };
      const u = await app.db.user.findUniqueOrThrow({ where: { id: request.user.id } });
      return { user: toUserDto(u), csrfToken: request.csrfToken };
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: '账户列表 Accounts',
        response: { 200: Type.Array(UserSchema) },
      },
    },
    async (request) => {
      if (!mayManageAccounts(request.user)) throw refuse(request.user, REFUSED.manage);
      return (await app.db.user.findMany({ orderBy: { username: 'asc' } })).map(toUserDto);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建账户 Create an account',
        body: NewUserBody,
        response: { 201: UserSchema },
      },
    },
    async (request, reply) => {
      const admin = request.user;
      if (!mayManageAccounts(admin)) throw refuse(admin, REFUSED.manage);
      return reply.status(201).send(await createUser(app.db, request.body, admin));
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改账户 Change an account',
        params: Type.Object({ id: IdParam() }),
        body: UserPatchBody,
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const admin = request.user;
      if (!mayManageAccounts(admin)) throw refuse(admin, REFUSED.manage);
      const before = await app.db.user.findUnique({ where: { id: request.params.id } });
      if (!before)
        throw notFound(`User ${request.params.id}`, `账户 ${request.params.id}`, '/params/id');
      const b = request.body;
      const role = b.role ?? before.role;
      const provinceCode =
        b.provinceCode !== undefined
          ? b.provinceCode
          : role === 'editor'
            ? before.provinceCode
            : null;
      await checkRoleProvince(app.db, role, provinceCode);
      const passwordHash = b.password ? await hashPassword(b.password) : undefined;
      return app.db.$transaction(async (tx) => {
        // one change to the admins at a time, so two cannot each remove "the other" last admin
        await tx.$queryRaw`SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE`;
        await checkKeepsAnAdmin(tx, before, { role, active: b.active ?? before.active }, admin.id);
        const user = await tx.user.update({
          where: { id: before.id },
          data: { displayName: b.displayName, role, provinceCode, active: b.active, passwordHash },
        });
        if (b.active === false || passwordHash || role !== before.role)
          await tx.session.deleteMany({ where: { userId: user.id } });
        const unlocked = b.unlock ? await unlockAccount(tx, user.username) : false;
        await recordAudit(tx, {
          actor: admin,
          action: 'user.update',
          entityType: 'user',
          entityId: user.id,
          provinceCode: user.provinceCode,
          before: toUserDto(before),
          after: { ...toUserDto(user), passwordChanged: !!passwordHash, unlocked },
        });
        return toUserDto(user);
      });
    },
  );
};
export default routes;
