/** Reading plans: the version in force for a province (or the national plan), as the domain model and as the API shape. */
import type { Db, Prisma } from '../../db/client.ts';
import type { PlanModel, Target, TargetScope } from '../../domain/types.ts';
import type { CohortDto, PlanDocumentDto, PlanResponse, TargetRowDto } from './schemas.ts';

export const planVersionInclude = {
  plan: true,
  cohorts: {
    orderBy: { sortOrder: 'asc' },
    include: { members: { include: { region: true }, orderBy: { region: { sortOrder: 'asc' } } } },
  },
  targets: {
    orderBy: { sortOrder: 'asc' },
    include: {
      cohort: true,
      regions: { include: { region: true } },
      conflicts: { include: { other: true } },
    },
  },
} as const;

/** The published version in force of the plan a province has, the national plan, or the plan with a slug. */
async function loadVersion(
  db: Db,
  where: { provinceCode: string } | { national: true } | { slug: string },
) {
  const plan = await db.plan.findFirst({
    where:
      'national' in where
        ? { isNational: true }
        : 'slug' in where
          ? { slug: where.slug }
          : { provinceCode: where.provinceCode },
    select: { id: true },
  });
  if (!plan) return null;
  return db.planVersion.findFirst({
    where: { planId: plan.id, status: 'published' },
    orderBy: { version: 'desc' },
    include: planVersionInclude,
  });
}

export type LoadedVersion = NonNullable<Awaited<ReturnType<typeof loadVersion>>>;

export const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const num = (d: { toNumber(): number } | null) => (d === null ? null : d.toNumber());

function toTarget(v: LoadedVersion, t: LoadedVersion['targets'][number]): Target {
  const scope: TargetScope =
    t.scope === 'cohort'
      ? { kind: 'cohort', cohort: t.cohort!.key }
      : t.scope === 'regions'
        ? { kind: 'regions', regions: t.regions.map((r) => r.region.code) }
        : { kind: 'province' };
  return {
    key: t.key,
    kind: t.kind,
    dimension: t.dimension,
    scope,
    appliesTo: t.appliesTo,
    subset: t.subset,
    minPct: num(t.minPct),
    dueOn: iso(t.dueOn),
    event: t.event,
    steps: t.steps.map((s) => s.toNumber()),
    compressFromYear: t.compressFromYear,
    compressedSteps: t.compressedSteps.map((s) => s.toNumber()),
    clockFloorYear: t.clockFloorYear,
    nominalStartYear: t.nominalStartYear,
    withinYears: t.withinYears,
    requiredStage: t.requiredStage,
    soft: t.soft,
    interpretation: t.interpretation,
    interpretationZh: t.interpretationZh,
    conflictsWith: t.conflicts.map((c) => c.other.key),
    source: { document: v.documentNumber, clauseRef: t.clauseRef, quote: t.quote, line: t.line },
  };
}

export function toPlanModel(v: LoadedVersion): PlanModel {
  return {
    slug: v.plan.slug,
    versionId: v.id,
    version: v.version,
    provinceCode: v.plan.provinceCode,
    isNational: v.plan.isNational,
    document: {
      number: v.documentNumber,
      title: v.title,
      issuer: v.issuer,
      issuedOn: iso(v.issuedOn)!,
      startYear: v.startYear,
      endYear: v.endYear,
    },
    cohorts: v.cohorts.map((c) => ({
      key: c.key,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      definedAs: c.definedAs,
      members: c.members.map((m) => ({
        region: m.region.code,
        source: m.source,
        inferred: m.inferred,
      })),
    })),
    targets: v.targets.map((t) => toTarget(v, t)),
  };
}

export async function planModelBySlug(db: Db, slug: string): Promise<PlanModel | null> {
  const v = await loadVersion(db, { slug });
  return v ? toPlanModel(v) : null;
}

export async function provincePlanModel(db: Db, provinceCode: string): Promise<PlanModel | null> {
  const v = await loadVersion(db, { provinceCode });
  return v ? toPlanModel(v) : null;
}

