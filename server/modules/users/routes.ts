/** Accounts (admins): list, create, change, unlock, reset a second factor. Signing in: auth-routes.ts. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { refuse } from '../../permissions/session.ts';
import { mayManageAccounts, REFUSED } from '../../permissions/users.ts';
import { notFound } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { IdParam } from '../shared/schema.ts';
import authRoutes from './auth-routes.ts';
import { hashPassword } from './passwords.ts';
import { NewUserBody, UserPatchBody, UserSchema } from './schemas.ts';
import {
  checkKeepsAnAdmin,
  checkPasswordRule,
  checkRoleProvince,
  createUser,
  toUserDto,
} from './service.ts';
import { unlockAccount } from './throttle.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(authRoutes);

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
      if (b.password) checkPasswordRule(b.password, before.username);
      const passwordHash = b.password ? await hashPassword(b.password) : undefined;
      return app.db.$transaction(async (tx) => {
        // one change to the admins at a time, so two cannot each remove "the other" last admin
        await tx.$queryRaw`SELECT id FROM app_user WHERE role = 'admin' FOR UPDATE`;
        await checkKeepsAnAdmin(tx, before, { role, active: b.active ?? before.active }, admin.id);
        const user = await tx.user.update({
          where: { id: before.id },
          data: {
            displayName: b.displayName,
            role,
            provinceCode,
            active: b.active,
            passwordHash,
            ...(b.resetSecondFactor
              ? { totpSecret: null, totpEnabledAt: null, totpLastStep: null }
              : {}),
          },
        });
        if (b.active === false || passwordHash || role !== before.role || b.resetSecondFactor)
          await tx.session.deleteMany({ where: { userId: user.id } });
        const unlocked = b.unlock ? await unlockAccount(tx, user.username) : false;
        await recordAudit(tx, {
          actor: admin,
          action: 'user.update',
          entityType: 'user',
          entityId: user.id,
          provinceCode: user.provinceCode,
          before: toUserDto(before),
          after: {
            ...toUserDto(user),
            passwordChanged: !!passwordHash,
            unlocked,
            secondFactorReset: !!b.resetSecondFactor,
          },
        });
        return toUserDto(user);
      });
    },
  );
};
export default routes;
