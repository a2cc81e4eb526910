/** With PUBLIC_DASHBOARD=false the dashboards need an account; by default they are open to all. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext } from './helper.ts';
import { dashboards } from './roles/endpoints-read.ts';
import { DRAFT, LN, SUBMITTED } from './roles/matrix.ts';
import { saveReport, setUpRoles } from './roles/setup.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await build();
  await setUpRoles(ctx);
});
afterAll(async () => ctx?.close());

describe('with PUBLIC_DASHBOARD=false, dashboards need an account', () => {
  let privateCtx: TestContext;
  let reviewer: Agent;
  beforeAll(async () => {
    privateCtx = await build({ PUBLIC_DASHBOARD: 'false' });
    const editor = await signIn(privateCtx, 'editor', LN);
    reviewer = await signIn(privateCtx, 'reviewer');
    await saveReport(privateCtx, editor, LN, DRAFT);
    const submitted = await saveReport(privateCtx, editor, LN, SUBMITTED);
    const res = await privateCtx.app.inject({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
      headers: editor.headers({ 'if-match': `"${submitted.version}"` }),
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => privateCtx?.close());

  const reads = dashboards.filter((d) => d.name !== 'GET /health');
  it.each(reads)('$name: anonymous gets 401, a signed-in reviewer 200', async ({ call }) => {
    const c = await call('anonymous');
    const anon = await privateCtx.app.inject({ method: c.method, url: c.url });
    expect(anon.statusCode, anon.body.slice(0, 200)).toBe(401);
    expect(anon.json().code).toBe('signInRequired');
    const signedIn = await privateCtx.app.inject({
      method: c.method,
      url: c.url,
      headers: { cookie: reviewer.cookie },
    });
    expect(signedIn.statusCode, signedIn.body.slice(0, 200)).toBe(200);
  });

  it('the health check and the session endpoint stay open, so the sign-in page works', async () => {
    expect((await privateCtx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(
      200,
    );
    const session = await privateCtx.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toBeNull();
  });

  it('with dashboards public (the default) the same reads work anonymously', async () => {
    for (const d of reads) {
      const c = await d.call('anonymous');
      expect((await ctx.app.inject({ method: c.method, url: c.url })).statusCode, d.name).toBe(200);
    }
  });
});
