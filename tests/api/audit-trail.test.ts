/**
 * The auditor (审计员) reads the whole audit trail through GET /api/audit, filtered and paged,
 * newest first; nobody else does (the role matrix covers every other route for auditors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext } from './helper.ts';

let ctx: TestContext;
let auditor: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await build();
  auditor = await signIn(ctx, 'auditor');
  admin = await signIn(ctx, 'admin');
});
afterAll(async () => ctx?.close());

const audit = (query: string, who: Agent = auditor) =>
  ctx.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: { cookie: who.cookie } });

describe('the audit trail', () => {
  it('shows an account lockout with who, which address and until when', async () => {
    for (let i = 0; i < 5; i++)
      await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '203.0.113.50',
        payload: { username: admin.username, password: `wrong-${i}` },
      });
    const res = await audit('?action=signIn.');
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = res.json().entries;
    expect(entry).toMatchObject({
      actor: 'system',
      action: 'signIn.accountLocked',
      entityType: 'signIn',
      entityId: admin.username,
      after: { address: '203.0.113.50', failures: 5 },
    });
  });

  it('filters by actor and entity and pages newest first', async () => {
    for (let i = 0; i < 3; i++)
      expect(
        (
          await ctx.app.inject({
            method: 'POST',
            url: '/api/users',
            headers: admin.headers(),
            payload: {
              username: `audited_${i}`,
              displayName: `审计 ${i}`,
              password: 'Audited-account-7',
              role: 'reviewer',
            },
          })
        ).statusCode,
      ).toBe(201);
    const first = (await audit(`?actor=${admin.username}&action=user.create&pageSize=2`)).json();
    expect(first.total).toBe(3);
    expect(first.entries.map((e: { after: { username: string } }) => e.after.username)).toEqual([
      'audited_2',
      'audited_1',
    ]);
    const second = (
      await audit(`?actor=${admin.username}&action=user.create&pageSize=2&page=2`)
    ).json();
    expect(second.entries.map((e: { after: { username: string } }) => e.after.username)).toEqual([
      'audited_0',
    ]);
    const none = (await audit(`?actor=${admin.username}&to=2000-01-01`)).json();
    expect(none.total).toBe(0);
  });

  it('an impossible date is a 400 at its field, not an error', async () => {
    const res = await audit('?from=2024-13-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/querystring/from');
  });

  it('an admin cannot browse the trail; an auditor cannot manage accounts', async () => {
    expect((await audit('', admin)).statusCode).toBe(403);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: auditor.cookie },
    });
    expect(res.statusCode).toBe(403);
  });
});
