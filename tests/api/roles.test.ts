/**
 * The role matrix: for every endpoint, who may call it and who gets 401 (not signed in),
 * 403 (signed in, not allowed) or 404 (a draft they may not see). Actors: anonymous, an
 * editor of 辽宁 (210000), an editor of 湖南 (430000, another province), a national reviewer
 * and an admin. Every call is set up so that only the actor decides the answer: a valid
 * body, the current If-Match, a report in the state the action needs.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { createUser } from '../../server/modules/users/service.ts';
import { multipartFile, planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

type Actor = 'anonymous' | 'editorLN' | 'editorHN' | 'reviewer' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'editorLN', 'editorHN', 'reviewer', 'admin'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Call {
  method: Method;
  url: string;
  payload?: string | object | Buffer;
  headers?: Record<string, string>;
}

interface Endpoint {
  name: string;
  /** the route as the OpenAPI document lists it, e.g. "PUT /api/plans/{slug}/draft" */
  route: string;
  expect: Record<Actor, number>;
  /** prepares what the call needs (run once per actor, just before the call) and returns it */
  call: (actor: Actor) => Promise<Call> | Call;
}

const LN = '210000';
const HN = '430000';
const DRAFT = '2024Q3'; // a draft of each province, made by its own editor
const SUBMITTED = '2024Q2'; // a submitted report of 辽宁

const everyone = (status: number): Record<Actor, number> => ({
  anonymous: status,
  editorLN: status,
  editorHN: status,
  reviewer: status,
  admin: status,
});
const only = (who: Actor[], status: number): Record<Actor, number> => ({
  anonymous: who.includes('anonymous') ? status : 401,
  editorLN: who.includes('editorLN') ? status : 403,
  editorHN: who.includes('editorHN') ? status : 403,
  reviewer: who.includes('reviewer') ? status : 403,
  admin: who.includes('admin') ? status : 403,
});
/** drafts are invisible (404) to anyone who may not read them */
const draftReaders = (editor: 'editorLN' | 'editorHN'): Record<Actor, number> => ({
  anonymous: 404,
  editorLN: editor === 'editorLN' ? 200 : 404,
  editorHN: editor === 'editorHN' ? 200 : 404,
  reviewer: 200,
  admin: 200,
});

let ctx: TestContext;
let agents: Record<Exclude<Actor, 'anonymous'>, Agent>;

function send(actor: Actor, call: Call, app = ctx.app) {
  const auth = actor === 'anonymous' ? {} : agents[actor].headers();
  return app.inject({
    method: call.method,
    url: call.url,
    payload: call.payload,
    headers: { ...auth, ...call.headers },
  });
}

async function currentVersion(
  c: TestContext,
  code: string,
  period: string,
): Promise<number | null> {
  const rep = await c.db.report.findUnique({
    where: { provinceCode_period: { provinceCode: code, period } },
  });
  return rep?.version ?? null;
}

