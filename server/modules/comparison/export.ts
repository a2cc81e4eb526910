/**
 * The comparison and completeness answers as tables (CSV/XLSX), in one language: headers and
 * values are the vocabulary's words (server/domain/vocabulary.ts), never English codes in a
 * Chinese file.
 */
import {
  DIMENSION_WORDS,
  PLAN_WORDS,
  REPORT_STATE_WORDS,
  STATUS_WORDS,
  type WordLang,
  wordIn,
} from '../../domain/vocabulary.ts';
import { header, pct, type Table, yesNo } from '../exports/tabular.ts';
import { PLANNED_RULE } from './comparison.ts';
import type { ComparisonResponse, ComparisonRow, CompletenessResponse } from './schemas.ts';

export function comparisonTable(result: ComparisonResponse, lang: WordLang): Table<ComparisonRow> {
  const w = (word: { zh: string; en: string }) => wordIn(word, lang);
  const en = lang === 'en';
  return {
    filename: en
      ? `DRG-DIP-provinces-compared_${result.period}`
      : `DRG-DIP各省比较_${result.period}`,
    sheet: result.period,
    notes: [
      en
        ? `DRG/DIP payment reform, provinces compared, ${result.period}${result.isDemo ? ' (includes demo data)' : ''}`
        : `DRG/DIP 支付方式改革各省比较 ${result.period}${result.isDemo ? '（含演示数据）' : ''}`,
      w(PLANNED_RULE),
      `${w(PLAN_WORDS.nationalPlan)}${en ? ': ' : '：'}${result.national.documentNumber}`,
    ],
    columns: [
      { header: header('provinceCode', lang), value: (r) => r.province.code },
      {
        header: header('province', lang),
        value: (r) => (en ? r.province.nameEn : r.province.nameZh),
      },
      { header: header('dimension', lang), value: (r) => w(DIMENSION_WORDS[r.dimension]) },
      {
        header: header('planDocument', lang),
        value: (r) => r.plan?.documentNumber ?? w(PLAN_WORDS.noPlan),
      },
      {
        header: header('reportStatus', lang),
        value: (r) => w(REPORT_STATE_WORDS[r.report?.status ?? 'none']),
      },
      { header: header('isDemo', lang), value: (r) => yesNo(r.report?.isDemo ?? false, lang) },
      {
        header: header('numerator', lang),
        value: (r) => r.actual?.numerator ?? null,
        figure: true,
      },
      {
        header: header('denominator', lang),
        value: (r) => r.actual?.denominator ?? null,
        figure: true,
      },
      { header: header('actualPct', lang), value: (r) => pct(r.actual?.pct) },
      { header: header('plannedPct', lang), value: (r) => pct(r.planned) },
      { header: header('owedPct', lang), value: (r) => pct(r.owed) },
      { header: header('nationalPlannedPct', lang), value: (r) => pct(r.nationalPlanned) },
      { header: header('gapToPlan', lang), value: (r) => pct(r.gapToPlan) },
      { header: header('gapToNational', lang), value: (r) => pct(r.gapToNational) },
      { header: header('status', lang), value: (r) => w(STATUS_WORDS[r.status]) },
      { header: header('nationalStatus', lang), value: (r) => w(STATUS_WORDS[r.nationalStatus]) },
      {
        header: header('clause', lang),
        value: (r) =>
          r.target
            ? `${r.target.source.document} ${r.target.source.clauseRef}${en ? ': ' : '：'}${r.target.source.quote}`
            : null,
      },
    ],
    rows: result.rows,
  };
}

export function completenessTable(
  result: CompletenessResponse,
  lang: WordLang,
): Table<CompletenessResponse['rows'][number]> {
  const en = lang === 'en';
  return {
    filename: en ? `DRG-DIP-reporting_${result.period}` : `DRG-DIP报送情况_${result.period}`,
    sheet: result.period,
    notes: [
      en
        ? `Quarterly reporting, ${result.period}; deadline ${result.deadline}`
        : `${result.period} 季度报送情况，截止日期 ${result.deadline}`,
    ],
    columns: [
      { header: header('provinceCode', lang), value: (r) => r.province.code },
      {
        header: header('province', lang),
        value: (r) => (en ? r.province.nameEn : r.province.nameZh),
      },
      { header: header('hasPlan', lang), value: (r) => yesNo(r.hasPlan, lang) },
      { header: header('regionCount', lang), value: (r) => r.regionCount },
      { header: header('regionsReported', lang), value: (r) => r.regionsReported },
      {
        header: header('reportStatus', lang),
        value: (r) => wordIn(REPORT_STATE_WORDS[r.status], lang),
      },
      { header: header('isDemo', lang), value: (r) => yesNo(r.isDemo, lang) },
      { header: header('submittedAt', lang), value: (r) => r.submittedAt },
      { header: header('acceptedAt', lang), value: (r) => r.acceptedAt },
      { header: header('overdue', lang), value: (r) => yesNo(r.overdue, lang) },
    ],
    rows: result.rows,
  };
}
