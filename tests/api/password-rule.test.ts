/**
 * The password rule through the API and `npm run user:create` (README "Security"): weak
 * passwords are refused with each reason at the field; an account whose password was set
 * before the rule signs in with one thing left to do, replacing it.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/modules/users/passwords.ts';
import { build, cookieOf, signIn, type TestContext } from './helper.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await build();
});
afterAll(async () => ctx?.close());

const signInWith = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });

describe('the password rule', () => {
  it.each([
    ['aaaaaaaaaa', ['tooShort', 'tooFewKinds']],
    ['xx-rule_user-2024', ['containsUsername']],
    ['Password123!', ['common']],
  ])(
    'an admin creating an account with %s gets 422 naming %j; nothing is created',
    async (password, codes) => {
      const admin = await signIn(ctx, 'admin');
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers(),
        payload: { username: 'rule_user', displayName: '规则', password, role: 'reviewer' },
      });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.code).toBe('weakPassword');
      expect(body.zh).toContain('密码');
      expect(body.errors.map((e: { code: string }) => e.code)).toEqual(codes);
      expect(body.errors.every((e: { path: string }) => e.path === '/body/password')).toBe(true);
      expect(await ctx.db.user.findUnique({ where: { username: 'rule_user' } })).toBeNull();
    },
  );

  it("an admin resetting someone's password to a weak one gets 422; the old one still works", async () => {
    const admin = await signIn(ctx, 'admin');
    const reviewer = await signIn(ctx, 'reviewer');
    const target = await ctx.db.user.findUniqueOrThrow({ where: { username: reviewer.username } });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${target.id}`,
      headers: admin.headers(),
      payload: { password: reviewer.username },
    });
    expect(res.statusCode).toBe(422);
    expect((await signInWith(reviewer.username, reviewer.password)).statusCode).toBe(200);
  });

  it('a password set before the rule: sign-in opens a session that must replace it first', async () => {
    await ctx.db.user.create({
      data: {
        username: 'old_timer',
        displayName: '老用户',
        role: 'admin',
        passwordHash: await hashPassword('aaaaaaaaaa'),
      },
    });
    const res = await signInWith('old_timer', 'aaaaaaaaaa');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: null, pending: { steps: ['changePassword'] } });
    const cookie = cookieOf(res);
    const headers = { cookie, 'x-csrf-token': res.json().csrfToken };
    expect((await ctx.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(
      401,
    );

    const change = (currentPassword: string, newPassword: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers,
        payload: { currentPassword, newPassword },
      });
    const weak = await change('aaaaaaaaaa', 'bbbbbbbbbbbb');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0].path).toBe('/body/newPassword');
    expect((await change('not-the-password', 'Old-timer-new-2026')).statusCode).toBe(401);

    const done = await change('aaaaaaaaaa', 'Grassland-Wind-2026');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ user: { username: 'old_timer' }, pending: null });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/users', headers })).statusCode).toBe(
      200,
    );
    expect((await signInWith('old_timer', 'aaaaaaaaaa')).statusCode).toBe(401);
    expect((await signInWith('old_timer', 'Grassland-Wind-2026')).json().pending).toBeNull();
    expect(
      await ctx.db.auditEvent.count({
        where: { action: 'user.passwordChange', actorLabel: 'old_timer' },
      }),
    ).toBe(1);
  });

  it('npm run user:create refuses a weak password and creates nothing', async () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/cli/user-create.ts', '--username', 'cli_weak', '--role', 'admin'],
      {
        env: { ...process.env, DATABASE_URL: ctx.url, USER_PASSWORD: 'cli_weak12345' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/must not contain the username/);
    expect(await ctx.db.user.findUnique({ where: { username: 'cli_weak' } })).toBeNull();
  });
});
