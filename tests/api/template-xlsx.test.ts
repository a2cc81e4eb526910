/**
 * The XLSX template as a bureau expects it: every figure a number (so SUM works), drop-down
 * lists for 付费方式 and 改革阶段, the region codes protected while the cells to fill stay
 * editable, a 填报说明 sheet, sign-off cells that are imported and kept with the report, and
 * the template version stamped and checked: an older or unknown template is refused with 422.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_WORDS } from '../../server/domain/vocabulary.ts';
import { TEMPLATE_COLUMNS } from '../../server/modules/imports/template.ts';
import { TEMPLATE_VERSION } from '../../server/modules/imports/template-xlsx.ts';
import { build, type TestContext } from './helper.ts';
import { type Bureau, figures, filledXlsx, LN, setUpImport, upload } from './import/helpers.ts';

let ctx: TestContext;
let bureau: Bureau;

beforeAll(async () => {
  ctx = await build();
  bureau = await setUpImport(ctx);
});
afterAll(async () => ctx?.close());

async function template(period: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/provinces/${LN}/reports/${period}/template?format=xlsx`,
    headers: { cookie: bureau.editor.cookie },
  });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

const column = (key: string) => TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1;
const HEADER = 4;

describe('the XLSX template', () => {
  it('has numeric figure cells, drop-down lists, a protected code column, instructions and its version', async () => {
    // 2022Q4 was saved through the API: the template comes prefilled with its figures
    const wb = await template('2022Q4');
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(HEADER, 1).value)).toMatch(/^统筹地区编码/);
    const first = ws.getRow(HEADER + 1);
    expect(first.getCell(1).value).toBe(bureau.regionCodes[0]);
    for (const key of [
      'eligibleInstitutions',
      'coveredInstitutions',
      'inpatientCases',
      'groupedCases',
    ])
      expect(typeof first.getCell(column(key)).value, key).toBe('number');
    for (const key of ['inpatientFund', 'drgDipFund']) {
      const cell = first.getCell(column(key));
      expect(typeof cell.value, key).toBe('number');
      expect(cell.numFmt).toBe('#,##0.00');
    }
    expect(first.getCell(column('inpatientFund')).value).toBe(
      Number(figures(bureau)[0]!.inpatientFund),
    );

    const method = first.getCell(column('method')).dataValidation;
    expect(method).toMatchObject({ type: 'list', formulae: ['"DRG,DIP"'] });
    const stage = first.getCell(column('stage')).dataValidation;
    expect(stage.type).toBe('list');
    expect(stage.formulae[0]).toBe(
      `"${Object.values(STAGE_WORDS)
        .map((w) => w.zh)
        .join(',')}"`,
    );
    expect(first.getCell(column('coveredInstitutions')).dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
    });

    // the sheet is protected; the codes are locked, the cells to fill are not
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(
      true,
    );
    expect(first.getCell(1).protection?.locked ?? true).toBe(true);
    expect(first.getCell(column('stage')).protection?.locked).toBe(false);
    expect(first.getCell(column('drgDipFund')).protection?.locked).toBe(false);
    expect(ws.getCell('B2').protection?.locked).toBe(false);

    const help = wb.getWorksheet('填报说明')!;
    const text: string[] = [];
    help.eachRow((r) => text.push((r.values as unknown[]).filter(Boolean).join(' ')));
    expect(text.join('\n')).toContain(TEMPLATE_VERSION);
    for (const c of TEMPLATE_COLUMNS) expect(text.join('\n')).toContain(c.header);

    const meta = wb.getWorksheet('_template')!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell('B1').value).toBe(TEMPLATE_VERSION);
    expect(wb.definedNames.getRanges('TemplateVersion').ranges).toEqual(["'_template'!$B$1"]);
  });

  it('filled in with its sign-off cells, imports; the sign-off is kept with the report', async () => {
    const file = await filledXlsx(bureau, '2023Q2', figures(bureau), (ws) => {
      ws.getCell('B2').value = '辽宁医保局 王填报';
      ws.getCell('D2').value = '李审核';
      ws.getCell('F2').value = '024-12345678';
      ws.getCell('H2').value = new Date(Date.UTC(2023, 6, 10));
    });
    const res = await upload(bureau, '2023Q2', '辽宁_2023Q2.xlsx', file);
    expect(res.statusCode, res.body.slice(0, 400)).toBe(200);
    const signOff = {
      preparedBy: '辽宁医保局 王填报',
      checkedBy: '李审核',
      contactPhone: '024-12345678',
      filledOn: '2023-07-10',
    };
    expect(res.json().signOff).toEqual(signOff);
    const read = await ctx.app.inject({
      method: 'GET',
      url: `/api/provinces/${LN}/reports/2023Q2`,
      headers: { cookie: bureau.editor.cookie },
    });
    expect(read.json().signOff).toEqual(signOff);
    // a later save from the form keeps it; the next template shows it again
    const again = await template('2023Q2');
    expect(again.worksheets[0]!.getCell('D2').value).toBe('李审核');
  });

  it('a sign-off date that is no date is named at its cell, and nothing is imported', async () => {
    const file = await filledXlsx(bureau, '2023Q3', figures(bureau), (ws) => {
      ws.getCell('H2').value = '2023年13月1日';
    });
    const res = await upload(bureau, '2023Q3', 'bad-date.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ path: '/signOff/filledOn', code: 'badSignOff' }),
    );
    expect(await ctx.db.report.count({ where: { provinceCode: LN, period: '2023Q3' } })).toBe(0);
  });

  it.each([
    [
      'an older version',
      (wb: ExcelJS.Workbook) => (wb.getWorksheet('_template')!.getCell('B1').value = '2024.01'),
      '2024.01',
    ],
    [
      'no version (made before versions, or by hand)',
      (wb: ExcelJS.Workbook) => wb.removeWorksheet(wb.getWorksheet('_template')!.id),
      TEMPLATE_VERSION,
    ],
  ])('a template with %s is refused with 422 templateVersion', async (_what, change, named) => {
    const filled = await filledXlsx(bureau, '2023Q4', figures(bureau));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as ArrayBuffer);
    change(wb);
    const res = await upload(
      bureau,
      '2023Q4',
      'old.xlsx',
      Buffer.from(await wb.xlsx.writeBuffer()),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'templateVersion' });
    expect(res.json().zh).toContain(named);
    expect(res.json().zh).toContain('请下载新模板');
    expect(res.json().errors[0].path).toBe('/file');
    expect(await ctx.db.report.count({ where: { provinceCode: LN, period: '2023Q4' } })).toBe(0);
  });
});
