/**
 * Exact figures, end to end. Money (万元, two decimals in the database's `numeric`) is carried
 * as integer cents — hundredths of 万元 — so sums are exact integers, and written out as
 * decimal strings ("522348.75"), never as binary floats. Percentages are computed from exact
 * numerators and denominators and written at a stated precision.
 */
import type { Dimension } from './types.ts';

/** A money amount as a bureau writes it: at most 12 digits and two decimals. */
export const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/** Decimals of a percentage (or percentage points) in API answers. */
export const API_PERCENT_DECIMALS = 2;
/** Decimals of a percentage (or percentage points) in CSV/XLSX exports and table views. */
export const PERCENT_DECIMALS = 1;
/** Decimals of money (万元) everywhere it is written out: what the database keeps. */
export const MONEY_DECIMALS = 2;

/**
 * "1234.5" or 1234.5 → 123450 (cents of 万元); null when it is not an amount (1.234 is not: never
 * rounded). What it accepts is `MONEY` after trimming; read digit by digit, as a save reads a
 * 400-row quarter's money several times (checks, warnings, the rows written).
 */
export function moneyCents(v: string | number): number | null {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    s = v.toFixed(2);
    if (Number(s) !== v) return null;
  } else s = v.trim();
  const n = s.length;
  let whole = 0;
  let i = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === 0 || i > 12) return null;
  if (i === n) return whole * 100;
  // a point and one or two decimals
  if (s.charCodeAt(i) !== 46 || n - i < 2 || n - i > 3) return null;
  let cents = 0;
  for (let j = i + 1; j < i + 3; j++) {
    const d = j < n ? s.charCodeAt(j) - 48 : 0;
    if (d < 0 || d > 9) return null;
    cents = cents * 10 + d;
  }
  return whole * 100 + cents;
}

/** 52234875 → "522348.75", −5 → "-0.05": integer arithmetic only. */
export function centsText(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A coverage numerator or denominator as exact text: counts as whole numbers ("1234"), the
 * fund dimension's money (carried in cents) in 万元 with two decimals ("522348.75").
 */
export function figureText(value: number, dimension: Dimension): string {
  return dimension === 'fund' ? centsText(value) : String(value);
}

/** A percentage rounded half away from zero; null stays null. No float noise survives it. */
export function roundPercent(
  value: number | null | undefined,
  decimals: number = API_PERCENT_DECIMALS,
): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** decimals;
  const r = (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f;
  return r === 0 ? 0 : r;
}
