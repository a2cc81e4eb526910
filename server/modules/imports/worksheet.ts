/**
 * One worksheet's cells, read as ExcelJS reads them (xform/sheet/cell-xform.js), for the
 * template's own reader (template-sheet.ts): from saxes's events, or from the quick reader's,
 * whose rows come as text to a reader of plain rows (the same steps, a regular expression a
 * cell).
 */
import { MAX_COLUMNS } from './limits.ts';
import type { Cell } from './parse.ts';
import { notPlain } from './quick-xml.ts';
import {
  decodeAgain,
  giveWay,
  parseXml,
  type SharedString,
  type XmlReader,
} from './workbook-xml.ts';

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

export interface Sheet {
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

/** The column of a reference like `C7` in row 7, `row` as text (by hand: it is read for every cell). */
function columnOf(ref: string, row: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 3; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  // the rest must be the row's own number, as written on the row
  if (i === 0 || column > 16384 || ref.slice(i) !== row) giveWay();
  return column;
}

/**
 * A row and its cells as the template (ExcelJS) and Excel write them: a row's attributes in
 * double quotes, a cell's `r`, `s` and `t` in that order and its value in `<v>`, no space
 * between. The quick reader reads them with these; anything else (a formula, inline text, an
 * entity, another attribute) goes to saxes.
 */
const ROW = /<row r="(\d+)"((?: [A-Za-z_:][\w.:-]*="[^"<&]*")*)(\/?)>/y;
const ROW_ATTRIBUTE = / ([A-Za-z_:][\w.:-]*)="[^"<&]*"/g;
/** Whether a row's attributes name none twice (saxes refuses a duplicate). */
const distinct = (list: string) => {
  const names = new Set(['r']);
  ROW_ATTRIBUTE.lastIndex = 0;
  for (let m = ROW_ATTRIBUTE.exec(list); m; m = ROW_ATTRIBUTE.exec(list))
    if (names.size === names.add(m[1]!).size) return false;
  return true;
};
const CELL =
  /<c r="([A-Z]{1,3}\d+)"(?: s="(\d+)")?(?: t="([a-zA-Z]+)")?(?:\/>|>(?:<v>([^<&]*)<\/v>)?<\/c>)/y;

/** One worksheet's cells; `keepRows`: the rows kept (those below are only counted). */
export function worksheet(
  xml: Buffer | undefined,
  reader: XmlReader,
  strings: SharedString[],
  dates: boolean[],
  keepRows: number,
): Sheet {
  const sheet: Sheet = { rows: [], text: [], columns: 0, lastRow: 0 };
  let row = 0; // the open row's number, 0 outside one
  let rowText = '0';
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

  const openRow = (r: string | undefined) => {
    const n = /^\d+$/.test(r ?? '') ? Number(r) : 0;
    if (n <= sheet.lastRow || n <= row || n === 0) giveWay();
    row = n;
    rowText = String(n);
    cells = [];
    texts = [];
    width = 0;
    valued = false;
    lastColumn = 0;
  };
  const openCell = (r: string | undefined, s: string | undefined, t: string | undefined) => {
    column = columnOf(r ?? '', rowText);
    if (column <= lastColumn) giveWay();
    lastColumn = column;
    if (s !== undefined && !/^\d+$/.test(s)) giveWay();
    style = s === undefined ? 0 : Number(s);
    type = t;
    inCell = true;
    formula = formulaText = false;
    value = undefined;
  };
  const closeRow = () => {
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
    rowText = '0';
  };

  parseXml(xml, reader, {
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
      if (tag.name === 'row') openRow(a.r);
      else if (tag.name === 'c') openCell(a.r, a.s, a.t);
      else if (OTHER_SHEET_ELEMENTS.has(tag.name)) giveWay();
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
      if (tag.name === 'row') closeRow();
    },
    // the quick reader's way through the rows: the same steps, a cell at a time
    content: {
      name: 'sheetData',
      child: 'row',
      read(text) {
        let at = 0;
        let checked = '';
        while (at < text.length) {
          ROW.lastIndex = at;
          const m = ROW.exec(text) ?? notPlain();
          // (rows mostly repeat one list of attributes: checked once)
          if (m[2] && m[2] !== checked) {
            if (!distinct(m[2])) notPlain();
            checked = m[2];
          }
          openRow(m[1]);
          at = ROW.lastIndex;
          if (!m[3]) {
            CELL.lastIndex = at;
            for (let c = CELL.exec(text); c; c = CELL.exec(text)) {
              openCell(c[1], c[2], c[3]);
              if (c[4]) value = c[4]; // (saxes gives no text for <v></v>)
              inCell = false;
              finishCell();
              at = CELL.lastIndex;
            }
            if (!text.startsWith('</row>', at)) notPlain();
            at += '</row>'.length;
          }
          closeRow();
        }
      },
    },
  });
  return sheet;
}
