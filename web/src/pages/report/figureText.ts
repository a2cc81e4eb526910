/** A report figure as the reader sees it: stage in words, money (万元) with two decimals, counts whole. */
import type { ReportDto } from '../../api/client.ts';
import { formatNumber } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/locale.ts';
import type { Translate } from '../../i18n/useT.ts';
import { type Field, MONEY_FIELDS } from '../entry/form.ts';

export type ReportRow = ReportDto['rows'][number];

export function figureText(r: ReportRow, f: Field, t: Translate, lang: Lang): string {
  const v = r[f];
  if (v == null || v === '') return '—';
  if (f === 'stage') return t(`stage.${String(v)}`);
  if (f === 'method' || f === 'note') return String(v);
  if ((MONEY_FIELDS as readonly string[]).includes(f))
    return new Intl.NumberFormat(lang, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }).format(Number(v));
  return formatNumber(Number(v), lang, 0);
}
