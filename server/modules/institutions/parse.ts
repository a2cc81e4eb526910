/**
 * Reads an institution sheet (CSV or XLSX, columns of columns.ts in any order, the header row
 * found by its 机构编码 cell) into the rows a JSON save sends. Cells are read as the quarterly
 * template's are (imports/parse.ts: GBK or UTF-8, 1,234, full-width digits); every unreadable
 * cell is a problem naming the file's row and column. Runs in the import worker thread.
 */

import type { ZipParts } from '../imports/limits.ts';
import {
  type Cell,
  clean,
  countCell,
  type ImportProblem,
  moneyCell,
  numberText,
  parseCsv,
  parseXlsx,
} from '../imports/parse.ts';
import {
  columnHeader,
  INSTITUTION_COLUMNS,
  type InstitutionColumnKey,
  MAX_INSTITUTION_ROWS,
  MAX_SHEET_LINES,
  SHEET_HEADER_LINES,
  YES_NO_FROM_TEXT,
} from './columns.ts';
import type { InstitutionRow } from './schemas.ts';

export interface ParsedInstitutions {
  rows: InstitutionRow[];
  problems: ImportProblem[];
  /** the file's row number of each entry of `rows` */
  fileRows: number[];
  /** data rows the file holds, when over the limit (rows is then empty) */
  overLimit?: number;
}

const isHeaderOf = (key: InstitutionColumnKey, zh: string, h: string) =>
  h.startsWith(zh.split('(')[0]!) || h.toLowerCase() === key.toLowerCase();

function columnMap(cells: Cell[][]) {
  const headerIndex = cells
    .slice(0, SHEET_HEADER_LINES)
    .findIndex((r) => r.some((c) => isHeaderOf('institutionCode', '机构编码', clean(c))));
  if (headerIndex < 0) return null;
  const header = cells[headerIndex]!.map((c) => clean(c).replace(/（/g, '(').replace(/）/g, ')'));
  const map = new Map<InstitutionColumnKey, number>();
  for (const col of INSTITUTION_COLUMNS) {
    const i = header.findIndex((h) => isHeaderOf(col.key, col.zh, h));
    if (i >= 0) map.set(col.key, i);
  }
  return { headerIndex, map };
}

export async function parseInstitutionSheet(
  buf: Buffer,
  filename: string,
  /** the zip's parts, inflated within the upload limits (imports/limits.ts `unpack`) */
  parts?: ZipParts | null,
): Promise<ParsedInstitutions> {
  const isXlsx = /\.xlsx$/i.test(filename) || (buf[0] === 0x50 && buf[1] === 0x4b);
  const fileProblem = (zh: string, en: string, code = 'badTemplate', column = '') => ({
    row: 1,
    column,
    path: '/file',
    code,
    zh,
    en,
  });
  const cells = isXlsx
    ? ((await parseXlsx(buf, MAX_SHEET_LINES, parts))?.cells ?? null)
    : parseCsv(buf, MAX_SHEET_LINES);
  if (!cells)
    return {
      rows: [],
      fileRows: [],
      problems: [
        fileProblem(
          '无法读取该 XLSX 文件：请用 Excel 另存为 .xlsx 或 .csv 后重试',
          'The XLSX file cannot be read: save it again as .xlsx or .csv in Excel',
          'unreadableFile',
        ),
      ],
    };
  const found = columnMap(cells);
  if (!found)
    return {
      rows: [],
      fileRows: [],
      problems: [
        fileProblem(
          '找不到表头：应有一行以“机构编码”等列名开头（请下载模板）',
          'No header row: a row naming 机构编码 (institution code) and the other columns is needed (download the template)',
        ),
      ],
    };
  const missing = INSTITUTION_COLUMNS.filter((c) => c.required && !found.map.has(c.key));
  if (missing.length)
    return {
      rows: [],
      fileRows: [],
      problems: missing.map((c) =>
        fileProblem(`缺少列：${c.zh}`, `Missing column: ${c.en}`, 'badTemplate', columnHeader(c)),
      ),
    };

  const rows: InstitutionRow[] = [];
  const fileRows: number[] = [];
  const problems: ImportProblem[] = [];
  let dataRows = 0;
  cells.slice(found.headerIndex + 1).forEach((r, k) => {
    const get = (key: InstitutionColumnKey) =>
      found.map.has(key) ? (r[found.map.get(key)!] ?? null) : null;
    if (INSTITUTION_COLUMNS.every((c) => clean(get(c.key)) === '')) return;
    if (++dataRows > MAX_INSTITUTION_ROWS) return;
    const fileRow = found.headerIndex + 2 + k;
    const index = rows.length;
    const out: Record<string, unknown> = {};
    for (const col of INSTITUTION_COLUMNS) {
      const raw = get(col.key);
      const text = clean(raw);
      const bad = (code: string, zh: string, en: string) =>
        problems.push({
          row: fileRow,
          column: columnHeader(col),
          path: `/rows/${index}/${col.key}`,
          code,
          zh: `第 ${fileRow} 行「${col.zh}」：${zh}`,
          en: `Row ${fileRow}, ${col.en}: ${en}`,
        });
      if (text === '') {
        if (col.required) bad('required', '必填', 'required');
        out[col.key] =
          col.kind === 'text' || col.kind === 'yesNo' || col.kind === 'method' ? null : '';
        continue;
      }
      switch (col.kind) {
        case 'code':
          out[col.key] = numberText(raw).replace(/\.0+$/, '');
          break;
        case 'text':
          if (text.length > 200) bad('tooLong', '超过 200 个字符', 'longer than 200 characters');
          out[col.key] = text;
          break;
        case 'yesNo': {
          const v = YES_NO_FROM_TEXT[text] ?? YES_NO_FROM_TEXT[text.toLowerCase()];
          if (v === undefined)
            bad('notYesNo', `“${text}”应为 是 或 否`, `"${text}" must be 是 or 否 (yes/no)`);
          out[col.key] = v ?? false;
          break;
        }
        case 'method': {
          const m = text.toUpperCase();
          if (m !== 'DRG' && m !== 'DIP')
            bad('unknownMethod', '应为 DRG 或 DIP', 'must be DRG or DIP');
          out[col.key] = m === 'DRG' || m === 'DIP' ? m : null;
          break;
        }
        case 'count': {
          const v = countCell(raw);
          if ('zh' in v) bad('notACount', v.zh, v.en);
          out[col.key] = 'zh' in v ? 0 : v.value;
          break;
        }
        case 'money': {
          const v = moneyCell(raw);
          if ('zh' in v) bad('notAnAmount', v.zh, v.en);
          out[col.key] = 'zh' in v ? '0' : v.value;
          break;
        }
      }
    }
    rows.push(out as unknown as InstitutionRow);
    fileRows.push(fileRow);
  });
  // the same limit as a JSON save: what one cannot save, one cannot import either
  if (dataRows > MAX_INSTITUTION_ROWS)
    return { rows: [], problems: [], fileRows: [], overLimit: dataRows };
  if (rows.length === 0 && problems.length === 0)
    problems.push(fileProblem('文件中没有数据行', 'The file has no data rows'));
  return { rows, problems, fileRows };
}
