/**
 * The engine's answers are kept between reads (server/modules/results) and must never be stale:
 * after a save, a workflow step, a timeline correction or a plan publish, the next read shows
 * it — on this app instance and on a second one built on the same database, as behind a load
 * balancer.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type App, buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type Db } from '../../server/db/client.ts';
import { seedsDir } from '../../server/modules/reference/read-seeds.ts';
import { compactTrajectory, expandTrajectory } from '../../server/modules/trajectory/compact.ts';
import { provinceTrajectory } from '../../server/modules/trajectory/service.ts';
import { type Agent, build, signIn, type TestContext, validRows } from './helper.ts';

const HN = '430000';
let ctx: TestContext;
let second: { app: App; db: Db };
let editor: Agent;
let reviewer: Agent;
let admin: Agent;

beforeAll(async () => {
  ctx = await build();
  const db = createDb(ctx.url);
  second = { db, app: await buildApp({ db, config: loadConfig({ DATABASE_URL: ctx.url }) }) };
  await second.app.ready();
  editor = await signIn(ctx, 'editor', HN);
  reviewer = await signIn(ctx, 'reviewer');
  admin = await signIn(ctx, 'admin');
});
afterAll(async () => {
  await second.app.close();
  await second.db.$disconnect();
  await ctx.close();
});

const instances = () =>
  [
    ['first', ctx.app],
    ['second', second.app],
  ] as const;

const getJson = async (app: App, url: string) => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const hunanRow = async (app: App, period: string) =>
  (await getJson(app, `/api/comparison?period=${period}&dimension=institutions`)).rows.find(
    (r: { province: { code: string } }) => r.province.code === HN,
  );

const zhuzhou = async (app: App) =>
  expandTrajectory(
    await getJson(app, `/api/provinces/${HN}/trajectory?dimension=institutions&asOf=2022Q4`),
  ).series.find((s) => s.key === '430200')!;

async function write(app: App, method: 'PUT' | 'POST', url: string, agent: Agent, payload = {}) {
  const res = await app.inject({ method, url, headers: agent.headers(), payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

describe('kept answers follow every write, on every instance', () => {
  it('a save, a submit and an accept show at once in the comparison, the trajectory and the progress', async () => {
    // both instances have read (and kept) the quarter before anything was reported
    for (const [, app] of instances()) expect((await hunanRow(app, '2022Q4')).report).toBeNull();

    const rows = (await validRows(ctx, HN)).map((r) =>
      r.regionCode === '430200'
        ? { ...r, stage: 'notStarted' as const, method: null, coveredInstitutions: 0 }
        : r,
    );
    const url = `/api/provinces/${HN}/reports/2022Q4`;
    const saved = await write(ctx.app, 'PUT', url, editor, { rows });
    // a draft is the bureau's own: not yet in the figures, but the report state shows it
    for (const [, app] of instances())
      expect(await hunanRow(app, '2022Q4')).toMatchObject({ report: { status: 'draft' } });

    await ctx.app.inject({
      method: 'POST',
      url: `${url}/submit`,
      headers: editor.headers({ 'if-match': `"${saved.version}"` }),
    });
    // the province figure rolls up the regions its plan binds (湖南省本级 is left out)
    const { provinceScope } = await getJson(
      ctx.app,
      `/api/provinces/${HN}/trajectory?dimension=institutions`,
    );
    const covered = rows
      .filter((r) => provinceScope.regions.includes(r.regionCode))
      .reduce((s, r) => s + r.coveredInstitutions, 0);
    for (const [name, app] of instances()) {
      const row = await hunanRow(app, '2022Q4');
      expect(row.report, name).toMatchObject({ status: 'submitted' });
      expect(row.actual.numerator, name).toBe(String(covered));
      const progress = await getJson(app, `/api/provinces/${HN}/progress`);
      expect(progress.periods, name).toContain('2022Q4');
    }

    await second.app.inject({
      method: 'POST',
      url: `${url}/accept`,
      headers: reviewer.headers({ 'if-match': `"${saved.version + 1}"` }),
    });
    for (const [name, app] of instances())
      expect((await hunanRow(app, '2022Q4')).report, name).toMatchObject({ status: 'accepted' });
  });

  it("a timeline correction made on one instance changes the region's clock on the other", async () => {
    for (const [, app] of instances())
      expect((await zhuzhou(app)).nationalStatus.status).toBe('notYetDue');
    // the national ladder counts from actual payment: dated mid-2022, 40 % is owed at end-2022
    await write(second.app, 'POST', '/api/regions/430200/events', admin, {
      kind: 'actualPayment',
      occurredOn: '2022-06-30',
      precision: 'day',
      source: '株洲市医疗保障局通知（2022年6月30日）',
    });
    const fresh = JSON.parse(
      JSON.stringify(
        compactTrajectory(
          await provinceTrajectory(ctx.db, HN, { dimension: 'institutions', asOf: '2022Q4' }),
        ),
      ),
    );
    for (const [name, app] of instances()) {
      const z = await zhuzhou(app);
      expect(z.points.find((p) => p.period === '2022Q4')!.nationalOwed, name).toBe(40);
      expect(z.nationalStatus.status, name).not.toBe('notYetDue');
      // the kept answer is what the engine computes now, field for field
      expect(
        await getJson(app, `/api/provinces/${HN}/trajectory?dimension=institutions&asOf=2022Q4`),
        name,
      ).toEqual(fresh);
    }
  });

  it('a published plan revision is the one both instances judge by', async () => {
    const trajectoryPlan = async (app: App) =>
      (await getJson(app, `/api/provinces/${HN}/trajectory?dimension=fund`)).plan;
    for (const [, app] of instances())
      expect(await trajectoryPlan(app)).toMatchObject({ version: 1 });
    const seed = parse(await fs.readFile(path.join(seedsDir, 'plans/hunan-2021-75.yaml'), 'utf8'));
    await write(ctx.app, 'PUT', '/api/plans/hunan-2021-75/draft', admin, {
      document: { ...seed.document, number: '湘医保发〔2023〕9号' },
      cohorts: seed.cohorts,
      targets: seed.targets,
    });
    await write(ctx.app, 'POST', '/api/plans/hunan-2021-75/publish', admin);
    for (const [name, app] of instances())
      expect(await trajectoryPlan(app), name).toMatchObject({
        version: 2,
        documentNumber: '湘医保发〔2023〕9号',
      });
  });
});

describe('answers sized for what is drawn', () => {
  const url = `/api/provinces/${HN}/trajectory?dimension=institutions`;

  it('a client that has the answer gets 304 without a body, until a write changes it', async () => {
    const first = await ctx.app.inject({ method: 'GET', url });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await second.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const rows = await validRows(ctx, HN, 3);
    await write(ctx.app, 'PUT', `/api/provinces/${HN}/reports/2023Q1`, editor, { rows });
    const changed = await second.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('names each target once, and sends the answer compressed when the client accepts it', async () => {
    const plain = await ctx.app.inject({ method: 'GET', url });
    const wire = plain.json();
    const keys = wire.targets.map(
      (t: { planSlug: string; key: string; level: number; dueOn: string }) =>
        `${t.planSlug}|${t.key}|${t.level}|${t.dueOn}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    const zhuzhouPoints = wire.series.find((s: { key: string }) => s.key === '430200').points;
    expect(zhuzhouPoints.some((p: { targetsInForce: number[] }) => p.targetsInForce.length)).toBe(
      true,
    );
    for (const p of zhuzhouPoints)
      for (const i of p.targetsInForce) expect(wire.targets[i]).toBeDefined();

    const gz = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(wire);
  });
});

describe("a save's kept parts (the previous quarter, the regions) follow every write, on every instance", () => {
  const url = (period: string) => `/api/provinces/${HN}/reports/${period}`;
  type Report = {
    version: number;
    rows: { regionCode: string; regionNameZh: string }[];
    warnings: { code: string; path: string; en: string }[];
  };
  const save = async (app: App, period: string, rows: unknown[], version?: number) => {
    const headers = editor.headers(version === undefined ? {} : { 'if-match': `"${version}"` });
    const res = await app.inject({ method: 'PUT', url: url(period), headers, payload: { rows } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const step = async (app: App, agent: Agent, period: string, action: string, version: number) => {
    const res = await app.inject({
      method: 'POST',
      url: `${url(period)}/${action}`,
      headers: agent.headers({ 'if-match': `"${version}"` }),
      payload: action === 'return' ? { comment: '请核实付费机构数' } : {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  /** the rows whose covered institutions fell from the previous quarter, by their message */
  const fell = (report: Report) =>
    report.warnings
      .filter((w) => w.code === 'cumulativeFell' && w.path.endsWith('/coveredInstitutions'))
      .map((w) => w.en);

  it('a save answers with the previous quarter and the regions as they are now, whichever instance changed them', async () => {
    const covered = async (n: number) =>
      (await validRows(ctx, HN)).map((r) => ({ ...r, coveredInstitutions: n }));
    const q2 = await covered(50);
    // 2024Q1 reported through the second instance
    let one = await save(second.app, '2024Q1', await covered(60));
    one = await step(second.app, editor, '2024Q1', 'submit', one.version);
    // the first instance saves 2024Q2 twice: the second save's read keeps 2024Q1 and the regions
    let two = await save(ctx.app, '2024Q2', q2);
    two = await save(ctx.app, '2024Q2', q2, two.version);
    expect(fell(two)).toHaveLength(q2.length);
    expect(fell(two)[0]).toContain('(60 → 50)');

    // returned on the second instance, 2024Q1 is no longer reported: nothing to compare with
    one = await step(second.app, reviewer, '2024Q1', 'return', one.version);
    two = await save(ctx.app, '2024Q2', q2, two.version);
    expect(fell(two)).toEqual([]);

    // corrected to 55 and submitted again there: compared with 55, not the 60 read before
    one = await save(second.app, '2024Q1', await covered(55), one.version);
    one = await step(second.app, editor, '2024Q1', 'submit', one.version);
    two = await save(ctx.app, '2024Q2', q2, two.version);
    expect(fell(two)).toHaveLength(q2.length);
    expect(fell(two)[0]).toContain('(55 → 50)');

    // the register renames a region (as the reference loader does: the change and the `*`
    // version bumped in one transaction): the next save's rows carry the new name
    const { bumpDataVersion } = await import('../../server/modules/results/versions.ts');
    await ctx.db.$transaction(async (tx) => {
      await tx.coordinatingRegion.update({
        where: { code: '430200' },
        data: { nameZh: '株洲市（新）' },
      });
      await bumpDataVersion(tx, null);
    });
    two = await save(ctx.app, '2024Q2', q2, two.version);
    expect(two.rows.find((r) => r.regionCode === '430200')!.regionNameZh).toBe('株洲市（新）');
  });
});
