/**
 * The source footer of every chart (owid's FooterManager): who reported the figures, for
 * which period, whether they are demo data, and which plan documents the targets come from.
 * The footer is part of the downloaded image, so a chart taken away keeps its provenance.
 */

import { formatDate, formatList, formatPeriod } from '../i18n/format.ts';
import type { Lang } from '../i18n/locale.ts';
import type { Translate } from '../i18n/useT.ts';

export interface SourceInfo {
  /** the provinces whose bureaus reported the figures; 'all' for cross-province charts */
  provinces: { nameZh: string; nameEn: string }[] | 'all';
  /** one period, or the first and last of a range */
  period: string | [string, string];
  isDemo: boolean;
  /** false when none of the figures has been reported yet (the footer then says so) */
  reported?: boolean;
  /** plan documents the targets come from, e.g. 湘医保发〔2021〕75号 */
  documents: string[];
  /** the national plan, named separately when it is a reference line */
  national?: string | null;
  /** when the newest of the figures was last written (ISO), for the "data as of" line */
  updatedAt?: string | null;
  /** further sources of what the chart draws (e.g. published national figures), one line each */
  notes?: string[];
}

/** "数据截至2024年第4季度，更新于2026年12月1日": the period the figures describe and when they last changed. */
export function asOfLine(info: SourceInfo, t: Translate, lang: Lang): string {
  const last = Array.isArray(info.period) ? info.period[1] : info.period;
  const period = formatPeriod(last, lang);
  return info.updatedAt
    ? t('chart.asOfUpdated', { period, updated: formatDate(info.updatedAt, lang) })
    : t('chart.asOf', { period });
}

export function sourceLines(info: SourceInfo, t: Translate, lang: Lang): string[] {
  const who =
    info.provinces === 'all'
      ? t('chart.sourceBureaus')
      : formatList(
          info.provinces.map((p) =>
            t('chart.sourceBureau', { name: lang === 'en' ? p.nameEn : p.nameZh }),
          ),
          lang,
        );
  const period = Array.isArray(info.period)
    ? info.period[0] === info.period[1]
      ? formatPeriod(info.period[0], lang)
      : `${formatPeriod(info.period[0], lang)}${lang === 'en' ? '–' : '—'}${formatPeriod(info.period[1], lang)}`
    : formatPeriod(info.period, lang);
  const colon = lang === 'en' ? ': ' : '：';
  const lines = [
    `${t('chart.source')}${colon}${t(info.reported === false ? 'chart.sourceNotReported' : 'chart.sourceReported', { who, period })}`,
  ];
  const documents = [...new Set(info.documents)].filter((d) => d !== info.national);
  const plan = [
    ...(documents.length ? [formatList(documents, lang)] : []),
    ...(info.national ? [t('chart.sourceNational', { document: info.national })] : []),
  ];
  if (plan.length)
    lines.push(t('chart.sourcePlan', { documents: plan.join(lang === 'en' ? '; ' : '；') }));
  lines.push(...(info.notes ?? []));
  if (info.isDemo) lines.push(t('demo.tag'));
  return lines;
}
