/**
 * Tables shared by a chart's table view and its CSV download: one column list, two
 * renderings. The CSV starts with a UTF-8 byte-order mark so that Excel opens Chinese
 * headers correctly, uses CRLF line ends, and holds raw numbers (not locale-formatted) so
 * spreadsheets read them as numbers.
 */
import Papa from 'papaparse';
import { FORMULA_START } from '../../../server/domain/formula-cells.ts';
import { PERCENT_DECIMALS, roundPercent } from '../../../server/domain/numbers.ts';

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
    // text that would run as a formula in Excel gets an apostrophe (the server's rule); numbers,
    // also negative ones written as text, are left alone
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `${BOM + body}\r\n`;
}

/** Percentages and gaps in a CSV: the exports' stated precision (one decimal), never float noise. */
export const round = (value: number | null | undefined) => roundPercent(value, PERCENT_DECIMALS);
