/**
 * The quarter's form as plain data: one row of strings per coordinating region, exactly
 * what the editor typed. It becomes the PUT body only when saved, and the API's problems
 * (`/body/rows/3/coveredInstitutions`) are mapped back to the input they name. Rules about
 * the figures (covered ≤ eligible, …) stay on the server; here only what cannot be sent at
 * all is caught (a word where a number belongs, a missing stage).
 */
import type { Stage } from '../../../../server/domain/types.ts';
import type { FieldProblem, ReportDto, ReportRowBody } from '../../api/client.ts';

// Kept here (not imported as values from server/) so the web bundle never pulls server code.
export const STAGE_KEYS = [
  'notStarted',
  'preparing',
  'simulated',
  'actual',
] as const satisfies readonly Stage[];
export const METHODS = ['DRG', 'DIP'] as const;

export const COUNT_FIELDS = [
  'eligibleInstitutions',
  'coveredInstitutions',
  'inpatientCases',
  'groupedCases',
] as const;
/** The plans' 入组率 counts the cases at the institutions paid by DRG/DIP: optional, both or neither. */
export const PAID_CASE_FIELDS = ['paidInstitutionCases', 'paidInstitutionGroupedCases'] as const;
export const MONEY_FIELDS = ['inpatientFund', 'drgDipFund'] as const;
export const SUBSET_FIELDS = ['subsetEligibleInstitutions', 'subsetCoveredInstitutions'] as const;
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
  /** problems found before sending; when any, nothing is sent */
  errors: Map<string, Message[]>;
}

/** The PUT body: entirely blank rows are left out (a draft may be partial); numbers are normalised. */
export function toBody(rows: FormRow[]): Body {
  const errors = new Map<string, Message[]>();
  const fail = (code: string, f: Field, key: string) => errors.set(fieldKey(code, f), [{ key }]);
  const out: ReportRowBody[] = [];
  const sent: string[] = [];
  for (const row of rows) {
    if (isBlank(row)) continue;
    const code = row.regionCode;
    const number = (f: Field, optional = false): number | string | null => {
      const v = normaliseNumber(row[f]);
      if (v === '') {
        if (!optional) fail(code, f, 'entry.required');
        return null;
      }
      if (!NUMBER.test(v)) {
        fail(code, f, 'entry.invalidNumber');
        return null;
      }
      return v;
    };
    if (!(STAGE_KEYS as readonly string[]).includes(row.stage))
      fail(code, 'stage', 'entry.required');
    const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, Number(number(f))])) as Record<
      (typeof COUNT_FIELDS)[number],
      number
    >;
    const money = Object.fromEntries(
      MONEY_FIELDS.map((f) => [f, String(number(f) ?? '')]),
    ) as Record<(typeof MONEY_FIELDS)[number], string>;
    const subset = SUBSET_FIELDS.map((f) => number(f, true));
    const paid = PAID_CASE_FIELDS.map((f) => number(f, true));
    out.push({
      regionCode: code,
      method: (METHODS as readonly string[]).includes(row.method)
        ? (row.method as (typeof METHODS)[number])
        : null,
      stage: row.stage as Stage,
      ...counts,
      ...money,
      subsetEligibleInstitutions: subset[0] == null ? null : Number(subset[0]),
      subsetCoveredInstitutions: subset[1] == null ? null : Number(subset[1]),
      paidInstitutionCases: paid[0] == null ? null : Number(paid[0]),
      paidInstitutionGroupedCases: paid[1] == null ? null : Number(paid[1]),
      note: row.note.trim() || null,
    });
    sent.push(code);
  }
  return { rows: out, sent, errors };
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
