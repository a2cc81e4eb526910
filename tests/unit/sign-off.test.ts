import { describe, expect, it } from 'vitest';
import { readDate, readSignOff } from '../../server/modules/imports/sign-off.ts';

describe("the template's sign-off cells", () => {
  it('reads the dates people type, and no impossible one', () => {
    expect(readDate('2024-10-15')).toBe('2024-10-15');
    expect(readDate('2024/1/5')).toBe('2024-01-05');
    expect(readDate('2024年10月5日')).toBe('2024-10-05');
    expect(readDate('2023-02-29')).toBeNull();
    expect(readDate('上周五')).toBeNull();
  });

  it('finds each value beside its label, wherever the row puts it; an Excel date serial is a date', () => {
    const { signOff, problems } = readSignOff([
      ['标题'],
      ['填报人 (prepared by)', '王', null, null, '审核人', '李'],
      ['联系电话', '024-1234', '填报日期 (date)', 45117],
    ]);
    expect(problems).toEqual([]);
    expect(signOff).toEqual({
      preparedBy: '王',
      checkedBy: '李',
      contactPhone: '024-1234',
      filledOn: '2023-07-10',
    });
  });
});
