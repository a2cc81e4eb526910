/**
 * Reads a filled template (CSV or XLSX) into report rows, accepting what Excel writes:
 * UTF-8 with or without BOM, GBK (Excel's default "CSV" on Chinese Windows), numbers stored
 * as text, thousands separators (1,234 / 1，234), full-width digits. Every problem names the
 * file row (as Excel numbers it) and the column; nothing is returned when any row is bad.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import type { ReportRowBody } from '../reports/schemas.ts';
import { STAGE_FROM_TEXT, TEMPLATE_COLUMNS, type TemplateColumn } from './template.ts';

export interface ImportProblem {
  /** row number as the spreadsheet shows it (header = 1) */
  row: number;
  column: string;
  path: string;
  code: string;
  zh: string;
  en: string;
}

export type Cell = string | number | null;

export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return iconv.decode(buf, 'gb18030');
  }
}

function parseCsv(buf: Buffer): Cell[][] {
  const res = Papa.parse<string[]>(decodeCsv(buf), { skipEmptyLines: 'greedy' });
  return res.data;
}

async function parseXlsx(buf: Buffer): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= ws.columnCount; i++) {
      const v = row.getCell(i).value as unknown;
      if (v === null || v === undefined) cells.push(null);
      else if (typeof v === 'number' || typeof v === 'string') cells.push(v);
      else if (typeof v === 'object' && v && 'result' in v) cells.push((v as { result: Cell }).result ?? null);
      else if (typeof v === 'object' && v && 'richText' in v) cells.push((v as { richText: { text: string }[] }).richText.map((t) => t.text).join(''));
      else cells.push(String(v));
    }
    rows.push(cells);
  });
  return rows;
}

const fullWidth = (s: string) => s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\uFF0E/g, '.');
const clean = (c: Cell) => (c === null ? '' : fullWidth(String(c)).trim());
const numberText = (c: Cell) => clean(c).replace(/[,，\s]/g, '');

/** Finds the header row (the first row whose first cell names the region-code column) and maps columns. */
function columnMap(rows: Cell[][]): { headerIndex: number; map: Map<TemplateColumn['key'], number> } | null {
  const headerIndex = rows.findIndex((r) => clean(r[0] ?? null).startsWith('统筹地区编码') || clean(r[0] ?? null).toLowerCase().startsWith('regioncode'));
  if (headerIndex < 0) return null;
  const header = rows[headerIndex]!.map((c) => clean(c));
  const map = new Map<TemplateColumn['key'], number>();
  for (const col of TEMPLATE_COLUMNS) {
    const zh = col.header.split(' (')[0]!;
    const i = header.findIndex((h) => h === col.header || h.startsWith(zh) || h.toLowerCase() === col.key.toLowerCase());
    if (i >= 0) map.set(col.key, i);
  }
  return { headerIndex, map };
}

export async function parseTemplate(buf: Buffer, filename: string): Promise<{ rows: ReportRowBody[]; problems: ImportProblem[]; fileRows: number[] }> {
  const isXlsx = /\.xlsx$/i.test(filename) || (buf[0] === 0x50 && buf[1] === 0x4b);
  const cells = isXlsx ? await parseXlsx(buf) : parseCsv(buf);
  const found = columnMap(cells);
  const fileProblem = (zh: string, en: string): ImportProblem => ({ row: 1, column: '', path: '/file', code: 'badTemplate', zh, en });
  if (!found) return { rows: [], problems: [fileProblem('找不到表头：第一列应为“统筹地区编码”', 'No header row: the first column must be 统筹地区编码 (region code)')], fileRows: [] };
  const missing = TEMPLATE_COLUMNS.filter((c) => c.required && !found.map.has(c.key));
  if (missing.length) return { rows: [], problems: missing.map((c) => ({ ...fileProblem(`缺少列：${c.header}`, `Missing column: ${c.header}`), column: c.header })), fileRows: [] };

  const rows: ReportRowBody[] = [];
  const problems: ImportProblem[] = [];
  const fileRows: number[] = [];
  cells.slice(found.headerIndex + 1).forEach((r, k) => {
    const fileRow = found.headerIndex + 2 + k;
    const get = (key: TemplateColumn['key']) => (found.map.has(key) ? (r[found.map.get(key)!] ?? null) : null);
    if (TEMPLATE_COLUMNS.every((c) => clean(get(c.key)) === '')) return;
    const index = rows.length;
    const bad = (col: TemplateColumn, code: string, zh: string, en: string) => problems.push({ row: fileRow, column: col.header, path: `/rows/${index}/${col.key}`, code, zh: `第 ${fileRow} 行「${col.header.split(' (')[0]}」：${zh}`, en: `Row ${fileRow}, ${col.key}: ${en}` });
    const out: Record<string, unknown> = {};
    for (const col of TEMPLATE_COLUMNS) {
      const raw = get(col.key);
      const text = clean(raw);
      if (text === '') {
        if (col.required) bad(col, 'required', '必填', 'required');
        else out[col.key] = null;
        continue;
      }
      switch (col.kind) {
        case 'code':
          out[col.key] = numberText(raw).replace(/\.0+$/, '');
          break;
        case 'text':
          out[col.key] = text;
          break;
        case 'method': {
          const m = text.toUpperCase();
          if (m !== 'DRG' && m !== 'DIP') bad(col, 'unknownMethod', '应为 DRG 或 DIP', 'must be DRG or DIP');
          else out[col.key] = m;
          break;
        }
        case 'stage': {
          const s = STAGE_FROM_TEXT[text] ?? STAGE_FROM_TEXT[text.toLowerCase()];
          if (!s) bad(col, 'unknownStage', `“${text}”不是有效阶段（未启动/准备/模拟付费/实际付费）`, `"${text}" is not a stage (未启动/准备/模拟付费/实际付费)`);
          else out[col.key] = s;
          break;
        }
        case 'count': {
          const t = numberText(raw);
          if (!/^\d+(\.0+)?$/.test(t)) bad(col, 'notACount', `“${text}”不是非负整数`, `"${text}" is not a whole number ≥ 0`);
          else out[col.key] = Number(t.split('.')[0]);
          break;
        }
        case 'money': {
          const t = numberText(raw);
          if (typeof raw === 'number' ? !(raw >= 0) : !/^\d+(\.\d{1,2})?$/.test(t)) bad(col, 'notAnAmount', `“${text}”不是非负金额（最多两位小数）`, `"${text}" is not an amount ≥ 0 with at most two decimals`);
          else out[col.key] = typeof raw === 'number' ? raw.toFixed(2) : t;
          break;
        }
      }
    }
    const { regionName: _name, ...row } = out as Record<string, unknown> & { regionName?: unknown };
    rows.push({ method: null, ...row } as ReportRowBody);
    fileRows.push(fileRow);
  });
  if (rows.length === 0 && problems.length === 0) problems.push(fileProblem('文件中没有数据行', 'The file has no data rows'));
  return { rows, problems, fileRows };
}
