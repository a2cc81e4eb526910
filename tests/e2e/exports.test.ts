/**
 * An analyst takes a line chart (Hunan's institutions) and the overview grid away as SVG, PNG
 * and CSV, and checks what a publication needs: the SVG is SVG (no HTML in a foreignObject),
 * renders in librsvg, carries title, legend, source, data-as-of and the page's address as
 * text in the vocabulary's words; the PNG comes within two seconds; the CSV has exact
 * numbers, no float noise. The figures measured go to test-results/export-times.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLUMN_WORDS,
  PLAN_WORDS,
  SERIES_WORDS,
  STATUS_WORDS,
} from '../../server/domain/vocabulary.ts';
import { connectBrowser, DOWNLOADS, openPage, tid } from './browser.ts';

let browser: Browser;
const times: Record<string, number> = {};
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
  await fs.mkdir(DOWNLOADS, { recursive: true });
  await fs.writeFile(
    path.join(DOWNLOADS, '../export-times.json'),
    `${JSON.stringify(times, null, 2)}\n`,
  );
});

/** Clicks a download button; the file, its suggested name and the milliseconds from click to download. */
async function download(page: Page, button: string) {
  const started = Date.now();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid(button))]);
  const file = path.join(DOWNLOADS, dl.suggestedFilename());
  await fs.mkdir(DOWNLOADS, { recursive: true });
  await dl.saveAs(file);
  const ms = Date.now() - started;
  return { file, name: dl.suggestedFilename(), body: await fs.readFile(file), ms };
}

/**
 * How long the last export took in the page (click handler to download), as the frame
 * records it; the click-to-download time measured outside also counts the test driver's
 * own actionability checks, which on a busy machine add hundreds of milliseconds.
 */
const exportMs = async (page: Page, frame: string) =>
  Number(await page.locator(tid(frame)).getAttribute('data-export-ms'));

/** What an analyst checks in an exported SVG; returns its text content. */
async function checkSvg(page: Page, svg: string, file: string): Promise<string> {
  expect(svg).not.toMatch(/foreignObject/i);
  expect(svg).toMatch(/font-family="'Noto Sans CJK SC'/);
  // parses as an SVG document (the browser's XML parser reports any error as <parsererror>)
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join('\n'),
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
  // librsvg draws it: exit 0 and a real PNG
  const png = execFileSync('rsvg-convert', ['--format', 'png', file]);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  await fs.writeFile(file.replace(/\.svg$/, '.rsvg.png'), png);
  return parsed.text;
}

/** Every cell of a CSV that looks like a number is exact: at most two decimals, no 1e-7 noise. */
function checkCsvNumbers(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
  let numbers = 0;
  for (const row of rows.slice(1))
    for (const cell of row)
      if (/^-?[\d.]+(e-?\d+)?$/.test(cell)) {
        numbers++;
        expect(cell, `float noise in ${cell}`).toMatch(/^-?\d+(\.\d{1,2})?$/);
      }
  expect(numbers).toBeGreaterThan(10);
  return rows;
}

const pngSize = (buf: Buffer) => ({ width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) });
const svgSize = (svg: string) => {
  const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
};

