/**
 * Writes one plan version (document, cohorts with their members, targets with their scope and
 * conflicts). Used by the seed loader and by the plans API, so both store plans the same way.
 * Publishing a version supersedes the one in force; the old one is kept (plans are amended).
 */
import type { Prisma } from '../../db/client.ts';
import type { PlanFile } from './plan-file.ts';

type Tx = Prisma.TransactionClient;
export type PlanContent = Pick<PlanFile, 'document' | 'cohorts' | 'targets'>;

const date = (s: string | undefined) => (s ? new Date(`${s}T00:00:00Z`) : null);

export async function writePlanVersion(
  tx: Tx,
  planId: number,
  p: PlanContent,
  opts: {
    status: 'draft' | 'published';
    seedHash: string | null;
    createdById: number | null;
    note: string | null;
    version?: number;
  },
) {
  const latest = await tx.planVersion.findFirst({
    where: { planId },
    orderBy: { version: 'desc' },
  });
  if (opts.status === 'published')
    await tx.planVersion.updateMany({
      where: { planId, status: 'published' },
      data: { status: 'superseded' },
    });
  const d = p.document;
  const version = await tx.planVersion.create({
    data: {
      planId,
      version: opts.version ?? (latest?.version ?? 0) + 1,
      status: opts.status,
      documentNumber: d.number,
      title: d.title,
      issuer: d.issuer,
      issuedOn: date(d.issuedOn)!,
      publishedOn: date(d.publishedOn),
      startYear: d.startYear,
      endYear: d.endYear,
      sourceRef: d.sourceRef ?? null,
      reportingDuty: d.reportingDuty ?? null,
      reportingFrequency: d.reportingFrequency ?? 'none',
      reportingStartsOn: date(d.reportingStartsOn),
      reportingDeadlineDays: d.reportingDeadlineDays ?? null,
      summary: d.summary ?? null,
      note: opts.note,
      seedHash: opts.seedHash,
      createdById: opts.createdById,
    },
  });
  const regionIds = new Map(
    (await tx.coordinatingRegion.findMany({ select: { id: true, code: true } })).map((r) => [
      r.code,
      r.id,
    ]),
  );
  const cohortIds = new Map<string, number>();
  for (const [i, c] of (p.cohorts ?? []).entries()) {
    const cohort = await tx.cohort.create({
      data: {
        planVersionId: version.id,
        key: c.key,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        definedAs: c.definedAs ?? null,
        sortOrder: i,
        members: {
          create: c.members.map((m) => ({
            regionId: regionIds.get(m.region)!,
            source: m.source ?? null,
            inferred: m.inferred ?? false,
          })),
        },
      },
    });
    cohortIds.set(c.key, cohort.id);
  }
  const targetIds = new Map<string, number>();
  for (const [i, t] of p.targets.entries()) {
    const scope = t.scope === 'province' ? 'province' : 'cohort' in t.scope ? 'cohort' : 'regions';
    const created = await tx.target.create({
      data: {
        planVersionId: version.id,
        key: t.key,
        kind: t.kind,
        dimension: t.dimension,
        scope,
        cohortId:
          typeof t.scope === 'object' && 'cohort' in t.scope
            ? cohortIds.get(t.scope.cohort)!
            : null,
        appliesTo: t.appliesTo,
        subset: t.subset ?? null,
        minPct: t.minPct ?? null,
        dueOn: date(t.dueOn),
        event: t.event ?? null,
        steps: t.steps ?? [],
        compressFromYear: t.compressFromYear ?? null,
        compressedSteps: t.compressedSteps ?? [],
        clockFloorYear: t.clockFloorYear ?? null,
        nominalStartYear: t.nominalStartYear ?? null,
        withinYears: t.withinYears ?? null,
        requiredStage: t.requiredStage ?? null,
        soft: t.soft,
        interpretation: t.interpretation ?? null,
        interpretationZh: t.interpretationZh ?? null,
        clauseRef: t.clause.ref,
        quote: t.clause.quote,
        line: t.clause.line,
        sortOrder: i,
        regions:
          typeof t.scope === 'object' && 'regions' in t.scope
            ? { create: t.scope.regions.map((code) => ({ regionId: regionIds.get(code)! })) }
            : undefined,
      },
    });
    targetIds.set(t.key, created.id);
  }
  for (const t of p.targets) {
    for (const c of t.conflictsWith ?? []) {
      await tx.targetConflict.create({
        data: {
          targetId: targetIds.get(t.key)!,
          otherTargetId: targetIds.get(c.key)!,
          note: c.note,
          noteZh: c.noteZh ?? null,
        },
      });
    }
  }
  return version;
}