/** Saves a complete quarter through the API as the province's own editor. */
async function saveReport(c: TestContext, editor: Agent, code: string, period: string) {
  const version = await currentVersion(c, code, period);
  const res = await c.app.inject({
    method: 'PUT',
    url: `/api/provinces/${code}/reports/${period}`,
    headers: editor.headers(version === null ? {} : { 'if-match': `"${version}"` }),
    payload: { rows: await validRows(c, code) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { version: number };
}

/** A complete 辽宁 report for `period` in `status` (state set directly: the matrix tests who may act, not how it got there). */
async function reportIn(period: string, status: 'draft' | 'submitted'): Promise<number> {
  if ((await currentVersion(ctx, LN, period)) === null)
    await saveReport(ctx, agents.editorLN, LN, period);
  const rep = await ctx.db.report.update({
    where: { provinceCode_period: { provinceCode: LN, period } },
    data: { status },
  });
  return rep.version;
}

async function filledCsv(code: string): Promise<Buffer> {
  const rows = await validRows(ctx, code);
  const data = [
    TEMPLATE_COLUMNS.map((c) => c.header),
    ...rows.map((r) =>
      TEMPLATE_COLUMNS.map((c) => String((r as Record<string, unknown>)[c.key] ?? '')),
    ),
  ];
  return Buffer.from(`\uFEFF${Papa.unparse(data, { newline: '\r\n' })}`, 'utf8');
}

let usernameCounter = 0;
let noPlanProvinces = ['110000', '120000', '130000', '140000', '220000'];

const dashboards: Endpoint[] = [
  {
    name: 'GET /health',
    route: 'GET /api/health',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/health' }),
  },
  {
    name: 'GET /provinces',
    route: 'GET /api/provinces',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/provinces' }),
  },
  {
    name: 'GET /provinces/:code/regions',
    route: 'GET /api/provinces/{code}/regions',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/regions` }),
  },
  {
    name: 'GET /provinces/:code/plan',
    route: 'GET /api/provinces/{code}/plan',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/plan` }),
  },
  {
    name: 'GET /plans/national',
    route: 'GET /api/plans/national',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/national' }),
  },
  {
    name: 'GET /plans/:slug/versions',
    route: 'GET /api/plans/{slug}/versions',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/versions' }),
  },
  {
    name: 'GET /plans/:slug/history',
    route: 'GET /api/plans/{slug}/history',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/history' }),
  },
  {
    name: 'GET /plans/:slug/ambition',
    route: 'GET /api/plans/{slug}/ambition',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/plans/liaoning-2022-1/ambition' }),
  },
  {
    name: 'GET /provinces/:code/progress',
    route: 'GET /api/provinces/{code}/progress',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/progress` }),
  },
  {
    name: 'GET /provinces/:code/progress?format=csv',
    route: 'GET /api/provinces/{code}/progress',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/progress?format=csv` }),
  },
  {
    name: 'GET /provinces/:code/trajectory',
    route: 'GET /api/provinces/{code}/trajectory',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/trajectory?dimension=institutions` }),
  },
  {
    name: 'GET /comparison',
    route: 'GET /api/comparison',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/comparison?period=${SUBMITTED}` }),
  },
  {
    name: 'GET /comparison?format=csv',
    route: 'GET /api/comparison',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/comparison?period=${SUBMITTED}&format=csv` }),
  },
  {
    name: 'GET /completeness',
    route: 'GET /api/completeness',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/completeness?period=${SUBMITTED}` }),
  },
  {
    name: 'GET /provinces/:code/timeline',
    route: 'GET /api/provinces/{code}/timeline',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/timeline` }),
  },
  {
    name: 'GET /reports',
    route: 'GET /api/reports',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/reports' }),
  },
  {
    name: 'GET a submitted report',
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${SUBMITTED}` }),
  },
  {
    name: 'GET the history of a submitted report',
    route: 'GET /api/provinces/{code}/reports/{period}/history',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${SUBMITTED}/history` }),
  },
  {
    name: 'GET the quarterly template',
    route: 'GET /api/provinces/{code}/reports/{period}/template',
    expect: everyone(200),
    call: () => ({
      method: 'GET',
      url: `/api/provinces/${LN}/reports/${DRAFT}/template?format=csv`,
    }),
  },
];

const endpoints: Endpoint[] = [
  ...dashboards,
  {
    name: 'GET /auth/session',
    route: 'GET /api/auth/session',
    expect: everyone(200),
    call: () => ({ method: 'GET', url: '/api/auth/session' }),
  },

  // drafts: readable by the province's editors, reviewers and admins only
  {
    name: "GET 辽宁's draft report",
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: draftReaders('editorLN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${DRAFT}` }),
  },
  {
    name: "GET the history of 辽宁's draft",
    route: 'GET /api/provinces/{code}/reports/{period}/history',
    expect: draftReaders('editorLN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${LN}/reports/${DRAFT}/history` }),
  },
  {
    name: "GET 湖南's draft report",
    route: 'GET /api/provinces/{code}/reports/{period}',
    expect: draftReaders('editorHN'),
    call: () => ({ method: 'GET', url: `/api/provinces/${HN}/reports/${DRAFT}` }),
  },

  // quarterly reports: only the province's own editors enter and submit; reviewers accept and return
  {
    name: "PUT 辽宁's draft report",
    route: 'PUT /api/provinces/{code}/reports/{period}',
    expect: only(['editorLN'], 200),
    call: async () => ({
      method: 'PUT',
      url: `/api/provinces/${LN}/reports/${DRAFT}`,
      headers: { 'if-match': `"${await currentVersion(ctx, LN, DRAFT)}"` },
      payload: { rows: await validRows(ctx, LN, 2) },
    }),
  },
  {
    name: "PUT 湖南's draft report",
    route: 'PUT /api/provinces/{code}/reports/{period}',
    expect: only(['editorHN'], 200),
    call: async () => ({
      method: 'PUT',
      url: `/api/provinces/${HN}/reports/${DRAFT}`,
      headers: { 'if-match': `"${await currentVersion(ctx, HN, DRAFT)}"` },
      payload: { rows: await validRows(ctx, HN, 2) },
    }),
  },
  {
    name: 'POST …/submit',
    route: 'POST /api/provinces/{code}/reports/{period}/submit',
    expect: only(['editorLN'], 200),
    call: async () => ({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/2023Q1/submit`,
      headers: { 'if-match': `"${await reportIn('2023Q1', 'draft')}"` },
    }),
  },
  {
    name: 'POST …/return',
    route: 'POST /api/provinces/{code}/reports/{period}/return',
    expect: only(['reviewer'], 200),
    call: async () => ({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/2023Q2/return`,
      headers: { 'if-match': `"${await reportIn('2023Q2', 'submitted')}"` },
      payload: { comment: '请核对沈阳市的入组病例数' },
    }),
  },
  {
    name: 'POST …/accept',
    route: 'POST /api/provinces/{code}/reports/{period}/accept',
    expect: only(['reviewer'], 200),
    call: async () => ({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/2023Q3/accept`,
      headers: { 'if-match': `"${await reportIn('2023Q3', 'submitted')}"` },
    }),
  },
  {
    name: 'POST …/comments',
    route: 'POST /api/provinces/{code}/reports/{period}/comments',
    expect: { ...only(['editorLN', 'reviewer'], 200) },
    call: () => ({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/${DRAFT}/comments`,
      payload: { body: '大连市数据已复核' },
    }),
  },
  {
    name: 'POST …/import',
    route: 'POST /api/provinces/{code}/reports/{period}/import',
    expect: only(['editorLN'], 200),
    call: async () => {
      await ctx.db.report.deleteMany({ where: { provinceCode: LN, period: '2023Q4' } });
      const upload = multipartFile('辽宁_2023Q4.csv', await filledCsv(LN), 'text/csv');
      return {
        method: 'POST',
        url: `/api/provinces/${LN}/reports/2023Q4/import`,
        payload: upload.payload,
        headers: upload.headers,
      };
    },
  },

  // accounts: admins only
  {
    name: 'GET /users',
    route: 'GET /api/users',
    expect: only(['admin'], 200),
    call: () => ({ method: 'GET', url: '/api/users' }),
  },
  {
    name: 'POST /users',
    route: 'POST /api/users',
    expect: only(['admin'], 201),
    call: () => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `new_reviewer_${++usernameCounter}`,
        displayName: '新审核员',
        password: 'a-long-password-1',
        role: 'reviewer',
      },
    }),
  },
  {
    name: 'PATCH /users/:id',
    route: 'PATCH /api/users/{id}',
    expect: only(['admin'], 200),
    call: async () => {
      const u = await createUser(
        ctx.db,
        {
          username: `patched_${++usernameCounter}`,
          displayName: '待修改',
          password: 'a-long-password-1',
          role: 'editor',
          provinceCode: LN,
        },
        'system',
      );
      return { method: 'PATCH', url: `/api/users/${u.id}`, payload: { displayName: '已修改' } };
    },
  },

  // region timelines: admins correct them, with a source
  {
    name: 'POST /regions/:code/events',
    route: 'POST /api/regions/{code}/events',
    expect: only(['admin'], 201),
    call: () => ({
      method: 'POST',
      url: '/api/regions/210500/events',
      payload: {
        kind: 'launch',
        occurredOn: '2022-06-30',
        precision: 'day',
        source: '鞍山市医保局通知 2022-06-30',
      },
    }),
  },
  {
    name: 'DELETE /regions/:code/events/:id',
    route: 'DELETE /api/regions/{code}/events/{id}',
    expect: only(['admin'], 204),
    call: async () => {
      const region = await ctx.db.coordinatingRegion.findUniqueOrThrow({
        where: { code: '210900' },
      });
      const e = await ctx.db.regionEvent.create({
        data: {
          regionId: region.id,
          kind: 'simulatedPayment',
          occurredOn: new Date('2022-09-30T00:00:00Z'),
          precision: 'day',
          source: '阜新市模拟付费通知',
        },
      });
      return { method: 'DELETE', url: `/api/regions/210900/events/${e.id}` };
    },
  },

  // plans: admins manage every plan; a province's editors draft their own
  {
    name: 'PUT /plans/:slug/draft',
    route: 'PUT /api/plans/{slug}/draft',
    expect: only(['editorLN', 'admin'], 200),
    call: () => ({
      method: 'PUT',
      url: '/api/plans/liaoning-2022-1/draft',
      payload: planContent({ note: '修订' }),
    }),
  },
  {
    name: 'POST /plans/:slug/publish',
    route: 'POST /api/plans/{slug}/publish',
    expect: only(['admin'], 200),
    call: async () => {
      const res = await send('admin', {
        method: 'PUT',
        url: '/api/plans/hunan-2021-75/draft',
        payload: planContent({ note: '待发布' }),
      });
      expect(res.statusCode, res.body).toBe(200);
      return { method: 'POST', url: '/api/plans/hunan-2021-75/publish' };
    },
  },
  {
    name: 'POST /provinces/:code/plans (a province without a plan)',
    route: 'POST /api/provinces/{code}/plans',
    expect: only(['admin'], 201),
    call: () => {
      const code = noPlanProvinces[0]!;
      noPlanProvinces = noPlanProvinces.slice(1);
      return {
        method: 'POST',
        url: `/api/provinces/${code}/plans`,
        payload: { ...planContent(), slug: `plan-${code}` },
      };
    },
  },
];

