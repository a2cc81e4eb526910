/**
 * The institution sheet (医疗机构明细): one row per institution of a province's quarter. Its
 * columns are declared here once — the JSON body's field names, the template's and the CSV
 * export's headers (Chinese, English in brackets) and what the importer reads back — and so is
 * the row limit, the same for a save and an import.
 */
import { COLUMN_WORDS } from '../../domain/vocabulary.ts';

/** The most institutions one quarter's save or import may carry (the same limit for both). */
export const MAX_INSTITUTION_ROWS = 20_000;

/** Lines an institution sheet may have above its data (title, notes, header) before the limit. */
export const SHEET_HEADER_LINES = 10;

/** The most lines a sheet may have: the limit's rows and a title, notes and a header above them. */
export const MAX_SHEET_LINES = MAX_INSTITUTION_ROWS + SHEET_HEADER_LINES;

export type InstitutionColumnKey =
  | 'institutionCode'
  | 'name'
  | 'regionCode'
  | 'secondaryPublic'
  | 'eligible'
  | 'paid'
  | 'method'
  | 'inpatientCases'
  | 'groupedCases'
  | 'inpatientFund'
  | 'drgDipFund';

export interface InstitutionColumn {
  key: InstitutionColumnKey;
  zh: string;
  en: string;
  kind: 'code' | 'text' | 'yesNo' | 'method' | 'count' | 'money';
  required: boolean;
}

export const INSTITUTION_COLUMNS: readonly InstitutionColumn[] = [
  { key: 'institutionCode', zh: '机构编码', en: 'institution code', kind: 'code', required: true },
  // required for an institution the register does not know yet (it is created under its region)
  { key: 'name', zh: '机构名称', en: 'institution name', kind: 'text', required: false },
  { key: 'regionCode', zh: '统筹地区编码', en: 'region code', kind: 'code', required: true },
  {
    key: 'secondaryPublic',
    zh: '是否二级及以上公立医院',
    en: 'secondary+ public hospital',
    kind: 'yesNo',
    required: false,
  },
  {
    key: 'eligible',
    zh: '是否符合条件',
    en: 'eligible, provides inpatient care',
    kind: 'yesNo',
    required: true,
  },
  { key: 'paid', zh: '是否DRG/DIP付费', en: 'paid by DRG/DIP', kind: 'yesNo', required: true },
  { key: 'method', zh: '付费方式', en: 'method DRG/DIP', kind: 'method', required: false },
  {
    key: 'inpatientCases',
    zh: '住院病例数',
    en: 'inpatient cases, YTD',
    kind: 'count',
    required: true,
  },
  {
    key: 'groupedCases',
    zh: '入组病例数',
    en: 'grouped cases, YTD',
    kind: 'count',
    required: true,
  },
  {
    key: 'inpatientFund',
    zh: '住院基金支出(万元)',
    en: 'inpatient fund, 10k CNY, YTD',
    kind: 'money',
    required: true,
  },
  {
    key: 'drgDipFund',
    zh: 'DRG/DIP付费基金支出(万元)',
    en: 'DRG/DIP-paid fund, 10k CNY, YTD',
    kind: 'money',
    required: true,
  },
];

/** The header a sheet shows: Chinese first, English in brackets. */
export const columnHeader = (c: InstitutionColumn) => `${c.zh} (${c.en})`;

/** The column named by a key. */
export const institutionColumn = (key: string) => INSTITUTION_COLUMNS.find((c) => c.key === key);

/** 是/否 as the vocabulary writes them; the importer also reads Y/N, yes/no, true/false, 1/0. */
export const YES_NO_FROM_TEXT: Record<string, boolean> = {
  [COLUMN_WORDS.yes.zh]: true,
  [COLUMN_WORDS.no.zh]: false,
  [COLUMN_WORDS.yes.en]: true,
  [COLUMN_WORDS.no.en]: false,
  y: true,
  n: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
};
