/**
 * The template's own reader (server/modules/imports/template-sheet.ts) against ExcelJS: for the
 * same file, an import must give the same rows, sign-off and problems (row and column named)
 * whichever reader read it. Run over the template as handed out, over it saved again through
 * ExcelJS with a bureau's edits, over the XML Excel and WPS write, and over broken files.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { UploadLimits } from '../../server/config.ts';
import { toXlsx } from '../../server/modules/exports/tabular.ts';
import { LimitExceeded, unpack, type ZipParts } from '../../server/modules/imports/limits.ts';
import { parseTemplate, parseXlsxWithExcelJs } from '../../server/modules/imports/parse.ts';
import { NotPlain, quickXml } from '../../server/modules/imports/quick-xml.ts';
import { STAGE_LABELS } from '../../server/modules/imports/template.ts';
import { readTemplateSheet } from '../../server/modules/imports/template-sheet.ts';
import { templateXlsx } from '../../server/modules/imports/template-xlsx.ts';
import { saxesXml, type XmlReader } from '../../server/modules/imports/workbook-xml.ts';
import { institutionTable } from '../../server/modules/institutions/list.ts';
import { parseInstitutionSheet } from '../../server/modules/institutions/parse.ts';
import { writeZip } from '../api/import/zip.ts';

const LIMITS: UploadLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxRows: 1000,
  maxUncompressedBytes: 10 * 1024 * 1024,
  parseTimeoutMs: 20_000,
  parseMemoryMb: 256,
  parallelParses: 2,
  smallFileBytes: 256 * 1024,
};

/** A quarter as the app hands it out: figures (none on every `blankEvery`th row), a signed-off date. */
function template(regions = 400, blankEvery = 7) {
  return templateXlsx({
    title: '辽宁省 2024Q4 DRG/DIP 付费改革进展填报',
    sheet: '2024Q4',
    signOff: {
      preparedBy: '张三',
      checkedBy: '李四',
      contactPhone: '024-1234',
      filledOn: '2024-10-15',
    },
    rows: Array.from({ length: regions }, (_, i) => ({
      regionCode: String(210100 + i),
      regionName: `地区${i}`,
      figures:
        blankEvery && i % blankEvery === blankEvery - 1
          ? null
          : {
              method: i % 2 ? 'DIP' : 'DRG',
              stage: Object.values(STAGE_LABELS)[i % 4]!,
              eligibleInstitutions: 300 + i,
              coveredInstitutions: 30 + i,
              inpatientCases: 170_000 + i * 13,
              groupedCases: 150_000 + i * 11,
              paidInstitutionCases: i % 3 ? 17_000 + i : null,
              paidInstitutionGroupedCases: i % 3 ? 16_000 + i : null,
              inpatientFund: (191_230.06 + i).toFixed(2),
              drgDipFund: (19_123 + i / 4).toFixed(2),
              note: i === 3 ? '含县级医院, 已复核' : null,
            },
    })),
  });
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ value }),
    (e: unknown) => ({ refused: e instanceof LimitExceeded ? e.limit : String(e) }),
  );

/**
 * Reads `file` through both readers and checks they agree; answers whether the template's own
 * reader read it (rather than giving way to ExcelJS) and what the import made of it.
 */
async function bothReaders(file: Buffer, maxRows = LIMITS.maxRows) {
  const parts = await unpack(file, LIMITS);
  const own = await settle(parseTemplate(file, 'quarter.xlsx', maxRows, parts));
  const excel = await settle(parseTemplate(file, 'quarter.xlsx', maxRows, null));
  expect(own).toEqual(excel);
  let readOwn = false;
  try {
    const cells = parts && readTemplateSheet(parts, maxRows);
    readOwn = !!cells;
    // the cells themselves too, not only what the import made of them
    if (cells) expect(cells).toEqual(await parseXlsxWithExcelJs(file, maxRows));
  } catch (e) {
    if (!(e instanceof LimitExceeded)) throw e;
    readOwn = true;
  }
  // the quick XML reader alone gives what saxes alone gives, unless it left the file to saxes
  let leftToSaxes = !parts;
  if (parts) {
    const quickOnly: XmlReader = (xml, on) => {
      try {
        quickXml(xml, on);
      } catch (e) {
        if (e instanceof NotPlain) leftToSaxes = true;
        throw e;
      }
    };
    const [fast, saxes] = [[quickOnly], [saxesXml]].map((readers) => {
      try {
        return { value: readTemplateSheet(parts, maxRows, readers) };
      } catch (e) {
        return { refused: e instanceof LimitExceeded ? e.limit : String(e) };
      }
    });
    if (!leftToSaxes) expect(fast).toEqual(saxes);
  }
  return { readOwn, quick: !leftToSaxes, result: own };
}

