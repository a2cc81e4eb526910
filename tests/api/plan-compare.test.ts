/**
 * An admin revises a plan from the browser: starts a draft from the version in force (its
 * content as the revision body), changes one level, drops one target, adds one, reads what
 * the draft changes against the version in force, and publishes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, build, signIn, type TestContext } from './helper.ts';

let ctx: TestContext;
let admin: Agent;
const SLUG = 'liaoning-2022-1';

beforeAll(async () => {
  ctx = await build();
  admin = await signIn(ctx, 'admin');
});
afterAll(async () => ctx?.close());

const get = (url: string, as: Agent | null = admin) =>
  ctx.app.inject({ method: 'GET', url, headers: as ? as.headers() : {} });

describe('revising a plan against the version in force', () => {
  it('a draft made from the content in force changes nothing; each edit shows as a field change', async () => {
    const content = await get(`/api/plans/${SLUG}/content`);
    expect(content.statusCode, content.body.slice(0, 300)).toBe(200);
    const { published, draft } = content.json();
    expect(draft).toBeNull();
    expect(published.version).toBe(1);

    const same = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${SLUG}/draft`,
      headers: admin.headers(),
      payload: published.content,
    });
    expect(same.statusCode, same.body.slice(0, 500)).toBe(200);
    const unchanged = (await get(`/api/plans/${SLUG}/compare`)).json();
    expect(unchanged).toMatchObject({ inForce: { version: 1 }, draft: { version: 2 } });
    expect(unchanged.targets).toEqual([]);
    expect(unchanged.document).toEqual([]);
    expect(unchanged.unchanged).toBe(published.content.targets.length);

    const edited = structuredClone(published.content);
    const other = edited.targets.find(
      (t: { key: string }) => t.key === 'ln-other-institutions-2024',
    );
    other.minPct = 85;
    edited.targets = edited.targets.filter(
      (t: { key: string }) => t.key !== 'ln-institutions-2024',
    );
    edited.targets.push({
      key: 'ln-fund-2025',
      kind: 'calendarLevel',
      dimension: 'fund',
      scope: 'province',
      appliesTo: 'aggregate',
      minPct: 75,
      dueOn: '2025-12-31',
      soft: false,
      clause: { ref: '修订 一', line: null, quote: '2025年底前基金支出占比达到75%' },
    });
    edited.document.endYear = 2025;
    edited.note = '2025 年修订';
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${SLUG}/draft`,
      headers: admin.headers({ 'if-match': same.headers.etag as string }),
      payload: edited,
    });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(200);

    const diff = (await get(`/api/plans/${SLUG}/compare`)).json();
    expect(diff.document).toContainEqual({
      field: 'document.endYear',
      before: String(published.content.document.endYear),
      after: '2025',
    });
    const byKey = Object.fromEntries(diff.targets.map((t: { key: string }) => [t.key, t]));
    expect(byKey['ln-other-institutions-2024']).toMatchObject({
      change: 'changed',
      dimension: 'institutions',
      fields: [{ field: 'minPct', before: '100', after: '85' }],
    });
    expect(byKey['ln-institutions-2024'].change).toBe('removed');
    expect(byKey['ln-fund-2025']).toMatchObject({ change: 'added', clauseRef: '修订 一' });
    expect(byKey['ln-fund-2025'].fields).toContainEqual({
      field: 'minPct',
      before: null,
      after: '75',
    });
    expect(diff.targets).toHaveLength(3);

    // the draft's content, with its ETag, for the next edit
    const again = await get(`/api/plans/${SLUG}/content`);
    expect(again.headers.etag).toBe(saved.headers.etag);
    expect(again.json().draft.content.note).toBe('2025 年修订');

    const published2 = await ctx.app.inject({
      method: 'POST',
      url: `/api/plans/${SLUG}/publish`,
      headers: admin.headers({ 'if-match': saved.headers.etag as string }),
    });
    expect(published2.statusCode, published2.body).toBe(200);
    const plan = (await get('/api/provinces/210000/plan', null)).json();
    expect(plan.document.version).toBe(2);
    expect(plan.targets.some((t: { key: string }) => t.key === 'ln-fund-2025')).toBe(true);
    expect((await get(`/api/plans/${SLUG}/compare`)).statusCode).toBe(404);
  });

  it("a draft's content and comparison stay hidden from readers who may not see drafts", async () => {
    const created = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/hunan-2021-75/draft',
      headers: admin.headers(),
      payload: (await get('/api/plans/hunan-2021-75/content')).json().published.content,
    });
    expect(created.statusCode).toBe(200);
    const anonymous = await get('/api/plans/hunan-2021-75/content', null);
    expect(anonymous.json().draft).toBeNull();
    expect(anonymous.headers.etag).toBeUndefined();
    const otherEditor = await signIn(ctx, 'editor', '210000');
    expect((await get('/api/plans/hunan-2021-75/compare', otherEditor)).statusCode).toBe(404);
  });
});
