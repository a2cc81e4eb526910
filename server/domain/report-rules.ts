/**
 * Rules for a quarter's figures. Hard errors reject the save (nothing is written); warnings
 * (report-warnings.ts) are saved with the report and shown to reviewers, like DHIS2's
 * validation rules. Every problem carries the JSON pointer of the field
 * (`/rows/3/coveredInstitutions`).
 *
 * One pass finds every problem: each row, each field's form (a count, an amount, a stage) and
 * each rule between fields (covered ≤ eligible), so a bureau fixes its quarter in one go. The
 * rows are taken as they arrived (from JSON, a spreadsheet or the browser's form), so a field
 * may be missing or of the wrong kind: that is a problem at the field, never an exception.
 * The API, the importer and the entry form all run these same checks.
 */

import { moneyCents } from './numbers.ts';
import type { FieldProblem } from './problem.ts';
import { optionalFigureProblems } from './report-optional-figures.ts';
import { PAYMENT_METHODS, STAGES, type Stage } from './types.ts';
import { FIELD_WORDS, type RuleCode } from './vocabulary.ts';

export interface ReportRowInput {
  regionCode: string;
  method: 'DRG' | 'DIP' | null;
  stage: Stage;
  eligibleInstitutions: number;
  coveredInstitutions: number;
  inpatientCases: number;
  groupedCases: number;
  /** 万元, year to date, as decimal strings or numbers (two decimals at most) */
  inpatientFund: string | number;
  drgDipFund: string | number;
  subsetEligibleInstitutions?: number | null;
  subsetCoveredInstitutions?: number | null;
  /** cases and grouped cases at the institutions paid by DRG/DIP (the plans' 入组率) */
  paidInstitutionCases?: number | null;
  paidInstitutionGroupedCases?: number | null;
  note?: string | null;
}

export interface RuleProblem extends FieldProblem {
  /** the rule that raised it; its name is RULE_WORDS[code] */
  code: RuleCode;
}

/** The largest count a row may hold (no province has 10⁸ of anything it reports). */
export const MAX_COUNT = 100_000_000;
/**
 * The most rows a quarter may have, whether saved (the body's maxItems) or imported: one per
 * coordinating region, and the largest province at ten times national scale has 400.
 */
export const MAX_ROWS = 500;
/** The longest note a row may carry. */
export const MAX_NOTE = 1000;

