/** CSRF: a write carrying the session cookie must echo the session's token, or changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, type TestContext, validRows } from './helper.ts';
import { type Actor, type Call, DRAFT, LN } from './roles/matrix.ts';
import { currentVersion, type Roles, reportIn, setUpRoles } from './roles/setup.ts';

let ctx: TestContext;
let roles: Roles;
let usernameCounter = 0;

beforeAll(async () => {
  ctx = await build();
  roles = await setUpRoles(ctx);
});
afterAll(async () => ctx?.close());

describe('CSRF: a write carrying the session cookie must echo the session token', () => {
  const writes: {
    name: string;
    actor: Exclude<Actor, 'anonymous'>;
    call: () => Promise<Call> | Call;
  }[] = [
    {
      name: 'PUT a report',
      actor: 'editorLN',
      call: async () => ({
        method: 'PUT',
        url: `/api/provinces/${LN}/reports/${DRAFT}`,
        headers: { 'if-match': `"${await currentVersion(ctx, LN, DRAFT)}"` },
        payload: { rows: await validRows(ctx, LN, 3) },
      }),
    },
    {
      name: 'submit',
      actor: 'editorLN',
      call: async () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/2022Q4/submit`,
        headers: { 'if-match': `"${await reportIn(roles, '2022Q4', 'draft')}"` },
      }),
    },
    {
      name: 'comment',
      actor: 'reviewer',
      call: () => ({
        method: 'POST',
        url: `/api/provinces/${LN}/reports/${DRAFT}/comments`,
        payload: { body: '跨站请求' },
      }),
    },
    {
      name: 'create a user',
      actor: 'admin',
      call: () => ({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `csrf_${++usernameCounter}`,
          displayName: 'x',
          password: 'a-long-password-1',
          role: 'reviewer',
        },
      }),
    },
    {
      name: 'correct a timeline',
      actor: 'admin',
      call: () => ({
        method: 'POST',
        url: '/api/regions/210500/events',
        payload: {
          kind: 'launch',
          occurredOn: '2022-06-30',
          precision: 'day',
          source: 'a source text',
        },
      }),
    },
    {
      name: 'draft a plan',
      actor: 'editorLN',
      call: () => ({
        method: 'PUT',
        url: '/api/plans/liaoning-2022-1/draft',
        payload: planContent(),
      }),
    },
    {
      name: 'sign out',
      actor: 'reviewer',
      call: () => ({ method: 'POST', url: '/api/auth/sign-out' }),
    },
  ];
  const cases = writes.flatMap((w) => [
    { ...w, token: 'missing', headers: (a: Agent) => ({ cookie: a.cookie }) },
    {
      ...w,
      token: 'wrong',
      headers: (a: Agent) => ({
        cookie: a.cookie,
        'x-csrf-token': `${a.csrf.slice(0, -1)}${a.csrf.endsWith('A') ? 'B' : 'A'}`,
      }),
    },
  ]);

  it.each(cases)(
    '$name with the token $token gets 403 and changes nothing',
    async ({ actor, call, headers }) => {
      const c = await call();
      const before = {
        audit: await ctx.db.auditEvent.count(),
        sessions: await ctx.db.session.count(),
      };
      const res = await ctx.app.inject({
        method: c.method,
        url: c.url,
        payload: c.payload,
        headers: { ...c.headers, ...headers(roles.agents[actor]) },
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({
        code: 'csrfTokenMissing',
        errors: [{ path: '/headers/x-csrf-token' }],
      });
      expect({
        audit: await ctx.db.auditEvent.count(),
        sessions: await ctx.db.session.count(),
      }).toEqual(before);
    },
  );
});
