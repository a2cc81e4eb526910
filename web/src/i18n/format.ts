/**
 * Numbers, percentages, dates and periods as each locale writes them (Intl). Percentages
 * arrive from the API in 0–100 units (coverage × 100), so they are divided by 100 before
 * Intl's percent style sees them.
 */
import { roundPercent } from '../../../server/domain/numbers.ts';
import type { Lang } from './locale.ts';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    cache.set(key, f);
  }
  return f;
}

const DASH = '—';

/** 12345.6 → "12,345.6" (both locales group by thousands). */
export function formatNumber(value: number | null | undefined, lang: Lang, maxDigits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, { maximumFractionDigits: maxDigits }).format(value);
}

/**
 * An exact figure from the API, as decimal text ("522348.75", "1234") → "522,348.75": Intl
 * formats the string itself, so no float is ever made of it.
 */
export function formatFigure(value: string | null | undefined, lang: Lang): string {
  if (value == null || value === '') return DASH;
  return numberFormat(lang, { maximumFractionDigits: 2 }).format(
    value as Intl.StringNumericLiteral,
  );
}

/** 45.25 (percent units) → "45.3%". */
export function formatPct(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
    // rounded the exports' way first: 84.35 (a double just under it) shows 84.4, as in the CSV
  }).format(roundPercent(value, digits)! / 100);
}

/** A gap in percentage points, always signed: −12.4 → "−12.4", 3 → "+3". */
export function formatGap(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat(lang, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(
    roundPercent(value, digits)!,
  );
}

/** ISO date → "2024年12月31日" / "Dec 31, 2024"; read as a calendar day, never shifted by time zone. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
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
