/** Filling in the quarterly template as a bureau does, uploading it, reading what is stored. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { STAGE_LABELS, TEMPLATE_COLUMNS } from '../../../server/modules/imports/template.ts';
import type { ReportRowBody } from '../../../server/modules/reports/schemas.ts';
import { multipartFile } from '../fixtures/requests.ts';
import { type Agent, signIn, type TestContext } from '../helper.ts';

export const LN = '210000';
const STAGES = ['actual', 'simulated', 'preparing', 'notStarted'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 辽宁's bureau in a test file's database: the app, an editor's session, the province's regions. */
export interface Bureau {
  ctx: TestContext;
  editor: Agent;
  regionCodes: string[];
}

/** Signs in 辽宁's editor; saves 2022Q4 through the API, the reference the imports must match. */
export async function setUpImport(ctx: TestContext): Promise<Bureau> {
  const editor = await signIn(ctx, 'editor', LN);
  const regionCodes = (
    await ctx.db.coordinatingRegion.findMany({
      where: { provinceCode: LN },
      orderBy: { sortOrder: 'asc' },
    })
  ).map((r) => r.code);
  const bureau = { ctx, editor, regionCodes };
  // the reference: the same figures entered through the API
  await saveThroughApi(bureau, '2022Q4', figures(bureau));
  return bureau;
}

/** One quarter's figures, varied on purpose: thousands, decimals, no method, every stage, subset and paid-institution figures, a note with a comma. */
export function figures(bureau: Bureau): ReportRowBody[] {
  return bureau.regionCodes.map((regionCode, i) => ({
    regionCode,
    method: i % 5 === 4 ? null : i % 2 ? 'DIP' : 'DRG',
    stage: STAGES[i % 4]!,
    eligibleInstitutions: 1_200 + i * 37,
    coveredInstitutions: 800 + i * 11,
    inpatientCases: 123_456 + i * 1_001,
    groupedCases: 100_000 + i * 999,
    // the paid institutions' cases (the plans' 入组率) on every other row, left out on the rest
    paidInstitutionCases: i % 2 === 0 ? 90_000 + i * 500 : null,
    paidInstitutionGroupedCases: i % 2 === 0 ? 85_000 + i * 400 : null,
    inpatientFund: (234_567.8 + i * 10.05).toFixed(2),
    drgDipFund: (123_456.78 + i).toFixed(2),
    subsetEligibleInstitutions: i % 3 === 0 ? 40 + i : null,
    subsetCoveredInstitutions: i % 3 === 0 ? 30 + i : null,
    note: i === 2 ? '含县级医院, 已复核' : null,
  }));
}

const withThousands = (n: number | string) =>
  Number(n).toLocaleString('en-US', {
    maximumFractionDigits: 2,
    minimumFractionDigits: typeof n === 'string' ? 2 : 0,
  });

/** The cell text a person types for one figure: stage in Chinese, large numbers with thousands separators. */
function cellText(row: ReportRowBody, key: (typeof TEMPLATE_COLUMNS)[number]['key']): string {
  const v = (row as Record<string, unknown>)[key];
  if (key === 'stage') return STAGE_LABELS[row.stage];
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && v >= 1000) return withThousands(v);
  if (key === 'inpatientFund' || key === 'drgDipFund') return withThousands(String(v));
  return String(v);
}

async function download(
  bureau: Bureau,
  period: string,
  format: 'csv' | 'xlsx',
  agent: Agent | null = bureau.editor,
) {
  const res = await bureau.ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/${LN}/reports/${period}/template?format=${format}`,
    headers: agent ? { cookie: agent.cookie } : {},
  });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res;
}

/** The template as Excel leaves it after a person types the figures in (some as numbers, some as text). */
export async function filledXlsx(
  bureau: Bureau,
  period: string,
  rows: ReportRowBody[],
  edit?: (ws: ExcelJS.Worksheet, headerRow: number, col: (key: string) => number) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(bureau, period, 'xlsx')).rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let headerRow = 0;
  ws.eachRow((r, n) => {
    if (!headerRow && String(r.getCell(1).value ?? '').startsWith('统筹地区编码')) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const headers = (ws.getRow(headerRow).values as unknown[]).map((v) => String(v ?? ''));
  const col = (key: string) => headers.indexOf(TEMPLATE_COLUMNS.find((c) => c.key === key)!.header);
  const byRegion = new Map(rows.map((r) => [r.regionCode, r]));
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const r = byRegion.get(String(ws.getRow(n).getCell(1).value));
    if (!r) continue;
    for (const c of TEMPLATE_COLUMNS) {
      if (c.key === 'regionCode' || c.key === 'regionName') continue;
      const v = (r as Record<string, unknown>)[c.key];
      // counts typed as numbers on even rows, as text with separators on odd ones (both happen in real files)
      ws.getRow(n).getCell(col(c.key)).value =
        c.kind === 'count' && v !== null && n % 2 === 0
          ? Number(v)
          : c.kind === 'money' && n % 2 === 0
            ? Number(v)
            : cellText(r, c.key) || null;
    }
  }
  edit?.(ws, headerRow, col);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The CSV template filled in as text; `edit` may change cells by (file row, column key). */
export async function filledCsvText(
  bureau: Bureau,
  period: string,
  rows: ReportRowBody[],
  edit?: (table: string[][], col: (key: string) => number) => void,
): Promise<string> {
  const text = (await download(bureau, period, 'csv')).body;
  expect(text.startsWith('\uFEFF')).toBe(true);
  const table = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  const col = (key: string) =>
    table[0]!.indexOf(TEMPLATE_COLUMNS.find((c) => c.key === key)!.header);
  const byRegion = new Map(rows.map((r) => [r.regionCode, r]));
  for (const line of table.slice(1)) {
    const r = byRegion.get(line[0]!)!;
    for (const c of TEMPLATE_COLUMNS)
      if (c.key !== 'regionCode' && c.key !== 'regionName') line[col(c.key)] = cellText(r, c.key);
  }
  edit?.(table, col);
  return Papa.unparse(table, { newline: '\r\n' });
}

export async function upload(
  bureau: Bureau,
  period: string,
  filename: string,
  content: Buffer,
  headers: Record<string, string> = {},
) {
  const type = filename.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
  const body = multipartFile(filename, content, type);
  return bureau.ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${period}/import`,
    payload: body.payload,
    headers: { ...bureau.editor.headers(headers), ...body.headers },
  });
}

export async function saveThroughApi(bureau: Bureau, period: string, rows: ReportRowBody[]) {
  const res = await bureau.ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${LN}/reports/${period}`,
    headers: bureau.editor.headers(),
    payload: { rows },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/** The stored rows of a report, as the database holds them (ids and report left out). */
export async function storedRows(bureau: Bureau, period: string) {
  const rep = await bureau.ctx.db.report.findUnique({
    where: { provinceCode_period: { provinceCode: LN, period } },
    include: { rows: { include: { region: true } } },
  });
  if (!rep) return null;
  return rep.rows
    .map(({ id: _id, reportId: _r, regionId: _g, region, inpatientFund, drgDipFund, ...r }) => ({
      region: region.code,
      ...r,
      inpatientFund: inpatientFund.toFixed(2),
      drgDipFund: drgDipFund.toFixed(2),
    }))
    .sort((a, b) => a.region.localeCompare(b.region));
}
