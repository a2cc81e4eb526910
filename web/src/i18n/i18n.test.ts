import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../../server/modules/trajectory/schemas.ts';
import { round } from '../charts/csv.ts';
import en from './en.ts';
import {
  formatDate,
  formatFigure,
  formatGap,
  formatList,
  formatNumber,
  formatPct,
  formatPeriod,
} from './format.ts';
import { normaliseLang } from './locale.ts';
import { translatorFor } from './testing.ts';
import zhCN from './zh-CN.ts';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe('messages', () => {
  it('English has exactly the keys Chinese has, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(en))
      expect(
        k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en),
      ).not.toBe('');
  });

  it('every status has a label in both languages', async () => {
    const zh = await translatorFor('zh-CN');
    const eng = await translatorFor('en');
    for (const s of STATUSES) {
      expect(zh(`status.${s}`)).not.toBe(`status.${s}`);
      expect(eng(`status.${s}`)).not.toBe(`status.${s}`);
    }
    expect(zh('status.accelerationNeeded')).toBe('需加快');
    expect(eng('status.notYetDue')).toBe('Not yet due');
  });

  it('names the four dimensions in the domain’s words', async () => {
    const zh = await translatorFor('zh-CN');
    expect(
      ['regions', 'institutions', 'diseaseGroups', 'fund'].map((d) => zh(`dimension.${d}`)),
    ).toEqual(['统筹地区', '医疗机构', '病种', '医保基金']);
  });
});

const intlDate = (lang: 'zh-CN' | 'en') =>
  new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });

describe('formatting per locale', () => {
  it('percentages arrive in 0–100 units and are written with the locale’s percent sign', () => {
    expect(formatPct(45.25, 'zh-CN')).toBe('45.3%');
    expect(formatPct(45.25, 'en')).toBe('45.3%');
    expect(formatPct(100, 'en')).toBe('100%');
    expect(formatPct(null, 'en')).toBe('—');
  });

  it('a table shows the figure the CSV holds: 84.35 (a double just below it) is 84.4 in both', () => {
    expect(formatPct(84.35, 'zh-CN')).toBe(`${round(84.35)}%`);
    expect(formatPct(84.35, 'en')).toBe('84.4%');
    expect(formatGap(0.15, 'en')).toBe(`+${round(0.15)}`); // +0.2, not +0.1
  });

  it('groups thousands and signs gaps', () => {
    expect(formatNumber(1234567.89, 'zh-CN')).toBe('1,234,567.9');
    expect(formatNumber(1234567.89, 'en')).toBe('1,234,567.9');
    expect(formatGap(-12.44, 'en')).toBe('-12.4');
    expect(formatGap(3, 'zh-CN')).toBe('+3');
    expect(formatGap(0, 'en')).toBe('0');
  });

  it('writes dates and quarters the way each language does, without time-zone drift', () => {
    expect(formatDate('2024-12-31', 'zh-CN')).toBe('2024年12月31日');
    expect(formatDate('2024-12-31', 'en')).toBe('Dec 31, 2024');
    expect(formatDate('2023-06-30', 'en')).toBe('Jun 30, 2023');
    expect(formatPeriod('2023Q4', 'zh-CN')).toBe('2023年第4季度');
    expect(formatPeriod('2023Q4', 'en')).toBe('2023 Q4');
    expect(formatList(['湘医保发〔2021〕75号', '辽医保发〔2022〕1号'], 'zh-CN')).toBe(
      '湘医保发〔2021〕75号、辽医保发〔2022〕1号',
    );
  });

  it('writes every figure as Intl does in both languages (done by hand: see plainDecimal)', () => {
    // a fixed pseudo-random sweep: exact halves, noise just under them, big and tiny values
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const values = [
      0, -0, 0.05, -0.05, 0.15, 1.005, 2.675, 84.35, 99.95, 999.95, 1234567.89, -0.04,
    ];
    for (let i = 0; i < 1000; i++) {
      const scale = 10 ** Math.floor(next() * 9 - 3);
      const v = (next() - 0.3) * scale;
      values.push(v, Math.round(v * 100) / 100, Math.round(v * 20) / 20, Math.round(v));
    }
    for (const lang of ['zh-CN', 'en'] as const) {
      const intl = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, o);
      const [n0, n1, n2, pct, gap] = [
        intl({ maximumFractionDigits: 0 }),
        intl({ maximumFractionDigits: 1 }),
        intl({ maximumFractionDigits: 2 }),
        intl({ style: 'percent', maximumFractionDigits: 1 }),
        intl({ maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
      ];
      for (const v of values) {
        expect(formatNumber(v, lang, 0), `${v}`).toBe(n0.format(v));
        expect(formatNumber(v, lang), `${v}`).toBe(n1.format(v));
        expect(formatNumber(v, lang, 2), `${v}`).toBe(n2.format(v));
        expect(formatPct(v, lang), `${v}`).toBe(pct.format(round(v)! / 100));
        expect(formatGap(v, lang), `${v}`).toBe(gap.format(round(v)!));
        const text = v.toFixed(Math.floor(next() * 3));
        expect(formatFigure(text, lang), text).toBe(n2.format(text as Intl.StringNumericLiteral));
      }
      const date = intlDate(lang);
      for (let d = Date.UTC(2019, 0, 1); d < Date.UTC(2032, 0, 1); d += 86_400_000 * 7)
        expect(formatDate(new Date(d).toISOString(), lang)).toBe(date.format(d));
    }
  });

  it('reads loose language names', () => {
    expect(normaliseLang('en-US')).toBe('en');
    expect(normaliseLang('zh_CN')).toBe('zh-CN');
    expect(normaliseLang('zh-Hans')).toBe('zh-CN');
    expect(normaliseLang('fr')).toBeNull();
  });
});
