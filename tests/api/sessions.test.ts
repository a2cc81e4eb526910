/** Sessions: signing out ends one, GET /auth/session names its account (throttling: sign-in-throttle.test.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, signIn, type TestContext } from './helper.ts';
import { LN } from './roles/matrix.ts';
import { type Roles, send, setUpRoles } from './roles/setup.ts';

let ctx: TestContext;
let roles: Roles;

beforeAll(async () => {
  ctx = await build();
  roles = await setUpRoles(ctx);
});
afterAll(async () => ctx?.close());

describe('sessions', () => {
  it('signing out ends the session: the old cookie no longer reads the session or reaches admin pages', async () => {
    const admin = await signIn(ctx, 'admin');
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(200);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: admin.headers(),
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/drgdip_session=;/);
    const session = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: admin.cookie },
    });
    expect(session.json()).toEqual({ user: null, csrfToken: null, pending: null });
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(401);
    const write = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        username: 'after_sign_out',
        displayName: 'x',
        password: 'a-long-password-1',
        role: 'reviewer',
      },
    });
    expect(write.statusCode).toBe(401);
    expect(await ctx.db.user.findUnique({ where: { username: 'after_sign_out' } })).toBeNull();
  });

  it('GET /auth/session names the signed-in account and its CSRF token', async () => {
    const res = await send(roles, 'editorLN', { method: 'GET', url: '/api/auth/session' });
    expect(res.json()).toMatchObject({
      user: { username: roles.agents.editorLN.username, role: 'editor', provinceCode: LN },
      csrfToken: roles.agents.editorLN.csrf,
    });
  });
});
