/**
 * The workbook parts a sheet's cells depend on, read as ExcelJS reads them (its xform classes,
 * 4.4.0): which cell styles show a number as a date, and the shared strings. For the template's
 * own reader (template-sheet.ts), which gives way to ExcelJS on anything these do not follow.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { decodeEntities, notPlain } from './quick-xml.ts';

/** Thrown when the file holds something this reader does not follow: ExcelJS reads it. */
export class GiveWay extends Error {}
export const giveWay = (): never => {
  throw new GiveWay();
};

export interface Handlers {
  open?(tag: SaxesTagPlain): void;
  text?(text: string): void;
  close?(tag: SaxesTagPlain): void;
  /**
   * An element whose content the quick reader gives as text to `read`, in pieces that each end
   * after a `child` element, which reads it all or throws NotPlain (saxes gives its events as
   * any other's).
   */
  content?: { name: string; child: string; read(text: string): void };
}

/** A reader of a part's XML: saxes (any XML), or quick-xml.ts's (plain XML, else NotPlain). */
export type XmlReader = (xml: Buffer, on?: Handlers) => void;

/** A part read by `reader`; a part that is missing leaves the file to ExcelJS. */
export function parseXml(
  xml: Buffer | undefined,
  reader: XmlReader = saxesXml,
  on: Handlers = {},
): void {
  if (!xml) giveWay();
  reader(xml!, on);
}

/** Any XML, as ExcelJS parses it (the same parser); a part saxes refuses leaves the file to ExcelJS. */
export function saxesXml(xml: Buffer, on: Handlers = {}): void {
  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('error', giveWay);
  parser.on('cdata', giveWay); // ExcelJS ignores CDATA text: not worth following
  if (on.open) parser.on('opentag', on.open);
  if (on.text) parser.on('text', on.text);
  if (on.close) parser.on('closetag', on.close);
  // in pieces: one string of a whole 200 KB sheet costs V8 more than parsing it
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let at = 0; at < xml.length; at += PIECE)
    parser.write(decoder.decode(xml.subarray(at, at + PIECE), { stream: true }));
  parser.write(decoder.decode()).close();
}
const PIECE = 16 * 1024;

/** ExcelJS's reading of a date format (utils.isDateFmt): y, m, d, h, s or b outside quotes and []. */
const isDateFormat = (code: string) =>
  /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
/** The built-in formats ExcelJS knows that are dates (defaultnumformats.js: 14–22, 45–47). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style (cellXfs index): whether ExcelJS reads a number in it as a date. */
export function dateStyles(xml: Buffer | undefined, reader?: XmlReader): boolean[] {
  const formats = new Map<number, string>();
  const dates: boolean[] = [];
  let inCellXfs = false;
  parseXml(xml, reader, {
    open(tag) {
      const a = tag.attributes;
      if (tag.name === 'numFmt') formats.set(Number.parseInt(a.numFmtId!, 10), a.formatCode!);
      else if (tag.name === 'cellXfs') inCellXfs = true;
      else if (tag.name === 'xf' && inCellXfs) {
        const id = Number.parseInt(a.numFmtId ?? '', 10);
        const custom = formats.get(id);
        dates.push(id ? (custom ? isDateFormat(custom) : BUILT_IN_DATES.has(id)) : false);
      }
    },
    close(tag) {
      if (tag.name === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/** ExcelJS's decoding of `_x000D_` in a shared string's text (upper-case hex only, as there). */
const decodeEscapes = (s: string) =>
  s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** ExcelJS decodes a `str` cell's text once more after the XML parser (utils.xmlDecode). */
const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&apos;': "'",
  '&quot;': '"',
};
export const decodeAgain = (s: string) => s.replace(/&([a-z]*);/g, (e) => ENTITIES[e] ?? e);

export interface SharedString {
  text: string;
  /** rich text (runs): ExcelJS gives an object, which is never the version stamp */
  rich: boolean;
}

/** The shared strings: `<si><t>…</t></si>`, or runs `<si><r><t>…</t></r>…</si>`, phonetic parts ignored. */
export function sharedStrings(xml: Buffer | undefined, reader?: XmlReader): SharedString[] {
  if (!xml) return [];
  const out: SharedString[] = [];
  let plain: string[] | null = null; // texts of the item's own <t>
  let runs: string[] | null = null; // texts of its runs
  let plainCount = 0;
  let depth = 0; // inside <si>: 1; inside its <t>, <r> or <rPh>: 2; a run's <t>: 3
  let into: string[] | null = null; // where text goes now
  let phonetic = false;
  parseXml(xml, reader, {
    open(tag) {
      if (tag.name === 'si' && depth === 0) {
        depth = 1;
        plain = runs = null;
        plainCount = 0;
        return;
      }
      if (depth === 0) return;
      depth++;
      if (phonetic) return;
      if (depth === 2 && tag.name === 't') {
        plainCount++;
        into = plain = [];
      } else if (depth === 2 && tag.name === 'r') {
        runs ??= [];
        runs.push('');
      } else if (depth === 2 && tag.name === 'rPh') phonetic = true;
      else if (depth === 3 && tag.name === 't' && runs) into = [];
    },
    text(text) {
      into?.push(text);
    },
    close(tag) {
      if (depth === 0) return;
      if (depth === 1) {
        // an empty item, several texts, or text beside runs: ExcelJS gives odd values
        if (plainCount > 1 || (plain && runs) || (!plain && !runs)) giveWay();
        const text = plain ? decodeEscapes((plain as string[]).join('')) : runs!.join('');
        out.push({ text, rich: !plain });
      } else if (depth === 2 && tag.name === 'rPh') phonetic = false;
      else if (into && tag.name === 't') {
        if (depth === 3 && runs) runs[runs.length - 1] = decodeEscapes(into.join(''));
        into = null;
      }
      depth--;
    },
    // the quick reader's way through plain items (a text, perhaps its phonetic settings)
    content: {
      name: 'sst',
      child: 'si',
      read(text) {
        PLAIN_ITEM.lastIndex = 0;
        for (let at = 0; at < text.length; at = PLAIN_ITEM.lastIndex) {
          const m = PLAIN_ITEM.exec(text) ?? notPlain();
          out.push({ text: decodeEscapes(decodeEntities(m[1]!)), rich: false });
        }
      },
    },
  });
  return out;
}

const PLAIN_ITEM =
  /<si><t(?: xml:space="preserve")?>([^<]*)<\/t>(?:<phoneticPr fontId="\d+"(?: type="[A-Za-z]+")?(?: alignment="[A-Za-z]+")?\/>)?<\/si>/y;
