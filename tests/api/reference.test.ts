import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadDemo } from '../../server/modules/demo/load.ts';
import { loadReferenceData } from '../../server/modules/reference/load.ts';
import { readReferenceData, seedsDir } from '../../server/modules/reference/read-seeds.ts';
import { build, signIn, type TestContext, validRows } from './helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await build();
});
afterAll(async () => ctx.close());

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('reference data', () => {
  it('reports the database as reachable', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'reachable' });
  });

  it('lists all 31 provincial-level divisions plus the XPCC, and which have a plan', async () => {
    const provinces = (await get('/api/provinces')).json();
    expect(provinces).toHaveLength(32);
    expect(provinces.find((p: { code: string }) => p.code === '210000')).toMatchObject({
      nameZh: '辽宁省',
      nameEn: 'Liaoning',
      hasPlan: true,
      plan: { documentNumber: '辽医保发〔2022〕1号' },
    });
    expect(
      provinces
        .filter((p: { hasPlan: boolean }) => p.hasPlan)
        .map((p: { code: string }) => p.code)
        .sort(),
    ).toEqual(['150000', '210000', '340000', '350000', '430000']);
    expect(provinces.find((p: { code: string }) => p.code === '110000')).toMatchObject({
      hasPlan: false,
      plan: null,
    });
  });

  it('gives every provincial unit its coordinating regions, 392 in all', async () => {
    const provinces: { code: string; regionCount: number }[] = (await get('/api/provinces')).json();
    for (const p of provinces) expect(p.regionCount, p.code).toBeGreaterThan(0);
    expect(provinces.reduce((n, p) => n + p.regionCount, 0)).toBe(392);
    const guangdong = (await get('/api/provinces/440000/regions')).json();
    expect(guangdong[0]).toMatchObject({ code: '440100', nameZh: '广州市', nameEn: 'Guangzhou' });
    expect(guangdong.at(-1)).toMatchObject({ code: '440000-P', kind: 'provincialPool' });
  });

  it("lists Hunan's 11 targets once each: the ladders 40/70/100, 70/80/90 and 30/50/70 laid out on 2022–2024, each with its clause", async () => {
    const plan = (await get('/api/provinces/430000/plan')).json();
    expect(plan.reference).toBe(false);
    expect(plan.document.number).toBe('湘医保发〔2021〕75号');
    // as many rows as the seed file has targets, no key twice
    expect(plan.targets).toHaveLength(11);
    expect(new Set(plan.targets.map((t: { key: string }) => t.key)).size).toBe(11);
    const ladder = (dimension: string) => {
      const found = plan.targets.filter(
        (t: { dimension: string; kind: string; event: string }) =>
          t.dimension === dimension && t.kind === 'eventLadder' && t.event === 'launch',
      );
      expect(found).toHaveLength(1);
      const t = found[0] as {
        steps: number[];
        stepYears: number[];
        source: { quote: string; document: string; clauseRef: string };
      };
      expect(t.source.document).toBe('湘医保发〔2021〕75号');
      expect(t.source.clauseRef).toMatch(/^三、（一）[234]$/);
      expect(t.source.quote.length).toBeGreaterThan(8);
      return t.stepYears.map((year, i) => [year, t.steps[i]]);
    };
    expect(ladder('institutions')).toEqual([
      [2022, 40],
      [2023, 70],
      [2024, 100],
    ]);
    expect(ladder('diseaseGroups')).toEqual([
      [2022, 70],
      [2023, 80],
      [2024, 90],
    ]);
    expect(ladder('fund')).toEqual([
      [2022, 30],
      [2023, 50],
      [2024, 70],
    ]);
  });

  it("carries separate targets for Liaoning's three city cohorts", async () => {
    const plan = (await get('/api/provinces/210000/plan')).json();
    expect(plan.cohorts.map((c: { key: string }) => c.key).sort()).toEqual([
      'formerProvincialPilot',
      'nationalPilot',
      'otherCities',
    ]);
    const pilot = plan.cohorts.find((c: { key: string }) => c.key === 'nationalPilot');
    expect(pilot.members.map((m: { nameZh: string }) => m.nameZh).sort()).toEqual(
      ['抚顺市', '沈阳市', '营口市'].sort(),
    );
    const inst = (cohort: string) =>
      plan.targets
        .filter(
          (t: { dimension: string; cohort: string; kind: string }) =>
            t.dimension === 'institutions' && t.cohort === cohort && t.kind === 'calendarLevel',
        )
        .map((t: { dueOn: string; minPct: number }) => [t.dueOn, t.minPct]);
    expect(inst('nationalPilot')).toEqual([
      ['2022-12-31', 70],
      ['2023-12-31', 100],
    ]);
    expect(inst('formerProvincialPilot')).toEqual([
      ['2022-12-31', 40],
      ['2023-12-31', 70],
      ['2024-12-31', 100],
    ]);
    expect(inst('otherCities')).toEqual([
      ['2023-12-31', 40],
      ['2024-12-31', 100],
    ]);
    const others = plan.cohorts.find((c: { key: string }) => c.key === 'otherCities');
    expect(others.members.every((m: { inferred: boolean }) => m.inferred)).toBe(true);
  });

  it('shows the national plan as the reference for a province with no plan', async () => {
    const plan = (await get('/api/provinces/110000/plan')).json();
    expect(plan.reference).toBe(true);
    expect(plan.document.number).toBe('医保发〔2021〕48号');
    expect(
      plan.targets
        .filter(
          (t: { dimension: string; appliesTo: string }) =>
            t.dimension === 'regions' && t.appliesTo === 'aggregate',
        )
        .map((t: { year: number; minPct: number }) => [t.year, t.minPct]),
    ).toEqual([
      [2022, 40],
      [2023, 70],
      [2024, 100],
    ]);
  });

  it('answers an unknown province with 404 problem+json and a malformed code with 400 and the field path', async () => {
    const missing = await get('/api/provinces/990000/plan');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const bad = await get('/api/provinces/abc/plan');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('/params/code');
  });

  it('every seeded target cites its document number and a quoted clause', async () => {
    const rows = await ctx.db.target.findMany({ include: { planVersion: true } });
    expect(rows.length).toBeGreaterThan(40);
    for (const t of rows) {
      expect(t.planVersion.documentNumber).toMatch(/〔20\d\d〕\d+号$/);
      expect(t.quote.length).toBeGreaterThan(6);
      expect(t.clauseRef.length).toBeGreaterThan(0);
      if (t.soft) expect(t.interpretation?.length ?? 0).toBeGreaterThan(10);
    }
  });
});