export async function nationalPlanModel(db: Db): Promise<PlanModel> {
  const v = await loadVersion(db, { national: true });
  if (!v) throw new Error('The national plan is missing: the reference data were not loaded.');
  return toPlanModel(v);
}

function documentDto(v: LoadedVersion): PlanDocumentDto {
  return {
    slug: v.plan.slug,
    versionId: v.id,
    version: v.version,
    status: v.status,
    isNational: v.plan.isNational,
    provinceCode: v.plan.provinceCode,
    number: v.documentNumber,
    title: v.title,
    issuer: v.issuer,
    issuedOn: iso(v.issuedOn)!,
    publishedOn: iso(v.publishedOn),
    startYear: v.startYear,
    endYear: v.endYear,
    sourceRef: v.sourceRef,
    reportingDuty: v.reportingDuty,
    reportingFrequency: v.reportingFrequency,
    reportingStartsOn: iso(v.reportingStartsOn),
    reportingDeadlineDays: v.reportingDeadlineDays,
    summary: v.summary,
  };
}

/** The plan's targets, one row each (see TargetRowSchema). */
export function targetRows(v: LoadedVersion): TargetRowDto[] {
  return v.targets.map((t): TargetRowDto => {
    const target = toTarget(v, t);
    const start = t.nominalStartYear ?? v.startYear;
    return {
      key: t.key,
      kind: t.kind,
      dimension: t.dimension,
      year: target.dueOn ? Number(target.dueOn.slice(0, 4)) : null,
      cohort: t.cohort?.key ?? null,
      minPct: target.minPct,
      source: target.source,
      scope: t.scope,
      regions: t.regions.map((r) => r.region.code),
      appliesTo: t.appliesTo,
      subset: t.subset,
      dueOn: target.dueOn,
      event: t.event,
      steps: target.steps,
      stepYears: t.kind === 'eventLadder' ? target.steps.map((_, i) => start + i) : [],
      compressFromYear: t.compressFromYear,
      compressedSteps: target.compressedSteps,
      clockFloorYear: t.clockFloorYear,
      withinYears: t.withinYears,
      requiredStage: t.requiredStage,
      soft: t.soft,
      interpretation: t.interpretation,
      interpretationZh: t.interpretationZh,
      conflictsWith: t.conflicts.map((c) => ({ key: c.other.key, note: c.note, noteZh: c.noteZh })),
    };
  });
}

function cohortDtos(v: LoadedVersion): CohortDto[] {
  return v.cohorts.map((c) => ({
    key: c.key,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    definedAs: c.definedAs,
    members: c.members.map((m) => ({
      region: m.region.code,
      nameZh: m.region.nameZh,
      nameEn: m.region.nameEn,
      source: m.source,
      inferred: m.inferred,
    })),
  }));
}

/** The province's plan, or the national plan marked as reference when it has none. */
export async function planForProvince(db: Db, provinceCode: string): Promise<PlanResponse> {
  const own = await loadVersion(db, { provinceCode });
  const v = own ?? (await loadVersion(db, { national: true }));
  if (!v) throw new Error('The national plan is missing: the reference data were not loaded.');
  return {
    reference: !own,
    document: documentDto(v),
    cohorts: cohortDtos(v),
    targets: targetRows(v),
  };
}

/** A plan's draft version, shaped as the plan endpoints answer (null when there is none). */
export async function planDraft(
  db: Db | Prisma.TransactionClient,
  planId: number,
): Promise<{ versionId: number; plan: PlanResponse } | null> {
  const v = await db.planVersion.findFirst({
    where: { planId, status: 'draft' },
    include: planVersionInclude,
  });
  if (!v) return null;
  return {
    versionId: v.id,
    plan: {
      reference: false,
      document: documentDto(v),
      cohorts: cohortDtos(v),
      targets: targetRows(v),
    },
  };
}

export async function nationalPlan(db: Db): Promise<PlanResponse> {
  const v = await loadVersion(db, { national: true });
  if (!v) throw new Error('The national plan is missing: the reference data were not loaded.');
  return {
    reference: false,
    document: documentDto(v),
    cohorts: cohortDtos(v),
    targets: targetRows(v),
  };
}
