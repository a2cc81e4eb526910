/**
 * A reviewer signs in, reads the national overview, drills into Liaoning and takes a chart
 * away: the PNG is the captioned chart at 2× (title, legend, source footer drawn in),
 * the CSV opens in Excel (BOM, Chinese headers) and holds the rows of the chart's table view.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, connectBrowser, DOWNLOADS, openPage, tid, waitForText } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Decodes the PNG in the browser and counts dark pixels in its top and bottom bands (title and footer are drawn there). */
async function inkBands(page: Page, png: Buffer) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const dark = (y0: number, y1: number) => {
      const { data } = ctx.getImageData(0, y0, canvas.width, y1 - y0);
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i]! + data[i + 1]! + data[i + 2]! < 300) n++;
      return n;
    };
    const h = canvas.height;
    return { top: dark(0, Math.round(h * 0.15)), bottom: dark(Math.round(h * 0.75), h) };
  }, png.toString('base64'));
}

async function download(page: Page, button: string, name: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(tid(button))]);
  await fs.mkdir(DOWNLOADS, { recursive: true });
  const file = path.join(DOWNLOADS, `${name}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return fs.readFile(file);
}

describe('a reviewer reads the dashboard and takes a chart away', () => {
  it('signs in, drills from the overview into Liaoning, downloads the chart as PNG and CSV', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto('/');
      await page.locator(tid('gap-grid')).waitFor();

      // sign in through the dialog; the header then shows the user and role, and the nav what the role may do
      await page.click(tid('sign-in-open'));
      await page.fill(tid('sign-in-username'), account('reviewer').username);
      await page.fill(tid('sign-in-password'), account('reviewer').password);
      await page.click(tid('sign-in-submit'));
      await waitForText(page, tid('account-user'), '审核人员');
      expect(await page.locator(tid('account-user')).textContent()).toContain(
        account('reviewer').displayName,
      );
      await page.locator(tid('nav-review')).waitFor();
      expect(await page.locator(tid('nav-entry')).count()).toBe(0);

      // overview → Liaoning through the gap grid
      await page.locator(tid('gap-grid')).waitFor();
      await page.click(`${tid('gap-grid')} a[href^="/province/210000"]`);
      await page.waitForURL(/\/province\/210000/);
      const frameSel = tid('chart-trajectory-institutions');
      await page.locator(`${frameSel} svg`).first().waitFor();
      expect(await page.locator('#province-heading').textContent()).toBe('辽宁省');

      // what the image is drawn from: the frame with its title, legend and source footer
      const frame = page.locator(frameSel);
      const title = (await frame.locator('h3').textContent()) ?? '';
      expect(title).toContain('付费医疗机构覆盖率');
      const legend = await frame.locator('.legend').innerText();
      expect(legend).toContain('实际覆盖');
      expect(legend).toContain('序时进度');
      const footer = await page.locator(tid('chart-trajectory-institutions-source')).innerText();
      expect(footer).toContain('辽宁省医疗保障局');
      expect(footer).toContain('辽医保发〔2022〕1号');
      expect(footer).toContain('演示数据');

      const chart = (await frame.locator('.recharts-surface').boundingBox())!;
      const png = await download(page, 'chart-trajectory-institutions-png', 'liaoning');
      const size = pngSize(png);
      // 2×: the chart as wide as on screen plus the frame's margins
      expect(Math.abs(size.width - (chart.width + 32) * 2)).toBeLessThanOrEqual(4);
      expect(size.height).toBeGreaterThan(chart.height * 2);
      expect(png.length).toBeGreaterThan(20_000);
      const ink = await inkBands(page, png);
      expect(ink.top).toBeGreaterThan(500); // the title
      expect(ink.bottom).toBeGreaterThan(200); // the source footer

      // the CSV: BOM, Chinese headers, and the rows the table view shows
      const csv = (await download(page, 'chart-trajectory-institutions-csv', 'liaoning')).toString(
        'utf8',
      );
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
      const [header, ...rows] = parsed;
      expect(header!.slice(0, 3)).toEqual(['报告期', '实际覆盖率(%)', '分子']);

      await page.click(tid('chart-trajectory-institutions-table'));
      const table = page.locator(tid('chart-trajectory-institutions-data'));
      await table.waitFor();
      expect(await table.locator('thead th').allTextContents()).toEqual(header);
      const shown = await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
      expect(shown.length).toBe(rows.length);
      expect(rows.length).toBeGreaterThan(8);
      rows.forEach((row, i) => {
        const view = shown[i]!;
        expect(view[0]).toBe(row[0]!.replace(/^(\d{4})Q(\d)$/, '$1年第$2季度'));
        row.slice(1).forEach((cell, j) => {
          const text = view[j + 1]!;
          if (text === '—') expect(cell).toBe('');
          // the table shows one decimal, the CSV two
          else if (/^-?[\d,.]+%?$/.test(text))
            expect(
              Math.abs(Number(cell) - Number(text.replace(/[,%]/g, ''))),
              `${row[0]} ${header![j + 1]}: CSV ${cell}, table ${text}`,
            ).toBeLessThanOrEqual(0.051);
          else expect(text).toBe(cell);
        });
      });
    } finally {
      await context.close();
    }
  });
});
