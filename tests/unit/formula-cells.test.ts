import { describe, expect, it } from 'vitest';
import { neutraliseCell, restoreCell } from '../../server/domain/formula-cells.ts';

const formulas = [
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-1+1',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '=HYPERLINK("http://example.com","点此")',
];

describe('a cell a spreadsheet would run as a formula', () => {
  it.each(formulas)('%j is written with a leading apostrophe, and read back as typed', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(restoreCell(neutraliseCell(text) as string)).toBe(text);
  });

  it('numbers (also negative ones written as text) and ordinary text are left as they are', () => {
    for (const v of [-12.5, 0, 3, '-12.5', '+3', '-0.25', '1e5', '沈阳市', 'a=b', null])
      expect(neutraliseCell(v)).toBe(v);
  });

  it('an apostrophe someone typed before ordinary text is kept', () => {
    expect(restoreCell("'沈阳")).toBe("'沈阳");
    expect(restoreCell("'-12")).toBe("'-12");
  });
});
