/**
 * The quarter's form as plain data: one row of strings per coordinating region, exactly
 * what the editor typed. It becomes the PUT body only when saved, checked first by the
 * server's own rules (server/domain/report-rules.ts, pure TypeScript bundled into the web),
 * so every problem the API would answer shows at its input before anything is sent; the
 * API's problems (`/body/rows/3/coveredInstitutions`) are mapped back to the input they name.
 */
import {
  COUNT_FIELDS,
  hardErrors,
  MONEY_FIELDS,
  PAID_CASE_FIELDS,
  SUBSET_FIELDS,
} from '../../../../server/domain/report-rules.ts';
import { PAYMENT_METHODS, STAGES } from '../../../../server/domain/types.ts';
import type { FieldProblem, ReportDto, ReportRowBody } from '../../api/client.ts';

export { COUNT_FIELDS, MONEY_FIELDS, PAID_CASE_FIELDS, SUBSET_FIELDS };
export const STAGE_KEYS = STAGES;
export const METHODS = PAYMENT_METHODS;

/** The form's columns, in the template's order. */
export const FIELDS = [
  'method',
  'stage',
  ...COUNT_FIELDS,
  ...PAID_CASE_FIELDS,
  ...MONEY_FIELDS,
  ...SUBSET_FIELDS,
  'note',
] as const;
export type Field = (typeof FIELDS)[number];

export type FormRow = { regionCode: string } & Record<Field, string>;

/** A message for the reader: the server's own zh/en, or one of ours by i18n key. */
export type Message = { zh: string; en: string } | { key: string };

/** Where a message belongs: `210100/coveredInstitutions`, or `210100/row` for the whole row. */
export const fieldKey = (regionCode: string, field: Field | 'row') => `${regionCode}/${field}`;

export function blankRow(regionCode: string): FormRow {
  return {
    regionCode,
    ...(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<Field, string>),
  };
}

const text = (v: string | number | null | undefined) => (v == null ? '' : String(v));

/** One row per region, in the province's order, filled from the report where it has figures. */
export function formRows(regionCodes: string[], report: Pick<ReportDto, 'rows'> | null): FormRow[] {
  const byRegion = new Map(report?.rows.map((r) => [r.regionCode, r]) ?? []);
  return regionCodes.map((code) => {
    const r = byRegion.get(code);
    if (!r) return blankRow(code);
    return {
      regionCode: code,
      ...(Object.fromEntries(FIELDS.map((f) => [f, text(r[f])])) as Record<Field, string>),
    };
  });
}

/** "1,234" "1，234" "１２３４" " 1 234 " → "1234"; anything else is left for the checks to reject. */
export function normaliseNumber(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/[\s,，]/g, '');
}

const NUMBER = /^-?\d+(\.\d+)?$/;

export const isBlank = (row: FormRow) => FIELDS.every((f) => row[f].trim() === '');

export interface Body {
  rows: ReportRowBody[];
  /** the region of each body row, to read `/body/rows/<i>/…` back */
  sent: string[];
  /** problems found before sending (the API's own rules); when any, nothing is sent */
  errors: Map<string, Message[]>;
}

/** A typed number as the API takes it: a number when it reads as one, else the text (the rules name it). */
function figure(text: string): number | string | undefined {
  const v = normaliseNumber(text);
  if (v === '') return undefined;
  return NUMBER.test(v) ? Number(v) : v;
}

/**
 * The PUT body: entirely blank rows are left out (a draft may be partial); numbers are
 * normalised; money stays text, so "80000.50" is sent as typed. `regionCodes`: the province's
 * regions, for the rules' region check.
 */
export function toBody(rows: FormRow[], regionCodes = rows.map((r) => r.regionCode)): Body {
  const out: Record<string, unknown>[] = [];
  const sent: string[] = [];
  for (const row of rows) {
    if (isBlank(row)) continue;
    const money = (f: (typeof MONEY_FIELDS)[number]) => {
      const v = normaliseNumber(row[f]);
      return v === '' ? undefined : v;
    };
    out.push({
      regionCode: row.regionCode,
      method: (METHODS as readonly string[]).includes(row.method) ? row.method : null,
      stage: row.stage === '' ? undefined : row.stage,
      ...Object.fromEntries(COUNT_FIELDS.map((f) => [f, figure(row[f])])),
      ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, money(f)])),
      ...Object.fromEntries(
        [...PAID_CASE_FIELDS, ...SUBSET_FIELDS].map((f) => [f, figure(row[f]) ?? null]),
      ),
      note: row.note.trim() || null,
    });
    sent.push(row.regionCode);
  }
  const problems = hardErrors(out, {
    provinceRegions: new Set(regionCodes),
    knownRegions: new Map(),
  });
  return {
    rows: out as unknown as ReportRowBody[],
    sent,
    errors: problemsByField(problems, sent).byField,
  };
}

const ROW_PATH = /^(?:\/body)?\/rows\/([^/]+)(?:\/(\w+))?$/;

/**
 * The API's problems by field. `regionAt` reads a row index: the body's order for a save's
 * errors, the report's order for its warnings. A path naming a region code (a submit that
 * misses regions) marks the whole row; problems that name no row are returned apart.
 */
export function problemsByField(
  problems: FieldProblem[],
  regionAt: string[],
): { byField: Map<string, Message[]>; other: FieldProblem[] } {
  const byField = new Map<string, Message[]>();
  const other: FieldProblem[] = [];
  for (const p of problems) {
    const m = ROW_PATH.exec(p.path);
    // a short number is a row index (at most 500 rows); a region code has six digits or more
    const code = !m ? undefined : /^\d{1,4}$/.test(m[1]!) ? regionAt[Number(m[1])] : m[1];
    if (!m || !code) {
      other.push(p);
      continue;
    }
    const field = m[2] && (FIELDS as readonly string[]).includes(m[2]) ? (m[2] as Field) : 'row';
    const key = fieldKey(code, field);
    byField.set(key, [...(byField.get(key) ?? []), { zh: p.zh, en: p.en }]);
  }
  return { byField, other };
}

const same = (a: string, b: string, f: Field) =>
  f === 'method' || f === 'stage' || f === 'note' ? a.trim() === b.trim() : sameNumber(a, b);
function sameNumber(a: string, b: string): boolean {
  const x = normaliseNumber(a);
  const y = normaliseNumber(b);
  return x === y || (NUMBER.test(x) && NUMBER.test(y) && Number(x) === Number(y));
}

/** The cells where two forms differ (what the editor typed against another person's figures). */
export function differences(mine: FormRow[], theirs: FormRow[]): Set<string> {
  const out = new Set<string>();
  const other = new Map(theirs.map((r) => [r.regionCode, r]));
  for (const row of mine) {
    const o = other.get(row.regionCode) ?? blankRow(row.regionCode);
    for (const f of FIELDS) if (!same(row[f], o[f], f)) out.add(fieldKey(row.regionCode, f));
  }
  return out;
}
