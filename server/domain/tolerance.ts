/**
 * How the engine compares percentages. Coverage is a ratio of whole numbers and a roll-up's
 * level owed a weighted mean, so two routes to the same value can differ in the last binary
 * digit (Anhui exactly on plan: owed 82.3529411764706 against 82.35294117647058). Two
 * percentages closer than PCT_TOLERANCE (a billionth of a percentage point, far below any
 * figure a bureau reports) are the same level; growth ratios are compared the same way. The
 * API writes percentages at two decimals and ratios at three (README "How the tracker judges").
 */
export const PCT_TOLERANCE = 1e-9;

/** `value` reaches `level` (within the tolerance). */
export const reaches = (value: number, level: number): boolean => value >= level - PCT_TOLERANCE;

/** `value` is short of `level` by more than the tolerance. */
export const shortOf = (value: number, level: number): boolean => !reaches(value, level);

export const sameLevel = (a: number, b: number): boolean => Math.abs(a - b) <= PCT_TOLERANCE;

/** Decimals of a growth ratio in API answers (0.9999999999999996 is written 1). */
export const RATIO_DECIMALS = 3;

export function roundRatio(ratio: number | null): number | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  const f = 10 ** RATIO_DECIMALS;
  const r = Math.round(ratio * f) / f;
  return r === 0 ? 0 : r;
}
