/**
 * The XLSX template as a bureau expects it: figures in numeric cells (SUM works), drop-down
 * lists for 付费方式 and 改革阶段 (the vocabulary's words), the region code column protected
 * (the sheet is protected without a password, the cells to fill are unlocked), sign-off cells
 * (填报人 / 审核人 / 联系电话 / 填报日期) above the table, a 填报说明 sheet, and the template
 * version stamped in a hidden sheet and a defined name, checked again on import.
 */
import type ExcelJS from 'exceljs';
import { PAYMENT_METHODS } from '../../domain/types.ts';
import { STAGE_LABELS, TEMPLATE_COLUMNS, type TemplateColumn } from './template.ts';

/** Raised whenever columns, their order or the layout change: an older file is then refused. */
export const TEMPLATE_VERSION = '2026.12';
/** the hidden sheet (A1 label, B1 version) and the defined name that carry the version */
export const META_SHEET = '_template';
export const VERSION_NAME = 'TemplateVersion';

/** The sign-off cells above the table: label (as the sheet shows it) and the report field. */
export const SIGN_OFF = [
  { key: 'preparedBy', label: '填报人 (prepared by)' },
  { key: 'checkedBy', label: '审核人 (checked by)' },
  { key: 'contactPhone', label: '联系电话 (phone)' },
  { key: 'filledOn', label: '填报日期 (date)' },
] as const;
export type SignOffKey = (typeof SIGN_OFF)[number]['key'];

const HINTS: Record<TemplateColumn['kind'], string> = {
  code: '统筹地区编码（GB/T 2260），已锁定，请勿修改',
  text: '文字',
  method: '下拉选择 DRG 或 DIP（尚未启动可留空）',
  stage: `下拉选择：${Object.values(STAGE_LABELS).join(' / ')}`,
  count: '非负整数',
  money: '万元，年度累计，最多两位小数',
};

export interface TemplateRow {
  regionCode: string;
  regionName: string;
  /** figures already entered, by column key (money as decimal text) */
  figures: Partial<Record<TemplateColumn['key'], string | number | null>> | null;
}

const HEADER_ROW = 4;

export async function templateXlsx(opts: {
  title: string;
  sheet: string;
  rows: TemplateRow[];
  signOff?: Partial<Record<SignOffKey, string | null>>;
}): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'DRG/DIP reform tracker';
  const ws = wb.addWorksheet(opts.sheet.slice(0, 31));
  ws.getCell('A1').value = opts.title;
  ws.getCell('A1').font = { bold: true };
  SIGN_OFF.forEach((s, i) => {
    const label = ws.getCell(2, 1 + i * 2);
    label.value = s.label;
    label.font = { bold: true };
    const value = ws.getCell(2, 2 + i * 2);
    const v = opts.signOff?.[s.key] ?? null;
    // a date cell, so that what Excel shows and what is typed stays a date
    value.value = s.key === 'filledOn' && v ? new Date(`${v}T00:00:00Z`) : v;
    if (s.key === 'filledOn') value.numFmt = 'yyyy-mm-dd';
    value.protection = { locked: false };
    value.border = { bottom: { style: 'thin' } };
  });
  const header = ws.getRow(HEADER_ROW);
  TEMPLATE_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.kind === 'code' ? 14 : c.kind === 'text' ? 18 : 16;
  });
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.height = 60;
  opts.rows.forEach((r, k) => {
    const row = ws.getRow(HEADER_ROW + 1 + k);
    TEMPLATE_COLUMNS.forEach((c, i) => {
      fillCell(row.getCell(i + 1), c, r);
    });
  });
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }];
  // no password: the lock keeps the codes from being typed over by mistake, it is no security
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  instructions(wb.addWorksheet('填报说明'));
  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.getCell('A1').value = 'templateVersion';
  meta.getCell('B1').value = TEMPLATE_VERSION;
  wb.definedNames.add(`'${META_SHEET}'!$B$1`, VERSION_NAME);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function fillCell(cell: ExcelJS.Cell, c: TemplateColumn, r: TemplateRow) {
  if (c.key === 'regionCode') {
    cell.value = r.regionCode;
    return; // locked: the code names the region the figures belong to
  }
  if (c.key === 'regionName') {
    cell.value = r.regionName;
    return;
  }
  const v = r.figures?.[c.key] ?? null;
  cell.protection = { locked: false };
  const rule = (validation: ExcelJS.DataValidation) => {
    cell.dataValidation = {
      allowBlank: !c.required,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header.split(' (')[0],
      ...validation,
    };
  };
  switch (c.kind) {
    case 'method':
      cell.value = v;
      rule({ type: 'list', formulae: [`"${PAYMENT_METHODS.join(',')}"`], error: HINTS.method });
      break;
    case 'stage':
      cell.value = v;
      rule({
        type: 'list',
        formulae: [`"${Object.values(STAGE_LABELS).join(',')}"`],
        error: HINTS.stage,
      });
      break;
    case 'count':
      cell.value = v === null ? null : Number(v);
      cell.numFmt = '#,##0';
      rule({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: HINTS.count });
      break;
    case 'money':
      // "522348.75" → the number; two decimals shown, exact in the file's XML
      cell.value = v === null ? null : Number(v);
      cell.numFmt = '#,##0.00';
      rule({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: HINTS.money });
      break;
    default:
      cell.value = v;
  }
}

function instructions(ws: ExcelJS.Worksheet) {
  ws.getColumn(1).width = 60;
  ws.getColumn(2).width = 50;
  const lines = [
    ['填报说明 (how to fill in this template)'],
    [`模板版本 ${TEMPLATE_VERSION}：请使用系统下载的最新模板，旧版本模板导入时会被拒绝。`],
    ['每个统筹地区一行；统筹地区编码列已锁定，请勿增删行或修改编码。'],
    ['病例数与基金支出为年度累计；基金单位为万元，最多两位小数。'],
    ['付费方式与改革阶段请从下拉列表中选择。'],
    ['请在表头上方填写填报人、审核人、联系电话与填报日期，它们随报表一并保存。'],
    ['导入时全部成功或全部不保存：任一单元格有误，系统会指出行号与列名，且不保存任何数据。'],
    [],
    ['列 (column)', '填写要求 (what to enter)'],
    ...TEMPLATE_COLUMNS.map((c) => [
      c.header,
      `${HINTS[c.kind]}${c.required ? '；必填' : '；可留空'}`,
    ]),
  ];
  for (const l of lines) ws.addRow(l);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(9).font = { bold: true };
}
