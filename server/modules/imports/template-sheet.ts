/**
 * The template's own reader: the cells of an .xlsx read straight from its sheet XML with a
 * streaming parser (saxes, the one ExcelJS itself parses with), from the parts the upload limits
 * already inflated. It is made for the file we hand out (template-xlsx.ts) and the same file
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
import { META_SHEET } from './template-xlsx.ts';
import {
  dateStyles,
  decodeAgain,
  GiveWay,
  giveWay,
  parseXml,
  type SharedString,
  sharedStrings,
} from './workbook-xml.ts';

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
/** Elements of a sheet whose cells ExcelJS changes (merges) or makes objects of (links). */
const OTHER_SHEET_ELEMENTS = new Set([
  'mergeCell',
  'hyperlink',
  'drawing',
  'legacyDrawing',
  'tablePart',
]);

/** A cell as ExcelJS gives it, and whether it is plain text (what the version stamp must be). */
interface Read {
  cell: Cell;
  text: boolean;
}

interface Sheet {
  /** the cells of each row with values (index = row number − 1), MAX_COLUMNS at most */
  rows: Cell[][];
  /** plain-text flags, row and column as `rows` */
  text: boolean[][];
  /** the widest row with values (ExcelJS's columnCount) */
  columns: number;
  /** the last row with values (rows above `maxRows` are not kept) */
  lastRow: number;
}

const number = (text: string): number => {
  const n = Number.parseFloat(text);
  return Number.isNaN(n) ? giveWay() : n;
};

/** The column of a reference like `C7` in row 7 (by hand: it is read for every cell). */
function columnOf(ref: string, row: number): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 3; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  // the rest must be the row's own number, as written on the row
  if (i === 0 || column > 16384 || ref.slice(i) !== String(row)) giveWay();
  return column;
}

/** One worksheet's cells, read as ExcelJS reads them (xform/sheet/cell-xform.js). */
function worksheet(
  xml: Buffer | undefined,
  strings: SharedString[],
  dates: boolean[],
  keepRows: number,
): Sheet {
  const sheet: Sheet = { rows: [], text: [], columns: 0, lastRow: 0 };
  let row = 0; // the open row's number, 0 outside one
  let cells: Cell[] = [];
  let texts: boolean[] = [];
  let width = 0; // the row's highest column with a cell ExcelJS keeps
  let valued = false;
  let lastColumn = 0;
  // the open cell
  let column = 0;
  let style = 0;
  let type: string | undefined;
  let inCell = false;
  let formula = false;
  let formulaText = false;
  let value: string | undefined;
  let collecting: 'v' | 'f' | null = null;

  const finishCell = () => {
    const read = cellValue();
    if (read === undefined) {
      // no value: a styled cell counts in the row's width, an unstyled one is not kept
      if (style) width = column;
      return;
    }
    width = column;
    valued = true;
    if (column <= MAX_COLUMNS && row <= keepRows) {
      cells[column - 1] = read.cell;
      texts[column - 1] = read.text;
    }
  };

  const cellValue = (): Read | undefined => {
    const isDate = style ? (dates[style] ?? false) : false;
    if (formula || formulaText) {
      // a formula's cached result; without one ExcelJS gives an object, which we leave to it
      if (value === undefined || (type !== undefined && type !== 'str' && type !== 'n')) giveWay();
      if (isDate) giveWay(); // ExcelJS gives the result as a Date object here
      if (type === 'str') return { cell: decodeAgain(value!), text: false };
      return { cell: number(value!), text: false };
    }
    if (value === undefined) return undefined;
    switch (type) {
      case 's': {
        const s = strings[Number.parseInt(value, 10)] ?? giveWay();
        return { cell: s.text, text: !s.rich };
      }
      case 'str':
        return { cell: decodeAgain(value), text: true };
      case 'inlineStr':
        return { cell: value, text: true };
      case undefined:
      case 'n': {
        const n = number(value);
        if (!isDate) return { cell: n, text: false };
        const date = new Date(Math.round((n - 25569) * 24 * 3600 * 1000));
        if (Number.isNaN(date.getTime())) giveWay();
        return { cell: date.toISOString().slice(0, 10), text: false };
      }
      default:
        return giveWay(); // booleans, errors, ISO dates
    }
  };

  parseXml(xml, {
    open(tag) {
      const a = tag.attributes;
      if (inCell) {
        if (tag.name === 'v' || tag.name === 't') collecting = 'v';
        else if (tag.name === 'f') {
          collecting = 'f';
          // a shared or array formula's follower has no text but is a formula all the same
          if (a.t !== undefined) formula = true;
        } else if (tag.name !== 'is') giveWay(); // rich or phonetic inline text, anything else
        return;
      }
      switch (tag.name) {
        case 'row': {
          const n = /^\d+$/.test(a.r ?? '') ? Number(a.r) : 0;
          if (n <= sheet.lastRow || n <= row || n === 0) giveWay();
          row = n;
          cells = [];
          texts = [];
          width = 0;
          valued = false;
          lastColumn = 0;
          return;
        }
        case 'c': {
          column = columnOf(a.r ?? '', row);
          if (column <= lastColumn) giveWay();
          lastColumn = column;
          if (a.s !== undefined && !/^\d+$/.test(a.s)) giveWay();
          style = a.s === undefined ? 0 : Number(a.s);
          type = a.t;
          inCell = true;
          formula = formulaText = false;
          value = undefined;
          return;
        }
        default:
          if (OTHER_SHEET_ELEMENTS.has(tag.name)) giveWay();
      }
    },
    text(text) {
      if (collecting === 'v') value = value === undefined ? text : value + text;
      else if (collecting === 'f' && text !== '') formulaText = true;
    },
    close(tag) {
      if (inCell) {
        if (tag.name === 'c') {
          inCell = false;
          finishCell();
        } else collecting = null;
        return;
      }
      if (tag.name === 'row') {
        if (valued) {
          if (row <= keepRows) {
            // cells not written are empty, up to the row's width (MAX_COLUMNS at most)
            const n = Math.min(width, MAX_COLUMNS);
            for (let i = 0; i < n; i++) {
              cells[i] ??= null;
              texts[i] ??= false;
            }
            sheet.rows[row - 1] = cells;
            sheet.text[row - 1] = texts;
          }
          sheet.columns = Math.max(sheet.columns, width);
          sheet.lastRow = row;
        }
        row = 0;
      }
    },
  });
  return sheet;
}

