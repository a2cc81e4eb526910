/**
 * A chart as a standalone SVG document an analyst can publish (owid's CaptionedChart, drawn
 * in SVG): the title, subtitle, legend, the chart's own drawing, the source footer, the
 * "data as of" line and the page's address, all as SVG shapes and <text> with the fonts
 * declared. No <foreignObject>, so librsvg, Inkscape, Illustrator and Office read it. Pure:
 * text widths come from a `measure` function (a canvas in the browser, an estimate in tests).
 */
import type { LegendItem } from './Legend.tsx';

/** Fonts in the order a reader's machine is likely to have them (Noto Sans CJK on Linux). */
export const SVG_FONTS =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans SC', 'DejaVu Sans', sans-serif";

/** Width in px of `text` at `size` px (bold when `weight` ≥ 600). */
export type Measure = (text: string, size: number, weight?: number) => number;

/** Part of a drawing in its own coordinates: `markup` draws inside 0…width × 0…height. */
export interface Drawing {
  width: number;
  height: number;
  markup: string;
}

export interface Caption {
  title: string;
  subtitle: string;
  /** short lines under the subtitle (e.g. the status against the plan) */
  notes?: string[];
  legend?: LegendItem[];
  /** the source footer, line by line */
  source: string[];
  /** "数据截至 … · 更新于 …" */
  asOf: string;
  /** the page's address, so the chart leads back to its view */
  url: string;
}

const PAD = 16;
const INK = '#1a1a1a';
const MUTED = '#555555';

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Round to 0.01 px: enough for any screen or print, and short. */
export const n = (v: number) => String(Math.round(v * 100) / 100);

/** An estimate good enough for layout without a canvas: CJK full width, Latin a little over half. */
export const estimateWidth: Measure = (text, size, weight = 400) => {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 1 : 0.56;
  return w * size * (weight >= 600 ? 1.05 : 1);
};

