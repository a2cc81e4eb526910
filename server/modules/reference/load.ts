/**
 * Loads seeds/ into the database. Idempotent: a file whose hash was applied before is
 * skipped, so re-running changes nothing. A changed plan file becomes a new plan version
 * (the previous one is kept as superseded); a changed region file updates names and adds
 * timeline facts. Reported progress is never touched.
 */
import type { Db, Prisma } from '../../db/client.ts';
import { recordAudit } from '../audit/record.ts';
import type { PlanFile } from '../plans/plan-file.ts';
import { writePlanVersion } from '../plans/write.ts';
import { bumpDataVersion } from '../results/versions.ts';
import {
  type ReferenceData,
  readReferenceData,
  type SeedFile,
  seedFileHashes,
} from './read-seeds.ts';
import type { ProvinceFile, RegionFile } from './seed-files.ts';

type Tx = Prisma.TransactionClient;

export interface LoadSummary {
  applied: string[];
  skipped: string[];
}

async function alreadyApplied(tx: Tx, f: SeedFile<unknown>): Promise<boolean> {
  const state = await tx.seedState.findUnique({ where: { key: f.file } });
  return state?.hash === f.hash;
}

async function markApplied(tx: Tx, f: SeedFile<unknown>): Promise<void> {
  await tx.seedState.upsert({
    where: { key: f.file },
    create: { key: f.file, hash: f.hash },
    update: { hash: f.hash, appliedAt: new Date() },
  });
}

async function loadProvinces(tx: Tx, f: SeedFile<ProvinceFile>): Promise<void> {
  for (const [i, p] of f.data.entries()) {
    const data = {
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      shortZh: p.shortZh,
      kind: p.kind,
      sortOrder: i,
    };
    await tx.province.upsert({
      where: { code: p.code },
      create: { code: p.code, ...data },
      update: data,
    });
  }
}

async function loadRegions(tx: Tx, f: SeedFile<RegionFile>): Promise<void> {
  for (const [i, r] of f.data.regions.entries()) {
    const data = {
      provinceCode: f.data.province,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      kind: r.kind,
      codeSource: r.codeSource,
      sortOrder: i,
    };
    const region = await tx.coordinatingRegion.upsert({
      where: { code: r.code },
      create: { code: r.code, ...data },
      update: data,
    });
    for (const e of r.events ?? []) {
      const occurredOn = new Date(`${e.on}T00:00:00Z`);
      const same = await tx.regionEvent.findFirst({
        where: {
          regionId: region.id,
          kind: e.kind,
          occurredOn,
          source: e.source,
          retractedAt: null,
        },
      });
      if (same) continue;
      // A seed fact replaces the previous seed fact for the same event; an admin's correction
      // (created later, with a user) stays the newest and so keeps winning.
      await tx.regionEvent.updateMany({
        where: { regionId: region.id, kind: e.kind, createdById: null, retractedAt: null },
        data: { retractedAt: new Date() },
      });
      const created = await tx.regionEvent.create({
        data: {
          regionId: region.id,
          kind: e.kind,
          occurredOn,
          precision: e.precision,
          source: e.source,
        },
      });
      await recordAudit(tx, {
        actor: 'seed',
        action: 'regionEvent.seed',
        entityType: 'regionEvent',
        entityId: created.id,
        provinceCode: f.data.province,
        after: { region: r.code, kind: e.kind, on: e.on, source: e.source },
      });
    }
  }
}

async function loadPlan(tx: Tx, f: SeedFile<PlanFile>): Promise<void> {
  const p = f.data;
  const plan = await tx.plan.upsert({
    where: { slug: p.slug },
    create: { slug: p.slug, provinceCode: p.province, isNational: p.national },
    update: { provinceCode: p.province, isNational: p.national },
  });
  const latest = await tx.planVersion.findFirst({
    where: { planId: plan.id },
    orderBy: { version: 'desc' },
  });
  if (latest?.seedHash === f.hash) return;
  if (latest && latest.seedHash === null) return; // revised in the app since: the seed no longer owns this plan
  const version = await writePlanVersion(tx, plan.id, p, {
    status: 'published',
    seedHash: f.hash,
    createdById: null,
    note: latest ? `reloaded from ${f.file}` : `loaded from ${f.file}`,
  });
  await recordAudit(tx, {
    actor: 'seed',
    action: latest ? 'plan.reseed' : 'plan.seed',
    entityType: 'plan',
    entityId: p.slug,
    provinceCode: p.province,
    before: latest ? { version: latest.version, seedHash: latest.seedHash } : null,
    after: {
      slug: p.slug,
      version: version.version,
      file: f.file,
      seedHash: f.hash,
      targets: p.targets.length,
    },
  });
}

/** True when every file in seeds/ was applied as it reads now: nothing to parse, check or load. */
async function unchangedSinceApplied(db: Db): Promise<string[] | null> {
  const files = await seedFileHashes();
  const states = await db.seedState.findMany({
    where: { key: { in: files.map((f) => f.file) } },
  });
  const applied = new Map(states.map((s) => [s.key, s.hash]));
  return files.every((f) => applied.get(f.file) === f.hash) ? files.map((f) => f.file) : null;
}

/** Applies the reference data in one transaction: all of it, or nothing. */
export async function loadReferenceData(db: Db, ref?: ReferenceData): Promise<LoadSummary> {
  // a start on existing data: hashing the files is enough (parsing and checking them takes seconds)
  const unchanged = ref ? null : await unchangedSinceApplied(db);
  if (unchanged) return { applied: [], skipped: unchanged };
  const data = ref ?? (await readReferenceData());
  const summary: LoadSummary = { applied: [], skipped: [] };
  await db.$transaction(
    async (tx) => {
      const step = async <T>(f: SeedFile<T>, load: (tx: Tx, f: SeedFile<T>) => Promise<void>) => {
        if (await alreadyApplied(tx, f)) return summary.skipped.push(f.file);
        await load(tx, f);
        await markApplied(tx, f);
        summary.applied.push(f.file);
      };
      await step(data.provinces, loadProvinces);
      for (const r of data.regions) await step(r, loadRegions);
      for (const p of data.plans) await step(p, loadPlan);
      // regions and plans are what every province's results are computed from
      if (summary.applied.length) await bumpDataVersion(tx, null);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return summary;
}
