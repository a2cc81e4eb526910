/**
 * Session timeouts (README "Security"): a session ends after SESSION_IDLE_MINUTES (30) without
 * a request, and SESSION_MAX_HOURS (12) after sign-in however active; requests move the idle
 * window. Measured with a clock the test moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, signIn, type TestContext, testClock } from './helper.ts';

const clock = testClock();
let ctx: TestContext;

beforeAll(async () => {
  ctx = await build({ SESSION_MAX_HOURS: '2' }, { now: clock.now });
});
afterAll(async () => ctx?.close());

const whoAmI = async (cookie: string) =>
  (await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } })).json()
    .user?.username ?? null;

const listUsers = (cookie: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });

describe('session timeouts', () => {
  it('30 minutes without a request end the session; the cookie then reads as signed out', async () => {
    const admin = await signIn(ctx, 'admin');
    clock.advanceMinutes(29);
    expect((await listUsers(admin.cookie)).statusCode).toBe(200);
    clock.advanceMinutes(30.5);
    expect((await listUsers(admin.cookie)).statusCode).toBe(401);
    expect(await whoAmI(admin.cookie)).toBeNull();
    expect(await ctx.db.session.count({ where: { user: { username: admin.username } } })).toBe(0);
  });

  it('each request moves the idle window: active for an hour, signed in throughout', async () => {
    const admin = await signIn(ctx, 'admin');
    for (let i = 0; i < 4; i++) {
      clock.advanceMinutes(20);
      expect(await whoAmI(admin.cookie)).toBe(admin.username);
    }
  });

  it('however active, the session ends SESSION_MAX_HOURS after sign-in', async () => {
    const admin = await signIn(ctx, 'admin');
    for (let i = 0; i < 5; i++) {
      clock.advanceMinutes(20);
      expect((await listUsers(admin.cookie)).statusCode).toBe(200);
    }
    clock.advanceMinutes(20);
    expect((await listUsers(admin.cookie)).statusCode).toBe(401);
  });

  it('ended sessions that are never presented again are removed at the next sign-in', async () => {
    const left = await signIn(ctx, 'reviewer');
    clock.advanceMinutes(31);
    expect(await ctx.db.session.count({ where: { user: { username: left.username } } })).toBe(1);
    await signIn(ctx, 'editor', '210000');
    expect(await ctx.db.session.count({ where: { user: { username: left.username } } })).toBe(0);
  });

  it('the idle time is a setting', async () => {
    const short = await build({ SESSION_IDLE_MINUTES: '5' }, { now: clock.now });
    try {
      const admin = await signIn(short, 'admin');
      clock.advanceMinutes(4);
      expect(
        (
          await short.app.inject({
            method: 'GET',
            url: '/api/users',
            headers: { cookie: admin.cookie },
          })
        ).statusCode,
      ).toBe(200);
      clock.advanceMinutes(5.5);
      expect(
        (
          await short.app.inject({
            method: 'GET',
            url: '/api/users',
            headers: { cookie: admin.cookie },
          })
        ).statusCode,
      ).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('the cookie itself expires with the absolute lifetime (Max-Age 2 h here)', async () => {
    const { createUser } = await import('../../server/modules/users/service.ts');
    await createUser(
      ctx.db,
      { username: 'cookie_age', displayName: 'c', password: 'Cookie-age-2024x', role: 'reviewer' },
      'system',
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'cookie_age', password: 'Cookie-age-2024x' },
    });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/Max-Age=7200/);
  });
});
