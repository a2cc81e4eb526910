/**
 * Tables out as CSV (UTF-8 with BOM, so Excel opens Chinese correctly) or XLSX.
 * papaparse writes CSV (quoting done right); ExcelJS writes XLSX.
 */
import type { FastifyReply } from 'fastify';
import Papa from 'papaparse';
import { FORMULA_START } from '../../domain/formula-cells.ts';
import { PERCENT_DECIMALS, roundPercent } from '../../domain/numbers.ts';
import { COLUMN_WORDS, type WordLang, wordIn } from '../../domain/vocabulary.ts';

/** A column header in the export's language, from the vocabulary (one word per language, no codes). */
export const header = (key: keyof typeof COLUMN_WORDS, lang: WordLang) =>
  wordIn(COLUMN_WORDS[key], lang);
export const yesNo = (v: boolean, lang: WordLang) =>
  wordIn(v ? COLUMN_WORDS.yes : COLUMN_WORDS.no, lang);

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null;
  width?: number;
  /** exact decimal text (counts, money): a CSV writes the text; an XLSX cell holds the number */
  figure?: boolean;
}

export interface Table<T> {
  /** file name without extension (may be Chinese) */
  filename: string;
  sheet: string;
  columns: Column<T>[];
  rows: T[];
  /** lines written above the header in XLSX (title, source, demo label) */
  notes?: string[];
}

export const BOM = '\uFEFF';

export function toCsv<T>(t: Table<T>): string {
  const data = [
    t.columns.map((c) => c.header),
    ...t.rows.map((r) => t.columns.map((c) => c.value(r) ?? '')),
  ];
  // text that would run as a formula gets a leading apostrophe; numbers stay numbers
  return BOM + Papa.unparse(data, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

const textOrNumber = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);

export async function toXlsx<T>(t: Table<T>): Promise<Buffer> {
  // loaded on first use: ExcelJS takes about a second to load, and most starts never need it
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DRG/DIP reform tracker';
  const ws = wb.addWorksheet(t.sheet.slice(0, 31));
  for (const note of t.notes ?? []) ws.addRow([note]).font = { italic: true };
  const header = ws.addRow(t.columns.map((c) => c.header));
  header.font = { bold: true };
  // "522348.75" → the number 522348.75: XLSX keeps it as that decimal text in its XML. Other text
  // goes in as a string cell (a shared string, never a formula, which only an object { formula }
  // would make): "=HYPERLINK(…)" in a note is shown, not run.
  const cell = (c: Column<T>, r: T) => {
    const v = c.value(r);
    return c.figure && typeof v === 'string' && v !== '' ? Number(v) : textOrNumber(v);
  };
  for (const r of t.rows) ws.addRow(t.columns.map((c) => cell(c, r)));
  t.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width ?? Math.max(10, Math.min(40, c.header.length * 2 + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: (t.notes?.length ?? 0) + 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function disposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A finished file as a download (its name may be Chinese). */
export function sendFile(reply: FastifyReply, filename: string, type: string, body: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', disposition(filename))
    .send(body);
}

export async function sendTable<T>(reply: FastifyReply, t: Table<T>, format: 'csv' | 'xlsx') {
  if (format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', disposition(`${t.filename}.csv`))
      .send(toCsv(t));
  }
  return sendFile(reply, `${t.filename}.xlsx`, XLSX_TYPE, await toXlsx(t));
}

/** A percentage (or percentage points) at the exports' stated precision; never float noise. */
export const pct = (v: number | null | undefined) => roundPercent(v, PERCENT_DECIMALS);
