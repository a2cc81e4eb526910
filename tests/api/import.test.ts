/**
 * A bureau downloads the quarterly template, fills it in Excel (or saves it as CSV, often
 * GBK on Chinese Windows) and uploads it. The stored report must be the one the same
 * figures give when entered through the API.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestContext } from './helper.ts';
import {
  type Bureau,
  figures,
  filledCsvText,
  filledXlsx,
  LN,
  setUpImport,
  storedRows,
  upload,
} from './import/helpers.ts';

let ctx: TestContext;
let bureau: Bureau;

beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
});
afterAll(async () => ctx?.close());

describe('importing the filled template stores the same report as entering it through the API', () => {
  /** the rows the figures should be stored as, in the storedRows() shape */
  const expected = () =>
    figures(bureau)
      .map(({ regionCode, ...r }) => ({ region: regionCode, ...r }))
      .sort((a, b) => a.region.localeCompare(b.region));

  it('an XLSX filled in Excel (numbers and text, thousands separators, stage in Chinese) stores the figures typed', async () => {
    const res = await upload(
      bureau,
      '2023Q1',
      '辽宁_2023Q1.xlsx',
      await filledXlsx(bureau, '2023Q1', figures(bureau)),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({
      provinceCode: LN,
      period: '2023Q1',
      status: 'draft',
      version: 1,
      missingRegions: [],
    });
    expect(await storedRows(bureau, '2023Q1')).toEqual(expected());
  });

  it('a CSV saved by Excel as UTF-8 with BOM stores the figures typed', async () => {
    const csv = `\uFEFF${await filledCsvText(bureau, '2023Q2', figures(bureau))}`;
    const res = await upload(bureau, '2023Q2', '辽宁_2023Q2.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(await storedRows(bureau, '2023Q2')).toEqual(expected());
  });

  it('a CSV saved by Excel on Chinese Windows (GBK, no BOM, full-width comma separators) stores the figures typed', async () => {
    const text = await filledCsvText(bureau, '2023Q3', figures(bureau), (table, col) => {
      table[1]![col('inpatientCases')] = table[1]![col('inpatientCases')]!.replace(/,/g, '，');
    });
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.includes(Buffer.from('统筹地区编码', 'utf8'))).toBe(false); // really not UTF-8
    const res = await upload(bureau, '2023Q3', '辽宁_2023Q3.csv', gbk);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(await storedRows(bureau, '2023Q3')).toEqual(expected());
  });

  it('the same figures saved through PUT are stored as sent (no subset figures → null, no note → null)', async () => {
    expect(await storedRows(bureau, '2022Q4')).toEqual(expected());
  });

  it('the three imports and the same figures saved through PUT are stored and read back identically', async () => {
    const entered = await storedRows(bureau, '2022Q4');
    for (const period of ['2023Q1', '2023Q2', '2023Q3'])
      expect({ period, rows: await storedRows(bureau, period) }).toEqual({ period, rows: entered });
    const read = async (period: string) =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/provinces/${LN}/reports/${period}`,
          headers: { cookie: bureau.editor.cookie },
        })
      ).json();
    const [imported, viaApi] = [await read('2023Q1'), await read('2022Q4')];
    expect(imported.rows).toEqual(viaApi.rows);
    expect(imported.missingRegions).toEqual(viaApi.missingRegions);
  });

  it('importing over an existing draft needs the version edited (If-Match), like a save', async () => {
    const file = await filledXlsx(bureau, '2023Q1', figures(bureau));
    const without = await upload(bureau, '2023Q1', 'again.xlsx', file);
    expect(without.statusCode).toBe(409);
    expect(without.json().current.version).toBe(1);
    const stale = await upload(bureau, '2023Q1', 'again.xlsx', file, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(409);
    const current = await upload(bureau, '2023Q1', 'again.xlsx', file, { 'if-match': '"1"' });
    expect(current.statusCode, current.body.slice(0, 300)).toBe(200);
    expect(current.json().version).toBe(2);
  });
});
