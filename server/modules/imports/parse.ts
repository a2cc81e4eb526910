/**
 * Reads a filled template (CSV or XLSX) into report rows, accepting what Excel writes:
 * UTF-8 with or without BOM, GBK (Excel's default "CSV" on Chinese Windows), numbers stored
 * as text, thousands separators (1,234 / 1，234), full-width digits. Every problem names the
 * file row (as Excel numbers it) and the column; nothing is returned when any row is bad.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { restoreCell } from '../../domain/formula-cells.ts';
import type { FieldProblem } from '../../domain/problem.ts';
import { MAX_COUNT, MAX_NOTE, MAX_ROWS } from '../../domain/report-rules.ts';
import type { ReportRowBody } from '../reports/schemas.ts';
import { LimitExceeded, MAX_COLUMNS, type ZipParts } from './limits.ts';
import { readSignOff, type SignOff } from './sign-off.ts';
import { STAGE_FROM_TEXT, TEMPLATE_COLUMNS, type TemplateColumn } from './template.ts';
import { readTemplateSheet } from './template-sheet.ts';
import { META_SHEET, TEMPLATE_VERSION } from './template-xlsx.ts';

export interface ImportProblem extends FieldProblem {
  /** row number as the spreadsheet shows it (header = 1) */
  row: number;
  column: string;
}

export type Cell = string | number | null;

/** the domain's limits, so a file cannot store what a save would refuse */
const MAX_TEXT = MAX_NOTE;

export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

// Both readers return one entry per spreadsheet row, blank rows included (as []), so that
// index + 1 is the row number Excel shows: a problem must name the row the user sees.
export function parseCsv(buf: Buffer, maxRows: number): Cell[][] {
  const res = Papa.parse<string[]>(decodeCsv(buf), { skipEmptyLines: false, preview: maxRows + 1 });
  // (a line break after the last row gives one empty row more, which is no row of the file)
  if (res.data[maxRows]?.some((c) => c !== '')) throw new LimitExceeded('rows');
  return res.data.slice(0, maxRows);
}

/**
 * The first sheet's cells and the template version; null when the file cannot be read. `parts`
 * (the zip's parts, inflated within the limits) are read by the template's own reader first;
 * what it does not follow, and a file given without them, ExcelJS reads.
 */
export async function parseXlsx(
  buf: Buffer,
  maxRows: number,
  parts?: ZipParts | null,
): Promise<{ cells: Cell[][]; version: string | null } | null> {
  const own = parts ? readTemplateSheet(parts, maxRows) : undefined;
  if (own) return own;
  return parseXlsxWithExcelJs(buf, maxRows);
}

/** The same reading through ExcelJS, which follows any workbook (exported for the readers' test). */
export async function parseXlsxWithExcelJs(
  buf: Buffer,
  maxRows: number,
): Promise<{ cells: Cell[][]; version: string | null } | null> {
  // loaded on first use: ExcelJS takes about a second to load, and most starts never need it
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  // the version the template was stamped with (template-xlsx.ts); null for a file made otherwise
  const stamp = wb.getWorksheet(META_SHEET)?.getCell('B1').value;
  const version = typeof stamp === 'string' ? stamp : null;
  const ws = wb.worksheets[0];
  if (!ws) return { cells: [], version };
  const rows: Cell[][] = [];
  // a cell far to the right (XFD) would make every row that wide: columns past the template's are ignored
  const columns = Math.min(ws.columnCount, MAX_COLUMNS);
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (row.number > maxRows) throw new LimitExceeded('rows');
    const cells: Cell[] = [];
    for (let i = 1; i <= columns; i++) {
      const v = row.getCell(i).value as unknown;
      if (v === null || v === undefined) cells.push(null);
      else if (typeof v === 'number' || typeof v === 'string') cells.push(v);
      else if (v instanceof Date) cells.push(v.toISOString().slice(0, 10));
      else if (typeof v === 'object' && v && 'result' in v)
        cells.push((v as { result: Cell }).result ?? null);
      else if (typeof v === 'object' && v && 'richText' in v)
        cells.push((v as { richText: { text: string }[] }).richText.map((t) => t.text).join(''));
      else cells.push(String(v));
    }
    rows[row.number - 1] = cells;
  });
  return { cells: Array.from(rows, (r) => r ?? []), version };
}

