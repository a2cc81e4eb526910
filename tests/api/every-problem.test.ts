/**
 * A bureau fixes its quarter in one go: a save or an import is checked row by row, field by
 * field and rule by rule before the answer, and one 422 lists every problem — the form of a
 * figure (a 3-decimal amount, a word where a count belongs) and the rules between figures.
 */
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

const save = (period: string, rows: unknown[]) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/api/provinces/${LN}/reports/${period}`,
    headers: bureau.editor.headers(),
    payload: { rows },
  });
const problems = (body: { errors: { path: string; code: string }[] }) =>
  body.errors.map((e) => `${e.path} ${e.code}`);

describe('a save answers every problem at once', () => {
  it('three different rules broken in three rows: one 422 naming all three, nothing saved', async () => {
    const rows = figures(bureau);
    rows[0]!.coveredInstitutions = rows[0]!.eligibleInstitutions + 1;
    rows[3]!.groupedCases = rows[3]!.inpatientCases + 1;
    rows[5]!.drgDipFund = (Number(rows[5]!.inpatientFund) + 0.01).toFixed(2);
    const res = await save('2024Q2', rows);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('invalidFigures');
    expect(problems(body)).toEqual([
      '/body/rows/0/coveredInstitutions coveredAboveEligible',
      '/body/rows/3/groupedCases groupedAboveCases',
      '/body/rows/5/drgDipFund fundAboveTotal',
    ]);
    expect(body.zh).toContain('3 处错误');
    expect(await storedRows(bureau, '2024Q2')).toBeNull();
  });

  it('a 3-decimal fund in one row and covered > eligible in another come back together', async () => {
    const rows: Record<string, unknown>[] = figures(bureau);
    rows[1]!.inpatientFund = '234577.851';
    rows[2]!.coveredInstitutions = 99_999;
    rows[4]!.drgDipFund = 1.234;
    const res = await save('2024Q2', rows);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(problems(body)).toEqual([
      '/body/rows/1/inpatientFund notAnAmount',
      '/body/rows/2/coveredInstitutions coveredAboveEligible',
      '/body/rows/4/drgDipFund notAnAmount',
    ]);
    // in the domain's words, with the field named
    expect(body.errors[0].zh).toBe('住院医保基金支出（万元）应为非负金额，最多两位小数');
    expect(await storedRows(bureau, '2024Q2')).toBeNull();
  });

  it('a word where a count belongs, a missing stage and an unknown property are listed with a broken rule', async () => {
    const rows: Record<string, unknown>[] = figures(bureau);
    rows[0]!.inpatientCases = '很多';
    delete rows[1]!.stage;
    rows[2]!.extra = 1;
    rows[6]!.coveredInstitutions = 99_999;
    const res = await save('2024Q2', rows);
    expect(res.statusCode).toBe(422);
    expect(problems(res.json())).toEqual([
      '/body/rows/0/inpatientCases notACount',
      '/body/rows/1/stage required',
      '/body/rows/6/coveredInstitutions coveredAboveEligible',
      '/body/rows/2/extra additionalProperties',
    ]);
  });

  it('a body with no rows to check keeps its 400 naming the field', async () => {
    const res = await save('2024Q2', []);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/body/rows');
  });

  it('an anonymous save of a malformed body is refused for who sends it, before its figures are read', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/provinces/${LN}/reports/2024Q2`,
      payload: { rows: [{ regionCode: 'x' }] },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('an import lists every bad row', () => {
  it('XLSX with three bad rows (two unreadable cells, one broken rule) names all three rows', async () => {
    const file = await filledXlsx(bureau, '2024Q2', figures(bureau), (ws, h, col) => {
      ws.getRow(h + 1).getCell(col('inpatientFund')).value = '12.345';
      ws.getRow(h + 3).getCell(col('groupedCases')).value = '约十万';
      ws.getRow(h + 5).getCell(col('coveredInstitutions')).value = 99_999;
    });
    const res = await upload(bureau, '2024Q2', 'three-bad-rows.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    const body = res.json();
    expect(body.rows).toHaveLength(3);
    expect(body.errors.map((e: { code: string }) => e.code)).toEqual([
      'notAnAmount',
      'notACount',
      'coveredAboveEligible',
    ]);
    expect(body.errors[2].zh).toMatch(/^第 \d+ 行：/);
    expect(await storedRows(bureau, '2024Q2')).toBeNull();
  });

  it('CSV: a rule broken in a row beside an unreadable cell of that row is named too', async () => {
    const csv = await filledCsvText(bureau, '2024Q2', figures(bureau), (table, col) => {
      table[1]![col('inpatientCases')] = 'n/a';
      table[1]![col('coveredInstitutions')] = '99999';
      table[2]![col('stage')] = '快好了';
    });
    const res = await upload(bureau, '2024Q2', 'bad.csv', Buffer.from(`\uFEFF${csv}`, 'utf8'));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.rows).toEqual([2, 3]);
    expect(body.errors.map((e: { row: number; code: string }) => `${e.row} ${e.code}`)).toEqual([
      '2 coveredAboveEligible',
      '2 notACount',
      '3 unknownStage',
    ]);
  });
});
