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
import { isIsoDate } from '../../domain/periods.ts';
import { PlanFile, ProvinceFile, RegionFile, type SeedTarget } from './seed-files.ts';

/** A real calendar date (no 30 February) in a plausible range. */
export const isPlausibleDate = (d: string) =>
  isIsoDate(d) && d >= '1990-01-01' && d <= '2100-12-31';

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

const needs: Record<SeedTarget['kind'], (keyof SeedTarget)[]> = {
  calendarLevel: ['minPct', 'dueOn'],
  eventLadder: ['event', 'steps'],
  eventDeadline: ['event', 'withinYears', 'minPct'],
  levelAtEvent: ['event', 'minPct'],
  stageMilestone: ['requiredStage'],
};

export function checkPlan(plan: SeedFile<PlanFile>, regionsOf: Map<string, Set<string>>): void {
  const p = plan.data;
  const fail = (where: string, msg: string) => {
    throw new SeedError(plan.file, where, msg);
  };
  if (p.national !== (p.province === null))
    fail('/province', 'a national plan has province null; a provincial plan names its province');
  if (p.document.endYear < p.document.startYear) fail('/document/endYear', 'ends before it starts');
  const checkDate = (where: string, d: string | undefined) =>
    d !== undefined &&
    !isPlausibleDate(d) &&
    fail(where, `${d} is not a calendar date between 1990 and 2100`);
  checkDate('/document/issuedOn', p.document.issuedOn);
  checkDate('/document/publishedOn', p.document.publishedOn);
  const known = p.province ? regionsOf.get(p.province) : undefined;
  if (p.province && !known) fail('/province', `no regions file for province ${p.province}`);
  const cohortKeys = new Set<string>();
  (p.cohorts ?? []).forEach((c, i) => {
    if (cohortKeys.has(c.key)) fail(`/cohorts/${i}/key`, `duplicate cohort ${c.key}`);
    cohortKeys.add(c.key);
    const seenMembers = new Set<string>();
    c.members.forEach((m, j) => {
      if (seenMembers.has(m.region))
        fail(`/cohorts/${i}/members/${j}/region`, `${m.region} is listed twice`);
      seenMembers.add(m.region);
      if (!known?.has(m.region))
        fail(
          `/cohorts/${i}/members/${j}/region`,
          `unknown region ${m.region} for province ${p.province}`,
        );
      if (!m.inferred && !m.source)
        fail(`/cohorts/${i}/members/${j}`, 'a member needs a source, or inferred: true');
    });
  });
  const keys = new Set<string>();
  p.targets.forEach((t, i) => {
    const at = `/targets/${i}`;
    if (keys.has(t.key)) fail(`${at}/key`, `duplicate key ${t.key}`);
    keys.add(t.key);
    for (const field of needs[t.kind])
      if (t[field] === undefined) fail(at, `${t.kind} needs ${String(field)}`);
    checkDate(`${at}/dueOn`, t.dueOn);
    if (t.kind === 'stageMilestone') {
      if (t.dimension !== 'regions')
        fail(`${at}/dimension`, 'a stage milestone belongs to the regions dimension');
      if (!t.dueOn && !(t.event && t.withinYears))
        fail(at, 'a stage milestone needs dueOn, or event and withinYears');
    }
    if (t.compressFromYear !== undefined && !t.compressedSteps)
      fail(at, 'compressFromYear needs compressedSteps');
    if (t.soft && !t.interpretation)
      fail(`${at}/interpretation`, 'a soft target states the interpretation chosen');
    if (t.interpretation && !t.interpretationZh)
      fail(
        `${at}/interpretationZh`,
        'an interpretation is also given in Chinese (interpretationZh)',
      );
    if (typeof t.scope === 'object' && 'cohort' in t.scope && !cohortKeys.has(t.scope.cohort))
      fail(`${at}/scope`, `unknown cohort ${t.scope.cohort}`);
    if (typeof t.scope === 'object' && 'regions' in t.scope) {
      if (p.national) fail(`${at}/scope`, 'the national plan cannot name regions');
      t.scope.regions.forEach((r, j, all) => {
        if (!known?.has(r)) fail(`${at}/scope/regions/${j}`, `unknown region ${r}`);
        if (all.indexOf(r) !== j) fail(`${at}/scope/regions/${j}`, `${r} is named twice`);
      });
    }
  });
  p.targets.forEach((t, i) => {
    const all = t.conflictsWith ?? [];
    all.forEach((c, j) => {
      if (all.findIndex((x) => x.key === c.key) !== j)
        fail(`/targets/${i}/conflictsWith/${j}`, `${c.key} is listed twice`);
    });
    all.forEach((c, j) => {
      if (!keys.has(c.key)) fail(`/targets/${i}/conflictsWith/${j}`, `unknown target ${c.key}`);
      if (c.key === t.key)
        fail(`/targets/${i}/conflictsWith/${j}`, 'a target cannot conflict with itself');
      if (!c.noteZh)
        fail(
          `/targets/${i}/conflictsWith/${j}/noteZh`,
          'the note is also given in Chinese (noteZh)',
        );
    });
  });
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