/**
 * The cells of the workbook's first sheet (one entry per row up to the last with values, [] for
 * a row without) and the version stamped in the hidden sheet, as parse.ts's parseXlsx returns
 * them; undefined when the file is ExcelJS's to read. Throws LimitExceeded('rows') as it does.
 */
export function readTemplateSheet(
  parts: ZipParts,
  maxRows: number,
): { cells: Cell[][]; version: string | null } | undefined {
  try {
    for (const name of parts.keys()) if (OTHER_MODEL_PARTS.test(name)) return undefined;
    for (const [name, xml] of parts) if (PARSED_PARTS.test(name)) parseXml(xml);
    const sheets: { name: string; id: number; rId: string }[] = [];
    let date1904 = false;
    parseXml(parts.get('xl/workbook.xml'), {
      open(tag) {
        const a = tag.attributes;
        if (tag.name === 'sheet')
          sheets.push({ name: a.name!, id: Number(a.sheetId), rId: a['r:id']! });
        else if (tag.name === 'workbookPr' && a.date1904 !== undefined) date1904 = true;
      },
    });
    const targets = new Map<string, string>();
    parseXml(parts.get('xl/_rels/workbook.xml.rels'), {
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
    const strings = sharedStrings(parts.get('xl/sharedStrings.xml'));
    const dates = dateStyles(parts.get('xl/styles.xml'));
    // every worksheet is parsed (ExcelJS parses them all, and a broken one fails the file there)
    const read = new Map<string, Sheet>();
    for (const name of parts.keys())
      if (WORKSHEET.test(name))
        read.set(
          name,
          worksheet(parts.get(name), strings, dates, name === found[0]?.part ? maxRows : 2),
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
  } catch (e) {
    if (e instanceof GiveWay) return undefined;
    throw e;
  }
}