const FULL_WIDTH = /[\uFF0E\uFF10-\uFF19]/;
const fullWidth = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.');
// (called for every cell, several times: a text without full-width digits is taken as it is,
// and a number, or what ExcelJS may give besides, as its text)
export const clean = (c: Cell) =>
  c === null
    ? ''
    : typeof c === 'string'
      ? (FULL_WIDTH.test(c) ? fullWidth(c) : c).trim()
      : String(c);
// Thousands separators go only where they group thousands (1,234 / 12,345.6 / 1，234): "1,2",
// "12,34" or "1,,234" stay as typed and are refused at the cell, as is a space inside ("1 2"),
// never read as 12 or 1234.
const GROUPED = /^\d{1,3}([,，]\d{3})+(\.\d+)?$/;
export const numberText = (c: Cell) => {
  if (typeof c === 'number') return String(c);
  const text = clean(c);
  return GROUPED.test(text) ? text.replace(/[,，]/g, '') : text;
};

type CellReading<T> = { value: T } | { zh: string; en: string };

/** A count cell (1,234 and １２３４ too): the whole number, or what is wrong with it. */
export function countCell(raw: Cell): CellReading<number> {
  // a whole number cell, as its text would be read below (-0 as 0, as its text "0")
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= MAX_COUNT)
    return { value: raw + 0 };
  const text = clean(raw);
  const t = numberText(raw);
  if (!/^\d+(\.0+)?$/.test(t))
    return { zh: `“${text}”不是非负整数`, en: `"${text}" is not a whole number ≥ 0` };
  if (Number(t.split('.')[0]) > MAX_COUNT)
    return { zh: `“${text}”超过上限 ${MAX_COUNT}`, en: `"${text}" is above ${MAX_COUNT}` };
  return { value: Number(t.split('.')[0]) };
}

/** An amount cell in 万元: decimal text with at most two decimals, or what is wrong with it. */
export function moneyCell(raw: Cell): CellReading<string> {
  const t = typeof raw === 'number' ? '' : numberText(raw); // (a number is read as one below)
  // a number cell must already be whole fen (分): 12.345 is refused, not rounded. Excel keeps
  // 15 significant digits, so binary noise (0.30000000000000004) is read at that precision.
  const v = typeof raw === 'number' ? Number(raw.toPrecision(15)) : NaN;
  if (
    typeof raw === 'number' ? !(v >= 0) || Number(v.toFixed(2)) !== v : !/^\d+(\.\d{1,2})?$/.test(t)
  )
    return {
      zh: `“${clean(raw)}”不是非负金额（最多两位小数）`,
      en: `"${clean(raw)}" is not an amount ≥ 0 with at most two decimals`,
    };
  return { value: typeof raw === 'number' ? v.toFixed(2) : t };
}

/** Finds the header row (the first row whose first cell names the region-code column) and maps columns. */
function columnMap(
  rows: Cell[][],
): { headerIndex: number; map: Map<TemplateColumn['key'], number> } | null {
  const headerIndex = rows.findIndex(
    (r) =>
      clean(r[0] ?? null).startsWith('统筹地区编码') ||
      clean(r[0] ?? null)
        .toLowerCase()
        .startsWith('regioncode'),
  );
  if (headerIndex < 0) return null;
  const header = rows[headerIndex]!.map((c) => clean(c));
  const map = new Map<TemplateColumn['key'], number>();
  for (const col of TEMPLATE_COLUMNS) {
    const zh = col.header.split(' (')[0]!;
    const i = header.findIndex(
      (h) =>
        h === col.header ||
        h.startsWith(zh) ||
        (col.formerHeaders ?? []).some((f) => h.startsWith(f)) ||
        h.toLowerCase() === col.key.toLowerCase(),
    );
    if (i >= 0) map.set(col.key, i);
  }
  return { headerIndex, map };
}

