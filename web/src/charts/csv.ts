/**
 * Tables shared by a chart's table view and its CSV download: one column list, two
 * renderings. The CSV starts with a UTF-8 byte-order mark so that Excel opens Chinese
 * headers correctly, uses CRLF line ends, and holds raw numbers (not locale-formatted) so
 * spreadsheets read them as numbers.
 */
import Papa from 'papaparse';

export type Cell = string | number | null;

export interface Column<R> {
  key: string;
  header: string;
  /** the value written to the CSV */
  value: (row: R) => Cell;
  /** how the table view shows it (defaults to the CSV value) */
  display?: (row: R) => string;
  numeric?: boolean;
}

export const BOM = '\uFEFF';

export function buildCsv<R>(columns: Column<R>[], rows: R[]): string {
  const body = Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((r) => columns.map((c) => c.value(r) ?? '')),
    },
    // a cell that starts with = + - @ would run as a formula in Excel; numbers are left alone
    { newline: '\r\n', escapeFormulae: true },
  );
  return `${BOM + body}\r\n`;
}

/** Round for the CSV: percentages to 2 decimals, no float noise like 45.300000000000004. */
export function round(value: number | null | undefined, digits = 2): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
