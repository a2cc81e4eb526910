/**
 * Downloads of a chart: SVG (the chart's own SVG inside a captioned frame drawn in SVG, see
 * svg-draw.ts), PNG (that same SVG drawn onto a canvas at 2×: no DOM cloning, so even the
 * 32-row grid takes well under a second) and its data as CSV.
 */
import { type Drawing, type Measure, SVG_FONTS } from './svg-draw.ts';

/** Elements marked with this attribute (the toolbar, the screen-reader table) stay out of images. */
export const EXPORT_IGNORE = 'data-export-ignore';
/** HTML inside a chart body that the SVG export draws as text (a small multiple's heading, a badge). */
export const SVG_TEXT = 'data-svg-text';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Text widths in the export's own fonts, measured on a canvas (a grid repeats its words: cached). */
export function canvasMeasure(): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  const known = new Map<string, number>();
  return (text, size, weight = 400) => {
    const key = `${weight} ${size} ${text}`;
    let width = known.get(key);
    if (width === undefined) {
      ctx.font = `${weight} ${size}px ${SVG_FONTS}`;
      width = ctx.measureText(text).width;
      known.set(key, width);
    }
    return width;
  };
}

const transparent = (colour: string) =>
  colour === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(colour);

/** Attributes that only matter on the page (styling hooks, focus order). */
function clean(el: Element) {
  for (const a of [...el.attributes])
    if (a.name === 'class' || a.name === 'tabindex' || a.name.startsWith('data-'))
      el.removeAttribute(a.name);
  for (const child of el.children) clean(child);
}

/**
 * The drawing of a chart body as the page lays it out: each <svg> chart in it, moved to where
 * it sits and scaled from its viewBox to its size on screen, and the text marked
 * `data-svg-text` (headings and badges of small multiples).
 */
export function drawingFromDom(body: HTMLElement): Drawing {
  const origin = body.getBoundingClientRect();
  const serializer = new XMLSerializer();
  const parts: string[] = [];
  let width = 0;
  let height = 0;
  for (const el of body.querySelectorAll<Element>(`svg, [${SVG_TEXT}]`)) {
    if (el.closest(`[${EXPORT_IGNORE}]`) || el.parentElement?.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const x = r.left - origin.left;
    const y = r.top - origin.top;
    width = Math.max(width, x + r.width);
    height = Math.max(height, y + r.height);
    if (el instanceof SVGSVGElement) {
      const vb = el.viewBox.baseVal;
      const scale = vb && vb.width > 0 ? r.width / vb.width : 1;
      const g = document.createElementNS(SVG_NS, 'g');
      const shift = vb && vb.width > 0 ? ` translate(${-vb.x} ${-vb.y})` : '';
      g.setAttribute(
        'transform',
        `translate(${round(x)} ${round(y)})${scale !== 1 ? ` scale(${round(scale, 4)})` : ''}${shift}`,
      );
      for (const a of ['font-size', 'font-family', 'fill'])
        if (el.hasAttribute(a)) g.setAttribute(a, el.getAttribute(a)!);
      for (const child of el.childNodes) g.appendChild(child.cloneNode(true));
      clean(g);
      parts.push(serializer.serializeToString(g).replace(/ xmlns="[^"]*"/, ''));
    } else {
      const cs = getComputedStyle(el);
      const size = Number.parseFloat(cs.fontSize) || 12;
      if (!transparent(cs.backgroundColor))
        parts.push(
          `<rect x="${round(x)}" y="${round(y)}" width="${round(r.width)}" height="${round(r.height)}" rx="3" fill="${cs.backgroundColor}"/>`,
        );
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const left = x + (Number.parseFloat(cs.paddingLeft) || 0);
      parts.push(
        `<text x="${round(left)}" y="${round(y + r.height / 2 + size * 0.35)}" font-size="${round(size)}" font-weight="${cs.fontWeight}" fill="${cs.color}">${escapeText(text)}</text>`,
      );
    }
  }
  return { width: Math.ceil(width), height: Math.ceil(height), markup: parts.join('') };
}

const round = (v: number, digits = 2) => String(Math.round(v * 10 ** digits) / 10 ** digits);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The size an SVG document declares on its root. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('svg without a size');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * The SVG drawn onto a canvas at `scale`× and encoded as PNG. The image is declared at the
 * target size (same viewBox), so the browser rasterises the vector drawing once, at full
 * resolution, and drawImage only copies it.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const sized = svg.replace(
    /(<svg[^>]*\s)width="[\d.]+"([^>]*\s)height="[\d.]+"/,
    `$1width="${w}"$2height="${h}"`,
  );
  const url = URL.createObjectURL(new Blob([sized], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image(w, h);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    ctx.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  triggerDownload(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(csv: string, filename: string) {
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${filename}.csv`);
}

function triggerDownload(href: string, filename: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** A file name that survives every OS: letters (Chinese included), digits, dashes. */
export function safeFilename(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[\\/:*?"<>|\s〔〕]+/g, '-'))
    .join('_')
    .replace(/-+/g, '-');
}
