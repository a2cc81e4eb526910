/**
 * A stored plan version written back in the shape a revision is sent in (`PlanContentBody`,
 * the seed files' fields): an admin starts a draft from the version in force, changes what the
 * amendment changes, and sends it back with PUT /plans/:slug/draft.
 */
import type { Db } from '../../db/client.ts';
import type { PlanContentBody, SeedTarget } from './plan-file.ts';
import { iso, type LoadedVersion, planVersionInclude } from './queries.ts';

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const nums = (xs: { toNumber(): number }[]) =>
  xs.length ? xs.map((x) => x.toNumber()) : undefined;

/** Drops the fields left undefined, so the content reads like a seed file. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function targetContent(t: LoadedVersion['targets'][number]): SeedTarget {
  const scope: SeedTarget['scope'] =
    t.scope === 'cohort'
      ? { cohort: t.cohort!.key }
      : t.scope === 'regions'
        ? { regions: t.regions.map((r) => r.region.code) }
        : 'province';
  return compact({
    key: t.key,
    kind: t.kind,
    dimension: t.dimension,
    scope,
    appliesTo: t.appliesTo,
    subset: opt(t.subset),
    minPct: t.minPct === null ? undefined : t.minPct.toNumber(),
    dueOn: opt(iso(t.dueOn)),
    event: opt(t.event),
    steps: nums(t.steps),
    compressFromYear: opt(t.compressFromYear),
    compressedSteps: nums(t.compressedSteps),
    clockFloorYear: opt(t.clockFloorYear),
    nominalStartYear: opt(t.nominalStartYear),
    withinYears: opt(t.withinYears),
    requiredStage: opt(t.requiredStage),
    soft: t.soft,
    interpretation: opt(t.interpretation),
    interpretationZh: opt(t.interpretationZh),
    conflictsWith: t.conflicts.length
      ? t.conflicts.map((c) => compact({ key: c.other.key, note: c.note, noteZh: opt(c.noteZh) }))
      : undefined,
    clause: { ref: t.clauseRef, line: t.line, quote: t.quote },
  });
}

export function planContent(v: LoadedVersion): PlanContentBody {
  return compact({
    document: compact({
      number: v.documentNumber,
      title: v.title,
      issuer: v.issuer,
      issuedOn: iso(v.issuedOn)!,
      publishedOn: opt(iso(v.publishedOn)),
      startYear: v.startYear,
      endYear: v.endYear,
      sourceRef: opt(v.sourceRef),
      reportingDuty: opt(v.reportingDuty),
      reportingFrequency: v.reportingFrequency,
      reportingStartsOn: opt(iso(v.reportingStartsOn)),
      reportingDeadlineDays: opt(v.reportingDeadlineDays),
      summary: opt(v.summary),
    }),
    cohorts: v.cohorts.map((c) =>
      compact({
        key: c.key,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        definedAs: opt(c.definedAs),
        members: c.members.map((m) =>
          compact({
            region: m.region.code,
            source: opt(m.source),
            inferred: m.inferred || undefined,
          }),
        ),
      }),
    ),
    targets: v.targets.map(targetContent),
    note: opt(v.note),
  });
}

/** The version in force and the draft of a plan, each as content (null when there is none). */
export async function planContents(db: Db, planId: number) {
  const [published, draft] = await Promise.all(
    (['published', 'draft'] as const).map((status) =>
      db.planVersion.findFirst({
        where: { planId, status },
        orderBy: { version: 'desc' },
        include: planVersionInclude,
      }),
    ),
  );
  const shaped = (v: LoadedVersion | null) =>
    v ? { versionId: v.id, version: v.version, content: planContent(v) } : null;
  return { published: shaped(published ?? null), draft: shaped(draft ?? null) };
}