/** What a file is read into: its rows, every problem (by file row), and the sign-off cells. */
export interface ParsedTemplate {
  rows: ReportRowBody[];
  problems: ImportProblem[];
  fileRows: number[];
  signOff?: SignOff;
}

/** The CSV or XLSX the file is, by its name or its first bytes (a zip). */
export const isXlsxFile = (buf: Buffer, filename: string) =>
  /\.xlsx$/i.test(filename) || (buf[0] === 0x50 && buf[1] === 0x4b);

/**
 * Reads the file; `maxRows` (spreadsheet rows) throws LimitExceeded. Runs in a worker thread
 * (parse-worker.ts); read-upload.ts reads a small file on the request thread with the same
 * steps when the template's own reader follows it (`templateRows` on the cells it read).
 */
export async function parseTemplate(
  buf: Buffer,
  filename: string,
  maxRows = Number.POSITIVE_INFINITY,
  parts?: ZipParts | null,
): Promise<ParsedTemplate> {
  const xlsx = isXlsxFile(buf, filename) ? await parseXlsx(buf, maxRows, parts) : undefined;
  return templateRows(xlsx === undefined ? parseCsv(buf, maxRows) : (xlsx?.cells ?? null), xlsx);
}

/**
 * The template's rows from a file's cells (null: an XLSX that could not be read); `xlsx`, the
 * version an XLSX was stamped with (undefined for a CSV).
 */
