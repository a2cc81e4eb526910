/** An institution sheet as bureaus save it from Excel: GBK, full-width brackets and digits, any column order. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseInstitutionSheet } from '../../server/modules/institutions/parse.ts';

const csv = (lines: string[], encoding = 'utf8') =>
  encoding === 'utf8'
    ? Buffer.from(lines.join('\r\n'))
    : iconv.encode(lines.join('\r\n'), encoding);

describe('reading an institution sheet', () => {
  it('GBK, a title line above, columns in another order, （万元） in full width, 1,234 and １２ read as numbers', async () => {
    const parsed = await parseInstitutionSheet(
      csv(
        [
          '辽宁省 2024Q4 医疗机构明细',
          '统筹地区编码,机构编码,机构名称,是否符合条件,是否DRG/DIP付费,付费方式,住院病例数,入组病例数,住院基金支出（万元）,DRG/DIP付费基金支出（万元）',
          '210100,H001,沈阳市第一医院,是,是,drg,"1,234",１２,"1,000.5",300',
          ',,,,,,,,,',
          '210100,H002,沈阳市第二医院,否,N,,10,9,5,0',
        ],
        'gb18030',
      ),
      'jg.csv',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.fileRows).toEqual([3, 5]);
    expect(parsed.rows[0]).toMatchObject({
      institutionCode: 'H001',
      regionCode: '210100',
      eligible: true,
      paid: true,
      method: 'DRG',
      inpatientCases: 1234,
      groupedCases: 12,
      inpatientFund: '1000.5',
      secondaryPublic: null,
    });
    expect(parsed.rows[1]).toMatchObject({ eligible: false, paid: false, method: null });
  });

  it('every unreadable cell is named by its row and column; a missing column by its header', async () => {
    const bad = await parseInstitutionSheet(
      csv([
        '机构编码,统筹地区编码,是否符合条件,是否DRG/DIP付费,住院病例数,入组病例数,住院基金支出(万元),DRG/DIP付费基金支出(万元)',
        'H1,210100,也许,是,12.5,1,1.234,0',
      ]),
      'jg.csv',
    );
    expect(bad.problems.map((p) => `${p.row} ${p.column.split(' (')[0]} ${p.code}`)).toEqual([
      '2 是否符合条件 notYesNo',
      '2 住院病例数 notACount',
      '2 住院基金支出(万元) notAnAmount',
    ]);
    const missing = await parseInstitutionSheet(
      csv(['机构编码,统筹地区编码', 'H1,210100']),
      'jg.csv',
    );
    expect(missing.problems.map((p) => p.zh)).toContain('缺少列：是否符合条件');
  });
});
