import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { composeSvg, estimateWidth, tableDrawing, wrap } from './svg-draw.ts';

const caption = {
  title: '付费医疗机构覆盖率：实际覆盖与序时进度 <湖南> & "全省"',
  subtitle: '湖南省，2022年第1季度—2024年第4季度，按季度，单位 %',
  notes: ['对照省级方案：需加快，对照国家方案：已达标'],
  legend: [
    { key: 'actual', label: '实际覆盖', colour: '#0072B2', width: 2.5, swatch: 'line' as const },
    { key: 'owed', label: '应达水平', colour: '#D55E00', swatch: 'step' as const },
    { key: 'none', label: '无数据', colour: '#ffffff', swatch: 'box' as const, hatched: true },
  ],
  source: ['来源：湖南省医疗保障局季度报送', '目标依据：湘医保发〔2021〕75号'],
  asOf: '数据截至2024年第4季度，更新于2025年1月10日',
  url: 'http://127.0.0.1:3000/province/430000?period=2024Q4&lang=zh-CN',
};

describe('a chart as a standalone SVG', () => {
  it('draws title, legend, body, source, data-as-of and address as SVG text, with fonts declared and no foreignObject', () => {
    const body = {
      width: 700,
      height: 300,
      markup: '<rect width="700" height="300" fill="#eee"/>',
    };
    const svg = composeSvg(caption, body, estimateWidth);
    expect(svg).not.toContain('foreignObject');
    expect(svg).toContain("font-family=\"'Noto Sans CJK SC'");
    // text is escaped, so the document stays well-formed
    expect(svg).toContain('&lt;湖南&gt; &amp; &quot;全省&quot;');
    for (const line of [...caption.source, caption.asOf, '应达水平', '实际覆盖'])
      expect(svg).toContain(line);
    expect(svg).toContain('/province/430000?period=2024Q4&amp;lang=zh-CN');
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(width).toBe(700 + 32);
  });

  it('renders in librsvg (rsvg-convert), the renderer of most Linux tools', () => {
    const svg = composeSvg(
      caption,
      tableDrawing(
        ['省份', '统筹地区'],
        [
          [
            { text: '湖南省', sub: '湘医保发〔2021〕75号' },
            { text: '−12.4 △', fill: '#f1a340' },
          ],
        ],
        estimateWidth,
      ),
      estimateWidth,
    );
    const png = execFileSync('rsvg-convert', ['--format', 'png'], { input: svg });
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  });

  it('wraps long Chinese text anywhere and English text at spaces', () => {
    const zh = wrap('数据截至2024年第4季度，更新于2025年1月10日', 120, 12, estimateWidth);
    expect(zh.length).toBeGreaterThan(1);
    expect(zh.join('')).toBe('数据截至2024年第4季度，更新于2025年1月10日');
    const en = wrap('Data as of 2024 Q4, last updated Jan 10, 2025', 100, 12, estimateWidth);
    expect(en.length).toBeGreaterThan(1);
    for (const line of en) expect(line).not.toMatch(/^\s|\s$/);
    expect(en.join(' ')).toBe('Data as of 2024 Q4, last updated Jan 10, 2025');
  });
});
