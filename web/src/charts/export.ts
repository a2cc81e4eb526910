/**
 * Downloads of a chart as the reader sees it: PNG (2× pixel ratio) and SVG of the whole
 * frame — title, legend, chart and source footer — and its data as CSV. html-to-image is
 * loaded on first use, so it costs nothing until someone downloads.
 */

/** Elements marked with this attribute (the toolbar, the screen-reader table) stay out of images. */
export const EXPORT_IGNORE = 'data-export-ignore';

const keep = (node: HTMLElement) => !(node instanceof Element && node.hasAttribute(EXPORT_IGNORE));

export async function downloadImage(node: HTMLElement, kind: 'png' | 'svg', filename: string) {
  const { toPng, toSvg } = await import('html-to-image');
  const options = {
    pixelRatio: 2,
    backgroundColor: '#ffffff',
    filter: keep,
    skipFonts: true,
    cacheBust: false,
  };
  const dataUrl = kind === 'png' ? await toPng(node, options) : await toSvg(node, options);
  triggerDownload(dataUrl, `${filename}.${kind}`);
}

export function downloadCsv(csv: string, filename: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  triggerDownload(url, `${filename}.csv`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
