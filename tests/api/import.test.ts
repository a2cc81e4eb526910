/**
 * A bureau downloads the quarterly template, fills it in Excel (or saves it as CSV, often
 * GBK on Chinese Windows) and uploads it. The stored report must be the one the same
 * figures give when entered through the API; a file with a bad row stores nothing and names
 * the row as Excel numbers it. The CSV exports open in Excel with Chinese intact.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_LABELS, TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import type { ReportRowBody } from '../../server/modules/reports/schemas.ts';
import { multipartFile } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext } from './helper.ts';

const LN = '210000';
const STAGES = ['actual', 'simulated', 'preparing', 'notStarted'] as const;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let ctx: TestContext;
let editor: Agent;
let regionCodes: string[];

/** One quarter's figures, varied on purpose: thousands, decimals, no method, every stage, subset figures, a note with a comma. */
function figures(): ReportRowBody[] {
  return regionCodes.map((regionCode, i) => ({
    regionCode,
    method: i % 5 === 4 ? null : i % 2 ? 'DIP' : 'DRG',
    stage: STAGES[i % 4]!,
    eligibleInstitutions: 1_200 + i * 37,
    coveredInstitutions: 800 + i * 11,
    inpatientCases: 123_456 + i * 1_001,
    groupedCases: 100_000 + i * 999,
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

async function download(period: string, format: 'csv' | 'xlsx', agent: Agent | null = editor) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/${LN}/reports/${period}/template?format=${format}`,
    headers: agent ? { cookie: agent.cookie } : {},
  });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res;
}

/** The template as Excel leaves it after a person types the figures in (some as numbers, some as text). */
async function filledXlsx(
  period: string,
  rows: ReportRowBody[],
  edit?: (ws: ExcelJS.Worksheet, headerRow: number, col: (key: string) => number) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await download(period, 'xlsx')).rawPayload as unknown as ArrayBuffer);
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
async function filledCsvText(
  period: string,
  rows: ReportRowBody[],
  edit?: (table: string[][], col: (key: string) => number) => void,
): Promise<string> {
  const text = (await download(period, 'csv')).body;
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

async function upload(
  period: string,
  filename: string,
  content: Buffer,
  headers: Record<string, string> = {},
) {
  const type = filename.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
  const body = multipartFile(filename, content, type);
  return ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${period}/import`,
    payload: body.payload,
    headers: { ...editor.headers(headers), ...body.headers },
  });
}

async function saveThroughApi(period: string, rows: ReportRowBody[]) {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${LN}/reports/${period}`,
    headers: editor.headers(),
    payload: { rows },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
}

/** The stored rows of a report, as the database holds them (ids and report left out). */
async function storedRows(period: string) {
  const rep = await ctx.db.report.findUnique({
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

beforeAll(async () => {
  ctx = await build();
  editor = await signIn(ctx, 'editor', LN);
  regionCodes = (
    await ctx.db.coordinatingRegion.findMany({
      where: { provinceCode: LN },
      orderBy: { sortOrder: 'asc' },
    })
  ).map((r) => r.code);
  await saveThroughApi('2022Q4', figures()); // the reference: the same figures entered through the API
});
afterAll(async () => ctx?.close());

describe('importing the filled template stores the same report as entering it through the API', () => {
  /** the rows the figures should be stored as, in the storedRows() shape */
  const expected = () =>
    figures()
      .map(({ regionCode, ...r }) => ({ region: regionCode, ...r }))
      .sort((a, b) => a.region.localeCompare(b.region));

  it('an XLSX filled in Excel (numbers and text, thousands separators, stage in Chinese) stores the figures typed', async () => {
    const res = await upload('2023Q1', '辽宁_2023Q1.xlsx', await filledXlsx('2023Q1', figures()));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({
      provinceCode: LN,
      period: '2023Q1',
      status: 'draft',
      version: 1,
      missingRegions: [],
    });
    expect(await storedRows('2023Q1')).toEqual(expected());
  });

  it('a CSV saved by Excel as UTF-8 with BOM stores the figures typed', async () => {
    const csv = `\uFEFF${await filledCsvText('2023Q2', figures())}`;
    const res = await upload('2023Q2', '辽宁_2023Q2.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(await storedRows('2023Q2')).toEqual(expected());
  });

  it('a CSV saved by Excel on Chinese Windows (GBK, no BOM, full-width comma separators) stores the figures typed', async () => {
    const text = await filledCsvText('2023Q3', figures(), (table, col) => {
      table[1]![col('inpatientCases')] = table[1]![col('inpatientCases')]!.replace(/,/g, '，');
    });
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.includes(Buffer.from('统筹地区编码', 'utf8'))).toBe(false); // really not UTF-8
    const res = await upload('2023Q3', '辽宁_2023Q3.csv', gbk);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(await storedRows('2023Q3')).toEqual(expected());
  });

  it('the same figures saved through PUT are stored as sent (no subset figures → null, no note → null)', async () => {
    expect(await storedRows('2022Q4')).toEqual(expected());
  });

  it('the three imports and the same figures saved through PUT are stored and read back identically', async () => {
    const entered = await storedRows('2022Q4');
    for (const period of ['2023Q1', '2023Q2', '2023Q3'])
      expect({ period, rows: await storedRows(period) }).toEqual({ period, rows: entered });
    const read = async (period: string) =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/provinces/${LN}/reports/${period}`,
          headers: { cookie: editor.cookie },
        })
      ).json();
    const [imported, viaApi] = [await read('2023Q1'), await read('2022Q4')];
    expect(imported.rows).toEqual(viaApi.rows);
    expect(imported.missingRegions).toEqual(viaApi.missingRegions);
  });

  it('importing over an existing draft needs the version edited (If-Match), like a save', async () => {
    const file = await filledXlsx('2023Q1', figures());
    const without = await upload('2023Q1', 'again.xlsx', file);
    expect(without.statusCode).toBe(428);
    const stale = await upload('2023Q1', 'again.xlsx', file, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(409);
    const current = await upload('2023Q1', 'again.xlsx', file, { 'if-match': '"1"' });
    expect(current.statusCode, current.body.slice(0, 300)).toBe(200);
    expect(current.json().version).toBe(2);
  });
});

