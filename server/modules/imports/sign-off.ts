/**
 * The sign-off cells above the template's table (填报人 / 审核人 / 联系电话 / 填报日期): read
 * by their labels, so a bureau that moves them along the row is still understood. A date is
 * taken as Excel writes it (a date cell, 2024-10-15, 2024/10/15, 2024年10月15日).
 */
import type { Cell, ImportProblem } from './parse.ts';
import { SIGN_OFF, type SignOffKey } from './template-xlsx.ts';

export type SignOff = Record<SignOffKey, string | null>;

const MAX = { preparedBy: 100, checkedBy: 100, contactPhone: 50, filledOn: 10 } as const;

const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c).trim());

/** 2024-10-15 from the forms people type; null when it is no real date. */
export function readDate(value: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(value);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** An Excel date serial (days since 1899-12-30) as a date, when it is a plausible one. */
function fromSerial(n: number): string | null {
  if (!Number.isInteger(n) || n < 36526 || n > 73050) return null; // 2000 … 2099
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

export function readSignOff(above: Cell[][]): { signOff: SignOff; problems: ImportProblem[] } {
  const signOff: SignOff = {
    preparedBy: null,
    checkedBy: null,
    contactPhone: null,
    filledOn: null,
  };
  const problems: ImportProblem[] = [];
  above.forEach((row, r) => {
    row.forEach((cell, i) => {
      const label = text(cell);
      const s = SIGN_OFF.find((x) => label !== '' && label.startsWith(x.label.split(' (')[0]!));
      if (!s) return;
      const value = text(row[i + 1]);
      const name = s.label.split(' (')[0]!;
      const bad = (zh: string, en: string) =>
        problems.push({
          row: r + 1,
          column: s.label,
          path: `/signOff/${s.key}`,
          code: 'badSignOff',
          zh: `第 ${r + 1} 行「${name}」：${zh}`,
          en: `Row ${r + 1}, ${s.key}: ${en}`,
        });
      if (value === '') return;
      if (value.length > MAX[s.key] && s.key !== 'filledOn')
        bad(`超过 ${MAX[s.key]} 个字符`, `longer than ${MAX[s.key]} characters`);
      else if (s.key === 'filledOn') {
        const raw = row[i + 1];
        const iso = typeof raw === 'number' ? fromSerial(raw) : readDate(value);
        if (!iso) bad(`“${value}”不是有效日期`, `"${value}" is not a date`);
        else signOff.filledOn = iso;
      } else signOff[s.key] = value;
    });
  });
  return { signOff, problems };
}
