/**
 * Numbers, percentages, dates and periods as each locale writes them (Intl). Percentages
 * arrive from the API in 0–100 units (coverage × 100), so they are divided by 100 before
 * Intl's percent style sees them.
 */
import { roundPercent } from '../../../server/domain/numbers.ts';
import type { Lang } from './locale.ts';

// one formatter per language and style: making one costs far more than formatting with it
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}
const numberFormat = (lang: Lang, style: string, options: () => Intl.NumberFormatOptions) =>
  cached(`${lang}|${style}`, () => new Intl.NumberFormat(lang, options()));

const DASH = '—';

/** 12345.6 → "12,345.6" (both locales group by thousands). */
export function formatNumber(value: number | null | undefined, lang: Lang, maxDigits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `number${maxDigits}`, () => ({
    maximumFractionDigits: maxDigits,
  })).format(value);
}

/**
 * An exact figure from the API, as decimal text ("522348.75", "1234") → "522,348.75": Intl
 * formats the string itself, so no float is ever made of it.
 */
export function formatFigure(value: string | null | undefined, lang: Lang): string {
  if (value == null || value === '') return DASH;
  return numberFormat(lang, 'figure', () => ({ maximumFractionDigits: 2 })).format(
    value as Intl.StringNumericLiteral,
  );
}

/** 45.25 (percent units) → "45.3%". */
export function formatPct(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `percent${digits}`, () => ({
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
    // rounded the exports' way first: 84.35 (a double just under it) shows 84.4, as in the CSV
  })).format(roundPercent(value, digits)! / 100);
}

/** A gap in percentage points, always signed: −12.4 → "−12.4", 3 → "+3". */
export function formatGap(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, `gap${digits}`, () => ({
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  })).format(roundPercent(value, digits)!);
}

/** ISO date → "2024年12月31日" / "Dec 31, 2024"; read as a calendar day, never shifted by time zone. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return cached(
    `${lang}|date`,
    () =>
      new Intl.DateTimeFormat(lang, {
        year: 'numeric',
        month: lang === 'en' ? 'short' : 'long',
        day: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(date);
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
