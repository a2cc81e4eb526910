import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fixtureTrajectory } from '../api/fixtures.ts';
import { translatorFor } from '../i18n/testing.ts';
import { compareColumns, trajectoryColumns } from './columns.ts';
import { BOM, buildCsv, round } from './csv.ts';
import { trajectoryRows } from './shape.ts';
import { sourceLines } from './source.ts';

describe('CSV download', () => {
  it('starts with a BOM so Excel reads the Chinese headers, and holds the chart’s own rows', async () => {
    const t = await translatorFor('zh-CN');
    const rows = trajectoryRows(fixtureTrajectory('430000', 'fund').series[0]!);
    const csv = buildCsv(trajectoryColumns(t, 'zh-CN'), rows);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '报告期,实际覆盖率(%),分子,分母,序时进度(%),应达水平(%),国家最低要求(%),未到期',
    );
    const parsed = Papa.parse<string[]>(csv.slice(1).trim()).data.slice(1);
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((cells, i) => {
      const r = rows[i]!;
      expect(cells[0]).toBe(r.period);
      expect(cells[1]).toBe(r.actual == null ? '' : String(round(r.actual)));
      expect(cells[4]).toBe(r.planned == null ? '' : String(round(r.planned)));
      expect(cells[5]).toBe(r.owed == null ? '' : String(r.owed));
      expect(cells[7]).toBe(r.notYetDue ? '是' : '否');
    });
  });

  it('writes English headers in English, raw numbers (not locale-formatted)', async () => {
    const t = await translatorFor('en');
    const csv = buildCsv(trajectoryColumns(t, 'en'), [
      {
        period: '2023Q4',
        actual: 1234.5678,
        numerator: '1234567.25',
        denominator: '2000000.00',
        planned: null,
        owed: 70,
        nationalPlanned: null,
        nationalOwed: 70,
        notYetDue: false,
        stage: null,
        targetsInForce: [],
        nextTarget: null,
      },
    ]);
    expect(csv).toBe(
      `${BOM}Period,Actual (%),Numerator,Denominator,Planned path (%),Level owed (%),National minimum (%),Not yet due\r\n2023Q4,1234.6,1234567.25,2000000.00,,70,70,no\r\n`,
    );
  });

  it('quotes commas and keeps cell text from running as a formula', () => {
    const csv = buildCsv(
      [{ key: 'a', header: '名称', value: (r: { a: string }) => r.a }],
      [{ a: '沈阳、大连, 鞍山' }, { a: '=HYPERLINK("x")' }],
    );
    expect(csv).toBe(`${BOM}名称\r\n"沈阳、大连, 鞍山"\r\n"'=HYPERLINK(""x"")"\r\n`);
  });

  it('neutralises every formula prefix (= + - @ tab CR), while negative numbers stay numbers', () => {
    const cells = [
      "=cmd|' /C calc'!A0",
      '+1+1',
      '-1+1',
      '@SUM(1)',
      '\t=1+1',
      '\r=1+1',
      -12.5,
      '-12.5',
    ];
    const csv = buildCsv(
      [{ key: 'a', header: 'v', value: (r: { a: string | number }) => r.a }],
      cells.map((a) => ({ a })),
    );
    const read = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(read.map((r) => r[0])).toEqual([
      "'=cmd|' /C calc'!A0",
      "'+1+1",
      "'-1+1",
      "'@SUM(1)",
      "'\t=1+1",
      "'\r=1+1",
      '-12.5',
      '-12.5',
    ]);
  });

  it('small multiples put the province and its plan document on every row', async () => {
    const t = await translatorFor('zh-CN');
    const csv = buildCsv(compareColumns(t, 'zh-CN'), [
      {
        ...trajectoryRows(fixtureTrajectory('430000', 'fund').series[0]!)[0]!,
        province: '湖南省',
        document: '湘医保发〔2021〕75号',
      },
    ]);
    expect(csv.split('\r\n')[0]).toBe(
      `${BOM}省份,报告期,实际覆盖率(%),分子,分母,序时进度(%),应达水平(%),国家最低要求(%),未到期,方案文件`,
    );
    expect(csv.split('\r\n')[1]).toMatch(/^湖南省,2022Q1,.*,湘医保发〔2021〕75号$/);
  });
});

describe('source footer', () => {
  it('names the reporting bureau, the period, the plan documents and demo data', async () => {
    const t = await translatorFor('zh-CN');
    expect(
      sourceLines(
        {
          provinces: [{ nameZh: '湖南省', nameEn: 'Hunan' }],
          period: ['2022Q1', '2024Q2'],
          isDemo: true,
          documents: ['湘医保发〔2021〕75号'],
          national: '医保发〔2021〕48号',
        },
        t,
        'zh-CN',
      ),
    ).toEqual([
      '来源：湖南省医疗保障局季度报送，2022年第1季度—2024年第2季度',
      '目标依据：湘医保发〔2021〕75号；国家：医保发〔2021〕48号',
      '演示数据 demo data',
    ]);
  });

  it('in English, and without the demo line for reported data', async () => {
    const t = await translatorFor('en');
    expect(
      sourceLines({ provinces: 'all', period: '2023Q4', isDemo: false, documents: [] }, t, 'en'),
    ).toEqual([
      'Source: quarterly reports of the provincial Healthcare Security Administrations, 2023 Q4',
    ]);
  });
});

describe('source footer for a province that has not reported', () => {
  it('does not claim reports that do not exist', async () => {
    const t = await translatorFor('zh-CN');
    expect(
      sourceLines(
        {
          provinces: [{ nameZh: '北京市', nameEn: 'Beijing' }],
          period: '2024Q2',
          isDemo: false,
          reported: false,
          documents: [],
          national: '医保发〔2021〕48号',
        },
        t,
        'zh-CN',
      ),
    ).toEqual([
      '来源：北京市医疗保障局尚未报送季度数据（2024年第2季度）',
      '目标依据：国家：医保发〔2021〕48号',
    ]);
  });
});
