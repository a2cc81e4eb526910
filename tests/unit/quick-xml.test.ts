/**
 * The quick XML reader (server/modules/imports/quick-xml.ts) against saxes: on what it reads it
 * gives saxes's events, and what it leaves to saxes (NotPlain) it never reads differently or
 * accepts where saxes refuses. Hand-written parts as Excel, WPS and ExcelJS write them, and
 * XML it does not follow.
 */
import { describe, expect, it } from 'vitest';
import { NotPlain, quickXml } from '../../server/modules/imports/quick-xml.ts';
import { GiveWay, type Handlers, saxesXml } from '../../server/modules/imports/workbook-xml.ts';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** The events a reader gives for `xml`, or how it declined it. */
function events(read: (xml: Buffer, on: Handlers) => void, xml: string | Buffer) {
  const out: unknown[] = [];
  try {
    read(Buffer.from(xml), {
      open: (tag) => out.push(['open', tag.name, { ...tag.attributes }]),
      text: (text) => out.push(['text', text]),
      close: (tag) => out.push(['close', tag.name]),
    });
  } catch (e) {
    if (e instanceof NotPlain) return 'left to saxes';
    if (e instanceof GiveWay) return 'refused';
    throw e;
  }
  // saxes may give one text in pieces: joined, as every reader of ours does
  return out.reduce<unknown[]>((all, e) => {
    const last = all.at(-1) as unknown[] | undefined;
    if ((e as unknown[])[0] === 'text' && last?.[0] === 'text') last[1] += (e as string[])[1]!;
    else all.push(e);
    return all;
  }, []);
}

/** Reads `xml` both ways: the same events, unless the quick reader left it to saxes. */
function both(xml: string | Buffer) {
  const quick = events(quickXml, xml);
  const saxes = events(saxesXml, xml);
  if (quick !== 'left to saxes') expect(quick).toEqual(saxes);
  return { quick, saxes };
}

describe('the quick XML reader gives what saxes gives, or leaves the part to saxes', () => {
  it('reads the plain XML the workbooks are written in', () => {
    const plain = [
      // ExcelJS (the template as handed out)
      `${DECLARATION}\n<sst xmlns="x" count="2"><si><t>统筹地区编码 (region code)</t></si><si><t xml:space="preserve"> a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; </t></si></sst>`,
      // Excel: CR LF after the declaration, prefixed attributes, self-closing elements
      `${DECLARATION}\r\n<worksheet xmlns:x14ac="u" mc:Ignorable="x14ac"><sheetData><row r="1" spans="1:2" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"/></row></sheetData></worksheet>`,
      // no declaration, single quotes, space around '=', tabs and line breaks between attributes
      `<a x = 'y' z="1&gt;0"\n\tw="2"><b/>line one\nline two<c></c></a>\n`,
      // tabs and line feeds in an attribute's value are read as spaces
      '<a note="one\ttwo\nthree"/>',
    ];
    for (const xml of plain) expect(both(xml).quick).not.toBe('left to saxes');
  });

  it('leaves to saxes what it does not follow, read the same way there', () => {
    const unusual = [
      '<a><!-- a comment --></a>',
      '<a><![CDATA[x < y]]></a>',
      '<a>&#10;&#x41;</a>',
      '<a>line\r\nbreak</a>',
      '<a x="1\r\n2"/>',
      '<!DOCTYPE a><a/>',
      '<a><?pi data?></a>',
      '\uFEFF<a/>',
      '<名前/>',
      "<?xml version='1.0'?><a/>",
      Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), // not UTF-8
    ];
    for (const xml of unusual) expect(both(xml).quick).toBe('left to saxes');
  });

  it('never accepts XML saxes refuses', () => {
    const broken = [
      '<a><b></a></b>',
      '<a></a><b/>',
      '<a>',
      '<a/>text',
      '',
      '<a x="1" x="2"/>',
      '<a x="1"y="2"/>',
      '<a x=1/>',
      '<a x="<"/>',
      '<a>&nbsp;</a>',
      '<a>& b</a>',
      '<a>]]></a>',
      '<a>\u0001</a>',
      '</a>',
      '<a></ a>',
      `${DECLARATION}${DECLARATION}<a/>`,
    ];
    for (const xml of broken) {
      const { quick, saxes } = both(xml);
      expect({ xml, saxes }).toEqual({ xml, saxes: 'refused' });
      expect({ xml, quick }).toEqual({ xml, quick: 'left to saxes' });
    }
  });

  it('gives an element’s content to its own reader in pieces of whole children', () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    );
    const xml = `${DECLARATION}<worksheet><sheetData>${rows.join('')}</sheetData><tail a="b"/></worksheet>`;
    const pieces: string[] = [];
    const names: string[] = [];
    quickXml(Buffer.from(xml), {
      open: (tag) => names.push(tag.name),
      content: { name: 'sheetData', child: 'row', read: (text) => pieces.push(text) },
    });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => p.startsWith('<row ') && p.endsWith('</row>'))).toBe(true);
    expect(pieces.join('')).toBe(rows.join(''));
    expect(names).toEqual(['worksheet', 'sheetData', 'tail']);
  });
});
