/**
 * Writes demo progress, marked `isDemo`, in one transaction. It replaces earlier demo
 * reports only; a (province, period) that has a real report is never touched.
 */
import type { Db } from '../../db/client.ts';
import { latestFullQuarter } from '../../domain/periods.ts';
import type { Period, RegionEventKind } from '../../domain/types.ts';
import { recordAudit } from '../audit/record.ts';
import { generateDemo } from './generate.ts';

export async function loadDemo(
  db: Db,
  opts: { until?: Period; today?: Date } = {},
): Promise<{ reports: number }> {
  const until = opts.until ?? latestFullQuarter(opts.today ?? new Date());
  const plans = await db.plan.findMany({
    where: { isNational: false },
    select: { provinceCode: true },
  });
  const provinceCodes = plans.map((p) => p.provinceCode!).filter(Boolean);
  const regions = await db.coordinatingRegion.findMany({
    where: { provinceCode: { in: provinceCodes } },
    include: { events: { where: { retractedAt: null } } },
    orderBy: [{ provinceCode: 'asc' }, { sortOrder: 'asc' }],
  });
  const regionIds = new Map(regions.map((r) => [r.code, r.id]));
  const reports = generateDemo(
    regions.map((r) => ({
      code: r.code,
      provinceCode: r.provinceCode,
      events: r.events.map((e) => ({
        kind: e.kind as RegionEventKind,
        on: e.occurredOn.toISOString().slice(0, 10),
      })),
    })),
    until,
  );
  let written = 0;
  await db.$transaction(
    async (tx) => {
      await tx.report.deleteMany({ where: { isDemo: true } });
      const real = await tx.report.findMany({ select: { provinceCode: true, period: true } });
      const taken = new Set(real.map((r) => `${r.provinceCode}:${r.period}`));
      for (const rep of reports) {
        if (taken.has(`${rep.provinceCode}:${rep.period}`)) continue;
        const now = new Date();
        await tx.report.create({
          data: {
            provinceCode: rep.provinceCode,
            period: rep.period,
            status: rep.status,
            isDemo: true,
            submittedAt: rep.status === 'draft' ? null : now,
            acceptedAt: rep.status === 'accepted' ? now : null,
            rows: {
              create: rep.rows.map(({ regionCode, ...figures }) => ({
                regionId: regionIds.get(regionCode)!,
                ...figures,
              })),
            },
          },
        });
        written++;
      }
      await recordAudit(tx, {
        actor: 'system',
        action: 'demo.load',
        entityType: 'demo',
        entityId: until,
        after: { reports: written, until },
      });
      await tx.seedState.upsert({
        where: { key: 'demo' },
        create: { key: 'demo', hash: until },
        update: { hash: until, appliedAt: new Date() },
      });
    },
    { timeout: 120_000 },
  );
  return { reports: written };
}
