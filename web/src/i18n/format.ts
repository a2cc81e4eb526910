/**
 * Numbers, percentages, dates and periods as each locale writes them (as Intl would; see
 * plainDecimal for why mostly by hand). Percentages arrive from the API in 0–100 units
 * (coverage × 100).
 */
import { roundPercent } from '../../../server/domain/numbers.ts';
import type { Lang } from './locale.ts';

// One Intl formatter per language and style: making one costs far more than formatting with it.
// Only for what plainDecimal leaves (see there).
const cache = new Map<string, Intl.NumberFormat>();
const numberFormat = (lang: Lang, style: string, options: () => Intl.NumberFormatOptions) => {
  let f = cache.get(`${lang}|${style}`);
  if (!f) {
    f = new Intl.NumberFormat(lang, options());
    cache.set(`${lang}|${style}`, f);
  }
  return f;
};

const DASH = '—';
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A plain decimal ("-1234.567", or a number's shortest form) rounded to at most `digits`
 * decimals half away from zero, grouped by thousands: what Intl writes for both our languages,
 * which write numbers alike (1,234.5; -12.4). Written by hand because a fresh page's first Intl
 * formatter loads ICU's locale data, 40–100 ms of the main thread before the overview's first
 * figures (Chromium, measured); null for anything else (exponents, not a number), left to Intl.
 */
function plainDecimal(text: string, digits: number): string | null {
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  let kept = `${whole}${frac.slice(0, digits).padEnd(digits, '0')}`;
  // the first dropped digit decides, as Intl's halfExpand does on the shortest decimal
  if ((frac[digits] ?? '0') >= '5')
    kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const int = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, '') || '0';
  const dec = kept.slice(kept.length - digits).replace(/0+$/, '');
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${dec ? `.${dec}` : ''}`;
}

/** 12345.6 → "12,345.6" (both locales group by thousands). */
export function formatNumber(value: number | null | undefined, lang: Lang, maxDigits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return (
    plainDecimal(Object.is(value, -0) ? '-0' : String(value), maxDigits) ??
    numberFormat(lang, `number${maxDigits}`, () => ({
      maximumFractionDigits: maxDigits,
    })).format(value)
  );
}

/**
 * An exact figure from the API, as decimal text ("522348.75", "1234") → "522,348.75": the
 * text itself is formatted, so no float is ever made of it.
 */
export function formatFigure(value: string | null | undefined, lang: Lang): string {
  if (value == null || value === '') return DASH;
  return (
    plainDecimal(value, 2) ??
    numberFormat(lang, 'figure', () => ({ maximumFractionDigits: 2 })).format(
      value as Intl.StringNumericLiteral,
    )
  );
}

/** 45.25 (percent units) → "45.3%". */
export function formatPct(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  // rounded the exports' way first: 84.35 (a double just under it) shows 84.4, as in the CSV
  const rounded = roundPercent(value, digits)!;
  const text = plainDecimal(String(rounded), digits);
  if (text !== null) return `${text}%`;
  return numberFormat(lang, `percent${digits}`, () => ({
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  })).format(rounded / 100);
}

/** A gap in percentage points, always signed: −12.4 → "−12.4", 3 → "+3". */
export function formatGap(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const rounded = roundPercent(value, digits)!;
  const text = plainDecimal(String(rounded), digits);
  if (text !== null) return rounded > 0 ? `+${text}` : text;
  return numberFormat(lang, `gap${digits}`, () => ({
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  })).format(rounded);
}

const MONTHS_EN = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** ISO date → "2024年12月31日" / "Dec 31, 2024"; read as a calendar day, never shifted by time zone. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // a day that does not exist (2024-02-31) is written as the day it rolls over to, as before
  const date = new Date(Date.UTC(year, month - 1, day));
  const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()];
  return lang === 'en' ? `${MONTHS_EN[mo]} ${d}, ${y}` : `${y}年${mo + 1}月${d}日`;
}

/** "2023Q4" → "2023年第4季度" / "2023 Q4"; anything else is returned as given. */
export function formatPeriod(period: string | null | undefined, lang: Lang): string {
  if (!period) return DASH;
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return period;
  return lang === 'en' ? `${m[1]} Q${m[2]}` : `${m[1]}年第${m[2]}季度`;
}

/** Axis ticks: short and the same in both languages ("23Q4"). */
export function formatPeriodShort(period: string): string {
  const m = /^\d{2}(\d{2})Q([1-4])$/.exec(period);
  return m ? `${m[1]}Q${m[2]}` : period;
}

/** A list as each language writes it: "A、B、C" in Chinese, "A, B, C" in English. */
export function formatList(items: string[], lang: Lang): string {
  return items.join(lang === 'en' ? ', ' : '、');
}

/** Punctuation that differs: full-width in Chinese, ASCII with spaces in English. */
export function punct(lang: Lang) {
  return lang === 'en'
    ? { colon: ': ', comma: ', ', paren: (s: string) => ` (${s})` }
    : { colon: '：', comma: '，', paren: (s: string) => `（${s}）` };
}