export const COUNT_FIELDS = [
  'eligibleInstitutions',
  'coveredInstitutions',
  'inpatientCases',
  'groupedCases',
] as const;
export const MONEY_FIELDS = ['inpatientFund', 'drgDipFund'] as const;
export const SUBSET_FIELDS = ['subsetEligibleInstitutions', 'subsetCoveredInstitutions'] as const;
/** cases at the institutions paid by DRG/DIP: optional, both or neither (report-optional-figures.ts) */
export const PAID_CASE_FIELDS = ['paidInstitutionCases', 'paidInstitutionGroupedCases'] as const;
/** Every field of a row these rules check, in the template's order. */
export const ROW_FIELDS = [
  'regionCode',
  'method',
  'stage',
  ...COUNT_FIELDS,
  ...PAID_CASE_FIELDS,
  ...MONEY_FIELDS,
  ...SUBSET_FIELDS,
  'note',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

export interface RuleContext {
  /** the province's region codes */
  provinceRegions: Set<string>;
  /** every known region code → its province (to say "belongs to another province") */
  knownRegions: Map<string, string>;
}

/** the optional pairs: cases at the paid institutions, then the subset */
const OPTIONAL_FIELDS = [...PAID_CASE_FIELDS, ...SUBSET_FIELDS] as const;

const absent = (v: unknown) => v === undefined || v === null || v === '';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const word = (f: RowField) => FIELD_WORDS[f];

/**
 * Hard errors: anything here means the quarter is rejected whole. `skip` names paths whose
 * form was already judged elsewhere (a spreadsheet cell the importer could not read): no
 * second problem is raised there, and rules that need that field are not applied.
 */
export function hardErrors(
  rows: readonly unknown[],
  ctx: RuleContext,
  skip: ReadonlySet<string> = new Set(),
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const at = `/rows/${i}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      out.push({
        path: at,
        code: 'notARow',
        zh: '此行应为一个统筹地区的数据',
        en: "A row must be one region's figures",
      });
      return;
    }
    const row = raw as Record<string, unknown>;
    const bad = new Set<RowField>();
    const add = (f: RowField, code: RuleCode, zh: string, en: string) => {
      bad.add(f);
      const path = `${at}/${f}`;
      if (!skip.has(path)) out.push({ path, code, zh, en });
    };
    const required = (f: RowField) =>
      add(f, 'required', `缺少${word(f).zh}`, `${word(f).en} is missing`);
    if (skip.size) for (const f of ROW_FIELDS) if (skip.has(`${at}/${f}`)) bad.add(f);

    // the form of each field
    const code = row.regionCode;
    if (absent(code) || typeof code !== 'string') required('regionCode');
    else if (!ctx.provinceRegions.has(code)) {
      const other = ctx.knownRegions.get(code);
      if (other)
        add(
          'regionCode',
          'regionOfAnotherProvince',
          `统筹地区 ${code} 属于其他省份`,
          `Region ${code} belongs to province ${other}`,
        );
      else
        add(
          'regionCode',
          'unknownRegion',
          `未知的统筹地区编码 ${code}`,
          `Unknown region code ${code}`,
        );
    } else if (seen.has(code))
      add(
        'regionCode',
        'duplicateRegion',
        `统筹地区 ${code} 重复（已在第 ${seen.get(code)! + 1} 行）`,
        `Region ${code} appears twice (also row ${seen.get(code)! + 1})`,
      );
    if (typeof code === 'string' && !seen.has(code)) seen.set(code, i);
    if (absent(row.stage)) required('stage');
    else if (!(STAGES as readonly unknown[]).includes(row.stage))
      add('stage', 'unknownStage', '改革阶段不在列表中', 'Stage is not one of the allowed values');
    if (row.method === undefined) required('method');
    else if (row.method !== null && !(PAYMENT_METHODS as readonly unknown[]).includes(row.method))
      add(
        'method',
        'unknownMethod',
        '付费方式应为 DRG 或 DIP',
        'Payment method must be DRG or DIP',
      );
    const count = (f: RowField, optional: boolean) => {
      const v = row[f];
      if (absent(v)) {
        if (!optional) required(f);
      } else if (!isCount(v) || v > MAX_COUNT)
        add(
          f,
          'notACount',
          `${word(f).zh}应为 0 到 ${MAX_COUNT} 之间的整数`,
          `${word(f).en} must be a whole number from 0 to ${MAX_COUNT}`,
        );
    };
    for (const f of COUNT_FIELDS) count(f, false);
    for (const f of OPTIONAL_FIELDS) count(f, true);
    const cents: Partial<Record<(typeof MONEY_FIELDS)[number], number>> = {};
    for (const f of MONEY_FIELDS) {
      const v = row[f];
      const c = typeof v === 'string' || typeof v === 'number' ? moneyCents(v) : null;
      if (absent(v)) required(f);
      else if (c === null)
        add(
          f,
          'notAnAmount',
          `${word(f).zh}应为非负金额，最多两位小数`,
          `${word(f).en} must be an amount ≥ 0 with at most two decimals`,
        );
      else cents[f] = c;
    }
    if (!absent(row.note) && (typeof row.note !== 'string' || row.note.length > MAX_NOTE))
      add(
        'note',
        'tooLong',
        `备注应为文字，最多 ${MAX_NOTE} 个字符`,
        `The note must be text of at most ${MAX_NOTE} characters`,
      );

    // rules between fields, where both fields are readable
    const ok = (f: RowField) => !bad.has(f) && isCount(row[f]);
    if (
      ok('coveredInstitutions') &&
      ok('eligibleInstitutions') &&
      (row.coveredInstitutions as number) > (row.eligibleInstitutions as number)
    )
      add(
        'coveredInstitutions',
        'coveredAboveEligible',
        '付费医疗机构数大于符合条件的医疗机构数',
        'Covered institutions exceed eligible institutions',
      );
    if (
      ok('groupedCases') &&
      ok('inpatientCases') &&
      (row.groupedCases as number) > (row.inpatientCases as number)
    )
      add(
        'groupedCases',
        'groupedAboveCases',
        '入组病例数大于住院病例数',
        'Grouped cases exceed inpatient cases',
      );
    if (
      cents.drgDipFund !== undefined &&
      cents.inpatientFund !== undefined &&
      cents.drgDipFund > cents.inpatientFund
    )
      add(
        'drgDipFund',
        'fundAboveTotal',
        'DRG/DIP付费基金支出大于住院医保基金支出',
        'DRG/DIP-paid fund exceeds inpatient fund',
      );
    // the optional pairs' rules, on their readable fields only (an unreadable one counts as
    // not given, and nothing is said twice about a field already named)
    const readable = OPTIONAL_FIELDS.some((f) => bad.has(f))
      ? {
          ...row,
          ...Object.fromEntries(
            OPTIONAL_FIELDS.map((f) => [f, bad.has(f) ? null : (row[f] ?? null)]),
          ),
        }
      : row;
    const said = optionalFigureProblems(readable as unknown as ReportRowInput, at)
      .map((p) => ({ ...p, field: p.path.slice(at.length + 1) as RowField }))
      .filter((p) => !bad.has(p.field));
    for (const p of said) add(p.field, p.code, p.zh, p.en);
  });
  return out;
}
