/** The fuzz harness: a seeded PRNG, the case shape, the fixtures, sending and judging a case. */
import { expect } from 'vitest';
import { createUser } from '../../../server/modules/users/service.ts';
import { type Agent, signIn, type TestContext, validRows } from '../helper.ts';

/** mulberry32: a small seeded PRNG, so the generated cases are the same on every run */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
export type Rng = ReturnType<typeof prng>;

export interface FuzzCase {
  label: string;
  method: 'POST' | 'PUT' | 'PATCH';
  url: string;
  agent: Agent | null;
  /** a JSON value, or raw text with its content type (invalid JSON, wrong media types) */
  body?: unknown;
  raw?: { payload: string; contentType: string };
  headers?: () => Promise<Record<string, string>>;
  /** the error path expected among `errors[].path` (a prefix) */
  path: string;
  remoteAddress?: string;
}

export const LN = '210000';
export const DRAFT = '2024Q3'; // complete draft of 辽宁: PUT, submit, comments
export const SUBMITTED = '2024Q2'; // submitted report of 辽宁: return, accept
export const clone = <T>(v: T): T => structuredClone(v);
export const long = (n: number, ch = '长') => ch.repeat(n);

/** What the cases are sent as and refer to: made once by setUpFuzz, before any case is built. */
export interface Fixtures {
  ctx: TestContext;
  editor: Agent;
  reviewer: Agent;
  admin: Agent;
  baseRows: Awaited<ReturnType<typeof validRows>>;
  hunanRegion: string;
  patchedUserId: number;
  /** how many cases have been sent */
  sent: number;
}

/** The accounts, a complete draft of 辽宁 (DRAFT) and a submitted one (SUBMITTED). */
export async function setUpFuzz(ctx: TestContext): Promise<Fixtures> {
  const editor = await signIn(ctx, 'editor', LN);
  const reviewer = await signIn(ctx, 'reviewer');
  const admin = await signIn(ctx, 'admin');
  const baseRows = await validRows(ctx, LN);
  const hunanRegion = (
    await ctx.db.coordinatingRegion.findFirstOrThrow({ where: { provinceCode: '430000' } })
  ).code;
  const patchedUserId = (
    await createUser(
      ctx.db,
      {
        username: 'fuzz_patched',
        displayName: '待修改',
        password: 'a-long-password-1',
        role: 'editor',
        provinceCode: LN,
      },
      'system',
    )
  ).id;
  for (const period of [DRAFT, SUBMITTED]) {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${LN}/reports/${period}`,
      headers: editor.headers(),
      payload: { rows: baseRows },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const submit = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
    headers: editor.headers({ 'if-match': '"1"' }),
  });
  expect(submit.statusCode, submit.body).toBe(200);
  return { ctx, editor, reviewer, admin, baseRows, hunanRegion, patchedUserId, sent: 0 };
}

export const ifMatch = (fx: Fixtures, period: string) => async () => {
  const rep = await fx.ctx.db.report.findUniqueOrThrow({
    where: { provinceCode_period: { provinceCode: LN, period } },
  });
  return { 'if-match': `"${rep.version}"` };
};

/** Bodies that are wrong whatever the endpoint: not an object, not JSON, not a JSON media type. */
export function shapeless(
  url: string,
  method: FuzzCase['method'],
  agent: Agent | null,
  extra: Partial<FuzzCase> = {},
  opts: { nullAllowed?: boolean } = {},
): FuzzCase[] {
  const c = (label: string, more: Partial<FuzzCase>): FuzzCase => ({
    label,
    method,
    url,
    agent,
    path: '/body',
    ...extra,
    ...more,
  });
  return [
    ...(opts.nullAllowed ? [] : [c('null body', { body: null })]),
    c('an array instead of an object', { body: [{}] }),
    c('a number instead of an object', { body: 42 }),
    c('truncated JSON', { raw: { payload: '{"a": [', contentType: 'application/json' } }),
    c('JSON with single quotes', { raw: { payload: "{'a': 1}", contentType: 'application/json' } }),
    c('an empty JSON body', { raw: { payload: '', contentType: 'application/json' } }),
    c('XML', { raw: { payload: '<report><rows/></report>', contentType: 'application/xml' } }),
    c('a form post', {
      raw: { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    }),
    c('plain text', { raw: { payload: 'hello', contentType: 'text/plain' } }),
  ];
}

/** Row counts and checksums of every table a rejected request could have written to. */
export async function snapshot(ctx: TestContext) {
  const [row] = await ctx.db.$queryRaw<Record<string, unknown>[]>`
    SELECT
      (SELECT count(*) FROM report)::int AS reports,
      (SELECT count(*) FROM report_row)::int AS report_rows,
      (SELECT count(*) FROM report_comment)::int AS report_comments,
      (SELECT count(*) FROM app_user)::int AS users,
      (SELECT count(*) FROM session)::int AS sessions,
      (SELECT count(*) FROM region_event)::int AS region_events,
      (SELECT count(*) FROM plan)::int AS plans,
      (SELECT count(*) FROM plan_version)::int AS plan_versions,
      (SELECT count(*) FROM target)::int AS targets,
      (SELECT count(*) FROM audit_event)::int AS audit_events,
      (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) FROM report_row r) AS report_row_sum,
      (SELECT md5(coalesce(string_agg(concat_ws(',', r.id, r.status, r.version, r.updated_at), '|' ORDER BY r.id), '')) FROM report r) AS report_sum,
      (SELECT md5(coalesce(string_agg(concat_ws(',', u.id, u.username, u.display_name, u.role, u.province_code, u.active, u.password_hash), '|' ORDER BY u.id), '')) FROM app_user u) AS user_sum,
      (SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e.id), '')) FROM region_event e) AS region_event_sum`;
  return row!;
}

async function send(fx: Fixtures, c: FuzzCase) {
  fx.sent++;
  const payload = c.raw ? c.raw.payload : JSON.stringify(c.body);
  const contentType = c.raw ? c.raw.contentType : 'application/json';
  return fx.ctx.app.inject({
    method: c.method,
    url: c.url,
    payload,
    remoteAddress: c.remoteAddress,
    headers: {
      ...(c.agent?.headers() ?? {}),
      ...(c.headers ? await c.headers() : {}),
      'content-type': contentType,
    },
  });
}

/** What is wrong with the answer to a malformed body; null when it is a proper 4xx problem naming the field. */
export async function judge(fx: Fixtures, c: FuzzCase): Promise<string | null> {
  const res = await send(fx, c);
  const errors = (() => {
    try {
      return (res.json() as { errors?: { path?: unknown }[] }).errors;
    } catch {
      return undefined;
    }
  })();
  const paths = Array.isArray(errors)
    ? errors.map((e) => e?.path).filter((p): p is string => typeof p === 'string' && p.length > 0)
    : [];
  const what = `${c.label} → ${res.statusCode} ${JSON.stringify(paths.slice(0, 3))}`;
  if (res.statusCode < 400 || res.statusCode >= 500) return what;
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    return `${what} (content-type ${res.headers['content-type']})`;
  if (paths.length === 0) return `${what} (no field path)`;
  if (!paths.some((p) => p.startsWith(c.path))) return `${what} (expected ${c.path})`;
  return null;
}