describe('charts an analyst can publish', () => {
  it("Hunan's institutions line chart: vector SVG, a fast PNG and an exact CSV", async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      await page.goto('/province/430000?period=2024Q3');
      const frame = tid('chart-trajectory-institutions');
      await page.locator(`${frame} .recharts-surface`).waitFor();

      const svgFile = await download(page, 'chart-trajectory-institutions-svg');
      expect(svgFile.name).toMatch(/\.svg$/);
      const svg = svgFile.body.toString('utf8');
      times.lineChartSvgBytes = svg.length;
      expect(svg.length).toBeLessThan(100_000);
      const text = await checkSvg(page, svg, svgFile.file);
      for (const word of [
        '付费医疗机构覆盖率',
        SERIES_WORDS.actual.zh,
        SERIES_WORDS.planned.zh,
        SERIES_WORDS.owed.zh,
        SERIES_WORDS.nationalOwed.zh,
        '湖南省医疗保障局',
        '湘医保发〔2021〕75号',
        '数据截至2024年第3季度',
        '/province/430000',
        '100%',
      ])
        expect(text, word).toContain(word);
      // the chart is Recharts' own drawing: its lines are paths, not a picture of them
      expect((svg.match(/<path /g) ?? []).length).toBeGreaterThanOrEqual(4);

      const png = await download(page, 'chart-trajectory-institutions-png');
      times.lineChartPngClickToDownloadMs = png.ms;
      times.lineChartPngInPageMs = await exportMs(page, 'chart-trajectory-institutions');
      expect(times.lineChartPngInPageMs).toBeLessThanOrEqual(2000);
      expect(pngSize(png.body)).toEqual({
        width: svgSize(svg).width * 2,
        height: svgSize(svg).height * 2,
      });

      const csv = await download(page, 'chart-trajectory-institutions-csv');
      const rows = checkCsvNumbers(csv.body.toString('utf8'));
      expect(rows[0]).toContain(COLUMN_WORDS.plannedPct.zh);
      expect(rows[0]).toContain(COLUMN_WORDS.owedPct.zh);
      // the three downloads share the chart's name, one per kind
      expect(
        new Set([svgFile.name, png.name, csv.name].map((n) => n.replace(/\.\w+$/, ''))).size,
      ).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('the 32-row overview grid: an SVG drawing of rectangles and text, a PNG within two seconds, an exact CSV', async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      await page.goto('/?period=2024Q4');
      await page
        .locator(`${tid('gap-grid')} tbody tr`)
        .nth(31)
        .waitFor();

      const svgFile = await download(page, 'chart-gap-grid-svg');
      const svg = svgFile.body.toString('utf8');
      times.gridSvgBytes = svg.length;
      const text = await checkSvg(page, svg, svgFile.file);
      for (const name of ['北京市', '湖南省', '新疆生产建设兵团', PLAN_WORDS.noPlan.zh])
        expect(text).toContain(name);
      expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThan(32 * 4);
      // the legend names statuses in the vocabulary's words
      expect(text).toContain(STATUS_WORDS.overdue.zh);

      const png = await download(page, 'chart-gap-grid-png');
      times.gridPngClickToDownloadMs = png.ms;
      times.gridPngInPageMs = await exportMs(page, 'chart-gap-grid');
      expect(times.gridPngInPageMs).toBeLessThanOrEqual(2000);
      expect(pngSize(png.body).width).toBe(svgSize(svg).width * 2);

      const csv = await download(page, 'chart-gap-grid-csv');
      const rows = checkCsvNumbers(csv.body.toString('utf8'));
      expect(rows.length).toBe(33);
      // a Chinese export holds Chinese words as values, not codes
      const values = rows.slice(1).flat().join(' ');
      for (const code of Object.keys(STATUS_WORDS))
        expect(values).not.toMatch(new RegExp(`\\b${code}\\b`));

      // and the server's comparison export, whole-country, is exact too
      const server = await download(page, 'download-comparison-csv');
      checkCsvNumbers(server.body.toString('utf8'));
    } finally {
      await context.close();
    }
  });

  it('no two downloads on a page share a file name', async () => {
    const { context, page } = await openPage(browser);
    // the machine may be busy: the first figures can take a while
    page.setDefaultTimeout(90_000);
    try {
      for (const [url, ready] of [
        ['/?period=2024Q4', `${tid('gap-grid')}`],
        ['/province/210000?period=2024Q4', `${tid('chart-regions')}`],
      ] as const) {
        await page.goto(url);
        await page.locator(ready).waitFor();
        await page
          .locator(`${tid('chart-trajectory-fund')}, ${tid('chart-completeness')}`)
          .first()
          .waitFor();
        const names = await page
          .locator('[data-filename]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-filename')));
        expect(names.length, url).toBeGreaterThan(2);
        expect(new Set(names).size, `${url}: ${names.join(', ')}`).toBe(names.length);
      }
    } finally {
      await context.close();
    }
  });
});
