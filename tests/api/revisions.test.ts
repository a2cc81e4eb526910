import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seedsDir } from '../../server/modules/reference/read-seeds.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
let admin: Agent;
let editor: Agent;

beforeAll(async () => {
  ctx = await build();
  admin = await signIn(ctx, 'admin');
  editor = await signIn(ctx, 'editor', '430000');
});
afterAll(async () => ctx.close());

const get = (url: string, agent?: Agent) =>
  ctx.app.inject({ method: 'GET', url, headers: agent?.headers() });

describe('revising a plan', () => {
  it('keeps the version in force until the revision is published, and the charts say which version they used', async () => {
    const seed = parse(await fs.readFile(path.join(seedsDir, 'plans/hunan-2021-75.yaml'), 'utf8'));
    const content = {
      document: { ...seed.document, number: '湘医保发〔2023〕9号' },
      cohorts: seed.cohorts,
      targets: seed.targets,
      note: '2023 年修订',
    };
    const draft = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/hunan-2021-75/draft',
      headers: editor.headers(),
      payload: content,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ version: 2, status: 'draft' });

    // the public plan and the charts still use version 1
    expect((await get('/api/provinces/430000/plan')).json().document).toMatchObject({
      version: 1,
      number: '湘医保发〔2021〕75号',
    });
    expect((await get('/api/provinces/430000/trajectory?dimension=fund')).json().plan.version).toBe(
      1,
    );

    // an editor cannot publish; an admin can
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/plans/hunan-2021-75/publish',
          headers: editor.headers(),
        })
      ).statusCode,
    ).toBe(403);
    const published = await ctx.app.inject({
      method: 'POST',
      url: '/api/plans/hunan-2021-75/publish',
      headers: admin.headers(),
    });
    expect(published.json()).toMatchObject({ version: 2, status: 'published' });

    const versions = (await get('/api/plans/hunan-2021-75/versions', admin)).json();
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual(
      [
        [1, 'superseded'],
        [2, 'published'],
      ],
    );
    const t = (await get('/api/provinces/430000/trajectory?dimension=fund')).json();
    expect(t.plan).toMatchObject({ version: 2, documentNumber: '湘医保发〔2023〕9号' });

    const history = (await get('/api/plans/hunan-2021-75/history', admin)).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'plan.seed',
      'plan.draft',
      'plan.publish',
    ]);
    expect(history[1].actor).toBe(editor.username);
  });
});

describe("correcting a region's timeline", () => {
  it('an admin dates the start of actual payment with its source, and the region is then judged on that clock', async () => {
    // 株洲 reports "not started" at 2022Q4 — so under the national plan it owes nothing yet
    const reporter = await signIn(ctx, 'editor', '430000');
    const rows = (await validRows(ctx, '430000')).map((r) =>
      r.regionCode === '430200'
        ? { ...r, stage: 'notStarted' as const, method: null, coveredInstitutions: 0 }
        : r,
    );
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/430000/reports/2022Q4',
      headers: reporter.headers(),
      payload: { rows },
    });
    await ctx.app.inject({
      method: 'POST',
      url: '/api/provinces/430000/reports/2022Q4/submit',
      headers: reporter.headers({ 'if-match': `"${saved.json().version}"` }),
    });
    const before = (
      await get('/api/provinces/430000/trajectory?dimension=institutions&asOf=2022Q4')
    ).json();
    const zhuzhou = (t: {
      series: {
        key: string;
        points: { period: string; nationalOwed: number }[];
        nationalStatus: { status: string };
      }[];
    }) => t.series.find((s) => s.key === '430200')!;
    expect(zhuzhou(before).nationalStatus.status).toBe('notYetDue');

    // a source says it paid by DRG from mid-2022: an admin records it (the national ladders
    // count from the year of actual payment — 启动…并实际付费, seeds/README.md)
    const noSource = await ctx.app.inject({
      method: 'POST',
      url: '/api/regions/430200/events',
      headers: admin.headers(),
      payload: { kind: 'actualPayment', occurredOn: '2022-06-30', precision: 'day' },
    });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().errors[0].path).toBe('/body/source');
    const corrected = await ctx.app.inject({
      method: 'POST',
      url: '/api/regions/430200/events',
      headers: admin.headers(),
      payload: {
        kind: 'actualPayment',
        occurredOn: '2022-06-30',
        precision: 'day',
        source: '株洲市医疗保障局通知（2022年6月30日）',
      },
    });
    expect(corrected.statusCode).toBe(201);

    const after = (
      await get('/api/provinces/430000/trajectory?dimension=institutions&asOf=2022Q4')
    ).json();
    expect(zhuzhou(after).points.find((p) => p.period === '2022Q4')!.nationalOwed).toBe(40);
    expect(zhuzhou(after).nationalStatus.status).not.toBe('notYetDue');
    const timeline = (await get('/api/provinces/430000/timeline'))
      .json()
      .find((r: { region: { code: string } }) => r.region.code === '430200');
    expect(timeline.effective.actualPayment).toBe('2022-06-30');
    expect(timeline.fromReports.actualPayment).toBeNull();
    expect(timeline.corrections.at(-1)).toMatchObject({
      source: '株洲市医疗保障局通知（2022年6月30日）',
      // read anonymously: the role, not the admin's account (visibility.ts)
      by: 'admin',
    });
  });
});
