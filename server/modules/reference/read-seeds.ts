/**
 * Reads and checks the reference data in seeds/: each file against its schema, then the
 * cross-references (cohort members and named regions exist, conflicts point at real keys,
 * each target kind has the fields it needs). Pure file work: no database.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { parse } from 'yaml';
import { projectRoot } from '../../config.ts';
import { isPlausibleDate, planProblems } from '../../domain/plan-validation.ts';
import { PlanFile } from '../plans/plan-file.ts';
import { ProvinceFile, RegionFile } from './seed-files.ts';

export const seedsDir = path.join(projectRoot, 'seeds');

export class SeedError extends Error {
  constructor(
    readonly file: string,
    readonly where: string,
    message: string,
  ) {
    super(`${file}${where ? ` at ${where}` : ''}: ${message}`);
    this.name = 'SeedError';
  }
}

export interface SeedFile<T> {
  file: string;
  data: T;
  hash: string;
}

export interface ReferenceData {
  provinces: SeedFile<ProvinceFile>;
  regions: SeedFile<RegionFile>[];
  plans: SeedFile<PlanFile>[];
}

/** `file` is named relative to the seeds folder (seeds/plans/x.yaml) wherever that folder is, so loading state follows the file, not the checkout. */
export async function readYaml<T>(
  dir: string,
  file: string,
  schema: TSchema,
): Promise<SeedFile<T>> {
  const text = await fs.readFile(file, 'utf8');
  const rel = path.join('seeds', path.relative(dir, file));
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new SeedError(rel, '', `not valid YAML: ${(e as Error).message}`);
  }
  const first = [...Value.Errors(schema, data)][0];
  if (first) throw new SeedError(rel, first.instancePath || '/', first.message ?? 'invalid');
  return { file: rel, data: data as T, hash: createHash('sha256').update(text).digest('hex') };
}

async function yamlFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => path.join(dir, n));
}

/** A seed plan must meet the same rules as a draft (server/domain/plan-validation.ts). */
export function checkPlan(plan: SeedFile<PlanFile>, regionsOf: Map<string, Set<string>>): void {
  const problems = planProblems(
    plan.data,
    plan.data.province ? (regionsOf.get(plan.data.province) ?? null) : new Set(),
  );
  if (problems.length)
    throw new SeedError(
      plan.file,
      problems[0]!.path,
      problems.map((p) => (p === problems[0] ? p.en : `${p.path}: ${p.en}`)).join('; '),
    );
}

/** Every seed file's name (as SeedFile.file gives it) and hash, without parsing or checking it. */
export async function seedFileHashes(dir = seedsDir): Promise<{ file: string; hash: string }[]> {
  const files = [
    path.join(dir, 'provinces.yaml'),
    ...(await yamlFiles(path.join(dir, 'regions'))),
    ...(await yamlFiles(path.join(dir, 'plans'))),
  ];
  return Promise.all(
    files.map(async (f) => ({
      file: path.join('seeds', path.relative(dir, f)),
      hash: createHash('sha256')
        .update(await fs.readFile(f, 'utf8'))
        .digest('hex'),
    })),
  );
}

export async function readReferenceData(dir = seedsDir): Promise<ReferenceData> {
  const provinces = await readYaml<ProvinceFile>(
    dir,
    path.join(dir, 'provinces.yaml'),
    ProvinceFile,
  );
  const provinceCodes = new Set(provinces.data.map((p) => p.code));
  const regions = await Promise.all(
    (await yamlFiles(path.join(dir, 'regions'))).map((f) =>
      readYaml<RegionFile>(dir, f, RegionFile),
    ),
  );
  const regionsOf = new Map<string, Set<string>>();
  const allCodes = new Set<string>();
  for (const r of regions) {
    if (!provinceCodes.has(r.data.province))
      throw new SeedError(r.file, '/province', `unknown province ${r.data.province}`);
    r.data.regions.forEach((reg, i) => {
      (reg.events ?? []).forEach((e, j) => {
        if (!isPlausibleDate(e.on))
          throw new SeedError(
            r.file,
            `/regions/${i}/events/${j}/on`,
            `${e.on} is not a calendar date`,
          );
      });
      if (allCodes.has(reg.code))
        throw new SeedError(r.file, `/regions/${i}/code`, `duplicate region code ${reg.code}`);
      if (reg.code.slice(0, 2) !== r.data.province.slice(0, 2))
        throw new SeedError(
          r.file,
          `/regions/${i}/code`,
          `${reg.code} is not in province ${r.data.province}`,
        );
      allCodes.add(reg.code);
    });
    if (regionsOf.has(r.data.province))
      throw new SeedError(r.file, '/province', `a second regions file for ${r.data.province}`);
    regionsOf.set(r.data.province, new Set(r.data.regions.map((x) => x.code)));
  }
  // every provincial unit owes the national plan, so every one needs its coordinating regions
  for (const p of provinces.data)
    if (!regionsOf.has(p.code))
      throw new SeedError('seeds/regions', '', `no regions file for ${p.code} ${p.nameZh}`);
  const plans = await Promise.all(
    (await yamlFiles(path.join(dir, 'plans'))).map((f) => readYaml<PlanFile>(dir, f, PlanFile)),
  );
  const slugs = new Set<string>();
  for (const plan of plans) {
    if (slugs.has(plan.data.slug))
      throw new SeedError(plan.file, '/slug', `duplicate slug ${plan.data.slug}`);
    slugs.add(plan.data.slug);
    if (plan.data.province && !provinceCodes.has(plan.data.province))
      throw new SeedError(plan.file, '/province', `unknown province ${plan.data.province}`);
    checkPlan(plan, regionsOf);
  }
  if (plans.filter((p) => p.data.national).length !== 1)
    throw new SeedError('seeds/plans', '', 'exactly one national plan is expected');
  return { provinces, regions, plans };
}
