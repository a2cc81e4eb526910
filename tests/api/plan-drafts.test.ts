/**
 * Several people edit a plan's revision draft: what one saved is never overwritten silently by
 * another who read an older draft. The draft is read with an ETag; a save sends it in If-Match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext } from './helper.ts';

let ctx: TestContext;
let admin: Agent;
let editors: Agent[];
const SLUG = 'liaoning-2022-1';
const url = `/api/plans/${SLUG}/draft`;

beforeAll(async () => {
  ctx = await build();
  admin = await signIn(ctx, 'admin');
  editors = [await signIn(ctx, 'editor', '210000'), await signIn(ctx, 'editor', '210000')];
});
afterAll(async () => ctx?.close());

const put = (agent: Agent, note: string, ifMatch?: string) =>
  ctx.app.inject({
    method: 'PUT',
    url,
    headers: agent.headers(ifMatch ? { 'if-match': ifMatch } : {}),
    payload: planContent({ note }),
  });
const read = (agent: Agent | null) =>
  ctx.app.inject({ method: 'GET', url, headers: agent ? agent.headers() : {} });
const noteOf = async () =>
  (
    await ctx.db.planVersion.findFirstOrThrow({
      where: { plan: { slug: SLUG }, status: 'draft' },
    })
  ).note;

describe('editing a plan draft', () => {
  it('a second editor who read an older draft gets 409 with the current one, and overwrites nothing', async () => {
    const first = await put(admin, '管理员起草');
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);

    // both editors read the same draft
    const seen = await read(editors[0]!);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers.etag).toBe(etag);
    expect(seen.json().document.status).toBe('draft');

    const a = await put(editors[0]!, '编辑甲的修改', etag);
    expect(a.statusCode, a.body.slice(0, 300)).toBe(200);
    expect(a.headers.etag).not.toBe(etag);
    const b = await put(editors[1]!, '编辑乙的修改', etag);
    expect(b.statusCode).toBe(409);
    expect(b.headers['content-type']).toContain('application/problem+json');
    expect(b.json()).toMatchObject({ code: 'versionConflict', etag: a.headers.etag });
    expect(b.json().current.document).toMatchObject({ slug: SLUG, status: 'draft' });
    expect(await noteOf()).toBe('编辑甲的修改');
  });

  it('a save without If-Match while a draft exists is refused with 428 and the current draft', async () => {
    const res = await put(editors[1]!, '不带版本');
    expect(res.statusCode).toBe(428);
    expect(res.json().code).toBe('ifMatchRequired');
    expect(res.json().current.document.slug).toBe(SLUG);
    expect(await noteOf()).toBe('编辑甲的修改');
  });

  it('6 concurrent edits of the same draft: one 200, five 409, none 500', async () => {
    const etag = (await read(admin)).headers.etag as string;
    const agents = [admin, ...editors, admin, ...editors];
    const answers = await Promise.all(agents.map((a, i) => put(a, `并发修改 ${i}`, etag)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const winner = answers.findIndex((r) => r.statusCode === 200);
    expect(await noteOf()).toBe(`并发修改 ${winner}`);
    for (const r of answers.filter((x) => x.statusCode === 409))
      expect(r.json().etag).toBe(answers[winner]!.headers.etag);
  });

  it('the draft is not readable by anyone who may not edit or review it', async () => {
    expect((await read(null)).statusCode).toBe(404);
    const hunan = await signIn(ctx, 'editor', '430000');
    expect((await read(hunan)).statusCode).toBe(404);
    expect((await read(await signIn(ctx, 'reviewer'))).statusCode).toBe(200);
  });

  it('publishing with a stale ETag is refused; with the current one it publishes that draft', async () => {
    const publish = (ifMatch: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/plans/${SLUG}/publish`,
        headers: admin.headers({ 'if-match': ifMatch }),
      });
    const etag = (await read(admin)).headers.etag as string;
    expect((await publish('"1"')).statusCode).toBe(409);
    const ok = await publish(etag);
    expect(ok.statusCode, ok.body.slice(0, 300)).toBe(200);
    // the draft is gone: a save with its ETag is a conflict, not a new draft
    const late = await put(editors[0]!, '发布后迟到的修改', etag);
    expect(late.statusCode).toBe(409);
    expect(late.json().current).toBeNull();
  });
});

describe('a draft that breaks several rules', () => {
  it('gets one 422 listing every problem, each at its path in Chinese and English; nothing is saved', async () => {
    const before = await ctx.db.planVersion.count({ where: { plan: { slug: SLUG } } });
    const content = planContent({ startYear: 2025, endYear: 2023 });
    const targets = content.targets.map((t, i) =>
      i === 0 ? { ...t, scope: { regions: ['999999'] } } : t,
    );
    const current = await read(admin);
    const res = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: admin.headers(
        current.statusCode === 200 ? { 'if-match': String(current.headers.etag) } : {},
      ),
      payload: { ...content, targets },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().code).toBe('invalidPlan');
    const errors = res.json().errors as { path: string; zh: string; en: string }[];
    expect(errors.map((e) => e.path)).toEqual([
      '/body/document/endYear',
      '/body/targets/0/scope/regions/0',
    ]);
    for (const e of errors) expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await ctx.db.planVersion.count({ where: { plan: { slug: SLUG } } })).toBe(before);
  });
});
