/** CSV exports open in Excel: a BOM, Chinese headers, a named attachment, the JSON's figures. */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STATE_WORDS, STATUS_WORDS } from '../../server/domain/vocabulary.ts';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { build, type TestContext } from './helper.ts';
import { type Bureau, figures, LN, saveThroughApi, setUpImport } from './import/helpers.ts';

let ctx: TestContext;
let bureau: Bureau;

beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
});
afterAll(async () => ctx?.close());

describe('CSV exports open in Excel: BOM, Chinese headers, a named attachment, the same figures as the JSON', () => {
  beforeAll(async () => {
    const saved = await saveThroughApi(bureau, '2024Q3', figures(bureau));
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/provinces/${LN}/reports/2024Q3/submit`,
      headers: bureau.editor.headers({ 'if-match': `"${saved.version}"` }),
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
    expect(header[0]).toBe('报告期');
    const json = (
      await ctx.app.inject({ method: 'GET', url: `/api/provinces/${LN}/progress` })
    ).json();
    const p = json.dimensions.regions[0].points[0];
    expect(rows[0]).toEqual([
      p.period,
      '统筹地区',
      '全省',
      cell(p.numerator),
      cell(p.denominator),
      pct(p.pct),
      cell(p.regionsReported),
    ]);
    expect(p.period).toBe('2024Q3');
    expect(p.regionsReported).toBe(bureau.regionCodes.length);
  });

  it('comparison', async () => {
    const { header, rows } = await csv(
      '/api/comparison?period=2024Q3&dimension=institutions&format=csv',
      'DRG-DIP各省比较_2024Q3.csv',
    );
    expect(header[0]).toBe('省份代码');
    const json = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/comparison?period=2024Q3&dimension=institutions',
      })
    ).json();
    const check = (csvRow: string[], r: (typeof json.rows)[number]) => {
      expect(csvRow.slice(0, 2)).toEqual([r.province.code, r.province.nameZh]);
      expect(csvRow[2]).toBe('医疗机构');
      expect(csvRow.slice(6, 12)).toEqual([
        cell(r.actual?.numerator),
        cell(r.actual?.denominator),
        pct(r.actual?.pct),
        pct(r.planned),
        pct(r.owed),
        pct(r.nationalPlanned),
      ]);
      expect(csvRow[14]).toBe(STATUS_WORDS[r.status as keyof typeof STATUS_WORDS].zh);
    };
    check(rows[0]!, json.rows[0]);
    const ln = json.rows.findIndex((r: { province: { code: string } }) => r.province.code === LN);
    check(rows[ln]!, json.rows[ln]);
    expect(json.rows[ln].actual.numerator).toBe(
      String(figures(bureau).reduce((s, r) => s + r.coveredInstitutions, 0)),
    );
  });

  it('completeness', async () => {
    const { header, rows } = await csv(
      '/api/completeness?period=2024Q3&format=csv',
      'DRG-DIP报送情况_2024Q3.csv',
    );
    expect(header[0]).toBe('省份代码');
    const json = (
      await ctx.app.inject({ method: 'GET', url: '/api/completeness?period=2024Q3' })
    ).json();
    const check = (csvRow: string[], r: (typeof json.rows)[number]) => {
      expect(csvRow.slice(0, 5)).toEqual([
        r.province.code,
        r.province.nameZh,
        r.hasPlan ? '是' : '否',
        cell(r.regionCount),
        cell(r.regionsReported),
      ]);
      expect(csvRow[5]).toBe(REPORT_STATE_WORDS[r.status as keyof typeof REPORT_STATE_WORDS].zh);
      expect(csvRow.slice(7, 9)).toEqual([cell(r.submittedAt), cell(r.acceptedAt)]);
    };
    check(rows[0]!, json.rows[0]);
    const ln = json.rows.findIndex((r: { province: { code: string } }) => r.province.code === LN);
    check(rows[ln]!, json.rows[ln]);
    expect(json.rows[ln].status).toBe('submitted');
  });

  it('a Chinese export carries no English codes as values; lang=en gives an English table', async () => {
    const zh = await csv(
      '/api/comparison?period=2024Q3&dimension=all&format=csv',
      'DRG-DIP各省比较_2024Q3.csv',
    );
    const codes =
      /\b(met|onTrack|accelerationNeeded|limitedProgress|deterioration|notYetDue|noPlan|noReport|draft|submitted|accepted|returned|none|regions|institutions|diseaseGroups|fund|yes|no)\b/;
    for (const row of zh.rows)
      for (const value of row.slice(0, 16)) expect(value).not.toMatch(codes);
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/comparison?period=2024Q3&dimension=all&format=csv&lang=en',
    });
    const en = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(en[0]!.slice(0, 3)).toEqual(['Province code', 'Province', 'Dimension']);
    for (const h of en[0]!) expect(h).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.slice(1).map((r) => r[14])).toContain(STATUS_WORDS.noPlan.en);
  });

  it('money is summed exactly and written as decimal text with two decimals, in JSON and CSV', async () => {
    // the bureau's fund figures, summed in whole cents: what a calculator gives
    const cents = (v: string) => BigInt(v.replace('.', ''));
    const rows = figures(bureau);
    const sum = (f: 'inpatientFund' | 'drgDipFund') =>
      rows.reduce((a, r) => a + cents(String(r[f])), 0n);
    const text = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
    const json = (
      await ctx.app.inject({ method: 'GET', url: '/api/comparison?period=2024Q3&dimension=fund' })
    ).json();
    const ln = json.rows.find((r: { province: { code: string } }) => r.province.code === LN);
    expect(ln.actual.numerator).toBe(text(sum('drgDipFund')));
    expect(ln.actual.denominator).toBe(text(sum('inpatientFund')));
    const progress = (
      await ctx.app.inject({ method: 'GET', url: `/api/provinces/${LN}/progress` })
    ).json();
    expect(progress.dimensions.fund[0].points[0].numerator).toBe(text(sum('drgDipFund')));

    const { header, rows: csvRows } = await csv(
      '/api/comparison?period=2024Q3&dimension=all&format=csv',
      'DRG-DIP各省比较_2024Q3.csv',
    );
    const money = /^\d+\.\d{2}$/;
    const numeric = [6, 7, 8, 9, 10, 11, 12, 13];
    expect(numeric.map((i) => header[i])).toEqual([
      '分子',
      '分母',
      '实际覆盖率(%)',
      '序时进度(%)',
      '应达水平(%)',
      '国家序时进度(%)',
      '与序时进度差距(百分点)',
      '与国家序时进度差距(百分点)',
    ]);
    for (const r of csvRows) {
      if (r[2] === '医保基金' && r[6])
        expect([r[6], r[7]]).toEqual([expect.stringMatching(money), expect.stringMatching(money)]);
      else if (r[6]) expect(r[6]).toMatch(/^\d+$/);
      // percentages and gaps: one decimal at most, never float noise
      for (const i of numeric.slice(2)) expect(r[i]).toMatch(/^(-?\d+(\.\d)?)?$/);
    }
    const lnRow = csvRows.find((r) => r[0] === LN && r[2] === '医保基金')!;
    expect(lnRow[6]).toBe(text(sum('drgDipFund')));

    // the XLSX holds numbers (not text) that Excel shows as the same two-decimal amounts
    const xlsx = await ctx.app.inject({
      method: 'GET',
      url: '/api/comparison?period=2024Q3&dimension=fund&format=xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== LN) return;
      found = true;
      expect(row.getCell(7).value).toBe(Number(text(sum('drgDipFund'))));
      expect(String(row.getCell(7).value)).toBe(text(sum('drgDipFund')).replace(/\.?0+$/, ''));
    });
    expect(found).toBe(true);
  });
});
