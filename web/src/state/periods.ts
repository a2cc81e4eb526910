/** Which quarters the period picker offers, and which one "latest" means. Period arithmetic is the engine's (server/domain/periods.ts). */
import {
  comparePeriods,
  FIRST_PERIOD,
  isPeriod,
  latestFullQuarter,
  periodFromIndex,
  periodIndex,
} from '../../../server/domain/periods.ts';
import type { ProvinceSummary } from '../../../server/modules/provinces/schemas.ts';

export { FIRST_PERIOD };

/** The last full quarter before `today` (reports describe a quarter after it ends). */
export const lastFullQuarter = latestFullQuarter;

/** The newest period any province has reported; null when none has. */
export function latestReported(provinces: Pick<ProvinceSummary, 'latestPeriod'>[]): string | null {
  const periods = provinces
    .map((p) => p.latestPeriod)
    .filter((p): p is string => !!p && isPeriod(p));
  return periods.length ? periods.reduce((a, b) => (comparePeriods(b, a) > 0 ? b : a)) : null;
}

/** When the newest of these provinces' public figures last changed (ISO), or null. */
export function lastUpdated(provinces: Pick<ProvinceSummary, 'updatedAt'>[]): string | null {
  return provinces.reduce<string | null>(
    (m, p) => (p.updatedAt && (!m || p.updatedAt > m) ? p.updatedAt : m),
    null,
  );
}

/** Newest first, from `latest` back to 2022Q1. */
export function periodOptions(latest: string): string[] {
  const out: string[] = [];
  for (let i = periodIndex(latest); i >= periodIndex(FIRST_PERIOD); i--)
    out.push(periodFromIndex(i));
  return out;
}

/** The period the view shows: the one asked for when it is a quarter on offer, else the latest. */
export function effectivePeriod(asked: string | null, latest: string): string {
  return asked &&
    isPeriod(asked) &&
    comparePeriods(asked, FIRST_PERIOD) >= 0 &&
    comparePeriods(asked, latest) <= 0
    ? asked
    : latest;
}

/**
 * The quarters an editor can enter: newest first, from the last full quarter back to 2022Q1.
 * Never capped at a plan's last year — the server accepts every quarter up to the current one
 * (reporting-duty.ts periodReportable), so the app never asks for a report it cannot accept.
 */
export function entryPeriods(today: Date): string[] {
  return periodOptions(latestFullQuarter(today));
}
