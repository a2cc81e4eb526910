/**
 * A quick reader for the plain XML a workbook's parts are written in: elements, attributes in
 * double or single quotes, text, the five named entities, and an `<?xml …?>` declaration at the
 * start. It gives saxes's events (opentag, text, closetag; a self-closing tag opens and closes)
 * through regular expressions, which run as machine code from the first file, where saxes reads
 * the text a character at a time in JavaScript: most of an import's parsing time in a worker
 * whose code is not yet optimised, as it is after a quiet spell.
 *
 * Anything else (a comment, CDATA, a DOCTYPE, a processing instruction, a character reference, a
 * carriage return, a name outside ASCII, bytes that are not UTF-8, characters XML forbids, XML
 * that is not well formed) throws NotPlain, and saxes reads the part instead: this reader never
 * accepts what saxes would refuse, it leaves to saxes what it does not check itself.
 */
import { isUtf8 } from 'node:buffer';
import type { SaxesTagPlain } from 'saxes';
import type { Handlers } from './workbook-xml.ts';

/** The part holds XML this reader leaves to saxes. */
export class NotPlain extends Error {}
export const notPlain = (): never => {
  throw new NotPlain();
};

// (XML names, ASCII only; S is a space, tab or line feed, carriage returns having been refused)
const NAME = '[A-Za-z_:][\\w.:-]*';
const TAG = new RegExp(
  `<(/?)(${NAME})((?:[ \\t\\n]+${NAME}[ \\t\\n]*=[ \\t\\n]*(?:"[^"<]*"|'[^'<]*'))*)[ \\t\\n]*(/?)>`,
  'y',
);
const ATTRIBUTE = new RegExp(`(${NAME})[ \\t\\n]*=[ \\t\\n]*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const DECLARATION =
  /^<\?xml[ \t\n]+version="1\.0"(?:[ \t\n]+encoding="[A-Za-z][\w.-]*")?(?:[ \t\n]+standalone="(?:yes|no)")?[ \t\n]*\?>/;
/** Space before the root, where Excel writes CR LF (which saxes gives as a line feed). */
const PROLOG = /[ \t\r\n]*/y;
/** Characters XML 1.0 forbids, carriage returns (saxes turns them into line feeds) and surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\ud800-\udfff\ufffe\uffff]/g;
/** Whether `s` holds, from `at`, a character left to saxes or a `]]>` (which it refuses in text). */
const leftToSaxes = (s: string, at = 0) => {
  FORBIDDEN.lastIndex = at;
  return FORBIDDEN.test(s) || s.includes(']]>', at);
};
const ENTITY = /&([a-z]*);?/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const SPACE = /^[ \t\n]*$/;
const PIECE = 16 * 1024;

/** Text or a value with the five named entities replaced; anything else after `&` is NotPlain. */
export const decodeEntities = (text: string): string =>
  text.includes('&')
    ? text.replace(ENTITY, (whole, name: string) =>
        whole.endsWith(';') ? (ENTITIES[name] ?? notPlain()) : notPlain(),
      )
    : text;

function attributes(list: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (list === '') return out;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(list); m; m = ATTRIBUTE.exec(list)) {
    const name = m[1]!;
    if (Object.hasOwn(out, name) || name === '__proto__') notPlain(); // saxes refuses a duplicate
    const value = decodeEntities(m[2] ?? m[3]!);
    // in a value, saxes reads a tab or a line feed as a space (attribute-value normalisation)
    out[name] =
      value.includes('\t') || value.includes('\n') ? value.replace(/[\t\n]/g, ' ') : value;
  }
  return out;
}

/** The events of a document given in pieces, with the elements still open between them. */
class Events {
  readonly open: SaxesTagPlain[] = [];
  private root = false;
  // (a plain field, not a parameter property: the worker runs this file with Node's type stripping)
  private readonly on: Handlers;
  constructor(on: Handlers) {
    this.on = on;
  }

  /** Reads `s` whole; true when it ends right after an open tag named `name`. */
  read(s: string, name?: string): boolean {
    const { on, open } = this;
    let at = 0;
    if (!this.root) {
      PROLOG.lastIndex = DECLARATION.exec(s)?.[0].length ?? 0;
      const space = PROLOG.exec(s)![0];
      if (space) on.text?.(space.replace(/\r\n?/g, '\n'));
      at = PROLOG.lastIndex;
    }
    if (leftToSaxes(s, at)) notPlain();
    let opened: string | undefined;
    while (at < s.length) {
      opened = undefined;
      const lt = s.indexOf('<', at);
      const end = lt === -1 ? s.length : lt;
      if (end > at) {
        const text = s.slice(at, end);
        if (open.length) on.text?.(decodeEntities(text));
        else if (SPACE.test(text)) on.text?.(text);
        else notPlain(); // only space outside the root
      }
      if (lt === -1) break;
      TAG.lastIndex = lt;
      const m = TAG.exec(s) ?? notPlain();
      at = TAG.lastIndex;
      const tagName = m[2]!;
      const list = m[3]!;
      if (m[1]) {
        const tag = open.pop();
        if (list || m[4] || tag?.name !== tagName) notPlain();
        on.close?.(tag!);
        continue;
      }
      if (!open.length && this.root) notPlain(); // a second root
      this.root = true;
      const tag: SaxesTagPlain = {
        name: tagName,
        attributes: attributes(list),
        isSelfClosing: false,
      };
      on.open?.(tag);
      if (m[4]) {
        tag.isSelfClosing = true;
        on.close?.(tag);
      } else {
        open.push(tag);
        opened = tagName;
      }
    }
    return name !== undefined && opened === name;
  }

  end(): void {
    if (!this.root || this.open.length) notPlain();
  }
}

/** Where the first `<name` followed by a space or '>' begins, or -1. */
function openTag(xml: Buffer, name: string): number {
  for (let at = xml.indexOf(`<${name}`); at !== -1; at = xml.indexOf(`<${name}`, at + 1)) {
    const next = xml[at + name.length + 1];
    if (next === 0x3e || next === 0x20 || next === 0x09 || next === 0x0a) return at;
  }
  return -1;
}

/**
 * Reads `xml` as saxes does (plain, no namespaces), or throws NotPlain. The content of the
 * element `on.content` names, when there is one, is given to its reader as text instead of
 * events (the rows of a sheet, read faster by a reader made for them).
 */
export function quickXml(xml: Buffer, on: Handlers = {}): void {
  if (!isUtf8(xml)) notPlain();
  const events = new Events(on);
  const inside = on.content;
  const from = inside ? openTag(xml, inside.name) : -1;
  const to = inside ? xml.lastIndexOf(`</${inside.name}>`) : -1;
  if (inside && from !== -1 && to > from) {
    // (the pieces split at ASCII '<' and '>', so no character is cut in two; an open tag cut
    // short, at a '>' in an attribute's value, is not read as one)
    const start = xml.indexOf('>', from) + 1;
    if (!events.read(xml.toString('utf8', 0, start), inside.name)) notPlain();
    // in pieces of whole children: one string of a whole 200 KB sheet costs V8 more than
    // reading it (a large object); a piece ends after a child's closing tag
    const endTag = `</${inside.child}>`;
    for (let at = start; at < to; ) {
      let end = at + PIECE < to ? xml.lastIndexOf(endTag, at + PIECE) : to;
      if (end < at) end = xml.indexOf(endTag, at + PIECE);
      end = end === -1 || end >= to ? to : end + endTag.length;
      const piece = xml.toString('utf8', at, end);
      if (leftToSaxes(piece)) notPlain();
      inside.read(piece);
      at = end;
    }
    events.read(xml.toString('utf8', to));
  } else events.read(xml.toString('utf8'));
  events.end();
}
