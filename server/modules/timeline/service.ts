/** Each coordinating region's clock: derived from the reports' stage field, corrected by facts with a source. */
import type { Db } from '../../db/client.ts';
import { isPlausibleDate } from '../../domain/plan-validation.ts';
import { deriveTimeline, detectStageRegressions } from '../../domain/timeline.ts';
import type { RegionQuarter, RegionTimeline } from '../../domain/types.ts';
import type { AdminSession } from '../../permissions/session.ts';
import { notFound, Problem } from '../../plugins/problem.ts';
import { recordAudit } from '../audit/record.ts';
import { loadCorrections } from '../progress/queries.ts';
import { bumpDataVersion } from '../results/versions.ts';

/** Items grouped by region code in one pass, each group in the order given. */
const byRegion = <T extends { regionCode: string }>(items: T[]) =>
  Map.groupBy(items, (item) => item.regionCode);

export async function provinceTimelines(
  db: Db,
  provinceCode: string,
  quarters: RegionQuarter[],
): Promise<Record<string, RegionTimeline>> {
  const [corrections, regions] = await Promise.all([
    loadCorrections(db, provinceCode),
    db.coordinatingRegion.findMany({ where: { provinceCode }, select: { code: true } }),
  ]);
  // grouped once: a scan of every row per region made this regions² × quarters
  const own = byRegion(quarters);
  const facts = byRegion(corrections);
  return Object.fromEntries(
    regions.map((r) => [r.code, deriveTimeline(own.get(r.code) ?? [], facts.get(r.code) ?? [])]),
  );
}

export async function timelineDetails(db: Db, provinceCode: string, quarters: RegionQuarter[]) {
  const [corrections, regions] = await Promise.all([
    loadCorrections(db, provinceCode),
    db.coordinatingRegion.findMany({ where: { provinceCode }, orderBy: { sortOrder: 'asc' } }),
  ]);
  const quartersOf = byRegion(quarters);
  const factsOf = byRegion(corrections);
  return regions.map((r) => {
    const own = quartersOf.get(r.code) ?? [];
    const facts = factsOf.get(r.code) ?? [];
    return {
      region: { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn },
      fromReports: deriveTimeline(own),
      corrections: facts.map(({ regionCode: _r, ...f }) => f),
      effective: deriveTimeline(own, facts),
      stageHistory: own.map((q) => ({ period: q.period, stage: q.stage })),
      regressions: detectStageRegressions(own).map((x) => ({
        period: x.period,
        from: x.from,
        to: x.to,
      })),
    };
  });
}

export async function correctEvent(
  db: Db,
  user: AdminSession,
  regionCode: string,
  input: {
    kind: 'launch' | 'simulatedPayment' | 'actualPayment';
    occurredOn: string;
    precision: 'day' | 'quarter' | 'year';
    source: string;
  },
) {
  const region = await db.coordinatingRegion.findUnique({ where: { code: regionCode } });
  if (!region) throw notFound(`Region ${regionCode}`, `统筹地区 ${regionCode}`, '/params/code');
  const on = new Date(`${input.occurredOn}T00:00:00Z`);
  if (!isPlausibleDate(input.occurredOn))
    throw new Problem(422, 'badDate', '日期无效', 'Invalid date', [
      { path: '/body/occurredOn', code: 'format', zh: '日期无效', en: 'invalid date' },
    ]);
  return db.$transaction(async (tx) => {
    const previous = await tx.regionEvent.findMany({
      where: {
        regionId: region.id,
        kind: input.kind,
        retractedAt: null,
        createdById: { not: null },
      },
    });
    await tx.regionEvent.updateMany({
      where: { id: { in: previous.map((p) => p.id) } },
      data: { retractedAt: new Date() },
    });
    const created = await tx.regionEvent.create({
      data: {
        regionId: region.id,
        kind: input.kind,
        occurredOn: on,
        precision: input.precision,
        source: input.source,
        createdById: user.id,
      },
    });
    await bumpDataVersion(tx, region.provinceCode);
    await recordAudit(tx, {
      actor: user,
      action: 'regionEvent.correct',
      entityType: 'region',
      entityId: regionCode,
      provinceCode: region.provinceCode,
      before: previous.map((p) => ({
        id: p.id,
        kind: p.kind,
        occurredOn: p.occurredOn.toISOString().slice(0, 10),
        source: p.source,
      })),
      after: { id: created.id, ...input },
    });
    return { id: created.id };
  });
}

export async function retractEvent(db: Db, user: AdminSession, regionCode: string, id: number) {
  const event = await db.regionEvent.findFirst({
    where: { id, region: { code: regionCode }, retractedAt: null },
    include: { region: true },
  });
  if (!event)
    throw notFound(
      `Timeline fact ${id} of ${regionCode}`,
      `${regionCode} 的时间线记录 ${id}`,
      '/params/id',
    );
  await db.$transaction(async (tx) => {
    await tx.regionEvent.update({ where: { id }, data: { retractedAt: new Date() } });
    await bumpDataVersion(tx, event.region.provinceCode);
    await recordAudit(tx, {
      actor: user,
      action: 'regionEvent.retract',
      entityType: 'region',
      entityId: regionCode,
      provinceCode: event.region.provinceCode,
      before: {
        id,
        kind: event.kind,
        occurredOn: event.occurredOn.toISOString().slice(0, 10),
        source: event.source,
      },
    });
  });
}
