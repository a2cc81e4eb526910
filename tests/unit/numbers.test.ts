/**
 * Money read as cents: `moneyCents` accepts exactly what `MONEY` describes (after trimming), and
 * numbers only when two decimals write them exactly.
 */
import { describe, expect, it } from 'vitest';
import { centsText, MONEY, moneyCents } from '../../server/domain/numbers.ts';

/** The definition: MONEY's text, split at the point. */
function byDefinition(v: string): number | null {
  const s = v.trim();
  if (!MONEY.test(s)) return null;
  const [whole, frac = ''] = s.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

describe('moneyCents', () => {
  it('reads amounts as a bureau writes them', () => {
    expect(moneyCents('522348.75')).toBe(52234875);
    expect(moneyCents('0.5')).toBe(50);
    expect(moneyCents(' 12 ')).toBe(1200);
    expect(moneyCents('007.05')).toBe(705);
    expect(moneyCents('999999999999.99')).toBe(99999999999999);
    expect(moneyCents(1234.5)).toBe(123450);
    expect(moneyCents(0)).toBe(0);
  });

  it('refuses what is not an amount, never rounding', () => {
    for (const v of [
      '',
      ' ',
      '.',
      '1.',
      '.5',
      '1.234',
      '-1',
      '+1',
      '1e3',
      '1,000',
      '１２',
      '1 000',
      '1000000000000',
      '0x10',
      '1.2.3',
      '12a',
      'NaN',
    ])
      expect(moneyCents(v), v).toBeNull();
    for (const v of [1.234, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e21])
      expect(moneyCents(v)).toBeNull();
  });

  it('agrees with MONEY on every string of digits, points and spaces up to six characters', () => {
    const alphabet = ['0', '7', '9', '.', ' ', '-', 'a'];
    let checked = 0;
    const walk = (s: string) => {
      expect(moneyCents(s), JSON.stringify(s)).toBe(byDefinition(s));
      checked++;
      if (s.length < 6) for (const c of alphabet) walk(s + c);
    };
    walk('');
    expect(checked).toBeGreaterThan(100_000);
  });

  it('writes back what it read', () => {
    for (const v of ['0.00', '1.05', '522348.75', '999999999999.99'])
      expect(centsText(moneyCents(v)!)).toBe(v);
  });
});
