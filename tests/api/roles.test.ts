/**
 * The role matrix: for every endpoint, who may call it and who gets 401 (not signed in),
 * 403 (signed in, not allowed) or 404 (a draft they may not see). Actors: anonymous, an
 * editor of 辽宁 (210000), an editor of 湖南 (430000, another province), a national reviewer,
 * an admin and an auditor (who reads the audit trail and nothing beyond the public pages). Every call is set up so that only the actor decides the answer: a valid
 * body, the current If-Match, a report in the state the action needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { planContent } from './fixtures/requests.ts';
import { build, type TestContext } from './helper.ts';
import { ownAccountEndpoints } from './roles/endpoints-own.ts';
import { dashboards, readEndpoints } from './roles/endpoints-read.ts';
import { writeEndpoints } from './roles/endpoints-write.ts';
import { ACTORS, type Actor, DRAFT, type Endpoint, LN } from './roles/matrix.ts';
import { draftIfMatch, type Roles, send, setUpRoles } from './roles/setup.ts';

let ctx: TestContext;
let roles: Roles;

const endpoints: Endpoint[] = [
  ...dashboards,
  ...readEndpoints,
  ...writeEndpoints(() => roles),
  ...ownAccountEndpoints(() => roles),
];

beforeAll(async () => {
  ctx = await build();
  roles = await setUpRoles(ctx);
});
afterAll(async () => ctx?.close());

describe('the role matrix', () => {
  const cases = endpoints.flatMap((e) =>
    ACTORS.map((actor) => ({ name: e.name, actor, status: e.expect[actor], endpoint: e })),
  );

  // sign-in and sign-out are tested in sessions.test.ts and csrf.test.ts
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
    const res = await send(roles, actor, await endpoint.call(actor));
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
    ['auditor', false],
  ] as const)("the report list shows 辽宁's draft to %s: %s", async (actor, sees) => {
    const res = await send(roles, actor, {
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
      const res = await send(roles, actor, {
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
    const draft = await send(roles, 'editorLN', {
      method: 'PUT',
      url: '/api/plans/liaoning-2022-1/draft',
      headers: await draftIfMatch(roles.ctx, 'liaoning-2022-1'),
      payload: planContent({ note: '草稿' }),
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const statuses = async (actor: Actor) =>
      (await send(roles, actor, { method: 'GET', url: '/api/plans/liaoning-2022-1/versions' }))
        .json()
        .map((v: { status: string }) => v.status);
    expect(await statuses('anonymous')).not.toContain('draft');
    expect(await statuses('editorHN')).not.toContain('draft');
    expect(await statuses('editorLN')).toContain('draft');
    expect(await statuses('admin')).toContain('draft');
  });
});
