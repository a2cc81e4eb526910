/**
 * PUBLIC_DASHBOARD=false is decided on the route the router chose, not on the raw URL: the
 * router decodes percent-encoding, so `/%61pi/provinces/…/progress` reached the data while the
 * guard, reading the raw URL, saw no `/api/`. Every spelling of every protected read is tried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext } from './helper.ts';
import { dashboards } from './roles/endpoints-read.ts';
import { DRAFT, LN, SUBMITTED } from './roles/matrix.ts';
import { saveReport } from './roles/setup.ts';

let ctx: TestContext;
let reviewer: Agent;

beforeAll(async () => {
  ctx = await build({ PUBLIC_DASHBOARD: 'false' });
  const editor = await signIn(ctx, 'editor', LN);
  reviewer = await signIn(ctx, 'reviewer');
  await saveReport(ctx, editor, LN, DRAFT);
  const submitted = await saveReport(ctx, editor, LN, SUBMITTED);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
    headers: editor.headers({ 'if-match': `"${submitted.version}"` }),
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => ctx?.close());

/** `s` with every character percent-encoded, hex digits alternating lower and upper case. */
const encodeAll = (s: string) =>
  [...s]
    .map((c, i) => {
      const hex = c.charCodeAt(0).toString(16);
      return `%${i % 2 ? hex.toUpperCase() : hex}`;
    })
    .join('');
const encodeFirst = (s: string) => encodeAll(s[0]!) + s.slice(1);

/** The ways one address can be written: each is either routed to the same handler or to none. */
function spellings(url: string): { how: string; url: string; routed?: true }[] {
  const [path, query] = url.split('?') as [string, string | undefined];
  const q = query === undefined ? '' : `?${query}`;
  const [, api, area, ...rest] = path.split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  return [
    { how: 'as written', url, routed: true },
    { how: '%61pi', url: `/${encodeFirst(api!)}/${area}${tail}${q}`, routed: true },
    { how: 'api fully encoded', url: `/${encodeAll(api!)}/${area}${tail}${q}`, routed: true },
    { how: 'area encoded', url: `/${api}/${encodeFirst(area!)}${tail}${q}`, routed: true },
    {
      how: 'area fully encoded, mixed-case hex',
      url: `/${api}/${encodeAll(area!)}${tail}${q}`,
      routed: true,
    },
    {
      how: 'every segment encoded',
      url: `/${[api!, area!, ...rest].map(encodeAll).join('/')}${q}`,
      routed: true,
    },
    { how: 'trailing slash', url: `${path}/${q}`, routed: true },
    { how: '%61pi and trailing slash', url: `/${encodeFirst(api!)}/${area}${tail}/${q}` },
    { how: 'double slash in front', url: `/${path}${q}` },
    { how: 'double slash inside', url: `/${api}//${area}${tail}${q}` },
    { how: 'encoded slash', url: `/${api}%2F${area}${tail}${q}` },
    { how: 'double encoding', url: `/%2561${api!.slice(1)}/${area}${tail}${q}` },
    { how: 'upper case', url: `/${api!.toUpperCase()}/${area}${tail}${q}` },
    { how: 'dot segment', url: `/${api}/./${area}${tail}${q}` },
  ];
}

const protectedReads = [
  ...dashboards
    .filter((d) => d.name !== 'GET /health')
    .map((d) => ({ name: d.name, call: d.call })),
  {
    name: 'GET /docs/json',
    call: () => ({ method: 'GET' as const, url: '/api/docs/json' }),
  },
];

const isData = (res: { statusCode: number; headers: Record<string, unknown> }) =>
  res.statusCode === 200 && !String(res.headers['content-type']).includes('text/html');

describe('with PUBLIC_DASHBOARD=false, no spelling of an address reads a dashboard anonymously', () => {
  it.each(protectedReads)(
    '$name',
    async ({ call }) => {
      const { url } = await call('anonymous');
      for (const s of spellings(url)) {
        const signedIn = await ctx.app.inject({
          method: 'GET',
          url: s.url,
          headers: { cookie: reviewer.cookie },
        });
        const anonymous = await ctx.app.inject({ method: 'GET', url: s.url });
        const head = await ctx.app.inject({ method: 'HEAD', url: s.url });
        const label = `${s.how}: ${s.url}`;
        // the spellings the router decodes reach the handler (so the check below is not idle)
        if (s.routed) expect(isData(signedIn), `${label} ${signedIn.statusCode}`).toBe(true);
        if (isData(signedIn)) {
          expect(anonymous.statusCode, label).toBe(401);
          expect(anonymous.json().code, label).toBe('signInRequired');
          expect(head.statusCode, `HEAD ${label}`).toBe(401);
        } else {
          // not routed: the anonymous reader gets what a signed-in one gets, never data
          expect(isData(anonymous), label).toBe(false);
          expect(anonymous.statusCode, label).toBe(signedIn.statusCode);
        }
      }
    },
    120_000,
  );

  it('the health check and sign-in stay open in every spelling', async () => {
    for (const url of ['/api/health', '/%61pi/health', '/api/%68ealth', '/api/health/']) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    const session = await ctx.app.inject({ method: 'GET', url: '/%61pi/auth/session' });
    expect(session.statusCode).toBe(200);
    expect(session.json().user).toBeNull();
  });

  it('a session cookie is honoured on an encoded spelling too (the guard and the session agree)', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/%61pi/auth/session',
      headers: { cookie: reviewer.cookie },
    });
    expect(res.json().user.username).toBe(reviewer.username);
  });
});
