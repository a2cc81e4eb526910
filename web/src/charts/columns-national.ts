/** The columns of the national (全国) chart's table view and CSV, in the reader's language. */
import { formatFigure, formatPct, formatPeriod } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import type { Translate } from '../i18n/useT.ts';
import { type Column, round } from './csv.ts';
import { definitionKey, type NationalRow, publishedValueText } from './national.ts';

export function nationalColumns(t: Translate, lang: Lang): Column<NationalRow>[] {
  const pct = (key: 'actual' | 'nationalPlanned' | 'nationalOwed', header: string) => ({
    key,
    header: t(header),
    numeric: true,
    value: (r: NationalRow) => round(r[key]),
    display: (r: NationalRow) => formatPct(r[key], lang),
  });
  const figure = (key: 'numerator' | 'denominator') => ({
    key,
    header: t(`column.${key}`),
    numeric: true,
    value: (r: NationalRow) => r[key],
    display: (r: NationalRow) => formatFigure(r[key], lang),
  });
  return [
    {
      key: 'period',
      header: t('column.period'),
      value: (r) => r.period,
      display: (r) => formatPeriod(r.period, lang),
    },
    pct('actual', 'column.actualPct'),
    figure('numerator'),
    figure('denominator'),
    {
      key: 'provincesReported',
      header: t('national.provincesReported'),
      numeric: true,
      value: (r) => r.provincesReported,
    },
    {
      key: 'regionsReported',
      header: t('column.regionsReported'),
      numeric: true,
      value: (r) => r.regionsReported,
    },
    pct('nationalPlanned', 'column.nationalPlannedPct'),
    pct('nationalOwed', 'column.nationalOwedPct'),
    {
      key: 'published',
      header: t('national.published'),
      value: (r) =>
        r.published
          .map(
            (f) =>
              `${publishedValueText(f, t)} ${t(definitionKey(f.definition))} ${
                lang === 'en' ? f.source.publisherEn : f.source.publisherZh
              } ${f.source.publishedOn}`,
          )
          .join('; '),
    },
  ];
}