/** The file with its parts changed as `edit` says (name → new text, or null to drop it). */
async function edited(file: Buffer, edit: Record<string, (xml: string) => string | null>) {
  const parts = (await unpack(file, LIMITS)) as ZipParts;
  const out: { name: string; data: Buffer }[] = [];
  for (const [name, data] of parts) {
    const text = edit[name] ? edit[name](data.toString('utf8')) : data.toString('utf8');
    // an edit that finds nothing to change would test the file as handed out
    if (edit[name] && text === data.toString('utf8')) throw new Error(`nothing edited in ${name}`);
    if (text !== null) out.push({ name, data: Buffer.from(text, 'utf8') });
  }
  for (const [name, make] of Object.entries(edit))
    if (!parts.has(name)) out.push({ name, data: Buffer.from(make('') ?? '', 'utf8') });
  return writeZip(out);
}

const SHEET = 'xl/worksheets/sheet1.xml';
/** the count in E (符合条件的医疗机构数) of a row, as the template writes it */
const countCell = (row: number) => new RegExp(`<c r="E${row}" s="(\\d+)"><v>(\\d+)</v></c>`);

describe('the template’s own reader reads what ExcelJS reads', () => {
  it('reads the template as handed out, with the same rows, sign-off and version', async () => {
    const file = await template(400, 0);
    const { readOwn, quick, result } = await bothReaders(file);
    expect({ readOwn, quick }).toEqual({ readOwn: true, quick: true });
    const parsed = (result as { value: Awaited<ReturnType<typeof parseTemplate>> }).value;
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(400);
    expect(parsed.signOff?.filledOn).toBe('2024-10-15');
    expect(parsed.rows[0]).toMatchObject({ regionCode: '210100', inpatientFund: '191230.06' });
  });

  it('reads a file a bureau filled in and saved again (ExcelJS), problems named alike', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await template(40)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    ws.getCell('H2').value = new Date(Date.UTC(2024, 9, 20)); // 填报日期 typed as a date
    ws.getCell('E5').value = '1,234'; // a count typed as text, thousands separated
    ws.getCell('F5').value = '１２'; // full-width digits
    ws.getCell('G6').value = { formula: 'E6*100', result: 30_100 }; // a formula and its value
    ws.getCell('C7').value = { formula: '"DIP"', result: 'DIP' }; // a formula giving text
    ws.getCell('K8').value = 12.345; // three decimals: refused
    ws.getCell('D9').value = '半启动'; // no stage
    ws.getCell('E10').value = null; // a required count left empty
    ws.getCell('O11').value = '=A1 & "<b>"'; // a note that looks like a formula, markup in it
    ws.getCell('O12').value = 'line one\r\nline two _x0041_';
    ws.getCell('P14').border = { top: { style: 'thin' } }; // a styled cell past the columns
    {
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const { readOwn, result } = await bothReaders(file);
      expect(readOwn).toBe(true);
      const problems = (result as { value: { problems: { row: number; column: string }[] } }).value
        .problems;
      // (every seventh region was handed out without figures: its required cells are named too)
      const edits = problems.filter((p) => p.row < 11);
      expect(edits.map((p) => `${p.row} ${p.column.split(' (')[0]}`)).toEqual([
        '8 住院医保基金支出 万元，年度累计',
        '9 改革阶段 未启动/准备/模拟付费/实际付费',
        '10 符合条件的开展住院服务的医疗机构数',
      ]);
    }
  });

  it('reads the XML Excel and WPS write: inline text, shared formulas, phonetic marks, escapes', async () => {
    const file = await edited(await template(40), {
      [SHEET]: (xml) =>
        xml
          // inline text (WPS), a shared formula and its follower (Excel), a formula in text
          .replace(
            /<c r="B5" t="s"><v>\d+<\/v><\/c>/,
            '<c r="B5" t="inlineStr"><is><t xml:space="preserve"> 沈阳 </t></is></c>',
          )
          .replace(
            countCell(5),
            '<c r="E5" s="$1"><f t="shared" ref="E5:E6" si="0">E4+1</f><v>$2</v></c>',
          )
          .replace(countCell(6), '<c r="E6" s="$1"><f t="shared" si="0"/><v>$2</v></c>')
          .replace(countCell(7), '<c r="E7" s="$1" t="n"><v>1.2e3</v></c>')
          .replace(
            /<c r="O8" s="(\d+)"\/>/,
            '<c r="O8" s="$1" t="str"><f>"a"&amp;"b"</f><v>a&amp;amp;b</v></c>',
          )
          // text as a formula result's type, without a formula (ExcelJS decodes it twice)
          .replace(
            /<c r="O9" s="(\d+)"\/>/,
            '<c r="O9" s="$1" t="str"><v>R&amp;amp;D 研发</v></c>',
          ),
      'xl/sharedStrings.xml': (xml) =>
        xml
          .replace(
            '<si><t>地区1</t></si>',
            '<si><t>地区_x000D_1</t><phoneticPr fontId="1" type="noConversion"/></si>',
          )
          .replace(
            '<si><t>地区2</t></si>',
            '<si><r><rPr><b/></rPr><t>地</t></r><r><t>区2</t></r><rPh sb="0" eb="1"><t>ち</t></rPh></si>',
          ),
      'xl/calcChain.xml': () =>
        '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
      'xl/worksheets/_rels/sheet1.xml.rels': () =>
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
    });
    const { readOwn, result } = await bothReaders(file);
    expect(readOwn).toBe(true);
    expect(
      (result as { value: { rows: { eligibleInstitutions: number }[] } }).value.rows[2],
    ).toMatchObject({ eligibleInstitutions: 1200 });
  });

  it('reads the rows and strings Excel writes quickly, and leaves other XML to saxes', async () => {
    const base = await template(20);
    const excel = await edited(base, {
      [SHEET]: (xml) =>
        xml
          .replace('standalone="yes"?>\n', 'standalone="yes"?>\r\n')
          .replace('</row><row r="4" ', '</row><row r="3" ht="20" customHeight="1"/><row r="4" ')
          .replace(/<c r="I5" s="(\d+)"\/>/, '<c r="I5" s="$1"><v></v></c>'),
      'xl/sharedStrings.xml': (xml) =>
        xml.replace(
          '<si><t>地区1</t></si>',
          '<si><t xml:space="preserve">地区_x000D_1 &amp; 2 </t><phoneticPr fontId="1" type="noConversion"/></si>',
        ),
    });
    expect(await bothReaders(excel)).toMatchObject({ readOwn: true, quick: true });
    const toSaxes: Record<string, (xml: string) => string> = {
      'a line break between rows': (xml) => xml.replace('</row><row r="5"', '</row>\n<row r="5"'),
      'another attribute on a cell': (xml) =>
        xml.replace(countCell(5), '<c r="E5" s="$1" cm="1"><v>$2</v></c>'),
      'a character reference': (xml) =>
        xml.replace(countCell(5), '<c r="E5" s="$1"><v>&#49;2</v></c>'),
      'a row attribute twice': (xml) =>
        xml.replace('<row r="5" spans="1:15"', '<row r="5" spans="1:15" spans="1:15"'),
    };
    for (const [name, edit] of Object.entries(toSaxes)) {
      const { quick } = await bothReaders(await edited(base, { [SHEET]: edit }));
      expect({ name, quick }).toEqual({ name, quick: false });
    }
    const rich = await edited(base, {
      'xl/sharedStrings.xml': (xml) =>
        xml.replace(
          '<si><t>地区2</t></si>',
          '<si><r><rPr><b/></rPr><t>地</t></r><r><t>区2</t></r></si>',
        ),
    });
    expect(await bothReaders(rich)).toMatchObject({ readOwn: true, quick: false });
  });

  it('gives way to ExcelJS for what it does not follow, with the same answer', async () => {
    const base = await template(20);
    const cases: Record<string, (xml: string) => string> = {
      merged: (xml) =>
        xml.replace(
          '</sheetData>',
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:O1"/></mergeCells>',
        ),
      hyperlink: (xml) =>
        xml.replace(
          '</sheetData>',
          '</sheetData><hyperlinks><hyperlink ref="A5" location="\'2024Q4\'!A1"/></hyperlinks>',
        ),
      boolean: (xml) => xml.replace(countCell(5), '<c r="E5" s="$1" t="b"><v>1</v></c>'),
      error: (xml) => xml.replace(countCell(5), '<c r="E5" s="$1" t="e"><v>#N/A</v></c>'),
      'formula without its value': (xml) =>
        xml.replace(countCell(5), '<c r="E5" s="$1"><f>E4+1</f></c>'),
      'formula on a date': (xml) =>
        xml.replace(
          /<c r="H2" s="(\d+)"><v>(\d+)<\/v><\/c>/,
          '<c r="H2" s="$1"><f>TODAY()</f><v>$2</v></c>',
        ),
      'rich inline text': (xml) =>
        xml.replace(
          /<c r="B5" t="s"><v>\d+<\/v><\/c>/,
          '<c r="B5" t="inlineStr"><is><r><t>沈</t></r></is></c>',
        ),
      'cell without a reference': (xml) => xml.replace(countCell(5), '<c s="$1"><v>$2</v></c>'),
    };
    for (const [name, edit] of Object.entries(cases)) {
      const { readOwn } = await bothReaders(await edited(base, { [SHEET]: edit }));
      expect({ name, readOwn }).toEqual({ name, readOwn: false });
    }
    const date1904 = await edited(base, {
      'xl/workbook.xml': (xml) => xml.replace('<workbookPr ', '<workbookPr date1904="1" '),
    });
    expect((await bothReaders(date1904)).readOwn).toBe(false);
  });

  it('answers broken files as ExcelJS does', async () => {
    const base = await template(20);
    const broken = [
      base.subarray(0, base.length / 2), // cut off
      Buffer.from('PK\u0003\u0004 not really a zip'),
      await edited(base, { [SHEET]: (xml) => xml.slice(0, xml.length / 2) }),
      await edited(base, { [SHEET]: (xml) => xml.replace(/<v>0<\/v>/, '<v>99999</v>') }), // no such string
      await edited(base, { 'xl/styles.xml': (xml) => xml.replace('</styleSheet>', '') }),
      await edited(base, { 'xl/sharedStrings.xml': () => null }),
      await edited(base, {
        'docProps/core.xml': (xml) => xml.replace('<dc:creator>', '<dc:creator'),
      }),
      await edited(base, {
        'xl/workbook.xml': (xml) => xml.replace(/<sheets>.*<\/sheets>/, '<sheets/>'),
      }),
      await edited(base, {
        [SHEET]: (xml) => xml.replace('<sheetData>', '<sheetData><![CDATA[x]]>'),
      }),
    ];
    for (const file of broken) await bothReaders(file);
  });

  it('reads an institution sheet as the app writes it, with the same rows and problems', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({
      institutionCode: `H${String(i).padStart(8, '0')}`,
      name: i === 7 ? '' : `医院${i}`,
      regionCode: String(210100 + (i % 40)),
      secondaryPublic: i % 3 === 0,
      eligible: i !== 9,
      paid: i % 2 === 0,
      method: i % 2 ? 'DIP' : 'DRG',
      inpatientCases: i === 11 ? -1 : 1000 + i, // a negative count: a problem in both
      groupedCases: 900 + i,
      inpatientFund: (1234.5 + i).toFixed(2),
      drgDipFund: (234.5 + i).toFixed(2),
    }));
    const file = await toXlsx(institutionTable('sheet', '机构明细', rows as never));
    const parts = await unpack(file, { ...LIMITS, maxRows: 20_010 });
    expect(readTemplateSheet(parts!, 20_010)).toEqual(await parseXlsxWithExcelJs(file, 20_010));
    const own = await parseInstitutionSheet(file, 'sheet.xlsx', parts);
    expect(own).toEqual(await parseInstitutionSheet(file, 'sheet.xlsx', null));
    expect(own.problems.length).toBeGreaterThan(0);
  });

  it('refuses a sheet over the row limit as ExcelJS does', async () => {
    const { readOwn, result } = await bothReaders(await template(120), 100);
    expect(readOwn).toBe(true);
    expect(result).toEqual({ refused: 'rows' });
  });
});
