/**
 * A note or a plan's text that starts like a formula (OWASP CSV injection) must never run when a
 * reviewer opens an export in Excel: every CSV cell the server writes is neutralised with an
 * apostrophe, XLSX cells are text, negative numbers stay numbers, and a template filled and
 * imported again stores the note as it was typed.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_START } from '../../server/domain/formula-cells.ts';
import { planContent } from './fixtures/requests.ts';
import { type Agent, build, signIn, type TestContext } from './helper.ts';
import {
  type Bureau,
  figures,
  LN,
  saveThroughApi,
  setUpImport,
  storedRows,
  upload,
} from './import/helpers.ts';

const FORMULAS = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-1+1',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://example.com","点此")',
];
const PERIOD = '2024Q3';

let ctx: TestContext;
let bureau: Bureau;
let admin: Agent;

beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
  admin = await signIn(ctx, 'admin');
  // notes that look like formulas, on a submitted (public) report
  const rows = figures(bureau).map((r, i) => ({ ...r, note: FORMULAS[i] ?? r.note }));
  const saved = await saveThroughApi(bureau, PERIOD, rows);
  const submit = await ctx.app.inject({
    method: 'POST',
    url: `/api/provinces/${LN}/reports/${PERIOD}/submit`,
    headers: bureau.editor.headers({ 'if-match': `"${saved.version}"` }),
  });
  expect(submit.statusCode, submit.body.slice(0, 300)).toBe(200);
  // a plan whose document number and clause look like formulas (admins and editors type these),
  // for a province with a region, so the comparison evaluates it
  await ctx.db.coordinatingRegion.create({
    data: {
      code: '110000-T',
      provinceCode: '110000',
      nameZh: '测试统筹区',
      nameEn: 'Test pool',
      kind: 'provincialPool',
      codeSource: 'project',
      sortOrder: 1,
    },
  });
  const content = planContent();
  const plan = {
    slug: 'beijing-test',
    ...content,
    document: { ...content.document, number: FORMULAS[6]! },
    targets: [
      { ...content.targets[0]!, clause: { ...content.targets[0]!.clause, quote: '@SUM(1) 条款' } },
    ],
  };
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/provinces/110000/plans',
    headers: admin.headers(),
    payload: plan,
  });
  expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
  const published = await ctx.app.inject({
    method: 'POST',
    url: '/api/plans/beijing-test/publish',
    headers: admin.headers(),
  });
  expect(published.statusCode, published.body.slice(0, 300)).toBe(200);
});
afterAll(async () => ctx?.close());

async function get(url: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url,
    headers: { cookie: bureau.editor.cookie },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res;
}

async function csvCells(url: string): Promise<string[]> {
  const text = (await get(url)).body.replace(/^\uFEFF/, '');
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data.flat();
}

async function xlsxCells(url: string): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await get(url)).rawPayload as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(c)));
  return cells;
}

const EXPORTS = [
  `/api/provinces/${LN}/reports/${PERIOD}/template`,
  `/api/provinces/${LN}/progress?`,
  `/api/comparison?period=${PERIOD}&dimension=all`,
  `/api/completeness?period=${PERIOD}`,
].map((u) => (u.includes('?') ? `${u}&` : `${u}?`).replace('?&', '?'));

describe('CSV written by the server', () => {
  it.each(EXPORTS)('%s: no cell starts like a formula', async (url) => {
    const cells = await csvCells(`${url}format=csv`);
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('the template puts an apostrophe before each formula-like note (= + - @ tab CR)', async () => {
    const cells = await csvCells(`${EXPORTS[0]}format=csv`);
    for (const f of FORMULAS) expect(cells).toContain(`'${f}`);
  });

  it('the comparison neutralises the plan document number, and negative gaps stay numbers', async () => {
    const cells = await csvCells(`${EXPORTS[2]}format=csv`);
    expect(cells).toContain(`'${FORMULAS[6]}`);
    const negatives = cells.filter((c) => /^-\d+(\.\d+)?$/.test(c));
    expect(negatives.length).toBeGreaterThan(0);
  });
});

describe('XLSX written by the server', () => {
  it.each(EXPORTS)('%s: no cell is a formula', async (url) => {
    const cells = await xlsxCells(`${url}format=xlsx`);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  it('the template holds each formula-like note as text, exactly as typed', async () => {
    const cells = await xlsxCells(`${EXPORTS[0]}format=xlsx`);
    // XML keeps no bare CR: ExcelJS writes it, and it reads back as a line feed
    for (const f of FORMULAS.map((x) => x.replace('\r', '\n'))) {
      const c = cells.find((x) => x.value === f);
      expect(c, f).toBeDefined();
      expect(c!.type).toBe(ExcelJS.ValueType.String);
    }
  });
});

describe('the template filled and imported again', () => {
  it('stores each formula-like note as it was typed, without the apostrophe', async () => {
    const csv = (await get(`${EXPORTS[0]}format=csv`)).rawPayload;
    const fresh = await upload(bureau, '2024Q4', 'again.csv', csv);
    expect(fresh.statusCode, fresh.body.slice(0, 300)).toBe(200);
    const notes = (await storedRows(bureau, '2024Q4'))!.map((r) => r.note);
    for (const f of FORMULAS) expect(notes).toContain(f);
  });
});