export function templateRows(
  cells: Cell[][] | null,
  xlsx: { version: string | null } | null | undefined,
): ParsedTemplate {
  const fileProblem = (zh: string, en: string, code = 'badTemplate'): ImportProblem => ({
    row: 1,
    column: '',
    path: '/file',
    code,
    zh,
    en,
  });
  if (!cells)
    return {
      rows: [],
      problems: [
        fileProblem(
          '无法读取该 XLSX 文件：请用 Excel 另存为 .xlsx 或 .csv 后重试',
          'The XLSX file cannot be read: save it again as .xlsx or .csv in Excel',
          'unreadableFile',
        ),
      ],
      fileRows: [],
    };
  const found = columnMap(cells);
  if (!found)
    return {
      rows: [],
      problems: [
        fileProblem(
          '找不到表头：第一列应为“统筹地区编码”',
          'No header row: the first column must be 统筹地区编码 (region code)',
        ),
      ],
      fileRows: [],
    };
  const missing = TEMPLATE_COLUMNS.filter((c) => c.required && !found.map.has(c.key));
  if (missing.length)
    return {
      rows: [],
      problems: missing.map((c) => ({
        ...fileProblem(`缺少列：${c.header}`, `Missing column: ${c.header}`),
        column: c.header,
      })),
      fileRows: [],
    };
  // an XLSX template must be the current one: an older one has other columns or rules
  if (xlsx && xlsx.version !== TEMPLATE_VERSION)
    return {
      rows: [],
      problems: [
        fileProblem(
          xlsx.version
            ? `模板版本 ${xlsx.version} 已过期（当前为 ${TEMPLATE_VERSION}）：请下载新模板，将数据填入后再导入`
            : `该文件不是当前版本（${TEMPLATE_VERSION}）的填报模板：请下载新模板，将数据填入后再导入`,
          xlsx.version
            ? `Template version ${xlsx.version} is out of date (current: ${TEMPLATE_VERSION}): download the new template, fill it in and import that`
            : `This file is not the current template (version ${TEMPLATE_VERSION}): download the new template, fill it in and import that`,
          'templateVersion',
        ),
      ],
      fileRows: [],
    };

  const rows: ReportRowBody[] = [];
  const { signOff, problems } = readSignOff(cells.slice(0, found.headerIndex));
  const fileRows: number[] = [];
  // where each template column is in the file (-1: not there)
  const at = TEMPLATE_COLUMNS.map((c) => found.map.get(c.key) ?? -1);
  cells.slice(found.headerIndex + 1).forEach((r, k) => {
    const fileRow = found.headerIndex + 2 + k;
    // each column's cell (null when the row or the file has none) and its text, read once
    const raws = at.map((i) => (i < 0 ? null : (r[i] ?? null)));
    const texts = raws.map((c) => clean(c));
    if (texts.every((t) => t === '')) return;
    const index = rows.length;
    const bad = (col: TemplateColumn, code: string, zh: string, en: string) =>
      problems.push({
        row: fileRow,
        column: col.header,
        path: `/rows/${index}/${col.key}`,
        code,
        zh: `第 ${fileRow} 行「${col.header.split(' (')[0]}」：${zh}`,
        en: `Row ${fileRow}, ${col.key}: ${en}`,
      });
    const out: Record<string, unknown> = {};
    for (let c = 0; c < TEMPLATE_COLUMNS.length; c++) {
      const col = TEMPLATE_COLUMNS[c]!;
      const raw = raws[c]!;
      const text = texts[c]!;
      if (text === '') {
        if (col.required) bad(col, 'required', '必填', 'required');
        else out[col.key] = null;
        continue;
      }
      switch (col.kind) {
        case 'code':
          out[col.key] = numberText(raw).replace(/\.0+$/, '');
          break;
        case 'text': {
          // a note the template wrote as '=… (formula-like text) is stored as it was entered
          const value = restoreCell(text);
          // the same limits as the API's note field; control characters (NUL) cannot be stored
          // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
          if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value))
            bad(col, 'invalidText', '含有不可见的控制字符', 'contains control characters');
          else if (value.length > MAX_TEXT)
            bad(col, 'tooLong', `超过 ${MAX_TEXT} 个字符`, `longer than ${MAX_TEXT} characters`);
          else out[col.key] = value;
          break;
        }
        case 'method': {
          const m = text.toUpperCase();
          if (m !== 'DRG' && m !== 'DIP')
            bad(col, 'unknownMethod', '应为 DRG 或 DIP', 'must be DRG or DIP');
          else out[col.key] = m;
          break;
        }
        case 'stage': {
          const s = STAGE_FROM_TEXT[text] ?? STAGE_FROM_TEXT[text.toLowerCase()];
          if (!s)
            bad(
              col,
              'unknownStage',
              `“${text}”不是有效阶段（未启动/准备/模拟付费/实际付费）`,
              `"${text}" is not a stage (未启动/准备/模拟付费/实际付费)`,
            );
          else out[col.key] = s;
          break;
        }
        case 'count': {
          const v = countCell(raw);
          if ('zh' in v) bad(col, 'notACount', v.zh, v.en);
          else out[col.key] = v.value;
          break;
        }
        case 'money': {
          const v = moneyCell(raw);
          if ('zh' in v) bad(col, 'notAnAmount', v.zh, v.en);
          else out[col.key] = v.value;
          break;
        }
      }
    }
    const { regionName: _name, ...row } = out as Record<string, unknown> & { regionName?: unknown };
    rows.push({ method: null, ...row } as ReportRowBody);
    fileRows.push(fileRow);
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push(fileProblem('文件中没有数据行', 'The file has no data rows'));
  // the same limit as a save's body: what one cannot save, one cannot import either
  if (rows.length > MAX_ROWS)
    return {
      rows: [],
      problems: [
        fileProblem(
          `文件有 ${rows.length} 个数据行，超过上限 ${MAX_ROWS}（每个统筹地区一行）`,
          `The file has ${rows.length} data rows, more than ${MAX_ROWS} (one per coordinating region)`,
          'tooManyRows',
        ),
      ],
      fileRows: [],
    };
  return { rows, problems, fileRows, signOff };
}
