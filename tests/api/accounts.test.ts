/**
 * An admin manages accounts through the API the admin page uses: creates an editor for a
 * province, changes role and province, resets a password (the old one stops working, the
 * account's sessions end), deactivates an account (it can no longer sign in) — and cannot
 * lock everyone out by deactivating or demoting themselves or the last admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext } from './helper.ts';

let ctx: TestContext;
let admin: Agent;

beforeAll(async () => {
  ctx = await build();
  admin = await signIn(ctx, 'admin');
});
afterAll(async () => ctx?.close());

const signInAs = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
const patch = (id: number, payload: object, as: Agent = admin) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: as.headers(), payload });

describe('managing accounts', () => {
  it('creates an editor, moves it to another province and role, resets its password, deactivates it', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        username: 'hn-editor',
        displayName: '湖南填报 周',
        password: 'first-password-1',
        role: 'editor',
        provinceCode: '430000',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const session = await signInAs('hn-editor', 'first-password-1');
    expect(session.statusCode).toBe(200);
    const cookie = String(session.headers['set-cookie']).split(';')[0]!;

    const moved = await patch(id, { provinceCode: '210000' });
    expect(moved.json()).toMatchObject({ role: 'editor', provinceCode: '210000' });
    const reviewer = await patch(id, { role: 'reviewer', provinceCode: null });
    expect(reviewer.json()).toMatchObject({ role: 'reviewer', provinceCode: null });

    const reset = await patch(id, { password: 'second-password-2' });
    expect(reset.statusCode).toBe(200);
    expect((await signInAs('hn-editor', 'first-password-1')).statusCode).toBe(401);
    expect((await signInAs('hn-editor', 'second-password-2')).statusCode).toBe(200);
    // the session opened with the old password is over
    const old = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie },
    });
    expect(old.json().user).toBeNull();

    const off = await patch(id, { active: false });
    expect(off.json().active).toBe(false);
    expect((await signInAs('hn-editor', 'second-password-2')).statusCode).toBe(401);
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: admin.headers(),
    });
    expect(list.json().find((u: { id: number }) => u.id === id)).toMatchObject({ active: false });

    const history = await ctx.db.auditEvent.findMany({
      where: { entityType: 'user', entityId: String(id) },
      orderBy: { id: 'asc' },
    });
    expect(history.map((h) => h.action)).toEqual([
      'user.create',
      'user.update',
      'user.update',
      'user.update',
      'user.update',
    ]);
    expect(JSON.stringify(history.map((h) => [h.before, h.after]))).not.toContain(
      'second-password-2',
    );
  });

  it('an editor without a province is refused at the field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        username: 'no-prov',
        displayName: '无省份',
        password: 'long-enough-pw',
        role: 'editor',
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('/body/provinceCode');
  });

  it('an admin cannot deactivate or demote themselves', async () => {
    const me = (
      await ctx.app.inject({ method: 'GET', url: '/api/auth/session', headers: admin.headers() })
    ).json().user;
    for (const body of [{ active: false }, { role: 'reviewer' }]) {
      const res = await patch(me.id, body);
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('cannotLockOutSelf');
    }
    const still = await ctx.db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(still).toMatchObject({ role: 'admin', active: true });
  });

  it('two admins deactivating each other at once: one wins, an admin remains', async () => {
    const a = await signIn(ctx, 'admin');
    const b = await signIn(ctx, 'admin');
    const idOf = async (agent: Agent) =>
      (await ctx.db.user.findUniqueOrThrow({ where: { username: agent.username } })).id;
    const [ra, rb] = await Promise.all([
      patch(await idOf(b), { active: false }, a),
      patch(await idOf(a), { active: false }, b),
    ]);
    const codes = [ra.statusCode, rb.statusCode].sort();
    // the loser is refused inside its transaction (403), or its session was already gone (401)
    expect(codes[0]).toBe(200);
    expect([401, 403]).toContain(codes[1]);
    const left = await ctx.db.user.count({
      where: { role: 'admin', active: true, username: { in: [a.username, b.username] } },
    });
    expect(left).toBe(1);
  });

  it('non-admins are refused', async () => {
    const editor = await signIn(ctx, 'editor', '210000');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: editor.headers(),
    });
    expect(res.statusCode).toBe(403);
  });
});
