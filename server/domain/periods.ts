/**
 * Quarters (`2024Q3`, DHIS2's form) and ISO dates (`YYYY-MM-DD`).
 *
 * All date maths is done on UTC midnights: a report "as of 2023Q2" describes the state on
 * 2023-06-30 wherever the server runs, and local time zones must never move a due date.
 * Rates use years of 365.25 days (see `yearsBetween`); a quarter-based unit would give the
 * same status ratios, because the ratio of two rates does not depend on the time unit.
 */
import type { Period } from './types.ts';

export interface PeriodParts {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PERIOD_PATTERN = /^(\d{4})Q([1-4])$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Mean Gregorian year; documented in the engine README as the unit of every rate. */
export const DAYS_PER_YEAR = 365.25;

/** `2024Q3` → { year: 2024, quarter: 3 }; null when the text is not a period. */
export function parsePeriod(period: string): PeriodParts | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  return { year: Number(m[1]), quarter: Number(m[2]) as PeriodParts['quarter'] };
}

export function isPeriod(text: string): text is Period {
  return parsePeriod(text) !== null;
}

export function formatPeriod(year: number, quarter: number): Period {
  return `${year}Q${quarter}`;
}

/** Internal: a malformed period reaching the engine is a programming error, not user input. */
function partsOf(period: Period): PeriodParts {
  const parts = parsePeriod(period);
  if (!parts) throw new RangeError(`not a period (YYYYQn): ${period}`);
  return parts;
}

/** The national plan starts in 2022: the first quarter anything is reported or planned for. */
export const FIRST_PERIOD: Period = '2022Q1';

/** Quarters since year 0, so that periods can be subtracted and regressed on. */
export function periodIndex(period: Period): number {
  const { year, quarter } = partsOf(period);
  return year * 4 + (quarter - 1);
}

export function periodFromIndex(index: number): Period {
  return formatPeriod(Math.floor(index / 4), (index % 4) + 1);
}

export function comparePeriods(a: Period, b: Period): number {
  return periodIndex(a) - periodIndex(b);
}

export function addQuarters(period: Period, n: number): Period {
  return periodFromIndex(periodIndex(period) + n);
}

export function nextPeriod(period: Period): Period {
  return addQuarters(period, 1);
}

/** Every quarter from `from` to `to`, both included; empty when `to` is before `from`. */
export function periodsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let i = periodIndex(from); i <= periodIndex(to); i++) out.push(periodFromIndex(i));
  return out;
}

// ---------------------------------------------------------------- ISO dates

function utcMs(iso: string): number {
  const m = DATE_PATTERN.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function isoOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  return m !== null && isoOfMs(utcMs(text)) === text;
}

export function quarterStart(period: Period): string {
  const { year, quarter } = partsOf(period);
  return isoOfMs(Date.UTC(year, (quarter - 1) * 3, 1));
}

/** `2023Q2` → `2023-06-30`: the date a quarterly report speaks for. */
export function quarterEnd(period: Period): string {
  const { year, quarter } = partsOf(period);
  return isoOfMs(Date.UTC(year, quarter * 3, 0));
}

export function periodOfDate(iso: string): Period {
  const d = new Date(utcMs(iso));
  return formatPeriod(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) + 1);
}

/** The last quarter that has ended before `today` (a quarter ending today is not yet full). */
export function latestFullQuarter(today: Date): Period {
  const current = formatPeriod(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3) + 1);
  return addQuarters(current, -1);
}

export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

export function yearStart(year: number): string {
  return `${String(year).padStart(4, '0')}-01-01`;
}

export function yearOf(iso: string): number {
  return new Date(utcMs(iso)).getUTCFullYear();
}

/**
 * Same month and day `years` later ("实际付费后 … 2 年之内"). 29 February falls back to
 * 28 February in a common year rather than spilling into March.
 */
export function addYears(iso: string, years: number): string {
  const d = new Date(utcMs(iso));
  const year = d.getUTCFullYear() + years;
  const month = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoOfMs(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

/** `days` calendar days after `iso` (a report due 15 days after 2024-09-30 is due 2024-10-15). */
export function addDays(iso: string, days: number): string {
  return isoOfMs(utcMs(iso) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** Years from `from` to `to` as days / 365.25 (negative when `to` is earlier). */
export function yearsBetween(from: string, to: string): number {
  return daysBetween(from, to) / DAYS_PER_YEAR;
}

/** ISO dates compare as text; these keep call sites readable. */
export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Linear position of `date` between `from` and `to`, clamped to [0, 1]. */
export function fractionOfSpan(from: string, to: string, date: string): number {
  const span = daysBetween(from, to);
  if (span <= 0) return date >= to ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(from, date) / span));
}
