/** A template file with one bad row stores nothing and names the row as Excel numbers it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { build, type TestContext } from './helper.ts';
import {
  type Bureau,
  figures,
  filledCsvText,
  filledXlsx,
  LN,
  saveThroughApi,
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

describe('a file with one bad row stores nothing and names the row', () => {
  const auditCount = () => ctx.db.auditEvent.count();

  it('XLSX: covered > eligible in spreadsheet row 5 → 422 naming row 5; no report is created', async () => {
    const file = await filledXlsx(bureau, '2024Q1', figures(bureau), (ws, _h, col) => {
      ws.getRow(5).getCell(col('coveredInstitutions')).value = 99_999;
    });
    const audit = await auditCount();
    const res = await upload(bureau, '2024Q1', 'bad.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.rows).toEqual([5]);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 5, code: 'coveredAboveEligible' });
    expect(body.errors[0].path).toMatch(/\/rows\/\d+\/coveredInstitutions$/);
    expect(body.errors[0].zh).toContain('第 5 行');
    expect(body.errors[0].en).toContain('Row 5');
    expect(await storedRows(bureau, '2024Q1')).toBeNull();
    expect(await auditCount()).toBe(audit);
  });

  it('XLSX: a row naming another province’s region → 422 naming that row and the region', async () => {
    const other = await ctx.db.coordinatingRegion.findFirstOrThrow({
      where: { provinceCode: { not: LN } },
    });
    const file = await filledXlsx(bureau, '2024Q1', figures(bureau), (ws, _h, col) => {
      ws.getRow(6).getCell(col('regionCode')).value = other.code;
    });
    const res = await upload(bureau, '2024Q1', 'other.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    const body = res.json();
    expect(body.rows).toEqual([6]);
    expect(body.errors).toEqual([
      expect.objectContaining({ row: 6, code: 'regionOfAnotherProvince' }),
    ]);
    expect(await storedRows(bureau, '2024Q1')).toBeNull();
  });

  it('CSV: a count that is not a number in row 7 → 422 naming row 7 and the column', async () => {
    const csv = await filledCsvText(bureau, '2024Q1', figures(bureau), (table, col) => {
      table[6]![col('groupedCases')] = '约十万';
    });
    const res = await upload(bureau, '2024Q1', 'bad.csv', Buffer.from(`\uFEFF${csv}`, 'utf8'));
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
    expect(await storedRows(bureau, '2024Q1')).toBeNull();
  });

  it('a bad file over an existing draft leaves the previous version untouched', async () => {
    const before = await saveThroughApi(bureau, '2024Q2', figures(bureau));
    const rowsBefore = await storedRows(bureau, '2024Q2');
    const csv = await filledCsvText(bureau, '2024Q2', figures(bureau), (table, col) => {
      table[3]![col('drgDipFund')] = '9,999,999.00'; // more than the inpatient fund
    });
    const res = await upload(bureau, '2024Q2', 'bad.csv', Buffer.from(csv, 'utf8'), {
      'if-match': `"${before.version}"`,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().rows).toEqual([4]);
    expect(await storedRows(bureau, '2024Q2')).toEqual(rowsBefore);
    expect(
      (await ctx.db.report.findFirstOrThrow({ where: { provinceCode: LN, period: '2024Q2' } }))
        .version,
    ).toBe(before.version);
  });

  it('row numbers stay those Excel shows when the file has blank rows', async () => {
    const csv = await filledCsvText(bureau, '2024Q1', figures(bureau), (table, col) => {
      table[4]![col('eligibleInstitutions')] = '-3';
      table.splice(
        2,
        0,
        TEMPLATE_COLUMNS.map(() => ''),
      ); // a blank line as row 3
    });
    const res = await upload(bureau, '2024Q1', 'blank-line.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode).toBe(422);
    expect(res.json().rows).toEqual([6]);

    let bad = 0;
    const xlsx = await filledXlsx(bureau, '2024Q1', figures(bureau), (ws, headerRow, col) => {
      ws.spliceRows(headerRow + 1, 0, []); // a blank row right under the header
      bad = headerRow + 4;
      ws.getRow(bad).getCell(col('inpatientCases')).value = 'n/a';
    });
    const res2 = await upload(bureau, '2024Q1', 'blank-row.xlsx', xlsx);
    expect(res2.statusCode).toBe(422);
    expect(res2.json().rows).toEqual([bad]);
    expect(await storedRows(bureau, '2024Q1')).toBeNull();
  });

  it.each([
    ['a count above 100 million', 'eligibleInstitutions', 3_000_000_000, 'notACount'],
    ['an amount with three decimals', 'inpatientFund', 234_567.125, 'notAnAmount'],
    ['a note over 1000 characters', 'note', '备'.repeat(1001), 'tooLong'],
  ] as const)(
    'XLSX: %s is refused with its row, like the API refuses it',
    async (_label, key, value, code) => {
      let row = 0;
      const file = await filledXlsx(bureau, '2024Q1', figures(bureau), (ws, headerRow, col) => {
        row = headerRow + 2; // the template's sign-off cells sit above its header
        ws.getRow(row).getCell(col(key)).value = value;
      });
      const res = await upload(bureau, '2024Q1', 'edge.xlsx', file);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ row, code })]);
      expect(await storedRows(bureau, '2024Q1')).toBeNull();
    },
  );

  it('CSV: a note with a NUL character (which PostgreSQL cannot store) is refused with its row, not a 500', async () => {
    const csv = await filledCsvText(bureau, '2024Q1', figures(bureau), (table, col) => {
      table[2]![col('note')] = '已核对\u0000';
    });
    const res = await upload(bureau, '2024Q1', 'nul.csv', Buffer.from(csv, 'utf8'));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 3, code: 'invalidText' })]);
    expect(await storedRows(bureau, '2024Q1')).toBeNull();
  });

  it('a file that is not a spreadsheet gets 422 naming the file, not a 500', async () => {
    const res = await upload(
      bureau,
      '2024Q1',
      'report.xlsx',
      Buffer.from('PK\u0003\u0004 this is not a zip'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('/file');
  });
});

describe('an upload that carries no file', () => {
  const routes = [
    `/api/provinces/${LN}/reports/2024Q1/import`,
    `/api/provinces/${LN}/reports/2024Q1/institutions/import`,
  ];

  it.each(routes)('%s: a JSON body → 415 multipartRequired at /body/file', async (url) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: bureau.editor.headers(),
      payload: { rows: [] },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'multipartRequired',
      errors: [{ path: '/body/file', code: 'required' }],
    });
  });

  it.each(routes)('%s: a form with no file in it → 400 fileRequired', async (url) => {
    const boundary = 'no-file-boundary';
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: {
        ...bureau.editor.headers(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'fileRequired' });
  });
});
