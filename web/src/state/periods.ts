/** Which quarters the period picker offers, and which one "latest" means. */
import type { ProvinceSummary } from '../../../server/modules/provinces/schemas.ts';

/** The national plan starts in 2022; nothing is reported before. */
export const FIRST_PERIOD = '2022Q1';

const index = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p.slice(5)) - 1;
const fromIndex = (i: number) => `${Math.floor(i / 4)}Q${(i % 4) + 1}`;

/** The last full quarter before `today` (reports describe a quarter after it ends). */
export function lastFullQuarter(today: Date): string {
  return fromIndex(today.getUTCFullYear() * 4 + Math.floor(today.getUTCMonth() / 3) - 1);
}

/** The newest period any province has reported; null when none has. */
export function latestReported(provinces: Pick<ProvinceSummary, 'latestPeriod'>[]): string | null {
  const periods = provinces.map((p) => p.latestPeriod).filter((p): p is string => !!p);
  return periods.length ? periods.reduce((a, b) => (index(b) > index(a) ? b : a)) : null;
}

/** Newest first, from `latest` back to 2022Q1. */
export function periodOptions(latest: string): string[] {
  const out: string[] = [];
  for (let i = index(latest); i >= index(FIRST_PERIOD); i--) out.push(fromIndex(i));
  return out;
}

/** The period the view shows: the one asked for when it is offered, else the latest. */
export function effectivePeriod(asked: string | null, latest: string): string {
  return asked && index(asked) >= index(FIRST_PERIOD) && index(asked) <= index(latest) ? asked : latest;
}

/** The quarters an editor can enter: newest first, up to the last full quarter and within the years some plan covers. */
export function entryPeriods(today: Date, lastPlanYear: number): string[] {
  const last = lastFullQuarter(today);
  const cap = `${lastPlanYear}Q4`;
  return periodOptions(index(last) < index(cap) ? last : cap);
}
