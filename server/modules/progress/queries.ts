/** Loading reported figures as the domain's RegionQuarter rows. */
import type { Db } from '../../db/client.ts';
import { moneyCents } from '../../domain/numbers.ts';
import type { RegionQuarter } from '../../domain/types.ts';
import { rowFigures } from '../reports/row-figures.ts';

export interface ProvinceQuarters {
  quarters: RegionQuarter[];
  /** periods that have a report (any status), sorted */
  periods: string[];
  isDemo: boolean;
}

/** Reported figures count once submitted (and while accepted); drafts and returned reports are the bureau's own. */
export const REPORTED = ['submitted', 'accepted'] as const;

export async function loadQuarters(
  db: Db,
  provinceCode: string,
  opts: { until?: string } = {},
): Promise<ProvinceQuarters> {
  const reports = await db.report.findMany({
    where: {
      provinceCode,
      status: { in: [...REPORTED] },
      ...(opts.until ? { period: { lte: opts.until } } : {}),
    },
    orderBy: { period: 'asc' },
    include: { rows: { include: { region: { select: { code: true } } } } },
  });
  const quarters = reports.flatMap((rep) =>
    rep.rows.map((r) => ({
      ...rowFigures(r),
      period: rep.period,
      // numeric(14,2) read as its exact decimal text, then whole cents: no float on the way
      inpatientFundCents: moneyCents(r.inpatientFund.toFixed(2))!,
      drgDipFundCents: moneyCents(r.drgDipFund.toFixed(2))!,
    })),
  );
  return { quarters, periods: reports.map((r) => r.period), isDemo: reports.some((r) => r.isDemo) };
}

/**
 * Timeline facts with a source, in the order deriveTimeline applies them (a later one wins):
 * seed facts first, then admins' corrections, each oldest first — an admin's correction
 * always beats the seed.
 */
export async function loadCorrections(db: Db, provinceCode: string) {
  const events = await db.regionEvent.findMany({
    where: { retractedAt: null, region: { provinceCode } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { region: { select: { code: true } }, createdBy: { select: { username: true } } },
  });
  const rows = events.map((e) => ({
    id: e.id,
    regionCode: e.region.code,
    kind: e.kind,
    occurredOn: e.occurredOn.toISOString().slice(0, 10),
    precision: e.precision,
    source: e.source,
    by: e.createdBy?.username ?? 'seed',
    at: e.createdAt.toISOString(),
  }));
  return [...rows.filter((r) => r.by === 'seed'), ...rows.filter((r) => r.by !== 'seed')];
}