describe('loading the reference data', () => {
  it('changes nothing when run again', async () => {
    const count = async () => [
      await ctx.db.planVersion.count(),
      await ctx.db.target.count(),
      await ctx.db.regionEvent.count(),
      await ctx.db.auditEvent.count(),
      await ctx.db.coordinatingRegion.count(),
    ];
    const before = await count();
    const summary = await loadReferenceData(ctx.db);
    expect(summary.applied).toEqual([]);
    expect(await count()).toEqual(before);
  });

  it('turns a changed plan file into a new plan version and leaves reported progress alone', async () => {
    const editor = await signIn(ctx, 'editor', '430000');
    const save = await ctx.app.inject({
      method: 'PUT',
      url: '/api/provinces/430000/reports/2023Q2',
      headers: editor.headers(),
      payload: { rows: await validRows(ctx, '430000') },
    });
    expect(save.statusCode).toBe(200);
    const rowsBefore = await ctx.db.reportRow.findMany({ orderBy: { id: 'asc' } });

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'drgdip-seeds-'));
    await fs.cp(seedsDir, dir, { recursive: true });
    const file = path.join(dir, 'plans/hunan-2021-75.yaml');
    const doc = parse(await fs.readFile(file, 'utf8'));
    doc.document.summary = 'amended summary for the test';
    await fs.writeFile(file, stringify(doc));
    const summary = await loadReferenceData(ctx.db, await readReferenceData(dir));
    expect(summary.applied).toHaveLength(1);
    const versions = await ctx.db.planVersion.findMany({
      where: { plan: { slug: 'hunan-2021-75' } },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    expect(versions[1]!.summary).toBe('amended summary for the test');
    expect(await ctx.db.reportRow.findMany({ orderBy: { id: 'asc' } })).toEqual(rowsBefore);
    const plan = (await get('/api/provinces/430000/plan')).json();
    expect(plan.document.version).toBe(2);
    await fs.rm(dir, { recursive: true, force: true });
  });
});

describe('demo progress', () => {
  it('is deterministic, labelled as demo, and never replaces a real report', async () => {
    const real = await ctx.db.report.findMany({ where: { isDemo: false } });
    await loadDemo(ctx.db, { until: '2023Q4' });
    const first = await ctx.db.reportRow.findMany({
      where: { report: { isDemo: true } },
      include: { report: true, region: true },
    });
    await loadDemo(ctx.db, { until: '2023Q4' });
    const second = await ctx.db.reportRow.findMany({
      where: { report: { isDemo: true } },
      include: { report: true, region: true },
    });
    const figures = (rows: typeof first) =>
      rows
        .map(
          (r) =>
            `${r.report.provinceCode}|${r.report.period}|${r.region.code}|${r.stage}|${r.coveredInstitutions}|${r.drgDipFund}`,
        )
        .sort();
    expect(figures(second)).toEqual(figures(first));
    expect(first.length).toBeGreaterThan(300);
    for (const r of real)
      expect(await ctx.db.report.findUnique({ where: { id: r.id } })).toMatchObject({
        isDemo: false,
        version: r.version,
      });
    const provinces = (await get('/api/provinces')).json();
    expect(provinces.find((p: { code: string }) => p.code === '210000').hasDemoData).toBe(true);
    const traj = (await get('/api/provinces/210000/trajectory?dimension=fund')).json();
    expect(traj.isDemo).toBe(true);
  });
});