/** Breaks text into lines no wider than `width`: at spaces in Latin text, anywhere in Chinese. */
export function wrap(text: string, width: number, size: number, measure: Measure, weight = 400) {
  const lines: string[] = [];
  const tokens = text.match(/[\u2e80-\uffef]|[^\s\u2e80-\uffef]+|\s+/g) ?? [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    if (line.trim() && measure(next.trimEnd(), size, weight) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** Lines of text from `y` (the first baseline) down; returns the markup and the next free y. */
function textBlock(
  lines: string[],
  y: number,
  {
    size,
    weight = 400,
    fill = INK,
    gap = 1.4,
  }: { size: number; weight?: number; fill?: string; gap?: number },
) {
  const markup = lines
    .map(
      (l, i) =>
        `<text x="${PAD}" y="${n(y + i * size * gap)}" font-size="${size}"${weight !== 400 ? ` font-weight="${weight}"` : ''} fill="${fill}">${esc(l)}</text>`,
    )
    .join('');
  return { markup, y: y + (lines.length - 1) * size * gap };
}

export const HATCH_ID = 'export-hatch';
const HATCH_DEF = `<pattern id="${HATCH_ID}" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#fff"/><line x1="0" y1="0" x2="0" y2="4" stroke="#9a9a9a" stroke-width="1.2"/></pattern>`;

/** One legend swatch, 28 × 14, at (x, y). */
function swatch(item: LegendItem, x: number, y: number): string {
  const dash = item.dash ? ` stroke-dasharray="${item.dash}"` : '';
  const stroke = `stroke="${item.colour}" stroke-width="${item.width ?? 2}"${dash} fill="none"`;
  const g = (inner: string) => `<g transform="translate(${n(x)} ${n(y)})">${inner}</g>`;
  switch (item.swatch) {
    case 'line':
      return g(`<line x1="1" y1="7" x2="27" y2="7" ${stroke}/>`);
    case 'step':
      return g(`<polyline points="1,11 14,11 14,3 27,3" ${stroke}/>`);
    case 'tick':
      return g(
        `<line x1="14" y1="1" x2="14" y2="13" stroke="${item.colour}" stroke-width="2.5"${dash}/>`,
      );
    case 'area':
      return g(
        `<rect x="1" y="1" width="26" height="12" fill="${item.colour}" fill-opacity="0.25" stroke="${item.colour}" stroke-dasharray="2 2"/>`,
      );
    case 'box': {
      const fill = item.hatched ? `url(#${HATCH_ID})` : item.colour;
      const light = item.hatched || item.colour.toLowerCase() === '#ffffff';
      const icon = item.icon
        ? `<text x="14" y="11" font-size="10" text-anchor="middle" fill="${light ? '#000' : '#fff'}">${esc(item.icon)}</text>`
        : '';
      return g(
        `<rect x="4" y="0.5" width="20" height="13" rx="2" fill="${fill}" stroke="#777" stroke-width="0.5"/>${icon}`,
      );
    }
  }
}

/** Legend items flowing left to right, wrapping at `width`. */
function legendBlock(items: LegendItem[], y: number, width: number, measure: Measure) {
  const size = 12;
  let x = PAD;
  let top = y;
  const parts: string[] = [];
  for (const item of items) {
    const w = 28 + 4 + measure(item.label, size) + 16;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      top += 20;
    }
    parts.push(swatch(item, x, top));
    parts.push(
      `<text x="${n(x + 32)}" y="${n(top + 11)}" font-size="${size}" fill="${INK}">${esc(item.label)}</text>`,
    );
    x += w;
  }
  return { markup: parts.join(''), y: top + 14 };
}

/**
 * The whole captioned chart as one SVG document, `width` wide (at least the body's width
 * plus margins); the body is placed under the legend, the footer under the body.
 */
export function composeSvg(
  caption: Caption,
  body: Drawing,
  measure: Measure,
  minWidth = 640,
): string {
  const width = Math.ceil(Math.max(minWidth, body.width + 2 * PAD));
  const inner = width - 2 * PAD;
  const out: string[] = [];
  let y = PAD + 16;
  const title = textBlock(wrap(caption.title, inner, 17, measure, 700), y, {
    size: 17,
    weight: 700,
  });
  out.push(title.markup);
  y = title.y + 20;
  const sub = textBlock(wrap(caption.subtitle, inner, 12, measure), y, { size: 12, fill: MUTED });
  out.push(sub.markup);
  y = sub.y;
  for (const note of caption.notes ?? []) {
    const block = textBlock(wrap(note, inner, 12, measure), y + 18, { size: 12 });
    out.push(block.markup);
    y = block.y;
  }
  y += 12;
  if (caption.legend?.length) {
    const legend = legendBlock(caption.legend, y, width, measure);
    out.push(legend.markup);
    y = legend.y + 10;
  }
  out.push(`<g transform="translate(${PAD} ${n(y)})">${body.markup}</g>`);
  y += body.height + 12;
  out.push(
    `<line x1="${PAD}" x2="${width - PAD}" y1="${n(y)}" y2="${n(y)}" stroke="#d6d6d6" stroke-width="1"/>`,
  );
  y += 16;
  const footer = [...caption.source, caption.asOf, caption.url].flatMap((l) =>
    wrap(l, inner, 11, measure),
  );
  const foot = textBlock(footer, y, { size: 11, fill: MUTED });
  out.push(foot.markup);
  const height = Math.ceil(foot.y + PAD);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${SVG_FONTS}" font-size="12">`,
    `<title>${esc(caption.title)}</title>`,
    `<defs>${HATCH_DEF}</defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n');
}

/** A cell of a drawn table: its text, an optional second line, colours. */
export interface TableCell {
  text: string;
  sub?: string;
  fill?: string;
  ink?: string;
  /** draw the cell hatched (no value) */
  hatched?: boolean;
}

/**
 * A table as rectangles and text (the overview grid, the regions table): header row,
 * then one row per entry; column widths fit the longest text (capped at `maxColumn`).
 */
export function tableDrawing(
  header: string[],
  rows: TableCell[][],
  measure: Measure,
  { size = 12, maxColumn = 260, minColumn = 0, numericFrom = 1 } = {},
): Drawing {
  const padX = 6;
  const rowH = rows.some((r) => r.some((c) => c.sub)) ? size * 2.9 : size * 2;
  const headH = size * 2.2;
  const widths = header.map((h, j) => {
    const texts = [h, ...rows.flatMap((r) => [r[j]?.text ?? '', r[j]?.sub ?? ''])];
    const w = Math.max(...texts.map((t) => measure(t, size, j === 0 ? 600 : 400)));
    return Math.max(j >= numericFrom ? minColumn : 0, Math.min(maxColumn, Math.ceil(w + 2 * padX)));
  });
  const xs = widths.map((_, j) => widths.slice(0, j).reduce((a, b) => a + b, 0));
  const width = widths.reduce((a, b) => a + b, 0);
  const parts: string[] = [];
  header.forEach((h, j) => {
    const anchor = j >= numericFrom ? 'middle' : 'start';
    const x = j >= numericFrom ? xs[j]! + widths[j]! / 2 : xs[j]! + padX;
    parts.push(
      `<text x="${n(x)}" y="${n(headH - size * 0.7)}" font-size="${size}" font-weight="700" text-anchor="${anchor}" fill="${INK}">${esc(h)}</text>`,
    );
  });
  parts.push(`<line x1="0" x2="${width}" y1="${n(headH)}" y2="${n(headH)}" stroke="#333"/>`);
  rows.forEach((row, i) => {
    const top = headH + i * rowH;
    row.forEach((cell, j) => {
      const fill = cell.hatched ? `url(#${HATCH_ID})` : cell.fill;
      if (fill)
        parts.push(
          `<rect x="${n(xs[j]! + 1)}" y="${n(top + 1)}" width="${n(widths[j]! - 2)}" height="${n(rowH - 2)}" fill="${fill}"/>`,
        );
      const numeric = j >= numericFrom;
      const x = numeric ? xs[j]! + widths[j]! / 2 : xs[j]! + padX;
      const anchor = numeric ? 'middle' : 'start';
      const base = cell.sub ? top + size * 1.3 : top + rowH / 2 + size * 0.35;
      parts.push(
        `<text x="${n(x)}" y="${n(base)}" font-size="${size}"${j === 0 ? ' font-weight="600"' : ''} text-anchor="${anchor}" fill="${cell.ink ?? INK}">${esc(cell.text)}</text>`,
      );
      if (cell.sub)
        parts.push(
          `<text x="${n(x)}" y="${n(base + size * 1.2)}" font-size="${n(size * 0.85)}" text-anchor="${anchor}" fill="${MUTED}">${esc(cell.sub)}</text>`,
        );
    });
    parts.push(
      `<line x1="0" x2="${width}" y1="${n(top + rowH)}" y2="${n(top + rowH)}" stroke="#e4e4e4"/>`,
    );
  });
  return { width, height: headH + rows.length * rowH, markup: parts.join('') };
}