beforeAll(async () => {
  ctx = await build();
  agents = {
    editorLN: await signIn(ctx, 'editor', LN),
    editorHN: await signIn(ctx, 'editor', HN),
    reviewer: await signIn(ctx, 'reviewer'),
    admin: await signIn(ctx, 'admin'),
  };
  await saveReport(ctx, agents.editorLN, LN, DRAFT);
  await saveReport(ctx, agents.editorHN, HN, DRAFT);
  const submitted = await saveReport(ctx, agents.editorLN, LN, SUBMITTED);
  const res = await send('editorLN', {
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${SUBMITTED}/submit`,
    headers: { 'if-match': `"${submitted.version}"` },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => ctx?.close());

describe('the role matrix', () => {
  const cases = endpoints.flatMap((e) =>
    ACTORS.map((actor) => ({ name: e.name, actor, status: e.expect[actor], endpoint: e })),
  );

  it('covers every route the API registers, except sign-in and sign-out (tested below)', () => {
    const spec = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tested = new Set([
      ...endpoints.map((e) => e.route),
      'POST /api/auth/sign-in',
      'POST /api/auth/sign-out',
    ]);
    expect(registered.filter((r) => !tested.has(r))).toEqual([]);
    expect([...tested].filter((r) => !registered.includes(r))).toEqual([]);
  });

  it.each(cases)('$name: $actor gets $status', async ({ actor, status, endpoint }) => {
    const res = await send(actor, await endpoint.call(actor));
    expect(res.statusCode, `${endpoint.name} as ${actor}: ${res.body.slice(0, 300)}`).toBe(status);
    if (status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe(
        { 401: 'signInRequired', 403: 'forbidden', 404: 'notFound' }[status],
      );
    }
  });
});

describe('drafts stay invisible to those who may not read them', () => {
  it.each([
    ['anonymous', false],
    ['editorHN', false],
    ['editorLN', true],
    ['reviewer', true],
    ['admin', true],
  ] as const)("the report list shows 辽宁's draft to %s: %s", async (actor, sees) => {
    const res = await send(actor, {
      method: 'GET',
      url: `/api/reports?province=${LN}&period=${DRAFT}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((r: { status: string }) => r.status)).toEqual(sees ? ['draft'] : []);
  });

  it.each([
    ['anonymous', false],
    ['editorHN', false],
    ['editorLN', true],
  ] as const)(
    'the template downloaded by %s is prefilled with the draft figures: %s',
    async (actor, prefilled) => {
      const res = await send(actor, {
        method: 'GET',
        url: `/api/provinces/${LN}/reports/${DRAFT}/template?format=csv`,
      });
      expect(res.statusCode).toBe(200);
      const firstRow = res.body
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1]!
        .split(',');
      const eligible =
        firstRow[TEMPLATE_COLUMNS.findIndex((c) => c.key === 'eligibleInstitutions')];
      expect(eligible !== '').toBe(prefilled);
    },
  );

  it("a plan's draft version is listed only for those who may edit or review it", async () => {
    const draft = await send('editorLN', {
      method: 'PUT',
      url: '/api/plans/liaoning-2022-1/draft',
      payload: planContent({ note: '草稿' }),
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const statuses = async (actor: Actor) =>
      (await send(actor, { method: 'GET', url: '/api/plans/liaoning-2022-1/versions' }))
        .json()
        .map((v: { status: string }) => v.status);
    expect(await statuses('anonymous')).not.toContain('draft');
    expect(await statuses('editorHN')).not.toContain('draft');
    expect(await statuses('editorLN')).toContain('draft');
    expect(await statuses('admin')).toContain('draft');
  });
});

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
        headers: { 'if-match': `"${await reportIn('2022Q4', 'draft')}"` },
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
        headers: { ...c.headers, ...headers(agents[actor]) },
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

describe('sessions', () => {
  it('sign-in is rate limited: the 11th attempt in a minute from one address gets 429, another address still gets in', async () => {
    const user = await createUser(
      ctx.db,
      {
        username: 'rate_limited',
        displayName: 'x',
        password: 'the-right-password',
        role: 'reviewer',
      },
      'system',
    );
    const attempt = (password: string, remoteAddress: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress,
        payload: { username: user.username, password },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await attempt(`wrong-${i}`, '203.0.113.7')).statusCode);
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await attempt('the-right-password', '203.0.113.7');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(eleventh.headers['set-cookie']).toBeUndefined();
    expect((await attempt('the-right-password', '203.0.113.8')).statusCode).toBe(200);
  });

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
    expect(session.json()).toEqual({ user: null, csrfToken: null });
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
    const res = await send('editorLN', { method: 'GET', url: '/api/auth/session' });
    expect(res.json()).toMatchObject({
      user: { username: agents.editorLN.username, role: 'editor', provinceCode: LN },
      csrfToken: agents.editorLN.csrf,
    });
  });
});

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
