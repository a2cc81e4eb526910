/**
 * A report's state as the audit trail keeps it (a save's before and after), both ways.
 *
 * Kept: the report's own fields, its rows, missing regions and comments, with the rows as one
 * array per field: a 400-row quarter is about 40 KB of JSON instead of the answer's 290 KB, which
 * PostgreSQL parsed into `jsonb` twice per save. Left out is what the rows do not decide: the
 * regions' names (the register's) and the warnings (worked out from the previous quarter; those
 * a reviewer judged are kept with the report at submission).
 *
 * Read back, the rows are objects again. States recorded before this form (the whole answer,
 * rows as an array) read as they were stored.
 */
import { ROW_FIELDS } from '../../domain/report-rules.ts';
import { type LoadedReport, reportHeader, type StoredRow } from './load.ts';

/** the row's fields as kept, in the template's order; `institutions` only where a row has it */
const KEPT = [...ROW_FIELDS, 'institutions'] as const;
type KeptField = (typeof KEPT)[number];
type Columns = Partial<Record<KeptField, unknown[]>>;

/** The state to record, from a report as loaded or as just written. */
export function auditState(rep: Omit<LoadedReport, 'previous'>) {
  const rows: Columns = {};
  for (const f of KEPT)
    if (f !== 'institutions' || rep.rows.some((r) => r.institutions))
      rows[f] = rep.rows.map((r) => r[f] ?? null);
  return {
    ...reportHeader(rep),
    rows,
    missingRegions: rep.missingRegions,
    comments: rep.comments,
  };
}

const isColumns = (rows: unknown): rows is Columns =>
  typeof rows === 'object' && rows !== null && !Array.isArray(rows);

/** A recorded state as the history answers it: a report's rows as objects, whichever form. */
export function stateAsRead(state: unknown): unknown {
  if (typeof state !== 'object' || state === null) return state;
  const { rows } = state as { rows?: unknown };
  if (!isColumns(rows)) return state;
  const n = rows.regionCode?.length ?? 0;
  const asRows: Partial<StoredRow>[] = Array.from({ length: n }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const f of KEPT) {
      const v = rows[f]?.[i];
      if (f !== 'institutions' || v) row[f] = v ?? null;
    }
    return row;
  });
  return { ...state, rows: asRows };
}