describe('a file with one bad row stores nothing and names the row', () => {
  const auditCount = () => ctx.db.auditEvent.count();

  it('XLSX: covered > eligible in spreadsheet row 5 → 422 naming row 5; no report is created', async () => {
    const file = await filledXlsx('2024Q1', figures(), (ws, _h, col) => {
      ws.getRow(5).getCell(col('coveredInstitutions')).value = 99_999;
    });
    const audit = await auditCount();
    const res = await upload('2024Q1', 'bad.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.rows).toEqual([5]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 5, code: 'coveredAboveEligible' });
    expect(body.errors[0].path).toMatch(/\/rows\/\d+\/coveredInstitutions$/);
    expect(body.errors[0].zh).toContain('第 5 行');
    expect(body.errors[0].en).toContain('Row 5');
    expect(await storedRows('2024Q1')).toBeNull();
    expect(await auditCount()).toBe(audit);
  });

  it('CSV: a count that is not a number in row 7 → 422 naming row 7 and the column', async () => {
    const csv = await filledCsvText('2024Q1', figures(), (table, col) => {
      table[6]![col('groupedCases')] = '约十万';
    });
    const res = await upload('2024Q1', 'bad.csv', Buffer.from(`\uFEFF${csv}`, 'utf8'));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.rows).toEqual([7]);
    expect(body.errors).toEqual([
      expect.objectContaining({
        row: 7,
        code: 'notACount',
        column: TEMPLATE_COLUMNS.find((c) => c.key === 'groupedCases')!.header,
      }),
    ]);
    expect(body.errors[0].zh).toContain('第 7 行');
    expect(body.errors[0].zh).toContain('约十万');
    expect(await storedRows('2024Q1')).toBeNull();
  });

  it('a bad file over an existing draft leaves the previous version untouched', async () => {
    const before = await saveThroughApi('2024Q2', figures());
    const rowsBefore = await storedRows('2024Q2');
    const csv = await filledCsvText('2024Q2', figures(), (table, col) => {
      table[3]![col('drgDipFund')] = '9,999,999.00'; // more than the inpatient fund
    });
    const res = await upload('2024Q2', 'bad.csv', Buffer.from(csv, 'utf8'), {
      'if-match': `"${before.version}"`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().rows).toEqual([4]);
    expect(await storedRows('2024Q2')).toEqual(rowsBefore);
    expect(
      (await ctx.db.report.findFirstOrThrow({ where: { provinceCode: LN, period: '2024Q2' } }))
        .version,
    ).toBe(before.version);
  });

  it('row numbers stay those Excel shows when the file has blank rows', async () => {
    const csv = await filledCsvText('2024Q1', figures(), (table, col) => {
      table[4]![col('eligibleInstitutions')] = '-3';
      table.splice(
        2,
        0,
        TEMPLATE_COLUMNS.map(() => ''),
      ); // a blank line as row 3
    });
    const res = await upload('2024Q1', 'blank-line.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode).toBe(422);
    expect(res.json().rows).toEqual([6]);

    const xlsx = await filledXlsx('2024Q1', figures(), (ws, headerRow, col) => {
      ws.spliceRows(headerRow + 1, 0, []); // a blank row right under the header
      ws.getRow(headerRow + 4).getCell(col('inpatientCases')).value = 'n/a';
    });
    const res2 = await upload('2024Q1', 'blank-row.xlsx', xlsx);
    expect(res2.statusCode).toBe(422);
    expect(res2.json().rows).toEqual([6]);
    expect(await storedRows('2024Q1')).toBeNull();
  });

  it.each([
    ['a count above 100 million', 'eligibleInstitutions', 3_000_000_000, 'notACount'],
    ['an amount with three decimals', 'inpatientFund', 234_567.125, 'notAnAmount'],
    ['a note over 1000 characters', 'note', '备'.repeat(1001), 'tooLong'],
  ] as const)(
    'XLSX: %s is refused with its row, like the API refuses it',
    async (_label, key, value, code) => {
      const file = await filledXlsx('2024Q1', figures(), (ws, headerRow, col) => {
        ws.getRow(headerRow + 2).getCell(col(key)).value = value;
      });
      const res = await upload('2024Q1', 'edge.xlsx', file);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ row: 4, code })]);
      expect(await storedRows('2024Q1')).toBeNull();
    },
  );

  it('CSV: a note with a NUL character (which PostgreSQL cannot store) is refused with its row, not a 500', async () => {
    const csv = await filledCsvText('2024Q1', figures(), (table, col) => {
      table[2]![col('note')] = '已核对\u0000';
    });
    const res = await upload('2024Q1', 'nul.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 3, code: 'invalidText' })]);
    expect(await storedRows('2024Q1')).toBeNull();
  });

  it('a file that is not a spreadsheet gets 422 naming the file, not a 500', async () => {
    const res = await upload(
      '2024Q1',
      'report.xlsx',
      Buffer.from('PK\u0003\u0004 this is not a zip'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('/file');
  });
});

describe('CSV exports open in Excel: BOM, Chinese headers, a named attachment, the same figures as the JSON', () => {
  beforeAll(async () => {
    const saved = await saveThroughApi('2024Q3', figures());
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/2024Q3/submit`,
      headers: editor.headers({ 'if-match': `"${saved.version}"` }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  });

  async function csv(url: string, filename: string) {
    const res = await ctx.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(filename);
    const table = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), {
      skipEmptyLines: true,
    }).data;
    for (const h of table[0]!) expect(h).toMatch(/[\u4e00-\u9fff]/);
    return { header: table[0]!, rows: table.slice(1) };
  }
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const pct = (v: number | null | undefined) =>
    v === null || v === undefined ? '' : String(Math.round(v * 10) / 10);

  it('the template', async () => {
    const { header, rows } = await csv(
      `/api/provinces/${LN}/reports/2025Q1/template?format=csv`,
      '辽宁省_2025Q1_DRG-DIP填报模板.csv',
    );
    expect(header).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    const regions = (
      await ctx.app.inject({ method: 'GET', url: `/api/provinces/${LN}/regions` })
    ).json();
    expect(rows[0]!.slice(0, 2)).toEqual([regions[0].code, regions[0].nameZh]);
    expect(rows).toHaveLength(regions.length);
  });

  it('progress', async () => {
    const { header, rows } = await csv(
      `/api/provinces/${LN}/progress?format=csv`,
      '辽宁省_DRG-DIP进展.csv',
    );
    expect(header[0]).toBe('季度 period');
    const json = (
      await ctx.app.inject({ method: 'GET', url: `/api/provinces/${LN}/progress` })
    ).json();
    const p = json.dimensions.regions[0].points[0];
    expect(rows[0]).toEqual([
      p.period,
      'regions',
      '全省 province',
      cell(p.numerator),
      cell(p.denominator),
      pct(p.pct),
      cell(p.regionsReported),
    ]);
    expect(p.period).toBe('2024Q3');
    expect(p.regionsReported).toBe(regionCodes.length);
  });

  it('comparison', async () => {
    const { header, rows } = await csv(
      '/api/comparison?period=2024Q3&dimension=institutions&format=csv',
      'DRG-DIP各省比较_2024Q3.csv',
    );
    expect(header[0]).toBe('省份编码 code');
    const json = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/comparison?period=2024Q3&dimension=institutions',
      })
    ).json();
    const check = (csvRow: string[], r: (typeof json.rows)[number]) => {
      expect(csvRow.slice(0, 2)).toEqual([r.province.code, r.province.nameZh]);
      expect(csvRow[2]).toContain(r.dimension);
      expect(csvRow.slice(5, 11)).toEqual([
        cell(r.actual?.numerator),
        cell(r.actual?.denominator),
        pct(r.actual?.pct),
        pct(r.planned),
        pct(r.owed),
        pct(r.nationalPlanned),
      ]);
      expect(csvRow[13]).toContain(r.status);
    };
    check(rows[0]!, json.rows[0]);
    const ln = json.rows.findIndex((r: { province: { code: string } }) => r.province.code === LN);
    check(rows[ln]!, json.rows[ln]);
    expect(json.rows[ln].actual.numerator).toBe(
      figures().reduce((s, r) => s + r.coveredInstitutions, 0),
    );
  });

  it('completeness', async () => {
    const { header, rows } = await csv(
      '/api/completeness?period=2024Q3&format=csv',
      'DRG-DIP报送情况_2024Q3.csv',
    );
    expect(header[0]).toBe('省份编码 code');
    const json = (
      await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=2024Q3' })
    ).json();
    const check = (csvRow: string[], r: (typeof json.rows)[number]) => {
      expect(csvRow.slice(0, 5)).toEqual([
        r.province.code,
        r.province.nameZh,
        r.hasPlan ? '是 yes' : '否 no',
        cell(r.regionCount),
        cell(r.regionsReported),
      ]);
      expect(csvRow[5]).toContain(r.status);
      expect(csvRow.slice(6, 8)).toEqual([cell(r.submittedAt), cell(r.acceptedAt)]);
    };
    check(rows[0]!, json.rows[0]);
    const ln = json.rows.findIndex((r: { province: { code: string } }) => r.province.code === LN);
    check(rows[ln]!, json.rows[ln]);
    expect(json.rows[ln].status).toBe('submitted');
  });
});
