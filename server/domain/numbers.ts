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

/** "1234.5" or 1234.5 → 123450 (cents of 万元); null when it is not an amount (1.234 is not: never rounded). */
export function moneyCents(v: string | number): number | null {
  const s =
    typeof v === 'number'
      ? Number.isFinite(v) && Number(v.toFixed(2)) === v
        ? v.toFixed(2)
        : ''
      : v.trim();
  if (!MONEY.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
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
