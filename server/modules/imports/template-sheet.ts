/**
 * The template's own reader: the cells of an .xlsx read straight from its sheet XML, from the
 * parts the upload limits already inflated: by the quick reader (quick-xml.ts, and worksheet.ts's
 * reader of plain rows) when the parts are plain XML, else by a streaming parser (saxes, the one
 * ExcelJS itself parses with). It is made for the file we hand out (template-xlsx.ts) and the same file
 * saved again by Excel or WPS: shared and inline strings, numbers, dates as serials under a date
 * format, formulas with their cached value. ExcelJS builds a whole workbook (styles, validations,
 * an object per cell) first, most of an import's parsing time.
 *
 * It gives exactly the cells and version that parse.ts's ExcelJS reading gives, or gives way:
 * for anything it does not follow (merged cells, hyperlinks, comments, drawings, tables, rich
 * text in a cell, booleans, error cells, a formula without its value or on a date, the 1904 date
 * system, XML it cannot parse) it answers undefined and ExcelJS reads the file.
 * tests/unit/template-sheet.test.ts runs both over the same files and compares.
 */
import { LimitExceeded, MAX_COLUMNS, type ZipParts } from './limits.ts';
import type { Cell } from './parse.ts';
import { NotPlain, quickXml } from './quick-xml.ts';
import { META_SHEET } from './template-xlsx.ts';
import {
  dateStyles,
  GiveWay,
  parseXml,
  saxesXml,
  sharedStrings,
  type XmlReader,
} from './workbook-xml.ts';
import { type Sheet, worksheet } from './worksheet.ts';

/** Parts ExcelJS reads into its model and this reader does not (its own patterns, xlsx.js). */
const OTHER_MODEL_PARTS =
  /xl\/media\/|xl\/drawings\/|xl\/comments\d+[.]xml|xl\/tables\/table\d+[.]xml/;
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
/**
 * Other parts ExcelJS parses as XML, so a broken one makes the file unreadable there too. A
 * sheet's relationships (Excel writes one for its printer settings) matter only through the
 * elements that use them, which this reader gives way on (hyperlinks, drawings, tables).
 */
const PARSED_PARTS =
  /^(_rels\/\.rels|docProps\/app\.xml|docProps\/core\.xml)$|xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/;
type SheetCells = { cells: Cell[][]; version: string | null } | undefined;

/**
 * The cells of the workbook's first sheet (one entry per row up to the last with values, [] for
 * a row without) and the version stamped in the hidden sheet, as parse.ts's parseXlsx returns
 * them; undefined when the file is ExcelJS's to read. Throws LimitExceeded('rows') as it does.
 * The parts are read by the quick XML reader, or by saxes when one holds XML it leaves to saxes
 * (`readers`: the test runs each alone).
 */
export function readTemplateSheet(
  parts: ZipParts,
  maxRows: number,
  readers: XmlReader[] = [quickXml, saxesXml],
): SheetCells {
  for (const reader of readers) {
    try {
      return readWith(parts, maxRows, reader);
    } catch (e) {
      if (e instanceof GiveWay) return undefined;
      if (!(e instanceof NotPlain)) throw e;
    }
  }
  return undefined;
}

function readWith(parts: ZipParts, maxRows: number, reader: XmlReader): SheetCells {
  for (const name of parts.keys()) if (OTHER_MODEL_PARTS.test(name)) return undefined;
  for (const [name, xml] of parts) if (PARSED_PARTS.test(name)) parseXml(xml, reader);
  const sheets: { name: string; id: number; rId: string }[] = [];
  let date1904 = false;
  parseXml(parts.get('xl/workbook.xml'), reader, {
    open(tag) {
      const a = tag.attributes;
      if (tag.name === 'sheet')
        sheets.push({ name: a.name!, id: Number(a.sheetId), rId: a['r:id']! });
      else if (tag.name === 'workbookPr' && a.date1904 !== undefined) date1904 = true;
    },
  });
  const targets = new Map<string, string>();
  parseXml(parts.get('xl/_rels/workbook.xml.rels'), reader, {
    open(tag) {
      if (tag.name === 'Relationship') targets.set(tag.attributes.Id!, tag.attributes.Target!);
    },
  });
  if (date1904 || !parts.has('xl/styles.xml')) return undefined;
  // the sheets in the workbook's order, each found as ExcelJS finds it (workbook-xform.js)
  const ids = new Set<number>();
  const found: { name: string; part: string }[] = [];
  for (const s of sheets) {
    if (!Number.isInteger(s.id) || s.id < 1 || ids.has(s.id)) return undefined;
    ids.add(s.id);
    const target = targets.get(s.rId);
    const part = target === undefined ? '' : `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (WORKSHEET.test(part) && parts.has(part)) found.push({ name: s.name, part });
  }
  if (new Set(found.map((s) => s.name)).size !== found.length) return undefined;
  const strings = sharedStrings(parts.get('xl/sharedStrings.xml'), reader);
  const dates = dateStyles(parts.get('xl/styles.xml'), reader);
  // every worksheet is parsed (ExcelJS parses them all, and a broken one fails the file there)
  const read = new Map<string, Sheet>();
  for (const name of parts.keys())
    if (WORKSHEET.test(name))
      read.set(
        name,
        worksheet(parts.get(name), reader, strings, dates, name === found[0]?.part ? maxRows : 2),
      );
  const meta = found.find((s) => s.name === META_SHEET);
  const stamp = meta && read.get(meta.part);
  const version = stamp?.text[0]?.[1] ? (stamp.rows[0]![1] as string) : null;
  const first = found[0] && read.get(found[0].part);
  if (!first) return { cells: [], version };
  if (first.lastRow > maxRows) throw new LimitExceeded('rows');
  const columns = Math.min(first.columns, MAX_COLUMNS);
  const cells = Array.from({ length: first.lastRow }, (_, i) => {
    const r = first.rows[i];
    if (!r) return [];
    while (r.length < columns) r.push(null);
    return r;
  });
  return { cells, version };
}
